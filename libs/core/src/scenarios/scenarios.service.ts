import { Injectable } from '@nestjs/common';
import { assertDateRange, DomainError, diffDays, ScopeItemInput } from '@sow/domain';
import { JobProducer, JOBS } from '@sow/jobs';
import {
  AuditRepository,
  CustomersRepository,
  EngineersRepository,
  ScenarioEntity,
  ScenarioRunEntity,
  ScenarioRunsRepository,
  ScenariosRepository,
  ScopeItemsRepository,
  SowsRepository,
  StaffingPlansRepository,
  TransactionRunner,
  Tx,
} from '@sow/persistence';
import { Actor, Page } from '../shared/actor';
import { SowsService } from '../sows/sows.service';
import { AddSowChange, parseScenarioChange, ScenarioChange } from './scenario-changes';
import { compareOutcomes, ScenarioComparison, ScenarioOutcome } from './scenario-outcome';
import { PromotableMove, toStored } from './scenario-runner.service';

export interface ScenarioChangeView {
  id: string;
  seq: number;
  change: ScenarioChange;
  createdAt: string;
}

export interface ScenarioView {
  id: string;
  name: string;
  ownerId: string;
  version: number;
  promotedAt: string | null;
  changes: ScenarioChangeView[];
  createdAt: string;
  updatedAt: string;
}

export interface ScenarioRunView {
  id: string;
  scenarioId: string | null;
  kind: 'solve' | 'hiring';
  status: 'queued' | 'running' | 'done' | 'failed';
  horizon: { start: string; end: string };
  params: Record<string, unknown>;
  progress: { phase: string; percent: number };
  result: Record<string, unknown> | null;
  errorCode: string | null;
  errorMessage: string | null;
  version: number;
  createdAt: string;
  finishedAt: string | null;
}

export interface RequestRunCommand {
  scenarioId: string | null;
  kind: 'solve' | 'hiring';
  horizon: { start: string; end: string };
  timeLimitMs?: number;
  weightByProbability?: boolean;
}

export interface PromotionView {
  scenarioId: string;
  runId: string;
  /** Pipeline SOWs of the scenario, now drafts for an engagement manager. */
  draftSowIds: string[];
  /** The proposed staffing plan (approved like any plan; stale if live data moved since the solve). */
  staffingPlanId: string | null;
  moves: number;
  /** Moves that depend on scenario-only rows (a hire, a pipeline item, a changed engineer), not proposed. */
  heldBack: number;
}

const MAX_HORIZON_DAYS = 366;
const MAX_CHANGES = 200;

const toChangeView = (r: { id: string; seq: number; kind: string; payload: Record<string, unknown>; createdAt: Date }): ScenarioChangeView => ({
  id: r.id,
  seq: r.seq,
  change: toStored(r).change,
  createdAt: r.createdAt.toISOString(),
});

function toView(s: ScenarioEntity, changes: ScenarioChangeView[]): ScenarioView {
  return { id: s.id, name: s.name, ownerId: s.ownerId, version: s.version, promotedAt: s.promotedAt?.toISOString() ?? null, changes, createdAt: s.createdAt.toISOString(), updatedAt: s.updatedAt.toISOString() };
}

export function toRunView(r: ScenarioRunEntity): ScenarioRunView {
  return {
    id: r.id,
    scenarioId: r.scenarioId,
    kind: r.kind,
    status: r.status,
    horizon: { start: r.horizonStart, end: r.horizonEnd },
    params: r.params,
    progress: r.progress,
    result: r.result,
    errorCode: r.errorCode,
    errorMessage: r.errorMessage,
    version: r.version,
    createdAt: r.createdAt.toISOString(),
    finishedAt: r.finishedAt?.toISOString() ?? null,
  };
}

function assertName(name: string, field = 'name'): string {
  const trimmed = name.trim();
  if (trimmed.length === 0 || trimmed.length > 200) throw new DomainError('validation_failed', `${field} must be 1 to 200 characters`, [{ field, rule: 'length', message: `${field} must be 1 to 200 characters` }]);
  return trimmed;
}

/**
 * Scenarios: private what-if layers over live data. Every write goes to the scenario tables only; a
 * scenario is seen by its owner and admins (404 for anyone else), and its version guards concurrent edits.
 */
@Injectable()
export class ScenariosService {
  constructor(
    private readonly scenarios: ScenariosRepository,
    private readonly runs: ScenarioRunsRepository,
    private readonly customers: CustomersRepository,
    private readonly engineers: EngineersRepository,
    private readonly sows: SowsRepository,
    private readonly items: ScopeItemsRepository,
    private readonly plans: StaffingPlansRepository,
    private readonly sowsService: SowsService,
    private readonly audit: AuditRepository,
    private readonly tx: TransactionRunner,
    private readonly producer: JobProducer,
  ) {}

  async create(actor: Actor, name: string): Promise<ScenarioView> {
    const scenario = await this.scenarios.insert({ name: assertName(name), ownerId: actor.userId });
    return toView(scenario, []);
  }

  async list(actor: Actor, limit: number, offset: number): Promise<Page<ScenarioView>> {
    const [rows, total] = await this.scenarios.listVisible(actor.role === 'admin' ? null : actor.userId, limit, offset);
    return { items: rows.map((s) => toView(s, [])), total };
  }

  async get(actor: Actor, id: string): Promise<ScenarioView> {
    const scenario = await this.visible(actor, id);
    return toView(scenario, (await this.scenarios.changes(id)).map(toChangeView));
  }

  async rename(actor: Actor, id: string, name: string, expectedVersion: number | undefined): Promise<ScenarioView> {
    await this.tx.run(async (tx) => {
      const s = await this.lockVisible(actor, id, tx, expectedVersion);
      await this.scenarios.update(s.id, { name: assertName(name) }, tx);
    });
    return this.get(actor, id);
  }

  async remove(actor: Actor, id: string, expectedVersion: number | undefined): Promise<void> {
    await this.tx.run(async (tx) => {
      await this.lockVisible(actor, id, tx, expectedVersion);
      await this.scenarios.removeScenario(id, tx);
    });
  }

  /** Validates the change against its kind and against live rows (what it names must exist), then records it. */
  async addChange(actor: Actor, id: string, raw: Record<string, unknown>, expectedVersion: number | undefined): Promise<ScenarioView> {
    let change = parseScenarioChange(raw);
    await this.tx.run(async (tx) => {
      const s = await this.lockVisible(actor, id, tx, expectedVersion);
      const count = (await this.scenarios.changes(id, tx)).length;
      if (count >= MAX_CHANGES) throw new DomainError('rule_violation', `A scenario holds at most ${MAX_CHANGES} changes`, [{ field: 'kind', rule: 'maxChanges', message: `at most ${MAX_CHANGES} changes per scenario` }]);
      change = await this.resolve(change, tx);
      const { kind, ...payload } = change;
      await this.scenarios.addChange({ scenarioId: s.id, kind, payload: payload as Record<string, unknown> }, tx);
      await this.scenarios.update(s.id, {}, tx);
    });
    return this.get(actor, id);
  }

  async removeChange(actor: Actor, id: string, changeId: string, expectedVersion: number | undefined): Promise<ScenarioView> {
    await this.tx.run(async (tx) => {
      const s = await this.lockVisible(actor, id, tx, expectedVersion);
      if (!(await this.scenarios.removeChange(s.id, changeId, tx))) throw new DomainError('not_found', `Change ${changeId} not found in scenario ${id}`);
      await this.scenarios.update(s.id, {}, tx);
    });
    return this.get(actor, id);
  }

  /** Queues a solve or a hiring plan of a scenario (or of live data: scenarioId null). */
  async requestRun(actor: Actor, command: RequestRunCommand): Promise<ScenarioRunView> {
    assertDateRange(command.horizon, 'horizon');
    if (diffDays(command.horizon.start, command.horizon.end) > MAX_HORIZON_DAYS) {
      throw new DomainError('validation_failed', `The horizon may span at most ${MAX_HORIZON_DAYS} days`, [{ field: 'horizon.end', rule: 'maxSpan', message: `horizon.end must be within ${MAX_HORIZON_DAYS} days of horizon.start` }]);
    }
    if (command.scenarioId) await this.visible(actor, command.scenarioId, 'scenarioId');
    const run = await this.runs.insert({
      scenarioId: command.scenarioId,
      kind: command.kind,
      status: 'queued',
      requestedBy: actor.userId,
      horizonStart: command.horizon.start,
      horizonEnd: command.horizon.end,
      params: { timeLimitMs: command.timeLimitMs ?? 10_000, weightByProbability: command.weightByProbability ?? true },
      progress: { phase: 'queued', percent: 0 },
    });
    await this.producer.enqueue(JOBS.runScenario, { runId: run.id }, { jobId: `scenario-run-${run.id}`, attempts: 3 });
    return toRunView(run);
  }

  async getRun(actor: Actor, runId: string): Promise<ScenarioRunView> {
    return toRunView(await this.visibleRun(actor, runId));
  }

  /** Side by side: two finished solves (live or scenarios) the caller may see. */
  async compare(actor: Actor, baseRunId: string, otherRunId: string): Promise<ScenarioComparison> {
    const outcomeOf = async (runId: string, field: string): Promise<ScenarioOutcome> => {
      const run = await this.visibleRun(actor, runId, field);
      const outcome = run.result?.outcome as ScenarioOutcome | undefined;
      if (run.status !== 'done' || !outcome) {
        throw new DomainError('illegal_transition', `Run ${runId} is ${run.status}; compare finished runs`, [{ field, rule: 'isDone', message: `${field} must name a finished run` }]);
      }
      return outcome;
    };
    return compareOutcomes(await outcomeOf(baseRunId, 'base'), await outcomeOf(otherRunId, 'other'));
  }

  /**
   * Promotes a scenario's finished solve: its pipeline SOWs become draft SOWs (with their scope items) for
   * an engagement manager, and the moves that touch only live, unchanged rows become a proposed staffing
   * plan, approved as any plan (stale when live data moved since the solve). One transaction.
   */
  async promote(actor: Actor, scenarioId: string, runId: string, expectedVersion: number | undefined): Promise<PromotionView> {
    return this.tx.run(async (tx) => {
      const scenario = await this.lockVisible(actor, scenarioId, tx, expectedVersion);
      if (scenario.promotedAt) throw new DomainError('illegal_transition', 'The scenario was already promoted', [{ field: 'status', rule: 'notPromoted', message: 'a scenario is promoted once' }]);
      const run = await this.runs.findById(runId, tx);
      if (!run || run.scenarioId !== scenarioId) throw new DomainError('validation_failed', `Run ${runId} is not a solve of this scenario`, [{ field: 'runId', rule: 'ofScenario', message: 'runId must name a solve of this scenario' }]);
      const promotion = run.result?.promotion as
        | { moves: PromotableMove[]; heldBack: number; horizon: { start: string; end: string }; snapshotVersions: { engineers: Record<string, string>; scopeItems: Record<string, string>; assignments: Record<string, number> }; solverStats: Record<string, unknown> }
        | undefined;
      if (run.kind !== 'solve' || run.status !== 'done' || !promotion) {
        throw new DomainError('illegal_transition', `Run ${runId} is not a finished solve`, [{ field: 'runId', rule: 'isFinishedSolve', message: 'runId must name a finished solve' }]);
      }
      const draftSowIds: string[] = [];
      for (const row of await this.scenarios.changes(scenarioId, tx)) {
        const { change } = toStored(row);
        if (change.kind === 'add_sow') draftSowIds.push(await this.draftSow(actor, change, tx));
      }
      let staffingPlanId: string | null = null;
      if (promotion.moves.length > 0) {
        const outcome = run.result?.outcome as ScenarioOutcome | undefined;
        const plan = await this.plans.insert(
          {
            status: 'proposed',
            trigger: 'manual',
            horizonStart: promotion.horizon.start,
            horizonEnd: promotion.horizon.end,
            sowIds: null,
            method: 'auto',
            timeLimitMs: Number(run.params.timeLimitMs ?? 10_000),
            moveApproved: false,
            debounceKey: `scenario:${run.id}`,
            requestedBy: actor.userId,
            progress: { phase: 'done', percent: 100 },
            snapshotVersions: promotion.snapshotVersions,
            kpisBefore: null,
            kpisAfter: outcome ? { ...outcome.kpis, changes: promotion.moves.length, fromScenario: scenarioId } : null,
            moves: promotion.moves as unknown as Array<Record<string, unknown>>,
            unstaffed: [],
            solverStats: { ...promotion.solverStats, scenarioId, scenarioRunId: run.id },
            startedAt: run.startedAt,
            finishedAt: new Date(),
          },
          tx,
        );
        staffingPlanId = plan.id;
      }
      await this.scenarios.update(scenarioId, { promotedAt: new Date() }, tx);
      await this.audit.record({ actorId: actor.userId, action: 'scenario.promoted', entityType: 'scenario', entityId: scenarioId, after: { runId, draftSowIds, staffingPlanId } }, tx);
      return { scenarioId, runId, draftSowIds, staffingPlanId, moves: promotion.moves.length, heldBack: promotion.heldBack };
    });
  }

  private async draftSow(actor: Actor, change: AddSowChange, tx: Tx): Promise<string> {
    const start = change.items.map((i) => i.start).sort()[0];
    const end = change.items.map((i) => i.end).sort().at(-1) ?? start;
    const customer = await this.customers.findById(change.customerId, tx);
    if (!customer) throw new DomainError('rule_violation', `Customer ${change.customerId} of pipeline SOW "${change.title}" no longer exists`, [{ field: 'customerId', rule: 'exists', message: 'the customer was deleted' }]);
    const sow = await this.sows.insert(
      {
        customerId: customer.id,
        title: change.title,
        engagementManagerId: actor.userId,
        startDate: start,
        endDate: end,
        currency: 'USD',
        status: 'draft',
        requiredClearance: customer.publicSector ? customer.requiredClearance : null,
      },
      tx,
    );
    await this.audit.record({ actorId: actor.userId, action: 'sow.created', entityType: 'sow', entityId: sow.id, sowId: sow.id, after: { fromScenario: true, title: sow.title } }, tx);
    for (const [index, item] of change.items.entries()) {
      const input: ScopeItemInput = {
        kind: 'advisory',
        title: item.title,
        details: {},
        estimatedHours: item.estimatedHours,
        minLevel: item.minLevel,
        requiredSkills: item.requiredSkills,
        onsiteDays: item.onsiteDays,
        startDate: item.start,
        endDate: item.end,
        maxTeamSize: item.maxTeamSize,
      };
      await this.sowsService.insertItem(actor, sow, input, tx, `items[${index}]`);
    }
    return sow.id;
  }

  /** Fills what a change names from live rows, and refuses names that do not exist (404-free: a 400 on the field). */
  private async resolve(change: ScenarioChange, tx: Tx): Promise<ScenarioChange> {
    const missing = (field: string, what: string): DomainError => new DomainError('validation_failed', `${field}: no such ${what}`, [{ field, rule: 'exists', message: `${field} must name an existing ${what}` }]);
    switch (change.kind) {
      case 'add_sow': {
        const customer = await this.customers.findById(change.customerId, tx);
        if (!customer) throw missing('customerId', 'customer');
        return { ...change, customerName: customer.name, customerRegion: customer.region, requiredClearance: customer.publicSector ? customer.requiredClearance : null };
      }
      case 'remove_sow':
      case 'shift_sow':
        if (!(await this.sows.findById(change.sowId, tx))) throw missing('sowId', 'SOW');
        return change;
      case 'remove_item':
      case 'shift_item':
        if (!(await this.items.findById(change.scopeItemId, tx))) throw missing('scopeItemId', 'scope item');
        return change;
      case 'remove_engineer':
      case 'modify_engineer':
        if (!(await this.engineers.findById(change.engineerId, tx))) throw missing('engineerId', 'engineer');
        return change;
      case 'add_engineer':
        return change;
    }
  }

  private async visible(actor: Actor, id: string, field?: string): Promise<ScenarioEntity> {
    const s = await this.scenarios.findById(id);
    if (!s || (s.ownerId !== actor.userId && actor.role !== 'admin')) {
      throw new DomainError('not_found', `Scenario ${id} not found`, field ? [{ field, rule: 'exists', message: `${field} must name a scenario you own` }] : undefined);
    }
    return s;
  }

  private async lockVisible(actor: Actor, id: string, tx: Tx, expectedVersion: number | undefined): Promise<ScenarioEntity> {
    const s = await this.scenarios.findById(id, tx, { lock: true });
    if (!s || (s.ownerId !== actor.userId && actor.role !== 'admin')) throw new DomainError('not_found', `Scenario ${id} not found`);
    if (expectedVersion !== undefined && s.version !== expectedVersion) {
      throw new DomainError('version_conflict', `Scenario ${id} is at version ${s.version}, not ${expectedVersion}`, [{ field: 'version', rule: 'matchesCurrent', message: `current version is ${s.version}` }]);
    }
    return s;
  }

  private async visibleRun(actor: Actor, runId: string, field?: string): Promise<ScenarioRunEntity> {
    const run = await this.runs.findById(runId);
    if (!run || (run.requestedBy !== actor.userId && actor.role !== 'admin')) {
      throw new DomainError('not_found', `Scenario run ${runId} not found`, field ? [{ field, rule: 'exists', message: `${field} must name a run you may see` }] : undefined);
    }
    return run;
  }
}
