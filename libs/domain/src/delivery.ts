import { addDays, compareDates, countWorkingDays, IsoDate, isWorkingDay } from './calendar';
import { DomainError } from './domain-error';
import { fromMicros, fromMinorUnits, multiplyMinor, percentString, toMicros, toMinorUnits } from './money';
import { LevelRate } from './quote';
import { Level } from './vocabulary';

/**
 * Persisted and wire-level names of delivery tracking: DO NOT RENAME a value (it strands data).
 * open → submitted → approved, submitted → returned → submitted.
 */
export const TIMESHEET_STATUSES = ['open', 'submitted', 'returned', 'approved'] as const;
export type TimesheetStatus = (typeof TIMESHEET_STATUSES)[number];

export const HEALTH_STATUSES = ['on_track', 'at_risk', 'off_track'] as const;
export type HealthStatus = (typeof HEALTH_STATUSES)[number];

/** Burn at or above this share of the budget, before the work is done, puts an item at risk. */
export const AT_RISK_BURN = 0.85;
/** A forecast at completion above this share of the budget is off track (10% overrun). */
export const OFF_TRACK_OVERRUN = 1.1;
/** A forecast finish more than this many working days after the planned end is off track (two weeks). */
export const OFF_TRACK_SLIP_DAYS = 10;

/** A rate card as it stood from `effectiveFrom` (inclusive) until the next period of the same currency. */
export interface RatePeriod {
  effectiveFrom: IsoDate;
  rates: Partial<Record<Level, LevelRate>>;
}

/** One approved timesheet line as the money maths needs it; a reversal has negative hours. */
export interface ActualLine {
  date: IsoDate;
  hours: number;
  billable: boolean;
  level: Level;
}

/** The rate of `level` on `date`: the latest period that starts on or before the date. */
export function rateOn(history: readonly RatePeriod[], date: IsoDate, level: Level): LevelRate {
  let best: RatePeriod | undefined;
  for (const period of history) {
    if (compareDates(period.effectiveFrom, date) <= 0 && (!best || compareDates(period.effectiveFrom, best.effectiveFrom) > 0)) best = period;
  }
  const rate = best?.rates[level];
  if (!rate) {
    throw new DomainError('rule_violation', `No rate for ${level} on ${date}`, [{ field: 'rateCard', rule: 'hasRate', message: `the rate card has no ${level} rate effective on ${date}` }]);
  }
  return rate;
}

/**
 * Hours × rate in minor units. Hours are summed per (rate, level) first and each sum is rounded once,
 * so a reversal cancels its original exactly and a mid-period rate change splits at the change day.
 */
function priceLines(lines: readonly ActualLine[], history: readonly RatePeriod[], pick: (rate: LevelRate) => string, include: (line: ActualLine) => boolean): bigint {
  const hoursByRate = new Map<string, bigint>();
  for (const line of lines) {
    if (!include(line)) continue;
    const rate = pick(rateOn(history, line.date, line.level));
    hoursByRate.set(rate, (hoursByRate.get(rate) ?? 0n) + toMicros(line.hours, 'hours'));
  }
  let total = 0n;
  for (const [rate, micros] of hoursByRate) total += multiplyMinor(toMinorUnits(rate), fromMicros(micros));
  return total;
}

/** Revenue recognised from approved billable hours × the bill rate effective on each day, as a decimal string. */
export function recognisedRevenue(lines: readonly ActualLine[], history: readonly RatePeriod[]): string {
  return fromMinorUnits(priceLines(lines, history, (r) => r.billRate, (l) => l.billable));
}

/** Delivery cost: every approved hour, billable or not, × the cost rate of the engineer's level on the day. */
export function deliveryCost(lines: readonly ActualLine[], history: readonly RatePeriod[]): string {
  return fromMinorUnits(priceLines(lines, history, (r) => r.costRate, () => true));
}

export interface Margin {
  grossMargin: string;
  /** grossMargin / revenue × 100, one decimal; null when there is no revenue. */
  marginPct: string | null;
}

export function grossMargin(revenue: string, cost: string): Margin {
  const r = toMinorUnits(revenue, 'revenue');
  const m = r - toMinorUnits(cost, 'cost');
  return { grossMargin: fromMinorUnits(m), marginPct: percentString(m, r, 1) };
}

const round4 = (x: number): number => Math.round(x * 10_000) / 10_000;

/** Actual hours ÷ budget hours (1 = the whole budget is spent); null when there is no budget. */
export function burn(actualHours: number, budgetHours: number): number | null {
  return budgetHours > 0 ? round4(actualHours / budgetHours) : null;
}

/** What is left to do: the EM's estimate to complete when given, else estimate − approved actuals, never below 0. */
export function remainingHours(estimatedHours: number, actualHours: number, estimateToComplete?: number | null): number {
  if (estimateToComplete !== undefined && estimateToComplete !== null) return Math.max(0, estimateToComplete);
  return Math.max(0, Math.round((estimatedHours - actualHours) * 100) / 100);
}

/** Working days from `from` to `to`, signed: positive when `to` is later (the days after `from` up to `to`). */
export function workingDaysBetween(from: IsoDate, to: IsoDate): number {
  const c = compareDates(from, to);
  if (c === 0) return 0;
  return c < 0 ? countWorkingDays({ start: addDays(from, 1), end: to }) : -countWorkingDays({ start: addDays(to, 1), end: from });
}

/** The `n`th working day after `date` (n ≥ 0; n = 0 is `date` itself). */
export function addWorkingDays(date: IsoDate, n: number): IsoDate {
  let d = date;
  for (let left = n; left > 0; ) {
    d = addDays(d, 1);
    if (isWorkingDay(d)) left -= 1;
  }
  return d;
}

export interface ForecastInput {
  plannedStart: IsoDate;
  plannedEnd: IsoDate;
  budgetHours: number;
  actualHours: number;
  /** From remainingHours(). */
  remainingHours: number;
  /** Today: the forecast never finishes before it. */
  asOf: IsoDate;
  /**
   * The last day the approved actuals cover (the end of the last approved week); the burn rate is
   * measured up to it, so the days of a week not yet approved do not read as a slowdown. Default asOf.
   */
  actualsThrough?: IsoDate;
}

export interface Forecast {
  /** Approved hours per working day since the planned start (0 before it). */
  burnRate: number;
  /** actual + remaining. */
  forecastHours: number;
  /** When the remaining hours are done at the burn rate; the planned end before work starts; null when nothing has been burned yet though work started. */
  forecastEnd: IsoDate | null;
  /** Working days the forecast finish lies after the planned end (negative: early); null when there is no forecast finish. */
  slipDays: number | null;
}

/**
 * Forecast at completion from the burn rate: the remaining hours at the rate burned so far (approved
 * hours ÷ working days from the planned start to asOf).
 */
export function forecastAtCompletion(input: ForecastInput): Forecast {
  const forecastHours = Math.round((input.actualHours + input.remainingHours) * 100) / 100;
  const through = input.actualsThrough !== undefined && compareDates(input.actualsThrough, input.asOf) < 0 ? input.actualsThrough : input.asOf;
  const elapsed = compareDates(through, input.plannedStart) < 0 ? 0 : countWorkingDays({ start: input.plannedStart, end: through });
  const burnRate = elapsed > 0 ? round4(input.actualHours / elapsed) : 0;
  let forecastEnd: IsoDate | null;
  if (input.remainingHours <= 0) forecastEnd = compareDates(through, input.plannedEnd) < 0 ? through : input.plannedEnd;
  else if (compareDates(input.asOf, input.plannedStart) < 0) forecastEnd = input.plannedEnd;
  else if (burnRate <= 0) forecastEnd = null;
  else {
    const finish = addWorkingDays(through, Math.ceil(input.remainingHours / burnRate - 1e-9));
    forecastEnd = compareDates(finish, input.asOf) < 0 ? input.asOf : finish;
  }
  return { burnRate, forecastHours, forecastEnd, slipDays: forecastEnd === null ? null : workingDaysBetween(input.plannedEnd, forecastEnd) };
}

export interface HealthInput extends ForecastInput {
  /** The work is finished (item done, or SOW completed). */
  done: boolean;
}

export interface Health extends Forecast {
  status: HealthStatus;
  burn: number | null;
  /** Why the status is not on track, in words, one per rule that fired. */
  reasons: string[];
}

/**
 * The health of a scope item or SOW:
 * - off track: forecast at completion > 110% of budget; or the forecast finish > 10 working days after the
 *   planned end; or not done and the planned end has passed.
 * - at risk: burn ≥ 85% of budget while not done; or the forecast finish after the planned end; or the
 *   forecast at completion over budget.
 * - on track: none of these.
 * Work that is done is judged on what happened: the forecast is the actuals and the finish is asOf.
 */
export function healthStatus(input: HealthInput): Health {
  return judge(input, forecastAtCompletion(input.done ? { ...input, remainingHours: 0 } : input));
}

export interface RollUpInput {
  plannedEnd: IsoDate;
  budgetHours: number;
  actualHours: number;
  asOf: IsoDate;
  done: boolean;
}

/**
 * The health of a SOW from its items' health: forecast hours are the items' sum, the forecast finish the
 * latest item finish (none while any item has none), judged by the same rules against the SOW's budget and
 * end; and never healthier than its worst item.
 */
export function rollUpHealth(input: RollUpInput, items: readonly Health[]): Health {
  const forecastHours = Math.round(items.reduce((a, i) => a + i.forecastHours, 0) * 100) / 100;
  const ends = items.map((i) => i.forecastEnd);
  const forecastEnd = ends.length === 0 || ends.includes(null) ? null : (ends as IsoDate[]).reduce((a, b) => (compareDates(a, b) >= 0 ? a : b));
  const forecast: Forecast = {
    burnRate: round4(items.reduce((a, i) => a + i.burnRate, 0)),
    forecastHours,
    forecastEnd,
    slipDays: forecastEnd === null ? null : workingDaysBetween(input.plannedEnd, forecastEnd),
  };
  const own = judge(input, forecast);
  const worst = items.reduce<HealthStatus>((w, i) => (SEVERITY[i.status] > SEVERITY[w] ? i.status : w), own.status);
  return { ...own, status: worst };
}

const SEVERITY: Readonly<Record<HealthStatus, number>> = { on_track: 0, at_risk: 1, off_track: 2 };

function judge(input: { plannedEnd: IsoDate; budgetHours: number; actualHours: number; asOf: IsoDate; done: boolean }, forecast: Forecast): Health {
  const b = burn(input.actualHours, input.budgetHours);
  const off: string[] = [];
  const risk: string[] = [];
  if (input.budgetHours > 0 && forecast.forecastHours > input.budgetHours * OFF_TRACK_OVERRUN) off.push(`forecast ${forecast.forecastHours} h is over 110% of the ${input.budgetHours} h budget`);
  else if (forecast.forecastHours > input.budgetHours) risk.push(`forecast ${forecast.forecastHours} h is over the ${input.budgetHours} h budget`);
  if (!input.done && compareDates(input.asOf, input.plannedEnd) > 0) off.push(`planned end ${input.plannedEnd} has passed`);
  else if (forecast.slipDays !== null && forecast.slipDays > OFF_TRACK_SLIP_DAYS) off.push(`forecast finish ${forecast.forecastEnd} is ${forecast.slipDays} working days late`);
  else if (forecast.slipDays !== null && forecast.slipDays > 0) risk.push(`forecast finish ${forecast.forecastEnd} is after the planned end ${input.plannedEnd}`);
  if (!input.done && b !== null && b >= AT_RISK_BURN) risk.push(`${Math.round(b * 1000) / 10}% of the budget is burned before the work is done`);
  const status: HealthStatus = off.length > 0 ? 'off_track' : risk.length > 0 ? 'at_risk' : 'on_track';
  return { ...forecast, status, burn: b, reasons: [...off, ...risk] };
}

/** Billable hours ÷ capacity hours; null without capacity. */
export function billableUtilization(billableHours: number, capacityHours: number): number | null {
  return capacityHours > 0 ? round4(billableHours / capacityHours) : null;
}

/** Attainment: billable hours against the engineer's target hours (capacity × utilization target); 1 = target met. */
export function attainment(billableHours: number, capacityHours: number, utilizationTarget: number): number | null {
  const targetHours = capacityHours * utilizationTarget;
  return targetHours > 0 ? round4(billableHours / targetHours) : null;
}

/** A scope item of a completed SOW as the on-time judgement needs it. */
export interface ItemFinish {
  /** The item's committed end date: its end date as approved (an approved change request re-commits it). */
  committedEnd: IsoDate;
  /** The last day with net positive approved hours on the item (a day whose hours were reversed is not a day worked); null when nobody logged on it. */
  actualFinish: IsoDate | null;
}

export interface OnTimeInput {
  /** The SOW's committed end date (its end date as approved, change requests included). */
  committedEnd: IsoDate;
  items: readonly ItemFinish[];
  /** The day the SOW was marked completed: its actual finish when no hours were ever approved on it. */
  completedOn: IsoDate | null;
}

export interface OnTime {
  /** The latest item finish; the completion day when no item has approved hours; null when neither is known. */
  actualFinish: IsoDate | null;
  onTime: boolean;
  /** Items that finished after their own committed end. */
  lateItems: number;
}

/**
 * On time, for a completed SOW: its actual finish (the last day of delivered work, else the day it was
 * completed) is on or before its committed end date, and no scope item finished after its own committed
 * end. Unknown finishes (no hours and no completion day) count as on time: there is nothing to judge.
 */
export function onTime(input: OnTimeInput): OnTime {
  const finishes = input.items.map((i) => i.actualFinish).filter((d): d is IsoDate => d !== null);
  const actualFinish = finishes.length > 0 ? finishes.reduce((a, b) => (compareDates(a, b) >= 0 ? a : b)) : input.completedOn;
  const lateItems = input.items.filter((i) => i.actualFinish !== null && compareDates(i.actualFinish, i.committedEnd) > 0).length;
  return { actualFinish, lateItems, onTime: lateItems === 0 && (actualFinish === null || compareDates(actualFinish, input.committedEnd) <= 0) };
}
