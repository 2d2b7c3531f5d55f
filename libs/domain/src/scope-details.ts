import { DateRange, isIsoDate, toDayNumber } from './calendar';
import { DomainError, DomainErrorDetail } from './domain-error';
import { ScopeItemKind } from './vocabulary';

/** Kind-specific value lists; persisted inside scope item details, so DO NOT RENAME values. */
export const ARCHITECTURE_SIZES = ['1k', '2k', '3k', '5k', '10k', '25k', '50k'] as const;
export type ArchitectureSize = (typeof ARCHITECTURE_SIZES)[number];
export const INSTALL_PLATFORMS = ['aws', 'gcp', 'azure', 'on_prem'] as const;
export type InstallPlatform = (typeof INSTALL_PLATFORMS)[number];
export const IAC_TOOLS = ['terraform', 'ansible', 'packer', 'puppet', 'chef', 'gitlab-environment-toolkit'] as const;
export type IacTool = (typeof IAC_TOOLS)[number];
export const MIGRATION_SOURCES = ['github', 'bitbucket', 'gitlab-self-managed', 'subversion', 'jenkins', 'azure-devops'] as const;
export type MigrationSource = (typeof MIGRATION_SOURCES)[number];
export const MIGRATION_TARGETS = ['saas', 'self_managed', 'dedicated'] as const;
export type MigrationTarget = (typeof MIGRATION_TARGETS)[number];
export const TRAINING_COURSES = ['git-basics', 'cicd', 'security-essentials', 'system-administration'] as const;
export type TrainingCourse = (typeof TRAINING_COURSES)[number];
export const TRAINING_MODES = ['remote', 'on_site'] as const;
export type TrainingMode = (typeof TRAINING_MODES)[number];
export const ADVISORY_BLOCKS = ['expert_services', 'consulting'] as const;
export type AdvisoryBlock = (typeof ADVISORY_BLOCKS)[number];
export const DOCUMENTATION_DELIVERABLES = ['runbook', 'architecture', 'handover'] as const;
export type DocumentationDeliverable = (typeof DOCUMENTATION_DELIVERABLES)[number];

/** A standard class holds at most 12 students [HB-SKU]. */
export const MAX_ATTENDEES_PER_CLASS = 12;
/** HA starts at the 3k architecture; smaller HA needs use a scaled-down 3k [RA-IDX]. */
export const HA_ARCHITECTURE_SIZES: readonly ArchitectureSize[] = ['3k', '5k', '10k', '25k', '50k'];
/** Cloud Native Hybrid exists for 2k–50k [RA-IDX]. */
export const KUBERNETES_ARCHITECTURE_SIZES: readonly ArchitectureSize[] = ['2k', '3k', '5k', '10k', '25k', '50k'];

export interface InstallationDetails {
  architectureSize: ArchitectureSize;
  ha: boolean;
  cloud: InstallPlatform;
  iacTools: IacTool[];
  kubernetes: boolean;
  geo?: boolean;
  gitalyCluster?: boolean;
  airGapped?: boolean;
}

export interface MigrationDetails {
  source: MigrationSource;
  target: MigrationTarget;
  /** Projects or repositories moved (for CI migrations: jobs repointed). */
  projectCount: number;
  userCount?: number;
  jobCount?: number;
}

export interface TrainingDetails {
  course: TrainingCourse;
  mode: TrainingMode;
  attendees: number;
  classes?: number;
}

export interface AdvisoryDetails {
  block?: AdvisoryBlock;
  weeks?: number;
  topic?: string;
}

export interface DocumentationDetails {
  deliverable?: DocumentationDeliverable;
  topic?: string;
}

export interface HealthCheckDetails {
  gptOnNonProd?: boolean;
  /** A health check never includes implementation [HB-READY]; a follow-on SOW does. */
  includesImplementation?: false;
}

export interface ScopeDetailsByKind {
  installation: InstallationDetails;
  migration: MigrationDetails;
  training: TrainingDetails;
  advisory: AdvisoryDetails;
  documentation: DocumentationDetails;
  health_check: HealthCheckDetails;
}
export type ScopeDetails = ScopeDetailsByKind[ScopeItemKind];

type FieldSpec =
  | { type: 'enum'; values: readonly string[]; required: boolean }
  | { type: 'enumArray'; values: readonly string[]; required: boolean }
  | { type: 'bool'; required: boolean }
  | { type: 'int'; min: number; max?: number; required: boolean }
  | { type: 'string'; maxLength: number; required: boolean }
  | { type: 'false'; required: boolean };

const SHAPES: Readonly<Record<ScopeItemKind, Readonly<Record<string, FieldSpec>>>> = {
  installation: {
    architectureSize: { type: 'enum', values: ARCHITECTURE_SIZES, required: true },
    ha: { type: 'bool', required: true },
    cloud: { type: 'enum', values: INSTALL_PLATFORMS, required: true },
    iacTools: { type: 'enumArray', values: IAC_TOOLS, required: true },
    kubernetes: { type: 'bool', required: true },
    geo: { type: 'bool', required: false },
    gitalyCluster: { type: 'bool', required: false },
    airGapped: { type: 'bool', required: false },
  },
  migration: {
    source: { type: 'enum', values: MIGRATION_SOURCES, required: true },
    target: { type: 'enum', values: MIGRATION_TARGETS, required: true },
    projectCount: { type: 'int', min: 0, max: 1_000_000, required: true },
    userCount: { type: 'int', min: 0, max: 1_000_000, required: false },
    jobCount: { type: 'int', min: 0, max: 1_000_000, required: false },
  },
  training: {
    course: { type: 'enum', values: TRAINING_COURSES, required: true },
    mode: { type: 'enum', values: TRAINING_MODES, required: true },
    attendees: { type: 'int', min: 1, max: 10_000, required: true },
    classes: { type: 'int', min: 1, max: 1_000, required: false },
  },
  advisory: {
    block: { type: 'enum', values: ADVISORY_BLOCKS, required: false },
    weeks: { type: 'int', min: 1, max: 104, required: false },
    topic: { type: 'string', maxLength: 500, required: false },
  },
  documentation: {
    deliverable: { type: 'enum', values: DOCUMENTATION_DELIVERABLES, required: false },
    topic: { type: 'string', maxLength: 500, required: false },
  },
  health_check: {
    gptOnNonProd: { type: 'bool', required: false },
    includesImplementation: { type: 'false', required: false },
  },
};

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function checkField(field: string, spec: FieldSpec, value: unknown): DomainErrorDetail | null {
  const fail = (rule: string, message: string): DomainErrorDetail => ({ field, rule, message: `${field} ${message}` });
  switch (spec.type) {
    case 'enum':
      return typeof value === 'string' && spec.values.includes(value)
        ? null
        : fail(`isIn: ${spec.values.join(', ')}`, `must be one of ${spec.values.join(', ')}`);
    case 'enumArray': {
      if (!Array.isArray(value)) return fail('isArray', 'must be an array');
      const bad = value.find((v) => typeof v !== 'string' || !spec.values.includes(v));
      if (bad !== undefined) return fail(`isIn: ${spec.values.join(', ')}`, `entries must be among ${spec.values.join(', ')}`);
      return new Set(value).size === value.length ? null : fail('arrayUnique', 'must not repeat a value');
    }
    case 'bool':
      return typeof value === 'boolean' ? null : fail('isBoolean', 'must be a boolean');
    case 'false':
      return value === false ? null : fail('equals: false', 'must be false');
    case 'int':
      if (typeof value !== 'number' || !Number.isInteger(value)) return fail('isInt', 'must be an integer');
      if (value < spec.min) return fail(`min: ${spec.min}`, `must be at least ${spec.min}`);
      if (spec.max !== undefined && value > spec.max) return fail(`max: ${spec.max}`, `must be at most ${spec.max}`);
      return null;
    case 'string':
      if (typeof value !== 'string') return fail('isString', 'must be a string');
      return value.length <= spec.maxLength ? null : fail(`maxLength: ${spec.maxLength}`, `must be at most ${spec.maxLength} characters`);
  }
}

// Rules that relate fields to each other, checked only once each field has the right shape.
function crossFieldViolations(kind: ScopeItemKind, d: Record<string, unknown>): DomainErrorDetail[] {
  const out: DomainErrorDetail[] = [];
  if (kind === 'installation') {
    const size = d.architectureSize as ArchitectureSize;
    if (d.ha === true && !HA_ARCHITECTURE_SIZES.includes(size)) {
      out.push({
        field: 'details.ha',
        rule: `haRequiresSize: ${HA_ARCHITECTURE_SIZES.join(', ')}`,
        message: `details.ha needs an architecture of 3k or more (use a scaled-down 3k), got ${size}`,
      });
    }
    if (d.kubernetes === true && !KUBERNETES_ARCHITECTURE_SIZES.includes(size)) {
      out.push({
        field: 'details.kubernetes',
        rule: `kubernetesRequiresSize: ${KUBERNETES_ARCHITECTURE_SIZES.join(', ')}`,
        message: `details.kubernetes (Cloud Native Hybrid) is available from 2k, got ${size}`,
      });
    }
  }
  if (kind === 'training') {
    const classes = typeof d.classes === 'number' ? d.classes : 1;
    if ((d.attendees as number) > classes * MAX_ATTENDEES_PER_CLASS) {
      out.push({
        field: 'details.attendees',
        rule: `max: ${MAX_ATTENDEES_PER_CLASS} per class`,
        message: `details.attendees must be at most ${MAX_ATTENDEES_PER_CLASS} per class (${classes * MAX_ATTENDEES_PER_CLASS} for ${classes})`,
      });
    }
  }
  return out;
}

/** Every shape problem of a hand-written scope item's details, each naming `details.<field>` and the rule. */
export function validateScopeDetails(kind: ScopeItemKind, details: unknown): DomainErrorDetail[] {
  const shape = SHAPES[kind];
  if (!shape) return [{ field: 'kind', rule: 'isIn: scope item kinds', message: `unknown scope item kind ${String(kind)}` }];
  if (!isPlainObject(details)) return [{ field: 'details', rule: 'isObject', message: 'details must be an object' }];
  const out: DomainErrorDetail[] = [];
  for (const key of Object.keys(details)) {
    if (!(key in shape)) out.push({ field: `details.${key}`, rule: 'unknownField', message: `details.${key} is not an accepted field for ${kind}` });
  }
  for (const [key, spec] of Object.entries(shape)) {
    const value = details[key];
    if (value === undefined) {
      if (spec.required) out.push({ field: `details.${key}`, rule: 'isDefined', message: `details.${key} is required for ${kind}` });
      continue;
    }
    const problem = checkField(`details.${key}`, spec, value);
    if (problem) out.push(problem);
  }
  return out.length > 0 ? out : crossFieldViolations(kind, details);
}

/** Throws `validation_failed` with every problem, or returns the details typed for the kind. */
export function assertScopeDetails<K extends ScopeItemKind>(kind: K, details: unknown): ScopeDetailsByKind[K] {
  const problems = validateScopeDetails(kind, details);
  if (problems.length > 0) {
    throw new DomainError('validation_failed', `Invalid ${kind} details: ${problems.map((p) => p.field).join(', ')}`, problems);
  }
  return details as ScopeDetailsByKind[K];
}

export interface ScopeItemSchedule {
  start: string;
  end: string;
  estimatedHours: number;
}

/** Dates real and inside the SOW, end ≥ start, hours > 0; returns every violation. */
export function validateScopeItemDates(item: ScopeItemSchedule, sow: DateRange): DomainErrorDetail[] {
  const out: DomainErrorDetail[] = [];
  const startOk = isIsoDate(item.start);
  const endOk = isIsoDate(item.end);
  if (!startOk) out.push({ field: 'start', rule: 'isIsoDate', message: 'start must be a calendar date YYYY-MM-DD' });
  if (!endOk) out.push({ field: 'end', rule: 'isIsoDate', message: 'end must be a calendar date YYYY-MM-DD' });
  if (startOk && endOk && toDayNumber(item.end) < toDayNumber(item.start)) {
    out.push({ field: 'end', rule: 'notBeforeStart', message: `end ${item.end} is before start ${item.start}` });
  }
  if (isIsoDate(sow.start) && isIsoDate(sow.end)) {
    if (startOk && (toDayNumber(item.start) < toDayNumber(sow.start) || toDayNumber(item.start) > toDayNumber(sow.end))) {
      out.push({ field: 'start', rule: 'withinSow', message: `start ${item.start} is outside the SOW (${sow.start} to ${sow.end})` });
    }
    if (endOk && (toDayNumber(item.end) > toDayNumber(sow.end) || toDayNumber(item.end) < toDayNumber(sow.start))) {
      out.push({ field: 'end', rule: 'withinSow', message: `end ${item.end} is outside the SOW (${sow.start} to ${sow.end})` });
    }
  }
  if (typeof item.estimatedHours !== 'number' || !Number.isFinite(item.estimatedHours) || item.estimatedHours <= 0) {
    out.push({ field: 'estimatedHours', rule: 'isPositive', message: 'estimatedHours must be a number greater than 0' });
  }
  return out;
}
