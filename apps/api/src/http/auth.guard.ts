import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import { UsersService } from '@sow/core';
import { DomainError, USER_ROLES, UserRole } from '@sow/domain';
import { AuthenticatedRequest, IS_PUBLIC, Principal, ROLES } from './auth.decorators';

interface AccessTokenClaims {
  sub: string;
  email: string;
  role: UserRole;
  eng: string | null;
  /** The user's version at issue; the guard refuses the token once the user row has moved on. */
  ver: number;
}

function isClaims(value: unknown): value is AccessTokenClaims {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.sub === 'string' &&
    typeof v.email === 'string' &&
    typeof v.role === 'string' &&
    (USER_ROLES as readonly string[]).includes(v.role) &&
    (v.eng === null || typeof v.eng === 'string') &&
    Number.isInteger(v.ver)
  );
}

/**
 * Global and default-deny: a route without @Public() needs a valid bearer token, and a route with
 * @Roles(...) needs one of those roles.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly jwt: JwtService,
    private readonly users: UsersService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    request.principal = await this.authenticate(request.headers.authorization);
    const roles = this.reflector.getAllAndOverride<UserRole[] | undefined>(ROLES, targets);
    if (roles && !roles.includes(request.principal.role)) {
      throw new DomainError('forbidden', `This action needs one of the roles: ${roles.join(', ')}`, [
        { rule: 'hasRole', message: `role ${request.principal.role} may not call this route` },
      ]);
    }
    return true;
  }

  private async authenticate(header: string | undefined): Promise<Principal> {
    const match = /^Bearer\s+(\S+)$/i.exec(header ?? '');
    if (!match) throw new DomainError('unauthenticated', 'A bearer access token is required');
    let claims: unknown;
    try {
      claims = await this.jwt.verifyAsync(match[1], { algorithms: ['HS256'] });
    } catch {
      throw new DomainError('unauthenticated', 'The access token is invalid or expired');
    }
    if (!isClaims(claims)) throw new DomainError('unauthenticated', 'The access token is invalid or expired');
    // Checked against the user row on every request, so a deactivation or role change (both move
    // the version) refuses the old token on its very next use rather than at expiry.
    const current = await this.users.tokenVersion(claims.sub);
    if (!current || current.version !== claims.ver || current.role !== claims.role) {
      throw new DomainError('unauthenticated', 'The access token was revoked (user deactivated or role changed); sign in again');
    }
    return { userId: claims.sub, email: claims.email, role: claims.role, engineerId: claims.eng, tokenVersion: claims.ver };
  }
}

export function accessTokenClaims(principal: Principal): AccessTokenClaims {
  return { sub: principal.userId, email: principal.email, role: principal.role, eng: principal.engineerId, ver: principal.tokenVersion };
}
