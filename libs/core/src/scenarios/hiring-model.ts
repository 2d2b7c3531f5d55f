import { DateRange, EngineerProfile, EngineerSkill, Level, monthlyTravel, monthRange, monthsInRange, PROFICIENCY_RANK, staticFitScore, weeklyUtilization } from '@sow/domain';
import { AssignmentModel, ModelAgent, ModelPair, ModelTask, NEEDS_LEAD_CLASS, SideUse, Solution } from '@sow/optimizer';
import { CompiledPlan, PLAN_WEIGHTS, PlanningItem, PlanningSnapshot, staticallyEligible } from '../planning/plan-model';

/** A hypothetical hire the model may make: a level, region and skill set starting on the first day of a month. */
export interface HireOption {
  kind: 'hire';
  id: string;
  level: Level;
  region: string;
  timezone: string;
  skills: EngineerSkill[];
  /** First working day (the first of a month). */
  start: string;
  /** Price in the plan objective's hour-equivalents (the service converts money to it). */
  fixedCost: number;
}

/** Training an engineer already on the team: one skill raised to a proficiency. */
export interface TrainingOption {
  kind: 'training';
  id: string;
  engineerId: string;
  skill: EngineerSkill;
  fixedCost: number;
}

export type HiringOption = HireOption | TrainingOption;

export interface HiringModel {
  model: AssignmentModel;
  /** Per option, the indices of the model's tasks it may take (a hire) or that the training unlocks. */
  unlocks: Map<string, number[]>;
  /** The gate task of each option (only in a gated model): unassigned = the option is bought. */
  gateTask: Map<string, number>;
  /** Real tasks (the plan's) are the first `realTasks` tasks of the model. */
  realTasks: number;
}

const GATE = 'hiring-gate';

/** A hire as an engineer profile (no time off beyond the days before it starts). */
export function hireProfile(option: HireOption, horizon: DateRange): EngineerProfile {
  const before = option.start > horizon.start ? [{ start: '2000-01-01', end: dayBefore(option.start) }] : [];
  return {
    id: option.id,
    level: option.level,
    leadCapable: option.level === 'senior' || option.level === 'senior_manager',
    active: true,
    billable: true,
    clearance: null,
    skills: option.skills,
    region: option.region,
    timezone: option.timezone,
    weeklyCapacityHours: 40,
    utilizationTarget: 0.7,
    maxUtilization: 1,
    travelLimit: 0.2,
    timeOff: before,
  };
}

function dayBefore(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

export function trainedProfile(engineer: EngineerProfile, skill: EngineerSkill): EngineerProfile {
  const others = engineer.skills.filter((s) => s.key !== skill.key);
  const held = engineer.skills.find((s) => s.key === skill.key);
  const raised = held && PROFICIENCY_RANK[held.proficiency] >= PROFICIENCY_RANK[skill.proficiency] ? held : skill;
  return { ...engineer, skills: [...others, raised] };
}

/**
 * The plan model with hiring and training options added as candidates with a fixed cost, as an exact
 * fixed-charge formulation in the optimizer's own terms: each option has a gate resource (a side limit of
 * 1 on its engineer) and a gate task priced at the option's cost that only its engineer may take, using
 * the whole gate. Every task the option unlocks uses a small share of the gate. So the engineer either
 * holds the gate task (option not bought, cost 0, no unlocked work) or leaves it unassigned (pays the
 * cost) and takes any of the unlocked work. `chosen` builds instead the plain model with exactly those
 * options bought (no gates): the brute-force reference and the "after" plan.
 *
 * `weight` scales an item's unstaffed price (a pipeline deal's win probability).
 */
export function buildHiringModel(
  snapshot: PlanningSnapshot,
  compiled: CompiledPlan,
  options: readonly HiringOption[],
  weight: (itemId: string) => number = () => 1,
  chosen?: ReadonlySet<string>,
): HiringModel {
  const base = compiled.model;
  const items = new Map(snapshot.items.map((i) => [i.id, i]));
  const engineers = new Map(snapshot.engineers.map((e) => [e.id, e]));
  const tasks: ModelTask[] = base.tasks.map((t, index) => {
    const meta = compiled.tasks[index];
    const w = meta && meta.role !== 'lead' ? weight(meta.itemId) : 1;
    return { ...t, unassignedPrice: t.unassignedPrice * w, sideUse: t.sideUse ? [...t.sideUse] : undefined };
  });
  const agents: ModelAgent[] = base.agents.map((a) => ({ ...a, sideLimits: a.sideLimits ? [...a.sideLimits] : undefined }));
  const agentIndex = new Map(agents.map((a, i) => [a.id, i]));
  const pairs: ModelPair[] = [...base.pairs];
  const unlocks = new Map<string, number[]>();
  const gateTask = new Map<string, number>();
  const gated = chosen === undefined;
  const active = options.filter((o) => gated || chosen.has(o.id));

  // Months the model's on-site limits cover (as the plan model does: the horizon and every item).
  const months = new Set<string>(monthsInRange(snapshot.horizon));
  for (const item of snapshot.items) for (const m of monthsInRange(item)) months.add(m);
  const sorted = [...months].sort();
  const monthWindow: DateRange = { start: monthRange(sorted[0]).start, end: monthRange(sorted[sorted.length - 1]).end };

  const pairCost = (profile: EngineerProfile, item: PlanningItem, hoursInHorizon: number): number =>
    PLAN_WEIGHTS.misfitPerHour * hoursInHorizon * (1 - staticFitScore(profile, item, { bookings: [], customer: item.customer }));

  for (const option of active) {
    const taken: number[] = [];
    let agent: ModelAgent;
    if (option.kind === 'hire') {
      const profile = hireProfile(option, snapshot.horizon);
      const weeks = weeklyUtilization(profile, [], snapshot.horizon);
      agent = {
        id: option.id,
        capacity: weeks.map((w) => profile.maxUtilization * w.capacityHours),
        sideLimits: [{ resource: 'onsite', windows: monthlyTravel(profile, [], monthWindow).map((m) => ({ id: m.month, limit: m.limitDays })) }],
        class: option.level === 'associate' ? NEEDS_LEAD_CLASS : undefined,
      };
      const teamWindows: Array<{ id: string; limit: number }> = [];
      compiled.tasks.forEach((meta, index) => {
        const item = items.get(meta.itemId);
        if (!item || item.start < option.start) return;
        if (!staticallyEligible(profile, item, meta.role === 'lead' ? 'lead' : 'primary')) return;
        taken.push(index);
        pairs.push({ agent: option.id, task: meta.taskId, cost: pairCost(profile, item, meta.hoursInHorizon) });
        if (meta.teamSize > 1 && meta.role !== 'lead' && !teamWindows.some((w) => w.id === item.id)) teamWindows.push({ id: item.id, limit: 1 });
      });
      if (teamWindows.length > 0) agent.sideLimits?.push({ resource: 'team', windows: teamWindows });
      agents.push(agent);
      agentIndex.set(option.id, agents.length - 1);
    } else {
      const engineer = engineers.get(option.engineerId);
      const at = agentIndex.get(option.engineerId);
      if (!engineer || at === undefined) {
        unlocks.set(option.id, []);
        continue;
      }
      const trained = trainedProfile(engineer, option.skill);
      compiled.tasks.forEach((meta, index) => {
        const item = items.get(meta.itemId);
        if (!item) return;
        const role = meta.role === 'lead' ? 'lead' : 'primary';
        if (staticallyEligible(engineer, item, role) || !staticallyEligible(trained, item, role)) return;
        if (pairs.some((p) => p.agent === engineer.id && p.task === meta.taskId)) return;
        taken.push(index);
        pairs.push({ agent: engineer.id, task: meta.taskId, cost: pairCost(trained, item, meta.hoursInHorizon) });
      });
      agent = agents[at];
    }
    unlocks.set(option.id, taken);
    if (!gated) continue;
    // The gate: a limit of 1 on the option's engineer, used whole by the gate task and by a share per unlocked task.
    const share = 1 / (taken.length + 1);
    const gateUse = (amount: number): SideUse => ({ resource: GATE, window: option.id, amount });
    agent.sideLimits = [...(agent.sideLimits ?? []), { resource: GATE, windows: [{ id: option.id, limit: 1 }] }];
    for (const index of taken) tasks[index] = { ...tasks[index], sideUse: [...(tasks[index].sideUse ?? []), gateUse(share)] };
    gateTask.set(option.id, tasks.length);
    tasks.push({ id: `gate:${option.id}`, load: {}, unassignedPrice: option.fixedCost, sideUse: [gateUse(1)] });
    pairs.push({ agent: agent.id, task: `gate:${option.id}`, cost: 0 });
  }
  return {
    model: { ...base, name: `${base.name ?? 'plan'} + hiring`, agents, tasks, pairs },
    unlocks,
    gateTask,
    realTasks: base.tasks.length,
  };
}

/** The options a solution of the gated model buys, with the tasks each one staffs. */
export function boughtOptions(hiring: HiringModel, options: readonly HiringOption[], solution: Pick<Solution, 'assignment'>): Array<{ option: HiringOption; tasks: number[] }> {
  const agentIds = hiring.model.agents.map((a) => a.id);
  const out: Array<{ option: HiringOption; tasks: number[] }> = [];
  for (const option of options) {
    const holder = option.kind === 'hire' ? option.id : option.engineerId;
    const staffed = (hiring.unlocks.get(option.id) ?? []).filter((t) => {
      const a = solution.assignment[t];
      return a !== null && a !== undefined && agentIds[a] === holder;
    });
    if (staffed.length > 0) out.push({ option, tasks: staffed });
  }
  return out;
}

/** The objective of an answer including the options it buys (for the gated model, `terms` already hold them). */
export function optionCost(options: readonly HiringOption[], bought: ReadonlySet<string>): number {
  return options.filter((o) => bought.has(o.id)).reduce((a, o) => a + o.fixedCost, 0);
}
