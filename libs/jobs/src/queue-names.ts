/**
 * Queue and job names. These strings are keys in Redis (or rows in the BullMQ PostgreSQL backend):
 * DO NOT RENAME a value — jobs already queued under the old name would be stranded.
 */
export const QUEUES = {
  system: 'system',
  /** Solver work: one job per staffing plan; each uses a core for seconds to a minute. */
  staffing: 'staffing',
  /** Short periodic jobs: the outbox relay and the nightly plan. */
  scheduler: 'scheduler',
  /** Webhook deliveries (one job per attempt, HTTP-bound) and the webhook dispatcher's tick. */
  webhooks: 'webhooks',
} as const;
export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

export const JOBS = {
  queueCheck: 'queue-check',
  computePlan: 'plan.compute',
  relayOutbox: 'outbox.relay',
  nightlyPlan: 'plan.nightly',
  missingTimesheets: 'timesheets.missing-reminders',
  runScenario: 'scenario.run',
  dispatchWebhooks: 'webhooks.dispatch',
  deliverWebhook: 'webhook.deliver',
} as const;
export type JobName = (typeof JOBS)[keyof typeof JOBS];

/** Every job's payload. Payloads carry ids only; handlers reload state from PostgreSQL. */
export interface JobPayloads {
  /** A round trip api → queue → worker; `checkId` is a queue_checks row. */
  [JOBS.queueCheck]: { checkId: string };
  /** Computes the staffing plan `planId` (a staffing_plans row); re-running a finished plan does nothing. */
  [JOBS.computePlan]: { planId: string };
  /** Moves unsent outbox events to plans and jobs; repeatable. */
  [JOBS.relayOutbox]: Record<string, never>;
  /** Proposes a plan for the next 13 weeks; repeatable (cron). */
  [JOBS.nightlyPlan]: Record<string, never>;
  /** Writes timesheet.missing events for last week (engineers already reminded are skipped); repeatable (cron). */
  [JOBS.missingTimesheets]: Record<string, never>;
  /** Solves a scenario or computes a hiring plan: `runId` is a scenario_runs row; re-running a finished run does nothing. */
  [JOBS.runScenario]: { runId: string };
  /** Fans new outbox events out to subscribed webhook endpoints and re-enqueues deliveries Redis lost; repeatable. */
  [JOBS.dispatchWebhooks]: Record<string, never>;
  /** One attempt of webhook delivery `deliveryId` (a webhook_deliveries row); a finished delivery is left alone. */
  [JOBS.deliverWebhook]: { deliveryId: string };
}

/** Which queue each job goes to. */
export const JOB_QUEUE = {
  [JOBS.queueCheck]: QUEUES.system,
  [JOBS.computePlan]: QUEUES.staffing,
  [JOBS.relayOutbox]: QUEUES.scheduler,
  [JOBS.nightlyPlan]: QUEUES.scheduler,
  [JOBS.missingTimesheets]: QUEUES.scheduler,
  [JOBS.runScenario]: QUEUES.staffing,
  [JOBS.dispatchWebhooks]: QUEUES.webhooks,
  [JOBS.deliverWebhook]: QUEUES.webhooks,
} as const satisfies { readonly [N in JobName]: QueueName };

export const ALL_QUEUES: readonly QueueName[] = Object.values(QUEUES);

/** Jobs of one queue, for the processor's exhaustive handler map. */
export type JobsOfQueue<Q extends QueueName> = { [N in JobName]: (typeof JOB_QUEUE)[N] extends Q ? N : never }[JobName];
