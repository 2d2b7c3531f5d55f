import { DomainError, DomainErrorDetail } from './domain-error';

/** An amount as a decimal string with exactly 2 places, plus an ISO 4217 currency code. */
export interface Money {
  amount: string;
  currency: string;
}

const AMOUNT_PATTERN = /^-?\d{1,15}(\.\d{1,2})?$/;
const CURRENCY_PATTERN = /^[A-Z]{3}$/;
const DECIMAL_PATTERN = /^-?\d{1,15}(\.\d{1,6})?$/;

export function isCurrencyCode(value: unknown): value is string {
  return typeof value === 'string' && CURRENCY_PATTERN.test(value);
}

export function isAmount(value: unknown): value is string {
  return typeof value === 'string' && AMOUNT_PATTERN.test(value);
}

function invalid(field: string, rule: string, message: string): DomainError {
  return new DomainError('validation_failed', message, [{ field, rule, message }]);
}

/** Decimal string ('1234.5') to integer minor units (123450n); at most 2 decimals. */
export function toMinorUnits(amount: string, field = 'amount'): bigint {
  if (!isAmount(amount)) throw invalid(field, 'isDecimal', `${field} must be a decimal string with at most 2 decimals`);
  const negative = amount.startsWith('-');
  const [whole = '0', fraction = ''] = (negative ? amount.slice(1) : amount).split('.');
  const minor = BigInt(whole) * 100n + BigInt(fraction.padEnd(2, '0'));
  return negative ? -minor : minor;
}

/** Integer minor units to a decimal string with exactly 2 places. */
export function fromMinorUnits(minor: bigint): string {
  const negative = minor < 0n;
  const abs = negative ? -minor : minor;
  const text = `${abs / 100n}.${String(abs % 100n).padStart(2, '0')}`;
  return negative ? `-${text}` : text;
}

export function money(amount: string, currency: string): Money {
  if (!isCurrencyCode(currency)) throw invalid('currency', 'isCurrency', 'currency must be a 3-letter ISO 4217 code');
  return { amount: fromMinorUnits(toMinorUnits(amount)), currency };
}

/** n / d rounded half away from zero (half-up for positive amounts). */
export function divideRoundHalfUp(n: bigint, d: bigint): bigint {
  if (d === 0n) throw new RangeError('division by zero');
  const negative = n < 0n !== d < 0n;
  const an = n < 0n ? -n : n;
  const ad = d < 0n ? -d : d;
  const q = (an * 2n + ad) / (ad * 2n);
  return negative ? -q : q;
}

/**
 * A number or decimal string as integer millionths (hours, percentages). Numbers are rounded to 6
 * decimals so binary noise (0.1 + 0.2) does not leak into money.
 */
export function toMicros(value: number | string, field = 'value'): bigint {
  if (typeof value === 'number') {
    if (!Number.isFinite(value) || Math.abs(value) >= 1e9) {
      throw invalid(field, 'isFinite', `${field} must be a finite number below 1e9`);
    }
    return BigInt(Math.round(value * 1_000_000));
  }
  if (!DECIMAL_PATTERN.test(value)) throw invalid(field, 'isDecimal', `${field} must be a decimal with at most 6 decimals`);
  const negative = value.startsWith('-');
  const [whole = '0', fraction = ''] = (negative ? value.slice(1) : value).split('.');
  const micros = BigInt(whole) * 1_000_000n + BigInt(fraction.padEnd(6, '0'));
  return negative ? -micros : micros;
}

export function fromMicros(micros: bigint): number {
  return Number(micros) / 1_000_000;
}

/** minor × factor, rounded half-up to whole minor units; the factor is exact (e.g. 37.5 hours). */
export function multiplyMinor(minor: bigint, factor: number | string, field = 'factor'): bigint {
  return divideRoundHalfUp(minor * toMicros(factor, field), 1_000_000n);
}

/** numerator / denominator × 100 as a string with `decimals` places (half-up); null when denominator is 0. */
export function percentString(numerator: bigint, denominator: bigint, decimals = 1): string | null {
  if (denominator === 0n) return null;
  const scale = 10n ** BigInt(decimals);
  const scaled = divideRoundHalfUp(numerator * 100n * scale, denominator);
  const negative = scaled < 0n;
  const abs = negative ? -scaled : scaled;
  const text = decimals === 0 ? `${abs}` : `${abs / scale}.${String(abs % scale).padStart(decimals, '0')}`;
  return negative ? `-${text}` : text;
}

function assertSameCurrency(a: Money, b: Money): void {
  if (a.currency !== b.currency) {
    throw new DomainError('validation_failed', `Cannot combine ${a.currency} with ${b.currency}`, [
      { field: 'currency', rule: 'sameCurrency', message: `expected ${a.currency}, got ${b.currency}` },
    ]);
  }
}

export function addMoney(a: Money, b: Money): Money {
  assertSameCurrency(a, b);
  return { amount: fromMinorUnits(toMinorUnits(a.amount) + toMinorUnits(b.amount)), currency: a.currency };
}

export function subtractMoney(a: Money, b: Money): Money {
  assertSameCurrency(a, b);
  return { amount: fromMinorUnits(toMinorUnits(a.amount) - toMinorUnits(b.amount)), currency: a.currency };
}

export function compareMoney(a: Money, b: Money): number {
  assertSameCurrency(a, b);
  const diff = toMinorUnits(a.amount) - toMinorUnits(b.amount);
  return diff === 0n ? 0 : diff < 0n ? -1 : 1;
}

/** Collects amount problems without throwing, for validators that report every field. */
export function amountViolations(value: unknown, field: string, options: { nonNegative?: boolean } = {}): DomainErrorDetail[] {
  if (!isAmount(value)) {
    return [{ field, rule: 'isDecimal', message: `${field} must be a decimal string with at most 2 decimals` }];
  }
  if (options.nonNegative && value.startsWith('-')) return [{ field, rule: 'min: 0', message: `${field} must not be negative` }];
  return [];
}
