import fc from 'fast-check';
import { EngineerProfile, ScopeItemDemand } from './eligibility';
import { checkEligibility, passesStaticRules } from './rule-book';
import { ASSIGNMENT_ROLES, CLEARANCE_LEVELS, LEVELS, PROFICIENCIES } from './vocabulary';

const STATIC = new Set(['inactive', 'not_billable', 'level_below_minimum', 'missing_skill', 'clearance_required', 'not_lead_capable']);
const SKILLS = ['terraform', 'ansible', 'aws'];

const engineerArb = fc.record({
  level: fc.constantFrom(...LEVELS),
  active: fc.boolean(),
  leadCapable: fc.boolean(),
  billable: fc.boolean(),
  clearance: fc.constantFrom(null, ...CLEARANCE_LEVELS),
  skills: fc.uniqueArray(fc.record({ key: fc.constantFrom(...SKILLS), proficiency: fc.constantFrom(...PROFICIENCIES) }), { selector: (s) => s.key }),
});
const itemArb = fc.record({
  minLevel: fc.constantFrom(...LEVELS),
  requiredClearance: fc.constantFrom(null, ...CLEARANCE_LEVELS),
  requiredSkills: fc.uniqueArray(fc.record({ key: fc.constantFrom(...SKILLS), minProficiency: fc.constantFrom(...PROFICIENCIES) }), { selector: (s) => s.key }),
});

describe('passesStaticRules', () => {
  it('agrees with checkEligibility on every load-independent rule, in every role', () => {
    fc.assert(
      fc.property(engineerArb, itemArb, fc.constantFrom(...ASSIGNMENT_ROLES), (e, i, role) => {
        const engineer: EngineerProfile = { id: 'e', region: 'emea', timezone: 'UTC', weeklyCapacityHours: 40, utilizationTarget: 0.7, maxUtilization: 1, travelLimit: 0.2, timeOff: [], ...e };
        const item: ScopeItemDemand = { id: 'i', sowId: 's', customerId: 'c', start: '2027-01-04', end: '2027-01-15', hoursPerWeek: 10, onsiteDays: 0, ...i };
        const staticViolations = checkEligibility(engineer, item, { bookings: [] }, role).violations.filter((v) => STATIC.has(v.rule));
        return passesStaticRules(engineer, item, role) === (staticViolations.length === 0);
      }),
      { numRuns: 500 },
    );
  });
});
