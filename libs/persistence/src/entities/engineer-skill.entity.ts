import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { PROFICIENCIES, Proficiency } from '@sow/domain';
import { EngineerEntity } from './engineer.entity';
import { SkillEntity } from './skill.entity';

/** One row per (engineer, skill): the search filters on it with EXISTS, so no JSON scanning. */
@Entity({ name: 'engineer_skills' })
@Index('ix_engineer_skills_skill', ['skillKey', 'proficiency'])
export class EngineerSkillEntity {
  @PrimaryColumn({ name: 'engineer_id', type: 'uuid' })
  engineerId: string;

  @PrimaryColumn({ name: 'skill_key', type: 'varchar', length: 64 })
  skillKey: string;

  @Column({ type: 'enum', enum: PROFICIENCIES, enumName: 'proficiency' })
  proficiency: Proficiency;

  @ManyToOne(() => EngineerEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'engineer_id' })
  engineer?: EngineerEntity;

  // RESTRICT: a skill still held by someone cannot vanish from the catalogue.
  @ManyToOne(() => SkillEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'skill_key' })
  skill?: SkillEntity;
}
