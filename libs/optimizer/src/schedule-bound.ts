import type { Highs, ModelData } from 'highs';
import { CompiledModel } from './compiled-model';
import { loadHighs } from './milp-solver';

export interface ScheduleBoundParams {
  timeLimitMs: number;
  /** Objective of a known feasible solution: steers the subgradient step (Polyak). */
  upperBound: number;
  /** Starting value per task, e.g. the LP duals of the assignment rows (then the bound starts at or above the LP bound). */
  lambda0?: Float64Array;
  maxIterations?: number;
}

export interface ScheduleBoundResult {
  /** Best Lagrangian value: a proven lower bound on the optimum (−Infinity when not even one round finished). */
  bound: number;
  iterations: number;
}

/** Per agent: its pairs and the rows of its subproblem. */
interface AgentProblem {
  pairs: Int32Array;
  /** Column layout: pairs, then one shortfall column per penalised period with a target. */
  data: ModelData;
  /** Shortfall cost when the agent takes nothing (used when it has no pairs at all). */
  idle: number;
}

function agentProblem(c: CompiledModel, a: number, highs: Highs): AgentProblem {
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
  const sideRow = new Map<number, number>();
  for (const k of pairs)
    for (let q = c.pairSideStart[k]; q < c.pairSideStart[k + 1]; q++) if (!sideRow.has(c.sideIndex[q])) sideRow.set(c.sideIndex[q], nRows++);
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
    for (let q = c.pairLoadStart[k]; q < c.pairLoadStart[k + 1]; q++) {
      const p = c.loadPeriod[q];
      idx.push(capRow[p]);
      val.push(c.loadAmount[q]);
      if (shortRow[p] >= 0) {
        idx.push(shortRow[p]);
        val.push(c.loadAmount[q]);
      }
    }
    for (let q = c.pairSideStart[k]; q < c.pairSideStart[k + 1]; q++) {
      idx.push(sideRow.get(c.sideIndex[q]) as number);
      val.push(c.sideAmount[q]);
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
  for (const [s, row] of sideRow) rowUpper[row] = c.sideLimit[s];
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

/**
 * Lagrangian bound with each task's assignment row relaxed (multiplier λ per task): the model splits into
 * one exact subproblem per agent — its cheapest schedule of candidate tasks priced at cost − λ, under its
 * per-period capacity, its side limits and its target shortfall — each solved by HiGHS (its dual bound is used,
 * so an unfinished subproblem still gives a valid bound). Lead coupling is dropped, which only lowers the value.
 * Schedules are whole, so a task cannot be split across agents as in the LP: started from the LP duals, the
 * value is at least the LP bound, and subgradient steps raise it towards the Dantzig–Wolfe bound.
 */
export async function scheduleBound(c: CompiledModel, params: ScheduleBoundParams): Promise<ScheduleBoundResult> {
  const deadline = Date.now() + params.timeLimitMs;
  const highs = await loadHighs();
  const price = new Float64Array(c.nT);
  const canLeave = new Uint8Array(c.nT);
  const relaxed = new Uint8Array(c.nT);
  let constant = 0;
  for (let t = 0; t < c.nT; t++) {
    price[t] = c.unassignedBase[t] + c.unassignedChurn[t];
    canLeave[t] = c.mustAssign[t] === 1 || c.fixedPair[t] >= 0 ? 0 : 1;
    // A task without pairs is simply unassigned: its price, no multiplier.
    if (c.taskPairStart[t + 1] === c.taskPairStart[t]) {
      if (canLeave[t] === 0) return { bound: Infinity, iterations: 0 };
      constant += price[t];
    } else relaxed[t] = 1;
  }
  const lambda = new Float64Array(c.nT);
  for (let t = 0; t < c.nT; t++) if (relaxed[t] === 1) lambda[t] = params.lambda0?.[t] ?? price[t];
  const problems: AgentProblem[] = [];
  for (let a = 0; a < c.nA; a++) problems.push(agentProblem(c, a, highs));
  const taken = new Float64Array(c.nT);
  let best = -Infinity;
  let theta = 1;
  let sinceBest = 0;
  let it = 0;
  const maxIt = params.maxIterations ?? Infinity;
  for (; it < maxIt && Date.now() < deadline; it++) {
    taken.fill(0);
    let value = constant;
    let complete = true;
    for (let a = 0; a < c.nA && complete; a++) {
      const pr = problems[a];
      if (pr.pairs.length === 0) {
        value += pr.idle;
        continue;
      }
      const cost = pr.data.colCost as Float64Array;
      pr.pairs.forEach((k, j) => {
        cost[j] = c.pairCost[k] - lambda[c.pairTask[k]];
      });
      const model = highs.createModel(pr.data);
      try {
        model.options.set({ output_flag: false, mip_rel_gap: 1e-4, time_limit: Math.max(0.05, Math.min(2, (deadline - Date.now()) / 1000)) });
        model.run();
        const dual = Number(model.info.get('mip_dual_bound'));
        const status = model.getModelStatus();
        if (status === highs.constants.modelStatus.infeasible) return { bound: Infinity, iterations: it };
        if (!Number.isFinite(dual) || Number(model.info.get('primal_solution_status')) !== 2) {
          complete = false;
          break;
        }
        value += dual;
        const x = model.getSolution().colValue;
        pr.pairs.forEach((k, j) => {
          if (x[j] > 0.5) taken[c.pairTask[k]] += 1;
        });
      } finally {
        model.dispose();
      }
    }
    if (!complete) break;
    let norm = 0;
    for (let t = 0; t < c.nT; t++) {
      if (relaxed[t] === 0) continue;
      const leave = canLeave[t] === 1 && price[t] < lambda[t] ? 1 : 0;
      value += lambda[t] + (leave === 1 ? price[t] - lambda[t] : 0);
      const g = 1 - leave - taken[t];
      taken[t] = g;
      norm += g * g;
    }
    if (value > best + 1e-9) {
      best = value;
      sinceBest = 0;
    } else if (++sinceBest >= 3) {
      theta /= 2;
      sinceBest = 0;
    }
    // At the known plan's objective the bound proves it optimal: nothing left to raise.
    if (norm === 0 || best >= params.upperBound - 1e-9 * Math.max(1, Math.abs(params.upperBound))) break;
    const target = Number.isFinite(params.upperBound) ? params.upperBound : best + Math.abs(best) * 0.05 + 1;
    const step = (theta * Math.max(target - value, 1e-6 * Math.abs(value) + 1e-6)) / norm;
    for (let t = 0; t < c.nT; t++) if (relaxed[t] === 1) lambda[t] += step * taken[t];
  }
  return { bound: best, iterations: it };
}
