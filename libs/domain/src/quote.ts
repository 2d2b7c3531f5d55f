import { DomainError, DomainErrorDetail } from './domain-error';
import { amountViolations, divideRoundHalfUp, fromMicros, fromMinorUnits, isCurrencyCode, multiplyMinor, percentString, toMicros, toMinorUnits } from './money';
import { Level, LEVELS } from './vocabulary';

export interface LevelRate {
  /** Per hour, decimal strings with at most 2 places. */
  billRate: string;
  costRate: string;
}

export interface RateCard {
  currency: string;
  rates: Partial<Record<Level, LevelRate>>;
}

export interface QuoteItemInput {
  id?: string;
  level: Level;
  /** May be fractional (37.5); counted to 6 decimals. */
  estimatedHours: number;
}

export interface QuoteOptions {
  /** Project-management overhead as a percentage of the items (e.g. 15 for 15%); none when omitted. */
  pmOverheadPct?: number;
}

export interface QuoteAmounts {
  hours: number;
  price: string;
  cost: string;
  grossMargin: string;
  /** grossMargin / price × 100 with one decimal; null when the price is 0. */
  marginPct: string | null;
}

export interface QuoteLine extends QuoteAmounts {
  id?: string;
  level: Level;
  billRate: string;
  costRate: string;
}

export interface Quote {
  currency: string;
  items: QuoteLine[];
  pmOverhead: (QuoteAmounts & { pct: number }) | null;
  totals: QuoteAmounts;
}

function amounts(hoursMicros: bigint, price: bigint, cost: bigint): QuoteAmounts {
  return {
    hours: fromMicros(hoursMicros),
    price: fromMinorUnits(price),
    cost: fromMinorUnits(cost),
    grossMargin: fromMinorUnits(price - cost),
    marginPct: percentString(price - cost, price, 1),
  };
}

function validate(items: readonly QuoteItemInput[], rateCard: RateCard, options: QuoteOptions): DomainErrorDetail[] {
  const details: DomainErrorDetail[] = [];
  if (!isCurrencyCode(rateCard.currency)) {
    details.push({ field: 'rateCard.currency', rule: 'isCurrency', message: 'currency must be a 3-letter ISO 4217 code' });
  }
  for (const level of LEVELS) {
    const rate = rateCard.rates[level];
    if (!rate) continue;
    details.push(...amountViolations(rate.billRate, `rateCard.rates.${level}.billRate`, { nonNegative: true }));
    details.push(...amountViolations(rate.costRate, `rateCard.rates.${level}.costRate`, { nonNegative: true }));
  }
  items.forEach((item, i) => {
    if (!rateCard.rates[item.level]) {
      details.push({ field: `items[${i}].level`, rule: 'hasRate', message: `the rate card has no rate for ${item.level}` });
    }
    const hours = item.estimatedHours;
    if (!Number.isFinite(hours) || hours < 0 || hours >= 1e9) {
      details.push({ field: `items[${i}].estimatedHours`, rule: 'min: 0', message: 'estimatedHours must be a finite number ≥ 0' });
    }
  });
  const pct = options.pmOverheadPct;
  if (pct !== undefined && (!Number.isFinite(pct) || pct < 0 || pct > 100)) {
    details.push({ field: 'pmOverheadPct', rule: 'isPercent', message: 'pmOverheadPct must be between 0 and 100' });
  }
  return details;
}

/**
 * Prices scope items at the rate card: price = hours × bill rate, cost = hours × cost rate, each line
 * rounded half-up to cents; totals are sums of the rounded lines. PM overhead is added only when asked.
 */
export function quoteSow(items: readonly QuoteItemInput[], rateCard: RateCard, options: QuoteOptions = {}): Quote {
  const details = validate(items, rateCard, options);
  if (details.length > 0) throw new DomainError('validation_failed', 'The quote input is invalid', details);
  let hours = 0n;
  let price = 0n;
  let cost = 0n;
  const lines = items.map((item, i): QuoteLine => {
    const rate = rateCard.rates[item.level] as LevelRate;
    const itemHours = toMicros(item.estimatedHours, `items[${i}].estimatedHours`);
    const linePrice = multiplyMinor(toMinorUnits(rate.billRate), item.estimatedHours);
    const lineCost = multiplyMinor(toMinorUnits(rate.costRate), item.estimatedHours);
    hours += itemHours;
    price += linePrice;
    cost += lineCost;
    return {
      ...(item.id !== undefined ? { id: item.id } : {}),
      level: item.level,
      billRate: fromMinorUnits(toMinorUnits(rate.billRate)),
      costRate: fromMinorUnits(toMinorUnits(rate.costRate)),
      ...amounts(itemHours, linePrice, lineCost),
    };
  });
  let pmOverhead: Quote['pmOverhead'] = null;
  if (options.pmOverheadPct !== undefined) {
    const pct = toMicros(options.pmOverheadPct, 'pmOverheadPct');
    const pmHours = divideRoundHalfUp(hours * pct, 100_000_000n);
    const pmPrice = divideRoundHalfUp(price * pct, 100_000_000n);
    const pmCost = divideRoundHalfUp(cost * pct, 100_000_000n);
    pmOverhead = { pct: options.pmOverheadPct, ...amounts(pmHours, pmPrice, pmCost) };
    hours += pmHours;
    price += pmPrice;
    cost += pmCost;
  }
  return { currency: rateCard.currency, items: lines, pmOverhead, totals: amounts(hours, price, cost) };
}
