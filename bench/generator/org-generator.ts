import {
  addDays,
  countWorkingDays,
  DateRange,
  EngineerProfile,
  expandTemplate,
  intersectRanges,
  isoWeekday,
  Level,
  Proficiency,
  SCOPE_TEMPLATES,
  ScopeItemKind,
  ScopeTemplate,
  defaultTeamSize,
  mergeRanges,
} from '../../libs/domain/src';
import { daysOffIn } from '../../libs/core/src/working-calendar/public-holidays';
import { PlanningAssignment, PlanningItem, PlanningSnapshot } from '../../libs/core/src/planning/plan-model';

/** Organisation sizes of the benchmark (engineers × scope items, over 26 weeks). */
export const ORG_SIZES = {
  S: { engineers: 50, items: 150 },
  M: { engineers: 300, items: 1000 },
  L: { engineers: 1000, items: 4000 },
  XL: { engineers: 3000, items: 12000 },
} as const;
export type OrgSize = keyof typeof ORG_SIZES;

export interface OrgSpec {
  engineers: number;
  items: number;
  /** First Monday of the horizon. */
  start: string;
  weeks: number;
  seed: number;
  /** Demand as a share of the billable engineers' maximum capacity over the horizon. */
  demandShare: number;
  /** Share of scope items that already have a (movable) primary assignment. */
  preassignedShare: number;
  /** Public holidays of each engineer's country (from their time zone) as days away. */
  holidays: boolean;
  /**
   * Large installations and migrations get their default maxTeamSize and run that many times the
   * weekly hours (in as many times fewer weeks), so they need a team.
   */
  teams: boolean;
}

export interface GeneratedCustomer {
  id: string;
  name: string;
  region: string;
  timezone: string;
  publicSector: boolean;
  requiredClearance: string | null;
}

export interface GeneratedSow {
  id: string;
  customerId: string;
  title: string;
  start: string;
  end: string;
}

export interface GeneratedEngineer extends EngineerProfile {
  name: string;
  email: string;
}

export interface GeneratedOrganisation {
  spec: OrgSpec;
  engineers: GeneratedEngineer[];
  customers: GeneratedCustomer[];
  sows: GeneratedSow[];
  items: Array<PlanningItem & { templateKey: string; estimatedHours: number; kind: ScopeItemKind; details: object; parameters: Record<string, unknown> }>;
  snapshot: PlanningSnapshot;
}

/** mulberry32: small, fast, good enough for synthetic data; same seed → same organisation. */
export function createRng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Rng = () => number;
const pick = <T>(rng: Rng, values: readonly T[]): T => values[Math.floor(rng() * values.length)] as T;
function weighted<T>(rng: Rng, entries: ReadonlyArray<readonly [T, number]>): T {
  const total = entries.reduce((a, [, w]) => a + w, 0);
  let r = rng() * total;
  for (const [value, w] of entries) {
    r -= w;
    if (r <= 0) return value;
  }
  return entries[entries.length - 1][0];
}

/** A deterministic UUID-shaped id (the api stores UUIDs). */
function uuid(rng: Rng): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(rng() * 16).toString(16)).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

const REGIONS = [
  { region: 'amer', zones: ['America/New_York', 'America/Chicago', 'America/Denver', 'America/Los_Angeles', 'America/Toronto'], weight: 0.45 },
  { region: 'emea', zones: ['Europe/London', 'Europe/Berlin', 'Europe/Amsterdam', 'Europe/Paris', 'Europe/Madrid'], weight: 0.35 },
  { region: 'apac', zones: ['Asia/Singapore', 'Australia/Sydney', 'Asia/Tokyo', 'Asia/Kolkata'], weight: 0.2 },
] as const;

/** The country (and subdivision) of each generated time zone, for its public holidays. */
const COUNTRY_OF_ZONE: Readonly<Record<string, readonly [string, string | null]>> = {
  'America/New_York': ['US', 'US-NY'],
  'America/Chicago': ['US', 'US-IL'],
  'America/Denver': ['US', 'US-CO'],
  'America/Los_Angeles': ['US', 'US-CA'],
  'America/Toronto': ['CA', 'CA-ON'],
  'Europe/London': ['GB', 'GB-ENG'],
  'Europe/Berlin': ['DE', 'DE-BE'],
  'Europe/Amsterdam': ['NL', null],
  'Europe/Paris': ['FR', null],
  'Europe/Madrid': ['ES', 'ES-MD'],
  'Asia/Singapore': ['SG', null],
  'Australia/Sydney': ['AU', 'AU-NSW'],
  'Asia/Tokyo': ['JP', null],
  'Asia/Kolkata': ['IN', null],
};

const FIRST = ['Alex', 'Sam', 'Jordan', 'Priya', 'Chen', 'Fatima', 'Lars', 'Maria', 'Kenji', 'Amara', 'Diego', 'Ingrid', 'Omar', 'Zoe', 'Ravi', 'Noor', 'Tomás', 'Yuki', 'Ada', 'Felix'];
const LAST = ['Nguyen', 'Smith', 'Okafor', 'Müller', 'Rossi', 'Kowalski', 'Tanaka', 'Haddad', 'Silva', 'Johansson', 'Patel', 'Garcia', 'Kim', 'Dubois', 'Byrne', 'Novak'];
const COMPANY = ['Acme', 'Globex', 'Initech', 'Umbrella', 'Stark', 'Wayne', 'Tyrell', 'Soylent', 'Hooli', 'Vandelay', 'Cyberdyne', 'Wonka', 'Gringotts', 'Oceanic', 'Monarch'];
const SUFFIX = ['Bank', 'Health', 'Logistics', 'Telecom', 'Retail', 'Energy', 'Insurance', 'Labs', 'Agency', 'Systems'];

/** PS engineers specialise: a main practice and sometimes a second; core skills come together, optional ones less often. */
const PRACTICES: ReadonlyArray<readonly [{ core: readonly string[]; optional: readonly string[] }, number]> = [
  [{ core: ['terraform', 'ansible', 'gitlab-environment-toolkit', 'ha-architecture'], optional: ['packer', 'kubernetes', 'gitlab-cloud-native', 'gitlab-geo', 'puppet', 'chef', 'python'] }, 0.45],
  [{ core: ['congregate', 'github', 'gitlab-self-managed', 'python'], optional: ['bitbucket', 'subversion', 'azure-devops', 'ruby'] }, 0.28],
  [{ core: ['jenkins', 'gitlab-ci'], optional: ['kubernetes', 'go', 'python', 'azure-devops'] }, 0.12],
  [{ core: ['training-delivery', 'gitlab-ci'], optional: ['gitlab-cloud-native', 'kubernetes'] }, 0.1],
  [{ core: ['ha-architecture', 'gitlab-geo'], optional: ['kubernetes', 'terraform', 'ansible'] }, 0.05],
];
const ALL_SKILLS = [...new Set(PRACTICES.flatMap(([p]) => [...p.core, ...p.optional]).concat(['gitlab-omnibus', 'gitlab-administration', 'aws', 'gcp', 'azure']))];
const PROFICIENCY_ORDER: readonly Proficiency[] = ['exposure', 'experience', 'mastery'];

function drawSkills(rng: Rng, level: Level): Array<{ key: string; proficiency: Proficiency }> {
  // Depth is per practice (an installer is deep across the install stack), with some spread per skill.
  const practiceDepth = (): number => PROFICIENCY_ORDER.indexOf(weighted(rng, PROFICIENCY_BY_LEVEL[level]));
  const depth = (base: number): Proficiency =>
    PROFICIENCY_ORDER[Math.max(0, Math.min(2, base + weighted(rng, [[0, 0.8], [-1, 0.12], [1, 0.08]] as const)))];
  const general = practiceDepth();
  const practices = [weighted(rng, PRACTICES)];
  if (rng() < 0.4) practices.push(weighted(rng, PRACTICES));
  const held = new Map<string, Proficiency>();
  held.set('gitlab-omnibus', depth(general));
  if (rng() < 0.92) held.set('gitlab-administration', depth(general));
  const clouds = ['aws', 'gcp', 'azure'].filter((_, i) => rng() < [0.75, 0.4, 0.4][i]);
  for (const cloud of clouds.length > 0 ? clouds : ['aws']) held.set(cloud, depth(general));
  for (const practice of practices) {
    const base = Math.max(general, practiceDepth());
    for (const key of practice.core) if (rng() < 0.92) held.set(key, depth(base));
    for (const key of practice.optional) if (!held.has(key) && rng() < 0.35) held.set(key, depth(base - 1));
  }
  for (const key of ALL_SKILLS) if (!held.has(key) && rng() < 0.05) held.set(key, 'exposure');
  return [...held].map(([key, proficiency]) => ({ key, proficiency }));
}

const PROFICIENCY_BY_LEVEL: Record<Level, ReadonlyArray<readonly [Proficiency, number]>> = {
  associate: [['exposure', 0.5], ['experience', 0.45], ['mastery', 0.05]],
  intermediate: [['exposure', 0.1], ['experience', 0.6], ['mastery', 0.3]],
  senior: [['exposure', 0.05], ['experience', 0.35], ['mastery', 0.6]],
  senior_manager: [['exposure', 0.1], ['experience', 0.4], ['mastery', 0.5]],
};

const TEMPLATE_MIX: ReadonlyArray<readonly [string, number]> = [
  ['install-ra-1k', 6], ['install-ra-2k', 6], ['install-ra-3k-ha', 8], ['install-ra-5k-ha', 6], ['install-ra-10k-ha', 5],
  ['install-ra-25k-ha', 2], ['install-ra-50k-ha', 1], ['install-cloud-native-hybrid', 4], ['geo-secondary', 3],
  ['migration-github', 8], ['migration-bitbucket-server', 5], ['migration-gitlab-to-saas', 9], ['migration-subversion', 2],
  ['migration-jenkins-ci', 6], ['migration-azure-devops', 3], ['training-git-basics', 4], ['training-cicd', 4],
  ['training-security', 2], ['training-administration', 3], ['advisory-block', 6], ['health-check', 4], ['documentation', 3],
];

function templateParams(rng: Rng, template: ScopeTemplate): Record<string, unknown> {
  const params: Record<string, unknown> = {};
  for (const p of template.parameters) {
    if (!p.required && rng() < 0.5) continue;
    if (p.type === 'bool') params[p.name] = rng() < 0.25;
    else if (p.allowedValues && p.allowedValues.length > 0) params[p.name] = pick(rng, p.allowedValues);
    else if (p.type !== 'enum') {
      const lo = p.min ?? 1;
      const hi = Math.min(p.max ?? 100, p.name.toLowerCase().includes('count') ? 3000 : p.name === 'weeks' ? 8 : p.name === 'days' ? 15 : p.name === 'attendees' ? 36 : 100);
      params[p.name] = lo + Math.floor(rng() * Math.max(1, hi - lo + 1));
    }
  }
  return params;
}

function expand(rng: Rng, template: ScopeTemplate): ReturnType<typeof expandTemplate> {
  // Random parameters can clash (e.g. Kubernetes on Azure); retry, then fall back to the defaults.
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      return expandTemplate(template, templateParams(rng, template));
    } catch {
      continue;
    }
  }
  // Only the required parameters, at their smallest values.
  const minimal: Record<string, unknown> = {};
  for (const p of template.parameters) {
    if (p.required) minimal[p.name] = p.allowedValues?.[0] ?? (p.type === 'bool' ? false : (p.min ?? 1));
  }
  return expandTemplate(template, minimal);
}

const nextMonday = (date: string): string => {
  let d = date;
  while (isoWeekday(d) !== 1) d = addDays(d, 1);
  return d;
};

/**
 * A seeded synthetic PS organisation: engineers with the level mix, regions, clearances and skill
 * distributions of the role; customers (some public sector); SOWs of 1–5 scope items drawn from the
 * catalogue; time off; and a share of items already staffed (not always well) as today's assignments.
 */
export function generateOrganisation(input: Partial<OrgSpec> & { size?: OrgSize } = {}): GeneratedOrganisation {
  const base = input.size ? ORG_SIZES[input.size] : ORG_SIZES.S;
  const spec: OrgSpec = {
    engineers: input.engineers ?? base.engineers,
    items: input.items ?? base.items,
    start: nextMonday(input.start ?? '2027-01-04'),
    weeks: input.weeks ?? 26,
    seed: input.seed ?? 42,
    demandShare: input.demandShare ?? 0.75,
    preassignedShare: input.preassignedShare ?? 0.35,
    holidays: input.holidays ?? true,
    teams: input.teams ?? true,
  };
  const rng = createRng(spec.seed);
  const horizon: DateRange = { start: spec.start, end: addDays(spec.start, spec.weeks * 7 - 3) };

  const engineers: GeneratedEngineer[] = [];
  for (let i = 0; i < spec.engineers; i++) {
    const level = weighted<Level>(rng, [['associate', 0.3], ['intermediate', 0.35], ['senior', 0.28], ['senior_manager', 0.07]]);
    const region = weighted(rng, REGIONS.map((r) => [r, r.weight] as const));
    const skills = drawSkills(rng, level);
    const timeOff: DateRange[] = [];
    const blocks = 1 + Math.floor(rng() * 3);
    for (let b = 0; b < blocks; b++) {
      const start = addDays(horizon.start, Math.floor(rng() * (spec.weeks * 7 - 14)));
      timeOff.push({ start, end: addDays(start, 2 + Math.floor(rng() * 9)) });
    }
    timeOff.sort((a, b) => (a.start < b.start ? -1 : 1));
    const merged: DateRange[] = [];
    for (const r of timeOff) {
      const last = merged[merged.length - 1];
      if (last && r.start <= last.end) last.end = r.end > last.end ? r.end : last.end;
      else merged.push({ ...r });
    }
    const clearance = region.region === 'amer' ? weighted<string | null>(rng, [[null, 0.65], ['secret', 0.25], ['top_secret', 0.1]]) : null;
    const first = pick(rng, FIRST);
    const last = pick(rng, LAST);
    engineers.push({
      id: uuid(rng),
      name: `${first} ${last}`,
      email: `${first}.${last}.${i}`.toLowerCase().normalize('NFD').replace(/[^a-z0-9.]/g, '') + '@ps.example',
      level,
      leadCapable: level === 'senior' || level === 'senior_manager' || (level === 'intermediate' && rng() < 0.1),
      active: rng() > 0.02,
      billable: level !== 'senior_manager',
      clearance,
      skills,
      region: region.region,
      timezone: pick(rng, region.zones),
      weeklyCapacityHours: rng() < 0.08 ? 32 : 40,
      utilizationTarget: 0.7,
      maxUtilization: 1,
      travelLimit: 0.2,
      timeOff: merged,
    });
  }

  const customerCount = Math.max(3, Math.round(spec.items / 12));
  const customers: GeneratedCustomer[] = Array.from({ length: customerCount }, (_, i) => {
    const region = weighted(rng, REGIONS.map((r) => [r, r.weight] as const));
    const publicSector = region.region === 'amer' && rng() < 0.2;
    return {
      id: uuid(rng),
      name: `${pick(rng, COMPANY)} ${pick(rng, SUFFIX)} ${i + 1}`,
      region: region.region,
      timezone: pick(rng, region.zones),
      publicSector,
      requiredClearance: publicSector ? weighted<string>(rng, [['secret', 0.8], ['top_secret', 0.2]]) : null,
    };
  });

  const templates = new Map(SCOPE_TEMPLATES.map((t) => [t.key, t]));
  const sows: GeneratedSow[] = [];
  interface Draw {
    sow: GeneratedSow;
    customer: GeneratedCustomer;
    expanded: ReturnType<typeof expandTemplate>;
    hoursPerWeek: number;
    offsetWeeks: number;
    extraOnsite: number;
    priority: number;
    id: string;
  }
  const draws: Draw[] = [];
  while (draws.length < spec.items) {
    const customer = pick(rng, customers);
    // A rolling plan: engagements that started up to 16 weeks ago run into the horizon, others start later.
    const sowStart = addDays(horizon.start, 7 * (Math.floor(rng() * (spec.weeks + 14)) - 16));
    const sow: GeneratedSow = { id: uuid(rng), customerId: customer.id, title: `${customer.name} engagement ${sows.length + 1}`, start: sowStart, end: sowStart };
    sows.push(sow);
    const count = Math.min(spec.items - draws.length, 1 + Math.floor(rng() * 5));
    for (let k = 0; k < count; k++) {
      const template = templates.get(weighted(rng, TEMPLATE_MIX));
      if (!template) continue;
      draws.push({
        sow,
        customer,
        expanded: expand(rng, template),
        hoursPerWeek: weighted(rng, [[16, 0.2], [20, 0.25], [24, 0.2], [32, 0.25], [40, 0.1]] as const),
        offsetWeeks: Math.floor(rng() * 3),
        extraOnsite: rng() < 0.15 ? 1 + Math.floor(rng() * 4) : 0,
        priority: rng(),
        id: uuid(rng),
      });
    }
  }

  // One engineer delivers one scope item, so an item is capped at what one person does in 20 weeks
  // (a team item at what its team does).
  const itemCap = 32 * Math.min(20, spec.weeks - 2);
  const teamOf = (d: Draw): number => (spec.teams ? defaultTeamSize(d.expanded.kind, d.expanded.estimatedHours) : 1);
  const layout = (scale: number) =>
    draws.map((d) => {
      const team = teamOf(d);
      const estimatedHours = Math.max(8, Math.round(Math.min(itemCap * team, d.expanded.estimatedHours * scale)));
      const hoursPerWeek = Math.max(d.hoursPerWeek * team, estimatedHours / 20);
      const weeks = Math.max(1, Math.ceil(estimatedHours / hoursPerWeek));
      const start = addDays(d.sow.start, 7 * d.offsetWeeks);
      const end = addDays(start, weeks * 7 - 3);
      return { d, estimatedHours, start, end, workingDays: countWorkingDays({ start, end }), team };
    });
  // Scale effort so that the demand falling inside the horizon is the requested share of capacity.
  const supply = engineers.filter((e) => e.active && e.billable).reduce((a, e) => a + e.weeklyCapacityHours * spec.weeks, 0);
  const inHorizon = (scale: number): number =>
    layout(scale).reduce((sum, l) => {
      const overlap = intersectRanges(l, horizon);
      return sum + (overlap ? (l.estimatedHours * countWorkingDays(overlap)) / Math.max(1, l.workingDays) : 0);
    }, 0);
  let lo = 0;
  let hi = 1;
  while (inHorizon(hi) < spec.demandShare * supply && hi < 1e6) hi *= 2;
  for (let i = 0; i < 40; i++) {
    const mid = (lo + hi) / 2;
    if (inHorizon(mid) < spec.demandShare * supply) lo = mid;
    else hi = mid;
  }

  const items: GeneratedOrganisation['items'] = layout(hi).map(({ d, estimatedHours, start, end, workingDays, team }, index) => {
    if (end > d.sow.end) d.sow.end = end;
    return {
      id: d.id,
      sowId: d.sow.id,
      customerId: d.customer.id,
      title: `${d.expanded.name} #${index + 1}`,
      templateKey: d.expanded.templateKey,
      kind: d.expanded.kind,
      details: d.expanded.details,
      parameters: d.expanded.parameters,
      estimatedHours,
      start,
      end,
      hoursPerWeek: (estimatedHours * 5) / Math.max(1, workingDays),
      minLevel: d.expanded.minLevel,
      requiredSkills: d.expanded.requiredSkills,
      onsiteDays: Math.min(d.expanded.onsiteDays + d.extraOnsite, Math.floor(workingDays / 2)),
      requiredClearance: d.customer.requiredClearance,
      priority: d.priority,
      customer: { region: d.customer.region, timezone: d.customer.timezone },
      maxTeamSize: team,
    };
  });

  // Today's staffing: a share of items already has a primary, picked roughly (any engineer of the level).
  const assignments: PlanningAssignment[] = [];
  for (const item of items) {
    if (rng() >= spec.preassignedShare) continue;
    const candidates = engineers.filter(
      (e) => e.active && e.billable && item.requiredSkills.every((r) => e.skills.some((s) => s.key === r.key)) && (item.requiredClearance === null || e.clearance !== null),
    );
    if (candidates.length === 0) continue;
    const engineer = pick(rng, candidates);
    assignments.push({
      id: uuid(rng),
      scopeItemId: item.id,
      sowId: item.sowId,
      customerId: item.customerId,
      engineerId: engineer.id,
      role: 'primary',
      start: item.start,
      end: item.end,
      hoursPerWeek: item.hoursPerWeek ?? 0,
      onsiteDays: item.onsiteDays,
      movable: true,
    });
  }

  // Public holidays by country, as the api applies them (no random draws: the rest of the organisation is unchanged).
  if (spec.holidays) {
    const window = { start: addDays(horizon.start, -31), end: addDays(horizon.end, 31) };
    for (const e of engineers) {
      const region = COUNTRY_OF_ZONE[e.timezone];
      if (region) e.timeOff = mergeRanges([...e.timeOff, ...daysOffIn(region[0], region[1], [], window)]);
    }
  }

  // The planner reads what overlaps the horizon; earlier engagements are history.
  const live = <T extends DateRange>(r: T): boolean => intersectRanges(r, horizon) !== null;
  return { spec, engineers, customers, sows, items, snapshot: { horizon, engineers, items: items.filter(live), assignments: assignments.filter(live) } };
}
