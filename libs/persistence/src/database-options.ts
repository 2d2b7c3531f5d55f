import { join } from 'node:path';
import { DataSourceOptions } from 'typeorm';
import { ENTITIES } from './entities';
import { GuardedClient } from './guarded-client';
import { QueryLogger } from './query-logger';

export interface DatabaseOptionsInput {
  url: string;
  poolSize: number;
  statementTimeoutMs: number;
  /** PGlite serialises everything; keep its pool tiny and fail fast instead of waiting forever. */
  embedded: boolean;
  migrationsRun?: boolean;
  logging?: boolean;
}

/** Migrations live in the repository's migrations/ folder, as .ts in development and tests, as .js in dist/. */
export const MIGRATIONS_GLOB = join(__dirname, '..', '..', '..', 'migrations', '*.{ts,js}');

export function buildDataSourceOptions(input: DatabaseOptionsInput): DataSourceOptions {
  return {
    type: 'postgres',
    url: input.url,
    entities: ENTITIES,
    migrations: [MIGRATIONS_GLOB],
    migrationsTableName: 'typeorm_migrations',
    migrationsTransactionMode: 'each',
    migrationsRun: input.migrationsRun ?? false,
    synchronize: false,
    // gen_random_uuid() is built into PostgreSQL 13+ (and PGlite); no extension to install.
    uuidExtension: 'pgcrypto',
    installExtensions: false,
    logging: input.logging ? ['error', 'warn', 'migration'] : ['error', 'migration'],
    logger: new QueryLogger(input.logging ?? false),
    poolSize: input.poolSize,
    extra: {
      statement_timeout: input.statementTimeoutMs || undefined,
      query_timeout: input.embedded ? Math.max(input.statementTimeoutMs, 10000) : undefined,
      connectionTimeoutMillis: 10000,
      application_name: 'sow-planner',
      Client: GuardedClient,
    },
  };
}
