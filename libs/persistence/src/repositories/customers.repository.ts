import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CustomerEntity } from '../entities/customer.entity';
import { SowEntity } from '../entities/sow.entity';
import { BaseRepository, Tx } from './base.repository';

@Injectable()
export class CustomersRepository extends BaseRepository<CustomerEntity> {
  constructor(dataSource: DataSource) {
    super(dataSource, CustomerEntity);
  }

  list(limit: number, offset: number): Promise<[CustomerEntity[], number]> {
    return this.repo().findAndCount({ order: { name: 'ASC', id: 'ASC' }, take: limit, skip: offset });
  }

  async hasSows(id: string, tx?: Tx): Promise<boolean> {
    return (await (tx ?? this.dataSource.manager).getRepository(SowEntity).count({ where: { customerId: id }, take: 1 })) > 0;
  }
}
