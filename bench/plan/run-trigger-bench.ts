/**
 * End to end: a staffing plan for a generated organisation (default M: 300 engineers × 1,000 scope
 * items over 26 weeks) requested over HTTP from the real api, computed by the real worker process on
 * real PostgreSQL and Redis. Measures request → proposed, and /health latency while the worker solves.
 *
 *   npm run bench:trigger -- [--sizes M,L,XL] [--weeks 26] [--time-limit-ms M=2000,L=10000,XL=60000] [--solver-threads 1,2]
 *
 * `--solver-threads` runs every size once per SOLVER_THREADS value given to the worker (its effect on /health latency).
 * BENCH_DB_NAME (default sow_bench_plan) and BENCH_PORT keep concurrent runs apart.
 *
 * Each size gets a fresh database, api and worker; the default time limits are the triggered-plan budget
 * (2 s) at M and the issue's solve targets at L (10 s) and XL (60 s).
 */
import { ChildProcess, spawn } from 'node:child_process';
import { cpus, totalmem } from 'node:os';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Client } from 'pg';
import { addDays, isoWeekday } from '../../libs/domain/src';
import { hashPassword } from '../../libs/core/src/users/password-hasher';
import { generateOrganisation } from '../generator/org-generator';
import { createMigratedDatabase, loadOrganisation } from '../generator/load-organisation';
import { rewriteBenchmarks } from '../benchmarks-file';

const ROOT = join(__dirname, '..', '..');
const ADMIN_URL = process.env.BENCH_PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
const PORT = Number(process.env.BENCH_PORT ?? 3918);
const PASSWORD = 'bench-password-bench-password';

/** Runs the compiled app from dist/ (as production does); `npm run bench:trigger` builds first. */
function start(script: string, env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, [join(ROOT, 'dist', script)], { cwd: ROOT, env: { PATH: process.env.PATH, ...env }, stdio: 'ignore' });
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
const percentile = (xs: number[], p: number): number => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))] ?? NaN;

interface Run {
  size: string;
  timeLimitMs: number;
  row: string;
}

const DB_NAME = process.env.BENCH_DB_NAME ?? 'sow_bench_plan';

/** Peak resident memory of a process so far (VmHWM), in MiB. */
function peakRssMb(pid: number | undefined): number | null {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Math.round(Number(m[1]) / 1024) : null;
  } catch {
    return null;
  }
}

const SIZES: Record<string, { engineers: number; items: number; timeLimitMs: number }> = {
  M: { engineers: 300, items: 1000, timeLimitMs: 2000 },
  L: { engineers: 1000, items: 4000, timeLimitMs: 10_000 },
  XL: { engineers: 3000, items: 12_000, timeLimitMs: 60_000 },
};

/** One size: a fresh database, a fresh api and worker, one plan requested over HTTP until it is proposed. */
async function runSize(size: string, engineers: number, items: number, weeks: number, timeLimitMs: number, solverThreads: number): Promise<Run> {
  const today = new Date().toISOString().slice(0, 10);
  const monday = addDays(today, 8 - isoWeekday(today));
  const url = await createMigratedDatabase(ADMIN_URL, DB_NAME);
  const org = generateOrganisation({ engineers, items, weeks, start: monday, seed: 42 });
  await loadOrganisation(url, org);
  const db = new Client({ connectionString: url });
  await db.connect();
  await db.query(`INSERT INTO users (email, password_hash, role) VALUES ('bench-sm@bench.example', $1, 'senior_manager')`, [await hashPassword(PASSWORD)]);

  const env = { NODE_ENV: 'production', DATABASE_URL: url, REDIS_URL, JWT_SECRET: 'bench-secret-bench-secret-bench-secret', LOG_LEVEL: 'warn', QUEUE_PREFIX: `bench-${Date.now()}` };
  const api = start('apps/api/src/main.js', { ...env, PORT: String(PORT), RUN_PROCESSORS_IN_API: 'false' });
  const worker = start('apps/worker/src/main.js', { ...env, SOLVER_THREADS: String(solverThreads) });
  const base = `http://127.0.0.1:${PORT}`;
  try {
    for (let i = 0; i < 200 && !(await fetch(`${base}/health`).then((r) => r.ok).catch(() => false)); i++) await sleep(200);
    await sleep(3000); // let the worker connect
    const login = (await (await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'bench-sm@bench.example', password: PASSWORD }) })).json()) as { accessToken: string };
    const headers = { authorization: `Bearer ${login.accessToken}`, 'content-type': 'application/json' };

    const requested = Date.now();
    const created = (await (await fetch(`${base}/api/v1/staffing-plans`, { method: 'POST', headers, body: JSON.stringify({ horizon: { start: monday, end: addDays(monday, weeks * 7 - 3) }, timeLimitMs }) })).json()) as { id: string };
    const healthMs: number[] = [];
    let plan: { status: string; solverStats: Record<string, number | string> | null; kpisBefore: Record<string, number>; kpisAfter: Record<string, number>; startedAt: string | null; finishedAt: string | null } | undefined;
    while (Date.now() - requested < timeLimitMs * 3 + 120_000) {
      const t = Date.now();
      await fetch(`${base}/health`);
      healthMs.push(Date.now() - t);
      plan = (await (await fetch(`${base}/api/v1/staffing-plans/${created.id}?movesLimit=1`, { headers })).json()) as typeof plan;
      if (plan && (plan.status === 'proposed' || plan.status === 'failed')) break;
      await sleep(50);
    }
    const elapsed = Date.now() - requested;
    const stats = plan?.solverStats ?? {};
    const workerPeak = peakRssMb(worker.pid);
    // In the worker: started → finished covers load, compile, solve, evaluating and explaining the plan, and writing it.
    const inWorker = plan?.startedAt && plan.finishedAt ? Date.parse(plan.finishedAt) - Date.parse(plan.startedAt) : null;
    const [load, compile, solve] = [Number(stats.loadMs), Number(stats.compileMs), Number(stats.solveMs)];
    const after = inWorker !== null && [load, compile, solve].every(Number.isFinite) ? inWorker - load - compile - solve : null;
    const row = `| ${size} | ${engineers} × ${items} × ${weeks} | ${timeLimitMs} ms | ${solverThreads} | ${plan?.status === 'proposed' ? `${elapsed} ms` : `${plan?.status ?? 'timeout'} after ${elapsed} ms`} | ${stats.loadMs ?? '?'} ms | ${stats.compileMs ?? '?'} ms | ${stats.solveMs ?? '?'} ms | ${after ?? '?'} ms | ${workerPeak ?? '?'} MB | ${stats.chosen ?? '?'} | ${plan?.kpisBefore?.staffedItems ?? '?'} → ${plan?.kpisAfter?.staffedItems ?? '?'} | ${plan?.kpisBefore?.engineersBelowTarget ?? '?'} → ${plan?.kpisAfter?.engineersBelowTarget ?? '?'} | ${percentile(healthMs, 0.5)} / ${Math.max(...healthMs)} ms (${healthMs.length} requests) |`;
    process.stdout.write(`${row}\n`);
    return { size, timeLimitMs, row };
  } finally {
    await db.end();
    api.kill('SIGTERM');
    worker.kill('SIGTERM');
    await sleep(1000);
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      sizes: { type: 'string', default: 'M' },
      weeks: { type: 'string', default: '26' },
      'time-limit-ms': { type: 'string' },
      'no-write': { type: 'boolean', default: false },
      'solver-threads': { type: 'string', default: '1' },
    },
  });
  const threadCounts = values['solver-threads'].split(',').map(Number);
  const limits = new Map((values['time-limit-ms'] ?? '').split(',').filter(Boolean).map((x) => x.split('=') as [string, string]));
  const runs: Run[] = [];
  for (const size of values.sizes.split(',')) {
    const spec = SIZES[size];
    if (!spec) throw new Error(`unknown size ${size} (M, L or XL)`);
    for (const threads of threadCounts) runs.push(await runSize(size, spec.engineers, spec.items, Number(values.weeks), Number(limits.get(size) ?? spec.timeLimitMs), threads));
  }
  const lines = [
    `Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}. Date: ${new Date().toISOString().slice(0, 10)}.`,
    '',
    `Command: \`npm run bench:trigger -- ${process.argv.slice(2).join(' ')}\`. Real api and worker processes built to dist/ (NODE_ENV=production), PostgreSQL and Redis on this machine; organisations from the seeded generator (seed 42), bulk-loaded, one fresh database, api and worker per size. The time limit is the solver budget: 2 s is what a triggered plan gets, 60 s the nightly plan. "evaluate + write" is the rest of the worker's time (started → finished): KPIs, move explanations and writing the plan. Worker peak RSS is VmHWM of the worker process (the solver runs in its worker thread).`,
    '',
    '| size | engineers × items × weeks | solver time limit | SOLVER_THREADS | request → proposed | load | compile | solve | evaluate + write | worker peak RSS | kept | staffed before → after | engineers < target before → after | /health during the run p50 / max |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ...runs.map((r) => r.row),
  ];
  const markdown = lines.join('\n');
  process.stdout.write(`${markdown}\n`);
  if (!values['no-write']) rewriteBenchmarks('trigger', markdown, '## Plan request → proposal, end to end');

}

void main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
