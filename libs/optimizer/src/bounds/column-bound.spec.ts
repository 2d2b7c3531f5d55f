import fc from 'fast-check';
import { columnGenerationBound } from './column-bound';
import { compileModel } from '../model/compiled-model';
import { computeLowerBound } from './lower-bound';
import { solveLpRelaxation, solveMilp } from '../exact/milp-solver';
import { AssignmentModel } from '../model/model.types';
import { twoAgentPacking } from '../testing/packing.fixture';
import { smallModelArb } from '../testing/random-model.fixture';

/**
 * Seven 15-hour tasks, two 40-hour agents: any two tasks fit together (no clique row applies), three do
 * not. The LP staffs 80 / 15 = 5.33 tasks; whole schedules hold two per agent, and that is the optimum.
 */
const packing = twoAgentPacking(7, 15);
const LP_BOUND = (7 - 80 / 15) * 100;
const OPTIMUM = 300;

describe('columnGenerationBound', () => {
  it('never exceeds the optimum (random small models with every feature, seeded with the optimal plan)', async () => {
    await fc.assert(
      fc.asyncProperty(smallModelArb, async (model) => {
        const c = compileModel(model);
        const exact = await solveMilp(c, { timeLimitMs: 5000, seed: 1 });
        const lp = await solveLpRelaxation(c, 5000);
        fc.pre(exact.status === 'optimal' && lp !== null && exact.choice !== null);
        const r = await columnGenerationBound(c, { timeLimitMs: 10_000, upperBound: Infinity, lambda0: lp?.taskDual, incumbent: exact.choice ?? undefined, maxIterations: 5 });
        expect(r.bound).toBeLessThanOrEqual((exact.objective as number) + 1e-6);
      }),
      { numRuns: 60 },
    );
  });

  it('without lead coupling (which it drops), is at or above the LP bound from its first round', async () => {
    await fc.assert(
      fc.asyncProperty(smallModelArb, async (withLeads) => {
        const model: AssignmentModel = { ...withLeads, tasks: withLeads.tasks.map((t) => ({ ...t, requiresLead: false })) };
        const c = compileModel(model);
        const exact = await solveMilp(c, { timeLimitMs: 5000, seed: 1 });
        const lp = await solveLpRelaxation(c, 5000);
        fc.pre(exact.status === 'optimal' && lp !== null);
        const r = await columnGenerationBound(c, { timeLimitMs: 10_000, upperBound: Infinity, lambda0: lp?.taskDual, maxIterations: 1 });
        expect(r.bound).toBeGreaterThanOrEqual((lp?.bound ?? 0) - 1e-6);
        expect(r.bound).toBeLessThanOrEqual((exact.objective as number) + 1e-6);
      }),
      { numRuns: 60 },
    );
  });

  it('closes the gap the LP leaves when tasks cannot be split across agents, from the LP duals or from scratch', async () => {
    const c = compileModel(packing);
    const lp = await solveLpRelaxation(c, 5000);
    expect(lp?.bound).toBeCloseTo(LP_BOUND, 6);
    const fromLp = await columnGenerationBound(c, { timeLimitMs: 10_000, upperBound: Infinity, lambda0: lp?.taskDual, maxIterations: 20 });
    expect(fromLp.bound).toBeCloseTo(OPTIMUM, 6);
    const cold = await columnGenerationBound(c, { timeLimitMs: 10_000, upperBound: Infinity, maxIterations: 20 });
    expect(cold.bound).toBeCloseTo(OPTIMUM, 6);
  });

  it('stops as soon as the bound reaches the known plan', async () => {
    const c = compileModel(packing);
    const lp = await solveLpRelaxation(c, 5000);
    const unbounded = await columnGenerationBound(c, { timeLimitMs: 10_000, upperBound: Infinity, lambda0: lp?.taskDual, maxIterations: 20 });
    const capped = await columnGenerationBound(c, { timeLimitMs: 10_000, upperBound: OPTIMUM, lambda0: lp?.taskDual, maxIterations: 20 });
    expect(capped.bound).toBeCloseTo(OPTIMUM, 6);
    expect(capped.iterations).toBeLessThan(unbounded.iterations);
  });

  it('prices agents in worker threads to the same bound', async () => {
    const c = compileModel(packing);
    const r = await columnGenerationBound(c, { timeLimitMs: 20_000, upperBound: Infinity, threads: 3, maxIterations: 20 });
    expect(r.bound).toBeCloseTo(OPTIMUM, 6);
  });

  it('reports infeasibility as an infinite bound (a must-assign task without pairs)', async () => {
    const model: AssignmentModel = { ...packing, tasks: [...packing.tasks, { id: 'lonely', load: { '0': 1 }, unassignedPrice: 1, mustAssign: true }] };
    const r = await columnGenerationBound(compileModel(model), { timeLimitMs: 5000, upperBound: Infinity });
    expect(r.bound).toBe(Infinity);
  });

  it('computeLowerBound reports the LP and a bound no weaker than it', async () => {
    const lb = await computeLowerBound(packing, { timeLimitMs: 10_000, upperBound: OPTIMUM, threads: 1 });
    expect(lb.lpBound).toBeCloseTo(LP_BOUND, 6);
    expect(lb.bound as number).toBeCloseTo(OPTIMUM, 6);
    expect(lb.scheduleRounds).toBeGreaterThan(0);
  });
});
