import { EngineerProfile, ScopeItemDemand } from './eligibility';
import { checkAssignmentRules, violationDetails } from './rule-book';
import { TeamAssignment } from './team-rule';
import { anEngineer, aScopeItemDemand } from '@sow/testing/builders';

const engineer = (overrides: Partial<EngineerProfile> = {}): EngineerProfile => anEngineer({ level: 'associate', skills: [], ...overrides });

const demand = (overrides: Partial<ScopeItemDemand> = {}): ScopeItemDemand =>
  aScopeItemDemand({ start: '2027-03-01', end: '2027-03-12', minLevel: 'associate', requiredSkills: [], ...overrides });

const lead = (start: string, end: string): TeamAssignment => ({ id: 'a-lead', engineerId: 'e9', role: 'lead', level: 'senior', leadCapable: true, start, end, status: 'proposed' });

describe('checkAssignmentRules', () => {
  it('asks for a lead for an associate primary and names the uncovered dates', () => {
    const v = checkAssignmentRules({ engineer: engineer(), demand: demand(), role: 'primary', bookings: [], team: [lead('2027-03-01', '2027-03-05')] });
    expect(v).toEqual([expect.objectContaining({ rule: 'lead_required', uncovered: [{ start: '2027-03-08', end: '2027-03-12' }] })]);
    expect(checkAssignmentRules({ engineer: engineer(), demand: demand(), role: 'primary', bookings: [], team: [lead('2027-02-22', '2027-03-19')] })).toEqual([]);
  });

  it('does not ask for a lead for seniors, shadows or a released lead', () => {
    expect(checkAssignmentRules({ engineer: engineer({ level: 'senior' }), demand: demand(), role: 'primary', bookings: [], team: [] })).toEqual([]);
    expect(checkAssignmentRules({ engineer: engineer(), demand: demand(), role: 'shadow', bookings: [], team: [] })).toEqual([]);
    const released = { ...lead('2027-03-01', '2027-03-12'), status: 'released' as const };
    expect(checkAssignmentRules({ engineer: engineer(), demand: demand(), role: 'primary', bookings: [], team: [released] }).map((v) => v.rule)).toEqual(['lead_required']);
  });

  it('lists every broken rule at once, waives level and skills for shadows, and needs a lead-capable lead', () => {
    const item = demand({ minLevel: 'senior', requiredSkills: [{ key: 'terraform', minProficiency: 'mastery' }], hoursPerWeek: 50 });
    expect(checkAssignmentRules({ engineer: engineer(), demand: item, role: 'primary', bookings: [], team: [] }).map((v) => v.rule)).toEqual([
      'level_below_minimum',
      'missing_skill',
      'capacity_exceeded',
      'lead_required',
    ]);
    expect(checkAssignmentRules({ engineer: engineer(), demand: item, role: 'shadow', bookings: [], team: [] }).map((v) => v.rule)).toEqual(['capacity_exceeded']);
    const asLead = checkAssignmentRules({ engineer: engineer({ level: 'intermediate' }), demand: demand(), role: 'lead', bookings: [], team: [] });
    expect(violationDetails(asLead)).toEqual([expect.objectContaining({ field: 'role', rule: 'not_lead_capable' })]);
  });

  it('counts existing bookings toward capacity', () => {
    const booked = [{ id: 'b1', start: '2027-03-01', end: '2027-03-12', hoursPerWeek: 30, onsiteDays: 0 }];
    expect(checkAssignmentRules({ engineer: engineer({ level: 'senior' }), demand: demand(), role: 'primary', bookings: booked, team: [] }).map((v) => v.rule)).toEqual(['capacity_exceeded']);
  });
});
