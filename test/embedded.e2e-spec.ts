import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, waitFor } from '@sow/testing';

const ROOT = join(__dirname, '..');

interface Running {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

/** Starts the api exactly as `npm start` would, minus the build: no DATABASE_URL, no REDIS_URL. */
function startApi(env: Record<string, string>): Running {
  let output = '';
  const child = spawn(process.execPath, ['-r', '@swc-node/register', join(ROOT, 'apps/api/src/main.ts')], {
    cwd: ROOT,
    env: { PATH: process.env.PATH, NODE_ENV: 'development', LOG_PRETTY: 'false', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr?.on('data', (c: Buffer) => (output += c.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => output, exited };
}

async function json(url: string, init?: RequestInit): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(url, init);
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

describe('embedded default: no DATABASE_URL, no REDIS_URL', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'sow-embedded-'));
  let api: Running | undefined;

  afterAll(async () => {
    if (api && api.child.exitCode === null) {
      api.child.kill('SIGKILL');
      await api.exited;
    }
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('boots, migrates, logs in, runs a job in-process, and shuts down cleanly; data survives a restart', async () => {
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    api = startApi({ PORT: String(port), DATA_DIR: dataDir });
    const running = api;
    await waitFor(
      async () => (await fetch(`${base}/health`).catch(() => undefined))?.ok,
      60000,
      `the embedded api to answer /health (output: ${running.output().slice(-800)})`,
    );
    expect(running.output()).toContain('embedded PostgreSQL (PGlite)');
    expect(running.output()).toContain('BullMQ PostgreSQL backend');

    const login = await json(`${base}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'admin@sow.local', password: 'admin-change-me' }),
    });
    expect(login.status).toBe(200);
    const auth = { authorization: `Bearer ${String(login.body.accessToken)}` };

    const docs = await fetch(`${base}/docs-json`);
    expect(docs.status).toBe(200);

    // An empty development database gets the demo organisation, and the log says where to go.
    expect(running.output()).toContain('Demo organisation seeded: 40 engineers, 12 customers, 25 SOWs');
    expect(running.output()).toContain(`${base}/docs`);
    expect(running.output()).toContain('sow-demo-password');
    expect(running.output()).toContain('emma.reyes@ps-demo.example');
    const em = await json(`${base}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'emma.reyes@ps-demo.example', password: 'sow-demo-password' }),
    });
    expect(em.status).toBe(200);
    const sows = await json(`${base}/api/v1/sows?limit=1`, { headers: { authorization: `Bearer ${String(em.body.accessToken)}` } });
    expect(sows.body.total).toBe(25);

    const check = await json(`${base}/api/v1/admin/queue-checks`, { method: 'POST', headers: auth });
    expect(check.status).toBe(202);
    const done = await waitFor(
      async () => {
        const res = await json(`${base}/api/v1/admin/queue-checks/${String(check.body.id)}`, { headers: auth });
        return res.body.status === 'completed' ? res.body : undefined;
      },
      30000,
      'the in-process processor to complete the queue check',
    );
    expect(done.processedBy).toMatch(new RegExp(`:${running.child.pid}$`));

    running.child.kill('SIGTERM');
    expect(await running.exited).toBe(0);

    // Same data directory: the admin persists and no second bootstrap happens.
    api = startApi({ PORT: String(port), DATA_DIR: dataDir });
    const again = api;
    await waitFor(async () => (await fetch(`${base}/health`).catch(() => undefined))?.ok, 60000, 'the restart');
    const relogin = await json(`${base}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'admin@sow.local', password: 'admin-change-me' }),
    });
    expect(relogin.status).toBe(200);
    expect(again.output()).not.toContain('Created the first admin user');
    expect(again.output()).not.toContain('Seeding the demo organisation');
    expect(again.output()).toContain('Demo organisation present: sign in as emma.reyes@ps-demo.example');
    again.child.kill('SIGTERM');
    expect(await again.exited).toBe(0);
  }, 150000);

  it('stops at boot with a message naming a bad environment variable', async () => {
    const bad = startApi({ PORT: 'eighty', LOG_LEVEL: 'loud', DATA_DIR: dataDir });
    expect(await bad.exited).toBe(1);
    expect(bad.output()).toContain('Invalid environment');
    expect(bad.output()).toMatch(/PORT="eighty"/);
    expect(bad.output()).toMatch(/LOG_LEVEL="loud"/);
  });

  it('refuses to start in production without JWT_SECRET', async () => {
    const bad = startApi({ NODE_ENV: 'production', DATA_DIR: dataDir, PORT: '0' });
    expect(await bad.exited).toBe(1);
    expect(bad.output()).toContain('JWT_SECRET: required when NODE_ENV=production');
  });
});
