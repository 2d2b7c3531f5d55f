import { createPostgresBackend, setDefaultBackendFactory } from 'bullmq';
import { AppConfig } from '@sow/config';

export interface RedisConnectionOptions {
  host: string;
  port: number;
  username?: string;
  password?: string;
  db?: number;
  tls?: Record<string, never>;
  maxRetriesPerRequest: null;
  enableOfflineQueue: boolean;
}

export interface PostgresQueueConnection {
  connectionString: string;
  schema: string;
  max: number;
  /** BullMQ creates and upgrades its own tables on connect. */
  migrate: boolean;
}

export type QueueConnection = RedisConnectionOptions | PostgresQueueConnection;

export function parseRedisUrl(url: string): RedisConnectionOptions {
  const u = new URL(url);
  const db = u.pathname.length > 1 ? Number(u.pathname.slice(1)) : undefined;
  return {
    host: u.hostname,
    port: u.port ? Number(u.port) : 6379,
    username: u.username ? decodeURIComponent(u.username) : undefined,
    password: u.password ? decodeURIComponent(u.password) : undefined,
    db: db !== undefined && Number.isInteger(db) ? db : undefined,
    tls: u.protocol === 'rediss:' ? {} : undefined,
    // BullMQ workers block on Redis; a per-request retry limit would fail them.
    maxRetriesPerRequest: null,
    enableOfflineQueue: true,
  };
}

/**
 * The BullMQ connection for this process. Without REDIS_URL, BullMQ's PostgreSQL backend becomes the
 * process-wide default and shares the application's database. On the embedded database the queue
 * tables live in `public`: PGlite ignores the per-connection search_path BullMQ would set.
 */
export function resolveQueueConnection(config: AppConfig): QueueConnection {
  if (config.queueBackend === 'redis' && config.redisUrl) return parseRedisUrl(config.redisUrl);
  if (!config.databaseUrl) throw new Error('The PostgreSQL queue backend needs a database URL');
  setDefaultBackendFactory(createPostgresBackend);
  return {
    connectionString: config.databaseUrl,
    schema: config.databaseMode === 'embedded' ? 'public' : 'bullmq',
    max: config.databaseMode === 'embedded' ? 4 : 5,
    migrate: true,
  };
}
