import { EngineerProfile } from '@sow/domain';
import { Solution, SolveOptions, solveModel, verifySolution } from '@sow/optimizer';
import { compilePlanModel, PlanningItem, PlanningSnapshot } from './plan-model';
import { solvePlan } from './solve-plan';
import { anEngineer, aPlanningItem } from '@sow/testing/builders';

function engineer(id: string, level: EngineerProfile['level']): EngineerProfile {
  return anEngineer({ id, level, leadCapable: level === 'senior', skills: [{ key: 'terraform', proficiency: level === 'senior' ? 'mastery' : 'experience' }] });
}

function item(id: string, start: string, end: string, hoursPerWeek: number): PlanningItem {
  return aPlanningItem({ id, sowId: `sow-${id}`, start, end, hoursPerWeek });
}

// Greedy by start date fills the early 24 h item first and blocks the later, bigger ones.
const snapshot: PlanningSnapshot = {
  horizon: { start: '2027-01-04', end: '2027-02-26' },
  engineers: [engineer('s1', 'senior'), engineer('i1', 'intermediate')],
  items: [
    item('early', '2027-01-04', '2027-02-26', 24),
    item('late-a', '2027-01-11', '2027-02-26', 32),
    item('late-b', '2027-01-11', '2027-02-26', 32),
    item('short', '2027-01-04', '2027-01-08', 16),
  ],
  assignments: [],
};

describe('solvePlan', () => {
  it('hands the greedy plan to the solver as its warm start, within the same time budget', async () => {
    const compiled = compilePlanModel(snapshot);
    const seen: SolveOptions[] = [];
    const spy = (model: unknown, options: SolveOptions): Promise<Solution> => {
      seen.push(options);
      return solveModel(model, options);
    };
    const planned = await solvePlan(compiled, spy, { method: 'auto', timeLimitMs: 3000, seed: 1 });
    expect(seen).toHaveLength(1);
    expect(seen[0].initial).toHaveLength(compiled.model.tasks.length);
    expect(seen[0].timeLimitMs).toBeLessThanOrEqual(3000);
    expect(verifySolution(compiled.model, seen[0].initial ?? []).violations).toEqual([]);
    expect(planned.objective).toBeLessThanOrEqual(planned.greedyObjective + 1e-6);
  });

  it('keeps the greedy plan when the solver answers with a plan that breaks a rule', async () => {
    const compiled = compilePlanModel(snapshot);
    const broken = async (_model: unknown, options: SolveOptions): Promise<Solution> => {
      const s = await solveModel(compiled.model, { ...options, method: 'greedy' });
      return { ...s, assignment: s.assignment.map(() => 0) };
    };
    const planned = await solvePlan(compiled, broken, { method: 'auto', timeLimitMs: 1000 });
    expect(planned.chosen).toBe('greedy');
    expect(planned.objective).toBeCloseTo(planned.greedyObjective, 6);
  });
});
