import { availableParallelism } from 'node:os';
import { columnGenerationBound } from './column-bound';
import { assignmentToChoice, compileModel } from '../model/compiled-model';
import { solveLpRelaxation } from '../exact/milp-solver';
import { parseModel } from '../model/model-validator';
import { AssignmentModel } from '../model/model.types';

export interface LowerBound {
  /** Best proven lower bound on the optimum (null when none was reached in time). */
  bound: number | null;
  /** LP relaxation value (interior point), when it finished. */
  lpBound: number | null;
  /** Exact pricing rounds of the column-generation Lagrangian that completed. */
  scheduleRounds: number;
  elapsedMs: number;
}

export interface LowerBoundOptions {
  timeLimitMs: number;
  /** Objective of a known plan. */
  upperBound: number;
  /** That plan (agent index or null per task, as in `Solution.assignment`): its schedules seed the master (ignored when it names an ineligible pair). */
  incumbent?: readonly (number | null)[];
  /** Threads pricing agents (default: the machine's available parallelism). */
  threads?: number;
}

/**
 * A lower bound for judging plans, slower than `auto` allows: the LP relaxation (interior point), then the
 * column-generation Lagrangian started from its duals (at least as strong as the LP without coupling, and
 * usually much stronger on staffing models, where tasks are large against capacity).
 */
export async function computeLowerBound(input: AssignmentModel | unknown, options: LowerBoundOptions): Promise<LowerBound> {
  const startedAt = Date.now();
  const c = compileModel(parseModel(input));
  const left = (): number => Math.max(1, options.timeLimitMs - (Date.now() - startedAt));
  const lp = await solveLpRelaxation(c, left() * 0.5, 'ipm');
  const lpBound = lp?.bound ?? null;
  const incumbent = options.incumbent !== undefined ? assignmentToChoice(c, options.incumbent) : null;
  const cg = await columnGenerationBound(c, {
    timeLimitMs: left(),
    upperBound: options.upperBound,
    threads: options.threads ?? availableParallelism(),
    ...(lp !== null ? { lambda0: lp.taskDual } : {}),
    ...(incumbent !== null ? { incumbent } : {}),
  });
  const candidates = [lpBound, Number.isFinite(cg.bound) ? cg.bound : null].filter((v): v is number => v !== null);
  return {
    bound: candidates.length > 0 ? Math.max(...candidates) : null,
    lpBound,
    scheduleRounds: cg.iterations,
    elapsedMs: Date.now() - startedAt,
  };
}
