import { Injectable } from '@nestjs/common';
import {
  CandidateRanking,
  CriterionScore,
  demandHoursPerWeek,
  diffDays,
  DomainError,
  earliestStart,
  EligibilityViolation,
  ExclusionCounts,
  explainStaffingGap,
  GapContext,
  Level,
  maxDate,
  passesStaticRules,
  rankCandidates,
  StaffingChange,
} from '@sow/domain';
import { PLAN_WEIGHTS } from '../planning/plan-model';
import { AssignmentsRepository, ScopeItemContext } from '@sow/persistence';
import { teamDemand } from './item-demand';
import { MatchingCache, MatchingData } from './matching-cache';
import { serializeJson, SerializedJson } from '../shared/serialized-json';

const MAX_CONTEXTS = 4096;

export interface CandidateQuery {
  limit: number;
  includeExcluded: boolean;
}

export interface CandidateView {
  rank: number;
  engineerId: string;
  name: string;
  level: Level;
  region: string;
  /** Weighted score in [0, 1]. */
  total: number;
  breakdown: CriterionScore[];
  /** ISO weeks where the engineer would be above the tight-capacity threshold with this item. */
  tightWeeks: string[];
}

export interface ExcludedView {
  engineerId: string;
  name: string;
  level: Level;
  region: string;
  violations: EligibilityViolation[];
}

export interface CandidatesView {
  scopeItemId: string;
  sowId: string;
  startDate: string;
  endDate: string;
  /** Weekly hours of one engineer's share (the item's hours ÷ teamSize). */
  hoursPerWeek: number;
  /** Engineers the item needs: more than one when nobody alone may take its weekly hours. */
  teamSize: number;
  engineersConsidered: number;
  eligibleCount: number;
  excludedCount: number;
  candidates: CandidateView[];
  excluded?: ExcludedView[];
}

/** How far ahead GET /scope-items/:id/feasibility looks for a start date. */
export const FEASIBILITY_HORIZON_DAYS = 366;

export interface FeasibilityView {
  scopeItemId: string;
  startDate: string;
  endDate: string;
  hoursPerWeek: number;
  /** Someone can take the item on its own dates, given today's bookings. */
  feasibleAsPlanned: boolean;
  /** The earliest start (today at the soonest) on which the item, its duration unchanged, is fully staffed; null if none within a year. */
  earliestStartDate: string | null;
  earliestEndDate: string | null;
  /** Who could take it then, best ranked first (at most 10). */
  engineers: Array<{ engineerId: string; name: string; level: Level }>;
  /** On its own dates: engineers excluded per rule, and the smallest changes that would staff it (null when feasible). */
  asPlanned: { exclusions: ExclusionCounts; changes: StaffingChange[] } | null;
}

/** Ranks the whole engineer directory for one scope item, in memory, from the matching cache. */
@Injectable()
export class CandidatesService {
  private readonly contexts = new Map<string, { snapshot: string; context: ScopeItemContext }>();

  constructor(
    private readonly assignments: AssignmentsRepository,
    private readonly cache: MatchingCache,
  ) {}

  /**
   * The ranking as JSON text. Serializing ~20 KB per request was the largest CPU cost under load, so the
   * text of the short list is memoised with the ranking (same key, same generation: never stale). The
   * list with every excluded engineer can be large and is asked for rarely; it is serialized each time.
   */
  async rankSerialized(scopeItemId: string, query: CandidateQuery): Promise<SerializedJson> {
    const data = await this.cache.current();
    const context = await this.contextOf(scopeItemId, data.snapshot);
    const serialize = (): SerializedJson => serializeJson(this.view(scopeItemId, query, data, context));
    if (query.includeExcluded) return serialize();
    return this.cache.memo(`${this.keyOf(scopeItemId, context)}:json:${query.limit}`, data, serialize);
  }

  async rank(scopeItemId: string, query: CandidateQuery): Promise<CandidatesView> {
    const data = await this.cache.current();
    const context = await this.contextOf(scopeItemId, data.snapshot);
    return this.view(scopeItemId, query, data, context);
  }

  // Versions in the key: an edit of the item, its SOW or customer is a different question.
  private keyOf(scopeItemId: string, context: ScopeItemContext): string {
    return `${scopeItemId}:${context.item.version}:${context.sow.version}:${context.customer.version}`;
  }

  private view(scopeItemId: string, query: CandidateQuery, data: MatchingData, context: ScopeItemContext): CandidatesView {
    const { demand, teamSize } = teamDemand(context, data.engineers);
    const key = this.keyOf(scopeItemId, context);
    const rankingContext = { bookingsByEngineer: data.bookingsByEngineer, customer: { region: context.customer.region } };
    // Without the excluded list only engineers passing the static rules need the calendar maths; the
    // full list (every rule each engineer fails) is computed, and cached, only when asked for.
    const ranking = query.includeExcluded
      ? this.cache.memo<CandidateRanking>(`${key}:full`, data, () => rankCandidates(data.engineers, demand, rankingContext))
      : this.cache.memo<CandidateRanking>(`${key}:eligible`, data, () =>
          rankCandidates(data.engineers.filter((e) => passesStaticRules(e, demand)), demand, rankingContext),
        );
    const excludedCount = data.engineers.length - ranking.eligible.length;
    const person = (id: string) => {
      const e = data.byId.get(id);
      return { name: e?.name ?? '', level: e?.level ?? 'associate', region: e?.region ?? '' };
    };
    const view: CandidatesView = {
      scopeItemId,
      sowId: context.sow.id,
      startDate: demand.start,
      endDate: demand.end,
      hoursPerWeek: Math.round(demandHoursPerWeek(demand) * 100) / 100,
      teamSize,
      engineersConsidered: data.engineers.length,
      eligibleCount: ranking.eligible.length,
      excludedCount,
      candidates: ranking.eligible.slice(0, query.limit).map((c) => ({
        rank: c.rank,
        engineerId: c.engineerId,
        ...person(c.engineerId),
        total: c.total,
        breakdown: c.breakdown,
        tightWeeks: c.tightWeeks,
      })),
    };
    if (query.includeExcluded) {
      view.excluded = ranking.excluded.map((x) => ({ engineerId: x.engineerId, ...person(x.engineerId), violations: x.violations }));
    }
    return view;
  }

  /**
   * The earliest date the item could start and be fully staffed by one engineer, given today's bookings
   * (the item's own excluded), from the rule book; answered from the matching cache while the EM quotes.
   */
  async feasibility(scopeItemId: string, today: string): Promise<FeasibilityView> {
    const data = await this.cache.current();
    const context = await this.contextOf(scopeItemId, data.snapshot);
    const { demand } = teamDemand(context, data.engineers);
    const hoursPerWeek = demandHoursPerWeek(demand);
    const gapContext: GapContext = {
      bookingsOf: (id) => data.bookingsByEngineer[id] ?? [],
      leadHoursPerWeek: Math.max(PLAN_WEIGHTS.leadMinHoursPerWeek, PLAN_WEIGHTS.leadShare * hoursPerWeek),
      names: new Map(data.engineers.map((e) => [e.id, e.name])),
    };
    const fromDays = Math.max(0, diffDays(demand.start, maxDate(demand.start, today)));
    const found = earliestStart(data.engineers, demand, gapContext, fromDays, fromDays + FEASIBILITY_HORIZON_DAYS);
    const feasibleAsPlanned = found !== null && found.start === demand.start;
    const gap = feasibleAsPlanned ? null : explainStaffingGap(data.engineers, demand, gapContext);
    const ranked = found ? rankCandidates(found.engineerIds.map((id) => data.byId.get(id)).filter((e) => e !== undefined), { ...demand, start: found.start, end: found.end, hoursPerWeek, estimatedHours: undefined }, { bookingsByEngineer: data.bookingsByEngineer, customer: { region: context.customer.region } }) : null;
    return {
      scopeItemId,
      startDate: demand.start,
      endDate: demand.end,
      hoursPerWeek: Math.round(hoursPerWeek * 100) / 100,
      feasibleAsPlanned,
      earliestStartDate: found?.start ?? null,
      earliestEndDate: found?.end ?? null,
      engineers: (ranked?.eligible ?? []).slice(0, 10).map((c) => {
        const e = data.byId.get(c.engineerId);
        return { engineerId: c.engineerId, name: e?.name ?? '', level: e?.level ?? 'associate' };
      }),
      asPlanned: gap ? { exclusions: gap.exclusions, changes: gap.changes } : null,
    };
  }

  /**
   * The item with its SOW and customer. Read after the snapshot it is stored with, so while the database
   * snapshot has not moved the stored copy is exact and no query is needed.
   */
  private async contextOf(scopeItemId: string, snapshot: string): Promise<ScopeItemContext> {
    const cached = this.contexts.get(scopeItemId);
    if (cached && cached.snapshot === snapshot) return cached.context;
    const context = await this.assignments.scopeItemContext(scopeItemId);
    if (!context) throw new DomainError('not_found', `Scope item ${scopeItemId} not found`);
    if (this.contexts.size >= MAX_CONTEXTS) this.contexts.clear();
    this.contexts.set(scopeItemId, { snapshot, context });
    return context;
  }
}
