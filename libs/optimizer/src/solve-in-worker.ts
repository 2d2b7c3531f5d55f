import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { AssignmentModel, Solution, SolveOptions } from './model/model.types';

type WorkerReply = { ok: true; solution: Solution } | { ok: false; message: string; name: string };

/** Error raised in the worker thread, re-thrown on the caller's side with the original name and message. */
export class WorkerSolveError extends Error {
  constructor(message: string, readonly originalName: string) {
    super(message);
    this.name = 'WorkerSolveError';
  }
}

/**
 * Solves in a worker thread so the event loop never blocks on HiGHS or the heuristic.
 * The entry is TypeScript under @swc-node/register or jest, JavaScript once built to dist/.
 */
export function solveInWorker(model: AssignmentModel | unknown, options: SolveOptions = {}): Promise<Solution> {
  const ts = __filename.endsWith('.ts');
  const entry = join(__dirname, ts ? 'solve-worker.ts' : 'solve-worker.js');
  if (!existsSync(entry)) return Promise.reject(new Error(`solver worker entry not found: ${entry}`));
  return new Promise<Solution>((resolve, reject) => {
    const worker = new Worker(entry, {
      workerData: { model, options },
      ...(ts ? { execArgv: ['-r', '@swc-node/register'] } : {}),
    });
    let settled = false;
    worker.once('message', (reply: WorkerReply) => {
      settled = true;
      if (reply.ok) resolve(reply.solution);
      else reject(new WorkerSolveError(reply.message, reply.name));
      void worker.terminate();
    });
    worker.once('error', (e) => {
      settled = true;
      reject(e);
    });
    worker.once('exit', (code) => {
      if (!settled) reject(new Error(`solver worker exited with code ${code} before answering`));
    });
  });
}
