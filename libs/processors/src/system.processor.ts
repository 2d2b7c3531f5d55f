import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { Job } from 'bullmq';
import { QueueChecksService } from '@sow/core';
import { JOBS, JobPayloads, JobsOfQueue, QUEUES, throttledWarning } from '@sow/jobs';
import { toJobError } from './job-error';

type SystemJob = JobsOfQueue<typeof QUEUES.system>;

@Processor(QUEUES.system)
export class SystemProcessor extends WorkerHost {
  private readonly logger = new Logger(SystemProcessor.name);
  // Exhaustive: adding a job to this queue without a handler does not compile.
  private readonly handlers: { [N in SystemJob]: (payload: JobPayloads[N]) => Promise<void> };

  constructor(queueChecks: QueueChecksService) {
    super();
    this.handlers = {
      [JOBS.queueCheck]: (p) => queueChecks.complete(p.checkId),
    };
  }

  async process(job: Job<JobPayloads[SystemJob], void, string>): Promise<void> {
    const handler = this.handlers[job.name as SystemJob];
    if (!handler) throw toJobError(new Error(`No handler for job ${job.name} on queue ${QUEUES.system}`));
    try {
      await handler(job.data);
    } catch (error) {
      this.logger.warn(`Job ${job.name} ${job.id ?? ''} failed (attempt ${job.attemptsMade + 1}): ${String(error)}`);
      throw toJobError(error);
    }
  }

  private readonly warnError = throttledWarning(this.logger, 'worker connection');

  /** Connection errors (Redis down) are logged, throttled; BullMQ reconnects by itself. */
  @OnWorkerEvent('error')
  onWorkerError(error: Error): void {
    this.warnError(error);
  }
}
