import { availableParallelism } from 'node:os';
import { columnGenerationBound } from './column-bound';
import { CompiledModel, compileModel } from './compiled-model';
import { solveLpRelaxation } from './milp-solver';
import { parseModel } from './model-validator';
import { AssignmentModel } from './model.types';

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
  /** That plan (agent index or null per task, as in `Solution.assignment`): its schedules seed the master. */
  incumbent?: readonly (number | null)[];
  /** Threads pricing agents (default: the machine's available parallelism). */
  threads?: number;
}

/** A plan's agent per task as pair indices (−1 = unassigned or not an eligible pair). */
function pairChoice(c: CompiledModel, assignment: readonly (number | null)[]): Int32Array {
  const choice = new Int32Array(c.nT).fill(-1);
  for (let t = 0; t < Math.min(c.nT, assignment.length); t++)
    for (let q = c.taskPairStart[t]; q < c.taskPairStart[t + 1]; q++) if (c.pairAgent[c.taskPairs[q]] === assignment[t]) choice[t] = c.taskPairs[q];
  return choice;
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
  const cg = await columnGenerationBound(c, {
    timeLimitMs: left(),
    upperBound: options.upperBound,
    threads: options.threads ?? availableParallelism(),
    ...(lp !== null ? { lambda0: lp.taskDual } : {}),
    ...(options.incumbent !== undefined ? { incumbent: pairChoice(c, options.incumbent) } : {}),
  });
  const candidates = [lpBound, Number.isFinite(cg.bound) ? cg.bound : null].filter((v): v is number => v !== null);
  return {
    bound: candidates.length > 0 ? Math.max(...candidates) : null,
    lpBound,
    scheduleRounds: cg.iterations,
    elapsedMs: Date.now() - startedAt,
  };
}
