import { Injectable } from '@nestjs/common';
import { OutboxEventEntity } from '../entities/outbox-event.entity';
import { Tx } from './base.repository';

/** The relay's side of the outbox: claim unsent events without blocking another relay, then mark them sent. */
@Injectable()
export class OutboxRepository {
  async claimUnsent(limit: number, tx: Tx): Promise<OutboxEventEntity[]> {
    return tx
      .getRepository(OutboxEventEntity)
      .createQueryBuilder('o')
      .where('o.sent_at IS NULL')
      .orderBy('o.created_at', 'ASC')
      .addOrderBy('o.id', 'ASC')
      .limit(limit)
      .setLock('pessimistic_write')
      .setOnLocked('skip_locked')
      .getMany();
  }

  async markSent(ids: readonly string[], tx: Tx): Promise<void> {
    if (ids.length === 0) return;
    await tx.query(`UPDATE outbox_events SET sent_at = now() WHERE id = ANY($1::uuid[])`, [ids]);
  }

  async countUnsent(tx: Tx): Promise<number> {
    return tx.getRepository(OutboxEventEntity).createQueryBuilder('o').where('o.sent_at IS NULL').getCount();
  }
}
