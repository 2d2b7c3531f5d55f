import { parentPort, workerData } from 'node:worker_threads';
import { priceFromCounter } from './column-bound';
import { CompiledModel } from '../model/compiled-model';
import { loadHighs } from '../exact/milp-solver';
import { agentProblem } from './agent-schedule';

/**
 * Worker-thread entry of the column-generation bound: builds every agent's subproblem once, then for each
 * round ({ pi, deadline }) prices agents from the shared counter and posts what it priced.
 */
interface PricingSetup {
  c: CompiledModel;
  counter: Int32Array;
}

const { c, counter } = workerData as PricingSetup;
const ready = loadHighs().then((highs) => ({ highs, problems: Array.from({ length: c.nA }, (_, a) => agentProblem(c, a, highs)) }));
parentPort?.on('message', (round: { pi: Float64Array; deadline: number }) => {
  void ready.then(({ highs, problems }) => parentPort?.postMessage(priceFromCounter(highs, c, problems, counter, round.pi, round.deadline)));
});
