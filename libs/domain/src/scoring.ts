import {
  demandAsBooking,
  EligibilityViolation,
  EngineerProfile,
  heldProficiency,
  levelRank,
  monthlyTravelWithDemand,
  ScopeItemDemand,
  weeklyLoadWithDemand,
} from './eligibility';
import { checkEligibility } from './rule-book';
import { Booking, utilizationInRange } from './utilization';
import { PROFICIENCY_RANK } from './vocabulary';

/** Weights of the soft criteria; they sum to 1 so the total stays in [0, 1]. */
export const SCORING_WEIGHTS = {
  skillFit: 0.3,
  utilizationNeed: 0.25,
  travelHeadroom: 0.1,
  continuity: 0.15,
  levelFit: 0.1,
  proximity: 0.1,
} as const;
export type ScoringCriterion = keyof typeof SCORING_WEIGHTS;

/** A week is reported as tight when utilization after adding the item exceeds this fraction. */
export const TIGHT_CAPACITY_THRESHOLD = 0.85;

export interface CriterionScore {
  criterion: ScoringCriterion;
  /** In [0, 1]. */
  score: number;
  weight: number;
  /** score × weight. */
  weighted: number;
  explanation: string;
}

export interface CandidateScore {
  engineerId: string;
  /** Weighted sum in [0, 1]. */
  total: number;
  breakdown: CriterionScore[];
}

export interface ScoringContext {
  /** This engineer's bookings: current and past (past ones count for continuity). */
  bookings: readonly Booking[];
  /** Where the customer sits; proximity is neutral when unknown. */
  customer?: { region?: string | null; timezone?: string | null };
}

export interface RankingContext {
  bookingsByEngineer: Readonly<Record<string, readonly Booking[]>>;
  customer?: ScoringContext['customer'];
}

export interface RankedCandidate extends CandidateScore {
  rank: number;
  /** ISO weeks where utilization after adding the item is above TIGHT_CAPACITY_THRESHOLD. */
  tightWeeks: string[];
}

export interface ExcludedCandidate {
  engineerId: string;
  violations: EligibilityViolation[];
}

export interface CandidateRanking {
  eligible: RankedCandidate[];
  excluded: ExcludedCandidate[];
}

const clamp01 = (value: number): number => Math.min(1, Math.max(0, value));
const pct = (value: number): string => `${Math.round(value * 100)}%`;

function skillFit(engineer: EngineerProfile, item: ScopeItemDemand): [number, string] {
  if (item.requiredSkills.length === 0) return [1, 'no skills required'];
  // Mastery of a required tool scores highest; any level above the minimum still beats just meeting it.
  const parts = item.requiredSkills.map((req) => {
    const held = heldProficiency(engineer, req.key);
    if (held === null || PROFICIENCY_RANK[held] < PROFICIENCY_RANK[req.minProficiency]) return { key: req.key, s: 0, held };
    if (held === 'mastery') return { key: req.key, s: 1, held };
    return { key: req.key, s: PROFICIENCY_RANK[held] > PROFICIENCY_RANK[req.minProficiency] ? 0.7 : 0.4, held };
  });
  const score = parts.reduce((sum, p) => sum + p.s, 0) / parts.length;
  return [score, parts.map((p) => `${p.key}: ${p.held ?? 'none'}`).join(', ')];
}

function utilizationNeed(engineer: EngineerProfile, item: ScopeItemDemand, bookings: readonly Booking[]): [number, string] {
  const window = utilizationInRange(engineer, bookings, item, 'window');
  if (window.utilization === null) return [0, 'no capacity in the item window'];
  const u = window.utilization;
  const target = engineer.utilizationTarget;
  const max = engineer.maxUtilization;
  // Below target: 0.5..1 (idle scores 1). At or above target: 0.5 down to 0 at max utilization.
  const score =
    u < target
      ? 0.5 + (0.5 * (target - u)) / (target > 0 ? target : 1)
      : max > target
        ? 0.5 * clamp01((max - u) / (max - target))
        : 0;
  return [clamp01(score), `utilization ${pct(u)} in the window against a target of ${pct(target)}`];
}

function travelHeadroom(engineer: EngineerProfile, item: ScopeItemDemand, bookings: readonly Booking[]): [number, string] {
  if (item.onsiteDays === 0) return [1, 'no on-site days'];
  const months = monthlyTravelWithDemand(engineer, item, bookings).map((m) => ({
    month: m.month,
    headroom: m.limitDays > 0 ? clamp01((m.limitDays - m.bookedOnsiteDays - m.newOnsiteDays) / m.limitDays) : 0,
  }));
  const tightest = months.reduce((a, b) => (b.headroom < a.headroom ? b : a), months[0] ?? { month: '', headroom: 1 });
  return [tightest.headroom, `${pct(tightest.headroom)} of the travel limit left in ${tightest.month} after this item`];
}

function continuity(item: ScopeItemDemand, bookings: readonly Booking[]): [number, string] {
  if (bookings.some((b) => b.sowId !== undefined && b.sowId === item.sowId)) return [1, 'already on this SOW'];
  if (bookings.some((b) => b.customerId !== undefined && b.customerId === item.customerId)) {
    return [0.8, 'has worked for this customer'];
  }
  return [0, 'new to this customer'];
}

// Over-qualified engineers cost more, so each level above the minimum costs score.
const LEVEL_GAP_SCORES = [1, 0.6, 0.3, 0] as const;

function levelFit(engineer: EngineerProfile, item: ScopeItemDemand): [number, string] {
  const gap = levelRank(engineer.level) - levelRank(item.minLevel);
  if (gap < 0) return [0, `${engineer.level} is below ${item.minLevel}`];
  return [LEVEL_GAP_SCORES[Math.min(gap, 3)] ?? 0, gap === 0 ? `${engineer.level} matches the minimum` : `${engineer.level} is ${gap} level(s) above ${item.minLevel}`];
}

// Building an Intl formatter costs far more than using one; ranking and planning ask for the same few zones.
const offsetFormatters = new Map<string, Intl.DateTimeFormat | null>();

function offsetFormatter(timeZone: string): Intl.DateTimeFormat | null {
  let formatter = offsetFormatters.get(timeZone);
  if (formatter === undefined) {
    try {
      formatter = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' });
    } catch {
      formatter = null;
    }
    offsetFormatters.set(timeZone, formatter);
  }
  return formatter;
}

const offsets = new Map<string, number | null>();

/** UTC offset in minutes of an IANA zone on a calendar date (at 12:00 UTC); null for an unknown zone. */
export function timezoneOffsetMinutes(timeZone: string, date: string): number | null {
  const cacheKey = `${timeZone}|${date}`;
  const cached = offsets.get(cacheKey);
  if (cached !== undefined) return cached;
  const offset = computeOffsetMinutes(timeZone, date);
  if (offsets.size > 50_000) offsets.clear();
  offsets.set(cacheKey, offset);
  return offset;
}

function computeOffsetMinutes(timeZone: string, date: string): number | null {
  try {
    const formatter = offsetFormatter(timeZone);
    if (!formatter) return null;
    const parts = formatter.formatToParts(
      new Date(`${date}T12:00:00Z`),
    );
    const name = parts.find((p) => p.type === 'timeZoneName')?.value ?? '';
    if (name === 'GMT') return 0;
    const match = /^GMT([+-])(\d{2}):(\d{2})$/.exec(name);
    if (!match) return null;
    const minutes = Number(match[2]) * 60 + Number(match[3]);
    return match[1] === '-' ? -minutes : minutes;
  } catch {
    return null;
  }
}

function proximity(engineer: EngineerProfile, item: ScopeItemDemand, customer: ScoringContext['customer']): [number, string] {
  if (customer?.region && customer.region === engineer.region) return [1, `same region (${engineer.region})`];
  if (!customer?.timezone) return [0.5, 'customer location unknown'];
  const a = timezoneOffsetMinutes(engineer.timezone, item.start);
  const b = timezoneOffsetMinutes(customer.timezone, item.start);
  if (a === null || b === null) return [0.5, 'unknown time zone'];
  let hours = Math.abs(a - b) / 60;
  hours = Math.min(hours, 24 - hours);
  return [clamp01(1 - hours / 12), `${hours} h from the customer's time zone`];
}

/** The criteria that depend on who the engineer is, not on their load: what a planner prices per pair. */
export const STATIC_FIT_CRITERIA = ['skillFit', 'continuity', 'levelFit', 'proximity'] as const satisfies readonly ScoringCriterion[];

/**
 * Skill, continuity, level and proximity fit in [0, 1], weighted as in SCORING_WEIGHTS and renormalised.
 * The optimizer prices utilization and travel itself, so it uses this instead of the full score.
 */
export function staticFitScore(engineer: EngineerProfile, item: ScopeItemDemand, context: ScoringContext): number {
  const raw: Record<(typeof STATIC_FIT_CRITERIA)[number], number> = {
    skillFit: skillFit(engineer, item)[0],
    continuity: continuity(item, context.bookings)[0],
    levelFit: levelFit(engineer, item)[0],
    proximity: proximity(engineer, item, context.customer)[0],
  };
  let weighted = 0;
  let weights = 0;
  for (const criterion of STATIC_FIT_CRITERIA) {
    weighted += raw[criterion] * SCORING_WEIGHTS[criterion];
    weights += SCORING_WEIGHTS[criterion];
  }
  return clamp01(weighted / weights);
}

/** Soft score of an (assumed eligible) engineer for an item, with one explained line per criterion. */
export function scoreCandidate(engineer: EngineerProfile, item: ScopeItemDemand, context: ScoringContext): CandidateScore {
  const raw: Record<ScoringCriterion, [number, string]> = {
    skillFit: skillFit(engineer, item),
    utilizationNeed: utilizationNeed(engineer, item, context.bookings),
    travelHeadroom: travelHeadroom(engineer, item, context.bookings),
    continuity: continuity(item, context.bookings),
    levelFit: levelFit(engineer, item),
    proximity: proximity(engineer, item, context.customer),
  };
  const breakdown = (Object.keys(SCORING_WEIGHTS) as ScoringCriterion[]).map((criterion) => {
    const [score, explanation] = raw[criterion];
    const weight = SCORING_WEIGHTS[criterion];
    return { criterion, score, weight, weighted: score * weight, explanation };
  });
  const total = clamp01(breakdown.reduce((sum, c) => sum + c.weighted, 0));
  return { engineerId: engineer.id, total, breakdown };
}

/** Eligible engineers best first (ties by id, for determinism), and the excluded ones with their violations. */
export function rankCandidates(
  engineers: readonly EngineerProfile[],
  item: ScopeItemDemand,
  context: RankingContext,
): CandidateRanking {
  const eligible: Omit<RankedCandidate, 'rank'>[] = [];
  const excluded: ExcludedCandidate[] = [];
  const demand = demandAsBooking(item);
  for (const engineer of engineers) {
    // The item itself must not count as an existing booking when re-ranking.
    const bookings = (context.bookingsByEngineer[engineer.id] ?? []).filter(
      (b) => b.scopeItemId === undefined || b.scopeItemId !== demand.scopeItemId,
    );
    const result = checkEligibility(engineer, item, { bookings });
    if (!result.eligible) {
      excluded.push({ engineerId: engineer.id, violations: result.violations });
      continue;
    }
    const tightWeeks = weeklyLoadWithDemand(engineer, item, bookings)
      .filter((w) => w.newHours > 0 && (w.utilizationAfter === null || w.utilizationAfter > TIGHT_CAPACITY_THRESHOLD))
      .map((w) => w.week);
    eligible.push({ ...scoreCandidate(engineer, item, { bookings, customer: context.customer }), tightWeeks });
  }
  eligible.sort((a, b) => b.total - a.total || (a.engineerId < b.engineerId ? -1 : a.engineerId > b.engineerId ? 1 : 0));
  return { eligible: eligible.map((c, i) => ({ ...c, rank: i + 1 })), excluded };
}
