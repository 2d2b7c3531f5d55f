/* global process */
// Compiles apps/api, apps/worker, libs and migrations to dist/ with SWC (no type check: `npm run typecheck`
// and `npm run build` do that), in the layout `nest build` writes, for the newcomer's `npm start`. The
// transform is .swcrc, the one the tests run the code with; the @sow/* aliases become relative paths.
import { transformFile } from '@swc/core';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';

const ROOT = join(import.meta.dirname, '..');
const OUT = join(ROOT, 'dist');
const SOURCES = ['apps/api/src', 'apps/worker/src', 'libs', 'migrations'];
const swcrc = JSON.parse(readFileSync(join(ROOT, '.swcrc'), 'utf8'));
const { compilerOptions } = JSON.parse(readFileSync(join(ROOT, 'tsconfig.json'), 'utf8'));

function sources(dir) {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' || path === join('libs', 'testing') ? [] : sources(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') && !/\.(spec|e2e-spec)\.ts$/.test(entry.name) ? [path] : [];
  });
}

const files = SOURCES.flatMap(sources);
rmSync(OUT, { recursive: true, force: true });
const started = Date.now();
const options = {
  ...swcrc,
  $schema: undefined,
  swcrc: false,
  sourceMaps: true,
  jsc: { ...swcrc.jsc, baseUrl: ROOT, paths: compilerOptions.paths },
};
await Promise.all(
  files.map(async (file) => {
    const target = join(OUT, file.replace(/\.ts$/, '.js'));
    const { code, map } = await transformFile(join(ROOT, file), { ...options, filename: join(ROOT, file), outputPath: target });
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, map ? `${code}\n//# sourceMappingURL=${relative(dirname(target), `${target}.map`)}\n` : code);
    if (map) writeFileSync(`${target}.map`, map);
  }),
);
process.stdout.write(`compiled ${files.length} files to dist/ in ${Date.now() - started} ms\n`);
