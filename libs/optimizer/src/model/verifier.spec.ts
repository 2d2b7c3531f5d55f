import { AssignmentModel } from './model.types';
import { verifySolution } from './verifier';

const model: AssignmentModel = {
  schemaVersion: 1,
  periods: 2,
  agents: [
    { id: 'senior', capacity: 5, class: 'lead', target: { load: 3, penaltyPerUnit: 2 } },
    { id: 'assoc', capacity: [4, 1], class: 'needs-lead', sideLimits: [{ resource: 'onsite', windows: [{ id: 'm1', limit: 1 }] }] },
  ],
  tasks: [
    { id: 'lead', load: { '0': 2 }, unassignedPrice: 50, group: 'sow', providesLead: true },
    { id: 'work', load: { '0': 2, '1': 2 }, unassignedPrice: 40, group: 'sow', requiresLead: true, sideUse: [{ resource: 'onsite', window: 'm1', amount: 2 }] },
    { id: 'gap', load: { '0': 1 }, unassignedPrice: 7, mustAssign: true },
  ],
  pairs: [
    { agent: 'senior', task: 'lead', cost: 1 },
    { agent: 'assoc', task: 'work', cost: 2 },
    { agent: 'senior', task: 'work', cost: 5 },
    { agent: 'senior', task: 'gap', cost: 3 },
  ],
  fixed: [{ agent: 'senior', task: 'lead' }],
  current: [{ task: 'work', agent: 'senior' }],
  churnCost: 4,
};

describe('verifySolution', () => {
  it('recomputes every objective term of a valid assignment', () => {
    const r = verifySolution(model, [0, 0, 0]);
    expect(r.violations).toEqual([]);
    // senior: period 0 load 5 (at capacity), period 1 load 2, one unit short of target 3 at 2 per unit.
    expect(r.terms).toEqual({ unassigned: 0, shortfall: 2, cost: 9, churn: 0 });
    expect(r.objective).toBe(11);
  });

  it('flags capacity, side limits, coupling, eligibility, locks and must-assign', () => {
    const kinds = (a: (number | null)[]): string[] => verifySolution(model, a).violations.map((v) => v.kind).sort();
    expect(kinds([0, 1, 0])).toEqual(['capacity', 'side-limit']); // assoc period 1: 2 > 1; onsite 2 > 1
    expect(kinds([null, 1, 0])).toEqual(['capacity', 'coupling', 'fixed', 'side-limit']);
    expect(kinds([0, null, null])).toEqual(['must-assign']);
    expect(kinds([1, null, 0])).toEqual(['eligibility', 'fixed']);
    expect(kinds([0, null])).toEqual(['shape']);
  });

  it('prices unassigned tasks, shortfall and churn', () => {
    const r = verifySolution(model, [0, null, 0]);
    expect(r.violations).toEqual([]);
    expect(r.terms).toEqual({ unassigned: 40, shortfall: 2 * 0 + 2 * 3, cost: 4, churn: 4 });
    expect(r.objective).toBe(54);
  });
});
