import { AssignmentModel } from '../model/model.types';

/** A GAP instance in OR-Library form: agents i = 0..m-1, jobs j = 0..n-1. */
export interface GapInstance {
  m: number;
  n: number;
  /** cost[i][j] (or profit, for the max sense). */
  cost: number[][];
  /** resource use a[i][j]. */
  resource: number[][];
  capacity: number[];
}

export class GapFormatError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(`GAP format error at line ${line}: ${message}`);
    this.name = 'GapFormatError';
  }
}

/**
 * Reads the OR-Library GAP format as a token stream (line breaks carry no meaning):
 * `m n`, the m×n cost matrix, the m×n resource matrix, then m capacities.
 */
export function readGap(text: string): GapInstance {
  const tokens: { value: string; line: number }[] = [];
  text.split(/\r?\n/).forEach((l, i) => {
    for (const tok of l.split(/\s+/)) if (tok !== '') tokens.push({ value: tok, line: i + 1 });
  });
  let pos = 0;
  const lastLine = text.split(/\r?\n/).length;
  const next = (what: string): number => {
    if (pos >= tokens.length)
      throw new GapFormatError(`unexpected end of file while reading ${what} (found ${tokens.length} numbers)`, lastLine);
    const { value, line } = tokens[pos++];
    if (!/^-?\d+$/.test(value)) throw new GapFormatError(`${what}: "${value}" is not an integer`, line);
    const v = Number(value);
    if (v < 0) throw new GapFormatError(`${what}: ${v} is negative`, line);
    return v;
  };
  const m = next('m (number of agents)');
  const n = next('n (number of jobs)');
  if (m < 1 || n < 1) throw new GapFormatError(`m and n must be >= 1, got ${m} ${n}`, tokens[1]?.line ?? 1);
  const expected = 2 + 2 * m * n + m;
  const matrix = (name: string): number[][] =>
    Array.from({ length: m }, (_, i) => Array.from({ length: n }, (__, j) => next(`${name}[${i + 1}][${j + 1}]`)));
  const cost = matrix('cost');
  const resource = matrix('resource');
  const capacity = Array.from({ length: m }, (_, i) => next(`capacity[${i + 1}]`));
  if (pos < tokens.length)
    throw new GapFormatError(
      `expected exactly ${expected} numbers for m=${m} n=${n}, found ${tokens.length}`,
      tokens[pos].line,
    );
  return { m, n, cost, resource, capacity };
}

export type GapSense = 'min' | 'max';

/**
 * Converts a GAP instance to the generic model: one period, every pair eligible with its
 * agent-dependent load as an override, every job `mustAssign`. For `max`, costs become
 * c'[i][j] = max_i p[i][j] − p[i][j]; then max profit = Σ_j max_i p[i][j] − min Σ c' (see `gapProfitOffset`).
 */
export function gapToModel(g: GapInstance, sense: GapSense = 'min', name?: string): AssignmentModel {
  const colMax = Array.from({ length: g.n }, (_, j) => Math.max(...g.cost.map((row) => row[j])));
  const costOf = (i: number, j: number): number => (sense === 'min' ? g.cost[i][j] : colMax[j] - g.cost[i][j]);
  let price = 1;
  for (let j = 0; j < g.n; j++) {
    let worst = 0;
    for (let i = 0; i < g.m; i++) worst = Math.max(worst, Math.abs(costOf(i, j)));
    price += worst;
  }
  const pairs: AssignmentModel['pairs'] = [];
  for (let i = 0; i < g.m; i++)
    for (let j = 0; j < g.n; j++) pairs.push({ agent: `a${i}`, task: `j${j}`, cost: costOf(i, j), load: { 0: g.resource[i][j] } });
  return {
    schemaVersion: 1,
    ...(name !== undefined ? { name } : {}),
    periods: 1,
    agents: g.capacity.map((b, i) => ({ id: `a${i}`, capacity: b })),
    // The price exceeds any full assignment's cost, so it only matters if an instance is infeasible.
    tasks: Array.from({ length: g.n }, (_, j) => ({ id: `j${j}`, load: { 0: 1 }, unassignedPrice: price, mustAssign: true })),
    pairs,
  };
}

/** Σ_j max_i p[i][j]: max-sense profit = this − the min-sense objective of `gapToModel(g, 'max')`. */
export function gapProfitOffset(g: GapInstance): number {
  let s = 0;
  for (let j = 0; j < g.n; j++) s += Math.max(...g.cost.map((row) => row[j]));
  return s;
}
