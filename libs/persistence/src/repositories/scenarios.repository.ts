import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ScenarioChangeEntity, ScenarioEntity, ScenarioRunEntity } from '../entities/scenario.entity';
import { BaseRepository, Tx } from './base.repository';

/** Scenarios and their overlay rows. Reads only the scenario tables: live tables are never written here. */
@Injectable()
export class ScenariosRepository extends BaseRepository<ScenarioEntity> {
  constructor(dataSource: DataSource) {
    super(dataSource, ScenarioEntity);
  }

  listVisible(ownerId: string | null, limit: number, offset: number): Promise<[ScenarioEntity[], number]> {
    return this.repo().findAndCount({ where: ownerId ? { ownerId } : {}, order: { createdAt: 'DESC', id: 'ASC' }, take: limit, skip: offset });
  }

  changes(scenarioId: string, tx?: Tx): Promise<ScenarioChangeEntity[]> {
    return (tx ?? this.dataSource.manager).getRepository(ScenarioChangeEntity).find({ where: { scenarioId }, order: { seq: 'ASC' } });
  }

  async addChange(values: Pick<ScenarioChangeEntity, 'scenarioId' | 'kind' | 'payload'>, tx: Tx): Promise<ScenarioChangeEntity> {
    const rows: Array<{ n: number }> = await tx.query(`SELECT COALESCE(max(seq), 0)::int AS n FROM scenario_changes WHERE scenario_id = $1`, [values.scenarioId]);
    const repo = tx.getRepository(ScenarioChangeEntity);
    return repo.save(repo.create({ ...values, seq: rows[0].n + 1 }));
  }

  async removeChange(scenarioId: string, changeId: string, tx: Tx): Promise<boolean> {
    const result = await tx.getRepository(ScenarioChangeEntity).delete({ id: changeId, scenarioId });
    return (result.affected ?? 0) > 0;
  }

  async removeScenario(id: string, tx: Tx): Promise<void> {
    await tx.getRepository(ScenarioChangeEntity).delete({ scenarioId: id });
    await tx.getRepository(ScenarioRunEntity).delete({ scenarioId: id });
    await tx.getRepository(ScenarioEntity).delete({ id });
  }
}

/** Runs (solves, hiring plans) of scenarios, claimed and completed by the worker. */
@Injectable()
export class ScenarioRunsRepository extends BaseRepository<ScenarioRunEntity> {
  constructor(dataSource: DataSource) {
    super(dataSource, ScenarioRunEntity);
  }

  /** Queued → running, counting the attempt; null when the run is already finished (or unknown). */
  async claim(id: string): Promise<ScenarioRunEntity | null> {
    const rows: Array<{ id: string }> = await this.dataSource.query(
      `UPDATE scenario_runs SET status = 'running', attempts = attempts + 1, started_at = now(), version = version + 1, updated_at = now(),
              progress = '{"phase":"loading","percent":5}'::jsonb
       WHERE id = $1 AND status IN ('queued', 'running') RETURNING id`,
      [id],
    );
    return rows.length > 0 ? this.findById(id) : null;
  }

  async setProgress(id: string, phase: ScenarioRunEntity['progress']['phase'], percent: number): Promise<void> {
    await this.dataSource.query(`UPDATE scenario_runs SET progress = $2::jsonb, updated_at = now() WHERE id = $1 AND status = 'running'`, [id, JSON.stringify({ phase, percent })]);
  }

  /** Writes the outcome once: a run that is no longer running is left alone. */
  async complete(id: string, outcome: { status: 'done' | 'failed'; result?: Record<string, unknown>; errorCode?: string; errorMessage?: string }): Promise<boolean> {
    const rows: Array<{ id: string }> = await this.dataSource.query(
      `UPDATE scenario_runs SET status = $2, result = $3::jsonb, error_code = $4, error_message = $5, progress = '{"phase":"done","percent":100}'::jsonb,
              finished_at = now(), version = version + 1, updated_at = now()
       WHERE id = $1 AND status IN ('queued', 'running') RETURNING id`,
      [id, outcome.status, outcome.result ? JSON.stringify(outcome.result) : null, outcome.errorCode ?? null, outcome.errorMessage ?? null],
    );
    return rows.length > 0;
  }

  async setResult(id: string, result: Record<string, unknown>, tx: Tx): Promise<void> {
    await tx.query(`UPDATE scenario_runs SET result = $2::jsonb, version = version + 1, updated_at = now() WHERE id = $1`, [id, JSON.stringify(result)]);
  }
}
