import { addDays, diffDays, isoWeekKey, isWorkingDay } from './calendar';
import { demandHoursPerWeek, EligibilityRule, EligibilityViolation, EngineerProfile, formatHours, ScopeItemDemand } from './eligibility';
import { canLead, checkEligibility, passesStaticRules, staticViolations, timeOffViolation } from './rule-book';
import { MAX_TEAM_SIZE } from './scope-item-rules';
import { Booking } from './utilization';

/*
 * Why an item could not be staffed, and what would staff it. Pure: given the engineers and the bookings
 * a plan (or today's staffing) leaves them, it counts the engineers each rule of the rule book excludes
 * and computes the smallest change that would staff the item.
 */

/** The rules an unstaffed item can be blocked by: the rule book's, and the associate-lead rule of the team. */
export type GapRule = EligibilityRule | 'lead_required';

export type ExclusionCounts = Partial<Record<GapRule, number>>;

export type StaffingChange =
  | { kind: 'relax_rule'; engineerId: string; rule: GapRule; text: string }
  | { kind: 'start_later'; weeks: number; startDate: string; endDate: string; engineerId: string; text: string }
  | { kind: 'add_engineer'; hoursPerWeek: number; fromWeek: string; toWeek: string; text: string }
  | { kind: 'allow_team'; teamSize: number; hoursPerWeek: number; engineerIds: string[]; text: string };

export interface StaffingGap {
  /** Engineers considered. */
  engineers: number;
  /** For each rule, how many engineers it excluded (an engineer failing two rules counts under both). */
  exclusions: ExclusionCounts;
  /** Smallest first: one engineer one rule away, then a later start, then one more engineer. */
  changes: StaffingChange[];
}

export interface GapContext {
  /** The bookings an engineer keeps (the plan's, or today's). */
  bookingsOf: (engineerId: string) => readonly Booking[];
  /** Weekly hours of the lead an associate primary needs. */
  leadHoursPerWeek: number;
  /** How far a later start is searched. */
  maxShiftWeeks?: number;
  names?: ReadonlyMap<string, string>;
  /**
   * The item's team as planned: how many engineers share it and its whole weekly hours (the item is then
   * one share). With it, a larger team whose shares the engineers could take is offered as a change.
   */
  team?: { size: number; maxTeamSize: number; itemHoursPerWeek: number };
}

// The item's own bookings are what is being decided, not load.
const bookingsIn = (context: GapContext, engineerId: string, itemId: string): readonly Booking[] =>
  context.bookingsOf(engineerId).filter((b) => b.scopeItemId === undefined || b.scopeItemId !== itemId);

function violationsOf(engineer: EngineerProfile, item: ScopeItemDemand, context: GapContext): EligibilityViolation[] {
  // The static rules first: most engineers fail one of them and need no load maths (time off is cheap to add).
  if (!passesStaticRules(engineer, item)) {
    const away = timeOffViolation(engineer, item);
    return away ? [...staticViolations(engineer, item), away] : staticViolations(engineer, item);
  }
  return checkEligibility(engineer, item, { bookings: bookingsIn(context, engineer.id, item.id) }).violations;
}

/** Can someone guide an associate on this item: a lead eligible for the lead hours over the same dates. */
function leadAvailable(engineers: readonly EngineerProfile[], item: ScopeItemDemand, context: GapContext): boolean {
  const lead: ScopeItemDemand = { ...item, hoursPerWeek: context.leadHoursPerWeek, estimatedHours: undefined, onsiteDays: 0 };
  return engineers.some(
    (e) => canLead(e) && passesStaticRules(e, lead, 'lead') && checkEligibility(e, lead, { bookings: bookingsIn(context, e.id, item.id) }, 'lead').eligible,
  );
}

/**
 * Engineers of `pool` (all by default) who could take the item as its primary under these bookings; an
 * associate only when one of `engineers` could lead them.
 */
export function eligibleEngineers(engineers: readonly EngineerProfile[], item: ScopeItemDemand, context: GapContext, pool = engineers): EngineerProfile[] {
  let lead: boolean | null = null;
  return pool.filter((e) => {
    if (!passesStaticRules(e, item)) return false;
    if (!checkEligibility(e, item, { bookings: bookingsIn(context, e.id, item.id) }).eligible) return false;
    if (e.level !== 'associate') return true;
    lead ??= leadAvailable(engineers, item, context);
    return lead;
  });
}

function shifted(item: ScopeItemDemand, days: number): ScopeItemDemand {
  return { ...item, start: addDays(item.start, days), end: addDays(item.end, days), hoursPerWeek: demandHoursPerWeek(item), estimatedHours: undefined };
}

function nameOf(context: GapContext, id: string): string {
  return context.names?.get(id) ?? id;
}

function describeRelaxation(engineer: EngineerProfile, violations: readonly EligibilityViolation[], context: GapContext): string {
  const who = nameOf(context, engineer.id);
  const v = violations[0];
  switch (v.rule) {
    case 'capacity_exceeded': {
      const weeks = v.details.weeks;
      const over = Math.max(...weeks.map((w) => w.bookedHours + w.newHours - w.limitHours));
      return `free ${formatHours(over)} h/week of ${who} in ${weeks[0].week}${weeks.length > 1 ? `–${weeks[weeks.length - 1].week}` : ''}`;
    }
    case 'travel_limit_exceeded':
      return `allow ${who} more on-site days in ${v.details.months.map((m) => m.month).join(', ')}, or staff the item remotely`;
    case 'missing_skill':
      return `${who} with ${violations.map((m) => (m.rule === 'missing_skill' ? `${m.details.skill} at ${m.details.needed} (holds ${m.details.held ?? 'none'})` : '')).join(', ')}`;
    case 'level_below_minimum':
      return `accept ${who} at level ${v.details.held} (the item asks ${v.details.required})`;
    case 'clearance_required':
      return `${who} with clearance ${v.details.required} (holds ${v.details.held ?? 'none'})`;
    case 'time_off_conflict':
      return `${who} is away for the whole item: move the dates or their time off`;
    default:
      return `${who}: ${v.message}`;
  }
}

// Among engineers one rule away, the change that asks least: capacity before travel, time off, skills, level, clearance.
const RELAX_ORDER: readonly GapRule[] = ['capacity_exceeded', 'travel_limit_exceeded', 'time_off_conflict', 'missing_skill', 'level_below_minimum', 'clearance_required'];

/** Why nobody could take the item under these bookings, and the smallest changes that would staff it. */
export function explainStaffingGap(engineers: readonly EngineerProfile[], item: ScopeItemDemand, context: GapContext): StaffingGap {
  const exclusions: ExclusionCounts = {};
  const count = (rule: GapRule): void => {
    exclusions[rule] = (exclusions[rule] ?? 0) + 1;
  };
  let lead: boolean | null = null;
  let best: { engineer: EngineerProfile; violations: EligibilityViolation[]; rank: number; over: number } | null = null;
  for (const engineer of engineers) {
    const violations = violationsOf(engineer, item, context);
    if (violations.length === 0) {
      if (engineer.level === 'associate') {
        lead ??= leadAvailable(engineers, item, context);
        if (!lead) count('lead_required');
      }
      continue;
    }
    const rules = new Set(violations.map((v) => v.rule));
    for (const rule of rules) count(rule);
    if (rules.size !== 1 || !engineer.active || !engineer.billable) continue;
    const rule = violations[0].rule;
    const rank = RELAX_ORDER.indexOf(rule);
    if (rank < 0) continue;
    const first = violations[0];
    const over = first.rule === 'capacity_exceeded' ? Math.max(...first.details.weeks.map((w) => w.bookedHours + w.newHours - w.limitHours)) : violations.length;
    if (!best || rank < best.rank || (rank === best.rank && over < best.over)) best = { engineer, violations, rank, over };
  }
  const changes: StaffingChange[] = [];
  if (best) changes.push({ kind: 'relax_rule', engineerId: best.engineer.id, rule: best.violations[0].rule, text: describeRelaxation(best.engineer, best.violations, context) });
  const team = largerTeam(engineers, item, context);
  if (team) changes.push(team);
  const later = earliestStart(engineers, item, context, 7, (context.maxShiftWeeks ?? 12) * 7, 7);
  if (later) {
    const weeks = Math.round(diffDays(item.start, later.start) / 7);
    changes.push({
      kind: 'start_later',
      weeks,
      startDate: later.start,
      endDate: later.end,
      engineerId: later.engineerIds[0],
      text: `start ${weeks} week${weeks === 1 ? '' : 's'} later (${later.start}..${later.end}), staffed by ${nameOf(context, later.engineerIds[0])}`,
    });
  }
  changes.push(hireChange(item));
  return { engineers: engineers.length, exclusions, changes };
}

/**
 * The smallest team larger than today's whose equal shares distinct engineers could each take under these
 * bookings (load is what blocks them: a share is smaller, the static rules are the same); null when none.
 */
function largerTeam(engineers: readonly EngineerProfile[], item: ScopeItemDemand, context: GapContext): StaffingChange | null {
  const hours = context.team?.itemHoursPerWeek ?? demandHoursPerWeek(item);
  const from = (context.team?.size ?? 1) + 1;
  const candidates = engineers.filter((e) => passesStaticRules(e, item));
  if (candidates.length < from) return null;
  for (let size = from; size <= MAX_TEAM_SIZE && size <= candidates.length; size++) {
    const share: ScopeItemDemand = { ...item, hoursPerWeek: hours / size, estimatedHours: undefined, onsiteDays: item.onsiteDays };
    const ok = eligibleEngineers(engineers, share, context, candidates);
    if (ok.length < size) continue;
    const members = ok.slice(0, size);
    const raise = context.team && size > context.team.maxTeamSize ? ` (raise maxTeamSize from ${context.team.maxTeamSize})` : '';
    return {
      kind: 'allow_team',
      teamSize: size,
      hoursPerWeek: hours / size,
      engineerIds: members.map((e) => e.id),
      text: `allow a team of ${size}${raise}: ${members.map((e) => nameOf(context, e.id)).join(', ')} could each take ${formatHours(hours / size)} h/week`,
    };
  }
  return null;
}

function hireChange(item: ScopeItemDemand): StaffingChange {
  const hours = demandHoursPerWeek(item);
  const fromWeek = isoWeekKey(item.start);
  const toWeek = isoWeekKey(item.end);
  const skills = item.requiredSkills.map((s) => `${s.key} ≥ ${s.minProficiency}`);
  const parts = [
    ...(skills.length > 0 ? [`with ${skills.join(', ')}`] : []),
    `${item.minLevel} or above`,
    ...(item.requiredClearance ? [`cleared ${item.requiredClearance}`] : []),
    `free ${formatHours(hours)} h/week in ${fromWeek === toWeek ? fromWeek : `${fromWeek}–${toWeek}`}`,
  ];
  return { kind: 'add_engineer', hoursPerWeek: hours, fromWeek, toWeek, text: `one more engineer ${parts.join(', ')}` };
}

export interface FeasibleStart {
  start: string;
  end: string;
  /** Engineers who could take it then, as primary. */
  engineerIds: string[];
}

/**
 * The earliest start, `fromDays` to `toDays` days after the item's own start in steps of `stepDays`
 * (working days only), on which someone could take the item with its duration unchanged.
 */
export function earliestStart(
  engineers: readonly EngineerProfile[],
  item: ScopeItemDemand,
  context: GapContext,
  fromDays: number,
  toDays: number,
  stepDays = 1,
): FeasibleStart | null {
  const candidates = engineers.filter((e) => passesStaticRules(e, item));
  if (candidates.length === 0) return null;
  for (let days = fromDays; days <= toDays; days += stepDays) {
    const start = addDays(item.start, days);
    if (!isWorkingDay(start)) continue;
    const moved = shifted(item, days);
    const ok = eligibleEngineers(engineers, moved, context, candidates);
    if (ok.length > 0) return { start: moved.start, end: moved.end, engineerIds: ok.map((e) => e.id) };
  }
  return null;
}
