import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** One row per state change, written in the same transaction as the change. Append-only. */
@Entity({ name: 'audit_events' })
@Index('ix_audit_events_entity', ['entityType', 'entityId', 'at'])
@Index('ix_audit_events_sow', ['sowId', 'at'])
export class AuditEventEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Null for system actions (migrations, workers). */
  @Column({ name: 'actor_id', type: 'uuid', nullable: true })
  actorId: string | null;

  @Column({ type: 'varchar', length: 100 })
  action: string;

  @Column({ name: 'entity_type', type: 'varchar', length: 50 })
  entityType: string;

  /** A UUID for most entities, the key for catalogue rows (skills, templates). */
  @Column({ name: 'entity_id', type: 'varchar', length: 100 })
  entityId: string;

  /** The SOW this event belongs to (the SOW itself, its items, its change requests), for its history. */
  @Column({ name: 'sow_id', type: 'uuid', nullable: true })
  sowId: string | null;

  @Column({ type: 'jsonb', nullable: true })
  before: Record<string, unknown> | null;

  @Column({ type: 'jsonb', nullable: true })
  after: Record<string, unknown> | null;

  // clock_timestamp, not now(): several events of one transaction must still sort in write order.
  @Column({ type: 'timestamptz', default: () => 'clock_timestamp()' })
  at: Date;
}
