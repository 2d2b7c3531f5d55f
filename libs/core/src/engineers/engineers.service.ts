import { Injectable } from '@nestjs/common';
import {
  applyEngineerDefaults,
  assertDateRange,
  assertVersion,
  DomainError,
  DomainErrorDetail,
  EngineerFields,
  EngineerInput,
  parseSkillSpec,
  throwIfInvalid,
  unknownSkillDetail,
  validateEngineer,
} from '@sow/domain';
import { domainEvent } from '@sow/domain';
import { AuditRepository, EngineerEntity, EngineerRecord, EngineerSearch, EngineersRepository, NewAuditEvent, TransactionRunner, Tx } from '@sow/persistence';
import { isKnownRegion } from '../working-calendar/public-holidays';
import { Actor, Page } from '../shared/actor';
import { rethrowUniqueViolation } from '../shared/unique-violation';
import { SkillsService } from '../catalogue/skills.service';
import { CsvRowError, engineersToCsv, parseEngineerCsv, toCsvError } from './engineer-csv';
import { engineerFieldsOf, EngineerView, toEngineerView } from './engineer-view';

export type EngineerPatch = Partial<EngineerInput>;

/** Search filters as the API takes them: skills as `key` or `key:minProficiency` specs (AND). */
export type EngineerSearchQuery = Omit<EngineerSearch, 'skills'> & { skills?: string[] };

export interface ImportResult {
  created: number;
  updated: number;
  total: number;
}

/** Engineers see their own record only; anyone else's is "not found", so ids cannot be probed. */
export function assertCanSeeEngineer(actor: Actor, engineerId: string): void {
  if (actor.role === 'engineer' && actor.engineerId !== engineerId) throw new DomainError('not_found', `Engineer ${engineerId} not found`);
}


function normalise(fields: EngineerFields): EngineerFields {
  return { ...fields, email: fields.email.trim().toLowerCase(), name: fields.name.trim(), region: fields.region.trim() };
}

@Injectable()
export class EngineersService {
  constructor(
    private readonly engineers: EngineersRepository,
    private readonly skills: SkillsService,
    private readonly audit: AuditRepository,
    private readonly tx: TransactionRunner,
  ) {}

  async create(actor: Actor, input: EngineerInput): Promise<EngineerView> {
    return this.tx.run(async (tx) => {
      const known = await this.skills.knownKeys(tx);
      const fields = applyEngineerDefaults(input);
      throwIfInvalid(validateEngineer(fields, known, isKnownRegion), 'Invalid engineer');
      return this.insert(actor, normalise(fields), tx);
    });
  }

  async get(actor: Actor, id: string): Promise<EngineerView> {
    assertCanSeeEngineer(actor, id);
    const engineer = await this.engineers.findWithSkills(id);
    if (!engineer) throw new DomainError('not_found', `Engineer ${id} not found`);
    return toEngineerView(engineer);
  }

  async search(query: EngineerSearchQuery): Promise<Page<EngineerView>> {
    const page = await this.engineers.search(await this.toSearch(query));
    return { items: page.items.map(toEngineerView), total: page.total };
  }

  /** Same filters and order as the search, every match, as CSV in the import shape. */
  async exportCsv(query: Omit<EngineerSearchQuery, 'limit' | 'offset'>): Promise<string> {
    const page = await this.engineers.search(await this.toSearch({ ...query, limit: 1_000_000, offset: 0 }));
    return engineersToCsv(page.items.map(toEngineerView));
  }

  private async toSearch(query: EngineerSearchQuery): Promise<EngineerSearch> {
    const problems: DomainErrorDetail[] = [];
    const known = await this.skills.knownKeys();
    const skills = (query.skills ?? []).flatMap((spec, i) => {
      const parsed = parseSkillSpec(spec, `skill[${i}]`);
      if ('problem' in parsed) {
        problems.push(parsed.problem);
        return [];
      }
      if (!known.has(parsed.key)) problems.push(unknownSkillDetail(`skill[${i}]`, parsed.key, known));
      return [{ key: parsed.key, minProficiency: parsed.proficiency }];
    });
    if (query.availableFrom && query.availableTo) assertDateRange({ start: query.availableFrom, end: query.availableTo }, { start: 'availableFrom', end: 'availableTo' });
    throwIfInvalid(problems, 'Invalid search');
    return { ...query, skills };
  }

  async update(actor: Actor, id: string, patch: EngineerPatch, expectedVersion?: number): Promise<EngineerView> {
    return this.tx.run(async (tx) => {
      const current = await this.lockWithSkills(id, tx);
      assertVersion('engineer', current.version, expectedVersion);
      const known = await this.skills.knownKeys(tx);
      const merged = { ...engineerFieldsOf(current), ...definedOnly(patch) };
      throwIfInvalid(validateEngineer(merged, known, isKnownRegion), 'Invalid engineer');
      return this.write(actor, current, normalise(merged), tx);
    });
  }

  async remove(actor: Actor, id: string, expectedVersion?: number): Promise<void> {
    await this.tx.run(async (tx) => {
      const current = await this.lockWithSkills(id, tx);
      assertVersion('engineer', current.version, expectedVersion);
      await this.engineers.remove(current, tx);
      await this.audit.record({ actorId: actor.userId, action: 'engineer.deleted', entityType: 'engineer', entityId: id, before: toEngineerView(current) }, tx);
      await this.audit.publish(domainEvent('engineer.deactivated', id, { engineerId: id, reason: 'deleted' }), tx);
    });
  }

  /**
   * All-or-nothing upsert by email: existing engineers (matched case-insensitively) are updated,
   * others created. Any bad row fails the whole file with every problem listed by line and column.
   */
  async importCsv(actor: Actor, text: string): Promise<ImportResult> {
    const parsed = parseEngineerCsv(text);
    if (parsed.errors.length > 0 && parsed.rows.length === 0) throw csvError(parsed.errors);
    return this.tx.run(async (tx) => {
      const known = await this.skills.knownKeys(tx);
      const errors: CsvRowError[] = [...parsed.errors];
      const seen = new Map<string, number>();
      const rows = parsed.rows.map(({ line, input }) => {
        const fields = applyEngineerDefaults(input);
        errors.push(...validateEngineer(fields, known, isKnownRegion).map((d) => toCsvError(line, d)));
        const email = fields.email.trim().toLowerCase();
        const first = seen.get(email);
        if (first !== undefined) errors.push(toCsvError(line, { field: 'email', rule: 'uniqueInFile', message: `email ${email} also on line ${first}` }));
        else seen.set(email, line);
        return { line, input, fields };
      });
      if (errors.length > 0) throw csvError(errors);
      // Set-based writes: a few statements per 500 rows for creates, one UPDATE per changed row.
      const existing = new Map((await this.engineers.findByEmails([...seen.keys()], tx)).map((e) => [e.email, e.id]));
      const locked = new Map((await this.engineers.lockManyWithSkills([...existing.values()], tx)).map((e) => [e.id, e]));
      const toCreate: EngineerFields[] = [];
      const skillsById = new Map<string, EngineerFields['skills']>();
      const events: NewAuditEvent[] = [];
      const deactivated: string[] = [];
      for (const row of rows) {
        const id = existing.get(row.fields.email.trim().toLowerCase());
        const current = id ? locked.get(id) : undefined;
        if (!current) {
          toCreate.push(normalise(row.fields));
          continue;
        }
        // Columns left empty keep the stored value instead of resetting it to the default.
        const { skills, ...columns } = normalise({ ...engineerFieldsOf(current), ...definedOnly(row.input) });
        const before = toEngineerView(current);
        const bumped = await this.engineers.updateReturning(current.id, columns, tx);
        skillsById.set(current.id, skills);
        const after = toEngineerView(Object.assign(new EngineerEntity(), current, columns, bumped, { skills }));
        events.push({ actorId: actor.userId, action: 'engineer.imported', entityType: 'engineer', entityId: current.id, before, after });
        if (before.active && !after.active) deactivated.push(current.id);
      }
      const created = await this.engineers.insertMany(toCreate.map(withoutSkills), tx);
      created.forEach((engineer, i) => {
        skillsById.set(engineer.id, toCreate[i].skills);
        events.push({ actorId: actor.userId, action: 'engineer.imported', entityType: 'engineer', entityId: engineer.id, after: toEngineerView(Object.assign(engineer, { skills: toCreate[i].skills })) });
      });
      await this.engineers.replaceSkillsMany(skillsById, tx);
      await this.audit.recordMany(events, tx);
      for (const id of deactivated) {
        await this.audit.publish(domainEvent('engineer.deactivated', id, { engineerId: id, reason: 'deactivated' }), tx);
      }
      return { created: created.length, updated: rows.length - created.length, total: rows.length };
    });
  }

  private async lockWithSkills(id: string, tx: Tx): Promise<EngineerRecord> {
    const locked = await this.engineers.findById(id, tx, { lock: true });
    if (!locked) throw new DomainError('not_found', `Engineer ${id} not found`);
    return Object.assign(locked, { skills: await this.engineers.skillsOf(id, tx) });
  }

  private async insert(actor: Actor, fields: EngineerFields, tx: Tx): Promise<EngineerView> {
    if ((await this.engineers.findByEmails([fields.email], tx)).length > 0) {
      throw new DomainError('conflict', `An engineer with email ${fields.email} already exists`, [
        { field: 'email', rule: 'unique', message: 'email is already registered' },
      ]);
    }
    const { skills, ...columns } = fields;
    const saved = await this.engineers.insert(columns, tx).catch((e: unknown) => rethrowUniqueViolation(e, 'email', `An engineer with email ${fields.email} already exists`));
    await this.engineers.replaceSkills(saved.id, skills, tx);
    const view = toEngineerView(Object.assign(saved, { skills }));
    await this.audit.record({ actorId: actor.userId, action: 'engineer.created', entityType: 'engineer', entityId: view.id, after: view }, tx);
    return view;
  }

  private async write(actor: Actor, current: EngineerRecord, fields: EngineerFields, tx: Tx): Promise<EngineerView> {
    const before = toEngineerView(current);
    const { skills, ...columns } = fields;
    const saved = await this.engineers
      .update(current.id, columns, tx)
      .catch((e: unknown) => rethrowUniqueViolation(e, 'email', `An engineer with email ${fields.email} already exists`));
    await this.engineers.replaceSkills(current.id, skills, tx);
    const after = toEngineerView(Object.assign(saved, { skills }));
    await this.audit.record({ actorId: actor.userId, action: 'engineer.updated', entityType: 'engineer', entityId: current.id, before, after }, tx);
    if (before.active && !after.active) {
      await this.audit.publish(
        domainEvent('engineer.deactivated', current.id, { engineerId: current.id, reason: 'deactivated' }),
        tx,
      );
    }
    return after;
  }
}

function withoutSkills(fields: EngineerFields): Omit<EngineerFields, 'skills'> {
  const { skills: _skills, ...columns } = fields;
  return columns;
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function csvError(errors: readonly CsvRowError[]): DomainError {
  const lines = [...new Set(errors.map((e) => e.line))].sort((a, b) => a - b);
  return new DomainError('validation_failed', `The CSV has ${errors.length} problem(s) on line(s) ${lines.join(', ')}; nothing was imported`, errors);
}
