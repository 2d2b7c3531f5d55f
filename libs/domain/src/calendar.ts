import { DomainError } from './domain-error';

/** A calendar date 'YYYY-MM-DD' with no time zone. */
export type IsoDate = string;
/** An inclusive range of calendar dates. */
export interface DateRange {
  start: IsoDate;
  end: IsoDate;
}

const ISO_DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const WEEK_KEY_PATTERN = /^(\d{4})-W(\d{2})$/;
const MONTH_KEY_PATTERN = /^(\d{4})-(\d{2})$/;

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

// Integer civil-date maths (H. Hinnant's days_from_civil), so no Date object or local zone is involved.
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function civilFromDays(dayNumber: number): { year: number; month: number; day: number } {
  const z = dayNumber + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

export function isIsoDate(value: unknown): value is IsoDate {
  if (typeof value !== 'string') return false;
  const match = ISO_DATE_PATTERN.exec(value);
  if (!match) return false;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  return year >= 1 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

// Planning converts the same few thousand dates millions of times; valid ones are remembered.
const DAY_NUMBER_CACHE_LIMIT = 100_000;
const dayNumbers = new Map<string, number>();

/** Days since 1970-01-01 (UTC day number); throws `validation_failed` naming `field` on a bad date. */
export function toDayNumber(date: IsoDate, field = 'date'): number {
  const cached = typeof date === 'string' ? dayNumbers.get(date) : undefined;
  if (cached !== undefined) return cached;
  const computed = parseDayNumber(date, field);
  if (dayNumbers.size >= DAY_NUMBER_CACHE_LIMIT) dayNumbers.clear();
  dayNumbers.set(date, computed);
  return computed;
}

function parseDayNumber(date: IsoDate, field: string): number {
  if (!isIsoDate(date)) {
    throw new DomainError('validation_failed', `${field} must be a calendar date YYYY-MM-DD`, [
      { field, rule: 'isIsoDate', message: `${field} must be a valid calendar date YYYY-MM-DD, got '${String(date)}'` },
    ]);
  }
  return daysFromCivil(Number(date.slice(0, 4)), Number(date.slice(5, 7)), Number(date.slice(8, 10)));
}

export function fromDayNumber(dayNumber: number): IsoDate {
  const { year, month, day } = civilFromDays(dayNumber);
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

/** Alias kept for readability at call sites that validate input. */
export const parseIsoDate = toDayNumber;

export function addDays(date: IsoDate, days: number): IsoDate {
  return fromDayNumber(toDayNumber(date) + days);
}

/** Signed number of days from `from` to `to` (0 when equal). */
export function diffDays(from: IsoDate, to: IsoDate): number {
  return toDayNumber(to) - toDayNumber(from);
}

export function compareDates(a: IsoDate, b: IsoDate): number {
  return toDayNumber(a) - toDayNumber(b);
}

export function minDate(a: IsoDate, b: IsoDate): IsoDate {
  return compareDates(a, b) <= 0 ? a : b;
}

export function maxDate(a: IsoDate, b: IsoDate): IsoDate {
  return compareDates(a, b) >= 0 ? a : b;
}

/** ISO weekday of a day number: 1 = Monday … 7 = Sunday (1970-01-01 was a Thursday). */
function isoWeekdayOfDay(dayNumber: number): number {
  return (((dayNumber + 3) % 7) + 7) % 7 + 1;
}

export function isoWeekday(date: IsoDate): number {
  return isoWeekdayOfDay(toDayNumber(date));
}

export function isWorkingDay(date: IsoDate): boolean {
  return isoWeekday(date) <= 5;
}

/** Number of ISO weeks (52 or 53) in an ISO week-year. */
export function isoWeeksInYear(year: number): number {
  // A year has 53 weeks when 1 January is a Thursday, or a Wednesday in a leap year.
  const jan1 = isoWeekdayOfDay(daysFromCivil(year, 1, 1));
  return jan1 === 4 || (jan1 === 3 && isLeapYear(year)) ? 53 : 52;
}

function weekKeyOfDay(dayNumber: number): string {
  const thursday = dayNumber - isoWeekdayOfDay(dayNumber) + 4;
  const weekYear = civilFromDays(thursday).year;
  const week = Math.floor((thursday - daysFromCivil(weekYear, 1, 1)) / 7) + 1;
  return `${pad(weekYear, 4)}-W${pad(week, 2)}`;
}

/** ISO-8601 week key, e.g. '2026-W01'; the week-year may differ from the calendar year. */
export function isoWeekKey(date: IsoDate): string {
  return weekKeyOfDay(toDayNumber(date));
}

function weekStartDay(weekKey: string): number {
  const match = WEEK_KEY_PATTERN.exec(weekKey);
  const year = match ? Number(match[1]) : NaN;
  const week = match ? Number(match[2]) : NaN;
  if (!match || week < 1 || week > isoWeeksInYear(year)) {
    throw new DomainError('validation_failed', `Invalid ISO week key '${weekKey}'`, [
      { field: 'week', rule: 'isIsoWeek', message: `expected YYYY-Www with a week that exists, got '${weekKey}'` },
    ]);
  }
  // Week 1 is the week holding 4 January.
  const jan4 = daysFromCivil(year, 1, 4);
  return jan4 - isoWeekdayOfDay(jan4) + 1 + (week - 1) * 7;
}

/** Monday to Sunday of an ISO week key. */
export function isoWeekRange(weekKey: string): DateRange {
  const start = weekStartDay(weekKey);
  return { start: fromDayNumber(start), end: fromDayNumber(start + 6) };
}

export function monthKey(date: IsoDate): string {
  toDayNumber(date);
  return date.slice(0, 7);
}

export function monthRange(key: string): DateRange {
  const match = MONTH_KEY_PATTERN.exec(key);
  const year = match ? Number(match[1]) : NaN;
  const month = match ? Number(match[2]) : NaN;
  if (!match || month < 1 || month > 12 || year < 1) {
    throw new DomainError('validation_failed', `Invalid month key '${key}'`, [
      { field: 'month', rule: 'isMonthKey', message: `expected YYYY-MM, got '${key}'` },
    ]);
  }
  return { start: `${key}-01`, end: `${key}-${pad(daysInMonth(year, month), 2)}` };
}

/** The request's own names for a range's two dates, e.g. startDate/endDate, availableFrom/availableTo. */
export interface RangeFields {
  start: string;
  end: string;
}

/** The usual request fields of a date range. */
export const START_END_DATE: RangeFields = { start: 'startDate', end: 'endDate' };

/**
 * Validates a range: both dates real and end ≥ start. Errors name the request's own fields: pass their
 * names, or a prefix for a nested range (`horizon` → horizon.start, horizon.end).
 */
export function assertDateRange(range: DateRange, fields: RangeFields | string = 'range'): void {
  const names = typeof fields === 'string' ? { start: `${fields}.start`, end: `${fields}.end` } : fields;
  const start = toDayNumber(range.start, names.start);
  const end = toDayNumber(range.end, names.end);
  if (end < start) {
    throw new DomainError('validation_failed', `${names.end} must not be before ${names.start}`, [
      { field: names.end, rule: 'notBeforeStart', message: `${names.end} ${range.end} is before ${names.start} ${range.start}` },
    ]);
  }
}

// Working days strictly before a day number, counted from an arbitrary Monday (1970-01-05 = day 4).
function workingDaysBefore(dayNumber: number): number {
  const offset = dayNumber - 4;
  const weeks = Math.floor(offset / 7);
  return weeks * 5 + Math.min(offset - weeks * 7, 5);
}

/** Monday–Friday days in an inclusive range (0 when end < start). */
export function countWorkingDays(range: DateRange): number {
  const start = toDayNumber(range.start);
  const end = toDayNumber(range.end);
  if (end < start) return 0;
  return workingDaysBefore(end + 1) - workingDaysBefore(start);
}

export function listWorkingDays(range: DateRange): IsoDate[] {
  const days: IsoDate[] = [];
  for (let d = toDayNumber(range.start), end = toDayNumber(range.end); d <= end; d += 1) {
    if (isoWeekdayOfDay(d) <= 5) days.push(fromDayNumber(d));
  }
  return days;
}

export function listDays(range: DateRange): IsoDate[] {
  const days: IsoDate[] = [];
  for (let d = toDayNumber(range.start), end = toDayNumber(range.end); d <= end; d += 1) days.push(fromDayNumber(d));
  return days;
}

/** ISO week keys of every week that overlaps the range, in order. */
export function isoWeeksInRange(range: DateRange): string[] {
  const start = toDayNumber(range.start);
  const end = toDayNumber(range.end);
  const weeks: string[] = [];
  for (let monday = start - isoWeekdayOfDay(start) + 1; monday <= end; monday += 7) weeks.push(weekKeyOfDay(monday));
  return weeks;
}

/** Month keys of every calendar month that overlaps the range, in order. */
export function monthsInRange(range: DateRange): string[] {
  const start = toDayNumber(range.start);
  const end = toDayNumber(range.end);
  const months: string[] = [];
  if (end < start) return months;
  let { year, month } = civilFromDays(start);
  const last = civilFromDays(end);
  while (year < last.year || (year === last.year && month <= last.month)) {
    months.push(`${pad(year, 4)}-${pad(month, 2)}`);
    month += 1;
    if (month > 12) {
      month = 1;
      year += 1;
    }
  }
  return months;
}

export function rangesOverlap(a: DateRange, b: DateRange): boolean {
  return toDayNumber(a.start) <= toDayNumber(b.end) && toDayNumber(b.start) <= toDayNumber(a.end);
}

export function intersectRanges(a: DateRange, b: DateRange): DateRange | null {
  if (!rangesOverlap(a, b)) return null;
  return { start: maxDate(a.start, b.start), end: minDate(a.end, b.end) };
}

export function rangeContains(outer: DateRange, inner: DateRange): boolean {
  return toDayNumber(outer.start) <= toDayNumber(inner.start) && toDayNumber(inner.end) <= toDayNumber(outer.end);
}

export function dateInRange(date: IsoDate, range: DateRange): boolean {
  const d = toDayNumber(date);
  return toDayNumber(range.start) <= d && d <= toDayNumber(range.end);
}

/** Sorts and merges overlapping or touching (adjacent-day) ranges. */
export function mergeRanges(ranges: readonly DateRange[]): DateRange[] {
  const sorted = ranges
    .map((r) => ({ start: toDayNumber(r.start), end: toDayNumber(r.end) }))
    .filter((r) => r.end >= r.start)
    .sort((a, b) => a.start - b.start || a.end - b.end);
  const merged: { start: number; end: number }[] = [];
  for (const r of sorted) {
    const last = merged[merged.length - 1];
    if (last && r.start <= last.end + 1) last.end = Math.max(last.end, r.end);
    else merged.push({ ...r });
  }
  return merged.map((r) => ({ start: fromDayNumber(r.start), end: fromDayNumber(r.end) }));
}

/** Working days of `range` that fall inside any of `ranges` (overlaps counted once). */
export function countWorkingDaysCovered(range: DateRange, ranges: readonly DateRange[]): number {
  let total = 0;
  for (const r of mergeRanges(ranges)) {
    const overlap = intersectRanges(range, r);
    if (overlap) total += countWorkingDays(overlap);
  }
  return total;
}
