import { AssignmentModel, NEEDS_LEAD_CLASS, ObjectiveTerms } from './model.types';

/**
 * Index-based, typed-array form of a validated model shared by the solvers (never by the verifier).
 * Everything is sparse per pair/task; only agent × period arrays are dense.
 */
export interface CompiledModel {
  nA: number;
  nT: number;
  nP: number;
  nK: number;
  pairAgent: Int32Array;
  pairTask: Int32Array;
  /** Pair cost without churn. */
  pairBaseCost: Float64Array;
  /** Churn incurred when the task takes this pair (task has a current agent other than this one). */
  pairChurn: Float64Array;
  /** pairBaseCost + pairChurn. */
  pairCost: Float64Array;
  pairLoadStart: Int32Array;
  loadPeriod: Int32Array;
  loadAmount: Float64Array;
  pairSideStart: Int32Array;
  sideIndex: Int32Array;
  sideAmount: Float64Array;
  /** Pairs of each task, cheapest first. */
  taskPairStart: Int32Array;
  taskPairs: Int32Array;
  /** Pairs of each agent. */
  agentPairStart: Int32Array;
  agentPairs: Int32Array;
  capacity: Float64Array;
  target: Float64Array;
  penalty: Float64Array;
  hasShortfall: boolean;
  nSide: number;
  sideLimit: Float64Array;
  sideAgent: Int32Array;
  /** Unassigned price without churn. */
  unassignedBase: Float64Array;
  /** Churn incurred when the task is left unassigned. */
  unassignedChurn: Float64Array;
  /** unassignedBase + unassignedChurn: what leaving the task unassigned costs. */
  unassignedCost: Float64Array;
  mustAssign: Uint8Array;
  fixedPair: Int32Array;
  needsLeadAgent: Uint8Array;
  requiresLead: Uint8Array;
  /** For each task needing a lead: the lead tasks that can cover it (CSR). */
  leadStart: Int32Array;
  leadTasks: Int32Array;
  /** For each lead task: the tasks it can cover (CSR). */
  dependentStart: Int32Array;
  dependentTasks: Int32Array;
  /** True when costs, prices and penalties are all integers (lets MILP stop at bound ceiling). */
  integralObjective: boolean;
}

function csr(n: number, lists: number[][]): { start: Int32Array; items: Int32Array } {
  const start = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) start[i + 1] = start[i] + lists[i].length;
  const items = new Int32Array(start[n]);
  for (let i = 0; i < n; i++) items.set(lists[i], start[i]);
  return { start, items };
}

export function compileModel(model: AssignmentModel): CompiledModel {
  const nA = model.agents.length;
  const nT = model.tasks.length;
  const nP = model.periods;
  const nK = model.pairs.length;
  const agentIndex = new Map(model.agents.map((a, i) => [a.id, i]));
  const taskIndex = new Map(model.tasks.map((t, i) => [t.id, i]));
  let integral = true;
  const checkInt = (v: number): void => {
    if (!Number.isInteger(v)) integral = false;
  };

  const capacity = new Float64Array(nA * nP);
  const target = new Float64Array(nA * nP);
  const penalty = new Float64Array(nA);
  const needsLeadAgent = new Uint8Array(nA);
  let hasShortfall = false;
  const sideKey = new Map<string, number>();
  const sideLimitList: number[] = [];
  const sideAgentList: number[] = [];
  model.agents.forEach((ag, a) => {
    for (let p = 0; p < nP; p++) {
      capacity[a * nP + p] = Array.isArray(ag.capacity) ? ag.capacity[p] : ag.capacity;
      if (ag.target !== undefined) target[a * nP + p] = Array.isArray(ag.target.load) ? ag.target.load[p] : ag.target.load;
    }
    if (ag.target !== undefined && ag.target.penaltyPerUnit > 0) {
      penalty[a] = ag.target.penaltyPerUnit;
      hasShortfall = true;
      integral = false;
    }
    if (ag.class === NEEDS_LEAD_CLASS) needsLeadAgent[a] = 1;
    for (const sl of ag.sideLimits ?? [])
      for (const w of sl.windows) {
        sideKey.set(`${a}\u0000${sl.resource}\u0000${w.id}`, sideLimitList.length);
        sideLimitList.push(w.limit);
        sideAgentList.push(a);
      }
  });

  const current = new Int32Array(nT).fill(-1);
  const churnOf = new Float64Array(nT);
  for (const c of model.current ?? []) {
    const t = taskIndex.get(c.task) as number;
    current[t] = agentIndex.get(c.agent) as number;
    churnOf[t] = c.churnCost ?? model.churnCost ?? 0;
    checkInt(churnOf[t]);
  }

  const pairAgent = new Int32Array(nK);
  const pairTask = new Int32Array(nK);
  const pairBaseCost = new Float64Array(nK);
  const pairChurn = new Float64Array(nK);
  const pairCost = new Float64Array(nK);
  const pairLoadStart = new Int32Array(nK + 1);
  const pairSideStart = new Int32Array(nK + 1);
  // Load entries go straight into typed arrays (counted first): large models have millions of them.
  const taskLoadEntries = model.tasks.map((t) => Object.entries(t.load).map(([k, v]) => [Number(k), v] as const));
  const pairEntries = (pr: (typeof model.pairs)[number], t: number): ReadonlyArray<readonly [number, number]> =>
    pr.load !== undefined ? Object.entries(pr.load).map(([p, v]) => [Number(p), v] as const) : taskLoadEntries[t];
  let nLoad = 0;
  model.pairs.forEach((pr) => {
    const t = taskIndex.get(pr.task) as number;
    for (const [, v] of pairEntries(pr, t)) if (v !== 0) nLoad++;
  });
  const loadPeriod = new Int32Array(nLoad);
  const loadAmount = new Float64Array(nLoad);
  let lq = 0;
  const si: number[] = [];
  const sa: number[] = [];
  const byTask: number[][] = Array.from({ length: nT }, () => []);
  const byAgent: number[][] = Array.from({ length: nA }, () => []);
  model.pairs.forEach((pr, k) => {
    const a = agentIndex.get(pr.agent) as number;
    const t = taskIndex.get(pr.task) as number;
    pairAgent[k] = a;
    pairTask[k] = t;
    pairBaseCost[k] = pr.cost;
    checkInt(pr.cost);
    pairChurn[k] = current[t] >= 0 && current[t] !== a ? churnOf[t] : 0;
    pairCost[k] = pairBaseCost[k] + pairChurn[k];
    for (const [p, v] of pairEntries(pr, t))
      if (v !== 0) {
        loadPeriod[lq] = p;
        loadAmount[lq++] = v;
      }
    pairLoadStart[k + 1] = lq;
    for (const u of model.tasks[t].sideUse ?? []) {
      const s = sideKey.get(`${a}\u0000${u.resource}\u0000${u.window}`);
      if (s !== undefined && u.amount !== 0) {
        si.push(s);
        sa.push(u.amount);
      }
    }
    pairSideStart[k + 1] = si.length;
    byTask[t].push(k);
    byAgent[a].push(k);
  });
  for (const list of byTask) list.sort((x, y) => pairCost[x] - pairCost[y] || x - y);
  const tp = csr(nT, byTask);
  const ap = csr(nA, byAgent);

  const unassignedBase = new Float64Array(nT);
  const unassignedChurn = new Float64Array(nT);
  const unassignedCost = new Float64Array(nT);
  const mustAssign = new Uint8Array(nT);
  const requiresLead = new Uint8Array(nT);
  model.tasks.forEach((task, t) => {
    unassignedBase[t] = task.unassignedPrice;
    checkInt(task.unassignedPrice);
    unassignedChurn[t] = current[t] >= 0 ? churnOf[t] : 0;
    unassignedCost[t] = unassignedBase[t] + unassignedChurn[t];
    if (task.mustAssign === true) mustAssign[t] = 1;
    if (task.requiresLead === true) requiresLead[t] = 1;
  });

  const fixedPair = new Int32Array(nT).fill(-1);
  for (const f of model.fixed ?? []) {
    const t = taskIndex.get(f.task) as number;
    const a = agentIndex.get(f.agent) as number;
    for (let q = tp.start[t]; q < tp.start[t + 1]; q++) if (pairAgent[tp.items[q]] === a) fixedPair[t] = tp.items[q];
  }

  // Coupling: a requiring task is covered by any lead task of its group sharing an active period.
  const active = taskLoadEntries.map((e) => new Set(e.filter(([, v]) => v > 0).map(([p]) => p)));
  const leadsByGroup = new Map<string, number[]>();
  model.tasks.forEach((task, t) => {
    if (task.providesLead === true && task.group !== undefined) {
      const list = leadsByGroup.get(task.group) ?? [];
      list.push(t);
      leadsByGroup.set(task.group, list);
    }
  });
  const leadLists: number[][] = Array.from({ length: nT }, () => []);
  const depLists: number[][] = Array.from({ length: nT }, () => []);
  model.tasks.forEach((task, t) => {
    if (task.requiresLead !== true || task.group === undefined) return;
    for (const o of leadsByGroup.get(task.group) ?? []) {
      if (o === t) continue;
      let overlap = false;
      for (const p of active[o])
        if (active[t].has(p)) {
          overlap = true;
          break;
        }
      if (overlap) {
        leadLists[t].push(o);
        depLists[o].push(t);
      }
    }
  });
  const leads = csr(nT, leadLists);
  const deps = csr(nT, depLists);

  return {
    nA,
    nT,
    nP,
    nK,
    pairAgent,
    pairTask,
    pairBaseCost,
    pairChurn,
    pairCost,
    pairLoadStart,
    loadPeriod,
    loadAmount,
    pairSideStart,
    sideIndex: Int32Array.from(si),
    sideAmount: Float64Array.from(sa),
    taskPairStart: tp.start,
    taskPairs: tp.items,
    agentPairStart: ap.start,
    agentPairs: ap.items,
    capacity,
    target,
    penalty,
    hasShortfall,
    nSide: sideLimitList.length,
    sideLimit: Float64Array.from(sideLimitList),
    sideAgent: Int32Array.from(sideAgentList),
    unassignedBase,
    unassignedChurn,
    unassignedCost,
    mustAssign,
    fixedPair,
    needsLeadAgent,
    requiresLead,
    leadStart: leads.start,
    leadTasks: leads.items,
    dependentStart: deps.start,
    dependentTasks: deps.items,
    integralObjective: integral,
  };
}

/** Objective terms of a pair choice per task (-1 = unassigned), as the solvers see them. */
export function evaluateTerms(c: CompiledModel, choice: Int32Array): ObjectiveTerms {
  const terms: ObjectiveTerms = { unassigned: 0, shortfall: 0, cost: 0, churn: 0 };
  const load = new Float64Array(c.nA * c.nP);
  for (let t = 0; t < c.nT; t++) {
    const k = choice[t];
    if (k < 0) {
      terms.unassigned += c.unassignedBase[t];
      terms.churn += c.unassignedChurn[t];
      continue;
    }
    terms.cost += c.pairBaseCost[k];
    terms.churn += c.pairChurn[k];
    const base = c.pairAgent[k] * c.nP;
    for (let q = c.pairLoadStart[k]; q < c.pairLoadStart[k + 1]; q++) load[base + c.loadPeriod[q]] += c.loadAmount[q];
  }
  if (c.hasShortfall)
    for (let a = 0; a < c.nA; a++) {
      if (c.penalty[a] === 0) continue;
      for (let p = 0; p < c.nP; p++) {
        const s = c.target[a * c.nP + p] - load[a * c.nP + p];
        if (s > 0) terms.shortfall += s * c.penalty[a];
      }
    }
  return terms;
}

export function sumTerms(t: ObjectiveTerms): number {
  return t.unassigned + t.shortfall + t.cost + t.churn;
}

/** Pair choice → agent index per task. */
export function choiceToAssignment(c: CompiledModel, choice: Int32Array): (number | null)[] {
  return Array.from(choice, (k) => (k < 0 ? null : c.pairAgent[k]));
}

/**
 * Agent index per task (as in `Solution.assignment`, null = unassigned) → pair per task (−1 = unassigned);
 * null when the lengths differ or a task names an agent it has no pair with.
 */
export function assignmentToChoice(c: CompiledModel, assignment: readonly (number | null)[]): Int32Array | null {
  if (assignment.length !== c.nT) return null;
  const choice = new Int32Array(c.nT).fill(-1);
  for (let t = 0; t < c.nT; t++) {
    const a = assignment[t];
    if (a === null || a === undefined) continue;
    for (let q = c.taskPairStart[t]; q < c.taskPairStart[t + 1]; q++) if (c.pairAgent[c.taskPairs[q]] === a) choice[t] = c.taskPairs[q];
    if (choice[t] < 0) return null;
  }
  return choice;
}

/** Whether a pair choice meets every hard rule (capacity, side limits, coupling, locks, must-assign). */
export function isChoiceFeasible(c: CompiledModel, choice: Int32Array): boolean {
  const load = new Float64Array(c.nA * c.nP);
  const side = new Float64Array(c.nSide);
  const leadCount = new Int32Array(c.nT);
  for (let t = 0; t < c.nT; t++) {
    const k = choice[t];
    if (k < 0) {
      if (c.mustAssign[t] === 1) return false;
      continue;
    }
    if (c.fixedPair[t] >= 0 && c.fixedPair[t] !== k) return false;
    const base = c.pairAgent[k] * c.nP;
    for (let q = c.pairLoadStart[k]; q < c.pairLoadStart[k + 1]; q++) load[base + c.loadPeriod[q]] += c.loadAmount[q];
    for (let q = c.pairSideStart[k]; q < c.pairSideStart[k + 1]; q++) side[c.sideIndex[q]] += c.sideAmount[q];
    for (let q = c.dependentStart[t]; q < c.dependentStart[t + 1]; q++) leadCount[c.dependentTasks[q]]++;
  }
  for (let t = 0; t < c.nT; t++) {
    const k = choice[t];
    if (k >= 0 && c.requiresLead[t] === 1 && c.needsLeadAgent[c.pairAgent[k]] === 1 && leadCount[t] === 0) return false;
    if (k < 0 && c.fixedPair[t] >= 0) return false;
  }
  for (let i = 0; i < load.length; i++) if (load[i] > c.capacity[i] + 1e-9) return false;
  for (let s = 0; s < c.nSide; s++) if (side[s] > c.sideLimit[s] + 1e-9) return false;
  return true;
}
