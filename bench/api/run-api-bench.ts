/**
 * The read API under load on the generated L organisation (1,000 engineers × 4,000 scope items over 26
 * weeks): candidates, engineer search, the utilization report and a staffing plan, each at 50 connections,
 * with GET /health measured in the same run as the base. The plan is computed by the api's own processors
 * first (POST /staffing-plans, then waiting for `proposed`). Rewrites the api-l region of BENCHMARKS.md.
 *
 *   npm run bench:api:l -- [--seconds 10] [--connections 50] [--size L] [--workers 1]
 */
import { loadavg } from 'node:os';
import { Client } from 'pg';
import { hashPassword } from '../../libs/core/src/users/password-hasher';
import { generateOrganisation, OrgSize } from '../generator/org-generator';
import { createMigratedDatabase, loadOrganisation } from '../generator/load-organisation';
import { ADMIN_URL, arg, load, login, machine, printRun, rewriteBenchmarks, rotate, rssMb, Run, startApi, stringArg, table } from './harness';

const DB_NAME = process.env.BENCH_DB_NAME ?? 'sow_bench_api_l';
const PORT = Number(process.env.BENCH_PORT ?? 3918);
const PASSWORD = 'bench-password-bench-password';
const USER = 'bench-sm-l@bench.example.com';

async function main(): Promise<void> {
  const seconds = arg('seconds', 10);
  const connections = arg('connections', 50);
  const workers = arg('workers', 1);
  const size = stringArg('size', 'L') as OrgSize;
  const started = Date.now();
  const org = generateOrganisation({ size, seed: 2027 });
  const url = await createMigratedDatabase(ADMIN_URL, DB_NAME);
  await loadOrganisation(url, org, { sowStatus: 'approved', assignmentStatus: 'proposed' });
  const db = new Client({ connectionString: url });
  await db.connect();
  try {
    await db.query(`INSERT INTO users (email, password_hash, role) VALUES ($1, $2, 'senior_manager')`, [USER, await hashPassword(PASSWORD)]);
    await db.query('ANALYZE');
  } finally {
    await db.end();
  }
  console.log(`generated and loaded ${size}: ${org.engineers.length} engineers, ${org.items.length} scope items, ${org.snapshot.assignments.length} assignments in ${Date.now() - started} ms`);

  const api = await startApi({ databaseUrl: url, port: PORT, queuePrefix: `bench-api-${size.toLowerCase()}`, env: { RUN_PROCESSORS_IN_API: 'true', API_WORKERS: String(workers) } });
  try {
    const token = await login(api.base, USER, PASSWORD);
    const headers = { authorization: `Bearer ${token}` };

    // A staffing plan over the whole horizon, computed by the api's processors.
    const horizon = { start: org.spec.start, end: org.snapshot.horizon.end };
    const planStarted = Date.now();
    const created = await fetch(`${api.base}/api/v1/staffing-plans`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json' },
      body: JSON.stringify({ horizon, timeLimitMs: 5000 }),
    });
    if (created.status !== 202) throw new Error(`POST /staffing-plans: ${created.status} ${await created.text()}`);
    const planId = ((await created.json()) as { id: string }).id;
    let status = '';
    while (Date.now() - planStarted < 300_000) {
      status = ((await (await fetch(`${api.base}/api/v1/staffing-plans/${planId}`, { headers })).json()) as { status: string }).status;
      if (status !== 'queued' && status !== 'running') break;
      await new Promise((r) => setTimeout(r, 500));
    }
    if (status !== 'proposed') throw new Error(`plan ended ${status}`);
    const planMs = Date.now() - planStarted;
    const plan = await (await fetch(`${api.base}/api/v1/staffing-plans/${planId}`, { headers })).text();
    console.log(`plan ${planId} proposed in ${planMs} ms (${Math.round(plan.length / 1024)} KB)`);

    const items = org.items.filter((i) => i.requiredSkills.length > 0 && i.start >= org.spec.start).slice(0, 8);
    const candidatePaths = items.map((i) => `/api/v1/scope-items/${i.id}/candidates?limit=20`);
    const searchPaths = [
      '/api/v1/engineers?skill=terraform:experience&limit=50',
      '/api/v1/engineers?skill=ansible:experience&skill=aws:exposure&minLevel=intermediate&limit=50',
      '/api/v1/engineers?region=emea&minLevel=senior&limit=50',
      `/api/v1/engineers?availableFrom=${org.spec.start}&availableTo=${items[0]?.end ?? org.snapshot.horizon.end}&skill=gcp:experience&limit=50`,
      '/api/v1/engineers?q=an&sort=name&limit=50',
    ];
    const month = (offsetWeeks: number) => {
      const d = new Date(`${org.spec.start}T00:00:00Z`);
      d.setUTCDate(d.getUTCDate() + offsetWeeks * 7);
      return d.toISOString().slice(0, 10);
    };
    const reportPaths = [
      `/api/v1/reports/utilization?from=${org.spec.start}&to=${month(13)}&granularity=month&groupBy=engineer`,
      `/api/v1/reports/utilization?from=${month(4)}&to=${month(8)}&granularity=week&groupBy=engineer`,
      `/api/v1/reports/utilization?from=${org.spec.start}&to=${month(26)}&granularity=week&groupBy=region`,
    ];
    for (const p of [...candidatePaths, ...searchPaths, ...reportPaths, `/api/v1/staffing-plans/${planId}`]) {
      const res = await fetch(`${api.base}${p}`, { headers });
      if (!res.ok) throw new Error(`GET ${p}: ${res.status} ${await res.text()}`);
    }
    const loadBefore = loadavg().map((x) => x.toFixed(2)).join(' ');
    const rssBefore = rssMb(api.child.pid ?? 0);
    const opts = { base: api.base, seconds, connections, headers };
    const runs: Run[] = [];
    runs.push(await load('GET /health', rotate(['/health']), { base: api.base, seconds, connections }));
    runs.push(await load('GET /scope-items/:id/candidates?limit=20', rotate(candidatePaths), opts));
    runs.push(await load('GET /engineers (search: skills, level, region, availability, q)', rotate(searchPaths), opts));
    runs.push(await load('GET /reports/utilization (engineer by month or week, region by week)', rotate(reportPaths), opts));
    runs.push(await load('GET /staffing-plans/:id', rotate([`/api/v1/staffing-plans/${planId}`]), opts));
    runs.forEach(printRun);
    const rssAfter = rssMb(api.child.pid ?? 0);
    const health = runs[0];
    rewriteBenchmarks(
      'api-l',
      [
        `## API on the ${size} organisation: search, reports and plans beside health`,
        '',
        `- Date: ${new Date().toISOString()}`,
        `- Machine: ${machine()}; PostgreSQL, Redis and the load generator on the same machine`,
        `- Command: \`npm run bench:api:l -- --seconds ${seconds} --connections ${connections} --size ${size} --workers ${workers}\` (builds first; the api runs from dist/, NODE_ENV=production, ${workers} process${workers === 1 ? '' : 'es'})`,
        `- Data: generated ${size} organisation (seed 2027): ${org.engineers.length} engineers, ${org.customers.length} customers, ${org.sows.length} SOWs, ${org.items.length} scope items, ${org.snapshot.assignments.length} assignments over 26 weeks`,
        `- The plan read under load was computed first by the api's processors over the whole horizon (5 s solver budget): request → proposed in ${planMs} ms; its JSON is ${Math.round(plan.length / 1024)} KB`,
        `- Load: autocannon, ${connections} connections, ${seconds} s per route, one route after the other, each rotating over the paths listed in \`bench/api/run-api-bench.ts\`; load average at the start ${loadBefore}; api RSS ${rssBefore} MB before, ${rssAfter} MB after`,
        '',
        ...table(runs),
        '',
        `p99 relative to GET /health (${health.p99} ms): ${runs
          .slice(1)
          .map((r) => `${r.name.split(' (')[0]} ×${(r.p99 / Math.max(1, health.p99)).toFixed(1)}`)
          .join(', ')}.`,
      ].join('\n'),
    );
  } finally {
    await api.stop();
  }
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
