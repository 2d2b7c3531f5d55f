import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { HEALTH_STATUSES, HealthStatus, Level, LevelRate, TIMESHEET_STATUSES, TimesheetStatus } from '@sow/domain';
import { AssignmentEntity } from './assignment.entity';
import { NUMERIC_AS_NUMBER } from './column-transformers';
import { EngineerEntity } from './engineer.entity';
import { ScopeItemEntity } from './scope-item.entity';
import { SowEntity } from './sow.entity';
import { Versioned } from './versioned';

/** One engineer's week (Monday to Sunday): the unit that is submitted, returned and approved. */
@Entity({ name: 'timesheets' })
@Check('ck_timesheets_monday', '(EXTRACT(isodow FROM week_start) = (1)::numeric)')
@Index('uq_timesheets_engineer_week', ['engineerId', 'weekStart'], { unique: true })
@Index('ix_timesheets_week_status', ['weekStart', 'status'])
export class TimesheetEntity extends Versioned {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'engineer_id', type: 'uuid' })
  engineerId: string;

  @ManyToOne(() => EngineerEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'engineer_id' })
  engineer?: EngineerEntity;

  /** The Monday of the ISO week. */
  @Column({ name: 'week_start', type: 'date' })
  weekStart: string;

  @Column({ type: 'enum', enum: TIMESHEET_STATUSES, enumName: 'timesheet_status', default: 'open' })
  status: TimesheetStatus;

  @Column({ name: 'submitted_at', type: 'timestamptz', nullable: true })
  submittedAt: Date | null;

  @Column({ name: 'decided_by', type: 'uuid', nullable: true })
  decidedBy: string | null;

  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true })
  decidedAt: Date | null;

  /** Why it was returned (the last return). */
  @Column({ name: 'return_reason', type: 'text', nullable: true })
  returnReason: string | null;
}

/**
 * Hours on one assignment on one day. Never updated or deleted once written: a correction is a
 * reversing entry (negative hours, `reverses_entry_id` set) plus, if needed, a new entry.
 */
@Entity({ name: 'timesheet_entries' })
@Check('ck_timesheet_entries_hours', '((hours <> (0)::numeric) AND ((hours > (0)::numeric) = (reverses_entry_id IS NULL)))')
@Index('ix_timesheet_entries_timesheet', ['timesheetId'])
@Index('ix_timesheet_entries_work_date', ['workDate'])
@Index('ix_timesheet_entries_scope_item', ['scopeItemId'])
@Index('ix_timesheet_entries_sow', ['sowId'])
@Index('uq_timesheet_entries_reverses', ['reversesEntryId'], { unique: true, where: 'reverses_entry_id IS NOT NULL' })
export class TimesheetEntryEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'timesheet_id', type: 'uuid' })
  timesheetId: string;

  @ManyToOne(() => TimesheetEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'timesheet_id' })
  timesheet?: TimesheetEntity;

  /** Denormalised from the timesheet and the assignment, so the metrics aggregate one table. */
  @Column({ name: 'engineer_id', type: 'uuid' })
  engineerId: string;

  @Column({ name: 'assignment_id', type: 'uuid' })
  assignmentId: string;

  @ManyToOne(() => AssignmentEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'assignment_id' })
  assignment?: AssignmentEntity;

  @Column({ name: 'scope_item_id', type: 'uuid' })
  scopeItemId: string;

  @ManyToOne(() => ScopeItemEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'scope_item_id' })
  scopeItem?: ScopeItemEntity;

  @Column({ name: 'sow_id', type: 'uuid' })
  sowId: string;

  @ManyToOne(() => SowEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'sow_id' })
  sow?: SowEntity;

  @Column({ name: 'work_date', type: 'date' })
  workDate: string;

  /** Negative only on a reversal. */
  @Column({ type: 'numeric', precision: 6, scale: 2, transformer: NUMERIC_AS_NUMBER })
  hours: number;

  @Column({ type: 'boolean' })
  billable: boolean;

  @Column({ type: 'text', nullable: true })
  note: string | null;

  @Column({ name: 'reverses_entry_id', type: 'uuid', nullable: true })
  reversesEntryId: string | null;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

/**
 * Each rate card as it stood from a day on; written by a trigger on rate_cards (a new card applies to
 * all earlier days, a change from the day it is made), so revenue uses the rate of the day worked.
 */
@Entity({ name: 'rate_card_history' })
@Index('uq_rate_card_history_currency_from', ['currency', 'effectiveFrom'], { unique: true })
export class RateCardHistoryEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'char', length: 3 })
  currency: string;

  @Column({ name: 'effective_from', type: 'date' })
  effectiveFrom: string;

  @Column({ type: 'jsonb' })
  rates: Partial<Record<Level, LevelRate>>;
}

/** The EM's estimate to complete for a scope item; when present it replaces estimate − actuals. */
@Entity({ name: 'scope_item_forecasts' })
export class ScopeItemForecastEntity extends Versioned {
  @PrimaryColumn({ name: 'scope_item_id', type: 'uuid' })
  scopeItemId: string;

  @ManyToOne(() => ScopeItemEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'scope_item_id' })
  scopeItem?: ScopeItemEntity;

  @Column({ name: 'estimate_to_complete', type: 'numeric', precision: 10, scale: 2, transformer: NUMERIC_AS_NUMBER })
  estimateToComplete: number;

  @Column({ name: 'set_by', type: 'uuid', nullable: true })
  setBy: string | null;
}

/** The last health computed for a SOW; a change writes sow.health_changed to the outbox. */
@Entity({ name: 'sow_health' })
@Index('ix_sow_health_status', ['status'])
export class SowHealthEntity {
  @PrimaryColumn({ name: 'sow_id', type: 'uuid' })
  sowId: string;

  @ManyToOne(() => SowEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'sow_id' })
  sow?: SowEntity;

  @Column({ type: 'enum', enum: HEALTH_STATUSES, enumName: 'health_status' })
  status: HealthStatus;

  @Column({ name: 'previous_status', type: 'enum', enum: HEALTH_STATUSES, enumName: 'health_status', nullable: true })
  previousStatus: HealthStatus | null;

  @Column({ type: 'jsonb', default: () => `'[]'` })
  reasons: string[];

  @Column({ name: 'changed_at', type: 'timestamptz' })
  changedAt: Date;
}

/** Customer satisfaction recorded by the EM when the SOW completes: 1 (poor) to 5 (excellent). */
@Entity({ name: 'sow_csat' })
@Check('ck_sow_csat_score', '((score >= 1) AND (score <= 5))')
export class SowCsatEntity extends Versioned {
  @PrimaryColumn({ name: 'sow_id', type: 'uuid' })
  sowId: string;

  @ManyToOne(() => SowEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'sow_id' })
  sow?: SowEntity;

  @Column({ type: 'smallint' })
  score: number;

  @Column({ type: 'text', nullable: true })
  comment: string | null;

  @Column({ name: 'recorded_by', type: 'uuid' })
  recordedBy: string;
}

/**
 * Approved hours rolled up at approval per engineer, SOW, calendar month and the rate period in force on
 * the day worked (rate_from; 0001-01-01 when the currency had no card), so the metrics of a month or a
 * quarter read a few thousand rows instead of every entry. Rate changes apply from the day they are made,
 * so a row's period never changes after it is written.
 */
@Entity({ name: 'approved_actuals_monthly' })
@Index('ix_approved_actuals_monthly_month', ['month'])
export class ApprovedActualsMonthlyEntity {
  @PrimaryColumn({ name: 'engineer_id', type: 'uuid' })
  engineerId: string;

  @PrimaryColumn({ name: 'sow_id', type: 'uuid' })
  sowId: string;

  /** The first day of the month. */
  @PrimaryColumn({ type: 'date' })
  month: string;

  @PrimaryColumn({ name: 'rate_from', type: 'date' })
  rateFrom: string;

  @Column({ name: 'billable_hours', type: 'numeric', precision: 12, scale: 2, transformer: NUMERIC_AS_NUMBER })
  billableHours: number;

  @Column({ type: 'numeric', precision: 12, scale: 2, transformer: NUMERIC_AS_NUMBER })
  hours: number;
}

/** Approved hours and the last approved work day per SOW, kept at approval (on time / on budget of completed SOWs). */
@Entity({ name: 'sow_actuals' })
export class SowActualsEntity {
  @PrimaryColumn({ name: 'sow_id', type: 'uuid' })
  sowId: string;

  @Column({ name: 'approved_hours', type: 'numeric', precision: 12, scale: 2, transformer: NUMERIC_AS_NUMBER })
  approvedHours: number;

  @Column({ name: 'last_work_date', type: 'date' })
  lastWorkDate: string;
}

/**
 * Each scope item's actual finish: its last day with net positive approved hours (a day whose hours were
 * reversed is not a day worked), kept at approval for the items a timesheet touched, so on-time needs no
 * pass over the entries. No row: no approved hours on the item.
 */
@Entity({ name: 'scope_item_finish' })
@Index('ix_scope_item_finish_sow', ['sowId'])
export class ScopeItemFinishEntity {
  @PrimaryColumn({ name: 'scope_item_id', type: 'uuid' })
  scopeItemId: string;

  @Column({ name: 'sow_id', type: 'uuid' })
  sowId: string;

  @Column({ name: 'finish_date', type: 'date' })
  finishDate: string;
}
