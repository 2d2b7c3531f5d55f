import { DateRange, diffDays, DomainError, isIsoDate } from '@sow/domain';

/** Reports cover at most about two years: enough for planning, bounded in cost. */
export const MAX_REPORT_WINDOW_DAYS = 731;

/** from and to are real dates, from ≤ to, and the window is at most MAX_REPORT_WINDOW_DAYS long. */
export function assertReportWindow(from: string, to: string): DateRange {
  const details = [];
  if (!isIsoDate(from)) details.push({ field: 'from', rule: 'isDate', message: 'from must be a real date YYYY-MM-DD' });
  if (!isIsoDate(to)) details.push({ field: 'to', rule: 'isDate', message: 'to must be a real date YYYY-MM-DD' });
  if (details.length > 0) throw new DomainError('validation_failed', 'Invalid report window', details);
  if (to < from) throw new DomainError('validation_failed', 'to must not be before from', [{ field: 'to', rule: 'notBeforeFrom', message: `to ${to} is before from ${from}` }]);
  if (diffDays(from, to) + 1 > MAX_REPORT_WINDOW_DAYS) {
    throw new DomainError('validation_failed', `The window may span at most ${MAX_REPORT_WINDOW_DAYS} days`, [
      { field: 'to', rule: 'maxWindow', message: `from..to may span at most ${MAX_REPORT_WINDOW_DAYS} days` },
    ]);
  }
  return { start: from, end: to };
}
