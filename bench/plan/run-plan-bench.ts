/**
 * Plan benchmark: for each organisation size, compile the staffing snapshot, then plan it three ways
 * side by side — the greedy PSA-style baseline, our solver (`auto`, warm-started from the greedy plan as
 * the worker does), and HiGHS (`milp`, for its bound) — verify every plan independently and report
 * staffing, utilization, travel and violations. Each size runs in its own child process so that its peak
 * RSS (process.resourceUsage().maxRSS, after each method) is its own.
 *
 *   npm run bench:plan -- [--sizes S,M,L,XL] [--time-limit-ms 10000|S=10000,XL=60000] [--milp-time-limit-ms 60000|M=600000]
 *                         [--milp-sizes S,M,L,XL] [--bound-sizes M] [--bound-time-limit-ms 600000]
 *                         [--long-auto-time-limit-ms M=600000] [--seed 42] [--no-write]
 *                         [--baseline main] [--threads 2] [--new-time-limit-ms L=5000] [--repeats 2]
 *
 * `--baseline REF` runs `auto` with REF's optimizer too (bench/baseline-optimizer.ts), interleaved with ours in the
 * same child process (old, new, old, new… `--repeats` times), so both see the same machine load. `--threads` is ours
 * only; `--new-time-limit-ms` adds rows of ours at another budget (e.g. half the baseline's).
 *
 * `--long-auto-time-limit-ms` adds a second `auto` row for the sizes it names, with that budget (e.g. the
 * 10 minutes HiGHS gets), so the solver and HiGHS can be compared at equal time as well as at the worker's.
 */
import { spawnSync } from 'node:child_process';
import { cpus, totalmem } from 'node:os';
import { writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { generateOrganisation, ORG_SIZES, OrgSize } from '../generator/org-generator';
import { compilePlanModel, decodePlan, encodePlan, PlannedSlot } from '../../libs/core/src/planning/plan-model';
import { evaluatePlan, PlanKpis } from '../../libs/core/src/planning/plan-evaluation';
import { planGreedily } from '../../libs/core/src/planning/greedy-baseline';
import { solvePlan } from '../../libs/core/src/planning/solve-plan';
import { solveModel, verifySolution } from '../../libs/optimizer/src';
// Benchmark-only: the column-generation bound is not part of the production export.
import { computeLowerBound } from '../../libs/optimizer/src/bounds/lower-bound';
import { loadBaselineOptimizer } from '../baseline-optimizer';
import { rewriteBenchmarks } from '../benchmarks-file';

interface Row {
  size: OrgSize;
  engineers: number;
  items: number;
  pairs: number;
  method: 'greedy' | 'auto' | 'milp' | 'bound';
  /** Which optimizer ran auto, when a baseline is compared (e.g. `main`, `new, 2 threads`). */
  variant?: string;
  timeLimitMs: number | null;
  /** For auto: whether the solver's plan or the greedy cross-check was kept. */
  chosen: 'solver' | 'greedy' | null;
  compileMs: number;
  solveMs: number;
  /** Peak resident set size of the process so far (MB). */
  rssMb: number;
  objective: number;
  /** Solver status; `timeout-no-solution` rows have no plan (every slot empty). */
  status: string;
  bound: number | null;
  violations: number;
  kpis: PlanKpis;
}

const ROOT = join(__dirname, '..', '..');

function peakRssMb(): number {
  return Math.round(process.resourceUsage().maxRSS / 1024);
}

async function benchSize(
  size: OrgSize,
  seed: number,
  limits: { auto: number; longAuto: number | null; newAuto: number | null; milp: number; bound: number },
  methods: readonly string[],
  compare: { baseline: string | null; threads: number; repeats: number } = { baseline: null, threads: 1, repeats: 1 },
): Promise<Row[]> {
  const { auto: timeLimitMs, milp: milpTimeLimitMs, bound: boundTimeLimitMs } = limits;
  const org = generateOrganisation({ size, seed });
  const t0 = Date.now();
  const compiled = compilePlanModel(org.snapshot);
  const compileMs = Date.now() - t0;
  const base = { size, engineers: org.engineers.length, items: org.items.length, pairs: compiled.model.pairs.length, compileMs };
  const rows: Row[] = [];
  // The best verified plan so far: its schedules seed the bound's column generation.
  let bestPlan: (number | null)[] | null = null;
  let bestObjective = Infinity;
  const record = (method: Row['method'], timeLimit: number | null, solveMs: number, slots: PlannedSlot[], bound: number | null, chosen: Row['chosen'] = null, status = 'feasible', variant?: string): void => {
    const assignment = encodePlan(compiled, slots);
    const report = verifySolution(compiled.model, assignment);
    const objective = report.terms.unassigned + report.terms.shortfall + report.terms.cost + report.terms.churn;
    if (report.violations.length === 0 && objective < bestObjective) {
      bestObjective = objective;
      bestPlan = assignment;
    }
    const kpis = evaluatePlan(org.snapshot, compiled, slots);
    rows.push({ ...base, method, ...(variant !== undefined ? { variant } : {}), timeLimitMs: timeLimit, chosen, solveMs, rssMb: peakRssMb(), objective, status, bound, violations: report.violations.length + kpis.capacityViolations + kpis.travelViolations + kpis.leadGaps, kpis });
    process.stderr.write(`${size} ${method}${variant !== undefined ? ` (${variant})` : ''}: ${solveMs} ms, objective ${objective.toFixed(0)}, staffed ${kpis.staffedItems}/${org.items.length}, below target ${kpis.engineersBelowTarget}, violations ${rows[rows.length - 1].violations}\n`);
  };
  if (methods.includes('greedy')) {
    const t = Date.now();
    const slots = planGreedily(compiled);
    record('greedy', null, Date.now() - t, slots, null);
  }
  if (methods.includes('auto') && compare.baseline !== null) {
    // Old and new interleaved, each as the worker ships it (greedy plan, solver warm-started from it, the better kept).
    const old = loadBaselineOptimizer(compare.baseline);
    const ours = `new${compare.threads > 1 ? `, ${compare.threads} threads` : ''}`;
    const threads = compare.threads > 1 ? { threads: compare.threads } : {};
    for (let r = 0; r < compare.repeats; r++) {
      const t0 = Date.now();
      const a = await solvePlan(compiled, old.solveModel, { method: 'auto', timeLimitMs, seed: seed + r });
      record('auto', timeLimitMs, Date.now() - t0, a.slots, a.solution.bound, a.chosen, a.solution.status, old.ref);
      const t1 = Date.now();
      const b = await solvePlan(compiled, solveModel, { method: 'auto', timeLimitMs, seed: seed + r, ...threads });
      record('auto', timeLimitMs, Date.now() - t1, b.slots, b.solution.bound, b.chosen, b.solution.status, ours);
      if (limits.newAuto !== null) {
        const t2 = Date.now();
        const c = await solvePlan(compiled, solveModel, { method: 'auto', timeLimitMs: limits.newAuto, seed: seed + r, ...threads });
        record('auto', limits.newAuto, Date.now() - t2, c.slots, c.solution.bound, c.chosen, c.solution.status, ours);
      }
    }
  } else if (methods.includes('auto')) {
    // What the worker ships: greedy plan, solver warm-started from it, the better of the two kept.
    const t = Date.now();
    const planned = await solvePlan(compiled, solveModel, { method: 'auto', timeLimitMs, seed });
    record('auto', timeLimitMs, Date.now() - t, planned.slots, planned.solution.bound, planned.chosen, planned.solution.status);
    if (limits.longAuto !== null) {
      const tl = Date.now();
      const long = await solvePlan(compiled, solveModel, { method: 'auto', timeLimitMs: limits.longAuto, seed });
      record('auto', limits.longAuto, Date.now() - tl, long.slots, long.solution.bound, long.chosen, long.solution.status);
    }
  }
  if (methods.includes('bound') && rows.length > 0) {
    // Not a plan: the LP and column-generation Lagrangian bound, for the gap column (the best plan so far seeds it).
    const upperBound = Math.min(...rows.map((r) => r.objective));
    const t = Date.now();
    const lb = await computeLowerBound(compiled.model, { timeLimitMs: boundTimeLimitMs, upperBound, ...(bestPlan !== null ? { incumbent: bestPlan } : {}) });
    rows.push({ ...base, method: 'bound', timeLimitMs: boundTimeLimitMs, chosen: null, solveMs: Date.now() - t, rssMb: peakRssMb(), objective: Number.NaN, status: 'bound', bound: lb.bound, violations: 0, kpis: rows[0].kpis });
    process.stderr.write(`${size} bound: ${Date.now() - t} ms, LP ${String(lb.lpBound)}, bound ${String(lb.bound)} after ${lb.scheduleRounds} schedule rounds\n`);
  }
  if (methods.includes('milp')) {
    const t = Date.now();
    const solution = await solveModel(compiled.model, { method: 'milp', timeLimitMs: milpTimeLimitMs, seed });
    record('milp', milpTimeLimitMs, Date.now() - t, decodePlan(compiled, solution), solution.bound, null, solution.status);
  }
  return rows;
}

function pct(x: number): string {
  return `${(100 * x).toFixed(1)}%`;
}

/** `10000` (every size) or `S=10000,XL=60000` (per size; sizes not named get 10 000). */
function parseLimits(text: string): (size: OrgSize) => number {
  const named = parseNamedLimits(text);
  return (size) => named(size) ?? 10_000;
}

/** Like parseLimits, but sizes not named get null. */
function parseNamedLimits(text: string): (size: OrgSize) => number | null {
  if (/^\d+$/.test(text)) return () => Number(text);
  const map = new Map(text.split(',').filter((part) => part.includes('=')).map((part) => part.split('=') as [string, string]));
  return (size) => (map.has(size) ? Number(map.get(size)) : null);
}

function render(rows: readonly Row[], command: string): string {
  const bestBound = new Map<OrgSize, number>();
  for (const r of rows) if (r.bound !== null) bestBound.set(r.size, Math.max(bestBound.get(r.size) ?? -Infinity, r.bound));
  const lines = [
    `Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}. Date: ${new Date().toISOString().slice(0, 10)}.`,
    '',
    `Command: \`${command}\` (organisations from \`bench/generator/org-generator.ts\`, seed 42, 26 weeks; the time limit column is each method's budget).`,
    '',
    '| size | engineers × items | pairs | method | time limit ms | compile ms | solve ms | peak RSS MB | hard violations | items staffed | unstaffed hours | engineers < target | mean utilization | max travel | objective | bound | gap to best bound |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
  ];
  for (const r of rows) {
    const bound = bestBound.get(r.size);
    const noPlan = r.status === 'timeout-no-solution';
    const gap = noPlan ? 'n/a' : bound !== undefined ? pct(Math.max(0, r.objective - bound) / Math.max(1, r.objective)) : 'n/a';
    const label = `${r.method}${r.variant !== undefined ? ` (${r.variant})` : ''}${r.chosen === 'greedy' ? ' (kept greedy)' : ''}${r.status === 'optimal' ? ' (optimal)' : ''}`;
    if (r.method === 'bound') {
      lines.push(`| ${r.size} | ${r.engineers} × ${r.items} | ${r.pairs} | bound (LP + column-generation Lagrangian; no plan) | ${r.timeLimitMs ?? '–'} | ${r.compileMs} | ${r.solveMs} | ${r.rssMb} | – | – | – | – | – | – | – | ${r.bound === null ? '–' : r.bound.toFixed(0)} | – |`);
      continue;
    }
    if (noPlan) {
      lines.push(`| ${r.size} | ${r.engineers} × ${r.items} | ${r.pairs} | ${label} (no plan in time) | ${r.timeLimitMs ?? '–'} | ${r.compileMs} | ${r.solveMs} | ${r.rssMb} | – | – | – | – | – | – | – | ${r.bound === null ? '–' : r.bound.toFixed(0)} | n/a |`);
      continue;
    }
    lines.push(
      `| ${r.size} | ${r.engineers} × ${r.items} | ${r.pairs} | ${label} | ${r.timeLimitMs ?? '–'} | ${r.compileMs} | ${r.solveMs} | ${r.rssMb} | ${r.violations} | ${r.kpis.staffedItems} | ${r.kpis.unstaffedHours.toFixed(0)} | ${r.kpis.engineersBelowTarget} / ${r.kpis.billableEngineers} | ${pct(r.kpis.meanUtilization)} | ${pct(r.kpis.maxTravelFraction)} | ${r.objective.toFixed(0)} | ${r.bound === null ? '–' : r.bound.toFixed(0)} | ${gap} |`,
    );
  }
  lines.push(
    '',
    'Notes: solve ms of `auto` is what the worker spends: the greedy plan, then the solver warm-started from it (the better of the two is kept). ' +
      'Peak RSS is the benchmark process (one per size) after that method, generation and compile included; in production the solver\'s worker thread shares the process. ' +
      '`bound` is each method\'s proven lower bound (auto: Lagrangian with capacity relaxed, plus the LP and the MILP on small models; milp: HiGHS dual bound at its time limit; ' +
      'the bound row: LP relaxation by interior point, then the Lagrangian with assignment rows relaxed, each engineer\'s whole schedule solved exactly by HiGHS, its multipliers from column generation started from the LP duals and seeded with the best plan\'s schedules); ' +
      'the gap is against the best bound of the size. Writing the plan (database) is not part of this benchmark; see the trigger benchmark for end to end.',
  );
  return lines.join('\n');
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      sizes: { type: 'string', default: 'S,M,L,XL' },
      methods: { type: 'string', default: 'greedy,auto,bound,milp' },
      'milp-sizes': { type: 'string', default: 'S,M,L,XL' },
      'bound-sizes': { type: 'string', default: '' },
      'bound-time-limit-ms': { type: 'string', default: '600000' },
      'time-limit-ms': { type: 'string', default: '10000' },
      'milp-time-limit-ms': { type: 'string', default: '60000' },
      'long-auto-time-limit-ms': { type: 'string', default: '' },
      seed: { type: 'string', default: '42' },
      'no-write': { type: 'boolean', default: false },
      baseline: { type: 'string' },
      threads: { type: 'string', default: '1' },
      'new-time-limit-ms': { type: 'string', default: '' },
      repeats: { type: 'string', default: '1' },
      /** Internal: run one size in this process and print its rows as JSON. */
      child: { type: 'string' },
    },
  });
  const methods = (values.methods ?? '').split(',');
  const timeLimits = parseLimits(values['time-limit-ms'] ?? '10000');
  const milpLimits = parseLimits(values['milp-time-limit-ms'] ?? '60000');
  const boundLimits = parseLimits(values['bound-time-limit-ms'] ?? '600000');
  const longAutoLimits = parseNamedLimits(values['long-auto-time-limit-ms'] ?? '');
  const seed = Number(values.seed);
  if (values.child !== undefined) {
    const size = values.child as OrgSize;
    const milpSizes = (values['milp-sizes'] ?? '').split(',');
    const boundSizes = (values['bound-sizes'] ?? '').split(',');
    const own = methods.filter((m) => (m !== 'milp' || milpSizes.includes(size)) && (m !== 'bound' || boundSizes.includes(size)));
    const limits = { auto: timeLimits(size), longAuto: longAutoLimits(size), newAuto: parseNamedLimits(values['new-time-limit-ms'] ?? '')(size), milp: milpLimits(size), bound: boundLimits(size) };
    const compare = { baseline: values.baseline ?? null, threads: Number(values.threads), repeats: Math.max(1, Number(values.repeats)) };
    process.stdout.write(`${JSON.stringify(await benchSize(size, seed, limits, own, compare))}\n`);
    return;
  }
  const sizes = (values.sizes ?? '').split(',').filter((s): s is OrgSize => s in ORG_SIZES);
  const rows: Row[] = [];
  const args = process.argv.slice(2);
  for (const size of sizes) {
    // A fresh process per size: peak RSS is then that size's own.
    const child = spawnSync(process.execPath, [...process.execArgv, __filename, ...args, '--child', size], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
      maxBuffer: 1 << 28,
    });
    if (child.status !== 0) throw new Error(`size ${size} failed with exit code ${String(child.status)}`);
    rows.push(...(JSON.parse(child.stdout.trim().split('\n').at(-1) ?? '[]') as Row[]));
  }
  const markdown = render(rows, `npm run bench:plan -- ${args.join(' ')}`.trim());
  process.stdout.write(`${markdown}\n`);
  mkdirSync(join(ROOT, 'bench', 'results'), { recursive: true });
  writeFileSync(join(ROOT, 'bench', 'results', 'plan.json'), JSON.stringify(rows, null, 2));
  // A comparison with a baseline has its own region; the plain run keeps the `plan` table.
  if (!values['no-write']) rewriteBenchmarks(values.baseline !== undefined ? 'plan-compare' : 'plan', markdown, values.baseline !== undefined ? '## Plan benchmark: this branch against the baseline, interleaved' : undefined);
}

void main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
