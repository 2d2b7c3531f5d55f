/**
 * Candidate ranking under load (issue #4's target): 3,000 engineers, 10,000 assignments, the real api on
 * real PostgreSQL and Redis, autocannon at 50 connections, GET /health in the same run as the base; one
 * api process, then API_WORKERS=2. Rewrites the api region of BENCHMARKS.md.
 *
 *   npm run bench:api -- [--seconds 15] [--connections 50]
 */
import { randomUUID } from 'node:crypto';
import { loadavg } from 'node:os';
import { Client } from 'pg';
import { hashPassword } from '../../libs/core/src/users/password-hasher';
import { createRng, generateOrganisation } from '../generator/org-generator';
import { createMigratedDatabase, loadOrganisation as loadGenerated } from '../generator/load-organisation';
import { ADMIN_URL, arg, load, login, machine, printRun, rewriteBenchmarks, rotate, Run, startApi, table } from './harness';

const DB_NAME = process.env.BENCH_DB_NAME ?? 'sow_bench_api';
const PORT = Number(process.env.BENCH_PORT ?? 3917);
const ENGINEERS = 3000;
const ASSIGNMENTS = 10_000;
const ITEMS = 6000;
const ROTATING_ITEMS = 8;
const PASSWORD = 'bench-password-bench-password';

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

async function measure(url: string, workers: number, itemIds: readonly string[], userEmail: string, seconds: number, connections: number): Promise<{ runs: Run[]; coldMs: number; body: { engineersConsidered: number; eligibleCount: number } }> {
  const api = await startApi({ databaseUrl: url, port: PORT, queuePrefix: 'bench-api', env: { API_WORKERS: String(workers) } });
  try {
    const token = await login(api.base, userEmail, PASSWORD);
    const headers = { authorization: `Bearer ${token}` };
    const paths = itemIds.map((id) => `/api/v1/scope-items/${id}/candidates?limit=20`);
    const first = Date.now();
    const sample = await fetch(`${api.base}${paths[0]}`, { headers });
    const body = (await sample.json()) as { engineersConsidered: number; eligibleCount: number };
    const coldMs = Date.now() - first;
    // Warm every worker's cache (connections are spread over the workers).
    await load('warm-up', rotate(paths), { base: api.base, seconds: 2, connections: 10, headers });
    const label = workers === 1 ? '1 api process' : `${workers} api processes`;
    const candidates = await load(`GET /scope-items/:id/candidates — ${label}`, rotate(paths), { base: api.base, seconds, connections, headers });
    const health = await load(`GET /health — ${label}`, rotate(['/health']), { base: api.base, seconds, connections });
    const runs = [candidates, health];
    if (workers === 1) {
      // One connection: the service time of a request without queueing behind 49 others.
      runs.push(await load('GET /scope-items/:id/candidates — 1 connection', rotate(paths), { base: api.base, seconds: Math.max(3, Math.round(seconds / 3)), connections: 1, headers }));
    }
    runs.forEach(printRun);
    return { runs, coldMs, body };
  } finally {
    await api.stop();
  }
}

async function main(): Promise<void> {
  const seconds = arg('seconds', 15);
  const connections = arg('connections', 50);
  const url = await createMigratedDatabase(ADMIN_URL, DB_NAME);
  const { itemIds, userEmail } = await loadOrganisation(url);
  const loadBefore = loadavg().map((x) => x.toFixed(2)).join(' ');
  const single = await measure(url, 1, itemIds, userEmail, seconds, connections);
  const cluster = await measure(url, 2, itemIds, userEmail, seconds, connections);
  console.log(`cold first ranking ${single.coldMs} ms: ${JSON.stringify(single.body)}`.slice(0, 300));
  rewriteBenchmarks(
    'api',
    [
      '## API: candidate ranking',
      '',
      `- Date: ${new Date().toISOString()}`,
      `- Machine: ${machine()}; PostgreSQL, Redis and the load generator on the same machine`,
      `- Command: \`npm run bench:api -- --seconds ${seconds} --connections ${connections}\` (builds first; the api runs from dist/, NODE_ENV=production)`,
      `- Data: ${ENGINEERS} engineers (skills, time off), ${ITEMS} scope items, ${ASSIGNMENTS} live assignments (seeded generator, bulk INSERTs); ${single.body.engineersConsidered} engineers ranked per request (${single.body.eligibleCount} eligible for the first item)`,
      `- Load: autocannon in the same process as this script, ${connections} connections, ${seconds} s per route, one route after the other; candidates rotate among ${itemIds.length} scope items (limit=20); first one api process, then two (\`API_WORKERS=2\`)`,
      `- First (cold) ranking, loading the directory cache: ${single.coldMs} ms`,
      `- Load average (1/5/15 min) when the runs started: ${loadBefore}`,
      '',
      ...table([...single.runs, ...cluster.runs]),
    ].join('\n'),
  );
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
