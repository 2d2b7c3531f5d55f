import { Injectable, Logger } from '@nestjs/common';
import { request as httpRequest, Agent as HttpAgent, IncomingMessage } from 'node:http';
import { request as httpsRequest, Agent as HttpsAgent } from 'node:https';
import { LookupFunction } from 'node:net';
import { domainEvent } from '@sow/domain';
import { AppConfig } from '@sow/config';
import { AuditRepository, TransactionRunner, SendingEndpoint, WebhooksRepository } from '@sow/persistence';
import { ResolvedAddress, resolveWebhookHost, WebhookAllowList } from './address-guard';
import { FAILING_DISABLE_AFTER_MS, nextRetryDelayMs, parseRetryAfter } from './retry-schedule';
import { webhookHeaders } from './webhook-signature';
import { WebhookEnqueuer } from './webhook-enqueuer';

/** What one HTTP attempt came to. */
export interface AttemptResult {
  status: number | null;
  latencyMs: number;
  retryAfter: string | undefined;
  error: string | null;
}

/** Bytes of a receiver's answer read (and thrown away); the rest is not waited for. */
const MAX_RESPONSE_BYTES = 4096;

/**
 * One delivery attempt: claims the row, re-checks the address (DNS rebinding), signs and posts the message,
 * and records the outcome: success; 410 disables the endpoint; anything else retries on the schedule, and
 * an endpoint failing for a day is disabled with a webhook_endpoint.disabled event and an audit row.
 */
@Injectable()
export class WebhookSenderService {
  private readonly logger = new Logger(WebhookSenderService.name);
  private readonly allow: WebhookAllowList;
  private readonly httpAgent = new HttpAgent({ keepAlive: true, maxSockets: 64 });
  private readonly httpsAgent = new HttpsAgent({ keepAlive: true, maxSockets: 64 });

  constructor(
    private readonly webhooks: WebhooksRepository,
    private readonly enqueuer: WebhookEnqueuer,
    private readonly audit: AuditRepository,
    private readonly tx: TransactionRunner,
    private readonly config: AppConfig,
  ) {
    this.allow = new WebhookAllowList(config.webhookAllowedHosts);
  }

  async deliver(deliveryId: string): Promise<'succeeded' | 'retrying' | 'failed' | 'skipped'> {
    // The lease outlives the request timeout, so only a dead worker lets it lapse.
    const claimed = await this.webhooks.claim(deliveryId, this.config.webhookTimeoutMs + 30_000);
    if (!claimed) return 'skipped';
    const { delivery, message, endpoint } = claimed;
    if (!endpoint || !endpoint.enabled) {
      await this.webhooks.recordAttempt(delivery.id, { status: 'failed', responseStatus: null, latencyMs: null, error: 'endpoint disabled or deleted', nextAttemptInMs: null });
      return 'failed';
    }
    const result = await this.post(endpoint, message.id, message.body);
    if (result.status !== null && result.status >= 200 && result.status < 300) {
      await this.webhooks.recordAttempt(delivery.id, { status: 'succeeded', responseStatus: result.status, latencyMs: result.latencyMs, error: null, nextAttemptInMs: null });
      if (endpoint.failingSince) await this.webhooks.markEndpointHealthy(endpoint.id);
      return 'succeeded';
    }
    if (result.status === 410) {
      await this.webhooks.recordAttempt(delivery.id, { status: 'failed', responseStatus: 410, latencyMs: result.latencyMs, error: '410 Gone: endpoint disabled', nextAttemptInMs: null });
      await this.disable(endpoint, 'gone');
      return 'failed';
    }
    const delay = nextRetryDelayMs(delivery.attempts, { scale: this.config.webhookRetryScale, retryAfterMs: parseRetryAfter(result.retryAfter, Date.now()), random: Math.random() });
    const error = result.error ?? `HTTP ${result.status ?? '?'}`;
    await this.webhooks.recordAttempt(delivery.id, { status: delay === null ? 'failed' : 'pending', responseStatus: result.status, latencyMs: result.latencyMs, error, nextAttemptInMs: delay });
    const failingSince = await this.webhooks.markEndpointFailing(endpoint.id);
    if (failingSince && Date.now() - failingSince.getTime() >= FAILING_DISABLE_AFTER_MS * this.config.webhookRetryScale) {
      await this.disable(endpoint, 'failing');
      return delay === null ? 'failed' : 'retrying';
    }
    if (delay !== null) {
      try {
        await this.enqueuer.enqueue([{ id: delivery.id, attempts: delivery.attempts }], delay);
      } catch (e) {
        this.logger.warn(`Could not queue the retry of webhook delivery ${delivery.id} (the sweeper will): ${String(e)}`);
      }
    }
    return delay === null ? 'failed' : 'retrying';
  }

  private async disable(endpoint: SendingEndpoint, reason: 'gone' | 'failing'): Promise<void> {
    const disabled = await this.tx.run(async (tx) => {
      const row = await this.webhooks.disableEndpoint(endpoint.id, reason, tx);
      if (!row) return false;
      await this.audit.record({ actorId: null, action: 'webhook_endpoint.disabled', entityType: 'webhook_endpoint', entityId: endpoint.id, after: { reason } }, tx);
      await this.audit.publish(domainEvent('webhook_endpoint.disabled', endpoint.id, { endpointId: endpoint.id, url: endpoint.url, reason }), tx);
      return true;
    });
    if (disabled) this.logger.warn(`Webhook endpoint ${endpoint.id} (${endpoint.url}) disabled: ${reason === 'gone' ? 'it answered 410 Gone' : 'it failed for a day'}`);
  }

  /** Signs and posts; connects only to the addresses just checked, so a rebinding DNS answer cannot redirect it. */
  private async post(endpoint: SendingEndpoint, messageId: string, body: string): Promise<AttemptResult> {
    const started = Date.now();
    const url = new URL(endpoint.url);
    let addresses: ResolvedAddress[];
    try {
      addresses = await resolveWebhookHost(url.hostname, this.allow);
    } catch (error) {
      return { status: null, latencyMs: Date.now() - started, retryAfter: undefined, error: error instanceof Error ? error.message : String(error) };
    }
    const secrets = [endpoint.secret];
    if (endpoint.previousSecret && endpoint.previousSecretExpiresAt && new Date(endpoint.previousSecretExpiresAt).getTime() > Date.now()) secrets.push(endpoint.previousSecret);
    const headers = {
      'content-type': 'application/json',
      'content-length': String(Buffer.byteLength(body)),
      'user-agent': 'SOW-Planner-Webhooks/1',
      ...webhookHeaders(secrets, messageId, Math.floor(Date.now() / 1000), body),
    };
    const lookup: LookupFunction = (_host, options, callback) => {
      if (options.all) callback(null, addresses);
      else callback(null, addresses[0].address, addresses[0].family);
    };
    const https = url.protocol === 'https:';
    return new Promise<AttemptResult>((resolve) => {
      let settled = false;
      const finish = (r: Omit<AttemptResult, 'latencyMs'>): void => {
        if (settled) return;
        settled = true;
        resolve({ ...r, latencyMs: Date.now() - started });
      };
      const req = (https ? httpsRequest : httpRequest)(
        url,
        { method: 'POST', headers, lookup, agent: https ? this.httpsAgent : this.httpAgent, timeout: this.config.webhookTimeoutMs },
        (res: IncomingMessage) => {
          let read = 0;
          res.on('data', (chunk: Buffer) => {
            read += chunk.length;
            if (read > MAX_RESPONSE_BYTES) res.destroy();
          });
          const retryAfter = typeof res.headers['retry-after'] === 'string' ? res.headers['retry-after'] : undefined;
          const done = (): void => finish({ status: res.statusCode ?? null, retryAfter, error: null });
          res.on('end', done);
          res.on('close', done);
          res.on('error', done);
        },
      );
      // The whole attempt, not just socket idleness, is bounded.
      const deadline = setTimeout(() => req.destroy(new Error(`no answer within ${this.config.webhookTimeoutMs} ms`)), this.config.webhookTimeoutMs);
      req.on('timeout', () => req.destroy(new Error(`no answer within ${this.config.webhookTimeoutMs} ms`)));
      req.on('error', (error: Error) => finish({ status: null, retryAfter: undefined, error: error.message }));
      req.on('close', () => clearTimeout(deadline));
      req.end(body);
    });
  }
}
