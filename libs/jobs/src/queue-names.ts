/**
 * Queue and job names. These strings are keys in Redis (or rows in the BullMQ PostgreSQL backend):
 * DO NOT RENAME a value — jobs already queued under the old name would be stranded.
 */
export const QUEUES = {
  system: 'system',
} as const;
export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

export const JOBS = {
  queueCheck: 'queue-check',
} as const;
export type JobName = (typeof JOBS)[keyof typeof JOBS];

/** Every job's payload. Payloads carry ids only; handlers reload state from PostgreSQL. */
export interface JobPayloads {
  /** A round trip api → queue → worker; `checkId` is a queue_checks row. */
  [JOBS.queueCheck]: { checkId: string };
}

/** Which queue each job goes to. */
export const JOB_QUEUE: { readonly [N in JobName]: QueueName } = {
  [JOBS.queueCheck]: QUEUES.system,
};

export const ALL_QUEUES: readonly QueueName[] = Object.values(QUEUES);

/** Jobs of one queue, for the processor's exhaustive handler map. */
export type JobsOfQueue<Q extends QueueName> = { [N in JobName]: (typeof JOB_QUEUE)[N] extends Q ? N : never }[JobName];
