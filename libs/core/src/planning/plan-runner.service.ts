import { Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '@sow/config';
import { DateRange, DomainError, maxDate, minDate } from '@sow/domain';
import { CalendarHolder, calendarWindow, WorkingCalendarService } from '../working-calendar/working-calendar.service';
import { solveInWorker } from '@sow/optimizer';
import { PlanningSnapshotRepository, StaffingPlansRepository } from '@sow/persistence';
import { assertInputWithinBudget, assertModelWithinBudget, compileDeadline } from './plan-budget';
import { compilePlanModel } from './plan-model';
import { solvePlan } from './solve-plan';
import { bookingsOf, currentSlots, evaluatePlan } from './plan-evaluation';
import { describeMoves } from './plan-proposal';
import { unstaffedItems } from './plan-gaps';
import { toPlanningSnapshot } from './planning-snapshot';
import { recordSnapshotVersions } from './staleness';
import { assertNoHardRuleBroken, assertWithinLimits, PlanInvalidError } from './plan-verification';

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
    const planned = await solvePlan(compiled, solveInWorker, { method: plan.method, timeLimitMs: plan.timeLimitMs, seed: 1, threads: this.config.solverThreads }, () => {
      kpisBefore = evaluatePlan(snapshot, compiled, before);
    });
    const { solution } = planned;
    const { report } = planned;
    assertNoHardRuleBroken(report);
    await this.plans.setProgress(planId, 'writing', 90);

    const after = planned.slots;
    kpisBefore ??= evaluatePlan(snapshot, compiled, before);
    const kpisAfter = evaluatePlan(snapshot, compiled, after);
    assertWithinLimits(kpisAfter);

    const engineers = new Map(rows.engineers.map((e) => [e.id, e]));
    const items = new Map(rows.items.map((i) => [i.id, i]));
    const bookings = bookingsOf(snapshot, compiled, after);
    const moves = describeMoves({ snapshot, compiled, before, after, bookings, engineers, items, assignments: rows.assignments });

    // What the plan relied on, checked again when a senior manager approves it.
    const snapshotVersions = recordSnapshotVersions(moves, { engineers, items, assignments: new Map(rows.assignments.map((a) => [a.id, a])) });
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
