/**
 * The generic assignment model (JSON, `schemaVersion: 1`). The domain compiles staffing snapshots
 * into it; solvers know nothing else. See libs/optimizer/README.md for the full schema.
 */

export const MODEL_SCHEMA_VERSION = 1;

/** Sparse map period index (as a decimal string key) → load in that period. */
export type PeriodLoad = Record<string, number>;

export interface SideWindowLimit {
  /** Window id, e.g. a calendar month `2026-01`; tasks declare their use per window id. */
  id: string;
  limit: number;
}

export interface SideLimit {
  /** Resource name, e.g. `onsite`. */
  resource: string;
  windows: SideWindowLimit[];
}

export interface SideUse {
  resource: string;
  window: string;
  amount: number;
}

export interface ModelAgent {
  id: string;
  /** Hard upper bound on load per period (already max utilization × capacity): one number for all periods or one per period. */
  capacity: number | number[];
  /** Soft target load per period; each unit of shortfall below it costs `penaltyPerUnit`. */
  target?: { load: number | number[]; penaltyPerUnit: number };
  sideLimits?: SideLimit[];
  /** `needs-lead` agents may only take `requiresLead` tasks when a lead task of the same group overlaps. */
  class?: string;
}

export interface ModelTask {
  id: string;
  load: PeriodLoad;
  /** Penalty for leaving the task unassigned. */
  unassignedPrice: number;
  /** When true the task must be assigned (classic GAP); leaving it unassigned is a violation. */
  mustAssign?: boolean;
  group?: string;
  requiresLead?: boolean;
  providesLead?: boolean;
  sideUse?: SideUse[];
}

export interface ModelPair {
  agent: string;
  task: string;
  cost: number;
  /** Agent-dependent load replacing the task's load on this pair (GAP's a[i][j]). */
  load?: PeriodLoad;
}

export interface ModelAssignmentRef {
  task: string;
  agent: string;
}

export interface CurrentAssignment extends ModelAssignmentRef {
  /** Overrides the model-wide `churnCost` for this task. */
  churnCost?: number;
}

export interface AssignmentModel {
  schemaVersion: 1;
  name?: string;
  periods: number;
  agents: ModelAgent[];
  tasks: ModelTask[];
  pairs: ModelPair[];
  /** Locked assignments: always kept. */
  fixed?: ModelAssignmentRef[];
  /** Current assignment; moving a task away from its current agent costs churn. */
  current?: CurrentAssignment[];
  /** Cost per task whose agent changes from `current` (including becoming unassigned). */
  churnCost?: number;
}

/** The agent class whose members need a lead on `requiresLead` tasks. */
export const NEEDS_LEAD_CLASS = 'needs-lead';

export type SolveMethod = 'auto' | 'milp' | 'heuristic' | 'greedy';

export type SolveStatus = 'optimal' | 'feasible' | 'infeasible' | 'timeout-no-solution';

export interface SolveOptions {
  method?: SolveMethod;
  /** Wall-clock budget in milliseconds (default 10 000). */
  timeLimitMs?: number;
  /** Seed of the heuristic's PRNG; same seed and model → same answer (given the same amount of search). */
  seed?: number;
  /** Upper bound on heuristic iterations; makes runs reproducible regardless of machine speed. */
  maxIterations?: number;
  /**
   * Warm start for `auto`: per task (input order) the 0-based agent index or null, e.g. the greedy plan.
   * Used when it meets every hard rule; the answer is then never worse than it.
   */
  initial?: (number | null)[];
  /**
   * Threads for `auto` and `heuristic` (default 1): the extra threads run portfolio members (another seed, or on
   * GAP-shaped models the penalty search alone) in worker threads until the same deadline; the best answer and the
   * best bound are kept. One member is the single-thread run itself, so the answer is never worse than threads: 1
   * given the same amount of search.
   */
  threads?: number;
}

export interface ObjectiveTerms {
  unassigned: number;
  shortfall: number;
  cost: number;
  churn: number;
}

export interface Solution {
  schemaVersion: 1;
  status: SolveStatus;
  /** Method that produced the returned assignment. */
  method: Exclude<SolveMethod, 'auto'>;
  requestedMethod: SolveMethod;
  /** Sum of the terms; null when no assignment satisfying the hard rules was found. */
  objective: number | null;
  terms: ObjectiveTerms;
  /** Proven lower bound on the optimum, when one is known. */
  bound: number | null;
  /** (objective − bound) / max(1, |objective|), when both are known. */
  gap: number | null;
  elapsedMs: number;
  /** For each task in input order, the 0-based index of its agent, or null when unassigned. */
  assignment: (number | null)[];
  /** Ids of the tasks left unassigned. */
  unassigned: string[];
}
