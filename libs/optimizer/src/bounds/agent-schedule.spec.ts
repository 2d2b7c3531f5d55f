import fc from 'fast-check';
import { compileModel, CompiledModel } from '../model/compiled-model';
import { agentProblem, improveSchedule, priceAgent, schedulablePairs } from './agent-schedule';
import { loadHighs } from '../exact/milp-solver';
import { scheduleCost } from '../heuristics/schedule-pool';
import { feasibleSchedules } from '../testing/brute-force.fixture';
import { smallModelArb } from '../testing/random-model.fixture';

const reduced = (c: CompiledModel, a: number, pairs: readonly number[], pi: Float64Array): number => pairs.reduce((v, k) => v - pi[c.pairTask[k]], scheduleCost(c, a, pairs));
const key = (pairs: readonly number[]): string => [...pairs].sort((x, y) => x - y).join(',');

describe('improveSchedule', () => {
  it('returns a feasible schedule keeping the locks, no worse than its start, that no single add, drop or swap improves (random small models and multipliers)', () => {
    fc.assert(
      fc.property(smallModelArb, fc.array(fc.double({ min: -50, max: 400, noNaN: true }), { minLength: 5, maxLength: 5 }), fc.nat(), (model, prices, pick) => {
        const c = compileModel(model);
        const pi = Float64Array.from({ length: c.nT }, (_, t) => prices[t % prices.length]);
        for (let a = 0; a < c.nA; a++) {
          const usable = schedulablePairs(c, a, c.agentPairs.subarray(c.agentPairStart[a], c.agentPairStart[a + 1]));
          const feasible = feasibleSchedules(c, a).filter((s) => s.every((k) => usable.includes(k)));
          const locked = usable.filter((k) => c.fixedPair[c.pairTask[k]] === k);
          const withLocks = [[], ...feasible].filter((s) => locked.every((k) => s.includes(k)));
          if (withLocks.length === 0) continue;
          const start = withLocks[pick % withLocks.length];
          const out = improveSchedule(c, a, usable, start, pi);
          const valid = new Set([[], ...feasible].map(key));
          expect(valid.has(key(out))).toBe(true);
          for (const k of locked) expect(out).toContain(k);
          const value = reduced(c, a, out, pi);
          expect(value).toBeLessThanOrEqual(reduced(c, a, start, pi) + 1e-9);
          // Every neighbour — one pair added, dropped or swapped, still feasible, locks kept — is no better.
          const neighbours: number[][] = [];
          for (const k of usable) if (!out.includes(k)) neighbours.push([...out, k]);
          for (const k of out) {
            if (locked.includes(k)) continue;
            const rest = out.filter((j) => j !== k);
            neighbours.push(rest);
            for (const j of usable) if (j !== k && !out.includes(j)) neighbours.push([...rest, j]);
          }
          for (const n of neighbours) if (valid.has(key(n))) expect(reduced(c, a, n, pi)).toBeGreaterThanOrEqual(value - 1e-6);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('leaves out a pair locked to another agent and a requiring task its needs-lead agent cannot be led on', () => {
    const c = compileModel({
      schemaVersion: 1,
      periods: 1,
      agents: [
        { id: 'lead', capacity: 40 },
        { id: 'associate', capacity: 40, class: 'needs-lead' },
      ],
      tasks: [
        { id: 'locked', load: { 0: 10 }, unassignedPrice: 100 },
        { id: 'unled', load: { 0: 10 }, unassignedPrice: 100, requiresLead: true, group: 'g' },
      ],
      pairs: [
        { agent: 'lead', task: 'locked', cost: 1 },
        { agent: 'associate', task: 'locked', cost: 1 },
        { agent: 'associate', task: 'unled', cost: 1 },
      ],
      fixed: [{ task: 'locked', agent: 'lead' }],
    });
    const associate = Array.from(c.agentPairs.subarray(c.agentPairStart[1], c.agentPairStart[2]));
    expect(schedulablePairs(c, 1, associate)).toEqual([]);
    expect(improveSchedule(c, 1, [], [], Float64Array.from([500, 500]))).toEqual([]);
    const lead = Array.from(c.agentPairs.subarray(c.agentPairStart[0], c.agentPairStart[1]));
    expect(improveSchedule(c, 0, schedulablePairs(c, 0, lead), [], Float64Array.from([500, 500]))).toEqual(lead);
  });
});

describe('priceAgent', () => {
  it('finds the cheapest schedule at the multipliers, with the clique rows in the subproblem (brute force over random small models)', async () => {
    const highs = await loadHighs();
    fc.assert(
      fc.property(smallModelArb, fc.array(fc.double({ min: -50, max: 400, noNaN: true }), { minLength: 5, maxLength: 5 }), (model, prices) => {
        const c = compileModel(model);
        const pi = Float64Array.from({ length: c.nT }, (_, t) => prices[t % prices.length]);
        for (let a = 0; a < c.nA; a++) {
          const pr = agentProblem(c, a, highs);
          if (pr.pairs.length === 0) continue;
          const usable = schedulablePairs(c, a, pr.pairs);
          // Every lock stays, even one the agent cannot keep (a requiring task with no possible lead): then nothing is feasible.
          const locked = Array.from(pr.pairs).filter((k) => c.fixedPair[c.pairTask[k]] === k);
          const schedules = [[], ...feasibleSchedules(c, a)].filter((s) => s.every((k) => usable.includes(k)) && locked.every((k) => s.includes(k)));
          const r = priceAgent(highs, c, pr, pi, 5);
          if (schedules.length === 0) {
            expect(r).toBe('infeasible');
            continue;
          }
          const best = Math.min(...schedules.map((s) => reduced(c, a, s, pi)));
          if (r === null || r === 'infeasible') throw new Error(`agent ${a}: no schedule priced`);
          const tolerance = 1e-4 * Math.max(1, Math.abs(best)) + 1e-6;
          expect(r.value).toBeLessThanOrEqual(best + 1e-6);
          expect(r.value).toBeGreaterThanOrEqual(best - tolerance);
          expect(schedules.map(key)).toContain(key(r.pairs));
          expect(reduced(c, a, r.pairs, pi)).toBeLessThanOrEqual(best + tolerance);
        }
      }),
      { numRuns: 300 },
    );
  });
});
