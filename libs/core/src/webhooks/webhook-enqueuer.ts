import { Injectable, Logger } from '@nestjs/common';
import { JobProducer, JOBS, QUEUES } from '@sow/jobs';

/** How long a request waits for the queue before leaving the delivery to the sweeper. */
const ENQUEUE_WAIT_MS = 2_000;

/**
 * Puts delivery attempts on the webhooks queue. The job id names the delivery and its attempt, so the sweeper
 * re-adding a job Redis still holds does nothing, and one Redis lost is re-created from PostgreSQL.
 */
@Injectable()
export class WebhookEnqueuer {
  private readonly logger = new Logger(WebhookEnqueuer.name);

  constructor(private readonly producer: JobProducer) {}

  /**
   * For requests: the delivery row is committed, so a queue that is down (or slow to answer) must not fail
   * or hold the request; the sweeper queues the delivery once it is back.
   */
  async enqueueSoon(deliveries: ReadonlyArray<{ id: string; attempts: number }>): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((resolve) => (timer = setTimeout(resolve, ENQUEUE_WAIT_MS)));
    await Promise.race([this.enqueue(deliveries).catch((error: unknown) => this.logger.warn(`Could not queue webhook deliveries (the sweeper will): ${String(error)}`)), timeout]);
    clearTimeout(timer);
  }

  async enqueue(deliveries: ReadonlyArray<{ id: string; attempts: number }>, delayMs = 0): Promise<void> {
    if (deliveries.length === 0) return;
    await this.producer.queue(QUEUES.webhooks).addBulk(
      deliveries.map((d) => ({
        name: JOBS.deliverWebhook,
        data: { deliveryId: d.id },
        // Retries follow the delivery's own schedule in PostgreSQL, not BullMQ's.
        opts: { jobId: `whd-${d.id}-${d.attempts}`, delay: delayMs, attempts: 1, removeOnComplete: true, removeOnFail: true },
      })),
    );
  }
}
