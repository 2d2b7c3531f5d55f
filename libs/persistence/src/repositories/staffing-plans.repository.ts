import { Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { domainEvent, StaffingPlanStatus } from '@sow/domain';
import { OutboxEventEntity } from '../entities/outbox-event.entity';
import { PlanTrigger, StaffingPlanEntity } from '../entities/staffing-plan.entity';
import { BaseRepository, Tx } from './base.repository';

export interface PlanListFilter {
  status?: StaffingPlanStatus;
  limit: number;
  offset: number;
}

@Injectable()
export class StaffingPlansRepository extends BaseRepository<StaffingPlanEntity> {
  constructor(dataSource: DataSource) {
    super(dataSource, StaffingPlanEntity);
  }

  list(filter: PlanListFilter): Promise<[StaffingPlanEntity[], number]> {
    return this.repo().findAndCount({
      where: filter.status ? { status: filter.status } : {},
      order: { createdAt: 'DESC', id: 'ASC' },
      take: filter.limit,
      skip: filter.offset,
      // The moves can be large; the list shows the summary only.
      select: {
        id: true, status: true, trigger: true, horizonStart: true, horizonEnd: true, sowIds: true, method: true, timeLimitMs: true,
        moveApproved: true, progress: true, kpisBefore: true, kpisAfter: true, solverStats: true, errorCode: true, errorMessage: true,
        requestedBy: true, decidedBy: true, decidedAt: true, decisionReason: true, version: true, createdAt: true, updatedAt: true,
        startedAt: true, finishedAt: true, attempts: true, debounceKey: true,
      },
    });
  }

  /** A plan of the same horizon and filter still waiting to run: new triggers fold into it. */
  findWaiting(debounceKey: string, tx: Tx): Promise<StaffingPlanEntity | null> {
    return this.repo(tx).findOne({ where: { debounceKey, status: 'queued' }, order: { createdAt: 'ASC' }, lock: { mode: 'pessimistic_write' } });
  }

  /** Plans that should have a job: the queued ones, with their trigger (which sets the job's priority). */
  plansToRun(): Promise<Array<{ id: string; trigger: PlanTrigger }>> {
    return this.repo()
      .find({ where: { status: In(['queued']) }, select: { id: true, trigger: true }, order: { createdAt: 'ASC' }, take: 500 })
      .then((rows) => rows.map((r) => ({ id: r.id, trigger: r.trigger })));
  }

  /**
   * Queued and running plans this user asked for, counted under a per-user transaction lock so two
   * concurrent requests cannot both pass the cap.
   */
  async countUnfinishedBy(userId: string, tx: Tx): Promise<number> {
    await tx.query(`SELECT pg_advisory_xact_lock(hashtext('staffing-plans:' || $1))`, [userId]);
    const rows: Array<{ n: number }> = await tx.query(`SELECT count(*)::int AS n FROM staffing_plans WHERE requested_by = $1 AND status IN ('queued', 'running')`, [userId]);
    return rows[0].n;
  }

  /** Plans a worker should be busy with, for the sweeper to compare with their jobs. */
  async unfinished(limit = 500): Promise<Array<{ id: string; status: 'queued' | 'running'; attempts: number; trigger: PlanTrigger }>> {
    return this.dataSource.query(`SELECT id, status, attempts, trigger FROM staffing_plans WHERE status IN ('queued', 'running') ORDER BY created_at LIMIT $1`, [limit]);
  }

  /**
   * A running plan whose worker is gone goes back to queued (only if still running); true when it did.
   * `refundAttempt` when the worker stopped cleanly (SIGTERM): that start does not count as a crash.
   */
  async requeue(id: string, options: { refundAttempt?: boolean } = {}): Promise<boolean> {
    const result = (await this.dataSource.query(
      `UPDATE staffing_plans SET status = 'queued', progress = '{"phase":"queued","percent":0}'::jsonb, version = version + 1, updated_at = now(),
              attempts = CASE WHEN $2 THEN greatest(attempts - 1, 0) ELSE attempts END
        WHERE id = $1 AND status = 'running' RETURNING id`,
      [id, options.refundAttempt === true],
    )) as [Array<{ id: string }>, number];
    return result[0].length > 0;
  }

  /** Moves a queued (or re-delivered running) plan to running; null when it is already finished. */
  async claim(id: string): Promise<StaffingPlanEntity | null> {
    const result = (await this.dataSource.query(
      `UPDATE staffing_plans
          SET status = 'running', attempts = attempts + 1, started_at = now(), version = version + 1, updated_at = now(),
              progress = '{"phase":"loading","percent":5}'::jsonb
        WHERE id = $1 AND status IN ('queued', 'running')
        RETURNING id`,
      [id],
    )) as [Array<{ id: string }>, number];
    const rows = result[0];
    return rows.length > 0 ? this.findById(id) : null;
  }

  async setProgress(id: string, phase: StaffingPlanEntity['progress']['phase'], percent: number): Promise<void> {
    await this.dataSource.query(
      `UPDATE staffing_plans SET progress = $2::jsonb, updated_at = now() WHERE id = $1 AND status = 'running'`,
      [id, JSON.stringify({ phase, percent })],
    );
  }

  /**
   * Writes the outcome only if the plan is still running (a duplicate delivery cannot overwrite a decision),
   * and in the same transaction its staffing_plan.proposed or staffing_plan.failed outbox event.
   */
  async complete(id: string, outcome: PlanOutcome): Promise<boolean> {
    return this.dataSource.transaction(async (tx) => {
      const result = (await tx.query(
        `UPDATE staffing_plans
            SET status = $2, progress = $3::jsonb, snapshot_versions = $4::jsonb, kpis_before = $5::jsonb, kpis_after = $6::jsonb,
                moves = $7::jsonb, solver_stats = $8::jsonb, error_code = $9, error_message = $10, unstaffed = $11::jsonb,
                version = version + 1, updated_at = now(), finished_at = now()
          WHERE id = $1 AND status = 'running'
          RETURNING id, trigger`,
        [
          id,
          outcome.status,
          JSON.stringify(outcome.progress),
          json(outcome.snapshotVersions),
          json(outcome.kpisBefore),
          json(outcome.kpisAfter),
          json(outcome.moves),
          json(outcome.solverStats),
          outcome.errorCode ?? null,
          outcome.errorMessage ?? null,
          json(outcome.unstaffed),
        ],
      )) as [Array<{ id: string; trigger: string }>, number];
      const done = result[0][0];
      if (!done) return false;
      const event =
        outcome.status === 'proposed'
          ? domainEvent('staffing_plan.proposed', id, { planId: id, trigger: done.trigger, changes: outcome.moves?.length ?? 0 })
          : domainEvent('staffing_plan.failed', id, { planId: id, trigger: done.trigger, errorCode: outcome.errorCode ?? 'internal_error' });
      await tx.getRepository(OutboxEventEntity).insert({ type: event.type, aggregateType: event.aggregateType, aggregateId: id, payload: event.payload });
      return true;
    });
  }

  /** What changes whenever the row does (version, and updated_at for progress): a cache key for a loaded plan. */
  async stamp(id: string): Promise<string | null> {
    const rows: Array<{ stamp: string }> = await this.dataSource.query(`SELECT version || '|' || updated_at::text AS stamp FROM staffing_plans WHERE id = $1`, [id]);
    return rows[0]?.stamp ?? null;
  }

  /** Records an SM's decision on a proposed plan (inside the approving transaction). */
  async decide(id: string, status: 'approved' | 'rejected' | 'stale', decidedBy: string, reason: string | null, tx: Tx): Promise<void> {
    await tx.query(
      `UPDATE staffing_plans SET status = $2, decided_by = $3, decided_at = now(), decision_reason = $4, version = version + 1, updated_at = now() WHERE id = $1`,
      [id, status, decidedBy, reason],
    );
  }
}

export interface PlanOutcome {
  status: 'proposed' | 'failed';
  progress: StaffingPlanEntity['progress'];
  snapshotVersions?: StaffingPlanEntity['snapshotVersions'];
  kpisBefore?: object | null;
  kpisAfter?: object | null;
  moves?: readonly object[] | null;
  /** The items the plan leaves unstaffed, each with why and what would staff it. */
  unstaffed?: readonly object[] | null;
  solverStats?: object | null;
  errorCode?: string | null;
  errorMessage?: string | null;
}

const json = (value: unknown): string | null => (value === undefined || value === null ? null : JSON.stringify(value));
