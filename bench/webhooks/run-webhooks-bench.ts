/**
 * Webhook fan-out: N outbox events (default 10,000) to 5 subscribed endpoints (local receivers on 127.0.0.1,
 * allow-listed) through the real path: a worker process (apps/worker, built with swc at start) dispatching
 * from the outbox into PostgreSQL deliveries and a BullMQ queue on Redis, signing and posting each one.
 * Measures throughput and the outbox-to-delivery latency (the envelope's `timestamp`, the outbox row's
 * created_at, to the receiver's clock: same machine). Baseline, in the same run: the same number of signed
 * POSTs sent straight from this process with the same concurrency, no database and no queue (the HTTP
 * ceiling of the machine). Rewrites the webhooks region of BENCHMARKS.md.
 *
 *   npm run bench:webhooks -- [--events 10000] [--endpoints 5] [--batch 100]
 */
import { ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createServer, IncomingMessage, Server, ServerResponse, Agent, request } from 'node:http';
import { AddressInfo } from 'node:net';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { EventType } from '../../libs/domain/src';
import { newMessageId, newWebhookSecret, webhookHeaders } from '../../libs/core/src/webhooks/webhook-signature';
import { WEBHOOK_CONCURRENCY } from '../../libs/processors/src/webhooks.processor';
import { ADMIN_URL, arg, machine, REDIS_URL, rewriteBenchmarks, ROOT } from '../api/harness';
import { createMigratedDatabase } from '../generator/load-organisation';

const DB_NAME = process.env.BENCH_DB_NAME ?? 'sow_bench_webhooks';
/** An event that triggers no rebalance, so the worker does webhook work only. */
const EVENT: EventType = 'sow.health_changed';

interface Receipt {
  id: string;
  latencyMs: number;
  at: number;
}

/** A receiver that acknowledges everything and notes when each webhook-id first arrived. */
async function startReceiver(label: number, receipts: Map<string, Receipt>, counters: { requests: number }): Promise<{ server: Server; url: string }> {
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const now = Date.now();
      counters.requests += 1;
      const id = `${label}${req.url}|${String(req.headers['webhook-id'])}`;
      if (!receipts.has(id)) {
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { timestamp: string };
        receipts.set(id, { id, latencyMs: now - Date.parse(body.timestamp), at: now });
      }
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

async function waitUntil(probe: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!probe()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** The baseline: the same signed POSTs straight from this process, `concurrency` at a time. */
async function directPosts(urls: readonly string[], events: number, concurrency: number): Promise<number> {
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const secret = newWebhookSecret();
  const jobs: Array<{ url: string; body: string }> = [];
  for (let i = 0; i < events; i++) {
    const body = JSON.stringify({ type: EVENT, version: 1, timestamp: new Date().toISOString(), data: { sowId: randomUUID(), from: 'on_track', to: 'at_risk', reasons: [], burn: 0.5, asOf: '2027-01-04' } });
    for (const url of urls) jobs.push({ url: `${url}/direct`, body });
  }
  const started = Date.now();
  let next = 0;
  const post = (job: { url: string; body: string }): Promise<void> =>
    new Promise((resolve, reject) => {
      const id = newMessageId();
      const req = request(job.url, { method: 'POST', agent, headers: { 'content-type': 'application/json', ...webhookHeaders([secret], id, Math.floor(Date.now() / 1000), job.body) } }, (res) => {
        res.resume();
        res.on('end', () => resolve());
      });
      req.on('error', reject);
      req.end(job.body);
    });
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < jobs.length) await post(jobs[next++]);
    }),
  );
  agent.destroy();
  return Date.now() - started;
}

async function main(): Promise<void> {
  const events = arg('events', 10_000);
  const endpointCount = arg('endpoints', 5);
  const batch = arg('batch', 100);
  const loadAtStart = loadavg().map((l) => l.toFixed(2)).join(' ');
  const url = await createMigratedDatabase(ADMIN_URL, DB_NAME);
  const receipts = new Map<string, Receipt>();
  const counters = { requests: 0 };
  const receivers = await Promise.all(Array.from({ length: endpointCount }, (_, i) => startReceiver(i, receipts, counters)));
  const db = new Client({ connectionString: url });
  await db.connect();
  const prefix = `bench-webhooks-${randomUUID().slice(0, 8)}`;
  let worker: ChildProcess | undefined;
  try {
    for (const r of receivers) {
      await db.query(`INSERT INTO webhook_endpoints (url, events, secret, created_at) VALUES ($1, $2, $3, now() - interval '1 minute')`, [`${r.url}/hook`, [EVENT], newWebhookSecret()]);
    }
    let workerOutput = '';
    worker = spawn(process.execPath, ['-r', '@swc-node/register', join(ROOT, 'apps/worker/src/main.ts')], {
      cwd: ROOT,
      env: { PATH: process.env.PATH, NODE_ENV: 'production', DATABASE_URL: url, REDIS_URL, QUEUE_PREFIX: prefix, LOG_LEVEL: 'warn', LOG_PRETTY: 'false', WEBHOOK_ALLOWED_HOSTS: '127.0.0.1', JWT_SECRET: 'bench-secret-bench-secret-bench-secret' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    worker.stdout?.on('data', (c: Buffer) => (workerOutput += c.toString()));
    worker.stderr?.on('data', (c: Buffer) => (workerOutput += c.toString()));
    // Ready once a test event written now reaches every receiver.
    await db.query(`INSERT INTO outbox_events (type, aggregate_type, aggregate_id, payload) VALUES ('${EVENT}', 'sow', $1, $2)`, [randomUUID(), { sowId: randomUUID(), from: 'on_track', to: 'at_risk', reasons: [], burn: 0.5, asOf: '2027-01-04' }]);
    await waitUntil(() => receipts.size >= endpointCount, 120_000, `the worker to deliver a first event (worker: ${workerOutput.slice(-600)})`);
    receipts.clear();
    counters.requests = 0;

    console.log(`writing ${events} outbox events in transactions of ${batch}`);
    const started = Date.now();
    for (let i = 0; i < events; i += batch) {
      const n = Math.min(batch, events - i);
      await db.query(
        `INSERT INTO outbox_events (type, aggregate_type, aggregate_id, payload)
         SELECT '${EVENT}', 'sow', gen_random_uuid(), jsonb_build_object('sowId', gen_random_uuid(), 'from', 'on_track', 'to', 'at_risk', 'reasons', '[]'::jsonb, 'burn', 0.5, 'asOf', '2027-01-04') FROM generate_series(1, $1)`,
        [n],
      );
    }
    const writtenMs = Date.now() - started;
    const expected = events * endpointCount;
    let lastLog = 0;
    await waitUntil(
      () => {
        if (Date.now() - lastLog > 5000) {
          lastLog = Date.now();
          console.log(`  ${receipts.size} / ${expected} delivered after ${((Date.now() - started) / 1000).toFixed(0)} s`);
        }
        return receipts.size >= expected;
      },
      30 * 60_000,
      'every delivery',
    );
    const last = Math.max(...[...receipts.values()].map((r) => r.at));
    const wallMs = last - started;
    const latencies = [...receipts.values()].map((r) => r.latencyMs).sort((a, b) => a - b);
    const [{ succeeded, attempts }] = (await db.query(`SELECT count(*) FILTER (WHERE status = 'succeeded')::int AS succeeded, sum(attempts)::int AS attempts FROM webhook_deliveries`)).rows as Array<{ succeeded: number; attempts: number }>;
    const duplicates = counters.requests - receipts.size;
    const delivered = receipts.size;
    worker.kill('SIGTERM');

    console.log(`baseline: ${expected} signed POSTs straight from the bench process, ${WEBHOOK_CONCURRENCY} at a time`);
    const directMs = await directPosts(receivers.map((r) => r.url), events, WEBHOOK_CONCURRENCY);

    const rate = (n: number, ms: number): string => (n / (ms / 1000)).toFixed(0);
    const lines = [
      '## Webhooks: outbox to 5 endpoints',
      '',
      `- Date: ${new Date().toISOString()}`,
      `- Machine: ${machine()}; PostgreSQL, Redis, the worker and the receivers on the same machine, which was shared with other engineers' builds and tests while measuring (load average ${loadAtStart} at the start): the numbers are a floor, not a capacity`,
      `- Command: \`npm run bench:webhooks -- --events ${events} --endpoints ${endpointCount} --batch ${batch}\``,
      `- Setup: ${endpointCount} endpoints subscribed to \`${EVENT}\`, each a local receiver on 127.0.0.1 (allow-listed) answering 204; one worker process (concurrency ${WEBHOOK_CONCURRENCY} on the webhooks queue); ${events} outbox events written in transactions of ${batch} (${writtenMs} ms), so ${expected} deliveries`,
      '- Latency: from the outbox row\'s created_at (the envelope timestamp) to the receiver reading the body; the dispatcher ticks every 500 ms',
      '',
      '| path | deliveries | wall s | deliveries/s | p50 ms | p95 ms | p99 ms | max ms |',
      '| --- | --- | --- | --- | --- | --- | --- | --- |',
      `| ours: outbox → PostgreSQL deliveries → BullMQ → signed POST | ${delivered} | ${(wallMs / 1000).toFixed(1)} | ${rate(delivered, wallMs)} | ${percentile(latencies, 50)} | ${percentile(latencies, 95)} | ${percentile(latencies, 99)} | ${latencies[latencies.length - 1]} |`,
      `| baseline: signed POSTs from one process, no database, no queue | ${expected} | ${(directMs / 1000).toFixed(1)} | ${rate(expected, directMs)} | — | — | — | — |`,
      '',
      `Every delivery recorded \`succeeded\` in PostgreSQL: ${succeeded} of ${expected} (the ${endpointCount} extra are the warm-up event's; ${attempts} attempts); duplicate requests at the receivers: ${duplicates}.`,
    ];
    console.log(lines.join('\n'));
    rewriteBenchmarks('webhooks', lines.join('\n'));
  } finally {
    worker?.kill('SIGKILL');
    await db.end();
    for (const r of receivers) r.server.close();
  }
}

void main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
