import { join } from 'node:path';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
// Relative imports only: jest resolves no path aliases in global setup.
import { databaseUrl, TEST_DATABASE_NAME, TEST_PG_ADMIN_URL } from '../libs/testing/src/test-env';

/** Drops and recreates a database, then runs every migration on it. */
async function createMigratedDatabase(name: string): Promise<string> {
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`Bad test database name ${name}`);
  const admin = new Client({ connectionString: TEST_PG_ADMIN_URL });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = databaseUrl(name);
  const ds = new DataSource({
    type: 'postgres',
    url,
    migrations: [join(__dirname, '..', 'migrations', '*.ts')],
    migrationsTableName: 'typeorm_migrations',
  });
  await ds.initialize();
  try {
    await ds.runMigrations({ transaction: 'each' });
  } finally {
    await ds.destroy();
  }
  return url;
}

/** One fresh, migrated database for the e2e run; each test file resets the tables it uses. */
export default async function globalSetup(): Promise<void> {
  process.env.E2E_DATABASE_URL = await createMigratedDatabase(TEST_DATABASE_NAME);
}
