import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ScopeItemEntity } from '../entities/scope-item.entity';
import { BaseRepository, Tx } from './base.repository';

@Injectable()
export class ScopeItemsRepository extends BaseRepository<ScopeItemEntity> {
  constructor(dataSource: DataSource) {
    super(dataSource, ScopeItemEntity);
  }

  listBySow(sowId: string, tx?: Tx): Promise<ScopeItemEntity[]> {
    return this.repo(tx).find({ where: { sowId }, order: { startDate: 'ASC', createdAt: 'ASC', id: 'ASC' } });
  }
}
