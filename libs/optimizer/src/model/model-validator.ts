import { AssignmentModel, MODEL_SCHEMA_VERSION } from './model.types';

export interface ModelIssue {
  path: string;
  message: string;
}

export class ModelValidationError extends Error {
  constructor(readonly issues: ModelIssue[]) {
    super(
      `invalid model: ${issues
        .slice(0, 10)
        .map((i) => `${i.path}: ${i.message}`)
        .join('; ')}${issues.length > 10 ? `; … ${issues.length - 10} more` : ''}`,
    );
    this.name = 'ModelValidationError';
  }
}

type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** Checks a parsed JSON value against the model schema; returns every issue found (empty when valid). */
export function validateModel(input: unknown): ModelIssue[] {
  const issues: ModelIssue[] = [];
  const bad = (path: string, message: string): void => {
    issues.push({ path, message });
  };
  if (!isObj(input)) {
    bad('$', 'model must be a JSON object');
    return issues;
  }
  if (input.schemaVersion !== MODEL_SCHEMA_VERSION) bad('schemaVersion', `must be ${MODEL_SCHEMA_VERSION}`);
  const periods = input.periods;
  if (!isNum(periods) || !Number.isInteger(periods) || periods < 1) {
    bad('periods', 'must be an integer >= 1');
    return issues;
  }
  const nonNeg = (path: string, v: unknown): boolean => {
    if (!isNum(v) || v < 0) {
      bad(path, 'must be a finite number >= 0');
      return false;
    }
    return true;
  };
  const perPeriod = (path: string, v: unknown): void => {
    if (Array.isArray(v)) {
      if (v.length !== periods) bad(path, `must have ${periods} entries (one per period), got ${v.length}`);
      v.forEach((x, i) => nonNeg(`${path}[${i}]`, x));
    } else nonNeg(path, v);
  };
  const loadMap = (path: string, v: unknown): void => {
    if (!isObj(v)) {
      bad(path, 'must be an object mapping period index to load');
      return;
    }
    for (const [k, x] of Object.entries(v)) {
      if (!/^\d+$/.test(k) || Number(k) >= periods) bad(path, `period ${k} out of range 0..${periods - 1}`);
      nonNeg(`${path}.${k}`, x);
    }
  };
  const idList = (path: string, v: unknown): Set<string> => {
    const ids = new Set<string>();
    if (!Array.isArray(v)) {
      bad(path, 'must be an array');
      return ids;
    }
    v.forEach((e, i) => {
      if (!isObj(e)) return bad(`${path}[${i}]`, 'must be an object');
      if (typeof e.id !== 'string' || e.id === '') return bad(`${path}[${i}].id`, 'must be a non-empty string');
      if (ids.has(e.id)) bad(`${path}[${i}].id`, `duplicate id "${e.id}"`);
      ids.add(e.id);
    });
    return ids;
  };

  const agentIds = idList('agents', input.agents);
  const taskIds = idList('tasks', input.tasks);
  if (issues.length > 0) return issues;
  const agents = input.agents as Obj[];
  const tasks = input.tasks as Obj[];

  agents.forEach((a, i) => {
    const p = `agents[${i}]`;
    perPeriod(`${p}.capacity`, a.capacity);
    if (a.target !== undefined) {
      if (!isObj(a.target)) bad(`${p}.target`, 'must be an object { load, penaltyPerUnit }');
      else {
        perPeriod(`${p}.target.load`, a.target.load);
        nonNeg(`${p}.target.penaltyPerUnit`, a.target.penaltyPerUnit);
      }
    }
    if (a.class !== undefined && typeof a.class !== 'string') bad(`${p}.class`, 'must be a string');
    if (a.sideLimits !== undefined) {
      if (!Array.isArray(a.sideLimits)) bad(`${p}.sideLimits`, 'must be an array');
      else
        a.sideLimits.forEach((s: unknown, j: number) => {
          const sp = `${p}.sideLimits[${j}]`;
          if (!isObj(s)) return bad(sp, 'must be an object { resource, windows }');
          if (typeof s.resource !== 'string') bad(`${sp}.resource`, 'must be a string');
          if (!Array.isArray(s.windows)) return bad(`${sp}.windows`, 'must be an array');
          s.windows.forEach((w: unknown, k: number) => {
            if (!isObj(w)) return bad(`${sp}.windows[${k}]`, 'must be an object { id, limit }');
            if (typeof w.id !== 'string') bad(`${sp}.windows[${k}].id`, 'must be a string');
            nonNeg(`${sp}.windows[${k}].limit`, w.limit);
          });
        });
    }
  });

  tasks.forEach((t, i) => {
    const p = `tasks[${i}]`;
    loadMap(`${p}.load`, t.load);
    nonNeg(`${p}.unassignedPrice`, t.unassignedPrice);
    for (const flag of ['mustAssign', 'requiresLead', 'providesLead'] as const) {
      if (t[flag] !== undefined && typeof t[flag] !== 'boolean') bad(`${p}.${flag}`, 'must be a boolean');
    }
    if (t.group !== undefined && typeof t.group !== 'string') bad(`${p}.group`, 'must be a string');
    if (t.requiresLead === true && typeof t.group !== 'string') bad(`${p}.group`, 'required when requiresLead is true');
    if (t.sideUse !== undefined) {
      if (!Array.isArray(t.sideUse)) bad(`${p}.sideUse`, 'must be an array');
      else
        t.sideUse.forEach((u: unknown, j: number) => {
          const up = `${p}.sideUse[${j}]`;
          if (!isObj(u)) return bad(up, 'must be an object { resource, window, amount }');
          if (typeof u.resource !== 'string') bad(`${up}.resource`, 'must be a string');
          if (typeof u.window !== 'string') bad(`${up}.window`, 'must be a string');
          nonNeg(`${up}.amount`, u.amount);
        });
    }
  });

  const pairKeys = new Map<string, Set<string>>();
  if (!Array.isArray(input.pairs)) bad('pairs', 'must be an array');
  else
    input.pairs.forEach((e: unknown, i: number) => {
      const p = `pairs[${i}]`;
      if (!isObj(e)) return bad(p, 'must be an object { agent, task, cost, load? }');
      if (typeof e.agent !== 'string' || !agentIds.has(e.agent)) bad(`${p}.agent`, `unknown agent ${JSON.stringify(e.agent)}`);
      if (typeof e.task !== 'string' || !taskIds.has(e.task)) bad(`${p}.task`, `unknown task ${JSON.stringify(e.task)}`);
      if (!isNum(e.cost)) bad(`${p}.cost`, 'must be a finite number');
      if (e.load !== undefined) loadMap(`${p}.load`, e.load);
      // Tasks seen per agent: the model's own strings as keys, no new string per pair.
      const agentKey = String(e.agent);
      const taskKey = String(e.task);
      let seen = pairKeys.get(agentKey);
      if (seen === undefined) pairKeys.set(agentKey, (seen = new Set<string>()));
      if (seen.has(taskKey)) bad(p, `duplicate pair (${agentKey}, ${taskKey})`);
      seen.add(taskKey);
    });

  const refList = (name: 'fixed' | 'current'): void => {
    const v = input[name];
    if (v === undefined) return;
    if (!Array.isArray(v)) return bad(name, 'must be an array');
    const seen = new Set<string>();
    v.forEach((e: unknown, i: number) => {
      const p = `${name}[${i}]`;
      if (!isObj(e)) return bad(p, 'must be an object { task, agent }');
      if (typeof e.task !== 'string' || !taskIds.has(e.task)) bad(`${p}.task`, `unknown task ${JSON.stringify(e.task)}`);
      if (typeof e.agent !== 'string' || !agentIds.has(e.agent)) bad(`${p}.agent`, `unknown agent ${JSON.stringify(e.agent)}`);
      if (typeof e.task === 'string') {
        if (seen.has(e.task)) bad(`${p}.task`, `task "${e.task}" listed twice`);
        seen.add(e.task);
      }
      if (name === 'fixed' && pairKeys.get(String(e.agent))?.has(String(e.task)) !== true)
        bad(p, `locked pair (${String(e.agent)}, ${String(e.task)}) is not an eligible pair`);
      if (name === 'current' && e.churnCost !== undefined) nonNeg(`${p}.churnCost`, e.churnCost);
    });
  };
  refList('fixed');
  refList('current');
  if (input.churnCost !== undefined) nonNeg('churnCost', input.churnCost);
  return issues;
}

/** Validates and returns the model typed; throws ModelValidationError naming every bad path. */
export function parseModel(input: unknown): AssignmentModel {
  const issues = validateModel(input);
  if (issues.length > 0) throw new ModelValidationError(issues);
  return input as AssignmentModel;
}
