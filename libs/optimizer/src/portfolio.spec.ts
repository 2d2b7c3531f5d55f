import { gapToModel, readGap } from './io/gap-reader';
import { Solution } from './model/model.types';
import { verifySolution } from './model/verifier';
import { solveModel } from './optimizer.service';
import { mergeSolutions, portfolioMember, solveThreads } from './portfolio';

const solution = (objective: number | null, bound: number | null, status: Solution['status'] = 'feasible'): Solution => ({
  schemaVersion: 1,
  status,
  method: 'heuristic',
  requestedMethod: 'auto',
  objective,
  terms: { unassigned: 0, shortfall: 0, cost: objective ?? 0, churn: 0 },
  bound,
  gap: null,
  elapsedMs: 1,
  assignment: [objective],
  unassigned: [],
});

describe('portfolio', () => {
  it('keeps the best answer with the best bound of all members, the first member on ties', () => {
    const m = mergeSolutions([solution(10, 4), solution(8, 6), solution(8, 7), solution(null, 5, 'timeout-no-solution')], 'auto');
    expect(m.objective).toBe(8);
    expect(m.assignment).toEqual([8]);
    expect(m.bound).toBe(7);
    expect(m.gap).toBeCloseTo(1 / 8, 9);
    expect(m.status).toBe('feasible');
    expect(mergeSolutions([solution(9, 2), solution(9, 9)], 'auto')).toMatchObject({ objective: 9, status: 'optimal', gap: 0 });
    expect(mergeSolutions([solution(null, null, 'timeout-no-solution'), solution(3, null)], 'auto').objective).toBe(3);
    expect(mergeSolutions([solution(3, null), solution(null, null, 'infeasible')], 'auto').status).toBe('infeasible');
  });

  it('gives each member its own seed, and on GAP-shaped models HiGHS alone and the penalty search alone', () => {
    expect(solveThreads({})).toBe(1);
    expect(solveThreads({ threads: 0 })).toBe(1);
    expect(solveThreads({ threads: 99 })).toBe(8);
    expect(solveThreads({ threads: 2 }, 1_000_000)).toBe(1);
    expect(portfolioMember({ seed: 1 }, 1, false)).toMatchObject({ method: 'milp', threads: 1 });
    expect(portfolioMember({ seed: 1 }, 2, false)).toMatchObject({ method: 'heuristic', threads: 1 });
    expect(portfolioMember({ seed: 1 }, 3, false)).toMatchObject({ method: 'auto', threads: 1 });
    expect(portfolioMember({ seed: 1, method: 'heuristic' }, 1, false)).toMatchObject({ method: 'heuristic' });
    expect(portfolioMember({ seed: 1 }, 1, true)).toMatchObject({ method: 'auto', threads: 1 });
    const seeds = [1, 2, 3].map((i) => portfolioMember({ seed: 5 }, i, true).seed);
    expect(new Set([5, ...seeds]).size).toBe(4);
  });

  it('solves with a second thread and returns a verified answer no worse than one thread', async () => {
    const model = gapToModel(readGap('2 6\n5 1 5 1 4 2\n1 5 1 5 2 4\n3 3 3 3 2 2\n3 3 3 3 2 2\n8 8\n'));
    const one = await solveModel(model, { method: 'heuristic', timeLimitMs: 5000, maxIterations: 30, seed: 3 });
    const two = await solveModel(model, { method: 'heuristic', timeLimitMs: 5000, maxIterations: 30, seed: 3, threads: 2 });
    expect(verifySolution(model, two.assignment).violations).toEqual([]);
    expect(two.objective).not.toBeNull();
    expect(two.objective as number).toBeLessThanOrEqual(one.objective as number);
    expect(two.requestedMethod).toBe('heuristic');
  });
});
