import { gapToModel, readGap } from './io/gap-reader';
import { solveInWorker, WorkerSolveError } from './solve-in-worker';
import { verifySolution } from './model/verifier';

const GAP = `2 4
5 1 5 1
1 5 1 5
3 3 3 3
3 3 3 3
6 6
`;

describe('solveInWorker', () => {
  it('solves through a worker thread with HiGHS and returns a verified optimum', async () => {
    const model = gapToModel(readGap(GAP));
    const s = await solveInWorker(model, { method: 'milp', timeLimitMs: 10_000 });
    expect(verifySolution(model, s.assignment).violations).toEqual([]);
    expect(s.status).toBe('optimal');
    expect(s.objective).toBe(4);
    expect(s.assignment).toEqual([1, 0, 1, 0]);
  });

  it('rejects with the worker-side validation message', async () => {
    await expect(solveInWorker({ schemaVersion: 1, periods: 1, agents: 'x' }, { method: 'heuristic' })).rejects.toThrow(
      WorkerSolveError,
    );
  });
});
