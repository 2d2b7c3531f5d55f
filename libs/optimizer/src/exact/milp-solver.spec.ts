import fc from 'fast-check';
import { compileModel } from '../model/compiled-model';
import { packingCuts, solveLpRelaxation } from './milp-solver';
import { AssignmentModel } from '../model/model.types';
import { bruteForce } from '../testing/brute-force.fixture';
import { twoAgentPacking } from '../testing/packing.fixture';
import { smallModelArb } from '../testing/random-model.fixture';

/** Three 30-hour tasks, two 40-hour agents: no two tasks fit one agent, so one task stays unstaffed. */
const packing = twoAgentPacking(3, 30);

describe('MILP formulation', () => {
  it('clique rows make the relaxation of whole tasks against capacity exact', async () => {
    const c = compileModel(packing);
    const cuts = packingCuts(c);
    // One clique per agent: {T1, T2, T3}, each pair in exactly one row.
    expect(cuts.count).toBe(2);
    expect(Array.from(cuts.pairStart.slice(1)).map((end, k) => end - cuts.pairStart[k])).toEqual([1, 1, 1, 1, 1, 1]);
    // Without them the LP staffs 80 / 30 = 2.67 tasks (bound 33.3); with them it proves the optimum.
    expect((await solveLpRelaxation(c, 5000))?.bound).toBeCloseTo(100, 6);
  });

  it('never lets the relaxation use a pair that overloads a period or a travel window', async () => {
    const model: AssignmentModel = {
      schemaVersion: 1,
      periods: 2,
      agents: [{ id: 'A', capacity: [40, 10], sideLimits: [{ resource: 'onsite', windows: [{ id: 'm1', limit: 2 }] }] }],
      tasks: [
        { id: 'big-week', load: { '0': 20, '1': 20 }, unassignedPrice: 100 },
        { id: 'travel', load: { '0': 5 }, unassignedPrice: 100, sideUse: [{ resource: 'onsite', window: 'm1', amount: 3 }] },
        { id: 'fits', load: { '0': 5 }, unassignedPrice: 100 },
      ],
      pairs: ['big-week', 'travel', 'fits'].map((task) => ({ agent: 'A', task, cost: 0 })),
    };
    const c = compileModel(model);
    expect(Array.from(packingCuts(c).impossible)).toEqual([1, 1, 0]);
    const lp = await solveLpRelaxation(c, 5000);
    expect(lp?.bound).toBeCloseTo(200, 6);
    expect(Array.from(lp?.x ?? [])).toEqual([0, 0, 1]);
  });

  it('the relaxation stays a lower bound: it never exceeds the brute-force optimum (random small models)', async () => {
    await fc.assert(
      fc.asyncProperty(smallModelArb, async (model) => {
        const opt = bruteForce(model);
        fc.pre(opt !== null);
        const lp = await solveLpRelaxation(compileModel(model), 5000);
        expect(lp).not.toBeNull();
        expect(lp?.bound as number).toBeLessThanOrEqual((opt as number) + 1e-6);
      }),
      { numRuns: 150 },
    );
  });
});
