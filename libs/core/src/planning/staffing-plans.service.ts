import { Injectable, Logger } from '@nestjs/common';
import { assertDateRange, DateRange, diffDays, DomainError, SolverMethod, StaffingPlanStatus, UserRole } from '@sow/domain';
import { domainEvent } from '@sow/domain';
import { JOBS, JobProducer } from '@sow/jobs';
import {
  AuditRepository,
  PlanningSnapshotRepository,
  PlanTrigger,
  StaffingPlanEntity,
  StaffingPlansRepository,
  TransactionRunner,
  Tx,
} from '@sow/persistence';
import { StoredMove } from './plan-proposal';
import { changedSinceSnapshot, snapshotIds } from './staleness';
import { UnstaffedItem } from './plan-gaps';
import { AssignmentsService } from '../assignments/assignments.service';
import { Actor } from '../shared/actor';
import { serializeJson, SerializedJson } from '../shared/serialized-json';
import { assertSeparateDuties } from '../shared/separation-of-duties';

export interface PlanActor {
  userId: string;
  role: UserRole;
}

export interface RequestPlanCommand {
  horizon: DateRange;
  sowIds?: readonly string[] | null;
  method?: SolverMethod;
  timeLimitMs?: number;
  moveApproved?: boolean;
  trigger?: PlanTrigger;
}

export interface PlanView {
  id: string;
  status: StaffingPlanStatus;
  trigger: PlanTrigger;
  horizon: DateRange;
  sowIds: string[] | null;
  method: SolverMethod;
  timeLimitMs: number;
  moveApproved: boolean;
  progress: StaffingPlanEntity['progress'];
  kpisBefore: Record<string, unknown> | null;
  kpisAfter: Record<string, unknown> | null;
  /** One page of the moves (see movesTotal); absent in lists. */
  moves?: StoredMove[];
  movesTotal?: number;
  movesPage?: { offset: number; limit: number };
  /** The items the plan leaves unstaffed, why, and what would staff them; absent in lists. */
  unstaffed?: UnstaffedItem[] | null;
  solverStats: Record<string, unknown> | null;
  error: { code: string; message: string | null } | null;
  decision: { by: string | null; at: string | null; reason: string | null } | null;
  requestedBy: string | null;
  attempts: number;
  version: number;
  createdAt: string;
  updatedAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

/** Longest horizon a plan may cover (a year), and the solver time a request may ask for. */
export const MAX_HORIZON_DAYS = 366;
export const DEFAULT_PLAN_TIME_LIMIT_MS = 10_000;
/** Queued or running plans one user may have asked for at a time; more is 429 with Retry-After. */
export const MAX_UNFINISHED_PLANS_PER_USER = 3;
/** Seconds a capped user is told to wait (a manual plan takes seconds to minutes). */
export const PLAN_CAP_RETRY_AFTER_SECONDS = 30;

/**
 * BullMQ job priority per trigger (lower runs first): plans that answer an approval or a change to
 * the organisation come before the nightly plan, which comes before manual requests, so a user's long
 * manual plans cannot starve them. Within one priority, first come first served.
 */
export function planPriority(trigger: PlanTrigger | undefined): number {
  if (trigger === undefined || trigger === 'manual') return 10;
  return trigger === 'nightly' ? 5 : 1;
}
export const MAX_PLAN_TIME_LIMIT_MS = 10 * 60_000;
/**
 * Extra delay before a triggered plan starts. Zero: the relay already folds every trigger of one tick
 * (and any that arrive while the plan is still queued) into one plan, and a proposal is due within seconds.
 */
export const TRIGGER_DEBOUNCE_MS = 0;

export function debounceKeyOf(horizon: DateRange, sowIds: readonly string[] | null | undefined, moveApproved: boolean): string {
  const filter = sowIds && sowIds.length > 0 ? [...sowIds].sort().join(',') : '*';
  return `${horizon.start}..${horizon.end}|${moveApproved ? 'move-approved' : 'keep-approved'}|${filter}`.slice(0, 200);
}

/** Moves per GET /staffing-plans/:id page unless asked otherwise; plans over a large organisation hold thousands. */
export const DEFAULT_MOVES_PAGE = 200;
export const MAX_MOVES_PAGE = 2000;
const PLAN_CACHE_SIZE = 16;
const PAGES_PER_PLAN = 8;

interface LoadedPlan {
  stamp: string;
  plan: StaffingPlanEntity;
  pages: Map<string, SerializedJson>;
}

export interface MovesPage {
  offset: number;
  limit: number;
}

function toView(plan: StaffingPlanEntity, page: MovesPage | null): PlanView {
  const moves = (plan.moves ?? []) as unknown as StoredMove[];
  return {
    id: plan.id,
    status: plan.status,
    trigger: plan.trigger,
    horizon: { start: plan.horizonStart, end: plan.horizonEnd },
    sowIds: plan.sowIds,
    method: plan.method,
    timeLimitMs: plan.timeLimitMs,
    moveApproved: plan.moveApproved,
    progress: plan.progress,
    kpisBefore: plan.kpisBefore,
    kpisAfter: plan.kpisAfter,
    ...(page
      ? { moves: moves.slice(page.offset, page.offset + page.limit), movesTotal: moves.length, movesPage: page, unstaffed: (plan.unstaffed as unknown as UnstaffedItem[] | null) ?? null }
      : {}),
    solverStats: plan.solverStats,
    error: plan.errorCode ? { code: plan.errorCode, message: plan.errorMessage } : null,
    decision: plan.decidedAt ? { by: plan.decidedBy, at: plan.decidedAt.toISOString(), reason: plan.decisionReason } : null,
    requestedBy: plan.requestedBy,
    attempts: plan.attempts,
    version: plan.version,
    createdAt: plan.createdAt.toISOString(),
    updatedAt: plan.updatedAt.toISOString(),
    startedAt: plan.startedAt ? plan.startedAt.toISOString() : null,
    finishedAt: plan.finishedAt ? plan.finishedAt.toISOString() : null,
  };
}

/**
 * Staffing plans: requested (202, computed by the worker), reviewed and approved or rejected by a
 * senior manager as one unit. Approval re-checks everything the plan relied on and applies every move
 * through the manual path's assignment rules in one transaction, or marks the plan stale (409) or
 * refuses it (422, a move breaks a rule) and changes nothing.
 */
@Injectable()
export class StaffingPlansService {
  private readonly logger = new Logger(StaffingPlansService.name);

  private readonly loaded = new Map<string, LoadedPlan>();

  constructor(
    private readonly plans: StaffingPlansRepository,
    private readonly snapshots: PlanningSnapshotRepository,
    private readonly audit: AuditRepository,
    private readonly tx: TransactionRunner,
    private readonly producer: JobProducer,
    private readonly assignments: AssignmentsService,
  ) {}

  /** Creates a queued plan (or folds into a waiting one of the same horizon) and enqueues its job. */
  async request(command: RequestPlanCommand, actor: PlanActor | null): Promise<PlanView> {
    const plan = await this.tx.run((tx) => this.createOrFold(command, actor, tx));
    await this.enqueue(plan.id, command.trigger && command.trigger !== 'manual' ? TRIGGER_DEBOUNCE_MS : 0, plan.trigger);
    return toView(plan, null);
  }

  /** Inside a caller's transaction (the outbox relay): the plan row commits with the events it answers. */
  async createOrFold(command: RequestPlanCommand, actor: PlanActor | null, tx: Tx): Promise<StaffingPlanEntity> {
    assertDateRange(command.horizon, 'horizon');
    if (diffDays(command.horizon.start, command.horizon.end) > MAX_HORIZON_DAYS) {
      throw new DomainError('validation_failed', `The horizon may span at most ${MAX_HORIZON_DAYS} days`, [
        { field: 'horizon.end', rule: 'maxSpan', message: `horizon.end must be within ${MAX_HORIZON_DAYS} days of horizon.start` },
      ]);
    }
    const timeLimitMs = command.timeLimitMs ?? DEFAULT_PLAN_TIME_LIMIT_MS;
    const moveApproved = command.moveApproved ?? false;
    const key = debounceKeyOf(command.horizon, command.sowIds, moveApproved);
    // A duplicate folds into the waiting plan (also past the cap: it adds no work).
    const waiting = await this.plans.findWaiting(key, tx);
    if (waiting) return waiting;
    if (actor && (command.trigger ?? 'manual') === 'manual' && (await this.plans.countUnfinishedBy(actor.userId, tx)) >= MAX_UNFINISHED_PLANS_PER_USER) {
      throw new DomainError('rate_limited', `You already have ${MAX_UNFINISHED_PLANS_PER_USER} plans queued or running; wait for one to finish`, [
        { rule: 'maxUnfinishedPlansPerUser', message: `at most ${MAX_UNFINISHED_PLANS_PER_USER} queued or running plans per user` },
      ]);
    }
    const plan = await this.plans.insert(
      {
        status: 'queued',
        trigger: command.trigger ?? 'manual',
        horizonStart: command.horizon.start,
        horizonEnd: command.horizon.end,
        sowIds: command.sowIds && command.sowIds.length > 0 ? [...command.sowIds] : null,
        method: command.method ?? 'auto',
        timeLimitMs,
        moveApproved,
        debounceKey: key,
        requestedBy: actor?.userId ?? null,
        progress: { phase: 'queued', percent: 0 },
      },
      tx,
    );
    await this.audit.record({ actorId: actor?.userId ?? null, action: 'staffing_plan.requested', entityType: 'staffing_plan', entityId: plan.id, after: { trigger: plan.trigger, horizon: command.horizon } }, tx);
    return plan;
  }

  /** Idempotent: the job id is the plan id, so a second add is a no-op while the job exists. */
  async enqueue(planId: string, delayMs = 0, trigger?: PlanTrigger): Promise<void> {
    await this.producer.enqueue(JOBS.computePlan, { planId }, { jobId: `plan-${planId}`, delay: delayMs, attempts: 3, priority: planPriority(trigger) });
  }

  /**
   * One plan with a page of its moves. A finished plan can hold megabytes of moves; the parsed row is kept
   * (a few plans, keyed by version and updated_at, checked by a one-row query) so paging through it does
   * not load and parse it again.
   */
  async get(id: string, page: MovesPage = { offset: 0, limit: DEFAULT_MOVES_PAGE }): Promise<PlanView> {
    const { plan } = await this.load(id);
    return toView(plan, page);
  }

  /** The same view as JSON text with its ETag; for a finished plan serialized once per page and version. */
  async getJson(id: string, page: MovesPage = { offset: 0, limit: DEFAULT_MOVES_PAGE }): Promise<SerializedJson> {
    const entry = await this.load(id);
    if (!entry.cached) return serializeJson(toView(entry.plan, page));
    const key = `${page.offset}:${page.limit}`;
    const hit = entry.cached.pages.get(key);
    if (hit) return hit;
    const json = serializeJson(toView(entry.plan, page));
    if (entry.cached.pages.size >= PAGES_PER_PLAN) entry.cached.pages.delete(entry.cached.pages.keys().next().value ?? '');
    entry.cached.pages.set(key, json);
    return json;
  }

  /**
   * A finished plan can hold megabytes of moves; the parsed row (and its serialized pages) is kept for a
   * few plans, keyed by version and updated_at and checked by a one-row query, so paging through it does
   * not load and parse it again. Queued and running plans change often and are always read.
   */
  private async load(id: string): Promise<{ plan: StaffingPlanEntity; cached: LoadedPlan | null }> {
    const stamp = await this.plans.stamp(id);
    if (stamp === null) throw new DomainError('not_found', `Staffing plan ${id} not found`);
    const cached = this.loaded.get(id);
    if (cached && cached.stamp === stamp) return { plan: cached.plan, cached };
    const plan = await this.plans.findById(id);
    if (!plan) throw new DomainError('not_found', `Staffing plan ${id} not found`);
    if (plan.status === 'queued' || plan.status === 'running' || !stamp.startsWith(`${plan.version}|`)) return { plan, cached: null };
    if (this.loaded.size >= PLAN_CACHE_SIZE) this.loaded.delete(this.loaded.keys().next().value ?? '');
    const entry: LoadedPlan = { stamp, plan, pages: new Map() };
    this.loaded.set(id, entry);
    return { plan, cached: entry };
  }

  async list(filter: { status?: StaffingPlanStatus; limit: number; offset: number }): Promise<{ items: PlanView[]; total: number }> {
    const [rows, total] = await this.plans.list(filter);
    return { items: rows.map((p) => toView(p, null)), total };
  }

  async reject(id: string, reason: string, actor: PlanActor): Promise<PlanView> {
    await this.tx.run(async (tx) => {
      const plan = await this.lockProposed(id, tx, 'reject');
      await this.plans.decide(plan.id, 'rejected', actor.userId, reason, tx);
      await this.audit.record({ actorId: actor.userId, action: 'staffing_plan.rejected', entityType: 'staffing_plan', entityId: id, before: { status: plan.status }, after: { status: 'rejected', reason } }, tx);
    });
    return this.get(id);
  }

  /**
   * Applies every move in one transaction. If anything the plan read has changed since (engineer,
   * time off, scope item, or a touched assignment), the plan becomes `stale`, nothing is applied, and
   * the caller gets 409. Two concurrent approvals: the plan row lock lets exactly one through.
   */
  async approve(id: string, actor: PlanActor, reason?: string): Promise<PlanView> {
    const outcome = await this.tx.run(async (tx) => {
      const plan = await this.lockProposed(id, tx, 'approve');
      // Separation of duties: the requester does not approve their own plan (an admin may, with a reason).
      const override = assertSeparateDuties({ ...actor, engineerId: null }, [plan.requestedBy], 'staffing plan', reason);
      if (override) {
        await this.audit.record({ actorId: actor.userId, action: 'separation_of_duties.overridden', entityType: 'staffing_plan', entityId: id, after: { decision: 'approved', reason: override, requestedBy: plan.requestedBy } }, tx);
      }
      const moves = (plan.moves ?? []) as unknown as StoredMove[];
      const expected = plan.snapshotVersions ?? { engineers: {}, scopeItems: {}, assignments: {} };
      const changed = changedSinceSnapshot(expected, await this.snapshots.currentFingerprints(snapshotIds(expected), tx));
      if (changed.length > 0) {
        await this.plans.decide(plan.id, 'stale', actor.userId, `Changed since the plan was computed: ${changed.slice(0, 10).join(', ')}`, tx);
        await this.audit.record({ actorId: actor.userId, action: 'staffing_plan.stale', entityType: 'staffing_plan', entityId: id, after: { changed } }, tx);
        return { stale: changed };
      }
      await this.applyMoves(plan, moves, actor, tx);
      await this.plans.decide(plan.id, 'approved', actor.userId, null, tx);
      await this.audit.record({ actorId: actor.userId, action: 'staffing_plan.approved', entityType: 'staffing_plan', entityId: id, before: { status: 'proposed' }, after: { status: 'approved', moves: moves.length } }, tx);
      await this.audit.publish(domainEvent('staffing_plan.approved', id, { planId: id, moves: moves.length }), tx);
      return { stale: null };
    });
    if (outcome.stale) {
      throw new DomainError('version_conflict', 'The plan is stale: what it was computed from has changed; nothing was applied', outcome.stale.slice(0, 20).map((what) => ({ rule: 'unchangedSinceSnapshot', message: `${what} changed` })));
    }
    return this.get(id);
  }

  private async lockProposed(id: string, tx: Tx, action: 'approve' | 'reject'): Promise<StaffingPlanEntity> {
    const plan = await this.plans.findById(id, tx, { lock: true });
    if (!plan) throw new DomainError('not_found', `Staffing plan ${id} not found`);
    if (plan.status !== 'proposed') {
      throw new DomainError('illegal_transition', `Cannot ${action} a plan that is ${plan.status}`, [
        { field: 'status', rule: 'allowedTransitions', message: plan.status === 'queued' || plan.status === 'running' ? 'wait until the plan is proposed' : 'none: the plan is final' },
      ]);
    }
    return plan;
  }

  /**
   * The moves through the assignment rules of the manual path: every release first (capacity they free
   * counts for what follows), then the leads (an associate primary is checked against its lead), then
   * the primaries, then the secondaries of teams (each checked against the item's team size).
   */
  private async applyMoves(plan: StaffingPlanEntity, moves: readonly StoredMove[], actor: PlanActor, tx: Tx): Promise<void> {
    const as: Actor = { userId: actor.userId, role: actor.role, engineerId: null };
    for (const move of moves) if (move.fromAssignmentId) await this.assignments.releaseFromPlan(as, plan.id, move.fromAssignmentId, tx);
    const creates = moves.filter((m) => m.toEngineerId !== null);
    const order = { lead: 0, primary: 1, secondary: 2 } as const;
    const ordered = [...creates].sort((a, b) => order[a.role] - order[b.role]);
    for (const move of ordered) {
      await this.assignments.createFromPlan(
        as,
        plan.id,
        {
          scopeItemId: move.itemId,
          engineerId: move.toEngineerId ?? '',
          role: move.role,
          hoursPerWeek: move.hoursPerWeek,
          startDate: move.startDate,
          endDate: move.endDate,
          onsiteDays: Math.round(move.onsiteDays * 100) / 100,
          score: move.candidate ? { total: move.candidate.total, breakdown: move.candidate.breakdown } : null,
          reason: move.reason,
        },
        tx,
      );
    }
  }
}
