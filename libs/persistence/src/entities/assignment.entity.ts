import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { ASSIGNMENT_ROLES, ASSIGNMENT_SOURCES, ASSIGNMENT_STATUSES, AssignmentRole, AssignmentSource, AssignmentStatus, CriterionScore } from '@sow/domain';
import { NUMERIC_AS_NUMBER } from './column-transformers';
import { EngineerEntity } from './engineer.entity';
import { ScopeItemEntity } from './scope-item.entity';
import { SowEntity } from './sow.entity';
import { Versioned } from './versioned';

/** The score at the moment of assignment, so the engineer can later see why they were picked. */
export interface StoredScore {
  total: number;
  breakdown: CriterionScore[];
}

/** A rule an SM overrode, with their written reason. */
export interface StoredOverride {
  rules: string[];
  reason: string;
  by: string;
  at: string;
}

@Entity({ name: 'assignments' })
@Index('ix_assignments_engineer_dates', ['engineerId', 'startDate', 'endDate'])
@Index('ix_assignments_scope_item', ['scopeItemId'])
@Index('ix_assignments_sow', ['sowId'])
export class AssignmentEntity extends Versioned {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'scope_item_id', type: 'uuid' })
  scopeItemId: string;

  @ManyToOne(() => ScopeItemEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'scope_item_id' })
  scopeItem?: ScopeItemEntity;

  /** Denormalised from the scope item: the lead rule and SOW views read by SOW. */
  @Column({ name: 'sow_id', type: 'uuid' })
  sowId: string;

  @ManyToOne(() => SowEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'sow_id' })
  sow?: SowEntity;

  @Column({ name: 'engineer_id', type: 'uuid' })
  engineerId: string;

  @ManyToOne(() => EngineerEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'engineer_id' })
  engineer?: EngineerEntity;

  @Column({ type: 'enum', enum: ASSIGNMENT_ROLES, enumName: 'assignment_role' })
  role: AssignmentRole;

  @Column({ name: 'hours_per_week', type: 'numeric', precision: 6, scale: 2, transformer: NUMERIC_AS_NUMBER })
  hoursPerWeek: number;

  @Column({ name: 'start_date', type: 'date' })
  startDate: string;

  @Column({ name: 'end_date', type: 'date' })
  endDate: string;

  @Column({ name: 'onsite_days', type: 'numeric', precision: 6, scale: 2, default: 0, transformer: NUMERIC_AS_NUMBER })
  onsiteDays: number;

  @Column({ type: 'enum', enum: ASSIGNMENT_STATUSES, enumName: 'assignment_status', default: 'proposed' })
  status: AssignmentStatus;

  @Column({ type: 'enum', enum: ASSIGNMENT_SOURCES, enumName: 'assignment_source', default: 'manual' })
  source: AssignmentSource;

  /** A locked assignment is never moved by a staffing plan. */
  @Column({ type: 'boolean', default: false })
  locked: boolean;

  @Column({ type: 'jsonb', nullable: true })
  score: StoredScore | null;

  @Column({ type: 'jsonb', nullable: true })
  override: StoredOverride | null;

  @Column({ name: 'staffing_plan_id', type: 'uuid', nullable: true })
  staffingPlanId: string | null;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy: string | null;

  @Column({ name: 'approved_by', type: 'uuid', nullable: true })
  approvedBy: string | null;

  @Column({ name: 'approved_at', type: 'timestamptz', nullable: true })
  approvedAt: Date | null;
}
