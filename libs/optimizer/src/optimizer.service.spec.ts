import fc from 'fast-check';
import { AssignmentModel, Solution } from './model/model.types';
import { solveModel } from './optimizer.service';
import { bruteForce } from './testing/brute-force.fixture';
import { smallModelArb } from './testing/random-model.fixture';
import { verifySolution } from './model/verifier';

function expectVerified(model: AssignmentModel, s: Solution): void {
  const r = verifySolution(model, s.assignment);
  if (s.status === 'optimal' || s.status === 'feasible') {
    expect(r.violations).toEqual([]);
    expect(s.objective).not.toBeNull();
    expect(Math.abs((s.objective as number) - r.objective)).toBeLessThan(1e-6);
    expect(s.terms.cost).toBeCloseTo(r.terms.cost, 6);
    expect(s.terms.shortfall).toBeCloseTo(r.terms.shortfall, 6);
    expect(s.terms.churn).toBeCloseTo(r.terms.churn, 6);
    expect(s.terms.unassigned).toBeCloseTo(r.terms.unassigned, 6);
  } else expect(s.objective).toBeNull();
  if (s.bound !== null && s.objective !== null) expect(s.bound).toBeLessThanOrEqual(s.objective + 1e-6);
}

const quick = { timeLimitMs: 2000, maxIterations: 60, seed: 7 };

describe('solveModel on random small models', () => {
  it('milp matches brute force and every method passes the verifier', async () => {
    await fc.assert(
      fc.asyncProperty(smallModelArb, async (model) => {
        const opt = bruteForce(model);
        const milp = await solveModel(model, { method: 'milp', timeLimitMs: 5000 });
        expectVerified(model, milp);
        if (opt === null) expect(milp.status).toBe('infeasible');
        else {
          expect(milp.status).toBe('optimal');
          expect(milp.objective as number).toBeCloseTo(opt, 6);
        }
        for (const method of ['heuristic', 'greedy', 'auto'] as const) {
          const s = await solveModel(model, { ...quick, method });
          expectVerified(model, s);
          if (s.objective !== null && opt !== null) expect(s.objective).toBeGreaterThanOrEqual(opt - 1e-6);
          // Every reported bound (LP, Lagrangian, MILP) must be a true lower bound.
          if (s.bound !== null && opt !== null) expect(s.bound).toBeLessThanOrEqual(opt + 1e-6);
          if (method === 'auto' && opt !== null) expect(s.objective as number).toBeCloseTo(opt, 6);
        }
      }),
      { numRuns: 60, seed: 42 },
    );
  });

  it('the heuristic is never worse than the plain greedy baseline', async () => {
    await fc.assert(
      fc.asyncProperty(smallModelArb, async (model) => {
        const g = await solveModel(model, { method: 'greedy' });
        const h = await solveModel(model, { ...quick, method: 'heuristic' });
        if (g.objective !== null) {
          expect(h.objective).not.toBeNull();
          expect(h.objective as number).toBeLessThanOrEqual(g.objective + 1e-9);
        }
      }),
      { numRuns: 60, seed: 43 },
    );
  });

  it('same seed gives the same answer; locked pairs never move', async () => {
    await fc.assert(
      fc.asyncProperty(smallModelArb, async (model) => {
        const a = await solveModel(model, { ...quick, method: 'heuristic' });
        const b = await solveModel(model, { ...quick, method: 'heuristic' });
        expect(b.assignment).toEqual(a.assignment);
        expect(b.objective).toEqual(a.objective);
        for (const s of [a, await solveModel(model, { method: 'milp' })]) {
          if (s.objective === null) continue;
          for (const f of model.fixed ?? [])
            expect(s.assignment[model.tasks.findIndex((t) => t.id === f.task)]).toBe(model.agents.findIndex((x) => x.id === f.agent));
        }
      }),
      { numRuns: 40, seed: 44 },
    );
  });
});

describe('solveModel on hand-made models', () => {
  const overbooked: AssignmentModel = {
    schemaVersion: 1,
    periods: 1,
    agents: [{ id: 'ann', capacity: 40 }],
    tasks: [
      { id: 'cheap', load: { '0': 30 }, unassignedPrice: 10 },
      { id: 'dear', load: { '0': 30 }, unassignedPrice: 100 },
    ],
    pairs: [
      { agent: 'ann', task: 'cheap', cost: 1 },
      { agent: 'ann', task: 'dear', cost: 1 },
    ],
  };

  it.each(['milp', 'heuristic', 'auto', 'greedy'] as const)('%s names the task left unassigned at its price', async (method) => {
    const s = await solveModel(overbooked, { ...quick, method });
    expectVerified(overbooked, s);
    if (method === 'greedy') {
      // Greedy takes tasks in input order: the cheap one first, so the dear one is dropped.
      expect(s.unassigned).toEqual(['dear']);
      return;
    }
    expect(s.status).toBe(method === 'heuristic' ? 'feasible' : 'optimal');
    expect(s.unassigned).toEqual(['cheap']);
    expect(s.terms).toEqual({ unassigned: 10, shortfall: 0, cost: 1, churn: 0 });
  });

  const coupled: AssignmentModel = {
    schemaVersion: 1,
    periods: 3,
    agents: [
      { id: 'assoc', capacity: 40, class: 'needs-lead', sideLimits: [{ resource: 'onsite', windows: [{ id: 'jan', limit: 2 }] }] },
      { id: 'senior', capacity: 40, class: 'lead' },
    ],
    tasks: [
      { id: 'build', load: { '0': 20, '1': 20 }, unassignedPrice: 100, group: 'sow1', requiresLead: true },
      { id: 'oversight', load: { '1': 5 }, unassignedPrice: 1, group: 'sow1', providesLead: true },
      { id: 'train', load: { '2': 8 }, unassignedPrice: 100, sideUse: [{ resource: 'onsite', window: 'jan', amount: 3 }] },
    ],
    pairs: [
      { agent: 'assoc', task: 'build', cost: 0 },
      { agent: 'senior', task: 'build', cost: 50 },
      { agent: 'senior', task: 'oversight', cost: 10 },
      { agent: 'assoc', task: 'train', cost: 0 },
      { agent: 'senior', task: 'train', cost: 30 },
    ],
  };

  it.each(['milp', 'heuristic', 'auto'] as const)('%s respects coupling and side limits', async (method) => {
    const s = await solveModel(coupled, { ...quick, method });
    expectVerified(coupled, s);
    // Paying 10 for the lead beats paying 50 for the senior; the on-site training exceeds the associate's limit.
    expect(s.assignment).toEqual([0, 1, 1]);
    expect(s.objective).toBe(40);
  });

  it('keeps a locked pair even when moving it would be cheaper, and prices churn', async () => {
    const model: AssignmentModel = {
      ...coupled,
      fixed: [{ task: 'build', agent: 'senior' }],
      current: [{ task: 'train', agent: 'assoc' }],
      churnCost: 5,
    };
    for (const method of ['milp', 'heuristic', 'auto'] as const) {
      const s = await solveModel(model, { ...quick, method });
      expectVerified(model, s);
      expect(s.assignment[0]).toBe(1);
      expect(s.terms.churn).toBe(5);
      expect(s.objective).toBe(50 + 1 + 30 + 5);
    }
  });

  it('reports infeasible for a GAP-style model with no full assignment', async () => {
    const model: AssignmentModel = {
      schemaVersion: 1,
      periods: 1,
      agents: [{ id: 'a', capacity: 1 }],
      tasks: [
        { id: 'x', load: { '0': 1 }, unassignedPrice: 9, mustAssign: true },
        { id: 'y', load: { '0': 1 }, unassignedPrice: 9, mustAssign: true },
      ],
      pairs: [
        { agent: 'a', task: 'x', cost: 1 },
        { agent: 'a', task: 'y', cost: 1 },
      ],
    };
    expect((await solveModel(model, { method: 'milp' })).status).toBe('infeasible');
    const h = await solveModel(model, { ...quick, method: 'heuristic' });
    expect(h.status).toBe('timeout-no-solution');
    expect(h.objective).toBeNull();
  });

  it('rejects an invalid model with the path', async () => {
    await expect(solveModel({ schemaVersion: 1, periods: 0 })).rejects.toThrow('periods: must be an integer >= 1');
  });
});
