import { InjectQueue, OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { Job, Queue } from 'bullmq';
import { WebhookDispatcherService, WebhookSenderService } from '@sow/core';
import { JobPayloads, JOBS, JobsOfQueue, QUEUES, throttledWarning } from '@sow/jobs';

type WebhooksJob = JobsOfQueue<typeof QUEUES.webhooks>;

/** How often new outbox events are fanned out to webhook endpoints. */
export const WEBHOOK_DISPATCH_EVERY_MS = 500;
/** Deliveries in flight per worker: HTTP waits, not CPU. */
export const WEBHOOK_CONCURRENCY = 32;
const SCHEDULER_REFRESH_MS = 5_000;

/** Webhook delivery attempts, and the dispatcher tick (fan-out of new outbox events, then the sweeper). */
@Processor(QUEUES.webhooks, { concurrency: WEBHOOK_CONCURRENCY })
export class WebhooksProcessor extends WorkerHost implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(WebhooksProcessor.name);
  private readonly handlers: { [N in WebhooksJob]: (payload: JobPayloads[N]) => Promise<unknown> };
  private refresh: NodeJS.Timeout | undefined;

  constructor(
    dispatcher: WebhookDispatcherService,
    sender: WebhookSenderService,
    @InjectQueue(QUEUES.webhooks) private readonly queue: Queue,
  ) {
    super();
    this.handlers = {
      [JOBS.dispatchWebhooks]: async () => {
        const dispatched = await dispatcher.dispatch();
        await dispatcher.sweepIfDue();
        return dispatched;
      },
      [JOBS.deliverWebhook]: (p) => sender.deliver(p.deliveryId),
    };
  }

  /** Schedulers live in Redis, which may come back empty: upserted at start and every few seconds. */
  async onApplicationBootstrap(): Promise<void> {
    await this.upsertScheduler();
    this.refresh = setInterval(() => {
      this.upsertScheduler().catch((error: unknown) => this.logger.warn(`Could not refresh the webhook dispatcher schedule: ${String(error)}`));
    }, SCHEDULER_REFRESH_MS);
    this.refresh.unref();
  }

  onModuleDestroy(): void {
    if (this.refresh) clearInterval(this.refresh);
  }

  private async upsertScheduler(): Promise<void> {
    await this.queue.upsertJobScheduler('webhooks-dispatch', { every: WEBHOOK_DISPATCH_EVERY_MS }, { name: JOBS.dispatchWebhooks, data: {}, opts: { removeOnComplete: true, removeOnFail: 100 } });
  }

  async process(job: Job<JobPayloads[WebhooksJob], unknown, string>): Promise<unknown> {
    switch (job.name) {
      case JOBS.dispatchWebhooks:
        return this.handlers[JOBS.dispatchWebhooks]({});
      case JOBS.deliverWebhook:
        return this.handlers[JOBS.deliverWebhook](job.data as JobPayloads[typeof JOBS.deliverWebhook]);
      default:
        this.logger.warn(`No handler for job ${job.name} on queue ${QUEUES.webhooks}`);
        return undefined;
    }
  }

  private readonly warnError = throttledWarning(this.logger, 'webhooks worker connection');

  @OnWorkerEvent('error')
  onWorkerError(error: Error): void {
    this.warnError(error);
  }

  /** A job that throws (database down, a bug) is not retried by BullMQ: the sweeper queues its delivery again. */
  @OnWorkerEvent('failed')
  onFailed(job: Job | undefined, error: Error): void {
    this.logger.warn(`Webhook job ${job?.name ?? '?'} ${job?.id ?? ''} failed: ${error.message}`);
  }
}
