/**
 * The newcomer path with the console: a fresh clone of this repository's HEAD, `npm ci`, `npm start`
 * (embedded PostgreSQL and queue, demo organisation), until Chromium is signed in to the console as the
 * engagement manager and the demo's proposed plan is listed. Rewrites the web-start region of BENCHMARKS.md.
 *
 * With `--baseline <git ref>` the same steps run on a fresh clone checked out at that ref too, and the
 * table shows both side by side (the ref first, then HEAD, one after the other on the same machine).
 *
 *   npm run bench:start -- [--second-start] [--baseline <git ref>]   (needs /usr/bin/chromium)
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
  first: { ready: number; signedIn: number };
  second: { ready: number; signedIn: number } | null;
}

/** A fresh clone (at `ref`, or HEAD), `npm ci`, then `npm start` to a signed-in console, once or twice. */
async function measure(ref: string | null, secondStart: boolean): Promise<Measured> {
  const dir = mkdtempSync(join(tmpdir(), 'sow-fresh-'));
  try {
    const t0 = Date.now();
    run('git', ['clone', '--quiet', '--no-hardlinks', ROOT, dir], tmpdir());
    if (ref) run('git', ['checkout', '--quiet', ref], dir);
    const cloneMs = Date.now() - t0;
    const t1 = Date.now();
    run('npm', ['ci', '--no-audit', '--no-fund', '--prefer-offline'], dir);
    const ciMs = Date.now() - t1;
    const label = ref ?? 'HEAD';
    console.log(`${label}: clone ${cloneMs} ms, npm ci ${ciMs} ms`);
    const first = await startToSignedIn(dir);
    await first.stop();
    console.log(`${label}: npm start: demo plan proposed after ${first.ready} ms, console signed in after ${first.signedIn} ms`);
    let second: { ready: number; signedIn: number } | null = null;
    if (secondStart) {
      const again = await startToSignedIn(dir);
      await again.stop();
      second = again;
      console.log(`${label}: second npm start (nothing changed): ${again.signedIn} ms`);
    }
    return { ciMs, first, second };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const secondStart = process.argv.includes('--second-start');
  const at = process.argv.indexOf('--baseline');
  const baselineRef = at >= 0 ? process.argv[at + 1] : null;
  if (at >= 0 && !baselineRef) throw new Error('--baseline needs a git ref');
  const baseline = baselineRef ? await measure(baselineRef, secondStart) : null;
  const head = await measure(null, secondStart);
  const s = (ms: number): string => (ms / 1000).toFixed(1);
  const rows: Array<[string, (m: Measured) => string | null]> = [
    ['npm ci', (m) => s(m.ciMs)],
    ['npm start → demo seeded, plan proposed', (m) => s(m.first.ready)],
    ['npm start → console signed in, plan shown', (m) => s(m.first.signedIn)],
    ['**fresh clone: npm ci + npm start → signed in**', (m) => `**${s(m.ciMs + m.first.signedIn)}**`],
    ['second npm start (nothing changed, nothing rebuilt) → signed in', (m) => (m.second ? s(m.second.signedIn) : null)],
  ];
  const columns: Array<[string, Measured]> = [...(baseline && baselineRef ? ([[`baseline \`${baselineRef}\``, baseline]] as Array<[string, Measured]>) : []), ['this commit', head]];
  const table = [
    `| step | ${columns.map(([name]) => `${name} (s)`).join(' | ')} |`,
    `| --- |${columns.map(() => ' --- |').join('')}`,
    ...rows.filter(([, cell]) => columns.every(([, m]) => cell(m) !== null)).map(([step, cell]) => `| ${step} | ${columns.map(([, m]) => cell(m)).join(' | ')} |`),
  ];
  const command = `npm run bench:start${secondStart ? ' -- --second-start' : ''}${baselineRef ? `${secondStart ? '' : ' --'} --baseline ${baselineRef}` : ''}`;
  rewriteBenchmarks(
    'web-start',
    [
      `Command: \`${command}\`. ${machine()}; the machine was shared with other jobs while measuring (1-minute load average ${loadavg()[0].toFixed(1)} at the end). A fresh \`git clone\`${baselineRef ? ' (of the baseline ref, then of HEAD, one after the other)' : ' of HEAD'}, \`npm ci\` (npm's cache warm, as on any machine that has installed packages before), then \`npm start\` on the embedded database until the demo organisation's proposed plan is listed and Chromium is signed in to the console as the engagement manager with the plan on screen.`,
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
