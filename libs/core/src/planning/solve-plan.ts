import { Solution, SolveOptions, VerificationReport, verifySolution } from '@sow/optimizer';
import { CompiledPlan, decodePlan, normalisePlan, encodePlan, PlannedSlot } from './plan-model';
import { planGreedily } from './greedy-baseline';

export type Solver = (model: CompiledPlan['model'], options: SolveOptions) => Promise<Solution>;

export interface PlanSolution {
  slots: PlannedSlot[];
  /** The solver's answer, for its statistics (bound, gap, terms). */
  solution: Solution;
  /** Objective of the returned slots (verified). */
  objective: number;
  /** Which answer was kept: the solver's, or the greedy baseline when it was better. */
  chosen: 'solver' | 'greedy';
  greedyObjective: number;
  /** The optimizer's independent verification of the returned slots: done once here, not again by the caller. */
  report: VerificationReport;
}

function objectiveOf(compiled: CompiledPlan, slots: readonly PlannedSlot[]): { objective: number; valid: boolean; report: VerificationReport } {
  const report = verifySolution(compiled.model, encodePlan(compiled, slots));
  const t = report.terms;
  return { objective: t.unassigned + t.shortfall + t.cost + t.churn, valid: report.violations.length === 0, report };
}

/**
 * Plans greedily first (the PSA-style baseline), hands that plan to the solver as its warm start, and
 * keeps the better of the two: a proposal is never worse than what one-by-one staffing would have done,
 * and the solver spends its whole budget improving on it. Both answers pass the rule book's lead-slot
 * rule before they are compared and verified.
 */
export async function solvePlan(compiled: CompiledPlan, solver: Solver, options: SolveOptions, whileSolving?: () => void): Promise<PlanSolution> {
  const startedAt = Date.now();
  const greedy = normalisePlan(compiled, planGreedily(compiled));
  const g = objectiveOf(compiled, greedy);
  const initial = encodePlan(compiled, greedy);
  // The solver runs in a worker thread: use this thread meanwhile for any other work.
  // The greedy plan is part of the budget, and so is decoding and verifying the answer afterwards (1 %, at most 1 s).
  const reserve = options.timeLimitMs !== undefined ? Math.min(1000, 0.01 * options.timeLimitMs) : 0;
  const budget = options.timeLimitMs !== undefined ? { timeLimitMs: Math.max(1, options.timeLimitMs - reserve - (Date.now() - startedAt)) } : {};
  const solving = solver(compiled.model, { ...options, ...budget, ...(g.valid ? { initial } : {}) });
  whileSolving?.();
  const solution = await solving;
  const solved = normalisePlan(compiled, decodePlan(compiled, solution));
  const a = objectiveOf(compiled, solved);
  const useGreedy = g.valid && (!a.valid || g.objective < a.objective - 1e-6);
  return {
    slots: useGreedy ? greedy : solved,
    solution,
    objective: useGreedy ? g.objective : a.objective,
    chosen: useGreedy ? 'greedy' : 'solver',
    greedyObjective: g.objective,
    report: useGreedy ? g.report : a.report,
  };
}
