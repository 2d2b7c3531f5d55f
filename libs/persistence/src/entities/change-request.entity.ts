import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { CHANGE_REQUEST_STATUSES, ChangeRequestStatus } from '@sow/domain';
import { SowEntity } from './sow.entity';
import { Versioned } from './versioned';

/** A proposed set of scope changes on an approved or active SOW, as validated JSON. */
@Entity({ name: 'change_requests' })
@Index('ix_change_requests_sow', ['sowId'])
export class ChangeRequestEntity extends Versioned {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'sow_id', type: 'uuid' })
  sowId: string;

  @ManyToOne(() => SowEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'sow_id' })
  sow?: SowEntity;

  @Column({ type: 'text' })
  reason: string;

  /** The changes as submitted (ops add / modify / remove); applied in order on approval. */
  @Column({ type: 'jsonb' })
  changes: Array<Record<string, unknown>>;

  @Column({ type: 'enum', enum: CHANGE_REQUEST_STATUSES, enumName: 'change_request_status', default: 'submitted' })
  status: ChangeRequestStatus;

  @Column({ name: 'requested_by', type: 'uuid' })
  requestedBy: string;

  /** The SOW version the changes were validated against. */
  @Column({ name: 'sow_version', type: 'int' })
  sowVersion: number;

  @Column({ name: 'decided_by', type: 'uuid', nullable: true })
  decidedBy: string | null;

  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true })
  decidedAt: Date | null;

  @Column({ name: 'decision_reason', type: 'text', nullable: true })
  decisionReason: string | null;
}
