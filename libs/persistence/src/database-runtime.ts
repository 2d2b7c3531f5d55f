import { AppConfig } from '@sow/config';
import { startEmbeddedDatabase } from './embedded-database';

export interface DatabaseRuntime {
  /** The config with `databaseUrl` set (to the embedded server's URL when embedded). */
  config: AppConfig;
  /** What the log should say about the database in use (no credentials). */
  description: string;
  close(): Promise<void>;
}

function redact(url: string): string {
  const u = new URL(url);
  if (u.password) u.password = '***';
  return u.toString();
}

/** Starts the embedded database when DATABASE_URL is unset; otherwise uses the configured server. */
export async function openDatabase(config: AppConfig): Promise<DatabaseRuntime> {
  if (config.databaseMode === 'external' && config.databaseUrl) {
    return { config, description: `PostgreSQL at ${redact(config.databaseUrl)}`, close: async () => undefined };
  }
  const embedded = await startEmbeddedDatabase({ dataDir: config.dataDir, port: config.embeddedDbPort });
  return {
    config: config.with({ databaseUrl: embedded.url }),
    description: `embedded PostgreSQL (PGlite) in ${embedded.dataDir}, served at ${embedded.url} — demo and development only`,
    close: () => embedded.close(),
  };
}
