import { Injectable } from '@nestjs/common';
import { DataSource, FindOptionsWhere } from 'typeorm';
import { SowStatus } from '@sow/domain';
import { SowEntity } from '../entities/sow.entity';
import { BaseRepository } from './base.repository';

export interface SowFilter {
  status?: SowStatus;
  customerId?: string;
  engagementManagerId?: string;
  limit: number;
  offset: number;
}

@Injectable()
export class SowsRepository extends BaseRepository<SowEntity> {
  constructor(dataSource: DataSource) {
    super(dataSource, SowEntity);
  }

  list(filter: SowFilter): Promise<[SowEntity[], number]> {
    const where: FindOptionsWhere<SowEntity> = {};
    if (filter.status) where.status = filter.status;
    if (filter.customerId) where.customerId = filter.customerId;
    if (filter.engagementManagerId) where.engagementManagerId = filter.engagementManagerId;
    return this.repo().findAndCount({ where, order: { createdAt: 'DESC', id: 'ASC' }, take: filter.limit, skip: filter.offset });
  }
}
