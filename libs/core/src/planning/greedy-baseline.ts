import { NEEDS_LEAD_CLASS } from '@sow/optimizer';
import { SCORING_WEIGHTS } from '@sow/domain';
import { CompiledPlan, PlannedSlot } from './plan-model';

/**
 * How common PSA tools bulk-staff: keep today's bookings where they still fit, then take the open
 * requests one by one in start-date order and give each to the best-scored engineer who fits
 * (capacity every week, travel every month). An associate is only picked when a lead can be booked on
 * the same item at once. No look-ahead, no rebalancing: the baseline the optimizer must beat.
 */
export function planGreedily(compiled: CompiledPlan): PlannedSlot[] {
  const { model, tasks: metas } = compiled;
  const periods = model.periods;
  const agentIndex = new Map(model.agents.map((a, i) => [a.id, i]));
  const remaining = model.agents.map((a) => Array.from({ length: periods }, (_, k) => (Array.isArray(a.capacity) ? (a.capacity[k] ?? 0) : a.capacity)));
  const target = model.agents.map((a) => {
    const load = a.target?.load ?? 0;
    return Array.from({ length: periods }, (_, k) => (Array.isArray(load) ? (load[k] ?? 0) : load));
  });
  const assignedLoad = model.agents.map(() => new Float64Array(periods));
  const side = model.agents.map((a) => {
    const m = new Map<string, number>();
    for (const limit of a.sideLimits ?? []) for (const w of limit.windows) m.set(`${limit.resource}|${w.id}`, w.limit);
    return m;
  });
  const pairsByTask = new Map<string, Array<{ agent: number; load: Record<string, number> | undefined }>>();
  const pairLoad = new Map<string, Record<string, number> | undefined>();
  for (const p of model.pairs) {
    const list = pairsByTask.get(p.task) ?? [];
    const agent = agentIndex.get(p.agent);
    if (agent !== undefined) {
      list.push({ agent, load: p.load });
      pairLoad.set(`${p.task}|${agent}`, p.load);
    }
    pairsByTask.set(p.task, list);
  }
  const taskIndex = new Map(model.tasks.map((t, i) => [t.id, i]));
  const holder = new Map<string, number>();

  const loadOf = (taskId: string, agent: number): Record<string, number> => {
    return pairLoad.get(`${taskId}|${agent}`) ?? model.tasks[taskIndex.get(taskId) ?? 0]?.load ?? {};
  };
  const fits = (taskId: string, agent: number): boolean => {
    const task = model.tasks[taskIndex.get(taskId) ?? -1];
    if (!task) return false;
    for (const [k, hours] of Object.entries(loadOf(taskId, agent))) if (hours > (remaining[agent]?.[Number(k)] ?? 0) + 1e-9) return false;
    for (const use of task.sideUse ?? []) if (use.amount > (side[agent]?.get(`${use.resource}|${use.window}`) ?? Infinity) + 1e-9) return false;
    return true;
  };
  const book = (taskId: string, agent: number): void => {
    const task = model.tasks[taskIndex.get(taskId) ?? -1];
    if (!task) return;
    for (const [k, hours] of Object.entries(loadOf(taskId, agent))) {
      remaining[agent][Number(k)] -= hours;
      assignedLoad[agent][Number(k)] += hours;
    }
    for (const use of task.sideUse ?? []) {
      const key = `${use.resource}|${use.window}`;
      const left = side[agent].get(key);
      if (left !== undefined) side[agent].set(key, left - use.amount);
    }
    holder.set(taskId, agent);
  };
  // Need for work: the share of the engineer's target still open over the task's weeks.
  const need = (taskId: string, agent: number): number => {
    let open = 0;
    let total = 0;
    for (const k of Object.keys(loadOf(taskId, agent))) {
      const t = target[agent]?.[Number(k)] ?? 0;
      total += t;
      open += Math.max(0, t - (assignedLoad[agent]?.[Number(k)] ?? 0));
    }
    return total > 0 ? open / total : 0;
  };
  const isAssociate = (agent: number): boolean => model.agents[agent]?.class === NEEDS_LEAD_CLASS;
  const itemOf = new Map(metas.map((m) => [m.taskId, m.itemId]));

  for (const ref of model.fixed ?? []) {
    const agent = agentIndex.get(ref.agent);
    if (agent !== undefined) book(ref.task, agent);
  }
  for (const ref of model.current ?? []) {
    const agent = agentIndex.get(ref.agent);
    if (agent === undefined || holder.has(ref.task)) continue;
    const eligible = pairLoad.has(`${ref.task}|${agent}`);
    if (eligible && fits(ref.task, agent) && (!isAssociate(agent) || holder.has(`${itemOf.get(ref.task) ?? ''}:lead`))) book(ref.task, agent);
  }

  const fitWeight = 1 - SCORING_WEIGHTS.utilizationNeed;
  const open = metas.filter((m) => m.role !== 'lead' && !holder.has(m.taskId)).sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : a.taskId < b.taskId ? -1 : 1));
  for (const meta of open) {
    const ranked = (pairsByTask.get(meta.taskId) ?? [])
      .map((p) => ({
        agent: p.agent,
        score: fitWeight * (compiled.fit.get(`${meta.taskId}|${model.agents[p.agent]?.id}`) ?? 0) + SCORING_WEIGHTS.utilizationNeed * need(meta.taskId, p.agent),
      }))
      .sort((a, b) => b.score - a.score || a.agent - b.agent);
    for (const { agent } of ranked) {
      if (!fits(meta.taskId, agent)) continue;
      if (isAssociate(agent)) {
        const leadTask = `${meta.itemId}:lead`;
        if (!holder.has(leadTask)) {
          const lead = (pairsByTask.get(leadTask) ?? []).find((p) => fits(leadTask, p.agent));
          if (!lead) continue;
          book(meta.taskId, agent);
          book(leadTask, lead.agent);
          break;
        }
      }
      book(meta.taskId, agent);
      break;
    }
  }

  return metas.map((meta) => {
    const agent = holder.get(meta.taskId);
    const engineerId = agent === undefined ? null : (model.agents[agent]?.id ?? null);
    return { taskId: meta.taskId, itemId: meta.itemId, role: meta.role, engineerId, fit: engineerId ? (compiled.fit.get(`${meta.taskId}|${engineerId}`) ?? null) : null };
  });
}
