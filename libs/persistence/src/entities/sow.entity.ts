import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { CLEARANCE_LEVELS, ClearanceLevel, SOW_STATUSES, SowStatus } from '@sow/domain';
import { CustomerEntity } from './customer.entity';
import { UserEntity } from './user.entity';
import { Versioned } from './versioned';

@Entity({ name: 'sows' })
@Index('ix_sows_customer', ['customerId'])
@Index('ix_sows_status', ['status'])
export class SowEntity extends Versioned {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'customer_id', type: 'uuid' })
  customerId: string;

  @ManyToOne(() => CustomerEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'customer_id' })
  customer?: CustomerEntity;

  @Column({ type: 'varchar', length: 300 })
  title: string;

  /** The user (role engagement_manager) who owns the SOW; they may not approve it. */
  @Column({ name: 'engagement_manager_id', type: 'uuid' })
  engagementManagerId: string;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'engagement_manager_id' })
  engagementManager?: UserEntity;

  @Column({ name: 'start_date', type: 'date' })
  startDate: string;

  @Column({ name: 'end_date', type: 'date' })
  endDate: string;

  @Column({ type: 'char', length: 3 })
  currency: string;

  @Column({ type: 'enum', enum: SOW_STATUSES, enumName: 'sow_status', default: 'draft' })
  status: SowStatus;

  /** Copied from a public-sector customer when the SOW is created. */
  @Column({ name: 'required_clearance', type: 'enum', enum: CLEARANCE_LEVELS, enumName: 'clearance_level', nullable: true })
  requiredClearance: ClearanceLevel | null;

  /** The approval record: who approved or rejected, when, and why. */
  @Column({ name: 'decided_by', type: 'uuid', nullable: true })
  decidedBy: string | null;

  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true })
  decidedAt: Date | null;

  @Column({ name: 'decision_reason', type: 'text', nullable: true })
  decisionReason: string | null;
}
