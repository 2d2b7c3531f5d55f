import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

export const QUEUE_CHECK_STATUSES = ['queued', 'completed', 'failed'] as const;
export type QueueCheckStatus = (typeof QUEUE_CHECK_STATUSES)[number];

/** A round trip through the queue to a worker, recorded so operators can see that workers consume. */
@Entity({ name: 'queue_checks' })
export class QueueCheckEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'enum', enum: QUEUE_CHECK_STATUSES, enumName: 'queue_check_status', default: 'queued' })
  status: QueueCheckStatus;

  @Column({ name: 'requested_by', type: 'uuid', nullable: true })
  requestedBy: string | null;

  /** host:pid of the worker that processed it. */
  @Column({ name: 'processed_by', type: 'varchar', length: 200, nullable: true })
  processedBy: string | null;

  @Column({ type: 'int', default: 0 })
  attempts: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'completed_at', type: 'timestamptz', nullable: true })
  completedAt: Date | null;
}
