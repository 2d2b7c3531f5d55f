import { createHash } from 'node:crypto';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import { getQueueToken } from '@nestjs/bullmq';
import { INestApplication } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { NextFunction, Request, Response } from 'express';
import { Queue } from 'bullmq';
import { UsersService } from '@sow/core';
import { UserRole } from '@sow/domain';
import { ALL_QUEUES } from '@sow/jobs';
import { LoginRateLimitedError, LoginThrottle } from '../users/login-throttle';

export const QUEUE_DASHBOARD_PATH = '/admin/queues';
const ALLOWED: readonly UserRole[] = ['admin', 'senior_manager'];
// Browsers send Basic credentials with every asset request; verifying argon2 each time would be slow.
const BASIC_CACHE_MS = 60_000;

/**
 * bull-board at /admin/queues, for admins and senior managers only: a bearer token (API clients) or
 * HTTP Basic with the user's own email and password (a browser's login prompt).
 */
export function mountQueueDashboard(app: INestApplication): void {
  const serverAdapter = new ExpressAdapter();
  serverAdapter.setBasePath(QUEUE_DASHBOARD_PATH);
  createBullBoard({
    queues: ALL_QUEUES.map((name) => new BullMQAdapter(app.get<Queue>(getQueueToken(name)), { readOnlyMode: false })),
    serverAdapter,
    options: { uiConfig: { boardTitle: 'SOW Planner queues' } },
  });
  app.use(QUEUE_DASHBOARD_PATH, dashboardAuth(app.get(JwtService), app.get(UsersService), app.get(LoginThrottle)), serverAdapter.getRouter());
}

function dashboardAuth(jwt: JwtService, users: UsersService, throttle: LoginThrottle) {
  const basicCache = new Map<string, { role: UserRole; until: number }>();
  const deny = (res: Response, status: 401 | 403): void => {
    if (status === 401) res.setHeader('WWW-Authenticate', 'Basic realm="SOW Planner queues", charset="UTF-8"');
    res.status(status).json({ statusCode: status, code: status === 401 ? 'unauthenticated' : 'forbidden', message: status === 401 ? 'Sign in as an admin or senior manager' : 'The queue dashboard is for admins and senior managers' });
  };
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    const header = req.headers.authorization ?? '';
    let role: UserRole | undefined;
    const bearer = /^Bearer\s+(\S+)$/i.exec(header);
    const basic = /^Basic\s+(\S+)$/i.exec(header);
    try {
      if (bearer) {
        const claims = await jwt.verifyAsync<{ role?: UserRole }>(bearer[1], { algorithms: ['HS256'] });
        role = claims.role;
      } else if (basic) {
        const key = createHash('sha256').update(basic[1]).digest('hex');
        const cached = basicCache.get(key);
        if (cached && cached.until > Date.now()) role = cached.role;
        else {
          const decoded = Buffer.from(basic[1], 'base64').toString('utf8');
          const colon = decoded.indexOf(':');
          const email = decoded.slice(0, Math.max(colon, 0));
          const address = req.ip ?? 'unknown';
          // The same failed-sign-in limit as POST /auth/login: Basic is a password prompt too.
          throttle.assertAllowed(email, address);
          const user = colon > 0 ? await users.authenticate(email, decoded.slice(colon + 1)) : null;
          if (!user) throttle.recordFailure(email, address);
          if (user) {
            role = user.role;
            if (basicCache.size > 1000) basicCache.clear();
            basicCache.set(key, { role, until: Date.now() + BASIC_CACHE_MS });
          }
        }
      }
    } catch (error) {
      if (error instanceof LoginRateLimitedError) {
        res.setHeader('Retry-After', String(error.retryAfterSeconds));
        res.status(429).json({ statusCode: 429, code: 'rate_limited', message: error.message });
        return;
      }
      role = undefined;
    }
    if (!role) return deny(res, 401);
    if (!ALLOWED.includes(role)) return deny(res, 403);
    next();
  };
}
