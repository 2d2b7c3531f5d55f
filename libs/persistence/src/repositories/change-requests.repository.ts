import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ChangeRequestEntity } from '../entities/change-request.entity';
import { BaseRepository, Tx } from './base.repository';

@Injectable()
export class ChangeRequestsRepository extends BaseRepository<ChangeRequestEntity> {
  constructor(dataSource: DataSource) {
    super(dataSource, ChangeRequestEntity);
  }

  listBySow(sowId: string, tx?: Tx): Promise<ChangeRequestEntity[]> {
    return this.repo(tx).find({ where: { sowId }, order: { createdAt: 'ASC', id: 'ASC' } });
  }
}
