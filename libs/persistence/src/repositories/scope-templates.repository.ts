import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ScopeTemplateEntity } from '../entities/scope-template.entity';
import { Tx } from './base.repository';

@Injectable()
export class ScopeTemplatesRepository {
  constructor(private readonly dataSource: DataSource) {}

  private repo(tx?: Tx) {
    return (tx ?? this.dataSource.manager).getRepository(ScopeTemplateEntity);
  }

  list(): Promise<ScopeTemplateEntity[]> {
    return this.repo().find({ order: { kind: 'ASC', key: 'ASC' } });
  }

  findByKey(key: string, tx?: Tx): Promise<ScopeTemplateEntity | null> {
    return this.repo(tx).findOne({ where: { key } });
  }

  insert(template: Omit<ScopeTemplateEntity, 'createdAt'>, tx?: Tx): Promise<ScopeTemplateEntity> {
    const repo = this.repo(tx);
    return repo.save(repo.create(template));
  }
}
