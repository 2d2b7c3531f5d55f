/* global process */
// npm run start:dev: the api with Nest's watch mode and the console on Vite's dev server (hot reload),
// which proxies /api, /docs, /health and /admin/queues to the api. Ctrl-C stops both.
import { spawn } from 'node:child_process';

const children = [
  spawn('npx', ['nest', 'start', 'api', '--watch'], { stdio: 'inherit', env: { NODE_ENV: 'development', ...process.env } }),
  spawn('npx', ['vite', '--config', 'apps/web/vite.config.mts'], { stdio: 'inherit', env: process.env }),
];
process.stdout.write('Console with hot reload: http://localhost:5173 (api on http://localhost:3000)\n');

let stopping = false;
const stop = (code) => {
  if (stopping) return;
  stopping = true;
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
  process.exitCode = code;
};
for (const child of children) child.on('exit', (code) => stop(code ?? 0));
process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));
