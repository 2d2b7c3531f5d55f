import { Level, LevelRate, utilizationInRange } from '@sow/domain';
import { CompiledPlan, PlannedSlot, PlanningSnapshot } from '../planning/plan-model';
import { bookingsOf, evaluatePlan } from '../planning/plan-evaluation';

/** The KPIs a senior manager compares scenarios on. Money as decimal strings. */
export interface ScenarioKpis {
  meanUtilization: number;
  engineersAtTarget: number;
  billableEngineers: number;
  staffedItems: number;
  unstaffedItems: number;
  unstaffedHours: number;
  /** Unstaffed hours per required skill (an item needing two skills counts for both). */
  unstaffedHoursBySkill: Record<string, number>;
  /** On-site days of the staffed work, and the highest monthly travel share of any engineer. */
  onsiteDays: number;
  maxTravelFraction: number;
  currency: string;
  /** Staffed hours at the staffing engineer's bill rate, and that less the cost rate. */
  revenue: string;
  margin: string;
}

export interface ItemOutcome {
  itemId: string;
  title: string;
  sowId: string;
  hypothetical: boolean;
  /** Engineers on the item's shares (not the lead), sorted. */
  engineerIds: string[];
  unstaffedHours: number;
}

export interface EngineerOutcome {
  engineerId: string;
  name: string;
  hypothetical: boolean;
  utilization: number;
  itemIds: string[];
}

export interface ScenarioOutcome {
  kpis: ScenarioKpis;
  items: ItemOutcome[];
  engineers: EngineerOutcome[];
}

export interface RateTable {
  currency: string;
  rates: Partial<Record<Level, LevelRate>>;
}

const round2 = (x: number): number => Math.round(x * 100) / 100;
const money = (x: number): string => (Math.round(x * 100) / 100).toFixed(2);

/** What a plan of a (scenario) snapshot achieves: KPIs, and per item and engineer who does what. */
export function scenarioOutcome(
  snapshot: PlanningSnapshot,
  compiled: CompiledPlan,
  slots: readonly PlannedSlot[],
  names: ReadonlyMap<string, string>,
  rates: RateTable,
  hypothetical: { engineers: ReadonlySet<string>; items: ReadonlySet<string> },
): ScenarioOutcome {
  const kpis = evaluatePlan(snapshot, compiled, slots);
  const meta = new Map(compiled.tasks.map((t) => [t.taskId, t]));
  const items = new Map(snapshot.items.map((i) => [i.id, i]));
  const engineers = new Map(snapshot.engineers.map((e) => [e.id, e]));
  const bySkill: Record<string, number> = {};
  let onsiteDays = 0;
  let revenue = 0;
  let cost = 0;
  const itemOutcome = new Map<string, ItemOutcome>();
  const engineerItems = new Map<string, Set<string>>();
  for (const item of snapshot.items) {
    itemOutcome.set(item.id, { itemId: item.id, title: item.title, sowId: item.sowId, hypothetical: hypothetical.items.has(item.id), engineerIds: [], unstaffedHours: 0 });
  }
  for (const s of slots) {
    const m = meta.get(s.taskId);
    const item = items.get(s.itemId);
    const out = itemOutcome.get(s.itemId);
    if (!m || !item || !out) continue;
    if (s.engineerId === null) {
      if (s.role === 'lead') continue;
      out.unstaffedHours = round2(out.unstaffedHours + m.hoursInHorizon);
      for (const r of item.requiredSkills) bySkill[r.key] = round2((bySkill[r.key] ?? 0) + m.hoursInHorizon);
      continue;
    }
    const e = engineers.get(s.engineerId);
    const rate = e ? rates.rates[e.level] : undefined;
    if (rate) {
      if (s.role !== 'lead') revenue += m.hoursInHorizon * Number(rate.billRate);
      cost += m.hoursInHorizon * Number(rate.costRate);
    }
    if (s.role !== 'lead') {
      onsiteDays += m.onsiteDays;
      out.engineerIds.push(s.engineerId);
    }
    const set = engineerItems.get(s.engineerId) ?? new Set<string>();
    set.add(s.itemId);
    engineerItems.set(s.engineerId, set);
  }
  for (const o of itemOutcome.values()) o.engineerIds.sort();
  const bookings = bookingsOf(snapshot, compiled, slots);
  const engineerOutcomes: EngineerOutcome[] = snapshot.engineers
    .filter((e) => e.active && e.billable)
    .map((e) => ({
      engineerId: e.id,
      name: names.get(e.id) ?? e.id,
      hypothetical: hypothetical.engineers.has(e.id),
      utilization: round2(utilizationInRange(e, bookings.get(e.id) ?? [], snapshot.horizon, 'horizon').utilization ?? 0),
      itemIds: [...(engineerItems.get(e.id) ?? [])].sort(),
    }));
  return {
    kpis: {
      meanUtilization: round2(kpis.meanUtilization),
      engineersAtTarget: kpis.engineersAtOrAboveTarget,
      billableEngineers: kpis.billableEngineers,
      staffedItems: kpis.staffedItems,
      unstaffedItems: kpis.unstaffedItems + kpis.partlyStaffedItems,
      unstaffedHours: round2(kpis.unstaffedHours),
      unstaffedHoursBySkill: bySkill,
      onsiteDays: round2(onsiteDays),
      maxTravelFraction: round2(kpis.maxTravelFraction),
      currency: rates.currency,
      revenue: money(revenue),
      margin: money(revenue - cost),
    },
    items: [...itemOutcome.values()],
    engineers: engineerOutcomes,
  };
}

export interface ScenarioComparison {
  base: ScenarioKpis;
  other: ScenarioKpis;
  /** other − base, for the numeric KPIs (money as decimal strings). */
  delta: Record<string, number | string>;
  items: Array<{ itemId: string; title: string; base: ItemOutcome | null; other: ItemOutcome | null }>;
  engineers: Array<{ engineerId: string; name: string; base: EngineerOutcome | null; other: EngineerOutcome | null }>;
}

/** Side by side: the KPIs, and only the items and engineers whose outcome differs. */
export function compareOutcomes(base: ScenarioOutcome, other: ScenarioOutcome): ScenarioComparison {
  const delta: Record<string, number | string> = {};
  for (const key of ['meanUtilization', 'engineersAtTarget', 'billableEngineers', 'staffedItems', 'unstaffedItems', 'unstaffedHours', 'onsiteDays', 'maxTravelFraction'] as const) {
    delta[key] = round2(other.kpis[key] - base.kpis[key]);
  }
  delta.revenue = money(Number(other.kpis.revenue) - Number(base.kpis.revenue));
  delta.margin = money(Number(other.kpis.margin) - Number(base.kpis.margin));
  const sameItem = (a: ItemOutcome, b: ItemOutcome): boolean => a.unstaffedHours === b.unstaffedHours && a.engineerIds.join() === b.engineerIds.join();
  const sameEngineer = (a: EngineerOutcome, b: EngineerOutcome): boolean => a.utilization === b.utilization && a.itemIds.join() === b.itemIds.join();
  const items: ScenarioComparison['items'] = [];
  const baseItems = new Map(base.items.map((i) => [i.itemId, i]));
  const otherItems = new Map(other.items.map((i) => [i.itemId, i]));
  for (const id of new Set([...baseItems.keys(), ...otherItems.keys()])) {
    const a = baseItems.get(id) ?? null;
    const b = otherItems.get(id) ?? null;
    if (a && b && sameItem(a, b)) continue;
    items.push({ itemId: id, title: (b ?? a)?.title ?? id, base: a, other: b });
  }
  const engineers: ScenarioComparison['engineers'] = [];
  const baseEngineers = new Map(base.engineers.map((e) => [e.engineerId, e]));
  const otherEngineers = new Map(other.engineers.map((e) => [e.engineerId, e]));
  for (const id of new Set([...baseEngineers.keys(), ...otherEngineers.keys()])) {
    const a = baseEngineers.get(id) ?? null;
    const b = otherEngineers.get(id) ?? null;
    if (a && b && sameEngineer(a, b)) continue;
    engineers.push({ engineerId: id, name: (b ?? a)?.name ?? id, base: a, other: b });
  }
  return { base: base.kpis, other: other.kpis, delta, items, engineers };
}
