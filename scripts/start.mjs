/* global process */
// npm start: compiles the api and worker if their sources changed (SWC, about a second), then starts the api
// at once while the console is built beside it when apps/web changed (`vite build`, a few seconds): on a
// fresh clone the build overlaps the api's own start (database, migrations, demo seed) instead of preceding
// it. Until the build is written the api answers the console's pages with 503 and a page that reloads itself.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { API_TARGET, WEB_TARGET, buildInBackground, buildSync, staleHash } from './build-changed.mjs';

const apiHash = staleHash(API_TARGET);
if (apiHash === null) process.stdout.write(`${API_TARGET.name}: up to date, not rebuilt\n`);
else buildSync(API_TARGET, apiHash);

const webHash = staleHash(WEB_TARGET);
const web = webHash === null ? null : buildInBackground(WEB_TARGET, webHash);
if (!web) process.stdout.write(`${WEB_TARGET.name}: up to date, not rebuilt\n`);

const api = spawn(process.execPath, ['dist/apps/api/src/main.js'], { cwd: join(import.meta.dirname, '..'), stdio: 'inherit' });
let stopping = false;
let failed = false;
const stop = (signal) => {
  stopping = true;
  if (web && web.child.exitCode === null) web.child.kill(signal);
  if (api.exitCode === null) api.kill(signal);
};
process.on('SIGINT', () => stop('SIGINT'));
process.on('SIGTERM', () => stop('SIGTERM'));
api.on('exit', (code, signal) => {
  if (web && web.child.exitCode === null) web.child.kill('SIGTERM');
  process.exitCode = failed ? 1 : (code ?? (signal ? 1 : 0));
});
if (web) {
  void web.done.then((code) => {
    if (code === 0 || stopping) return;
    // As before this script, a console that does not build stops `npm start` (the api's error is in the output above).
    failed = true;
    process.stderr.write(`${WEB_TARGET.name}: vite build failed (exit ${code}); stopping the api\n`);
    stop('SIGTERM');
  });
}
