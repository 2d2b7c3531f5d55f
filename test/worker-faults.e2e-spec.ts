import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, connect as tcpConnect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { addDays, isoWeekday } from '@sow/domain';
import { QUEUES } from '@sow/jobs';
import { TestApp, waitFor } from '@sow/testing';
import { generateOrganisation } from '../bench/generator/org-generator';
import { createMigratedDatabase, loadOrganisation } from '../bench/generator/load-organisation';
import { auth } from './staffing-fixtures';

/**
 * Faults with real processes on a PRIVATE PostgreSQL and Redis (started here in a temp dir on free ports;
 * the shared servers are never touched): the api in this process, workers as child processes.
 *
 * Where a worker dies is chosen exactly, not by timing: a test-only trigger makes each plan's progress
 * write (and the relay's "event sent" write) take an advisory lock this file holds, so the worker waits
 * inside PostgreSQL at the phase under test until it is killed with SIGKILL.
 */

const ROOT = join(__dirname, '..');
const PG_BIN = process.env.PG_BIN ?? '/usr/lib/postgresql/15/bin';
const today = new Date().toISOString().slice(0, 10);
const monday = addDays(today, 8 - isoWeekday(today));
/** First key of every trap lock (pg_advisory_xact_lock(int, int)); the second is hashtext(name). */
const TRAP_CLASS = 4242;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

const listening = (port: number): Promise<boolean> =>
  new Promise((resolve) => {
    const socket = tcpConnect(port, '127.0.0.1');
    socket.once('connect', () => (socket.end(), resolve(true)));
    socket.once('error', () => resolve(false));
  });

function exited(child: ChildProcess): Promise<void> {
  return child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise((resolve) => child.once('exit', () => resolve()));
}

/** A PostgreSQL cluster of this test's own (initdb refuses root, so as root it runs as the postgres user). */
class PrivatePostgres {
  readonly dir = mkdtempSync(join(tmpdir(), 'sow-faults-pg-'));
  private readonly owner = process.getuid?.() === 0 ? { uid: Number(execFileSync('id', ['-u', 'postgres']).toString()), gid: Number(execFileSync('id', ['-g', 'postgres']).toString()) } : undefined;

  constructor(readonly port: number) {}

  get adminUrl(): string {
    return `postgres://postgres@127.0.0.1:${this.port}/postgres`;
  }

  private run(bin: string, args: string[]): void {
    execFileSync(join(PG_BIN, bin), args, { stdio: 'pipe', ...(this.owner ?? {}) });
  }

  init(): void {
    if (this.owner) execFileSync('chown', [`${this.owner.uid}:${this.owner.gid}`, this.dir]);
    this.run('initdb', ['-D', join(this.dir, 'data'), '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync']);
  }

  start(): void {
    this.run('pg_ctl', ['-D', join(this.dir, 'data'), '-l', join(this.dir, 'log'), '-w', '-o', `-p ${this.port} -k ${this.dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200`, 'start']);
  }

  /** Immediate: every backend dies at once, as on a crash; the next start recovers from the WAL. */
  stop(mode: 'immediate' | 'fast' = 'immediate'): void {
    this.run('pg_ctl', ['-D', join(this.dir, 'data'), '-m', mode, '-w', 'stop']);
  }

  remove(): void {
    try {
      this.stop('fast');
    } catch {
      // already stopped
    }
    rmSync(this.dir, { recursive: true, force: true });
  }
}

class PrivateRedis {
  process: ChildProcess | undefined;
  constructor(readonly port: number) {}
  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }
  async start(): Promise<void> {
    this.process = spawn('redis-server', ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
    await waitFor(async () => ((await listening(this.port)) ? true : undefined), 10000, 'redis to listen');
  }
  /** SIGKILL with no persistence: every queue, job, lock and scheduler is gone. */
  async kill(): Promise<void> {
    if (!this.process) return;
    this.process.kill('SIGKILL');
    await exited(this.process);
    this.process = undefined;
  }
}

interface Worker {
  child: ChildProcess;
  output: () => string;
}

describe('worker, Redis and PostgreSQL faults (real processes, private PostgreSQL and Redis)', () => {
  let pg: PrivatePostgres;
  let redis: PrivateRedis;
  let databaseUrl: string;
  let t: TestApp;
  /** This file's own connection: holds the trap locks and reads state. */
  let db: Client;
  let em: string;
  let sm: string;
  const workers: Worker[] = [];

  function startWorker(env: Record<string, string> = {}): Worker {
    let output = '';
    const child = spawn(process.execPath, ['-r', '@swc-node/register', join(ROOT, 'apps/worker/src/main.ts')], {
      cwd: ROOT,
      env: { PATH: process.env.PATH, NODE_ENV: 'test', DATABASE_URL: databaseUrl, REDIS_URL: redis.url, QUEUE_PREFIX: t.config.queuePrefix, LOG_LEVEL: 'info', LOG_PRETTY: 'false', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr?.on('data', (c: Buffer) => (output += c.toString()));
    const worker = { child, output: () => output };
    workers.push(worker);
    return worker;
  }

  async function connect(): Promise<Client> {
    const client = new Client({ connectionString: databaseUrl, application_name: 'worker-faults-e2e' });
    // A restarted server ends this connection too; the test notices through its queries, not a crash.
    client.on('error', () => undefined);
    await client.connect();
    return client;
  }

  /** waitFor, naming what it waited for with the state at the moment it gave up (worker output included). */
  async function waitUntil<T>(probe: () => Promise<T | undefined>, timeoutMs: number, what: () => Promise<string> | string): Promise<T> {
    try {
      return await waitFor(probe, timeoutMs, 'it');
    } catch (error) {
      throw new Error(`${String(error)}: ${await what()}`, { cause: error });
    }
  }
  const planStates = async () => JSON.stringify((await db.query(`SELECT id, status, attempts, progress->>'phase' AS phase, trigger FROM staffing_plans ORDER BY created_at`)).rows);

  const alive = (w: Worker): boolean => w.child.exitCode === null && w.child.signalCode === null;
  const approve = async (sowId: string) => (await t.http.post(`/api/v1/sows/${sowId}/approve`).set(auth(sm)).send({})).status;
  const count = async (sql: string, params: unknown[] = []): Promise<number> => (await db.query(`SELECT count(*)::int AS n FROM ${sql}`, params)).rows[0].n as number;

  const trapKey = (name: string): string => `${TRAP_CLASS}, hashtext('${name.replace(/'/g, "''")}')`;
  const hold = (name: string) => db.query(`SELECT pg_advisory_lock(${trapKey(name)})`);
  const releaseAll = () => db.query('SELECT pg_advisory_unlock_all()');

  /** Backends waiting on a trap, by the trap they wait on. */
  async function trapped(): Promise<Map<number, number>> {
    const rows = (await db.query(`SELECT pid, objid::text::bigint AS key FROM pg_locks WHERE locktype = 'advisory' AND NOT granted AND classid = ${TRAP_CLASS}`)).rows as Array<{ pid: number; key: string }>;
    return new Map(rows.map((r) => [r.pid, Number(r.key)]));
  }
  async function keyOf(name: string): Promise<number> {
    return Number((await db.query(`SELECT (hashtext($1)::bigint & 4294967295) AS k`, [name])).rows[0].k);
  }

  const plan = async (id: string) =>
    (await db.query(`SELECT status, attempts, progress->>'phase' AS phase, moves IS NOT NULL AS "hasMoves", kpis_after IS NOT NULL AS "hasKpis", error_code AS "errorCode" FROM staffing_plans WHERE id = $1`, [id])).rows[0] as {
      status: string;
      attempts: number;
      phase: string;
      hasMoves: boolean;
      hasKpis: boolean;
      errorCode: string | null;
    };

  async function submittedSow(title: string): Promise<string> {
    const customer = await t.http.post('/api/v1/customers').set(auth(em)).send({ name: `${title} customer`, region: 'EMEA' });
    const sow = await t.http.post('/api/v1/sows').set(auth(em)).send({ customerId: customer.body.id, title, startDate: monday, endDate: addDays(monday, 40), currency: 'USD' });
    const item = await t.http.post(`/api/v1/sows/${sow.body.id}/scope-items`).set(auth(em)).send({ templateKey: 'install-ra-1k', parameters: { cloud: 'aws' }, startDate: monday, endDate: addDays(monday, 25) });
    expect(item.status).toBe(201);
    expect((await t.http.post(`/api/v1/sows/${sow.body.id}/submit`).set(auth(em)).send({})).status).toBe(200);
    return sow.body.id as string;
  }

  beforeAll(async () => {
    pg = new PrivatePostgres(await freePort());
    pg.init();
    pg.start();
    redis = new PrivateRedis(await freePort());
    await redis.start();
    databaseUrl = await createMigratedDatabase(pg.adminUrl, 'sow_faults');
    await loadOrganisation(databaseUrl, generateOrganisation({ engineers: 60, items: 180, weeks: 13, start: monday, seed: 11 }));
    t = await TestApp.start({ runProcessors: false, env: { DATABASE_URL: databaseUrl, REDIS_URL: redis.url } });
    em = await t.tokenFor('engagement_manager');
    sm = await t.tokenFor('senior_manager');
    db = await connect();
    // The traps (test-only, in this private database): a plan's progress write and the relay's "sent" write wait while this file holds their lock.
    await db.query(`CREATE FUNCTION faults_trap_plan() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN PERFORM pg_advisory_xact_lock(${TRAP_CLASS}, hashtext(NEW.id::text || ':' || coalesce(NEW.progress->>'phase', ''))); RETURN NEW; END $$`);
    await db.query(`CREATE TRIGGER faults_trap_plan BEFORE UPDATE ON staffing_plans FOR EACH ROW EXECUTE FUNCTION faults_trap_plan()`);
    await db.query(`CREATE FUNCTION faults_trap_outbox() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN PERFORM pg_advisory_xact_lock(${TRAP_CLASS}, hashtext('outbox:' || NEW.aggregate_id::text || ':' || TG_OP)); RETURN NEW; END $$`);
    await db.query(`CREATE TRIGGER faults_trap_outbox BEFORE INSERT OR UPDATE ON outbox_events FOR EACH ROW EXECUTE FUNCTION faults_trap_outbox()`);
  }, 120000);

  afterAll(async () => {
    for (const w of workers) if (w.child.exitCode === null && w.child.signalCode === null) w.child.kill('SIGKILL');
    await Promise.all(workers.map((w) => exited(w.child)));
    if (!redis.process) await redis.start().catch(() => undefined); // closing BullMQ needs a reachable Redis
    await t?.close();
    await db?.end().catch(() => undefined);
    await redis?.kill();
    pg?.remove();
  });

  it('SIGKILL at every phase of a plan job and of the relay: nothing half-written, every plan ends exactly once on another worker', async () => {
    const sm2 = await t.tokenFor('senior_manager', { email: 'sm-two@e2e.test' });
    // Six plans (three per manager: the per-user cap), each a different horizon so none folds into another.
    const phases = [
      { name: 'after loading the snapshot', trap: 'compiling', timeLimitMs: 500 },
      { name: 'after compiling on the main thread', trap: 'solving', timeLimitMs: 500 },
      { name: 'in the middle of the solve', trap: null, timeLimitMs: 6000 },
      { name: 'after solving and verifying', trap: 'writing', timeLimitMs: 500 },
      { name: 'writing the result (the write dies with it)', trap: 'done', timeLimitMs: 500 },
      { name: 'writing the result (the write lands after the kill)', trap: 'done', timeLimitMs: 500 },
    ];
    const ids: string[] = [];
    const request = async (i: number): Promise<string> => {
      const res = await t.http.post('/api/v1/staffing-plans').set(auth(i < 3 ? sm : sm2)).send({ horizon: { start: monday, end: addDays(monday, 88 - i) }, method: 'heuristic', timeLimitMs: phases[i].timeLimitMs });
      expect(res.status).toBe(202);
      ids[i] = res.body.id as string;
      const trap = phases[i].trap;
      if (trap) await hold(`${res.body.id}:${trap}`);
      return ids[i];
    };
    for (const i of [0, 1, 3, 4, 5]) await request(i);
    // The relay turning an approval into a plan, caught between inserting the plan and marking the event sent.
    const approvedSow = await submittedSow('Approved before the kill');
    await hold(`outbox:${approvedSow}:UPDATE`);
    expect((await t.http.post(`/api/v1/sows/${approvedSow}/approve`).set(auth(sm)).send({})).status).toBe(200);

    // Six plans at once in one process; the trapped waits are artificial, so no statement timeout ends them first.
    const victim = startWorker({ WORKER_CONCURRENCY: '6', DB_STATEMENT_TIMEOUT_MS: '0' });
    const trapCount = phases.filter((p) => p.trap).length + 1;
    await waitUntil(async () => ((await trapped()).size === trapCount ? true : undefined), 60000, async () => `every trap to be reached; trapped ${(await trapped()).size}, plans ${await planStates()}, worker output: ${victim.output().slice(-1500)}`);
    // The last free slot takes the long solve; the kill comes while it runs.
    await request(2);
    await waitUntil(async () => ((await plan(ids[2])).phase === 'solving' ? true : undefined), 30000, async () => `the solve to start; plans ${await planStates()}, worker output: ${victim.output().slice(-1500)}`);
    victim.child.kill('SIGKILL');
    await exited(victim.child);
    expect((await plan(ids[2])).phase).toBe('solving');

    // The dead worker's connections die with it, except one whose final write is let through, as a write in flight may be.
    const landing = await keyOf(`${ids[5]}:done`);
    for (const [pid, key] of await trapped()) if (key !== landing) await db.query('SELECT pg_terminate_backend($1)', [pid]);
    await releaseAll();
    await waitFor(async () => ((await plan(ids[5])).status === 'proposed' ? true : undefined), 10000, 'the write in flight to land');

    // Nothing half-written: each plan is still running with no result, or (the write in flight) wholly proposed.
    const previous = ['loading', 'compiling', 'solving', 'solving', 'writing'];
    for (const [i, id] of ids.slice(0, 5).entries()) expect(await plan(id)).toEqual({ status: 'running', attempts: 1, phase: previous[i], hasMoves: false, hasKpis: false, errorCode: null });
    expect(await plan(ids[5])).toEqual({ status: 'proposed', attempts: 1, phase: 'done', hasMoves: true, hasKpis: true, errorCode: null });
    // The relay's transaction rolled back: the event is unsent and its plan was never created.
    expect((await db.query(`SELECT count(*)::int AS n FROM outbox_events WHERE aggregate_id = $1 AND sent_at IS NULL`, [approvedSow])).rows[0].n).toBe(1);
    expect((await db.query(`SELECT count(*)::int AS n FROM staffing_plans WHERE trigger = 'sow.approved'`)).rows[0].n).toBe(0);

    const rescuer = startWorker({ WORKER_CONCURRENCY: '3' });
    const finished = await waitUntil(
      async () => {
        const rows = (await db.query(`SELECT id, status, attempts, trigger FROM staffing_plans ORDER BY created_at`)).rows as Array<{ id: string; status: string; attempts: number; trigger: string }>;
        const unsent = (await db.query(`SELECT count(*)::int AS n FROM outbox_events WHERE sent_at IS NULL`)).rows[0].n as number;
        return unsent === 0 && rows.length === 7 && rows.every((r) => r.status === 'proposed' || r.status === 'failed') ? rows : undefined;
      },
      90000,
      async () => `the other worker to finish every plan; plans ${await planStates()}, worker output: ${rescuer.output().slice(-1500)}`,
    );
    // Every plan proposed once: the five the kill interrupted on their second start, the landed one not run again.
    expect(finished.map((r) => r.status)).toEqual(Array(7).fill('proposed'));
    expect(Object.fromEntries(finished.filter((r) => ids.includes(r.id)).map((r) => [ids.indexOf(r.id), r.attempts]))).toEqual({ 0: 2, 1: 2, 2: 2, 3: 2, 4: 2, 5: 1 });
    expect(finished.filter((r) => r.trigger === 'sow.approved')).toHaveLength(1);
    await waitFor(async () => ((await t.queue(QUEUES.staffing).getJobCounts('completed')).completed === 7 ? true : undefined), 10000, 'the jobs to complete');
    expect(await t.queue(QUEUES.staffing).getJobCounts('completed', 'failed', 'active', 'waiting', 'delayed', 'prioritized')).toEqual({ completed: 7, failed: 0, active: 0, waiting: 0, delayed: 0, prioritized: 0 });
    // Plans propose; nothing assigns until a manager approves, so a re-run can have written no assignment twice.
    expect((await db.query(`SELECT count(*)::int AS n FROM assignments WHERE staffing_plan_id IS NOT NULL`)).rows[0].n).toBe(0);
    expect(rescuer.output()).toContain(`Plan ${ids[5]} was already finished`);
  }, 240000);

  it('Redis killed with no persistence while a plan waits and SOWs are approved: approvals and plans in PostgreSQL survive, the lost job is queued again', async () => {
    // No worker runs, so the plan's job is still waiting in Redis when Redis dies.
    for (const w of workers.filter(alive)) {
      w.child.kill('SIGTERM');
      await exited(w.child);
    }
    const before = await submittedSow('Approved before Redis dies');
    const during = await submittedSow('Approved while Redis is down');
    expect(await approve(before)).toBe(200);
    const requested = await t.http.post('/api/v1/staffing-plans').set(auth(sm)).send({ horizon: { start: monday, end: addDays(monday, 60) }, method: 'heuristic', timeLimitMs: 500 });
    expect(requested.status).toBe(202);
    const manual = requested.body.id as string;
    expect(await (await t.queue(QUEUES.staffing).getJob(`plan-${manual}`))?.getState()).toMatch(/^(waiting|prioritized)$/);
    const earlier = (await db.query(`SELECT id FROM staffing_plans WHERE id <> $1`, [manual])).rows.map((r: { id: string }) => r.id);

    await redis.kill();
    expect(await approve(during)).toBe(200);
    expect((await t.http.get('/health')).status).toBe(503);
    await redis.start();
    expect(await count(`outbox_events WHERE type = 'sow.approved' AND sent_at IS NULL`)).toBe(2);

    const worker = startWorker();
    const rows = await waitUntil(
      async () => {
        const all = (await db.query(`SELECT id, status, trigger, attempts FROM staffing_plans WHERE NOT (id = ANY($1)) ORDER BY created_at`, [earlier])).rows as Array<{ id: string; status: string; trigger: string; attempts: number }>;
        const unsent = await count('outbox_events WHERE sent_at IS NULL');
        return unsent === 0 && all.length === 2 && all.every((r) => r.status === 'proposed') ? all : undefined;
      },
      60000,
      async () => `every approval and the lost job to be planned; plans ${await planStates()}, worker output: ${worker.output().slice(-1500)}`,
    );
    // The manual plan whose job Redis lost ran once; both approvals folded into one triggered plan.
    expect(rows.find((r) => r.id === manual)).toMatchObject({ status: 'proposed', attempts: 1 });
    expect(rows.filter((r) => r.trigger === 'sow.approved')).toHaveLength(1);
    expect(await count(`audit_events WHERE action = 'sow.approved' AND entity_id = ANY($1)`, [[before, during]])).toBe(2);
  }, 120000);

  it('PostgreSQL restarted in the middle of an approval: 503 with an error id, nothing half-written, and api and worker carry on', async () => {
    const worker = workers.filter(alive)[0];
    expect(worker).toBeDefined();
    const sowId = await submittedSow('Approved across a restart');
    // The approval's transaction has updated the SOW and written its audit row when its outbox insert waits here.
    await hold(`outbox:${sowId}:INSERT`);
    const pending = t.http.post(`/api/v1/sows/${sowId}/approve`).set(auth(sm)).send({}).timeout(30000).then((r) => ({ status: r.status, body: r.body as Record<string, unknown> }));
    await waitUntil(async () => ((await trapped()).size === 1 ? true : undefined), 15000, () => 'the approval to reach its outbox insert');
    pg.stop('immediate');
    const answer = await pending;
    expect(answer).toEqual({ status: 503, body: { statusCode: 503, code: 'unavailable', message: 'A backing service is unavailable; retry shortly', errorId: expect.stringMatching(/^[0-9a-f-]{36}$/) } });
    pg.start();
    await db.end().catch(() => undefined);
    db = await connect();
    await waitUntil(async () => ((await t.http.get('/health')).status === 200 ? true : undefined), 30000, () => 'the api to be healthy again');

    expect((await db.query(`SELECT status, version FROM sows WHERE id = $1`, [sowId])).rows[0]).toMatchObject({ status: 'submitted' });
    expect(await count(`audit_events WHERE entity_id = $1 AND action = 'sow.approved'`, [sowId])).toBe(0);
    expect(await count(`outbox_events WHERE aggregate_id = $1`, [sowId])).toBe(0);

    // The same approval now goes through, and the worker, which lived through the restart, plans it.
    const plansBefore = await count(`staffing_plans WHERE trigger = 'sow.approved'`);
    expect(await approve(sowId)).toBe(200);
    await waitUntil(
      async () => ((await count(`staffing_plans WHERE trigger = 'sow.approved' AND status = 'proposed'`)) === plansBefore + 1 && (await count('outbox_events WHERE sent_at IS NULL')) === 0 ? true : undefined),
      60000,
      async () => `the worker to plan the approval; plans ${await planStates()}, worker output: ${worker.output().slice(-1500)}`,
    );
    expect(alive(worker)).toBe(true);
    expect(await count(`staffing_plans WHERE status NOT IN ('proposed', 'failed')`)).toBe(0);
  }, 120000);
});
