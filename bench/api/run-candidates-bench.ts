/**
 * Candidate ranking under load: 3,000 engineers, 10,000 assignments, the real api on real PostgreSQL
 * and Redis, autocannon at 50 connections. Rewrites the api region of BENCHMARKS.md.
 *
 *   npm run bench:api -- [--seconds 15] [--connections 50]
 */
import autocannon from 'autocannon';
import { ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { hashPassword } from '../../libs/core/src/users/password-hasher';
import { createRng, generateOrganisation } from '../generator/org-generator';
import { createMigratedDatabase, loadOrganisation as loadGenerated } from '../generator/load-organisation';

const ROOT = join(__dirname, '..', '..');
const ADMIN_URL = process.env.BENCH_PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const DB_NAME = process.env.BENCH_DB_NAME ?? 'sow_bench_api';
const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
const PORT = Number(process.env.BENCH_PORT ?? 3917);
const ENGINEERS = 3000;
const ASSIGNMENTS = 10_000;
const ITEMS = 6000;
const ROTATING_ITEMS = 8;
const PASSWORD = 'bench-password-bench-password';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

function createDatabase(): Promise<string> {
  return createMigratedDatabase(ADMIN_URL, DB_NAME);
}

async function loadOrganisation(url: string): Promise<{ itemIds: string[]; userEmail: string }> {
  const started = Date.now();
  const org = generateOrganisation({ engineers: ENGINEERS, items: ITEMS, weeks: 26, seed: 7, preassignedShare: 1 });
  const rng = createRng(99);
  const db = new Client({ connectionString: url });
  await db.connect();
  try {
    // The generator's current staffing, topped up with random extra primaries to exactly 10,000 live assignments.
    const assignments = org.snapshot.assignments.slice(0, ASSIGNMENTS);
    const billable = org.engineers.filter((e) => e.active && e.billable);
    while (assignments.length < ASSIGNMENTS) {
      const item = org.items[Math.floor(rng() * org.items.length)];
      const engineer = billable[Math.floor(rng() * billable.length)];
      assignments.push({ id: randomUUID(), scopeItemId: item.id, sowId: item.sowId, customerId: item.customerId, engineerId: engineer.id, role: 'primary', start: item.start, end: item.end, hoursPerWeek: 8, onsiteDays: 0, movable: false });
    }
    await loadGenerated(url, { ...org, snapshot: { ...org.snapshot, assignments } }, { sowStatus: 'approved', assignmentStatus: 'approved' });
    const userEmail = 'bench-sm@bench.example.com';
    await db.query(`INSERT INTO users (email, password_hash, role) VALUES ($1, $2, 'senior_manager')`, [userEmail, await hashPassword(PASSWORD)]);
    await db.query('ANALYZE');
    const counts = (await db.query(`SELECT (SELECT count(*) FROM engineers)::int AS engineers, (SELECT count(*) FROM assignments)::int AS assignments, (SELECT count(*) FROM scope_items)::int AS items`)).rows[0] as Record<string, number>;
    console.log(`loaded ${JSON.stringify(counts)} in ${Date.now() - started} ms`);
    // Rotate among items in the middle of the horizon with required skills: the usual question an EM asks.
    const picks = org.items.filter((i) => i.requiredSkills.length > 0 && i.start >= org.spec.start).slice(0, ROTATING_ITEMS).map((i) => i.id);
    return { itemIds: picks, userEmail };
  } finally {
    await db.end();
  }
}

async function startApi(url: string): Promise<ChildProcess> {
  // The production build, as deployed (`npm run bench:api` builds first).
  // BENCH_API_NODE_ARGS passes flags to the api's node, e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof` to profile it.
  const nodeArgs = (process.env.BENCH_API_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...nodeArgs, join(ROOT, 'dist/apps/api/src/main.js')], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: 'production', DATABASE_URL: url, REDIS_URL, LOG_LEVEL: 'warn', PORT: String(PORT), HOST: '127.0.0.1', JWT_SECRET: 'bench-secret-bench-secret-bench-secret', MIGRATE_ON_START: 'false', QUEUE_PREFIX: 'bench-api' },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`api exited with ${child.exitCode}`);
    try {
      if ((await fetch(`http://127.0.0.1:${PORT}/health`)).ok) return child;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  child.kill('SIGTERM');
  throw new Error('api did not become healthy in 90 s');
}

interface Run {
  name: string;
  p50: number;
  p99: number;
  rps: number;
  requests: number;
  non2xx: number;
  errors: number;
}

async function load(name: string, paths: readonly string[], headers: Record<string, string>, seconds: number, connections: number): Promise<Run> {
  let next = 0;
  const result = await autocannon({
    url: `http://127.0.0.1:${PORT}`,
    connections,
    duration: seconds,
    headers,
    requests: [{ method: 'GET', setupRequest: (req) => ({ ...req, path: paths[next++ % paths.length] }) }],
  });
  return { name, p50: result.latency.p50, p99: result.latency.p99, rps: result.requests.average, requests: result.requests.total, non2xx: result.non2xx, errors: result.errors };
}

function rewriteBenchmarks(section: string): void {
  const file = join(ROOT, 'BENCHMARKS.md');
  const start = '<!-- api:start -->';
  const end = '<!-- api:end -->';
  let text = existsSync(file) ? readFileSync(file, 'utf8') : '# Benchmarks\n';
  const block = `${start}\n${section}\n${end}`;
  const from = text.indexOf(start);
  const to = text.indexOf(end);
  if (from >= 0 && to > from) text = text.slice(0, from) + block + text.slice(to + end.length);
  else text = `${text.replace(/\n*$/, '\n\n')}${block}\n`;
  writeFileSync(file, text);
}

async function main(): Promise<void> {
  const seconds = arg('seconds', 15);
  const connections = arg('connections', 50);
  const url = await createDatabase();
  const { itemIds, userEmail } = await loadOrganisation(url);
  const api = await startApi(url);
  try {
    const login = await fetch(`http://127.0.0.1:${PORT}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: userEmail, password: PASSWORD }) });
    const { accessToken } = (await login.json()) as { accessToken: string };
    const headers = { authorization: `Bearer ${accessToken}` };
    const paths = itemIds.map((id) => `/api/v1/scope-items/${id}/candidates?limit=20`);
    const first = Date.now();
    const sample = await fetch(`http://127.0.0.1:${PORT}${paths[0]}`, { headers });
    const body = (await sample.json()) as { engineersConsidered: number; eligibleCount: number; excludedCount: number };
    const coldMs = Date.now() - first;
    console.log(`cold first ranking ${coldMs} ms: ${JSON.stringify(body)}`.slice(0, 300));
    for (const path of paths) await fetch(`http://127.0.0.1:${PORT}${path}`, { headers });
    const loadBefore = loadavg().map((x) => x.toFixed(2)).join(' ');
    const candidates = await load('GET /scope-items/:id/candidates', paths, headers, seconds, connections);
    const health = await load('GET /health', ['/health'], {}, seconds, connections);
    // One connection: the service time of a request without queueing behind 49 others.
    const single = await load('GET /scope-items/:id/candidates (1 connection)', paths, headers, Math.max(3, Math.round(seconds / 3)), 1);
    const runs = [candidates, health, single];
    for (const r of runs) console.log(`${r.name}: p50 ${r.p50} ms, p99 ${r.p99} ms, ${r.rps.toFixed(0)} req/s (${r.requests} requests, non-2xx ${r.non2xx}, errors ${r.errors})`);
    const machine = `${cpus().length} cores (${cpus()[0]?.model ?? 'unknown'}), ${(totalmem() / 2 ** 30).toFixed(1)} GiB, Node ${process.version}`;
    rewriteBenchmarks(
      [
        '## API: candidate ranking',
        '',
        `- Date: ${new Date().toISOString()}`,
        `- Machine: ${machine}; PostgreSQL and Redis on the same machine`,
        `- Command: \`npm run bench:api -- --seconds ${seconds} --connections ${connections}\` (builds first; the api runs from dist/, NODE_ENV=production)`,
        `- Data: ${ENGINEERS} engineers (skills, time off), ${ITEMS} scope items, ${ASSIGNMENTS} live assignments (seeded generator, bulk INSERTs); ${body.engineersConsidered} engineers ranked per request (${body.eligibleCount} eligible for the first item)`,
        `- Load: autocannon in the same process as this script, ${connections} connections, ${seconds} s per route, one route after the other; candidates rotate among ${itemIds.length} scope items (limit=20, ~20 KB JSON each); last row: 1 connection`,
        `- First (cold) ranking, loading the directory cache: ${coldMs} ms`,
        `- Load average (1/5/15 min) when the runs started: ${loadBefore} — other processes on the machine compete for the 2 cores`,
        '',
        '| route | p50 ms | p99 ms | req/s | requests | non-2xx |',
        '| --- | --- | --- | --- | --- | --- |',
        ...runs.map((r) => `| ${r.name} | ${r.p50} | ${r.p99} | ${r.rps.toFixed(0)} | ${r.requests} | ${r.non2xx} |`),
      ].join('\n'),
    );
  } finally {
    // Let the last in-flight requests finish before the api starts answering 503 shutting_down.
    await new Promise((r) => setTimeout(r, 1000));
    api.kill('SIGTERM');
    await new Promise((r) => api.once('exit', r));
  }
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
