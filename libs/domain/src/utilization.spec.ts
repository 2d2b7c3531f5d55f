import {
  Booking,
  bookingHoursInRange,
  bookingOnsiteDaysInRange,
  CapacityProfile,
  hoursPerWeekFor,
  monthlyTravel,
  monthlyUtilization,
  utilizationStatus,
  weeklyUtilization,
} from './utilization';

const profile = (timeOff: CapacityProfile['timeOff'] = []): CapacityProfile => ({
  weeklyCapacityHours: 40,
  utilizationTarget: 0.7,
  maxUtilization: 1,
  travelLimit: 0.2,
  timeOff,
});
const booking = (start: string, end: string, hoursPerWeek: number, onsiteDays = 0): Booking => ({
  start,
  end,
  hoursPerWeek,
  onsiteDays,
});

describe('utilization', () => {
  it.each([
    [0.5, 20, 'below'],
    [0.7, 28, 'on_target'],
    [1, 40, 'on_target'],
    [1.1, 44, 'over_max'],
    [null, 8, 'over_max'],
    [null, 0, 'no_capacity'],
  ] as const)('utilizationStatus(%s) = %s', (u, planned, status) => {
    expect(utilizationStatus(u, planned, 0.7, 1)).toBe(status);
  });

  it.each([
    {
      name: 'half-time booking over two weeks',
      timeOff: [],
      bookings: [booking('2026-01-05', '2026-01-16', 20)],
      window: { start: '2026-01-05', end: '2026-01-18' },
      expected: [
        { period: '2026-W02', capacityHours: 40, plannedHours: 20, hoursOnTimeOff: 0, utilization: 0.5, status: 'below' },
        { period: '2026-W03', capacityHours: 40, plannedHours: 20, hoursOnTimeOff: 0, utilization: 0.5, status: 'below' },
      ],
    },
    {
      name: 'two bookings summed, one over max',
      timeOff: [],
      bookings: [booking('2026-01-05', '2026-01-16', 30), booking('2026-01-12', '2026-01-16', 14)],
      window: { start: '2026-01-05', end: '2026-01-18' },
      expected: [
        { period: '2026-W02', capacityHours: 40, plannedHours: 30, utilization: 0.75, status: 'on_target' },
        { period: '2026-W03', capacityHours: 40, plannedHours: 44, utilization: 1.1, status: 'over_max' },
      ],
    },
    {
      name: 'time off removes capacity and the hours booked on those days',
      timeOff: [{ start: '2026-01-07', end: '2026-01-08' }],
      bookings: [booking('2026-01-05', '2026-01-09', 20)],
      window: { start: '2026-01-05', end: '2026-01-11' },
      expected: [{ period: '2026-W02', availableDays: 3, capacityHours: 24, plannedHours: 12, hoursOnTimeOff: 8, status: 'below' }],
    },
    {
      name: 'a whole week off books nothing that week, whatever the assignment says',
      timeOff: [{ start: '2026-01-03', end: '2026-01-11' }],
      bookings: [booking('2026-01-05', '2026-01-09', 20)],
      window: { start: '2026-01-05', end: '2026-01-11' },
      expected: [{ period: '2026-W02', capacityHours: 0, plannedHours: 0, hoursOnTimeOff: 20, utilization: null, status: 'no_capacity' }],
    },
    {
      name: 'a whole week off without bookings has no capacity',
      timeOff: [{ start: '2026-01-05', end: '2026-01-09' }],
      bookings: [],
      window: { start: '2026-01-05', end: '2026-01-11' },
      expected: [{ period: '2026-W02', capacityHours: 0, plannedHours: 0, utilization: null, status: 'no_capacity' }],
    },
    {
      name: 'mid-week starts and a clipped window',
      timeOff: [],
      bookings: [booking('2026-01-08', '2026-01-20', 40)],
      window: { start: '2026-01-07', end: '2026-01-25' },
      expected: [
        { period: '2026-W02', workingDays: 3, capacityHours: 24, plannedHours: 16 },
        { period: '2026-W03', workingDays: 5, capacityHours: 40, plannedHours: 40 },
        { period: '2026-W04', workingDays: 5, capacityHours: 40, plannedHours: 16 },
      ],
    },
    {
      name: 'week 53 across the year boundary',
      timeOff: [],
      bookings: [booking('2026-12-21', '2027-01-08', 10)],
      window: { start: '2026-12-28', end: '2027-01-03' },
      expected: [{ period: '2026-W53', workingDays: 5, capacityHours: 40, plannedHours: 10, utilization: 0.25 }],
    },
  ])('weeklyUtilization: $name', ({ timeOff, bookings, window, expected }) => {
    const weeks = weeklyUtilization(profile(timeOff), bookings, window);
    expect(weeks).toHaveLength(expected.length);
    expected.forEach((week, i) => expect(weeks[i]).toMatchObject(week));
  });

  it('aggregates by month with each month clipped to the window', () => {
    const months = monthlyUtilization(profile(), [booking('2026-01-01', '2026-02-28', 40)], {
      start: '2026-01-15',
      end: '2026-02-28',
    });
    expect(months.map((m) => [m.period, m.workingDays, m.capacityHours, m.plannedHours])).toEqual([
      ['2026-01', 12, 96, 96],
      ['2026-02', 20, 160, 160],
    ]);
  });

  it('spreads hours and on-site days over the booking working days', () => {
    const b = booking('2026-01-05', '2026-02-27', 20, 8);
    expect(bookingHoursInRange(b, { start: '2026-01-01', end: '2026-01-31' })).toBe(80);
    expect(bookingOnsiteDaysInRange(b, { start: '2026-01-01', end: '2026-01-31' })).toBe(4);
    expect(bookingOnsiteDaysInRange(b, { start: '2026-03-01', end: '2026-03-31' })).toBe(0);
    expect(hoursPerWeekFor(40, { start: '2026-01-05', end: '2026-01-16' })).toBe(20);
    expect(hoursPerWeekFor(40, { start: '2026-01-10', end: '2026-01-11' })).toBe(0);
  });

  it.each([
    { onsiteDays: 8, exceeded: [false, false], onsite: [4, 4] },
    { onsiteDays: 10, exceeded: [true, true], onsite: [5, 5] },
    { onsiteDays: 0, exceeded: [false, false], onsite: [0, 0] },
  ])('monthlyTravel with $onsiteDays on-site days', ({ onsiteDays, exceeded, onsite }) => {
    // 20 working days in January (from the 5th) and 20 in February; January has 22, February 20.
    const months = monthlyTravel(profile(), [booking('2026-01-05', '2026-02-27', 40, onsiteDays)], {
      start: '2026-01-20',
      end: '2026-02-10',
    });
    expect(months.map((m) => m.month)).toEqual(['2026-01', '2026-02']);
    expect(months.map((m) => m.workingDays)).toEqual([22, 20]);
    expect(months.map((m) => m.onsiteDays)).toEqual(onsite);
    expect(months.map((m) => m.exceeded)).toEqual(exceeded);
    expect(months[1]?.fraction).toBeCloseTo(onsite[1]! / 20);
  });

  it('monthlyTravel counts days away (public holidays, leave) out of the month the limit is a share of', () => {
    // February 2026: 20 working days, one week of them a holiday: 20% of the 15 days worked is 3 on-site days.
    const away = profile([{ start: '2026-02-09', end: '2026-02-13' }]);
    const [feb] = monthlyTravel(away, [booking('2026-02-02', '2026-02-27', 40, 4)], { start: '2026-02-01', end: '2026-02-28' });
    expect(feb).toMatchObject({ workingDays: 20, limitDays: 3, exceeded: true });
    expect(feb?.fraction).toBeCloseTo(4 / 15);
    const [same] = monthlyTravel(profile(), [booking('2026-02-02', '2026-02-27', 40, 4)], { start: '2026-02-01', end: '2026-02-28' });
    expect(same).toMatchObject({ limitDays: 4, exceeded: false });
  });
});
