import fc from 'fast-check';
import { choiceToAssignment, CompiledModel, compileModel, evaluateTerms, isChoiceFeasible, sumTerms } from '../model/compiled-model';
import { solveGreedyChoice } from './greedy-solver';
import { recombinationPays, recombineSchedules, SchedulePool, searchWithRecombination } from './schedule-pool';
import { bruteForce, feasibleSchedules } from '../testing/brute-force.fixture';
import { smallModelArb } from '../testing/random-model.fixture';
import { verifySolution } from '../model/verifier';

describe('SchedulePool', () => {
  it('keeps each schedule once, whatever the task order, and evicts an agent’s oldest when it is full', () => {
    const pool = new SchedulePool(2, 2);
    expect(pool.add(0, [3, 1])).toBe(true);
    expect(pool.add(0, [1, 3])).toBe(false);
    expect(pool.add(0, [])).toBe(false);
    expect(pool.add(1, [1, 3])).toBe(true);
    expect(pool.add(0, [2])).toBe(true);
    expect(pool.add(0, [4])).toBe(true);
    expect(pool.schedules(0).map((s) => Array.from(s))).toEqual([[2], [4]]);
    expect(pool.size).toBe(3);
    // The evicted schedule is forgotten: it can come back.
    expect(pool.add(0, [1, 3])).toBe(true);
    expect(pool.schedules(0).map((s) => Array.from(s))).toEqual([[4], [1, 3]]);
  });
});

describe('recombineSchedules', () => {
  it('finds the optimum when the pool holds every feasible schedule (leads, locks, targets, travel; random small models)', async () => {
    await fc.assert(
      fc.asyncProperty(smallModelArb, async (model) => {
        const c = compileModel(model);
        const start = solveGreedyChoice(c);
        fc.pre(isChoiceFeasible(c, start));
        const pool = new SchedulePool(c.nA);
        for (let a = 0; a < c.nA; a++) for (const pairs of feasibleSchedules(c, a)) pool.add(a, pairs);
        const r = await recombineSchedules(c, pool, start, { timeLimitMs: 10_000, seed: 1 });
        const report = verifySolution(model, choiceToAssignment(c, r.choice));
        expect(report.violations).toEqual([]);
        expect(r.objective).toBeCloseTo(report.objective, 6);
        expect(r.optimal).toBe(true);
        expect(r.objective).toBeCloseTo(bruteForce(model) as number, 6);
      }),
      { numRuns: 150 },
    );
  });

  it('changes only the free agents, keeps every hard rule and never ends worse than the incumbent', async () => {
    await fc.assert(
      fc.asyncProperty(smallModelArb, fc.integer({ min: 0, max: 2 }), async (model, freeAgent) => {
        const c = compileModel(model);
        const start = solveGreedyChoice(c);
        fc.pre(isChoiceFeasible(c, start) && freeAgent < c.nA);
        const pool = new SchedulePool(c.nA);
        for (let a = 0; a < c.nA; a++) for (const pairs of feasibleSchedules(c, a)) pool.add(a, pairs);
        const r = await recombineSchedules(c, pool, start, { timeLimitMs: 10_000, seed: 1, free: new Set([freeAgent]) });
        expect(verifySolution(model, choiceToAssignment(c, r.choice)).violations).toEqual([]);
        expect(r.objective).toBeLessThanOrEqual(sumTerms(evaluateTerms(c, start)) + 1e-9);
        for (let t = 0; t < c.nT; t++) {
          const before = start[t] < 0 ? -1 : c.pairAgent[start[t]];
          const after = r.choice[t] < 0 ? -1 : c.pairAgent[r.choice[t]];
          if (before !== freeAgent && after !== freeAgent) expect(after).toBe(before);
        }
      }),
      { numRuns: 150 },
    );
  });
});

describe('searchWithRecombination', () => {
  it('keeps every hard rule and never ends worse than its start', async () => {
    await fc.assert(
      fc.asyncProperty(smallModelArb, fc.integer({ min: 1, max: 1000 }), async (model, seed) => {
        const c = compileModel(model);
        const start = solveGreedyChoice(c);
        fc.pre(isChoiceFeasible(c, start));
        const r = await searchWithRecombination(c, start, { timeLimitMs: 40, seed });
        expect(verifySolution(model, choiceToAssignment(c, r.choice)).violations).toEqual([]);
        expect(r.objective).toBeCloseTo(sumTerms(evaluateTerms(c, r.choice)), 6);
        expect(r.objective).toBeLessThanOrEqual(sumTerms(evaluateTerms(c, start)) + 1e-9);
      }),
      { numRuns: 40 },
    );
  });
});

describe('recombinationPays', () => {
  const withTasks = (nT: number): CompiledModel => ({ nT }) as CompiledModel;
  it('needs 30 s at least, and 120 ms per task on larger models', () => {
    expect(recombinationPays(withTasks(100), 29_999)).toBe(false);
    expect(recombinationPays(withTasks(100), 30_000)).toBe(true);
    expect(recombinationPays(withTasks(1117), 120_000)).toBe(false);
    expect(recombinationPays(withTasks(1117), 600_000)).toBe(true);
    expect(recombinationPays(withTasks(12_800), 60_000)).toBe(false);
  });
});
