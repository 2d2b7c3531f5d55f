import { CompiledModel } from '../model/compiled-model';

export interface LagrangianResult {
  /** Best Lagrangian value: a valid lower bound on the optimum. */
  bound: number;
  /** Per pair: Lagrangian cost minus the task's cheapest option (≥ 0), a reduced-cost-like ranking. */
  score: Float64Array;
  iterations: number;
}

/**
 * Relaxes capacity with multipliers λ ≥ 0 per agent-period (subgradient ascent, Polyak steps).
 * Side limits, coupling and shortfall are dropped (shortfall is ≥ 0), so the value stays a lower bound.
 * Each iteration is O(pairs): far cheaper than the LP on large models.
 */
export function lagrangianBound(c: CompiledModel, timeLimitMs: number, upperBound: number, maxIterations = 3000): LagrangianResult {
  const deadline = Date.now() + timeLimitMs;
  const nCells = c.nA * c.nP;
  const lambda = new Float64Array(nCells);
  const bestLambda = new Float64Array(nCells);
  const g = new Float64Array(nCells);
  const chosen = new Int32Array(c.nT);
  let best = -Infinity;
  let theta = 2;
  let sinceBest = 0;
  let it = 0;
  const lagCost = (k: number, lam: Float64Array): number => {
    let v = c.pairCost[k];
    const base = c.pairAgent[k] * c.nP;
    for (let q = c.pairLoadStart[k]; q < c.pairLoadStart[k + 1]; q++) v += lam[base + c.loadPeriod[q]] * c.loadAmount[q];
    return v;
  };
  const ub = Number.isFinite(upperBound) ? upperBound : Infinity;
  for (; it < maxIterations && ((it & 15) !== 0 || Date.now() < deadline); it++) {
    let value = 0;
    for (let cell = 0; cell < nCells; cell++) {
      value -= lambda[cell] * c.capacity[cell];
      g[cell] = -c.capacity[cell];
    }
    for (let t = 0; t < c.nT; t++) {
      let bestV = c.mustAssign[t] === 1 ? Infinity : c.unassignedCost[t];
      let bestK = -1;
      const fixed = c.fixedPair[t];
      for (let q = c.taskPairStart[t]; q < c.taskPairStart[t + 1]; q++) {
        const k = c.taskPairs[q];
        if (fixed >= 0 && k !== fixed) continue;
        const v = lagCost(k, lambda);
        if (v < bestV || (fixed >= 0 && bestK < 0)) {
          bestV = v;
          bestK = k;
        }
      }
      if (!Number.isFinite(bestV)) return { bound: Infinity, score: new Float64Array(c.nK), iterations: it };
      value += bestV;
      chosen[t] = bestK;
      if (bestK >= 0) {
        const base = c.pairAgent[bestK] * c.nP;
        for (let q = c.pairLoadStart[bestK]; q < c.pairLoadStart[bestK + 1]; q++) g[base + c.loadPeriod[q]] += c.loadAmount[q];
      }
    }
    if (value > best + 1e-9) {
      best = value;
      bestLambda.set(lambda);
      sinceBest = 0;
    } else if (++sinceBest >= 20) {
      theta /= 2;
      sinceBest = 0;
      if (theta < 1e-4) break;
    }
    let norm = 0;
    for (let cell = 0; cell < nCells; cell++) {
      // Projected subgradient: a zero multiplier cannot decrease.
      if (lambda[cell] <= 0 && g[cell] < 0) g[cell] = 0;
      norm += g[cell] * g[cell];
    }
    if (norm === 0) break;
    const target = Number.isFinite(ub) ? ub : best + Math.max(1, Math.abs(best) * 0.05);
    const step = (theta * Math.max(target - value, Math.abs(value) * 1e-4 + 1e-6)) / norm;
    for (let cell = 0; cell < nCells; cell++) lambda[cell] = Math.max(0, lambda[cell] + step * g[cell]);
  }
  const score = new Float64Array(c.nK);
  for (let t = 0; t < c.nT; t++) {
    let min = Infinity;
    for (let q = c.taskPairStart[t]; q < c.taskPairStart[t + 1]; q++) min = Math.min(min, lagCost(c.taskPairs[q], bestLambda));
    for (let q = c.taskPairStart[t]; q < c.taskPairStart[t + 1]; q++) {
      const k = c.taskPairs[q];
      score[k] = lagCost(k, bestLambda) - min;
    }
  }
  return { bound: best, score, iterations: it };
}
