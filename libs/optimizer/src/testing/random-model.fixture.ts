import fc from 'fast-check';
import { AssignmentModel, ModelPair, ModelTask } from '../model/model.types';

/** Small random models exercising every feature (multi-period loads, targets, side limits, coupling, locks, churn). */
export const smallModelArb: fc.Arbitrary<AssignmentModel> = fc
  .record({
    periods: fc.integer({ min: 1, max: 3 }),
    nA: fc.integer({ min: 1, max: 3 }),
    nT: fc.integer({ min: 1, max: 5 }),
    seed: fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 200, maxLength: 200 }),
  })
  .map(({ periods, nA, nT, seed }) => {
    let i = 0;
    const r = (n: number): number => seed[i++ % seed.length] % n;
    const agents = Array.from({ length: nA }, (_, a) => ({
      id: `A${a}`,
      capacity: Array.from({ length: periods }, () => 2 + r(7)),
      ...(r(2) === 0 ? { target: { load: 1 + r(4), penaltyPerUnit: 1 + r(5) } } : {}),
      ...(r(2) === 0 ? { sideLimits: [{ resource: 'onsite', windows: [{ id: 'w0', limit: r(4) }] }] } : {}),
      ...(r(3) === 0 ? { class: 'needs-lead' } : {}),
    }));
    const tasks: ModelTask[] = Array.from({ length: nT }, (_, t) => {
      const load: Record<string, number> = {};
      for (let p = 0; p < periods; p++) if (r(3) !== 0) load[String(p)] = 1 + r(4);
      if (Object.keys(load).length === 0) load['0'] = 1 + r(3);
      return {
        id: `T${t}`,
        load,
        unassignedPrice: 5 + r(40),
        group: `G${r(2)}`,
        ...(r(3) === 0 ? { requiresLead: true } : {}),
        ...(r(3) === 0 ? { providesLead: true } : {}),
        ...(r(2) === 0 ? { sideUse: [{ resource: 'onsite', window: 'w0', amount: 1 + r(2) }] } : {}),
      };
    });
    const pairs: ModelPair[] = [];
    for (let a = 0; a < nA; a++)
      for (let t = 0; t < nT; t++)
        if (r(4) !== 0)
          pairs.push({
            agent: `A${a}`,
            task: `T${t}`,
            cost: r(20),
            ...(r(3) === 0 ? { load: { '0': 1 + r(5) } } : {}),
          });
    const model: AssignmentModel = { schemaVersion: 1, periods, agents, tasks, pairs };
    if (pairs.length > 0 && r(3) === 0) {
      const pr = pairs[r(pairs.length)];
      model.fixed = [{ agent: pr.agent, task: pr.task }];
    }
    if (r(2) === 0) {
      model.current = [{ task: `T${r(nT)}`, agent: `A${r(nA)}` }];
      model.churnCost = 1 + r(10);
    }
    return model;
  });
