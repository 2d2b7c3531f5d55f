import { CompiledModel } from '../model/compiled-model';
import { AssignmentModel } from '../model/model.types';
import { verifySolution } from '../model/verifier';

/** Exhaustive optimum over every task → (eligible agent | unassigned) combination; null when none is valid. */
export function bruteForce(model: AssignmentModel): number | null {
  const options = model.tasks.map((t) => [
    null,
    ...model.pairs.filter((p) => p.task === t.id).map((p) => model.agents.findIndex((a) => a.id === p.agent)),
  ]);
  let best: number | null = null;
  const current: (number | null)[] = [];
  const rec = (t: number): void => {
    if (t === options.length) {
      const r = verifySolution(model, current);
      if (r.violations.length === 0 && (best === null || r.objective < best)) best = r.objective;
      return;
    }
    for (const o of options[t]) {
      current[t] = o;
      rec(t + 1);
    }
  };
  rec(0);
  return best;
}

/** Every non-empty set of agent a's pairs that meets its capacity and side limits on its own. */
export function feasibleSchedules(c: CompiledModel, a: number): number[][] {
  const pairs = Array.from(c.agentPairs.subarray(c.agentPairStart[a], c.agentPairStart[a + 1]));
  const out: number[][] = [];
  for (let mask = 1; mask < 1 << pairs.length; mask++) {
    const chosen = pairs.filter((_, i) => (mask >> i) & 1);
    const load = new Float64Array(c.nP);
    const side = new Map<number, number>();
    for (const k of chosen) {
      for (let q = c.pairLoadStart[k]; q < c.pairLoadStart[k + 1]; q++) load[c.loadPeriod[q]] += c.loadAmount[q];
      for (let q = c.pairSideStart[k]; q < c.pairSideStart[k + 1]; q++) side.set(c.sideIndex[q], (side.get(c.sideIndex[q]) ?? 0) + c.sideAmount[q]);
    }
    const fits = load.every((l, p) => l <= c.capacity[a * c.nP + p] + 1e-9) && [...side].every(([s, u]) => u <= c.sideLimit[s] + 1e-9);
    if (fits) out.push(chosen);
  }
  return out;
}
