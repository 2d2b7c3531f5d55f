import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { UserRole } from '@sow/domain';
import { UserEntity } from '../entities/user.entity';
import { Tx } from './base.repository';

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

  findById(id: string, tx?: Tx, options: { lock?: boolean } = {}): Promise<UserEntity | null> {
    return (tx ? tx.getRepository(UserEntity) : this.repo).findOne({ where: { id }, ...(options.lock && tx ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
  }

  /** What the auth guard checks on every request: one primary-key read of three columns. */
  async tokenState(id: string): Promise<{ active: boolean; version: number; role: UserRole } | null> {
    const rows: Array<{ active: boolean; version: number; role: UserRole }> = await this.repo.manager.query(`SELECT active, version, role FROM users WHERE id = $1`, [id]);
    return rows[0] ?? null;
  }

  /** Role and active flag; the version moves in the same UPDATE, which revokes every token issued before. */
  async updateAccess(id: string, changes: { role?: UserRole; active?: boolean }, tx: Tx): Promise<UserEntity> {
    await tx
      .getRepository(UserEntity)
      .createQueryBuilder()
      .update()
      .set({ ...changes, version: () => '"version" + 1' })
      .where('id = :id', { id })
      .execute();
    const reloaded = await this.findById(id, tx);
    if (!reloaded) throw new Error(`user ${id} vanished inside its own transaction`);
    return reloaded;
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
