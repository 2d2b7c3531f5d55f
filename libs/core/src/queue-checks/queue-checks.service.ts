import { Injectable } from '@nestjs/common';
import { hostname } from 'node:os';
import { DomainError } from '@sow/domain';
import { JOBS, JobProducer } from '@sow/jobs';
import { QueueCheckEntity, QueueChecksRepository } from '@sow/persistence';

export interface QueueCheckView {
  id: string;
  status: QueueCheckEntity['status'];
  processedBy: string | null;
  createdAt: string;
  completedAt: string | null;
  /** Milliseconds from request to completion by a worker. */
  latencyMs: number | null;
}

function toView(check: QueueCheckEntity): QueueCheckView {
  return {
    id: check.id,
    status: check.status,
    processedBy: check.processedBy,
    createdAt: check.createdAt.toISOString(),
    completedAt: check.completedAt ? check.completedAt.toISOString() : null,
    latencyMs: check.completedAt ? check.completedAt.getTime() - check.createdAt.getTime() : null,
  };
}

/** Sends a job through the queue and records which worker answered: proof that workers consume. */
@Injectable()
export class QueueChecksService {
  constructor(
    private readonly checks: QueueChecksRepository,
    private readonly producer: JobProducer,
  ) {}

  async request(requestedBy: string | null): Promise<QueueCheckView> {
    const check = await this.checks.create(requestedBy);
    await this.producer.enqueue(JOBS.queueCheck, { checkId: check.id }, { jobId: `queue-check-${check.id}` });
    return toView(check);
  }

  async get(id: string): Promise<QueueCheckView> {
    const check = await this.checks.findById(id);
    if (!check) throw new DomainError('not_found', `Queue check ${id} not found`);
    return toView(check);
  }

  /** Job handler; idempotent (a retried or duplicated job leaves the first result). */
  async complete(checkId: string): Promise<void> {
    await this.checks.complete(checkId, `${hostname()}:${process.pid}`);
  }
}
