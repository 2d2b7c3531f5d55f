import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { Job, UnrecoverableError } from 'bullmq';
import { PlanInvalidError, PlanRunnerService } from '@sow/core';
import { DomainError } from '@sow/domain';
import { JOBS, JobPayloads, QUEUES, throttledWarning } from '@sow/jobs';

/**
 * Staffing plans. The solver runs in a worker thread, so this event loop keeps renewing the job lock;
 * a worker killed mid-plan loses its lock after `lockDuration` and BullMQ hands the job to another.
 */
@Processor(QUEUES.staffing, { lockDuration: 15_000, stalledInterval: 5_000, maxStalledCount: 2 })
export class StaffingProcessor extends WorkerHost {
  private readonly logger = new Logger(StaffingProcessor.name);

  constructor(private readonly runner: PlanRunnerService) {
    super();
  }

  async process(job: Job<JobPayloads[typeof JOBS.computePlan], void, string>): Promise<void> {
    if (job.name !== JOBS.computePlan) throw new UnrecoverableError(`No handler for job ${job.name} on queue ${QUEUES.staffing}`);
    const { planId } = job.data;
    try {
      const outcome = await this.runner.run(planId);
      if (outcome === 'skipped') this.logger.log(`Plan ${planId} was already finished; nothing to do`);
    } catch (error) {
      const permanent = error instanceof DomainError || error instanceof PlanInvalidError;
      const lastAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
      this.logger.warn(`Plan ${planId} failed (attempt ${job.attemptsMade + 1}${permanent ? ', permanent' : ''}): ${String(error)}`);
      if (permanent || lastAttempt) {
        await this.runner.fail(planId, error);
        throw new UnrecoverableError(String(error));
      }
      throw error;
    }
  }

  private readonly warnError = throttledWarning(this.logger, 'worker connection');

  /** Connection errors (Redis down) are logged, throttled; BullMQ reconnects by itself. */
  @OnWorkerEvent('error')
  onWorkerError(error: Error): void {
    this.warnError(error);
  }
}
