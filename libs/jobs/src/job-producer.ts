import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { throttledWarning } from './throttled-warning';
import { JobsOptions, Queue } from 'bullmq';
import { JOB_QUEUE, JobName, JobPayloads, QUEUES, QueueName } from './queue-names';

/** Default retry policy: exponential backoff, bounded history so Redis stays small. */
export const DEFAULT_JOB_OPTIONS: JobsOptions = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 1000 },
  removeOnComplete: { age: 24 * 3600, count: 1000 },
  removeOnFail: { age: 7 * 24 * 3600 },
};

/** The one way code enqueues work: typed by job name, routed to its queue. */
@Injectable()
export class JobProducer {
  private readonly queues: Record<QueueName, Queue>;

  constructor(
    @InjectQueue(QUEUES.system) system: Queue,
    @InjectQueue(QUEUES.staffing) staffing: Queue,
    @InjectQueue(QUEUES.scheduler) scheduler: Queue,
    @InjectQueue(QUEUES.webhooks) webhooks: Queue,
  ) {
    this.queues = { [QUEUES.system]: system, [QUEUES.staffing]: staffing, [QUEUES.scheduler]: scheduler, [QUEUES.webhooks]: webhooks };
    for (const queue of Object.values(this.queues)) queue.on('error', throttledWarning(this.logger, `queue ${queue.name}`));
  }

  private readonly logger = new Logger(JobProducer.name);

  async enqueue<N extends JobName>(name: N, payload: JobPayloads[N], options: JobsOptions = {}): Promise<string> {
    const queue = this.queues[JOB_QUEUE[name]];
    const job = await queue.add(name, payload, { ...DEFAULT_JOB_OPTIONS, ...options });
    return job.id ?? '';
  }

  queue(name: QueueName): Queue {
    return this.queues[name];
  }
}
