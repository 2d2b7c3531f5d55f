import { DomainError } from '@sow/domain';
import { assertInputWithinBudget, assertModelWithinBudget, DEFAULT_PLAN_BUDGET } from './plan-budget';

const horizon = { start: '2027-01-04', end: '2027-04-02' };
const ruleOf = (run: () => void): string | undefined => {
  try {
    run();
    return undefined;
  } catch (e) {
    return e instanceof DomainError ? `${e.code}:${e.details?.[0]?.rule}:${e.message}` : String(e);
  }
};

describe('plan budget', () => {
  it('lets an ordinary plan through', () => {
    expect(ruleOf(() => assertInputWithinBudget({ horizon, engineers: 3000, items: [{ id: 'a', start: '2026-11-02', end: '2027-09-30' }] }))).toBeUndefined();
    expect(ruleOf(() => assertModelWithinBudget({ pairs: 482_427 }, DEFAULT_PLAN_BUDGET, { used: 500e6, limit: 4e9 }))).toBeUndefined();
  });

  it('refuses an item running to year 9999, naming it, before anything is compiled', () => {
    const message = ruleOf(() => assertInputWithinBudget({ horizon, engineers: 10, items: [{ id: 'far', start: '2027-01-04', end: '9999-12-31' }] }));
    expect(message).toMatch(/^rule_violation:planBudget:Plan budget exceeded: .* months, at most 120 \(scope item far runs 2027-01-04\.\.9999-12-31\)/);
  });

  it('refuses too many combinations, too many pairs and a heap near its limit', () => {
    expect(ruleOf(() => assertInputWithinBudget({ horizon, engineers: 20_000, items: Array.from({ length: 8000 }, (_, i) => ({ id: String(i), start: horizon.start, end: horizon.end })) }))).toContain('combinations');
    expect(ruleOf(() => assertModelWithinBudget({ pairs: 3_000_001 }, DEFAULT_PLAN_BUDGET, { used: 1, limit: 4e9 }))).toContain('eligible pairs');
    expect(ruleOf(() => assertModelWithinBudget({ pairs: 10 }, DEFAULT_PLAN_BUDGET, { used: 3.5e9, limit: 4e9 }))).toContain('heap');
  });
});
