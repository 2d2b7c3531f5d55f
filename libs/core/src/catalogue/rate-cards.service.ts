import { Injectable } from '@nestjs/common';
import { amountViolations, assertVersion, DomainError, DomainErrorDetail, isCurrencyCode, Level, LevelRate, LEVELS, throwIfInvalid } from '@sow/domain';
import { AuditRepository, RateCardEntity, RateCardsRepository, TransactionRunner } from '@sow/persistence';
import { Actor } from '../shared/actor';

export interface RateCardInput {
  name: string;
  rates: Partial<Record<Level, LevelRate>>;
  active?: boolean;
}

export interface RateCardView {
  id: string;
  currency: string;
  name: string;
  rates: Partial<Record<Level, LevelRate>>;
  active: boolean;
  version: number;
  updatedAt: string;
}

export function toRateCardView(r: RateCardEntity): RateCardView {
  return { id: r.id, currency: r.currency, name: r.name, rates: r.rates, active: r.active, version: r.version, updatedAt: new Date(r.updatedAt).toISOString() };
}

/** Every level needs a bill and cost rate (decimal strings, ≥ 0) so any SOW can be quoted. */
export function validateRateCard(currency: string, input: RateCardInput): DomainErrorDetail[] {
  const out: DomainErrorDetail[] = [];
  if (!isCurrencyCode(currency)) out.push({ field: 'currency', rule: 'isCurrency', message: 'currency must be a 3-letter ISO 4217 code' });
  for (const key of Object.keys(input.rates ?? {})) {
    if (!(LEVELS as readonly string[]).includes(key)) out.push({ field: `rates.${key}`, rule: 'unknownField', message: `${key} is not a level` });
  }
  for (const level of LEVELS) {
    const rate = input.rates?.[level];
    if (!rate) {
      out.push({ field: `rates.${level}`, rule: 'isDefined', message: `rates.${level} is required` });
      continue;
    }
    out.push(...amountViolations(rate.billRate, `rates.${level}.billRate`, { nonNegative: true }));
    out.push(...amountViolations(rate.costRate, `rates.${level}.costRate`, { nonNegative: true }));
  }
  return out;
}

@Injectable()
export class RateCardsService {
  constructor(
    private readonly cards: RateCardsRepository,
    private readonly audit: AuditRepository,
    private readonly tx: TransactionRunner,
  ) {}

  async list(): Promise<RateCardView[]> {
    return (await this.cards.list()).map(toRateCardView);
  }

  async get(currency: string): Promise<RateCardView> {
    const card = await this.cards.findByCurrency(currency.toUpperCase());
    if (!card) throw new DomainError('not_found', `No rate card for ${currency}`);
    return toRateCardView(card);
  }

  /** Creates or replaces the card of a currency. */
  async put(actor: Actor, currency: string, input: RateCardInput, expectedVersion?: number): Promise<RateCardView> {
    const code = currency.toUpperCase();
    throwIfInvalid(validateRateCard(code, input), 'Invalid rate card');
    const rates = Object.fromEntries(LEVELS.map((l) => [l, { billRate: input.rates[l]?.billRate, costRate: input.rates[l]?.costRate }])) as Record<Level, LevelRate>;
    return this.tx.run(async (tx) => {
      const current = await this.cards.findByCurrency(code, tx, true);
      if (current) {
        assertVersion('rate card', current.version, expectedVersion);
        const before = toRateCardView(current);
        const view = toRateCardView(await this.cards.update(current.id, { name: input.name, rates, active: input.active ?? current.active }, tx));
        await this.audit.record({ actorId: actor.userId, action: 'rate_card.updated', entityType: 'rate_card', entityId: view.id, before, after: view }, tx);
        return view;
      }
      const view = toRateCardView(await this.cards.insert({ currency: code, name: input.name, rates, active: input.active ?? true }, tx));
      await this.audit.record({ actorId: actor.userId, action: 'rate_card.created', entityType: 'rate_card', entityId: view.id, after: view }, tx);
      return view;
    });
  }
}
