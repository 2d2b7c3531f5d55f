import 'reflect-metadata';
import { relative } from 'node:path';
import { DynamicModule, Type } from '@nestjs/common';
import { AppConfig } from '@sow/config';
import { AppModule } from '../apps/api/src/app.module';
import { ModuleNode, tokenName, walkModules } from '../apps/api/src/module-graph';
import { WorkerModule } from '../apps/worker/src/worker.module';

/**
 * `npm run arch:modules`: the Nest module graph of the api and of the worker, one line a module: where it is
 * declared, what it imports, declares and exports. Third-party modules (Nest, TypeORM, BullMQ, pino) are
 * listed where imported but not opened. Nothing connects anywhere: only decorators are read.
 */
const ROOT = `${__dirname}/..`;

/** The source file (relative to the repo) that declares this class (not an index re-exporting it), or null for a third-party one. */
export function sourceOf(value: unknown): string | null {
  let found: string | null = null;
  for (const [file, loaded] of Object.entries(require.cache)) {
    if (!loaded || file.includes('/node_modules/')) continue;
    const exported = loaded.exports as Record<string, unknown> | undefined;
    if (!exported || typeof exported !== 'object' || !Object.values(exported).includes(value)) continue;
    found = relative(ROOT, file);
    if (!file.endsWith('/index.ts')) return found;
  }
  return found;
}

/** Only our own modules, in walk order. */
export function ourModules(root: Type | DynamicModule): ModuleNode[] {
  const ours = (module: Type) => sourceOf(module) !== null;
  return walkModules(root, ours).filter((node) => ours(node.module));
}

function describe(node: ModuleNode): string {
  const list = (label: string, names: string[]) => (names.length > 0 ? `\n    ${label.padEnd(12)}${names.join(', ')}` : '');
  return (
    `  ${node.name}${node.global ? ' (global)' : ''}  ${sourceOf(node.module) ?? ''}` +
    list('imports', node.imports.map((m) => m.name)) +
    list('controllers', node.controllers.map((c) => c.name)) +
    list('providers', node.providers.map(tokenName)) +
    list('exports', node.exports.map(tokenName))
  );
}

export function renderModuleGraph(): string {
  // Placeholders: the graph is read from decorators, nothing is dialled.
  const env = { DATABASE_URL: 'postgres://module-graph.invalid/none', REDIS_URL: 'redis://module-graph.invalid:6379', JWT_SECRET: 'module-graph-'.repeat(3), LOG_LEVEL: 'silent' };
  const api = AppConfig.fromEnv({ ...env, RUN_PROCESSORS_IN_API: 'false' });
  const worker = AppConfig.fromEnv(env);
  return [
    'api (apps/api; with RUN_PROCESSORS_IN_API it also imports ProcessorsModule, as the worker does)',
    ...ourModules(AppModule.register(api)).map(describe),
    '',
    'worker (apps/worker)',
    ...ourModules(WorkerModule.register(worker)).map(describe),
    '',
  ].join('\n');
}

if (require.main === module) process.stdout.write(renderModuleGraph());
