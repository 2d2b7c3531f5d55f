import { verifySolution } from '@sow/optimizer';
import { generateOrganisation } from '../../../../bench/generator/org-generator';
import { compilePlanModel } from './plan-model';
import { planGreedily } from './greedy-baseline';
import { evaluatePlan } from './plan-evaluation';

describe('planGreedily (the PSA-style baseline)', () => {
  it.each([1, 2, 3])('never breaks a hard rule on a generated organisation (seed %i)', (seed) => {
    const org = generateOrganisation({ engineers: 30, items: 80, weeks: 12, seed });
    const compiled = compilePlanModel(org.snapshot);
    const slots = planGreedily(compiled);
    const index = new Map(compiled.model.agents.map((a, i) => [a.id, i]));
    const report = verifySolution(compiled.model, slots.map((s) => (s.engineerId ? (index.get(s.engineerId) ?? null) : null)));
    expect(report.violations).toEqual([]);
    const kpis = evaluatePlan(org.snapshot, compiled, slots);
    expect(kpis).toMatchObject({ capacityViolations: 0, travelViolations: 0 });
    expect(kpis.staffedItems).toBeGreaterThan(0);
  });

  it('staffs requests in start-date order: an earlier request wins a contested engineer', () => {
    const org = generateOrganisation({ engineers: 1, items: 1, weeks: 4, seed: 7 });
    const base = org.snapshot.items[0];
    const engineer = { ...org.snapshot.engineers[0], active: true, billable: true, level: 'senior' as const, skills: base.requiredSkills.map((r) => ({ key: r.key, proficiency: 'mastery' as const })), timeOff: [], clearance: 'top_secret' };
    const early = { ...base, id: 'early', start: '2027-01-04', end: '2027-01-22', hoursPerWeek: 30 };
    const late = { ...base, id: 'late', start: '2027-01-11', end: '2027-01-22', hoursPerWeek: 30 };
    const compiled = compilePlanModel({ horizon: { start: '2027-01-04', end: '2027-01-29' }, engineers: [engineer], items: [late, early], assignments: [] });
    const staffed = planGreedily(compiled).filter((s) => s.role === 'primary' && s.engineerId).map((s) => s.itemId);
    expect(staffed).toEqual(['early']);
  });
});
