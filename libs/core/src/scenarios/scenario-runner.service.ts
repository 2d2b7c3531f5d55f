import { Injectable, Logger } from '@nestjs/common';
import { DateRange, DomainError, maxDate, minDate } from '@sow/domain';
import { solveInWorker } from '@sow/optimizer';
import { PlanningSnapshotRepository, RateCardsRepository, ScenarioRunEntity, ScenarioRunsRepository, ScenariosRepository } from '@sow/persistence';
import { CalendarHolder, calendarWindow, WorkingCalendarService } from '../working-calendar/working-calendar.service';
import { assertInputWithinBudget, assertModelWithinBudget } from '../planning/plan-budget';
import { explainMoves } from '../planning/plan-result';
import { StoredMove } from '../planning/plan-proposal';
import { applyScenario, readWindow, ScenarioRows } from './scenario-overlay';
import { ScenarioChange, StoredScenarioChange } from './scenario-changes';
import { RateTable } from './scenario-outcome';
import { computeHiringPlan, solveScenario } from './scenario-solve';

/** A move of a scenario plan that touches only live, unchanged rows: what promotion proposes (with no candidate score). */
export type PromotableMove = Omit<StoredMove, 'candidate'> & { candidate: null };

/**
 * Runs a queued scenario solve or hiring plan in the worker: reads live rows, sees them through the
 * scenario (a pure overlay, nothing is written to live tables), then compiles and solves with the
 * planner's own code, reporting progress on the run row as a staffing plan does. Idempotent: a finished
 * run is left alone.
 */
@Injectable()
export class ScenarioRunnerService {
  private readonly logger = new Logger(ScenarioRunnerService.name);

  constructor(
    private readonly runs: ScenarioRunsRepository,
    private readonly scenarios: ScenariosRepository,
    private readonly snapshots: PlanningSnapshotRepository,
    private readonly calendars: WorkingCalendarService,
    private readonly rateCards: RateCardsRepository,
  ) {}

  async run(runId: string): Promise<'done' | 'skipped'> {
    const run = await this.runs.claim(runId);
    if (!run) return 'skipped';
    const started = Date.now();
    const horizon = { start: run.horizonStart, end: run.horizonEnd };
    const changes = run.scenarioId ? (await this.scenarios.changes(run.scenarioId)).map(toStored) : [];
    const window = readWindow(horizon, changes);
    const live = await this.snapshots.load({ start: window.start, end: window.end, sowIds: null });
    const rows = applyScenario({ ...live, engineers: await this.withHolidays(live.engineers, horizon, live.items) }, changes, horizon);
    assertInputWithinBudget({ horizon, engineers: rows.engineers.length, items: rows.items });
    await this.runs.setProgress(runId, 'compiling', 20);
    const rates = await this.rates();
    const params = run.params as { timeLimitMs?: number; method?: 'auto' | 'milp' | 'heuristic' | 'greedy'; weightByProbability?: boolean };
    const timeLimitMs = params.timeLimitMs ?? 10_000;
    await this.runs.setProgress(runId, 'solving', 35);
    const solved = await solveScenario(rows, horizon, rates, solveInWorker, { method: params.method ?? 'auto', timeLimitMs: run.kind === 'hiring' ? Math.ceil(timeLimitMs / 2) : timeLimitMs });
    assertModelWithinBudget({ pairs: solved.compiled.model.pairs.length });
    if (solved.planned.report.violations.length > 0) throw new DomainError('rule_violation', `The scenario plan breaks ${solved.planned.report.violations.length} hard rule(s)`);
    let result: Record<string, unknown>;
    if (run.kind === 'hiring') {
      await this.runs.setProgress(runId, 'solving', 60);
      const hiring = await computeHiringPlan(solved, rows, rates, horizon, solveInWorker, {
        method: params.method ?? 'auto',
        timeLimitMs: Math.ceil(timeLimitMs / 2),
        weightByProbability: params.weightByProbability ?? true,
      });
      result = { hiring: { ...hiring }, outcome: { ...solved.outcome }, totalMs: Date.now() - started };
    } else {
      result = { outcome: { ...solved.outcome }, ...this.promotable(run, rows, solved), unmatchedChanges: rows.unmatched, totalMs: Date.now() - started };
    }
    await this.runs.setProgress(runId, 'writing', 90);
    const written = await this.runs.complete(runId, { status: 'done', result });
    this.logger.log(`Scenario run ${runId} (${run.kind}): ${Date.now() - started} ms`);
    return written ? 'done' : 'skipped';
  }

  /** The moves that only touch live, unchanged rows, with the fingerprints approval checks (stale detection). */
  private promotable(run: ScenarioRunEntity, rows: ScenarioRows, solved: Awaited<ReturnType<typeof solveScenario>>): Record<string, unknown> {
    const { compiled, before, planned } = solved;
    const meta = new Map(compiled.tasks.map((t) => [t.taskId, t]));
    const engineers = new Map(rows.engineers.map((e) => [e.id, e]));
    const items = new Map(rows.items.map((i) => [i.id, i]));
    const live = new Map(rows.assignments.filter((a) => a.status !== 'released').map((a) => [`${a.scopeItemId}|${a.role}|${a.engineerId}`, a]));
    const scenarioOnly = (engineerId: string | null): boolean => engineerId !== null && (rows.hypotheticalEngineers.has(engineerId) || rows.changedEngineers.has(engineerId));
    const moves: PromotableMove[] = [];
    let heldBack = 0;
    for (const m of explainMoves(compiled, before, planned.slots)) {
      if (rows.hypotheticalItems.has(m.itemId) || rows.changedItems.has(m.itemId) || scenarioOnly(m.fromEngineerId) || scenarioOnly(m.toEngineerId)) {
        heldBack += 1;
        continue;
      }
      const task = meta.get(m.taskId);
      moves.push({
        kind: m.kind,
        itemId: m.itemId,
        itemTitle: items.get(m.itemId)?.title ?? m.itemId,
        sowId: task?.sowId ?? '',
        role: m.role,
        fromEngineerId: m.fromEngineerId,
        fromEngineerName: m.fromEngineerId ? (engineers.get(m.fromEngineerId)?.name ?? null) : null,
        fromAssignmentId: m.fromEngineerId ? (live.get(`${m.itemId}|${m.role}|${m.fromEngineerId}`)?.id ?? null) : null,
        toEngineerId: m.toEngineerId,
        toEngineerName: m.toEngineerId ? (engineers.get(m.toEngineerId)?.name ?? null) : null,
        hoursPerWeek: Math.round((task?.hoursPerWeek ?? 0) * 100) / 100,
        startDate: task?.start ?? '',
        endDate: task?.end ?? '',
        onsiteDays: task?.onsiteDays ?? 0,
        improves: m.improves,
        effect: m.effect,
        reason: m.reason,
        candidate: null,
      });
    }
    const touchedEngineers = new Set<string>();
    const touchedItems = new Set<string>();
    const touchedAssignments = new Set<string>();
    for (const m of moves) {
      if (m.fromEngineerId) touchedEngineers.add(m.fromEngineerId);
      if (m.toEngineerId) touchedEngineers.add(m.toEngineerId);
      touchedItems.add(m.itemId);
      if (m.fromAssignmentId) touchedAssignments.add(m.fromAssignmentId);
    }
    return {
      promotion: {
        moves,
        heldBack,
        horizon: { start: run.horizonStart, end: run.horizonEnd },
        snapshotVersions: {
          engineers: Object.fromEntries([...touchedEngineers].map((id) => [id, engineers.get(id)?.fingerprint ?? ''])),
          scopeItems: Object.fromEntries([...touchedItems].map((id) => [id, items.get(id)?.fingerprint ?? ''])),
          assignments: Object.fromEntries([...touchedAssignments].map((id) => [id, rows.assignments.find((a) => a.id === id)?.version ?? 0])),
        },
        solverStats: {
          method: planned.solution.method,
          status: planned.solution.status,
          objective: planned.objective,
          chosen: planned.chosen,
          bound: planned.solution.bound,
          gap: planned.solution.gap,
          solveMs: planned.solution.elapsedMs,
          tasks: compiled.model.tasks.length,
          pairs: compiled.model.pairs.length,
        },
      },
    };
  }

  async fail(runId: string, error: unknown): Promise<void> {
    const code = error instanceof DomainError ? error.code : 'internal_error';
    const message = error instanceof Error ? error.message : String(error);
    await this.runs.complete(runId, { status: 'failed', errorCode: code, errorMessage: message.slice(0, 2000) });
  }

  /** The active USD card (the planner's reporting currency), else the first active card. */
  private async rates(): Promise<RateTable> {
    const card = (await this.rateCards.findActive('USD')) ?? (await this.rateCards.list()).find((c) => c.active) ?? null;
    return { currency: card?.currency ?? 'USD', rates: card?.rates ?? {} };
  }

  private async withHolidays<T extends CalendarHolder>(
    engineers: readonly T[],
    horizon: DateRange,
    items: readonly DateRange[],
  ): Promise<T[]> {
    const calendar = await this.calendars.load();
    let window = horizon;
    for (const item of items) window = { start: minDate(window.start, item.start), end: maxDate(window.end, item.end) };
    const span = calendarWindow(window);
    return engineers.map((e) => calendar.apply(e, span));
  }
}

export function toStored(row: { id: string; seq: number; kind: string; payload: Record<string, unknown> }): StoredScenarioChange {
  return { id: row.id, seq: row.seq, change: { ...row.payload, kind: row.kind } as unknown as ScenarioChange };
}
