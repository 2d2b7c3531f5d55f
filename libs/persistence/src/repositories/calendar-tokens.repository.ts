import { Injectable } from '@nestjs/common';
import { DataSource, IsNull } from 'typeorm';
import { CalendarTokenEntity } from '../entities/calendar-token.entity';
import { BaseRepository, Tx } from './base.repository';

@Injectable()
export class CalendarTokensRepository extends BaseRepository<CalendarTokenEntity> {
  constructor(dataSource: DataSource) {
    super(dataSource, CalendarTokenEntity);
  }

  /** The live (not revoked) token with this SHA-256, if any. */
  findLiveByHash(tokenHash: string): Promise<CalendarTokenEntity | null> {
    return this.repo().findOne({ where: { tokenHash, revokedAt: IsNull() } });
  }

  /** Revokes every live token of the engineer; returns how many were live. */
  async revokeAll(engineerId: string, at: Date, tx: Tx): Promise<number> {
    const result = await tx.getRepository(CalendarTokenEntity).update({ engineerId, revokedAt: IsNull() }, { revokedAt: at });
    return result.affected ?? 0;
  }
}
