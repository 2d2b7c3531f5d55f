import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { ProtocolQueue } from './protocol-queue';

export interface EmbeddedDatabase {
  /** A postgres:// URL any `pg` client can use. */
  readonly url: string;
  readonly dataDir: string;
  /** Stops the socket server and closes PGlite cleanly (a dirty close costs crash recovery next start). */
  close(): Promise<void>;
}

export interface EmbeddedDatabaseOptions {
  dataDir: string;
  port: number;
  /** Must exceed the sum of every pool that connects (TypeORM + BullMQ + health). */
  maxConnections?: number;
}

/**
 * Starts PGlite (PostgreSQL compiled to WASM) persisted under dataDir and serves it over TCP with
 * pglite-socket, so the ordinary `pg` driver, TypeORM and BullMQ connect as to any PostgreSQL.
 * Demo and development only: PGlite is one shared session with globally serialised transactions.
 */
export async function startEmbeddedDatabase(options: EmbeddedDatabaseOptions): Promise<EmbeddedDatabase> {
  const dataDir = resolve(options.dataDir, 'pglite');
  mkdirSync(dataDir, { recursive: true });
  // Both packages are ESM-only; a real dynamic import keeps this file CommonJS.
  const { PGlite } = await import('@electric-sql/pglite');
  const { PGLiteSocketServer } = await import('@electric-sql/pglite-socket');
  const db = await PGlite.create({ dataDir });
  const server = new PGLiteSocketServer({
    db,
    host: '127.0.0.1',
    port: options.port,
    maxConnections: options.maxConnections ?? 64,
  });
  // Replace pglite-socket's message queue with one that keeps each client's protocol runs together.
  Reflect.set(server, 'queryQueue', new ProtocolQueue(db));
  await server.start();
  const url = `postgres://postgres@${server.getServerConn()}/postgres`;
  let closed = false;
  return {
    url,
    dataDir,
    async close(): Promise<void> {
      if (closed) return;
      closed = true;
      await server.stop();
      await db.close();
    },
  };
}
