import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { UserRole } from '@sow/domain';
import { UserEntity } from '../entities/user.entity';

export interface NewUser {
  email: string;
  passwordHash: string;
  role: UserRole;
  engineerId: string | null;
}

@Injectable()
export class UsersRepository {
  constructor(@InjectRepository(UserEntity) private readonly repo: Repository<UserEntity>) {}

  findByEmail(email: string): Promise<UserEntity | null> {
    return this.repo.findOne({ where: { email: email.toLowerCase() } });
  }

  /** Whether an engineer with this id exists (a user may be linked to one). */
  async engineerExists(engineerId: string): Promise<boolean> {
    const rows: unknown[] = await this.repo.manager.query(`SELECT 1 FROM engineers WHERE id = $1`, [engineerId]);
    return rows.length > 0;
  }

  findById(id: string): Promise<UserEntity | null> {
    return this.repo.findOne({ where: { id } });
  }

  count(): Promise<number> {
    return this.repo.count();
  }

  list(limit: number, offset: number): Promise<[UserEntity[], number]> {
    return this.repo.findAndCount({ order: { createdAt: 'ASC', id: 'ASC' }, take: limit, skip: offset });
  }

  async insert(user: NewUser): Promise<UserEntity> {
    const entity = this.repo.create({ ...user, email: user.email.toLowerCase(), active: true });
    return this.repo.save(entity);
  }

  save(user: UserEntity): Promise<UserEntity> {
    return this.repo.save(user);
  }
}
