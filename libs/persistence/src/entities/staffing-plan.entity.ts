import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { SOLVER_METHODS, SolverMethod, STAFFING_PLAN_STATUSES, StaffingPlanStatus } from '@sow/domain';
import { Versioned } from './versioned';

/** What asked for a plan. DO NOT RENAME: stored values. */
export const PLAN_TRIGGERS = ['manual', 'sow.approved', 'change_request.approved', 'engineer.time_off_changed', 'engineer.deactivated', 'nightly'] as const;
export type PlanTrigger = (typeof PLAN_TRIGGERS)[number];

export interface PlanProgress {
  phase: 'queued' | 'loading' | 'compiling' | 'solving' | 'writing' | 'done';
  percent: number;
}

/** Versions of everything the plan read, to detect at approval that the world moved on. */
export interface PlanSnapshotVersions {
  /** Engineer version plus a fingerprint of their time off. */
  engineers: Record<string, string>;
  /** Scope item version plus a fingerprint of its live assignments. */
  scopeItems: Record<string, string>;
  assignments: Record<string, number>;
}

@Entity({ name: 'staffing_plans' })
@Index('ix_staffing_plans_status', ['status'])
@Index('ix_staffing_plans_debounce', ['debounceKey', 'status'])
export class StaffingPlanEntity extends Versioned {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'enum', enum: STAFFING_PLAN_STATUSES, enumName: 'staffing_plan_status', default: 'queued' })
  status: StaffingPlanStatus;

  @Column({ type: 'enum', enum: PLAN_TRIGGERS, enumName: 'staffing_plan_trigger', default: 'manual' })
  trigger: PlanTrigger;

  @Column({ name: 'horizon_start', type: 'date' })
  horizonStart: string;

  @Column({ name: 'horizon_end', type: 'date' })
  horizonEnd: string;

  /** Only these SOWs' scope items are planned (null: every approved or active SOW in the horizon). */
  @Column({ name: 'sow_ids', type: 'uuid', array: true, nullable: true })
  sowIds: string[] | null;

  @Column({ type: 'enum', enum: SOLVER_METHODS, enumName: 'solver_method', default: 'auto' })
  method: SolverMethod;

  @Column({ name: 'time_limit_ms', type: 'int' })
  timeLimitMs: number;

  /** Approved (not active, not locked) assignments may move too. */
  @Column({ name: 'move_approved', type: 'boolean', default: false })
  moveApproved: boolean;

  /** Same horizon and filter: triggers within the debounce window fold into one plan. */
  @Column({ name: 'debounce_key', type: 'varchar', length: 200 })
  debounceKey: string;

  @Column({ name: 'requested_by', type: 'uuid', nullable: true })
  requestedBy: string | null;

  @Column({ type: 'jsonb' })
  progress: PlanProgress;

  @Column({ name: 'snapshot_versions', type: 'jsonb', nullable: true })
  snapshotVersions: PlanSnapshotVersions | null;

  @Column({ name: 'kpis_before', type: 'jsonb', nullable: true })
  kpisBefore: Record<string, unknown> | null;

  @Column({ name: 'kpis_after', type: 'jsonb', nullable: true })
  kpisAfter: Record<string, unknown> | null;

  @Column({ type: 'jsonb', nullable: true })
  moves: Array<Record<string, unknown>> | null;

  /** Items the plan leaves unstaffed, with the rules that excluded engineers and the smallest change that would staff each. */
  @Column({ type: 'jsonb', nullable: true })
  unstaffed: Array<Record<string, unknown>> | null;

  @Column({ name: 'solver_stats', type: 'jsonb', nullable: true })
  solverStats: Record<string, unknown> | null;

  @Column({ name: 'error_code', type: 'varchar', length: 100, nullable: true })
  errorCode: string | null;

  @Column({ name: 'error_message', type: 'text', nullable: true })
  errorMessage: string | null;

  @Column({ type: 'int', default: 0 })
  attempts: number;

  @Column({ name: 'decided_by', type: 'uuid', nullable: true })
  decidedBy: string | null;

  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true })
  decidedAt: Date | null;

  @Column({ name: 'decision_reason', type: 'text', nullable: true })
  decisionReason: string | null;

  @Column({ name: 'started_at', type: 'timestamptz', nullable: true })
  startedAt: Date | null;

  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt: Date | null;
}
