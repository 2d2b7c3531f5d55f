import { DataSource } from 'typeorm';
import { AppConfig } from '@sow/config';
import { buildDataSourceOptions } from './database-options';

/**
 * The data source the TypeORM CLI uses (migration:run, revert, generate, check). It needs a real
 * PostgreSQL: set DATABASE_URL. The apps build theirs from the same options (PersistenceModule).
 */
function createCliDataSource(): DataSource {
  const config = AppConfig.fromProcessEnv();
  if (!config.databaseUrl) {
    throw new Error('DATABASE_URL is required for migration commands (e.g. postgres://postgres@127.0.0.1:5432/sow)');
  }
  return new DataSource(
    buildDataSourceOptions({ url: config.databaseUrl, poolSize: 2, statementTimeoutMs: 0, embedded: false }),
  );
}

export const dataSource = createCliDataSource();
