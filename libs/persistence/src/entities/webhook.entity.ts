import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { Versioned } from './versioned';

/** Why an endpoint was switched off by the system (null: enabled, or disabled by an admin). DO NOT RENAME: stored. */
export const WEBHOOK_DISABLED_REASONS = ['manual', 'gone', 'failing'] as const;
export type WebhookDisabledReason = (typeof WEBHOOK_DISABLED_REASONS)[number];

/** Where a delivery stands. DO NOT RENAME: stored. */
export const WEBHOOK_DELIVERY_STATUSES = ['pending', 'delivering', 'succeeded', 'failed'] as const;
export type WebhookDeliveryStatus = (typeof WEBHOOK_DELIVERY_STATUSES)[number];

/** A receiver registered by an admin: the events it wants and the secret deliveries are signed with. */
@Entity({ name: 'webhook_endpoints' })
export class WebhookEndpointEntity extends Versioned {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 2000 })
  url: string;

  @Column({ type: 'varchar', length: 500, default: '' })
  description: string;

  /** Catalogue event types (libs/domain event-catalogue.ts) this endpoint receives. */
  @Column({ type: 'text', array: true })
  events: string[];

  @Column({ type: 'boolean', default: true })
  enabled: boolean;

  @Column({ name: 'disabled_reason', type: 'varchar', length: 20, nullable: true })
  disabledReason: WebhookDisabledReason | null;

  /** `whsec_` + base64 of 32 random bytes; the HMAC key is the base64 part. */
  @Column({ type: 'varchar', length: 100 })
  secret: string;

  /** The secret before the last rotation, still signed with until previousSecretExpiresAt. */
  @Column({ name: 'previous_secret', type: 'varchar', length: 100, nullable: true })
  previousSecret: string | null;

  @Column({ name: 'previous_secret_expires_at', type: 'timestamptz', nullable: true })
  previousSecretExpiresAt: Date | null;

  /** First failed attempt since the last success; a day of failures disables the endpoint. */
  @Column({ name: 'failing_since', type: 'timestamptz', nullable: true })
  failingSince: Date | null;
}

/** One event as webhooks send it: the exact body signed, and its webhook-id (the same on every retry). */
@Entity({ name: 'webhook_messages' })
@Index('uq_webhook_messages_outbox_event', ['outboxEventId'], { unique: true, where: 'outbox_event_id IS NOT NULL' })
export class WebhookMessageEntity {
  /** The webhook-id header: `msg_` + a random suffix. */
  @PrimaryColumn({ type: 'varchar', length: 40 })
  id: string;

  @Column({ type: 'varchar', length: 100 })
  type: string;

  /** The JSON body, kept as text so every retry sends (and signs) the same bytes. */
  @Column({ type: 'text' })
  body: string;

  /** The outbox row it came from (null for test events). */
  @Column({ name: 'outbox_event_id', type: 'uuid', nullable: true })
  outboxEventId: string | null;

  /** When the event was written to the outbox (the start of outbox-to-delivery latency). */
  @Index('ix_webhook_messages_occurred_at')
  @Column({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt: Date;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

/** One message to one endpoint, with its retry state; PostgreSQL is its record, the queue job only a nudge. */
@Entity({ name: 'webhook_deliveries' })
@Index('uq_webhook_deliveries_message_endpoint', ['messageId', 'endpointId'], { unique: true })
@Index('ix_webhook_deliveries_endpoint', ['endpointId', 'createdAt'])
@Index('ix_webhook_deliveries_due', ['nextAttemptAt'], { where: "status IN ('pending', 'delivering')" })
export class WebhookDeliveryEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'message_id', type: 'varchar', length: 40 })
  messageId: string;

  @ManyToOne(() => WebhookMessageEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'message_id' })
  message?: WebhookMessageEntity;

  @Column({ name: 'endpoint_id', type: 'uuid' })
  endpointId: string;

  /** Deleting an endpoint deletes its delivery history. */
  @ManyToOne(() => WebhookEndpointEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'endpoint_id' })
  endpoint?: WebhookEndpointEntity;

  @Column({ type: 'varchar', length: 20, default: 'pending' })
  status: WebhookDeliveryStatus;

  @Column({ type: 'int', default: 0 })
  attempts: number;

  /** Pending: when the next attempt is due. Delivering: when the claim lapses (a worker died mid-request). */
  @Column({ name: 'next_attempt_at', type: 'timestamptz' })
  nextAttemptAt: Date;

  @Column({ name: 'last_attempt_at', type: 'timestamptz', nullable: true })
  lastAttemptAt: Date | null;

  @Column({ name: 'response_status', type: 'int', nullable: true })
  responseStatus: number | null;

  @Column({ name: 'latency_ms', type: 'int', nullable: true })
  latencyMs: number | null;

  @Column({ name: 'last_error', type: 'varchar', length: 500, nullable: true })
  lastError: string | null;

  @Column({ name: 'delivered_at', type: 'timestamptz', nullable: true })
  deliveredAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
