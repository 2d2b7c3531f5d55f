import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { Client } from 'pg';

const ROOT = join(__dirname, '../../..');

export interface Stack {
  baseUrl: string;
  databaseUrl: string;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function recreateDatabase(adminUrl: string, name: string): Promise<void> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await client.query(`CREATE DATABASE "${name}"`);
  } finally {
    await client.end();
  }
}

async function waitForHealth(url: string, children: ChildProcess[], timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    for (const child of children) if (child.exitCode !== null) throw new Error(`a stack process exited with ${child.exitCode}`);
    try {
      const res = await fetch(`${url}/health`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`the api did not answer ${url}/health within ${timeoutMs} ms`);
}

/**
 * The built api and a separate worker on real PostgreSQL (a database of its own, seeded with the demo
 * organisation) and real Redis (a queue prefix of its own). Needs `npm run build` first.
 */
export async function startStack(options: { databaseName: string; log?: boolean }): Promise<Stack> {
  const pgBase = process.env.E2E_PG_URL ?? 'postgres://postgres@127.0.0.1:5432';
  const databaseUrl = `${pgBase}/${options.databaseName}`;
  await recreateDatabase(`${pgBase}/postgres`, options.databaseName);
  const port = await freePort();
  const env = {
    ...process.env,
    NODE_ENV: 'test',
    DATABASE_URL: databaseUrl,
    REDIS_URL: process.env.E2E_REDIS_URL ?? 'redis://127.0.0.1:6379',
    QUEUE_PREFIX: `web-${randomUUID().slice(0, 8)}`,
    JWT_SECRET: 'browser-tests-secret-browser-tests-secret',
    RUN_PROCESSORS_IN_API: 'false',
    MIGRATE_ON_START: 'true',
    SEED_DEMO: 'auto',
    PORT: String(port),
    HOST: '127.0.0.1',
    LOG_LEVEL: options.log ? 'info' : 'warn',
    LOG_PRETTY: 'false',
  };
  const stdio = options.log ? 'inherit' : 'ignore';
  const api = spawn(process.execPath, [join(ROOT, 'dist/apps/api/src/main.js')], { env, stdio: ['ignore', stdio, 'inherit'] });
  const children: ChildProcess[] = [api];
  const baseUrl = `http://127.0.0.1:${port}`;
  const stop = async (): Promise<void> => {
    await Promise.all(
      children.map(
        (child) =>
          new Promise<void>((resolve) => {
            if (child.exitCode !== null || child.signalCode !== null) return resolve();
            child.once('exit', () => resolve());
            child.kill('SIGTERM');
            setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
          }),
      ),
    );
  };
  try {
    // The api migrates and seeds before it listens; the worker starts once the schema exists.
    await waitForHealth(baseUrl, children, 120_000);
    children.push(spawn(process.execPath, [join(ROOT, 'dist/apps/worker/src/main.js')], { env, stdio: ['ignore', stdio, 'inherit'] }));
  } catch (error) {
    await stop();
    throw error;
  }
  return { baseUrl, databaseUrl, stop };
}
