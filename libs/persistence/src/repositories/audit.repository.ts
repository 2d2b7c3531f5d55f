import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { AuditEventEntity } from '../entities/audit-event.entity';
import { OutboxEventEntity } from '../entities/outbox-event.entity';
import { DomainEvent } from '@sow/domain';
import { Tx } from './base.repository';

export interface NewAuditEvent {
  actorId: string | null;
  action: string;
  entityType: string;
  entityId: string;
  sowId?: string | null;
  before?: object | null;
  after?: object | null;
}

/** An outbox row: one of the catalogue's events (libs/domain event-catalogue.ts). */
export type NewOutboxEvent = DomainEvent;

/** Audit and outbox rows; always written on the caller's transaction so they commit with the change. */
@Injectable()
export class AuditRepository {
  constructor(private readonly dataSource: DataSource) {}

  async record(event: NewAuditEvent, tx: Tx): Promise<void> {
    const repo = tx.getRepository(AuditEventEntity);
    await repo.save(repo.create({
      actorId: event.actorId,
      action: event.action,
      entityType: event.entityType,
      entityId: event.entityId,
      sowId: event.sowId ?? null,
      before: (event.before ?? null) as Record<string, unknown> | null,
      after: (event.after ?? null) as Record<string, unknown> | null,
    }));
  }

  /** Who last did this action on this entity (e.g. who submitted a SOW), or null. */
  async lastActor(entityId: string, action: string, tx: Tx): Promise<string | null> {
    const rows: Array<{ actor_id: string | null }> = await tx.query(`SELECT actor_id FROM audit_events WHERE entity_id = $1 AND action = $2 ORDER BY at DESC LIMIT 1`, [entityId, action]);
    return rows[0]?.actor_id ?? null;
  }

  /** Many audit rows in chunked multi-row INSERTs (imports). */
  async recordMany(events: readonly NewAuditEvent[], tx: Tx): Promise<void> {
    const repo = tx.getRepository(AuditEventEntity);
    const rows = events.map((event) =>
      repo.create({
        actorId: event.actorId,
        action: event.action,
        entityType: event.entityType,
        entityId: event.entityId,
        sowId: event.sowId ?? null,
        before: (event.before ?? null) as Record<string, unknown> | null,
        after: (event.after ?? null) as Record<string, unknown> | null,
      }),
    );
    // jsonb columns are serialised by the driver; the deep-partial type cannot express Record<string, unknown>.
    for (let i = 0; i < rows.length; i += 500) await repo.insert(rows.slice(i, i + 500) as QueryDeepPartialEntity<AuditEventEntity>[]);
  }

  async publish(event: NewOutboxEvent, tx: Tx): Promise<void> {
    const repo = tx.getRepository(OutboxEventEntity);
    await repo.save(repo.create({ type: event.type, aggregateType: event.aggregateType, aggregateId: event.aggregateId, payload: event.payload as Record<string, unknown> }));
  }

  /** A SOW's events and those of its items and change requests, oldest first. */
  historyOfSow(sowId: string): Promise<AuditEventEntity[]> {
    return this.dataSource.getRepository(AuditEventEntity).find({ where: { sowId }, order: { at: 'ASC', id: 'ASC' } });
  }

  forEntity(entityType: string, entityId: string): Promise<AuditEventEntity[]> {
    return this.dataSource.getRepository(AuditEventEntity).find({ where: { entityType, entityId }, order: { at: 'ASC', id: 'ASC' } });
  }
}
