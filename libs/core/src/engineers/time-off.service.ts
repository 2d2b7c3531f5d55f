import { Injectable } from '@nestjs/common';
import { assertDateRange, START_END_DATE, DomainError, TIME_OFF_KINDS, TimeOffKind } from '@sow/domain';
import { domainEvent } from '@sow/domain';
import { AuditRepository, EngineersRepository, TimeOffEntity, TimeOffRepository, TransactionRunner } from '@sow/persistence';
import { Actor } from '../shared/actor';
import { assertCanSeeEngineer } from './engineers.service';

export interface TimeOffInput {
  kind: TimeOffKind;
  startDate: string;
  endDate: string;
  note?: string | null;
}

export interface TimeOffView {
  id: string;
  engineerId: string;
  kind: TimeOffKind;
  startDate: string;
  endDate: string;
  note: string | null;
  createdAt: string;
}

function toTimeOffView(t: TimeOffEntity): TimeOffView {
  return { id: t.id, engineerId: t.engineerId, kind: t.kind, startDate: t.startDate, endDate: t.endDate, note: t.note, createdAt: new Date(t.createdAt).toISOString() };
}

/** Writers: admins, senior managers, and the engineer for their own calendar. */
function assertCanWrite(actor: Actor, engineerId: string): void {
  assertCanSeeEngineer(actor, engineerId);
  if (actor.role === 'engagement_manager') throw new DomainError('forbidden', 'Engagement managers cannot change time off');
}

@Injectable()
export class TimeOffService {
  constructor(
    private readonly timeOff: TimeOffRepository,
    private readonly engineers: EngineersRepository,
    private readonly audit: AuditRepository,
    private readonly tx: TransactionRunner,
  ) {}

  async list(actor: Actor, engineerId: string): Promise<TimeOffView[]> {
    assertCanSeeEngineer(actor, engineerId);
    if (!(await this.engineers.findById(engineerId))) throw new DomainError('not_found', `Engineer ${engineerId} not found`);
    return (await this.timeOff.listByEngineer(engineerId)).map(toTimeOffView);
  }

  async add(actor: Actor, engineerId: string, input: TimeOffInput): Promise<TimeOffView> {
    assertCanWrite(actor, engineerId);
    if (!TIME_OFF_KINDS.includes(input.kind)) {
      throw new DomainError('validation_failed', 'Unknown time-off kind', [{ field: 'kind', rule: `isIn: ${TIME_OFF_KINDS.join(', ')}`, message: `kind must be one of ${TIME_OFF_KINDS.join(', ')}` }]);
    }
    assertDateRange({ start: input.startDate, end: input.endDate }, START_END_DATE);
    return this.tx.run(async (tx) => {
      // The engineer row lock serialises concurrent adds, so two overlapping ranges cannot both pass the check.
      if (!(await this.engineers.findById(engineerId, tx, { lock: true }))) throw new DomainError('not_found', `Engineer ${engineerId} not found`);
      const clashes = await this.timeOff.findOverlapping(engineerId, input.startDate, input.endDate, tx);
      if (clashes.length > 0) {
        throw new DomainError(
          'conflict',
          `Time off ${input.startDate}..${input.endDate} overlaps ${clashes.map((c) => `${c.startDate}..${c.endDate}`).join(', ')}`,
          clashes.map((c) => ({ field: 'startDate', rule: 'noOverlap', message: `overlaps ${c.kind} ${c.startDate}..${c.endDate} (id ${c.id})` })),
        );
      }
      const saved = await this.timeOff.insert({ engineerId, kind: input.kind, startDate: input.startDate, endDate: input.endDate, note: input.note ?? null }, tx);
      const view = toTimeOffView(saved);
      await this.audit.record({ actorId: actor.userId, action: 'time_off.created', entityType: 'time_off', entityId: saved.id, after: view }, tx);
      await this.audit.publish(domainEvent('engineer.time_off_changed', engineerId, { engineerId, timeOffId: saved.id, change: 'added', startDate: saved.startDate, endDate: saved.endDate }), tx);
      return view;
    });
  }

  async remove(actor: Actor, engineerId: string, timeOffId: string): Promise<void> {
    assertCanWrite(actor, engineerId);
    await this.tx.run(async (tx) => {
      const existing = await this.timeOff.findById(timeOffId, tx, { lock: true });
      if (!existing || existing.engineerId !== engineerId) throw new DomainError('not_found', `Time off ${timeOffId} not found`);
      await this.timeOff.remove(existing, tx);
      await this.audit.record({ actorId: actor.userId, action: 'time_off.deleted', entityType: 'time_off', entityId: timeOffId, before: toTimeOffView(existing) }, tx);
      await this.audit.publish(domainEvent('engineer.time_off_changed', engineerId, { engineerId, timeOffId, change: 'removed', startDate: existing.startDate, endDate: existing.endDate }), tx);
    });
  }
}
