import { EngineerProfile, ScopeItemDemand } from './eligibility';
import { rankCandidates, scoreCandidate, SCORING_WEIGHTS, ScoringContext, timezoneOffsetMinutes } from './scoring';
import { Booking } from './utilization';
import { anEngineer, aScopeItemDemand } from '@sow/testing/builders';

const engineer = anEngineer;
const item = aScopeItemDemand;

const criterion = (name: string, e: EngineerProfile, i: ScopeItemDemand, ctx: ScoringContext): number =>
  scoreCandidate(e, i, ctx).breakdown.find((c) => c.criterion === name)?.score ?? NaN;

const booking = (hoursPerWeek: number, extra: Partial<Booking> = {}): Booking => ({
  start: '2026-01-05',
  end: '2026-01-16',
  hoursPerWeek,
  onsiteDays: 0,
  ...extra,
});

describe('scoring', () => {
  it('weights sum to 1', () => {
    expect(Object.values(SCORING_WEIGHTS).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 10);
  });

  it.each([
    ['mastery of the exact tool', 'mastery', 'experience', 1],
    ['above the minimum', 'experience', 'exposure', 0.7],
    ['just the minimum', 'experience', 'experience', 0.4],
  ] as const)('skill fit: %s', (_name, held, min, expected) => {
    const e = engineer({ skills: [{ key: 'terraform', proficiency: held }] });
    const i = item({ requiredSkills: [{ key: 'terraform', minProficiency: min }] });
    expect(criterion('skillFit', e, i, { bookings: [] })).toBeCloseTo(expected);
  });

  it.each([
    ['idle engineer', 0, 1],
    ['half way to target', 14, 0.75],
    ['at target', 28, 0.5],
    ['at max', 40, 0],
  ])('utilization need: %s', (_name, hours, expected) => {
    expect(criterion('utilizationNeed', engineer(), item(), { bookings: hours ? [booking(hours)] : [] })).toBeCloseTo(expected);
  });

  it.each([
    ['same SOW', [booking(0, { sowId: 's1', customerId: 'c1' })], 1],
    ['same customer, earlier SOW', [booking(0, { start: '2025-03-02', end: '2025-03-20', sowId: 's0', customerId: 'c1' })], 0.8],
    ['new customer', [booking(0, { sowId: 's9', customerId: 'c9' })], 0],
  ])('continuity: %s', (_name, bookings, expected) => {
    expect(criterion('continuity', engineer(), item(), { bookings })).toBe(expected);
  });

  it.each([
    ['intermediate', 1],
    ['senior', 0.6],
    ['senior_manager', 0.3],
  ] as const)('level fit of %s for an intermediate item', (level, expected) => {
    expect(criterion('levelFit', engineer({ level }), item(), { bookings: [] })).toBe(expected);
  });

  it.each([
    [0, 1],
    [2, 0.5],
    [4.2, 0],
  ])('travel headroom with %d on-site days in January', (onsiteDays, expected) => {
    // January 2026 has 22 working days, so the limit is 4.4 days.
    expect(criterion('travelHeadroom', engineer(), item({ onsiteDays }), { bookings: [booking(0, { onsiteDays: 0.2 })] })).toBeCloseTo(
      expected,
    );
  });

  it.each([
    ['Europe/Berlin', '2026-01-15', 60],
    ['Europe/Berlin', '2026-07-15', 120],
    ['UTC', '2026-01-15', 0],
    ['Asia/Kolkata', '2026-01-15', 330],
    ['America/St_Johns', '2026-01-15', -210],
    ['Not/AZone', '2026-01-15', null],
  ])('timezoneOffsetMinutes(%s, %s) = %s', (zone, date, expected) => {
    expect(timezoneOffsetMinutes(zone, date)).toBe(expected);
  });

  it.each([
    ['same region', { region: 'emea', timezone: 'America/New_York' }, 'Europe/Berlin', 1],
    ['six hours apart', { region: 'amer', timezone: 'America/New_York' }, 'Europe/Berlin', 0.5],
    ['wraps around the date line', { region: 'apac', timezone: 'Asia/Tokyo' }, 'America/Los_Angeles', 5 / 12],
    ['unknown customer', undefined, 'Europe/Berlin', 0.5],
  ])('proximity: %s', (_name, customer, zone, expected) => {
    expect(criterion('proximity', engineer({ timezone: zone }), item(), { bookings: [], customer })).toBeCloseTo(expected);
  });

  it('keeps the total a weighted sum in [0, 1]', () => {
    const score = scoreCandidate(engineer({ skills: [{ key: 'terraform', proficiency: 'mastery' }] }), item(), {
      bookings: [booking(0, { sowId: 's1' })],
      customer: { region: 'emea' },
    });
    expect(score.total).toBeCloseTo(1);
    expect(score.breakdown.every((c) => c.explanation.length > 0)).toBe(true);
  });

  it('ranks eligible engineers, reports tight weeks and lists the excluded with violations', () => {
    const engineers = [
      engineer({ id: 'busy', skills: [{ key: 'terraform', proficiency: 'mastery' }] }),
      engineer({ id: 'idle', skills: [{ key: 'terraform', proficiency: 'mastery' }] }),
      engineer({ id: 'junior', level: 'associate' }),
      engineer({ id: 'same-as-idle', skills: [{ key: 'terraform', proficiency: 'mastery' }] }),
    ];
    const ranking = rankCandidates(engineers, item(), {
      bookingsByEngineer: {
        busy: [booking(16, { start: '2026-01-12', end: '2026-01-16' })],
        // The item's own booking is ignored when re-ranking.
        idle: [booking(20, { scopeItemId: 'i1' })],
      },
    });
    expect(ranking.eligible.map((c) => [c.rank, c.engineerId])).toEqual([
      [1, 'idle'],
      [2, 'same-as-idle'],
      [3, 'busy'],
    ]);
    expect(ranking.eligible.find((c) => c.engineerId === 'busy')?.tightWeeks).toEqual(['2026-W03']);
    expect(ranking.eligible.find((c) => c.engineerId === 'idle')?.tightWeeks).toEqual([]);
    expect(ranking.excluded).toEqual([{ engineerId: 'junior', violations: [expect.objectContaining({ rule: 'level_below_minimum' })] }]);
  });
});
