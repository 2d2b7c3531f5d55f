import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CompanyDayOffEntity } from '../entities/company-day-off.entity';
import { BaseRepository, Tx } from './base.repository';

@Injectable()
export class CompanyDaysOffRepository extends BaseRepository<CompanyDayOffEntity> {
  constructor(dataSource: DataSource) {
    super(dataSource, CompanyDayOffEntity);
  }

  list(tx?: Tx): Promise<CompanyDayOffEntity[]> {
    return this.repo(tx).find({ order: { date: 'ASC' } });
  }

  findByDate(date: string, tx?: Tx): Promise<CompanyDayOffEntity | null> {
    return this.repo(tx).findOne({ where: { date } });
  }
}
