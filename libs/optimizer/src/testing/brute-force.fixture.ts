import { AssignmentModel } from '../model.types';
import { verifySolution } from '../verifier';

/** Exhaustive optimum over every task → (eligible agent | unassigned) combination; null when none is valid. */
export function bruteForce(model: AssignmentModel): number | null {
  const options = model.tasks.map((t) => [
    null,
    ...model.pairs.filter((p) => p.task === t.id).map((p) => model.agents.findIndex((a) => a.id === p.agent)),
  ]);
  let best: number | null = null;
  const current: (number | null)[] = [];
  const rec = (t: number): void => {
    if (t === options.length) {
      const r = verifySolution(model, current);
      if (r.violations.length === 0 && (best === null || r.objective < best)) best = r.objective;
      return;
    }
    for (const o of options[t]) {
      current[t] = o;
      rec(t + 1);
    }
  };
  rec(0);
  return best;
}
