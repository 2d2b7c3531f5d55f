import { Injectable, Logger } from '@nestjs/common';
import { EventType, isEventType } from '@sow/domain';
import { OutboxRepository, PlanTrigger, StaffingPlansRepository, TransactionRunner } from '@sow/persistence';
import { defaultHorizon } from './planning-snapshot';
import { StaffingPlansService, TRIGGER_DEBOUNCE_MS } from './staffing-plans.service';

/** Outbox event types that ask for a rebalance, and the trigger recorded on the plan. */
export const REBALANCE_TRIGGERS: Readonly<Partial<Record<EventType, PlanTrigger>>> = {
  'sow.approved': 'sow.approved',
  'change_request.approved': 'change_request.approved',
  'engineer.time_off_changed': 'engineer.time_off_changed',
  'engineer.deactivated': 'engineer.deactivated',
};

/** Weeks a triggered or nightly plan looks ahead. */
export const REBALANCE_HORIZON_WEEKS = 13;
/** Solver budget of a triggered plan: a proposal within seconds of the trigger (manual requests choose their own). */
export const TRIGGERED_PLAN_TIME_LIMIT_MS = 2_000;

const today = (): string => new Date().toISOString().slice(0, 10);

/**
 * Moves outbox events to work: each rebalance trigger becomes (or folds into) one queued plan for the
 * next 13 weeks, in the same transaction that marks the events sent; then every queued plan gets its
 * job (idempotent by job id), so a crash between the two loses nothing.
 */
@Injectable()
export class OutboxRelayService {
  private readonly logger = new Logger(OutboxRelayService.name);

  constructor(
    private readonly outbox: OutboxRepository,
    private readonly plansRepository: StaffingPlansRepository,
    private readonly plans: StaffingPlansService,
    private readonly tx: TransactionRunner,
  ) {}

  async relay(batchSize = 200): Promise<{ events: number; plans: number }> {
    const { events, planIds } = await this.tx.run(async (tx) => {
      const claimed = await this.outbox.claimUnsent(batchSize, tx);
      const ids = new Set<string>();
      for (const event of claimed) {
        const trigger = isEventType(event.type) ? REBALANCE_TRIGGERS[event.type] : undefined;
        if (!trigger) continue;
        const plan = await this.plans.createOrFold({ horizon: defaultHorizon(today(), REBALANCE_HORIZON_WEEKS), trigger, timeLimitMs: TRIGGERED_PLAN_TIME_LIMIT_MS }, null, tx);
        ids.add(plan.id);
      }
      await this.outbox.markSent(claimed.map((e) => e.id), tx);
      return { events: claimed.length, planIds: ids };
    });
    for (const { id, trigger } of await this.plansRepository.plansToRun()) await this.plans.enqueue(id, planIds.has(id) ? TRIGGER_DEBOUNCE_MS : 0, trigger);
    if (events > 0) this.logger.log(`Relayed ${events} outbox event(s) into ${planIds.size} plan(s)`);
    return { events, plans: planIds.size };
  }

  async nightly(): Promise<void> {
    // At night there is time to search longer.
    await this.plans.request({ horizon: defaultHorizon(today(), REBALANCE_HORIZON_WEEKS), trigger: 'nightly', timeLimitMs: 60_000 }, null);
  }
}
