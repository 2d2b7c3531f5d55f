import { getHeapStatistics } from 'node:v8';
import { DateRange, DomainError } from '@sow/domain';

/**
 * Explicit budgets for one plan, so an oversized input ends the plan as `failed` with a reason
 * instead of running the worker out of memory (a SOW from year 1 to 9999 used to make the compiler
 * iterate every month of it, and the worker died after 11 minutes at 5,000 engineers).
 * The defaults sit well above the largest benchmarked organisation (XL: 3,000 engineers × 12,000
 * items, 482,427 pairs, 26 weeks).
 */
export interface PlanBudget {
  /** Calendar months the horizon and the items together may cover (the compiler works per month). */
  maxMonths: number;
  /** Engineers × scope items the compiler may examine. */
  maxCombinations: number;
  /** Eligible (engineer, slot) pairs the solver may be given. */
  maxPairs: number;
  /** Share of the V8 heap limit the compiled model may leave in use before solving starts. */
  maxHeapFraction: number;
}

export const DEFAULT_PLAN_BUDGET: PlanBudget = { maxMonths: 120, maxCombinations: 150_000_000, maxPairs: 3_000_000, maxHeapFraction: 0.8 };

function monthIndex(date: string): number {
  return Number(date.slice(0, 4)) * 12 + Number(date.slice(5, 7)) - 1;
}

function overBudget(what: string): DomainError {
  return new DomainError('rule_violation', `Plan budget exceeded: ${what}`, [{ field: 'plan', rule: 'planBudget', message: what }]);
}

/** Before compiling: the months and engineer × item combinations the compiler would walk. */
export function assertInputWithinBudget(input: { horizon: DateRange; engineers: number; items: ReadonlyArray<{ id: string; start: string; end: string }> }, budget: PlanBudget = DEFAULT_PLAN_BUDGET): void {
  let first = monthIndex(input.horizon.start);
  let last = monthIndex(input.horizon.end);
  let widest: { id: string; start: string; end: string } | undefined;
  for (const item of input.items) {
    const start = monthIndex(item.start);
    const end = monthIndex(item.end);
    if (start < first || end > last) widest = item;
    first = Math.min(first, start);
    last = Math.max(last, end);
  }
  const months = last - first + 1;
  if (months > budget.maxMonths) {
    throw overBudget(`the horizon and its scope items cover ${months} months, at most ${budget.maxMonths}${widest ? ` (scope item ${widest.id} runs ${widest.start}..${widest.end})` : ''}`);
  }
  const combinations = input.engineers * input.items.length;
  if (combinations > budget.maxCombinations) {
    throw overBudget(`${input.engineers} engineers × ${input.items.length} scope items is ${combinations} combinations, at most ${budget.maxCombinations}; plan per region or SOW`);
  }
}

/** After compiling: the pairs handed to the solver, and the heap the model left in use. */
export function assertModelWithinBudget(model: { pairs: number }, budget: PlanBudget = DEFAULT_PLAN_BUDGET, heap: { used: number; limit: number } = currentHeap()): void {
  if (model.pairs > budget.maxPairs) throw overBudget(`the model has ${model.pairs} eligible pairs, at most ${budget.maxPairs}; plan per region or SOW`);
  if (heap.used > budget.maxHeapFraction * heap.limit) {
    throw overBudget(`the compiled model uses ${Math.round(heap.used / 2 ** 20)} MB of a ${Math.round(heap.limit / 2 ** 20)} MB heap (at most ${Math.round(budget.maxHeapFraction * 100)}%)`);
  }
}

/**
 * The compile step's wall-clock budget. Compiling runs on the worker's main thread (the solver has a
 * time limit of its own in its thread), so it cannot be interrupted from outside: the compiler calls
 * the returned checkpoint as it goes, and the checkpoint ends the plan with a reason once `maxMs` has
 * passed, instead of holding the worker (and its job lock renewals) for as long as the model takes.
 */
export function compileDeadline(maxMs: number, now: () => number = Date.now): () => void {
  const started = now();
  return () => {
    const elapsed = now() - started;
    if (elapsed > maxMs) {
      throw new DomainError('rule_violation', `Plan budget exceeded: compiling the model took over ${maxMs} ms (stopped after ${elapsed} ms); plan per region or SOW, or raise PLAN_COMPILE_BUDGET_MS`, [
        { field: 'plan', rule: 'compileBudget', message: `compiling may take at most ${maxMs} ms` },
      ]);
    }
  };
}

function currentHeap(): { used: number; limit: number } {
  const stats = getHeapStatistics();
  return { used: stats.used_heap_size, limit: stats.heap_size_limit };
}
