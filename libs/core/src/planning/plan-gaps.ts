import { Booking, demandHoursPerWeek, EngineerProfile, ExclusionCounts, explainStaffingGap, StaffingChange } from '@sow/domain';
import { CompiledPlan, PLAN_WEIGHTS, PlannedSlot, PlanningItem, PlanningSnapshot, TaskMeta } from './plan-model';

/** A scope item the plan leaves (fully or partly) unstaffed, with why and what would staff it. */
export interface UnstaffedItem {
  itemId: string;
  title: string;
  sowId: string;
  startDate: string;
  endDate: string;
  hoursPerWeek: number;
  /** Engineers the plan splits the item between (1: one engineer). */
  teamSize: number;
  /** Shares nobody is planned for; fewer than teamSize when the item is partly staffed. */
  openShares: number;
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
 * Every item with a share the plan leaves empty (fully or partly unstaffed), highest missing hours first, with the rule book's
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
  // One entry per item, over its primary and secondary shares.
  const byItem = new Map<string, { item: PlanningItem; task: TaskMeta; hours: number; shares: number }>();
  for (const s of slots) {
    if (s.role === 'lead' || s.engineerId !== null) continue;
    const item = items.get(s.itemId);
    const task = meta.get(s.taskId);
    if (!item || !task) continue;
    const entry = byItem.get(item.id) ?? { item, task, hours: 0, shares: 0 };
    entry.hours += task.hoursInHorizon;
    entry.shares += 1;
    byItem.set(item.id, entry);
  }
  const open = [...byItem.values()].sort((a, b) => b.hours - a.hours || a.item.start.localeCompare(b.item.start));
  const engineers: readonly EngineerProfile[] = snapshot.engineers;
  return open.map(({ item, task, hours, shares }, index) => {
    const hoursPerWeek = demandHoursPerWeek(item);
    const base = {
      itemId: item.id,
      title: item.title,
      sowId: item.sowId,
      startDate: item.start,
      endDate: item.end,
      hoursPerWeek: round(hoursPerWeek),
      teamSize: task.teamSize,
      openShares: shares,
      hoursMissing: round(hours),
    };
    if (index >= MAX_EXPLAINED) return { ...base, exclusions: null, changes: [] };
    // A share of a team is what one more engineer would have to take.
    const gap = explainStaffingGap(engineers, { ...item, hoursPerWeek: task.hoursPerWeek, estimatedHours: undefined, onsiteDays: task.onsiteDays }, {
      bookingsOf: (id) => bookings.get(id) ?? [],
      leadHoursPerWeek: Math.max(PLAN_WEIGHTS.leadMinHoursPerWeek, PLAN_WEIGHTS.leadShare * hoursPerWeek),
      names,
      team: { size: task.teamSize, maxTeamSize: item.maxTeamSize ?? 1, itemHoursPerWeek: hoursPerWeek },
    });
    return { ...base, exclusions: gap.exclusions, changes: gap.changes };
  });
}
