import { CompiledPlan, PlannedSlot } from './plan-model';
import { diffPlan, PlanMove } from './plan-evaluation';

/** Which objective term a move improves (or pays for), in the objective's own units. */
export interface MoveEffect {
  /** Price of the work it staffs (+) or leaves unstaffed (−). */
  staffing: number;
  /** Utilization shortfall removed (+) or added (−), over both engineers it touches. */
  utilization: number;
  /** Fit gained (+) or lost (−), as a share in [−1, 1]. */
  fit: number;
  /** Churn paid for changing today's staffing (≤ 0). */
  churn: number;
}

export interface ExplainedMove extends PlanMove {
  effect: MoveEffect;
  /** The objective term the move mainly serves. */
  improves: 'staffing' | 'utilization' | 'fit' | 'rules';
  reason: string;
}

type Load = Float64Array[];

function agentLoads(compiled: CompiledPlan, slots: readonly PlannedSlot[]): Load {
  const { model } = compiled;
  const index = new Map(model.agents.map((a, i) => [a.id, i]));
  const pairLoad = new Map(model.pairs.filter((p) => p.load).map((p) => [`${p.task}|${p.agent}`, p.load]));
  const loads = model.agents.map(() => new Float64Array(model.periods));
  slots.forEach((slot, t) => {
    if (!slot.engineerId) return;
    const a = index.get(slot.engineerId);
    const task = model.tasks[t];
    if (a === undefined || !task) return;
    const load = pairLoad.get(`${task.id}|${slot.engineerId}`) ?? task.load;
    for (const [k, h] of Object.entries(load)) loads[a][Number(k)] += h;
  });
  return loads;
}

function shortfall(compiled: CompiledPlan, loads: Load, agent: number): number {
  const spec = compiled.model.agents[agent]?.target;
  if (!spec) return 0;
  let total = 0;
  for (let k = 0; k < compiled.model.periods; k++) {
    const target = Array.isArray(spec.load) ? (spec.load[k] ?? 0) : spec.load;
    total += Math.max(0, target - (loads[agent]?.[k] ?? 0)) * spec.penaltyPerUnit;
  }
  return total;
}

/**
 * The moves from today's staffing to the plan, each with what it buys: staffed work, utilization
 * shortfall removed, fit, and the churn it costs. Attribution is per move against the whole before and
 * after plans, so effects of moves that only pay together (a lead and an associate) are shown on each.
 */
export function explainMoves(compiled: CompiledPlan, before: readonly PlannedSlot[], after: readonly PlannedSlot[]): ExplainedMove[] {
  const { model } = compiled;
  const index = new Map(model.agents.map((a, i) => [a.id, i]));
  const taskIndex = new Map(model.tasks.map((t, i) => [t.id, i]));
  const currentAgent = new Map((model.current ?? []).map((c) => [c.task, c]));
  const loadsBefore = agentLoads(compiled, before);
  const loadsAfter = agentLoads(compiled, after);
  const stillEligible = new Set(model.pairs.map((p) => `${p.task}|${p.agent}`));

  return diffPlan(before, after).map((move) => {
    const task = model.tasks[taskIndex.get(move.taskId) ?? -1];
    const price = task?.unassignedPrice ?? 0;
    const staffing = move.kind === 'assign' ? price : move.kind === 'unassign' ? -price : 0;
    let utilization = 0;
    for (const id of [move.fromEngineerId, move.toEngineerId]) {
      const a = id ? index.get(id) : undefined;
      if (a !== undefined) utilization += shortfall(compiled, loadsBefore, a) - shortfall(compiled, loadsAfter, a);
    }
    const fitBefore = move.fromEngineerId ? (compiled.fit.get(`${move.taskId}|${move.fromEngineerId}`) ?? 0) : 0;
    const fitAfter = move.toEngineerId ? (compiled.fit.get(`${move.taskId}|${move.toEngineerId}`) ?? 0) : 0;
    const fit = move.kind === 'reassign' ? fitAfter - fitBefore : 0;
    const churnRef = currentAgent.get(move.taskId);
    const churn = churnRef && churnRef.agent === move.fromEngineerId ? -(churnRef.churnCost ?? model.churnCost ?? 0) : 0;
    const brokeRule = move.fromEngineerId !== null && !stillEligible.has(`${move.taskId}|${move.fromEngineerId}`);
    const effect: MoveEffect = { staffing, utilization: Math.round(utilization * 100) / 100, fit: Math.round(fit * 1000) / 1000, churn };
    const improves: ExplainedMove['improves'] = brokeRule
      ? 'rules'
      : staffing > 0
        ? 'staffing'
        : effect.utilization > Math.abs(effect.fit) * 100
          ? 'utilization'
          : 'fit';
    const role = move.role === 'lead' ? 'lead on' : move.role === 'secondary' ? 'team share of' : 'primary on';
    const reason =
      improves === 'rules'
        ? `The current engineer no longer meets a hard rule (level, skills, clearance or availability) for this ${move.role} slot`
        : move.kind === 'assign'
          ? `Staffs an open ${role} the item`
          : move.kind === 'unassign'
            ? `Frees capacity that staffs higher-priority work`
            : improves === 'utilization'
              ? `Moves the work to an engineer below target (utilization shortfall −${effect.utilization.toFixed(0)})`
              : `Better fit for the item (fit ${effect.fit >= 0 ? '+' : ''}${(100 * effect.fit).toFixed(0)} points)`;
    return { ...move, effect, improves, reason };
  });
}
