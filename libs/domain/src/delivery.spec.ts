import {
  ActualLine,
  addWorkingDays,
  attainment,
  billableUtilization,
  burn,
  deliveryCost,
  forecastAtCompletion,
  grossMargin,
  healthStatus,
  onTime,
  RatePeriod,
  rateOn,
  recognisedRevenue,
  remainingHours,
  rollUpHealth,
  workingDaysBetween,
} from './delivery';
import { DomainError } from './domain-error';

// Senior bill 200 / cost 100 until Sunday 2026-03-15; from Monday 2026-03-16 bill 220 / cost 110. Associates unchanged.
const HISTORY: RatePeriod[] = [
  { effectiveFrom: '2026-01-01', rates: { senior: { billRate: '200.00', costRate: '100.00' }, associate: { billRate: '100.00', costRate: '60.00' } } },
  { effectiveFrom: '2026-03-16', rates: { senior: { billRate: '220.00', costRate: '110.00' }, associate: { billRate: '100.00', costRate: '60.00' } } },
];

const LINES: ActualLine[] = [
  { date: '2026-03-13', hours: 8, billable: true, level: 'senior' },
  { date: '2026-03-16', hours: 8, billable: true, level: 'senior' },
  { date: '2026-03-16', hours: 2, billable: false, level: 'senior' },
  // Reverses 3 of the 8 hours logged on the 13th, at that day's rate.
  { date: '2026-03-13', hours: -3, billable: true, level: 'senior' },
  { date: '2026-03-17', hours: 5, billable: true, level: 'associate' },
];

describe('rateOn', () => {
  it('takes the latest period starting on or before the day', () => {
    expect(rateOn(HISTORY, '2026-03-15', 'senior').billRate).toBe('200.00');
    expect(rateOn(HISTORY, '2026-03-16', 'senior').billRate).toBe('220.00');
    expect(rateOn([...HISTORY].reverse(), '2026-04-01', 'senior').costRate).toBe('110.00');
  });

  it('refuses a day before any card or a level without a rate', () => {
    expect(() => rateOn(HISTORY, '2025-12-31', 'senior')).toThrow(DomainError);
    expect(() => rateOn(HISTORY, '2026-03-16', 'intermediate')).toThrow(/No rate for intermediate/);
  });
});

describe('recognised revenue, cost and margin', () => {
  it('prices billable hours at the rate of each day, net of the reversal', () => {
    // (8 − 3) × 200 + 8 × 220 + 5 × 100 = 1000 + 1760 + 500
    expect(recognisedRevenue(LINES, HISTORY)).toBe('3260.00');
  });

  it('costs every hour, billable or not, at the cost rate of the day', () => {
    // (8 − 3) × 100 + (8 + 2) × 110 + 5 × 60 = 500 + 1100 + 300
    expect(deliveryCost(LINES, HISTORY)).toBe('1900.00');
  });

  it('a reversed entry cancels its original exactly', () => {
    const lines: ActualLine[] = [
      { date: '2026-03-18', hours: 7.25, billable: true, level: 'senior' },
      { date: '2026-03-18', hours: -7.25, billable: true, level: 'senior' },
    ];
    expect(recognisedRevenue(lines, HISTORY)).toBe('0.00');
    expect(deliveryCost(lines, HISTORY)).toBe('0.00');
  });

  it('gross margin is revenue − cost, with its share of revenue', () => {
    expect(grossMargin('3260.00', '1900.00')).toEqual({ grossMargin: '1360.00', marginPct: '41.7' });
    expect(grossMargin('0.00', '50.00')).toEqual({ grossMargin: '-50.00', marginPct: null });
  });
});

describe('burn and remaining work', () => {
  it('burn is actual ÷ budget', () => {
    expect(burn(86, 100)).toBe(0.86);
    expect(burn(5, 0)).toBeNull();
  });

  it('remaining is estimate − actuals, or the EM’s estimate to complete', () => {
    expect(remainingHours(100, 30)).toBe(70);
    expect(remainingHours(100, 120)).toBe(0);
    expect(remainingHours(100, 30, 90)).toBe(90);
    expect(remainingHours(100, 30, null)).toBe(70);
  });

  it('counts working days between dates, signed', () => {
    expect(workingDaysBetween('2026-03-27', '2026-04-16')).toBe(14);
    expect(workingDaysBetween('2026-04-16', '2026-03-27')).toBe(-14);
    expect(addWorkingDays('2026-03-13', 1)).toBe('2026-03-16');
  });
});

// A four-week item, Monday 2026-03-02 to Friday 2026-03-27, 100 h; asOf Friday 2026-03-13 is 10 working days in.
const ITEM = { plannedStart: '2026-03-02', plannedEnd: '2026-03-27', budgetHours: 100, asOf: '2026-03-13' };

describe('forecast at completion', () => {
  it('on plan: 50 h in 10 days is 5 h/day; the other 50 h take 10 days and end on the planned end', () => {
    expect(forecastAtCompletion({ ...ITEM, actualHours: 50, remainingHours: 50 })).toEqual({ burnRate: 5, forecastHours: 100, forecastEnd: '2026-03-27', slipDays: 0 });
  });

  it('slow burn: 30 h in 10 days is 3 h/day; 70 h take 24 days, 14 working days late', () => {
    expect(forecastAtCompletion({ ...ITEM, actualHours: 30, remainingHours: 70 })).toEqual({ burnRate: 3, forecastHours: 100, forecastEnd: '2026-04-16', slipDays: 14 });
  });

  it('measures the burn rate up to the last approved day, so an unapproved current week is not a slowdown', () => {
    // 50 h approved through Friday 3/13; asOf Wednesday 3/18 (the week not yet approved): still 5 h/day, on the planned end.
    expect(forecastAtCompletion({ ...ITEM, asOf: '2026-03-18', actualsThrough: '2026-03-13', actualHours: 50, remainingHours: 50 })).toMatchObject({ burnRate: 5, forecastEnd: '2026-03-27', slipDays: 0 });
    // Measured to asOf instead, 50 h over 13 days reads as 3.8462 h/day and a late finish.
    expect(forecastAtCompletion({ ...ITEM, asOf: '2026-03-18', actualHours: 50, remainingHours: 50 }).slipDays).toBeGreaterThan(0);
    // Stalled since 3/13: the forecast never finishes before today.
    expect(forecastAtCompletion({ ...ITEM, asOf: '2026-04-20', actualsThrough: '2026-03-13', actualHours: 95, remainingHours: 5 }).forecastEnd).toBe('2026-04-20');
  });

  it('before the start it keeps the planned end; with no burn since the start there is no finish date', () => {
    expect(forecastAtCompletion({ ...ITEM, asOf: '2026-02-27', actualHours: 0, remainingHours: 100 }).forecastEnd).toBe('2026-03-27');
    expect(forecastAtCompletion({ ...ITEM, actualHours: 0, remainingHours: 100 })).toEqual({ burnRate: 0, forecastHours: 100, forecastEnd: null, slipDays: null });
  });
});

describe('healthStatus', () => {
  it('on track when burn, forecast and finish are within plan', () => {
    expect(healthStatus({ ...ITEM, actualHours: 50, remainingHours: 50, done: false })).toMatchObject({ status: 'on_track', burn: 0.5, reasons: [] });
  });

  it('at risk at 85% burn before the work is done', () => {
    const h = healthStatus({ ...ITEM, actualHours: 86, remainingHours: 14, done: false });
    expect(h.status).toBe('at_risk');
    expect(h.reasons).toEqual(['86% of the budget is burned before the work is done']);
  });

  it('at risk when the EM’s estimate to complete puts the forecast over budget and past the end', () => {
    // 50 + 60 = 110 h (not over 110%); 60 h at 5 h/day = 12 days → 2026-03-31, 2 days late.
    const h = healthStatus({ ...ITEM, actualHours: 50, remainingHours: remainingHours(100, 50, 60), done: false });
    expect(h).toMatchObject({ status: 'at_risk', forecastHours: 110, forecastEnd: '2026-03-31', slipDays: 2 });
  });

  it('off track when the finish slips more than two weeks, or the end passed with work left', () => {
    expect(healthStatus({ ...ITEM, actualHours: 30, remainingHours: 70, done: false }).status).toBe('off_track');
    expect(healthStatus({ ...ITEM, asOf: '2026-03-30', actualHours: 95, remainingHours: 5, done: false }).reasons).toContain('planned end 2026-03-27 has passed');
  });

  it('off track when the forecast overruns the budget by more than 10%', () => {
    expect(healthStatus({ ...ITEM, actualHours: 60, remainingHours: 55, done: false }).status).toBe('off_track');
  });

  it('done work is judged on its actuals: 95 h of 100 finished early is on track, 105 h at risk', () => {
    expect(healthStatus({ ...ITEM, asOf: '2026-03-25', actualHours: 95, remainingHours: 5, done: true })).toMatchObject({ status: 'on_track', forecastHours: 95, forecastEnd: '2026-03-25' });
    expect(healthStatus({ ...ITEM, asOf: '2026-03-25', actualHours: 105, remainingHours: 0, done: true }).status).toBe('at_risk');
  });
});

describe('rollUpHealth', () => {
  it('sums the items’ forecasts, takes the latest finish, and is never healthier than its worst item', () => {
    const onPlan = healthStatus({ ...ITEM, actualHours: 50, remainingHours: 50, done: false });
    // A second item of 40 h starting later, not started yet: its forecast is its planned end.
    const later = healthStatus({ plannedStart: '2026-03-16', plannedEnd: '2026-04-03', budgetHours: 40, actualHours: 0, remainingHours: 40, asOf: '2026-03-13', done: false });
    const sow = rollUpHealth({ plannedEnd: '2026-04-03', budgetHours: 140, actualHours: 50, asOf: '2026-03-13', done: false }, [onPlan, later]);
    expect(sow).toMatchObject({ status: 'on_track', forecastHours: 140, forecastEnd: '2026-04-03', slipDays: 0, burnRate: 5 });
    const slow = healthStatus({ ...ITEM, actualHours: 30, remainingHours: 70, done: false });
    expect(rollUpHealth({ plannedEnd: '2026-04-30', budgetHours: 140, actualHours: 30, asOf: '2026-03-13', done: false }, [slow, later])).toMatchObject({ status: 'off_track', slipDays: -10 });
  });
});

describe('utilization and attainment', () => {
  it('112 billable of 160 h is 70%; against a 70% target that is full attainment', () => {
    expect(billableUtilization(112, 160)).toBe(0.7);
    expect(attainment(112, 160, 0.7)).toBe(1);
    expect(attainment(84, 160, 0.7)).toBe(0.75);
    expect(attainment(10, 0, 0.7)).toBeNull();
  });

  it('judges a completed SOW on time by its actual finish against the committed end dates', () => {
    const items = [
      { committedEnd: '2027-03-19', actualFinish: '2027-03-17' },
      { committedEnd: '2027-03-31', actualFinish: '2027-03-30' },
    ];
    // Finished 3/30 against a 3/31 end, every item by its own end.
    expect(onTime({ committedEnd: '2027-03-31', items, completedOn: '2027-04-06' })).toEqual({ actualFinish: '2027-03-30', onTime: true, lateItems: 0 });
    // The SOW finished in time, but its first item ran two days past its own end: late.
    expect(onTime({ committedEnd: '2027-03-31', items: [{ ...items[0], actualFinish: '2027-03-23' }, items[1]], completedOn: null })).toEqual({ actualFinish: '2027-03-30', onTime: false, lateItems: 1 });
    // Work logged after the SOW's end date: late, though every item ends later (items may not end after the SOW; the rule holds anyway).
    expect(onTime({ committedEnd: '2027-03-31', items: [{ committedEnd: '2027-04-30', actualFinish: '2027-04-02' }], completedOn: '2027-04-02' })).toMatchObject({ actualFinish: '2027-04-02', onTime: false, lateItems: 0 });
    // No approved hours at all: the day it was marked completed is its finish.
    expect(onTime({ committedEnd: '2027-03-31', items: [{ committedEnd: '2027-03-31', actualFinish: null }], completedOn: '2027-04-01' })).toEqual({ actualFinish: '2027-04-01', onTime: false, lateItems: 0 });
    expect(onTime({ committedEnd: '2027-03-31', items: [], completedOn: '2027-03-31' })).toMatchObject({ onTime: true });
    expect(onTime({ committedEnd: '2027-03-31', items: [], completedOn: null })).toEqual({ actualFinish: null, onTime: true, lateItems: 0 });
  });
});
