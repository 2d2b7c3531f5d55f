import fc from 'fast-check';
import { choiceToAssignment, compileModel, evaluateTerms, isChoiceFeasible, sumTerms } from '../model/compiled-model';
import { FeasibleSearch, improveFeasible } from './feasible-search';
import { solveGreedyChoice } from './greedy-solver';
import { AssignmentModel, NEEDS_LEAD_CLASS } from '../model/model.types';
import { solveModel } from '../optimizer.service';
import { smallModelArb } from '../testing/random-model.fixture';
import { verifySolution } from '../model/verifier';

/** Larger multi-period models: weekly loads, targets, monthly side limits, leads — the shape of a staffing plan. */
const planLikeArb: fc.Arbitrary<AssignmentModel> = fc
  .record({ seed: fc.array(fc.integer({ min: 0, max: 10_000 }), { minLength: 400, maxLength: 400 }), nA: fc.integer({ min: 2, max: 6 }), nT: fc.integer({ min: 4, max: 14 }) })
  .map(({ seed, nA, nT }) => {
    let i = 0;
    const r = (n: number): number => seed[i++ % seed.length] % n;
    const periods = 6;
    const model: AssignmentModel = {
      schemaVersion: 1,
      periods,
      agents: Array.from({ length: nA }, (_, a) => ({
        id: `A${a}`,
        capacity: Array.from({ length: periods }, () => 20 + r(21)),
        target: { load: 20, penaltyPerUnit: 1 + r(3) },
        sideLimits: [{ resource: 'onsite', windows: [{ id: 'm0', limit: r(5) }, { id: 'm1', limit: r(5) }] }],
        ...(r(3) === 0 ? { class: NEEDS_LEAD_CLASS } : {}),
      })),
      tasks: Array.from({ length: nT }, (_, t) => {
        const from = r(periods);
        const to = Math.min(periods, from + 1 + r(4));
        const hours = 8 + 8 * r(4);
        const load: Record<string, number> = {};
        for (let p = from; p < to; p++) load[String(p)] = hours;
        const lead = t % 2 === 1;
        return {
          id: `T${t}`,
          load: lead ? { [String(from)]: 2 } : load,
          unassignedPrice: lead ? 1 : 50 * (to - from) * hours,
          group: `G${Math.floor(t / 2)}`,
          ...(lead ? { providesLead: true } : { requiresLead: true }),
          ...(r(3) === 0 ? { sideUse: [{ resource: 'onsite', window: `m${r(2)}`, amount: 1 + r(3) }] } : {}),
        };
      }),
      pairs: [],
      churnCost: 3,
    };
    for (let a = 0; a < nA; a++) for (let t = 0; t < nT; t++) if (r(3) !== 0) model.pairs.push({ agent: `A${a}`, task: `T${t}`, cost: r(30) });
    if (model.pairs.length > 0) model.current = [{ task: model.pairs[0].task, agent: model.pairs[0].agent }];
    return model;
  });

/** The search's answer passes the independent verifier, reports its own objective and is no worse than its start. */
function expectValidAndNoWorse(model: AssignmentModel, c: ReturnType<typeof compileModel>, start: Int32Array, r: { choice: Int32Array; objective: number }): void {
  const report = verifySolution(model, choiceToAssignment(c, r.choice));
  expect(report.violations).toEqual([]);
  expect(r.objective).toBeCloseTo(report.objective, 6);
  expect(r.objective).toBeLessThanOrEqual(sumTerms(evaluateTerms(c, start)) + 1e-9);
}

/** One task too large for its only agent: assigning it breaks capacity. */
const overloaded: AssignmentModel = {
  schemaVersion: 1,
  periods: 1,
  agents: [{ id: 'A', capacity: 5 }],
  tasks: [{ id: 'T', load: { '0': 8 }, unassignedPrice: 10 }],
  pairs: [{ agent: 'A', task: 'T', cost: 0 }],
};

describe('FeasibleSearch', () => {
  it('keeps every hard rule and never ends worse than its start (random small models)', () => {
    fc.assert(
      fc.property(smallModelArb, fc.integer({ min: 1, max: 1000 }), (model, seed) => {
        const c = compileModel(model);
        const start = solveGreedyChoice(c);
        fc.pre(isChoiceFeasible(c, start));
        expectValidAndNoWorse(model, c, start, improveFeasible(c, start, { timeLimitMs: 10_000, seed, maxPasses: 20, maxTrials: 30 }));
      }),
      { numRuns: 200 },
    );
  });

  it('keeps every hard rule on multi-period models with targets, travel windows and leads, from the empty plan', () => {
    fc.assert(
      fc.property(planLikeArb, (model) => {
        const c = compileModel(model);
        const empty = new Int32Array(c.nT).fill(-1);
        expectValidAndNoWorse(model, c, empty, improveFeasible(c, empty, { timeLimitMs: 10_000, seed: 3, maxPasses: 10, maxTrials: 50 }));
      }),
      { numRuns: 100 },
    );
  });

  it('returns the best plan it saw even when the annealing walk ends somewhere worse', () => {
    // So hot that nearly every worse plan is accepted: the walk wanders, the answer must not.
    fc.assert(
      fc.property(planLikeArb, fc.integer({ min: 1, max: 1000 }), (model, seed) => {
        const c = compileModel(model);
        const start = solveGreedyChoice(c);
        fc.pre(isChoiceFeasible(c, start));
        const hot = improveFeasible(c, start, { timeLimitMs: 10_000, seed, maxPasses: 10, maxTrials: 200, temperature: { start: 1e6, end: 1e6 } });
        expectValidAndNoWorse(model, c, start, hot);
      }),
      { numRuns: 100 },
    );
  });

  it('is reproducible when its trials are capped, annealing included', () => {
    fc.assert(
      fc.property(planLikeArb, (model) => {
        const c = compileModel(model);
        const empty = new Int32Array(c.nT).fill(-1);
        const run = (): Int32Array => improveFeasible(c, empty, { timeLimitMs: 60_000, seed: 11, maxPasses: 10, maxTrials: 300 }).choice;
        expect(Array.from(run())).toEqual(Array.from(run()));
      }),
      { numRuns: 30 },
    );
  });

  it('makes room by moving a task to another agent (insert by ejection)', () => {
    const model: AssignmentModel = {
      schemaVersion: 1,
      periods: 2,
      agents: [
        { id: 'A', capacity: 10 },
        { id: 'B', capacity: 10 },
      ],
      tasks: [
        { id: 'small', load: { '0': 8, '1': 8 }, unassignedPrice: 10 },
        { id: 'big', load: { '0': 8, '1': 8 }, unassignedPrice: 1000 },
      ],
      pairs: [
        { agent: 'A', task: 'small', cost: 0 },
        { agent: 'B', task: 'small', cost: 1 },
        { agent: 'A', task: 'big', cost: 0 },
      ],
    };
    const c = compileModel(model);
    const start = Int32Array.from([c.taskPairs[c.taskPairStart[0]], -1]);
    expect(c.pairAgent[start[0]]).toBe(0);
    const r = improveFeasible(c, start, { timeLimitMs: 10_000, seed: 1, maxPasses: 5, maxTrials: 0 });
    expect(choiceToAssignment(c, r.choice)).toEqual([1, 0]);
    expect(r.objective).toBe(1);
  });

  it('brings a lead along when an associate takes a task that needs one', () => {
    const model: AssignmentModel = {
      schemaVersion: 1,
      periods: 1,
      agents: [
        { id: 'assoc', capacity: 40, class: NEEDS_LEAD_CLASS },
        { id: 'senior', capacity: 40 },
      ],
      tasks: [
        { id: 'item:primary', load: { '0': 30 }, unassignedPrice: 3000, group: 'item', requiresLead: true },
        { id: 'item:lead', load: { '0': 3 }, unassignedPrice: 2, group: 'item', providesLead: true },
      ],
      pairs: [
        { agent: 'assoc', task: 'item:primary', cost: 0 },
        { agent: 'senior', task: 'item:lead', cost: 5 },
      ],
    };
    const c = compileModel(model);
    const r = improveFeasible(c, new Int32Array(2).fill(-1), { timeLimitMs: 10_000, seed: 1, maxPasses: 5, maxTrials: 0 });
    expect(choiceToAssignment(c, r.choice)).toEqual([0, 1]);
    expect(verifySolution(model, choiceToAssignment(c, r.choice)).violations).toEqual([]);
  });

  it('gives the capacity a ruin frees to unassigned tasks, not only back to the released ones', () => {
    // A holds X (40 h, 4 000); Y and Z (20 h each, 3 000 each) fit only together, in X's place. No single
    // move gets there: swapping X for Y alone loses 1 000.
    const model: AssignmentModel = {
      schemaVersion: 1,
      periods: 1,
      agents: [{ id: 'A', capacity: 40 }],
      tasks: [
        { id: 'X', load: { '0': 40 }, unassignedPrice: 4000 },
        { id: 'Y', load: { '0': 20 }, unassignedPrice: 3000 },
        { id: 'Z', load: { '0': 20 }, unassignedPrice: 3000 },
      ],
      pairs: ['X', 'Y', 'Z'].map((task) => ({ agent: 'A', task, cost: 0 })),
    };
    const c = compileModel(model);
    const start = Int32Array.from([0, -1, -1]);
    const descentOnly = improveFeasible(c, start, { timeLimitMs: 1000, seed: 3, maxTrials: 0 });
    expect(descentOnly.objective).toBe(6000);
    const r = improveFeasible(c, start, { timeLimitMs: 5000, seed: 3, maxTrials: 200 });
    expect(choiceToAssignment(c, r.choice)).toEqual([null, 0, 0]);
    expect(r.objective).toBe(4000);
  });

  it('ruins any candidate agent of a task, not only its cheapest ones', () => {
    // The swap of X for Y + Z happens on A, which is every task's most expensive candidate: six cheaper
    // agents without room come first in every candidate list.
    const decoys = Array.from({ length: 6 }, (_, i) => `D${i}`);
    const model: AssignmentModel = {
      schemaVersion: 1,
      periods: 1,
      agents: [{ id: 'A', capacity: 40 }, ...decoys.map((id) => ({ id, capacity: 1 }))],
      tasks: [
        { id: 'X', load: { '0': 40 }, unassignedPrice: 4000 },
        { id: 'Y', load: { '0': 20 }, unassignedPrice: 3000 },
        { id: 'Z', load: { '0': 20 }, unassignedPrice: 3000 },
      ],
      pairs: ['X', 'Y', 'Z'].flatMap((task) => [{ agent: 'A', task, cost: 10 }, ...decoys.map((agent) => ({ agent, task, cost: 0 }))]),
    };
    const c = compileModel(model);
    const start = new Int32Array(3).fill(-1);
    start[0] = c.taskPairs.find((k) => c.pairTask[k] === 0 && c.pairAgent[k] === 0) ?? -1;
    const r = improveFeasible(c, start, { timeLimitMs: 5000, seed: 3, maxTrials: 300, temperature: { start: 0, end: 0 } });
    expect(choiceToAssignment(c, r.choice)).toEqual([null, 0, 0]);
    expect(r.objective).toBe(4020);
  });

  it('refuses a start that breaks a hard rule', () => {
    const c = compileModel(overloaded);
    expect(() => new FeasibleSearch(c, Int32Array.from([0]))).toThrow(/hard rule/);
  });

  it('moves to another feasible plan, loads and leads included, and refuses one that breaks a rule', () => {
    fc.assert(
      fc.property(planLikeArb, fc.integer({ min: 1, max: 1000 }), (model, seed) => {
        const c = compileModel(model);
        const empty = new Int32Array(c.nT).fill(-1);
        const target = improveFeasible(c, empty, { timeLimitMs: 10_000, seed, maxPasses: 5, maxTrials: 30 }).choice;
        const search = new FeasibleSearch(c, solveGreedyChoice(c));
        search.moveTo(target);
        // No passes and no trials: the run returns where the search stands, re-evaluated from scratch.
        const r = search.run({ timeLimitMs: 10_000, seed, maxPasses: 0, maxTrials: 0 });
        expect(Array.from(r.choice)).toEqual(Array.from(target));
        expect(r.objective).toBeCloseTo(sumTerms(evaluateTerms(c, target)), 6);
        // From there it searches as from a fresh start.
        expectValidAndNoWorse(model, c, target, search.run({ timeLimitMs: 10_000, seed, maxPasses: 5, maxTrials: 30 }));
      }),
      { numRuns: 60 },
    );
    const c = compileModel(overloaded);
    expect(() => new FeasibleSearch(c, Int32Array.from([-1])).moveTo(Int32Array.from([0]))).toThrow(/hard rule/);
  });
});

describe('auto with a warm start', () => {
  it('is never worse than a feasible warm start and passes the verifier', async () => {
    await fc.assert(
      fc.asyncProperty(planLikeArb, async (model) => {
        const c = compileModel(model);
        const greedy = solveGreedyChoice(c);
        fc.pre(isChoiceFeasible(c, greedy));
        const initial = choiceToAssignment(c, greedy);
        const s = await solveModel(model, { method: 'auto', timeLimitMs: 5000, maxIterations: 3, seed: 5, initial });
        const report = verifySolution(model, s.assignment);
        expect(report.violations).toEqual([]);
        expect(s.objective as number).toBeLessThanOrEqual(verifySolution(model, initial).objective + 1e-6);
        if (s.bound !== null) expect(s.bound).toBeLessThanOrEqual((s.objective as number) + 1e-6);
      }),
      { numRuns: 25 },
    );
  });

  it('ignores a warm start that breaks a hard rule', async () => {
    const model: AssignmentModel = {
      schemaVersion: 1,
      periods: 1,
      agents: [{ id: 'A', capacity: 5, target: { load: 4, penaltyPerUnit: 1 } }],
      tasks: [
        { id: 'T1', load: { '0': 4 }, unassignedPrice: 10 },
        { id: 'T2', load: { '0': 4 }, unassignedPrice: 20 },
      ],
      pairs: [
        { agent: 'A', task: 'T1', cost: 0 },
        { agent: 'A', task: 'T2', cost: 0 },
      ],
    };
    const s = await solveModel(model, { method: 'auto', timeLimitMs: 5000, maxIterations: 3, initial: [0, 0] });
    expect(verifySolution(model, s.assignment).violations).toEqual([]);
    expect(s.assignment).toEqual([null, 0]);
    expect(s.objective).toBe(10);
  });
});
