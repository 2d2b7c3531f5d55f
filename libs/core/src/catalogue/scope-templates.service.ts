import { Injectable } from '@nestjs/common';
import {
  defaultTeamSize,
  DomainError,
  DomainErrorDetail,
  Level,
  ScopeItemKind,
  SkillRequirement,
  StoredScopeTemplate,
  TEMPLATE_PARAMETER_TYPES,
  TemplateParameter,
  throwIfInvalid,
  validateScopeItemDraft,
} from '@sow/domain';
import { AuditRepository, ScopeTemplateEntity, ScopeTemplatesRepository, TransactionRunner, Tx } from '@sow/persistence';
import { Actor } from '../shared/actor';
import { SkillsService } from './skills.service';

export interface ScopeTemplateView {
  key: string;
  name: string;
  kind: ScopeItemKind;
  description: string;
  builtin: boolean;
  defaults: { estimatedHours: number; requiredSkills: SkillRequirement[]; minLevel: Level; onsiteDays: number; details?: Record<string, unknown> };
  parameters: TemplateParameter[];
  sources: string[];
}

export interface CustomTemplateInput {
  key: string;
  name: string;
  kind: ScopeItemKind;
  description: string;
  estimatedHours: number;
  minLevel: Level;
  requiredSkills?: SkillRequirement[];
  onsiteDays?: number;
  details: Record<string, unknown>;
  parameters?: TemplateParameter[];
}

const TEMPLATE_KEY_PATTERN = /^[a-z0-9][a-z0-9-]{1,99}$/;

export function toScopeTemplateView(t: ScopeTemplateEntity): ScopeTemplateView {
  return { key: t.key, name: t.name, kind: t.kind, description: t.description, builtin: t.builtin, defaults: t.defaults, parameters: t.parameters, sources: t.sources };
}

export function toStoredTemplate(t: ScopeTemplateEntity): StoredScopeTemplate {
  return {
    key: t.key,
    name: t.name,
    kind: t.kind,
    description: t.description,
    defaultEstimatedHours: t.defaults.estimatedHours,
    requiredSkills: t.defaults.requiredSkills,
    minLevel: t.defaults.minLevel,
    onsiteDays: t.defaults.onsiteDays,
    parameters: t.parameters,
    sources: t.sources,
    builtin: t.builtin,
    ...(t.defaults.details ? { details: t.defaults.details } : {}),
  };
}

function validateParameters(parameters: readonly TemplateParameter[]): DomainErrorDetail[] {
  const out: DomainErrorDetail[] = [];
  const names = new Set<string>();
  parameters.forEach((p, i) => {
    const field = `parameters[${i}]`;
    if (!/^[a-zA-Z][a-zA-Z0-9]{0,63}$/.test(p.name)) out.push({ field: `${field}.name`, rule: 'isIdentifier', message: 'name must be a camelCase identifier' });
    if (names.has(p.name)) out.push({ field: `${field}.name`, rule: 'unique', message: `parameter ${p.name} is declared twice` });
    names.add(p.name);
    if (!TEMPLATE_PARAMETER_TYPES.includes(p.type)) out.push({ field: `${field}.type`, rule: `isIn: ${TEMPLATE_PARAMETER_TYPES.join(', ')}`, message: 'unknown parameter type' });
    if (p.type === 'enum' && (!p.allowedValues || p.allowedValues.length === 0)) {
      out.push({ field: `${field}.allowedValues`, rule: 'isNotEmpty', message: 'an enum parameter needs allowedValues' });
    }
  });
  return out;
}

@Injectable()
export class ScopeTemplatesService {
  constructor(
    private readonly templates: ScopeTemplatesRepository,
    private readonly skills: SkillsService,
    private readonly audit: AuditRepository,
    private readonly tx: TransactionRunner,
  ) {}

  async list(): Promise<ScopeTemplateView[]> {
    return (await this.templates.list()).map(toScopeTemplateView);
  }

  async get(key: string): Promise<ScopeTemplateView> {
    const t = await this.templates.findByKey(key);
    if (!t) throw new DomainError('not_found', `Scope template ${key} not found`);
    return toScopeTemplateView(t);
  }

  /** The stored template for expansion, or null. */
  async find(key: string, tx?: Tx): Promise<StoredScopeTemplate | null> {
    const t = await this.templates.findByKey(key, tx);
    return t ? toStoredTemplate(t) : null;
  }

  /** Custom templates carry fixed defaults and details; parameters are recorded on items but change nothing. */
  async create(actor: Actor, input: CustomTemplateInput): Promise<ScopeTemplateView> {
    return this.tx.run(async (tx) => {
      const known = await this.skills.knownKeys(tx);
      const parameters = input.parameters ?? [];
      const problems: DomainErrorDetail[] = [];
      if (!TEMPLATE_KEY_PATTERN.test(input.key)) problems.push({ field: 'key', rule: 'matches: ^[a-z0-9][a-z0-9-]+$', message: 'key must be lower-case letters, digits and dashes' });
      // A template's defaults must make a valid item on their own; checked against a one-year window.
      const draftProblems = validateScopeItemDraft(
        {
          templateKey: input.key,
          parameters: null,
          kind: input.kind,
          title: input.name,
          details: input.details,
          estimatedHours: input.estimatedHours,
          minLevel: input.minLevel,
          requiredSkills: input.requiredSkills ?? [],
          onsiteDays: input.onsiteDays ?? 0,
          maxTeamSize: defaultTeamSize(input.kind, input.estimatedHours),
          startDate: '2000-01-03',
          endDate: '2000-12-29',
        },
        { start: '2000-01-03', end: '2000-12-29' },
        known,
      ).map((d) => (d.field === 'title' ? { ...d, field: 'name' } : d));
      problems.push(...draftProblems, ...validateParameters(parameters));
      throwIfInvalid(problems, 'Invalid scope template');
      if (await this.templates.findByKey(input.key, tx)) {
        throw new DomainError('conflict', `Scope template ${input.key} already exists`, [{ field: 'key', rule: 'unique', message: 'key is taken' }]);
      }
      const saved = await this.templates.insert(
        {
          key: input.key,
          name: input.name,
          kind: input.kind,
          description: input.description,
          defaults: { estimatedHours: input.estimatedHours, requiredSkills: input.requiredSkills ?? [], minLevel: input.minLevel, onsiteDays: input.onsiteDays ?? 0, details: input.details },
          parameters,
          sources: ['custom'],
          builtin: false,
        },
        tx,
      );
      const view = toScopeTemplateView(saved);
      await this.audit.record({ actorId: actor.userId, action: 'scope_template.created', entityType: 'scope_template', entityId: view.key, after: view }, tx);
      return view;
    });
  }
}
