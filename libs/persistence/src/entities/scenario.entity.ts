import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { Versioned } from './versioned';

/** A named, private what-if layer over live data: its changes are overlay rows, never writes to live tables. */
@Entity({ name: 'scenarios' })
@Index('ix_scenarios_owner', ['ownerId'])
export class ScenarioEntity extends Versioned {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  /** The senior manager who owns it: only they (and admins) see it. */
  @Column({ name: 'owner_id', type: 'uuid' })
  ownerId: string;

  @Column({ name: 'promoted_at', type: 'timestamptz', nullable: true })
  promotedAt: Date | null;
}

/** One change of a scenario (kind + typed payload, see libs/core/src/scenarios/scenario-changes.ts). */
@Entity({ name: 'scenario_changes' })
@Index('ix_scenario_changes_scenario', ['scenarioId', 'seq'])
export class ScenarioChangeEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'scenario_id', type: 'uuid' })
  scenarioId: string;

  /** Order of application inside the scenario. */
  @Column({ type: 'int' })
  seq: number;

  @Column({ type: 'varchar', length: 40 })
  kind: string;

  @Column({ type: 'jsonb' })
  payload: Record<string, unknown>;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

/** What a scenario run computes. DO NOT RENAME: stored values. */
export const SCENARIO_RUN_KINDS = ['solve', 'hiring'] as const;
export type ScenarioRunKind = (typeof SCENARIO_RUN_KINDS)[number];
export const SCENARIO_RUN_STATUSES = ['queued', 'running', 'done', 'failed'] as const;
export type ScenarioRunStatus = (typeof SCENARIO_RUN_STATUSES)[number];

/** A solve or hiring plan of a scenario (or of live data when `scenarioId` is null), computed by the worker. */
@Entity({ name: 'scenario_runs' })
@Index('ix_scenario_runs_scenario', ['scenarioId'])
@Index('ix_scenario_runs_status', ['status'])
export class ScenarioRunEntity extends Versioned {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'scenario_id', type: 'uuid', nullable: true })
  scenarioId: string | null;

  @Column({ type: 'varchar', length: 20 })
  kind: ScenarioRunKind;

  @Column({ type: 'varchar', length: 20, default: 'queued' })
  status: ScenarioRunStatus;

  @Column({ name: 'requested_by', type: 'uuid' })
  requestedBy: string;

  @Column({ name: 'horizon_start', type: 'date' })
  horizonStart: string;

  @Column({ name: 'horizon_end', type: 'date' })
  horizonEnd: string;

  /** Run options: time limit, method, whether the pipeline is weighted by win probability. */
  @Column({ type: 'jsonb' })
  params: Record<string, unknown>;

  @Column({ type: 'jsonb' })
  progress: { phase: 'queued' | 'loading' | 'compiling' | 'solving' | 'writing' | 'done'; percent: number };

  @Column({ type: 'jsonb', nullable: true })
  result: Record<string, unknown> | null;

  @Column({ name: 'error_code', type: 'varchar', length: 100, nullable: true })
  errorCode: string | null;

  @Column({ name: 'error_message', type: 'text', nullable: true })
  errorMessage: string | null;

  @Column({ type: 'int', default: 0 })
  attempts: number;

  @Column({ name: 'started_at', type: 'timestamptz', nullable: true })
  startedAt: Date | null;

  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt: Date | null;
}
