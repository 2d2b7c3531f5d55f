import {
  CLEARANCE_LEVELS,
  ClearanceLevel,
  DomainError,
  DomainErrorDetail,
  EngineerSkill,
  isIsoDate,
  Level,
  LEVELS,
  PROFICIENCIES,
  SkillRequirement,
  compareDates,
} from '@sow/domain';

/** What a change of a scenario does. DO NOT RENAME: stored values (scenario_changes.kind). */
export const SCENARIO_CHANGE_KINDS = ['add_sow', 'remove_sow', 'remove_item', 'shift_sow', 'shift_item', 'add_engineer', 'remove_engineer', 'modify_engineer'] as const;
export type ScenarioChangeKind = (typeof SCENARIO_CHANGE_KINDS)[number];

/** A scope item of a pipeline deal: what the planner needs, nothing of the quote. */
export interface PipelineItem {
  title: string;
  start: string;
  end: string;
  estimatedHours: number;
  minLevel: Level;
  requiredSkills: SkillRequirement[];
  onsiteDays: number;
  maxTeamSize: number;
}

export interface AddSowChange {
  kind: 'add_sow';
  title: string;
  customerId: string;
  /** Filled from the customer when the change is recorded. */
  customerName: string;
  customerRegion: string;
  requiredClearance: ClearanceLevel | null;
  /** In [0, 1]: weights the deal's demand in a hiring plan. */
  winProbability: number;
  items: PipelineItem[];
}
export interface RemoveSowChange {
  kind: 'remove_sow';
  sowId: string;
}
export interface RemoveItemChange {
  kind: 'remove_item';
  scopeItemId: string;
}
export interface ShiftSowChange {
  kind: 'shift_sow';
  sowId: string;
  /** Calendar days, negative for earlier. */
  days: number;
}
export interface ShiftItemChange {
  kind: 'shift_item';
  scopeItemId: string;
  days: number;
}
export interface AddEngineerChange {
  kind: 'add_engineer';
  name: string;
  level: Level;
  region: string;
  timezone: string;
  skills: EngineerSkill[];
  /** First working day; before it the hire has no capacity. */
  startDate: string;
  weeklyCapacityHours: number;
  utilizationTarget: number;
  travelLimit: number;
  clearance: ClearanceLevel | null;
}
export interface RemoveEngineerChange {
  kind: 'remove_engineer';
  engineerId: string;
  /** The leaver's last working day (null: gone for the whole horizon). */
  lastDay: string | null;
}
export interface ModifyEngineerChange {
  kind: 'modify_engineer';
  engineerId: string;
  level?: Level;
  region?: string;
  /** Skills gained or raised (never lowered). */
  skills?: EngineerSkill[];
  utilizationTarget?: number;
  travelLimit?: number;
  weeklyCapacityHours?: number;
}

export type ScenarioChange =
  | AddSowChange
  | RemoveSowChange
  | RemoveItemChange
  | ShiftSowChange
  | ShiftItemChange
  | AddEngineerChange
  | RemoveEngineerChange
  | ModifyEngineerChange;

/** A stored change: its row id names what it adds (a hypothetical SOW, item or engineer). */
export interface StoredScenarioChange {
  id: string;
  seq: number;
  change: ScenarioChange;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MAX_SHIFT_DAYS = 730;
const MAX_PIPELINE_ITEMS = 50;

type Raw = Record<string, unknown>;

/** Collects the field errors of one request, each naming the request's own field. */
class Checker {
  readonly details: DomainErrorDetail[] = [];
  constructor(private readonly raw: Raw) {}

  fail(field: string, rule: string, message: string): void {
    this.details.push({ field, rule, message: `${field} ${message}` });
  }
  present(field: string): boolean {
    return this.raw[field] !== undefined && this.raw[field] !== null;
  }
  string(field: string, max = 200, value: unknown = this.raw[field], required = true): string {
    if (value === undefined || value === null) {
      if (required) this.fail(field, 'required', 'is required');
      return '';
    }
    if (typeof value !== 'string' || value.trim() === '') this.fail(field, 'isString', 'must be a non-empty string');
    else if (value.length > max) this.fail(field, 'maxLength', `must be at most ${max} characters`);
    return typeof value === 'string' ? value.trim() : '';
  }
  uuid(field: string, value: unknown = this.raw[field]): string {
    if (typeof value !== 'string' || !UUID.test(value)) this.fail(field, 'isUuid', 'must be a UUID');
    return typeof value === 'string' ? value : '';
  }
  date(field: string, value: unknown = this.raw[field]): string {
    if (!isIsoDate(value)) this.fail(field, 'isDate', 'must be a calendar date YYYY-MM-DD');
    return typeof value === 'string' ? value : '';
  }
  number(field: string, min: number, max: number, value: unknown = this.raw[field], integer = false): number {
    if (typeof value !== 'number' || !Number.isFinite(value) || (integer && !Number.isInteger(value))) {
      this.fail(field, integer ? 'isInt' : 'isNumber', integer ? 'must be an integer' : 'must be a number');
      return min;
    }
    if (value < min || value > max) this.fail(field, 'range', `must be between ${min} and ${max}`);
    return value;
  }
  level(field: string, value: unknown = this.raw[field]): Level {
    if (typeof value !== 'string' || !(LEVELS as readonly string[]).includes(value)) this.fail(field, 'isIn', `must be one of ${LEVELS.join(', ')}`);
    return value as Level;
  }
  clearance(field: string, value: unknown = this.raw[field]): ClearanceLevel | null {
    if (value === undefined || value === null) return null;
    if (typeof value !== 'string' || !(CLEARANCE_LEVELS as readonly string[]).includes(value)) this.fail(field, 'isIn', `must be one of ${CLEARANCE_LEVELS.join(', ')}`);
    return value as ClearanceLevel;
  }
  skills(field: string, value: unknown, requirement: boolean): Array<{ key: string; proficiency: EngineerSkill['proficiency'] }> {
    if (!Array.isArray(value)) {
      this.fail(field, 'isArray', 'must be an array');
      return [];
    }
    if (value.length > 30) this.fail(field, 'maxSize', 'must hold at most 30 skills');
    const profField = requirement ? 'minProficiency' : 'proficiency';
    return value.map((s: unknown, i) => {
      const entry = (typeof s === 'object' && s !== null ? s : {}) as Raw;
      const key = this.string(`${field}[${i}].key`, 100, entry.key);
      const p = entry[profField];
      if (typeof p !== 'string' || !(PROFICIENCIES as readonly string[]).includes(p)) this.fail(`${field}[${i}].${profField}`, 'isIn', `must be one of ${PROFICIENCIES.join(', ')}`);
      return { key, proficiency: p as EngineerSkill['proficiency'] };
    });
  }
  throwIfAny(): void {
    if (this.details.length > 0) throw new DomainError('validation_failed', this.details.map((d) => d.message).join('; '), this.details);
  }
}

/**
 * Validates a change as the API received it (kind plus that kind's fields) and returns its typed form.
 * Customer fields of `add_sow` are filled by the caller from the customer row. Throws `validation_failed`
 * naming every bad field.
 */
export function parseScenarioChange(raw: Raw): ScenarioChange {
  const c = new Checker(raw);
  const kind = raw.kind;
  if (typeof kind !== 'string' || !(SCENARIO_CHANGE_KINDS as readonly string[]).includes(kind)) {
    c.fail('kind', 'isIn', `must be one of ${SCENARIO_CHANGE_KINDS.join(', ')}`);
    c.throwIfAny();
  }
  let change: ScenarioChange;
  switch (kind as ScenarioChangeKind) {
    case 'add_sow': {
      const itemsRaw = raw.items;
      const items: PipelineItem[] = [];
      if (!Array.isArray(itemsRaw) || itemsRaw.length === 0) c.fail('items', 'arrayNotEmpty', 'must list at least one scope item');
      else if (itemsRaw.length > MAX_PIPELINE_ITEMS) c.fail('items', 'maxSize', `must hold at most ${MAX_PIPELINE_ITEMS} items`);
      else
        itemsRaw.forEach((r: unknown, i) => {
          const it = (typeof r === 'object' && r !== null ? r : {}) as Raw;
          const p = `items[${i}]`;
          const start = c.date(`${p}.startDate`, it.startDate);
          const end = c.date(`${p}.endDate`, it.endDate);
          if (isIsoDate(start) && isIsoDate(end) && compareDates(start, end) > 0) c.fail(`${p}.endDate`, 'notBeforeStart', 'must not be before startDate');
          items.push({
            title: c.string(`${p}.title`, 200, it.title),
            start,
            end,
            estimatedHours: c.number(`${p}.estimatedHours`, 1, 10_000, it.estimatedHours),
            minLevel: c.level(`${p}.minLevel`, it.minLevel),
            requiredSkills: c.skills(`${p}.requiredSkills`, it.requiredSkills ?? [], true).map((s) => ({ key: s.key, minProficiency: s.proficiency })),
            onsiteDays: it.onsiteDays === undefined ? 0 : c.number(`${p}.onsiteDays`, 0, 365, it.onsiteDays),
            maxTeamSize: it.maxTeamSize === undefined ? 1 : c.number(`${p}.maxTeamSize`, 1, 5, it.maxTeamSize, true),
          });
        });
      change = {
        kind: 'add_sow',
        title: c.string('title'),
        customerId: c.uuid('customerId'),
        customerName: '',
        customerRegion: '',
        requiredClearance: null,
        winProbability: raw.winProbability === undefined ? 1 : c.number('winProbability', 0, 1, raw.winProbability),
        items,
      };
      break;
    }
    case 'remove_sow':
      change = { kind: 'remove_sow', sowId: c.uuid('sowId') };
      break;
    case 'remove_item':
      change = { kind: 'remove_item', scopeItemId: c.uuid('scopeItemId') };
      break;
    case 'shift_sow':
      change = { kind: 'shift_sow', sowId: c.uuid('sowId'), days: c.number('days', -MAX_SHIFT_DAYS, MAX_SHIFT_DAYS, raw.days, true) };
      break;
    case 'shift_item':
      change = { kind: 'shift_item', scopeItemId: c.uuid('scopeItemId'), days: c.number('days', -MAX_SHIFT_DAYS, MAX_SHIFT_DAYS, raw.days, true) };
      break;
    case 'add_engineer':
      change = {
        kind: 'add_engineer',
        name: c.string('name'),
        level: c.level('level'),
        region: c.string('region', 50),
        timezone: raw.timezone === undefined ? 'UTC' : c.string('timezone', 100),
        skills: c.skills('skills', raw.skills ?? [], false),
        startDate: c.date('startDate'),
        weeklyCapacityHours: raw.weeklyCapacityHours === undefined ? 40 : c.number('weeklyCapacityHours', 1, 80, raw.weeklyCapacityHours),
        utilizationTarget: raw.utilizationTarget === undefined ? 0.7 : c.number('utilizationTarget', 0, 1, raw.utilizationTarget),
        travelLimit: raw.travelLimit === undefined ? 0.2 : c.number('travelLimit', 0, 1, raw.travelLimit),
        clearance: c.clearance('clearance'),
      };
      break;
    case 'remove_engineer':
      change = { kind: 'remove_engineer', engineerId: c.uuid('engineerId'), lastDay: c.present('lastDay') ? c.date('lastDay') : null };
      break;
    case 'modify_engineer': {
      const m: ModifyEngineerChange = { kind: 'modify_engineer', engineerId: c.uuid('engineerId') };
      if (c.present('level')) m.level = c.level('level');
      if (c.present('region')) m.region = c.string('region', 50);
      if (c.present('skills')) m.skills = c.skills('skills', raw.skills, false);
      if (c.present('utilizationTarget')) m.utilizationTarget = c.number('utilizationTarget', 0, 1, raw.utilizationTarget);
      if (c.present('travelLimit')) m.travelLimit = c.number('travelLimit', 0, 1, raw.travelLimit);
      if (c.present('weeklyCapacityHours')) m.weeklyCapacityHours = c.number('weeklyCapacityHours', 1, 80, raw.weeklyCapacityHours);
      if (Object.keys(m).length === 2) c.fail('level', 'atLeastOne', 'or another of region, skills, utilizationTarget, travelLimit, weeklyCapacityHours must be given');
      change = m;
      break;
    }
  }
  c.throwIfAny();
  return change;
}
