import { DomainError } from './domain-error';
import { demandHoursPerWeek, EngineerProfile, meetsClearance, ScopeItemDemand } from './eligibility';
import { checkEligibility } from './rule-book';
import { Booking } from './utilization';
import { anEngineer, aScopeItemDemand } from '@sow/testing/builders';

const engineer = (overrides: Partial<EngineerProfile> = {}): EngineerProfile =>
  anEngineer({
    skills: [
      { key: 'terraform', proficiency: 'experience' },
      { key: 'ansible', proficiency: 'exposure' },
      { key: 'aws', proficiency: 'mastery' },
    ],
    ...overrides,
  });

const item = aScopeItemDemand;

const busy: Booking = { start: '2026-01-12', end: '2026-01-16', hoursPerWeek: 25, onsiteDays: 0 };

describe('checkEligibility', () => {
  it.each([
    { name: 'a matching engineer', e: {}, i: {}, bookings: [], rules: [] },
    { name: 'inactive', e: { active: false }, i: {}, bookings: [], rules: ['inactive'] },
    { name: 'not billable', e: { billable: false }, i: {}, bookings: [], rules: ['not_billable'] },
    { name: 'level below', e: { level: 'associate' }, i: {}, bookings: [], rules: ['level_below_minimum'] },
    { name: 'level above', e: { level: 'senior' }, i: {}, bookings: [], rules: [] },
    {
      name: 'two missing skills',
      e: {},
      i: {
        requiredSkills: [
          { key: 'ansible', minProficiency: 'experience' },
          { key: 'gcp', minProficiency: 'exposure' },
          { key: 'aws', minProficiency: 'mastery' },
        ],
      },
      bookings: [],
      rules: ['missing_skill', 'missing_skill'],
    },
    { name: 'clearance missing', e: {}, i: { requiredClearance: 'secret' }, bookings: [], rules: ['clearance_required'] },
    { name: 'clearance too low', e: { clearance: 'public_trust' }, i: { requiredClearance: 'secret' }, bookings: [], rules: ['clearance_required'] },
    { name: 'clearance above', e: { clearance: 'top_secret' }, i: { requiredClearance: 'secret' }, bookings: [], rules: [] },
    { name: 'capacity exceeded in one week', e: {}, i: {}, bookings: [busy], rules: ['capacity_exceeded'] },
    { name: 'capacity exactly full', e: {}, i: {}, bookings: [{ ...busy, hoursPerWeek: 20 }], rules: [] },
    { name: 'travel over the monthly limit', e: {}, i: { onsiteDays: 5 }, bookings: [], rules: ['travel_limit_exceeded'] },
    { name: 'travel within the monthly limit', e: {}, i: { onsiteDays: 4 }, bookings: [], rules: [] },
    {
      name: 'away for half of the item: the work pauses, what they can take shrinks',
      e: { timeOff: [{ start: '2026-01-10', end: '2026-01-18' }] },
      i: {},
      bookings: [],
      rules: [],
    },
    {
      name: 'away for every working day of the item',
      e: { timeOff: [{ start: '2026-01-02', end: '2026-01-21' }] },
      i: {},
      bookings: [],
      rules: ['time_off_conflict'],
    },
    {
      name: 'partial absence with other work: the days left are over capacity',
      e: { timeOff: [{ start: '2026-01-12', end: '2026-01-14' }] },
      i: { hoursPerWeek: 40 },
      bookings: [{ start: '2026-01-12', end: '2026-01-16', hoursPerWeek: 16, onsiteDays: 0 }],
      rules: ['capacity_exceeded'],
    },
    {
      name: 'a week off in a four-week item pauses the work, no conflict',
      e: { timeOff: [{ start: '2026-01-12', end: '2026-01-16' }] },
      i: { end: '2026-01-30', hoursPerWeek: 40 },
      bookings: [],
      rules: [],
    },
    {
      name: 'everything at once',
      e: { active: false, billable: false, level: 'associate', skills: [] },
      i: { requiredClearance: 'secret', onsiteDays: 8 },
      bookings: [busy],
      rules: [
        'inactive',
        'not_billable',
        'level_below_minimum',
        'missing_skill',
        'clearance_required',
        'capacity_exceeded',
        'travel_limit_exceeded',
      ],
    },
  ] as { name: string; e: Partial<EngineerProfile>; i: Partial<ScopeItemDemand>; bookings: Booking[]; rules: string[] }[])(
    '$name',
    ({ e, i, bookings, rules }) => {
      const result = checkEligibility(engineer(e), item(i), { bookings });
      expect(result.violations.map((v) => v.rule)).toEqual(rules);
      expect(result.eligible).toBe(rules.length === 0);
    },
  );

  it('names the skill, needed and held proficiency', () => {
    const result = checkEligibility(engineer(), item({ requiredSkills: [{ key: 'ansible', minProficiency: 'mastery' }] }), {
      bookings: [],
    });
    expect(result.violations[0]).toMatchObject({ rule: 'missing_skill', details: { skill: 'ansible', needed: 'mastery', held: 'exposure' } });
  });

  it('names the over-booked weeks with booked, new and limit hours', () => {
    const result = checkEligibility(engineer({ maxUtilization: 0.9 }), item(), { bookings: [busy] });
    expect(result.violations).toHaveLength(1);
    expect(result.violations[0]).toMatchObject({
      rule: 'capacity_exceeded',
      details: { weeks: [{ week: '2026-W03', bookedHours: 25, newHours: 20, capacityHours: 40, limitHours: 36 }] },
    });
  });

  it('names the months over the travel limit', () => {
    const long = item({ start: '2026-01-26', end: '2026-02-06', onsiteDays: 10 });
    const result = checkEligibility(engineer(), long, { bookings: [] });
    expect(result.violations).toMatchObject([
      { rule: 'travel_limit_exceeded', details: { months: [{ month: '2026-01', newOnsiteDays: 5 }, { month: '2026-02', newOnsiteDays: 5 }] } },
    ]);
  });

  it.each([
    [null, null, true],
    [null, 'secret', false],
    ['secret', 'secret', true],
    ['top_secret', 'public_trust', true],
    ['public_trust', 'top_secret', false],
    ['unknown', 'secret', false],
    ['nato', 'nato', true],
  ])('meetsClearance(%s, %s) = %s', (held, required, expected) => {
    expect(meetsClearance(held, required)).toBe(expected);
  });

  it('derives weekly hours from an estimate and rejects items with neither', () => {
    expect(demandHoursPerWeek(item({ hoursPerWeek: undefined, estimatedHours: 60 }))).toBe(30);
    expect(() => demandHoursPerWeek(item({ hoursPerWeek: undefined }))).toThrow(DomainError);
  });
});
