import { Injectable } from '@nestjs/common';
import {
  assertChangeRequestTransition,
  assertVersion,
  buildScopeItem,
  ChangeRequestStatus,
  DomainError,
  DomainErrorDetail,
  patchScopeItem,
  ScopeItemFields,
  ScopeItemInput,
  SowStatus,
} from '@sow/domain';
import { domainEvent } from '@sow/domain';
import { AuditRepository, ChangeRequestEntity, ChangeRequestsRepository, ScopeItemsRepository, SowEntity, SowsRepository, TransactionRunner, Tx } from '@sow/persistence';
import { ScopeTemplatesService } from '../catalogue/scope-templates.service';
import { Actor } from '../shared/actor';
import { SkillsService } from '../catalogue/skills.service';
import { draftOf } from './sow-views';
import { assertCanDecide, assertCanEditSow, SowsService } from './sows.service';

export type ScopeChange =
  | { op: 'add'; item: ScopeItemInput }
  | { op: 'modify'; scopeItemId: string; patch: ScopeItemFields }
  | { op: 'remove'; scopeItemId: string };

export interface CreateChangeRequestInput {
  reason: string;
  changes: ScopeChange[];
}

export interface ChangeRequestView {
  id: string;
  sowId: string;
  reason: string;
  changes: ScopeChange[];
  status: ChangeRequestStatus;
  requestedBy: string;
  sowVersion: number;
  decidedBy: string | null;
  decidedAt: string | null;
  decisionReason: string | null;
  version: number;
  createdAt: string;
}

/** Change requests apply to signed work only; a draft is edited directly. */
const CHANGEABLE_SOW_STATUSES: readonly SowStatus[] = ['approved', 'active'];

export function toChangeRequestView(c: ChangeRequestEntity): ChangeRequestView {
  return {
    id: c.id,
    sowId: c.sowId,
    reason: c.reason,
    changes: c.changes as unknown as ScopeChange[],
    status: c.status,
    requestedBy: c.requestedBy,
    sowVersion: c.sowVersion,
    decidedBy: c.decidedBy,
    decidedAt: c.decidedAt ? new Date(c.decidedAt).toISOString() : null,
    decisionReason: c.decisionReason,
    version: c.version,
    createdAt: new Date(c.createdAt).toISOString(),
  };
}

function assertChangeable(sow: SowEntity): void {
  if (!CHANGEABLE_SOW_STATUSES.includes(sow.status)) {
    throw new DomainError('conflict', `SOW ${sow.id} is ${sow.status}; change requests apply to approved or active SOWs`, [
      { field: 'status', rule: `isIn: ${CHANGEABLE_SOW_STATUSES.join(', ')}`, message: `status is ${sow.status}` },
    ]);
  }
}

@Injectable()
export class ChangeRequestsService {
  constructor(
    private readonly requests: ChangeRequestsRepository,
    private readonly sows: SowsRepository,
    private readonly items: ScopeItemsRepository,
    private readonly sowsService: SowsService,
    private readonly templates: ScopeTemplatesService,
    private readonly skills: SkillsService,
    private readonly audit: AuditRepository,
    private readonly tx: TransactionRunner,
  ) {}

  async create(actor: Actor, sowId: string, input: CreateChangeRequestInput): Promise<ChangeRequestView> {
    return this.tx.run(async (tx) => {
      const sow = await this.sows.findById(sowId, tx, { lock: true });
      if (!sow) throw new DomainError('not_found', `SOW ${sowId} not found`);
      assertCanEditSow(actor, sow);
      assertChangeable(sow);
      await this.validateChanges(sow, input.changes, tx);
      const saved = await this.requests.insert(
        { sowId, reason: input.reason, changes: input.changes as unknown as Array<Record<string, unknown>>, status: 'submitted', requestedBy: actor.userId, sowVersion: sow.version },
        tx,
      );
      const view = toChangeRequestView(saved);
      await this.audit.record({ actorId: actor.userId, action: 'change_request.submitted', entityType: 'change_request', entityId: saved.id, sowId, after: view }, tx);
      return view;
    });
  }

  async get(id: string): Promise<ChangeRequestView> {
    const cr = await this.requests.findById(id);
    if (!cr) throw new DomainError('not_found', `Change request ${id} not found`);
    return toChangeRequestView(cr);
  }

  async listBySow(sowId: string): Promise<ChangeRequestView[]> {
    if (!(await this.sows.findById(sowId))) throw new DomainError('not_found', `SOW ${sowId} not found`);
    return (await this.requests.listBySow(sowId)).map(toChangeRequestView);
  }

  /** Applies every change in order in one transaction (re-validated against the SOW as it is now), then bumps the SOW version. */
  async approve(actor: Actor, id: string, reason: string | undefined, expectedVersion?: number): Promise<ChangeRequestView> {
    return this.decide(actor, id, 'approved', reason, expectedVersion, async (cr, sow, tx) => {
      assertChangeable(sow);
      const changes = cr.changes as unknown as ScopeChange[];
      await this.validateChanges(sow, changes, tx);
      for (const [i, change] of changes.entries()) {
        if (change.op === 'add') await this.sowsService.insertItem(actor, sow, change.item, tx, `changes[${i}].item`);
        else if (change.op === 'modify') await this.sowsService.patchItem(actor, sow, change.scopeItemId, change.patch, tx, undefined, `changes[${i}].patch`);
        else await this.sowsService.deleteItem(actor, sow, change.scopeItemId, tx);
      }
      const bumped = await this.sows.update(sow.id, {}, tx);
      await this.audit.publish(
        domainEvent('change_request.approved', sow.id, { sowId: sow.id, changeRequestId: cr.id, sowVersion: bumped.version }),
        tx,
      );
    });
  }

  async reject(actor: Actor, id: string, reason: string, expectedVersion?: number): Promise<ChangeRequestView> {
    return this.decide(actor, id, 'rejected', reason, expectedVersion, async () => undefined);
  }

  private async decide(
    actor: Actor,
    id: string,
    to: ChangeRequestStatus,
    reason: string | undefined,
    expectedVersion: number | undefined,
    apply: (cr: ChangeRequestEntity, sow: SowEntity, tx: Tx) => Promise<void>,
  ): Promise<ChangeRequestView> {
    return this.tx.run(async (tx) => {
      const cr = await this.requests.findById(id, tx, { lock: true });
      if (!cr) throw new DomainError('not_found', `Change request ${id} not found`);
      // Lock order CR → SOW everywhere, so two approvals on one SOW serialise without deadlock.
      const sow = await this.sows.findById(cr.sowId, tx, { lock: true });
      if (!sow) throw new DomainError('not_found', `SOW ${cr.sowId} not found`);
      const override = assertCanDecide(actor, sow, [cr.requestedBy], 'change request', reason);
      if (override) {
        await this.audit.record({ actorId: actor.userId, action: 'separation_of_duties.overridden', entityType: 'change_request', entityId: id, sowId: sow.id, after: { decision: to, reason: override, requestedBy: cr.requestedBy } }, tx);
      }
      assertVersion('change request', cr.version, expectedVersion);
      assertChangeRequestTransition(cr.status, to);
      await apply(cr, sow, tx);
      const before = toChangeRequestView(cr);
      const saved = await this.requests.update(id, { status: to, decidedBy: actor.userId, decidedAt: new Date(), decisionReason: reason ?? null }, tx);
      const view = toChangeRequestView(saved);
      await this.audit.record({ actorId: actor.userId, action: `change_request.${to}`, entityType: 'change_request', entityId: id, sowId: sow.id, before, after: view }, tx);
      return view;
    });
  }

  /** Checks every change against the SOW without writing; reports all problems, each under changes[i]. */
  private async validateChanges(sow: SowEntity, changes: readonly ScopeChange[], tx: Tx): Promise<void> {
    const problems: DomainErrorDetail[] = [];
    if (changes.length === 0) problems.push({ field: 'changes', rule: 'arrayNotEmpty', message: 'a change request needs at least one change' });
    const items = new Map((await this.items.listBySow(sow.id, tx)).map((i) => [i.id, i]));
    const known = await this.skills.knownKeys(tx);
    const ctx = { sow: { start: sow.startDate, end: sow.endDate }, knownSkills: known };
    const touched = new Set<string>();
    for (const [i, change] of changes.entries()) {
      try {
        if (change.op === 'add') {
          const template = change.item.templateKey !== undefined ? await this.templates.find(change.item.templateKey, tx) : null;
          buildScopeItem(change.item, { ...ctx, template }, `changes[${i}].item`);
          continue;
        }
        const item = items.get(change.scopeItemId);
        if (!item) {
          problems.push({ field: `changes[${i}].scopeItemId`, rule: 'existsOnSow', message: `scope item ${change.scopeItemId} is not on this SOW` });
          continue;
        }
        if (touched.has(item.id)) {
          problems.push({ field: `changes[${i}].scopeItemId`, rule: 'oncePerRequest', message: `scope item ${item.id} is changed twice in this request` });
        }
        touched.add(item.id);
        if (change.op === 'modify') patchScopeItem(draftOf(item), change.patch, ctx, `changes[${i}].patch`);
      } catch (error) {
        if (!(error instanceof DomainError) || error.code !== 'validation_failed') throw error;
        problems.push(...(error.details ?? [{ field: `changes[${i}]`, rule: 'valid', message: error.message }]));
      }
    }
    if (problems.length > 0) throw new DomainError('validation_failed', `Invalid change request: ${[...new Set(problems.map((p) => p.field))].join(', ')}`, problems);
  }
}
