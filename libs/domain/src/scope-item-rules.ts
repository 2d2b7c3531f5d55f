import { countWorkingDays, DateRange, isIsoDate, toDayNumber } from './calendar';
import { DomainError, DomainErrorDetail } from './domain-error';
import { SkillRequirement } from './eligibility';
import { unknownSkillDetail } from './engineer-rules';
import { expandTemplate, findScopeTemplate, ParameterValue, resolveTemplateParameters, ScopeTemplate } from './scope-catalogue';
import { validateScopeDetails, validateScopeItemDates } from './scope-details';
import { Level, LEVELS, PROFICIENCIES, SCOPE_ITEM_KINDS, ScopeItemKind } from './vocabulary';

/** A scope template as the catalogue table holds it: builtin ones expand by the catalogue's rules. */
export interface StoredScopeTemplate extends ScopeTemplate {
  builtin: boolean;
  /** Custom templates: the details every item from the template gets. */
  details?: Record<string, unknown>;
}

/** A scope item ready to store: every field resolved and validated. */
export interface ScopeItemDraft {
  templateKey: string | null;
  parameters: Record<string, ParameterValue> | null;
  kind: ScopeItemKind;
  title: string;
  details: Record<string, unknown>;
  estimatedHours: number;
  minLevel: Level;
  requiredSkills: SkillRequirement[];
  onsiteDays: number;
  startDate: string;
  endDate: string;
  /** How many engineers may share the item's hours (1: one engineer). */
  maxTeamSize: number;
}

/** Largest team an item may ask for. */
export const MAX_TEAM_SIZE = 5;

/**
 * The team size an item gets unless it says otherwise: installations and migrations large enough to
 * fill more than one engineer's month take a team of 2 (160 h) or 3 (320 h); everything else one.
 */
export function defaultTeamSize(kind: ScopeItemKind, estimatedHours: number): number {
  if (kind !== 'installation' && kind !== 'migration') return 1;
  return estimatedHours >= 320 ? 3 : estimatedHours >= 160 ? 2 : 1;
}

/** Hand-written fields; any may be absent when a template supplies it. */
export interface ScopeItemFields {
  kind?: ScopeItemKind;
  title?: string;
  details?: unknown;
  estimatedHours?: number;
  minLevel?: Level;
  requiredSkills?: SkillRequirement[];
  onsiteDays?: number;
  startDate?: string;
  endDate?: string;
  maxTeamSize?: number;
}

export interface ScopeItemInput extends ScopeItemFields {
  templateKey?: string;
  parameters?: Record<string, unknown>;
}

export interface ScopeItemContext {
  sow: DateRange;
  knownSkills: ReadonlySet<string>;
  /** Looks a template up in the stored catalogue (builtin or custom). */
  template?: StoredScopeTemplate | null;
}

function prefixed(prefix: string, details: readonly DomainErrorDetail[]): DomainErrorDetail[] {
  return prefix ? details.map((d) => ({ ...d, field: d.field ? `${prefix}.${d.field}` : prefix })) : [...details];
}

/** Expands a stored template with parameters: builtin keys use the catalogue's effort rules, custom ones their defaults. */
export function expandStoredTemplate(template: StoredScopeTemplate, params: unknown): Omit<ScopeItemDraft, 'startDate' | 'endDate' | 'title' | 'maxTeamSize'> & { name: string } {
  const builtin = template.builtin ? findScopeTemplate(template.key) : undefined;
  if (builtin) {
    const e = expandTemplate(builtin, params);
    return {
      templateKey: e.templateKey,
      parameters: e.parameters,
      kind: e.kind,
      name: e.name,
      details: { ...e.details },
      estimatedHours: e.estimatedHours,
      minLevel: e.minLevel,
      requiredSkills: e.requiredSkills,
      onsiteDays: e.onsiteDays,
    };
  }
  // Custom templates have no effort rules: parameters are checked and recorded, the defaults apply.
  const parameters = resolveTemplateParameters(template, params);
  return {
    templateKey: template.key,
    parameters,
    kind: template.kind,
    name: template.name,
    details: { ...(template.details ?? {}) },
    estimatedHours: template.defaultEstimatedHours,
    minLevel: template.minLevel,
    requiredSkills: [...template.requiredSkills],
    onsiteDays: template.onsiteDays,
  };
}

/** Every problem with a resolved item (kind details, dates in the SOW, hours, level, skills, on-site days). */
export function validateScopeItemDraft(d: ScopeItemDraft, sow: DateRange, knownSkills: ReadonlySet<string>): DomainErrorDetail[] {
  const out: DomainErrorDetail[] = [];
  if (!SCOPE_ITEM_KINDS.includes(d.kind)) {
    out.push({ field: 'kind', rule: `isIn: ${SCOPE_ITEM_KINDS.join(', ')}`, message: `kind must be one of ${SCOPE_ITEM_KINDS.join(', ')}` });
  } else {
    out.push(...validateScopeDetails(d.kind, d.details));
  }
  if (typeof d.title !== 'string' || d.title.trim().length === 0 || d.title.length > 300) {
    out.push({ field: 'title', rule: 'length: 1..300', message: 'title must be 1 to 300 characters' });
  }
  // The domain check names the fields start/end; the API calls them startDate/endDate.
  const dateProblems = validateScopeItemDates({ start: d.startDate, end: d.endDate, estimatedHours: d.estimatedHours }, sow);
  out.push(...dateProblems.map((p) => ({ ...p, field: p.field === 'start' ? 'startDate' : p.field === 'end' ? 'endDate' : p.field })));
  if (!LEVELS.includes(d.minLevel)) out.push({ field: 'minLevel', rule: `isIn: ${LEVELS.join(', ')}`, message: `minLevel must be one of ${LEVELS.join(', ')}` });
  if (!Array.isArray(d.requiredSkills)) {
    out.push({ field: 'requiredSkills', rule: 'isArray', message: 'requiredSkills must be an array' });
  } else {
    const seen = new Set<string>();
    d.requiredSkills.forEach((s, i) => {
      if (!knownSkills.has(s.key)) out.push(unknownSkillDetail(`requiredSkills[${i}].key`, s.key, knownSkills));
      if (!PROFICIENCIES.includes(s.minProficiency)) {
        out.push({ field: `requiredSkills[${i}].minProficiency`, rule: `isIn: ${PROFICIENCIES.join(', ')}`, message: `minProficiency must be one of ${PROFICIENCIES.join(', ')}` });
      }
      if (seen.has(s.key)) out.push({ field: `requiredSkills[${i}].key`, rule: 'unique', message: `skill ${s.key} is listed twice` });
      seen.add(s.key);
    });
  }
  if (!Number.isInteger(d.maxTeamSize) || d.maxTeamSize < 1 || d.maxTeamSize > MAX_TEAM_SIZE) {
    out.push({ field: 'maxTeamSize', rule: `range: 1..${MAX_TEAM_SIZE}`, message: `maxTeamSize must be a whole number from 1 to ${MAX_TEAM_SIZE}` });
  }
  if (!Number.isInteger(d.onsiteDays) || d.onsiteDays < 0) {
    out.push({ field: 'onsiteDays', rule: 'min: 0', message: 'onsiteDays must be a whole number ≥ 0' });
  } else if (isIsoDate(d.startDate) && isIsoDate(d.endDate) && toDayNumber(d.endDate) >= toDayNumber(d.startDate)) {
    const working = countWorkingDays({ start: d.startDate, end: d.endDate });
    if (d.onsiteDays > working) {
      out.push({ field: 'onsiteDays', rule: `max: ${working}`, message: `onsiteDays ${d.onsiteDays} exceeds the ${working} working days of the item` });
    }
  }
  return out;
}

/**
 * Resolves a create request into a draft: from a template (fields given alongside override the
 * expansion's title and dates) or hand-written. Throws `validation_failed` with every problem.
 */
export function buildScopeItem(input: ScopeItemInput, ctx: ScopeItemContext, fieldPrefix = ''): ScopeItemDraft {
  let draft: ScopeItemDraft;
  if (input.templateKey !== undefined) {
    if (!ctx.template) {
      throw new DomainError('validation_failed', `Unknown scope template ${input.templateKey}`, prefixed(fieldPrefix, [
        { field: 'templateKey', rule: 'isKnownTemplate', message: `no scope template ${input.templateKey}; see GET /scope-templates` },
      ]));
    }
    const handWritten = (['kind', 'details', 'estimatedHours', 'minLevel', 'requiredSkills', 'onsiteDays'] as const).filter((k) => input[k] !== undefined);
    if (handWritten.length > 0) {
      throw new DomainError('validation_failed', 'A templated item takes parameters, not hand-written fields', prefixed(fieldPrefix, handWritten.map((k) => ({
        field: k,
        rule: 'notWithTemplate',
        message: `${k} comes from the template; change parameters, or write the item by hand without templateKey`,
      }))));
    }
    let expanded: ReturnType<typeof expandStoredTemplate>;
    try {
      expanded = expandStoredTemplate(ctx.template, input.parameters ?? {});
    } catch (error) {
      if (error instanceof DomainError && error.details) throw new DomainError(error.code, error.message, prefixed(fieldPrefix, error.details));
      throw error;
    }
    const { name, ...rest } = expanded;
    draft = { ...rest, title: input.title ?? name, startDate: input.startDate ?? '', endDate: input.endDate ?? '', maxTeamSize: input.maxTeamSize ?? defaultTeamSize(rest.kind, rest.estimatedHours) };
  } else {
    const missing = (['kind', 'title', 'details', 'estimatedHours', 'minLevel'] as const).filter((k) => input[k] === undefined);
    if (missing.length > 0) {
      throw new DomainError('validation_failed', `A hand-written scope item needs ${missing.join(', ')} (or a templateKey)`, prefixed(fieldPrefix, missing.map((k) => ({
        field: k,
        rule: 'isDefined',
        message: `${k} is required without templateKey`,
      }))));
    }
    draft = {
      templateKey: null,
      parameters: null,
      kind: input.kind as ScopeItemKind,
      title: input.title as string,
      details: (input.details ?? {}) as Record<string, unknown>,
      estimatedHours: input.estimatedHours as number,
      minLevel: input.minLevel as Level,
      requiredSkills: input.requiredSkills ?? [],
      onsiteDays: input.onsiteDays ?? 0,
      startDate: input.startDate ?? '',
      endDate: input.endDate ?? '',
      maxTeamSize: input.maxTeamSize ?? defaultTeamSize(input.kind as ScopeItemKind, input.estimatedHours as number),
    };
  }
  assertDraft(draft, ctx, fieldPrefix);
  return draft;
}

/** Applies a patch to a stored item (the kind and template never change) and validates the result. */
export function patchScopeItem(current: ScopeItemDraft, patch: ScopeItemFields, ctx: ScopeItemContext, fieldPrefix = ''): ScopeItemDraft {
  if (patch.kind !== undefined && patch.kind !== current.kind) {
    throw new DomainError('validation_failed', 'The kind of a scope item cannot change; remove it and add a new one', prefixed(fieldPrefix, [
      { field: 'kind', rule: 'immutable', message: 'kind cannot change' },
    ]));
  }
  const next: ScopeItemDraft = {
    ...current,
    ...(patch.title !== undefined ? { title: patch.title } : {}),
    ...(patch.details !== undefined ? { details: patch.details as Record<string, unknown> } : {}),
    ...(patch.estimatedHours !== undefined ? { estimatedHours: patch.estimatedHours } : {}),
    ...(patch.minLevel !== undefined ? { minLevel: patch.minLevel } : {}),
    ...(patch.requiredSkills !== undefined ? { requiredSkills: patch.requiredSkills } : {}),
    ...(patch.onsiteDays !== undefined ? { onsiteDays: patch.onsiteDays } : {}),
    ...(patch.startDate !== undefined ? { startDate: patch.startDate } : {}),
    ...(patch.endDate !== undefined ? { endDate: patch.endDate } : {}),
    ...(patch.maxTeamSize !== undefined ? { maxTeamSize: patch.maxTeamSize } : {}),
  };
  assertDraft(next, ctx, fieldPrefix);
  return next;
}

function assertDraft(draft: ScopeItemDraft, ctx: ScopeItemContext, fieldPrefix: string): void {
  const problems = validateScopeItemDraft(draft, ctx.sow, ctx.knownSkills);
  if (problems.length > 0) {
    const withPrefix = prefixed(fieldPrefix, problems);
    throw new DomainError('validation_failed', `Invalid scope item: ${withPrefix.map((p) => p.field).join(', ')}`, withPrefix);
  }
}
