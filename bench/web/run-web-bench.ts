/**
 * The console's budgets: initial JS (gzipped) of the production build; time to a rendered SOW page and a
 * rendered utilization heatmap (26 weeks) in Chromium on the generated M organisation (300 engineers,
 * 1,000 scope items); the heatmap's API answer (GET /reports/utilization, engineer × week, 26 weeks) p95.
 * Rewrites the web-console region of BENCHMARKS.md.
 *
 *   npm run bench:web -- [--runs 7] [--requests 200]   (builds first; needs /usr/bin/chromium)
 */
import { chromium, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadavg } from 'node:os';
import { gzipSync } from 'node:zlib';
import { Client } from 'pg';
import { hashPassword } from '../../libs/core/src/users/password-hasher';
import { ADMIN_URL, arg, login, machine, ROOT, startApi } from '../api/harness';
import { rewriteBenchmarks } from '../benchmarks-file';
import { createMigratedDatabase, loadOrganisation } from '../generator/load-organisation';
import { generateOrganisation } from '../generator/org-generator';

const DB_NAME = process.env.BENCH_DB_NAME ?? 'sow_bench_web';
const PORT = Number(process.env.BENCH_PORT ?? 3919);
const USER = 'bench-sm-web@bench.example.com';
const PASSWORD = 'bench-password-bench-password';
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** The scripts and module preloads index.html loads before anything else, gzipped (level 9, as a CDN would). */
function initialJs(): { files: string[]; raw: number; gzip: number } {
  const dist = join(ROOT, 'apps/web/dist');
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const files = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.js)"/g)].map((m) => m[1]);
  let raw = 0;
  let gzip = 0;
  for (const file of files) {
    const body = readFileSync(join(dist, file));
    raw += body.length;
    gzip += gzipSync(body, { level: 9 }).length;
  }
  return { files, raw, gzip };
}

/** Milliseconds from navigation start until `ready` holds in the page (performance.now() at that moment). */
async function timeToRender(page: Page, url: string, ready: () => Promise<void>): Promise<number> {
  await page.goto(url, { waitUntil: 'commit' });
  await ready();
  return page.evaluate(() => performance.now());
}

async function main(): Promise<void> {
  const runs = arg('runs', 7);
  const requests = arg('requests', 200);
  const bundle = initialJs();
  console.log(`initial JS: ${bundle.files.join(', ')}: ${(bundle.raw / 1024).toFixed(0)} KB, ${(bundle.gzip / 1024).toFixed(1)} KB gzipped`);

  const org = generateOrganisation({ size: 'M', seed: 2027 });
  const url = await createMigratedDatabase(ADMIN_URL, DB_NAME);
  await loadOrganisation(url, org, { sowStatus: 'approved', assignmentStatus: 'approved' });
  const db = new Client({ connectionString: url });
  await db.connect();
  let sowId: string;
  let itemCount: number;
  try {
    await db.query(`INSERT INTO users (email, password_hash, role) VALUES ($1, $2, 'senior_manager')`, [USER, await hashPassword(PASSWORD)]);
    const biggest = await db.query<{ sow_id: string; n: string }>('SELECT sow_id, count(*) AS n FROM scope_items GROUP BY sow_id ORDER BY count(*) DESC LIMIT 1');
    sowId = biggest.rows[0].sow_id;
    itemCount = Number(biggest.rows[0].n);
    await db.query('ANALYZE');
  } finally {
    await db.end();
  }
  const from = org.spec.start;
  const to = new Date(Date.parse(`${from}T00:00:00Z`) + (26 * 7 - 1) * 86_400_000).toISOString().slice(0, 10);
  console.log(`M organisation: ${org.engineers.length} engineers, ${org.items.length} items; heatmap ${from}..${to}; SOW ${sowId} with ${itemCount} items`);

  const api = await startApi({ databaseUrl: url, port: PORT, queuePrefix: 'bench-web' });
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ARGS });
  try {
    const token = await login(api.base, USER, PASSWORD);
    const headers = { authorization: `Bearer ${token}` };
    const reportPath = `/api/v1/reports/utilization?from=${from}&to=${to}&granularity=week&groupBy=engineer`;

    // The heatmap's API answer: one client, one request at a time (what a page load waits for).
    const timeOne = async (path: string): Promise<number> => {
      const t = performance.now();
      const res = await fetch(`${api.base}${path}`, { headers });
      await res.arrayBuffer();
      if (!res.ok) throw new Error(`${path}: ${res.status}`);
      return performance.now() - t;
    };
    const first = await timeOne(reportPath);
    const repeated: number[] = [];
    for (let i = 0; i < requests; i++) repeated.push(await timeOne(reportPath));
    // Other windows, each asked once (nothing memoised for them).
    const cold: number[] = [];
    for (let w = 1; w <= 20; w++) {
      const f = new Date(Date.parse(`${from}T00:00:00Z`) + w * 86_400_000).toISOString().slice(0, 10);
      const t2 = new Date(Date.parse(`${to}T00:00:00Z`) + w * 86_400_000).toISOString().slice(0, 10);
      cold.push(await timeOne(`/api/v1/reports/utilization?from=${f}&to=${t2}&granularity=week&groupBy=engineer`));
    }
    const size = (await (await fetch(`${api.base}${reportPath}`, { headers })).text()).length;
    console.log(`heatmap API: first ${first.toFixed(0)} ms; repeated p50 ${percentile(repeated, 50).toFixed(1)} p95 ${percentile(repeated, 95).toFixed(1)} ms; other windows p50 ${percentile(cold, 50).toFixed(0)} p95 ${percentile(cold, 95).toFixed(0)} ms; ${(size / 1024).toFixed(0)} KB`);

    // Render times in Chromium, each from a fresh page (JS from the HTTP cache after the first, as for a returning user).
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await context.addInitScript({ content: `sessionStorage.setItem('sow.accessToken', ${JSON.stringify(token)});` });
    const page = await context.newPage();
    const heatmap: number[] = [];
    const sowPage: number[] = [];
    for (let i = 0; i < runs; i++) {
      heatmap.push(
        await timeToRender(page, `${api.base}/utilization?weeks=26`, async () => {
          // Drawn: at least one SVG shape per cell of the first page (40 engineers × 26 weeks).
          await page.waitForFunction(`document.querySelectorAll('[role="img"][aria-label*="26 weeks"] svg path').length >= ${40 * 26}`, undefined, { timeout: 30_000, polling: 'raf' });
        }),
      );
      sowPage.push(
        await timeToRender(page, `${api.base}/sows/${sowId}`, async () => {
          await page.getByRole('table', { name: /^Scope items/ }).waitFor({ timeout: 30_000 });
          await page.getByRole('table', { name: 'Quote lines' }).waitFor({ timeout: 30_000 });
        }),
      );
    }
    const label = await page.goto(`${api.base}/utilization?weeks=26`).then(() => page.locator('[role="img"][aria-label*="26 weeks"]').getAttribute('aria-label'));
    console.log(`render: heatmap (${label}) median ${percentile(heatmap, 50).toFixed(0)} ms, max ${Math.max(...heatmap).toFixed(0)} ms; SOW page median ${percentile(sowPage, 50).toFixed(0)} ms, max ${Math.max(...sowPage).toFixed(0)} ms`);

    const ms = (x: number): string => x.toFixed(0);
    rewriteBenchmarks(
      'web-console',
      [
        `Command: \`npm run bench:web\` (runs ${runs}, ${requests} repeated report requests). ${machine()}; Chromium ${browser.version()} headless; the machine was shared with other jobs while measuring (1-minute load average ${loadavg()[0].toFixed(1)} at the end). Organisation: the generated M (seed 2027: ${org.engineers.length} engineers, ${org.items.length} scope items, SOWs approved, today's assignments approved), bulk-loaded into PostgreSQL; the api from dist/ with Redis.`,
        '',
        '| budget | measured | target |',
        '| --- | --- | --- |',
        `| initial JS (${bundle.files.length} file${bundle.files.length === 1 ? '' : 's'}), gzipped | ${(bundle.gzip / 1024).toFixed(1)} KB (${(bundle.raw / 1024).toFixed(0)} KB raw) | ≤ 300 KB |`,
        `| heatmap render, 26 weeks (${label}; first page of 40 engineers drawn), navigation → chart drawn | median ${ms(percentile(heatmap, 50))} ms, max ${ms(Math.max(...heatmap))} ms | ≤ 1 s |`,
        `| SOW page render (the SOW with the most items: ${itemCount}), navigation → items and quote shown | median ${ms(percentile(sowPage, 50))} ms, max ${ms(Math.max(...sowPage))} ms | ≤ 1 s |`,
        `| heatmap API, GET /reports/utilization engineer × week, 26 weeks (${(size / 1024).toFixed(0)} KB), same window again | p50 ${percentile(repeated, 50).toFixed(1)} ms, p95 ${percentile(repeated, 95).toFixed(1)} ms (first ${ms(first)} ms) | ≤ 100 ms p95 |`,
        `| heatmap API, 20 other windows asked once each | p50 ${ms(percentile(cold, 50))} ms, p95 ${ms(percentile(cold, 95))} ms | |`,
        '',
        'Render times are performance.now() in the page when the chart (or the items and quote tables) is on screen: they include loading the JS (from the HTTP cache after the first run), /me, the report, the engineer list (level, region and skill filters) and drawing. The heatmap draws 40 engineers per page (pager below it); the table for screen readers holds the same page.',
      ].join('\n'),
      '## Web console: bundle, render and heatmap API',
    );
  } finally {
    await browser.close();
    await api.stop();
  }
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
