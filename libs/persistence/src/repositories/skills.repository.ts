import { Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { SkillCategory } from '@sow/domain';
import { SkillEntity } from '../entities/skill.entity';
import { Tx } from './base.repository';

@Injectable()
export class SkillsRepository {
  constructor(private readonly dataSource: DataSource) {}

  private repo(tx?: Tx) {
    return (tx ?? this.dataSource.manager).getRepository(SkillEntity);
  }

  list(tx?: Tx): Promise<SkillEntity[]> {
    return this.repo(tx).find({ order: { key: 'ASC' } });
  }

  findByKey(key: string, tx?: Tx): Promise<SkillEntity | null> {
    return this.repo(tx).findOne({ where: { key } });
  }

  findByKeys(keys: readonly string[], tx?: Tx): Promise<SkillEntity[]> {
    return keys.length === 0 ? Promise.resolve([]) : this.repo(tx).find({ where: { key: In([...keys]) } });
  }

  insert(skill: { key: string; name: string; category: SkillCategory }, tx?: Tx): Promise<SkillEntity> {
    const repo = this.repo(tx);
    return repo.save(repo.create(skill));
  }
}
