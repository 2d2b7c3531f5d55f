import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ScenarioRunnerService } from '@sow/core';
import { TestApp } from '@sow/testing';
import { auth, StaffingFixtures } from './staffing-fixtures';

/**
 * Authorization against the written policy, docs/access-policy.md (the document people review),
 * parsed here: not the table the guard and its unit test read. Every route of the OpenAPI document
 * must have a row; every audience the row denies gets 401/403, and every audience it allows gets
 * through. Reads use real ids (the engineer's own records for the engineer), so an allowed GET must
 * succeed (2xx), not merely avoid a 403.
 */
const AUDIENCE_COLUMNS = ['anonymous', 'engineer', 'engagement_manager', 'senior_manager', 'admin'] as const;
type Audience = (typeof AUDIENCE_COLUMNS)[number];
const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

interface Row {
  allowed: Set<Audience>;
  rule: string;
}

function parsePolicy(markdown: string): Map<string, Row> {
  const rows = new Map<string, Row>();
  for (const line of markdown.split('\n')) {
    const match = /^\| `([A-Z]+ \/[^`]*)` \|(.*)\|$/.exec(line.trim());
    if (!match) continue;
    const cells = match[2].split('|').map((c) => c.trim());
    if (cells.length < AUDIENCE_COLUMNS.length) throw new Error(`policy row with too few columns: ${line}`);
    const allowed = new Set(AUDIENCE_COLUMNS.filter((_, i) => cells[i] === 'yes'));
    for (const [i, c] of cells.slice(0, AUDIENCE_COLUMNS.length).entries()) if (c !== 'yes' && c !== '—') throw new Error(`cell ${i} of ${match[1]} is neither yes nor —: ${c}`);
    rows.set(match[1], { allowed, rule: cells.slice(AUDIENCE_COLUMNS.length).join('|') });
  }
  return rows;
}

describe('authorization against docs/access-policy.md (real PostgreSQL and Redis)', () => {
  const policy = parsePolicy(readFileSync(join(__dirname, '..', 'docs', 'access-policy.md'), 'utf8'));
  let t: TestApp;
  const tokens = new Map<Audience, string | undefined>();
  const params: Record<string, string> = {};
  let completedSowId = '';

  beforeAll(async () => {
    // A webhook endpoint on 127.0.0.1 (allow-listed; nothing listens, and no processor delivers here).
    t = await TestApp.start({ env: { WEBHOOK_ALLOWED_HOSTS: '127.0.0.1' } });
    await t.reset();
    const em = await t.tokenFor('engagement_manager');
    const sm = await t.tokenFor('senior_manager');
    const admin = await t.tokenFor('admin');
    const f = new StaffingFixtures(t, em, sm);
    const engineerId = await f.engineer({ name: 'Olga Own', level: 'senior' });
    const engineer = await t.tokenFor('engineer', { email: 'olga@e2e.test', engineerId });
    tokens.set('anonymous', undefined);
    tokens.set('engineer', engineer);
    tokens.set('engagement_manager', em);
    tokens.set('senior_manager', sm);
    tokens.set('admin', admin);
    const { sowId, itemIds } = await f.submittedSow([{ title: 'Policy', start: '2027-01-04', end: '2027-01-29', hours: 80 }]);
    const assignment = await t.http.post(`/api/v1/scope-items/${itemIds[0]}/assignments`).set(auth(sm)).send({ engineerId, role: 'primary', hoursPerWeek: 20, startDate: '2027-01-04', endDate: '2027-01-29', onsiteDays: 0 });
    expect((await t.http.post(`/api/v1/sows/${sowId}/approve`).set(auth(sm)).send({ reason: 'ok' })).status).toBe(200);
    const cr = await t.http
      .post(`/api/v1/sows/${sowId}/change-requests`)
      .set(auth(em))
      .send({ reason: 'docs', changes: [{ op: 'add', item: { kind: 'documentation', title: 'Runbook', details: {}, estimatedHours: 8, minLevel: 'associate', requiredSkills: [], onsiteDays: 0, startDate: '2027-01-11', endDate: '2027-01-15' } }] });
    const timeOff = await t.http.post(`/api/v1/engineers/${engineerId}/time-off`).set(auth(engineer)).send({ kind: 'pto', startDate: '2027-03-01', endDate: '2027-03-02' });
    const plan = await t.http.post('/api/v1/staffing-plans').set(auth(em)).send({ horizon: { start: '2027-01-04', end: '2027-03-26' } });
    const check = await t.http.post('/api/v1/admin/queue-checks').set(auth(sm)).send({});
    const feed = await t.http.post('/api/v1/me/calendar-token').set(auth(engineer));
    const me = await t.http.get('/api/v1/me').set(auth(engineer));
    const timesheet = await t.http.post('/api/v1/timesheets').set(auth(engineer)).send({ weekStart: '2027-01-04' });
    // A completed SOW with its CSAT, for the routes that read one.
    const done = await f.submittedSow([{ title: 'Done', start: '2027-01-04', end: '2027-01-29', hours: 40 }]);
    expect((await t.http.post(`/api/v1/sows/${done.sowId}/approve`).set(auth(sm)).send({ reason: 'ok' })).status).toBe(200);
    expect((await t.http.post(`/api/v1/sows/${done.sowId}/activate`).set(auth(em)).send({})).status).toBe(200);
    expect((await t.http.post(`/api/v1/sows/${done.sowId}/complete`).set(auth(em)).send({})).status).toBe(200);
    const csat = await t.http.put(`/api/v1/sows/${done.sowId}/csat`).set(auth(em)).send({ score: 5 });
    const hook = await t.http.post('/api/v1/webhook-endpoints').set(auth(admin)).send({ url: 'http://127.0.0.1:9/hook', events: ['sow.approved'] });
    const hookDelivery = await t.http.post(`/api/v1/webhook-endpoints/${hook.body.id}/test`).set(auth(admin)).send({});
    for (const res of [assignment, cr, timeOff, plan, check, feed, timesheet, csat, hook, hookDelivery]) expect(res.status).toBeLessThan(300);
    completedSowId = done.sowId;
    // A scenario with a finished live and a finished scenario solve (a senior manager's own; admins see every scenario).
    const scenario = await t.http.post('/api/v1/scenarios').set(auth(sm)).send({ name: 'Access policy' });
    const solve = async (scenarioId?: string): Promise<string> => {
      const run = await t.http.post('/api/v1/scenario-runs').set(auth(sm)).send({ kind: 'solve', horizon: { start: '2027-01-04', end: '2027-03-26' }, timeLimitMs: 500, ...(scenarioId ? { scenarioId } : {}) });
      // This app runs no processors: compute the queued run here, with the worker's own service.
      expect(await t.app.get(ScenarioRunnerService).run(run.body.id as string)).toBe('done');
      return run.body.id as string;
    };
    const liveRun = await solve();
    const scenarioRun = await solve(scenario.body.id as string);
    QUERIES['/api/v1/scenario-runs/compare'] = `base=${liveRun}&other=${scenarioRun}`;
    Object.assign(params, {
      engineers: engineerId,
      'time-off': timeOff.body.id,
      customers: (await t.http.get('/api/v1/customers').set(auth(em))).body.items[0].id,
      sows: sowId,
      'scope-items': itemIds[0],
      assignments: assignment.body.id,
      'change-requests': cr.body.id,
      'staffing-plans': plan.body.id,
      'queue-checks': check.body.id,
      users: me.body.id,
      'scope-templates': 'health-check',
      'rate-cards': 'USD',
      calendar: (feed.body.url as string).split('/').pop() ?? '',
      timesheets: timesheet.body.id,
      scenarios: scenario.body.id,
      'scenario-runs': scenarioRun,
      'webhook-endpoints': hook.body.id,
      deliveries: hookDelivery.body.id,
    });
  }, 180000);
  afterAll(async () => {
    await t.close();
  });

  /** Each `{param}` takes the real id of the collection it follows (`/sows/{id}` a SOW, `/time-off/{timeOffId}` a time off). */
  function realPath(path: string): string {
    if (path === '/api/v1/sows/{id}/csat') return `/api/v1/sows/${completedSowId}/csat`;
    return path.replace(/\/([a-z-]+)\/\{[^}]+\}/g, (_, collection: string) => `/${collection}/${params[collection] ?? 'missing'}`);
  }

  const QUERIES: Record<string, string> = {
    '/api/v1/me/utilization': 'from=2027-01-04&to=2027-01-31',
    '/api/v1/reports/utilization': 'from=2027-01-04&to=2027-01-31&granularity=week&groupBy=engineer',
    '/api/v1/reports/bench': 'from=2027-01-04&to=2027-01-31',
    '/api/v1/reports/travel': 'from=2027-01-04&to=2027-01-31',
    '/api/v1/reports/demand-supply': 'from=2027-01-04&to=2027-01-31',
    '/api/v1/metrics/delivery': 'period=2027-01',
  };

  it('has a written row for every route of the OpenAPI document and no row for a route it lacks', async () => {
    const doc = (await t.http.get('/docs-json')).body as { paths: Record<string, Record<string, unknown>> };
    const routes = Object.entries(doc.paths).flatMap(([path, item]) => METHODS.filter((m) => item[m]).map((m) => `${m.toUpperCase()} ${path}`));
    expect(routes.length).toBeGreaterThan(60);
    expect(routes.filter((r) => !policy.has(r))).toEqual([]);
    expect([...policy.keys()].filter((r) => r !== 'GET /admin/queues' && !routes.includes(r))).toEqual([]);
  });

  it('lets every allowed audience read with real ids (2xx) and turns every other away (401/403)', async () => {
    const mismatches: string[] = [];
    for (const [route, row] of policy) {
      const [method, path] = route.split(' ');
      if (method !== 'GET' || path === '/admin/queues' || path === '/docs-json') continue;
      const url = realPath(path) + (QUERIES[path] ? `?${QUERIES[path]}` : '');
      for (const audience of AUDIENCE_COLUMNS) {
        const token = tokens.get(audience);
        const res = token ? await t.http.get(url).set(auth(token)) : await t.http.get(url);
        const allowed = row.allowed.has(audience);
        // "The caller's own linked engineer record only (404 without one)": managers have no linked record.
        const noLink = audience !== 'engineer' && row.rule.includes('404 without one');
        const ok = allowed ? (noLink ? res.status === 404 : res.status >= 200 && res.status < 300) : audience === 'anonymous' ? res.status === 401 : res.status === 403;
        if (!ok) mismatches.push(`${route} as ${audience}: policy says ${allowed ? 'yes' : '—'}, got ${res.status} ${JSON.stringify(res.body).slice(0, 120)}`);
      }
    }
    expect(mismatches).toEqual([]);
  });

  it('turns every denied audience away from every write, and lets every allowed one past the guard', async () => {
    const mismatches: string[] = [];
    for (const [route, row] of policy) {
      const [method, path] = route.split(' ');
      if (method === 'GET') continue;
      const m = method.toLowerCase() as 'post' | 'put' | 'patch' | 'delete';
      for (const audience of AUDIENCE_COLUMNS) {
        if (row.allowed.has(audience) && method === 'DELETE') continue; // would really delete the fixtures the reads need
        const token = tokens.get(audience);
        // Denied callers get real ids too: the guard, not a missing row, must say no.
        let req = t.http[m](realPath(path));
        if (token) req = req.set(auth(token));
        const res = await req.send({ reason: '' });
        const guardSaidNo = res.status === 401 || (res.status === 403 && (res.body.details ?? []).some((d: { rule?: string }) => d.rule === 'hasRole'));
        const ok = row.allowed.has(audience) ? !guardSaidNo && res.status < 500 : audience === 'anonymous' ? res.status === 401 : res.status === 403 && guardSaidNo;
        if (!ok) mismatches.push(`${route} as ${audience}: policy says ${row.allowed.has(audience) ? 'yes' : '—'}, got ${res.status} ${JSON.stringify(res.body).slice(0, 120)}`);
      }
    }
    expect(mismatches).toEqual([]);
  });
});

