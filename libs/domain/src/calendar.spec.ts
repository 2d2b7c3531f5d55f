import {
  addDays,
  countWorkingDays,
  countWorkingDaysCovered,
  diffDays,
  fromDayNumber,
  intersectRanges,
  isIsoDate,
  isLeapYear,
  isoWeekday,
  isoWeekKey,
  isoWeekRange,
  isoWeeksInRange,
  isoWeeksInYear,
  listWorkingDays,
  mergeRanges,
  monthKey,
  monthRange,
  monthsInRange,
  rangesOverlap,
  toDayNumber,
} from './calendar';
import { DomainError } from './domain-error';

describe('calendar', () => {
  it.each([
    ['2026-01-31', true],
    ['2026-02-28', true],
    ['2026-02-29', false],
    ['2026-02-30', false],
    ['2024-02-29', true],
    ['2000-02-29', true],
    ['1900-02-29', false],
    ['2026-04-31', false],
    ['2026-13-01', false],
    ['2026-00-10', false],
    ['2026-1-01', false],
    ['2026-01-01T00:00:00Z', false],
    ['', false],
  ])('isIsoDate(%s) = %s', (value, expected) => {
    expect(isIsoDate(value)).toBe(expected);
  });

  it('rejects non-strings and throws a named validation error', () => {
    expect(isIsoDate(20260101)).toBe(false);
    try {
      toDayNumber('2026-02-30', 'start');
      throw new Error('expected a throw');
    } catch (error) {
      expect(error).toBeInstanceOf(DomainError);
      expect((error as DomainError).code).toBe('validation_failed');
      expect((error as DomainError).details?.[0]).toMatchObject({ field: 'start', rule: 'isIsoDate' });
    }
  });

  it.each([
    [1900, false],
    [2000, true],
    [2024, true],
    [2026, false],
    [2100, false],
  ])('isLeapYear(%i) = %s', (year, expected) => {
    expect(isLeapYear(year)).toBe(expected);
  });

  it.each([
    ['1970-01-01', 0],
    ['1970-01-02', 1],
    ['1969-12-31', -1],
    ['2000-03-01', 11017],
    ['2026-01-01', 20454],
  ])('day number of %s is %i and round-trips', (date, n) => {
    expect(toDayNumber(date)).toBe(n);
    expect(fromDayNumber(n)).toBe(date);
  });

  it.each([
    ['2026-01-31', 1, '2026-02-01'],
    ['2024-02-28', 1, '2024-02-29'],
    ['2026-02-28', 1, '2026-03-01'],
    ['2026-12-31', 1, '2027-01-01'],
    ['2026-03-01', -1, '2026-02-28'],
    ['2026-01-01', 365, '2027-01-01'],
  ])('addDays(%s, %i) = %s', (date, days, expected) => {
    expect(addDays(date, days)).toBe(expected);
    expect(diffDays(date, expected)).toBe(days);
  });

  it.each([
    ['2026-01-05', 1],
    ['2026-01-01', 4],
    ['2026-01-04', 7],
    ['1970-01-01', 4],
  ])('isoWeekday(%s) = %i', (date, expected) => {
    expect(isoWeekday(date)).toBe(expected);
  });

  it.each([
    ['2026-01-01', '2026-W01'],
    ['2025-12-29', '2026-W01'],
    ['2025-12-28', '2025-W52'],
    ['2026-12-31', '2026-W53'],
    ['2027-01-03', '2026-W53'],
    ['2027-01-04', '2027-W01'],
    ['2020-12-31', '2020-W53'],
    ['2021-01-03', '2020-W53'],
    ['2021-01-04', '2021-W01'],
    ['2008-12-29', '2009-W01'],
    ['2010-01-03', '2009-W53'],
    ['2026-06-15', '2026-W25'],
  ])('isoWeekKey(%s) = %s', (date, expected) => {
    expect(isoWeekKey(date)).toBe(expected);
  });

  it.each([
    [2020, 53],
    [2021, 52],
    [2026, 53],
    [2027, 52],
    [2015, 53],
  ])('isoWeeksInYear(%i) = %i', (year, weeks) => {
    expect(isoWeeksInYear(year)).toBe(weeks);
  });

  it.each([
    ['2026-W01', '2025-12-29', '2026-01-04'],
    ['2026-W53', '2026-12-28', '2027-01-03'],
    ['2020-W53', '2020-12-28', '2021-01-03'],
  ])('isoWeekRange(%s) = %s..%s', (key, start, end) => {
    expect(isoWeekRange(key)).toEqual({ start, end });
  });

  it.each(['2027-W53', '2026-W00', '2026-W1', 'x'])('isoWeekRange rejects %s', (key) => {
    expect(() => isoWeekRange(key)).toThrow(DomainError);
  });

  it('month keys and ranges', () => {
    expect(monthKey('2026-02-14')).toBe('2026-02');
    expect(monthRange('2024-02')).toEqual({ start: '2024-02-01', end: '2024-02-29' });
    expect(monthRange('2026-02')).toEqual({ start: '2026-02-01', end: '2026-02-28' });
    expect(() => monthRange('2026-13')).toThrow(DomainError);
  });

  it.each([
    ['2026-01-01', '2026-01-31', 22],
    ['2026-01-03', '2026-01-04', 0],
    ['2026-01-05', '2026-01-09', 5],
    ['2026-01-05', '2026-01-05', 1],
    ['2026-01-09', '2026-01-05', 0],
    ['2026-02-01', '2026-02-28', 20],
    ['1969-12-29', '1970-01-04', 5],
    ['2026-01-01', '2026-12-31', 261],
  ])('countWorkingDays(%s..%s) = %i', (start, end, expected) => {
    expect(countWorkingDays({ start, end })).toBe(expected);
    expect(listWorkingDays({ start, end })).toHaveLength(expected);
  });

  it('lists weeks and months overlapping a range, across year boundaries', () => {
    expect(isoWeeksInRange({ start: '2026-12-30', end: '2027-01-12' })).toEqual(['2026-W53', '2027-W01', '2027-W02']);
    expect(isoWeeksInRange({ start: '2026-01-04', end: '2026-01-05' })).toEqual(['2026-W01', '2026-W02']);
    expect(monthsInRange({ start: '2026-11-30', end: '2027-02-01' })).toEqual(['2026-11', '2026-12', '2027-01', '2027-02']);
    expect(monthsInRange({ start: '2026-05-10', end: '2026-05-10' })).toEqual(['2026-05']);
  });

  it.each([
    [{ start: '2026-01-01', end: '2026-01-10' }, { start: '2026-01-10', end: '2026-01-20' }, { start: '2026-01-10', end: '2026-01-10' }],
    [{ start: '2026-01-01', end: '2026-01-10' }, { start: '2026-01-11', end: '2026-01-20' }, null],
    [{ start: '2026-01-01', end: '2026-03-01' }, { start: '2026-02-01', end: '2026-02-10' }, { start: '2026-02-01', end: '2026-02-10' }],
  ])('intersectRanges(%o, %o) = %o', (a, b, expected) => {
    expect(intersectRanges(a, b)).toEqual(expected);
    expect(rangesOverlap(a, b)).toBe(expected !== null);
  });

  it('merges overlapping and adjacent ranges and counts covered working days once', () => {
    const ranges = [
      { start: '2026-01-12', end: '2026-01-14' },
      { start: '2026-01-05', end: '2026-01-06' },
      { start: '2026-01-07', end: '2026-01-08' },
      { start: '2026-01-13', end: '2026-01-16' },
    ];
    expect(mergeRanges(ranges)).toEqual([
      { start: '2026-01-05', end: '2026-01-08' },
      { start: '2026-01-12', end: '2026-01-16' },
    ]);
    expect(countWorkingDaysCovered({ start: '2026-01-01', end: '2026-01-31' }, ranges)).toBe(9);
  });
});

describe('calendar properties', () => {
  // Deterministic sweep over ~30 years instead of random sampling, so failures reproduce exactly.
  const days: number[] = [];
  for (let n = toDayNumber('1999-12-20'); n <= toDayNumber('2030-01-10'); n += 37) days.push(n);

  it('round-trips day numbers and places each day inside its ISO week', () => {
    for (const n of days) {
      const date = fromDayNumber(n);
      expect(toDayNumber(date)).toBe(n);
      const week = isoWeekRange(isoWeekKey(date));
      expect(isoWeekday(week.start)).toBe(1);
      expect(toDayNumber(week.start) <= n && n <= toDayNumber(week.end)).toBe(true);
    }
  });

  it('counts working days like a day-by-day walk', () => {
    for (const n of days) {
      const start = fromDayNumber(n);
      for (const length of [0, 1, 4, 6, 13, 45]) {
        const end = fromDayNumber(n + length);
        let walked = 0;
        for (let d = n; d <= n + length; d += 1) if (isoWeekday(fromDayNumber(d)) <= 5) walked += 1;
        expect(countWorkingDays({ start, end })).toBe(walked);
      }
    }
  });
});
