import { Injectable, Logger } from '@nestjs/common';
import { EVENT_CATALOGUE, isEventType } from '@sow/domain';
import { TransactionRunner, WebhooksRepository } from '@sow/persistence';
import { newMessageId } from './webhook-signature';
import { WebhookEnqueuer } from './webhook-enqueuer';

/** Outbox events read per transaction; the dispatcher loops while batches come back full. */
const DISPATCH_BATCH = 500;
/** A dispatch tick stops taking new batches after this long (the next tick carries on). */
const DISPATCH_BUDGET_MS = 2_000;
/** A pending delivery overdue by this much has lost its queue job (Redis restarted) and is enqueued again. */
export const SWEEP_GRACE_MS = 3_000;
const SWEEP_EVERY_MS = 5_000;

/**
 * From the outbox to deliveries, at least once: each new outbox event becomes one webhook message (its body
 * and webhook-id fixed from then on) and one pending delivery per subscribed endpoint, in one transaction;
 * the deliveries are then queued. PostgreSQL holds the truth, so whatever the queue loses, the sweeper
 * finds overdue and queues again.
 */
@Injectable()
export class WebhookDispatcherService {
  private readonly logger = new Logger(WebhookDispatcherService.name);
  private lastSweep = 0;

  constructor(
    private readonly webhooks: WebhooksRepository,
    private readonly tx: TransactionRunner,
    private readonly enqueuer: WebhookEnqueuer,
  ) {}

  async dispatch(): Promise<{ events: number; deliveries: number }> {
    // Without endpoints there is nothing to do, and no multi-table transaction to hold locks (a TRUNCATE of
    // every table, as tests do, would otherwise deadlock with it).
    if (!(await this.webhooks.anyEnabledEndpoint())) return { events: 0, deliveries: 0 };
    const started = Date.now();
    let events = 0;
    let deliveries = 0;
    for (;;) {
      const batch = await this.tx.run(async (tx) => {
        const pending = await this.webhooks.undispatched(DISPATCH_BATCH, tx);
        const written = await this.webhooks.insertMessages(
          pending.map((e) => ({
            id: newMessageId(),
            type: e.type,
            body: JSON.stringify({ type: e.type, version: isEventType(e.type) ? EVENT_CATALOGUE[e.type].version : 1, timestamp: e.createdAt.toISOString(), data: e.payload }),
            outboxEventId: e.id,
            occurredAt: e.createdAt,
          })),
          tx,
        );
        return { read: pending.length, created: await this.webhooks.fanOut(written, tx) };
      });
      events += batch.read;
      deliveries += batch.created.length;
      try {
        await this.enqueuer.enqueue(batch.created);
      } catch (error) {
        // Committed already: the sweeper queues them once the queue is back.
        this.logger.warn(`Could not queue ${batch.created.length} webhook deliveries: ${String(error)}`);
      }
      if (batch.read < DISPATCH_BATCH || Date.now() - started > DISPATCH_BUDGET_MS) break;
    }
    if (deliveries > 0) this.logger.log(`Dispatched ${events} event(s) into ${deliveries} webhook deliveries`);
    return { events, deliveries };
  }

  /** Every few seconds: lapsed leases back to pending, overdue pending deliveries back on the queue. */
  async sweepIfDue(now = Date.now()): Promise<number> {
    if (now - this.lastSweep < SWEEP_EVERY_MS) return 0;
    this.lastSweep = now;
    return this.sweep();
  }

  async sweep(): Promise<number> {
    await this.webhooks.releaseLapsed();
    const overdue = await this.webhooks.overdue(SWEEP_GRACE_MS, 1000);
    await this.enqueuer.enqueue(overdue);
    return overdue.length;
  }
}
