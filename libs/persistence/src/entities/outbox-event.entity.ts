import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** Events for other processes, written in the business transaction; a relay sends them and sets sent_at. */
@Entity({ name: 'outbox_events' })
@Index('ix_outbox_events_unsent', ['createdAt'], { where: 'sent_at IS NULL' })
/** The webhook dispatcher reads recent events by time, whether or not the relay has sent them. */
@Index('ix_outbox_events_created_at', ['createdAt'])
export class OutboxEventEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** e.g. sow.approved; a wire name, do not rename. */
  @Column({ type: 'varchar', length: 100 })
  type: string;

  @Column({ name: 'aggregate_type', type: 'varchar', length: 50 })
  aggregateType: string;

  @Column({ name: 'aggregate_id', type: 'uuid' })
  aggregateId: string;

  @Column({ type: 'jsonb' })
  payload: Record<string, unknown>;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'sent_at', type: 'timestamptz', nullable: true })
  sentAt: Date | null;
}
