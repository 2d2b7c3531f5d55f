import { DEMO_PASSWORD, DEMO_USERS } from './demo-organisation';
import type { DemoSeedResult } from './demo-seed.service';

/**
 * What a newcomer needs after the demo is seeded: where the docs are, who to log in as, and a first
 * request to paste. `baseUrl` is the api's address without the /api/v1 prefix.
 */
export function formatDemoHints(baseUrl: string, result: Pick<DemoSeedResult, 'outcome' | 'counts'>): string {
  const api = `${baseUrl}/api/v1`;
  const em = DEMO_USERS.find((u) => u.role === 'engagement_manager') ?? DEMO_USERS[0];
  const counts = result.counts;
  const summary =
    result.outcome === 'created' && counts
      ? `Demo organisation seeded: ${counts.engineers} engineers, ${counts.customers} customers, ` +
        `${Object.values(counts.sows).reduce((a, b) => a + (b ?? 0), 0)} SOWs (${Object.entries(counts.sows).map(([s, n]) => `${n} ${s}`).join(', ')}), ` +
        `${counts.assignments} assignments, ${counts.changeRequests} change requests, ${counts.timeOff} time-off entries.`
      : 'The demo organisation is already seeded; nothing was changed.';
  const width = Math.max(...DEMO_USERS.map((u) => u.email.length));
  return [
    '',
    summary,
    '',
    `  API docs (Swagger UI): ${baseUrl}/docs`,
    `  Demo logins, password "${DEMO_PASSWORD}" for all:`,
    ...DEMO_USERS.map((u) => `    ${u.role.padEnd(18)} ${u.email.padEnd(width)}  ${u.note}`),
    '',
    '  A first request: sign in as an engagement manager and list the SOWs waiting for approval:',
    `    TOKEN=$(curl -s ${api}/auth/login -H 'content-type: application/json' \\`,
    `      -d '{"email":"${em.email}","password":"${DEMO_PASSWORD}"}' | jq -r .accessToken)`,
    `    curl -s "${api}/sows?status=submitted" -H "Authorization: Bearer $TOKEN" | jq '.items[] | {title, status, startDate}'`,
    '',
    '  Then follow "Ten-minute walk-through" in README.md.',
    '',
  ].join('\n');
}
