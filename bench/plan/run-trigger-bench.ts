/**
 * End to end: a staffing plan for a generated organisation (default M: 300 engineers × 1,000 scope
 * items over 26 weeks) requested over HTTP from the real api, computed by the real worker process on
 * real PostgreSQL and Redis. Measures request → proposed, and /health latency while the worker solves.
 *
 *   npm run bench:trigger -- [--engineers 300] [--items 1000] [--weeks 26] [--time-limit-ms 2000 (the triggered-plan budget)]
 */
import { ChildProcess, spawn } from 'node:child_process';
import { cpus, totalmem } from 'node:os';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Client } from 'pg';
import { addDays, isoWeekday } from '../../libs/domain/src';
import { hashPassword } from '../../libs/core/src/users/password-hasher';
import { generateOrganisation } from '../generator/org-generator';
import { createMigratedDatabase, loadOrganisation } from '../generator/load-organisation';

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

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      engineers: { type: 'string', default: '300' },
      items: { type: 'string', default: '1000' },
      weeks: { type: 'string', default: '26' },
      'time-limit-ms': { type: 'string', default: '2000' },
      'no-write': { type: 'boolean', default: false },
    },
  });
  const today = new Date().toISOString().slice(0, 10);
  const monday = addDays(today, 8 - isoWeekday(today));
  const weeks = Number(values.weeks);
  const url = await createMigratedDatabase(ADMIN_URL, 'sow_bench_plan');
  const org = generateOrganisation({ engineers: Number(values.engineers), items: Number(values.items), weeks, start: monday, seed: 42 });
  await loadOrganisation(url, org);
  const db = new Client({ connectionString: url });
  await db.connect();
  await db.query(`INSERT INTO users (email, password_hash, role) VALUES ('bench-sm@bench.example', $1, 'senior_manager')`, [await hashPassword(PASSWORD)]);

  const env = { NODE_ENV: 'production', DATABASE_URL: url, REDIS_URL, JWT_SECRET: 'bench-secret-bench-secret-bench-secret', LOG_LEVEL: 'warn', QUEUE_PREFIX: `bench-${Date.now()}` };
  const api = start('apps/api/src/main.js', { ...env, PORT: String(PORT), RUN_PROCESSORS_IN_API: 'false' });
  const worker = start('apps/worker/src/main.js', env);
  const base = `http://127.0.0.1:${PORT}`;
  try {
    for (let i = 0; i < 200 && !(await fetch(`${base}/health`).then((r) => r.ok).catch(() => false)); i++) await sleep(200);
    await sleep(3000); // let the worker connect
    const login = (await (await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'bench-sm@bench.example', password: PASSWORD }) })).json()) as { accessToken: string };
    const headers = { authorization: `Bearer ${login.accessToken}`, 'content-type': 'application/json' };

    const requested = Date.now();
    const created = (await (await fetch(`${base}/api/v1/staffing-plans`, { method: 'POST', headers, body: JSON.stringify({ horizon: { start: monday, end: addDays(monday, weeks * 7 - 3) }, timeLimitMs: Number(values['time-limit-ms']) }) })).json()) as { id: string };
    const healthMs: number[] = [];
    let plan: { status: string; solverStats: Record<string, number | string> | null; kpisBefore: Record<string, number>; kpisAfter: Record<string, number> } | undefined;
    while (Date.now() - requested < 120_000) {
      const t = Date.now();
      await fetch(`${base}/health`);
      healthMs.push(Date.now() - t);
      plan = (await (await fetch(`${base}/api/v1/staffing-plans/${created.id}`, { headers })).json()) as typeof plan;
      if (plan && (plan.status === 'proposed' || plan.status === 'failed')) break;
      await sleep(50);
    }
    const elapsed = Date.now() - requested;
    const stats = plan?.solverStats ?? {};
    const lines = [
      `Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}. Date: ${new Date().toISOString().slice(0, 10)}.`,
      '',
      `Command: \`npm run bench:trigger -- ${process.argv.slice(2).join(' ')}\`. Real api and worker processes built to dist/ (NODE_ENV=production), PostgreSQL and Redis on this machine; organisation from the seeded generator, bulk-loaded.`,
      '',
      '| engineers × items × weeks | solver time limit | request → proposed | load | compile | solve | kept | staffed before → after | engineers < target before → after | /health during the run p50 / max |',
      '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
      `| ${values.engineers} × ${values.items} × ${weeks} | ${values['time-limit-ms']} ms | ${plan?.status === 'proposed' ? `${elapsed} ms` : `${plan?.status ?? 'timeout'} after ${elapsed} ms`} | ${stats.loadMs ?? '?'} ms | ${stats.compileMs ?? '?'} ms | ${stats.solveMs ?? '?'} ms | ${stats.chosen ?? '?'} | ${plan?.kpisBefore?.staffedItems ?? '?'} → ${plan?.kpisAfter?.staffedItems ?? '?'} | ${plan?.kpisBefore?.engineersBelowTarget ?? '?'} → ${plan?.kpisAfter?.engineersBelowTarget ?? '?'} | ${percentile(healthMs, 0.5)} / ${Math.max(...healthMs)} ms (${healthMs.length} requests) |`,
    ];
    const markdown = lines.join('\n');
    process.stdout.write(`${markdown}\n`);
    if (!values['no-write']) {
      const file = join(ROOT, 'BENCHMARKS.md');
      const current = existsSync(file) ? readFileSync(file, 'utf8') : '# Benchmarks\n';
      const [s, e] = ['<!-- trigger:start -->', '<!-- trigger:end -->'];
      const block = `${s}\n${markdown}\n${e}`;
      writeFileSync(file, current.includes(s) ? current.slice(0, current.indexOf(s)) + block + current.slice(current.indexOf(e) + e.length) : `${current.trimEnd()}\n\n## Plan request → proposal, end to end\n\n${block}\n`);
    }
  } finally {
    await db.end();
    api.kill('SIGTERM');
    worker.kill('SIGTERM');
  }
}

void main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
