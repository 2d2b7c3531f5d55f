import { ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { freePort, TEST_REDIS_URL, TestApp, waitFor } from '@sow/testing';

const ROOT = join(__dirname, '..');

/** One request on a fresh connection (no keep-alive), so the cluster hands each to the next worker. */
function get(port: number, path: string, token: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path, agent: false, headers: { authorization: `Bearer ${token}`, connection: 'close' } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end();
  });
}

function childPids(pid: number): number[] {
  // /proc/<pid>/task/<pid>/children lists the direct children (Linux).
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

describe('API_WORKERS: several api processes behind one port', () => {
  let api: ChildProcess | undefined;
  let output = '';

  afterAll(async () => {
    if (api && api.exitCode === null) {
      api.kill('SIGKILL');
      await new Promise((r) => api?.once('exit', r));
    }
  });

  it('starts the workers, shares a generated JWT secret between them, and stops them all on SIGTERM', async () => {
    // Users and migrations come from the e2e database the suite already prepared.
    const t = await TestApp.start();
    await t.reset();
    await t.close();
    const port = await freePort();
    api = spawn(process.execPath, [join(ROOT, 'dist/apps/api/src/main.js')], {
      cwd: ROOT,
      // Development without JWT_SECRET: the primary generates one and must hand it to every worker.
      env: {
        PATH: process.env.PATH,
        NODE_ENV: 'development',
        LOG_PRETTY: 'false',
        LOG_LEVEL: 'info',
        PORT: String(port),
        HOST: '127.0.0.1',
        DATABASE_URL: process.env.E2E_DATABASE_URL ?? '',
        REDIS_URL: TEST_REDIS_URL,
        QUEUE_PREFIX: 'e2e-cluster',
        RUN_PROCESSORS_IN_API: 'false',
        MIGRATE_ON_START: 'false',
        SEED_DEMO: 'never',
        ADMIN_EMAIL: 'cluster-admin@e2e.test',
        ADMIN_PASSWORD: 'cluster-admin-password',
        API_WORKERS: '2',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    api.stdout?.on('data', (c: Buffer) => (output += c.toString()));
    api.stderr?.on('data', (c: Buffer) => (output += c.toString()));
    const exited = new Promise<number | null>((resolve) => api?.once('exit', (code) => resolve(code)));

    await waitFor(async () => output.includes('api cluster: 2 worker processes'), 60_000, `the cluster to start:\n${output}`);
    await waitFor(async () => (await fetch(`http://127.0.0.1:${port}/health`).catch(() => null))?.ok, 30_000, 'health');
    const pid = api.pid ?? 0;
    await waitFor(async () => childPids(pid).length === 2, 30_000, 'two worker processes');

    const login = await fetch(`http://127.0.0.1:${port}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'cluster-admin@e2e.test', password: 'cluster-admin-password' }),
    });
    expect(login.status).toBe(200);
    const { accessToken } = (await login.json()) as { accessToken: string };
    // Connections alternate between the workers: a token signed by one is accepted by the other.
    const statuses = await Promise.all(Array.from({ length: 12 }, () => get(port, '/api/v1/me', accessToken)));
    expect(statuses).toEqual(Array(12).fill(200));

    const workers = childPids(pid);
    api.kill('SIGTERM');
    expect(await exited).toBe(0);
    for (const w of workers) expect(() => process.kill(w, 0)).toThrow();
  });
});
