import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { WebhookDeliveryEntity, WebhookDeliveryStatus, WebhookEndpointEntity, WebhookMessageEntity } from '../entities/webhook.entity';
import { BaseRepository, Tx } from './base.repository';

/** An outbox event the webhook dispatcher has not turned into a message yet. */
export interface UndispatchedEvent {
  id: string;
  type: string;
  payload: Record<string, unknown>;
  createdAt: Date;
}

export interface NewWebhookMessage {
  id: string;
  type: string;
  body: string;
  outboxEventId: string | null;
  occurredAt: Date;
}

/** A claimed delivery with what sending it needs. */
export interface DeliveryToSend {
  delivery: Pick<WebhookDeliveryEntity, 'id' | 'attempts'>;
  message: Pick<WebhookMessageEntity, 'id' | 'body'>;
  endpoint: SendingEndpoint | null;
}

/** What sending to an endpoint needs to know about it. */
export type SendingEndpoint = Pick<WebhookEndpointEntity, 'id' | 'url' | 'enabled' | 'secret' | 'previousSecret' | 'previousSecretExpiresAt' | 'failingSince'>;

export interface DeliveryListFilter {
  endpointId: string;
  status?: WebhookDeliveryStatus;
  limit: number;
  offset: number;
}

export interface DeliveryRow extends WebhookDeliveryEntity {
  eventType: string;
}

/** Outbox events written up to this long before the newest dispatched one are still looked at (late commits). */
const DISPATCH_LOOKBACK = '10 minutes';

@Injectable()
export class WebhooksRepository extends BaseRepository<WebhookEndpointEntity> {
  constructor(dataSource: DataSource) {
    super(dataSource, WebhookEndpointEntity);
  }

  listEndpoints(): Promise<WebhookEndpointEntity[]> {
    return this.repo().find({ order: { createdAt: 'ASC', id: 'ASC' } });
  }

  async removeEndpoint(id: string, tx: Tx): Promise<void> {
    await tx.getRepository(WebhookEndpointEntity).delete({ id });
  }

  /** One single-table statement, outside any transaction: the dispatcher's idle check. */
  async anyEnabledEndpoint(): Promise<boolean> {
    const rows: Array<{ any: boolean }> = await this.dataSource.query(`SELECT EXISTS (SELECT 1 FROM webhook_endpoints WHERE enabled) AS any`);
    return rows[0]?.any === true;
  }

  /**
   * Outbox events (sent to the relay or not) with no webhook message yet, oldest first; none while no endpoint
   * is enabled. The scan starts a little before the newest message (a transaction may commit after a later
   * one) and never before the oldest enabled endpoint existed (older events go to nobody).
   */
  async undispatched(limit: number, tx: Tx): Promise<UndispatchedEvent[]> {
    const rows: Array<{ id: string; type: string; payload: Record<string, unknown>; created_at: Date }> = await tx.query(
      `SELECT o.id, o.type, o.payload, o.created_at
         FROM outbox_events o
        WHERE EXISTS (SELECT 1 FROM webhook_endpoints WHERE enabled)
          AND o.created_at > greatest(
                (SELECT max(occurred_at) FROM webhook_messages WHERE outbox_event_id IS NOT NULL),
                (SELECT min(created_at) FROM webhook_endpoints WHERE enabled)
              ) - interval '${DISPATCH_LOOKBACK}'
          AND NOT EXISTS (SELECT 1 FROM webhook_messages m WHERE m.outbox_event_id = o.id)
        ORDER BY o.created_at, o.id
        LIMIT $1`,
      [limit],
    );
    return rows.map((r) => ({ id: r.id, type: r.type, payload: r.payload, createdAt: new Date(r.created_at) }));
  }

  /** Inserts messages (a message already written by a concurrent dispatcher is skipped); returns the ids written. */
  async insertMessages(messages: readonly NewWebhookMessage[], tx: Tx): Promise<string[]> {
    if (messages.length === 0) return [];
    const rows: Array<{ id: string }> = await tx.query(
      `INSERT INTO webhook_messages (id, type, body, outbox_event_id, occurred_at)
       SELECT * FROM unnest($1::varchar[], $2::varchar[], $3::text[], $4::uuid[], $5::timestamptz[])
       ON CONFLICT (outbox_event_id) WHERE outbox_event_id IS NOT NULL DO NOTHING
       RETURNING id`,
      [messages.map((m) => m.id), messages.map((m) => m.type), messages.map((m) => m.body), messages.map((m) => m.outboxEventId), messages.map((m) => m.occurredAt.toISOString())],
    );
    return rows.map((r) => r.id);
  }

  /** One pending delivery per (message, enabled endpoint subscribed to its type and registered before it happened). */
  async fanOut(messageIds: readonly string[], tx: Tx): Promise<Array<{ id: string; attempts: number }>> {
    if (messageIds.length === 0) return [];
    return tx.query(
      `INSERT INTO webhook_deliveries (message_id, endpoint_id, next_attempt_at)
       SELECT m.id, e.id, now()
         FROM webhook_messages m
         JOIN webhook_endpoints e ON e.enabled AND m.type = ANY(e.events) AND e.created_at <= m.occurred_at
        WHERE m.id = ANY($1::varchar[])
       ON CONFLICT (message_id, endpoint_id) DO NOTHING
       RETURNING id, attempts`,
      [messageIds],
    );
  }

  /** A delivery of one message to one endpoint, whatever it subscribes to (test events). */
  async insertDelivery(messageId: string, endpointId: string, tx: Tx): Promise<WebhookDeliveryEntity> {
    const repo = tx.getRepository(WebhookDeliveryEntity);
    return repo.save(repo.create({ messageId, endpointId, status: 'pending', attempts: 0, nextAttemptAt: new Date() }));
  }

  /**
   * Takes a due pending delivery for one attempt: counts the attempt and leases the row until `leaseMs` from now
   * (a worker that dies mid-request leaves it to the sweeper). Null when it is not pending or not yet due.
   */
  async claim(deliveryId: string, leaseMs: number): Promise<DeliveryToSend | null> {
    // One round trip: the lease, the message and the endpoint.
    const rows: Array<{
      attempts: number; message_id: string; body: string; endpoint_id: string | null; url: string; enabled: boolean; secret: string;
      previous_secret: string | null; previous_secret_expires_at: Date | null; failing_since: Date | null;
    }> = await this.dataSource.query(
      `WITH claimed AS (
         UPDATE webhook_deliveries
            SET status = 'delivering', attempts = attempts + 1, last_attempt_at = now(), next_attempt_at = now() + make_interval(secs => $2::double precision / 1000)
          WHERE id = $1 AND status = 'pending' AND next_attempt_at <= now() + interval '1 second'
          RETURNING attempts, message_id, endpoint_id)
       SELECT c.attempts, c.message_id, m.body, e.id AS endpoint_id, e.url, e.enabled, e.secret, e.previous_secret, e.previous_secret_expires_at, e.failing_since
         FROM claimed c
         JOIN webhook_messages m ON m.id = c.message_id
         LEFT JOIN webhook_endpoints e ON e.id = c.endpoint_id`,
      [deliveryId, leaseMs],
    );
    const row = rows[0];
    if (!row) return null;
    return {
      delivery: { id: deliveryId, attempts: row.attempts },
      message: { id: row.message_id, body: row.body },
      endpoint: row.endpoint_id
        ? {
            id: row.endpoint_id,
            url: row.url,
            enabled: row.enabled,
            secret: row.secret,
            previousSecret: row.previous_secret,
            previousSecretExpiresAt: row.previous_secret_expires_at ? new Date(row.previous_secret_expires_at) : null,
            failingSince: row.failing_since ? new Date(row.failing_since) : null,
          }
        : null,
    };
  }

  /** Records an attempt's outcome on the leased row. */
  async recordAttempt(
    deliveryId: string,
    outcome: { status: Exclude<WebhookDeliveryStatus, 'delivering'>; responseStatus: number | null; latencyMs: number | null; error: string | null; nextAttemptInMs: number | null },
  ): Promise<void> {
    await this.dataSource.query(
      `UPDATE webhook_deliveries
          SET status = $2::varchar, response_status = $3, latency_ms = $4, last_error = $5,
              next_attempt_at = CASE WHEN $6::double precision IS NULL THEN next_attempt_at ELSE now() + make_interval(secs => $6::double precision / 1000) END,
              delivered_at = CASE WHEN $2::varchar = 'succeeded' THEN now() ELSE delivered_at END
        WHERE id = $1 AND status = 'delivering'`,
      [deliveryId, outcome.status, outcome.responseStatus, outcome.latencyMs, outcome.error?.slice(0, 500) ?? null, outcome.nextAttemptInMs],
    );
  }

  async markEndpointHealthy(endpointId: string): Promise<void> {
    await this.dataSource.query(`UPDATE webhook_endpoints SET failing_since = NULL WHERE id = $1 AND failing_since IS NOT NULL`, [endpointId]);
  }

  /** Notes a failure; returns since when the endpoint has been failing. */
  async markEndpointFailing(endpointId: string): Promise<Date | null> {
    const rows: Array<{ failing_since: Date }> = await this.dataSource.query(
      `UPDATE webhook_endpoints SET failing_since = coalesce(failing_since, now()) WHERE id = $1 RETURNING failing_since`,
      [endpointId],
    );
    return rows[0] ? new Date(rows[0].failing_since) : null;
  }

  /** Turns an enabled endpoint off; false when it already was. */
  async disableEndpoint(endpointId: string, reason: 'gone' | 'failing', tx: Tx): Promise<WebhookEndpointEntity | null> {
    const [rows] = (await tx.query(
      `UPDATE webhook_endpoints SET enabled = false, disabled_reason = $2, version = version + 1, updated_at = now() WHERE id = $1 AND enabled RETURNING id`,
      [endpointId, reason],
    )) as [Array<{ id: string }>, number];
    return rows.length > 0 ? tx.getRepository(WebhookEndpointEntity).findOneBy({ id: endpointId }) : null;
  }

  /** Deliveries whose lease lapsed (the worker died mid-request) go back to pending. */
  async releaseLapsed(): Promise<number> {
    const [, count] = (await this.dataSource.query(
      `UPDATE webhook_deliveries SET status = 'pending', next_attempt_at = now() WHERE status = 'delivering' AND next_attempt_at < now()`,
    )) as [unknown, number];
    return count;
  }

  /** Pending deliveries overdue by more than `graceMs`: their queue job was lost (Redis restarted) or never made. */
  overdue(graceMs: number, limit: number): Promise<Array<{ id: string; attempts: number }>> {
    return this.dataSource.query(
      `SELECT id, attempts FROM webhook_deliveries
        WHERE status = 'pending' AND next_attempt_at < now() - make_interval(secs => $1::double precision / 1000)
        ORDER BY next_attempt_at LIMIT $2`,
      [graceMs, limit],
    );
  }

  findDelivery(id: string, tx?: Tx): Promise<WebhookDeliveryEntity | null> {
    return (tx ?? this.dataSource.manager).getRepository(WebhookDeliveryEntity).findOneBy({ id });
  }

  /** A finished delivery starts over: same message, same webhook-id, attempts from zero. */
  async resetDelivery(id: string, tx: Tx): Promise<WebhookDeliveryEntity> {
    await tx.query(
      `UPDATE webhook_deliveries SET status = 'pending', attempts = 0, next_attempt_at = now(), response_status = NULL, latency_ms = NULL, last_error = NULL, delivered_at = NULL WHERE id = $1`,
      [id],
    );
    return tx.getRepository(WebhookDeliveryEntity).findOneByOrFail({ id });
  }

  async messageType(id: string, tx: Tx): Promise<string> {
    return (await tx.getRepository(WebhookMessageEntity).findOneByOrFail({ id })).type;
  }

  insertMessage(message: NewWebhookMessage, tx: Tx): Promise<WebhookMessageEntity> {
    const repo = tx.getRepository(WebhookMessageEntity);
    return repo.save(repo.create(message));
  }

  async listDeliveries(filter: DeliveryListFilter): Promise<[DeliveryRow[], number]> {
    const qb = this.dataSource
      .getRepository(WebhookDeliveryEntity)
      .createQueryBuilder('d')
      .innerJoin(WebhookMessageEntity, 'm', 'm.id = d.message_id')
      .addSelect('m.type', 'event_type')
      .where('d.endpoint_id = :endpointId', { endpointId: filter.endpointId });
    if (filter.status) qb.andWhere('d.status = :status', { status: filter.status });
    const total = await qb.getCount();
    const { entities, raw } = await qb.orderBy('d.created_at', 'DESC').addOrderBy('d.id', 'ASC').offset(filter.offset).limit(filter.limit).getRawAndEntities<{ event_type: string }>();
    return [entities.map((e, i) => Object.assign(e, { eventType: raw[i].event_type })), total];
  }
}
