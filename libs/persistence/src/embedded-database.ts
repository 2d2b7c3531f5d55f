import { extname, join, resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { EmbeddedWorkerData, EmbeddedWorkerMessage } from './embedded-database-worker';

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
 * PGlite runs on a worker thread (embedded-database-worker): its first-start initdb and every query run
 * beside the api's thread, not on it. Demo and development only: PGlite is one shared session with
 * globally serialised transactions.
 */
export async function startEmbeddedDatabase(options: EmbeddedDatabaseOptions): Promise<EmbeddedDatabase> {
  const dataDir = resolve(options.dataDir, 'pglite');
  // The worker is this file's sibling: .ts under @swc-node/register (whose -r hook the worker inherits), .js in dist/.
  const file = join(__dirname, `embedded-database-worker${extname(__filename)}`);
  const data: EmbeddedWorkerData = { dataDir, port: options.port, maxConnections: options.maxConnections ?? 64 };
  const worker = new Worker(file, { workerData: data });
  const first = await new Promise<EmbeddedWorkerMessage>((resolveStart, rejectStart) => {
    worker.once('message', (message: EmbeddedWorkerMessage) => resolveStart(message));
    worker.once('error', rejectStart);
    worker.once('exit', (code) => rejectStart(new Error(`the embedded database worker exited (code ${code}) before it was ready`)));
  });
  worker.removeAllListeners('error').removeAllListeners('exit');
  if (first.type !== 'ready') {
    await worker.terminate();
    const error = new Error(`embedded database: ${first.type === 'failed' ? first.message : 'unexpected message'}`);
    if (first.type === 'failed' && first.stack) error.stack = first.stack;
    throw error;
  }
  worker.on('error', (error) => process.stderr.write(`embedded database worker: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`));
  const url = `postgres://postgres@${first.conn}/postgres`;
  let closing: Promise<void> | null = null;
  return {
    url,
    dataDir,
    close(): Promise<void> {
      closing ??= new Promise<void>((resolveClose) => {
        worker.once('message', () => resolveClose());
        worker.once('exit', () => resolveClose());
        worker.postMessage('close');
      }).then(async () => {
        await worker.terminate();
      });
      return closing;
    },
  };
}
