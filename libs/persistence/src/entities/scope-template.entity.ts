import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import { Level, ScopeItemKind, SCOPE_ITEM_KINDS, SkillRequirement, TemplateParameter } from '@sow/domain';

/** What a template gives a scope item when no parameter changes it. */
export interface ScopeTemplateDefaults {
  estimatedHours: number;
  requiredSkills: SkillRequirement[];
  minLevel: Level;
  onsiteDays: number;
  /** Custom templates only: the details every item from the template gets (validated per kind). */
  details?: Record<string, unknown>;
}

/** The scope catalogue; seeded from SCOPE_TEMPLATES (builtin), admins add custom ones. */
@Entity({ name: 'scope_templates' })
export class ScopeTemplateEntity {
  /** Stored on scope items created from it: never renamed. */
  @PrimaryColumn({ type: 'varchar', length: 100 })
  key: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ type: 'enum', enum: SCOPE_ITEM_KINDS, enumName: 'scope_item_kind' })
  kind: ScopeItemKind;

  @Column({ type: 'text' })
  description: string;

  @Column({ type: 'jsonb' })
  defaults: ScopeTemplateDefaults;

  @Column({ type: 'jsonb' })
  parameters: TemplateParameter[];

  @Column({ type: 'jsonb', default: () => `'[]'` })
  sources: string[];

  /** Builtin templates expand through the domain catalogue's rules; custom ones through their defaults. */
  @Column({ type: 'boolean', default: false })
  builtin: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
