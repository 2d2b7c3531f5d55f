import { Injectable, Logger } from '@nestjs/common';
import { DomainError, USER_ROLES, UserRole } from '@sow/domain';
import { UserEntity, UsersRepository } from '@sow/persistence';
import { hashPassword, verifyPassword } from './password-hasher';

export const MIN_PASSWORD_LENGTH = 12;

export interface CreateUserCommand {
  email: string;
  password: string;
  role: UserRole;
  engineerId?: string | null;
}

export interface UserView {
  id: string;
  email: string;
  role: UserRole;
  engineerId: string | null;
  active: boolean;
  version: number;
  createdAt: string;
}

export function toUserView(user: UserEntity): UserView {
  return {
    id: user.id,
    email: user.email,
    role: user.role,
    engineerId: user.engineerId,
    active: user.active,
    version: user.version,
    createdAt: user.createdAt.toISOString(),
  };
}

@Injectable()
export class UsersService {
  private readonly logger = new Logger(UsersService.name);

  constructor(private readonly users: UsersRepository) {}

  async create(command: CreateUserCommand): Promise<UserView> {
    if (!USER_ROLES.includes(command.role)) {
      throw new DomainError('validation_failed', 'Unknown role', [
        { field: 'role', rule: 'isIn', message: `role must be one of: ${USER_ROLES.join(', ')}` },
      ]);
    }
    if (command.password.length < MIN_PASSWORD_LENGTH) {
      throw new DomainError('validation_failed', `The password must be at least ${MIN_PASSWORD_LENGTH} characters`, [
        { field: 'password', rule: 'minLength', message: `password must be at least ${MIN_PASSWORD_LENGTH} characters` },
      ]);
    }
    if (await this.users.findByEmail(command.email)) {
      throw new DomainError('conflict', `A user with email ${command.email.toLowerCase()} already exists`, [
        { field: 'email', rule: 'unique', message: 'email is already registered' },
      ]);
    }
    if (command.engineerId && !(await this.users.engineerExists(command.engineerId))) {
      throw new DomainError('validation_failed', `Engineer ${command.engineerId} does not exist`, [
        { field: 'engineerId', rule: 'exists', message: 'engineerId must be the id of an existing engineer' },
      ]);
    }
    const user = await this.users.insert({
      email: command.email,
      passwordHash: await hashPassword(command.password),
      role: command.role,
      engineerId: command.engineerId ?? null,
    });
    return toUserView(user);
  }

  async get(id: string): Promise<UserView> {
    const user = await this.users.findById(id);
    if (!user) throw new DomainError('not_found', `User ${id} not found`);
    return toUserView(user);
  }

  async list(limit: number, offset: number): Promise<{ items: UserView[]; total: number }> {
    const [rows, total] = await this.users.list(limit, offset);
    return { items: rows.map(toUserView), total };
  }

  /** Returns the active user whose password matches, or null. Always pays the hashing cost. */
  async authenticate(email: string, password: string): Promise<UserView | null> {
    const user = await this.users.findByEmail(email);
    const ok = await verifyPassword(user?.passwordHash, password);
    return user && ok && user.active ? toUserView(user) : null;
  }

  /** Creates the first admin on an empty database. Returns true when it did. */
  async ensureBootstrapAdmin(admin: { email: string; password: string } | undefined): Promise<boolean> {
    if (!admin || (await this.users.count()) > 0) return false;
    await this.create({ email: admin.email, password: admin.password, role: 'admin' });
    this.logger.log(`Created the first admin user ${admin.email.toLowerCase()}`);
    return true;
  }
}
