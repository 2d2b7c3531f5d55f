import { addDays, compareDates, DateRange, EngineerSkill, maxDate, minDate, PROFICIENCY_RANK } from '@sow/domain';
import { SnapshotAssignment, SnapshotEngineer, SnapshotItem } from '@sow/persistence';
import { AddEngineerChange, AddSowChange, ModifyEngineerChange, StoredScenarioChange } from './scenario-changes';

/** The rows a plan reads (planning-snapshot repository), live or seen through a scenario. */
export interface PlanningRows {
  engineers: readonly SnapshotEngineer[];
  items: readonly SnapshotItem[];
  assignments: readonly SnapshotAssignment[];
}

/** The rows of a scenario, plus what in them is hypothetical or changed (promotion and comparison use it). */
export interface ScenarioRows extends PlanningRows {
  /** Win probability per item (1 for live work). */
  winProbability: ReadonlyMap<string, number>;
  /** Engineers and items that exist only in the scenario. */
  hypotheticalEngineers: ReadonlySet<string>;
  hypotheticalItems: ReadonlySet<string>;
  /** Live engineers and items the scenario changed (dates, skills, level, limits, removal). */
  changedEngineers: ReadonlySet<string>;
  changedItems: ReadonlySet<string>;
  /** Changes that named something the live rows do not hold (inactive, or outside the horizon). */
  unmatched: string[];
}

/** How far a hypothetical absence reaches: past any horizon a plan may have (MAX_HORIZON_DAYS is 366). */
const FAR_DAYS = 800;

/** The id of the n-th item a pipeline SOW adds: derived from the change id, so re-solving gives the same ids. */
export function pipelineItemId(changeId: string, index: number): string {
  return `${changeId}:${index + 1}`;
}

/** The window a scenario must read live rows over so shifted work that moves into the horizon is seen. */
export function readWindow(horizon: DateRange, changes: readonly StoredScenarioChange[]): DateRange {
  let back = 0;
  let ahead = 0;
  for (const { change } of changes) {
    if (change.kind === 'shift_item' || change.kind === 'shift_sow') {
      back = Math.max(back, change.days);
      ahead = Math.max(ahead, -change.days);
    }
  }
  return { start: addDays(horizon.start, -back), end: addDays(horizon.end, ahead) };
}

function mergeSkills(held: readonly EngineerSkill[], gained: readonly EngineerSkill[]): EngineerSkill[] {
  const byKey = new Map(held.map((s) => [s.key, s]));
  for (const g of gained) {
    const h = byKey.get(g.key);
    if (!h || PROFICIENCY_RANK[g.proficiency] > PROFICIENCY_RANK[h.proficiency]) byKey.set(g.key, { key: g.key, proficiency: g.proficiency });
  }
  return [...byKey.values()].sort((a, b) => a.key.localeCompare(b.key));
}

function hypotheticalEngineer(id: string, c: AddEngineerChange, horizon: DateRange): SnapshotEngineer {
  const before = compareDates(c.startDate, horizon.start) > 0 ? [{ start: addDays(horizon.start, -FAR_DAYS), end: addDays(c.startDate, -1) }] : [];
  return {
    id,
    name: c.name,
    level: c.level,
    leadCapable: c.level === 'senior' || c.level === 'senior_manager',
    region: c.region,
    timezone: c.timezone,
    weeklyCapacityHours: c.weeklyCapacityHours,
    utilizationTarget: c.utilizationTarget,
    maxUtilization: 1,
    travelLimit: c.travelLimit,
    clearance: c.clearance,
    billable: true,
    active: true,
    skills: mergeSkills([], c.skills),
    country: null,
    subdivision: null,
    timeOff: before,
    fingerprint: 'hypothetical',
  };
}

function pipelineItems(sowId: string, c: AddSowChange): SnapshotItem[] {
  return c.items.map((it, index) => ({
    id: pipelineItemId(sowId, index),
    sowId,
    sowTitle: c.title,
    customerId: c.customerId,
    customerName: c.customerName,
    customerRegion: c.customerRegion,
    title: it.title,
    start: it.start,
    end: it.end,
    estimatedHours: it.estimatedHours,
    minLevel: it.minLevel,
    requiredSkills: it.requiredSkills.map((r) => ({ ...r })),
    onsiteDays: it.onsiteDays,
    maxTeamSize: it.maxTeamSize,
    requiredClearance: c.requiredClearance,
    version: 0,
    fingerprint: 'hypothetical',
  }));
}

function modified(e: SnapshotEngineer, c: ModifyEngineerChange): SnapshotEngineer {
  const level = c.level ?? e.level;
  return {
    ...e,
    level,
    leadCapable: c.level ? e.leadCapable || level === 'senior' || level === 'senior_manager' : e.leadCapable,
    region: c.region ?? e.region,
    skills: c.skills ? mergeSkills(e.skills, c.skills) : e.skills,
    utilizationTarget: c.utilizationTarget ?? e.utilizationTarget,
    travelLimit: c.travelLimit ?? e.travelLimit,
    weeklyCapacityHours: c.weeklyCapacityHours ?? e.weeklyCapacityHours,
  };
}

/**
 * Sees live rows through a scenario: a pure function that returns new arrays and objects and never
 * writes to its input, so nothing of a scenario can reach live data or a live read. Changes apply in
 * their order; work outside the horizon after the changes is dropped, as a live read would drop it.
 */
export function applyScenario(live: PlanningRows, changes: readonly StoredScenarioChange[], horizon: DateRange): ScenarioRows {
  let engineers: SnapshotEngineer[] = live.engineers.map((e) => ({ ...e, skills: [...e.skills], timeOff: [...e.timeOff] }));
  let items: SnapshotItem[] = live.items.map((i) => ({ ...i, requiredSkills: [...i.requiredSkills] }));
  let assignments: SnapshotAssignment[] = live.assignments.map((a) => ({ ...a }));
  const winProbability = new Map<string, number>();
  const hypotheticalEngineers = new Set<string>();
  const hypotheticalItems = new Set<string>();
  const changedEngineers = new Set<string>();
  const changedItems = new Set<string>();
  const unmatched: string[] = [];
  const shift = (match: (i: SnapshotItem) => boolean, days: number): number => {
    const moved = new Set<string>();
    items = items.map((i) => {
      if (!match(i)) return i;
      moved.add(i.id);
      if (!hypotheticalItems.has(i.id)) changedItems.add(i.id);
      return { ...i, start: addDays(i.start, days), end: addDays(i.end, days) };
    });
    assignments = assignments.map((a) => {
      if (!moved.has(a.scopeItemId)) return a;
      // The engineer's load moved with it: a live plan for them would not hold.
      if (!hypotheticalEngineers.has(a.engineerId)) changedEngineers.add(a.engineerId);
      return { ...a, start: addDays(a.start, days), end: addDays(a.end, days) };
    });
    return moved.size;
  };
  const remove = (match: (i: SnapshotItem) => boolean): number => {
    const gone = new Set(items.filter(match).map((i) => i.id));
    items = items.filter((i) => !gone.has(i.id));
    for (const a of assignments) if (gone.has(a.scopeItemId) && !hypotheticalEngineers.has(a.engineerId)) changedEngineers.add(a.engineerId);
    assignments = assignments.filter((a) => !gone.has(a.scopeItemId));
    for (const id of gone) if (!hypotheticalItems.has(id)) changedItems.add(id);
    return gone.size;
  };

  for (const { id, change } of changes) {
    switch (change.kind) {
      case 'add_sow':
        for (const item of pipelineItems(id, change)) {
          items.push(item);
          hypotheticalItems.add(item.id);
          winProbability.set(item.id, change.winProbability);
        }
        break;
      case 'remove_sow':
        if (remove((i) => i.sowId === change.sowId) === 0) unmatched.push(id);
        break;
      case 'remove_item':
        if (remove((i) => i.id === change.scopeItemId) === 0) unmatched.push(id);
        break;
      case 'shift_sow':
        if (shift((i) => i.sowId === change.sowId, change.days) === 0) unmatched.push(id);
        break;
      case 'shift_item':
        if (shift((i) => i.id === change.scopeItemId, change.days) === 0) unmatched.push(id);
        break;
      case 'add_engineer':
        engineers.push(hypotheticalEngineer(id, change, horizon));
        hypotheticalEngineers.add(id);
        break;
      case 'remove_engineer': {
        if (!engineers.some((e) => e.id === change.engineerId)) {
          unmatched.push(id);
          break;
        }
        if (!hypotheticalEngineers.has(change.engineerId)) changedEngineers.add(change.engineerId);
        if (change.lastDay === null) {
          engineers = engineers.filter((e) => e.id !== change.engineerId);
          assignments = assignments.filter((a) => a.engineerId !== change.engineerId);
          break;
        }
        const lastDay = change.lastDay;
        const away = { start: addDays(lastDay, 1), end: addDays(maxDate(horizon.end, lastDay), FAR_DAYS) };
        engineers = engineers.map((e) => (e.id === change.engineerId ? { ...e, timeOff: [...e.timeOff, away] } : e));
        // Work after the last day goes back to the plan; work before it stays with the leaver.
        assignments = assignments
          .filter((a) => a.engineerId !== change.engineerId || compareDates(a.start, lastDay) <= 0)
          .map((a) => (a.engineerId === change.engineerId && compareDates(a.end, lastDay) > 0 ? { ...a, end: minDate(a.end, lastDay) } : a));
        break;
      }
      case 'modify_engineer': {
        if (!engineers.some((e) => e.id === change.engineerId)) {
          unmatched.push(id);
          break;
        }
        if (!hypotheticalEngineers.has(change.engineerId)) changedEngineers.add(change.engineerId);
        engineers = engineers.map((e) => (e.id === change.engineerId ? modified(e, change) : e));
        break;
      }
    }
  }
  // As the live read: only work that overlaps the horizon is planned.
  const inside = (r: DateRange): boolean => compareDates(r.end, horizon.start) >= 0 && compareDates(r.start, horizon.end) <= 0;
  items = items.filter(inside);
  assignments = assignments.filter(inside);
  for (const i of items) if (!winProbability.has(i.id)) winProbability.set(i.id, 1);
  return { engineers, items, assignments, winProbability, hypotheticalEngineers, hypotheticalItems, changedEngineers, changedItems, unmatched };
}
