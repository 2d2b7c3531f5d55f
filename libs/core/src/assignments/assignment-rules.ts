import {
  AssignmentRole,
  Booking,
  checkEligibility,
  checkLeadCoverage,
  DateRange,
  DomainErrorDetail,
  EligibilityRule,
  EngineerProfile,
  ScopeItemDemand,
  TeamAssignment,
} from '@sow/domain';

/** Rules an assignment can break: the eligibility rules plus the role and team rules. */
export type AssignmentRule = EligibilityRule | 'not_lead_capable' | 'lead_required';

export interface AssignmentRuleViolation {
  rule: AssignmentRule;
  message: string;
  /** For lead_required: the working-day runs without a lead. */
  uncovered?: DateRange[];
}

export interface AssignmentRuleInput {
  engineer: EngineerProfile;
  /** The assignment as a demand: its own dates, hours and on-site days, the item's requirements. */
  demand: ScopeItemDemand;
  role: AssignmentRole;
  /** The engineer's other live bookings (the assignment itself excluded). */
  bookings: readonly Booking[];
  /** The SOW's other assignments (the assignment itself excluded). */
  team: readonly TeamAssignment[];
}

// A shadow is there to learn: the level and skill minimums of the item are what they are learning.
const SHADOW_WAIVED: readonly EligibilityRule[] = ['level_below_minimum', 'missing_skill'];

/** Every hard rule the assignment breaks; none means it may be written without an override. */
export function checkAssignmentRules(input: AssignmentRuleInput): AssignmentRuleViolation[] {
  const { engineer, demand, role } = input;
  const violations: AssignmentRuleViolation[] = checkEligibility(engineer, demand, { bookings: input.bookings })
    .violations.filter((v) => role !== 'shadow' || !SHADOW_WAIVED.includes(v.rule))
    .map((v) => ({ rule: v.rule, message: v.message }));
  if (role === 'lead' && !engineer.leadCapable) {
    violations.push({ rule: 'not_lead_capable', message: `Engineer is not lead-capable (level ${engineer.level}), so cannot be the lead` });
  }
  if (role === 'primary' && engineer.level === 'associate') {
    const self: TeamAssignment = { id: '__self__', engineerId: engineer.id, role, level: engineer.level, leadCapable: engineer.leadCapable, start: demand.start, end: demand.end };
    const gap = checkLeadCoverage([...input.team, self]).gaps.find((g) => g.assignmentId === self.id);
    if (gap) {
      violations.push({
        rule: 'lead_required',
        message: `An associate primary needs a lead on the SOW; ${gap.uncoveredWorkingDays} working day(s) without one: ${gap.uncovered.map((r) => `${r.start}..${r.end}`).join(', ')}`,
        uncovered: gap.uncovered,
      });
    }
  }
  return violations;
}

/** The violations as error details: one per rule instance, each naming the rule. */
export function violationDetails(violations: readonly AssignmentRuleViolation[]): DomainErrorDetail[] {
  return violations.map((v) => ({ field: v.rule === 'lead_required' || v.rule === 'not_lead_capable' ? 'role' : 'engineerId', rule: v.rule, message: v.message }));
}
