import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger, OnApplicationBootstrap } from '@nestjs/common';
import { Job, UnrecoverableError } from 'bullmq';
import { AppConfig } from '@sow/config';
import { PlanInvalidError, PlanRunnerService, ScenarioRunnerService } from '@sow/core';
import { DomainError } from '@sow/domain';
import { JOBS, JobPayloads, QUEUES, throttledWarning } from '@sow/jobs';

/**
 * Staffing plans. The solver runs in a worker thread, so this event loop keeps renewing the job lock;
 * a worker killed mid-plan loses its lock after `lockDuration` and BullMQ hands the job to another.
 * WORKER_CONCURRENCY plans run at once per process (each solve has its own thread; a run shares no state).
 */
@Processor(QUEUES.staffing, { lockDuration: 15_000, stalledInterval: 5_000, maxStalledCount: 2 })
export class StaffingProcessor extends WorkerHost implements OnApplicationBootstrap {
  private readonly logger = new Logger(StaffingProcessor.name);

  constructor(
    private readonly runner: PlanRunnerService,
    private readonly scenarios: ScenarioRunnerService,
    private readonly config: AppConfig,
  ) {
    super();
  }

  /** The decorator's options are static; the configured concurrency is applied once the worker exists. */
  onApplicationBootstrap(): void {
    this.worker.concurrency = this.config.workerConcurrency;
  }

  /** Jobs this process is computing, with the lock token it holds on each. */
  private readonly active = new Map<string, { job: Job<JobPayloads[typeof JOBS.computePlan], void, string>; token: string | undefined }>();

  /**
   * On shutdown (SIGTERM): take no more jobs, and hand every running plan back at once (plan row to
   * queued, job back to waiting, lock released) so another worker starts it now rather than after the
   * lock expires. The solve in progress is abandoned; the process exits right after.
   */
  async releaseActive(): Promise<string[]> {
    await this.worker.pause(true);
    const released: string[] = [];
    for (const { job, token } of this.active.values()) {
      await this.runner.release(job.data.planId);
      await job.moveToWait(token);
      released.push(job.data.planId);
    }
    this.active.clear();
    // Do not wait for the abandoned solves: their jobs are already someone else's.
    await this.worker.close(true);
    return released;
  }

  async process(job: Job<JobPayloads[typeof JOBS.computePlan] | JobPayloads[typeof JOBS.runScenario], void, string>, token?: string): Promise<void> {
    if (job.name === JOBS.runScenario && 'runId' in job.data) return this.runScenario(job.data.runId, job.attemptsMade + 1 >= (job.opts.attempts ?? 1));
    if (job.name !== JOBS.computePlan || !('planId' in job.data)) throw new UnrecoverableError(`No handler for job ${job.name} on queue ${QUEUES.staffing}`);
    const { planId } = job.data;
    this.active.set(job.id ?? planId, { job: job as Job<JobPayloads[typeof JOBS.computePlan], void, string>, token });
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
    } finally {
      this.active.delete(job.id ?? planId);
    }
  }

  /** A scenario solve or hiring plan: the same solver and rules, progress on its own row. */
  private async runScenario(runId: string, lastAttempt: boolean): Promise<void> {
    try {
      await this.scenarios.run(runId);
    } catch (error) {
      const permanent = error instanceof DomainError;
      this.logger.warn(`Scenario run ${runId} failed${permanent ? ' (permanent)' : ''}: ${String(error)}`);
      if (permanent || lastAttempt) {
        await this.scenarios.fail(runId, error);
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
