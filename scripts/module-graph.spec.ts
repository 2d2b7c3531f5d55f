import { readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { Type } from '@nestjs/common';
import { AppConfig } from '@sow/config';
import { AppModule } from '../apps/api/src/app.module';
import { ModuleNode, tokenName } from '../apps/api/src/module-graph';
import { WorkerModule } from '../apps/worker/src/worker.module';
import { ourModules, renderModuleGraph, sourceOf } from './module-graph';

const ROOT = join(__dirname, '..');
const env = { DATABASE_URL: 'postgres://module-graph.invalid/none', REDIS_URL: 'redis://module-graph.invalid:6379', JWT_SECRET: 'module-graph-'.repeat(3), LOG_LEVEL: 'silent' };
const api = ourModules(AppModule.register(AppConfig.fromEnv({ ...env, RUN_PROCESSORS_IN_API: 'true' })));
const worker = ourModules(WorkerModule.register(AppConfig.fromEnv(env)));
const folders = (dir: string) => readdirSync(join(ROOT, dir), { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name);

/** The house rules of docs/architecture.md, read from the decorators. */
describe('the module graph', () => {
  it.each([
    ['api', api],
    ['worker', worker],
  ])('%s: every provider is declared by exactly one module (one instance, one owner)', (_name, graph: ModuleNode[]) => {
    const owners = new Map<string, string[]>();
    for (const node of graph) for (const p of node.providers) owners.set(tokenName(p), [...(owners.get(tokenName(p)) ?? []), node.name]);
    expect([...owners].filter(([, by]) => by.length > 1)).toEqual([]);
  });

  it('has no global grab bag: only configuration, persistence and the queues are global', () => {
    expect(api.filter((n) => n.global).map((n) => n.name).sort()).toEqual(['ConfigModule', 'JobsModule', 'PersistenceModule']);
  });

  it('gives every libs/core feature folder its module, and the api app imports each through a module of the same folder', () => {
    const apiSources = new Set(api.map((n) => sourceOf(n.module)));
    for (const feature of folders('libs/core/src').filter((f) => f !== 'shared')) {
      expect([feature, existsSync(join(ROOT, 'libs/core/src', feature, `${feature}.module.ts`))]).toEqual([feature, true]);
    }
    for (const feature of folders('apps/api/src').filter((f) => readdirSync(join(ROOT, 'apps/api/src', f)).some((file) => file.endsWith('.controller.ts')))) {
      expect([feature, apiSources.has(`apps/api/src/${feature}/${feature}.module.ts`)]).toEqual([feature, true]);
    }
  });

  it('registers each controller in the module of its own folder', () => {
    expect(api.flatMap((n) => n.controllers).filter((c) => sourceOf(c) === null)).toEqual([]);
    const misplaced = api.flatMap((n) => n.controllers.filter((c: Type) => sourceOf(c)?.split('/').slice(0, -1).join('/') !== sourceOf(n.module)?.split('/').slice(0, -1).join('/')).map((c) => `${c.name} in ${n.name}`));
    expect(misplaced).toEqual([]);
  });

  it('keeps the worker free of the api: no controllers, no module from apps/api', () => {
    expect(worker.flatMap((n) => n.controllers)).toEqual([]);
    expect(worker.map((n) => sourceOf(n.module)).filter((file) => file?.startsWith('apps/api/'))).toEqual([]);
    expect(worker.map((n) => n.name)).toEqual(expect.arrayContaining(['ProcessorsModule', 'PlanningModule']));
  });

  it('prints both graphs for npm run arch:modules', () => {
    const text = renderModuleGraph();
    expect(text).toContain('SowsApiModule  apps/api/src/sows/sows.module.ts');
    expect(text).toMatch(/worker \(apps\/worker\)\n {2}WorkerModule/);
  });
});
