import { Injectable } from '@nestjs/common';
import {
  AssignmentStatus,
  assertDateRange,
  assertSpanWithin,
  START_END_DATE,
  assertTransition,
  assertVersion,
  buildScopeItem,
  DomainError,
  isCurrencyCode,
  isSowEditable,
  MAX_SPAN_DAYS,
  patchScopeItem,
  quoteSow,
  Quote,
  ScopeItemFields,
  ScopeItemInput,
  SowStatus,
  throwIfInvalid,
  validateScopeItemDraft,
} from '@sow/domain';
import { domainEvent } from '@sow/domain';
import {
  AssignmentsRepository,
  AuditRepository,
  CustomersRepository,
  RateCardsRepository,
  ScopeItemsRepository,
  SowEntity,
  SowFilter,
  SowsRepository,
  TransactionRunner,
  Tx,
} from '@sow/persistence';
import { assertSeparateDuties } from '../shared/separation-of-duties';
import { Actor, Page } from '../shared/actor';
import { ScopeTemplatesService } from '../catalogue/scope-templates.service';
import { SkillsService } from '../catalogue/skills.service';
import { assignmentChangedEvent } from '../assignments/assignment-view';
import { AuditEventView, draftOf, ScopeItemView, SowView, toAuditEventView, toScopeItemView, toSowView } from './sow-views';

export interface CreateSowInput {
  customerId: string;
  title: string;
  startDate: string;
  endDate: string;
  currency?: string;
}

export type UpdateSowInput = Partial<Omit<CreateSowInput, 'customerId'>>;

export interface TransitionInput {
  reason?: string;
  expectedVersion?: number;
}

export interface QuoteLineView {
  scopeItemId: string;
  title: string;
  level: string;
  hours: number;
  billRate: string;
  costRate: string;
  price: string;
  cost: string;
  grossMargin: string;
  marginPct: string | null;
}

export interface SowQuoteView {
  sowId: string;
  sowVersion: number;
  currency: string;
  rateCard: { id: string; name: string; version: number };
  items: QuoteLineView[];
  pmOverhead: Quote['pmOverhead'];
  totals: Quote['totals'];
}

/** The SOW's engagement manager, senior managers and admins may change it; other EMs may only read. */
export function assertCanEditSow(actor: Actor, sow: SowEntity): void {
  if (actor.role === 'admin' || actor.role === 'senior_manager') return;
  if (actor.role === 'engagement_manager' && sow.engagementManagerId === actor.userId) return;
  throw new DomainError('forbidden', 'Only the SOW’s engagement manager, a senior manager or an admin may change it');
}

/**
 * Approvals need a senior manager who neither manages the SOW nor asked for the decision (four eyes),
 * or an admin overriding with a reason. Returns the override reason to audit, or null.
 */
export function assertCanDecide(actor: Actor, sow: SowEntity, requesters: ReadonlyArray<string | null>, what: string, reason: string | undefined): string | null {
  return assertSeparateDuties(actor, [sow.engagementManagerId, ...requesters], what, reason);
}

function assertTitle(title: string): void {
  if (title.trim().length === 0) throw new DomainError('validation_failed', 'title must not be blank', [{ field: 'title', rule: 'isNotBlank', message: 'title must not be blank' }]);
}

export function assertEditable(sow: SowEntity): void {
  if (!isSowEditable(sow.status)) {
    throw new DomainError('conflict', `SOW ${sow.id} is ${sow.status}; only a draft can be edited (use a change request once approved)`, [
      { field: 'status', rule: 'isDraft', message: `status is ${sow.status}` },
    ]);
  }
}

@Injectable()
export class SowsService {
  constructor(
    private readonly sows: SowsRepository,
    private readonly items: ScopeItemsRepository,
    private readonly customers: CustomersRepository,
    private readonly rateCards: RateCardsRepository,
    private readonly templates: ScopeTemplatesService,
    private readonly skills: SkillsService,
    private readonly audit: AuditRepository,
    private readonly tx: TransactionRunner,
    private readonly assignments: AssignmentsRepository,
  ) {}

  async create(actor: Actor, input: CreateSowInput): Promise<SowView> {
    const currency = (input.currency ?? 'USD').toUpperCase();
    assertTitle(input.title);
    assertDateRange({ start: input.startDate, end: input.endDate }, START_END_DATE);
    if (!isCurrencyCode(currency)) throw new DomainError('validation_failed', 'Bad currency', [{ field: 'currency', rule: 'isCurrency', message: 'currency must be a 3-letter ISO 4217 code' }]);
    return this.tx.run(async (tx) => {
      const customer = await this.customers.findById(input.customerId, tx);
      if (!customer) {
        throw new DomainError('validation_failed', `Customer ${input.customerId} does not exist`, [{ field: 'customerId', rule: 'exists', message: 'no such customer' }]);
      }
      await this.assertQuotableCurrency(currency, tx);
      const sow = await this.sows.insert(
        {
          customerId: customer.id,
          title: input.title.trim(),
          engagementManagerId: actor.userId,
          startDate: input.startDate,
          endDate: input.endDate,
          currency,
          status: 'draft',
          requiredClearance: customer.publicSector ? customer.requiredClearance : null,
        },
        tx,
      );
      const view = toSowView(sow, []);
      await this.audit.record({ actorId: actor.userId, action: 'sow.created', entityType: 'sow', entityId: sow.id, sowId: sow.id, after: view }, tx);
      return view;
    });
  }

  async get(id: string): Promise<SowView> {
    const sow = await this.sows.findById(id);
    if (!sow) throw new DomainError('not_found', `SOW ${id} not found`);
    return toSowView(sow, await this.items.listBySow(id));
  }

  async list(filter: SowFilter): Promise<Page<SowView>> {
    const [rows, total] = await this.sows.list(filter);
    return { items: rows.map((s) => toSowView(s)), total };
  }

  async update(actor: Actor, id: string, patch: UpdateSowInput, expectedVersion?: number): Promise<SowView> {
    return this.tx.run(async (tx) => {
      const sow = await this.lockSow(id, tx, actor, expectedVersion);
      assertEditable(sow);
      if (patch.title !== undefined) assertTitle(patch.title);
      const next = {
        title: patch.title?.trim() ?? sow.title,
        startDate: patch.startDate ?? sow.startDate,
        endDate: patch.endDate ?? sow.endDate,
        currency: (patch.currency ?? sow.currency).toUpperCase(),
      };
      assertDateRange({ start: next.startDate, end: next.endDate }, START_END_DATE);
      // Items and assignments lie inside the SOW, so bounding the SOW bounds them (a PATCH may move one end only).
      assertSpanWithin({ start: next.startDate, end: next.endDate }, { start: 'startDate', end: 'endDate' }, MAX_SPAN_DAYS.engagement, '5 years');
      if (next.currency !== sow.currency) await this.assertQuotableCurrency(next.currency, tx);
      const items = await this.items.listBySow(id, tx);
      const known = await this.skills.knownKeys(tx);
      // New dates must still hold every scope item.
      throwIfInvalid(
        items.flatMap((item, i) =>
          validateScopeItemDraft(draftOf(item), { start: next.startDate, end: next.endDate }, known)
            .filter((p) => p.rule === 'withinSow')
            .map((p) => ({ ...p, field: `scopeItems[${i}].${p.field}`, message: `${item.title}: ${p.message}` })),
        ),
        'The new SOW dates leave scope items outside',
      );
      const before = toSowView(sow);
      const saved = await this.sows.update(id, next, tx);
      const view = toSowView(saved, items);
      await this.audit.record({ actorId: actor.userId, action: 'sow.updated', entityType: 'sow', entityId: id, sowId: id, before, after: toSowView(saved) }, tx);
      return view;
    });
  }

  // --- scope items ------------------------------------------------------------------------------

  async addScopeItem(actor: Actor, sowId: string, input: ScopeItemInput, expectedSowVersion?: number): Promise<ScopeItemView> {
    return this.tx.run(async (tx) => {
      const sow = await this.lockSow(sowId, tx, actor, expectedSowVersion);
      assertEditable(sow);
      const view = await this.insertItem(actor, sow, input, tx);
      await this.sows.update(sowId, {}, tx);
      return view;
    });
  }

  async updateScopeItem(actor: Actor, sowId: string, itemId: string, patch: ScopeItemFields, expectedVersion?: number): Promise<ScopeItemView> {
    return this.tx.run(async (tx) => {
      const sow = await this.lockSow(sowId, tx, actor);
      assertEditable(sow);
      const view = await this.patchItem(actor, sow, itemId, patch, tx, expectedVersion);
      await this.sows.update(sowId, {}, tx);
      return view;
    });
  }

  async removeScopeItem(actor: Actor, sowId: string, itemId: string, expectedVersion?: number): Promise<void> {
    await this.tx.run(async (tx) => {
      const sow = await this.lockSow(sowId, tx, actor);
      assertEditable(sow);
      await this.deleteItem(actor, sow, itemId, tx, expectedVersion);
      await this.sows.update(sowId, {}, tx);
    });
  }

  /** Used by change requests too: validate and insert one item, with its audit row. */
  async insertItem(actor: Actor, sow: SowEntity, input: ScopeItemInput, tx: Tx, fieldPrefix = ''): Promise<ScopeItemView> {
    const known = await this.skills.knownKeys(tx);
    const template = input.templateKey !== undefined ? await this.templates.find(input.templateKey, tx) : null;
    const draft = buildScopeItem(input, { sow: { start: sow.startDate, end: sow.endDate }, knownSkills: known, template }, fieldPrefix);
    const saved = await this.items.insert({ ...draft, sowId: sow.id, status: 'planned' }, tx);
    const view = toScopeItemView(saved);
    await this.audit.record({ actorId: actor.userId, action: 'scope_item.created', entityType: 'scope_item', entityId: saved.id, sowId: sow.id, after: view }, tx);
    return view;
  }

  async patchItem(actor: Actor, sow: SowEntity, itemId: string, patch: ScopeItemFields, tx: Tx, expectedVersion?: number, fieldPrefix = ''): Promise<ScopeItemView> {
    const item = await this.items.findById(itemId, tx, { lock: true });
    if (!item || item.sowId !== sow.id) throw new DomainError('not_found', `Scope item ${itemId} not found on SOW ${sow.id}`);
    assertVersion('scope item', item.version, expectedVersion);
    const known = await this.skills.knownKeys(tx);
    const next = patchScopeItem(draftOf(item), patch, { sow: { start: sow.startDate, end: sow.endDate }, knownSkills: known }, fieldPrefix);
    const before = toScopeItemView(item);
    const saved = await this.items.update(itemId, { ...next, parameters: next.parameters ?? null }, tx);
    const view = toScopeItemView(saved);
    await this.audit.record({ actorId: actor.userId, action: 'scope_item.updated', entityType: 'scope_item', entityId: itemId, sowId: sow.id, before, after: view }, tx);
    return view;
  }

  async deleteItem(actor: Actor, sow: SowEntity, itemId: string, tx: Tx, expectedVersion?: number): Promise<void> {
    const item = await this.items.findById(itemId, tx, { lock: true });
    if (!item || item.sowId !== sow.id) throw new DomainError('not_found', `Scope item ${itemId} not found on SOW ${sow.id}`);
    assertVersion('scope item', item.version, expectedVersion);
    await this.items.remove(item, tx);
    await this.audit.record({ actorId: actor.userId, action: 'scope_item.deleted', entityType: 'scope_item', entityId: itemId, sowId: sow.id, before: toScopeItemView(item) }, tx);
  }

  // --- lifecycle --------------------------------------------------------------------------------

  submit(actor: Actor, id: string, input: TransitionInput): Promise<SowView> {
    return this.transition(actor, id, 'submitted', input, async (sow, tx) => {
      if ((await this.items.listBySow(sow.id, tx)).length === 0) {
        throw new DomainError('rule_violation', 'A SOW needs at least one scope item before it is submitted', [
          { field: 'scopeItems', rule: 'isNotEmpty', message: 'add a scope item first' },
        ]);
      }
      return {};
    });
  }

  approve(actor: Actor, id: string, input: TransitionInput): Promise<SowView> {
    return this.transition(actor, id, 'approved', input, (sow, tx) => this.decide(actor, sow, 'approved', input, tx));
  }

  reject(actor: Actor, id: string, input: TransitionInput): Promise<SowView> {
    return this.transition(actor, id, 'rejected', input, (sow, tx) => this.decide(actor, sow, 'rejected', input, tx));
  }

  /** Four eyes: not the SOW's EM, not whoever submitted it; an admin's override is audited with its reason. */
  private async decide(actor: Actor, sow: SowEntity, to: 'approved' | 'rejected', input: TransitionInput, tx: Tx): Promise<Partial<SowEntity>> {
    const submitter = await this.audit.lastActor(sow.id, 'sow.submitted', tx);
    const override = assertCanDecide(actor, sow, [submitter], 'SOW', input.reason);
    if (override) {
      await this.audit.record({ actorId: actor.userId, action: 'separation_of_duties.overridden', entityType: 'sow', entityId: sow.id, sowId: sow.id, after: { decision: to, reason: override, requestedBy: submitter } }, tx);
    }
    return { decidedBy: actor.userId, decidedAt: new Date(), decisionReason: input.reason ?? null };
  }

  activate(actor: Actor, id: string, input: TransitionInput): Promise<SowView> {
    return this.transition(actor, id, 'active', input);
  }

  complete(actor: Actor, id: string, input: TransitionInput): Promise<SowView> {
    return this.transition(actor, id, 'completed', input);
  }

  cancel(actor: Actor, id: string, input: TransitionInput): Promise<SowView> {
    return this.transition(actor, id, 'cancelled', input);
  }

  /** rejected → draft; the rejection stays in the history, the live approval record is cleared. */
  reopen(actor: Actor, id: string, input: TransitionInput): Promise<SowView> {
    return this.transition(actor, id, 'draft', input, async () => ({ decidedBy: null, decidedAt: null, decisionReason: null }));
  }

  private async transition(
    actor: Actor,
    id: string,
    to: SowStatus,
    input: TransitionInput,
    extra: (sow: SowEntity, tx: Tx) => Promise<Partial<Pick<SowEntity, 'decidedBy' | 'decidedAt' | 'decisionReason'>>> = async () => ({}),
  ): Promise<SowView> {
    return this.tx.run(async (tx) => {
      const sow = await this.sows.findById(id, tx, { lock: true });
      if (!sow) throw new DomainError('not_found', `SOW ${id} not found`);
      if (to !== 'approved' && to !== 'rejected') assertCanEditSow(actor, sow);
      assertVersion('SOW', sow.version, input.expectedVersion);
      assertTransition(sow.status, to);
      const changes = await extra(sow, tx);
      const before = toSowView(sow);
      const saved = await this.sows.update(id, { status: to, ...changes }, tx);
      const after = toSowView(saved);
      await this.audit.record(
        { actorId: actor.userId, action: `sow.${to === 'draft' ? 'reopened' : to}`, entityType: 'sow', entityId: id, sowId: id, before, after: { ...after, ...(input.reason ? { reason: input.reason } : {}) } },
        tx,
      );
      if (to === 'approved') {
        await this.audit.publish(domainEvent('sow.approved', id, { sowId: id, version: saved.version, approvedBy: actor.userId }), tx);
      }
      await this.cascadeToAssignments(actor, id, to, input.reason, tx);
      return toSowView(saved, await this.items.listBySow(id, tx));
    });
  }

  /**
   * The SOW's staffing follows it, in the same transaction: delivery starting makes approved assignments
   * active (a plan no longer moves them); a cancelled or rejected SOW releases every live assignment, so
   * its engineers' hours are free again for ranking, reports and plans. Each change is audited, and
   * changes to approved or active work are announced like a manual release.
   */
  private async cascadeToAssignments(actor: Actor, sowId: string, to: SowStatus, reason: string | undefined, tx: Tx): Promise<void> {
    const target: AssignmentStatus | null = to === 'active' ? 'active' : to === 'cancelled' || to === 'rejected' ? 'released' : null;
    if (!target) return;
    const from: readonly AssignmentStatus[] = target === 'active' ? ['approved'] : ['proposed', 'approved', 'active'];
    const why = reason ?? `SOW ${to}`;
    for (const current of await this.assignments.listBySow(sowId, tx)) {
      if (!from.includes(current.status)) continue;
      const saved = await this.assignments.update(current.id, { status: target }, tx);
      await this.audit.record(
        { actorId: actor.userId, action: target === 'active' ? 'assignment.activated' : 'assignment.released', entityType: 'assignment', entityId: current.id, sowId, before: { status: current.status, version: current.version }, after: { status: target, version: saved.version, reason: why } },
        tx,
      );
      if (current.status !== 'proposed') {
        await this.audit.publish(assignmentChangedEvent(saved, target === 'active' ? 'updated' : 'released', current.status, why), tx);
      }
    }
  }

  // --- read models ------------------------------------------------------------------------------

  async history(id: string): Promise<AuditEventView[]> {
    if (!(await this.sows.findById(id))) throw new DomainError('not_found', `SOW ${id} not found`);
    return (await this.audit.historyOfSow(id)).map(toAuditEventView);
  }

  async quote(id: string, options: { pmOverheadPct?: number } = {}): Promise<SowQuoteView> {
    const sow = await this.sows.findById(id);
    if (!sow) throw new DomainError('not_found', `SOW ${id} not found`);
    const card = await this.rateCards.findActive(sow.currency);
    if (!card) throw new DomainError('rule_violation', `There is no active ${sow.currency} rate card to quote with`, [{ field: 'currency', rule: 'hasRateCard', message: `no active rate card for ${sow.currency}` }]);
    const items = await this.items.listBySow(id);
    const quote = quoteSow(
      items.map((i) => ({ id: i.id, level: i.minLevel, estimatedHours: i.estimatedHours })),
      { currency: card.currency, rates: card.rates },
      options,
    );
    const titles = new Map(items.map((i) => [i.id, i.title]));
    return {
      sowId: sow.id,
      sowVersion: sow.version,
      currency: quote.currency,
      rateCard: { id: card.id, name: card.name, version: card.version },
      items: quote.items.map((line) => ({
        scopeItemId: line.id ?? '',
        title: titles.get(line.id ?? '') ?? '',
        level: line.level,
        hours: line.hours,
        billRate: line.billRate,
        costRate: line.costRate,
        price: line.price,
        cost: line.cost,
        grossMargin: line.grossMargin,
        marginPct: line.marginPct,
      })),
      pmOverhead: quote.pmOverhead,
      totals: quote.totals,
    };
  }

  /** Locks the SOW row for the rest of the transaction and checks the caller may change it. */
  async lockSow(id: string, tx: Tx, actor: Actor, expectedVersion?: number): Promise<SowEntity> {
    const sow = await this.sows.findById(id, tx, { lock: true });
    if (!sow) throw new DomainError('not_found', `SOW ${id} not found`);
    assertCanEditSow(actor, sow);
    assertVersion('SOW', sow.version, expectedVersion);
    return sow;
  }

  private async assertQuotableCurrency(currency: string, tx: Tx): Promise<void> {
    const card = await this.rateCards.findByCurrency(currency, tx);
    if (!card || !card.active) {
      const available = (await this.rateCards.list()).filter((c) => c.active).map((c) => c.currency);
      throw new DomainError('validation_failed', `There is no active rate card for ${currency}`, [
        { field: 'currency', rule: `isIn: ${available.join(', ')}`, message: `currency must have an active rate card (${available.join(', ') || 'none'})` },
      ]);
    }
  }
}
