import type { GapInstance } from '../../libs/optimizer/src';
import { createRng } from '../../libs/optimizer/src/heuristics/prng';

export type ChuBeasleyType = 'C' | 'D' | 'E';

/**
 * A held-out GAP instance from the published Chu–Beasley recipes (min sense), with our own seed:
 * C: a ∈ U[5,25], c ∈ U[10,50]; D: a ∈ U[1,100], c = 111 − a + U[−10,10]; E: a = 1 − 10 ln U(0,1], c = 1000/a − 10 U[0,1];
 * capacity b_i = 0.8 Σ_j a_ij / m (E: at least max_j a_ij). Values are rounded down to integers as in the OR-Library files.
 */
export function chuBeasleyInstance(type: ChuBeasleyType, m: number, n: number, seed: number): GapInstance {
  const rng = createRng(seed);
  const int = (lo: number, hi: number): number => lo + Math.floor(rng.next() * (hi - lo + 1));
  const cost: number[][] = [];
  const resource: number[][] = [];
  for (let i = 0; i < m; i++) {
    const a: number[] = [];
    const c: number[] = [];
    for (let j = 0; j < n; j++) {
      if (type === 'C') {
        a.push(int(5, 25));
        c.push(int(10, 50));
      } else if (type === 'D') {
        const x = int(1, 100);
        a.push(x);
        c.push(111 - x + int(-10, 10));
      } else {
        const x = Math.floor(1 - 10 * Math.log(1 - rng.next()));
        a.push(x);
        c.push(Math.max(0, Math.floor(1000 / x - 10 * rng.next())));
      }
    }
    resource.push(a);
    cost.push(c);
  }
  const capacity = resource.map((row) => {
    const b = Math.floor((0.8 * row.reduce((s, x) => s + x, 0)) / m);
    return type === 'E' ? Math.max(b, ...row) : b;
  });
  return { m, n, cost, resource, capacity };
}
