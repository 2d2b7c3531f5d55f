import { countWorkingDays, countWorkingDaysCovered, DateRange, diffDays, intersectRanges, isoWeekRange, isoWeeksInRange, rangesOverlap } from './calendar';
import { DomainErrorDetail } from './domain-error';
import {
  EligibilityResult,
  EligibilityRule,
  EligibilityViolation,
  EngineerProfile,
  formatHours,
  heldProficiency,
  meetsClearance,
  meetsLevel,
  monthlyTravelWithDemand,
  ScopeItemDemand,
  weeklyLoadWithDemand,
} from './eligibility';
import { checkLeadCoverage, TeamAssignment } from './team-rule';
import { Booking, UTILIZATION_EPSILON } from './utilization';
import { AssignmentRole, PROFICIENCY_RANK } from './vocabulary';

/*
 * The rule book: every hard staffing rule, written once. Candidate ranking (and its exclusion reasons),
 * the manual assignment checks, the plan model the worker compiles, plan verification and plan approval
 * all ask these functions, so an engineer one path accepts is never one another path rejects.
 */

/** An associate needs a lead, so cannot be one, whatever the flag says. */
export function canLead(engineer: Pick<EngineerProfile, 'leadCapable' | 'level'>): boolean {
  return engineer.leadCapable && engineer.level !== 'associate';
}

type StaticItem = Pick<ScopeItemDemand, 'minLevel' | 'requiredSkills' | 'requiredClearance'>;

/**
 * The rules that do not depend on dates or load: active, billable, level, skills with proficiency,
 * clearance, and lead capability for a lead. Checking them costs a few comparisons, so every path runs
 * them first and the calendar rules only on engineers who pass.
 */
export function staticViolations(engineer: EngineerProfile, item: StaticItem, role: AssignmentRole = 'primary'): EligibilityViolation[] {
  const violations: EligibilityViolation[] = [];
  if (!engineer.active) violations.push({ rule: 'inactive', message: 'Engineer is not active', details: {} });
  if (!engineer.billable) violations.push({ rule: 'not_billable', message: 'Engineer is not billable', details: {} });
  // A shadow is there to learn: the level and skill minimums of the item are what they are learning.
  if (role !== 'shadow' && !meetsLevel(engineer.level, item.minLevel)) {
    violations.push({
      rule: 'level_below_minimum',
      message: `Level ${engineer.level} is below the minimum ${item.minLevel}`,
      details: { required: item.minLevel, held: engineer.level },
    });
  }
  if (role !== 'shadow') {
    for (const requirement of item.requiredSkills) {
      const held = heldProficiency(engineer, requirement.key);
      if (held === null || PROFICIENCY_RANK[held] < PROFICIENCY_RANK[requirement.minProficiency]) {
        violations.push({
          rule: 'missing_skill',
          message: `Skill ${requirement.key} needs ${requirement.minProficiency}, engineer has ${held ?? 'none'}`,
          details: { skill: requirement.key, needed: requirement.minProficiency, held },
        });
      }
    }
  }
  if (item.requiredClearance !== null && !meetsClearance(engineer.clearance, item.requiredClearance)) {
    violations.push({
      rule: 'clearance_required',
      message: `Clearance ${item.requiredClearance} required, engineer has ${engineer.clearance ?? 'none'}`,
      details: { required: item.requiredClearance, held: engineer.clearance },
    });
  }
  if (role === 'lead' && !canLead(engineer)) {
    violations.push({ rule: 'not_lead_capable', message: `Engineer is not lead-capable (level ${engineer.level}), so cannot be the lead`, details: {} });
  }
  return violations;
}

/** staticViolations(...) is empty, without building the messages: the hot path of ranking and planning. */
export function passesStaticRules(engineer: EngineerProfile, item: StaticItem, role: AssignmentRole = 'primary'): boolean {
  if (!engineer.active || !engineer.billable) return false;
  if (role === 'lead' && !canLead(engineer)) return false;
  if (role !== 'shadow') {
    if (!meetsLevel(engineer.level, item.minLevel)) return false;
    for (const requirement of item.requiredSkills) {
      const held = heldProficiency(engineer, requirement.key);
      if (held === null || PROFICIENCY_RANK[held] < PROFICIENCY_RANK[requirement.minProficiency]) return false;
    }
  }
  return item.requiredClearance === null || meetsClearance(engineer.clearance, item.requiredClearance);
}

/**
 * Time off: work pauses on the days an engineer is away (those hours are not booked, and capacity
 * shrinks with them, which the capacity rule sees), so a partial absence only reduces what they can
 * take. Away on every working day of the window, they cannot take it at all.
 */
export function awayForWholeWindow(engineer: Pick<EngineerProfile, 'timeOff'>, window: DateRange): boolean {
  // Calendar days of overlap bound the working days covered: most engineers (a few holidays, a week
  // off) fall short at once, without merging ranges. ISO dates compare as strings.
  let upper = 0;
  for (const t of engineer.timeOff) {
    if (t.start > window.end || t.end < window.start) continue;
    upper += diffDays(t.start > window.start ? t.start : window.start, t.end < window.end ? t.end : window.end) + 1;
  }
  if (upper === 0) return false;
  const days = countWorkingDays(window);
  return days > 0 && upper >= days && countWorkingDaysCovered(window, engineer.timeOff) === days;
}

// Weeks where every working day of the item falls on the engineer's time off.
function weeksFullyOnTimeOff(engineer: EngineerProfile, item: DateRange): string[] {
  const weeks: string[] = [];
  for (const week of isoWeeksInRange(item)) {
    const span = intersectRanges(isoWeekRange(week), item);
    if (!span) continue;
    const demanded = countWorkingDays(span);
    if (demanded > 0 && countWorkingDaysCovered(span, engineer.timeOff) === demanded) weeks.push(week);
  }
  return weeks;
}

/** The time-off rule's violation, or null: the engineer is away on every working day of the item. */
export function timeOffViolation(engineer: EngineerProfile, item: DateRange): EligibilityViolation | null {
  if (!awayForWholeWindow(engineer, item)) return null;
  return {
    rule: 'time_off_conflict',
    message: `Engineer is on time off for all ${countWorkingDays(item)} working days of ${item.start}..${item.end}`,
    details: { weeks: weeksFullyOnTimeOff(engineer, item) },
  };
}

/** Every hard rule the engineer fails for this item in this role; eligible when there are none. */
export function checkEligibility(
  engineer: EngineerProfile,
  item: ScopeItemDemand,
  context: { bookings: readonly Booking[] },
  role: AssignmentRole = 'primary',
): EligibilityResult {
  const violations = staticViolations(engineer, item, role);
  const overWeeks = weeklyLoadWithDemand(engineer, item, context.bookings).filter(
    (w) => w.newHours > UTILIZATION_EPSILON && w.bookedHours + w.newHours > w.limitHours + UTILIZATION_EPSILON,
  );
  if (overWeeks.length > 0) {
    violations.push({
      rule: 'capacity_exceeded',
      message: `Capacity exceeded in ${overWeeks
        .map((w) => `${w.week} (${formatHours(w.bookedHours)} + ${formatHours(w.newHours)} > ${formatHours(w.limitHours)} h)`)
        .join(', ')}`,
      details: { weeks: overWeeks },
    });
  }
  const overMonths = monthlyTravelWithDemand(engineer, item, context.bookings).filter(
    (m) => m.newOnsiteDays > UTILIZATION_EPSILON && m.bookedOnsiteDays + m.newOnsiteDays > m.limitDays + UTILIZATION_EPSILON,
  );
  if (overMonths.length > 0) {
    violations.push({
      rule: 'travel_limit_exceeded',
      message: `Travel limit exceeded in ${overMonths.map((m) => m.month).join(', ')}`,
      details: { months: overMonths },
    });
  }
  const away = timeOffViolation(engineer, item);
  if (away) violations.push(away);
  return { eligible: violations.length === 0, violations };
}

/** Rules an assignment can break: the eligibility rules plus the associate-lead rule of the team. */
export type AssignmentRule = EligibilityRule | 'lead_required';

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
  /** The SOW's other live assignments (the assignment itself excluded). */
  team: readonly TeamAssignment[];
}

/**
 * Every hard rule the assignment breaks; none means it may be written without an override. The manual
 * endpoints, plan approval and the planner's property tests all call this.
 */
export function checkAssignmentRules(input: AssignmentRuleInput): AssignmentRuleViolation[] {
  const { engineer, demand, role } = input;
  const violations: AssignmentRuleViolation[] = checkEligibility(engineer, demand, { bookings: input.bookings }, role).violations.map((v) => ({
    rule: v.rule,
    message: v.message,
  }));
  if ((role === 'primary' || role === 'secondary') && engineer.level === 'associate') {
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

/**
 * A lead slot is booked only to guide an associate: where an associate is primary on the same SOW over
 * overlapping dates, and never on the lead's own work.
 */
export function leadHasAssociate(lead: { engineerId: string } & DateRange, team: readonly TeamAssignment[]): boolean {
  return team.some(
    (a) => a.status !== 'released' && (a.role === 'primary' || a.role === 'secondary') && a.level === 'associate' && a.engineerId !== lead.engineerId && rangesOverlap(a, lead),
  );
}

/**
 * Split staffing: how many engineers share an item. One, unless its weekly hours exceed what any
 * single engineer of `pool` may take (max utilization × weekly capacity); then the fewest equal
 * shares that fit, up to maxTeamSize, and never fewer than `atLeast` (the team it already has).
 */
export function teamSizeFor(
  hoursPerWeek: number,
  maxTeamSize: number,
  pool: Iterable<Pick<EngineerProfile, 'maxUtilization' | 'weeklyCapacityHours'>>,
  atLeast = 1,
): number {
  const max = Math.max(1, maxTeamSize);
  if (max === 1) return 1;
  let best = 0;
  for (const e of pool) best = Math.max(best, e.maxUtilization * e.weeklyCapacityHours);
  const needed = best > UTILIZATION_EPSILON && hoursPerWeek > best + UTILIZATION_EPSILON ? Math.ceil(hoursPerWeek / best - 1e-9) : 1;
  return Math.min(max, Math.max(needed, atLeast));
}

/** The violations as error details: one per rule instance, each naming the request field it concerns. */
export function violationDetails(violations: readonly AssignmentRuleViolation[]): DomainErrorDetail[] {
  return violations.map((v) => ({ field: v.rule === 'lead_required' || v.rule === 'not_lead_capable' ? 'role' : 'engineerId', rule: v.rule, message: v.message }));
}
