import cluster, { Worker } from 'node:cluster';
import { AppConfig } from '@sow/config';

const RESTART_WINDOW_MS = 60_000;
const MAX_RESTARTS_IN_WINDOW = 5;

function log(level: 'info' | 'warn' | 'error', msg: string): void {
  const numeric = { info: 30, warn: 40, error: 50 }[level];
  process.stdout.write(`${JSON.stringify({ level: numeric, time: Date.now(), service: 'api-primary', pid: process.pid, msg })}\n`);
}

/**
 * The primary of `API_WORKERS` api processes sharing one port (node:cluster hands out connections round
 * robin). It serves nothing itself. The first worker starts alone, so that only it runs migrations, creates
 * the first admin and seeds a demo; the others start once it listens, with those switched off. A worker
 * that dies is replaced (a crash loop stops the primary); SIGINT/SIGTERM are passed on, and the primary
 * exits once every worker has closed. Each worker keeps its own caches and login-failure counts.
 */
export function runClusterPrimary(config: AppConfig): void {
  // A secret generated here (development) must be shared, or a token from one worker fails on another.
  const shared: Record<string, string> = config.jwtSecretGenerated ? { JWT_SECRET: config.jwtSecret } : {};
  const followers = { ...shared, MIGRATE_ON_START: 'false', SEED_DEMO: 'never' };
  const restarts: number[] = [];
  let closing = false;

  const fork = (env: Record<string, string>): Worker => {
    const worker = cluster.fork(env);
    worker.on('exit', (code, signal) => {
      if (closing) {
        if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
        return;
      }
      const now = Date.now();
      restarts.push(now);
      while (restarts.length > 0 && restarts[0] < now - RESTART_WINDOW_MS) restarts.shift();
      if (restarts.length > MAX_RESTARTS_IN_WINDOW) {
        log('error', `api workers keep exiting (${restarts.length} in ${RESTART_WINDOW_MS / 1000} s): stopping`);
        closing = true;
        for (const w of Object.values(cluster.workers ?? {})) w?.process.kill('SIGTERM');
        process.exitCode = 1;
        if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(1);
        return;
      }
      log('warn', `api worker ${worker.process.pid} exited (${signal ?? code}); starting another`);
      fork(followers);
    });
    return worker;
  };

  const first = fork(shared);
  first.once('listening', () => {
    for (let i = 1; i < config.apiWorkers; i++) fork(followers);
    log('info', `api cluster: ${config.apiWorkers} worker processes on port ${config.port}`);
  });

  const stop = (signal: NodeJS.Signals): void => {
    if (closing) return;
    closing = true;
    log('info', `${signal} received: closing ${Object.keys(cluster.workers ?? {}).length} api workers`);
    for (const w of Object.values(cluster.workers ?? {})) w?.process.kill(signal);
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}
