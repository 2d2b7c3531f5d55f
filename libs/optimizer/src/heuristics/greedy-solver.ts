import { CompiledModel } from '../model/compiled-model';

const EPS = 1e-9;

/**
 * Plain greedy baseline ("how PSA tools staff"): locked pairs first, then each task in input order
 * goes to its cheapest eligible agent that still has room; otherwise it stays unassigned.
 * Returns the pair chosen per task (-1 = unassigned).
 */
export function solveGreedyChoice(c: CompiledModel): Int32Array {
  const choice = new Int32Array(c.nT).fill(-1);
  const load = new Float64Array(c.nA * c.nP);
  const side = new Float64Array(c.nSide);
  const leadCount = new Int32Array(c.nT);
  const take = (t: number, k: number): void => {
    choice[t] = k;
    const base = c.pairAgent[k] * c.nP;
    for (let q = c.pairLoadStart[k]; q < c.pairLoadStart[k + 1]; q++) load[base + c.loadPeriod[q]] += c.loadAmount[q];
    for (let q = c.pairSideStart[k]; q < c.pairSideStart[k + 1]; q++) side[c.sideIndex[q]] += c.sideAmount[q];
    for (let q = c.dependentStart[t]; q < c.dependentStart[t + 1]; q++) leadCount[c.dependentTasks[q]]++;
  };
  const fits = (t: number, k: number): boolean => {
    const base = c.pairAgent[k] * c.nP;
    for (let q = c.pairLoadStart[k]; q < c.pairLoadStart[k + 1]; q++) {
      const cell = base + c.loadPeriod[q];
      if (load[cell] + c.loadAmount[q] > c.capacity[cell] + EPS) return false;
    }
    for (let q = c.pairSideStart[k]; q < c.pairSideStart[k + 1]; q++) {
      const s = c.sideIndex[q];
      if (side[s] + c.sideAmount[q] > c.sideLimit[s] + EPS) return false;
    }
    return !(c.requiresLead[t] === 1 && c.needsLeadAgent[c.pairAgent[k]] === 1 && leadCount[t] === 0);
  };
  for (let t = 0; t < c.nT; t++) if (c.fixedPair[t] >= 0) take(t, c.fixedPair[t]);
  for (let t = 0; t < c.nT; t++) {
    if (choice[t] >= 0) continue;
    const price = c.unassignedCost[t];
    // taskPairs is sorted cheapest first, so the first fitting pair is the greedy pick.
    for (let q = c.taskPairStart[t]; q < c.taskPairStart[t + 1]; q++) {
      const k = c.taskPairs[q];
      if (c.mustAssign[t] === 0 && c.pairCost[k] > price) break;
      if (fits(t, k)) {
        take(t, k);
        break;
      }
    }
  }
  return choice;
}
