import { assignmentToChoice, choiceToAssignment, CompiledModel, compileModel, evaluateTerms, isChoiceFeasible, sumTerms } from './model/compiled-model';
import { solveGreedyChoice } from './heuristics/greedy-solver';
import { improveFeasible } from './heuristics/feasible-search';
import { HeuristicGuide, HeuristicSearch, runHeuristic } from './heuristics/heuristic-solver';
import { lagrangianBound } from './bounds/lagrangian-bound';
import { MilpResult, solveLpRelaxation, solveMilp } from './exact/milp-solver';
import { parseModel } from './model/model-validator';
import { recombinationPays, searchWithRecombination } from './heuristics/schedule-pool';
import { AssignmentModel, Solution, SolveMethod, SolveOptions, SolveStatus } from './model/model.types';
import { mergeSolutions, portfolioMember, solveThreads, startMember } from './portfolio';

export const DEFAULT_TIME_LIMIT_MS = 10_000;
const SOLVE_METHODS: readonly SolveMethod[] = ['auto', 'milp', 'heuristic', 'greedy'];

/** Auto solves the LP and runs MILP phases up to this many eligible pairs; above, the Lagrangian guide and restricted MILPs. */
const AUTO_MILP_MAX_PAIRS = 40_000;

/** Up to this many pairs auto skips the restricted MILP and runs the exact one after the heuristic. */
const AUTO_SMALL_PAIRS = 3000;

export function isSolveMethod(v: string): v is SolveMethod {
  return (SOLVE_METHODS as readonly string[]).includes(v);
}

interface Outcome {
  status: SolveStatus;
  method: Exclude<SolveMethod, 'auto'>;
  choice: Int32Array | null;
  fallback: Int32Array;
  bound: number | null;
}

function roundBound(c: CompiledModel, bound: number | null): number | null {
  if (bound === null || !Number.isFinite(bound)) return null;
  return c.integralObjective ? Math.ceil(bound - 1e-6) : bound;
}

function toSolution(c: CompiledModel, o: Outcome, requested: SolveMethod, startedAt: number): Solution {
  const used = o.choice ?? o.fallback;
  const terms = evaluateTerms(c, used);
  const objective = o.choice !== null ? sumTerms(terms) : null;
  const bound = roundBound(c, o.bound);
  let status = o.status;
  if (status === 'feasible' && objective !== null && bound !== null && objective <= bound + 1e-6) status = 'optimal';
  const gap = objective !== null && bound !== null ? Math.max(0, objective - bound) / Math.max(1, Math.abs(objective)) : null;
  const assignment = choiceToAssignment(c, used);
  return {
    schemaVersion: 1,
    status,
    method: o.method,
    requestedMethod: requested,
    objective,
    terms,
    bound,
    gap,
    elapsedMs: Date.now() - startedAt,
    assignment,
    unassigned: [],
  };
}

function heuristicOutcome(c: CompiledModel, timeLimitMs: number, options: SolveOptions, guide?: HeuristicGuide): Outcome {
  const r = runHeuristic(c, {
    timeLimitMs,
    seed: options.seed ?? 1,
    ...(options.maxIterations !== undefined ? { maxIterations: options.maxIterations } : {}),
    ...(guide !== undefined ? { guide } : {}),
  });
  return {
    status: r.choice !== null ? 'feasible' : 'timeout-no-solution',
    method: 'heuristic',
    choice: r.choice,
    fallback: r.fallback,
    bound: null,
  };
}

/** Lagrangian bound and ranking; null when some must-assign task has no option at all (proven infeasible). */
function lagrangianGuide(c: CompiledModel, timeLimitMs: number): HeuristicGuide | null {
  // A feasible greedy objective steers the step size; an infeasible one (unassigned must-assign tasks) would mislead it.
  const greedy = solveGreedyChoice(c);
  const lag = lagrangianBound(c, timeLimitMs, isChoiceFeasible(c, greedy) ? sumTerms(evaluateTerms(c, greedy)) : Infinity);
  if (lag.bound === Infinity) return null;
  const score = new Float64Array(c.nK);
  for (let k = 0; k < c.nK; k++) score[k] = lag.score[k] + 1e-7 * c.pairCost[k];
  return { score, lowerBound: lag.bound };
}

function objectiveOf(c: CompiledModel, choice: Int32Array | null): number {
  return choice === null ? Infinity : sumTerms(evaluateTerms(c, choice));
}

/** The warm start as a pair choice, or null when it names an ineligible pair or breaks a hard rule. */
function warmStartChoice(c: CompiledModel, initial: readonly (number | null)[] | undefined): Int32Array | null {
  const choice = initial === undefined ? null : assignmentToChoice(c, initial);
  return choice !== null && isChoiceFeasible(c, choice) ? choice : null;
}

/** Staffing-shaped models (periods with targets, side limits) or a given warm start: the feasible-space search leads. */
function isPlanShaped(c: CompiledModel, options: SolveOptions): boolean {
  return c.hasShortfall || c.nSide > 0 || options.initial !== undefined;
}

/**
 * Plan-shaped auto: bound (Lagrangian, and the LP when affordable), then feasible-space local search
 * from the better of the warm start and the greedy (so the answer is never worse than either) — on
 * budgets long for the model's size, cycles of it and set-partitioning recombination of the schedules it
 * met (schedule-pool.ts) — then on small models the exact MILP warm-started with that incumbent.
 */
async function solvePlanShaped(c: CompiledModel, options: SolveOptions, guide: HeuristicGuide, left: () => number): Promise<Outcome> {
  const bound = guide.lowerBound ?? null;
  // Small models end with the exact MILP (whose root relaxation gives the bound); a separate LP first
  // only took time from its proof.
  const small = c.nK <= AUTO_SMALL_PAIRS;
  let start: Int32Array | null = null;
  for (const candidate of [warmStartChoice(c, options.initial), solveGreedyChoice(c)])
    if (candidate !== null && isChoiceFeasible(c, candidate) && objectiveOf(c, candidate) < objectiveOf(c, start)) start = candidate;
  if (start === null) {
    // No feasible start (e.g. must-assign tasks the greedy could not place): the penalty search repairs.
    const h = heuristicOutcome(c, left(), options, guide);
    return { ...h, bound };
  }
  const searchParams = {
    timeLimitMs: small ? left() * 0.25 : left(),
    seed: options.seed ?? 1,
    ...(options.maxIterations !== undefined ? { maxTrials: options.maxIterations * 50 } : {}),
  };
  // Budgets long for the model's size, past the exact MILP, also recombine the schedules the search meets.
  const recombine = !small && options.maxIterations === undefined && recombinationPays(c, searchParams.timeLimitMs);
  const fs = recombine ? await searchWithRecombination(c, start, searchParams) : improveFeasible(c, start, searchParams);
  let best: Outcome = { status: 'feasible', method: 'heuristic', choice: fs.choice, fallback: fs.choice, bound };
  if (small && left() > 50 && (bound === null || fs.objective > bound + 1e-6)) {
    const m = await solveMilp(c, { timeLimitMs: left(), seed: options.seed ?? 1, incumbent: fs.choice });
    if (m.status === 'infeasible') return { status: 'infeasible', method: 'milp', choice: null, fallback: fs.choice, bound: null };
    const mBound = m.bound !== null ? Math.max(m.bound, bound ?? -Infinity) : bound;
    if (m.choice !== null && objectiveOf(c, m.choice) < fs.objective - 1e-9) best = { status: m.status, method: 'milp', choice: m.choice, fallback: m.choice, bound: mBound };
    else best = { ...best, status: m.status === 'optimal' ? 'optimal' : 'feasible', bound: m.status === 'optimal' ? fs.objective : mBound };
  }
  return best;
}

/** LP → guided heuristic → (small and medium models) MILP warm-started with the incumbent. */
async function solveAuto(c: CompiledModel, options: SolveOptions, timeLimitMs: number, startedAt: number): Promise<Outcome> {
  const deadline = startedAt + timeLimitMs;
  const left = (): number => Math.max(1, deadline - Date.now());
  const planShaped = isPlanShaped(c, options);
  // On plan-shaped models the Lagrangian only supplies a bound (the search starts from a feasible plan): keep it short.
  const lag = lagrangianGuide(c, planShaped ? Math.min(left() * 0.08, 1000) : Math.min(left() * 0.15, 2000));
  if (lag === null) return { status: 'infeasible', method: 'heuristic', choice: null, fallback: new Int32Array(c.nT).fill(-1), bound: null };
  if (planShaped) return solvePlanShaped(c, options, lag, left);
  // The heuristic follows the Lagrangian ranking (it reaches feasibility fast); the MILP phases use LP reduced costs when the LP is affordable.
  const guide: HeuristicGuide = lag;
  let lpBound: number | null = lag.lowerBound ?? null;
  let score: Float64Array | undefined = lag.score;
  if (c.nK <= AUTO_MILP_MAX_PAIRS) {
    const lp = await solveLpRelaxation(c, left() * 0.3);
    if (lp !== null && lp.bound >= (lpBound ?? -Infinity) - 1e-9) {
      lpBound = lp.bound;
      const rc = new Float64Array(c.nK);
      for (let k = 0; k < c.nK; k++) rc[k] = Math.max(0, lp.reducedCost[k]) + 1e-7 * c.pairCost[k];
      score = rc;
      guide.lowerBound = lp.bound;
    }
  }
  const search = new HeuristicSearch(c, {
    timeLimitMs: left(),
    seed: options.seed ?? 1,
    ...(options.maxIterations !== undefined ? { maxIterations: options.maxIterations } : {}),
    guide,
  });
  const h0 = search.run(left() * 0.3);
  let best: Outcome = {
    status: h0.choice !== null ? 'feasible' : 'timeout-no-solution',
    method: 'heuristic',
    choice: h0.choice,
    fallback: h0.fallback,
    bound: lpBound,
  };
  let ub = objectiveOf(c, h0.choice);
  const lbRounded = roundBound(c, lpBound);
  const atBound = (): boolean => lbRounded !== null && ub <= lbRounded + 1e-6;
  const runMilp = async (timeLimitMs: number, allowed?: Uint8Array): Promise<MilpResult> => {
    const m = await solveMilp(c, {
      timeLimitMs,
      seed: options.seed ?? 1,
      ...(best.choice !== null ? { incumbent: best.choice } : {}),
      ...(allowed !== undefined ? { allowed } : {}),
    });
    const obj = objectiveOf(c, m.choice);
    if (m.choice !== null && obj < ub - 1e-9) {
      ub = obj;
      best = { status: 'feasible', method: 'milp', choice: m.choice, fallback: m.choice, bound: best.bound };
    }
    return m;
  };
  if (score === undefined || lpBound === null) {
    if (c.nK > AUTO_MILP_MAX_PAIRS || left() < 50) return best;
    const m = await runMilp(left());
    if (m.status === 'infeasible') return { status: 'infeasible', method: 'milp', choice: null, fallback: h0.fallback, bound: null };
    return { ...best, bound: m.bound };
  }
  // Each task's best-ranked pairs by reduced cost (plus the incumbent's): a small MILP around the relaxation's optimum.
  const topPairs = (perTask: number): Uint8Array => {
    const allowed = new Uint8Array(c.nK);
    for (let t = 0; t < c.nT; t++) {
      const ranked = Array.from(c.taskPairs.subarray(c.taskPairStart[t], c.taskPairStart[t + 1])).sort((x, y) => score[x] - score[y]);
      for (let i = 0; i < Math.min(perTask, ranked.length); i++) allowed[ranked[i]] = 1;
      if (best.choice !== null && best.choice[t] >= 0) allowed[best.choice[t]] = 1;
    }
    return allowed;
  };
  const heuristicObj = ub;
  // Small models (or few pairs per task) go straight to the exact MILP after the heuristic.
  const small = c.nK <= 4 * c.nT || c.nK <= AUTO_SMALL_PAIRS;
  if (!atBound() && !small && left() > 50)
    await runMilp(left() * 0.25, topPairs(Math.max(4, Math.min(8, Math.floor(AUTO_MILP_MAX_PAIRS / Math.max(1, c.nT))))));
  const milpHelped = Number.isFinite(heuristicObj) && ub < heuristicObj - 1e-9;
  if (!atBound() && !small && !milpHelped && left() > 50) {
    // The MILP did not improve a heuristic incumbent (typical of tightly packed instances): resume the local search.
    if (best.choice !== null) search.offerIncumbent(best.choice);
    const h1 = search.run(left());
    const obj1 = objectiveOf(c, h1.choice);
    if (h1.choice !== null && obj1 < ub - 1e-9) {
      ub = obj1;
      best = { status: 'feasible', method: 'heuristic', choice: h1.choice, fallback: h1.choice, bound: best.bound };
    }
    return best;
  }
  if (!atBound() && left() > 50) {
    // Reduced-cost fixing: a pair whose reduced cost exceeds UB − LB cannot be in a better solution.
    const slack = ub - lpBound + 1e-6;
    const allowed = new Uint8Array(c.nK);
    let kept = 0;
    for (let k = 0; k < c.nK; k++)
      if (score[k] - 1e-7 * c.pairCost[k] <= slack) {
        allowed[k] = 1;
        kept++;
      }
    const exact = kept <= AUTO_MILP_MAX_PAIRS;
    // Small models: the exact MILP gets all the time; otherwise keep a share to resume the local search.
    const m = await runMilp(
      small ? left() : left() * 0.6,
      exact ? allowed : topPairs(Math.max(6, Math.floor(AUTO_MILP_MAX_PAIRS / Math.max(1, c.nT)))),
    );
    if (exact && Number.isFinite(ub)) {
      // The optimum is min(incumbent, reduced optimum) ≥ min(incumbent, reduced bound).
      const reducedBound = m.status === 'infeasible' ? Infinity : (m.bound ?? -Infinity);
      best = { ...best, bound: Math.max(lpBound, Math.min(ub, reducedBound)) };
      if (m.status === 'optimal' || m.status === 'infeasible') return best;
    }
    if (!atBound() && left() > 50 && best.choice !== null) {
      search.offerIncumbent(best.choice);
      const h2 = search.run(left());
      const obj2 = objectiveOf(c, h2.choice);
      if (h2.choice !== null && obj2 < ub - 1e-9) {
        ub = obj2;
        best = { status: 'feasible', method: 'heuristic', choice: h2.choice, fallback: h2.choice, bound: best.bound };
      }
    }
  }
  return best;
}

/** Validates and solves a model with the requested method; never throws for infeasible demand. */
export async function solveModel(input: AssignmentModel | unknown, options: SolveOptions = {}): Promise<Solution> {
  const startedAt = Date.now();
  const model = parseModel(input);
  const method = options.method ?? 'auto';
  if (!isSolveMethod(method)) throw new Error(`unknown method "${String(method)}" (use ${SOLVE_METHODS.join(', ')})`);
  const timeLimitMs = options.timeLimitMs ?? DEFAULT_TIME_LIMIT_MS;
  const c = compileModel(model);
  // Portfolio: the other threads start first and solve until the same deadline as this one.
  const threads = method === 'auto' || method === 'heuristic' ? solveThreads(options, c.nK) : 1;
  const planShaped = isPlanShaped(c, options);
  const members = Array.from({ length: threads - 1 }, (_, i) => startMember(model, portfolioMember(options, i + 1, planShaped), startedAt + timeLimitMs));
  let outcome: Outcome;
  switch (method) {
    case 'greedy': {
      const choice = solveGreedyChoice(c);
      const ok = isChoiceFeasible(c, choice);
      outcome = { status: ok ? 'feasible' : 'timeout-no-solution', method, choice: ok ? choice : null, fallback: choice, bound: null };
      break;
    }
    case 'heuristic': {
      // A short Lagrangian phase ranks candidates (and proves a bound); the local search gets the rest.
      const budget = Math.max(1, timeLimitMs - (Date.now() - startedAt));
      const guide = lagrangianGuide(c, Math.min(budget * 0.15, 2000));
      const rest = Math.max(1, timeLimitMs - (Date.now() - startedAt));
      outcome = heuristicOutcome(c, rest, options, guide ?? undefined);
      outcome.bound = guide?.lowerBound ?? null;
      break;
    }
    case 'milp': {
      const m = await solveMilp(c, { timeLimitMs: Math.max(1, timeLimitMs - (Date.now() - startedAt)), seed: options.seed ?? 1 });
      const empty = new Int32Array(c.nT).fill(-1);
      outcome = { status: m.status, method, choice: m.choice, fallback: m.choice ?? empty, bound: m.bound };
      break;
    }
    case 'auto':
      outcome = await solveAuto(c, options, timeLimitMs, startedAt);
      break;
  }
  let solution = toSolution(c, outcome, method, startedAt);
  if (members.length > 0) {
    // A proven answer needs nothing from the other members.
    if (solution.status === 'optimal' || solution.status === 'infeasible') for (const m of members) m.stop();
    const others = (await Promise.all(members.map((m) => m.result))).filter((s): s is Solution => s !== null);
    solution = { ...mergeSolutions([solution, ...others], method), elapsedMs: Date.now() - startedAt };
  }
  solution.unassigned = solution.assignment.flatMap((a, t) => (a === null ? [model.tasks[t].id] : []));
  return solution;
}
