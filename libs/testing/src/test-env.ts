/** Where the e2e tests find real services. CI and the dev machine run them on these defaults. */
export const TEST_PG_ADMIN_URL = process.env.TEST_PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
export const TEST_DATABASE_NAME = process.env.TEST_DATABASE_NAME ?? 'sow_e2e';

export function databaseUrl(name: string): string {
  const u = new URL(TEST_PG_ADMIN_URL);
  u.pathname = `/${name}`;
  return u.toString();
}

export const TEST_DATABASE_URL = databaseUrl(TEST_DATABASE_NAME);
