import { AssignmentTerms, assignmentTermsOf } from '../assignments/assignment-view';
import { Injectable } from '@nestjs/common';
import {
  AssignmentRole,
  AssignmentStatus,
  bookingHoursInRange,
  checkLeadCoverage,
  DateRange,
  DomainError,
  monthlyTravel,
  SowStatus,
  weeklyUtilization,
} from '@sow/domain';
import { AssignmentsRepository, EngineerBooking, ReportItemRow, ScopeItemsRepository, SowsRepository } from '@sow/persistence';
import { MatchingCache, MatchingData } from '../candidates/matching-cache';
import { serializeJson, SerializedJson } from '../shared/serialized-json';
import { BenchRow, benchReport, DemandItem, DemandSupplyRow, demandSupplyReport, Granularity, OpenItem, TravelRow, travelReport, UtilizationGroupBy, UtilizationRow, utilizationReport } from './reports';
import { assertReportWindow } from './report-window';

/** Demand comes from SOWs that are sold or being sold, not drafts. */
const DEMAND_SOW_STATUSES: readonly SowStatus[] = ['submitted', 'approved', 'active'];
// Shadows learn on the job; their hours do not staff the item.
const STAFFING_ROLES: readonly AssignmentRole[] = ['primary', 'lead'];

const round2 = (x: number): number => Math.round(x * 100) / 100;

export interface CoverageAssignment extends AssignmentTerms {
  assignmentId: string;
  engineerId: string;
  engineerName: string;
  status: AssignmentStatus;
}

export type CoverageWarning =
  | { kind: 'lead_gap'; assignmentId: string; engineerId: string; uncovered: DateRange[]; uncoveredWorkingDays: number; message: string }
  | { kind: 'over_capacity'; assignmentId: string; engineerId: string; weeks: Array<{ week: string; utilization: number | null }>; message: string }
  | { kind: 'travel_over_limit'; assignmentId: string; engineerId: string; months: Array<{ month: string; onsiteDays: number; limitDays: number }>; message: string };

export interface CoverageItem {
  scopeItemId: string;
  title: string;
  startDate: string;
  endDate: string;
  estimatedHours: number;
  /** Hours of live primary and lead assignments inside the item window. */
  assignedHours: number;
  /** estimated − assigned, never below 0. */
  unstaffedHours: number;
  assignments: CoverageAssignment[];
  warnings: CoverageWarning[];
}

export interface SowCoverage {
  sowId: string;
  sowStatus: SowStatus;
  estimatedHours: number;
  assignedHours: number;
  unstaffedHours: number;
  items: CoverageItem[];
}

/** Reports over the live plan: the pure functions in reports.ts fed from the matching cache and one range query. */
@Injectable()
export class ReportsService {
  constructor(
    private readonly cache: MatchingCache,
    private readonly assignments: AssignmentsRepository,
    private readonly sows: SowsRepository,
    private readonly items: ScopeItemsRepository,
  ) {}

  async utilization(from: string, to: string, granularity: Granularity, groupBy: UtilizationGroupBy): Promise<UtilizationRow[]> {
    const window = assertReportWindow(from, to);
    const data = await this.cache.current();
    return this.utilizationRows(data, window, granularity, groupBy);
  }

  /**
   * The JSON report, serialized once per data generation: a whole-directory report is hundreds of
   * kilobytes, and serializing it was most of the cost of asking for it again.
   */
  async utilizationJson(from: string, to: string, granularity: Granularity, groupBy: UtilizationGroupBy): Promise<SerializedJson> {
    const window = assertReportWindow(from, to);
    const data = await this.cache.current();
    return this.cache.memoLarge(`utilization-json:${window.start}:${window.end}:${granularity}:${groupBy}`, data, () =>
      serializeJson({ from, to, granularity, groupBy, items: this.utilizationRows(data, window, granularity, groupBy) }),
    );
  }

  // A pure function of the directory and bookings: kept for the data's generation, never served stale.
  private utilizationRows(data: MatchingData, window: DateRange, granularity: Granularity, groupBy: UtilizationGroupBy): UtilizationRow[] {
    return this.cache.memoLarge(`utilization:${window.start}:${window.end}:${granularity}:${groupBy}`, data, () =>
      utilizationReport(data.engineers, toMap(data.bookingsByEngineer), window, granularity, groupBy),
    );
  }

  async bench(from: string, to: string): Promise<BenchRow[]> {
    const window = assertReportWindow(from, to);
    const data = await this.cache.current();
    const bookings = toMap(data.bookingsByEngineer);
    const open = (await this.openItems(window, bookings)).filter((i) => (i.openHours ?? 0) > 0);
    return benchReport(data.engineers, bookings, open, window);
  }

  async travel(from: string, to: string): Promise<TravelRow[]> {
    const window = assertReportWindow(from, to);
    const data = await this.cache.current();
    return this.cache.memoLarge(`travel:${window.start}:${window.end}`, data, () => travelReport(data.engineers, toMap(data.bookingsByEngineer), window));
  }

  async demandSupply(from: string, to: string): Promise<DemandSupplyRow[]> {
    const window = assertReportWindow(from, to);
    const data = await this.cache.current();
    const bookings = toMap(data.bookingsByEngineer);
    return demandSupplyReport(await this.openItems(window, bookings), data.engineers, bookings, window);
  }

  async coverage(sowId: string): Promise<SowCoverage> {
    const sow = await this.sows.findById(sowId);
    if (!sow) throw new DomainError('not_found', `SOW ${sowId} not found`);
    const [items, all, team, data] = await Promise.all([this.items.listBySow(sowId), this.assignments.listBySow(sowId), this.assignments.teamOfSow(sowId), this.cache.current()]);
    const live = all.filter((a) => a.status !== 'released');
    const gaps = new Map(checkLeadCoverage(team).gaps.map((g) => [g.assignmentId, g]));
    const coverageItems: CoverageItem[] = items.map((item) => {
      const window = { start: item.startDate, end: item.endDate };
      const mine = live.filter((a) => a.scopeItemId === item.id);
      const assigned = mine
        .filter((a) => STAFFING_ROLES.includes(a.role))
        .reduce((sum, a) => sum + bookingHoursInRange({ start: a.startDate, end: a.endDate, hoursPerWeek: a.hoursPerWeek, onsiteDays: a.onsiteDays }, window), 0);
      const warnings: CoverageWarning[] = [];
      for (const a of mine) {
        const gap = gaps.get(a.id);
        if (gap) {
          warnings.push({
            kind: 'lead_gap',
            assignmentId: a.id,
            engineerId: a.engineerId,
            uncovered: gap.uncovered,
            uncoveredWorkingDays: gap.uncoveredWorkingDays,
            message: `No lead for ${gap.uncoveredWorkingDays} working day(s): ${gap.uncovered.map((r) => `${r.start}..${r.end}`).join(', ')}`,
          });
        }
        const engineer = data.byId.get(a.engineerId);
        if (!engineer) continue;
        const bookings = data.bookingsByEngineer[a.engineerId] ?? [];
        const span = { start: a.startDate, end: a.endDate };
        const overWeeks = weeklyUtilization(engineer, bookings, span).filter((w) => w.status === 'over_max');
        if (overWeeks.length > 0) {
          warnings.push({
            kind: 'over_capacity',
            assignmentId: a.id,
            engineerId: a.engineerId,
            weeks: overWeeks.map((w) => ({ week: w.period, utilization: w.utilization === null ? null : Math.round(w.utilization * 10000) / 10000 })),
            message: `Over maximum utilization in ${overWeeks.map((w) => w.period).join(', ')}`,
          });
        }
        const overMonths = monthlyTravel(engineer, bookings, span).filter((m) => m.exceeded);
        if (overMonths.length > 0) {
          warnings.push({
            kind: 'travel_over_limit',
            assignmentId: a.id,
            engineerId: a.engineerId,
            months: overMonths.map((m) => ({ month: m.month, onsiteDays: round2(m.onsiteDays), limitDays: round2(m.limitDays) })),
            message: `Over the travel limit in ${overMonths.map((m) => m.month).join(', ')}`,
          });
        }
      }
      return {
        scopeItemId: item.id,
        title: item.title,
        startDate: item.startDate,
        endDate: item.endDate,
        estimatedHours: item.estimatedHours,
        assignedHours: round2(assigned),
        unstaffedHours: round2(Math.max(0, item.estimatedHours - assigned)),
        assignments: mine.map((a) => ({
          assignmentId: a.id,
          engineerId: a.engineerId,
          engineerName: data.byId.get(a.engineerId)?.name ?? '',
          ...assignmentTermsOf(a),
          status: a.status,
        })),
        warnings,
      };
    });
    const estimated = coverageItems.reduce((s, i) => s + i.estimatedHours, 0);
    const assigned = coverageItems.reduce((s, i) => s + i.assignedHours, 0);
    return { sowId, sowStatus: sow.status, estimatedHours: round2(estimated), assignedHours: round2(assigned), unstaffedHours: round2(coverageItems.reduce((s, i) => s + i.unstaffedHours, 0)), items: coverageItems };
  }

  /** Items of live SOWs in the window, with the hours their primary and lead assignments do not cover yet. */
  private async openItems(window: DateRange, bookings: ReadonlyMap<string, readonly EngineerBooking[]>): Promise<Array<OpenItem & DemandItem>> {
    const rows = await this.assignments.itemsOverlapping(window.start, window.end, DEMAND_SOW_STATUSES);
    const staffed = new Map<string, number>();
    for (const list of bookings.values()) {
      for (const b of list) {
        if (!b.scopeItemId || !STAFFING_ROLES.includes(b.role)) continue;
        staffed.set(b.scopeItemId, (staffed.get(b.scopeItemId) ?? 0) + bookingHoursInRange(b, { start: b.start, end: b.end }));
      }
    }
    return rows.map((r) => toOpenItem(r, Math.max(0, r.estimatedHours - (staffed.get(r.id) ?? 0))));
  }
}

function toOpenItem(r: ReportItemRow, openHours: number): OpenItem & DemandItem {
  return {
    id: r.id,
    sowId: r.sowId,
    customerId: r.customerId,
    start: r.startDate,
    end: r.endDate,
    estimatedHours: r.estimatedHours,
    minLevel: r.minLevel,
    requiredSkills: r.requiredSkills,
    onsiteDays: r.onsiteDays,
    requiredClearance: r.requiredClearance,
    title: r.title,
    sowTitle: r.sowTitle,
    customerName: r.customerName,
    customer: { region: r.customerRegion },
    openHours,
  };
}

function toMap(record: Readonly<Record<string, readonly EngineerBooking[]>>): Map<string, readonly EngineerBooking[]> {
  return new Map(Object.entries(record));
}
