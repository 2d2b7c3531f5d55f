import { DateRange, isoWeekRange, isoWeeksInRange } from './calendar';
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

/** The rules of the rule book (rule-book.ts), each one a reason an engineer cannot take a slot. */
export const ELIGIBILITY_RULES = [
  'inactive',
  'not_billable',
  'level_below_minimum',
  'missing_skill',
  'clearance_required',
  'capacity_exceeded',
  'travel_limit_exceeded',
  'time_off_conflict',
  'not_lead_capable',
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
  | { rule: 'time_off_conflict'; message: string; details: { weeks: string[] } }
  | { rule: 'not_lead_capable'; message: string; details: Record<string, never> };

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

export function formatHours(hours: number): string {
  return String(Math.round(hours * 100) / 100);
}
