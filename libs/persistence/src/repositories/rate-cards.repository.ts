import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { RateCardEntity } from '../entities/rate-card.entity';
import { BaseRepository, Tx } from './base.repository';

@Injectable()
export class RateCardsRepository extends BaseRepository<RateCardEntity> {
  constructor(dataSource: DataSource) {
    super(dataSource, RateCardEntity);
  }

  list(): Promise<RateCardEntity[]> {
    return this.repo().find({ order: { currency: 'ASC' } });
  }

  findByCurrency(currency: string, tx?: Tx, lock = false): Promise<RateCardEntity | null> {
    return this.repo(tx).findOne({ where: { currency }, ...(lock && tx ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
  }

  findActive(currency: string): Promise<RateCardEntity | null> {
    return this.repo().findOne({ where: { currency, active: true } });
  }
}
