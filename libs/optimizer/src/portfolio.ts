import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { AssignmentModel, Solution, SolveMethod, SolveOptions } from './model/model.types';

/** At most this many threads per solve, whatever is asked. */
export const MAX_SOLVE_THREADS = 8;
/**
 * Past this many eligible pairs a solve stays on one thread: every member holds its own copy of the model, and at XL
 * (538 k pairs) a second one took the benchmark's peak RSS from 1024 MB to 1157 MB, past the 1-GB target.
 */
export const PORTFOLIO_MAX_PAIRS = 250_000;
/** How long past the deadline the portfolio waits for a member before dropping it. */
const MEMBER_GRACE_MS = 750;

export function solveThreads(options: SolveOptions, pairs = 0): number {
  const t = options.threads;
  if (pairs > PORTFOLIO_MAX_PAIRS) return 1;
  return t === undefined || !Number.isFinite(t) ? 1 : Math.max(1, Math.min(MAX_SOLVE_THREADS, Math.floor(t)));
}

/**
 * The options of portfolio member `member` (≥ 1; member 0 is the caller's own single-thread run). On GAP-shaped models
 * under `auto`, member 1 is HiGHS alone (so the answer is never worse than the exact solver's in the same time) and
 * member 2 the penalty search alone; every other member runs the same method with another seed.
 */
export function portfolioMember(options: SolveOptions, member: number, planShaped: boolean): SolveOptions {
  const method: SolveMethod = options.method ?? 'auto';
  const own = !planShaped && method === 'auto' && member <= 2 ? (member === 1 ? 'milp' : 'heuristic') : method;
  return { ...options, method: own, seed: (options.seed ?? 1) + 7919 * member, threads: 1 };
}

/**
 * The best member's answer with the best proven bound of all members (each is valid). A proven infeasibility
 * wins; otherwise the lowest objective, the first member on ties (so the single-thread answer is kept unless beaten).
 */
export function mergeSolutions(members: readonly Solution[], requested: SolveMethod): Solution {
  const infeasible = members.find((s) => s.status === 'infeasible');
  if (infeasible !== undefined) return { ...infeasible, requestedMethod: requested };
  let best = members[0];
  for (const s of members.slice(1)) if (s.objective !== null && (best.objective === null || s.objective < best.objective - 1e-9)) best = s;
  const bounds = members.flatMap((s) => (s.bound === null ? [] : [s.bound]));
  const bound = bounds.length > 0 ? Math.max(...bounds) : null;
  const objective = best.objective;
  const gap = objective !== null && bound !== null ? Math.max(0, objective - bound) / Math.max(1, Math.abs(objective)) : null;
  const status = objective !== null && bound !== null && objective <= bound + 1e-6 ? 'optimal' : best.status;
  return { ...best, requestedMethod: requested, bound, gap, status };
}

export interface MemberRun {
  /** The member's answer, or null when it failed or missed the deadline (plus grace). */
  result: Promise<Solution | null>;
  /** Ends the member now (its result becomes null unless it already answered). */
  stop(): void;
}

type WorkerReply = { ok: true; solution: Solution } | { ok: false; message: string; name: string };

/** Starts one member in a worker thread; it solves until `deadline` (epoch ms) and is terminated soon after. */
export function startMember(model: AssignmentModel, options: SolveOptions, deadline: number): MemberRun {
  const ts = __filename.endsWith('.ts');
  const entry = join(__dirname, ts ? 'solve-worker.ts' : 'solve-worker.js');
  if (!existsSync(entry)) return { result: Promise.resolve(null), stop: () => undefined };
  const worker = new Worker(entry, {
    workerData: { model, options, deadline },
    ...(ts ? { execArgv: ['-r', '@swc-node/register'] } : {}),
  });
  let stop = (): void => undefined;
  const result = new Promise<Solution | null>((resolve) => {
    const done = (s: Solution | null): void => {
      clearTimeout(timer);
      resolve(s);
      void worker.terminate();
    };
    const timer = setTimeout(() => done(null), Math.max(0, deadline - Date.now()) + MEMBER_GRACE_MS);
    worker.once('message', (reply: WorkerReply) => done(reply.ok ? reply.solution : null));
    worker.once('error', () => done(null));
    worker.once('exit', () => done(null));
    stop = () => done(null);
  });
  return { result, stop };
}
