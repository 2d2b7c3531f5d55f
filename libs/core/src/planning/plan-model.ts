import {
  AssignmentRole,
  awayForWholeWindow,
  Booking,
  countWorkingDays,
  DateRange,
  demandHoursPerWeek,
  EngineerProfile,
  intersectRanges,
  isoWeekRange,
  isoWeeksInRange,
  levelRank,
  monthRange,
  monthsInRange,
  monthlyTravel,
  passesStaticRules,
  PROFICIENCY_RANK,
  ScopeItemDemand,
  staticFitScore,
  teamSizeFor,
} from '@sow/domain';
import { HorizonCalendar, SkillIndex } from './horizon-calendar';
import { AssignmentModel, ModelAgent, ModelPair, ModelTask, NEEDS_LEAD_CLASS, PeriodLoad, SideUse, Solution } from '@sow/optimizer';

/** A scope item the plan may staff. */
export interface PlanningItem extends ScopeItemDemand {
  title: string;
  /** In [0, 1]: higher-value work is staffed first when not everything fits. */
  priority: number;
  customer: { region: string | null; timezone: string | null };
  /** Engineers who may share the item's hours (default 1). */
  maxTeamSize?: number;
}

/** A slot of a plan: the item's primary, a secondary of a team, or the lead over an associate. */
export type PlanRole = 'primary' | 'secondary' | 'lead';

/** A live assignment of an engineer in the snapshot. */
export interface PlanningAssignment extends DateRange {
  id: string;
  scopeItemId: string;
  sowId: string;
  customerId: string;
  engineerId: string;
  role: AssignmentRole;
  hoursPerWeek: number;
  onsiteDays: number;
  /** The plan may move it (proposed, or approved when the request allows); otherwise it stays put. */
  movable: boolean;
}

export interface PlanningSnapshot {
  horizon: DateRange;
  engineers: readonly EngineerProfile[];
  items: readonly PlanningItem[];
  assignments: readonly PlanningAssignment[];
}

/**
 * Prices of the objective, in "hour-equivalents". Staffing dominates (an unstaffed hour costs far more
 * than anything else), then utilization shortfall, then fit, then churn.
 */
export const PLAN_WEIGHTS = {
  unstaffedPerHour: 100,
  /** Extra share of the unstaffed price for the earliest items and for the highest priority. */
  earlinessBonus: 0.5,
  priorityBonus: 0.5,
  optionalLeadPerHour: 0.5,
  shortfallPerHour: 10,
  misfitPerHour: 3,
  churnPerHour: 2,
  /** A lead guides an associate for this share of the item's weekly hours (at least `leadMinHoursPerWeek`). */
  leadShare: 0.1,
  leadMinHoursPerWeek: 2,
  /** Candidates kept per task (current and fixed engineers always kept). */
  maxCandidatesPerTask: 40,
  /** Share of them taken by best pre-score; the rest is a seeded spread over the other eligible engineers. */
  bestCandidateShare: 0.6,
} as const;

export interface TaskMeta {
  taskId: string;
  itemId: string;
  sowId: string;
  role: PlanRole;
  /** How many engineers share the item in this plan (1: one engineer does it all). */
  teamSize: number;
  hoursPerWeek: number;
  onsiteDays: number;
  start: string;
  end: string;
  hoursInHorizon: number;
}

export interface CompiledPlan {
  model: AssignmentModel;
  tasks: TaskMeta[];
  weeks: string[];
  /** Fit in [0, 1] per `${taskId}|${engineerId}`. */
  fit: Map<string, number>;
  /** Assignments that stay as they are (not movable, or shadows). */
  background: PlanningAssignment[];
  /** The fixed assignment behind a fixed pair, per `${taskId}|${engineerId}`: it books its own hours and dates. */
  fixedAssignments: Map<string, PlanningAssignment>;
}

const key = (a: string, b: string): string => `${a}|${b}`;

function spreadOnsite(onsiteDays: number, range: DateRange): SideUse[] {
  const total = countWorkingDays(range);
  if (onsiteDays <= 0 || total === 0) return [];
  return monthsInRange(range)
    .map((month) => {
      const overlap = intersectRanges(monthRange(month), range);
      return { resource: 'onsite', window: month, amount: overlap ? (onsiteDays * countWorkingDays(overlap)) / total : 0 };
    })
    .filter((u) => u.amount > 1e-9);
}

const sum = (load: PeriodLoad): number => Object.values(load).reduce((a, b) => a + b, 0);

/**
 * The hard rules that do not depend on load, from the rule book: the solver enforces capacity and travel
 * itself. Includes time off: an engineer away for the whole item cannot take it.
 */
export function staticallyEligible(engineer: EngineerProfile, item: PlanningItem, role: 'primary' | 'lead'): boolean {
  return passesStaticRules(engineer, item, role) && !awayForWholeWindow(engineer, item);
}

function asBooking(a: PlanningAssignment): Booking {
  return { start: a.start, end: a.end, hoursPerWeek: a.hoursPerWeek, onsiteDays: a.onsiteDays, sowId: a.sowId, customerId: a.customerId, scopeItemId: a.scopeItemId, id: a.id };
}

/**
 * Compiles a staffing snapshot into the optimizer's generic model: one agent per engineer (weekly
 * capacity net of the assignments that stay, a utilization target, monthly on-site limits), one
 * `primary` task per scope item and an optional `lead` task where an associate could take it, with
 * eligible pairs priced by misfit, the movable current assignment priced by churn, and fixed pairs for
 * locked ones.
 */
export function compilePlanModel(snapshot: PlanningSnapshot, checkpoint: () => void = () => undefined): CompiledPlan {
  const { horizon } = snapshot;
  const weeks = isoWeeksInRange(horizon);
  const weekRanges = weeks.map((w) => intersectRanges(isoWeekRange(w), horizon) ?? horizon);
  const calendar = new HorizonCalendar(horizon, weekRanges);
  const skillIndex = new SkillIndex(snapshot.engineers);
  const engineerById = new Map(snapshot.engineers.map((e) => [e.id, e]));
  const itemIds = new Set(snapshot.items.map((i) => i.id));
  const background: PlanningAssignment[] = [];
  const planned: PlanningAssignment[] = [];
  for (const a of snapshot.assignments) {
    if (a.role !== 'shadow' && itemIds.has(a.scopeItemId)) planned.push(a);
    else background.push(a);
  }
  const backgroundByEngineer = new Map<string, Booking[]>();
  const historyByEngineer = new Map<string, Booking[]>();
  for (const a of snapshot.assignments) {
    const list = historyByEngineer.get(a.engineerId) ?? [];
    list.push(asBooking(a));
    historyByEngineer.set(a.engineerId, list);
  }
  for (const a of background) {
    const list = backgroundByEngineer.get(a.engineerId) ?? [];
    list.push(asBooking(a));
    backgroundByEngineer.set(a.engineerId, list);
  }

  // Agents: capacity and target per week net of what stays; on-site limits per month.
  const months = new Set<string>(monthsInRange(horizon));
  for (const item of snapshot.items) for (const m of monthsInRange(item)) months.add(m);
  const monthWindow: DateRange = {
    start: monthRange([...months].sort()[0] ?? weeks[0]).start,
    end: monthRange([...months].sort().at(-1) ?? weeks[0]).end,
  };
  const freeShare = new Map<string, number>();
  const agents: ModelAgent[] = snapshot.engineers.map((engineer) => {
    checkpoint();
    const bookings = backgroundByEngineer.get(engineer.id) ?? [];
    // Per-week capacity from the calendar's prefix sums (weeklyUtilization's maths, without a date walk per week).
    const usage = calendar.weeklyLoad(engineer, bookings);
    const capacity = usage.capacityHours.map((c, k) => Math.max(0, engineer.maxUtilization * c - usage.plannedHours[k]));
    const target = usage.capacityHours.map((c, k) => Math.max(0, engineer.utilizationTarget * c - usage.plannedHours[k]));
    const totalCapacity = usage.capacityHours.reduce((a, c) => a + c, 0);
    freeShare.set(engineer.id, totalCapacity > 0 ? capacity.reduce((a, b) => a + b, 0) / (engineer.maxUtilization * totalCapacity || 1) : 0);
    const travel = monthlyTravel(engineer, bookings, monthWindow);
    return {
      id: engineer.id,
      capacity,
      target: { load: target, penaltyPerUnit: PLAN_WEIGHTS.shortfallPerHour },
      sideLimits: [{ resource: 'onsite', windows: travel.map((m) => ({ id: m.month, limit: Math.max(0, m.limitDays - m.onsiteDays) })) }],
      class: engineer.level === 'associate' ? NEEDS_LEAD_CLASS : undefined,
    };
  });

  // Priority: earlier items and higher-value items first.
  const starts = [...new Set(snapshot.items.map((i) => i.start))].sort();
  const earliness = (start: string): number => (starts.length <= 1 ? 1 : 1 - starts.indexOf(start) / (starts.length - 1));

  const tasks: ModelTask[] = [];
  const metas: TaskMeta[] = [];
  const pairs: ModelPair[] = [];
  const fit = new Map<string, number>();
  const fixed: AssignmentModel['fixed'] = [];
  const current: NonNullable<AssignmentModel['current']> = [];

  // A team's members are distinct engineers: each part of a shared item uses one unit of the agent's
  // `team` allowance for that item (a side limit of 1), which every solver already honours.
  const teamWindows = new Map<string, Map<string, { id: string; limit: number }>>();
  const modelledAssignments = new Set<PlanningAssignment>();
  const fixedAssignments = new Map<string, PlanningAssignment>();
  const itemFit = new Map<string, number>();

  interface TaskSpec {
    item: PlanningItem;
    role: PlanRole;
    taskId: string;
    hoursPerWeek: number;
    onsiteDays: number;
    teamSize: number;
    existing: PlanningAssignment[];
    /** The parts of a team share one candidate list, so any member can hold any part. */
    candidates?: EngineerProfile[];
  }

  const addTask = (spec: TaskSpec): EngineerProfile[] | null => {
    const { item, role, taskId, hoursPerWeek, onsiteDays, teamSize, existing } = spec;
    const load = calendar.spread(hoursPerWeek, item);
    const hoursInHorizon = sum(load);
    if (hoursInHorizon <= 1e-9) return null;
    const weight =
      role === 'lead'
        ? PLAN_WEIGHTS.optionalLeadPerHour
        : PLAN_WEIGHTS.unstaffedPerHour * (1 + PLAN_WEIGHTS.earlinessBonus * earliness(item.start) + PLAN_WEIGHTS.priorityBonus * item.priority);
    const sideUse = spreadOnsite(onsiteDays, item);
    if (teamSize > 1 && role !== 'lead') sideUse.push({ resource: 'team', window: item.id, amount: 1 });
    tasks.push({
      id: taskId,
      load,
      unassignedPrice: weight * hoursInHorizon,
      // The lead of the same item: its dates cover the associate's day for day (the domain rule), which
      // overlapping periods of any SOW task would not guarantee.
      group: item.id,
      requiresLead: role !== 'lead',
      providesLead: role === 'lead',
      sideUse,
    });
    metas.push({ taskId, itemId: item.id, sowId: item.sowId, role, teamSize, hoursPerWeek, onsiteDays, start: item.start, end: item.end, hoursInHorizon });

    // Locked and active assignments stay whatever the rules say (a manager decided them); a movable
    // one is kept as a candidate only while it is still eligible, and leaving it costs churn.
    const keep = new Set<string>();
    // A fixed assignment books its own hours, which the manual path checks against: an item in delivery
    // plans only its remaining hours, so the task's load can be less than what its holder is booked for.
    const keptLoad = new Map<string, PlanningAssignment>();
    for (const a of existing) {
      modelledAssignments.add(a);
      if (a.movable) {
        current.push({ task: taskId, agent: a.engineerId, churnCost: PLAN_WEIGHTS.churnPerHour * hoursInHorizon });
      } else {
        keep.add(a.engineerId);
        keptLoad.set(a.engineerId, a);
        fixedAssignments.set(key(taskId, a.engineerId), a);
        fixed.push({ task: taskId, agent: a.engineerId });
      }
    }
    const currentIds = new Set(existing.filter((a) => a.movable).map((a) => a.engineerId));
    const chosen: EngineerProfile[] = [];
    for (const id of keep) {
      const e = engineerById.get(id);
      if (e) chosen.push(e);
    }
    const staticRole = role === 'lead' ? 'lead' : 'primary';
    for (const id of currentIds) {
      const e = engineerById.get(id);
      if (e && !keep.has(id) && staticallyEligible(e, item, staticRole)) chosen.push(e);
    }
    let list: EngineerProfile[];
    if (spec.candidates) {
      const shared = new Set(spec.candidates.map((e) => e.id));
      list = spec.candidates.concat(chosen.filter((e) => !shared.has(e.id)));
    } else {
        // Present on some day of the item inside the horizon (prefix sums) settles the rule book's time-off rule at once.
      const pool = rankedPool(item, staticRole).filter((r) => calendar.isPresentDuring(r.e, item) || !awayForWholeWindow(r.e, item));
      list = chosen.concat(selectCandidates(pool, taskId, chosen));
    }
    for (const e of list) {
      // The shares of a team and the lead of an item ask the same engineer's fit for the same item.
      const fitKey = key(item.id, e.id);
      let f = itemFit.get(fitKey);
      if (f === undefined) {
        f = staticFitScore(e, item, { bookings: historyByEngineer.get(e.id) ?? [], customer: item.customer });
        itemFit.set(fitKey, f);
      }
      fit.set(key(taskId, e.id), f);
      const kept = keptLoad.get(e.id);
      const pairLoad = kept
        ? calendar.spread(kept.hoursPerWeek, kept, e)
        : calendar.isAwayDuring(e, item)
          ? calendar.spread(hoursPerWeek, item, e)
          : undefined;
      pairs.push({ agent: e.id, task: taskId, cost: PLAN_WEIGHTS.misfitPerHour * hoursInHorizon * (1 - f), ...(pairLoad ? { load: pairLoad } : {}) });
      if (teamSize > 1 && role !== 'lead') {
        const windows = teamWindows.get(e.id) ?? new Map<string, { id: string; limit: number }>();
        if (!windows.has(item.id)) windows.set(item.id, { id: item.id, limit: 1 });
        teamWindows.set(e.id, windows);
      }
    }
    return list;
  };

  // Items from the same template share their eligible engineers: rank each requirement set once.
  const pools = new Map<string, RankedEngineer[]>();
  const idHash = new Map(snapshot.engineers.map((e) => [e.id, stringHash(e.id)]));
  const rankedPool = (item: PlanningItem, role: 'primary' | 'lead'): RankedEngineer[] => {
    const signature = [role, item.minLevel, item.requiredClearance ?? '', ...item.requiredSkills.map((r) => `${r.key}:${r.minProficiency}`).sort()].join('|');
    let ranked = pools.get(signature);
    if (!ranked) {
      ranked = skillIndex
        .holdersOf(item)
        .filter((e) => passesStaticRules(e, item, role))
        .map((e) => ({ e, pre: preScore(e, item) + 0.25 * (freeShare.get(e.id) ?? 0), hash: idHash.get(e.id) ?? 0 }))
        .sort((a, b) => b.pre - a.pre || a.hash - b.hash);
      pools.set(signature, ranked);
    }
    return ranked;
  };
  const plannedByItem = new Map<string, PlanningAssignment[]>();
  for (const a of planned) {
    const list = plannedByItem.get(a.scopeItemId) ?? [];
    list.push(a);
    plannedByItem.set(a.scopeItemId, list);
  }
  for (const item of snapshot.items) {
    checkpoint();
    const existing = plannedByItem.get(item.id) ?? [];
    const hoursPerWeek = demandHoursPerWeek(item);
    const primaries = existing.filter((a) => a.role === 'primary').slice(0, 1);
    const secondaries = existing.filter((a) => a.role === 'secondary');
    const pool = (item.maxTeamSize ?? 1) > 1 ? rankedPool(item, 'primary').map((r) => r.e) : [];
    const teamSize = teamSizeFor(hoursPerWeek, item.maxTeamSize ?? 1, pool, primaries.length + secondaries.length);
    const share = hoursPerWeek / teamSize;
    const candidates = addTask({ item, role: 'primary', taskId: `${item.id}:primary`, hoursPerWeek: share, onsiteDays: item.onsiteDays / teamSize, teamSize, existing: primaries });
    for (let member = 2; member <= teamSize && candidates; member++) {
      const holder = secondaries[member - 2];
      addTask({ item, role: 'secondary', taskId: `${item.id}:secondary:${member}`, hoursPerWeek: share, onsiteDays: item.onsiteDays / teamSize, teamSize, existing: holder ? [holder] : [], candidates });
    }
    const leads = existing.filter((a) => a.role === 'lead').slice(0, 1);
    const associateCouldTakeIt = skillIndex.holdersOf(item).some((e) => e.level === 'associate' && staticallyEligible(e, item, 'primary'));
    if (associateCouldTakeIt || leads.length > 0) {
      const leadHours = leads[0]?.hoursPerWeek ?? Math.max(PLAN_WEIGHTS.leadMinHoursPerWeek, PLAN_WEIGHTS.leadShare * hoursPerWeek);
      addTask({ item, role: 'lead', taskId: `${item.id}:lead`, hoursPerWeek: leadHours, onsiteDays: 0, teamSize, existing: leads });
    }
  }
  // Assignments beyond those modelled (a second primary or lead, a team larger than the item allows) stay as background load.
  for (const a of planned) if (!modelledAssignments.has(a)) background.push(a);
  for (const agent of agents) {
    const windows = teamWindows.get(agent.id);
    if (windows) agent.sideLimits = [...(agent.sideLimits ?? []), { resource: 'team', windows: [...windows.values()] }];
  }

  return {
    model: { schemaVersion: 1, name: `plan ${horizon.start}..${horizon.end}`, periods: weeks.length, agents, tasks, pairs, fixed, current },
    tasks: metas,
    weeks,
    fit,
    background,
    fixedAssignments,
  };
}

/** FNV-1a of a string. */
function stringHash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** A well-spread 32-bit mix (lowbias32) of two hashes: a per-task order of the engineers. */
function mixHash(a: number, b: number): number {
  let x = (a ^ Math.imul(b, 0x9e3779b1)) >>> 0;
  x ^= x >>> 16;
  x = Math.imul(x, 0x7feb352d);
  x ^= x >>> 15;
  x = Math.imul(x, 0x846ca68b);
  x ^= x >>> 16;
  return x >>> 0;
}

interface RankedEngineer {
  e: EngineerProfile;
  pre: number;
  hash: number;
}

/**
 * The candidates of a task beyond those already chosen (locked, current): the best pre-scored engineers
 * (ties in a per-task order), then a per-task spread over the other eligible engineers. Ranking by
 * pre-score alone hands every item the same few masters in a large organisation, leaving most qualified
 * engineers out of every list. `ranked` is sorted by pre-score, best first.
 */
function selectCandidates(ranked: readonly RankedEngineer[], taskId: string, chosen: readonly EngineerProfile[]): EngineerProfile[] {
  const limit = Math.max(0, PLAN_WEIGHTS.maxCandidatesPerTask - chosen.length);
  const taken = new Set(chosen.map((e) => e.id));
  const pool = taken.size === 0 ? ranked : ranked.filter((r) => !taken.has(r.e.id));
  if (pool.length <= limit) return pool.map((r) => r.e);
  const taskHash = stringHash(taskId);
  const bestCount = Math.round(limit * PLAN_WEIGHTS.bestCandidateShare);
  const out: EngineerProfile[] = [];
  let rest: readonly RankedEngineer[] = pool;
  if (bestCount > 0) {
    // Everyone above the cut's pre-score, then the tie group at the cut in a per-task order.
    const cutPre = pool[bestCount - 1].pre;
    let i = 0;
    while (pool[i].pre > cutPre) out.push(pool[i++].e);
    let j = i;
    while (j < pool.length && pool[j].pre === cutPre) j++;
    const group = pool.slice(i, j).sort((x, y) => mixHash(taskHash, x.hash) - mixHash(taskHash, y.hash));
    const need = bestCount - out.length;
    for (let k = 0; k < need; k++) out.push(group[k].e);
    rest = group.slice(need).concat(pool.slice(j));
  }
  // The spread: the engineers first in this task's order among the rest (bounded insertion, O(n)).
  const spread = limit - out.length;
  const picked: Array<{ e: EngineerProfile; order: number }> = [];
  for (const r of spread > 0 ? rest : []) {
    const order = mixHash(taskHash, r.hash);
    if (picked.length === spread && order >= picked[spread - 1].order) continue;
    let at = picked.length === spread ? spread - 1 : picked.length;
    if (picked.length < spread) picked.push({ e: r.e, order });
    while (at > 0 && picked[at - 1].order > order) {
      picked[at] = picked[at - 1];
      at--;
    }
    picked[at] = { e: r.e, order };
  }
  return out.concat(picked.map((p) => p.e));
}

/** Cheap ordering of candidates before the full fit is computed: skills above the minimum, level match. */
function preScore(engineer: EngineerProfile, item: ScopeItemDemand): number {
  let skill = 0;
  for (const req of item.requiredSkills) {
    const held = engineer.skills.find((s) => s.key === req.key);
    if (held) skill += PROFICIENCY_RANK[held.proficiency] - PROFICIENCY_RANK[req.minProficiency];
  }
  const levelGap = Math.max(0, levelRank(engineer.level) - levelRank(item.minLevel));
  return skill / Math.max(1, item.requiredSkills.length) - 0.5 * levelGap;
}

/** One staffed slot of a plan. */
export interface PlannedSlot {
  taskId: string;
  itemId: string;
  role: PlanRole;
  engineerId: string | null;
  fit: number | null;
}

/** The inverse of decodePlan: each slot's engineer as its agent index in the model (null = unstaffed), as in `Solution.assignment`. */
export function encodePlan(compiled: CompiledPlan, slots: readonly PlannedSlot[]): (number | null)[] {
  const index = new Map(compiled.model.agents.map((a, i) => [a.id, i]));
  return slots.map((s) => (s.engineerId ? (index.get(s.engineerId) ?? null) : null));
}

export function decodePlan(compiled: CompiledPlan, solution: Pick<Solution, 'assignment'>): PlannedSlot[] {
  return compiled.tasks.map((meta, index) => {
    const agentIndex = solution.assignment[index] ?? null;
    const engineerId = agentIndex === null ? null : (compiled.model.agents[agentIndex]?.id ?? null);
    return {
      taskId: meta.taskId,
      itemId: meta.itemId,
      role: meta.role,
      engineerId,
      fit: engineerId ? (compiled.fit.get(key(meta.taskId, engineerId)) ?? null) : null,
    };
  });
}

/**
 * The associate-lead rule of the rule book in a plan: a lead slot stays only where an associate holds
 * one of the item's shares (or the lead is locked). The optimizer's lead tasks are optional and fill
 * the lead's utilization, so a solver may book one with nobody under it; those slots are emptied here,
 * which frees capacity and so never breaks another rule.
 */
export function dropLeadsWithoutAssociate(compiled: CompiledPlan, slots: readonly PlannedSlot[]): PlannedSlot[] {
  const needsLead = new Set(compiled.model.agents.filter((a) => a.class === NEEDS_LEAD_CLASS).map((a) => a.id));
  const fixed = new Set((compiled.model.fixed ?? []).map((f) => key(f.task, f.agent)));
  const associateOn = new Set(slots.filter((s) => s.role !== 'lead' && s.engineerId !== null && needsLead.has(s.engineerId)).map((s) => s.itemId));
  return slots.map((s) =>
    s.role === 'lead' && s.engineerId !== null && !associateOn.has(s.itemId) && !fixed.has(key(s.taskId, s.engineerId)) ? { ...s, engineerId: null, fit: null } : s,
  );
}

/**
 * A team always has its primary: where a solver staffed secondaries but left the primary share open,
 * one secondary moves to the primary share. The shares of an item have the same load, side use and
 * candidate list, so the move changes no load and no rule; locked slots stay where they are.
 */
export function promoteToPrimary(compiled: CompiledPlan, slots: readonly PlannedSlot[]): PlannedSlot[] {
  const fixed = new Set((compiled.model.fixed ?? []).map((f) => f.task));
  const out = slots.map((s) => ({ ...s }));
  const primaryOf = new Map(out.filter((s) => s.role === 'primary').map((s) => [s.itemId, s]));
  for (const s of out) {
    const primary = primaryOf.get(s.itemId);
    if (s.role !== 'secondary' || s.engineerId === null || !primary || primary.engineerId !== null || fixed.has(s.taskId)) continue;
    primary.engineerId = s.engineerId;
    primary.fit = compiled.fit.get(key(primary.taskId, s.engineerId)) ?? s.fit;
    s.engineerId = null;
    s.fit = null;
  }
  return out;
}

/** The rule book's team and lead rules applied to a solver's answer. */
export function normalisePlan(compiled: CompiledPlan, slots: readonly PlannedSlot[]): PlannedSlot[] {
  return dropLeadsWithoutAssociate(compiled, promoteToPrimary(compiled, slots));
}
