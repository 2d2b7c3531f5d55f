import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { DEMO_PASSWORD, DEMO_USERS, DemoSeedService } from '@sow/core';
import { addDays, isoWeekday } from '@sow/domain';
import { OpenApiContract, OpenApiDocument, snapshotReferenceTables, TestApp, waitFor } from '@sow/testing';
import { Audience, AUDIENCES } from '../apps/api/src/http/access-policy';
import { ReadmeReplay, scriptOf } from './readme-script';

const ROOT = join(__dirname, '..');
const COMMITTED = readFileSync(join(ROOT, 'docs/openapi.json'), 'utf8');
const README = readFileSync(join(ROOT, 'README.md'), 'utf8');

interface SendOptions {
  token?: string;
  body?: unknown;
  contentType?: string;
  accept?: string;
  headers?: Record<string, string>;
}

/**
 * The running api (real PostgreSQL and Redis, the demo organisation, processors on) against the committed
 * OpenAPI document: every request of the README walk-through, a walk of every route as every role with
 * ids that do not exist and empty bodies (401/403/404/400), and a successful call of every route. Each
 * response is validated against the document; any violation, any route the document lacks, and any
 * documented route the walk never reached with a 2XX fails the test. The routes come from the document,
 * so a new route is walked (and must be documented) without touching this file.
 */
describe('the OpenAPI contract (real PostgreSQL and Redis)', () => {
  let t: TestApp;
  let contract: OpenApiContract;
  const tokens = new Map<Audience, string | undefined>();
  let restoreReference: () => Promise<void>;

  async function send(method: string, url: string, options: SendOptions = {}): Promise<{ status: number; body: unknown; text: string; headers: Record<string, string> }> {
    const verb = method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete';
    let req = t.http[verb](url);
    if (options.token) req = req.set('Authorization', `Bearer ${options.token}`);
    if (options.accept) req = req.set('Accept', options.accept);
    for (const [k, v] of Object.entries(options.headers ?? {})) req = req.set(k, v);
    let raw: string | undefined;
    if (options.body !== undefined) {
      const contentType = options.contentType ?? 'application/json';
      raw = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
      req = req.set('Content-Type', contentType);
    }
    const res = raw !== undefined ? await req.send(raw) : await req;
    contract.check({
      method,
      url,
      requestBody: raw,
      requestContentType: options.body !== undefined ? (options.contentType ?? 'application/json') : undefined,
      status: res.status,
      responseContentType: res.headers['content-type'] as string | undefined,
      responseText: res.text ?? '',
    });
    return { status: res.status, body: res.body as unknown, text: res.text ?? '', headers: res.headers as Record<string, string> };
  }

  const login = async (email: string): Promise<string> => {
    const res = await send('POST', '/api/v1/auth/login', { body: { email, password: DEMO_PASSWORD } });
    if (res.status !== 200) throw new Error(`login ${email}: ${res.status} ${res.text}`);
    return (res.body as { accessToken: string }).accessToken;
  };
  const emailOf = (role: string): string => DEMO_USERS.find((u) => u.role === role)?.email ?? '';

  beforeAll(async () => {
    // The walk's webhook receiver listens on 127.0.0.1, which only the allow-list lets an endpoint reach.
    t = await TestApp.start({ runProcessors: true, env: { WEBHOOK_ALLOWED_HOSTS: '127.0.0.1' } });
    await t.reset();
    restoreReference = await snapshotReferenceTables(t.dataSource);
    await t.app.get(DemoSeedService).seed();
    contract = new OpenApiContract(JSON.parse(COMMITTED) as OpenApiDocument);
    tokens.set('anonymous', undefined);
    for (const role of ['engineer', 'engagement_manager', 'senior_manager', 'admin'] as const) tokens.set(role, await login(emailOf(role)));
    // The whole demo seed runs here: on a shared, loaded machine it has taken over a minute.
  }, 180_000);
  afterAll(async () => {
    // The walk adds a skill, a template and a rate card: other test files must not see them.
    await t.reset();
    await restoreReference();
    await t.close();
  });

  it('serves the committed docs/openapi.json at /docs-json', async () => {
    const served = await t.http.get('/docs-json');
    expect(served.status).toBe(200);
    expect(served.body).toEqual(JSON.parse(COMMITTED));
  });

  it('passes the README walk-through through the validator unchanged', async () => {
    const replay = new ReadmeReplay(t);
    await replay.run(scriptOf(README, '## Ten-minute walk-through'));
    expect(replay.requests.length).toBeGreaterThan(20);
    const problems = replay.requests.flatMap((r) =>
      contract.check({
        method: r.method,
        url: r.path,
        requestBody: r.requestBody,
        requestContentType: r.requestContentType,
        status: r.status,
        responseContentType: r.response.headers['content-type'] as string | undefined,
        responseText: r.response.text ?? '',
      }),
    );
    expect(problems).toEqual([]);
  }, 120000);

  it('answers every route as every role within the contract: 401, 403, 404 and 400 on ids that do not exist and empty bodies', async () => {
    for (const { method, path, op } of contract.operations) {
      let url = path;
      for (const p of (op.parameters ?? []).filter((p) => p.in === 'path')) {
        const value = p.name === 'file' ? `${'Z'.repeat(43)}.ics` : p.name === 'currency' ? 'ZZZ' : p.name === 'key' ? 'no-such-template' : randomUUID();
        url = url.replace(`{${p.name}}`, value);
      }
      for (const audience of AUDIENCES) {
        await send(method, url, { token: tokens.get(audience), body: op.requestBody ? {} : undefined });
      }
      // A malformed id is a 400 naming the parameter.
      if (path.includes('{id}')) await send(method, path.replace(/\{id\}/, 'not-a-uuid').replace(/\{\w+\}/g, randomUUID()), { token: tokens.get('admin') });
    }
    expect(contract.violations).toEqual([]);
  }, 120000);

  it('answers a successful call of every route within the contract', async () => {
    const admin = tokens.get('admin') ?? '';
    const em = tokens.get('engagement_manager') ?? '';
    const sm = tokens.get('senior_manager') ?? '';
    const engineer = tokens.get('engineer') ?? '';
    const body = <T>(res: { body: unknown }): T => res.body as T;

    await send('GET', '/health');
    await send('GET', '/api/v1/me', { token: engineer });
    for (const accept of ['application/json', 'text/csv']) {
      await send('GET', '/api/v1/engineers?limit=5&offset=0', { token: em, accept });
      for (const report of ['utilization', 'bench', 'travel', 'demand-supply']) await send('GET', `/api/v1/reports/${report}?from=2027-01-04&to=2027-02-28`, { token: sm, accept });
    }
    const csv = await send('GET', '/api/v1/engineers/export?limit=3', { token: admin });
    await send('POST', '/api/v1/engineers/import', { token: admin, body: csv.text.split('\n').slice(0, 2).join('\n') + '\n', contentType: 'text/csv' });

    // Users, reference data, queues.
    const engineerId = body<{ id: string }>(await send('POST', '/api/v1/engineers', { token: admin, body: { name: 'Contract Eng', email: 'contract-eng@e2e.test', level: 'senior', region: 'EMEA', timezone: 'UTC', skills: [] } })).id;
    await send('GET', `/api/v1/engineers/${engineerId}`, { token: admin });
    await send('PATCH', `/api/v1/engineers/${engineerId}`, { token: admin, body: { region: 'AMER' } });
    const off = body<{ id: string }>(await send('POST', `/api/v1/engineers/${engineerId}/time-off`, { token: admin, body: { kind: 'pto', startDate: '2027-03-01', endDate: '2027-03-02' } }));
    await send('GET', `/api/v1/engineers/${engineerId}/time-off`, { token: admin });
    await send('DELETE', `/api/v1/engineers/${engineerId}/time-off/${off.id}`, { token: admin });
    const user = body<{ id: string; version: number }>(await send('POST', '/api/v1/users', { token: admin, body: { email: 'contract-user@e2e.test', password: 'a long enough password', role: 'engineer', engineerId } }));
    await send('GET', '/api/v1/users?limit=2', { token: admin });
    await send('GET', `/api/v1/users/${user.id}`, { token: admin });
    await send('PATCH', `/api/v1/users/${user.id}`, { token: admin, body: { active: false, version: user.version } });
    await send('DELETE', `/api/v1/engineers/${engineerId}`, { token: admin });
    await send('GET', '/api/v1/skills', { token: engineer });
    await send('POST', '/api/v1/skills', { token: admin, body: { key: 'contract-skill', name: 'Contract skill', category: 'platform' } });
    await send('GET', '/api/v1/scope-templates/training-administration', { token: em });
    await send('POST', '/api/v1/scope-templates', {
      token: admin,
      body: { key: 'contract-review', name: 'Contract review', kind: 'advisory', description: 'Two days', estimatedHours: 16, minLevel: 'senior', requiredSkills: [{ key: 'gitlab-ci', minProficiency: 'mastery' }], details: { topic: 'CI' } },
    });
    const cards = body<Array<{ currency: string; name: string; rates: unknown; version: number }>>(await send('GET', '/api/v1/rate-cards', { token: em }));
    await send('GET', `/api/v1/rate-cards/${cards[0].currency}`, { token: em });
    await send('PUT', '/api/v1/rate-cards/EUR', { token: admin, body: { name: 'Contract EUR', rates: cards[0].rates } });
    const dayOff = body<{ id: string }>(await send('POST', '/api/v1/company-days-off', { token: admin, body: { date: '2027-12-24', name: 'Contract shutdown' } }));
    await send('GET', '/api/v1/company-days-off', { token: engineer });
    await send('DELETE', `/api/v1/company-days-off/${dayOff.id}`, { token: admin });
    const check = body<{ id: string }>(await send('POST', '/api/v1/admin/queue-checks', { token: admin }));
    await send('GET', `/api/v1/admin/queue-checks/${check.id}`, { token: admin });

    // Customers and SOWs through their lifecycle.
    const customer = body<{ id: string; version: number }>(await send('POST', '/api/v1/customers', { token: em, body: { name: 'Contract Corp', region: 'EMEA' } }));
    await send('GET', '/api/v1/customers?limit=3', { token: em });
    await send('GET', `/api/v1/customers/${customer.id}`, { token: em });
    await send('PATCH', `/api/v1/customers/${customer.id}`, { token: em, body: { region: 'AMER' } });
    const spare = body<{ id: string }>(await send('POST', '/api/v1/customers', { token: em, body: { name: 'Contract Spare', region: 'EMEA' } }));
    await send('DELETE', `/api/v1/customers/${spare.id}`, { token: em });

    const newSow = async (title: string, start = '2027-01-04'): Promise<{ id: string; itemId: string }> => {
      const sow = body<{ id: string }>(await send('POST', '/api/v1/sows', { token: em, body: { customerId: customer.id, title, startDate: start, endDate: addDays(start, 81), currency: 'USD' } }));
      // An Expert Services block: most engineers qualify, so someone is free for it even in the busy demo.
      const item = body<{ id: string }>(await send('POST', `/api/v1/sows/${sow.id}/scope-items`, { token: em, body: { templateKey: 'advisory-block', parameters: { block: 'expert_services' }, startDate: start, endDate: addDays(start, 25) } }));
      return { id: sow.id, itemId: item.id };
    };
    const a = await newSow('Contract SOW A');
    await send('PATCH', `/api/v1/sows/${a.id}`, { token: em, body: { title: 'Contract SOW A, renamed' } });
    await send('PATCH', `/api/v1/sows/${a.id}/scope-items/${a.itemId}`, { token: em, body: { estimatedHours: 40 } });
    const extra = body<{ id: string }>(await send('POST', `/api/v1/sows/${a.id}/scope-items`, { token: em, body: { templateKey: 'training-administration', parameters: { mode: 'remote', attendees: 10 }, startDate: '2027-02-01', endDate: '2027-02-26' } }));
    await send('DELETE', `/api/v1/sows/${a.id}/scope-items/${extra.id}`, { token: em });
    await send('GET', '/api/v1/sows?limit=5&mine=true', { token: em });
    await send('GET', `/api/v1/sows/${a.id}/quote?pmOverheadPct=10`, { token: em });
    await send('POST', `/api/v1/sows/${a.id}/submit`, { token: em });
    await send('POST', `/api/v1/sows/${a.id}/reject`, { token: sm, body: { reason: 'Too vague' } });
    await send('POST', `/api/v1/sows/${a.id}/reopen`, { token: em, body: {} });
    await send('POST', `/api/v1/sows/${a.id}/cancel`, { token: em, body: { reason: 'Customer walked away' } });

    const b = await newSow('Contract SOW B');
    await send('POST', `/api/v1/sows/${b.id}/submit`, { token: em, body: {} });
    await send('POST', `/api/v1/sows/${b.id}/approve`, { token: sm, body: { reason: 'Fine' } });
    const ranked = body<{ candidates: Array<{ engineerId: string }> }>(await send('GET', `/api/v1/scope-items/${b.itemId}/candidates?limit=3&includeExcluded=true`, { token: em }));
    const proposed = body<{ id: string; version: number }>(
      await send('POST', `/api/v1/scope-items/${b.itemId}/assignments`, { token: em, body: { engineerId: ranked.candidates[0].engineerId, role: 'primary', hoursPerWeek: 4, startDate: '2027-01-04', endDate: '2027-01-29', onsiteDays: 0 } }),
    );
    await send('GET', '/api/v1/assignments?limit=3', { token: engineer });
    await send('GET', `/api/v1/assignments/${proposed.id}`, { token: em });
    await send('PATCH', `/api/v1/assignments/${proposed.id}`, { token: em, body: { hoursPerWeek: 5 } });
    await send('POST', `/api/v1/assignments/${proposed.id}/approve`, { token: sm, body: {} });
    await send('POST', `/api/v1/assignments/${proposed.id}/release`, { token: em, body: { reason: 'Customer postponed' } });
    await send('POST', `/api/v1/sows/${b.id}/activate`, { token: em, body: {} });
    await send('PUT', `/api/v1/scope-items/${b.itemId}/estimate-to-complete`, { token: em, body: { hours: 12 } });
    const cr = body<{ id: string }>(await send('POST', `/api/v1/sows/${b.id}/change-requests`, { token: em, body: { reason: 'More advice', changes: [{ op: 'add', item: { templateKey: 'training-administration', parameters: { mode: 'remote', attendees: 5 }, startDate: '2027-02-01', endDate: '2027-02-05' } }] } }));
    await send('GET', `/api/v1/sows/${b.id}/change-requests`, { token: em });
    await send('GET', `/api/v1/change-requests/${cr.id}`, { token: em });
    await send('POST', `/api/v1/change-requests/${cr.id}/approve`, { token: sm, body: {} });
    const cr2 = body<{ id: string }>(await send('POST', `/api/v1/sows/${b.id}/change-requests`, { token: em, body: { reason: 'Less advice', changes: [{ op: 'remove', scopeItemId: b.itemId }] } }));
    await send('POST', `/api/v1/change-requests/${cr2.id}/reject`, { token: sm, body: { reason: 'No' } });
    await send('GET', `/api/v1/sows/${b.id}/history`, { token: em });
    await send('GET', `/api/v1/sows/${b.id}/coverage`, { token: em });
    await send('GET', `/api/v1/scope-items/${b.itemId}/feasibility`, { token: em });
    await send('POST', `/api/v1/sows/${b.id}/complete`, { token: em, body: {} });
    await send('PUT', `/api/v1/sows/${b.id}/csat`, { token: em, body: { score: 4, comment: 'Clear and on time' } });
    await send('GET', `/api/v1/sows/${b.id}/csat`, { token: em });

    // Delivery: an engagement manager logs a week for a staffed engineer and submits it; a senior
    // manager returns it; the entry is reversed with corrected hours; a senior manager imports a week.
    // Hours are logged for days already worked: SOW C started two weeks before this week's Monday.
    const now = new Date().toISOString().slice(0, 10);
    const started = addDays(now, 1 - isoWeekday(now) - 14);
    const c = await newSow('Contract SOW C', started);
    await send('POST', `/api/v1/sows/${c.id}/submit`, { token: em, body: {} });
    await send('POST', `/api/v1/sows/${c.id}/approve`, { token: sm, body: { reason: 'Fine' } });
    const pick = body<{ candidates: Array<{ engineerId: string }> }>(await send('GET', `/api/v1/scope-items/${c.itemId}/candidates?limit=1`, { token: em })).candidates[0];
    const loggable = body<{ id: string }>(
      await send('POST', `/api/v1/scope-items/${c.itemId}/assignments`, { token: em, body: { engineerId: pick.engineerId, role: 'primary', hoursPerWeek: 4, startDate: started, endDate: addDays(started, 25), onsiteDays: 0 } }),
    );
    await send('POST', `/api/v1/assignments/${loggable.id}/approve`, { token: sm, body: {} });
    const week = addDays(started, 7);
    const sheet = body<{ id: string }>(await send('POST', '/api/v1/timesheets', { token: em, body: { weekStart: week, engineerId: pick.engineerId } }));
    const logged = body<{ entries: Array<{ id: string }> }>(await send('POST', `/api/v1/timesheets/${sheet.id}/entries`, { token: em, body: { assignmentId: loggable.id, date: week, hours: 6, note: 'Contract' } }));
    await send('GET', `/api/v1/timesheets/${sheet.id}`, { token: em });
    await send('POST', `/api/v1/timesheets/${sheet.id}/submit`, { token: em, body: {} });
    await send('POST', `/api/v1/timesheets/${sheet.id}/return`, { token: sm, body: { reason: 'Wrong day' } });
    await send('POST', `/api/v1/timesheets/${sheet.id}/reversals`, { token: em, body: { entryId: logged.entries[0].id, replacementHours: 4 } });
    await send('POST', '/api/v1/timesheets/import', { token: sm, body: `assignmentId,date,hours,billable,note\n${loggable.id},${addDays(week, 1)},3,true,imported\n`, contentType: 'text/csv' });

    // A staffing plan rejected; the engineer's calendar token revoked.
    const plan = body<{ id: string }>(await send('POST', '/api/v1/staffing-plans', { token: em, body: { horizon: { start: '2027-01-04', end: '2027-03-28' }, method: 'heuristic', timeLimitMs: 1000 } }));
    await waitFor(async () => ['proposed', 'failed'].includes(body<{ status: string }>(await send('GET', `/api/v1/staffing-plans/${plan.id}?movesLimit=5&movesOffset=0`, { token: sm })).status), 60000, 'the plan');
    await send('POST', `/api/v1/staffing-plans/${plan.id}/reject`, { token: sm, body: { reason: 'Not now' } });
    await send('POST', '/api/v1/me/calendar-token', { token: engineer });
    await send('DELETE', '/api/v1/me/calendar-token', { token: engineer });

    // Scenarios: changes, a live and a scenario solve, their comparison, promotion; a throwaway scenario deleted.
    const scenario = body<{ id: string; version: number }>(await send('POST', '/api/v1/scenarios', { token: sm, body: { name: 'Contract what-if' } }));
    await send('GET', '/api/v1/scenarios', { token: sm });
    const renamed = body<{ version: number }>(await send('PATCH', `/api/v1/scenarios/${scenario.id}`, { token: sm, body: { name: 'Contract what-if 2', version: scenario.version } }));
    const withChange = body<{ changes: Array<{ id: string }> }>(
      await send('POST', `/api/v1/scenarios/${scenario.id}/changes`, { token: sm, body: { kind: 'add_engineer', name: 'Hire', level: 'senior', region: 'EMEA', startDate: '2027-01-04', skills: [{ key: 'terraform', proficiency: 'mastery' }] }, headers: { 'If-Match': `"${renamed.version}"` } }),
    );
    await send('DELETE', `/api/v1/scenarios/${scenario.id}/changes/${withChange.changes[0].id}`, { token: sm });
    await send('GET', `/api/v1/scenarios/${scenario.id}`, { token: sm });
    const runDone = async (scenarioId: string | undefined): Promise<string> => {
      const r = body<{ id: string }>(await send('POST', '/api/v1/scenario-runs', { token: sm, body: { kind: 'solve', horizon: { start: '2027-01-04', end: '2027-03-28' }, timeLimitMs: 1000, ...(scenarioId ? { scenarioId } : {}) } }));
      await waitFor(async () => ['done', 'failed'].includes(body<{ status: string }>(await send('GET', `/api/v1/scenario-runs/${r.id}`, { token: sm })).status), 60000, 'the scenario run');
      return r.id;
    };
    const liveRun = await runDone(undefined);
    const scenarioRun = await runDone(scenario.id);
    await send('GET', `/api/v1/scenario-runs/compare?base=${liveRun}&other=${scenarioRun}`, { token: sm });
    await send('POST', `/api/v1/scenarios/${scenario.id}/promote`, { token: sm, body: { runId: scenarioRun } });
    const throwaway = body<{ id: string }>(await send('POST', '/api/v1/scenarios', { token: sm, body: { name: 'Throwaway' } }));
    await send('DELETE', `/api/v1/scenarios/${throwaway.id}`, { token: sm });
    // Webhooks, to a receiver on 127.0.0.1 that acknowledges everything.
    const hook = createServer((req, res) => req.resume().on('end', () => res.writeHead(204).end()));
    await new Promise<void>((resolve) => hook.listen(0, '127.0.0.1', resolve));
    const hookUrl = `http://127.0.0.1:${(hook.address() as AddressInfo).port}/hook`;
    const endpoint = body<{ id: string; version: number }>(await send('POST', '/api/v1/webhook-endpoints', { token: admin, body: { url: hookUrl, events: ['sow.approved'], description: 'Contract' } }));
    await send('GET', '/api/v1/webhook-endpoints', { token: admin });
    await send('GET', `/api/v1/webhook-endpoints/${endpoint.id}`, { token: admin });
    await send('PATCH', `/api/v1/webhook-endpoints/${endpoint.id}`, { token: admin, body: { description: 'Contract hook', version: endpoint.version } });
    await send('POST', `/api/v1/webhook-endpoints/${endpoint.id}/rotate-secret`, { token: admin, body: { graceSeconds: 60 } });
    const delivery = body<{ id: string }>(await send('POST', `/api/v1/webhook-endpoints/${endpoint.id}/test`, { token: admin }));
    await waitFor(
      async () => body<{ items: Array<{ status: string }> }>(await send('GET', `/api/v1/webhook-endpoints/${endpoint.id}/deliveries?limit=5`, { token: admin })).items[0]?.status === 'succeeded',
      20000,
      'the test delivery',
    );
    await send('POST', `/api/v1/webhook-endpoints/${endpoint.id}/deliveries/${delivery.id}/replay`, { token: admin });
    await send('DELETE', `/api/v1/webhook-endpoints/${endpoint.id}`, { token: admin });
    await new Promise<void>((resolve) => hook.close(() => resolve()));

    expect(contract.violations).toEqual([]);
  }, 180000);

  it('answers refusals within the contract: 400 on bad paging, 404 on what the caller may not see, 409 on a stale version, an illegal transition or a duplicate, 422 on a broken rule, 413 and 429', async () => {
    const admin = tokens.get('admin') ?? '';
    const em = tokens.get('engagement_manager') ?? '';
    const sm = tokens.get('senior_manager') ?? '';
    const statusOf = async (method: string, url: string, options: SendOptions): Promise<number> => (await send(method, url, options)).status;

    const customer = (await send('POST', '/api/v1/customers', { token: em, body: { name: 'Refusal Corp', region: 'EMEA' } })).body as { id: string; version: number };
    expect(await statusOf('PATCH', `/api/v1/customers/${customer.id}`, { token: em, body: { region: 'AMER' }, headers: { 'If-Match': `"${customer.version + 7}"` } })).toBe(409);
    expect(await statusOf('POST', '/api/v1/skills', { token: admin, body: { key: 'terraform', name: 'Again', category: 'iac' } })).toBe(409);
    const sow = (await send('POST', '/api/v1/sows', { token: em, body: { customerId: customer.id, title: 'Empty', startDate: '2027-01-04', endDate: '2027-01-29', currency: 'USD' } })).body as { id: string };
    expect(await statusOf('POST', `/api/v1/sows/${sow.id}/approve`, { token: sm, body: {} })).toBe(409);
    expect(await statusOf('POST', `/api/v1/sows/${sow.id}/submit`, { token: em })).toBe(422);
    expect(await statusOf('GET', `/api/v1/sows/${sow.id}/quote?pmOverheadPct=-1`, { token: em })).toBe(400);
    expect(await statusOf('GET', '/api/v1/sows?limit=0', { token: em })).toBe(400);
    expect(await statusOf('GET', '/health', { body: '{"not": json', contentType: 'application/json' })).toBe(400);
    expect(await statusOf('GET', `/api/v1/assignments?engineerId=${randomUUID()}`, { token: tokens.get('engineer') })).toBe(404);
    expect(await statusOf('GET', '/api/v1/me/assignments', { token: admin })).toBe(404);
    expect(await statusOf('GET', '/api/v1/sows?limit=abc', { token: em })).toBe(400);

    const item = (await send('POST', `/api/v1/sows/${sow.id}/scope-items`, { token: em, body: { templateKey: 'training-administration', parameters: { mode: 'remote', attendees: 10 }, startDate: '2027-01-04', endDate: '2027-01-29' } })).body as { id: string };
    const ranked = (await send('GET', `/api/v1/scope-items/${item.id}/candidates?includeExcluded=true`, { token: em })).body as { excluded: Array<{ engineerId: string }> };
    expect(ranked.excluded.length).toBeGreaterThan(0);
    expect(await statusOf('POST', `/api/v1/sows/${sow.id}/submit`, { token: em })).toBe(200);
    expect(await statusOf('POST', `/api/v1/scope-items/${item.id}/assignments`, { token: em, body: { engineerId: ranked.excluded[0].engineerId, role: 'primary', hoursPerWeek: 4, startDate: '2027-01-04', endDate: '2027-01-29', onsiteDays: 0 } })).toBe(422);

    expect(await statusOf('POST', '/api/v1/customers', { token: em, body: { name: 'x'.repeat(1100 * 1024), region: 'EMEA' } })).toBe(413);
    let status = 0;
    for (let i = 0; i < 8 && status !== 429; i++) status = await statusOf('POST', '/api/v1/auth/login', { body: { email: 'nobody@e2e.test', password: `guess-${i}` } });
    expect(status).toBe(429);
    expect(contract.violations).toEqual([]);
  });

  it('reached every documented route with a success, and the errors 400, 401, 403, 404, 409, 413, 422 and 429', () => {
    const succeeded = (key: string): boolean => [...(contract.seen.get(key) ?? [])].some((s) => s >= 200 && s < 300);
    expect(contract.operations.map((o) => o.key).filter((key) => !succeeded(key))).toEqual([]);
    const statuses = new Set([...contract.seen.values()].flatMap((s) => [...s]));
    expect([400, 401, 403, 404, 409, 413, 422, 429].filter((s) => !statuses.has(s))).toEqual([]);
    // 503 is documented (a lost database connection), but nothing here should have met one, nor a 500.
    expect([...statuses].filter((s) => s >= 500)).toEqual([]);
    expect(contract.violations).toEqual([]);
  });
});
