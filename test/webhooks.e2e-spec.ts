import { ChildProcess, spawn } from 'node:child_process';
import { createServer as createHttpServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo, connect, createServer } from 'node:net';
import { join } from 'node:path';
import { Webhook } from 'standardwebhooks';
import { addDays, isoWeekday } from '@sow/domain';
import { TestApp, waitFor } from '@sow/testing';

/**
 * Webhooks end to end: the real api and a real worker process on PostgreSQL and a private Redis (restarted
 * in the last test; the shared one is never touched), delivering to a receiver on 127.0.0.1 (allow-listed)
 * that verifies every request with the standardwebhooks package. Retry delays are scaled down 1000×.
 */
const ROOT = join(__dirname, '..');
const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
const today = new Date().toISOString().slice(0, 10);
const monday = addDays(today, 8 - isoWeekday(today));

interface Received {
  path: string;
  id: string;
  type: string;
  signatures: number;
  /** Which of the receiver's known secrets verified the request (standardwebhooks' Webhook.verify). */
  verifiedBy: string[];
}

/** A webhook receiver: per path, the secrets it knows and how it answers. */
class Receiver {
  readonly received: Received[] = [];
  readonly secrets = new Map<string, Map<string, string>>();
  readonly answer = new Map<string, (req: IncomingMessage) => { status: number; headers?: Record<string, string> }>();
  private server: Server | undefined;
  port = 0;

  async start(): Promise<void> {
    this.server = createHttpServer((req: IncomingMessage, res: ServerResponse) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        const path = req.url ?? '/';
        const headers = { 'webhook-id': String(req.headers['webhook-id']), 'webhook-timestamp': String(req.headers['webhook-timestamp']), 'webhook-signature': String(req.headers['webhook-signature']) };
        const verifiedBy: string[] = [];
        for (const [label, secret] of this.secrets.get(path) ?? new Map<string, string>()) {
          try {
            new Webhook(secret).verify(body, headers);
            verifiedBy.push(label);
          } catch {
            // not signed with this one
          }
        }
        this.received.push({ path, id: headers['webhook-id'], type: (JSON.parse(body) as { type: string }).type, signatures: headers['webhook-signature'].split(' ').length, verifiedBy });
        const answer = this.answer.get(path)?.(req) ?? { status: 204 };
        res.writeHead(answer.status, answer.headers ?? {});
        res.end();
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
  }

  url(path: string): string {
    return `http://127.0.0.1:${this.port}${path}`;
  }

  at(path: string): Received[] {
    return this.received.filter((r) => r.path === path);
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

function exited(child: ChildProcess): Promise<void> {
  return child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise((resolve) => child.once('exit', () => resolve()));
}

const WEBHOOK_ENV = { WEBHOOK_ALLOWED_HOSTS: '127.0.0.1', WEBHOOK_RETRY_SCALE: '0.001', WEBHOOK_TIMEOUT_MS: '5000' };

describe('webhooks (real api, worker, PostgreSQL, private Redis)', () => {
  let t: TestApp;
  let redis: ChildProcess | undefined;
  let worker: ChildProcess;
  let workerOutput = '';
  let redisPort: number;
  const receiver = new Receiver();
  let admin: string;

  const startRedis = async (): Promise<void> => {
    redis = spawn('redis-server', ['--port', String(redisPort), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
    await waitFor(
      async () => new Promise<boolean>((resolve) => {
        const socket = connect(redisPort, '127.0.0.1');
        socket.once('connect', () => (socket.end(), resolve(true)));
        socket.once('error', () => resolve(false));
      }),
      10000,
      'the private redis to listen',
    );
  };
  const stopRedis = async (): Promise<void> => {
    if (!redis) return;
    redis.kill('SIGKILL');
    await exited(redis);
    redis = undefined;
  };

  const register = async (path: string, events: string[]): Promise<{ id: string; secret: string }> => {
    const res = await t.http.post('/api/v1/webhook-endpoints').set(auth(admin)).send({ url: receiver.url(path), events, description: path });
    expect(res.status).toBe(201);
    receiver.secrets.set(path, new Map([['current', res.body.secret as string]]));
    return { id: res.body.id as string, secret: res.body.secret as string };
  };
  const deliveries = async (endpointId: string) =>
    (await t.http.get(`/api/v1/webhook-endpoints/${endpointId}/deliveries`).set(auth(admin))).body as {
      items: Array<{ id: string; messageId: string; eventType: string; status: string; attempts: number; responseStatus: number | null; latencyMs: number | null }>;
      total: number;
    };

  beforeAll(async () => {
    redisPort = await freePort();
    await startRedis();
    await receiver.start();
    t = await TestApp.start({ runProcessors: false, env: { REDIS_URL: `redis://127.0.0.1:${redisPort}`, ...WEBHOOK_ENV } });
    await t.reset();
    worker = spawn(process.execPath, ['-r', '@swc-node/register', join(ROOT, 'apps/worker/src/main.ts')], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH, NODE_ENV: 'test', DATABASE_URL: t.config.databaseUrl, REDIS_URL: `redis://127.0.0.1:${redisPort}`, QUEUE_PREFIX: t.config.queuePrefix,
        LOG_LEVEL: 'warn', LOG_PRETTY: 'false', ...WEBHOOK_ENV,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    worker.stdout?.on('data', (c: Buffer) => (workerOutput += c.toString()));
    worker.stderr?.on('data', (c: Buffer) => (workerOutput += c.toString()));
    admin = await t.tokenFor('admin');
  }, 60000);

  afterAll(async () => {
    worker?.kill('SIGKILL');
    if (worker) await exited(worker);
    if (!redis) await startRedis(); // closing BullMQ needs a reachable Redis
    await t.close();
    await stopRedis();
    await receiver.stop();
  });

  it('refuses private and metadata addresses not allow-listed, and unknown event types, naming the field', async () => {
    const metadata = await t.http.post('/api/v1/webhook-endpoints').set(auth(admin)).send({ url: 'http://169.254.169.254/latest/meta-data', events: ['sow.approved'] });
    expect(metadata.status).toBe(422);
    expect(metadata.body.details).toEqual([expect.objectContaining({ field: 'url', rule: 'publicAddress' })]);
    const privateRange = await t.http.post('/api/v1/webhook-endpoints').set(auth(admin)).send({ url: 'http://10.0.0.8/hook', events: ['sow.approved'] });
    expect(privateRange.status).toBe(422);
    const typo = await t.http.post('/api/v1/webhook-endpoints').set(auth(admin)).send({ url: receiver.url('/x'), events: ['sow.aproved'] });
    expect(typo.status).toBe(400);
    expect(typo.body.details).toEqual([expect.objectContaining({ field: 'events.0', rule: 'isEventType' })]);
    const sm = await t.tokenFor('senior_manager');
    expect((await t.http.get('/api/v1/webhook-endpoints').set(auth(sm))).status).toBe(403);
    expect((await t.http.get('/api/v1/webhook-endpoints').set(auth(admin))).body).toEqual([]);
  });

  it('approving a SOW delivers sow.approved, then staffing_plan.proposed, each verified by its signature', async () => {
    const endpoint = await register('/crm', ['sow.approved', 'staffing_plan.proposed']);
    const em = await t.tokenFor('engagement_manager');
    const sm = await t.tokenFor('senior_manager');
    const customer = await t.http.post('/api/v1/customers').set(auth(em)).send({ name: 'Webhook Co', region: 'EMEA' });
    const sow = await t.http.post('/api/v1/sows').set(auth(em)).send({ customerId: customer.body.id, title: 'Install', startDate: monday, endDate: addDays(monday, 40), currency: 'USD' });
    await t.http.post(`/api/v1/sows/${sow.body.id}/scope-items`).set(auth(em)).send({ templateKey: 'install-ra-1k', parameters: { cloud: 'aws' }, startDate: monday, endDate: addDays(monday, 25) });
    expect((await t.http.post(`/api/v1/sows/${sow.body.id}/submit`).set(auth(em)).send({})).status).toBe(200);
    expect((await t.http.post(`/api/v1/sows/${sow.body.id}/approve`).set(auth(sm)).send({ reason: 'go' })).status).toBe(200);

    await waitFor(async () => receiver.at('/crm').length >= 2, 45000, `both events at the receiver (worker: ${workerOutput.slice(-800)})`);
    const got = receiver.at('/crm');
    expect(got.map((r) => r.type)).toEqual(['sow.approved', 'staffing_plan.proposed']);
    expect(got.every((r) => r.verifiedBy.includes('current') && r.id.startsWith('msg_'))).toBe(true);
    const list = await deliveries(endpoint.id);
    expect(list.total).toBe(2);
    expect(list.items.map((d) => [d.eventType, d.status, d.attempts, d.responseStatus])).toEqual(
      expect.arrayContaining([['sow.approved', 'succeeded', 1, 204], ['staffing_plan.proposed', 'succeeded', 1, 204]]),
    );
    expect(list.items.every((d) => typeof d.latencyMs === 'number')).toBe(true);
  }, 60000);

  it('retries a receiver that is down and succeeds with the same webhook-id; a replay sends it again', async () => {
    const endpoint = await register('/flaky', ['sow.approved']);
    let calls = 0;
    receiver.answer.set('/flaky', () => (++calls <= 3 ? { status: 503 } : { status: 200 }));
    const test = await t.http.post(`/api/v1/webhook-endpoints/${endpoint.id}/test`).set(auth(admin)).send({});
    expect(test.status).toBe(202);
    const done = await waitFor(async () => (await deliveries(endpoint.id)).items.find((d) => d.status === 'succeeded'), 20000, 'the flaky delivery to succeed');
    expect(done.attempts).toBe(4);
    const ids = receiver.at('/flaky').map((r) => r.id);
    expect(ids).toHaveLength(4);
    expect(new Set(ids)).toEqual(new Set([test.body.messageId]));
    expect(receiver.at('/flaky').every((r) => r.verifiedBy.includes('current'))).toBe(true);

    const replay = await t.http.post(`/api/v1/webhook-endpoints/${endpoint.id}/deliveries/${done.id}/replay`).set(auth(admin)).send({});
    expect(replay.status).toBe(202);
    await waitFor(async () => receiver.at('/flaky').length === 5, 10000, 'the replay');
    expect(receiver.at('/flaky')[4].id).toBe(test.body.messageId);
  }, 30000);

  it('disables an endpoint that answers 410 Gone', async () => {
    const endpoint = await register('/gone', ['sow.approved']);
    receiver.answer.set('/gone', () => ({ status: 410 }));
    expect((await t.http.post(`/api/v1/webhook-endpoints/${endpoint.id}/test`).set(auth(admin)).send({})).status).toBe(202);
    const disabled = await waitFor(async () => {
      const res = await t.http.get(`/api/v1/webhook-endpoints/${endpoint.id}`).set(auth(admin));
      return res.body.enabled === false ? res.body : undefined;
    }, 15000, 'the endpoint to be disabled');
    expect(disabled.disabledReason).toBe('gone');
    expect(receiver.at('/gone')).toHaveLength(1);
    expect((await deliveries(endpoint.id)).items[0]).toMatchObject({ status: 'failed', responseStatus: 410, attempts: 1 });
    const notice = (await t.dataSource.query(`SELECT payload FROM outbox_events WHERE type = 'webhook_endpoint.disabled'`)) as Array<{ payload: { endpointId: string; reason: string } }>;
    expect(notice.map((n) => n.payload)).toEqual([expect.objectContaining({ endpointId: endpoint.id, reason: 'gone' })]);
    expect((await t.http.post(`/api/v1/webhook-endpoints/${endpoint.id}/test`).set(auth(admin)).send({})).status).toBe(409);
  }, 30000);

  it('during a secret rotation signs with both secrets, each verifying on its own', async () => {
    const endpoint = await register('/rotate', ['sow.approved']);
    const rotated = await t.http.post(`/api/v1/webhook-endpoints/${endpoint.id}/rotate-secret`).set(auth(admin)).send({ graceSeconds: 3600 });
    expect(rotated.status).toBe(200);
    expect(rotated.body.secret).toMatch(/^whsec_/);
    expect(rotated.body.secret).not.toBe(endpoint.secret);
    expect(rotated.body.previousSecretExpiresAt).not.toBeNull();
    receiver.secrets.set('/rotate', new Map([['old', endpoint.secret], ['new', rotated.body.secret as string]]));
    await t.http.post(`/api/v1/webhook-endpoints/${endpoint.id}/test`).set(auth(admin)).send({});
    await waitFor(async () => receiver.at('/rotate').length === 1, 10000, 'the rotated delivery');
    expect(receiver.at('/rotate')[0]).toMatchObject({ signatures: 2, verifiedBy: ['old', 'new'] });

    const ended = await t.http.post(`/api/v1/webhook-endpoints/${endpoint.id}/rotate-secret`).set(auth(admin)).send({ graceSeconds: 0 });
    receiver.secrets.set('/rotate', new Map([['new', rotated.body.secret as string], ['newest', ended.body.secret as string]]));
    await t.http.post(`/api/v1/webhook-endpoints/${endpoint.id}/test`).set(auth(admin)).send({});
    await waitFor(async () => receiver.at('/rotate').length === 2, 10000, 'the second delivery');
    expect(receiver.at('/rotate')[1]).toMatchObject({ signatures: 1, verifiedBy: ['newest'] });
  }, 30000);

  it('loses nothing when Redis restarts empty with deliveries waiting on it', async () => {
    const endpoint = await register('/later', ['sow.approved']);
    // 503 + Retry-After: 10000 s (×0.001 = a 10 s delayed job in Redis) for the first attempt of each message.
    const seen = new Set<string>();
    receiver.answer.set('/later', (req) => {
      const id = String(req.headers['webhook-id']);
      if (seen.has(id)) return { status: 200 };
      seen.add(id);
      return { status: 503, headers: { 'Retry-After': '10000' } };
    });
    const sent: string[] = [];
    for (let i = 0; i < 5; i++) sent.push((await t.http.post(`/api/v1/webhook-endpoints/${endpoint.id}/test`).set(auth(admin)).send({})).body.messageId as string);
    await waitFor(async () => seen.size === 5, 15000, 'every first attempt');
    await waitFor(async () => (await deliveries(endpoint.id)).items.every((d) => d.status === 'pending' && d.attempts === 1), 5000, 'every delivery waiting to retry');

    await stopRedis();
    await startRedis(); // empty: the delayed retry jobs are gone
    const delivered = await waitFor(
      async () => {
        const list = await deliveries(endpoint.id);
        return list.items.every((d) => d.status === 'succeeded') ? list.items : undefined;
      },
      45000,
      `every delivery after the restart (worker: ${workerOutput.slice(-800)})`,
    );
    expect(delivered).toHaveLength(5);
    expect(delivered.every((d) => d.attempts === 2)).toBe(true);
    const later = receiver.at('/later');
    expect(new Set(later.map((r) => r.id))).toEqual(new Set(sent));
    expect(later.every((r) => r.verifiedBy.includes('current'))).toBe(true);
  }, 70000);
});
