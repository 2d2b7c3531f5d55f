/**
 * The senior manager's delivery metrics on the L organisation (1,000 engineers, 4,000 scope items) with a
 * year of daily actuals (weekly timesheets, about 300,000 entries, 1% corrected by reversal, a mid-year
 * rate change, a quarter of the SOWs completed with CSAT): GET /metrics/delivery for a quarter, unfiltered
 * and filtered by region, level and customer, for a month, and as CSV; first one request at a time
 * (latency percentiles), then under concurrent load. Rewrites the metrics region of BENCHMARKS.md.
 *
 *   npm run bench:metrics -- [--requests 200] [--seconds 10] [--connections 10] [--size L]
 */
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import { addDays } from '../../libs/domain/src';
import { hashPassword } from '../../libs/core/src/users/password-hasher';
import { ADMIN_URL, arg, load, login, machine, printRun, rewriteBenchmarks, rotate, startApi, stringArg, table } from '../api/harness';
import { loadActuals } from '../generator/load-actuals';
import { createMigratedDatabase, loadOrganisation } from '../generator/load-organisation';
import { generateOrganisation, OrgSize } from '../generator/org-generator';

const DB_NAME = process.env.BENCH_DB_NAME ?? 'sow_bench_metrics';
const PORT = Number(process.env.BENCH_PORT ?? 3919);
const PASSWORD = 'bench-password-bench-password';
const USER = 'bench-sm-metrics@bench.example.com';

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function main(): Promise<void> {
  const requests = arg('requests', 200);
  const seconds = arg('seconds', 10);
  const connections = arg('connections', 10);
  const size = stringArg('size', 'L') as OrgSize;
  const started = Date.now();
  const org = generateOrganisation({ size, seed: 2027 });
  const yearStart = addDays(org.spec.start, -52 * 7);
  const url = await createMigratedDatabase(ADMIN_URL, DB_NAME);
  await loadOrganisation(url, org, { sowStatus: 'active', assignmentStatus: 'approved' });
  const counts = await loadActuals(url, org, { start: yearStart, weeks: 52, seed: 2027 });
  const db = new Client({ connectionString: url });
  await db.connect();
  let customerId: string;
  try {
    await db.query(`INSERT INTO users (email, password_hash, role) VALUES ($1, $2, 'senior_manager')`, [USER, await hashPassword(PASSWORD)]);
    await db.query('ANALYZE');
    customerId = (await db.query(`SELECT s.customer_id FROM timesheet_entries te JOIN sows s ON s.id = te.sow_id GROUP BY 1 ORDER BY count(*) DESC LIMIT 1`)).rows[0].customer_id as string;
  } finally {
    await db.end();
  }
  const loadedMs = Date.now() - started;
  console.log(`generated and loaded ${size} with a year of actuals from ${yearStart}: ${counts.entries} entries, ${counts.timesheets} timesheets, ${counts.reversals} reversals, ${counts.completedSows} completed SOWs in ${loadedMs} ms`);

  // The last full quarter of the year of actuals, and its last month.
  const inQuarter = addDays(org.spec.start, -92);
  const quarter = `${inQuarter.slice(0, 4)}-Q${Math.floor((Number(inQuarter.slice(5, 7)) - 1) / 3) + 1}`;
  const month = addDays(org.spec.start, -31).slice(0, 7);
  const routes: Array<{ name: string; path: string; csv?: boolean }> = [
    { name: `quarter ${quarter}`, path: `/api/v1/metrics/delivery?period=${quarter}` },
    { name: `quarter, region=emea`, path: `/api/v1/metrics/delivery?period=${quarter}&region=emea` },
    { name: `quarter, level=senior`, path: `/api/v1/metrics/delivery?period=${quarter}&level=senior` },
    { name: `quarter, one customer`, path: `/api/v1/metrics/delivery?period=${quarter}&customerId=${customerId}` },
    { name: `month ${month}`, path: `/api/v1/metrics/delivery?period=${month}` },
    { name: `quarter as CSV`, path: `/api/v1/metrics/delivery?period=${quarter}`, csv: true },
  ];

  const api = await startApi({ databaseUrl: url, port: PORT, queuePrefix: `bench-metrics-${size.toLowerCase()}` });
  try {
    const token = await login(api.base, USER, PASSWORD);
    const headers = { authorization: `Bearer ${token}` };
    const get = async (r: (typeof routes)[number]): Promise<{ ms: number; bytes: number; body: string }> => {
      const t0 = performance.now();
      const res = await fetch(`${api.base}${r.path}`, { headers: { ...headers, accept: r.csv ? 'text/csv' : 'application/json' } });
      const body = await res.text();
      const ms = performance.now() - t0;
      if (!res.ok) throw new Error(`GET ${r.path}: ${res.status} ${body.slice(0, 300)}`);
      return { ms, bytes: body.length, body };
    };
    const sample = JSON.parse((await get(routes[0])).body) as { financials: Array<{ revenue: string; billableHours: number }>; team: { engineers: number; attainment: number }; delivery: { completedSows: number; meanCsat: number } };
    console.log(`sample ${quarter}: ${JSON.stringify({ financials: sample.financials, engineers: sample.team.engineers, attainment: sample.team.attainment, delivery: sample.delivery })}`);
    for (const r of routes) for (let i = 0; i < 3; i++) await get(r); // warm-up

    const loadBefore = loadavg().map((x) => x.toFixed(2)).join(' ');
    const rows: string[] = ['| request | n | p50 ms | p95 ms | p99 ms | max ms | bytes |', '| --- | --- | --- | --- | --- | --- | --- |'];
    const all: number[] = [];
    for (const r of routes) {
      const times: number[] = [];
      let bytes = 0;
      for (let i = 0; i < Math.ceil(requests / routes.length); i++) {
        const one = await get(r);
        times.push(one.ms);
        bytes = one.bytes;
      }
      times.sort((a, b) => a - b);
      all.push(...times);
      const f = (x: number): string => x.toFixed(1);
      rows.push(`| ${r.name} | ${times.length} | ${f(percentile(times, 50))} | ${f(percentile(times, 95))} | ${f(percentile(times, 99))} | ${f(times[times.length - 1])} | ${bytes} |`);
      console.log(rows[rows.length - 1]);
    }
    all.sort((a, b) => a - b);
    const overall = { p50: percentile(all, 50), p95: percentile(all, 95), p99: percentile(all, 99) };
    const concurrent = await load(`GET /metrics/delivery, ${connections} connections (the six requests in turn)`, rotate(routes.filter((r) => !r.csv).map((r) => r.path)), { base: api.base, seconds, connections, headers });
    printRun(concurrent);
    rewriteBenchmarks(
      'metrics',
      [
        `## Delivery metrics on the ${size} organisation with a year of actuals`,
        '',
        `- Date: ${new Date().toISOString()}`,
        `- Machine: ${machine()}; PostgreSQL, Redis and the client on the same machine, which was shared with other work while measuring (load average ${loadBefore} at the start)`,
        `- Command: \`npm run bench:metrics -- --requests ${requests} --seconds ${seconds} --connections ${connections} --size ${size}\` (builds first; the api runs from dist/, NODE_ENV=production, one process)`,
        `- Data: generated ${size} organisation (seed 2027): ${org.engineers.length} engineers, ${org.sows.length} SOWs, ${org.items.length} scope items; a year of daily actuals from ${yearStart}: ${counts.timesheets} weekly timesheets, ${counts.entries} entries (${counts.reversals} reversals with their corrections), a USD rate change mid-year, ${counts.completedSows} SOWs completed, most with CSAT (\`bench/generator/load-actuals.ts\`); loaded in ${Math.round(loadedMs / 1000)} s`,
        `- One request at a time, ${Math.ceil(requests / routes.length)} per row after 3 warm-up requests each; time to the last byte of the body, measured by the client`,
        '',
        ...rows,
        '',
        `All ${all.length} requests: p50 ${overall.p50.toFixed(1)} ms, p95 ${overall.p95.toFixed(1)} ms, p99 ${overall.p99.toFixed(1)} ms (target: p95 ≤ 200 ms).`,
        '',
        'Under concurrent load (autocannon):',
        '',
        ...table([concurrent]),
      ].join('\n'),
      '',
    );
  } finally {
    await api.stop();
  }
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
