import { DomainErrorDetail } from './domain-error';
import { EngineerSkill } from './eligibility';
import { CLEARANCE_LEVELS, ClearanceLevel, Level, LEVELS, PROFICIENCIES, Proficiency } from './vocabulary';

/** What a caller may give for an engineer; omitted optional fields take the defaults below. */
export interface EngineerInput {
  name: string;
  email: string;
  level: Level;
  leadCapable?: boolean;
  region: string;
  timezone: string;
  weeklyCapacityHours?: number;
  utilizationTarget?: number;
  maxUtilization?: number;
  travelLimit?: number;
  clearance?: ClearanceLevel | null;
  billable?: boolean;
  active?: boolean;
  skills?: EngineerSkill[];
  /** ISO 3166-1 alpha-2 (e.g. DE): whose public holidays the engineer does not work. */
  country?: string | null;
  /** ISO 3166-2 (e.g. DE-BY, US-NY): regional holidays too; needs the country. */
  subdivision?: string | null;
}

export type EngineerFields = Required<EngineerInput>;

export const ENGINEER_DEFAULTS = {
  weeklyCapacityHours: 40,
  utilizationTarget: 0.7,
  maxUtilization: 1.0,
  travelLimit: 0.2,
} as const;

/** Most hours per week an engineer record may claim; above this is a typo, not a capacity. */
export const MAX_WEEKLY_CAPACITY_HOURS = 80;

/** Seniors lead by default; senior managers approve rather than bill. */
export function applyEngineerDefaults(input: EngineerInput): EngineerFields {
  return {
    name: input.name,
    email: input.email,
    level: input.level,
    leadCapable: input.leadCapable ?? (input.level === 'senior' || input.level === 'senior_manager'),
    region: input.region,
    timezone: input.timezone,
    weeklyCapacityHours: input.weeklyCapacityHours ?? ENGINEER_DEFAULTS.weeklyCapacityHours,
    utilizationTarget: input.utilizationTarget ?? ENGINEER_DEFAULTS.utilizationTarget,
    maxUtilization: input.maxUtilization ?? ENGINEER_DEFAULTS.maxUtilization,
    travelLimit: input.travelLimit ?? ENGINEER_DEFAULTS.travelLimit,
    clearance: input.clearance ?? null,
    billable: input.billable ?? input.level !== 'senior_manager',
    active: input.active ?? true,
    skills: input.skills ?? [],
    country: input.country ?? null,
    subdivision: input.subdivision ?? null,
  };
}

// Building a DateTimeFormat is slow; an import checks the same few zones thousands of times.
const ZONE_CHECKS = new Map<string, boolean>();

export function isIanaTimezone(value: unknown): boolean {
  if (typeof value !== 'string' || value.length === 0 || value.length > 64) return false;
  const known = ZONE_CHECKS.get(value);
  if (known !== undefined) return known;
  let ok: boolean;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: value });
    ok = true;
  } catch {
    ok = false;
  }
  if (ZONE_CHECKS.size < 10_000) ZONE_CHECKS.set(value, ok);
  return ok;
}

const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function ratio(field: string, value: unknown, min: number, max: number, out: DomainErrorDetail[]): void {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
    out.push({ field, rule: `range: ${min}..${max}`, message: `${field} must be a number from ${min} to ${max}` });
  }
}

/**
 * Every problem with a complete engineer record. `knownSkills` is the catalogue; when given, unknown
 * keys are reported with the valid ones listed.
 */
export function validateEngineer(e: EngineerFields, knownSkills?: ReadonlySet<string>, isKnownRegion?: KnownRegion): DomainErrorDetail[] {
  const out: DomainErrorDetail[] = [];
  if (typeof e.name !== 'string' || e.name.trim().length === 0 || e.name.length > 200) {
    out.push({ field: 'name', rule: 'length: 1..200', message: 'name must be 1 to 200 characters' });
  }
  if (typeof e.email !== 'string' || !EMAIL_PATTERN.test(e.email) || e.email.length > 254) {
    out.push({ field: 'email', rule: 'isEmail', message: 'email must be an email address' });
  }
  if (!LEVELS.includes(e.level)) out.push({ field: 'level', rule: `isIn: ${LEVELS.join(', ')}`, message: `level must be one of ${LEVELS.join(', ')}` });
  if (typeof e.region !== 'string' || e.region.trim().length === 0 || e.region.length > 64) {
    out.push({ field: 'region', rule: 'length: 1..64', message: 'region must be 1 to 64 characters' });
  }
  if (!isIanaTimezone(e.timezone)) out.push({ field: 'timezone', rule: 'isIanaTimezone', message: `timezone ${String(e.timezone)} is not an IANA time zone (e.g. Europe/Berlin)` });
  ratio('weeklyCapacityHours', e.weeklyCapacityHours, 0, MAX_WEEKLY_CAPACITY_HOURS, out);
  ratio('utilizationTarget', e.utilizationTarget, 0, 1, out);
  ratio('maxUtilization', e.maxUtilization, 0, 1.5, out);
  ratio('travelLimit', e.travelLimit, 0, 1, out);
  if (typeof e.utilizationTarget === 'number' && typeof e.maxUtilization === 'number' && e.utilizationTarget > e.maxUtilization) {
    out.push({ field: 'utilizationTarget', rule: 'notAboveMaxUtilization', message: 'utilizationTarget must not exceed maxUtilization' });
  }
  if (e.clearance !== null && !CLEARANCE_LEVELS.includes(e.clearance)) {
    out.push({ field: 'clearance', rule: `isIn: ${CLEARANCE_LEVELS.join(', ')}`, message: `clearance must be null or one of ${CLEARANCE_LEVELS.join(', ')}` });
  }
  out.push(...validateEngineerSkills(e.skills, knownSkills));
  out.push(...validateWorkingRegion(e.country, e.subdivision, isKnownRegion));
  return out;
}

/** Whether a holiday calendar exists for the country (and subdivision): the holiday library answers. */
export type KnownRegion = (country: string, subdivision: string | null) => boolean;

const COUNTRY_PATTERN = /^[A-Z]{2}$/;
const SUBDIVISION_PATTERN = /^[A-Z]{2}-[A-Z0-9]{1,3}$/;

export function validateWorkingRegion(country: string | null, subdivision: string | null, isKnownRegion?: KnownRegion): DomainErrorDetail[] {
  const out: DomainErrorDetail[] = [];
  if (country !== null && (typeof country !== 'string' || !COUNTRY_PATTERN.test(country))) {
    out.push({ field: 'country', rule: 'isISO31661Alpha2', message: 'country must be an ISO 3166-1 alpha-2 code in capitals, e.g. DE' });
    return out;
  }
  if (subdivision !== null) {
    if (typeof subdivision !== 'string' || !SUBDIVISION_PATTERN.test(subdivision)) {
      out.push({ field: 'subdivision', rule: 'isISO31662', message: 'subdivision must be an ISO 3166-2 code, e.g. DE-BY or US-NY' });
      return out;
    }
    if (country === null || !subdivision.startsWith(`${country}-`)) {
      out.push({ field: 'subdivision', rule: 'inCountry', message: `subdivision ${subdivision} must be inside country ${country ?? '(none given)'}` });
      return out;
    }
  }
  if (country !== null && isKnownRegion && !isKnownRegion(country, subdivision)) {
    out.push({
      field: subdivision !== null && isKnownRegion(country, null) ? 'subdivision' : 'country',
      rule: 'hasHolidayCalendar',
      message: `no public-holiday calendar for ${subdivision ?? country}`,
    });
  }
  return out;
}

export function validateEngineerSkills(skills: readonly EngineerSkill[], knownSkills?: ReadonlySet<string>): DomainErrorDetail[] {
  const out: DomainErrorDetail[] = [];
  const seen = new Set<string>();
  skills.forEach((s, i) => {
    if (!PROFICIENCIES.includes(s.proficiency)) {
      out.push({ field: `skills[${i}].proficiency`, rule: `isIn: ${PROFICIENCIES.join(', ')}`, message: `proficiency must be one of ${PROFICIENCIES.join(', ')}` });
    }
    if (seen.has(s.key)) out.push({ field: `skills[${i}].key`, rule: 'unique', message: `skill ${s.key} is listed twice` });
    seen.add(s.key);
    if (knownSkills && !knownSkills.has(s.key)) out.push(unknownSkillDetail(`skills[${i}].key`, s.key, knownSkills));
  });
  return out;
}

export function unknownSkillDetail(field: string, key: string, knownSkills: ReadonlySet<string>): DomainErrorDetail {
  return { field, rule: 'isKnownSkill', message: `unknown skill ${key}; valid keys: ${[...knownSkills].sort().join(', ')}` };
}

/** Parses `terraform:experience;aws:mastery` (CSV cells and search filters). */
export function parseSkillList(text: string, field = 'skills'): { skills: EngineerSkill[]; problems: DomainErrorDetail[] } {
  const skills: EngineerSkill[] = [];
  const problems: DomainErrorDetail[] = [];
  for (const part of text.split(';').map((p) => p.trim()).filter((p) => p.length > 0)) {
    const parsed = parseSkillSpec(part, field);
    if ('problem' in parsed) problems.push(parsed.problem);
    else skills.push({ key: parsed.key, proficiency: parsed.proficiency });
  }
  return { skills, problems };
}

/** `key:proficiency`; a bare key means at least exposure. */
export function parseSkillSpec(spec: string, field = 'skill'): { key: string; proficiency: Proficiency } | { problem: DomainErrorDetail } {
  const [key = '', proficiency = 'exposure', ...rest] = spec.split(':').map((s) => s.trim());
  if (key.length === 0 || rest.length > 0) {
    return { problem: { field, rule: 'format: key:proficiency', message: `${spec} must look like terraform:experience` } };
  }
  if (!(PROFICIENCIES as readonly string[]).includes(proficiency)) {
    return { problem: { field, rule: `isIn: ${PROFICIENCIES.join(', ')}`, message: `proficiency of ${key} must be one of ${PROFICIENCIES.join(', ')}, got ${proficiency}` } };
  }
  return { key, proficiency: proficiency as Proficiency };
}

export function formatSkillList(skills: readonly EngineerSkill[]): string {
  return [...skills]
    .sort((a, b) => a.key.localeCompare(b.key))
    .map((s) => `${s.key}:${s.proficiency}`)
    .join(';');
}
