import { CompiledModel, evaluateTerms, isChoiceFeasible, sumTerms } from '../model/compiled-model';
import { solveGreedyChoice } from './greedy-solver';
import { createRng, Rng, shuffleInPlace } from './prng';

const EPS = 1e-9;

export interface HeuristicGuide {
  /** Per-pair ranking score (lower is better), e.g. LP reduced costs; defaults to pair cost. */
  score?: Float64Array;
  /** Starting pair per task (-1 = unassigned), e.g. the rounded LP solution; may overload agents. */
  start?: Int32Array;
  /** Known lower bound: search stops once the incumbent reaches it. */
  lowerBound?: number;
}

export interface HeuristicParams {
  timeLimitMs: number;
  seed: number;
  maxIterations?: number;
  guide?: HeuristicGuide;
}

export interface HeuristicResult {
  /** Best pair per task (-1 = unassigned), or null when no assignment met the hard rules. */
  choice: Int32Array | null;
  objective: number;
  /** Best penalised state when no feasible one was found (for diagnostics). */
  fallback: Int32Array;
  iterations: number;
}

/** Candidate agents tried per task in swap and ejection-chain neighbourhoods. */
const CAND_K = 6;
/** Candidate agents for the ejected task of an ejection chain. */
const EJECT_K = 4;
/** Shift moves scan at most this many of a task's pairs (all of them for GAP-sized lists). */
const SHIFT_K = 96;
/** Rounds without a new best before a perturbation from the best solution. */
const STALL_PERTURB = 60;
/** Rounds without a new best before giving up (tiny models converge long before the time limit). */
const STALL_STOP = 40_000;

/**
 * Penalty-based local search for the generic model (after Yagiura, Ibaraki and Glover's adaptive
 * penalties): capacity and side-limit excess is allowed during search at an adaptive per-cell price,
 * moves are shift, swap and length-2 ejection chains over per-task candidate lists, and the best
 * solution meeting every hard rule is kept. Construction: locked pairs, then regret (Martello–Toth).
 */
export class HeuristicSearch {
  private readonly choice: Int32Array;
  private readonly load: Float64Array;
  private readonly side: Float64Array;
  private readonly leadCount: Int32Array;
  private readonly w: Float64Array;
  private readonly ws: Float64Array;
  private readonly w0: number;
  private readonly score: Float64Array;
  /** Pairs of each task ordered by score. */
  private readonly cand: Int32Array;
  private readonly agentTasks: number[][];
  private readonly posInAgent: Int32Array;
  private readonly pairLookup: Int32Array | Map<number, number>;
  private readonly lockedNeedingLead: number[] = [];
  private readonly queue: Int32Array;
  private readonly inQueue: Uint8Array;
  private qHead = 0;
  private qTail = 0;
  private qSize = 0;
  private readonly simple: boolean;
  private overCells = 0;
  private best: Int32Array | null = null;
  private bestObj = Infinity;
  /** Σ pair cost or price over tasks, kept incrementally (exact objective when the model is GAP-shaped). */
  private curCost = 0;
  private infeasibleRounds = 0;
  private overSide = 0;
  private missingMust = 0;
  private readonly rng: Rng;
  private deadline = 0;
  private started = false;
  private iterations = 0;
  private stall = 0;
  private readonly order: Int32Array;
  private fallback: Int32Array;
  private readonly c: CompiledModel;

  constructor(
    c: CompiledModel,
    private readonly params: HeuristicParams,
  ) {
    this.c = c;
    this.order = new Int32Array(c.nT);
    this.fallback = new Int32Array(c.nT).fill(-1);
    this.rng = createRng(params.seed);
    this.choice = new Int32Array(c.nT).fill(-1);
    this.load = new Float64Array(c.nA * c.nP);
    this.side = new Float64Array(c.nSide);
    this.leadCount = new Int32Array(c.nT);
    this.queue = new Int32Array(Math.max(1, c.nT));
    this.inQueue = new Uint8Array(c.nT);
    this.agentTasks = Array.from({ length: c.nA }, () => []);
    this.posInAgent = new Int32Array(c.nT).fill(-1);
    this.score = params.guide?.score ?? c.pairCost;
    let single = !c.hasShortfall && c.nSide === 0;
    for (let k = 0; k < c.nK && single; k++) if (c.pairLoadStart[k + 1] - c.pairLoadStart[k] > 1) single = false;
    this.simple = single;
    for (let t = 0; t < c.nT; t++) if (c.fixedPair[t] >= 0 && c.requiresLead[t] === 1) this.lockedNeedingLead.push(t);
    this.cand = new Int32Array(c.taskPairs);
    for (let t = 0; t < c.nT; t++) {
      const s = c.taskPairStart[t];
      const e = c.taskPairStart[t + 1];
      const sorted = Array.from(this.cand.subarray(s, e)).sort((x, y) => this.score[x] - this.score[y] || x - y);
      this.cand.set(sorted, s);
    }
    if (c.nA * c.nT <= 8_000_000) {
      const dense = new Int32Array(c.nA * c.nT).fill(-1);
      for (let k = 0; k < c.nK; k++) dense[c.pairAgent[k] * c.nT + c.pairTask[k]] = k;
      this.pairLookup = dense;
    } else {
      const m = new Map<number, number>();
      for (let k = 0; k < c.nK; k++) m.set(c.pairAgent[k] * c.nT + c.pairTask[k], k);
      this.pairLookup = m;
    }
    // Initial penalty per unit of excess: the typical cost per unit of load, so excess is neither free nor prohibitive.
    let costSum = 0;
    let loadSum = 0;
    for (let k = 0; k < c.nK; k++) costSum += Math.abs(c.pairCost[k]);
    for (let q = 0; q < c.loadAmount.length; q++) loadSum += Math.abs(c.loadAmount[q]);
    this.w0 = Math.max(1e-3, (costSum / Math.max(1, c.nK) + 1) / Math.max(1e-9, loadSum / Math.max(1, c.loadAmount.length)));
    this.w = new Float64Array(c.nA * c.nP).fill(this.w0);
    let sideSum = 0;
    for (let q = 0; q < c.sideAmount.length; q++) sideSum += c.sideAmount[q];
    this.ws = new Float64Array(c.nSide).fill(
      Math.max(1e-3, (costSum / Math.max(1, c.nK) + 1) / Math.max(1e-9, sideSum / Math.max(1, c.sideAmount.length))),
    );
  }

  private pairOf(a: number, t: number): number {
    const key = a * this.c.nT + t;
    if (this.pairLookup instanceof Int32Array) return this.pairLookup[key];
    return this.pairLookup.get(key) ?? -1;
  }

  private priceOf(t: number): number {
    return this.c.unassignedCost[t];
  }

  /** Penalised change (excess × weight + shortfall) if pair k's load were added (sign 1) or removed (−1). */
  private peek(k: number, sign: number): number {
    const c = this.c;
    if (this.simple) {
      // GAP-shaped model: one load entry per pair, no targets, no side limits.
      const q = c.pairLoadStart[k];
      if (q === c.pairLoadStart[k + 1]) return 0;
      const cell = c.pairAgent[k] * c.nP + c.loadPeriod[q];
      const old = this.load[cell];
      const cap = c.capacity[cell];
      const nw = old + sign * c.loadAmount[q];
      const before = old > cap ? old - cap : 0;
      const after = nw > cap ? nw - cap : 0;
      return this.w[cell] * (after - before);
    }
    const a = c.pairAgent[k];
    const base = a * c.nP;
    const pen = c.penalty[a];
    let d = 0;
    for (let q = c.pairLoadStart[k]; q < c.pairLoadStart[k + 1]; q++) {
      const cell = base + c.loadPeriod[q];
      const old = this.load[cell];
      const nw = old + sign * c.loadAmount[q];
      const cap = c.capacity[cell];
      d += this.w[cell] * (Math.max(0, nw - cap) - Math.max(0, old - cap));
      if (pen > 0) {
        const tg = c.target[cell];
        d += pen * (Math.max(0, tg - nw) - Math.max(0, tg - old));
      }
    }
    for (let q = c.pairSideStart[k]; q < c.pairSideStart[k + 1]; q++) {
      const s = c.sideIndex[q];
      const old = this.side[s];
      const nw = old + sign * c.sideAmount[q];
      const lim = c.sideLimit[s];
      d += this.ws[s] * (Math.max(0, nw - lim) - Math.max(0, old - lim));
    }
    return d;
  }

  /** Adds (sign 1) or removes (−1) pair k's load and side use, keeping the count of exceeded cells. */
  private applyLoad(k: number, sign: number): void {
    const c = this.c;
    const base = c.pairAgent[k] * c.nP;
    for (let q = c.pairLoadStart[k]; q < c.pairLoadStart[k + 1]; q++) {
      const cell = base + c.loadPeriod[q];
      const cap = c.capacity[cell] + EPS;
      const wasOver = this.load[cell] > cap;
      this.load[cell] += sign * c.loadAmount[q];
      const isOver = this.load[cell] > cap;
      if (wasOver !== isOver) this.overCells += isOver ? 1 : -1;
    }
    for (let q = c.pairSideStart[k]; q < c.pairSideStart[k + 1]; q++) {
      const s = c.sideIndex[q];
      const lim = c.sideLimit[s] + EPS;
      const wasOver = this.side[s] > lim;
      this.side[s] += sign * c.sideAmount[q];
      const isOver = this.side[s] > lim;
      if (wasOver !== isOver) this.overSide += isOver ? 1 : -1;
    }
  }

  private set(t: number, k: number): void {
    const c = this.c;
    const old = this.choice[t];
    if (old === k) return;
    this.curCost += (k >= 0 ? c.pairCost[k] : this.priceOf(t)) - (old >= 0 ? c.pairCost[old] : this.priceOf(t));
    if (old >= 0) {
      this.applyLoad(old, -1);
      const list = this.agentTasks[c.pairAgent[old]];
      const pos = this.posInAgent[t];
      const last = list.pop() as number;
      if (last !== t) {
        list[pos] = last;
        this.posInAgent[last] = pos;
      }
      this.posInAgent[t] = -1;
    } else if (c.mustAssign[t] === 1) this.missingMust--;
    if (k >= 0) {
      this.applyLoad(k, 1);
      const list = this.agentTasks[c.pairAgent[k]];
      this.posInAgent[t] = list.length;
      list.push(t);
    } else if (c.mustAssign[t] === 1) this.missingMust++;
    if ((old < 0) !== (k < 0)) {
      const step = k >= 0 ? 1 : -1;
      for (let q = c.dependentStart[t]; q < c.dependentStart[t + 1]; q++) this.leadCount[c.dependentTasks[q]] += step;
    }
    this.choice[t] = k;
  }

  private leadOk(t: number, k: number): boolean {
    const c = this.c;
    return !(c.requiresLead[t] === 1 && c.needsLeadAgent[c.pairAgent[k]] === 1 && this.leadCount[t] === 0);
  }

  /** Whether assigned task t would cover lead-requiring task o (t is one of o's lead tasks). */
  private covers(t: number, o: number): boolean {
    const c = this.c;
    for (let q = c.leadStart[o]; q < c.leadStart[o + 1]; q++) if (c.leadTasks[q] === t) return true;
    return false;
  }

  /** Whether task t may become unassigned without breaking a must-assign, lock or a dependant's lead. */
  private canUnassign(t: number): boolean {
    const c = this.c;
    if (c.mustAssign[t] === 1 || c.fixedPair[t] >= 0) return false;
    for (let q = c.dependentStart[t]; q < c.dependentStart[t + 1]; q++) {
      const d = c.dependentTasks[q];
      const k = this.choice[d];
      if (k >= 0 && c.needsLeadAgent[c.pairAgent[k]] === 1 && this.leadCount[d] <= 1) return false;
    }
    return true;
  }

  private feasible(): boolean {
    if (this.overCells !== 0 || this.overSide !== 0 || this.missingMust !== 0) return false;
    // Only locked tasks can sit on a needs-lead agent without a lead: moves never create that state.
    const c = this.c;
    for (const t of this.lockedNeedingLead)
      if (c.needsLeadAgent[c.pairAgent[c.fixedPair[t]]] === 1 && this.leadCount[t] === 0) return false;
    return true;
  }

  private trueObjective(): number {
    return sumTerms(evaluateTerms(this.c, this.choice));
  }

  private construct(): void {
    const c = this.c;
    for (let t = 0; t < c.nT; t++) if (c.mustAssign[t] === 1) this.missingMust++;
    for (let t = 0; t < c.nT; t++) if (c.fixedPair[t] >= 0) this.set(t, c.fixedPair[t]);
    const start = this.params.guide?.start;
    if (start !== undefined) {
      for (let t = 0; t < c.nT; t++) {
        if (c.fixedPair[t] >= 0) continue;
        const k = start[t];
        if (k >= 0 && this.leadOk(t, k)) this.set(t, k);
      }
      return;
    }
    this.constructRegret();
  }

  private fits(t: number, k: number): boolean {
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
    return this.leadOk(t, k);
  }

  /** Martello–Toth regret construction with a lazy max-heap: the task that loses most by waiting goes first. */
  private constructRegret(): void {
    const c = this.c;
    const BIG = 1e15;
    const evalTask = (t: number): { best: number; regret: number } => {
      let b1 = c.mustAssign[t] === 1 ? BIG : this.priceOf(t);
      let best = -1;
      let b2 = BIG;
      for (let q = c.taskPairStart[t]; q < c.taskPairStart[t + 1]; q++) {
        const k = this.cand[q];
        if (!this.fits(t, k)) continue;
        const v = this.score[k] + (this.score === c.pairCost ? 0 : c.pairCost[k] * 1e-9);
        if (v < b1) {
          b2 = b1;
          b1 = v;
          best = k;
        } else if (v < b2) b2 = v;
      }
      return { best, regret: b2 - b1 };
    };
    const heapT: number[] = [];
    const heapR: number[] = [];
    const push = (t: number, r: number): void => {
      let i = heapT.length;
      heapT.push(t);
      heapR.push(r);
      while (i > 0) {
        const p = (i - 1) >> 1;
        if (heapR[p] >= heapR[i]) break;
        [heapT[p], heapT[i]] = [heapT[i], heapT[p]];
        [heapR[p], heapR[i]] = [heapR[i], heapR[p]];
        i = p;
      }
    };
    const pop = (): [number, number] => {
      const top: [number, number] = [heapT[0], heapR[0]];
      const lt = heapT.pop() as number;
      const lr = heapR.pop() as number;
      if (heapT.length > 0) {
        heapT[0] = lt;
        heapR[0] = lr;
        let i = 0;
        for (;;) {
          const l = 2 * i + 1;
          const r = l + 1;
          let m = i;
          if (l < heapT.length && heapR[l] > heapR[m]) m = l;
          if (r < heapT.length && heapR[r] > heapR[m]) m = r;
          if (m === i) break;
          [heapT[m], heapT[i]] = [heapT[i], heapT[m]];
          [heapR[m], heapR[i]] = [heapR[i], heapR[m]];
          i = m;
        }
      }
      return top;
    };
    const repushes = new Uint8Array(c.nT);
    for (let t = 0; t < c.nT; t++) if (this.choice[t] < 0) push(t, evalTask(t).regret);
    while (heapT.length > 0) {
      const [t, r] = pop();
      const e = evalTask(t);
      if (e.regret < r - EPS && repushes[t] < 4) {
        repushes[t]++;
        push(t, e.regret);
        continue;
      }
      if (e.best >= 0) this.set(t, e.best);
      else if (c.mustAssign[t] === 1) {
        // Nothing fits: take the least-bad pair and let the penalised search repair it.
        let bestK = -1;
        let bestV = Infinity;
        for (let q = c.taskPairStart[t]; q < c.taskPairStart[t + 1]; q++) {
          const k = this.cand[q];
          if (!this.leadOk(t, k)) continue;
          const v = c.pairCost[k] + this.peek(k, 1);
          if (v < bestV) {
            bestV = v;
            bestK = k;
          }
        }
        if (bestK >= 0) this.set(t, bestK);
      }
    }
  }

  /**
   * Best shift of t (to another pair or unassigned): returns [delta, pair, lead task, lead pair].
   * A needs-lead move without a covering lead may bring an unassigned lead task in with it.
   */
  private bestShift(t: number): [number, number, number, number] {
    const c = this.c;
    const k1 = this.choice[t];
    const base = k1 >= 0 ? -c.pairCost[k1] + this.peek(k1, -1) : -this.priceOf(t);
    let best: [number, number, number, number] = [0, -2, -1, -1];
    if (k1 >= 0 && this.canUnassign(t)) {
      const d = base + this.priceOf(t);
      if (d < -EPS) best = [d, -1, -1, -1];
    }
    const s = c.taskPairStart[t];
    const e = Math.min(c.taskPairStart[t + 1], s + SHIFT_K);
    for (let q = s; q < e; q++) {
      const k = this.cand[q];
      if (k === k1) continue;
      if (this.leadOk(t, k)) {
        const d = base + c.pairCost[k] + this.peek(k, 1);
        if (d < best[0] - EPS) best = [d, k, -1, -1];
        continue;
      }
      if (k1 >= 0) this.applyLoad(k1, -1);
      for (let lq = c.leadStart[t]; lq < Math.min(c.leadStart[t + 1], c.leadStart[t] + 4); lq++) {
        const o = c.leadTasks[lq];
        if (this.choice[o] >= 0) continue;
        const so = c.taskPairStart[o];
        const eo = Math.min(c.taskPairStart[o + 1], so + CAND_K);
        for (let qo = so; qo < eo; qo++) {
          const ko = this.cand[qo];
          if (!this.leadOk(o, ko) && !this.covers(t, o)) continue;
          // Measured in sequence (t leaves, o joins, t joins) so that shared agents are priced exactly.
          let d = base - this.priceOf(o) + c.pairCost[ko] + this.peek(ko, 1);
          this.applyLoad(ko, 1);
          d += c.pairCost[k] + this.peek(k, 1);
          this.applyLoad(ko, -1);
          if (d < best[0] - EPS) best = [d, k, o, ko];
        }
      }
      if (k1 >= 0) this.applyLoad(k1, 1);
    }
    return best;
  }

  /** Best swap of t with a task on one of its candidate agents: returns [delta, other task]. */
  private bestSwap(t: number): [number, number] {
    const c = this.c;
    const k1 = this.choice[t];
    if (k1 < 0) return [0, -1];
    const a1 = c.pairAgent[k1];
    let bestD = 0;
    let bestT = -1;
    const s = c.taskPairStart[t];
    const e = Math.min(c.taskPairStart[t + 1], s + CAND_K);
    for (let q = s; q < e; q++) {
      const k1n = this.cand[q];
      const a2 = c.pairAgent[k1n];
      if (a2 === a1 || !this.leadOk(t, k1n)) continue;
      const list = this.agentTasks[a2];
      for (let i = 0; i < list.length; i++) {
        const t2 = list[i];
        if (c.fixedPair[t2] >= 0) continue;
        const k2n = this.pairOf(a1, t2);
        if (k2n < 0 || !this.leadOk(t2, k2n)) continue;
        const k2 = this.choice[t2];
        const dc = c.pairCost[k1n] + c.pairCost[k2n] - c.pairCost[k1] - c.pairCost[k2];
        // Apply and measure: both agents gain and lose load, so per-pair peeks would interact.
        let d = dc + this.peek(k1, -1);
        this.applyLoad(k1, -1);
        d += this.peek(k2, -1);
        this.applyLoad(k2, -1);
        d += this.peek(k1n, 1);
        this.applyLoad(k1n, 1);
        d += this.peek(k2n, 1);
        this.applyLoad(k1n, -1);
        this.applyLoad(k2, 1);
        this.applyLoad(k1, 1);
        if (d < bestD - EPS) {
          bestD = d;
          bestT = t2;
        }
      }
    }
    return [bestD, bestT];
  }

  /** Length-2 ejection chain: t moves to a candidate agent, which ejects one of its tasks elsewhere. */
  private bestEjection(t: number): [number, number, number, number] {
    const c = this.c;
    const k1 = this.choice[t];
    if (k1 < 0) return [0, -1, -1, -1];
    const a1 = c.pairAgent[k1];
    let best: [number, number, number, number] = [0, -1, -1, -1];
    const s = c.taskPairStart[t];
    const e = Math.min(c.taskPairStart[t + 1], s + CAND_K);
    for (let q = s; q < e; q++) {
      const k1n = this.cand[q];
      const a2 = c.pairAgent[k1n];
      if (a2 === a1 || !this.leadOk(t, k1n)) continue;
      const d1 = c.pairCost[k1n] - c.pairCost[k1] + this.peek(k1, -1);
      this.applyLoad(k1, -1);
      const d1b = d1 + this.peek(k1n, 1);
      this.applyLoad(k1n, 1);
      const list = this.agentTasks[a2];
      for (let i = 0; i < list.length; i++) {
        const t2 = list[i];
        if (t2 === t || c.fixedPair[t2] >= 0) continue;
        const k2 = this.choice[t2];
        const rm = -c.pairCost[k2] + this.peek(k2, -1);
        const s2 = c.taskPairStart[t2];
        const e2 = Math.min(c.taskPairStart[t2 + 1], s2 + EJECT_K);
        for (let q2 = s2; q2 < e2; q2++) {
          const k2n = this.cand[q2];
          if (c.pairAgent[k2n] === a2 || !this.leadOk(t2, k2n)) continue;
          const d = d1b + rm + c.pairCost[k2n] + this.peek(k2n, 1);
          if (d < best[0] - EPS) best = [d, k1n, t2, k2n];
        }
      }
      this.applyLoad(k1n, -1);
      this.applyLoad(k1, 1);
    }
    return best;
  }

  private swapTasks(t: number, t2: number): void {
    const c = this.c;
    const a1 = c.pairAgent[this.choice[t]];
    const a2 = c.pairAgent[this.choice[t2]];
    this.set(t, this.pairOf(a2, t));
    this.set(t2, this.pairOf(a1, t2));
  }

  private enqueue(t: number): void {
    if (this.inQueue[t] === 1 || this.c.fixedPair[t] >= 0) return;
    this.inQueue[t] = 1;
    this.queue[this.qTail] = t;
    this.qTail = (this.qTail + 1) % this.queue.length;
    this.qSize++;
  }

  private dequeue(): number {
    const t = this.queue[this.qHead];
    this.qHead = (this.qHead + 1) % this.queue.length;
    this.qSize--;
    this.inQueue[t] = 0;
    return t;
  }

  /** Re-examine the tasks of an agent whose load just changed. */
  private touchAgentOfPair(k: number): void {
    if (k < 0) return;
    const list = this.agentTasks[this.c.pairAgent[k]];
    for (let i = 0; i < list.length; i++) this.enqueue(list[i]);
  }

  private moveTask(t: number, k: number): void {
    const old = this.choice[t];
    this.set(t, k);
    this.touchAgentOfPair(old);
    this.touchAgentOfPair(k);
  }

  /**
   * Descent on the penalised objective driven by a work queue (tasks on changed agents are re-examined),
   * capped per round so that the weights adapt often even on large models. Returns false when time ran out.
   */
  private descend(order: Int32Array): boolean {
    const c = this.c;
    let counter = 0;
    let budget = 4 * c.nT + 100;
    for (let i = 0; i < order.length; i++) this.enqueue(order[i]);
    for (let ejectionPasses = 0; ; ejectionPasses++) {
      while (this.qSize > 0 && budget-- > 0) {
        const t = this.dequeue();
        if ((++counter & 63) === 0 && Date.now() > this.deadline) return false;
        const [ds, ks, lo, lk] = this.bestShift(t);
        if (ks !== -2 && ds < -EPS) {
          if (lo >= 0) this.moveTask(lo, lk);
          this.moveTask(t, ks);
          this.recordIfBetter();
          continue;
        }
        const [dw, tw] = this.bestSwap(t);
        if (tw >= 0 && dw < -EPS) {
          const a1 = this.choice[t];
          const a2 = this.choice[tw];
          this.swapTasks(t, tw);
          this.touchAgentOfPair(a1);
          this.touchAgentOfPair(a2);
          this.recordIfBetter();
        }
      }
      if (budget <= 0 || ejectionPasses >= 2) break;
      // Ejection chains are costlier: a pass only once shift and swap are exhausted.
      let ejected = false;
      for (let i = 0; i < order.length; i++) {
        const t = order[i];
        if (c.fixedPair[t] >= 0) continue;
        if ((++counter & 15) === 0 && Date.now() > this.deadline) return false;
        const [de, k1n, t2, k2n] = this.bestEjection(t);
        if (k1n >= 0 && de < -EPS) {
          const k1 = this.choice[t];
          this.moveTask(t, k1n);
          this.moveTask(t2, k2n);
          this.touchAgentOfPair(k1);
          this.recordIfBetter();
          ejected = true;
        }
      }
      if (!ejected) break;
    }
    while (this.qSize > 0) this.dequeue();
    return true;
  }

  /** Raise weights where capacity is exceeded, lower them everywhere when feasible (strategic oscillation). */
  private adaptWeights(): void {
    const c = this.c;
    if (this.overCells > 0 || this.overSide > 0) {
      this.infeasibleRounds++;
      // Escalate when feasibility keeps failing (large models get few rounds within the time limit).
      const boost = Math.min(8, 1 + 0.5 * (this.infeasibleRounds - 1));
      let maxRatio = 0;
      for (let cell = 0; cell < this.load.length; cell++) {
        const over = this.load[cell] - c.capacity[cell];
        if (over > EPS) maxRatio = Math.max(maxRatio, over / Math.max(1e-9, c.capacity[cell]));
      }
      for (let cell = 0; cell < this.load.length; cell++) {
        const over = this.load[cell] - c.capacity[cell];
        if (over > EPS) this.w[cell] *= 1 + 0.3 * boost * (0.5 + 0.5 * (over / Math.max(1e-9, c.capacity[cell]) / Math.max(1e-9, maxRatio)));
      }
      for (let s = 0; s < c.nSide; s++) if (this.side[s] > c.sideLimit[s] + EPS) this.ws[s] *= 1 + 0.3 * boost;
    } else {
      this.infeasibleRounds = 0;
      for (let cell = 0; cell < this.w.length; cell++) this.w[cell] = Math.max(this.w0 * 1e-3, this.w[cell] * 0.92);
      for (let s = 0; s < c.nSide; s++) this.ws[s] *= 0.92;
    }
  }

  private perturb(from: Int32Array, strength: number): void {
    const c = this.c;
    for (let t = 0; t < c.nT; t++) if (this.choice[t] !== from[t] && c.fixedPair[t] < 0) this.set(t, -1);
    for (let t = 0; t < c.nT; t++) if (this.choice[t] !== from[t] && from[t] >= 0) this.set(t, from[t]);
    const moves = strength === 0 ? 0 : Math.max(2, Math.round(strength * c.nT));
    for (let i = 0; i < moves; i++) {
      const t = this.rng.int(c.nT);
      if (c.fixedPair[t] >= 0) continue;
      const deg = c.taskPairStart[t + 1] - c.taskPairStart[t];
      if (deg === 0) continue;
      const k = this.cand[c.taskPairStart[t] + this.rng.int(Math.min(deg, CAND_K))];
      if (this.choice[t] >= 0 && this.leadOk(t, k)) this.set(t, k);
    }
    // Soften rather than reset the weights so that the search stays near the feasibility boundary.
    for (let cell = 0; cell < this.w.length; cell++) this.w[cell] = Math.max(this.w0 * 1e-3, this.w[cell] * 0.7);
  }

  private consider(): void {
    if (!this.feasible()) return;
    const obj = this.trueObjective();
    if (obj < this.bestObj - EPS) {
      this.bestObj = obj;
      this.best = new Int32Array(this.choice);
    }
  }

  private start(): void {
    const c = this.c;
    this.construct();
    this.curCost = this.costNow();
    this.consider();
    this.offerIncumbent(solveGreedyChoice(c), false);
    for (let t = 0; t < c.nT; t++) this.order[t] = t;
    this.fallback = new Int32Array(this.choice);
    this.started = true;
  }

  /** Takes a better solution found elsewhere (e.g. by the MILP) as the best, optionally moving the search to it. */
  offerIncumbent(choice: Int32Array, moveTo = true): void {
    const obj = sumTerms(evaluateTerms(this.c, choice));
    if (!(obj < this.bestObj - EPS) || !isChoiceFeasible(this.c, choice)) return;
    this.bestObj = obj;
    this.best = new Int32Array(choice);
    if (moveTo && this.started) this.perturb(this.best, 0);
  }

  /** Searches for `timeLimitMs` more (defaults to the configured limit); can be called again to resume. */
  run(timeLimitMs = this.params.timeLimitMs): HeuristicResult {
    const c = this.c;
    this.deadline = Date.now() + timeLimitMs;
    if (!this.started) this.start();
    const order = this.order;
    const lb = this.params.guide?.lowerBound;
    const reached = (): boolean => lb !== undefined && this.bestObj <= (c.integralObjective ? Math.ceil(lb - 1e-6) : lb) + 1e-6;
    const maxIt = this.params.maxIterations ?? Infinity;
    while (this.iterations < maxIt && !reached() && Date.now() <= this.deadline) {
      this.iterations++;
      shuffleInPlace(this.rng, order);
      const before = this.bestObj;
      if (!this.descend(order)) break;
      this.consider();
      this.adaptWeights();
      if (this.params.guide?.score === undefined && this.best !== null && this.iterations % 5 === 0) this.rankByWeights();
      if (this.bestObj < before - EPS) this.stall = 0;
      else this.stall++;
      if (this.stall > STALL_STOP) break;
      if (this.stall > 0 && this.stall % STALL_PERTURB === 0) this.perturb(this.best ?? this.fallback, 0.02 + 0.08 * this.rng.next());
      if (this.best === null) this.fallback = new Int32Array(this.choice);
    }
    const iterations = this.iterations;
    const best = this.best;
    return { choice: best, objective: this.bestObj, fallback: best ?? new Int32Array(this.choice), iterations };
  }

  /** Without an LP guide, rank candidates by cost plus weighted load: the weights act as Lagrange multipliers. */
  private rankByWeights(): void {
    const c = this.c;
    const key = new Float64Array(c.nK);
    for (let k = 0; k < c.nK; k++) {
      let v = c.pairCost[k];
      const base = c.pairAgent[k] * c.nP;
      for (let q = c.pairLoadStart[k]; q < c.pairLoadStart[k + 1]; q++) v += this.w[base + c.loadPeriod[q]] * c.loadAmount[q];
      key[k] = v;
    }
    for (let t = 0; t < c.nT; t++) {
      const s = c.taskPairStart[t];
      const e = c.taskPairStart[t + 1];
      if (e - s < 2) continue;
      const sorted = Array.from(this.cand.subarray(s, e)).sort((x, y) => key[x] - key[y] || x - y);
      this.cand.set(sorted, s);
    }
  }

  private costNow(): number {
    let sum = 0;
    for (let t = 0; t < this.c.nT; t++) sum += this.choice[t] >= 0 ? this.c.pairCost[this.choice[t]] : this.priceOf(t);
    return sum;
  }

  /** GAP-shaped models: record a feasible state the moment it appears, not only at the end of a round. */
  private recordIfBetter(): void {
    if (!this.simple || this.overCells !== 0 || this.missingMust !== 0 || this.curCost >= this.bestObj - EPS) return;
    if (this.lockedNeedingLead.length > 0 && !this.feasible()) return;
    this.bestObj = this.curCost;
    this.best = new Int32Array(this.choice);
  }
}

export function runHeuristic(c: CompiledModel, params: HeuristicParams): HeuristicResult {
  return new HeuristicSearch(c, params).run();
}
