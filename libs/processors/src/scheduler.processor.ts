import { InjectQueue, OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { Job, Queue } from 'bullmq';
import { OutboxRelayService, PlanSweeperService, TimesheetsService } from '@sow/core';
import { JOBS, JobsOfQueue, QUEUES, throttledWarning } from '@sow/jobs';

type SchedulerJob = JobsOfQueue<typeof QUEUES.scheduler>;

/** How often the outbox relay runs, and when the nightly plan is proposed (server time). */
export const RELAY_EVERY_MS = 500;
export const NIGHTLY_PLAN_CRON = '0 2 * * *';
/** Monday morning: who has not submitted last week's timesheet. */
export const MISSING_TIMESHEETS_CRON = '0 9 * * 1';
const SCHEDULER_REFRESH_MS = 5_000;

/** The outbox relay (twice a second: its tick is the debounce window) and the nightly 13-week plan, as BullMQ job schedulers. */
@Processor(QUEUES.scheduler)
export class SchedulerProcessor extends WorkerHost implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(SchedulerProcessor.name);
  private readonly handlers: { [N in SchedulerJob]: () => Promise<unknown> };

  constructor(
    relay: OutboxRelayService,
    sweeper: PlanSweeperService,
    timesheets: TimesheetsService,
    @InjectQueue(QUEUES.scheduler) private readonly queue: Queue,
  ) {
    super();
    this.handlers = {
      // The relay re-enqueues queued plans; the sweeper (every 10 s) also ends or retries plans whose job is gone or failed.
      [JOBS.relayOutbox]: async () => {
        const relayed = await relay.relay();
        await sweeper.sweepIfDue();
        return relayed;
      },
      [JOBS.nightlyPlan]: () => relay.nightly(),
      [JOBS.missingTimesheets]: () => timesheets.remindMissing(null),
    };
  }

  private refresh: NodeJS.Timeout | undefined;

  /**
   * Upserting is idempotent, so every worker (and restart) may do it. It is repeated every few seconds
   * because Redis may come back empty after an outage, and the schedulers live in Redis.
   */
  async onApplicationBootstrap(): Promise<void> {
    await this.upsertSchedulers();
    this.refresh = setInterval(() => {
      this.upsertSchedulers().catch((error: unknown) => this.logger.warn(`Could not refresh the job schedulers: ${String(error)}`));
    }, SCHEDULER_REFRESH_MS);
    this.refresh.unref();
  }

  onModuleDestroy(): void {
    if (this.refresh) clearInterval(this.refresh);
  }

  private async upsertSchedulers(): Promise<void> {
    await this.queue.upsertJobScheduler('outbox-relay', { every: RELAY_EVERY_MS }, { name: JOBS.relayOutbox, data: {}, opts: { removeOnComplete: true, removeOnFail: 100 } });
    await this.queue.upsertJobScheduler('nightly-plan', { pattern: NIGHTLY_PLAN_CRON }, { name: JOBS.nightlyPlan, data: {}, opts: { removeOnComplete: 100, removeOnFail: 100 } });
    await this.queue.upsertJobScheduler('missing-timesheets', { pattern: MISSING_TIMESHEETS_CRON }, { name: JOBS.missingTimesheets, data: {}, opts: { removeOnComplete: 100, removeOnFail: 100 } });
  }

  async process(job: Job<Record<string, never>, unknown, string>): Promise<unknown> {
    const handler = this.handlers[job.name as SchedulerJob];
    if (!handler) {
      this.logger.warn(`No handler for job ${job.name} on queue ${QUEUES.scheduler}`);
      return undefined;
    }
    return handler();
  }

  private readonly warnError = throttledWarning(this.logger, 'worker connection');

  /** Connection errors (Redis down) are logged, throttled; BullMQ reconnects by itself. */
  @OnWorkerEvent('error')
  onWorkerError(error: Error): void {
    this.warnError(error);
  }
}
