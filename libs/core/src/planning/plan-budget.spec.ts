import { DomainError } from '@sow/domain';
import { generateOrganisation } from '../../../../bench/generator/org-generator';
import { assertInputWithinBudget, assertModelWithinBudget, compileDeadline, DEFAULT_PLAN_BUDGET } from './plan-budget';
import { compilePlanModel } from './plan-model';

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

describe('compile wall-clock budget', () => {
  const org = generateOrganisation({ engineers: 40, items: 120, weeks: 8, start: '2027-01-04', seed: 5 });

  it('lets a compile within its budget through, having checked the clock as it went', () => {
    let reads = 0;
    const checkpoint = compileDeadline(1000, () => (reads++, 0));
    expect(compilePlanModel(org.snapshot, checkpoint).model.tasks.length).toBeGreaterThan(0);
    // Once per engineer and once per item at least: a long compile is noticed while it runs, not after.
    expect(reads).toBeGreaterThan(org.snapshot.engineers.length + org.snapshot.items.length);
  });

  it('stops a compile that overruns its budget midway, with a reason naming the budget', () => {
    let now = 0;
    let reads = 0;
    // Each clock read is 10 ms later: 50 reads exhaust a 500 ms budget long before the 160 engineers and items are done.
    const checkpoint = compileDeadline(500, () => ((reads += 1), (now += 10)));
    expect(ruleOf(() => compilePlanModel(org.snapshot, checkpoint))).toMatch(/^rule_violation:compileBudget:Plan budget exceeded: compiling the model took over 500 ms \(stopped after 510 ms\)/);
    expect(reads).toBe(52);
  });
});
