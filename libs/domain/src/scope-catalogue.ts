import { DomainError, DomainErrorDetail } from './domain-error';
import { SkillRequirement } from './eligibility';
import {
  ArchitectureSize,
  assertScopeDetails,
  DocumentationDeliverable,
  HA_ARCHITECTURE_SIZES,
  IacTool,
  InstallPlatform,
  MAX_ATTENDEES_PER_CLASS,
  MigrationDetails,
  MigrationTarget,
  ScopeDetails,
  TrainingCourse,
} from './scope-details';
import { Level, LEVELS, Proficiency, PROFICIENCY_RANK, ScopeItemKind } from './vocabulary';

/*
 * The seed scope catalogue, grounded in notes/domain-reference.md section 6. Effort figures are PSE days
 * at 8 h/day and are ESTIMATES unless a source key is given: GitLab publishes no per-activity hours.
 */

export const HOURS_PER_DAY = 8;

export const TEMPLATE_PARAMETER_TYPES = ['enum', 'int', 'bool'] as const;
export type TemplateParameterType = (typeof TEMPLATE_PARAMETER_TYPES)[number];
export type ParameterValue = string | number | boolean;

export interface TemplateParameter {
  name: string;
  type: TemplateParameterType;
  description: string;
  required: boolean;
  default?: ParameterValue;
  allowedValues?: readonly string[];
  min?: number;
  max?: number;
}

export interface ScopeTemplate {
  /** Stable key; stored on scope items created from the template, so DO NOT RENAME. */
  key: string;
  name: string;
  kind: ScopeItemKind;
  description: string;
  /** With default parameters (for migrations: the fixed setup part only). */
  defaultEstimatedHours: number;
  requiredSkills: readonly SkillRequirement[];
  minLevel: Level;
  onsiteDays: number;
  parameters: readonly TemplateParameter[];
  /** Source keys from the domain reference; 'estimate' where the numbers are ours. */
  sources: readonly string[];
}

export interface ExpandedScope {
  templateKey: string;
  kind: ScopeItemKind;
  name: string;
  estimatedHours: number;
  requiredSkills: SkillRequirement[];
  minLevel: Level;
  onsiteDays: number;
  details: ScopeDetails;
  /** The parameters after defaults were applied. */
  parameters: Record<string, ParameterValue>;
  /** How the effort was reached, one line per term (days). */
  effort: string[];
}

/** Platform effort multipliers: direction from [HB-IMPL], factors are estimates. */
export const PLATFORM_EFFORT_MULTIPLIERS: Readonly<Record<InstallPlatform, number>> = {
  aws: 1.0,
  gcp: 1.1,
  azure: 1.1,
  on_prem: 1.25,
};
/** On-prem installs add on-site days (estimate). */
export const ON_PREM_ONSITE_DAYS = 2;

/** Base effort per reference architecture (estimates; VM counts from [RA-*]). */
export const ARCHITECTURE_BASE_DAYS: Readonly<Record<ArchitectureSize, number>> = {
  '1k': 5,
  '2k': 8,
  '3k': 15,
  '5k': 16,
  '10k': 20,
  '25k': 22,
  '50k': 25,
};

const IAC_CHOICES = ['terraform+ansible', 'puppet', 'chef', 'none'] as const;
type IacChoice = (typeof IAC_CHOICES)[number];
const IAC_TOOLS_OF: Readonly<Record<IacChoice, IacTool[]>> = {
  // GET is Terraform + Ansible [GET-README].
  'terraform+ansible': ['terraform', 'ansible', 'gitlab-environment-toolkit'],
  puppet: ['puppet'],
  chef: ['chef'],
  none: [],
};
/** Hardening adders from [HB-IMPL]; days are estimates. */
const CUSTOM_IAC_DAYS = 5;
const AIR_GAPPED_DAYS = 5;

// --- parameter builders -------------------------------------------------------------------------

const enumParam = (name: string, values: readonly string[], description: string, dflt?: string): TemplateParameter => ({
  name,
  type: 'enum',
  description,
  allowedValues: values,
  required: dflt === undefined,
  ...(dflt !== undefined ? { default: dflt } : {}),
});
const intParam = (name: string, description: string, min: number, max: number, dflt?: number): TemplateParameter => ({
  name,
  type: 'int',
  description,
  min,
  max,
  required: dflt === undefined,
  ...(dflt !== undefined ? { default: dflt } : {}),
});
const boolParam = (name: string, description: string, dflt: boolean): TemplateParameter => ({
  name,
  type: 'bool',
  description,
  required: false,
  default: dflt,
});

const CLOUD_PARAM = enumParam('cloud', ['aws', 'gcp', 'azure', 'on_prem'], 'Target platform; sets the effort multiplier', 'aws');
const IAC_PARAM = enumParam('iac', IAC_CHOICES, "Provisioning: 'terraform+ansible' means GitLab Environment Toolkit", 'terraform+ansible');
const AIR_GAPPED_PARAM = boolParam('airGapped', 'Offline environment (+5 d, estimate)', false);
const GITALY_CLUSTER_PARAM = boolParam('gitalyCluster', 'Gitaly Cluster (Praefect) instead of sharded Gitaly', false);
const TARGET_PARAM = (dflt: MigrationTarget): TemplateParameter =>
  enumParam('target', ['saas', 'self_managed', 'dedicated'], 'Destination: GitLab.com, self-managed or Dedicated', dflt);
const PROJECT_COUNT_PARAM = intParam('projectCount', 'Projects or repositories to move', 1, 1_000_000);
const USER_COUNT_PARAM = intParam('userCount', 'Users to migrate', 0, 1_000_000, 0);

// --- skills by installation size ----------------------------------------------------------------

type InstallTier = 'single' | 'small' | 'ha' | 'large_ha';
const TIER_OF: Readonly<Record<ArchitectureSize, InstallTier>> = {
  '1k': 'single',
  '2k': 'small',
  '3k': 'ha',
  '5k': 'ha',
  '10k': 'large_ha',
  '25k': 'large_ha',
  '50k': 'large_ha',
};
const TIER_LEVEL: Readonly<Record<InstallTier, Level>> = { single: 'associate', small: 'associate', ha: 'intermediate', large_ha: 'senior' };
// Larger architectures need deeper IaC skill; 10k+ HA needs mastery of the chosen tools and of HA.
const TIER_IAC: Readonly<Record<InstallTier, Proficiency>> = { single: 'exposure', small: 'experience', ha: 'experience', large_ha: 'mastery' };
const TIER_CLOUD: Readonly<Record<InstallTier, Proficiency>> = { single: 'exposure', small: 'experience', ha: 'experience', large_ha: 'experience' };
const TIER_HA: Readonly<Record<InstallTier, Proficiency | null>> = { single: null, small: null, ha: 'experience', large_ha: 'mastery' };

function mergeSkills(skills: readonly SkillRequirement[]): SkillRequirement[] {
  const byKey = new Map<string, SkillRequirement>();
  for (const s of skills) {
    const prior = byKey.get(s.key);
    if (!prior || PROFICIENCY_RANK[s.minProficiency] > PROFICIENCY_RANK[prior.minProficiency]) byKey.set(s.key, { ...s });
  }
  return [...byKey.values()];
}

function maxLevel(a: Level, b: Level): Level {
  return LEVELS.indexOf(a) >= LEVELS.indexOf(b) ? a : b;
}

function installSkills(size: ArchitectureSize, cloud: InstallPlatform, iac: IacChoice): SkillRequirement[] {
  const tier = TIER_OF[size];
  const skills: SkillRequirement[] = [
    { key: 'gitlab-omnibus', minProficiency: 'experience' },
    { key: 'gitlab-administration', minProficiency: 'experience' },
  ];
  const ha = TIER_HA[tier];
  if (ha) skills.push({ key: 'ha-architecture', minProficiency: ha });
  for (const tool of IAC_TOOLS_OF[iac]) skills.push({ key: tool, minProficiency: TIER_IAC[tier] });
  if (cloud !== 'on_prem') skills.push({ key: cloud, minProficiency: TIER_CLOUD[tier] });
  return skills;
}

// --- template data ------------------------------------------------------------------------------

const RA_NAMES: Readonly<Record<ArchitectureSize, string>> = {
  '1k': 'Up to 20 RPS or 1,000 users (single node)',
  '2k': 'Up to 40 RPS or 2,000 users (8 VMs)',
  '3k': 'Up to 60 RPS or 3,000 users, HA (27 VMs)',
  '5k': 'Up to 100 RPS or 5,000 users, HA (27 VMs)',
  '10k': 'Up to 200 RPS or 10,000 users, HA (32 VMs)',
  '25k': 'Up to 500 RPS or 25,000 users, HA (34 VMs)',
  '50k': 'Up to 1000 RPS or 50,000 users, HA (41 VMs)',
};

const RA_SIZES: readonly ArchitectureSize[] = ['1k', '2k', '3k', '5k', '10k', '25k', '50k'];
const raKey = (size: ArchitectureSize): string => `install-ra-${size}${HA_ARCHITECTURE_SIZES.includes(size) ? '-ha' : ''}`;

function raTemplate(size: ArchitectureSize): ScopeTemplate {
  const ha = HA_ARCHITECTURE_SIZES.includes(size);
  return {
    key: raKey(size),
    name: `GitLab install: reference architecture ${RA_NAMES[size]}`,
    kind: 'installation',
    description: `Linux-package (Omnibus) install of the ${size} reference architecture with GET or the customer's IaC, ` +
      'configuration and hand-over. Effort is an estimate.',
    defaultEstimatedHours: ARCHITECTURE_BASE_DAYS[size] * HOURS_PER_DAY,
    requiredSkills: installSkills(size, 'aws', 'terraform+ansible'),
    minLevel: TIER_LEVEL[TIER_OF[size]],
    onsiteDays: 0,
    parameters: ha ? [CLOUD_PARAM, IAC_PARAM, AIR_GAPPED_PARAM, GITALY_CLUSTER_PARAM] : [CLOUD_PARAM, IAC_PARAM, AIR_GAPPED_PARAM],
    sources: [`RA-${size.toUpperCase()}`, 'RA-IDX', 'estimate'],
  };
}

const TRAINING: Readonly<Record<string, { course: TrainingCourse; name: string; deliveryDays: number; skills: SkillRequirement[] }>> = {
  'training-git-basics': { course: 'git-basics', name: 'GitLab with Git Basics', deliveryDays: 1, skills: [] },
  'training-cicd': { course: 'cicd', name: 'GitLab CI/CD', deliveryDays: 1, skills: [{ key: 'gitlab-ci', minProficiency: 'mastery' }] },
  'training-security': { course: 'security-essentials', name: 'GitLab Security Essentials', deliveryDays: 1, skills: [] },
  'training-administration': {
    course: 'system-administration',
    name: 'GitLab System Administration',
    deliveryDays: 2,
    skills: [{ key: 'gitlab-administration', minProficiency: 'mastery' }],
  },
};
/** Preparation per engagement, and delivery days per class: durations are not published [HB-SKU], so estimates. */
const TRAINING_PREP_DAYS = 0.5;

function trainingTemplate(key: string): ScopeTemplate {
  const t = TRAINING[key];
  if (!t) throw new Error(`unknown training template ${key}`);
  return {
    key,
    name: `Training: ${t.name}`,
    kind: 'training',
    description: `Instructor-led ${t.name} class, remote or on site, up to ${MAX_ATTENDEES_PER_CLASS} attendees per class. ` +
      'On-site travel and expenses are billed separately.',
    defaultEstimatedHours: (TRAINING_PREP_DAYS + t.deliveryDays) * HOURS_PER_DAY,
    requiredSkills: [{ key: 'training-delivery', minProficiency: 'mastery' }, ...t.skills],
    minLevel: 'intermediate',
    onsiteDays: 0,
    parameters: [
      enumParam('mode', ['remote', 'on_site'], 'Delivery mode; on site adds on-site days equal to delivery days', 'remote'),
      intParam('attendees', `Attendees; a class holds at most ${MAX_ATTENDEES_PER_CLASS}`, 1, 240, MAX_ATTENDEES_PER_CLASS),
    ],
    sources: ['HB-SKU', 'HB-ILT', 'HB-EDU', 'estimate'],
  };
}

export const SCOPE_TEMPLATES: readonly ScopeTemplate[] = [
  ...RA_SIZES.map(raTemplate),
  {
    key: 'install-cloud-native-hybrid',
    name: 'GitLab install: Cloud Native Hybrid (Kubernetes)',
    kind: 'installation',
    description:
      'Stateless components on Kubernetes through the Helm charts, Gitaly, PostgreSQL and Redis on VMs or managed services. ' +
      'Advanced; recommended on AWS and GCP only. Effort ×1.0 of the same-size VM install (estimate).',
    defaultEstimatedHours: ARCHITECTURE_BASE_DAYS['3k'] * HOURS_PER_DAY,
    requiredSkills: [
      ...installSkills('3k', 'aws', 'terraform+ansible'),
      { key: 'kubernetes', minProficiency: 'experience' },
      { key: 'gitlab-cloud-native', minProficiency: 'experience' },
    ],
    minLevel: 'intermediate',
    onsiteDays: 0,
    parameters: [
      enumParam('architectureSize', ['2k', '3k', '5k', '10k', '25k', '50k'], 'Reference architecture (hybrid exists for 2k–50k)', '3k'),
      enumParam('cloud', ['aws', 'gcp'], 'Hybrid is recommended on AWS (EKS) and GCP (GKE) only', 'aws'),
      IAC_PARAM,
      AIR_GAPPED_PARAM,
    ],
    sources: ['RA-IDX', 'HB-IMPL', 'GET-README', 'estimate'],
  },
  {
    key: 'geo-secondary',
    name: 'GitLab Geo secondary site',
    kind: 'installation',
    description:
      'Adds a Geo secondary (read replica, warm standby). Single node by default; an HA secondary adds 20–25 days. ' +
      'Geo is not HA and failover needs a person.',
    defaultEstimatedHours: 5 * HOURS_PER_DAY,
    requiredSkills: [
      { key: 'gitlab-geo', minProficiency: 'experience' },
      { key: 'gitlab-omnibus', minProficiency: 'experience' },
      { key: 'terraform', minProficiency: 'experience' },
      { key: 'ansible', minProficiency: 'experience' },
      { key: 'gitlab-environment-toolkit', minProficiency: 'experience' },
      { key: 'aws', minProficiency: 'experience' },
    ],
    minLevel: 'senior',
    onsiteDays: 0,
    parameters: [
      boolParam('ha', 'HA secondary (+20–25 d [HB-IMPL]) instead of one large node', false),
      enumParam('architectureSize', HA_ARCHITECTURE_SIZES, 'Size of an HA secondary', '3k'),
      CLOUD_PARAM,
      IAC_PARAM,
    ],
    sources: ['GEO', 'HB-IMPL', 'estimate'],
  },
  {
    key: 'migration-github',
    name: 'Migration: GitHub (GHE or GitHub.com) to GitLab',
    kind: 'migration',
    description: 'Congregate or the GitHub importer, in daily waves. Setup 5 d + one day per wave (estimate; wave sizes from [HB-MIG]).',
    defaultEstimatedHours: 5 * HOURS_PER_DAY,
    requiredSkills: [
      { key: 'congregate', minProficiency: 'experience' },
      { key: 'github', minProficiency: 'exposure' },
    ],
    minLevel: 'associate',
    onsiteDays: 0,
    parameters: [
      enumParam('sourceEdition', ['ghe', 'github_com'], 'GitHub Enterprise Server or GitHub.com', 'ghe'),
      TARGET_PARAM('self_managed'),
      PROJECT_COUNT_PARAM,
      USER_COUNT_PARAM,
    ],
    sources: ['HB-MIG', 'GH-IMP', 'CONG-WAVES', 'estimate'],
  },
  {
    key: 'migration-bitbucket-server',
    name: 'Migration: Bitbucket Server to GitLab',
    kind: 'migration',
    description: 'Congregate waves: up to 1,000 repositories per wave to self-managed, about 200 to GitLab.com [HB-MIG]. Setup 5 d (estimate).',
    defaultEstimatedHours: 5 * HOURS_PER_DAY,
    requiredSkills: [
      { key: 'congregate', minProficiency: 'experience' },
      { key: 'bitbucket', minProficiency: 'exposure' },
    ],
    minLevel: 'associate',
    onsiteDays: 0,
    parameters: [TARGET_PARAM('self_managed'), PROJECT_COUNT_PARAM, USER_COUNT_PARAM],
    sources: ['HB-MIG', 'CONG-WAVES', 'estimate'],
  },
  {
    key: 'migration-gitlab-to-saas',
    name: 'Migration: GitLab self-managed to GitLab.com (or another GitLab)',
    kind: 'migration',
    description:
      'Congregate or direct transfer: 5 d setup + users/500 + projects/200 daily waves + repos over 5 GB at 2 a day (.com) ' +
      '+ 0.5 d per portfolio + 3 d upgrade when more than 2 minor versions apart; SaaS extras 2 d each.',
    defaultEstimatedHours: 5 * HOURS_PER_DAY,
    requiredSkills: [
      { key: 'congregate', minProficiency: 'experience' },
      { key: 'gitlab-administration', minProficiency: 'experience' },
      { key: 'gitlab-self-managed', minProficiency: 'exposure' },
      { key: 'python', minProficiency: 'exposure' },
    ],
    minLevel: 'associate',
    onsiteDays: 0,
    parameters: [
      TARGET_PARAM('saas'),
      PROJECT_COUNT_PARAM,
      USER_COUNT_PARAM,
      intParam('portfolioCount', 'Portfolios (top-level groups planned separately)', 0, 10_000, 0),
      intParam('largeRepoCount', 'Repositories over 5 GB (moved by hand to GitLab.com)', 0, 100_000, 0),
      boolParam('versionGapOver2Minor', 'Source and destination more than 2 minor versions apart', false),
      boolParam('saasDiscovery', 'SaaS discovery activity (GitLab.com only)', false),
      boolParam('ssoConfiguration', 'SSO (SAML/SCIM) configuration (GitLab.com only)', false),
      boolParam('securityConfiguration', 'Security configuration (GitLab.com only)', false),
    ],
    sources: ['CONG-WAVES', 'HB-SAAS', 'HB-MIG', 'estimate'],
  },
  {
    key: 'migration-subversion',
    name: 'Migration: Subversion to GitLab',
    kind: 'migration',
    description: 'Manual conversion with git svn or reposurgeon: 5 d + 0.5 d per repository (estimate; method from [IMP-IDX]).',
    defaultEstimatedHours: 5 * HOURS_PER_DAY,
    requiredSkills: [{ key: 'subversion', minProficiency: 'experience' }],
    minLevel: 'intermediate',
    onsiteDays: 0,
    parameters: [TARGET_PARAM('self_managed'), PROJECT_COUNT_PARAM],
    sources: ['IMP-IDX', 'HB-MIG', 'estimate'],
  },
  {
    key: 'migration-jenkins-ci',
    name: 'Migration: Jenkins to GitLab CI ("net new")',
    kind: 'migration',
    description:
      'Rewrite pipelines per archetype and repoint jobs; no automatic converter. 5 d runners/platform + 2 d per archetype ' +
      '+ 0.1 d per job (estimate); time and materials advised.',
    defaultEstimatedHours: (5 + 2) * HOURS_PER_DAY,
    requiredSkills: [
      { key: 'jenkins', minProficiency: 'experience' },
      { key: 'gitlab-ci', minProficiency: 'experience' },
    ],
    minLevel: 'intermediate',
    onsiteDays: 0,
    parameters: [
      TARGET_PARAM('self_managed'),
      intParam('jobCount', 'Jenkins jobs to repoint', 0, 1_000_000),
      intParam('archetypeCount', 'Distinct pipeline archetypes to rewrite', 1, 10_000, 1),
    ],
    sources: ['HB-CI', 'PARTNER-MIG', 'JENKINS', 'estimate'],
  },
  {
    key: 'migration-azure-devops',
    name: 'Migration: Azure DevOps to GitLab',
    kind: 'migration',
    description: 'Congregate for Git repositories and PRs; 5 d + repositories/200 + 2 d advisory per extra component (all estimates).',
    defaultEstimatedHours: 5 * HOURS_PER_DAY,
    requiredSkills: [
      { key: 'azure-devops', minProficiency: 'experience' },
      { key: 'congregate', minProficiency: 'experience' },
    ],
    minLevel: 'intermediate',
    onsiteDays: 0,
    parameters: [
      TARGET_PARAM('self_managed'),
      PROJECT_COUNT_PARAM,
      USER_COUNT_PARAM,
      boolParam('tfvc', 'TFVC repositories to convert to Git', false),
      boolParam('boards', 'Boards (work items) advisory', false),
      boolParam('pipelines', 'Pipelines advisory', false),
    ],
    sources: ['CONG-ADO', 'HB-MIG', 'ADO-ISS', 'estimate'],
  },
  trainingTemplate('training-git-basics'),
  trainingTemplate('training-cicd'),
  trainingTemplate('training-security'),
  trainingTemplate('training-administration'),
  {
    key: 'advisory-block',
    name: 'Advisory: Expert Services or consulting block',
    kind: 'advisory',
    description: 'GitLab Expert Services: a 40 h block [HB-SA-SELL]. Consulting block: weeks × 28 billable h (70% of 40 h, derived).',
    defaultEstimatedHours: 40,
    requiredSkills: [{ key: 'gitlab-administration', minProficiency: 'experience' }],
    minLevel: 'intermediate',
    onsiteDays: 0,
    parameters: [
      enumParam('block', ['expert_services', 'consulting'], 'Expert Services (40 h) or a consulting block in weeks', 'expert_services'),
      intParam('weeks', 'Weeks of a consulting block', 1, 52, 1),
    ],
    sources: ['HB-SA-SELL', 'HB-PS', 'estimate'],
  },
  {
    key: 'health-check',
    name: 'Readiness Assessment (health check)',
    kind: 'health_check',
    description: 'Review of architecture and production deployment ahead of growth; a findings report, never implementation. 8 d (estimate).',
    defaultEstimatedHours: 8 * HOURS_PER_DAY,
    requiredSkills: [
      { key: 'gitlab-administration', minProficiency: 'mastery' },
      { key: 'ha-architecture', minProficiency: 'experience' },
    ],
    minLevel: 'senior',
    onsiteDays: 0,
    parameters: [boolParam('gptOnNonProd', 'Run the GitLab Performance Tool against a non-production copy', true)],
    sources: ['HB-READY', 'estimate'],
  },
  {
    key: 'documentation',
    name: 'Documentation deliverable',
    kind: 'documentation',
    description: 'Runbook, architecture document or hand-over pack for the customer. No published effort; 3 d default (estimate).',
    defaultEstimatedHours: 3 * HOURS_PER_DAY,
    requiredSkills: [{ key: 'gitlab-administration', minProficiency: 'experience' }],
    minLevel: 'associate',
    onsiteDays: 0,
    parameters: [
      enumParam('deliverable', ['runbook', 'architecture', 'handover'], 'What is written', 'runbook'),
      intParam('days', 'Writing days', 1, 40, 3),
    ],
    sources: ['estimate'],
  },
];

export const SCOPE_TEMPLATE_KEYS: readonly string[] = SCOPE_TEMPLATES.map((t) => t.key);

export function findScopeTemplate(key: string): ScopeTemplate | undefined {
  return SCOPE_TEMPLATES.find((t) => t.key === key);
}

/** Throws `not_found` for an unknown key. */
export function getScopeTemplate(key: string): ScopeTemplate {
  const template = findScopeTemplate(key);
  if (!template) throw new DomainError('not_found', `Scope template ${key} not found`);
  return template;
}

// --- parameter validation -----------------------------------------------------------------------

/** Applies defaults and checks every parameter; throws `validation_failed` naming `parameters.<name>`. */
export function resolveTemplateParameters(template: ScopeTemplate, params: unknown): Record<string, ParameterValue> {
  const details: DomainErrorDetail[] = [];
  const input = params === undefined || params === null ? {} : params;
  if (typeof input !== 'object' || Array.isArray(input)) {
    throw new DomainError('validation_failed', 'parameters must be an object', [
      { field: 'parameters', rule: 'isObject', message: 'parameters must be an object' },
    ]);
  }
  const given = input as Record<string, unknown>;
  const resolved: Record<string, ParameterValue> = {};
  for (const name of Object.keys(given)) {
    if (!template.parameters.some((p) => p.name === name)) {
      details.push({ field: `parameters.${name}`, rule: 'unknownField', message: `${template.key} has no parameter ${name}` });
    }
  }
  for (const spec of template.parameters) {
    const field = `parameters.${spec.name}`;
    const value = given[spec.name] ?? spec.default;
    if (value === undefined) {
      details.push({ field, rule: 'isDefined', message: `${field} is required` });
      continue;
    }
    if (spec.type === 'enum') {
      const allowed = spec.allowedValues ?? [];
      if (typeof value !== 'string' || !allowed.includes(value)) {
        details.push({ field, rule: `isIn: ${allowed.join(', ')}`, message: `${field} must be one of ${allowed.join(', ')}` });
        continue;
      }
    } else if (spec.type === 'int') {
      if (typeof value !== 'number' || !Number.isInteger(value)) {
        details.push({ field, rule: 'isInt', message: `${field} must be an integer` });
        continue;
      }
      if (spec.min !== undefined && value < spec.min) {
        details.push({ field, rule: `min: ${spec.min}`, message: `${field} must be at least ${spec.min}` });
        continue;
      }
      if (spec.max !== undefined && value > spec.max) {
        details.push({ field, rule: `max: ${spec.max}`, message: `${field} must be at most ${spec.max}` });
        continue;
      }
    } else if (typeof value !== 'boolean') {
      details.push({ field, rule: 'isBoolean', message: `${field} must be a boolean` });
      continue;
    }
    resolved[spec.name] = value as ParameterValue;
  }
  if (details.length > 0) {
    throw new DomainError('validation_failed', `Invalid parameters for ${template.key}: ${details.map((d) => d.field).join(', ')}`, details);
  }
  return resolved;
}

// --- expansion ----------------------------------------------------------------------------------

interface Expansion {
  days: number;
  effort: string[];
  requiredSkills: SkillRequirement[];
  minLevel: Level;
  onsiteDays: number;
  details: ScopeDetails;
}

const str = (p: Record<string, ParameterValue>, name: string): string => String(p[name]);
const num = (p: Record<string, ParameterValue>, name: string): number => Number(p[name] ?? 0);
const bool = (p: Record<string, ParameterValue>, name: string): boolean => p[name] === true;

function expandInstallation(template: ScopeTemplate, p: Record<string, ParameterValue>): Expansion {
  const geo = template.key === 'geo-secondary';
  const hybrid = template.key === 'install-cloud-native-hybrid';
  // A single-node Geo secondary is one large Omnibus node, modelled as the 1k architecture.
  const size: ArchitectureSize =
    geo && !bool(p, 'ha')
      ? '1k'
      : hybrid || geo
        ? (str(p, 'architectureSize') as ArchitectureSize)
        : (RA_SIZES.find((s) => raKey(s) === template.key) ?? '1k');
  const cloud = str(p, 'cloud') as InstallPlatform;
  const iac = str(p, 'iac') as IacChoice;
  const multiplier = PLATFORM_EFFORT_MULTIPLIERS[cloud];
  const base = geo ? (bool(p, 'ha') ? 22.5 : 5) : ARCHITECTURE_BASE_DAYS[size];
  const effort = [
    geo
      ? `${base} d Geo secondary (${bool(p, 'ha') ? `HA ${size}: midpoint of 20–25 d [HB-IMPL]` : 'single node, estimate'})`
      : `${base} d ${size} ${hybrid ? 'Cloud Native Hybrid (×1.0 of VM install)' : 'install'} (estimate)`,
    `× ${multiplier} platform ${cloud}`,
  ];
  let days = base * multiplier;
  if (iac === 'puppet' || iac === 'chef') {
    days += CUSTOM_IAC_DAYS;
    effort.push(`+ ${CUSTOM_IAC_DAYS} d custom IaC (${iac})`);
  }
  if (bool(p, 'airGapped')) {
    days += AIR_GAPPED_DAYS;
    effort.push(`+ ${AIR_GAPPED_DAYS} d air-gapped`);
  }
  const tier = TIER_OF[size];
  let skills = installSkills(size, cloud, iac);
  let minLevel = TIER_LEVEL[tier];
  if (hybrid) {
    const k8s: Proficiency = tier === 'large_ha' ? 'mastery' : 'experience';
    skills.push({ key: 'kubernetes', minProficiency: k8s }, { key: 'gitlab-cloud-native', minProficiency: k8s });
    minLevel = maxLevel(minLevel, 'intermediate');
  }
  if (geo) {
    const ha = bool(p, 'ha');
    skills = skills
      .filter((s) => s.key !== 'gitlab-administration')
      .map((s) => (s.minProficiency === 'exposure' ? { ...s, minProficiency: 'experience' as const } : s));
    skills.push({ key: 'gitlab-geo', minProficiency: ha ? 'mastery' : 'experience' });
    if (ha) skills.push({ key: 'ha-architecture', minProficiency: 'mastery' });
    minLevel = 'senior';
  }
  const onsiteDays = cloud === 'on_prem' ? ON_PREM_ONSITE_DAYS : 0;
  return {
    days,
    effort,
    requiredSkills: mergeSkills(skills),
    minLevel,
    onsiteDays,
    details: {
      architectureSize: size,
      ha: HA_ARCHITECTURE_SIZES.includes(size),
      cloud,
      iacTools: IAC_TOOLS_OF[iac],
      kubernetes: hybrid,
      ...(geo ? { geo: true } : {}),
      ...(p.gitalyCluster !== undefined ? { gitalyCluster: bool(p, 'gitalyCluster') } : {}),
      airGapped: bool(p, 'airGapped'),
    },
  };
}

/** Projects per daily wave by source and target [HB-MIG]; the GHE→self-managed 1,000 and Dedicated 500 are planning defaults. */
const WAVE_SIZE: Readonly<Record<string, Readonly<Record<MigrationTarget, number>>>> = {
  ghe: { self_managed: 1000, saas: 250, dedicated: 500 },
  github_com: { self_managed: 200, saas: 200, dedicated: 200 },
  bitbucket: { self_managed: 1000, saas: 200, dedicated: 500 },
};

function expandMigration(template: ScopeTemplate, p: Record<string, ParameterValue>): Expansion {
  const target = str(p, 'target') as MigrationTarget;
  const projects = num(p, 'projectCount');
  const users = num(p, 'userCount');
  const effort = ['5 d setup (estimate)'];
  let days = 5;
  let skills = [...template.requiredSkills];
  let minLevel = template.minLevel;
  const waves = (count: number, size: number, what: string): void => {
    const n = Math.ceil(count / size);
    days += n;
    effort.push(`+ ${n} d: ${count} ${what} at ${size} a day`);
  };
  const extra = (when: boolean, d: number, what: string): void => {
    if (!when) return;
    days += d;
    effort.push(`+ ${d} d ${what}`);
  };
  const details = (source: MigrationDetails['source'], extraFields: Partial<MigrationDetails> = {}): MigrationDetails => ({
    source,
    target,
    projectCount: projects,
    ...(users > 0 ? { userCount: users } : {}),
    ...extraFields,
  });
  let d: MigrationDetails;
  switch (template.key) {
    case 'migration-github': {
      const edition = str(p, 'sourceEdition');
      waves(projects, WAVE_SIZE[edition]?.[target] ?? 200, 'repositories');
      d = details('github');
      break;
    }
    case 'migration-bitbucket-server':
      waves(projects, WAVE_SIZE.bitbucket?.[target] ?? 200, 'repositories');
      d = details('bitbucket');
      break;
    case 'migration-gitlab-to-saas': {
      if (users > 0) waves(users, 500, 'users');
      waves(projects, 200, 'projects');
      const large = num(p, 'largeRepoCount');
      if (target === 'saas' && large > 0) waves(large, 2, 'repositories over 5 GB');
      const portfolios = num(p, 'portfolioCount');
      extra(portfolios > 0, portfolios * 0.5, `for ${portfolios} portfolio(s) at 0.5 d`);
      extra(bool(p, 'versionGapOver2Minor'), 3, 'upgrade (versions more than 2 minor apart)');
      const saasExtras = ['saasDiscovery', 'ssoConfiguration', 'securityConfiguration'].filter((name) => bool(p, name));
      for (const name of saasExtras) extra(true, 2, name);
      // Large migrations and SaaS extras need an intermediate (estimate).
      if (projects >= 1000 || saasExtras.length > 0) minLevel = maxLevel(minLevel, 'intermediate');
      d = details('gitlab-self-managed');
      break;
    }
    case 'migration-subversion':
      extra(true, projects * 0.5, `for ${projects} repositories at 0.5 d`);
      d = details('subversion');
      break;
    case 'migration-jenkins-ci': {
      const jobs = num(p, 'jobCount');
      const archetypes = num(p, 'archetypeCount');
      extra(true, archetypes * 2, `for ${archetypes} archetype(s) at 2 d`);
      extra(jobs > 0, jobs * 0.1, `for ${jobs} job repoints at 0.1 d`);
      d = { source: 'jenkins', target, projectCount: jobs, jobCount: jobs };
      break;
    }
    case 'migration-azure-devops':
      waves(projects, 200, 'repositories');
      for (const component of ['tfvc', 'boards', 'pipelines']) extra(bool(p, component), 2, `${component} advisory (estimate)`);
      if (bool(p, 'pipelines')) skills.push({ key: 'gitlab-ci', minProficiency: 'experience' });
      d = details('azure-devops');
      break;
    default:
      throw new DomainError('not_found', `No expansion rule for template ${template.key}`);
  }
  skills = mergeSkills(skills);
  return { days, effort, requiredSkills: skills, minLevel, onsiteDays: 0, details: d };
}

function expandTraining(template: ScopeTemplate, p: Record<string, ParameterValue>): Expansion {
  const t = TRAINING[template.key];
  if (!t) throw new DomainError('not_found', `No expansion rule for template ${template.key}`);
  const attendees = num(p, 'attendees');
  const classes = Math.ceil(attendees / MAX_ATTENDEES_PER_CLASS);
  const mode = str(p, 'mode') as 'remote' | 'on_site';
  const deliveryDays = t.deliveryDays * classes;
  return {
    days: TRAINING_PREP_DAYS + deliveryDays,
    effort: [`${TRAINING_PREP_DAYS} d preparation`, `+ ${deliveryDays} d delivery (${classes} class(es) of ≤ ${MAX_ATTENDEES_PER_CLASS})`],
    requiredSkills: [...template.requiredSkills],
    minLevel: template.minLevel,
    // On-site delivery puts the trainer on site for every delivery day [HB-SKU].
    onsiteDays: mode === 'on_site' ? deliveryDays : 0,
    details: { course: t.course, mode, attendees, classes },
  };
}

function expandOther(template: ScopeTemplate, p: Record<string, ParameterValue>): Expansion {
  const common = { requiredSkills: [...template.requiredSkills], minLevel: template.minLevel, onsiteDays: 0 };
  switch (template.kind) {
    case 'advisory': {
      const block = str(p, 'block') as 'expert_services' | 'consulting';
      const weeks = num(p, 'weeks');
      // 28 billable hours = 70% of a 40 h week (derived, [HB-PS]).
      return block === 'expert_services'
        ? { ...common, days: 5, effort: ['40 h Expert Services block [HB-SA-SELL]'], details: { block } }
        : { ...common, days: (weeks * 28) / HOURS_PER_DAY, effort: [`${weeks} week(s) × 28 h`], details: { block, weeks } };
    }
    case 'health_check':
      return { ...common, days: 8, effort: ['8 d (estimate)'], details: { gptOnNonProd: bool(p, 'gptOnNonProd'), includesImplementation: false } };
    case 'documentation': {
      const days = num(p, 'days');
      return { ...common, days, effort: [`${days} d writing (estimate)`], details: { deliverable: str(p, 'deliverable') as DocumentationDeliverable } };
    }
    default:
      throw new DomainError('not_found', `No expansion rule for template ${template.key}`);
  }
}

function crossParameterViolations(template: ScopeTemplate, p: Record<string, ParameterValue>, given: Record<string, unknown>): DomainErrorDetail[] {
  const out: DomainErrorDetail[] = [];
  if (template.key === 'migration-gitlab-to-saas' && p.target !== 'saas') {
    for (const name of ['saasDiscovery', 'ssoConfiguration', 'securityConfiguration', 'largeRepoCount']) {
      if (given[name] !== undefined && given[name] !== false && given[name] !== 0) {
        out.push({ field: `parameters.${name}`, rule: 'requiresTarget: saas', message: `parameters.${name} applies only to a GitLab.com target` });
      }
    }
  }
  if (template.key === 'advisory-block' && p.block === 'expert_services' && given.weeks !== undefined) {
    out.push({ field: 'parameters.weeks', rule: 'requiresBlock: consulting', message: 'parameters.weeks applies only to a consulting block' });
  }
  if (template.key === 'geo-secondary' && p.ha !== true && given.architectureSize !== undefined) {
    out.push({ field: 'parameters.architectureSize', rule: 'requiresHa', message: 'parameters.architectureSize applies only to an HA secondary' });
  }
  return out;
}

/** Validates the parameters and returns the concrete requirements of a scope item built from the template. */
export function expandTemplate(template: ScopeTemplate, params: unknown = {}): ExpandedScope {
  const resolved = resolveTemplateParameters(template, params);
  const given = (params ?? {}) as Record<string, unknown>;
  const cross = crossParameterViolations(template, resolved, given);
  if (cross.length > 0) {
    throw new DomainError('validation_failed', `Invalid parameters for ${template.key}: ${cross.map((d) => d.field).join(', ')}`, cross);
  }
  const expansion =
    template.kind === 'installation'
      ? expandInstallation(template, resolved)
      : template.kind === 'migration'
        ? expandMigration(template, resolved)
        : template.kind === 'training'
          ? expandTraining(template, resolved)
          : expandOther(template, resolved);
  // The result must be a valid hand-written item too; a failure here is a catalogue bug, not bad input.
  assertScopeDetails(template.kind, expansion.details);
  return {
    templateKey: template.key,
    kind: template.kind,
    name: template.name,
    estimatedHours: Math.round(expansion.days * HOURS_PER_DAY * 100) / 100,
    requiredSkills: expansion.requiredSkills,
    minLevel: expansion.minLevel,
    onsiteDays: expansion.onsiteDays,
    details: expansion.details,
    parameters: resolved,
    effort: expansion.effort,
  };
}
