import cluster from 'node:cluster';
import { AppConfig } from '@sow/config';
import { DatabaseRuntime, openDatabase } from '@sow/persistence';

/**
 * The database, opened as soon as this module is evaluated: main.ts imports it before the application's
 * modules, so the embedded database (PGlite on a worker thread, initdb on a fresh clone) starts while Nest,
 * TypeORM and every feature module load. Null when main.ts must decide (a bad environment, a cluster
 * primary); main.ts then reports the error or opens the database itself.
 */
function openEarly(): Promise<DatabaseRuntime> | null {
  let config: AppConfig;
  try {
    config = AppConfig.fromProcessEnv();
  } catch {
    return null;
  }
  if (config.apiWorkers > 1 && cluster.isPrimary) return null;
  const opening = openDatabase(config);
  // main.ts awaits it; until then a failure must not surface as an unhandled rejection.
  opening.catch(() => undefined);
  return opening;
}

export const earlyDatabase: Promise<DatabaseRuntime> | null = openEarly();
