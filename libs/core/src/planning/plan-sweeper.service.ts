import { Injectable, Logger } from '@nestjs/common';
import { StaffingPlansRepository } from '@sow/persistence';
import { JobProducer, QUEUES } from '@sow/jobs';
import { StaffingPlansService } from './staffing-plans.service';

/** Claims (worker starts) a plan gets before the sweeper gives up on it: the job's own attempts. */
export const PLAN_MAX_ATTEMPTS = 3;
/** The sweeper runs at most this often (it is called on every outbox-relay tick). */
export const SWEEP_EVERY_MS = 10_000;

export interface SweepResult {
  requeued: string[];
  failed: string[];
}

/**
 * Finds plans no worker will finish: `running` or `queued` while their BullMQ job is gone (Redis
 * lost it) or finished (BullMQ failed it after the worker died more than maxStalledCount times, which
 * never reaches the processor's own error handling). Each is retried while it has attempts left, and
 * otherwise ends `failed` with a reason, so every plan ends. A plan whose job is waiting, delayed or
 * active (a live worker holds its lock) is left alone.
 */
@Injectable()
export class PlanSweeperService {
  private readonly logger = new Logger(PlanSweeperService.name);
  private lastSweep = 0;

  constructor(
    private readonly plans: StaffingPlansRepository,
    private readonly staffingPlans: StaffingPlansService,
    private readonly producer: JobProducer,
  ) {}

  async sweepIfDue(now = Date.now()): Promise<SweepResult | null> {
    if (now - this.lastSweep < SWEEP_EVERY_MS) return null;
    this.lastSweep = now;
    return this.sweep();
  }

  async sweep(): Promise<SweepResult> {
    const queue = this.producer.queue(QUEUES.staffing);
    const result: SweepResult = { requeued: [], failed: [] };
    for (const plan of await this.plans.unfinished()) {
      const job = await queue.getJob(`plan-${plan.id}`);
      const state = job ? await job.getState() : 'missing';
      if (state !== 'missing' && state !== 'failed' && state !== 'completed' && state !== 'unknown') continue;
      if (plan.status === 'running' && plan.attempts >= PLAN_MAX_ATTEMPTS) {
        const message = `The worker stopped ${plan.attempts} times while computing this plan (job ${state}${job?.failedReason ? `: ${job.failedReason}` : ''}); not retried again`;
        if (await this.plans.complete(plan.id, { status: 'failed', progress: { phase: 'done', percent: 100 }, errorCode: 'worker_lost', errorMessage: message.slice(0, 2000) })) {
          result.failed.push(plan.id);
          this.logger.warn(`Plan ${plan.id}: ${message}`);
        }
        continue;
      }
      if (plan.status === 'running' && !(await this.plans.requeue(plan.id))) continue;
      // The finished job keeps its id; remove it so the plan's job can be added again under that id.
      await job?.remove().catch(() => undefined);
      await this.staffingPlans.enqueue(plan.id, 0, plan.trigger);
      result.requeued.push(plan.id);
      this.logger.warn(`Plan ${plan.id} was ${plan.status} with its job ${state}; queued it again (attempt ${plan.attempts + 1} of ${PLAN_MAX_ATTEMPTS})`);
    }
    return result;
  }
}
