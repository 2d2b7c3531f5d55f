import { Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { StaffingPlanStatus } from '@sow/domain';
import { StaffingPlanEntity } from '../entities/staffing-plan.entity';
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

  /** Plans that should have a job: queued ones, and running ones whose worker may have died. */
  idsToRun(): Promise<string[]> {
    return this.repo()
      .find({ where: { status: In(['queued']) }, select: { id: true }, order: { createdAt: 'ASC' }, take: 500 })
      .then((rows) => rows.map((r) => r.id));
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

  /** Writes the outcome only if the plan is still running (a duplicate delivery cannot overwrite a decision). */
  async complete(id: string, outcome: PlanOutcome): Promise<boolean> {
    const result = (await this.dataSource.query(
      `UPDATE staffing_plans
          SET status = $2, progress = $3::jsonb, snapshot_versions = $4::jsonb, kpis_before = $5::jsonb, kpis_after = $6::jsonb,
              moves = $7::jsonb, solver_stats = $8::jsonb, error_code = $9, error_message = $10, unstaffed = $11::jsonb,
              version = version + 1, updated_at = now(), finished_at = now()
        WHERE id = $1 AND status = 'running'
        RETURNING id`,
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
    )) as [Array<{ id: string }>, number];
    return result[0].length > 0;
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
