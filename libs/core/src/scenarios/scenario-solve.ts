import { DateRange, EngineerSkill, Level, monthKey, monthRange, PROFICIENCY_RANK, isoWeeksInRange, compareDates, maxDate } from '@sow/domain';
import { Solution, SolveOptions } from '@sow/optimizer';
import { CompiledPlan, compilePlanModel, PLAN_WEIGHTS, PlannedSlot, PlanningSnapshot, staticallyEligible } from '../planning/plan-model';
import { currentSlots } from '../planning/plan-evaluation';
import { toPlanningSnapshot } from '../planning/planning-snapshot';
import { PlanSolution, solvePlan, Solver } from '../planning/solve-plan';
import { boughtOptions, buildHiringModel, HireOption, HiringOption, TrainingOption } from './hiring-model';
import { RateTable, scenarioOutcome, ScenarioOutcome } from './scenario-outcome';
import { ScenarioRows } from './scenario-overlay';

export interface ScenarioSolved {
  snapshot: PlanningSnapshot;
  compiled: CompiledPlan;
  before: PlannedSlot[];
  planned: PlanSolution;
  outcome: ScenarioOutcome;
}

/** Solves a scenario's rows exactly as a live plan is solved: the same snapshot, model, greedy cross-check and solver. */
export async function solveScenario(
  rows: ScenarioRows,
  horizon: DateRange,
  rates: RateTable,
  solver: Solver,
  options: SolveOptions & { moveApproved?: boolean },
  whileSolving?: () => void,
): Promise<ScenarioSolved> {
  const snapshot = toPlanningSnapshot({ horizon, engineers: rows.engineers, items: rows.items, assignments: rows.assignments, moveApproved: options.moveApproved ?? false });
  const compiled = compilePlanModel(snapshot);
  const before = currentSlots(compiled);
  const planned = await solvePlan(compiled, solver, { method: options.method, timeLimitMs: options.timeLimitMs, seed: options.seed ?? 1 }, whileSolving);
  const names = new Map(rows.engineers.map((e) => [e.id, e.name]));
  const outcome = scenarioOutcome(snapshot, compiled, planned.slots, names, rates, { engineers: rows.hypotheticalEngineers, items: rows.hypotheticalItems });
  return { snapshot, compiled, before, planned, outcome };
}

/** Hours a hire is paid for before the first billable hour (recruiting and onboarding). */
export const HIRE_ONBOARDING_HOURS = 80;
/** Hours of a training course, and its fee. */
export const TRAINING_HOURS = 40;
export const TRAINING_FEE = 2000;
export const MAX_HIRE_OPTIONS = 48;
export const MAX_TRAINING_OPTIONS = 24;
const DEFAULT_RATES: Record<Level, { billRate: string; costRate: string }> = {
  associate: { billRate: '150.00', costRate: '70.00' },
  intermediate: { billRate: '200.00', costRate: '95.00' },
  senior: { billRate: '250.00', costRate: '120.00' },
  senior_manager: { billRate: '300.00', costRate: '150.00' },
};

export function rateOf(rates: RateTable, level: Level): { bill: number; cost: number } {
  const r = rates.rates[level] ?? DEFAULT_RATES[level];
  return { bill: Number(r.billRate), cost: Number(r.costRate) };
}

/** Money → the plan objective's hour-equivalents: an hour billed at the level's rate is worth an unstaffed hour's price. */
function toObjective(money: number, billRate: number): number {
  return (PLAN_WEIGHTS.unstaffedPerHour * money) / Math.max(1, billRate);
}

export interface HireCandidate extends HireOption {
  /** What the hire costs over the horizon (salary at cost rate from the start, plus onboarding), in money. */
  cost: number;
}
export interface TrainingCandidate extends TrainingOption {
  engineerName: string;
  cost: number;
}

/**
 * The options the hiring model chooses from, built from the demand the current team leaves open: per
 * unstaffed item a hire of its level (associates need a lead, so intermediate), its customer's region and
 * its skills, starting the month the work starts or any earlier month of the horizon; a combined profile
 * per level and region covering every such item; and training an intermediate on the one skill they lack.
 */
export function hiringOptions(solved: ScenarioSolved, rows: ScenarioRows, rates: RateTable, horizon: DateRange): { hires: HireCandidate[]; trainings: TrainingCandidate[] } {
  const { snapshot, compiled, planned } = solved;
  const items = new Map(snapshot.items.map((i) => [i.id, i]));
  const open = new Map<string, number>();
  compiled.tasks.forEach((meta, index) => {
    const slot = planned.slots[index];
    if (meta.role !== 'lead' && slot && slot.engineerId === null) open.set(meta.itemId, (open.get(meta.itemId) ?? 0) + meta.hoursInHorizon);
  });
  const firstMonth = monthKey(horizon.start);
  const signatures = new Map<string, { level: Level; region: string; skills: EngineerSkill[]; hours: number; months: Set<string> }>();
  const addSignature = (level: Level, region: string, skills: EngineerSkill[], hours: number, month: string): void => {
    const sorted = [...skills].sort((a, b) => a.key.localeCompare(b.key));
    const key = `${level}|${region}|${sorted.map((s) => `${s.key}:${s.proficiency}`).join(',')}`;
    const entry = signatures.get(key) ?? { level, region, skills: sorted, hours: 0, months: new Set<string>() };
    entry.hours += hours;
    entry.months.add(month);
    signatures.set(key, entry);
  };
  const combined = new Map<string, { level: Level; region: string; skills: Map<string, EngineerSkill>; hours: number; months: Set<string> }>();
  for (const [itemId, hours] of open) {
    const item = items.get(itemId);
    if (!item) continue;
    const level: Level = item.minLevel === 'associate' ? 'intermediate' : item.minLevel === 'senior_manager' ? 'senior' : item.minLevel;
    const region = item.customer.region ?? 'amer';
    const skills = item.requiredSkills.map((r) => ({ key: r.key, proficiency: r.minProficiency }));
    const month = compareDates(item.start, horizon.start) <= 0 ? firstMonth : monthKey(item.start);
    addSignature(level, region, skills, hours, month);
    const c = combined.get(`${level}|${region}`) ?? { level, region, skills: new Map<string, EngineerSkill>(), hours: 0, months: new Set<string>() };
    for (const s of skills) {
      const held = c.skills.get(s.key);
      if (!held || PROFICIENCY_RANK[s.proficiency] > PROFICIENCY_RANK[held.proficiency]) c.skills.set(s.key, s);
    }
    c.hours += hours;
    c.months.add(month);
    combined.set(`${level}|${region}`, c);
  }
  for (const c of combined.values()) if (c.skills.size <= 8) for (const m of c.months) addSignature(c.level, c.region, [...c.skills.values()], 0, m);

  const weeksFrom = (start: string): number => isoWeeksInRange({ start: maxDate(start, horizon.start), end: horizon.end }).length;
  const hires: HireCandidate[] = [];
  const ranked = [...signatures.values()].sort((a, b) => b.hours - a.hours);
  for (const s of ranked) {
    // A hire may start in the first month its work needs, or at the start of the horizon.
    const months = new Set<string>([...s.months, firstMonth]);
    for (const month of [...months].sort()) {
      if (hires.length >= MAX_HIRE_OPTIONS) break;
      const start = maxDate(monthRange(month).start, horizon.start);
      const rate = rateOf(rates, s.level);
      const cost = rate.cost * (40 * weeksFrom(start) + HIRE_ONBOARDING_HOURS);
      hires.push({
        kind: 'hire',
        id: `hire-${hires.length + 1}`,
        level: s.level,
        region: s.region,
        timezone: 'UTC',
        skills: s.skills,
        start,
        cost: Math.round(cost * 100) / 100,
        fixedCost: toObjective(cost, rate.bill),
      });
    }
  }

  const trainings: TrainingCandidate[] = [];
  const seen = new Set<string>();
  for (const itemId of open.keys()) {
    const item = items.get(itemId);
    if (!item) continue;
    for (const e of rows.engineers) {
      if (trainings.length >= MAX_TRAINING_OPTIONS) break;
      if (e.level !== 'intermediate' || !e.active || !e.billable || rows.hypotheticalEngineers.has(e.id)) continue;
      const missing = item.requiredSkills.filter((r) => {
        const held = e.skills.find((s) => s.key === r.key);
        return !held || PROFICIENCY_RANK[held.proficiency] < PROFICIENCY_RANK[r.minProficiency];
      });
      if (missing.length !== 1 || PROFICIENCY_RANK[missing[0].minProficiency] > PROFICIENCY_RANK.experience) continue;
      const skill: EngineerSkill = { key: missing[0].key, proficiency: 'experience' };
      const key = `${e.id}|${skill.key}`;
      if (seen.has(key)) continue;
      const trained = { ...e, skills: [...e.skills.filter((s) => s.key !== skill.key), skill] };
      if (!staticallyEligible(trained, item, 'primary')) continue;
      seen.add(key);
      const rate = rateOf(rates, e.level);
      const cost = rate.cost * TRAINING_HOURS + TRAINING_FEE;
      trainings.push({ kind: 'training', id: `training-${trainings.length + 1}`, engineerId: e.id, engineerName: e.name, skill, cost, fixedCost: toObjective(cost, rate.bill) });
    }
  }
  return { hires, trainings };
}

export interface HiringPlanResult {
  hires: Array<{
    optionId: string;
    level: Level;
    region: string;
    skills: EngineerSkill[];
    startDate: string;
    cost: string;
    revenueUnlocked: string;
    items: Array<{ itemId: string; title: string; sowId: string; hours: number; winProbability: number }>;
  }>;
  trainings: Array<{
    optionId: string;
    engineerId: string;
    engineerName: string;
    skill: EngineerSkill;
    cost: string;
    revenueUnlocked: string;
    items: Array<{ itemId: string; title: string; sowId: string; hours: number; winProbability: number }>;
  }>;
  currency: string;
  totalCost: string;
  totalRevenueUnlocked: string;
  unstaffedHoursBefore: number;
  unstaffedHoursAfter: number;
  candidates: { hires: number; trainings: number };
  model: { tasks: number; pairs: number };
  solver: { method: string; status: string; objective: number | null; bound: number | null; gap: number | null; elapsedMs: number };
}

const money = (x: number): string => (Math.round(x * 100) / 100).toFixed(2);
const round2 = (x: number): number => Math.round(x * 100) / 100;

/**
 * The hiring plan: the scenario's plan model plus the hire and training options as candidates with a
 * fixed cost, solved as one optimisation; each bought option with the items it staffs and their revenue.
 */
export async function computeHiringPlan(
  solved: ScenarioSolved,
  rows: ScenarioRows,
  rates: RateTable,
  horizon: DateRange,
  solve: (model: ReturnType<typeof buildHiringModel>['model'], options: SolveOptions) => Promise<Solution>,
  options: SolveOptions & { weightByProbability: boolean },
): Promise<HiringPlanResult> {
  const { hires, trainings } = hiringOptions(solved, rows, rates, horizon);
  const all: HiringOption[] = [...hires, ...trainings];
  const weight = (itemId: string): number => (options.weightByProbability ? (rows.winProbability.get(itemId) ?? 1) : 1);
  const hiring = buildHiringModel(solved.snapshot, solved.compiled, all, weight);
  // The team's own plan (every gate closed) is a valid start: the answer is never worse than hiring nobody.
  const agentIndex = new Map(hiring.model.agents.map((a, i) => [a.id, i]));
  const initial: (number | null)[] = hiring.model.tasks.map((_, t) => {
    if (t < hiring.realTasks) {
      const id = solved.planned.slots[t]?.engineerId;
      return id ? (agentIndex.get(id) ?? null) : null;
    }
    const pair = hiring.model.pairs.find((p) => p.task === hiring.model.tasks[t].id);
    return pair ? (agentIndex.get(pair.agent) ?? null) : null;
  });
  const solution = await solve(hiring.model, { method: options.method, timeLimitMs: options.timeLimitMs, seed: 1, initial });
  const bought = boughtOptions(hiring, all, solution);
  const items = new Map(solved.snapshot.items.map((i) => [i.id, i]));
  const engineers = new Map(rows.engineers.map((e) => [e.id, e]));
  const describe = (tasks: number[]) =>
    tasks
      .map((t) => solved.compiled.tasks[t])
      .filter((m) => m !== undefined)
      .map((m) => ({ itemId: m.itemId, title: items.get(m.itemId)?.title ?? m.itemId, sowId: m.sowId, hours: round2(m.hoursInHorizon), winProbability: rows.winProbability.get(m.itemId) ?? 1 }));
  let totalCost = 0;
  let totalRevenue = 0;
  const result: HiringPlanResult['hires'] = [];
  const trained: HiringPlanResult['trainings'] = [];
  for (const { option, tasks } of bought) {
    const staffed = describe(tasks);
    const level = option.kind === 'hire' ? option.level : (engineers.get(option.engineerId)?.level ?? 'intermediate');
    const revenue = staffed.reduce((a, s) => a + s.hours * rateOf(rates, level).bill * (options.weightByProbability ? s.winProbability : 1), 0);
    totalRevenue += revenue;
    if (option.kind === 'hire') {
      const cost = hires.find((h) => h.id === option.id)?.cost ?? 0;
      totalCost += cost;
      result.push({ optionId: option.id, level: option.level, region: option.region, skills: option.skills, startDate: option.start, cost: money(cost), revenueUnlocked: money(revenue), items: staffed });
    } else {
      const t = trainings.find((x) => x.id === option.id);
      totalCost += t?.cost ?? 0;
      trained.push({ optionId: option.id, engineerId: option.engineerId, engineerName: t?.engineerName ?? option.engineerId, skill: option.skill, cost: money(t?.cost ?? 0), revenueUnlocked: money(revenue), items: staffed });
    }
  }
  let after = 0;
  solved.compiled.tasks.forEach((m, t) => {
    if (m.role !== 'lead' && (solution.assignment[t] ?? null) === null) after += m.hoursInHorizon;
  });
  return {
    hires: result,
    trainings: trained,
    currency: rates.currency,
    totalCost: money(totalCost),
    totalRevenueUnlocked: money(totalRevenue),
    unstaffedHoursBefore: solved.outcome.kpis.unstaffedHours,
    unstaffedHoursAfter: round2(after),
    candidates: { hires: hires.length, trainings: trainings.length },
    model: { tasks: hiring.model.tasks.length, pairs: hiring.model.pairs.length },
    solver: { method: solution.method, status: solution.status, objective: solution.objective, bound: solution.bound, gap: solution.gap, elapsedMs: solution.elapsedMs },
  };
}
