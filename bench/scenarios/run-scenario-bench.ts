/**
 * Scenario benchmark: a scenario solve (live rows seen through ~20 changes) against the live solve of the
 * same organisation, at sizes M and L, with the worker's code path (applyScenario → snapshot → model →
 * greedy + solver) and the same time limit; then the hiring plan at M (the plan model plus hire and
 * training options with fixed costs) solved by `auto` against an exact HiGHS (`milp`) solve of the same model.
 *
 *   npm run bench:scenarios -- [--sizes M,L] [--time-limit-ms 10000] [--hiring-size M] [--hiring-time-limit-ms 20000] [--milp-time-limit-ms 300000] [--no-write]
 */
import { cpus, loadavg, totalmem } from 'node:os';
import { parseArgs } from 'node:util';
import { SnapshotAssignment, SnapshotEngineer, SnapshotItem } from '../../libs/persistence/src/repositories/planning-snapshot.repository';
import { solveModel } from '../../libs/optimizer/src';
import { applyScenario, PlanningRows } from '../../libs/core/src/scenarios/scenario-overlay';
import { parseScenarioChange, StoredScenarioChange } from '../../libs/core/src/scenarios/scenario-changes';
import { computeHiringPlan, solveScenario } from '../../libs/core/src/scenarios/scenario-solve';
import { RateTable } from '../../libs/core/src/scenarios/scenario-outcome';
import { generateOrganisation, GeneratedOrganisation, OrgSize } from '../generator/org-generator';
import { rewriteBenchmarks } from '../benchmarks-file';
import { addDays } from '../../libs/domain/src';

const RATES: RateTable = {
  currency: 'USD',
  rates: {
    associate: { billRate: '150.00', costRate: '70.00' },
    intermediate: { billRate: '200.00', costRate: '95.00' },
    senior: { billRate: '250.00', costRate: '120.00' },
    senior_manager: { billRate: '300.00', costRate: '150.00' },
  },
};

/** The generated organisation as the rows the planning snapshot repository returns. */
function rowsOf(org: GeneratedOrganisation): PlanningRows {
  const customers = new Map(org.customers.map((c) => [c.id, c]));
  const sows = new Map(org.sows.map((s) => [s.id, s]));
  const engineers: SnapshotEngineer[] = org.engineers.map((e) => ({
    id: e.id, name: e.name, level: e.level, leadCapable: e.leadCapable, region: e.region, timezone: e.timezone, weeklyCapacityHours: e.weeklyCapacityHours,
    utilizationTarget: e.utilizationTarget, maxUtilization: e.maxUtilization, travelLimit: e.travelLimit, clearance: e.clearance as SnapshotEngineer['clearance'],
    billable: e.billable, active: e.active, skills: [...e.skills], country: null, subdivision: null, timeOff: [...e.timeOff], fingerprint: e.id,
  }));
  const items: SnapshotItem[] = org.snapshot.items.map((i) => {
    const full = org.items.find((x) => x.id === i.id);
    return {
      id: i.id, sowId: i.sowId, sowTitle: sows.get(i.sowId)?.title ?? '', customerId: i.customerId, customerName: customers.get(i.customerId)?.name ?? '',
      customerRegion: i.customer.region ?? 'AMER', title: i.title, start: i.start, end: i.end, estimatedHours: full?.estimatedHours ?? 0, minLevel: i.minLevel,
      requiredSkills: [...i.requiredSkills], onsiteDays: i.onsiteDays, maxTeamSize: i.maxTeamSize ?? 1, requiredClearance: i.requiredClearance as SnapshotItem['requiredClearance'],
      version: 1, fingerprint: i.id,
    };
  });
  const assignments: SnapshotAssignment[] = org.snapshot.assignments.map((a) => ({
    id: a.id, scopeItemId: a.scopeItemId, sowId: a.sowId, customerId: a.customerId, engineerId: a.engineerId, role: a.role,
    status: a.movable ? 'proposed' : 'approved', locked: false, hoursPerWeek: a.hoursPerWeek, start: a.start, end: a.end, onsiteDays: a.onsiteDays, version: 1,
  }));
  return { engineers, items, assignments };
}

/** About twenty changes of every kind: two pipeline deals, removals, shifts, hires, leavers, skill gains. */
function changesFor(org: GeneratedOrganisation, rows: PlanningRows): StoredScenarioChange[] {
  const start = org.snapshot.horizon.start;
  const customer = org.customers[0];
  const raw: Array<Record<string, unknown>> = [];
  for (const [title, skill, p] of [['GitLab on AKS', 'azure', 0.8], ['Go integrations', 'go', 0.6]] as const) {
    raw.push({
      kind: 'add_sow', title, customerId: customer.id, winProbability: p,
      items: [0, 1, 2, 3, 4].map((k) => ({ title: `${title} ${k + 1}`, startDate: addDays(start, 7 * (2 + k)), endDate: addDays(start, 7 * (10 + k) + 4), estimatedHours: 300, minLevel: 'senior', requiredSkills: [{ key: skill, minProficiency: 'mastery' }, { key: 'kubernetes', minProficiency: 'mastery' }] })),
    });
  }
  raw.push({ kind: 'remove_sow', sowId: rows.items[0].sowId });
  for (const item of rows.items.slice(10, 15)) raw.push({ kind: 'shift_item', scopeItemId: item.id, days: 14 });
  for (const [level, skill] of [['senior', 'kubernetes'], ['intermediate', 'terraform'], ['senior', 'gcp']] as const) {
    raw.push({ kind: 'add_engineer', name: `Hire ${skill}`, level, region: 'EMEA', startDate: addDays(start, 28), skills: [{ key: skill, proficiency: 'mastery' }] });
  }
  for (const e of rows.engineers.slice(0, 2)) raw.push({ kind: 'remove_engineer', engineerId: e.id, lastDay: addDays(start, 40) });
  for (const e of rows.engineers.slice(5, 8)) raw.push({ kind: 'modify_engineer', engineerId: e.id, skills: [{ key: 'terraform', proficiency: 'experience' }], utilizationTarget: 0.75 });
  return raw.map((r, i) => {
    const change = parseScenarioChange(r);
    const filled = change.kind === 'add_sow' ? { ...change, customerName: customer.name, customerRegion: customer.region } : change;
    return { id: `00000000-0000-4000-8000-${String(i + 1).padStart(12, '0')}`, seq: i + 1, change: filled };
  });
}

interface SolveRow {
  size: OrgSize;
  engineers: number;
  items: number;
  run: 'live' | 'scenario';
  overlayMs: number;
  totalMs: number;
  pairs: number;
  staffed: number;
  unstaffedHours: number;
}

async function benchSolve(size: OrgSize, timeLimitMs: number): Promise<SolveRow[]> {
  const org = generateOrganisation({ size, seed: 42 });
  const live = rowsOf(org);
  const horizon = org.snapshot.horizon;
  const changes = changesFor(org, live);
  const out: SolveRow[] = [];
  for (const run of ['live', 'scenario'] as const) {
    const t0 = Date.now();
    const rows = applyScenario(live, run === 'live' ? [] : changes, horizon);
    const overlayMs = Date.now() - t0;
    const solved = await solveScenario(rows, horizon, RATES, solveModel, { method: 'auto', timeLimitMs, seed: 1 });
    const row: SolveRow = {
      size, engineers: rows.engineers.length, items: rows.items.length, run, overlayMs, totalMs: Date.now() - t0, pairs: solved.compiled.model.pairs.length,
      staffed: solved.outcome.kpis.staffedItems, unstaffedHours: solved.outcome.kpis.unstaffedHours,
    };
    process.stderr.write(`${size} ${run}: ${row.totalMs} ms (overlay ${overlayMs} ms), ${row.pairs} pairs, staffed ${row.staffed}/${row.items}\n`);
    out.push(row);
  }
  return out;
}

interface HiringRow {
  method: 'auto' | 'milp';
  timeLimitMs: number;
  ms: number;
  status: string;
  objective: number | null;
  bound: number | null;
  hires: number;
  trainings: number;
  cost: string;
  revenue: string;
  unstaffedBefore: number;
  unstaffedAfter: number;
  tasks: number;
  pairs: number;
  options: number;
}

async function benchHiring(size: OrgSize, autoMs: number, milpMs: number, planMs: number): Promise<HiringRow[]> {
  const org = generateOrganisation({ size, seed: 42 });
  const live = rowsOf(org);
  const horizon = org.snapshot.horizon;
  const rows = applyScenario(live, changesFor(org, live).filter((c) => c.change.kind === 'add_sow'), horizon);
  const solved = await solveScenario(rows, horizon, RATES, solveModel, { method: 'auto', timeLimitMs: planMs, seed: 1 });
  const out: HiringRow[] = [];
  for (const [method, limit] of [['auto', autoMs], ['milp', milpMs]] as const) {
    const t = Date.now();
    const plan = await computeHiringPlan(solved, rows, RATES, horizon, solveModel, { method, timeLimitMs: limit, weightByProbability: true });
    out.push({
      method, timeLimitMs: limit, ms: Date.now() - t, status: plan.solver.status, objective: plan.solver.objective, bound: plan.solver.bound, hires: plan.hires.length, trainings: plan.trainings.length,
      cost: plan.totalCost, revenue: plan.totalRevenueUnlocked, unstaffedBefore: plan.unstaffedHoursBefore, unstaffedAfter: plan.unstaffedHoursAfter,
      tasks: plan.model.tasks, pairs: plan.model.pairs, options: plan.candidates.hires + plan.candidates.trainings,
    });
    process.stderr.write(`${size} hiring ${method}: ${Date.now() - t} ms, ${plan.solver.status}, objective ${String(plan.solver.objective)}, bound ${String(plan.solver.bound)}, ${plan.hires.length} hires, ${plan.trainings.length} trainings\n`);
  }
  return out;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      sizes: { type: 'string', default: 'M,L' },
      'time-limit-ms': { type: 'string', default: '10000' },
      'hiring-size': { type: 'string', default: 'M' },
      'hiring-time-limit-ms': { type: 'string', default: '20000' },
      'milp-time-limit-ms': { type: 'string', default: '300000' },
      'no-write': { type: 'boolean', default: false },
    },
  });
  const limit = Number(values['time-limit-ms']);
  const load = loadavg()[0];
  const solveRows: SolveRow[] = [];
  for (const size of (values.sizes ?? 'M,L').split(',') as OrgSize[]) solveRows.push(...(await benchSolve(size, limit)));
  const hiringSize = (values['hiring-size'] ?? 'M') as OrgSize;
  const hiringRows = await benchHiring(hiringSize, Number(values['hiring-time-limit-ms']), Number(values['milp-time-limit-ms']), limit);
  const command = `npm run bench:scenarios -- ${process.argv.slice(2).join(' ')}`.trim();
  const lines = [
    `Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}. Date: ${new Date().toISOString().slice(0, 10)}.`,
    `**The machine was shared with other engineers' builds and tests while this ran (1-minute load average ${load.toFixed(1)} on ${cpus().length} cores at the start): absolute times are inflated and noisy; the ratios in one run are what to read.**`,
    '',
    `Command: \`${command}\` (organisations from \`bench/generator/org-generator.ts\`, seed 42, 26 weeks; the scenario adds two pipeline deals of five items, removes a SOW, shifts five items, hires three, loses two and upskills three engineers; solver \`auto\` with ${limit} ms, as the worker).`,
    '',
    '| size | run | engineers × items | pairs | overlay ms | total ms (overlay + compile + solve) | scenario ÷ live | items staffed | unstaffed hours |',
    '| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const r of solveRows) {
    const liveRow = solveRows.find((x) => x.size === r.size && x.run === 'live');
    const ratio = liveRow ? (r.totalMs / liveRow.totalMs).toFixed(2) : '';
    lines.push(`| ${r.size} | ${r.run} | ${r.engineers} × ${r.items} | ${r.pairs} | ${r.overlayMs} | ${r.totalMs} | ${r.run === 'live' ? '1.00' : ratio} | ${r.staffed} | ${r.unstaffedHours.toFixed(0)} |`);
  }
  lines.push(
    '',
    `Hiring plan at ${hiringSize} (the live organisation plus the two pipeline deals, weighted by win probability): the same gated model (plan model + hire and training options with fixed costs) solved by \`auto\` and by HiGHS (\`milp\`).`,
    '',
    '| method | time limit ms | ms | status | objective | bound | hires | trainings | cost | revenue unlocked | unstaffed hours before → after | tasks | pairs | options |',
    '| --- | ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: | ---: | ---: |',
  );
  for (const h of hiringRows) {
    lines.push(
      `| ${h.method} | ${h.timeLimitMs} | ${h.ms} | ${h.status} | ${h.objective === null ? '—' : h.objective.toFixed(0)} | ${h.bound === null ? '—' : h.bound.toFixed(0)} | ${h.hires} | ${h.trainings} | ${h.cost} | ${h.revenue} | ${h.unstaffedBefore.toFixed(0)} → ${h.unstaffedAfter.toFixed(0)} | ${h.tasks} | ${h.pairs} | ${h.options} |`,
    );
  }
  const markdown = lines.join('\n');
  process.stdout.write(`${markdown}\n`);
  if (!values['no-write']) rewriteBenchmarks('scenarios', markdown, '## Scenarios and hiring plans');
}

void main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
