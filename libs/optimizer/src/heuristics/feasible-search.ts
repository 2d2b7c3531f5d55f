import { CompiledModel, evaluateTerms, isChoiceFeasible, sumTerms } from '../model/compiled-model';
import { createRng, Rng, shuffleInPlace } from './prng';

const EPS = 1e-9;
/** A move must gain at least this much (relative to the objective's scale) to count as an improvement. */
const GAIN = 1e-7;
/**
 * Candidate pairs (cheapest first) of the task to insert tried by an ejection. 64 rather than 16 took M
 * (10 s, four seeds) from 11.05 M to 10.94 M; all of them (up to ~100) was slower for no gain.
 */
const EJECT_PAIRS = 64;
/** A ruin releases the tasks of up to this many agents. */
const RUIN_AGENTS = 3;
/**
 * Default annealing temperatures (units of the mean unassigned price). Measured on the generated M
 * organisation, 10 s, four seeds: 11.66 M with descent only, 11.34 M (2.7% lower) at 0.4 → 0.004,
 * within noise of 1 → 0.004 and 2.5 → 0.004; L fell 1.4%. With ruins drawn from all candidate agents it is
 * still the best measured (10.94 M against 10.98 M at 1 → 0.004, 11.06 M at 0.15 → 0.004, 10.99 M at 0.4 → 0.0005).
 */
const DEFAULT_TEMPERATURE = { start: 0.4, end: 0.004 };

/** Collects agent schedules (their pairs) as the search meets them; `SchedulePool` in schedule-pool.ts is the one implementation. */
export interface ScheduleSink {
  add(agent: number, pairs: ArrayLike<number>): unknown;
}

export interface FeasibleSearchParams {
  timeLimitMs: number;
  seed: number;
  /** Upper bound on passes over all tasks (reproducible runs regardless of machine speed). */
  maxPasses?: number;
  /** Upper bound on ruin-and-recreate trials after the first descent. */
  maxTrials?: number;
  /**
   * Annealing of the ruin-and-recreate acceptance, in units of the mean unassigned price: the temperature
   * falls geometrically from `start` to `end` over the time (or `maxTrials`) budget. `{ start: 0, end: 0 }`
   * keeps only plans no worse than the current one.
   */
  temperature?: { start: number; end: number };
  /**
   * The part of the annealing schedule this run covers, as fractions of it (default the whole, [0, 1]):
   * consecutive runs of one search over consecutive windows cool as one long run would.
   */
  schedule?: { from: number; to: number };
  /** Receives the schedule of every agent an accepted trial changed (for recombination, schedule-pool.ts). */
  pool?: ScheduleSink;
}

export interface FeasibleSearchResult {
  choice: Int32Array;
  objective: number;
  passes: number;
  moves: number;
}

/**
 * Local search that never leaves the feasible region: every state it visits meets capacity in every
 * period, side limits in every window, lead coupling and locks. It starts from a feasible assignment
 * (e.g. the greedy plan), descends with exact-delta moves — insert (bringing a lead along when the agent
 * needs one), shift, swap, and insert-by-ejection (a task on the target agent moves elsewhere or is
 * released to make room) — then ruins and recreates under simulated-annealing acceptance. It returns the
 * best plan it saw, so its answer is never worse than its start.
 * Multi-period loads and utilization-target shortfall are priced exactly per agent-period.
 */
export class FeasibleSearch {
  private readonly c: CompiledModel;
  private readonly choice: Int32Array;
  private readonly load: Float64Array;
  private readonly side: Float64Array;
  private readonly leadCount: Int32Array;
  private readonly agentTasks: number[][];
  private readonly posInAgent: Int32Array;
  private readonly cand: Int32Array;
  private readonly pairLookup: Map<number, number>;
  /** Load of each task in hours (its first pair's), for value-per-hour orders. */
  private readonly hours: Float64Array;
  private readonly scale: number;
  private moves = 0;
  private objective = 0;
  /** (task, previous pair) of every change since the trial began, to undo a rejected trial. */
  private readonly journal: number[] = [];
  private journaling = false;

  constructor(c: CompiledModel, start: Int32Array) {
    if (!isChoiceFeasible(c, start)) throw new Error('FeasibleSearch needs a start that meets every hard rule');
    this.c = c;
    this.choice = new Int32Array(c.nT).fill(-1);
    this.load = new Float64Array(c.nA * c.nP);
    this.side = new Float64Array(c.nSide);
    this.leadCount = new Int32Array(c.nT);
    this.agentTasks = Array.from({ length: c.nA }, () => []);
    this.posInAgent = new Int32Array(c.nT).fill(-1);
    const rank = c.pairCost;
    this.cand = new Int32Array(c.taskPairs);
    for (let t = 0; t < c.nT; t++) {
      const s = c.taskPairStart[t];
      const e = c.taskPairStart[t + 1];
      if (e - s > 1) this.cand.set(Array.from(this.cand.subarray(s, e)).sort((x, y) => rank[x] - rank[y] || x - y), s);
    }
    this.hours = new Float64Array(c.nT);
    for (let t = 0; t < c.nT; t++) {
      const k = c.taskPairs[c.taskPairStart[t]];
      if (c.taskPairStart[t + 1] > c.taskPairStart[t]) for (let q = c.pairLoadStart[k]; q < c.pairLoadStart[k + 1]; q++) this.hours[t] += c.loadAmount[q];
    }
    this.pairLookup = new Map();
    for (let k = 0; k < c.nK; k++) this.pairLookup.set(c.pairAgent[k] * c.nT + c.pairTask[k], k);
    for (let t = 0; t < c.nT; t++) if (start[t] >= 0) this.assign(t, start[t]);
    this.objective = sumTerms(evaluateTerms(c, this.choice));
    this.scale = Math.max(1, Math.abs(this.objective));
  }

  /** Moves the search to another feasible plan (e.g. a recombination of its schedules); the next run starts there. */
  moveTo(plan: Int32Array): void {
    if (!isChoiceFeasible(this.c, plan)) throw new Error('FeasibleSearch can only move to a plan that meets every hard rule');
    for (let t = 0; t < this.c.nT; t++) if (this.choice[t] !== plan[t]) this.assign(t, -1);
    for (let t = 0; t < this.c.nT; t++) if (plan[t] >= 0) this.assign(t, plan[t]);
    this.objective = sumTerms(evaluateTerms(this.c, this.choice));
  }

  private meanPrice(): number {
    const c = this.c;
    let sum = 0;
    let n = 0;
    for (let t = 0; t < c.nT; t++)
      if (c.taskPairStart[t + 1] > c.taskPairStart[t]) {
        sum += Math.abs(this.price(t));
        n++;
      }
    return n > 0 ? sum / n : 1;
  }

  private price(t: number): number {
    return this.c.unassignedCost[t];
  }

  /** Adds (sign 1) or removes (−1) pair k's load and side use; returns the change in shortfall cost. */
  private applyLoad(k: number, sign: number): number {
    const c = this.c;
    const a = c.pairAgent[k];
    const base = a * c.nP;
    const pen = c.penalty[a];
    let d = 0;
    for (let q = c.pairLoadStart[k]; q < c.pairLoadStart[k + 1]; q++) {
      const cell = base + c.loadPeriod[q];
      const old = this.load[cell];
      const nw = old + sign * c.loadAmount[q];
      this.load[cell] = nw;
      if (pen > 0) {
        const tg = c.target[cell];
        d += pen * (Math.max(0, tg - nw) - Math.max(0, tg - old));
      }
    }
    for (let q = c.pairSideStart[k]; q < c.pairSideStart[k + 1]; q++) this.side[c.sideIndex[q]] += sign * c.sideAmount[q];
    return d;
  }

  private fits(k: number): boolean {
    const c = this.c;
    const base = c.pairAgent[k] * c.nP;
    for (let q = c.pairLoadStart[k]; q < c.pairLoadStart[k + 1]; q++) {
      const cell = base + c.loadPeriod[q];
      if (this.load[cell] + c.loadAmount[q] > c.capacity[cell] + EPS) return false;
    }
    for (let q = c.pairSideStart[k]; q < c.pairSideStart[k + 1]; q++) {
      const s = c.sideIndex[q];
      if (this.side[s] + c.sideAmount[q] > c.sideLimit[s] + EPS) return false;
    }
    return true;
  }

  private leadOk(t: number, k: number): boolean {
    const c = this.c;
    return !(c.requiresLead[t] === 1 && c.needsLeadAgent[c.pairAgent[k]] === 1 && this.leadCount[t] === 0);
  }

  /** Moves t to pair k (−1 = release), keeping loads, per-agent lists and lead counts; returns the objective change. */
  private assign(t: number, k: number): number {
    const c = this.c;
    const old = this.choice[t];
    if (old === k) return 0;
    if (this.journaling) this.journal.push(t, old);
    let d = (k >= 0 ? c.pairCost[k] : this.price(t)) - (old >= 0 ? c.pairCost[old] : this.price(t));
    if (old >= 0) {
      d += this.applyLoad(old, -1);
      const list = this.agentTasks[c.pairAgent[old]];
      const pos = this.posInAgent[t];
      const last = list.pop() as number;
      if (last !== t) {
        list[pos] = last;
        this.posInAgent[last] = pos;
      }
      this.posInAgent[t] = -1;
    }
    if (k >= 0) {
      d += this.applyLoad(k, 1);
      const list = this.agentTasks[c.pairAgent[k]];
      this.posInAgent[t] = list.length;
      list.push(t);
    }
    if ((old < 0) !== (k < 0)) {
      const step = k >= 0 ? 1 : -1;
      for (let q = c.dependentStart[t]; q < c.dependentStart[t + 1]; q++) this.leadCount[c.dependentTasks[q]] += step;
    }
    this.choice[t] = k;
    this.objective += d;
    return d;
  }

  /**
   * Stops journaling for trial moves that undo themselves (a rejected ruin need not replay them); returns
   * the previous state for `this.journaling = …` when the trials are done.
   */
  private pauseJournal(): boolean {
    const journaling = this.journaling;
    this.journaling = false;
    return journaling;
  }

  private improves(d: number): boolean {
    return d < -GAIN * this.scale;
  }

  /** Best single move for an unassigned task: insert directly, with a lead brought along, or by ejecting a task. */
  private tryInsert(t: number, onlyAgents?: ReadonlySet<number>): boolean {
    const c = this.c;
    const s = c.taskPairStart[t];
    const e = c.taskPairStart[t + 1];
    let bestD = 0;
    let bestK = -1;
    let leadTask = -1;
    let leadPair = -1;
    for (let q = s; q < e; q++) {
      const k = this.cand[q];
      if ((onlyAgents !== undefined && !onlyAgents.has(c.pairAgent[k])) || !this.fits(k)) continue;
      if (this.leadOk(t, k)) {
        const d = c.pairCost[k] - this.price(t) + this.shortfallIfAdded(k);
        if (d < bestD) {
          bestD = d;
          bestK = k;
          leadTask = -1;
        }
        continue;
      }
      // Needs a lead: bring an unassigned covering lead task in on an agent where it fits.
      const journaling = this.pauseJournal();
      for (let lq = c.leadStart[t]; lq < c.leadStart[t + 1]; lq++) {
        const o = c.leadTasks[lq];
        if (this.choice[o] >= 0 || c.fixedPair[o] >= 0) continue;
        for (let qo = c.taskPairStart[o]; qo < c.taskPairStart[o + 1]; qo++) {
          const ko = this.cand[qo];
          if (!this.fits(ko) || !this.leadOk(o, ko)) continue;
          const dl = this.assign(o, ko);
          const d = this.fits(k) ? dl + c.pairCost[k] - this.price(t) + this.shortfallIfAdded(k) : Infinity;
          this.assign(o, -1);
          if (d < bestD) {
            bestD = d;
            bestK = k;
            leadTask = o;
            leadPair = ko;
          }
        }
      }
      this.journaling = journaling;
    }
    if (bestK >= 0 && this.improves(bestD)) {
      if (leadTask >= 0) this.assign(leadTask, leadPair);
      this.assign(t, bestK);
      return true;
    }
    return onlyAgents === undefined && this.tryEjectInsert(t);
  }

  private shortfallIfAdded(k: number): number {
    const d = this.applyLoad(k, 1);
    this.applyLoad(k, -1);
    return d;
  }

  /** Insert t on an agent by moving one of that agent's tasks to another agent, or releasing it. */
  private tryEjectInsert(t: number): boolean {
    const c = this.c;
    const s = c.taskPairStart[t];
    const e = Math.min(c.taskPairStart[t + 1], s + EJECT_PAIRS);
    let bestD = 0;
    let best: [number, number, number] | null = null;
    const journaling = this.pauseJournal();
    for (let q = s; q < e; q++) {
      const k = this.cand[q];
      if (c.pairCost[k] >= this.price(t)) continue;
      const a = c.pairAgent[k];
      // A copy: each trial takes u out and puts it back at the end of the live list.
      const list = this.agentTasks[a].slice();
      for (let i = 0; i < list.length; i++) {
        const u = list[i];
        if (c.fixedPair[u] >= 0 || c.mustAssign[u] === 1) continue;
        const ku = this.choice[u];
        let d = this.assign(u, -1);
        if (this.fits(k) && this.leadOk(t, k)) {
          d += this.assign(t, k);
          // u goes to its best fitting alternative, or stays released when it may.
          let bestU = this.canReleaseAfter(u) ? 0 : Infinity;
          let bestKu = -1;
          for (let qu = c.taskPairStart[u]; qu < c.taskPairStart[u + 1]; qu++) {
            const k2 = this.cand[qu];
            if (c.pairAgent[k2] === a || !this.fits(k2) || !this.leadOk(u, k2)) continue;
            const du = c.pairCost[k2] - this.price(u) + this.shortfallIfAdded(k2);
            if (du < bestU) {
              bestU = du;
              bestKu = k2;
            }
          }
          if (Number.isFinite(bestU) && d + bestU < bestD) {
            bestD = d + bestU;
            best = [k, u, bestKu];
          }
          this.assign(t, -1);
        }
        this.assign(u, ku);
      }
    }
    this.journaling = journaling;
    if (best === null || !this.improves(bestD)) return false;
    const [k, u, ku2] = best;
    this.assign(u, -1);
    this.assign(t, k);
    if (ku2 >= 0) this.assign(u, ku2);
    return true;
  }

  /** Best shift of an assigned task to another agent where it fits, or its release when that pays. */
  private tryShift(t: number): boolean {
    const c = this.c;
    const k1 = this.choice[t];
    let bestD = 0;
    let bestK = -2;
    const dOut = this.assign(t, -1);
    if (this.canReleaseAfter(t) && dOut < bestD) {
      bestD = dOut;
      bestK = -1;
    }
    for (let q = c.taskPairStart[t]; q < c.taskPairStart[t + 1]; q++) {
      const k = this.cand[q];
      if (k === k1 || !this.fits(k) || !this.leadOk(t, k)) continue;
      const d = dOut + c.pairCost[k] - this.price(t) + this.shortfallIfAdded(k);
      if (d < bestD) {
        bestD = d;
        bestK = k;
      }
    }
    if (bestK !== -2 && this.improves(bestD)) {
      this.assign(t, bestK);
      return true;
    }
    this.assign(t, k1);
    return false;
  }

  /** After t was taken out: may it stay out (must-assign, lock, dependants' leads)? */
  private canReleaseAfter(t: number): boolean {
    const c = this.c;
    if (c.mustAssign[t] === 1 || c.fixedPair[t] >= 0) return false;
    for (let q = c.dependentStart[t]; q < c.dependentStart[t + 1]; q++) {
      const d = c.dependentTasks[q];
      const k = this.choice[d];
      if (k >= 0 && c.needsLeadAgent[c.pairAgent[k]] === 1 && this.leadCount[d] === 0) return false;
    }
    return true;
  }

  /** Best swap of assigned t with a task on one of t's candidate agents. */
  private trySwap(t: number, maxAgents: number): boolean {
    const c = this.c;
    const k1 = this.choice[t];
    const a1 = c.pairAgent[k1];
    let bestD = 0;
    let best: [number, number, number] | null = null;
    const s = c.taskPairStart[t];
    const e = Math.min(c.taskPairStart[t + 1], s + maxAgents);
    for (let q = s; q < e; q++) {
      const k1n = this.cand[q];
      const a2 = c.pairAgent[k1n];
      if (a2 === a1) continue;
      const list = this.agentTasks[a2];
      for (let i = 0; i < list.length; i++) {
        const u = list[i];
        if (c.fixedPair[u] >= 0) continue;
        const k2n = this.pairLookup.get(a1 * c.nT + u);
        if (k2n === undefined) continue;
        const k2 = this.choice[u];
        // Both stay assigned, so lead counts do not change; only the agents' classes matter.
        if (!this.leadOk(t, k1n) || !this.leadOk(u, k2n)) continue;
        let d = this.applyLoad(k1, -1);
        d += this.applyLoad(k2, -1);
        if (this.fits(k1n)) {
          d += this.applyLoad(k1n, 1);
          if (this.fits(k2n)) {
            d += this.shortfallIfAdded(k2n) + c.pairCost[k1n] + c.pairCost[k2n] - c.pairCost[k1] - c.pairCost[k2];
            if (d < bestD) {
              bestD = d;
              best = [u, k1n, k2n];
            }
          }
          this.applyLoad(k1n, -1);
        }
        this.applyLoad(k2, 1);
        this.applyLoad(k1, 1);
      }
    }
    if (best === null || !this.improves(bestD)) return false;
    const [u, k1n, k2n] = best;
    this.assign(t, -1);
    this.assign(u, -1);
    this.assign(t, k1n);
    this.assign(u, k2n);
    return true;
  }

  /** One improving move for t if there is one. */
  private improveTask(t: number): boolean {
    if (this.c.fixedPair[t] >= 0) return false;
    const moved = this.choice[t] < 0 ? this.tryInsert(t) : this.tryShift(t) || this.trySwap(t, 8);
    if (moved) this.moves++;
    return moved;
  }

  /**
   * Ruin and recreate around a random task: release every movable task of a few of its candidate
   * agents, re-insert the released tasks and every unassigned task those agents could take in a
   * randomised value order. Offering the freed capacity to the unassigned tasks too (not only to the
   * released ones) took S from 6.4% above the optimum to 0.04% in 5 s. No local descent follows: without
   * it more trials fit in the same time, and plans came out better at M and L.
   */
  private ruinAndRecreate(rng: Rng, order: Int32Array): void {
    const c = this.c;
    const agents: number[] = [];
    const t0 = order[rng.int(order.length)];
    const s = c.taskPairStart[t0];
    const deg = c.taskPairStart[t0 + 1] - s;
    if (deg === 0) return;
    const width = 1 + rng.int(RUIN_AGENTS);
    // Any of t0's agents, not only its cheapest: an agent that is no task's cheapest would otherwise never
    // be ruined (M, 10 s: 11.34 M → 11.05 M).
    for (let i = 0; i < Math.min(width, deg); i++) agents.push(c.pairAgent[this.cand[s + rng.int(deg)]]);
    const released: number[] = [t0];
    for (const a of agents) {
      const list = [...this.agentTasks[a]];
      for (const u of list) {
        if (c.fixedPair[u] >= 0 || c.mustAssign[u] === 1) continue;
        const ku = this.choice[u];
        this.assign(u, -1);
        if (this.canReleaseAfter(u)) released.push(u);
        else this.assign(u, ku);
      }
    }
    // The freed capacity is offered to every unassigned task those agents could take, not only to the
    // released ones, in a randomised order: by value or (every other trial) by value per hour.
    const ruined = new Set(agents);
    const releasedSet = new Set(released);
    const pool = new Set(released);
    for (const a of ruined)
      for (let q = c.agentPairStart[a]; q < c.agentPairStart[a + 1]; q++) {
        const u = c.pairTask[c.agentPairs[q]];
        if (this.choice[u] < 0) pool.add(u);
      }
    const byDensity = rng.next() < 0.5;
    const recreate = [...pool].map((u) => ({ u, key: (byDensity ? this.price(u) / Math.max(EPS, this.hours[u]) : this.price(u)) * (0.75 + 0.5 * rng.next()) }));
    recreate.sort((x, y) => y.key - x.key);
    // Released tasks may go anywhere; the others only where capacity was freed (elsewhere nothing changed).
    for (const { u } of recreate) if (this.choice[u] < 0) this.tryInsert(u, releasedSet.has(u) ? undefined : ruined);
  }

  /** Pools the schedules of the agents the journalled trial changed. */
  private poolTouched(pool: ScheduleSink): void {
    const c = this.c;
    const touched = new Set<number>();
    for (let i = 0; i < this.journal.length; i += 2) {
      const before = this.journal[i + 1];
      const now = this.choice[this.journal[i]];
      if (before >= 0) touched.add(c.pairAgent[before]);
      if (now >= 0) touched.add(c.pairAgent[now]);
    }
    for (const a of touched) pool.add(a, this.agentTasks[a].map((t) => this.choice[t]));
  }

  private restore(): void {
    this.journaling = false;
    for (let i = this.journal.length - 2; i >= 0; i -= 2) this.assign(this.journal[i], this.journal[i + 1]);
    this.journal.length = 0;
  }

  /**
   * Descends until no move helps, then ruins and recreates under annealed acceptance until the time or
   * `maxTrials` runs out; returns the best plan seen.
   */
  run(params: FeasibleSearchParams): FeasibleSearchResult {
    const c = this.c;
    const deadline = Date.now() + params.timeLimitMs;
    const rng = createRng(params.seed);
    const order = new Int32Array(c.nT);
    for (let t = 0; t < c.nT; t++) order[t] = t;
    const maxPasses = params.maxPasses ?? Infinity;
    let passes = 0;
    let counter = 0;
    let timeUp = false;
    while (passes < maxPasses) {
      passes++;
      shuffleInPlace(rng, order);
      let improved = false;
      for (let i = 0; i < order.length; i++) {
        if ((++counter & 31) === 0 && Date.now() > deadline) {
          timeUp = true;
          break;
        }
        if (this.improveTask(order[i])) improved = true;
      }
      if (!improved || timeUp) break;
    }
    const maxTrials = params.maxTrials ?? Infinity;
    const { start: tStart, end: tEnd } = params.temperature ?? DEFAULT_TEMPERATURE;
    const window = params.schedule ?? { from: 0, to: 1 };
    const unit = this.meanPrice();
    const annealing = tStart > 0 && tEnd > 0;
    const searchStart = Date.now();
    const budget = Math.max(1, deadline - searchStart);
    let bestObjective = this.objective;
    const bestChoice = new Int32Array(this.choice);
    let temperature = tStart * unit;
    for (let trial = 0; !timeUp && trial < maxTrials && Date.now() <= deadline; trial++) {
      if (annealing && (trial & 63) === 0) {
        // Progress by trials when they are capped (reproducible runs), else by the clock.
        const local = Math.min(1, Number.isFinite(maxTrials) ? trial / maxTrials : (Date.now() - searchStart) / budget);
        const progress = window.from + (window.to - window.from) * local;
        temperature = unit * tStart * Math.pow(tEnd / tStart, progress);
      }
      const before = this.objective;
      this.journal.length = 0;
      this.journaling = true;
      this.ruinAndRecreate(rng, order);
      this.journaling = false;
      // Equal plans are kept too (a sideways step lets the next ruins start from somewhere new), and worse
      // ones with the annealing probability; the best plan seen is what is returned.
      const delta = this.objective - before;
      if (delta <= 0 || (annealing && rng.next() < Math.exp(-delta / temperature))) {
        if (params.pool !== undefined) this.poolTouched(params.pool);
        this.journal.length = 0;
        if (this.objective < bestObjective - GAIN * this.scale) {
          bestObjective = this.objective;
          bestChoice.set(this.choice);
        }
      } else this.restore();
    }
    return { choice: bestChoice, objective: sumTerms(evaluateTerms(c, bestChoice)), passes, moves: this.moves };
  }
}

/** Improves a feasible start by feasible-space local search; returns it unchanged when nothing helps. */
export function improveFeasible(c: CompiledModel, start: Int32Array, params: FeasibleSearchParams): FeasibleSearchResult {
  return new FeasibleSearch(c, start).run(params);
}
