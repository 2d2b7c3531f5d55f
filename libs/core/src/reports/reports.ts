import {
  Booking,
  checkEligibility,
  DateRange,
  EngineerProfile,
  intersectRanges,
  Level,
  monthlyTravel,
  monthlyUtilization,
  PROFICIENCY_RANK,
  Proficiency,
  ScopeItemDemand,
  scoreCandidate,
  UTILIZATION_EPSILON,
  utilizationInRange,
  utilizationStatus,
  UtilizationStatus,
  weeklyUtilization,
  countWorkingDays,
} from '@sow/domain';

/** An engineer as reports show them. */
export interface ReportEngineer extends EngineerProfile {
  name: string;
}

export type Granularity = 'week' | 'month';
export type UtilizationGroupBy = 'engineer' | 'level' | 'region';

export interface UtilizationRow {
  /** Engineer id, level or region. */
  group: string;
  /** Engineer name, level or region, for people. */
  label: string;
  period: string;
  capacityHours: number;
  plannedHours: number;
  utilization: number | null;
  /** Capacity-weighted target of the group. */
  target: number;
  status: UtilizationStatus;
}

const round2 = (x: number): number => Math.round(x * 100) / 100;
const round4 = (x: number): number => Math.round(x * 10000) / 10000;

/**
 * Planned billable utilization per engineer, level or region, per ISO week or month, against target.
 * Only active billable engineers count toward groups (managers are not billable by default).
 */
export function utilizationReport(
  engineers: readonly ReportEngineer[],
  bookingsByEngineer: ReadonlyMap<string, readonly Booking[]>,
  window: DateRange,
  granularity: Granularity,
  groupBy: UtilizationGroupBy,
): UtilizationRow[] {
  const groups = new Map<string, { label: string; periods: Map<string, { capacity: number; planned: number; targetHours: number; maxHours: number }> }>();
  for (const engineer of engineers) {
    if (!engineer.active || !engineer.billable) continue;
    const key = groupBy === 'engineer' ? engineer.id : groupBy === 'level' ? engineer.level : engineer.region;
    const label = groupBy === 'engineer' ? engineer.name : key;
    const bookings = bookingsByEngineer.get(engineer.id) ?? [];
    const periods = granularity === 'week' ? weeklyUtilization(engineer, bookings, window) : monthlyUtilization(engineer, bookings, window);
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { label, periods: new Map() }));
    for (const p of periods) {
      const acc = group.periods.get(p.period) ?? { capacity: 0, planned: 0, targetHours: 0, maxHours: 0 };
      acc.capacity += p.capacityHours;
      acc.planned += p.plannedHours;
      acc.targetHours += engineer.utilizationTarget * p.capacityHours;
      acc.maxHours += engineer.maxUtilization * p.capacityHours;
      group.periods.set(p.period, acc);
    }
  }
  const rows: UtilizationRow[] = [];
  for (const [group, { label, periods }] of [...groups].sort((a, b) => (a[1].label < b[1].label ? -1 : a[1].label > b[1].label ? 1 : 0))) {
    for (const [period, acc] of [...periods].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
      const utilization = acc.capacity > UTILIZATION_EPSILON ? acc.planned / acc.capacity : null;
      const target = acc.capacity > UTILIZATION_EPSILON ? acc.targetHours / acc.capacity : 0;
      const max = acc.capacity > UTILIZATION_EPSILON ? acc.maxHours / acc.capacity : 0;
      rows.push({
        group,
        label,
        period,
        capacityHours: round2(acc.capacity),
        plannedHours: round2(acc.planned),
        utilization: utilization === null ? null : round4(utilization),
        target: round4(target),
        status: utilizationStatus(utilization, acc.planned, target, max),
      });
    }
  }
  return rows;
}

export interface OpenItem extends ScopeItemDemand {
  title: string;
  sowTitle: string;
  customerName: string;
  customer?: { region?: string | null; timezone?: string | null };
}

export interface BenchRow {
  engineerId: string;
  name: string;
  level: Level;
  region: string;
  capacityHours: number;
  plannedHours: number;
  utilization: number | null;
  target: number;
  /** Hours up to the engineer's target in the window. */
  hoursToTarget: number;
  /** Hours up to their maximum in the window. */
  freeHours: number;
  bestMatches: Array<{ scopeItemId: string; title: string; sowTitle: string; customerName: string; score: number }>;
}

/** Active billable engineers below target in the window, with free hours and the open items that fit them best. */
export function benchReport(
  engineers: readonly ReportEngineer[],
  bookingsByEngineer: ReadonlyMap<string, readonly Booking[]>,
  openItems: readonly OpenItem[],
  window: DateRange,
  matchesPerEngineer = 3,
): BenchRow[] {
  const rows: BenchRow[] = [];
  for (const engineer of engineers) {
    if (!engineer.active || !engineer.billable) continue;
    const bookings = bookingsByEngineer.get(engineer.id) ?? [];
    const u = utilizationInRange(engineer, bookings, window, 'window');
    if (u.utilization !== null && u.utilization + UTILIZATION_EPSILON >= engineer.utilizationTarget) continue;
    const matches = openItems
      .filter((item) => intersectRanges(item, window) !== null && checkEligibility(engineer, item, { bookings }).eligible)
      .map((item) => ({ item, score: scoreCandidate(engineer, item, { bookings, customer: item.customer }).total }))
      .sort((a, b) => b.score - a.score || (a.item.id < b.item.id ? -1 : 1))
      .slice(0, matchesPerEngineer)
      .map(({ item, score }) => ({ scopeItemId: item.id, title: item.title, sowTitle: item.sowTitle, customerName: item.customerName, score: round4(score) }));
    rows.push({
      engineerId: engineer.id,
      name: engineer.name,
      level: engineer.level,
      region: engineer.region,
      capacityHours: round2(u.capacityHours),
      plannedHours: round2(u.plannedHours),
      utilization: u.utilization === null ? null : round4(u.utilization),
      target: engineer.utilizationTarget,
      hoursToTarget: round2(Math.max(0, engineer.utilizationTarget * u.capacityHours - u.plannedHours)),
      freeHours: round2(Math.max(0, engineer.maxUtilization * u.capacityHours - u.plannedHours)),
      bestMatches: matches,
    });
  }
  return rows.sort((a, b) => (a.utilization ?? 0) - (b.utilization ?? 0) || (a.name < b.name ? -1 : 1));
}

export interface TravelRow {
  engineerId: string;
  name: string;
  month: string;
  workingDays: number;
  onsiteDays: number;
  fraction: number;
  limit: number;
  exceeded: boolean;
}

/** On-site days per engineer per calendar month against their travel limit. */
export function travelReport(
  engineers: readonly ReportEngineer[],
  bookingsByEngineer: ReadonlyMap<string, readonly Booking[]>,
  window: DateRange,
): TravelRow[] {
  return engineers
    .filter((e) => e.active)
    .flatMap((engineer) =>
      monthlyTravel(engineer, bookingsByEngineer.get(engineer.id) ?? [], window).map((m) => ({
        engineerId: engineer.id,
        name: engineer.name,
        month: m.month,
        workingDays: m.workingDays,
        onsiteDays: round2(m.onsiteDays),
        fraction: round4(m.fraction),
        limit: m.limit,
        exceeded: m.exceeded,
      })),
    )
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.month < b.month ? -1 : a.month > b.month ? 1 : 0));
}

export interface DemandItem extends ScopeItemDemand {
  /** Hours of this item not yet covered by assignments (demand still to staff). */
  openHours?: number;
}

export interface DemandSupplyRow {
  skill: string;
  minProficiency: Proficiency;
  /** Hours scope items need in the window from engineers holding the skill at this proficiency. */
  demandHours: number;
  /** Of which not yet staffed. */
  unstaffedHours: number;
  /** Free hours (to max utilization) in the window of active billable engineers holding it. */
  supplyHours: number;
  engineers: number;
  /** supply − unstaffed demand: negative is the hiring signal. */
  balanceHours: number;
}

/**
 * Demand vs supply by skill and proficiency: the hours scope items need against the free hours of the
 * engineers who could do them. Supply counts an engineer for every skill they hold, so rows are read one
 * skill at a time, not summed.
 */
export function demandSupplyReport(
  items: readonly DemandItem[],
  engineers: readonly ReportEngineer[],
  bookingsByEngineer: ReadonlyMap<string, readonly Booking[]>,
  window: DateRange,
): DemandSupplyRow[] {
  const rows = new Map<string, DemandSupplyRow>();
  for (const item of items) {
    const overlap = intersectRanges(item, window);
    if (!overlap) continue;
    const itemDays = countWorkingDays(item);
    const share = itemDays > 0 ? countWorkingDays(overlap) / itemDays : 0;
    const total = item.estimatedHours ?? ((item.hoursPerWeek ?? 0) * itemDays) / 5;
    const hours = total * share;
    const open = (item.openHours ?? total) * share;
    for (const req of item.requiredSkills) {
      const key = `${req.key}|${req.minProficiency}`;
      const row = rows.get(key) ?? { skill: req.key, minProficiency: req.minProficiency, demandHours: 0, unstaffedHours: 0, supplyHours: 0, engineers: 0, balanceHours: 0 };
      row.demandHours += hours;
      row.unstaffedHours += open;
      rows.set(key, row);
    }
  }
  const free = new Map<string, number>();
  for (const engineer of engineers) {
    if (!engineer.active || !engineer.billable) continue;
    const u = utilizationInRange(engineer, bookingsByEngineer.get(engineer.id) ?? [], window, 'window');
    free.set(engineer.id, Math.max(0, engineer.maxUtilization * u.capacityHours - u.plannedHours));
  }
  for (const row of rows.values()) {
    for (const engineer of engineers) {
      const hours = free.get(engineer.id);
      if (hours === undefined) continue;
      const held = engineer.skills.find((s) => s.key === row.skill);
      if (!held || PROFICIENCY_RANK[held.proficiency] < PROFICIENCY_RANK[row.minProficiency]) continue;
      row.supplyHours += hours;
      row.engineers += 1;
    }
    row.demandHours = round2(row.demandHours);
    row.unstaffedHours = round2(row.unstaffedHours);
    row.supplyHours = round2(row.supplyHours);
    row.balanceHours = round2(row.supplyHours - row.unstaffedHours);
  }
  return [...rows.values()].sort((a, b) => a.balanceHours - b.balanceHours || (a.skill < b.skill ? -1 : 1));
}

