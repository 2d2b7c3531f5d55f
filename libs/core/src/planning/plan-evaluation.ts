import {
  Booking,
  checkLeadCoverage,
  DateRange,
  intersectRanges,
  EngineerProfile,
  monthlyTravel,
  TeamAssignment,
  UTILIZATION_EPSILON,
  utilizationInRange,
  weeklyUtilization,
} from '@sow/domain';
import { CompiledPlan, PlannedSlot, PlanningSnapshot, PlanRole } from './plan-model';

export interface PlanKpis {
  /** Active billable engineers whose planned utilization over the horizon is below their target. */
  engineersBelowTarget: number;
  /** Active billable engineers at or above their target over the horizon: the pull to target, counted. */
  engineersAtOrAboveTarget: number;
  billableEngineers: number;
  /** Mean over active billable engineers of planned ÷ capacity over the horizon. */
  meanUtilization: number;
  /** The same mean, named for what it is (meanUtilization is kept for existing readers). */
  meanBillableUtilization: number;
  /** Items every share of which is staffed. */
  staffedItems: number;
  /** Items with nobody on them. */
  unstaffedItems: number;
  /** Team items with some shares staffed and some not. */
  partlyStaffedItems: number;
  /** Hours in the horizon of every unstaffed share. */
  unstaffedHours: number;
  maxTravelFraction: number;
  /** (engineer, ISO week) pairs above max utilization. */
  capacityViolations: number;
  /** (engineer, month) pairs above the travel limit. */
  travelViolations: number;
  /** Associate primary assignments with days not covered by a lead on the SOW. */
  leadGaps: number;
  /** Mean fit in [0, 1] of the staffed primary and secondary slots (null when none has a known fit). */
  meanSkillFit: number | null;
}

export type MoveKind = 'assign' | 'unassign' | 'reassign';

export interface PlanMove {
  kind: MoveKind;
  taskId: string;
  itemId: string;
  role: PlanRole;
  fromEngineerId: string | null;
  toEngineerId: string | null;
  fit: number | null;
}

/** Bookings per engineer if the slots were staffed as given, on top of the background assignments. */
export function bookingsOf(snapshot: PlanningSnapshot, compiled: CompiledPlan, slots: readonly PlannedSlot[]): Map<string, Booking[]> {
  const byEngineer = new Map<string, Booking[]>();
  const push = (engineerId: string, booking: Booking): void => {
    const list = byEngineer.get(engineerId) ?? [];
    list.push(booking);
    byEngineer.set(engineerId, list);
  };
  for (const a of compiled.background) {
    push(a.engineerId, { start: a.start, end: a.end, hoursPerWeek: a.hoursPerWeek, onsiteDays: a.onsiteDays, sowId: a.sowId, scopeItemId: a.scopeItemId });
  }
  const metaByTask = new Map(compiled.tasks.map((m) => [m.taskId, m]));
  for (const slot of slots) {
    const meta = metaByTask.get(slot.taskId);
    if (!meta || !slot.engineerId) continue;
    // A fixed assignment keeps its own hours and dates (the task may plan only what is left of the item).
    const kept = compiled.fixedAssignments.get(`${slot.taskId}|${slot.engineerId}`);
    if (kept) push(slot.engineerId, { start: kept.start, end: kept.end, hoursPerWeek: kept.hoursPerWeek, onsiteDays: kept.onsiteDays, sowId: meta.sowId, scopeItemId: meta.itemId });
    else push(slot.engineerId, { start: meta.start, end: meta.end, hoursPerWeek: meta.hoursPerWeek, onsiteDays: meta.onsiteDays, sowId: meta.sowId, scopeItemId: meta.itemId });
  }
  return byEngineer;
}

/** The slots as they are today (current and fixed assignments), for the "before" KPIs and the diff. */
export function currentSlots(compiled: CompiledPlan): PlannedSlot[] {
  const holder = new Map<string, string>();
  for (const r of compiled.model.current ?? []) holder.set(r.task, r.agent);
  for (const r of compiled.model.fixed ?? []) holder.set(r.task, r.agent);
  return compiled.tasks.map((meta) => {
    const engineerId = holder.get(meta.taskId) ?? null;
    return { taskId: meta.taskId, itemId: meta.itemId, role: meta.role, engineerId, fit: engineerId ? (compiled.fit.get(`${meta.taskId}|${engineerId}`) ?? null) : null };
  });
}

export function evaluatePlan(snapshot: PlanningSnapshot, compiled: CompiledPlan, slots: readonly PlannedSlot[]): PlanKpis {
  const bookings = bookingsOf(snapshot, compiled, slots);
  const billable = snapshot.engineers.filter((e) => e.active && e.billable);
  let below = 0;
  let atOrAbove = 0;
  let utilizationSum = 0;
  let capacityViolations = 0;
  let travelViolations = 0;
  let maxTravelFraction = 0;
  for (const engineer of snapshot.engineers) {
    const own = bookings.get(engineer.id) ?? [];
    if (engineer.active && engineer.billable) {
      const window = utilizationInRange(engineer, own, snapshot.horizon, 'horizon');
      const u = window.utilization ?? 0;
      utilizationSum += u;
      if (window.capacityHours > UTILIZATION_EPSILON && u + UTILIZATION_EPSILON < engineer.utilizationTarget) below += 1;
      else if (window.capacityHours > UTILIZATION_EPSILON) atOrAbove += 1;
    }
    for (const week of weeklyUtilization(engineer, own, snapshot.horizon)) {
      if (week.plannedHours > engineer.maxUtilization * week.capacityHours + 1e-6) capacityViolations += 1;
    }
    for (const month of monthlyTravel(engineer, own, snapshot.horizon)) {
      maxTravelFraction = Math.max(maxTravelFraction, month.fraction);
      if (month.onsiteDays > month.limitDays + 1e-6) travelViolations += 1;
    }
  }
  const parts = slots.filter((s) => s.role !== 'lead');
  const metaByTask = new Map(compiled.tasks.map((m) => [m.taskId, m]));
  const shares = new Map<string, { total: number; open: number }>();
  let unstaffedHours = 0;
  for (const s of parts) {
    const item = shares.get(s.itemId) ?? { total: 0, open: 0 };
    item.total += 1;
    if (!s.engineerId) {
      item.open += 1;
      unstaffedHours += metaByTask.get(s.taskId)?.hoursInHorizon ?? 0;
    }
    shares.set(s.itemId, item);
  }
  const counts = [...shares.values()];
  const fits = parts.map((s) => s.fit).filter((f): f is number => f !== null);
  const meanUtilization = billable.length > 0 ? utilizationSum / billable.length : 0;
  return {
    engineersBelowTarget: below,
    engineersAtOrAboveTarget: atOrAbove,
    billableEngineers: billable.length,
    meanUtilization,
    meanBillableUtilization: meanUtilization,
    staffedItems: counts.filter((c) => c.open === 0).length,
    unstaffedItems: counts.filter((c) => c.open === c.total).length,
    partlyStaffedItems: counts.filter((c) => c.open > 0 && c.open < c.total).length,
    unstaffedHours,
    maxTravelFraction,
    capacityViolations,
    travelViolations,
    leadGaps: countLeadGaps(snapshot.engineers, compiled, slots, snapshot.horizon),
    meanSkillFit: fits.length > 0 ? fits.reduce((a, b) => a + b, 0) / fits.length : null,
  };
}

/** Associate primaries with days inside the horizon that no lead on the SOW covers. */
function countLeadGaps(engineers: readonly EngineerProfile[], compiled: CompiledPlan, slots: readonly PlannedSlot[], horizon: DateRange): number {
  const byId = new Map(engineers.map((e) => [e.id, e]));
  const metaByTask = new Map(compiled.tasks.map((m) => [m.taskId, m]));
  const bySow = new Map<string, TeamAssignment[]>();
  const add = (sowId: string, a: TeamAssignment): void => {
    const inside = intersectRanges(a, horizon);
    if (!inside) return;
    const list = bySow.get(sowId) ?? [];
    list.push({ ...a, start: inside.start, end: inside.end });
    bySow.set(sowId, list);
  };
  for (const slot of slots) {
    const meta = metaByTask.get(slot.taskId);
    const e = slot.engineerId ? byId.get(slot.engineerId) : undefined;
    if (!meta || !e) continue;
    add(meta.sowId, { id: slot.taskId, engineerId: e.id, role: slot.role, level: e.level, leadCapable: e.leadCapable, start: meta.start, end: meta.end });
  }
  for (const a of compiled.background) {
    const e = byId.get(a.engineerId);
    if (e) add(a.sowId, { id: a.id, engineerId: e.id, role: a.role, level: e.level, leadCapable: e.leadCapable, start: a.start, end: a.end });
  }
  let gaps = 0;
  for (const team of bySow.values()) gaps += checkLeadCoverage(team).gaps.length;
  return gaps;
}

/** What changes from the current slots to the planned ones. */
export function diffPlan(before: readonly PlannedSlot[], after: readonly PlannedSlot[]): PlanMove[] {
  const was = new Map(before.map((s) => [s.taskId, s.engineerId]));
  const moves: PlanMove[] = [];
  for (const slot of after) {
    const from = was.get(slot.taskId) ?? null;
    const to = slot.engineerId;
    if (from === to) continue;
    const kind: MoveKind = from === null ? 'assign' : to === null ? 'unassign' : 'reassign';
    moves.push({ kind, taskId: slot.taskId, itemId: slot.itemId, role: slot.role, fromEngineerId: from, toEngineerId: to, fit: slot.fit });
  }
  return moves;
}
