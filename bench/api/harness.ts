/**
 * What the HTTP benchmarks share: the real api from dist/ as a child process on real PostgreSQL and Redis,
 * autocannon runs, the api's resident memory, and rewriting one region of BENCHMARKS.md.
 */
import autocannon from 'autocannon';
import { ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';

export const ROOT = join(__dirname, '..', '..');
export const ADMIN_URL = process.env.BENCH_PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
export const BENCH_JWT_SECRET = 'bench-secret-bench-secret-bench-secret';

export function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

export function stringArg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? String(process.argv[i + 1]) : fallback;
}

export function machine(): string {
  return `${cpus().length} cores (${cpus()[0]?.model ?? 'unknown'}), ${(totalmem() / 2 ** 30).toFixed(1)} GiB, Node ${process.version}`;
}

export interface RunningApi {
  child: ChildProcess;
  port: number;
  base: string;
  stop(): Promise<void>;
}

/**
 * The production build, as deployed (the bench scripts build first). BENCH_API_NODE_ARGS passes flags to
 * the api's node, e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof` to profile it.
 */
export async function startApi(options: {
  databaseUrl: string;
  port: number;
  queuePrefix: string;
  env?: Record<string, string>;
  /** Extra flags for the api's node (after BENCH_API_NODE_ARGS). */
  nodeArgs?: string[];
  /** Sees every line the api writes; a line it returns true for is not echoed. */
  onLine?: (line: string) => boolean;
}): Promise<RunningApi> {
  const nodeArgs = [...(process.env.BENCH_API_NODE_ARGS ?? '').split(' ').filter(Boolean), ...(options.nodeArgs ?? [])];
  const child = spawn(process.execPath, [...nodeArgs, join(ROOT, 'dist/apps/api/src/main.js')], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      DATABASE_URL: options.databaseUrl,
      REDIS_URL,
      LOG_LEVEL: 'warn',
      PORT: String(options.port),
      HOST: '127.0.0.1',
      JWT_SECRET: BENCH_JWT_SECRET,
      MIGRATE_ON_START: 'false',
      QUEUE_PREFIX: options.queuePrefix,
      ...options.env,
    },
    stdio: ['ignore', options.onLine ? 'pipe' : 'inherit', 'inherit'],
  });
  if (options.onLine && child.stdout) {
    const onLine = options.onLine;
    let rest = '';
    child.stdout.on('data', (chunk: Buffer) => {
      const lines = (rest + chunk.toString()).split('\n');
      rest = lines.pop() ?? '';
      for (const line of lines) if (!onLine(line)) process.stdout.write(`${line}\n`);
    });
  }
  const base = `http://127.0.0.1:${options.port}`;
  const stop = async (): Promise<void> => {
    if (child.exitCode !== null) return;
    // Let the last in-flight requests finish before the api starts answering 503 shutting_down.
    await new Promise((r) => setTimeout(r, 1000));
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
  };
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`api exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${base}/health`)).ok) return { child, port: options.port, base, stop };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  child.kill('SIGTERM');
  throw new Error('api did not become healthy in 90 s');
}

export async function login(base: string, email: string, password: string): Promise<string> {
  const res = await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) });
  if (!res.ok) throw new Error(`login as ${email}: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { accessToken: string }).accessToken;
}

/** Resident memory of a process and of its child processes (an api cluster), in MiB, from /proc. */
export function rssMb(pid: number): number {
  const one = (p: number): number => {
    try {
      const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${p}/status`, 'utf8'));
      return m ? Number(m[1]) / 1024 : 0;
    } catch {
      return 0;
    }
  };
  let children: number[];
  try {
    children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    children = [];
  }
  return Math.round(one(pid) + children.reduce((s, c) => s + one(c), 0));
}

export interface Run {
  name: string;
  p50: number;
  p99: number;
  rps: number;
  requests: number;
  non2xx: number;
  errors: number;
  bytesPerRequest: number;
}

export interface LoadRequest {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  path: string;
  headers?: Record<string, string>;
  body?: string;
}

/** autocannon at `connections` for `seconds`; `next()` gives each request in turn. */
export async function load(name: string, next: () => LoadRequest, options: { base: string; seconds: number; connections: number; headers?: Record<string, string> }): Promise<Run> {
  const result = await autocannon({
    url: options.base,
    connections: options.connections,
    duration: options.seconds,
    headers: options.headers ?? {},
    requests: [
      {
        setupRequest: (req) => {
          const r = next();
          return { ...req, method: r.method ?? 'GET', path: r.path, headers: { ...req.headers, ...(r.headers ?? {}) }, body: r.body };
        },
      },
    ],
  });
  return {
    name,
    p50: result.latency.p50,
    p99: result.latency.p99,
    rps: result.requests.average,
    requests: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
    bytesPerRequest: result.requests.total > 0 ? Math.round(result.throughput.total / result.requests.total) : 0,
  };
}

/** Rotates through a list of GET paths. */
export function rotate(paths: readonly string[]): () => LoadRequest {
  let i = 0;
  return () => ({ path: paths[i++ % paths.length] });
}

export function table(runs: readonly Run[]): string[] {
  return [
    '| route | p50 ms | p99 ms | req/s | requests | non-2xx | errors | bytes/response |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
    ...runs.map((r) => `| ${r.name} | ${r.p50} | ${r.p99} | ${r.rps.toFixed(0)} | ${r.requests} | ${r.non2xx} | ${r.errors} | ${r.bytesPerRequest} |`),
  ];
}

export function printRun(r: Run): void {
  console.log(`${r.name}: p50 ${r.p50} ms, p99 ${r.p99} ms, ${r.rps.toFixed(0)} req/s (${r.requests} requests, non-2xx ${r.non2xx}, errors ${r.errors})`);
}

export { rewriteBenchmarks } from '../benchmarks-file';
