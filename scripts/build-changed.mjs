/* global process */
// npm start builds only what changed since the last build: the api and worker (SWC, scripts/compile-api.mjs,
// under a second) when their sources or the build configuration changed, the console (`vite build`) when
// apps/web changed. Type checking is `npm run typecheck`'s job (and `npm run build`'s, which uses tsc).
// Each build records a hash of its inputs next to its output; a matching hash skips the build.
// scripts/start.mjs uses these targets to build the console while the api starts; run directly, this
// script builds whatever is stale, one target after the other.
import { execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..');
const SKIP_DIRS = new Set(['node_modules', 'dist', 'data', 'coverage', 'e2e']);
const isTest = (name) => /\.(spec|test|e2e-spec|e2e)\.tsx?$/.test(name);

const TARGETS = [
  {
    name: 'api and worker',
    inputs: ['apps/api/src', 'apps/worker/src', 'libs', 'migrations', 'tsconfig.json', '.swcrc', 'scripts/compile-api.mjs', 'package-lock.json'],
    output: 'dist/apps/api/src/main.js',
    stamp: 'dist/.build-inputs',
    build: [process.execPath, ['scripts/compile-api.mjs']],
  },
  {
    name: 'web console',
    inputs: ['apps/web/src', 'apps/web/index.html', 'apps/web/vite.config.mts', 'apps/web/tsconfig.json', 'package-lock.json'],
    output: 'apps/web/dist/index.html',
    stamp: 'apps/web/dist/.build-inputs',
    build: ['npx', ['vite', 'build', '--config', 'apps/web/vite.config.mts', '--logLevel', 'warn']],
  },
];

function files(path) {
  const full = join(ROOT, path);
  if (!existsSync(full)) return [];
  return readdirSync(full, { withFileTypes: true }).flatMap((entry) => {
    const child = join(path, entry.name);
    if (entry.isDirectory()) return SKIP_DIRS.has(entry.name) ? [] : files(child);
    return isTest(entry.name) ? [] : [child];
  });
}

function inputsHash(inputs) {
  const hash = createHash('sha256');
  for (const input of inputs) {
    const full = join(ROOT, input);
    if (!existsSync(full)) continue;
    const list = isDirectory(full) ? files(input) : [input];
    for (const file of list.sort()) hash.update(file).update('\0').update(readFileSync(join(ROOT, file))).update('\0');
  }
  return hash.digest('hex');
}

function isDirectory(full) {
  return statSync(full).isDirectory();
}

/** Null when the target's output matches its inputs; else the hash its build will record. */
export function staleHash(target) {
  const hash = inputsHash(target.inputs);
  const stamp = join(ROOT, target.stamp);
  const fresh = existsSync(join(ROOT, target.output)) && existsSync(stamp) && readFileSync(stamp, 'utf8') === hash;
  return fresh ? null : hash;
}

/** Builds the target in the foreground and records its inputs' hash. */
export function buildSync(target, hash) {
  const started = Date.now();
  process.stdout.write(`${target.name}: building…\n`);
  const [command, args] = target.build;
  execFileSync(command, args, { cwd: ROOT, stdio: 'inherit' });
  writeFileSync(join(ROOT, target.stamp), hash);
  process.stdout.write(`${target.name}: built in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
}

/** Builds the target in a child process; resolves with its exit code (the hash is recorded on success). */
export function buildInBackground(target, hash) {
  const started = Date.now();
  process.stdout.write(`${target.name}: building while the api starts…\n`);
  const [command, args] = target.build;
  const child = spawn(command, args, { cwd: ROOT, stdio: 'inherit' });
  const done = new Promise((resolve) => {
    child.on('exit', (code, signal) => {
      if (code === 0) {
        writeFileSync(join(ROOT, target.stamp), hash);
        process.stdout.write(`${target.name}: built in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
      }
      resolve(code ?? (signal ? 1 : 0));
    });
  });
  return { child, done };
}

export const API_TARGET = TARGETS[0];
export const WEB_TARGET = TARGETS[1];

if (process.argv[1] && join(process.argv[1]) === join(import.meta.dirname, 'build-changed.mjs')) {
  for (const target of TARGETS) {
    const hash = staleHash(target);
    if (hash === null) process.stdout.write(`${target.name}: up to date, not rebuilt\n`);
    else buildSync(target, hash);
  }
  process.exitCode = 0;
}
