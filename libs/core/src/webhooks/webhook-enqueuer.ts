import { Injectable } from '@nestjs/common';
import { JobProducer, JOBS, QUEUES } from '@sow/jobs';

/**
 * Puts delivery attempts on the webhooks queue. The job id names the delivery and its attempt, so the sweeper
 * re-adding a job Redis still holds does nothing, and one Redis lost is re-created from PostgreSQL.
 */
@Injectable()
export class WebhookEnqueuer {
  constructor(private readonly producer: JobProducer) {}

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
