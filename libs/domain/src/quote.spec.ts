import { DomainError } from './domain-error';
import { quoteSow, RateCard } from './quote';

const rateCard: RateCard = {
  currency: 'USD',
  rates: {
    associate: { billRate: '180', costRate: '95' },
    intermediate: { billRate: '250.00', costRate: '120.00' },
    senior: { billRate: '300', costRate: '150.5' },
  },
};

describe('quoteSow', () => {
  it('prices each line half-up to cents and sums the rounded lines', () => {
    const quote = quoteSow(
      [
        { id: 'a', level: 'intermediate', estimatedHours: 37.5 },
        { id: 'b', level: 'senior', estimatedHours: 10.25 },
      ],
      rateCard,
    );
    expect(quote.currency).toBe('USD');
    expect(quote.items).toEqual([
      { id: 'a', level: 'intermediate', billRate: '250.00', costRate: '120.00', hours: 37.5, price: '9375.00', cost: '4500.00', grossMargin: '4875.00', marginPct: '52.0' },
      { id: 'b', level: 'senior', billRate: '300.00', costRate: '150.50', hours: 10.25, price: '3075.00', cost: '1542.63', grossMargin: '1532.37', marginPct: '49.8' },
    ]);
    expect(quote.pmOverhead).toBeNull();
    expect(quote.totals).toEqual({ hours: 47.75, price: '12450.00', cost: '6042.63', grossMargin: '6407.37', marginPct: '51.5' });
  });

  it('adds PM overhead only when asked', () => {
    const quote = quoteSow(
      [
        { level: 'intermediate', estimatedHours: 37.5 },
        { level: 'senior', estimatedHours: 10.25 },
      ],
      rateCard,
      { pmOverheadPct: 15 },
    );
    expect(quote.pmOverhead).toEqual({ pct: 15, hours: 7.1625, price: '1867.50', cost: '906.39', grossMargin: '961.11', marginPct: '51.5' });
    expect(quote.totals).toMatchObject({ hours: 54.9125, price: '14317.50', cost: '6949.02', grossMargin: '7368.48' });
  });

  it.each([
    [[], '0.00', null],
    [[{ level: 'associate' as const, estimatedHours: 0 }], '0.00', null],
    [[{ level: 'associate' as const, estimatedHours: 0.1 + 0.2 }], '54.00', '47.2'],
  ])('edge case %#', (items, price, marginPct) => {
    const quote = quoteSow(items, rateCard);
    expect(quote.totals.price).toBe(price);
    expect(quote.totals.marginPct).toBe(marginPct);
  });

  it('reports every invalid field at once', () => {
    try {
      quoteSow(
        [
          { level: 'senior_manager', estimatedHours: 8 },
          { level: 'senior', estimatedHours: -1 },
        ],
        { currency: 'dollars', rates: { senior: { billRate: '12.345', costRate: '-1' } } },
        { pmOverheadPct: 120 },
      );
      throw new Error('expected a throw');
    } catch (error) {
      expect(error).toBeInstanceOf(DomainError);
      expect((error as DomainError).code).toBe('validation_failed');
      expect((error as DomainError).details?.map((d) => `${d.field}:${d.rule}`)).toEqual([
        'rateCard.currency:isCurrency',
        'rateCard.rates.senior.billRate:isDecimal',
        'rateCard.rates.senior.costRate:min: 0',
        'items[0].level:hasRate',
        'items[1].estimatedHours:min: 0',
        'pmOverheadPct:isPercent',
      ]);
    }
  });
});
