import { Booking, demandHoursPerWeek, EngineerProfile, ExclusionCounts, explainStaffingGap, StaffingChange } from '@sow/domain';
import { CompiledPlan, PLAN_WEIGHTS, PlannedSlot, PlanningSnapshot } from './plan-model';

/** A scope item the plan leaves (fully or partly) unstaffed, with why and what would staff it. */
export interface UnstaffedItem {
  itemId: string;
  title: string;
  sowId: string;
  startDate: string;
  endDate: string;
  hoursPerWeek: number;
  /** Hours of the item inside the horizon that nobody is planned for. */
  hoursMissing: number;
  /** Engineers each rule excluded, against the plan's own bookings; null past MAX_EXPLAINED. */
  exclusions: ExclusionCounts | null;
  /** The smallest change first; empty past MAX_EXPLAINED. */
  changes: StaffingChange[];
}

/** Items explained in full per plan: each costs a pass over the directory and a search for a later start. */
export const MAX_EXPLAINED = 200;

const round = (x: number): number => Math.round(x * 100) / 100;

/**
 * Every item whose primary slot the plan leaves empty, highest missing hours first, with the rule book's
 * exclusion counts and smallest changes computed against the bookings the plan leaves each engineer.
 */
export function unstaffedItems(
  snapshot: PlanningSnapshot,
  compiled: CompiledPlan,
  slots: readonly PlannedSlot[],
  bookings: ReadonlyMap<string, readonly Booking[]>,
  names: ReadonlyMap<string, string>,
): UnstaffedItem[] {
  const items = new Map(snapshot.items.map((i) => [i.id, i]));
  const meta = new Map(compiled.tasks.map((t) => [t.taskId, t]));
  const open = slots
    .filter((s) => s.role === 'primary' && s.engineerId === null)
    .flatMap((s) => {
      const item = items.get(s.itemId);
      const task = meta.get(s.taskId);
      return item && task ? [{ item, task }] : [];
    })
    .sort((a, b) => b.task.hoursInHorizon - a.task.hoursInHorizon || a.item.start.localeCompare(b.item.start));
  const engineers: readonly EngineerProfile[] = snapshot.engineers;
  return open.map(({ item, task }, index) => {
    const hoursPerWeek = demandHoursPerWeek(item);
    const base = { itemId: item.id, title: item.title, sowId: item.sowId, startDate: item.start, endDate: item.end, hoursPerWeek: round(hoursPerWeek), hoursMissing: round(task.hoursInHorizon) };
    if (index >= MAX_EXPLAINED) return { ...base, exclusions: null, changes: [] };
    const gap = explainStaffingGap(engineers, item, {
      bookingsOf: (id) => bookings.get(id) ?? [],
      leadHoursPerWeek: Math.max(PLAN_WEIGHTS.leadMinHoursPerWeek, PLAN_WEIGHTS.leadShare * hoursPerWeek),
      names,
    });
    return { ...base, exclusions: gap.exclusions, changes: gap.changes };
  });
}
