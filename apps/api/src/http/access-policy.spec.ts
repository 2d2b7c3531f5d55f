import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { AppConfig } from '@sow/config';
import { USER_ROLES, UserRole } from '@sow/domain';
import { AppModule } from '../app.module';
import { controllersOf } from '../module-graph';
import { ACCESS_POLICY, audiencesOf, isAllowed, renderAccessPolicyMarkdown, RoutePolicy } from './access-policy';
import { IS_PUBLIC, ROLES } from './auth.decorators';

const PREFIX = '/api/v1';
const UNPREFIXED = new Set(['GET /health']);

function join2(...parts: string[]): string {
  return `/${parts.flatMap((p) => p.split('/')).filter((p) => p.length > 0).join('/')}`;
}

/** What the decorators on the controllers actually enforce, keyed like the policy table. */
function declaredAccess(): Map<string, RoutePolicy> {
  const controllers = controllersOf(AppModule.register(AppConfig.fromEnv({ NODE_ENV: 'test' })));
  const routes = new Map<string, RoutePolicy>();
  for (const controller of controllers) {
    const base = String(Reflect.getMetadata(PATH_METADATA, controller) ?? '');
    for (const name of Object.getOwnPropertyNames(controller.prototype)) {
      const handler: unknown = controller.prototype[name];
      if (typeof handler !== 'function' || name === 'constructor') continue;
      const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
      const path = Reflect.getMetadata(PATH_METADATA, handler) as string | undefined;
      if (method === undefined || path === undefined) continue;
      const route = join2(base, path).replace(/:([A-Za-z0-9_]+)/g, '{$1}');
      let key = `${RequestMethod[method]} ${route}`;
      if (!UNPREFIXED.has(key)) key = `${RequestMethod[method]} ${join2(PREFIX, route)}`;
      // The guard's own lookup order: the handler's metadata overrides the controller's.
      const isPublic = (Reflect.getMetadata(IS_PUBLIC, handler) ?? Reflect.getMetadata(IS_PUBLIC, controller)) === true;
      const roles = (Reflect.getMetadata(ROLES, handler) ?? Reflect.getMetadata(ROLES, controller)) as UserRole[] | undefined;
      routes.set(key, { allow: isPublic ? 'public' : (roles ?? [...USER_ROLES]) });
    }
  }
  return routes;
}

const normalise = (p: RoutePolicy): string => (p.allow === 'public' ? 'public' : [...p.allow].sort().join(','));

describe('the access policy', () => {
  const declared = declaredAccess();
  const table = ACCESS_POLICY as Record<string, RoutePolicy>;

  it('finds the controllers’ routes', () => {
    expect(declared.size).toBeGreaterThan(60);
  });

  it('lists every route the controllers declare', () => {
    expect([...declared.keys()].filter((k) => !(k in table))).toEqual([]);
  });

  it('lists no route that does not exist', () => {
    expect(Object.keys(table).filter((k) => !declared.has(k))).toEqual([]);
  });

  it('agrees with the @Public()/@Roles() decorators on every route', () => {
    const disagreements = [...declared].filter(([k, d]) => k in table && normalise(d) !== normalise(table[k])).map(([k, d]) => `${k}: decorators ${normalise(d)}, table ${normalise(table[k])}`);
    expect(disagreements).toEqual([]);
  });

  it('answers who is allowed, anonymous included', () => {
    expect(audiencesOf(ACCESS_POLICY['GET /health'])).toEqual(['anonymous', 'engineer', 'engagement_manager', 'senior_manager', 'admin']);
    expect(audiencesOf(ACCESS_POLICY['POST /api/v1/sows/{id}/approve'])).toEqual(['senior_manager', 'admin']);
    expect(isAllowed(ACCESS_POLICY['GET /api/v1/me'], 'anonymous')).toBe(false);
  });

  it('is rendered in docs/access-policy.md (run `npm run docs:access-policy` after a change)', () => {
    const file = readFileSync(join(__dirname, '../../../../docs/access-policy.md'), 'utf8');
    expect(file).toBe(renderAccessPolicyMarkdown());
  });
});
