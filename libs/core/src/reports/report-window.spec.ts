import { DomainError } from '@sow/domain';
import { assertReportWindow, MAX_REPORT_WINDOW_DAYS } from './report-window';

function detailsOf(fn: () => unknown): Array<{ field?: string; rule: string }> {
  try {
    fn();
  } catch (error) {
    if (error instanceof DomainError) return [...(error.details ?? [])];
    throw error;
  }
  return [];
}

describe('assertReportWindow', () => {
  it('accepts a window up to the maximum, inclusive of both days', () => {
    expect(assertReportWindow('2027-01-01', '2027-01-01')).toEqual({ start: '2027-01-01', end: '2027-01-01' });
    expect(MAX_REPORT_WINDOW_DAYS).toBe(731);
    expect(assertReportWindow('2027-01-01', '2028-12-31')).toEqual({ start: '2027-01-01', end: '2028-12-31' });
  });

  it('names the field and rule of a bad window', () => {
    expect(detailsOf(() => assertReportWindow('2027-02-01', '2027-01-01'))).toEqual([expect.objectContaining({ field: 'to', rule: 'notBeforeFrom' })]);
    expect(detailsOf(() => assertReportWindow('2027-01-01', '2029-01-02'))).toEqual([expect.objectContaining({ field: 'to', rule: 'maxWindow' })]);
    expect(detailsOf(() => assertReportWindow('2027-02-30', '2027-13-01')).map((d) => d.field)).toEqual(['from', 'to']);
  });
});
