import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { Request } from 'express';
import { UserRole } from '@sow/domain';

export const IS_PUBLIC = 'sow:isPublic';
export const ROLES = 'sow:roles';

/** The authenticated caller, as carried by the access token. */
export interface Principal {
  userId: string;
  email: string;
  role: UserRole;
  engineerId: string | null;
  /** The user's version when the token was issued; a role change or deactivation moves it. */
  tokenVersion: number;
}

export interface AuthenticatedRequest extends Request {
  principal?: Principal;
}

/** Opens a route to anonymous callers; every other route needs a valid token (default deny). */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(IS_PUBLIC, true);

/** Restricts a route (or a controller) to these roles. */
export const Roles = (...roles: UserRole[]): MethodDecorator & ClassDecorator => SetMetadata(ROLES, roles);

export const CurrentPrincipal = createParamDecorator((_: unknown, ctx: ExecutionContext): Principal => {
  const request = ctx.switchToHttp().getRequest<AuthenticatedRequest>();
  if (!request.principal) throw new Error('CurrentPrincipal used on a public route');
  return request.principal;
});
