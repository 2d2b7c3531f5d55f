import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { QueueCheckEntity } from '../entities/queue-check.entity';

@Injectable()
export class QueueChecksRepository {
  constructor(@InjectRepository(QueueCheckEntity) private readonly repo: Repository<QueueCheckEntity>) {}

  create(requestedBy: string | null): Promise<QueueCheckEntity> {
    return this.repo.save(this.repo.create({ requestedBy, status: 'queued' }));
  }

  findById(id: string): Promise<QueueCheckEntity | null> {
    return this.repo.findOne({ where: { id } });
  }

  /** Idempotent: only a queued check is completed, so a retried job changes nothing twice. */
  async complete(id: string, processedBy: string): Promise<boolean> {
    const result = await this.repo
      .createQueryBuilder()
      .update(QueueCheckEntity)
      .set({ status: 'completed', processedBy, completedAt: () => 'now()', attempts: () => 'attempts + 1' })
      .where('id = :id AND status = :status', { id, status: 'queued' })
      .execute();
    return (result.affected ?? 0) > 0;
  }
}
