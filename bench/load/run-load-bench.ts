/**
 * Sustained load: 200 connections of mixed reads and writes for 60 s against the real api (dist/, one
 * process, NODE_ENV=production) on real PostgreSQL and Redis, over the generated M organisation. A quarter
 * of the requests write: new draft SOWs, scope items from catalogue templates on existing drafts, and new
 * customers. Reports p50/p99, every status code, and the api's resident memory from the end of the warm-up
 * to the end of the run (target: zero errors, growth ≤ 10%). Rewrites the load region of BENCHMARKS.md.
 *
 *   npm run bench:load -- [--seconds 60] [--connections 200] [--warmup 30]
 */
import autocannon from 'autocannon';
import { loadavg } from 'node:os';
import { Client } from 'pg';
import { hashPassword } from '../../libs/core/src/users/password-hasher';
import { generateOrganisation } from '../generator/org-generator';
import { createMigratedDatabase, loadOrganisation } from '../generator/load-organisation';
import { ADMIN_URL, arg, LoadRequest, login, machine, rewriteBenchmarks, rssMb, startApi } from '../api/harness';

const DB_NAME = process.env.BENCH_DB_NAME ?? 'sow_bench_load';
const PORT = Number(process.env.BENCH_PORT ?? 3919);
const PASSWORD = 'bench-password-bench-password';
const EM = 'bench-em-load@bench.example.com';
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
  const db = new Client({ connectionString: url });
  await db.connect();
  try {
    await db.query(`INSERT INTO users (email, password_hash, role) VALUES ($1, $2, 'engagement_manager')`, [EM, await hashPassword(PASSWORD)]);
    await db.query('ANALYZE');
  } finally {
    await db.end();
  }
  console.log(`loaded M: ${org.engineers.length} engineers, ${org.items.length} scope items`);

  // --trace-gc: the live heap after every full collection tells a leak (it climbs) from V8 sizing its heap (RSS climbs, live stays).
  const liveAfterFullGc: Array<{ at: number; mb: number }> = [];
  const api = await startApi({
    databaseUrl: url,
    port: PORT,
    queuePrefix: 'bench-load',
    env: { DB_POOL_SIZE: '20' },
    nodeArgs: ['--trace-gc'],
    onLine: (line) => {
      if (!/^\[\d+:0x[0-9a-f]+\]\s+\d+ ms: /.test(line)) return false;
      const m = /Mark-Compact [\d.]+ \([\d.]+\) -> ([\d.]+) \(/.exec(line);
      if (m) liveAfterFullGc.push({ at: Date.now(), mb: Number(m[1]) });
      return true;
    },
  });
  try {
    const token = await login(api.base, EM, PASSWORD);
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
          },
        ],
      });
    const pid = api.child.pid ?? 0;
    await run(warmup);
    const rssStart = rssMb(pid);
    const measuredFrom = Date.now();
    const samples: number[] = [];
    const sampler = setInterval(() => samples.push(rssMb(pid)), 1000);
    const loadBefore = loadavg().map((x) => x.toFixed(2)).join(' ');
    const result = await run(seconds);
    clearInterval(sampler);
    const rssEnd = rssMb(pid);
    const growth = ((rssEnd - rssStart) / rssStart) * 100;
    const during = liveAfterFullGc.filter((g) => g.at >= measuredFrom);
    const liveFirst = during[0]?.mb ?? null;
    const liveLast = during[during.length - 1]?.mb ?? null;
    const liveMax = during.length > 0 ? Math.max(...during.map((g) => g.mb)) : null;
    const liveGrowth = liveFirst !== null && liveLast !== null ? ((liveLast - liveFirst) / liveFirst) * 100 : null;
    const codes = Object.entries(result.statusCodeStats ?? {}).map(([code, s]) => `${code}: ${s.count}`).join(', ');
    const writes = schedule.filter((m) => m.write).length / schedule.length;
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
        `- Mix (weights out of ${schedule.length}; ${Math.round(writes * 100)}% writes): ${mix.map((m) => `${m.name} ×${m.weight}`).join(', ')}`,
        `- ${warmup} s warm-up at the same load first; memory is measured from its end. Load average at the start: ${loadBefore}`,
        '',
        '| connections | seconds | requests | req/s | p50 ms | p99 ms | max ms | non-2xx | errors + timeouts | status codes | RSS after warm-up MB | RSS at end MB | RSS growth | max RSS MB | live heap after full GC, first → last (max) MB |',
        '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
        `| ${connections} | ${seconds} | ${result.requests.total} | ${result.requests.average.toFixed(0)} | ${result.latency.p50} | ${result.latency.p99} | ${result.latency.max} | ${result.non2xx} | ${result.errors + result.timeouts} | ${codes} | ${rssStart} | ${rssEnd} | ${growth.toFixed(1)}% | ${Math.max(...samples)} | ${liveFirst ?? '–'} → ${liveLast ?? '–'} (${liveMax ?? '–'}), ${during.length} full GCs |`,
        '',
        `Targets: zero non-2xx and zero errors — ${result.non2xx + result.errors + result.timeouts === 0 ? 'met' : 'NOT met'}; RSS growth ≤ 10% — ${growth <= 10 ? 'met' : 'NOT met'}. ` +
          `The live heap after each full collection (from \`--trace-gc\`) ${liveGrowth === null ? 'was not observed' : `moved ${liveGrowth.toFixed(1)}% over the run`}: RSS above it is V8 sizing its heap for the allocation rate, not retained objects.`,
      ].join('\n'),
    );
    if (result.non2xx + result.errors + result.timeouts > 0) process.exitCode = 1;
  } finally {
    await api.stop();
  }
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
