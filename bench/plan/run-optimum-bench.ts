/**
 * Distance to the optimum on an organisation HiGHS can close: how far is what the worker ships (`auto`,
 * warm-started from the greedy plan) from a proven optimum? At M and above HiGHS's root LP alone takes
 * minutes, so its bound says little about the plan; on a smaller organisation from the same generator it
 * proves a bound within a fraction of a percent of its own incumbent, and the plan's gap to that bound
 * is a real measure of the search.
 *
 *   npm run bench:optimum -- [--engineers 120] [--items 400] [--seed 42] [--time-limit-ms 10000]
 *                            [--long-time-limit-ms 60000] [--milp-time-limit-ms 1500000] [--no-write]
 *
 * `--long-time-limit-ms` adds a second `auto` row with that budget (0: none), long enough for the search to
 * recombine its schedules. HiGHS is started from the first `auto` plan (a MIP start), so its incumbent is
 * never worse than that one.
 */
import { cpus, totalmem } from 'node:os';
import { parseArgs } from 'node:util';
import { generateOrganisation } from '../generator/org-generator';
import { compilePlanModel, encodePlan } from '../../libs/core/src/planning/plan-model';
import { planGreedily } from '../../libs/core/src/planning/greedy-baseline';
import { solvePlan } from '../../libs/core/src/planning/solve-plan';
import { solveModel, verifySolution } from '../../libs/optimizer/src';
import { assignmentToChoice, compileModel } from '../../libs/optimizer/src/model/compiled-model';
import { solveMilp } from '../../libs/optimizer/src/exact/milp-solver';
import { rewriteBenchmarks } from '../benchmarks-file';

interface Row {
  method: string;
  timeLimitMs: number | null;
  solveMs: number;
  objective: number;
  bound: number | null;
  violations: number;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      engineers: { type: 'string', default: '120' },
      items: { type: 'string', default: '400' },
      seed: { type: 'string', default: '42' },
      'time-limit-ms': { type: 'string', default: '10000' },
      'long-time-limit-ms': { type: 'string', default: '60000' },
      'milp-time-limit-ms': { type: 'string', default: '1500000' },
      'no-write': { type: 'boolean', default: false },
    },
  });
  const engineers = Number(values.engineers);
  const items = Number(values.items);
  const seed = Number(values.seed);
  const timeLimitMs = Number(values['time-limit-ms']);
  const longTimeLimitMs = Number(values['long-time-limit-ms']);
  const milpTimeLimitMs = Number(values['milp-time-limit-ms']);
  const org = generateOrganisation({ engineers, items, seed });
  const compiled = compilePlanModel(org.snapshot);
  const { model } = compiled;
  const rows: Row[] = [];
  const record = (method: string, limit: number | null, solveMs: number, assignment: (number | null)[], bound: number | null): void => {
    const report = verifySolution(model, assignment);
    rows.push({ method, timeLimitMs: limit, solveMs, objective: report.objective, bound, violations: report.violations.length });
    process.stderr.write(`${method}: ${solveMs} ms, objective ${report.objective.toFixed(0)}, bound ${bound === null ? '–' : bound.toFixed(0)}\n`);
  };

  let t = Date.now();
  const greedy = encodePlan(compiled, planGreedily(compiled));
  record('greedy', null, Date.now() - t, greedy, null);

  t = Date.now();
  const planned = await solvePlan(compiled, solveModel, { method: 'auto', timeLimitMs, seed });
  const auto = encodePlan(compiled, planned.slots);
  record('auto', timeLimitMs, Date.now() - t, auto, planned.solution.bound);
  if (longTimeLimitMs > 0) {
    t = Date.now();
    const long = await solvePlan(compiled, solveModel, { method: 'auto', timeLimitMs: longTimeLimitMs, seed });
    record('auto', longTimeLimitMs, Date.now() - t, encodePlan(compiled, long.slots), long.solution.bound);
  }

  const c = compileModel(model);
  const start = assignmentToChoice(c, auto);
  t = Date.now();
  const milp = await solveMilp(c, { timeLimitMs: milpTimeLimitMs, seed, ...(start !== null ? { incumbent: start } : {}) });
  if (milp.choice === null) throw new Error(`HiGHS found no plan (${milp.status})`);
  record(
    `milp from the auto plan${milp.status === 'optimal' ? ' (optimal)' : ''}`,
    milpTimeLimitMs,
    Date.now() - t,
    Array.from(milp.choice, (k) => (k < 0 ? null : c.pairAgent[k])),
    milp.bound,
  );

  const bound = milp.bound ?? Number.NaN;
  const gap = (objective: number): string => `${((100 * (objective - bound)) / Math.max(1, objective)).toFixed(2)}%`;
  const args = process.argv.slice(2);
  const command = args.length > 0 ? `npm run bench:optimum -- ${args.join(' ')}` : 'npm run bench:optimum';
  const lines = [
    `Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}. Date: ${new Date().toISOString().slice(0, 10)}.`,
    '',
    `Command: \`${command}\`: ${engineers} engineers × ${items} scope items from \`bench/generator/org-generator.ts\` (seed ${seed}, 26 weeks), ${model.pairs.length} eligible pairs. HiGHS starts from the first \`auto\` plan; its bound is the optimum's proven floor.`,
    '',
    '| method | time limit ms | solve ms | hard violations | objective | bound | gap to HiGHS bound |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...rows.map(
      (r) =>
        `| ${r.method} | ${r.timeLimitMs ?? '–'} | ${r.solveMs} | ${r.violations} | ${r.objective.toFixed(0)} | ${r.bound === null ? '–' : r.bound.toFixed(0)} | ${gap(r.objective)} |`,
    ),
  ];
  const markdown = lines.join('\n');
  process.stdout.write(`${markdown}\n`);
  if (!values['no-write']) rewriteBenchmarks('optimum', markdown, '## Distance to the optimum where HiGHS can prove it');
}

void main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
