/**
 * The newcomer path with the console: a fresh clone of this repository's HEAD, `npm ci`, `npm start`
 * (embedded PostgreSQL and queue, demo organisation), until Chromium is signed in to the console as the
 * engagement manager and the demo's proposed plan is listed. Rewrites the web-start region of BENCHMARKS.md.
 *
 * With `--baseline <git ref>` the same steps run on a fresh clone checked out at that ref too, and the
 * table shows both side by side; `--runs N` makes N first starts per clone (alternating between the two,
 * each from no build and no database) and reports the median, since a shared machine's load swings.
 *
 *   npm run bench:start -- [--second-start] [--baseline <git ref>] [--runs N]   (needs /usr/bin/chromium)
 */
import { chromium } from '@playwright/test';
import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadavg } from 'node:os';
import { rewriteBenchmarks } from '../benchmarks-file';
import { machine, ROOT } from '../api/harness';

const EM = 'emma.reyes@ps-demo.example';
const PASSWORD = 'sow-demo-password';
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

function run(command: string, args: string[], cwd: string): void {
  execFileSync(command, args, { cwd, stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, NODE_ENV: '' } });
}

async function until<T>(what: string, timeoutMs: number, probe: () => Promise<T | null>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const value = await probe();
      if (value !== null) return value;
    } catch {
      // not yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${what}: not within ${timeoutMs} ms`);
}

/** `npm start` in `dir` until the console signs in and lists a proposed plan; milliseconds. */
async function startToSignedIn(dir: string): Promise<{ ready: number; signedIn: number; stop: () => Promise<void> }> {
  const port = await freePort();
  const started = Date.now();
  const env: Record<string, string | undefined> = { ...process.env, PORT: String(port), HOST: '127.0.0.1' };
  for (const name of ['NODE_ENV', 'DATABASE_URL', 'REDIS_URL', 'SEED_DEMO', 'TEST_DATABASE_NAME']) delete env[name];
  const child: ChildProcess = spawn('npm', ['start'], { cwd: dir, env, stdio: ['ignore', 'ignore', 'inherit'], detached: true });
  const stop = async (): Promise<void> => {
    if (child.exitCode !== null || child.pid === undefined) return;
    process.kill(-child.pid, 'SIGTERM');
    await new Promise((r) => child.once('exit', r));
  };
  const base = `http://127.0.0.1:${port}`;
  try {
    await until('the console page', 300_000, async () => ((await fetch(`${base}/`, { headers: { accept: 'text/html' } })).ok ? true : null));
    const token = await until('demo login', 60_000, async () => {
      const res = await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: EM, password: PASSWORD }) });
      return res.ok ? ((await res.json()) as { accessToken: string }).accessToken : null;
    });
    await until('a proposed plan', 120_000, async () => {
      const res = await fetch(`${base}/api/v1/staffing-plans?status=proposed&limit=1`, { headers: { authorization: `Bearer ${token}` } });
      return res.ok && ((await res.json()) as { total: number }).total > 0 ? true : null;
    });
    const ready = Date.now() - started;
    const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ARGS });
    try {
      const page = await browser.newPage();
      await page.goto(`${base}/`);
      await page.getByLabel('Email').fill(EM);
      await page.getByLabel('Password').fill(PASSWORD);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('heading', { name: 'SOWs', level: 1 }).waitFor();
      await page.getByRole('link', { name: 'Staffing plans' }).click();
      await page.getByText('proposed', { exact: true }).first().waitFor();
    } finally {
      await browser.close();
    }
    return { ready, signedIn: Date.now() - started, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

interface Measured {
  ciMs: number;
  /** The median run (by time to the signed-in console) of the first starts. */
  first: { ready: number; signedIn: number };
  runs: number[];
  second: { ready: number; signedIn: number } | null;
}

interface Clone {
  label: string;
  dir: string;
  ciMs: number;
  firsts: Array<{ ready: number; signedIn: number }>;
}

/** A fresh clone (at `ref`, or HEAD) and its `npm ci`. */
function prepare(ref: string | null): Clone {
  const dir = mkdtempSync(join(tmpdir(), 'sow-fresh-'));
  const t0 = Date.now();
  run('git', ['clone', '--quiet', '--no-hardlinks', ROOT, dir], tmpdir());
  if (ref) run('git', ['checkout', '--quiet', ref], dir);
  const cloneMs = Date.now() - t0;
  const t1 = Date.now();
  run('npm', ['ci', '--no-audit', '--no-fund', '--prefer-offline'], dir);
  const ciMs = Date.now() - t1;
  const label = ref ?? 'HEAD';
  console.log(`${label}: clone ${cloneMs} ms, npm ci ${ciMs} ms`);
  return { label, dir, ciMs, firsts: [] };
}

/** A first `npm start` as on a fresh clone: no build outputs, no database yet. */
async function firstStart(clone: Clone): Promise<void> {
  for (const path of ['dist', 'data', 'apps/web/dist']) rmSync(join(clone.dir, path), { recursive: true, force: true });
  const first = await startToSignedIn(clone.dir);
  await first.stop();
  clone.firsts.push({ ready: first.ready, signedIn: first.signedIn });
  console.log(`${clone.label}: npm start: demo plan proposed after ${first.ready} ms, console signed in after ${first.signedIn} ms`);
}

async function finish(clone: Clone, secondStart: boolean): Promise<Measured> {
  try {
    let second: { ready: number; signedIn: number } | null = null;
    if (secondStart) {
      const again = await startToSignedIn(clone.dir);
      await again.stop();
      second = again;
      console.log(`${clone.label}: second npm start (nothing changed): ${again.signedIn} ms`);
    }
    const sorted = [...clone.firsts].sort((a, b) => a.signedIn - b.signedIn);
    // The median (of an even count, the mean of the middle two).
    const lo = sorted[Math.floor((sorted.length - 1) / 2)];
    const hi = sorted[Math.floor(sorted.length / 2)];
    const first = { ready: (lo.ready + hi.ready) / 2, signedIn: (lo.signedIn + hi.signedIn) / 2 };
    return { ciMs: clone.ciMs, first, runs: clone.firsts.map((f) => f.signedIn), second };
  } finally {
    rmSync(clone.dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const secondStart = process.argv.includes('--second-start');
  const at = process.argv.indexOf('--baseline');
  const baselineRef = at >= 0 ? process.argv[at + 1] : null;
  if (at >= 0 && !baselineRef) throw new Error('--baseline needs a git ref');
  const runsAt = process.argv.indexOf('--runs');
  const runs = runsAt >= 0 ? Number(process.argv[runsAt + 1]) : 1;
  if (!Number.isInteger(runs) || runs < 1) throw new Error('--runs needs a whole number of at least 1');
  const clones = [...(baselineRef ? [prepare(baselineRef)] : []), prepare(null)];
  // Alternating first starts, so both sides meet the same swings of a shared machine's load.
  for (let i = 0; i < runs; i++) for (const clone of clones) await firstStart(clone);
  const measured: Measured[] = [];
  for (const clone of clones) measured.push(await finish(clone, secondStart));
  const head = measured[measured.length - 1];
  const baseline = baselineRef ? measured[0] : null;
  const s = (ms: number): string => (ms / 1000).toFixed(1);
  const rows: Array<[string, (m: Measured) => string | null]> = [
    ['npm ci', (m) => s(m.ciMs)],
    ['npm start → demo seeded, plan proposed', (m) => s(m.first.ready)],
    ['npm start → console signed in, plan shown', (m) => s(m.first.signedIn)],
    ...(runs > 1 ? ([[`each of the ${runs} first starts → signed in (the median above)`, (m: Measured) => m.runs.map(s).join(', ')]] as Array<[string, (m: Measured) => string | null]>) : []),
    ['**fresh clone: npm ci + npm start → signed in**', (m) => `**${s(m.ciMs + m.first.signedIn)}**`],
    ['second npm start (nothing changed, nothing rebuilt) → signed in', (m) => (m.second ? s(m.second.signedIn) : null)],
  ];
  const columns: Array<[string, Measured]> = [...(baseline && baselineRef ? ([[`baseline \`${baselineRef}\``, baseline]] as Array<[string, Measured]>) : []), ['this commit', head]];
  const table = [
    `| step | ${columns.map(([name]) => `${name} (s)`).join(' | ')} |`,
    `| --- |${columns.map(() => ' --- |').join('')}`,
    ...rows.filter(([, cell]) => columns.every(([, m]) => cell(m) !== null)).map(([step, cell]) => `| ${step} | ${columns.map(([, m]) => cell(m)).join(' | ')} |`),
  ];
  const flags = [...(secondStart ? ['--second-start'] : []), ...(baselineRef ? ['--baseline', baselineRef] : []), ...(runs > 1 ? ['--runs', String(runs)] : [])];
  const command = `npm run bench:start${flags.length > 0 ? ` -- ${flags.join(' ')}` : ''}`;
  rewriteBenchmarks(
    'web-start',
    [
      `Command: \`${command}\`. ${machine()}; the machine was shared with other jobs while measuring (1-minute load average ${loadavg()[0].toFixed(1)} at the end). A fresh \`git clone\`${baselineRef ? ' of the baseline ref and one of HEAD' : ' of HEAD'}, \`npm ci\` (npm's cache warm, as on any machine that has installed packages before), then \`npm start\`${runs > 1 ? ` ${runs} times${baselineRef ? ', alternating between the two clones,' : ''} each from no build and no database (the median shown)` : ''} on the embedded database until the demo organisation's proposed plan is listed and Chromium is signed in to the console as the engagement manager with the plan on screen.`,
      '',
      ...table,
    ].join('\n'),
    '## Web console: fresh clone to a signed-in console',
  );
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
