import { DomainError } from './domain-error';
import { assertSpanWithin, MAX_SPAN_DAYS } from './date-bounds';

describe('assertSpanWithin', () => {
  const fields = { start: 'startDate', end: 'endDate' };
  it('lets a range of exactly the limit through and refuses one day more, naming the end field', () => {
    expect(() => assertSpanWithin({ start: '2027-01-01', end: '2027-01-11' }, fields, 10, '10 days')).not.toThrow();
    try {
      assertSpanWithin({ start: '2027-01-01', end: '2027-01-12' }, fields, 10, '10 days');
      throw new Error('expected a refusal');
    } catch (e) {
      expect(e).toBeInstanceOf(DomainError);
      expect((e as DomainError).details).toEqual([expect.objectContaining({ field: 'endDate', rule: 'maxSpan' })]);
    }
  });

  it('leaves invalid dates to the other rules', () => {
    expect(() => assertSpanWithin({ start: 'nope', end: '9999-12-31' }, fields, MAX_SPAN_DAYS.engagement, '5 years')).not.toThrow();
  });
});
