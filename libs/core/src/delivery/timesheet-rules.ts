import { parse } from 'csv-parse/sync';
import { addDays, DomainError, DomainErrorDetail, isIsoDate, isoWeekday, IsoDate, TimesheetStatus } from '@sow/domain';

/** At most this many hours on one day across all of an engineer's entries. */
export const MAX_HOURS_PER_DAY = 24;
export const EDITABLE_TIMESHEET_STATUSES: readonly TimesheetStatus[] = ['open', 'returned'];

export function weekEndOf(weekStart: IsoDate): IsoDate {
  return addDays(weekStart, 6);
}

export function assertMonday(weekStart: string, field = 'weekStart'): void {
  if (!isIsoDate(weekStart) || isoWeekday(weekStart) !== 1) {
    throw new DomainError('validation_failed', `${field} must be a Monday (YYYY-MM-DD)`, [{ field, rule: 'isMonday', message: `${field} ${weekStart} is not a Monday` }]);
  }
}

/** Hours in hundredths: 7.25 yes, 7.125 no (with a tolerance for binary fractions such as 7.29 × 100). */
export function hasAtMostTwoDecimals(hours: number): boolean {
  return Number.isFinite(hours) && Math.abs(hours * 100 - Math.round(hours * 100)) < 1e-6;
}

/**
 * The last day hours may be logged for: today where the engineer is (their IANA time zone), or in UTC
 * when that is later (weeks, reports and the demo count in UTC dates), so an engineer in Auckland can log
 * their Tuesday while it is still Monday in UTC, and nobody is refused a day UTC has already reached.
 */
export function todayIn(timezone: string, now: Date): IsoDate {
  const utc = now.toISOString().slice(0, 10);
  try {
    const local = new Intl.DateTimeFormat('en-CA', { timeZone: timezone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
    return local > utc ? local : utc;
  } catch {
    return utc;
  }
}

/** Hours are logged for days worked: a date after the engineer's today is refused. */
export function futureDateError(date: IsoDate, today: IsoDate): string | null {
  return date > today ? `date ${date} is in the future (today is ${today}); hours are logged for days already worked` : null;
}

/** The Monday of the ISO week a date falls in. */
export function weekStartOf(date: IsoDate): IsoDate {
  return addDays(date, 1 - isoWeekday(date));
}

/** `hours` over `days` in hundredths: equal shares, the rounding remainder on the last day. */
export function spreadHours(hours: number, days: readonly IsoDate[]): Array<{ date: IsoDate; hours: number }> {
  if (days.length === 0) return [];
  const cents = Math.round(hours * 100);
  const share = Math.floor(cents / days.length);
  return days.map((date, i) => ({ date, hours: (i === days.length - 1 ? cents - share * (days.length - 1) : share) / 100 }));
}

export const TIMESHEET_CSV_COLUMNS = ['assignmentId', 'date', 'hours', 'billable', 'note'] as const;
const REQUIRED_CSV_COLUMNS = ['assignmentId', 'date', 'hours'] as const;
export const MAX_TIMESHEET_IMPORT_ROWS = 20_000;

export interface TimesheetCsvRow {
  line: number;
  assignmentId: string;
  date: IsoDate;
  hours: number;
  billable: boolean | undefined;
  note: string | null;
}

export interface CsvLineError extends DomainErrorDetail {
  line: number;
  column?: string;
}

export function lineError(line: number, column: string | undefined, rule: string, message: string): CsvLineError {
  return { line, ...(column ? { column, field: `line ${line}: ${column}` } : { field: `line ${line}` }), rule, message };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Parses timesheet CSV rows; every shape problem comes back with its line and column. */
export function parseTimesheetCsv(text: string): { rows: TimesheetCsvRow[]; errors: CsvLineError[] } {
  let records: Array<{ record: string[]; info: { lines: number } }>;
  try {
    // With info: true each record comes with its line number; the typings do not model that option.
    records = parse(text, { info: true, bom: true, skip_empty_lines: true, relax_column_count: true, trim: true }) as unknown as typeof records;
  } catch (error) {
    return { rows: [], errors: [lineError(1, undefined, 'isCsv', `not valid CSV: ${error instanceof Error ? error.message : String(error)}`)] };
  }
  if (records.length === 0) return { rows: [], errors: [lineError(1, undefined, 'hasHeader', 'the CSV is empty; expected a header row')] };
  const errors: CsvLineError[] = [];
  const header = records[0].record;
  const index = new Map<string, number>();
  header.forEach((name, i) => {
    if (!(TIMESHEET_CSV_COLUMNS as readonly string[]).includes(name)) errors.push(lineError(1, name, 'knownColumn', `unknown column "${name}"; expected ${TIMESHEET_CSV_COLUMNS.join(',')}`));
    else if (index.has(name)) errors.push(lineError(1, name, 'uniqueColumn', `column "${name}" appears twice`));
    else index.set(name, i);
  });
  for (const c of REQUIRED_CSV_COLUMNS) if (!index.has(c)) errors.push(lineError(1, c, 'requiredColumn', `missing column "${c}"`));
  if (errors.length > 0) return { rows: [], errors };
  if (records.length - 1 > MAX_TIMESHEET_IMPORT_ROWS) return { rows: [], errors: [lineError(1, undefined, `max: ${MAX_TIMESHEET_IMPORT_ROWS} rows`, `at most ${MAX_TIMESHEET_IMPORT_ROWS} rows per import`)] };
  const rows: TimesheetCsvRow[] = [];
  for (const { record, info } of records.slice(1)) {
    const line = info.lines;
    if (record.length !== header.length) {
      errors.push(lineError(line, undefined, 'columnCount', `expected ${header.length} fields, got ${record.length}`));
      continue;
    }
    const cell = (c: (typeof TIMESHEET_CSV_COLUMNS)[number]): string => {
      const i = index.get(c);
      return i === undefined ? '' : (record[i] ?? '');
    };
    const before = errors.length;
    const assignmentId = cell('assignmentId');
    if (!UUID.test(assignmentId)) errors.push(lineError(line, 'assignmentId', 'isUUID', `assignmentId must be a UUID, got "${assignmentId}"`));
    const date = cell('date');
    if (!isIsoDate(date)) errors.push(lineError(line, 'date', 'isDate', `date must be YYYY-MM-DD, got "${date}"`));
    const hours = Number(cell('hours'));
    if (cell('hours') === '' || !Number.isFinite(hours) || hours <= 0 || hours > MAX_HOURS_PER_DAY || !hasAtMostTwoDecimals(hours)) {
      errors.push(lineError(line, 'hours', 'isHours', `hours must be a number above 0 and at most ${MAX_HOURS_PER_DAY} with at most 2 decimals, got "${cell('hours')}"`));
    }
    const b = cell('billable').toLowerCase();
    if (b !== '' && b !== 'true' && b !== 'false') errors.push(lineError(line, 'billable', 'isBoolean', `billable must be true or false, got "${cell('billable')}"`));
    const note = cell('note');
    if (note.length > 2000) errors.push(lineError(line, 'note', 'maxLength: 2000', 'note must be at most 2000 characters'));
    if (errors.length === before) rows.push({ line, assignmentId, date, hours, billable: b === '' ? undefined : b === 'true', note: note === '' ? null : note });
  }
  return { rows, errors };
}
