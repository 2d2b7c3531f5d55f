import { USER_ROLES, UserRole } from '@sow/domain';

/** Who may call a route: anonymous callers, or the roles that pass the AuthGuard. */
export type Audience = 'anonymous' | UserRole;
export const AUDIENCES: readonly Audience[] = ['anonymous', 'engineer', 'engagement_manager', 'senior_manager', 'admin'];

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
/** `METHOD /path` with OpenAPI-style parameters, e.g. `GET /api/v1/sows/{id}`. */
export type RouteKey = `${HttpMethod} /${string}`;

export interface RoutePolicy {
  /** `public`: no token needed. Otherwise the roles the AuthGuard lets through (everyone else gets 403, no token 401). */
  readonly allow: 'public' | readonly UserRole[];
  /** The object-level rule the service applies on top of the role, if any. */
  readonly scope?: string;
}

const ALL: readonly UserRole[] = USER_ROLES;
const MANAGERS: readonly UserRole[] = ['admin', 'senior_manager', 'engagement_manager'];
const A: readonly UserRole[] = ['admin'];
const A_SM: readonly UserRole[] = ['admin', 'senior_manager'];
const SM: readonly UserRole[] = ['senior_manager'];
const EM: readonly UserRole[] = ['engagement_manager'];
const EM_SM: readonly UserRole[] = ['engagement_manager', 'senior_manager'];

const OWN_ENGINEER = 'An engineer reaches only the record linked to their own user (anyone else’s is 404)';
const OWN_LINK = 'The caller’s own linked engineer record only (404 without one)';
const EDIT_SOW = 'Admins, senior managers, and the SOW’s own engagement manager (403 for another EM)';
const FOUR_EYES = 'Never on a SOW the senior manager manages, submitted or a request they made (403); an admin only as an override with a reason, audited';
const SM_OR_OVERRIDE: readonly UserRole[] = ['admin', 'senior_manager'];
const OWN_TIMESHEET = 'An engineer reaches only their own timesheets (anyone else’s is 404)';
const OWN_SCENARIO = 'A scenario is private to its owner (and admins): anyone else gets 404';
const TIMESHEET_APPROVER = 'A senior manager, or the engagement manager of a SOW the week has hours on (403 otherwise)';

/**
 * The access policy: every route of the api × who may call it. The @Public()/@Roles() decorators on
 * the controllers enforce it (default deny); access-policy.spec.ts fails when they and this table
 * disagree, the authorization e2e test calls every route in the OpenAPI document as every audience
 * against it, and docs/access-policy.md is rendered from it.
 */
export const ACCESS_POLICY = {
  'GET /health': { allow: 'public' },
  'POST /api/v1/auth/login': { allow: 'public', scope: 'Failed sign-ins are rate limited per email and address (429)' },
  'GET /api/v1/calendar/{file}': { allow: 'public', scope: 'The secret token in the URL is the credential; revoked or rotated tokens are 404' },

  'GET /api/v1/me': { allow: ALL },
  'GET /api/v1/me/assignments': { allow: ALL, scope: OWN_LINK },
  'GET /api/v1/me/utilization': { allow: ALL, scope: OWN_LINK },
  'POST /api/v1/me/calendar-token': { allow: ALL, scope: OWN_LINK },
  'DELETE /api/v1/me/calendar-token': { allow: ALL, scope: OWN_LINK },

  'POST /api/v1/users': { allow: A },
  'GET /api/v1/users': { allow: A },
  'GET /api/v1/users/{id}': { allow: A },
  'PATCH /api/v1/users/{id}': { allow: A, scope: 'Not one’s own role or active flag (422); the user’s tokens are refused from their next request' },

  'POST /api/v1/admin/queue-checks': { allow: A_SM },

  'POST /api/v1/webhook-endpoints': { allow: A, scope: 'The URL must resolve to public addresses unless WEBHOOK_ALLOWED_HOSTS allows it (422)' },
  'GET /api/v1/webhook-endpoints': { allow: A },
  'GET /api/v1/webhook-endpoints/{id}': { allow: A },
  'PATCH /api/v1/webhook-endpoints/{id}': { allow: A },
  'DELETE /api/v1/webhook-endpoints/{id}': { allow: A },
  'POST /api/v1/webhook-endpoints/{id}/rotate-secret': { allow: A },
  'POST /api/v1/webhook-endpoints/{id}/test': { allow: A },
  'GET /api/v1/webhook-endpoints/{id}/deliveries': { allow: A },
  'POST /api/v1/webhook-endpoints/{id}/deliveries/{deliveryId}/replay': { allow: A },
  'GET /api/v1/admin/queue-checks/{id}': { allow: A_SM },

  'GET /api/v1/skills': { allow: ALL },
  'POST /api/v1/skills': { allow: A },
  'GET /api/v1/company-days-off': { allow: ALL },
  'POST /api/v1/company-days-off': { allow: A },
  'DELETE /api/v1/company-days-off/{id}': { allow: A },

  'GET /api/v1/engineers': { allow: MANAGERS },
  'GET /api/v1/engineers/export': { allow: MANAGERS },
  'POST /api/v1/engineers/import': { allow: A_SM },
  'POST /api/v1/engineers': { allow: A_SM },
  'GET /api/v1/engineers/{id}': { allow: ALL, scope: OWN_ENGINEER },
  'PATCH /api/v1/engineers/{id}': { allow: A_SM },
  'DELETE /api/v1/engineers/{id}': { allow: A_SM },
  'GET /api/v1/engineers/{id}/time-off': { allow: ALL, scope: OWN_ENGINEER },
  'POST /api/v1/engineers/{id}/time-off': { allow: ['admin', 'senior_manager', 'engineer'], scope: OWN_ENGINEER },
  'DELETE /api/v1/engineers/{id}/time-off/{timeOffId}': { allow: ['admin', 'senior_manager', 'engineer'], scope: OWN_ENGINEER },

  'POST /api/v1/customers': { allow: MANAGERS },
  'GET /api/v1/customers': { allow: MANAGERS },
  'GET /api/v1/customers/{id}': { allow: MANAGERS },
  'PATCH /api/v1/customers/{id}': { allow: MANAGERS },
  'DELETE /api/v1/customers/{id}': { allow: MANAGERS },

  'GET /api/v1/scope-templates': { allow: ALL },
  'GET /api/v1/scope-templates/{key}': { allow: ALL },
  'POST /api/v1/scope-templates': { allow: A },

  'GET /api/v1/rate-cards': { allow: MANAGERS },
  'GET /api/v1/rate-cards/{currency}': { allow: MANAGERS },
  'PUT /api/v1/rate-cards/{currency}': { allow: A },

  'POST /api/v1/sows': { allow: EM, scope: 'The caller becomes the SOW’s engagement manager' },
  'GET /api/v1/sows': { allow: MANAGERS },
  'GET /api/v1/sows/{id}': { allow: MANAGERS },
  'PATCH /api/v1/sows/{id}': { allow: MANAGERS, scope: EDIT_SOW },
  'GET /api/v1/sows/{id}/quote': { allow: MANAGERS },
  'GET /api/v1/sows/{id}/history': { allow: MANAGERS },
  'GET /api/v1/sows/{id}/coverage': { allow: MANAGERS },
  'POST /api/v1/sows/{id}/scope-items': { allow: MANAGERS, scope: EDIT_SOW },
  'PATCH /api/v1/sows/{id}/scope-items/{itemId}': { allow: MANAGERS, scope: EDIT_SOW },
  'DELETE /api/v1/sows/{id}/scope-items/{itemId}': { allow: MANAGERS, scope: EDIT_SOW },
  'POST /api/v1/sows/{id}/submit': { allow: MANAGERS, scope: EDIT_SOW },
  'POST /api/v1/sows/{id}/approve': { allow: SM_OR_OVERRIDE, scope: FOUR_EYES },
  'POST /api/v1/sows/{id}/reject': { allow: SM_OR_OVERRIDE, scope: FOUR_EYES },
  'POST /api/v1/sows/{id}/activate': { allow: MANAGERS, scope: EDIT_SOW },
  'POST /api/v1/sows/{id}/complete': { allow: MANAGERS, scope: EDIT_SOW },
  'POST /api/v1/sows/{id}/cancel': { allow: MANAGERS, scope: EDIT_SOW },
  'POST /api/v1/sows/{id}/reopen': { allow: MANAGERS, scope: EDIT_SOW },
  'POST /api/v1/sows/{id}/change-requests': { allow: MANAGERS },
  'GET /api/v1/sows/{id}/change-requests': { allow: MANAGERS },
  'GET /api/v1/change-requests/{id}': { allow: MANAGERS },
  'POST /api/v1/change-requests/{id}/approve': { allow: SM_OR_OVERRIDE, scope: FOUR_EYES },
  'POST /api/v1/change-requests/{id}/reject': { allow: SM_OR_OVERRIDE, scope: FOUR_EYES },

  'GET /api/v1/scope-items/{id}/candidates': { allow: MANAGERS },
  'GET /api/v1/scope-items/{id}/feasibility': { allow: MANAGERS },
  'POST /api/v1/scope-items/{id}/assignments': { allow: EM_SM, scope: 'Only a senior manager may override a broken rule (overrideReason)' },
  'GET /api/v1/assignments': { allow: ALL, scope: 'Engineers see only their own (asking for another engineer is 404)' },
  'GET /api/v1/assignments/{id}': { allow: ALL, scope: OWN_ENGINEER },
  'PATCH /api/v1/assignments/{id}': { allow: EM_SM },
  'POST /api/v1/assignments/{id}/approve': { allow: SM },
  'POST /api/v1/assignments/{id}/release': { allow: EM_SM },

  'GET /api/v1/reports/utilization': { allow: MANAGERS },
  'GET /api/v1/reports/bench': { allow: MANAGERS },
  'GET /api/v1/reports/travel': { allow: MANAGERS },
  'GET /api/v1/reports/demand-supply': { allow: MANAGERS },

  'POST /api/v1/timesheets': { allow: ALL, scope: OWN_TIMESHEET },
  'GET /api/v1/timesheets': { allow: ALL, scope: OWN_TIMESHEET },
  'GET /api/v1/timesheets/missing': { allow: MANAGERS },
  'POST /api/v1/timesheets/missing/reminders': { allow: MANAGERS },
  'POST /api/v1/timesheets/import': { allow: MANAGERS },
  'GET /api/v1/timesheets/{id}': { allow: ALL, scope: OWN_TIMESHEET },
  'POST /api/v1/timesheets/{id}/entries': { allow: ALL, scope: OWN_TIMESHEET },
  'POST /api/v1/timesheets/{id}/reversals': { allow: ALL, scope: OWN_TIMESHEET },
  'POST /api/v1/timesheets/{id}/submit': { allow: ALL, scope: OWN_TIMESHEET },
  'POST /api/v1/timesheets/{id}/approve': { allow: EM_SM, scope: TIMESHEET_APPROVER },
  'POST /api/v1/timesheets/{id}/return': { allow: EM_SM, scope: TIMESHEET_APPROVER },

  'GET /api/v1/sows/{id}/health': { allow: MANAGERS },
  'GET /api/v1/sow-health': { allow: A_SM },
  'PUT /api/v1/scope-items/{id}/estimate-to-complete': { allow: MANAGERS, scope: EDIT_SOW },
  'GET /api/v1/sows/{id}/csat': { allow: MANAGERS },
  'PUT /api/v1/sows/{id}/csat': { allow: MANAGERS, scope: EDIT_SOW },
  'GET /api/v1/metrics/delivery': { allow: A_SM },

  'POST /api/v1/staffing-plans': { allow: MANAGERS },
  'GET /api/v1/staffing-plans': { allow: MANAGERS },
  'GET /api/v1/staffing-plans/{id}': { allow: MANAGERS },
  'POST /api/v1/staffing-plans/{id}/approve': { allow: SM_OR_OVERRIDE, scope: 'Never by the plan’s requester (403); an admin only as an override with a reason, audited' },
  'POST /api/v1/staffing-plans/{id}/reject': { allow: SM },

  'POST /api/v1/scenarios': { allow: A_SM },
  'GET /api/v1/scenarios': { allow: A_SM, scope: OWN_SCENARIO },
  'GET /api/v1/scenarios/{id}': { allow: A_SM, scope: OWN_SCENARIO },
  'PATCH /api/v1/scenarios/{id}': { allow: A_SM, scope: OWN_SCENARIO },
  'DELETE /api/v1/scenarios/{id}': { allow: A_SM, scope: OWN_SCENARIO },
  'POST /api/v1/scenarios/{id}/changes': { allow: A_SM, scope: OWN_SCENARIO },
  'DELETE /api/v1/scenarios/{id}/changes/{changeId}': { allow: A_SM, scope: OWN_SCENARIO },
  'POST /api/v1/scenarios/{id}/promote': { allow: A_SM, scope: OWN_SCENARIO },
  'POST /api/v1/scenario-runs': { allow: A_SM, scope: OWN_SCENARIO },
  'GET /api/v1/scenario-runs/compare': { allow: A_SM, scope: 'Only runs the caller asked for (an admin: any); others are 404' },
  'GET /api/v1/scenario-runs/{id}': { allow: A_SM, scope: 'Only runs the caller asked for (an admin: any); others are 404' },
} as const satisfies Record<RouteKey, RoutePolicy>;

/**
 * Routes served outside the Nest router (no decorators, not in the OpenAPI document), with their own
 * check: the bull-board queue dashboard takes a bearer token or Basic sign-in.
 */
export const MOUNTED_POLICY = {
  'GET /admin/queues': { allow: A_SM, scope: 'Bearer token, or HTTP Basic with the user’s own email and password' },
} as const satisfies Record<RouteKey, RoutePolicy>;

export type PolicyRouteKey = keyof typeof ACCESS_POLICY;

export function policyOf(key: string): RoutePolicy | undefined {
  return (ACCESS_POLICY as Record<string, RoutePolicy>)[key] ?? (MOUNTED_POLICY as Record<string, RoutePolicy>)[key];
}

/** Whether the AuthGuard lets this audience through (object-level rules aside). */
export function isAllowed(policy: RoutePolicy, audience: Audience): boolean {
  if (policy.allow === 'public') return true;
  return audience !== 'anonymous' && policy.allow.includes(audience);
}

/** The roles of a policy as a short list for humans and for the OpenAPI `x-roles` extension. */
export function audiencesOf(policy: RoutePolicy): Audience[] {
  return AUDIENCES.filter((a) => isAllowed(policy, a));
}

const LABEL: Record<Audience, string> = {
  anonymous: 'anonymous',
  engineer: 'engineer',
  engagement_manager: 'engagement manager',
  senior_manager: 'senior manager',
  admin: 'admin',
};

/** docs/access-policy.md, generated (`npm run docs:access-policy`) and checked by a unit test. */
export function renderAccessPolicyMarkdown(): string {
  const rows = [...Object.entries(ACCESS_POLICY), ...Object.entries(MOUNTED_POLICY)] as Array<[string, RoutePolicy]>;
  const header = `| route | ${AUDIENCES.map((a) => LABEL[a]).join(' | ')} | object-level rule |`;
  const rule = `| --- | ${AUDIENCES.map(() => ':---:').join(' | ')} | --- |`;
  const lines = rows.map(([key, policy]) => {
    const cells = AUDIENCES.map((a) => (isAllowed(policy, a) ? 'yes' : '—'));
    return `| \`${key}\` | ${cells.join(' | ')} | ${policy.scope ?? ''} |`;
  });
  return [
    '# Access policy',
    '',
    '<!-- Generated from apps/api/src/http/access-policy.ts by `npm run docs:access-policy`; do not edit by hand. -->',
    '',
    'Every route of the api and who may call it. Authorization is default-deny: a route needs a valid',
    'bearer token unless it is public, and the role must be listed. No token (or a bad or expired one)',
    'is answered 401, a role that is not listed 403. The last column is the object-level rule the',
    'service applies on top of the role; what a caller may not see is answered 404, as if it did not exist.',
    '',
    'The table is enforced by the `@Public()` / `@Roles()` decorators on the controllers;',
    '`apps/api/src/http/access-policy.spec.ts` fails when they disagree with it, and',
    '`test/authorization.e2e-spec.ts` calls every route of the OpenAPI document as every audience.',
    'The OpenAPI document carries the same list on each operation as `x-roles`.',
    '',
    header,
    rule,
    ...lines,
    '',
  ].join('\n');
}
