import { parentPort, workerData } from 'node:worker_threads';
import { solveModel } from './optimizer.service';
import { SolveOptions } from './model/model.types';

/** Worker-thread entry: solves one model (HiGHS loads once in this thread) and posts the result back. */
interface SolveRequest {
  model: unknown;
  options: SolveOptions;
  /** Portfolio members solve until this instant (epoch ms) whatever their start-up took. */
  deadline?: number;
}

const request = workerData as SolveRequest;
const options = request.deadline !== undefined ? { ...request.options, timeLimitMs: Math.max(1, request.deadline - Date.now()) } : request.options;
solveModel(request.model, options).then(
  (solution) => parentPort?.postMessage({ ok: true, solution }),
  (e: unknown) =>
    parentPort?.postMessage({ ok: false, message: e instanceof Error ? e.message : String(e), name: e instanceof Error ? e.name : 'Error' }),
);
