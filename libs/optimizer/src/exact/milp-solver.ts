import highsLoader, { Highs, ModelData } from 'highs';
import { CompiledModel } from '../model/compiled-model';

let highsPromise: Promise<Highs> | null = null;

/** Loads the HiGHS WASM module once per process or worker thread and reuses it. */
export function loadHighs(): Promise<Highs> {
  highsPromise ??= highsLoader();
  return highsPromise;
}

interface MilpLayout {
  data: ModelData;
  /** Column of the unassigned slack of task t is nK + t; shortfall columns follow. */
  shortCells: Int32Array;
}

/**
 * Appends pair k's entries on the rows its load and side use touch: its load on the capacity row of each
 * period (`capRow[base + period]`) and on the shortfall row where the period is penalised (`shortRow`, −1
 * when not), its side use on the side-limit row of each window (`sideRow[window]`). The full MILP and each
 * agent's schedule subproblem (agent-schedule.ts) build their pair columns with it.
 */
export function pushPairEntries(c: CompiledModel, k: number, base: number, capRow: Int32Array, shortRow: Int32Array, sideRow: Int32Array, idx: number[], val: number[]): void {
  for (let q = c.pairLoadStart[k]; q < c.pairLoadStart[k + 1]; q++) {
    const cell = base + c.loadPeriod[q];
    idx.push(capRow[cell]);
    val.push(c.loadAmount[q]);
    if (shortRow[cell] >= 0) {
      idx.push(shortRow[cell]);
      val.push(c.loadAmount[q]);
    }
  }
  for (let q = c.pairSideStart[k]; q < c.pairSideStart[k + 1]; q++) {
    idx.push(sideRow[c.sideIndex[q]]);
    val.push(c.sideAmount[q]);
  }
}

/**
 * Builds the MILP in CSC form: binary x per eligible pair, slack u per task (unassigned),
 * shortfall s per penalised agent-period; rows for assignment, capacity, shortfall, side limits
 * and lead coupling (Σ x on needs-lead agents + Σ u of covering lead tasks ≤ number of lead tasks).
 */
function buildMilp(c: CompiledModel, highs: Highs, integer: boolean, allowed?: Uint8Array): MilpLayout {
  const { nA, nT, nP, nK } = c;
  let nRows = nT;
  const capRow = new Int32Array(nA * nP).fill(-1);
  for (let k = 0; k < nK; k++) {
    const base = c.pairAgent[k] * nP;
    for (let q = c.pairLoadStart[k]; q < c.pairLoadStart[k + 1]; q++) {
      const cell = base + c.loadPeriod[q];
      if (capRow[cell] < 0) capRow[cell] = nRows++;
    }
  }
  const shortRow = new Int32Array(nA * nP).fill(-1);
  const shortList: number[] = [];
  for (let a = 0; a < nA; a++) {
    if (c.penalty[a] <= 0) continue;
    for (let p = 0; p < nP; p++)
      if (c.target[a * nP + p] > 0) {
        shortRow[a * nP + p] = nRows++;
        shortList.push(a * nP + p);
      }
  }
  const sideRow = new Int32Array(c.nSide).fill(-1);
  for (let q = 0; q < c.sideIndex.length; q++) if (sideRow[c.sideIndex[q]] < 0) sideRow[c.sideIndex[q]] = nRows++;
  const cuts = packingCuts(c);
  const cutRowStart = nRows;
  nRows += cuts.count;
  const coupRow = new Int32Array(nT).fill(-1);
  for (let t = 0; t < nT; t++) {
    if (c.requiresLead[t] === 0 || c.leadStart[t + 1] === c.leadStart[t]) continue;
    for (let q = c.taskPairStart[t]; q < c.taskPairStart[t + 1]; q++)
      if (c.needsLeadAgent[c.pairAgent[c.taskPairs[q]]] === 1) {
        coupRow[t] = nRows++;
        break;
      }
  }

  const nCols = nK + nT + shortList.length;
  const colCost = new Float64Array(nCols);
  const colLower = new Float64Array(nCols);
  const colUpper = new Float64Array(nCols);
  const starts = new Int32Array(nCols + 1);
  const idx: number[] = [];
  const val: number[] = [];
  for (let k = 0; k < nK; k++) {
    const a = c.pairAgent[k];
    const t = c.pairTask[k];
    colCost[k] = c.pairCost[k];
    colUpper[k] = 1;
    if (allowed !== undefined && allowed[k] === 0) colUpper[k] = 0;
    if (c.fixedPair[t] >= 0) {
      colUpper[k] = 1;
      if (c.fixedPair[t] === k) colLower[k] = 1;
      else colUpper[k] = 0;
    }
    // A needs-lead agent with no possible covering lead can never take a requiring task.
    if (c.requiresLead[t] === 1 && c.needsLeadAgent[a] === 1 && coupRow[t] < 0) colUpper[k] = 0;
    idx.push(t);
    val.push(1);
    pushPairEntries(c, k, a * nP, capRow, shortRow, sideRow, idx, val);
    if (c.requiresLead[t] === 1 && c.needsLeadAgent[a] === 1 && coupRow[t] >= 0) {
      idx.push(coupRow[t]);
      val.push(1);
    }
    for (let q = cuts.pairStart[k]; q < cuts.pairStart[k + 1]; q++) {
      idx.push(cutRowStart + cuts.pairRows[q]);
      val.push(1);
    }
    if (cuts.impossible[k] === 1 && c.fixedPair[t] !== k) colUpper[k] = 0;
    starts[k + 1] = idx.length;
  }
  for (let t = 0; t < nT; t++) {
    const col = nK + t;
    colCost[col] = c.unassignedCost[t];
    colUpper[col] = c.mustAssign[t] === 1 || c.fixedPair[t] >= 0 ? 0 : 1;
    idx.push(t);
    val.push(1);
    for (let q = c.dependentStart[t]; q < c.dependentStart[t + 1]; q++) {
      const d = c.dependentTasks[q];
      if (coupRow[d] >= 0) {
        idx.push(coupRow[d]);
        val.push(1);
      }
    }
    starts[col + 1] = idx.length;
  }
  shortList.forEach((cell, i) => {
    const col = nK + nT + i;
    colCost[col] = c.penalty[Math.floor(cell / nP)];
    colUpper[col] = highs.infinity;
    idx.push(shortRow[cell]);
    val.push(1);
    starts[col + 1] = idx.length;
  });

  const rowLower = new Float64Array(nRows).fill(-highs.infinity);
  const rowUpper = new Float64Array(nRows).fill(highs.infinity);
  for (let t = 0; t < nT; t++) {
    rowLower[t] = 1;
    rowUpper[t] = 1;
  }
  for (let cell = 0; cell < nA * nP; cell++) {
    if (capRow[cell] >= 0) rowUpper[capRow[cell]] = c.capacity[cell];
    if (shortRow[cell] >= 0) rowLower[shortRow[cell]] = c.target[cell];
  }
  for (let s = 0; s < c.nSide; s++) if (sideRow[s] >= 0) rowUpper[sideRow[s]] = c.sideLimit[s];
  for (let t = 0; t < nT; t++) if (coupRow[t] >= 0) rowUpper[coupRow[t]] = c.leadStart[t + 1] - c.leadStart[t];
  for (let i = 0; i < cuts.count; i++) rowUpper[cutRowStart + i] = 1;

  const data: ModelData = {
    numCols: nCols,
    numRows: nRows,
    colCost,
    colLower,
    colUpper,
    rowLower,
    rowUpper,
    matrix: {
      format: 'csc',
      numRows: nRows,
      numCols: nCols,
      starts,
      indices: Int32Array.from(idx),
      values: Float64Array.from(val),
    },
    ...(integer
      ? { integrality: Int32Array.from({ length: nCols }, (_, j) => (j < nK ? highs.constants.variableType.integer : 0)) }
      : {}),
  };
  return { data, shortCells: Int32Array.from(shortList) };
}

export interface PackingCuts {
  /** Number of clique rows (each: at most one of its pairs). */
  count: number;
  /** Cuts of each pair (CSR over pairs, cut indices). */
  pairStart: Int32Array;
  pairRows: Int32Array;
  /** Pairs that can never be chosen: their load exceeds the agent's capacity in a period, or their side use a limit. */
  impossible: Uint8Array;
}

/**
 * Clique cuts the capacity rows imply for whole tasks but that the LP relaxation does not see. For each
 * agent and period, with the agent's candidate loads in that period sorted largest first, the longest
 * prefix in which the two smallest loads already exceed the capacity is a set of tasks no two of which
 * fit together: at most one of them can be the agent's. Staffing tasks are large against weekly
 * capacity (a 32-hour engagement in a 40-hour week), so these close much of the relaxation's gap
 * (S: 22% → 6% below the optimum). An agent's cliques that are subsets of another of its cliques
 * (the same tasks in a neighbouring week) are left out. Rows of "at most two of three" were tried too:
 * they moved the M relaxation by 0.01% for twice the solve time.
 */
export function packingCuts(c: CompiledModel): PackingCuts {
  let cuts = cutsOf.get(c);
  if (cuts === undefined) {
    cuts = computePackingCuts(c);
    cutsOf.set(c, cuts);
  }
  return cuts;
}

/** Auto builds the LP and several MILPs of one compiled model: its cuts are derived once. */
const cutsOf = new WeakMap<CompiledModel, PackingCuts>();

function computePackingCuts(c: CompiledModel): PackingCuts {
  const { nA, nP, nK } = c;
  const impossible = new Uint8Array(nK);
  for (let k = 0; k < nK; k++) {
    const base = c.pairAgent[k] * nP;
    for (let q = c.pairLoadStart[k]; q < c.pairLoadStart[k + 1]; q++)
      if (c.loadAmount[q] > c.capacity[base + c.loadPeriod[q]] + 1e-9) impossible[k] = 1;
    for (let q = c.pairSideStart[k]; q < c.pairSideStart[k + 1]; q++) if (c.sideAmount[q] > c.sideLimit[c.sideIndex[q]] + 1e-9) impossible[k] = 1;
  }
  const cliques: Int32Array[] = [];
  const entryPair = new Int32Array(c.loadAmount.length);
  for (let k = 0; k < nK; k++) entryPair.fill(k, c.pairLoadStart[k], c.pairLoadStart[k + 1]);
  const mark = new Uint8Array(nK);
  for (let a = 0; a < nA; a++) {
    const pairs = c.agentPairs.subarray(c.agentPairStart[a], c.agentPairStart[a + 1]);
    if (pairs.length < 2) continue;
    // Load entries (indices into loadAmount) of the agent's possible pairs, per period.
    const byPeriod: number[][] = Array.from({ length: nP }, () => []);
    for (const k of pairs) {
      if (impossible[k] === 1) continue;
      for (let q = c.pairLoadStart[k]; q < c.pairLoadStart[k + 1]; q++) byPeriod[c.loadPeriod[q]].push(q);
    }
    const found: Int32Array[] = [];
    for (let p = 0; p < nP; p++) {
      const here = byPeriod[p];
      if (here.length < 2) continue;
      const cap = c.capacity[a * nP + p];
      here.sort((x, y) => c.loadAmount[y] - c.loadAmount[x]);
      let j = 1;
      while (j < here.length && c.loadAmount[here[j - 1]] + c.loadAmount[here[j]] > cap + 1e-9) j++;
      if (j >= 2) found.push(Int32Array.from(here.slice(0, j), (q) => entryPair[q]).sort());
    }
    // Largest first; keep a clique only when no kept one contains it.
    found.sort((x, y) => y.length - x.length);
    const kept: Int32Array[] = [];
    for (const set of found) {
      let dominated = false;
      for (const other of kept) {
        if (other.length < set.length) continue;
        for (const k of other) mark[k] = 1;
        dominated = set.every((k) => mark[k] === 1);
        for (const k of other) mark[k] = 0;
        if (dominated) break;
      }
      if (!dominated) kept.push(set);
    }
    cliques.push(...kept);
  }
  const perPair: number[][] = Array.from({ length: nK }, () => []);
  cliques.forEach((set, i) => set.forEach((k) => perPair[k].push(i)));
  const pairStart = new Int32Array(nK + 1);
  for (let k = 0; k < nK; k++) pairStart[k + 1] = pairStart[k] + perPair[k].length;
  const pairRows = new Int32Array(pairStart[nK]);
  for (let k = 0; k < nK; k++) pairRows.set(perPair[k], pairStart[k]);
  return { count: cliques.length, pairStart, pairRows, impossible };
}

export interface MilpParams {
  timeLimitMs: number;
  seed: number;
  /** Feasible pair choice per task used as a MIP start. */
  incumbent?: Int32Array;
  /** Restricts the search to pairs marked 1 (others are fixed to 0 and vanish in presolve). */
  allowed?: Uint8Array;
}

export interface MilpResult {
  status: 'optimal' | 'feasible' | 'infeasible' | 'timeout-no-solution';
  choice: Int32Array | null;
  objective: number | null;
  bound: number | null;
}

function startVector(c: CompiledModel, layout: MilpLayout, choice: Int32Array): Float64Array {
  const x = new Float64Array(layout.data.numCols);
  const load = new Float64Array(c.nA * c.nP);
  for (let t = 0; t < c.nT; t++) {
    const k = choice[t];
    if (k < 0) {
      x[c.nK + t] = 1;
      continue;
    }
    x[k] = 1;
    const base = c.pairAgent[k] * c.nP;
    for (let q = c.pairLoadStart[k]; q < c.pairLoadStart[k + 1]; q++) load[base + c.loadPeriod[q]] += c.loadAmount[q];
  }
  layout.shortCells.forEach((cell, i) => {
    x[c.nK + c.nT + i] = Math.max(0, c.target[cell] - load[cell]);
  });
  return x;
}

/** Solves the model exactly with HiGHS branch-and-cut within the time limit. */
export async function solveMilp(c: CompiledModel, params: MilpParams): Promise<MilpResult> {
  const highs = await loadHighs();
  const started = Date.now();
  const layout = buildMilp(c, highs, true, params.allowed);
  const model = highs.createModel(layout.data);
  try {
    const remaining = Math.max(0.05, (params.timeLimitMs - (Date.now() - started)) / 1000);
    model.options.set({
      output_flag: false,
      time_limit: remaining,
      random_seed: params.seed % 2147483647,
      mip_rel_gap: c.integralObjective ? 0 : 1e-6,
      // With an all-integer objective a proof to within < 1 is a proof of optimality.
      mip_abs_gap: c.integralObjective ? 0.999 : 1e-6,
    });
    if (params.incumbent !== undefined) model.setSolution({ colValue: startVector(c, layout, params.incumbent) });
    model.run();
    const status = model.getModelStatus();
    const st = highs.constants.modelStatus;
    if (status === st.infeasible) return { status: 'infeasible', choice: null, objective: null, bound: null };
    const primal = Number(model.info.get('primal_solution_status'));
    let bound: number | null = Number(model.info.get('mip_dual_bound'));
    if (!Number.isFinite(bound)) bound = null;
    if (primal !== 2) return { status: 'timeout-no-solution', choice: null, objective: null, bound };
    const sol = model.getSolution();
    const choice = new Int32Array(c.nT).fill(-1);
    for (let k = 0; k < c.nK; k++) if (sol.colValue[k] > 0.5) choice[c.pairTask[k]] = k;
    const objective = model.getObjectiveValue();
    return {
      status: status === st.optimal ? 'optimal' : 'feasible',
      choice,
      objective,
      bound: status === st.optimal ? objective : bound,
    };
  } finally {
    model.dispose();
  }
}

export interface LpRelaxation {
  /** Optimal LP value: a lower bound on the MILP optimum. */
  bound: number;
  /** x value per pair. */
  x: Float64Array;
  /** Reduced cost per pair (≥ 0 at an optimal LP for pairs at their lower bound). */
  reducedCost: Float64Array;
  /** Dual value of each task's assignment row (Σ x + unassigned = 1): what staffing the task is worth at the optimum. */
  taskDual: Float64Array;
}

/** LP relaxation of the same model: a lower bound, and reduced costs that rank candidates for the heuristic. */
/** `ipm` (interior point, then crossover) is much faster than simplex on large staffing models. */
export async function solveLpRelaxation(c: CompiledModel, timeLimitMs: number, lpMethod: 'simplex' | 'ipm' = 'simplex'): Promise<LpRelaxation | null> {
  const highs = await loadHighs();
  const layout = buildMilp(c, highs, false);
  const model = highs.createModel(layout.data);
  try {
    model.options.set({ output_flag: false, time_limit: Math.max(0.05, timeLimitMs / 1000), ...(lpMethod === 'ipm' ? { solver: 'ipm' } : {}) });
    model.run();
    if (model.getModelStatus() !== highs.constants.modelStatus.optimal) return null;
    const sol = model.getSolution();
    return {
      bound: model.getObjectiveValue(),
      x: sol.colValue.slice(0, c.nK),
      reducedCost: sol.colDual.slice(0, c.nK),
      taskDual: Float64Array.from(sol.rowDual.slice(0, c.nT)),
    };
  } finally {
    model.dispose();
  }
}
