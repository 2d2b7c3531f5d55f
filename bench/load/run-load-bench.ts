/**
 * Sustained load: 200 connections of mixed reads and writes for 60 s against the real api (dist/, one
 * process, NODE_ENV=production) on real PostgreSQL and Redis, over the generated M organisation. A quarter
 * of the requests write: new draft SOWs, scope items from catalogue templates on existing drafts, and new
 * customers. Reports p50/p99, every status code, and the api's resident memory from the end of the warm-up
 * to the end of the run (target: zero errors, growth ≤ 10%). Rewrites the load region of BENCHMARKS.md.
 *
 * During the measured run a rebalance is requested (13 weeks of the M organisation) and the worker process
 * computing it is killed with SIGKILL mid-solve while a second worker runs: reports the time from the kill
 * to the proposed plan, the plan's attempts and the queue's completed/failed jobs (no lost job), and
 * compares every write answered 201 with the rows in PostgreSQL afterwards (no lost write).
 *
 *   npm run bench:load -- [--seconds 60] [--connections 200] [--warmup 30]
 */
import autocannon from 'autocannon';
import { ChildProcess, spawn } from 'node:child_process';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { hashPassword } from '../../libs/core/src/users/password-hasher';
import { generateOrganisation } from '../generator/org-generator';
import { createMigratedDatabase, loadOrganisation } from '../generator/load-organisation';
import { addDays } from '../../libs/domain/src';
import { ADMIN_URL, arg, BENCH_JWT_SECRET, LoadRequest, login, machine, REDIS_URL, rewriteBenchmarks, ROOT, rssMb, startApi } from '../api/harness';

const DB_NAME = process.env.BENCH_DB_NAME ?? 'sow_bench_load';
const PORT = Number(process.env.BENCH_PORT ?? 3919);
const PASSWORD = 'bench-password-bench-password';
const EM = 'bench-em-load@bench.example.com';
const SM = 'bench-sm-load@bench.example.com';
// A prefix of this run's own: jobs another run left in the shared Redis must not reach these workers.
const QUEUE_PREFIX = `bench-load-${Date.now().toString(36)}`;
/** Seconds into the measured run when the rebalance is requested; its solver budget. */
const REBALANCE_AT_S = 10;
const REBALANCE_TIME_LIMIT_MS = 15_000;
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** A worker from dist/ (as deployed), its output kept to wait for its start-up line. */
function startWorker(databaseUrl: string): { child: ChildProcess; output: () => string } {
  let output = '';
  const child = spawn(process.execPath, [join(ROOT, 'dist/apps/worker/src/main.js')], {
    cwd: ROOT,
    env: { PATH: process.env.PATH, NODE_ENV: 'production', DATABASE_URL: databaseUrl, REDIS_URL, QUEUE_PREFIX, JWT_SECRET: BENCH_JWT_SECRET, LOG_LEVEL: 'info', LOG_PRETTY: 'false' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr?.on('data', (c: Buffer) => (output += c.toString()));
  return { child, output: () => output };
}

async function until<T>(probe: () => Promise<T | undefined>, timeoutMs: number, what: string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}
const DRAFTS = 40;
const TEMPLATES: Array<{ key: string; parameters: Record<string, unknown> }> = [
  { key: 'training-cicd', parameters: { mode: 'remote' } },
  { key: 'training-git-basics', parameters: { mode: 'remote' } },
  { key: 'health-check', parameters: {} },
  { key: 'documentation', parameters: { deliverable: 'runbook' } },
  { key: 'install-ra-2k', parameters: { cloud: 'gcp' } },
  { key: 'migration-github', parameters: { projectCount: 200 } },
];

interface Mix {
  name: string;
  weight: number;
  write: boolean;
  next: (n: number) => LoadRequest;
}

async function main(): Promise<void> {
  const seconds = arg('seconds', 60);
  const connections = arg('connections', 200);
  const warmup = arg('warmup', 30);
  const org = generateOrganisation({ size: 'M', seed: 4242 });
  const url = await createMigratedDatabase(ADMIN_URL, DB_NAME);
  await loadOrganisation(url, org, { sowStatus: 'approved', assignmentStatus: 'approved' });
  const setup = new Client({ connectionString: url });
  await setup.connect();
  try {
    await setup.query(`INSERT INTO users (email, password_hash, role) VALUES ($1, $2, 'engagement_manager'), ($3, $2, 'senior_manager')`, [EM, await hashPassword(PASSWORD), SM]);
    await setup.query('ANALYZE');
  } finally {
    await setup.end();
  }
  console.log(`loaded M: ${org.engineers.length} engineers, ${org.items.length} scope items`);

  // --trace-gc: the live heap after every full collection tells a leak (it climbs) from V8 sizing its heap (RSS climbs, live stays).
  const liveAfterFullGc: Array<{ at: number; mb: number }> = [];
  const api = await startApi({
    databaseUrl: url,
    port: PORT,
    queuePrefix: QUEUE_PREFIX,
    env: { DB_POOL_SIZE: '20' },
    nodeArgs: ['--trace-gc'],
    onLine: (line) => {
      if (!/^\[\d+:0x[0-9a-f]+\]\s+\d+ ms: /.test(line)) return false;
      const m = /Mark-Compact [\d.]+ \([\d.]+\) -> ([\d.]+) \(/.exec(line);
      if (m) liveAfterFullGc.push({ at: Date.now(), mb: Number(m[1]) });
      return true;
    },
  });
  const workers: Array<{ child: ChildProcess; output: () => string }> = [];
  const db = new Client({ connectionString: url });
  await db.connect();
  try {
    const token = await login(api.base, EM, PASSWORD);
    const smAuth = { authorization: `Bearer ${await login(api.base, SM, PASSWORD)}`, 'content-type': 'application/json' };
    const auth = { authorization: `Bearer ${token}` };
    const json = { ...auth, 'content-type': 'application/json' };
    const start = org.spec.start;
    const customers = org.customers.map((c) => c.id);
    const drafts: string[] = [];
    for (let i = 0; i < DRAFTS; i++) {
      const res = await fetch(`${api.base}/api/v1/sows`, { method: 'POST', headers: json, body: JSON.stringify({ customerId: customers[i % customers.length], title: `Load draft ${i}`, startDate: start, endDate: org.snapshot.horizon.end }) });
      if (res.status !== 201) throw new Error(`POST /sows: ${res.status} ${await res.text()}`);
      drafts.push(((await res.json()) as { id: string }).id);
    }
    const approvedSows = org.sows.slice(0, 50).map((s) => s.id);
    const items = org.items.filter((i) => i.requiredSkills.length > 0 && i.start >= start).slice(0, 16).map((i) => i.id);
    const skills = ['terraform', 'ansible', 'aws', 'gcp', 'azure', 'packer'];
    let written = 0;
    const mix: Mix[] = [
      { name: 'GET /scope-items/:id/candidates', weight: 5, write: false, next: (n) => ({ path: `/api/v1/scope-items/${items[n % items.length]}/candidates?limit=10` }) },
      { name: 'GET /engineers (search)', weight: 3, write: false, next: (n) => ({ path: `/api/v1/engineers?skill=${skills[n % skills.length]}:experience&limit=20&offset=${n % 3 * 20}` }) },
      { name: 'GET /sows', weight: 2, write: false, next: (n) => ({ path: `/api/v1/sows?limit=20&offset=${n % 5 * 20}` }) },
      { name: 'GET /sows/:id', weight: 2, write: false, next: (n) => ({ path: `/api/v1/sows/${approvedSows[n % approvedSows.length]}` }) },
      { name: 'GET /sows/:id/quote', weight: 1, write: false, next: (n) => ({ path: `/api/v1/sows/${drafts[n % drafts.length]}/quote` }) },
      { name: 'GET /reports/utilization', weight: 1, write: false, next: () => ({ path: `/api/v1/reports/utilization?from=${start}&to=${org.snapshot.horizon.end}&granularity=month&groupBy=level` }) },
      { name: 'GET /me', weight: 1, write: false, next: () => ({ path: '/api/v1/me' }) },
      {
        name: 'POST /sows (new draft)',
        weight: 2,
        write: true,
        next: (n) => ({ method: 'POST', path: '/api/v1/sows', headers: json, body: JSON.stringify({ customerId: customers[n % customers.length], title: `Load SOW ${n}-${++written}`, startDate: start, endDate: org.snapshot.horizon.end }) }),
      },
      {
        name: 'POST /sows/:id/scope-items (template)',
        weight: 2,
        write: true,
        next: (n) => {
          const t = TEMPLATES[n % TEMPLATES.length];
          return { method: 'POST', path: `/api/v1/sows/${drafts[n % drafts.length]}/scope-items`, headers: json, body: JSON.stringify({ templateKey: t.key, parameters: t.parameters, startDate: start, endDate: org.snapshot.horizon.end }) };
        },
      },
      { name: 'POST /customers', weight: 1, write: true, next: (n) => ({ method: 'POST', path: '/api/v1/customers', headers: json, body: JSON.stringify({ name: `Load customer ${n}-${++written}`, region: 'EMEA' }) }) },
    ];
    const schedule = mix.flatMap((m) => Array<Mix>(m.weight).fill(m));
    // Every kind answers 2xx once before the clock starts: a broken request would otherwise only show as errors.
    for (const m of mix) {
      const r = m.next(0);
      const res = await fetch(`${api.base}${r.path}`, { method: r.method ?? 'GET', headers: { ...auth, ...(r.headers ?? {}) }, body: r.body });
      if (!res.ok) throw new Error(`${m.name}: ${res.status} ${await res.text()}`);
    }
    let counter = 0;
    // The id of every write answered 201: each must be a row afterwards (no lost write).
    const created: string[] = [];
    const run = (duration: number) =>
      autocannon({
        url: api.base,
        connections,
        duration,
        headers: auth,
        requests: [
          {
            setupRequest: (req) => {
              const n = counter++;
              const r = schedule[n % schedule.length].next(Math.floor(n / schedule.length));
              return { ...req, method: r.method ?? 'GET', path: r.path, headers: { ...req.headers, ...(r.headers ?? {}) }, body: r.body };
            },
            onResponse: (status, body) => {
              if (status === 201) created.push((JSON.parse(body) as { id: string }).id);
            },
          },
        ],
      });
    const pid = api.child.pid ?? 0;
    await run(warmup);
    const rows = async (): Promise<Record<string, number>> =>
      (await db.query(`SELECT (SELECT count(*) FROM sows)::int AS sows, (SELECT count(*) FROM scope_items)::int AS items, (SELECT count(*) FROM customers)::int AS customers`)).rows[0] as Record<string, number>;
    const rowsBefore = await rows();
    created.length = 0;
    // One worker computes the rebalance and is killed mid-solve; a second one, started just before, must finish it.
    workers.push(startWorker(url));
    await until(async () => (workers[0].output().includes('consuming queues') ? true : undefined), 60_000, 'the first worker');
    const rebalance = (async () => {
      await sleep(REBALANCE_AT_S * 1000);
      const requestedAt = Date.now();
      const res = await fetch(`${api.base}/api/v1/staffing-plans`, { method: 'POST', headers: smAuth, body: JSON.stringify({ horizon: { start, end: addDays(start, 90) }, method: 'auto', timeLimitMs: REBALANCE_TIME_LIMIT_MS, moveApproved: true }) });
      if (res.status !== 202) throw new Error(`POST /staffing-plans: ${res.status} ${await res.text()}`);
      const id = ((await res.json()) as { id: string }).id;
      const read = async () => (await (await fetch(`${api.base}/api/v1/staffing-plans/${id}`, { headers: smAuth })).json()) as { status: string; attempts: number; progress: { phase: string } };
      try {
        await until(async () => ((await read()).progress.phase === 'solving' ? true : undefined), 180_000, 'the rebalance to start solving');
      } catch (error) {
        throw new Error(`${String(error)}; plan ${JSON.stringify(await read())}; worker: ${workers[0].output().slice(-2000)}`, { cause: error });
      }
      workers.push(startWorker(url));
      await until(async () => (workers[1].output().includes('consuming queues') ? true : undefined), 60_000, 'the second worker');
      const killedAt = Date.now();
      workers[0].child.kill('SIGKILL');
      const done = await until(async () => {
        const p = await read();
        return p.status === 'proposed' || p.status === 'failed' ? p : undefined;
      }, 180_000, 'the rebalance to end');
      return { id, status: done.status, attempts: done.attempts, requestToKillMs: killedAt - requestedAt, killToEndMs: Date.now() - killedAt };
    })();
    const rssStart = rssMb(pid);
    const measuredFrom = Date.now();
    const samples: number[] = [];
    const sampler = setInterval(() => samples.push(rssMb(pid)), 1000);
    const loadBefore = loadavg().map((x) => x.toFixed(2)).join(' ');
    const result = await run(seconds);
    clearInterval(sampler);
    const rssEnd = rssMb(pid);
    const recovery = await rebalance;
    // Let the last jobs settle, then count: every job completed, none failed, nothing queued or running.
    await sleep(2000);
    const jobs = (await db.query(`SELECT status, count(*)::int AS n FROM staffing_plans GROUP BY status ORDER BY status`)).rows as Array<{ status: string; n: number }>;
    const unsent = (await db.query(`SELECT count(*)::int AS n FROM outbox_events WHERE sent_at IS NULL`)).rows[0].n as number;
    const rowsAfter = await rows();
    const found = (await db.query(`SELECT (SELECT count(*) FROM sows WHERE id = ANY($1)) + (SELECT count(*) FROM scope_items WHERE id = ANY($1)) + (SELECT count(*) FROM customers WHERE id = ANY($1)) AS n`, [created])).rows[0] as { n: string };
    const newRows = rowsAfter.sows - rowsBefore.sows + rowsAfter.items - rowsBefore.items + rowsAfter.customers - rowsBefore.customers;
    const lostWrites = created.length - Number(found.n);
    const planSummary = jobs.map((j) => `${j.status} ${j.n}`).join(', ');
    const unfinished = jobs.filter((j) => j.status === 'queued' || j.status === 'running').reduce((n, j) => n + j.n, 0);
    console.log(`rebalance: plan ${recovery.id} ${recovery.status} after ${recovery.attempts} attempts; worker killed ${recovery.requestToKillMs} ms after the request, plan ended ${recovery.killToEndMs} ms after the kill; plans ${planSummary}; unsent outbox ${unsent}`);
    console.log(`writes: ${created.length} answered 201, ${found.n} of their ids found, ${newRows} new rows`);
    const growth = ((rssEnd - rssStart) / rssStart) * 100;
    const during = liveAfterFullGc.filter((g) => g.at >= measuredFrom);
    const liveFirst = during[0]?.mb ?? null;
    const liveLast = during[during.length - 1]?.mb ?? null;
    const liveMax = during.length > 0 ? Math.max(...during.map((g) => g.mb)) : null;
    const liveGrowth = liveFirst !== null && liveLast !== null ? ((liveLast - liveFirst) / liveFirst) * 100 : null;
    const codes = Object.entries(result.statusCodeStats ?? {}).map(([code, s]) => `${code}: ${s.count}`).join(', ');
    const writeShare = schedule.filter((m) => m.write).length / schedule.length;
    console.log(`load: p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, ${result.requests.average.toFixed(0)} req/s, ${result.requests.total} requests (${codes}), non-2xx ${result.non2xx}, errors ${result.errors}, timeouts ${result.timeouts}`);
    console.log(`api RSS ${rssStart} MB after warm-up → ${rssEnd} MB at the end (${growth.toFixed(1)}%), max ${Math.max(...samples)} MB; live heap after full GCs ${during.map((g) => g.mb).join(', ')} MB`);
    rewriteBenchmarks(
      'load',
      [
        '## Sustained load: mixed reads and writes',
        '',
        `- Date: ${new Date().toISOString()}`,
        `- Machine: ${machine()}; PostgreSQL, Redis and the load generator on the same machine`,
        `- Command: \`npm run bench:load -- --seconds ${seconds} --connections ${connections} --warmup ${warmup}\` (builds first; one api process from dist/, NODE_ENV=production, DB_POOL_SIZE=20)`,
        `- Data: generated M organisation (${org.engineers.length} engineers, ${org.items.length} scope items); ${DRAFTS} draft SOWs made before the run`,
        `- Mix (weights out of ${schedule.length}; ${Math.round(writeShare * 100)}% writes): ${mix.map((m) => `${m.name} ×${m.weight}`).join(', ')}`,
        `- ${warmup} s warm-up at the same load first; memory is measured from its end. Load average at the start: ${loadBefore}`,
        '',
        '| connections | seconds | requests | req/s | p50 ms | p99 ms | max ms | non-2xx | errors + timeouts | status codes | RSS after warm-up MB | RSS at end MB | RSS growth | max RSS MB | live heap after full GC, first → last (max) MB |',
        '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
        `| ${connections} | ${seconds} | ${result.requests.total} | ${result.requests.average.toFixed(0)} | ${result.latency.p50} | ${result.latency.p99} | ${result.latency.max} | ${result.non2xx} | ${result.errors + result.timeouts} | ${codes} | ${rssStart} | ${rssEnd} | ${growth.toFixed(1)}% | ${Math.max(...samples)} | ${liveFirst ?? '–'} → ${liveLast ?? '–'} (${liveMax ?? '–'}), ${during.length} full GCs |`,
        '',
        `Targets: zero non-2xx and zero errors — ${result.non2xx + result.errors + result.timeouts === 0 ? 'met' : 'NOT met'}; RSS growth ≤ 10% — ${growth <= 10 ? 'met' : 'NOT met'}. ` +
          `The live heap after each full collection (from \`--trace-gc\`) ${liveGrowth === null ? 'was not observed' : `moved ${liveGrowth.toFixed(1)}% over the run`}: RSS above it is V8 sizing its heap for the allocation rate, not retained objects.`,
        '',
        `Rebalance with a worker killed, during the same measured run: ${REBALANCE_AT_S} s in, a senior manager requests a 13-week rebalance of the whole organisation that may move approved assignments (\`auto\`, ${REBALANCE_TIME_LIMIT_MS / 1000} s solver budget) from one worker process (dist/); once it is solving a second worker starts, and the first is killed with SIGKILL.`,
        '',
        '| worker killed after the request | kill → plan ended | plan | attempts | plans at the end | unsent outbox events | writes answered 201 / their rows found / new rows | lost writes |',
        '| --- | --- | --- | --- | --- | --- | --- | --- |',
        `| ${(recovery.requestToKillMs / 1000).toFixed(1)} s | ${(recovery.killToEndMs / 1000).toFixed(1)} s | ${recovery.status} | ${recovery.attempts} | ${planSummary} | ${unsent} | ${created.length} / ${found.n} / ${newRows} | ${lostWrites} |`,
        '',
        `Kill → plan ended includes the dead worker's job lock expiring (15 s) and the stalled-job check (every 5 s) before the second worker starts the plan again with the full solver budget. ` +
          `Targets: the plan proposed, no plan left queued or running, no unsent event — ${recovery.status === 'proposed' && unfinished === 0 && unsent === 0 ? 'met' : 'NOT met'}; zero lost writes — ${lostWrites === 0 ? 'met' : 'NOT met'}.`,
      ].join('\n'),
    );
    if (result.non2xx + result.errors + result.timeouts > 0 || lostWrites > 0 || recovery.status !== 'proposed' || unfinished > 0) process.exitCode = 1;
  } finally {
    for (const w of workers) if (w.child.exitCode === null && w.child.signalCode === null) w.child.kill('SIGTERM');
    await db.end();
    await api.stop();
  }
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
