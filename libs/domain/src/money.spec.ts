import { DomainError } from './domain-error';
import {
  addMoney,
  compareMoney,
  divideRoundHalfUp,
  fromMinorUnits,
  money,
  multiplyMinor,
  percentString,
  subtractMoney,
  toMicros,
  toMinorUnits,
} from './money';

describe('money', () => {
  it.each([
    ['0', 0n],
    ['12.5', 1250n],
    ['12.05', 1205n],
    ['-3.10', -310n],
    ['1000000.99', 100000099n],
  ])('toMinorUnits(%s) = %s', (amount, minor) => {
    expect(toMinorUnits(amount)).toBe(minor);
  });

  it.each(['1.234', '1e3', '', '.5', '12,50', 'abc', '1.'])('toMinorUnits rejects %p', (amount) => {
    expect(() => toMinorUnits(amount, 'rate')).toThrow(DomainError);
  });

  it.each([
    [5n, '0.05'],
    [-5n, '-0.05'],
    [123456n, '1234.56'],
    [0n, '0.00'],
    [-100n, '-1.00'],
  ])('fromMinorUnits(%s) = %s', (minor, amount) => {
    expect(fromMinorUnits(minor)).toBe(amount);
  });

  it.each([
    [5n, 2n, 3n],
    [-5n, 2n, -3n],
    [4n, 3n, 1n],
    [5n, 3n, 2n],
    [1n, 2n, 1n],
    [1n, 3n, 0n],
    [7n, -2n, -4n],
  ])('divideRoundHalfUp(%s, %s) = %s', (n, d, q) => {
    expect(divideRoundHalfUp(n, d)).toBe(q);
  });

  it.each([
    [25000n, 37.5, 937500n],
    [1999n, 0.5, 1000n],
    [10000n, 0.1 + 0.2, 3000n],
    [15050n, 10.25, 154263n],
    [15050n, '10.25', 154263n],
  ])('multiplyMinor(%s, %s) = %s', (minor, factor, expected) => {
    expect(multiplyMinor(minor, factor)).toBe(expected);
  });

  it.each([Number.NaN, Number.POSITIVE_INFINITY, 1e12])('toMicros rejects %p', (value) => {
    expect(() => toMicros(value)).toThrow(DomainError);
  });

  it.each([
    [35n, 100n, 1, '35.0'],
    [1n, 3n, 1, '33.3'],
    [2n, 3n, 1, '66.7'],
    [1n, 3n, 2, '33.33'],
    [-1n, 8n, 1, '-12.5'],
    [1n, 0n, 1, null],
  ])('percentString(%s, %s, %i) = %s', (n, d, decimals, expected) => {
    expect(percentString(n, d, decimals)).toBe(expected);
  });

  it('adds, subtracts and compares in one currency only', () => {
    expect(money('12.5', 'EUR')).toEqual({ amount: '12.50', currency: 'EUR' });
    expect(addMoney(money('0.10', 'USD'), money('0.20', 'USD'))).toEqual({ amount: '0.30', currency: 'USD' });
    expect(subtractMoney(money('1', 'USD'), money('2.5', 'USD')).amount).toBe('-1.50');
    expect(compareMoney(money('1', 'USD'), money('1.00', 'USD'))).toBe(0);
    expect(() => addMoney(money('1', 'USD'), money('1', 'EUR'))).toThrow(DomainError);
    expect(() => money('1', 'usd')).toThrow(DomainError);
  });
});
