import type { Highs, ModelData } from 'highs';
import { CompiledModel } from '../model/compiled-model';
import { packingCuts, pushPairEntries } from '../exact/milp-solver';

/**
 * One agent's schedule subproblem for the Lagrangian bound (column-bound.ts): with every task's assignment
 * row relaxed, the model splits into one exact subproblem per agent — its cheapest schedule of candidate
 * tasks priced at cost − multiplier, under its per-period capacity, side limits and target shortfall.
 */

/** Per agent: its pairs and the rows of its subproblem. */
export interface AgentProblem {
  pairs: Int32Array;
  /** Column layout: pairs, then one shortfall column per penalised period with a target. */
  data: ModelData;
  /** Shortfall cost when the agent takes nothing (used when it has no pairs at all). */
  idle: number;
}

export function agentProblem(c: CompiledModel, a: number, highs: Highs): AgentProblem {
  const pairs = c.agentPairs.subarray(c.agentPairStart[a], c.agentPairStart[a + 1]);
  const nP = c.nP;
  const capRow = new Int32Array(nP).fill(-1);
  const shortRow = new Int32Array(nP).fill(-1);
  let nRows = 0;
  for (const k of pairs)
    for (let q = c.pairLoadStart[k]; q < c.pairLoadStart[k + 1]; q++) {
      const p = c.loadPeriod[q];
      if (capRow[p] < 0) capRow[p] = nRows++;
    }
  const shortPeriods: number[] = [];
  let idle = 0;
  if (c.penalty[a] > 0)
    for (let p = 0; p < nP; p++) {
      const tg = c.target[a * nP + p];
      if (tg <= 0) continue;
      idle += tg * c.penalty[a];
      shortRow[p] = nRows++;
      shortPeriods.push(p);
    }
  const sideRow = new Int32Array(c.nSide).fill(-1);
  const sides: number[] = [];
  for (const k of pairs)
    for (let q = c.pairSideStart[k]; q < c.pairSideStart[k + 1]; q++)
      if (sideRow[c.sideIndex[q]] < 0) {
        sideRow[c.sideIndex[q]] = nRows++;
        sides.push(c.sideIndex[q]);
      }
  // The model's clique rows on this agent's pairs (at most one of tasks no two of which fit in a period,
  // milp-solver.ts): without them HiGHS proves many agents' schedules only after thousands of its own cuts.
  const cuts = packingCuts(c);
  const cutRow = new Map<number, number>();
  for (const k of pairs)
    for (let q = cuts.pairStart[k]; q < cuts.pairStart[k + 1]; q++) if (!cutRow.has(cuts.pairRows[q])) cutRow.set(cuts.pairRows[q], nRows++);
  const nCols = pairs.length + shortPeriods.length;
  const starts = new Int32Array(nCols + 1);
  const idx: number[] = [];
  const val: number[] = [];
  const colLower = new Float64Array(nCols);
  const colUpper = new Float64Array(nCols);
  const colCost = new Float64Array(nCols);
  pairs.forEach((k, j) => {
    const t = c.pairTask[k];
    colUpper[j] = 1;
    if (c.fixedPair[t] >= 0) {
      if (c.fixedPair[t] === k) colLower[j] = 1;
      else colUpper[j] = 0;
    }
    // A requiring task on a needs-lead agent with no possible lead can never be taken.
    if (c.requiresLead[t] === 1 && c.needsLeadAgent[a] === 1 && c.leadStart[t + 1] === c.leadStart[t]) colUpper[j] = 0;
    // So can a pair whose load exceeds a period's capacity or whose side use exceeds a limit.
    if (cuts.impossible[k] === 1 && c.fixedPair[t] !== k) colUpper[j] = 0;
    pushPairEntries(c, k, 0, capRow, shortRow, sideRow, idx, val);
    for (let q = cuts.pairStart[k]; q < cuts.pairStart[k + 1]; q++) {
      idx.push(cutRow.get(cuts.pairRows[q]) as number);
      val.push(1);
    }
    starts[j + 1] = idx.length;
  });
  shortPeriods.forEach((p, i) => {
    const j = pairs.length + i;
    colCost[j] = c.penalty[a];
    colUpper[j] = highs.infinity;
    idx.push(shortRow[p]);
    val.push(1);
    starts[j + 1] = idx.length;
  });
  const rowLower = new Float64Array(nRows).fill(-highs.infinity);
  const rowUpper = new Float64Array(nRows).fill(highs.infinity);
  for (let p = 0; p < nP; p++) {
    if (capRow[p] >= 0) rowUpper[capRow[p]] = c.capacity[a * nP + p];
    if (shortRow[p] >= 0) rowLower[shortRow[p]] = c.target[a * nP + p];
  }
  for (const s of sides) rowUpper[sideRow[s]] = c.sideLimit[s];
  for (const r of cutRow.values()) rowUpper[r] = 1;
  const integer = highs.constants.variableType.integer;
  return {
    pairs,
    idle,
    data: {
      numCols: nCols,
      numRows: nRows,
      colCost,
      colLower,
      colUpper,
      rowLower,
      rowUpper,
      matrix: { format: 'csc', numRows: nRows, numCols: nCols, starts, indices: Int32Array.from(idx), values: Float64Array.from(val) },
      integrality: Int32Array.from({ length: nCols }, (_, j) => (j < pairs.length ? integer : 0)),
    },
  };
}

export interface RelaxedTasks {
  /** Price of leaving each task unassigned (churn included). */
  price: Float64Array;
  /** 1 when the task may stay unassigned (not must-assign, not locked). */
  canLeave: Uint8Array;
  /** 1 when the task's row is relaxed (it has pairs); tasks without pairs are simply unassigned. */
  relaxed: Uint8Array;
  /** Σ prices of the tasks without pairs. */
  constant: number;
}

/** The task side of the Lagrangian; null when a task that must be assigned has no pair (infeasible). */
export function relaxTasks(c: CompiledModel): RelaxedTasks | null {
  const price = new Float64Array(c.nT);
  const canLeave = new Uint8Array(c.nT);
  const relaxed = new Uint8Array(c.nT);
  let constant = 0;
  for (let t = 0; t < c.nT; t++) {
    price[t] = c.unassignedCost[t];
    canLeave[t] = c.mustAssign[t] === 1 || c.fixedPair[t] >= 0 ? 0 : 1;
    if (c.taskPairStart[t + 1] === c.taskPairStart[t]) {
      if (canLeave[t] === 0) return null;
      constant += price[t];
    } else relaxed[t] = 1;
  }
  return { price, canLeave, relaxed, constant };
}

export interface PricedSchedule {
  /** Proven lower bound on the agent's cheapest schedule at the given multipliers (HiGHS's dual bound). */
  value: number;
  /** Pairs of the best schedule found. */
  pairs: number[];
}

/**
 * Agent a's cheapest schedule with each task priced at cost − lambda: its MILP dual bound (valid even when
 * the time limit stops it early) and best schedule; null when no schedule was found in time.
 */
export function priceAgent(highs: Highs, c: CompiledModel, pr: AgentProblem, lambda: Float64Array, timeLimitSec: number): PricedSchedule | 'infeasible' | null {
  const cost = pr.data.colCost as Float64Array;
  pr.pairs.forEach((k, j) => {
    cost[j] = c.pairCost[k] - lambda[c.pairTask[k]];
  });
  const model = highs.createModel(pr.data);
  try {
    model.options.set({ output_flag: false, mip_rel_gap: 1e-4, time_limit: Math.max(0.05, timeLimitSec) });
    model.run();
    if (model.getModelStatus() === highs.constants.modelStatus.infeasible) return 'infeasible';
    const dual = Number(model.info.get('mip_dual_bound'));
    if (!Number.isFinite(dual) || Number(model.info.get('primal_solution_status')) !== 2) return null;
    const x = model.getSolution().colValue;
    return { value: dual, pairs: Array.from(pr.pairs).filter((_, j) => x[j] > 0.5) };
  } finally {
    model.dispose();
  }
}

/** Agent a's pairs that some schedule may take: not locked to another agent, not a requiring task it cannot take without a lead. */
export function schedulablePairs(c: CompiledModel, a: number, pairs: ArrayLike<number>): number[] {
  const out: number[] = [];
  for (let i = 0; i < pairs.length; i++) {
    const k = pairs[i];
    const t = c.pairTask[k];
    if (c.fixedPair[t] >= 0 && c.fixedPair[t] !== k) continue;
    if (c.requiresLead[t] === 1 && c.needsLeadAgent[a] === 1 && c.leadStart[t + 1] === c.leadStart[t]) continue;
    out.push(k);
  }
  return out;
}

/**
 * Local search on agent a's schedule at multipliers pi: from `start`, adds, drops and swaps its `usable`
 * pairs while one lowers the schedule's cost − Σ pi (pair costs plus target shortfall), keeping its capacity
 * and side limits; locked pairs stay. A heuristic (no bound): column generation uses it to find schedules
 * of negative reduced cost between two exact rounds, where it costs milliseconds against HiGHS's seconds.
 */
export function improveSchedule(c: CompiledModel, a: number, usable: ArrayLike<number>, start: readonly number[], pi: Float64Array, maxPasses = 50): number[] {
  const nP = c.nP;
  const base = a * nP;
  const pen = c.penalty[a];
  const load = new Float64Array(nP);
  const side = new Map<number, number>();
  const chosen = new Set<number>();
  const eps = 1e-7;
  const apply = (k: number, sign: 1 | -1): void => {
    for (let q = c.pairLoadStart[k]; q < c.pairLoadStart[k + 1]; q++) load[c.loadPeriod[q]] += sign * c.loadAmount[q];
    for (let q = c.pairSideStart[k]; q < c.pairSideStart[k + 1]; q++) side.set(c.sideIndex[q], (side.get(c.sideIndex[q]) ?? 0) + sign * c.sideAmount[q]);
    if (sign === 1) chosen.add(k);
    else chosen.delete(k);
  };
  const fits = (k: number): boolean => {
    for (let q = c.pairLoadStart[k]; q < c.pairLoadStart[k + 1]; q++) if (load[c.loadPeriod[q]] + c.loadAmount[q] > c.capacity[base + c.loadPeriod[q]] + 1e-9) return false;
    for (let q = c.pairSideStart[k]; q < c.pairSideStart[k + 1]; q++) if ((side.get(c.sideIndex[q]) ?? 0) + c.sideAmount[q] > c.sideLimit[c.sideIndex[q]] + 1e-9) return false;
    return true;
  };
  /** Change of cost − Σ pi when k is added to the current schedule (negative = better). */
  const addDelta = (k: number): number => {
    let d = c.pairCost[k] - pi[c.pairTask[k]];
    if (pen > 0)
      for (let q = c.pairLoadStart[k]; q < c.pairLoadStart[k + 1]; q++) {
        const gap = c.target[base + c.loadPeriod[q]] - load[c.loadPeriod[q]];
        if (gap > 0) d -= pen * Math.min(gap, c.loadAmount[q]);
      }
    return d;
  };
  const locked = (k: number): boolean => c.fixedPair[c.pairTask[k]] === k;
  for (const k of start) apply(k, 1);
  for (let pass = 0; pass < maxPasses; pass++) {
    let improved = false;
    for (let i = 0; i < usable.length; i++) {
      const k = usable[i];
      if (!chosen.has(k) && fits(k) && addDelta(k) < -eps) {
        apply(k, 1);
        improved = true;
      }
    }
    for (const k of [...chosen]) {
      if (locked(k)) continue;
      apply(k, -1);
      // Dropping k saves −addDelta(k) measured without it; it pays when adding it back would not.
      const back = addDelta(k);
      let bestIn = -1;
      let bestDelta = Math.min(0, back) - eps;
      for (let i = 0; i < usable.length; i++) {
        const j = usable[i];
        if (j === k || chosen.has(j) || !fits(j)) continue;
        const d = addDelta(j);
        if (d < bestDelta) {
          bestDelta = d;
          bestIn = j;
        }
      }
      if (bestIn >= 0) {
        apply(bestIn, 1);
        improved = true;
      } else if (back <= eps) apply(k, 1);
      else improved = true;
    }
    if (!improved) break;
  }
  return [...chosen];
}
