import { Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '@sow/config';
import { CandidateScore, DateRange, DomainError, maxDate, minDate, scoreCandidate } from '@sow/domain';
import { CalendarHolder, calendarWindow, WorkingCalendarService } from '../working-calendar/working-calendar.service';
import { solveInWorker } from '@sow/optimizer';
import { PlanningSnapshotRepository, StaffingPlanEntity, StaffingPlansRepository } from '@sow/persistence';
import { assertInputWithinBudget, assertModelWithinBudget, compileDeadline } from './plan-budget';
import { compilePlanModel, PlanRole } from './plan-model';
import { solvePlan } from './solve-plan';
import { bookingsOf, currentSlots, evaluatePlan } from './plan-evaluation';
import { explainMoves, MoveEffect } from './plan-result';
import { unstaffedItems } from './plan-gaps';
import { toPlanningSnapshot } from './planning-snapshot';

/** One move of a proposed plan, as stored and shown to the senior manager. */
export interface StoredMove {
  kind: 'assign' | 'unassign' | 'reassign';
  itemId: string;
  itemTitle: string;
  sowId: string;
  role: PlanRole;
  fromEngineerId: string | null;
  fromEngineerName: string | null;
  /** The live assignment the move releases (reassign, unassign). */
  fromAssignmentId: string | null;
  toEngineerId: string | null;
  toEngineerName: string | null;
  hoursPerWeek: number;
  startDate: string;
  endDate: string;
  onsiteDays: number;
  improves: 'staffing' | 'utilization' | 'fit' | 'rules';
  effect: MoveEffect;
  reason: string;
  /** The new engineer's candidate score and breakdown for the item. */
  candidate: CandidateScore | null;
}

/** Hard-rule checks done on every proposed plan, whatever the solver said. */
export class PlanInvalidError extends Error {}

/**
 * Computes a queued staffing plan: loads a consistent snapshot, compiles it, solves it in a worker
 * thread, verifies the answer independently, explains every move, and stores the proposal. Idempotent:
 * a plan that is no longer queued or running is left alone.
 */
@Injectable()
export class PlanRunnerService {
  private readonly logger = new Logger(PlanRunnerService.name);

  constructor(
    private readonly plans: StaffingPlansRepository,
    private readonly snapshots: PlanningSnapshotRepository,
    private readonly calendars: WorkingCalendarService,
    private readonly config: AppConfig,
  ) {}

  async run(planId: string): Promise<'proposed' | 'skipped'> {
    const plan = await this.plans.claim(planId);
    if (!plan) return 'skipped';
    const started = Date.now();
    const horizon = { start: plan.horizonStart, end: plan.horizonEnd };
    const loaded = await this.snapshots.load({ start: horizon.start, end: horizon.end, sowIds: plan.sowIds });
    const rows = { ...loaded, engineers: await this.withHolidays(loaded.engineers, horizon, loaded.items) };
    const loadMs = Date.now() - started;
    // Budgets: an oversized input fails the plan with a reason (permanent) rather than the worker.
    assertInputWithinBudget({ horizon, engineers: rows.engineers.length, items: rows.items });
    await this.plans.setProgress(planId, 'compiling', 20);
    // Compiling runs on this thread: a wall-clock budget ends the plan rather than hogging the worker.
    const checkpoint = compileDeadline(this.config.planCompileBudgetMs);
    const snapshot = toPlanningSnapshot({ horizon, ...rows, moveApproved: plan.moveApproved });
    checkpoint();
    const compiled = compilePlanModel(snapshot, checkpoint);
    checkpoint();
    assertModelWithinBudget({ pairs: compiled.model.pairs.length });
    const compileMs = Date.now() - started - loadMs;
    await this.plans.setProgress(planId, 'solving', 35);
    const before = currentSlots(compiled);
    let kpisBefore: ReturnType<typeof evaluatePlan> | undefined;
    const planned = await solvePlan(compiled, solveInWorker, { method: plan.method, timeLimitMs: plan.timeLimitMs, seed: 1 }, () => {
      kpisBefore = evaluatePlan(snapshot, compiled, before);
    });
    const { solution } = planned;
    const { report } = planned;
    if (report.violations.length > 0) {
      throw new PlanInvalidError(`The plan breaks ${report.violations.length} hard rule(s): ${report.violations.slice(0, 3).map((v) => v.kind).join(', ')}`);
    }
    await this.plans.setProgress(planId, 'writing', 90);

    const after = planned.slots;
    kpisBefore ??= evaluatePlan(snapshot, compiled, before);
    const kpisAfter = evaluatePlan(snapshot, compiled, after);
    if (kpisAfter.capacityViolations > 0 || kpisAfter.travelViolations > 0) {
      throw new PlanInvalidError(`The plan breaks capacity (${kpisAfter.capacityViolations}) or travel (${kpisAfter.travelViolations}) limits`);
    }

    const engineers = new Map(rows.engineers.map((e) => [e.id, e]));
    const items = new Map(rows.items.map((i) => [i.id, i]));
    const meta = new Map(compiled.tasks.map((t) => [t.taskId, t]));
    const liveAssignment = new Map(rows.assignments.filter((a) => a.status !== 'released').map((a) => [`${a.scopeItemId}|${a.role}|${a.engineerId}`, a]));
    const bookings = bookingsOf(snapshot, compiled, after);
    const plannedItems = new Map(snapshot.items.map((i) => [i.id, i]));
    const moves: StoredMove[] = explainMoves(compiled, before, after).map((m) => {
      const task = meta.get(m.taskId);
      const item = items.get(m.itemId);
      const to = m.toEngineerId ? engineers.get(m.toEngineerId) : undefined;
      const from = m.fromEngineerId ? engineers.get(m.fromEngineerId) : undefined;
      const planned = plannedItems.get(m.itemId);
      const candidate =
        to && planned && task
          ? scoreCandidate(to, { ...planned, hoursPerWeek: task.hoursPerWeek }, {
              bookings: (bookings.get(to.id) ?? []).filter((b) => b.scopeItemId !== m.itemId),
              customer: planned.customer,
            })
          : null;
      return {
        kind: m.kind,
        itemId: m.itemId,
        itemTitle: item?.title ?? m.itemId,
        sowId: task?.sowId ?? '',
        role: m.role,
        fromEngineerId: m.fromEngineerId,
        fromEngineerName: from?.name ?? null,
        fromAssignmentId: m.fromEngineerId ? (liveAssignment.get(`${m.itemId}|${m.role}|${m.fromEngineerId}`)?.id ?? null) : null,
        toEngineerId: m.toEngineerId,
        toEngineerName: to?.name ?? null,
        hoursPerWeek: Math.round((task?.hoursPerWeek ?? 0) * 100) / 100,
        startDate: task?.start ?? '',
        endDate: task?.end ?? '',
        onsiteDays: task?.onsiteDays ?? 0,
        improves: m.improves,
        effect: m.effect,
        reason: m.reason,
        candidate,
      };
    });

    // What the plan relied on, checked again when a senior manager approves it.
    const touchedEngineers = new Set<string>();
    const touchedItems = new Set<string>();
    const touchedAssignments = new Set<string>();
    for (const m of moves) {
      if (m.fromEngineerId) touchedEngineers.add(m.fromEngineerId);
      if (m.toEngineerId) touchedEngineers.add(m.toEngineerId);
      touchedItems.add(m.itemId);
      if (m.fromAssignmentId) touchedAssignments.add(m.fromAssignmentId);
    }
    const snapshotVersions: NonNullable<StaffingPlanEntity['snapshotVersions']> = {
      engineers: Object.fromEntries([...touchedEngineers].map((id) => [id, engineers.get(id)?.fingerprint ?? ''])),
      scopeItems: Object.fromEntries([...touchedItems].map((id) => [id, items.get(id)?.fingerprint ?? ''])),
      assignments: Object.fromEntries([...touchedAssignments].map((id) => [id, rows.assignments.find((a) => a.id === id)?.version ?? 0])),
    };
    const names = new Map(rows.engineers.map((e) => [e.id, e.name]));
    const unstaffed = unstaffedItems(snapshot, compiled, after, bookings, names);
    const solverStats = {
      method: solution.method,
      requestedMethod: solution.requestedMethod,
      status: solution.status,
      objective: planned.objective,
      solverObjective: solution.objective,
      greedyObjective: planned.greedyObjective,
      chosen: planned.chosen,
      terms: solution.terms,
      bound: solution.bound,
      gap: solution.gap,
      solveMs: solution.elapsedMs,
      loadMs,
      compileMs,
      totalMs: Date.now() - started,
      engineers: rows.engineers.length,
      scopeItems: rows.items.length,
      tasks: compiled.model.tasks.length,
      pairs: compiled.model.pairs.length,
      changes: moves.length,
    };
    const written = await this.plans.complete(planId, {
      status: 'proposed',
      progress: { phase: 'done', percent: 100 },
      snapshotVersions,
      kpisBefore: { ...kpisBefore, changes: 0 },
      kpisAfter: { ...kpisAfter, changes: moves.length },
      moves,
      unstaffed,
      solverStats,
    });
    this.logger.log(`Plan ${planId}: ${moves.length} moves, ${kpisAfter.unstaffedItems} items unstaffed, ${solverStats.totalMs} ms`);
    return written ? 'proposed' : 'skipped';
  }

  /** Hands a running plan back to the queue (the worker is stopping cleanly); the start is not counted. */
  async release(planId: string): Promise<boolean> {
    return this.plans.requeue(planId, { refundAttempt: true });
  }

  /** Public holidays and company days off as days away, over the horizon and every item it plans. */
  private async withHolidays<T extends CalendarHolder>(engineers: readonly T[], horizon: DateRange, items: readonly DateRange[]): Promise<T[]> {
    const calendar = await this.calendars.load();
    let window = horizon;
    for (const item of items) window = { start: minDate(window.start, item.start), end: maxDate(window.end, item.end) };
    const span = calendarWindow(window);
    return engineers.map((e) => calendar.apply(e, span));
  }

  /** Marks a plan failed with a code (permanent errors, or the last retry). */
  async fail(planId: string, error: unknown): Promise<void> {
    const code = error instanceof DomainError ? error.code : error instanceof PlanInvalidError ? 'plan_invalid' : 'internal_error';
    const message = error instanceof Error ? error.message : String(error);
    await this.plans.complete(planId, { status: 'failed', progress: { phase: 'done', percent: 100 }, errorCode: code, errorMessage: message.slice(0, 2000) });
  }
}
