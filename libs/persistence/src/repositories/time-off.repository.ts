import { Injectable } from '@nestjs/common';
import { DataSource, LessThanOrEqual, MoreThanOrEqual } from 'typeorm';
import { TimeOffEntity } from '../entities/time-off.entity';
import { BaseRepository, Tx } from './base.repository';

@Injectable()
export class TimeOffRepository extends BaseRepository<TimeOffEntity> {
  constructor(dataSource: DataSource) {
    super(dataSource, TimeOffEntity);
  }

  listByEngineer(engineerId: string, tx?: Tx): Promise<TimeOffEntity[]> {
    return this.repo(tx).find({ where: { engineerId }, order: { startDate: 'ASC', id: 'ASC' } });
  }

  /** Ranges of this engineer that share at least one day with [start, end] (inclusive). */
  findOverlapping(engineerId: string, start: string, end: string, tx?: Tx): Promise<TimeOffEntity[]> {
    return this.repo(tx).find({
      where: { engineerId, startDate: LessThanOrEqual(end), endDate: MoreThanOrEqual(start) },
      order: { startDate: 'ASC' },
    });
  }
}
