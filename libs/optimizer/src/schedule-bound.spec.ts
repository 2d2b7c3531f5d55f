import fc from 'fast-check';
import { compileModel } from './compiled-model';
import { computeLowerBound } from './lower-bound';
import { solveLpRelaxation, solveMilp } from './milp-solver';
import { AssignmentModel } from './model.types';
import { scheduleBound } from './schedule-bound';
import { smallModelArb } from './testing/random-model.fixture';

/** Large tasks against capacity: the LP splits them, whole schedules cannot. */
const packing: AssignmentModel = {
  schemaVersion: 1,
  periods: 1,
  agents: [
    { id: 'A', capacity: 40 },
    { id: 'B', capacity: 40 },
  ],
  tasks: [
    { id: 'T1', load: { '0': 30 }, unassignedPrice: 100 },
    { id: 'T2', load: { '0': 30 }, unassignedPrice: 100 },
    { id: 'T3', load: { '0': 30 }, unassignedPrice: 100 },
  ],
  pairs: ['A', 'B'].flatMap((agent) => ['T1', 'T2', 'T3'].map((task) => ({ agent, task, cost: 0 }))),
};

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
    // The LP staffs 80 / 30 = 2.67 tasks; whole schedules hold one task per agent, and that is the optimum.
    expect(lp?.bound).toBeCloseTo(100 / 3, 6);
    const r = await scheduleBound(c, { timeLimitMs: 10_000, upperBound: 100, lambda0: lp?.taskDual, maxIterations: 5 });
    expect(r.bound).toBeCloseTo(100, 6);
  });

  it('computeLowerBound reports the LP and a bound no weaker than it', async () => {
    const lb = await computeLowerBound(packing, { timeLimitMs: 10_000, upperBound: 100 });
    expect(lb.lpBound).toBeCloseTo(100 / 3, 6);
    expect(lb.bound as number).toBeCloseTo(100, 6);
  });
});
