import fc from 'fast-check';
import { compileModel } from './compiled-model';
import { computeLowerBound } from './lower-bound';
import { solveLpRelaxation, solveMilp } from './milp-solver';
import { AssignmentModel } from './model.types';
import { scheduleBound } from './schedule-bound';
import { smallModelArb } from './testing/random-model.fixture';

/**
 * Seven 15-hour tasks, two 40-hour agents: any two tasks fit together (no clique row applies), three do
 * not. The LP staffs 80 / 15 = 5.33 tasks; whole schedules hold two per agent, and that is the optimum.
 */
const packing: AssignmentModel = {
  schemaVersion: 1,
  periods: 1,
  agents: [
    { id: 'A', capacity: 40 },
    { id: 'B', capacity: 40 },
  ],
  tasks: Array.from({ length: 7 }, (_, i) => ({ id: `T${i}`, load: { '0': 15 }, unassignedPrice: 100 })),
  pairs: ['A', 'B'].flatMap((agent) => Array.from({ length: 7 }, (_, i) => ({ agent, task: `T${i}`, cost: 0 }))),
};
const LP_BOUND = (7 - 80 / 15) * 100;

describe('scheduleBound', () => {
  it('never exceeds the optimum (random small models with every feature)', async () => {
    await fc.assert(
      fc.asyncProperty(smallModelArb, async (model) => {
        const c = compileModel(model);
        const exact = await solveMilp(c, { timeLimitMs: 5000, seed: 1 });
        const lp = await solveLpRelaxation(c, 5000);
        fc.pre(exact.status === 'optimal' && lp !== null);
        const r = await scheduleBound(c, { timeLimitMs: 10_000, upperBound: exact.objective as number, lambda0: lp?.taskDual, maxIterations: 5 });
        expect(r.bound).toBeLessThanOrEqual((exact.objective as number) + 1e-6);
      }),
      { numRuns: 60 },
    );
  });

  it('without lead coupling (which it drops), starts at or above the LP bound', async () => {
    await fc.assert(
      fc.asyncProperty(smallModelArb, async (withLeads) => {
        const model: AssignmentModel = { ...withLeads, tasks: withLeads.tasks.map((t) => ({ ...t, requiresLead: false })) };
        const c = compileModel(model);
        const exact = await solveMilp(c, { timeLimitMs: 5000, seed: 1 });
        const lp = await solveLpRelaxation(c, 5000);
        fc.pre(exact.status === 'optimal' && lp !== null);
        const r = await scheduleBound(c, { timeLimitMs: 10_000, upperBound: exact.objective as number, lambda0: lp?.taskDual, maxIterations: 1 });
        expect(r.bound).toBeGreaterThanOrEqual((lp?.bound ?? 0) - 1e-6);
        expect(r.bound).toBeLessThanOrEqual((exact.objective as number) + 1e-6);
      }),
      { numRuns: 60 },
    );
  });

  it('is stronger than the LP when tasks cannot be split across agents', async () => {
    const c = compileModel(packing);
    const lp = await solveLpRelaxation(c, 5000);
    expect(lp?.bound).toBeCloseTo(LP_BOUND, 6);
    const r = await scheduleBound(c, { timeLimitMs: 10_000, upperBound: 300, lambda0: lp?.taskDual, maxIterations: 5 });
    expect(r.bound).toBeCloseTo(300, 6);
  });

  it('computeLowerBound reports the LP and a bound no weaker than it', async () => {
    const lb = await computeLowerBound(packing, { timeLimitMs: 10_000, upperBound: 300 });
    expect(lb.lpBound).toBeCloseTo(LP_BOUND, 6);
    expect(lb.bound as number).toBeCloseTo(300, 6);
  });
});
