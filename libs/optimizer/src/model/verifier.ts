import { AssignmentModel, NEEDS_LEAD_CLASS, ObjectiveTerms } from './model.types';

/**
 * Independent checker: reads only the model JSON and an assignment, shares no code with the solvers,
 * so a solver bug cannot hide behind a shared helper.
 */

export type ViolationKind =
  | 'shape'
  | 'must-assign'
  | 'eligibility'
  | 'capacity'
  | 'side-limit'
  | 'coupling'
  | 'fixed';

export interface Violation {
  kind: ViolationKind;
  message: string;
}

export interface VerificationReport {
  violations: Violation[];
  terms: ObjectiveTerms;
  objective: number;
}

const EPS = 1e-6;

function periodValue(v: number | number[], p: number): number {
  return Array.isArray(v) ? v[p] : v;
}

/** Checks every hard rule of the model for `assignment` (task index → agent index or null) and recomputes the objective terms. */
export function verifySolution(model: AssignmentModel, assignment: readonly (number | null)[]): VerificationReport {
  const violations: Violation[] = [];
  const terms: ObjectiveTerms = { unassigned: 0, shortfall: 0, cost: 0, churn: 0 };
  const nA = model.agents.length;
  const nP = model.periods;
  if (assignment.length !== model.tasks.length) {
    violations.push({ kind: 'shape', message: `assignment has ${assignment.length} entries for ${model.tasks.length} tasks` });
    return { violations, terms, objective: Number.NaN };
  }
  // Pairs per task (keys are the model's own id strings: no new string per pair on large models).
  const pairsByTask = new Map<string, Array<(typeof model.pairs)[number]>>();
  for (const pr of model.pairs) {
    const list = pairsByTask.get(pr.task);
    if (list === undefined) pairsByTask.set(pr.task, [pr]);
    else list.push(pr);
  }
  const load = model.agents.map(() => new Array<number>(nP).fill(0));
  const side = model.agents.map(() => new Map<string, number>());

  model.tasks.forEach((task, t) => {
    const a = assignment[t];
    if (a === null || a === undefined) {
      if (task.mustAssign === true) violations.push({ kind: 'must-assign', message: `task ${task.id} must be assigned` });
      terms.unassigned += task.unassignedPrice;
      return;
    }
    if (!Number.isInteger(a) || a < 0 || a >= nA) {
      violations.push({ kind: 'shape', message: `task ${task.id}: agent index ${a} out of range` });
      return;
    }
    const agent = model.agents[a];
    const pair = pairsByTask.get(task.id)?.find((pr) => pr.agent === agent.id);
    if (pair === undefined) {
      violations.push({ kind: 'eligibility', message: `task ${task.id} assigned to ineligible agent ${agent.id}` });
      return;
    }
    terms.cost += pair.cost;
    for (const [k, v] of Object.entries(pair.load ?? task.load)) load[a][Number(k)] += v;
    for (const u of task.sideUse ?? []) {
      const key = `${u.resource}\u0000${u.window}`;
      side[a].set(key, (side[a].get(key) ?? 0) + u.amount);
    }
  });

  model.agents.forEach((agent, a) => {
    for (let p = 0; p < nP; p++) {
      const cap = periodValue(agent.capacity, p);
      if (load[a][p] > cap + EPS)
        violations.push({ kind: 'capacity', message: `agent ${agent.id} period ${p}: load ${load[a][p]} > capacity ${cap}` });
      if (agent.target !== undefined) {
        const short = periodValue(agent.target.load, p) - load[a][p];
        if (short > 0) terms.shortfall += short * agent.target.penaltyPerUnit;
      }
    }
    for (const sl of agent.sideLimits ?? []) {
      for (const w of sl.windows) {
        const used = side[a].get(`${sl.resource}\u0000${w.id}`) ?? 0;
        if (used > w.limit + EPS)
          violations.push({
            kind: 'side-limit',
            message: `agent ${agent.id} ${sl.resource} window ${w.id}: ${used} > limit ${w.limit}`,
          });
      }
    }
  });

  const activePeriods = (t: number): Set<string> =>
    new Set(Object.entries(model.tasks[t].load).filter(([, v]) => v > 0).map(([k]) => k));
  model.tasks.forEach((task, t) => {
    const a = assignment[t];
    if (a === null || task.requiresLead !== true || model.agents[a]?.class !== NEEDS_LEAD_CLASS) return;
    const mine = activePeriods(t);
    const covered = model.tasks.some((other, o) => {
      if (o === t || other.providesLead !== true || other.group !== task.group || assignment[o] === null) return false;
      for (const k of activePeriods(o)) if (mine.has(k)) return true;
      return false;
    });
    if (!covered)
      violations.push({
        kind: 'coupling',
        message: `task ${task.id} on ${model.agents[a].id} needs an assigned lead task of group ${task.group} over overlapping periods`,
      });
  });

  const taskIndex = new Map(model.tasks.map((t, i) => [t.id, i]));
  const agentIndex = new Map(model.agents.map((a, i) => [a.id, i]));
  for (const f of model.fixed ?? []) {
    const t = taskIndex.get(f.task);
    if (t === undefined || assignment[t] !== agentIndex.get(f.agent))
      violations.push({ kind: 'fixed', message: `locked pair (${f.agent}, ${f.task}) was moved` });
  }
  for (const c of model.current ?? []) {
    const t = taskIndex.get(c.task);
    if (t !== undefined && assignment[t] !== agentIndex.get(c.agent)) terms.churn += c.churnCost ?? model.churnCost ?? 0;
  }
  return { violations, terms, objective: terms.unassigned + terms.shortfall + terms.cost + terms.churn };
}
