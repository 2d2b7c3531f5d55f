import { mkdirSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { ProtocolQueue } from './protocol-queue';

/** What startEmbeddedDatabase hands the worker. */
export interface EmbeddedWorkerData {
  dataDir: string;
  port: number;
  maxConnections: number;
}

/** Messages from the worker: ready (with the server's host:port), closed, or a start-up failure. */
export type EmbeddedWorkerMessage = { type: 'ready'; conn: string } | { type: 'closed' } | { type: 'failed'; message: string; stack?: string };

/**
 * PGlite and its socket server on a worker thread: the WASM engine (its first-start initdb included)
 * runs beside the api's own thread instead of blocking it, so module loading, Nest's start and the
 * HTTP server go on while PostgreSQL works. The api talks to it over TCP with the ordinary `pg` driver.
 */
async function main(): Promise<void> {
  const port = parentPort;
  if (!port) throw new Error('embedded-database-worker must run on a worker thread');
  const data = workerData as EmbeddedWorkerData;
  try {
    mkdirSync(data.dataDir, { recursive: true });
    const { PGlite } = await import('@electric-sql/pglite');
    const { PGLiteSocketServer } = await import('@electric-sql/pglite-socket');
    const db = await PGlite.create({ dataDir: data.dataDir });
    const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: data.port, maxConnections: data.maxConnections });
    Reflect.set(server, 'queryQueue', new ProtocolQueue(db));
    await server.start();
    port.on('message', (message: unknown) => {
      if (message !== 'close') return;
      void (async () => {
        await server.stop();
        await db.close();
        port.postMessage({ type: 'closed' } satisfies EmbeddedWorkerMessage);
      })();
    });
    port.postMessage({ type: 'ready', conn: server.getServerConn() } satisfies EmbeddedWorkerMessage);
  } catch (error) {
    port.postMessage({ type: 'failed', message: error instanceof Error ? error.message : String(error), stack: error instanceof Error ? error.stack : undefined } satisfies EmbeddedWorkerMessage);
  }
}

void main();
