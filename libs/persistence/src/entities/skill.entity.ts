import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import { SKILL_CATEGORIES, SkillCategory } from '@sow/domain';

/** The skills catalogue; seeded from SEED_SKILLS, admins add keys. Keys are stored on engineers and scope items. */
@Entity({ name: 'skills' })
export class SkillEntity {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  key: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ type: 'enum', enum: SKILL_CATEGORIES, enumName: 'skill_category' })
  category: SkillCategory;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
