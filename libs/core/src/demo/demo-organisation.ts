import { addDays, AssignmentRole, ClearanceLevel, isoWeekday, Level, Proficiency, SowStatus, TimeOffKind, UserRole } from '@sow/domain';

/*
 * The demo PS organisation: fixed data, so every run builds the same organisation. Dates are ISO-week
 * offsets from the Monday of the week the seed runs, so the demo always looks current. Skill mixes follow
 * the PS job family (associates with exposure, intermediates with experience, seniors with mastery), the
 * scope comes from the builtin scope catalogue (notes/domain-reference.md section 6).
 */

/** Every demo login shares this password. Development data only: SEED_DEMO is refused in production. */
export const DEMO_PASSWORD = 'sow-demo-password';
export const DEMO_EMAIL_DOMAIN = 'ps-demo.example';

const P = { x: 'exposure', e: 'experience', m: 'mastery' } as const satisfies Record<string, Proficiency>;
type SkillMix = Readonly<Record<string, Proficiency>>;

/** Typical skill mixes by role in the practice. */
const PROFILES = {
  /** GET (Terraform + Ansible) reference-architecture builder. */
  getArchitect: {
    'gitlab-omnibus': P.m, 'gitlab-administration': P.m, 'ha-architecture': P.m, terraform: P.m, ansible: P.m, 'gitlab-environment-toolkit': P.m,
    packer: P.e, aws: P.m, gcp: P.e, azure: P.x, 'gitlab-geo': P.m, kubernetes: P.e, python: P.e,
  },
  /** Cloud Native Hybrid (Helm charts on EKS/GKE). */
  cloudNative: {
    'gitlab-omnibus': P.m, 'gitlab-administration': P.m, 'ha-architecture': P.m, kubernetes: P.m, 'gitlab-cloud-native': P.m, terraform: P.m,
    ansible: P.e, 'gitlab-environment-toolkit': P.m, gcp: P.m, aws: P.m, go: P.e, 'gitlab-geo': P.e, 'gitlab-ci': P.e,
  },
  /** The customer's own configuration management (Puppet, Chef), Azure and on-prem. */
  configManagement: {
    'gitlab-omnibus': P.m, 'gitlab-administration': P.m, 'ha-architecture': P.e, puppet: P.m, chef: P.m, ansible: P.m, packer: P.m, terraform: P.e,
    'gitlab-environment-toolkit': P.e, azure: P.m, aws: P.e, ruby: P.m,
  },
  /** Congregate migrations and CI conversions. */
  migrationLead: {
    congregate: P.m, github: P.m, bitbucket: P.e, 'gitlab-self-managed': P.m, 'azure-devops': P.e, jenkins: P.e, subversion: P.e, 'gitlab-ci': P.m,
    'gitlab-administration': P.m, python: P.m, ruby: P.e,
  },
  trainer: { 'training-delivery': P.m, 'gitlab-ci': P.m, 'gitlab-administration': P.m, 'gitlab-omnibus': P.e, kubernetes: P.x },
  manager: { 'gitlab-administration': P.m, 'gitlab-omnibus': P.e, 'ha-architecture': P.e, congregate: P.x, terraform: P.e },
  infraMid: {
    'gitlab-omnibus': P.e, 'gitlab-administration': P.e, 'ha-architecture': P.e, terraform: P.e, ansible: P.e, 'gitlab-environment-toolkit': P.e,
    aws: P.e, gcp: P.x, packer: P.x, kubernetes: P.x, python: P.x,
  },
  azureMid: {
    'gitlab-omnibus': P.e, 'gitlab-administration': P.e, 'ha-architecture': P.e, terraform: P.e, ansible: P.e, 'gitlab-environment-toolkit': P.e,
    azure: P.e, puppet: P.x, chef: P.x, packer: P.x,
  },
  migrationMid: {
    congregate: P.e, github: P.e, bitbucket: P.e, 'gitlab-self-managed': P.e, jenkins: P.e, 'gitlab-ci': P.e, subversion: P.e, python: P.e,
    'gitlab-administration': P.e, 'azure-devops': P.x,
  },
  trainerMid: { 'training-delivery': P.m, 'gitlab-ci': P.m, 'gitlab-administration': P.e, 'gitlab-omnibus': P.x },
  associateInfra: {
    'gitlab-omnibus': P.e, 'gitlab-administration': P.e, terraform: P.x, ansible: P.x, 'gitlab-environment-toolkit': P.x, aws: P.x, gcp: P.x,
    python: P.x,
  },
  associateMigration: { congregate: P.e, 'gitlab-administration': P.e, github: P.x, bitbucket: P.x, 'gitlab-self-managed': P.x, python: P.x, 'gitlab-ci': P.x },
} as const satisfies Record<string, SkillMix>;

export type DemoProfile = keyof typeof PROFILES;

export interface DemoEngineer {
  /** Short key used by the SOW table below. */
  key: string;
  name: string;
  level: Level;
  region: 'AMER' | 'EMEA' | 'APAC';
  timezone: string;
  profile: DemoProfile;
  clearance?: ClearanceLevel;
  /** Skills on top of the profile (or overriding its proficiency). */
  extra?: SkillMix;
}

export const DEMO_ENGINEERS: readonly DemoEngineer[] = [
  // Senior managers (grade 9): approve, lead when needed, not billable.
  { key: 'dana', name: 'Dana Whitfield', level: 'senior_manager', region: 'AMER', timezone: 'America/New_York', profile: 'manager', clearance: 'secret' },
  { key: 'henrik', name: 'Henrik Larsen', level: 'senior_manager', region: 'EMEA', timezone: 'Europe/Copenhagen', profile: 'manager' },
  { key: 'mei', name: 'Mei Tanaka', level: 'senior_manager', region: 'APAC', timezone: 'Asia/Tokyo', profile: 'manager' },
  // Senior PSEs (grade 7): mastery in several IaC tools and clouds; they lead associates.
  { key: 'marcus', name: 'Marcus Johnson', level: 'senior', region: 'AMER', timezone: 'America/Chicago', profile: 'getArchitect', clearance: 'secret' },
  { key: 'priya', name: 'Priya Raman', level: 'senior', region: 'AMER', timezone: 'America/Los_Angeles', profile: 'cloudNative' },
  { key: 'carlos', name: 'Carlos Mendoza', level: 'senior', region: 'AMER', timezone: 'America/Denver', profile: 'configManagement', clearance: 'secret' },
  { key: 'aisha', name: 'Aisha Okafor', level: 'senior', region: 'AMER', timezone: 'America/New_York', profile: 'migrationLead', clearance: 'top_secret' },
  { key: 'grace', name: 'Grace Kim', level: 'senior', region: 'AMER', timezone: 'America/Toronto', profile: 'trainer', extra: { 'gitlab-omnibus': P.m } },
  { key: 'sophie', name: 'Sophie Laurent', level: 'senior', region: 'EMEA', timezone: 'Europe/Paris', profile: 'getArchitect', extra: { azure: P.e } },
  { key: 'jonas', name: 'Jonas Becker', level: 'senior', region: 'EMEA', timezone: 'Europe/Berlin', profile: 'configManagement', clearance: 'secret' },
  { key: 'fiona', name: 'Fiona Gallagher', level: 'senior', region: 'EMEA', timezone: 'Europe/Dublin', profile: 'migrationLead' },
  { key: 'tomasz', name: 'Tomasz Nowak', level: 'senior', region: 'EMEA', timezone: 'Europe/Warsaw', profile: 'cloudNative', extra: { azure: P.e } },
  { key: 'ravi', name: 'Ravi Iyer', level: 'senior', region: 'APAC', timezone: 'Asia/Kolkata', profile: 'cloudNative' },
  { key: 'liam', name: "Liam O'Connor", level: 'senior', region: 'APAC', timezone: 'Australia/Sydney', profile: 'getArchitect', clearance: 'top_secret' },
  // Intermediate PSEs (grade 6): experience; deliver on their own.
  { key: 'elena', name: 'Elena Petrova', level: 'intermediate', region: 'EMEA', timezone: 'Europe/Amsterdam', profile: 'infraMid' },
  { key: 'david', name: 'David Chen', level: 'intermediate', region: 'AMER', timezone: 'America/Los_Angeles', profile: 'infraMid', clearance: 'public_trust' },
  { key: 'nadia', name: 'Nadia Haddad', level: 'intermediate', region: 'EMEA', timezone: 'Europe/London', profile: 'azureMid', clearance: 'secret', extra: { 'azure-devops': P.e, congregate: P.e, 'gitlab-ci': P.e } },
  { key: 'kevin', name: 'Kevin Brooks', level: 'intermediate', region: 'AMER', timezone: 'America/Chicago', profile: 'azureMid' },
  { key: 'lucia', name: 'Lucia Romero', level: 'intermediate', region: 'EMEA', timezone: 'Europe/Madrid', profile: 'migrationMid' },
  { key: 'samuel', name: 'Samuel Adeyemi', level: 'intermediate', region: 'AMER', timezone: 'America/New_York', profile: 'migrationMid', clearance: 'secret' },
  { key: 'hana', name: 'Hana Sato', level: 'intermediate', region: 'APAC', timezone: 'Asia/Tokyo', profile: 'infraMid' },
  { key: 'oliver', name: 'Oliver Smith', level: 'intermediate', region: 'EMEA', timezone: 'Europe/London', profile: 'trainerMid' },
  { key: 'isabela', name: 'Isabela Costa', level: 'intermediate', region: 'AMER', timezone: 'America/Sao_Paulo', profile: 'migrationMid', extra: { 'azure-devops': P.e } },
  { key: 'arjun', name: 'Arjun Mehta', level: 'intermediate', region: 'APAC', timezone: 'Asia/Singapore', profile: 'migrationMid' },
  { key: 'chloe', name: 'Chloe Martin', level: 'intermediate', region: 'AMER', timezone: 'America/Denver', profile: 'trainerMid', clearance: 'public_trust' },
  { key: 'mateo', name: 'Mateo Silva', level: 'intermediate', region: 'AMER', timezone: 'America/Chicago', profile: 'infraMid', extra: { gcp: P.e, kubernetes: P.e, 'gitlab-cloud-native': P.e } },
  { key: 'zoe', name: 'Zoe Williams', level: 'intermediate', region: 'APAC', timezone: 'Australia/Sydney', profile: 'azureMid' },
  // Associate PSEs (grade 5): exposure; deliver with a senior lead on the SOW.
  { key: 'ethan', name: 'Ethan Park', level: 'associate', region: 'AMER', timezone: 'America/Los_Angeles', profile: 'associateInfra' },
  { key: 'amara', name: 'Amara Diallo', level: 'associate', region: 'EMEA', timezone: 'Europe/Paris', profile: 'associateMigration', extra: { bitbucket: P.e, github: P.e } },
  { key: 'noah', name: 'Noah Fischer', level: 'associate', region: 'EMEA', timezone: 'Europe/Berlin', profile: 'associateInfra' },
  { key: 'maya', name: 'Maya Patel', level: 'associate', region: 'AMER', timezone: 'America/New_York', profile: 'associateMigration', clearance: 'public_trust' },
  { key: 'lucas', name: 'Lucas Moreau', level: 'associate', region: 'EMEA', timezone: 'Europe/Brussels', profile: 'associateInfra' },
  { key: 'yuki', name: 'Yuki Nakamura', level: 'associate', region: 'APAC', timezone: 'Asia/Tokyo', profile: 'associateMigration', extra: { github: P.e } },
  { key: 'jack', name: 'Jack Thompson', level: 'associate', region: 'APAC', timezone: 'Australia/Melbourne', profile: 'associateInfra' },
  { key: 'sara', name: 'Sara Lindqvist', level: 'associate', region: 'EMEA', timezone: 'Europe/Stockholm', profile: 'associateMigration', extra: { github: P.e } },
  { key: 'omar', name: 'Omar Farouk', level: 'associate', region: 'EMEA', timezone: 'Europe/London', profile: 'associateInfra' },
  { key: 'emily', name: 'Emily Davis', level: 'associate', region: 'AMER', timezone: 'America/Chicago', profile: 'associateMigration', extra: { bitbucket: P.e } },
  { key: 'ben', name: 'Ben Carter', level: 'associate', region: 'AMER', timezone: 'America/Denver', profile: 'associateInfra' },
  { key: 'ana', name: 'Ana Souza', level: 'associate', region: 'AMER', timezone: 'America/Sao_Paulo', profile: 'associateMigration' },
  { key: 'wei', name: 'Wei Zhang', level: 'associate', region: 'APAC', timezone: 'Asia/Singapore', profile: 'associateInfra' },
];

/**
 * Where each demo time zone's engineers live: their public holidays (and the subdivision's) come out of
 * their capacity like time off.
 */
const WORKING_REGION_OF_ZONE: Readonly<Record<string, { country: string; subdivision: string | null }>> = {
  'America/New_York': { country: 'US', subdivision: 'US-NY' },
  'America/Chicago': { country: 'US', subdivision: 'US-IL' },
  'America/Los_Angeles': { country: 'US', subdivision: 'US-CA' },
  'America/Denver': { country: 'US', subdivision: 'US-CO' },
  'America/Toronto': { country: 'CA', subdivision: 'CA-ON' },
  'America/Sao_Paulo': { country: 'BR', subdivision: 'BR-SP' },
  'Europe/Copenhagen': { country: 'DK', subdivision: null },
  'Europe/Paris': { country: 'FR', subdivision: null },
  'Europe/Berlin': { country: 'DE', subdivision: 'DE-BE' },
  'Europe/Dublin': { country: 'IE', subdivision: null },
  'Europe/Warsaw': { country: 'PL', subdivision: null },
  'Europe/Amsterdam': { country: 'NL', subdivision: null },
  'Europe/London': { country: 'GB', subdivision: 'GB-ENG' },
  'Europe/Madrid': { country: 'ES', subdivision: 'ES-MD' },
  'Europe/Brussels': { country: 'BE', subdivision: null },
  'Europe/Stockholm': { country: 'SE', subdivision: null },
  'Asia/Tokyo': { country: 'JP', subdivision: null },
  'Asia/Kolkata': { country: 'IN', subdivision: null },
  'Asia/Singapore': { country: 'SG', subdivision: null },
  'Australia/Sydney': { country: 'AU', subdivision: 'AU-NSW' },
  'Australia/Melbourne': { country: 'AU', subdivision: 'AU-VIC' },
};

/** The demo engineer's country and subdivision, from where their time zone puts them. */
export function workingRegionOf(engineer: DemoEngineer): { country: string | null; subdivision: string | null } {
  return WORKING_REGION_OF_ZONE[engineer.timezone] ?? { country: null, subdivision: null };
}

/** `firstname.lastname@ps-demo.example`, ASCII letters only. */
export function demoEmailOf(name: string): string {
  const [first, ...rest] = name.toLowerCase().split(' ');
  return `${first.replace(/[^a-z]/g, '')}.${rest.join('').replace(/[^a-z]/g, '')}@${DEMO_EMAIL_DOMAIN}`;
}

export function skillsOf(engineer: DemoEngineer): Array<{ key: string; proficiency: Proficiency }> {
  return Object.entries({ ...PROFILES[engineer.profile], ...(engineer.extra ?? {}) }).map(([key, proficiency]) => ({ key, proficiency }));
}

export interface DemoUser {
  role: UserRole;
  email: string;
  /** The engineer record the login belongs to (senior managers and engineers). */
  engineer?: string;
  /** What the login is for, printed with the credentials. */
  note: string;
}

/**
 * Logins for every role. The last one is created last: its presence means a complete demo.
 * Engagement managers are not engineers, so their logins have no engineer record.
 */
export const DEMO_USERS: readonly DemoUser[] = [
  { role: 'admin', email: `admin@${DEMO_EMAIL_DOMAIN}`, note: 'users, reference data, queues' },
  { role: 'senior_manager', email: demoEmailOf('Dana Whitfield'), engineer: 'dana', note: 'approves SOWs, change requests and plans (AMER)' },
  { role: 'senior_manager', email: demoEmailOf('Henrik Larsen'), engineer: 'henrik', note: 'approves SOWs, change requests and plans (EMEA)' },
  { role: 'engagement_manager', email: `emma.reyes@${DEMO_EMAIL_DOMAIN}`, note: 'scopes and submits SOWs (AMER, APAC)' },
  { role: 'engagement_manager', email: `tobias.weber@${DEMO_EMAIL_DOMAIN}`, note: 'scopes and submits SOWs (EMEA)' },
  { role: 'engineer', email: demoEmailOf('Ethan Park'), engineer: 'ethan', note: 'associate PSE: my projects, utilization, calendar' },
  { role: 'engineer', email: demoEmailOf('Marcus Johnson'), engineer: 'marcus', note: 'senior PSE: my projects, utilization, calendar' },
];

export interface DemoCustomer {
  key: string;
  name: string;
  region: 'AMER' | 'EMEA' | 'APAC';
  requiredClearance?: ClearanceLevel;
}

/** A customer with a required clearance is public sector. */
export const DEMO_CUSTOMERS: readonly DemoCustomer[] = [
  { key: 'northwind', name: 'Northwind Freight', region: 'AMER' },
  { key: 'helix', name: 'Helix Biotech', region: 'AMER' },
  { key: 'lumen', name: 'Lumen Retail Group', region: 'AMER' },
  { key: 'meridian', name: 'Meridian Bank', region: 'EMEA' },
  { key: 'nordlicht', name: 'Nordlicht Automotive', region: 'EMEA' },
  { key: 'kestrel', name: 'Kestrel Telecom', region: 'EMEA' },
  { key: 'sakura', name: 'Sakura Mobility', region: 'APAC' },
  { key: 'southerncross', name: 'Southern Cross Energy', region: 'APAC' },
  { key: 'records', name: 'Federal Records Agency', region: 'AMER', requiredClearance: 'secret' },
  { key: 'health', name: 'State Health Exchange', region: 'AMER', requiredClearance: 'public_trust' },
  { key: 'ministry', name: 'Ministry of Digital Services', region: 'EMEA', requiredClearance: 'secret' },
  { key: 'defence', name: 'Defence Science Laboratory', region: 'APAC', requiredClearance: 'top_secret' },
];

/** Weeks are offsets from the Monday of the current ISO week: [from, to) runs Monday of `from` to Friday of `to - 1`. */
export interface DemoWeeks {
  from: number;
  to: number;
}

export interface DemoStaffing {
  engineer: string;
  role: AssignmentRole;
  /** Left `proposed` for a senior manager to approve (default: approved). */
  proposedOnly?: boolean;
}

export interface DemoItem {
  templateKey: string;
  parameters: Record<string, string | number | boolean>;
  title?: string;
  weeks: DemoWeeks;
  /** Leads first: an associate primary needs its lead in place. */
  staffing?: readonly DemoStaffing[];
}

export interface DemoChangeRequest {
  reason: string;
  add: DemoItem;
  outcome: 'approved' | 'rejected' | 'submitted';
  decisionReason?: string;
}

export interface DemoSow {
  customer: string;
  title: string;
  /** Index into the engagement managers of DEMO_USERS (0: AMER and APAC, 1: EMEA). */
  em: 0 | 1;
  status: SowStatus;
  weeks: DemoWeeks;
  items: readonly DemoItem[];
  /** Why it was rejected or cancelled. */
  reason?: string;
  /** For a cancelled SOW: cancelled after approval rather than as a draft. */
  cancelledAfterApproval?: boolean;
  changeRequests?: readonly DemoChangeRequest[];
}

const w = (from: number, to: number): DemoWeeks => ({ from, to });

/** 48 SOWs in every lifecycle state, scoped from the catalogue. */
export const DEMO_SOWS: readonly DemoSow[] = [
  // --- completed: delivered in the last few months ---------------------------------------------
  {
    customer: 'northwind', title: 'GitLab 2k on AWS with GET', em: 0, status: 'completed', weeks: w(-14, -10),
    items: [
      { templateKey: 'install-ra-2k', parameters: { cloud: 'aws' }, weeks: w(-14, -11), staffing: [{ engineer: 'david', role: 'primary' }] },
      { templateKey: 'training-git-basics', parameters: { mode: 'remote', attendees: 12 }, weeks: w(-11, -10), staffing: [{ engineer: 'grace', role: 'primary' }] },
    ],
  },
  {
    customer: 'meridian', title: 'Bitbucket Server to GitLab self-managed', em: 1, status: 'completed', weeks: w(-12, -8),
    items: [
      {
        templateKey: 'migration-bitbucket-server', parameters: { target: 'self_managed', projectCount: 1800, userCount: 650 }, weeks: w(-12, -8),
        staffing: [{ engineer: 'fiona', role: 'lead' }, { engineer: 'amara', role: 'primary' }],
      },
    ],
  },
  {
    customer: 'sakura', title: 'Readiness Assessment before the 10k upgrade', em: 0, status: 'completed', weeks: w(-9, -7),
    items: [{ templateKey: 'health-check', parameters: { gptOnNonProd: true }, weeks: w(-9, -7), staffing: [{ engineer: 'liam', role: 'primary' }] }],
  },
  // --- active: in delivery now ------------------------------------------------------------------
  {
    customer: 'helix', title: 'GitLab 10k HA on AWS with GET and Geo', em: 0, status: 'active', weeks: w(-3, 6),
    items: [
      {
        templateKey: 'install-ra-10k-ha', parameters: { cloud: 'aws', iac: 'terraform+ansible' }, weeks: w(-3, 3),
        staffing: [{ engineer: 'marcus', role: 'primary' }, { engineer: 'ben', role: 'shadow' }],
      },
      { templateKey: 'advisory-block', parameters: { block: 'consulting', weeks: 8 }, title: 'Consulting block: platform team enablement', weeks: w(-2, 6), staffing: [{ engineer: 'mateo', role: 'primary' }] },
      { templateKey: 'geo-secondary', parameters: { cloud: 'aws' }, title: 'Geo secondary in us-west-2 (single node)', weeks: w(2, 4), staffing: [{ engineer: 'sophie', role: 'primary' }] },
      {
        templateKey: 'documentation', parameters: { deliverable: 'handover', days: 3 }, title: 'Hand-over pack and runbooks', weeks: w(3, 4),
        staffing: [{ engineer: 'marcus', role: 'lead' }, { engineer: 'ethan', role: 'primary' }],
      },
    ],
  },
  {
    customer: 'nordlicht', title: 'Jenkins to GitLab CI for the platform team', em: 1, status: 'active', weeks: w(-2, 7),
    items: [
      { templateKey: 'migration-jenkins-ci', parameters: { target: 'self_managed', jobCount: 150, archetypeCount: 4 }, weeks: w(-2, 6), staffing: [{ engineer: 'lucia', role: 'primary' }] },
      {
        templateKey: 'migration-github', parameters: { sourceEdition: 'github_com', target: 'self_managed', projectCount: 1400, userCount: 300 }, weeks: w(-1, 5),
        staffing: [{ engineer: 'fiona', role: 'lead' }, { engineer: 'amara', role: 'primary' }],
      },
      { templateKey: 'training-cicd', parameters: { mode: 'on_site', attendees: 12 }, title: 'GitLab CI/CD class in Stuttgart', weeks: w(4, 5), staffing: [{ engineer: 'oliver', role: 'primary' }] },
    ],
    changeRequests: [
      {
        reason: 'The new platform team in Munich needs a Git basics class before the CI/CD class',
        add: { templateKey: 'training-git-basics', parameters: { mode: 'remote', attendees: 10 }, title: 'Git basics for the Munich team', weeks: w(5, 6) },
        outcome: 'approved',
        decisionReason: 'Within budget; same trainer pool',
      },
    ],
  },
  {
    customer: 'records', title: 'GitLab 5k HA on premises, air-gapped (Puppet)', em: 0, status: 'active', weeks: w(-4, 7),
    items: [
      { templateKey: 'install-ra-5k-ha', parameters: { cloud: 'on_prem', iac: 'puppet', airGapped: true }, weeks: w(-4, 6), staffing: [{ engineer: 'carlos', role: 'primary' }] },
      {
        templateKey: 'documentation', parameters: { deliverable: 'runbook', days: 10 }, title: 'Operations runbooks for the air-gapped site', weeks: w(2, 6),
        staffing: [{ engineer: 'samuel', role: 'primary' }],
      },
    ],
  },
  {
    customer: 'kestrel', title: 'GitHub Enterprise to GitLab.com', em: 1, status: 'active', weeks: w(-1, 5),
    items: [
      {
        templateKey: 'migration-github', parameters: { sourceEdition: 'ghe', target: 'saas', projectCount: 1500, userCount: 900 }, weeks: w(-1, 5),
        staffing: [{ engineer: 'fiona', role: 'lead' }, { engineer: 'sara', role: 'primary' }],
      },
      { templateKey: 'advisory-block', parameters: { block: 'consulting', weeks: 6 }, title: 'CI/CD adoption coaching', weeks: w(-1, 5), staffing: [{ engineer: 'elena', role: 'primary' }] },
    ],
  },
  {
    customer: 'southerncross', title: 'Cloud Native Hybrid 3k on GKE', em: 0, status: 'active', weeks: w(-2, 5),
    items: [
      {
        templateKey: 'install-cloud-native-hybrid', parameters: { architectureSize: '3k', cloud: 'gcp' }, weeks: w(-2, 4),
        staffing: [{ engineer: 'ravi', role: 'primary' }, { engineer: 'jack', role: 'shadow' }],
      },
      {
        templateKey: 'documentation', parameters: { deliverable: 'architecture', days: 4 }, title: 'Architecture document and hand-over', weeks: w(3, 5),
        staffing: [{ engineer: 'ravi', role: 'lead' }, { engineer: 'wei', role: 'primary' }],
      },
    ],
    changeRequests: [
      {
        reason: 'Customer asks for a Geo secondary in a second GCP region',
        add: { templateKey: 'geo-secondary', parameters: { cloud: 'gcp' }, weeks: w(4, 5) },
        outcome: 'rejected',
        decisionReason: 'A new region is new money: raise a separate SOW',
      },
    ],
  },
  // --- approved: signed, starting soon (some staffed, the rest waits for the planner) ---------------
  {
    customer: 'lumen', title: 'GitLab 3k HA on Azure', em: 1, status: 'approved', weeks: w(1, 8),
    items: [
      { templateKey: 'install-ra-3k-ha', parameters: { cloud: 'azure', iac: 'terraform+ansible' }, weeks: w(1, 6), staffing: [{ engineer: 'kevin', role: 'primary' }] },
      { templateKey: 'advisory-block', parameters: { block: 'consulting', weeks: 6 }, title: 'Azure landing zone advisory', weeks: w(1, 7), staffing: [{ engineer: 'zoe', role: 'primary' }] },
      { templateKey: 'training-administration', parameters: { mode: 'remote', attendees: 8 }, weeks: w(6, 8) },
    ],
  },
  {
    customer: 'meridian', title: 'GitLab self-managed to GitLab.com', em: 1, status: 'approved', weeks: w(2, 10),
    items: [
      {
        templateKey: 'migration-gitlab-to-saas', parameters: { target: 'saas', projectCount: 2400, userCount: 1500, portfolioCount: 4, saasDiscovery: true, ssoConfiguration: true },
        weeks: w(2, 10),
      },
    ],
  },
  {
    customer: 'health', title: 'GitLab 2k on AWS with a Geo secondary', em: 0, status: 'approved', weeks: w(1, 6),
    items: [
      { templateKey: 'install-ra-2k', parameters: { cloud: 'aws' }, weeks: w(1, 3), staffing: [{ engineer: 'david', role: 'primary' }] },
      { templateKey: 'geo-secondary', parameters: { cloud: 'aws' }, weeks: w(3, 6) },
    ],
  },
  {
    customer: 'ministry', title: 'Azure DevOps to GitLab self-managed', em: 1, status: 'approved', weeks: w(3, 10),
    items: [
      { templateKey: 'migration-azure-devops', parameters: { target: 'self_managed', projectCount: 800, userCount: 600, boards: true, pipelines: true }, weeks: w(3, 9), staffing: [{ engineer: 'nadia', role: 'primary' }] },
    ],
    changeRequests: [
      {
        reason: 'Add a runbook for the migrated pipelines',
        add: { templateKey: 'documentation', parameters: { deliverable: 'runbook', days: 4 }, title: 'Pipeline runbook', weeks: w(9, 10) },
        outcome: 'submitted',
      },
    ],
  },
  {
    customer: 'sakura', title: 'Consulting block: platform team enablement', em: 0, status: 'approved', weeks: w(1, 7),
    items: [{ templateKey: 'advisory-block', parameters: { block: 'consulting', weeks: 6 }, weeks: w(1, 7), staffing: [{ engineer: 'hana', role: 'primary' }] }],
  },
  // --- approved pipeline: the next quarter's signed work, left for the planner to staff ----------------
  // Sized so that, once planned, most billable engineers sit near their 70% target. Three items cannot be
  // staffed, each for a reason the plan explains: a skill nobody holds (mastery of HA with Chef), a
  // clearance only two engineers hold (top secret, neither of them a Puppet engineer), and a week the only
  // trainers for the course are on holiday. One item needs a team: more hours a week than anyone has.
  {
    customer: 'helix', title: 'Resident consulting engineer for the platform team', em: 0, status: 'approved', weeks: w(0, 13),
    items: [{ templateKey: 'advisory-block', parameters: { block: 'consulting', weeks: 13 }, title: 'Resident engineer: pipelines and runners', weeks: w(0, 13) }],
  },
  {
    customer: 'lumen', title: 'Jenkins to GitLab CI for 250 pipelines', em: 0, status: 'approved', weeks: w(0, 13),
    items: [
      { templateKey: 'migration-jenkins-ci', parameters: { target: 'self_managed', jobCount: 250, archetypeCount: 6 }, weeks: w(0, 12) },
      { templateKey: 'documentation', parameters: { deliverable: 'runbook', days: 40 }, title: 'Pipeline templates and runbooks', weeks: w(1, 13) },
    ],
  },
  {
    customer: 'northwind', title: 'GitLab 5k HA on AWS with GET, production', em: 0, status: 'approved', weeks: w(0, 13),
    items: [
      { templateKey: 'install-ra-5k-ha', parameters: { cloud: 'aws', iac: 'terraform+ansible' }, weeks: w(0, 6) },
      { templateKey: 'documentation', parameters: { deliverable: 'runbook', days: 40 }, title: 'Operations runbooks for the 5k site', weeks: w(1, 13) },
      { templateKey: 'advisory-block', parameters: { block: 'consulting', weeks: 7 }, title: 'Consulting block: upgrade and scaling practice', weeks: w(6, 13) },
    ],
  },
  {
    customer: 'southerncross', title: 'GitLab 5k Cloud Native Hybrid on GCP', em: 0, status: 'approved', weeks: w(1, 13),
    items: [
      { templateKey: 'install-cloud-native-hybrid', parameters: { architectureSize: '5k', cloud: 'gcp' }, weeks: w(1, 9) },
      { templateKey: 'documentation', parameters: { deliverable: 'architecture', days: 40 }, title: 'Architecture, runbooks and hand-over for the hybrid site', weeks: w(1, 13) },
    ],
  },
  {
    customer: 'sakura', title: 'GitLab self-managed to GitLab.com, all business units', em: 0, status: 'approved', weeks: w(1, 13),
    items: [
      {
        templateKey: 'migration-gitlab-to-saas', parameters: { target: 'saas', projectCount: 3000, userCount: 2000, portfolioCount: 4, saasDiscovery: true, ssoConfiguration: true },
        weeks: w(1, 13),
      },
      { templateKey: 'documentation', parameters: { deliverable: 'runbook', days: 40 }, title: 'Migration wave runbooks', weeks: w(1, 13) },
    ],
  },
  {
    customer: 'meridian', title: 'Bitbucket Server to GitLab.com and a DevSecOps rollout', em: 1, status: 'approved', weeks: w(0, 13),
    items: [
      { templateKey: 'migration-bitbucket-server', parameters: { target: 'saas', projectCount: 2500, userCount: 900 }, weeks: w(0, 8) },
      { templateKey: 'advisory-block', parameters: { block: 'consulting', weeks: 13 }, title: 'Consulting block: DevSecOps rollout', weeks: w(0, 13) },
      { templateKey: 'documentation', parameters: { deliverable: 'runbook', days: 40 }, title: 'Security scanning runbooks', weeks: w(1, 13) },
    ],
  },
  {
    customer: 'kestrel', title: 'GitLab 3k HA on GCP with GET', em: 1, status: 'approved', weeks: w(0, 13),
    items: [
      { templateKey: 'install-ra-3k-ha', parameters: { cloud: 'gcp', iac: 'terraform+ansible' }, weeks: w(6, 12) },
      { templateKey: 'advisory-block', parameters: { block: 'consulting', weeks: 13 }, title: 'Consulting block: CI/CD adoption, second wave', weeks: w(0, 13) },
      { templateKey: 'documentation', parameters: { deliverable: 'handover', days: 40 }, title: 'Hand-over pack for the 3k site', weeks: w(1, 13) },
    ],
  },
  {
    customer: 'nordlicht', title: 'GitLab 10k HA on Azure with the customer’s Chef', em: 1, status: 'approved', weeks: w(2, 13),
    items: [
      { templateKey: 'install-ra-10k-ha', parameters: { cloud: 'azure', iac: 'chef' }, title: 'GitLab 10k HA on Azure, provisioned with Chef', weeks: w(4, 12) },
      { templateKey: 'advisory-block', parameters: { block: 'consulting', weeks: 11 }, title: 'Consulting block: inner-source programme', weeks: w(2, 13) },
    ],
  },
  {
    customer: 'defence', title: 'GitLab 3k HA on premises with Puppet, air-gapped', em: 0, status: 'approved', weeks: w(5, 12),
    items: [{ templateKey: 'install-ra-3k-ha', parameters: { cloud: 'on_prem', iac: 'puppet', airGapped: true }, title: 'GitLab 3k HA in the secure enclave (Puppet)', weeks: w(5, 12) }],
  },
  {
    customer: 'northwind', title: 'GitLab 25k HA on AWS for the new region', em: 0, status: 'approved', weeks: w(10, 13),
    items: [{ templateKey: 'install-ra-25k-ha', parameters: { cloud: 'aws', iac: 'terraform+ansible', gitalyCluster: true }, title: 'GitLab 25k HA in eu-central-1 (three weeks)', weeks: w(10, 13) }],
  },
  {
    customer: 'helix', title: 'CI/CD class for the new platform team', em: 0, status: 'approved', weeks: w(9, 10),
    items: [{ templateKey: 'training-cicd', parameters: { mode: 'remote', attendees: 20 }, title: 'GitLab CI/CD class (remote)', weeks: w(9, 10) }],
  },
  {
    customer: 'records', title: 'Readiness Assessment of the air-gapped site', em: 1, status: 'approved', weeks: w(2, 13),
    items: [
      { templateKey: 'health-check', parameters: { gptOnNonProd: false }, weeks: w(2, 4) },
      { templateKey: 'advisory-block', parameters: { block: 'consulting', weeks: 6 }, title: 'Consulting block: Puppet estate hardening', weeks: w(4, 10) },
    ],
  },
  {
    customer: 'health', title: 'GitHub Enterprise to GitLab self-managed', em: 0, status: 'approved', weeks: w(2, 13),
    items: [
      { templateKey: 'migration-github', parameters: { sourceEdition: 'ghe', target: 'self_managed', projectCount: 3000, userCount: 1200 }, weeks: w(2, 10) },
      { templateKey: 'advisory-block', parameters: { block: 'consulting', weeks: 6 }, title: 'Consulting block: runner fleet on AWS', weeks: w(7, 13) },
    ],
  },
  {
    customer: 'ministry', title: 'GitLab 5k HA on Azure, second site', em: 1, status: 'approved', weeks: w(5, 13),
    items: [
      { templateKey: 'install-ra-5k-ha', parameters: { cloud: 'azure', iac: 'terraform+ansible' }, weeks: w(6, 12) },
      { templateKey: 'documentation', parameters: { deliverable: 'runbook', days: 20 }, title: 'Runbooks for the second site', weeks: w(6, 13) },
    ],
  },
  {
    customer: 'lumen', title: 'Platform engineering enablement', em: 0, status: 'approved', weeks: w(0, 13),
    items: [
      { templateKey: 'advisory-block', parameters: { block: 'consulting', weeks: 13 }, title: 'Consulting block: platform engineering', weeks: w(0, 13) },
      { templateKey: 'documentation', parameters: { deliverable: 'architecture', days: 40 }, title: 'Golden paths and platform documentation', weeks: w(0, 13) },
    ],
  },
  {
    customer: 'southerncross', title: 'Resident engineer and self-hosted runners', em: 0, status: 'approved', weeks: w(0, 13),
    items: [
      { templateKey: 'advisory-block', parameters: { block: 'consulting', weeks: 13 }, title: 'Resident engineer: runners and autoscaling', weeks: w(0, 13) },
      { templateKey: 'install-ra-1k', parameters: { cloud: 'aws', iac: 'none' }, title: 'Single-node staging instance', weeks: w(2, 4) },
      { templateKey: 'install-ra-1k', parameters: { cloud: 'gcp', iac: 'none' }, title: 'Single-node training instance', weeks: w(6, 8) },
    ],
  },
  {
    customer: 'meridian', title: 'Azure DevOps to GitLab.com for the retail bank', em: 1, status: 'approved', weeks: w(0, 13),
    items: [
      { templateKey: 'migration-azure-devops', parameters: { target: 'saas', projectCount: 1200, userCount: 800, boards: true, pipelines: true }, weeks: w(6, 12) },
      { templateKey: 'advisory-block', parameters: { block: 'consulting', weeks: 13 }, title: 'Consulting block: value stream analytics', weeks: w(0, 13) },
      { templateKey: 'documentation', parameters: { deliverable: 'runbook', days: 40 }, title: 'Migration runbooks for the retail bank', weeks: w(0, 13) },
    ],
  },
  {
    customer: 'records', title: 'Subversion archives to GitLab', em: 0, status: 'approved', weeks: w(1, 13),
    items: [
      { templateKey: 'migration-subversion', parameters: { target: 'self_managed', projectCount: 40 }, weeks: w(1, 11) },
      { templateKey: 'advisory-block', parameters: { block: 'consulting', weeks: 12 }, title: 'Consulting block: secure software supply chain', weeks: w(1, 13) },
    ],
  },
  {
    customer: 'sakura', title: 'Consulting block: CI/CD at scale', em: 0, status: 'approved', weeks: w(7, 13),
    items: [
      { templateKey: 'advisory-block', parameters: { block: 'consulting', weeks: 6 }, weeks: w(7, 13) },
      { templateKey: 'documentation', parameters: { deliverable: 'runbook', days: 20 }, title: 'Runner fleet runbooks', weeks: w(7, 13) },
    ],
  },
  {
    customer: 'nordlicht', title: 'Consulting block: Azure platform team', em: 1, status: 'approved', weeks: w(7, 13),
    items: [
      { templateKey: 'advisory-block', parameters: { block: 'consulting', weeks: 6 }, weeks: w(7, 13) },
      { templateKey: 'documentation', parameters: { deliverable: 'handover', days: 20 }, title: 'Hand-over pack for the platform team', weeks: w(7, 13) },
    ],
  },
  {
    customer: 'helix', title: 'Disaster-recovery readiness for the 10k site', em: 0, status: 'approved', weeks: w(6, 13),
    items: [
      { templateKey: 'health-check', parameters: { gptOnNonProd: true }, title: 'Readiness Assessment of the 10k site', weeks: w(6, 8) },
      { templateKey: 'advisory-block', parameters: { block: 'consulting', weeks: 6 }, title: 'Consulting block: failover drills', weeks: w(7, 13) },
    ],
  },
  {
    customer: 'lumen', title: 'GitLab 3k HA on Azure, disaster-recovery site', em: 1, status: 'approved', weeks: w(6, 13),
    items: [
      { templateKey: 'install-ra-3k-ha', parameters: { cloud: 'azure', iac: 'terraform+ansible' }, title: 'GitLab 3k HA on Azure (DR site)', weeks: w(7, 12) },
      { templateKey: 'advisory-block', parameters: { block: 'consulting', weeks: 7 }, title: 'Consulting block: DR runbooks and failover drills', weeks: w(6, 13) },
      { templateKey: 'documentation', parameters: { deliverable: 'runbook', days: 20 }, title: 'Failover runbooks', weeks: w(6, 13) },
    ],
  },
  {
    customer: 'southerncross', title: 'GitLab 2k on GCP for the analytics unit', em: 0, status: 'approved', weeks: w(1, 13),
    items: [
      { templateKey: 'install-ra-2k', parameters: { cloud: 'gcp', iac: 'terraform+ansible' }, weeks: w(6, 9) },
      { templateKey: 'advisory-block', parameters: { block: 'consulting', weeks: 8 }, title: 'Consulting block: analytics CI pipelines', weeks: w(5, 13) },
      { templateKey: 'documentation', parameters: { deliverable: 'handover', days: 30 }, title: 'Hand-over pack for the analytics unit', weeks: w(1, 13) },
    ],
  },
  // --- submitted: waiting for a senior manager --------------------------------------------------------
  {
    customer: 'northwind', title: 'Geo secondary, HA 3k, for disaster recovery', em: 0, status: 'submitted', weeks: w(5, 11),
    items: [{ templateKey: 'geo-secondary', parameters: { ha: true, architectureSize: '3k', cloud: 'aws' }, weeks: w(5, 11) }],
  },
  {
    customer: 'helix', title: 'CI/CD and Security Essentials training', em: 0, status: 'submitted', weeks: w(3, 6),
    items: [
      { templateKey: 'training-cicd', parameters: { mode: 'remote', attendees: 24 }, weeks: w(3, 5), staffing: [{ engineer: 'grace', role: 'primary', proposedOnly: true }] },
      { templateKey: 'training-security', parameters: { mode: 'remote', attendees: 12 }, weeks: w(5, 6) },
    ],
  },
  {
    customer: 'defence', title: 'GitLab 1k single node, air-gapped', em: 0, status: 'submitted', weeks: w(4, 8),
    items: [{ templateKey: 'install-ra-1k', parameters: { cloud: 'on_prem', iac: 'none', airGapped: true }, weeks: w(4, 8) }],
  },
  {
    customer: 'kestrel', title: 'Subversion to GitLab', em: 1, status: 'submitted', weeks: w(4, 12),
    items: [{ templateKey: 'migration-subversion', parameters: { target: 'self_managed', projectCount: 60 }, weeks: w(4, 12) }],
  },
  // --- draft: being scoped ------------------------------------------------------------------------------
  {
    customer: 'lumen', title: 'GitLab 50k HA on AWS', em: 0, status: 'draft', weeks: w(8, 20),
    items: [
      { templateKey: 'health-check', parameters: { gptOnNonProd: true }, weeks: w(8, 10) },
      { templateKey: 'install-ra-50k-ha', parameters: { cloud: 'aws', iac: 'terraform+ansible', gitalyCluster: true }, weeks: w(10, 20) },
    ],
  },
  {
    customer: 'nordlicht', title: 'Readiness Assessment', em: 1, status: 'draft', weeks: w(7, 9),
    items: [{ templateKey: 'health-check', parameters: { gptOnNonProd: false }, weeks: w(7, 9) }],
  },
  {
    customer: 'southerncross', title: 'GitLab System Administration training on site', em: 0, status: 'draft', weeks: w(9, 11),
    items: [{ templateKey: 'training-administration', parameters: { mode: 'on_site', attendees: 12 }, weeks: w(9, 11) }],
  },
  {
    customer: 'records', title: 'Jenkins to GitLab CI', em: 1, status: 'draft', weeks: w(10, 20),
    items: [{ templateKey: 'migration-jenkins-ci', parameters: { target: 'self_managed', jobCount: 300, archetypeCount: 5 }, weeks: w(10, 20) }],
  },
  // --- rejected and cancelled -------------------------------------------------------------------------------
  {
    customer: 'helix', title: 'GitLab 25k HA on GCP', em: 0, status: 'rejected', weeks: w(6, 16),
    items: [{ templateKey: 'install-ra-25k-ha', parameters: { cloud: 'gcp', iac: 'terraform+ansible' }, weeks: w(6, 16) }],
    reason: 'Budget not confirmed; re-scope against the 10k architecture already in delivery',
  },
  {
    customer: 'meridian', title: 'Dedicated engineer for 26 weeks', em: 1, status: 'rejected', weeks: w(2, 28),
    items: [{ templateKey: 'advisory-block', parameters: { block: 'consulting', weeks: 26 }, weeks: w(2, 28) }],
    reason: 'Split into two consulting blocks with a review in between',
  },
  {
    customer: 'kestrel', title: 'GitLab 3k HA on AWS', em: 1, status: 'cancelled', weeks: w(2, 8), cancelledAfterApproval: true,
    items: [{ templateKey: 'install-ra-3k-ha', parameters: { cloud: 'aws' }, weeks: w(2, 8) }],
    reason: 'Customer moved to GitLab Dedicated instead',
  },
  {
    customer: 'sakura', title: 'Bitbucket Server to GitLab', em: 0, status: 'cancelled', weeks: w(6, 9),
    items: [{ templateKey: 'migration-bitbucket-server', parameters: { target: 'self_managed', projectCount: 300 }, weeks: w(6, 9) }],
    reason: 'Postponed to next fiscal year',
  },
];

export interface DemoTimeOff {
  engineer: string;
  kind: TimeOffKind;
  /** Week offset, and working days Monday = 1 … Friday = 5. */
  week: number;
  days: readonly [number, number];
  note: string;
}

export const DEMO_TIME_OFF: readonly DemoTimeOff[] = [
  { engineer: 'ravi', kind: 'pto', week: -5, days: [1, 5], note: 'Diwali' },
  { engineer: 'arjun', kind: 'pto', week: 0, days: [4, 5], note: 'Long weekend' },
  { engineer: 'noah', kind: 'training', week: 1, days: [1, 2], note: 'Kubernetes certification course' },
  { engineer: 'kevin', kind: 'pto', week: 2, days: [3, 5], note: 'Family visit' },
  { engineer: 'henrik', kind: 'internal', week: 2, days: [1, 3], note: 'PS leadership offsite' },
  { engineer: 'ana', kind: 'pto', week: 3, days: [1, 5], note: 'Vacation' },
  { engineer: 'sophie', kind: 'pto', week: 5, days: [1, 5], note: 'Vacation' },
  { engineer: 'marcus', kind: 'pto', week: 6, days: [1, 5], note: 'Vacation' },
  // The three trainers who teach CI/CD are all on holiday in week 9: the class booked that week waits.
  { engineer: 'grace', kind: 'pto', week: 9, days: [1, 5], note: 'Holiday' },
  { engineer: 'oliver', kind: 'pto', week: 9, days: [1, 5], note: 'Holiday' },
  { engineer: 'chloe', kind: 'pto', week: 9, days: [1, 5], note: 'Holiday' },
];

/** The Monday of the ISO week that contains `today`. */
export function mondayOf(today: string): string {
  return addDays(today, 1 - isoWeekday(today));
}

/** Monday of week `from` to Friday of week `to - 1`, counted from `monday`. */
export function datesOf(monday: string, weeks: DemoWeeks): { startDate: string; endDate: string } {
  return { startDate: addDays(monday, 7 * weeks.from), endDate: addDays(monday, 7 * weeks.to - 3) };
}
