import { addDays, DateRange, isoWeekday, LEVEL_GRADE } from '@sow/domain';
import type { SnapshotAssignment, SnapshotEngineer, SnapshotItem } from '@sow/persistence';
import { PlanningAssignment, PlanningItem, PlanningSnapshot } from './plan-model';

/** The default planning horizon: this week's Monday through the Friday `weeks` weeks later. */
export function defaultHorizon(today: string, weeks = 13): DateRange {
  const monday = addDays(today, 1 - isoWeekday(today));
  return { start: monday, end: addDays(monday, weeks * 7 - 3) };
}

export interface SnapshotInput {
  horizon: DateRange;
  engineers: readonly SnapshotEngineer[];
  items: readonly SnapshotItem[];
  assignments: readonly SnapshotAssignment[];
  /** Approved (not active, not locked) assignments may move too. */
  moveApproved: boolean;
}

/**
 * Turns the rows a plan read into the planner's snapshot. Priority favours bigger, more senior work
 * (a proxy for value when not everything fits); active and locked assignments never move.
 */
export function toPlanningSnapshot(input: SnapshotInput): PlanningSnapshot {
  const value = (i: SnapshotItem): number => i.estimatedHours * LEVEL_GRADE[i.minLevel];
  const ranked = [...input.items].sort((a, b) => value(a) - value(b));
  const priority = new Map(ranked.map((item, index) => [item.id, ranked.length <= 1 ? 1 : index / (ranked.length - 1)]));
  const items: PlanningItem[] = input.items.map((i) => ({
    id: i.id,
    sowId: i.sowId,
    customerId: i.customerId,
    title: i.title,
    start: i.start,
    end: i.end,
    estimatedHours: i.estimatedHours,
    minLevel: i.minLevel,
    requiredSkills: i.requiredSkills,
    onsiteDays: i.onsiteDays,
    requiredClearance: i.requiredClearance,
    maxTeamSize: i.maxTeamSize,
    priority: priority.get(i.id) ?? 0,
    customer: { region: i.customerRegion, timezone: null },
  }));
  const assignments: PlanningAssignment[] = input.assignments.map((a) => ({
    id: a.id,
    scopeItemId: a.scopeItemId,
    sowId: a.sowId,
    customerId: a.customerId,
    engineerId: a.engineerId,
    role: a.role,
    start: a.start,
    end: a.end,
    hoursPerWeek: a.hoursPerWeek,
    onsiteDays: a.onsiteDays,
    movable: !a.locked && (a.status === 'proposed' || (a.status === 'approved' && input.moveApproved)),
  }));
  return { horizon: input.horizon, engineers: input.engineers, items, assignments };
}
