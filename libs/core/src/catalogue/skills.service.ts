import { Injectable } from '@nestjs/common';
import { DomainError, SKILL_CATEGORIES, SkillCategory, throwIfInvalid } from '@sow/domain';
import { AuditRepository, SkillEntity, SkillsRepository, TransactionRunner, Tx } from '@sow/persistence';
import { Actor } from '../shared/actor';

export interface SkillView {
  key: string;
  name: string;
  category: SkillCategory;
}

const SKILL_KEY_PATTERN = /^[a-z0-9][a-z0-9-]{0,63}$/;

function toSkillView(s: SkillEntity): SkillView {
  return { key: s.key, name: s.name, category: s.category };
}

@Injectable()
export class SkillsService {
  constructor(
    private readonly skills: SkillsRepository,
    private readonly audit: AuditRepository,
    private readonly tx: TransactionRunner,
  ) {}

  async list(): Promise<SkillView[]> {
    return (await this.skills.list()).map(toSkillView);
  }

  /** The catalogue's keys, for validating engineers' and scope items' skills. */
  async knownKeys(tx?: Tx): Promise<Set<string>> {
    return new Set((await this.skills.list(tx)).map((s) => s.key));
  }

  async create(actor: Actor, input: SkillView): Promise<SkillView> {
    throwIfInvalid([
      ...(SKILL_KEY_PATTERN.test(input.key) ? [] : [{ field: 'key', rule: 'matches: ^[a-z0-9][a-z0-9-]*$', message: 'key must be lower-case letters, digits and dashes' }]),
      ...(SKILL_CATEGORIES.includes(input.category) ? [] : [{ field: 'category', rule: `isIn: ${SKILL_CATEGORIES.join(', ')}`, message: `category must be one of ${SKILL_CATEGORIES.join(', ')}` }]),
    ]);
    return this.tx.run(async (tx) => {
      if (await this.skills.findByKey(input.key, tx)) {
        throw new DomainError('conflict', `Skill ${input.key} already exists`, [{ field: 'key', rule: 'unique', message: 'key is already in the catalogue' }]);
      }
      const view = toSkillView(await this.skills.insert(input, tx));
      await this.audit.record({ actorId: actor.userId, action: 'skill.created', entityType: 'skill', entityId: view.key, after: view }, tx);
      return view;
    });
  }
}
