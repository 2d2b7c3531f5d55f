import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Highs, Model } from 'highs';
import { CompiledModel } from '../model/compiled-model';
import { loadHighs } from '../exact/milp-solver';
import { AgentProblem, agentProblem, improveSchedule, priceAgent, relaxTasks, schedulablePairs } from './agent-schedule';
import { scheduleCost } from '../heuristics/schedule-pool';

/** Wentges smoothing: exact pricing happens at this mix of the best multipliers and the master's duals. */
const SMOOTHING = 0.6;
/** Cap on heuristic pricing rounds (master re-solved after each) between two exact rounds. */
const HEURISTIC_ROUNDS = 30;
/** Cap on one agent's subproblem (its dual bound still counts when it stops early). */
const AGENT_TIME_LIMIT_SEC = 2;

export interface ColumnBoundParams {
  timeLimitMs: number;
  /** Objective of a known feasible plan: reaching it proves that plan optimal, and the rounds stop. */
  upperBound: number;
  /** Starting multiplier per task, e.g. the LP duals of the assignment rows (the first round is then at least the LP bound, without coupling). */
  lambda0?: Float64Array;
  /** Cap on exact pricing rounds. */
  maxIterations?: number;
  /** A known plan (pair per task, −1 = unassigned): its schedules seed the master. */
  incumbent?: Int32Array;
  /** Threads pricing agents in parallel, this one included (default 1). */
  threads?: number;
}

export interface ColumnBoundResult {
  /** Best Lagrangian value: a proven lower bound on the optimum (−Infinity when not even one round finished). */
  bound: number;
  /** Exact pricing rounds completed. */
  iterations: number;
}

interface Column {
  agent: number;
  tasks: Int32Array;
  /** Pair costs plus the agent's shortfall cost for this schedule. */
  cost: number;
}

/** One agent's priced schedule as the pool reports it; `value` is null when it found none in time. */
export interface AgentPrice {
  agent: number;
  value: number | null;
  pairs: number[];
  infeasible: boolean;
}

/**
 * Agent a's schedulable pairs (`schedulablePairs`, computed once by the caller) in the two greedy orders at
 * multipliers pi: locked pairs first, then by gain per hour (pi − cost plus the target shortfall the pair
 * could fill), and by gain. `improveSchedule` from the locked pairs in one of these orders first builds
 * that greedy schedule, then improves it.
 */
export function greedyOrders(c: CompiledModel, usable: readonly number[], a: number, pi: Float64Array): number[][] {
  const locked = (k: number): number => (c.fixedPair[c.pairTask[k]] === k ? 1 : 0);
  const hours = new Map<number, number>();
  for (const k of usable) {
    let h = 0;
    for (let q = c.pairLoadStart[k]; q < c.pairLoadStart[k + 1]; q++) h += c.loadAmount[q];
    hours.set(k, h);
  }
  const gain = (k: number): number => pi[c.pairTask[k]] - c.pairCost[k] + c.penalty[a] * (hours.get(k) ?? 0);
  const perHour = (k: number): number => gain(k) / Math.max(1e-9, hours.get(k) ?? 0);
  return [perHour, gain].map((key) => usable.slice().sort((x, y) => locked(y) - locked(x) || key(y) - key(x)));
}

/**
 * Prices agents taken one at a time from a shared counter until none is left or the deadline passes: the
 * loop run by this thread and by every pricing worker in the same round.
 */
export function priceFromCounter(highs: Highs, c: CompiledModel, problems: readonly AgentProblem[], counter: Int32Array, pi: Float64Array, deadline: number): AgentPrice[] {
  const out: AgentPrice[] = [];
  for (let a = Atomics.add(counter, 0, 1); a < c.nA; a = Atomics.add(counter, 0, 1)) {
    const pr = problems[a];
    if (pr.pairs.length === 0) continue;
    const r = Date.now() < deadline ? priceAgent(highs, c, pr, pi, Math.min(AGENT_TIME_LIMIT_SEC, (deadline - Date.now()) / 1000)) : null;
    if (r === 'infeasible') out.push({ agent: a, value: null, pairs: [], infeasible: true });
    else out.push({ agent: a, value: r?.value ?? null, pairs: r?.pairs ?? [], infeasible: false });
  }
  return out;
}

/** Pricing workers: each builds its own subproblems once, then prices from the shared counter each round. */
class PricingPool {
  private readonly workers: Worker[] = [];
  readonly counter = new Int32Array(new SharedArrayBuffer(4));

  constructor(c: CompiledModel, extra: number) {
    const ts = __filename.endsWith('.ts');
    const entry = join(__dirname, ts ? 'pricing-worker.ts' : 'pricing-worker.js');
    if (!existsSync(entry)) throw new Error(`pricing worker entry not found: ${entry}`);
    for (let i = 0; i < extra; i++)
      this.workers.push(new Worker(entry, { workerData: { c, counter: this.counter }, ...(ts ? { execArgv: ['-r', '@swc-node/register'] } : {}) }));
  }

  /** Starts a round on every worker; resolves with their prices once each has run out of agents. */
  start(pi: Float64Array, deadline: number): Promise<AgentPrice[][]> {
    return Promise.all(
      this.workers.map(
        (w) =>
          new Promise<AgentPrice[]>((resolve, reject) => {
            const onError = (e: Error): void => reject(e);
            w.once('error', onError);
            w.once('message', (prices: AgentPrice[]) => {
              w.off('error', onError);
              resolve(prices);
            });
            w.postMessage({ pi, deadline });
          }),
      ),
    );
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}

/**
 * Lagrangian bound with each task's assignment row relaxed (agent-schedule.ts: one exact schedule
 * subproblem per agent, solved by HiGHS, whose dual bound counts even when it stops early), with the
 * multipliers taken from a restricted master LP over the schedules found so far (Dantzig–Wolfe
 * column generation) instead of subgradient steps. Exact pricing happens at a point smoothed towards the
 * best multipliers seen (Wentges), so the bound never goes down. Between two exact rounds, heuristic
 * rounds feed the master cheaply: each agent's greedy schedules and its last exact one, improved by local
 * search (`improveSchedule`) at the master's duals, enter when their reduced cost is negative. Every exact round prices every agent, which gives
 * a valid bound whatever the multipliers: the master only steers them. Schedules are whole, so a task
 * cannot be split across agents as in the LP; lead coupling is dropped, which only lowers the value.
 * Agents are priced by `threads` threads pulling from a shared counter.
 */
export async function columnGenerationBound(c: CompiledModel, params: ColumnBoundParams): Promise<ColumnBoundResult> {
  const deadline = Date.now() + params.timeLimitMs;
  const tasks = relaxTasks(c);
  if (tasks === null) return { bound: Infinity, iterations: 0 };
  const { price, canLeave, relaxed, constant } = tasks;
  const highs = await loadHighs();
  const problems = Array.from({ length: c.nA }, (_, a) => agentProblem(c, a, highs));
  let maxPrice = 1;
  for (let t = 0; t < c.nT; t++) maxPrice = Math.max(maxPrice, price[t]);
  // Slack of rows the columns cannot cover yet (a must-assign task, an agent with a lock): never in an answer.
  const artificial = 10 * maxPrice * Math.max(1, c.nT);
  const lp = new RestrictedMaster(highs, c, problems, price, canLeave, relaxed, artificial);
  const pool = new PricingPool(c, Math.max(0, (params.threads ?? 1) - 1));
  try {
    const seen = new Set<string>();
    const addColumn = (a: number, pairs: readonly number[]): boolean => {
      const taskIds = Int32Array.from(pairs, (k) => c.pairTask[k]).sort();
      const key = `${a}:${taskIds.join(',')}`;
      if (seen.has(key)) return false;
      seen.add(key);
      lp.add({ agent: a, tasks: taskIds, cost: scheduleCost(c, a, pairs) });
      return true;
    };
    // Every agent can stay empty unless a task is locked on it; the known plan's schedules are columns too.
    for (let a = 0; a < c.nA; a++) if (problems[a].pairs.length > 0 && !problems[a].pairs.some((k) => c.fixedPair[c.pairTask[k]] === k)) addColumn(a, []);
    if (params.incumbent !== undefined) {
      const byAgent: number[][] = Array.from({ length: c.nA }, () => []);
      params.incumbent.forEach((k) => {
        if (k >= 0) byAgent[c.pairAgent[k]].push(k);
      });
      byAgent.forEach((pairs, a) => {
        if (pairs.length > 0) addColumn(a, pairs);
      });
    }
    const master = (): { pi: Float64Array; mu: Float64Array } | null => lp.solve(deadline);

    /** Prices every agent at pi (this thread and the workers); the Lagrangian value, or null when unfinished. */
    const lagrangian = async (pi: Float64Array): Promise<{ value: number; schedules: AgentPrice[] } | null | 'infeasible'> => {
      Atomics.store(pool.counter, 0, 0);
      const fromWorkers = pool.start(pi, deadline);
      const mine = priceFromCounter(highs, c, problems, pool.counter, pi, deadline);
      const schedules = mine.concat(...(await fromWorkers));
      let value = constant;
      for (let t = 0; t < c.nT; t++) if (relaxed[t] === 1) value += pi[t] + (canLeave[t] === 1 ? Math.min(0, price[t] - pi[t]) : 0);
      for (let a = 0; a < c.nA; a++) if (problems[a].pairs.length === 0) value += problems[a].idle;
      for (const s of schedules) {
        if (s.infeasible) return 'infeasible';
        if (s.value === null) return null;
        value += s.value;
      }
      return { value, schedules };
    };

    const usable = problems.map((pr, a) => schedulablePairs(c, a, pr.pairs));
    const locks = usable.map((pairs) => pairs.filter((k) => c.fixedPair[c.pairTask[k]] === k));
    const lastExact: number[][] = [];
    const piBest = new Float64Array(c.nT);
    for (let t = 0; t < c.nT; t++) if (relaxed[t] === 1) piBest[t] = params.lambda0?.[t] ?? price[t];
    let pi = Float64Array.from(piBest);
    let best = -Infinity;
    let rounds = 0;
    let atMasterDuals = false;
    const maxRounds = params.maxIterations ?? Infinity;
    while (rounds < maxRounds && Date.now() < deadline) {
      const r = await lagrangian(pi);
      if (r === 'infeasible') return { bound: Infinity, iterations: rounds };
      if (r === null) break;
      rounds++;
      if (r.value > best) {
        best = r.value;
        piBest.set(pi);
      }
      // At the known plan's objective the bound proves it optimal: nothing left to raise.
      if (best >= params.upperBound - 1e-9 * Math.max(1, Math.abs(params.upperBound))) break;
      let added = 0;
      for (const s of r.schedules) if (addColumn(s.agent, s.pairs)) added++;
      // Nothing new at the master's own duals: the master is optimal over every schedule (converged).
      if (added === 0 && atMasterDuals) break;
      let m = master();
      if (m === null) break;
      for (const s of r.schedules) lastExact[s.agent] = s.pairs;
      for (let round = 0; round < HEURISTIC_ROUNDS && Date.now() < deadline; round++) {
        let fresh = 0;
        for (let a = 0; a < c.nA; a++) {
          if (problems[a].pairs.length === 0) continue;
          const starts = greedyOrders(c, usable[a], a, m.pi).map((order) => ({ order, start: locks[a] }));
          if (lastExact[a] !== undefined) starts.push({ order: usable[a], start: lastExact[a] });
          for (const { order, start } of starts) {
            const pairs = improveSchedule(c, a, order, start, m.pi);
            let reduced = scheduleCost(c, a, pairs) - m.mu[a];
            for (const k of pairs) reduced -= m.pi[c.pairTask[k]];
            if (reduced < -1e-6 * Math.max(1, Math.abs(m.mu[a])) && addColumn(a, pairs)) fresh++;
          }
        }
        if (fresh === 0) break;
        added += fresh;
        m = master() ?? m;
      }
      // No new schedule at the smoothed point: price at the master's own duals (no mispricing loop).
      atMasterDuals = added === 0;
      const alpha = atMasterDuals ? 0 : SMOOTHING;
      pi = new Float64Array(c.nT);
      for (let t = 0; t < c.nT; t++) pi[t] = alpha * piBest[t] + (1 - alpha) * m.pi[t];
    }
    return { bound: best, iterations: rounds };
  } finally {
    lp.dispose();
    await pool.close();
  }
}

/**
 * Restricted master LP over the columns, kept as one HiGHS model across rounds: new schedules are appended
 * as columns (nonbasic, so the last optimal basis stays valid) and each solve is a warm-started simplex
 * rather than a solve from scratch, which on a few thousand columns was most of a round's time.
 */
class RestrictedMaster {
  private readonly model: Model;
  private readonly taskRow: Int32Array;
  private readonly agentRow: Int32Array;
  private readonly nRows: number;
  private queued: Column[] = [];

  constructor(
    private readonly highs: Highs,
    private readonly c: CompiledModel,
    problems: readonly AgentProblem[],
    price: Float64Array,
    canLeave: Uint8Array,
    relaxed: Uint8Array,
    artificial: number,
  ) {
    this.taskRow = new Int32Array(c.nT).fill(-1);
    let nRows = 0;
    for (let t = 0; t < c.nT; t++) if (relaxed[t] === 1) this.taskRow[t] = nRows++;
    this.agentRow = new Int32Array(c.nA).fill(-1);
    for (let a = 0; a < c.nA; a++) if (problems[a].pairs.length > 0) this.agentRow[a] = nRows++;
    this.nRows = nRows;
    // Unassigned slack per task (artificial when it must be assigned), artificial slack per agent row.
    const cost: number[] = [];
    const rows: number[] = [];
    for (let t = 0; t < c.nT; t++)
      if (this.taskRow[t] >= 0) {
        cost.push(canLeave[t] === 1 ? price[t] : artificial);
        rows.push(this.taskRow[t]);
      }
    for (let a = 0; a < c.nA; a++)
      if (this.agentRow[a] >= 0) {
        cost.push(artificial);
        rows.push(this.agentRow[a]);
      }
    const n = cost.length;
    this.model = highs.createModel({
      numCols: n,
      numRows: nRows,
      colCost: Float64Array.from(cost),
      colLower: new Float64Array(n),
      colUpper: new Float64Array(n).fill(highs.infinity),
      rowLower: new Float64Array(nRows).fill(1),
      rowUpper: new Float64Array(nRows).fill(1),
      matrix: { format: 'csc', numRows: nRows, numCols: n, starts: Int32Array.from({ length: n + 1 }, (_, j) => j), indices: Int32Array.from(rows), values: new Float64Array(n).fill(1) },
    });
    this.model.options.set({ output_flag: false });
  }

  /** Queues a column; it enters the LP at the next solve. */
  add(col: Column): void {
    this.queued.push(col);
  }

  /** Duals of the task rows (pi) and of the agent rows (mu), or null when the LP did not solve in time. */
  solve(deadline: number): { pi: Float64Array; mu: Float64Array } | null {
    const { c, model } = this;
    if (this.queued.length > 0) {
      const n = this.queued.length;
      const starts = new Int32Array(n + 1);
      const idx: number[] = [];
      this.queued.forEach((col, j) => {
        for (const t of col.tasks) idx.push(this.taskRow[t]);
        idx.push(this.agentRow[col.agent]);
        starts[j + 1] = idx.length;
      });
      model.addCols({
        cost: Float64Array.from(this.queued, (col) => col.cost),
        lower: new Float64Array(n),
        upper: new Float64Array(n).fill(this.highs.infinity),
        matrix: { format: 'csc', numRows: this.nRows, numCols: n, starts, indices: Int32Array.from(idx), values: new Float64Array(idx.length).fill(1) },
      });
      this.queued = [];
    }
    model.options.set({ time_limit: Math.max(0.05, (deadline - Date.now()) / 1000) });
    model.run();
    if (model.getModelStatus() !== this.highs.constants.modelStatus.optimal) return null;
    const dual = model.getSolution().rowDual;
    const pi = new Float64Array(c.nT);
    for (let t = 0; t < c.nT; t++) if (this.taskRow[t] >= 0) pi[t] = dual[this.taskRow[t]];
    const mu = new Float64Array(c.nA);
    for (let a = 0; a < c.nA; a++) if (this.agentRow[a] >= 0) mu[a] = dual[this.agentRow[a]];
    return { pi, mu };
  }

  dispose(): void {
    this.model.dispose();
  }
}
