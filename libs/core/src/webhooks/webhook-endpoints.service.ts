import { Injectable } from '@nestjs/common';
import { assertVersion, DomainError, DomainErrorDetail, EVENT_CATALOGUE, EventType, isEventType, throwIfInvalid } from '@sow/domain';
import { AuditRepository, TransactionRunner, WebhookDeliveryEntity, WebhookDeliveryStatus, WebhookEndpointEntity, WebhooksRepository } from '@sow/persistence';
import { AppConfig } from '@sow/config';
import { Actor, Page } from '../shared/actor';
import { resolveWebhookHost, WebhookAllowList } from './address-guard';
import { newMessageId, newWebhookSecret } from './webhook-signature';
import { WebhookEnqueuer } from './webhook-enqueuer';

/** Events an endpoint may subscribe to: the catalogue, less the test event (sent on request only). */
export const SUBSCRIBABLE_EVENTS: readonly EventType[] = (Object.keys(EVENT_CATALOGUE) as EventType[]).filter((t) => t !== 'webhook.test');
/** How long the previous secret keeps signing after a rotation, unless the admin says otherwise. */
export const DEFAULT_ROTATION_GRACE_SECONDS = 24 * 3600;

export interface WebhookEndpointInput {
  url: string;
  events: string[];
  description?: string;
  enabled?: boolean;
}

export interface WebhookEndpointView {
  id: string;
  url: string;
  description: string;
  events: EventType[];
  enabled: boolean;
  /** Why the system switched it off: `gone` (410), `failing` (a day of failures); `manual` by an admin. */
  disabledReason: string | null;
  failingSince: string | null;
  /** During a rotation, until when the previous secret still signs deliveries. */
  previousSecretExpiresAt: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface WebhookDeliveryView {
  id: string;
  endpointId: string;
  messageId: string;
  eventType: string;
  status: WebhookDeliveryStatus;
  attempts: number;
  responseStatus: number | null;
  latencyMs: number | null;
  lastError: string | null;
  nextAttemptAt: string | null;
  lastAttemptAt: string | null;
  deliveredAt: string | null;
  createdAt: string;
}

const iso = (d: Date | null): string | null => (d ? new Date(d).toISOString() : null);

export function toEndpointView(e: WebhookEndpointEntity): WebhookEndpointView {
  const rotating = e.previousSecret && e.previousSecretExpiresAt && new Date(e.previousSecretExpiresAt).getTime() > Date.now();
  return {
    id: e.id,
    url: e.url,
    description: e.description,
    events: e.events.filter(isEventType),
    enabled: e.enabled,
    disabledReason: e.disabledReason,
    failingSince: iso(e.failingSince),
    previousSecretExpiresAt: rotating ? iso(e.previousSecretExpiresAt) : null,
    version: e.version,
    createdAt: new Date(e.createdAt).toISOString(),
    updatedAt: new Date(e.updatedAt).toISOString(),
  };
}

export function toDeliveryView(d: WebhookDeliveryEntity, eventType: string): WebhookDeliveryView {
  return {
    id: d.id,
    endpointId: d.endpointId,
    messageId: d.messageId,
    eventType,
    status: d.status,
    attempts: d.attempts,
    responseStatus: d.responseStatus,
    latencyMs: d.latencyMs,
    lastError: d.lastError,
    nextAttemptAt: d.status === 'pending' ? iso(d.nextAttemptAt) : null,
    lastAttemptAt: iso(d.lastAttemptAt),
    deliveredAt: iso(d.deliveredAt),
    createdAt: new Date(d.createdAt).toISOString(),
  };
}

/** Admin use cases: register, change, delete endpoints; rotate secrets; test; list and replay deliveries. */
@Injectable()
export class WebhookEndpointsService {
  private readonly allow: WebhookAllowList;

  constructor(
    private readonly webhooks: WebhooksRepository,
    private readonly audit: AuditRepository,
    private readonly tx: TransactionRunner,
    private readonly enqueuer: WebhookEnqueuer,
    config: AppConfig,
  ) {
    this.allow = new WebhookAllowList(config.webhookAllowedHosts);
  }

  async list(): Promise<WebhookEndpointView[]> {
    return (await this.webhooks.listEndpoints()).map(toEndpointView);
  }

  async get(id: string): Promise<WebhookEndpointView> {
    return toEndpointView(await this.load(id));
  }

  /** Registers an endpoint; the answer carries its signing secret (shown again only on rotation). */
  async create(actor: Actor, input: WebhookEndpointInput): Promise<WebhookEndpointView & { secret: string }> {
    const events = validateEvents(input.events);
    await this.checkUrl(input.url);
    return this.tx.run(async (tx) => {
      const saved = await this.webhooks.insert(
        { url: input.url, description: input.description ?? '', events, enabled: input.enabled ?? true, disabledReason: input.enabled === false ? 'manual' : null, secret: newWebhookSecret() },
        tx,
      );
      const view = toEndpointView(saved);
      await this.audit.record({ actorId: actor.userId, action: 'webhook_endpoint.created', entityType: 'webhook_endpoint', entityId: saved.id, after: view }, tx);
      return { ...view, secret: saved.secret };
    });
  }

  async update(actor: Actor, id: string, input: Partial<WebhookEndpointInput>, expectedVersion: number | undefined): Promise<WebhookEndpointView> {
    const events = input.events !== undefined ? validateEvents(input.events) : undefined;
    if (input.url !== undefined) await this.checkUrl(input.url);
    return this.tx.run(async (tx) => {
      const current = await this.load(id, tx);
      assertVersion('webhook endpoint', current.version, expectedVersion);
      const before = toEndpointView(current);
      if (input.url !== undefined) current.url = input.url;
      if (events !== undefined) current.events = events;
      if (input.description !== undefined) current.description = input.description;
      if (input.enabled !== undefined && input.enabled !== current.enabled) {
        current.enabled = input.enabled;
        current.disabledReason = input.enabled ? null : 'manual';
        current.failingSince = null;
      }
      const saved = await this.webhooks.save(current, tx);
      const after = toEndpointView(saved);
      await this.audit.record({ actorId: actor.userId, action: 'webhook_endpoint.updated', entityType: 'webhook_endpoint', entityId: id, before, after }, tx);
      return after;
    });
  }

  async remove(actor: Actor, id: string): Promise<void> {
    await this.tx.run(async (tx) => {
      const current = await this.load(id, tx);
      await this.webhooks.removeEndpoint(id, tx);
      await this.audit.record({ actorId: actor.userId, action: 'webhook_endpoint.deleted', entityType: 'webhook_endpoint', entityId: id, before: toEndpointView(current) }, tx);
    });
  }

  /** A new secret signs from now on; the old one also signs (a second signature) until the grace period ends. */
  async rotateSecret(actor: Actor, id: string, graceSeconds = DEFAULT_ROTATION_GRACE_SECONDS): Promise<WebhookEndpointView & { secret: string }> {
    return this.tx.run(async (tx) => {
      const current = await this.load(id, tx);
      current.previousSecret = graceSeconds > 0 ? current.secret : null;
      current.previousSecretExpiresAt = graceSeconds > 0 ? new Date(Date.now() + graceSeconds * 1000) : null;
      current.secret = newWebhookSecret();
      const saved = await this.webhooks.save(current, tx);
      await this.audit.record({ actorId: actor.userId, action: 'webhook_endpoint.secret_rotated', entityType: 'webhook_endpoint', entityId: id, after: { graceSeconds } }, tx);
      return { ...toEndpointView(saved), secret: saved.secret };
    });
  }

  /** Sends a `webhook.test` event to this endpoint alone, through the ordinary delivery path. */
  async sendTest(actor: Actor, id: string): Promise<WebhookDeliveryView> {
    const delivery = await this.tx.run(async (tx) => {
      const endpoint = await this.load(id, tx);
      if (!endpoint.enabled) throw new DomainError('conflict', 'The endpoint is disabled; enable it before testing', [{ field: 'enabled', rule: 'isEnabled', message: 'endpoint is disabled' }]);
      const occurredAt = new Date();
      const body = JSON.stringify({ type: 'webhook.test', version: EVENT_CATALOGUE['webhook.test'].version, timestamp: occurredAt.toISOString(), data: { endpointId: id, message: 'Test event from SOW Planner' } });
      const message = await this.webhooks.insertMessage({ id: newMessageId(), type: 'webhook.test', body, outboxEventId: null, occurredAt }, tx);
      const created = await this.webhooks.insertDelivery(message.id, id, tx);
      await this.audit.record({ actorId: actor.userId, action: 'webhook_endpoint.tested', entityType: 'webhook_endpoint', entityId: id, after: { deliveryId: created.id } }, tx);
      return created;
    });
    await this.enqueuer.enqueueSoon([{ id: delivery.id, attempts: 0 }]);
    return toDeliveryView(delivery, 'webhook.test');
  }

  async deliveries(id: string, filter: { status?: WebhookDeliveryStatus; limit: number; offset: number }): Promise<Page<WebhookDeliveryView>> {
    await this.load(id);
    const [rows, total] = await this.webhooks.listDeliveries({ endpointId: id, ...filter });
    return { items: rows.map((r) => toDeliveryView(r, r.eventType)), total };
  }

  /** Sends a finished (succeeded or failed) delivery again: same body, same webhook-id. */
  async replay(actor: Actor, endpointId: string, deliveryId: string): Promise<WebhookDeliveryView> {
    const { delivery, eventType } = await this.tx.run(async (tx) => {
      const endpoint = await this.load(endpointId, tx);
      const current = await this.webhooks.findDelivery(deliveryId, tx);
      if (!current || current.endpointId !== endpointId) throw new DomainError('not_found', `Delivery ${deliveryId} not found`);
      if (!endpoint.enabled) throw new DomainError('conflict', 'The endpoint is disabled; enable it before replaying', [{ field: 'enabled', rule: 'isEnabled', message: 'endpoint is disabled' }]);
      if (current.status === 'pending' || current.status === 'delivering') {
        throw new DomainError('conflict', `Delivery ${deliveryId} is still ${current.status}; only a finished delivery can be replayed`, [{ field: 'status', rule: 'isFinished', message: `status is ${current.status}` }]);
      }
      const reset = await this.webhooks.resetDelivery(deliveryId, tx);
      await this.audit.record({ actorId: actor.userId, action: 'webhook_delivery.replayed', entityType: 'webhook_endpoint', entityId: endpointId, after: { deliveryId } }, tx);
      return { delivery: reset, eventType: await this.webhooks.messageType(reset.messageId, tx) };
    });
    await this.enqueuer.enqueueSoon([{ id: delivery.id, attempts: 0 }]);
    return toDeliveryView(delivery, eventType);
  }

  private async load(id: string, tx?: Parameters<WebhooksRepository['findById']>[1]): Promise<WebhookEndpointEntity> {
    const found = await this.webhooks.findById(id, tx, { lock: tx !== undefined });
    if (!found) throw new DomainError('not_found', `Webhook endpoint ${id} not found`);
    return found;
  }

  private async checkUrl(raw: string): Promise<void> {
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      throw new DomainError('validation_failed', 'url must be an absolute http(s) URL', [{ field: 'url', rule: 'isUrl', message: 'url must be an absolute http(s) URL' }]);
    }
    const problems: DomainErrorDetail[] = [];
    if (url.protocol !== 'https:' && url.protocol !== 'http:') problems.push({ field: 'url', rule: 'isHttpUrl', message: 'url must use http or https' });
    if (url.username || url.password) problems.push({ field: 'url', rule: 'noCredentials', message: 'url must not carry a user name or password' });
    throwIfInvalid(problems, 'url is not a usable webhook URL');
    await resolveWebhookHost(url.hostname, this.allow);
  }
}

function validateEvents(events: readonly string[]): EventType[] {
  const problems: DomainErrorDetail[] = [];
  if (events.length === 0) problems.push({ field: 'events', rule: 'arrayNotEmpty', message: 'events must name at least one event type' });
  events.forEach((e, i) => {
    if (!(SUBSCRIBABLE_EVENTS as readonly string[]).includes(e)) problems.push({ field: `events.${i}`, rule: 'isEventType', message: `${e} is not an event type (one of ${SUBSCRIBABLE_EVENTS.join(', ')})` });
  });
  throwIfInvalid(problems, 'events lists unknown event types');
  return [...new Set(events)].filter(isEventType);
}
