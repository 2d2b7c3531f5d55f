import { DomainError } from '@sow/domain';
import { assertMonday, futureDateError, hasAtMostTwoDecimals, parseTimesheetCsv, spreadHours, todayIn, weekStartOf } from './timesheet-rules';

describe('timesheet rules', () => {
  it('takes today in the engineer’s time zone or UTC, whichever is later, and refuses only later dates', () => {
    const now = new Date('2027-03-01T20:30:00Z');
    expect(todayIn('UTC', now)).toBe('2027-03-01');
    expect(todayIn('Pacific/Auckland', now)).toBe('2027-03-02');
    expect(todayIn('America/Los_Angeles', now)).toBe('2027-03-01');
    // Still Monday evening in Chicago at 02:00 UTC on Tuesday: UTC's Tuesday counts.
    expect(todayIn('America/Chicago', new Date('2027-03-02T02:00:00Z'))).toBe('2027-03-02');
    expect(todayIn('Not/A_Zone', now)).toBe('2027-03-01');
    expect(futureDateError('2027-03-02', '2027-03-02')).toBeNull();
    expect(futureDateError('2027-03-01', '2027-03-02')).toBeNull();
    expect(futureDateError('2027-03-03', '2027-03-02')).toMatch(/2027-03-03 is in the future/);
  });

  it('spreads a week’s hours in hundredths, the rounding remainder on the last day', () => {
    expect(spreadHours(20, ['2027-03-01', '2027-03-02', '2027-03-03', '2027-03-04', '2027-03-05']).map((d) => d.hours)).toEqual([4, 4, 4, 4, 4]);
    expect(spreadHours(10, ['2027-03-01', '2027-03-02', '2027-03-03']).map((d) => d.hours)).toEqual([3.33, 3.33, 3.34]);
    expect(spreadHours(5, [])).toEqual([]);
  });

  it('accepts hours in hundredths, binary fractions included, and nothing finer', () => {
    expect([7.29, 0.01, 8, 23.99].every(hasAtMostTwoDecimals)).toBe(true);
    expect([7.125, 0.005, Number.NaN, Number.POSITIVE_INFINITY].some(hasAtMostTwoDecimals)).toBe(false);
  });

  it('finds the Monday of a date’s ISO week and refuses a week that does not start on one', () => {
    expect(weekStartOf('2027-03-07')).toBe('2027-03-01');
    expect(weekStartOf('2027-03-01')).toBe('2027-03-01');
    expect(() => assertMonday('2027-03-02')).toThrow(DomainError);
    expect(() => assertMonday('2027-02-30')).toThrow(/Monday/);
  });

  it('parses CSV rows and reports every bad cell by line and column', () => {
    const id = '0b6f6b2e-2f4c-4c3e-9d5e-1f0a4f6c2b11';
    const text = ['assignmentId,date,hours,billable,note', `${id},2027-03-01,8,true,design`, `${id},2027-03-02,7.5,,`, `nope,2027-13-01,25,yes,x`, `${id},2027-03-03,0.125,false,`].join('\n');
    const { rows, errors } = parseTimesheetCsv(text);
    expect(rows).toEqual([
      { line: 2, assignmentId: id, date: '2027-03-01', hours: 8, billable: true, note: 'design' },
      { line: 3, assignmentId: id, date: '2027-03-02', hours: 7.5, billable: undefined, note: null },
    ]);
    expect(errors.map((e) => [e.line, e.column, e.rule])).toEqual([
      [4, 'assignmentId', 'isUUID'],
      [4, 'date', 'isDate'],
      [4, 'hours', 'isHours'],
      [4, 'billable', 'isBoolean'],
      [5, 'hours', 'isHours'],
    ]);
  });

  it('names unknown and missing columns on the header line', () => {
    expect(parseTimesheetCsv('assignmentId,day,hours\n').errors.map((e) => [e.line, e.column, e.rule])).toEqual([
      [1, 'day', 'knownColumn'],
      [1, 'date', 'requiredColumn'],
    ]);
    expect(parseTimesheetCsv('').errors[0].rule).toBe('hasHeader');
  });
});
