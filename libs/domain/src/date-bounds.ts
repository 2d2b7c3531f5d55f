import { DomainError } from './domain-error';
import { isIsoDate, toDayNumber } from './calendar';

/** Every calendar date the api accepts lies in these bounds (inclusive). */
export const DATE_BOUNDS = { min: '2000-01-01', max: '2100-12-31' } as const;

/** The longest ranges the api accepts, in days (end minus start). */
export const MAX_SPAN_DAYS = {
  /** A SOW, a scope item or an assignment: five years. */
  engagement: 5 * 366,
  /** A staffing plan's horizon: two years. */
  planHorizon: 2 * 366,
  /** One time-off entry: one year. */
  timeOff: 366,
} as const;

/**
 * The span rule on stored values too, for a PATCH that moves one end only (the request alone cannot
 * tell): a validation_failed naming the end field. Ignores dates that are not valid; other rules say so.
 */
export function assertSpanWithin(range: { start: string; end: string }, fields: { start: string; end: string }, maxDays: number, limit: string): void {
  if (!isIsoDate(range.start) || !isIsoDate(range.end)) return;
  if (toDayNumber(range.end) - toDayNumber(range.start) > maxDays) {
    throw new DomainError('validation_failed', `${fields.end} must be at most ${limit} after ${fields.start}`, [
      { field: fields.end, rule: 'maxSpan', message: `${fields.end} must be at most ${limit} (${maxDays} days) after ${fields.start}` },
    ]);
  }
}
