import { Injectable } from '@nestjs/common';
import {
  assertVersion,
  deliveryCost,
  DomainError,
  Health,
  HEALTH_STATUSES,
  HealthStatus,
  healthStatus,
  rollUpHealth,
  isIsoDate,
  LevelRate,
  multiplyMinor,
  fromMinorUnits,
  toMinorUnits,
  RatePeriod,
  remainingHours,
  ScopeItemStatus,
} from '@sow/domain';
import { domainEvent } from '@sow/domain';
import { AuditRepository, DeliveryQueriesRepository, HealthInboxRow, ItemActualLine, ScopeItemEntity, ScopeItemsRepository, SowEntity, SowHealthEntity, SowsRepository, TransactionRunner, Tx } from '@sow/persistence';
import { Actor } from '../shared/actor';
import { hasAtMostTwoDecimals } from './timesheet-rules';
import { assertCanEditSow } from '../sows/sows.service';

const today = (): string => new Date().toISOString().slice(0, 10);
const round2 = (x: number): number => Math.round(x * 100) / 100;

export interface HealthFigures extends Health {
  budgetHours: number;
  actualHours: number;
  remainingHours: number;
  /** Quoted cost (estimate × cost rate of the minimum level), and the cost of the approved hours; null without a rate card. */
  budgetCost: string | null;
  actualCost: string | null;
}

export interface ItemHealthView extends HealthFigures {
  scopeItemId: string;
  title: string;
  status: HealthStatus;
  itemStatus: ScopeItemStatus;
  plannedStart: string;
  plannedEnd: string;
  estimateToComplete: number | null;
}

export interface SowHealthView extends HealthFigures {
  sowId: string;
  currency: string;
  asOf: string;
  plannedStart: string;
  plannedEnd: string;
  items: ItemHealthView[];
}

export interface CsatView {
  sowId: string;
  score: number;
  comment: string | null;
  recordedBy: string;
  version: number;
  updatedAt: string;
}

export interface EstimateToCompleteView {
  scopeItemId: string;
  estimateToComplete: number;
  version: number;
}

function sum(values: readonly number[]): number {
  return round2(values.reduce((a, b) => a + b, 0));
}

function budgetCost(items: readonly ScopeItemEntity[], history: readonly RatePeriod[] | undefined, asOf: string): string | null {
  const current = history?.filter((p) => p.effectiveFrom <= asOf).at(-1);
  if (!current) return null;
  let minor = 0n;
  for (const item of items) {
    const rate: LevelRate | undefined = current.rates[item.minLevel];
    if (!rate) return null;
    minor += multiplyMinor(toMinorUnits(rate.costRate), item.estimatedHours);
  }
  return fromMinorUnits(minor);
}

function costOf(lines: readonly ItemActualLine[], history: readonly RatePeriod[] | undefined): string | null {
  if (!history) return null;
  try {
    return deliveryCost(lines, history);
  } catch (error) {
    if (error instanceof DomainError && error.code === 'rule_violation') return null;
    throw error;
  }
}

/** Project health per SOW and scope item, its stored status and the events on a change; CSAT and the EM's estimate to complete. */
@Injectable()
export class DeliveryHealthService {
  constructor(
    private readonly queries: DeliveryQueriesRepository,
    private readonly sows: SowsRepository,
    private readonly items: ScopeItemsRepository,
    private readonly audit: AuditRepository,
    private readonly tx: TransactionRunner,
  ) {}

  async sowHealth(sowId: string, asOf?: string): Promise<SowHealthView> {
    if (asOf !== undefined && !isIsoDate(asOf)) throw new DomainError('validation_failed', 'asOf must be YYYY-MM-DD', [{ field: 'asOf', rule: 'isDate', message: `asOf ${asOf} is not a date` }]);
    const sow = await this.sows.findById(sowId);
    if (!sow) throw new DomainError('not_found', `SOW ${sowId} not found`);
    return this.compute(sow, asOf ?? today());
  }

  private async compute(sow: SowEntity, asOf: string, tx?: Tx): Promise<SowHealthView> {
    const items = (await this.items.listBySow(sow.id, tx)).filter((i) => i.status !== 'cancelled');
    const lines = await this.queries.approvedLinesOfSow(sow.id, tx);
    const forecasts = await this.queries.forecastsOf(items.map((i) => i.id), tx);
    const history = (await this.queries.rateHistory(sow.currency, tx)).get(sow.currency);
    const sowDone = sow.status === 'completed';
    // The burn rate runs to the last approved work day on the SOW, not to today (the current week is not approved yet).
    const actualsThrough = lines.reduce<string | undefined>((last, l) => (last === undefined || l.date > last ? l.date : last), undefined);
    const itemViews = items.map((item): ItemHealthView => {
      const own = lines.filter((l) => l.scopeItemId === item.id);
      const actual = sum(own.map((l) => l.hours));
      const etc = forecasts.get(item.id)?.estimateToComplete ?? null;
      const remaining = remainingHours(item.estimatedHours, actual, etc);
      const done = sowDone || item.status === 'done';
      const health = healthStatus({ plannedStart: item.startDate, plannedEnd: item.endDate, budgetHours: item.estimatedHours, actualHours: actual, remainingHours: remaining, asOf, actualsThrough, done });
      return {
        scopeItemId: item.id,
        title: item.title,
        itemStatus: item.status,
        plannedStart: item.startDate,
        plannedEnd: item.endDate,
        estimateToComplete: etc,
        budgetHours: item.estimatedHours,
        actualHours: actual,
        remainingHours: done ? 0 : remaining,
        budgetCost: budgetCost([item], history, asOf),
        actualCost: costOf(own, history),
        ...health,
      };
    });
    const budget = sum(items.map((i) => i.estimatedHours));
    const actual = sum(lines.map((l) => l.hours));
    const remaining = sum(itemViews.map((i) => i.remainingHours));
    const done = sowDone || (items.length > 0 && items.every((i) => i.status === 'done'));
    const total = rollUpHealth({ plannedEnd: sow.endDate, budgetHours: budget, actualHours: actual, asOf, done }, itemViews);
    const reasons = [...total.reasons, ...itemViews.filter((i) => i.status !== 'on_track').flatMap((i) => i.reasons.map((r) => `${i.title}: ${r}`))];
    return {
      sowId: sow.id,
      currency: sow.currency,
      asOf,
      plannedStart: sow.startDate,
      plannedEnd: sow.endDate,
      budgetHours: budget,
      actualHours: actual,
      remainingHours: remaining,
      budgetCost: budgetCost(items, history, asOf),
      actualCost: costOf(lines, history),
      ...total,
      reasons,
      items: itemViews,
    };
  }

  /**
   * Recomputes and stores the health of these SOWs in the caller's transaction; a status that differs
   * from the stored one (none stored counts as on track) writes sow.health_changed to the outbox.
   */
  async refresh(sowIds: readonly string[], tx: Tx, asOf = today()): Promise<void> {
    for (const sowId of [...new Set(sowIds)].sort()) {
      const sow = await this.sows.findById(sowId, tx);
      if (!sow) continue;
      const view = await this.compute(sow, asOf, tx);
      const stored = await this.queries.findHealth(sowId, tx);
      const before: HealthStatus = stored?.status ?? 'on_track';
      if (stored && before === view.status) {
        await this.queries.saveHealth(Object.assign(stored, { reasons: view.reasons }), tx);
        continue;
      }
      const row = Object.assign(new SowHealthEntity(), { sowId, status: view.status, previousStatus: stored ? before : null, reasons: view.reasons, changedAt: new Date() });
      await this.queries.saveHealth(row, tx);
      if (before !== view.status) {
        await this.audit.publish(
          domainEvent('sow.health_changed', sowId, { sowId, from: before, to: view.status, reasons: view.reasons, burn: view.burn, asOf }),
          tx,
        );
      }
    }
  }

  /** The SM's inbox: SOWs whose last computed health is at risk or off track (or the statuses asked for), latest change first. */
  inbox(statuses: readonly HealthStatus[] = ['at_risk', 'off_track']): Promise<HealthInboxRow[]> {
    const bad = statuses.filter((s) => !HEALTH_STATUSES.includes(s));
    if (bad.length > 0) throw new DomainError('validation_failed', 'unknown status', [{ field: 'status', rule: `isIn: ${HEALTH_STATUSES.join(', ')}`, message: `unknown status ${bad.join(', ')}` }]);
    return this.queries.healthInbox(statuses);
  }

  async setEstimateToComplete(actor: Actor, scopeItemId: string, hours: number, expectedVersion?: number): Promise<EstimateToCompleteView> {
    if (!hasAtMostTwoDecimals(hours) || hours < 0) throw new DomainError('validation_failed', 'hours must be ≥ 0 with at most 2 decimals', [{ field: 'hours', rule: 'isHours', message: 'hours must be ≥ 0 with at most 2 decimals' }]);
    return this.tx.run(async (tx) => {
      const item = await this.items.findById(scopeItemId, tx);
      if (!item) throw new DomainError('not_found', `Scope item ${scopeItemId} not found`);
      const sow = await this.sows.findById(item.sowId, tx, { lock: true });
      if (!sow) throw new DomainError('not_found', `SOW ${item.sowId} not found`);
      assertCanEditSow(actor, sow);
      const current = await this.queries.findForecast(scopeItemId, tx);
      if (current) assertVersion('estimate to complete', current.version, expectedVersion);
      const saved = await this.queries.saveForecast({ ...(current ?? {}), scopeItemId, estimateToComplete: hours, setBy: actor.userId }, tx);
      await this.audit.record({ actorId: actor.userId, action: 'scope_item.estimate_to_complete_set', entityType: 'scope_item', entityId: scopeItemId, sowId: sow.id, after: { estimateToComplete: hours } }, tx);
      await this.refresh([sow.id], tx);
      return { scopeItemId, estimateToComplete: saved.estimateToComplete, version: saved.version };
    });
  }

  async csat(sowId: string): Promise<CsatView> {
    const row = await this.queries.findCsat(sowId);
    if (!row) throw new DomainError('not_found', `No CSAT recorded for SOW ${sowId}`);
    return { sowId, score: row.score, comment: row.comment, recordedBy: row.recordedBy, version: row.version, updatedAt: new Date(row.updatedAt).toISOString() };
  }

  /** The EM (or an SM/admin) records the customer's satisfaction once the SOW is completed; a second call revises it (If-Match). */
  async recordCsat(actor: Actor, sowId: string, input: { score: number; comment?: string | null }, expectedVersion?: number): Promise<CsatView> {
    return this.tx.run(async (tx) => {
      const sow = await this.sows.findById(sowId, tx, { lock: true });
      if (!sow) throw new DomainError('not_found', `SOW ${sowId} not found`);
      assertCanEditSow(actor, sow);
      if (sow.status !== 'completed') {
        throw new DomainError('conflict', `SOW ${sowId} is ${sow.status}; CSAT is recorded on completion`, [{ field: 'status', rule: 'isCompleted', message: `status is ${sow.status}` }]);
      }
      const current = await this.queries.findCsat(sowId, tx);
      if (current) assertVersion('CSAT', current.version, expectedVersion);
      const saved = await this.queries.saveCsat({ ...(current ?? {}), sowId, score: input.score, comment: input.comment ?? null, recordedBy: actor.userId }, tx);
      await this.audit.record({ actorId: actor.userId, action: 'sow.csat_recorded', entityType: 'sow', entityId: sowId, sowId, after: { score: input.score, comment: input.comment ?? null } }, tx);
      return { sowId, score: saved.score, comment: saved.comment, recordedBy: saved.recordedBy, version: saved.version, updatedAt: new Date(saved.updatedAt).toISOString() };
    });
  }
}
