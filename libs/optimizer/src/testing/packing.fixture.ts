import { AssignmentModel } from '../model/model.types';

/**
 * `count` equal tasks of `load` hours (one period, price 100 each, no pair cost) for two 40-hour agents A
 * and B, both eligible for every task: the smallest model on which whole tasks pack worse than the LP's
 * fractions.
 */
export function twoAgentPacking(count: number, load: number): AssignmentModel {
  const tasks = Array.from({ length: count }, (_, i) => `T${i + 1}`);
  return {
    schemaVersion: 1,
    periods: 1,
    agents: [
      { id: 'A', capacity: 40 },
      { id: 'B', capacity: 40 },
    ],
    tasks: tasks.map((id) => ({ id, load: { '0': load }, unassignedPrice: 100 })),
    pairs: ['A', 'B'].flatMap((agent) => tasks.map((task) => ({ agent, task, cost: 0 }))),
  };
}
