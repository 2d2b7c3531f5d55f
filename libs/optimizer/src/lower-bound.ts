import { compileModel } from './compiled-model';
import { solveLpRelaxation } from './milp-solver';
import { parseModel } from './model-validator';
import { AssignmentModel } from './model.types';
import { scheduleBound } from './schedule-bound';

export interface LowerBound {
  /** Best proven lower bound on the optimum (null when none was reached in time). */
  bound: number | null;
  /** LP relaxation value (interior point), when it finished. */
  lpBound: number | null;
  /** Lagrangian rounds with whole per-agent schedules that completed. */
  scheduleRounds: number;
  elapsedMs: number;
}

/**
 * A lower bound for judging plans, slower than `auto` allows: the LP relaxation (interior point), then
 * the schedule Lagrangian started from its duals (at least as strong as the LP, usually stronger on
 * staffing models where tasks are large against capacity). `upperBound` is a known plan's objective.
 */
export async function computeLowerBound(input: AssignmentModel | unknown, options: { timeLimitMs: number; upperBound: number }): Promise<LowerBound> {
  const startedAt = Date.now();
  const c = compileModel(parseModel(input));
  const left = (): number => Math.max(1, options.timeLimitMs - (Date.now() - startedAt));
  const lp = await solveLpRelaxation(c, left() * 0.5, 'ipm');
  const lpBound = lp?.bound ?? null;
  const sb = await scheduleBound(c, { timeLimitMs: left(), upperBound: options.upperBound, ...(lp !== null ? { lambda0: lp.taskDual } : {}) });
  const candidates = [lpBound, Number.isFinite(sb.bound) ? sb.bound : null].filter((v): v is number => v !== null);
  return {
    bound: candidates.length > 0 ? Math.max(...candidates) : null,
    lpBound,
    scheduleRounds: sb.iterations,
    elapsedMs: Date.now() - startedAt,
  };
}
