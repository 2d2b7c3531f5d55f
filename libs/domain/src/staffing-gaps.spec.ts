import { EngineerProfile, ScopeItemDemand } from './eligibility';
import { earliestStart, explainStaffingGap } from './staffing-gaps';
import { Booking } from './utilization';
import { anEngineer, aScopeItemDemand } from '@sow/testing/builders';

const engineer = (id: string, overrides: Partial<EngineerProfile> = {}): EngineerProfile => anEngineer({ id, level: 'senior', leadCapable: true, ...overrides });

const item: ScopeItemDemand = aScopeItemDemand({ start: '2027-03-01', end: '2027-03-26', hoursPerWeek: 24 });

const busyUntil = (end: string, hoursPerWeek = 32): Booking => ({ start: '2027-03-01', end, hoursPerWeek, onsiteDays: 0, scopeItemId: 'other' });

describe('explainStaffingGap', () => {
  it('counts each rule once per engineer and puts the smallest change first', () => {
    const engineers = [
      engineer('busy', {}),
      engineer('novice', { skills: [{ key: 'terraform', proficiency: 'exposure' }] }),
      engineer('away', { timeOff: [{ start: '2027-02-20', end: '2027-04-02' }] }),
      engineer('gone', { active: false, skills: [] }),
    ];
    const bookings = new Map<string, Booking[]>([['busy', [busyUntil('2027-03-12')]]]);
    const gap = explainStaffingGap(engineers, item, { bookingsOf: (id) => bookings.get(id) ?? [], leadHoursPerWeek: 4 });
    expect(gap.exclusions).toEqual({ capacity_exceeded: 1, missing_skill: 2, time_off_conflict: 1, inactive: 1 });
    expect(gap.changes.map((c) => c.kind)).toEqual(['relax_rule', 'start_later', 'add_engineer']);
    expect(gap.changes[0]).toMatchObject({ engineerId: 'busy', rule: 'capacity_exceeded', text: 'free 16 h/week of busy in 2027-W09–2027-W10' });
    expect(gap.changes[1]).toMatchObject({ weeks: 2, startDate: '2027-03-15', engineerId: 'busy' });
    expect(gap.changes[2].text).toBe('one more engineer with terraform ≥ experience, intermediate or above, free 24 h/week in 2027-W09–2027-W12');
  });

  it('offers the smallest larger team whose shares distinct engineers could take', () => {
    // 60 h/week: nobody takes it alone (each has 24 h free), two cannot (30 h shares), three can (20 h shares).
    const engineers = [engineer('a'), engineer('b'), engineer('c'), engineer('d', { skills: [] })];
    const booked = (): Booking[] => [busyUntil('2027-03-26', 16)];
    const names = new Map([['a', 'Ann'], ['b', 'Ben'], ['c', 'Cai']]);
    const gap = explainStaffingGap(engineers, { ...item, hoursPerWeek: 60 }, { bookingsOf: booked, leadHoursPerWeek: 4, names, team: { size: 1, maxTeamSize: 2, itemHoursPerWeek: 60 } });
    const team = gap.changes.find((c) => c.kind === 'allow_team');
    expect(team).toEqual({ kind: 'allow_team', teamSize: 3, hoursPerWeek: 20, engineerIds: ['a', 'b', 'c'], text: 'allow a team of 3 (raise maxTeamSize from 2): Ann, Ben, Cai could each take 20 h/week' });
    expect(gap.changes.map((c) => c.kind).indexOf('allow_team')).toBeLessThan(gap.changes.map((c) => c.kind).indexOf('add_engineer'));
    // Two engineers fewer, no team of any size fits: no such change.
    const alone = explainStaffingGap([engineer('a')], { ...item, hoursPerWeek: 60 }, { bookingsOf: booked, leadHoursPerWeek: 4 });
    expect(alone.changes.map((c) => c.kind)).not.toContain('allow_team');
  });

  it('counts associates who pass every rule but have no lead under the team rule', () => {
    const engineers = [engineer('assoc', { level: 'associate', leadCapable: false })];
    const gap = explainStaffingGap(engineers, { ...item, minLevel: 'associate' }, { bookingsOf: () => [], leadHoursPerWeek: 4 });
    expect(gap.exclusions).toEqual({ lead_required: 1 });
  });
});

describe('earliestStart', () => {
  it('finds the first working day someone fits the whole duration, week by week', () => {
    const engineers = [engineer('busy')];
    const found = earliestStart(engineers, item, { bookingsOf: () => [busyUntil('2027-03-10')], leadHoursPerWeek: 4 }, 0, 60);
    // Capacity is weekly: from Tuesday the 9th the week holds 19.2 + 19.2 h of 40.
    expect(found).toEqual({ start: '2027-03-09', end: '2027-04-03', engineerIds: ['busy'] });
  });

  it('answers null when nobody passes the static rules', () => {
    expect(earliestStart([engineer('x', { clearance: null })], { ...item, requiredClearance: 'secret' }, { bookingsOf: () => [], leadHoursPerWeek: 4 }, 0, 60)).toBeNull();
  });
});
