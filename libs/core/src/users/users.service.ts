import { Injectable, Logger } from '@nestjs/common';
import { assertVersion, DomainError, USER_ROLES, UserRole } from '@sow/domain';
import { AuditRepository, TransactionRunner, UserEntity, UsersRepository } from '@sow/persistence';
import { Actor } from '../shared/actor';
import { hashPassword, verifyPassword } from './password-hasher';

export const MIN_PASSWORD_LENGTH = 12;

export interface CreateUserCommand {
  email: string;
  password: string;
  role: UserRole;
  engineerId?: string | null;
}

export interface UserAccessPatch {
  role?: UserRole;
  active?: boolean;
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

  constructor(
    private readonly users: UsersRepository,
    private readonly audit: AuditRepository,
    private readonly tx: TransactionRunner,
  ) {}

  /**
   * Changes a user's role or deactivates (reactivates) them. The version moves, and every access
   * token carries the version it was issued at, so the user's tokens stop working on their next
   * request. Admins cannot lock themselves out (demote or deactivate their own account).
   */
  async updateAccess(actor: Actor, id: string, patch: UserAccessPatch, expectedVersion?: number): Promise<UserView> {
    return this.tx.run(async (tx) => {
      const current = await this.users.findById(id, tx, { lock: true });
      if (!current) throw new DomainError('not_found', `User ${id} not found`);
      assertVersion('user', current.version, expectedVersion);
      if (id === actor.userId && ((patch.role !== undefined && patch.role !== current.role) || patch.active === false)) {
        throw new DomainError('rule_violation', 'An admin cannot demote or deactivate their own account; ask another admin', [
          { field: patch.active === false ? 'active' : 'role', rule: 'notSelf', message: 'you cannot change your own role or deactivate yourself' },
        ]);
      }
      const changes = { ...(patch.role !== undefined ? { role: patch.role } : {}), ...(patch.active !== undefined ? { active: patch.active } : {}) };
      const before = toUserView(current);
      const view = toUserView(await this.users.updateAccess(id, changes, tx));
      await this.audit.record({ actorId: actor.userId, action: 'user.access_changed', entityType: 'user', entityId: id, before, after: view }, tx);
      return view;
    });
  }

  /** The version a token must carry, or null when the user is gone or deactivated. */
  async tokenVersion(id: string): Promise<{ version: number; role: UserRole } | null> {
    const state = await this.users.tokenState(id);
    return state && state.active ? { version: state.version, role: state.role } : null;
  }

  /**
   * `passwordHash`, when given, is the argon2 hash of `command.password` computed once by the caller (the
   * demo seed gives all its logins the same password and hashes it once: each hash costs about half a
   * second of CPU by design). Never from a request.
   */
  async create(command: CreateUserCommand, options: { passwordHash?: Promise<string> } = {}): Promise<UserView> {
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
      passwordHash: await (options.passwordHash ?? hashPassword(command.password)),
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
