import { Injectable } from '@nestjs/common';
import {
  ActualLine,
  attainment,
  billableUtilization,
  Booking,
  DateRange,
  deliveryCost,
  DomainError,
  grossMargin,
  Level,
  LEVELS,
  onTime as judgeOnTime,
  monthRange,
  percentString,
  recognisedRevenue,
  utilizationInRange,
} from '@sow/domain';
import { DeliveryQueriesRepository, MetricsFilter } from '@sow/persistence';
import { WorkingCalendarService } from '../working-calendar/working-calendar.service';

const PERIOD = /^(\d{4})-(?:(0[1-9]|1[0-2])|Q([1-4]))$/;
const round2 = (x: number): number => Math.round(x * 100) / 100;

export interface MetricsQuery {
  /** `2027-03` (a month) or `2027-Q1` (a quarter). */
  period: string;
  region?: string;
  level?: Level;
  customerId?: string;
}

export interface FinancialLine {
  currency: string;
  revenue: string;
  cost: string;
  grossMargin: string;
  marginPct: string | null;
  billableHours: number;
  hours: number;
  /** Hours on SOWs whose currency has no rate card: in the hours, not in the money. */
  unpricedHours: number;
}

export interface UtilizationFigures {
  capacityHours: number;
  /** Capacity × each engineer's utilization target. */
  targetHours: number;
  plannedBillableHours: number;
  billableHours: number;
  nonBillableHours: number;
  utilization: number | null;
  plannedUtilization: number | null;
  attainment: number | null;
}

export interface EngineerMetrics extends UtilizationFigures {
  engineerId: string;
  name: string;
  level: Level;
  region: string;
}

export interface LevelMetrics extends UtilizationFigures {
  level: Level;
  engineers: number;
}

export interface DeliveryOutcome {
  completedSows: number;
  onTime: number;
  onBudget: number;
  onTimePct: string | null;
  onBudgetPct: string | null;
  meanCsat: number | null;
  csatResponses: number;
}

export interface DeliveryMetrics {
  period: string;
  from: string;
  to: string;
  financials: FinancialLine[];
  team: UtilizationFigures & { engineers: number };
  levels: LevelMetrics[];
  engineers: EngineerMetrics[];
  delivery: DeliveryOutcome;
}

export function periodRange(period: string): DateRange {
  const m = PERIOD.exec(period);
  if (!m) throw new DomainError('validation_failed', 'period must be YYYY-MM or YYYY-Qn', [{ field: 'period', rule: 'isPeriod', message: `period ${period} is not YYYY-MM or YYYY-Qn` }]);
  if (m[2]) return monthRange(`${m[1]}-${m[2]}`);
  const q = Number(m[3]);
  const first = monthRange(`${m[1]}-${String(q * 3 - 2).padStart(2, '0')}`);
  const last = monthRange(`${m[1]}-${String(q * 3).padStart(2, '0')}`);
  return { start: first.start, end: last.end };
}

function figures(capacity: number, target: number, planned: number, billable: number, nonBillable: number): UtilizationFigures {
  return {
    capacityHours: round2(capacity),
    targetHours: round2(target),
    plannedBillableHours: round2(planned),
    billableHours: round2(billable),
    nonBillableHours: round2(nonBillable),
    utilization: billableUtilization(billable, capacity),
    plannedUtilization: billableUtilization(planned, capacity),
    attainment: target > 0 ? attainment(billable, target, 1) : null,
  };
}

function rollUp(rows: readonly EngineerMetrics[]): UtilizationFigures {
  const s = (pick: (r: EngineerMetrics) => number): number => rows.reduce((a, r) => a + pick(r), 0);
  return figures(s((r) => r.capacityHours), s((r) => r.targetHours), s((r) => r.plannedBillableHours), s((r) => r.billableHours), s((r) => r.nonBillableHours));
}

/**
 * The senior manager's numbers for a month or quarter: revenue and cost of approved actuals (summed in
 * SQL per engineer, currency and rate period, then priced by the pure functions), utilization and
 * attainment planned vs actual per engineer, level and team, and the on-time / on-budget / CSAT record.
 */
@Injectable()
export class DeliveryMetricsService {
  constructor(
    private readonly queries: DeliveryQueriesRepository,
    private readonly calendars: WorkingCalendarService,
  ) {}

  async metrics(q: MetricsQuery): Promise<DeliveryMetrics> {
    const range = periodRange(q.period);
    const f: MetricsFilter = { from: range.start, to: range.end, region: q.region, level: q.level, customerId: q.customerId };
    const [actuals, history, planned, completed, timeOff, calendar] = await Promise.all([
      this.queries.metricsActuals(f),
      this.queries.rateHistory(null),
      this.queries.metricsPlanned(f),
      this.queries.completedSows(f),
      this.queries.metricsTimeOff(f),
      this.calendars.load(),
    ]);
    const engineers = await this.queries.metricsEngineers(f, [...new Set(actuals.map((a) => a.engineerId))]);

    const byCurrency = new Map<string, { lines: ActualLine[]; billable: number; hours: number; unpriced: number }>();
    const billableOf = new Map<string, number>();
    const hoursOf = new Map<string, number>();
    for (const a of actuals) {
      const c = byCurrency.get(a.currency) ?? { lines: [], billable: 0, hours: 0, unpriced: 0 };
      byCurrency.set(a.currency, c);
      c.billable += a.billableHours;
      c.hours += a.hours;
      if (a.rateFrom === null) c.unpriced += a.hours;
      else {
        // The rate period's first day stands for every day in it: rateOn picks the same card.
        c.lines.push({ date: a.rateFrom, hours: a.billableHours, billable: true, level: a.level });
        c.lines.push({ date: a.rateFrom, hours: round2(a.hours - a.billableHours), billable: false, level: a.level });
      }
      billableOf.set(a.engineerId, (billableOf.get(a.engineerId) ?? 0) + a.billableHours);
      hoursOf.set(a.engineerId, (hoursOf.get(a.engineerId) ?? 0) + a.hours);
    }
    const financials = [...byCurrency.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([currency, c]): FinancialLine => {
        const rates = history.get(currency) ?? [];
        const revenue = recognisedRevenue(c.lines, rates);
        const cost = deliveryCost(c.lines, rates);
        return { currency, revenue, cost, ...grossMargin(revenue, cost), billableHours: round2(c.billable), hours: round2(c.hours), unpricedHours: round2(c.unpriced) };
      });

    // Capacity and planned hours as the planner counts them (utilizationInRange over the working calendar):
    // time off, the engineer's public holidays and the company's days off remove capacity and the hours
    // an assignment would have had on those days alike.
    const bookingsOf = new Map<string, Booking[]>();
    for (const p of planned) {
      const list = bookingsOf.get(p.engineerId) ?? [];
      list.push({ start: p.startDate, end: p.endDate, hoursPerWeek: p.hoursPerWeek, onsiteDays: 0 });
      bookingsOf.set(p.engineerId, list);
    }
    const offOf = new Map<string, DateRange[]>();
    for (const t of timeOff) {
      const list = offOf.get(t.engineerId) ?? [];
      list.push({ start: t.start, end: t.end });
      offOf.set(t.engineerId, list);
    }
    const rows = engineers.map((e): EngineerMetrics => {
      // Days off only matter inside the period: the calendar is applied over it alone.
      const profile = calendar.apply({ weeklyCapacityHours: e.weeklyCapacityHours, utilizationTarget: e.utilizationTarget, maxUtilization: 1, travelLimit: 0, timeOff: offOf.get(e.engineerId) ?? [], country: e.country, subdivision: e.subdivision }, range);
      const u = utilizationInRange(profile, bookingsOf.get(e.engineerId) ?? [], range, q.period);
      const billable = billableOf.get(e.engineerId) ?? 0;
      return { engineerId: e.engineerId, name: e.name, level: e.level, region: e.region, ...figures(u.capacityHours, u.capacityHours * e.utilizationTarget, u.plannedHours, billable, (hoursOf.get(e.engineerId) ?? 0) - billable) };
    });
    const levels = LEVELS.map((level) => rows.filter((r) => r.level === level))
      .filter((group) => group.length > 0)
      .map((group): LevelMetrics => ({ level: group[0].level, engineers: group.length, ...rollUp(group) }));

    const onTime = completed.filter((s) => judgeOnTime({ committedEnd: s.endDate, items: s.items, completedOn: s.completedOn }).onTime).length;
    const onBudget = completed.filter((s) => s.actualHours <= s.budgetHours).length;
    const scores = completed.map((s) => s.csat).filter((s): s is number => s !== null);
    return {
      period: q.period,
      from: range.start,
      to: range.end,
      financials,
      team: { engineers: rows.length, ...rollUp(rows) },
      levels,
      engineers: rows,
      delivery: {
        completedSows: completed.length,
        onTime,
        onBudget,
        onTimePct: percentString(BigInt(onTime), BigInt(completed.length), 1),
        onBudgetPct: percentString(BigInt(onBudget), BigInt(completed.length), 1),
        meanCsat: scores.length > 0 ? Math.round((scores.reduce((a, b) => a + b, 0) / scores.length) * 100) / 100 : null,
        csatResponses: scores.length,
      },
    };
  }
}
