import { countWorkingDays, countWorkingDaysCovered, DateRange, intersectRanges, isoWeekRange, isoWeeksInRange } from './calendar';
import { DomainError } from './domain-error';
import {
  Booking,
  CapacityProfile,
  UTILIZATION_EPSILON,
  hoursPerWeekFor,
  monthlyTravel,
  utilizationInRange,
} from './utilization';
import { CLEARANCE_LEVELS, Level, LEVELS, Proficiency, PROFICIENCY_RANK } from './vocabulary';

export interface EngineerSkill {
  key: string;
  proficiency: Proficiency;
}

export interface EngineerProfile extends CapacityProfile {
  id: string;
  level: Level;
  leadCapable: boolean;
  active: boolean;
  billable: boolean;
  clearance: string | null;
  skills: readonly EngineerSkill[];
  region: string;
  /** IANA zone, e.g. 'Europe/Berlin'. */
  timezone: string;
}

export interface SkillRequirement {
  key: string;
  minProficiency: Proficiency;
}

/** What a scope item asks of the engineer who would staff it. Give hoursPerWeek or estimatedHours. */
export interface ScopeItemDemand extends DateRange {
  id: string;
  sowId: string;
  customerId: string;
  hoursPerWeek?: number;
  estimatedHours?: number;
  minLevel: Level;
  requiredSkills: readonly SkillRequirement[];
  onsiteDays: number;
  requiredClearance: string | null;
}

export interface EligibilityContext {
  /** Existing bookings of this engineer (the item itself excluded). */
  bookings: readonly Booking[];
}

export const ELIGIBILITY_RULES = [
  'inactive',
  'not_billable',
  'level_below_minimum',
  'missing_skill',
  'clearance_required',
  'capacity_exceeded',
  'travel_limit_exceeded',
  'time_off_conflict',
] as const;
export type EligibilityRule = (typeof ELIGIBILITY_RULES)[number];

export interface WeekLoad {
  week: string;
  capacityHours: number;
  bookedHours: number;
  newHours: number;
  /** maxUtilization × capacity. */
  limitHours: number;
  /** (booked + new) / capacity; null without capacity. */
  utilizationAfter: number | null;
}

export interface MonthTravelLoad {
  month: string;
  workingDays: number;
  bookedOnsiteDays: number;
  newOnsiteDays: number;
  limitDays: number;
}

export type EligibilityViolation =
  | { rule: 'inactive'; message: string; details: Record<string, never> }
  | { rule: 'not_billable'; message: string; details: Record<string, never> }
  | { rule: 'level_below_minimum'; message: string; details: { required: Level; held: Level } }
  | { rule: 'missing_skill'; message: string; details: { skill: string; needed: Proficiency; held: Proficiency | null } }
  | { rule: 'clearance_required'; message: string; details: { required: string; held: string | null } }
  | { rule: 'capacity_exceeded'; message: string; details: { weeks: WeekLoad[] } }
  | { rule: 'travel_limit_exceeded'; message: string; details: { months: MonthTravelLoad[] } }
  | { rule: 'time_off_conflict'; message: string; details: { weeks: string[] } };

export interface EligibilityResult {
  eligible: boolean;
  violations: EligibilityViolation[];
}

export function levelRank(level: Level): number {
  return LEVELS.indexOf(level);
}

export function meetsLevel(held: Level, required: Level): boolean {
  return levelRank(held) >= levelRank(required);
}

/** Equal clearance always satisfies; otherwise both must be known levels and held must rank higher. */
export function meetsClearance(held: string | null, required: string | null): boolean {
  if (required === null) return true;
  if (held === null) return false;
  if (held === required) return true;
  const heldRank = (CLEARANCE_LEVELS as readonly string[]).indexOf(held);
  const requiredRank = (CLEARANCE_LEVELS as readonly string[]).indexOf(required);
  return heldRank >= 0 && requiredRank >= 0 && heldRank > requiredRank;
}

export function heldProficiency(engineer: Pick<EngineerProfile, 'skills'>, key: string): Proficiency | null {
  let best: Proficiency | null = null;
  for (const skill of engineer.skills) {
    if (skill.key === key && (best === null || PROFICIENCY_RANK[skill.proficiency] > PROFICIENCY_RANK[best])) {
      best = skill.proficiency;
    }
  }
  return best;
}

/** The item's weekly hours: given directly, or its estimate spread over its working days. */
export function demandHoursPerWeek(item: ScopeItemDemand): number {
  if (item.hoursPerWeek !== undefined) return item.hoursPerWeek;
  if (item.estimatedHours !== undefined) return hoursPerWeekFor(item.estimatedHours, item);
  throw new DomainError('validation_failed', `Scope item ${item.id} has neither hoursPerWeek nor estimatedHours`, [
    { field: 'hoursPerWeek', rule: 'required', message: 'hoursPerWeek or estimatedHours is required' },
  ]);
}

export function demandAsBooking(item: ScopeItemDemand): Booking {
  return {
    id: item.id,
    start: item.start,
    end: item.end,
    hoursPerWeek: demandHoursPerWeek(item),
    onsiteDays: item.onsiteDays,
    sowId: item.sowId,
    customerId: item.customerId,
    scopeItemId: item.id,
  };
}

/** Load of each whole ISO week the item touches, before and after adding the item. */
export function weeklyLoadWithDemand(
  engineer: EngineerProfile,
  item: ScopeItemDemand,
  bookings: readonly Booking[],
): WeekLoad[] {
  const demand = demandAsBooking(item);
  return isoWeeksInRange(item).map((week) => {
    const range = isoWeekRange(week);
    const before = utilizationInRange(engineer, bookings, range, week);
    const newHours = utilizationInRange(engineer, [demand], range, week).plannedHours;
    const after = before.plannedHours + newHours;
    return {
      week,
      capacityHours: before.capacityHours,
      bookedHours: before.plannedHours,
      newHours,
      limitHours: engineer.maxUtilization * before.capacityHours,
      utilizationAfter: before.capacityHours > UTILIZATION_EPSILON ? after / before.capacityHours : null,
    };
  });
}

export function monthlyTravelWithDemand(
  engineer: EngineerProfile,
  item: ScopeItemDemand,
  bookings: readonly Booking[],
): MonthTravelLoad[] {
  const booked = monthlyTravel(engineer, bookings, item);
  const added = monthlyTravel(engineer, [demandAsBooking(item)], item);
  return booked.map((month, i) => ({
    month: month.month,
    workingDays: month.workingDays,
    bookedOnsiteDays: month.onsiteDays,
    newOnsiteDays: added[i]?.onsiteDays ?? 0,
    limitDays: month.limitDays,
  }));
}

/** An engineer away for this share of an item's working days or more cannot deliver it. */
export const TIME_OFF_CONFLICT_SHARE = 0.5;

// Weeks where every working day of the item falls on the engineer's time off.
function weeksFullyOnTimeOff(engineer: EngineerProfile, item: ScopeItemDemand): string[] {
  const weeks: string[] = [];
  for (const week of isoWeeksInRange(item)) {
    const span = intersectRanges(isoWeekRange(week), item);
    if (!span) continue;
    const demanded = countWorkingDays(span);
    if (demanded > 0 && countWorkingDaysCovered(span, engineer.timeOff) === demanded) weeks.push(week);
  }
  return weeks;
}

function formatHours(hours: number): string {
  return String(Math.round(hours * 100) / 100);
}

/** Every hard rule the engineer fails for this item; eligible when there are none. */
export function checkEligibility(
  engineer: EngineerProfile,
  item: ScopeItemDemand,
  context: EligibilityContext,
): EligibilityResult {
  const violations: EligibilityViolation[] = [];
  if (!engineer.active) violations.push({ rule: 'inactive', message: 'Engineer is not active', details: {} });
  if (!engineer.billable) violations.push({ rule: 'not_billable', message: 'Engineer is not billable', details: {} });
  if (!meetsLevel(engineer.level, item.minLevel)) {
    violations.push({
      rule: 'level_below_minimum',
      message: `Level ${engineer.level} is below the minimum ${item.minLevel}`,
      details: { required: item.minLevel, held: engineer.level },
    });
  }
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
  if (item.requiredClearance !== null && !meetsClearance(engineer.clearance, item.requiredClearance)) {
    violations.push({
      rule: 'clearance_required',
      message: `Clearance ${item.requiredClearance} required, engineer has ${engineer.clearance ?? 'none'}`,
      details: { required: item.requiredClearance, held: engineer.clearance },
    });
  }
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
  // Work pauses while the engineer is away (those hours are simply not booked), so a week off in a long
  // item is fine; away for half of it or more, they cannot deliver it.
  const itemDays = countWorkingDays(item);
  const awayDays = countWorkingDaysCovered(item, engineer.timeOff);
  if (itemDays > 0 && awayDays >= TIME_OFF_CONFLICT_SHARE * itemDays) {
    const awayWeeks = weeksFullyOnTimeOff(engineer, item);
    violations.push({
      rule: 'time_off_conflict',
      message: `Engineer is on time off for ${awayDays} of the item's ${itemDays} working days${awayWeeks.length > 0 ? ` (all of ${awayWeeks.join(', ')})` : ''}`,
      details: { weeks: awayWeeks },
    });
  }
  return { eligible: violations.length === 0, violations };
}
