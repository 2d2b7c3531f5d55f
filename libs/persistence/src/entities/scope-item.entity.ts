import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Level, LEVELS, ParameterValue, SCOPE_ITEM_KINDS, SCOPE_ITEM_STATUSES, ScopeItemKind, ScopeItemStatus, SkillRequirement } from '@sow/domain';
import { NUMERIC_AS_NUMBER } from './column-transformers';
import { SowEntity } from './sow.entity';
import { Versioned } from './versioned';

@Entity({ name: 'scope_items' })
@Index('ix_scope_items_sow', ['sowId'])
export class ScopeItemEntity extends Versioned {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'sow_id', type: 'uuid' })
  sowId: string;

  @ManyToOne(() => SowEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'sow_id' })
  sow?: SowEntity;

  /** The template it was expanded from (null when hand-written); kept even if the template changes. */
  @Column({ name: 'template_key', type: 'varchar', length: 100, nullable: true })
  templateKey: string | null;

  @Column({ type: 'jsonb', nullable: true })
  parameters: Record<string, ParameterValue> | null;

  @Column({ type: 'enum', enum: SCOPE_ITEM_KINDS, enumName: 'scope_item_kind' })
  kind: ScopeItemKind;

  @Column({ type: 'varchar', length: 300 })
  title: string;

  @Column({ type: 'jsonb' })
  details: Record<string, unknown>;

  @Column({ name: 'estimated_hours', type: 'numeric', precision: 10, scale: 2, transformer: NUMERIC_AS_NUMBER })
  estimatedHours: number;

  @Column({ name: 'min_level', type: 'enum', enum: LEVELS, enumName: 'engineer_level' })
  minLevel: Level;

  @Column({ name: 'required_skills', type: 'jsonb', default: () => `'[]'` })
  requiredSkills: SkillRequirement[];

  @Column({ name: 'onsite_days', type: 'int', default: 0 })
  onsiteDays: number;

  @Column({ name: 'start_date', type: 'date' })
  startDate: string;

  @Column({ name: 'end_date', type: 'date' })
  endDate: string;

  /** How many engineers may share the item's hours: one primary and maxTeamSize − 1 secondaries. */
  @Column({ name: 'max_team_size', type: 'int', default: 1 })
  maxTeamSize: number;

  @Column({ type: 'enum', enum: SCOPE_ITEM_STATUSES, enumName: 'scope_item_status', default: 'planned' })
  status: ScopeItemStatus;
}
