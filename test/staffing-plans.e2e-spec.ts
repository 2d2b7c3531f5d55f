import { addDays, isoWeekday } from '@sow/domain';
import { TestApp, waitFor } from '@sow/testing';
import { proposedPlan } from './staffing-fixtures';

const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
const today = new Date().toISOString().slice(0, 10);
const monday = addDays(today, 8 - isoWeekday(today)); // next Monday: inside the default 13-week horizon

interface PlanBody {
  id: string;
  status: string;
  trigger: string;
  moves: Array<{ kind: string; itemId: string; role: string; toEngineerId: string | null; reason: string; improves: string; candidate: { breakdown: unknown[] } | null }>;
  kpisBefore: Record<string, number>;
  kpisAfter: Record<string, number>;
  solverStats: Record<string, unknown>;
  progress: { phase: string; percent: number };
}

describe('staffing plans: triggers, worker, review and approval (real PostgreSQL and Redis)', () => {
  let t: TestApp;
  let em: string;
  let sm: string;
  const engineers: Record<string, string> = {};

  async function engineer(name: string, level: string, proficiency: string): Promise<string> {
    const skills = ['gitlab-omnibus', 'gitlab-administration', 'terraform', 'ansible', 'gitlab-environment-toolkit', 'aws'].map((key) => ({ key, proficiency }));
    const res = await t.http.post('/api/v1/engineers').set(auth(sm)).send({ name, email: `${name.toLowerCase()}@ps.example`, level, region: 'EMEA', timezone: 'Europe/Berlin', skills });
    expect(res.status).toBe(201);
    return res.body.id as string;
  }

  async function approvedSow(title: string, items: number): Promise<string> {
    const customer = await t.http.post('/api/v1/customers').set(auth(em)).send({ name: `${title} customer`, region: 'EMEA' });
    const sow = await t.http.post('/api/v1/sows').set(auth(em)).send({ customerId: customer.body.id, title, startDate: monday, endDate: addDays(monday, 60), currency: 'USD' });
    expect(sow.status).toBe(201);
    for (let i = 0; i < items; i++) {
      const item = await t.http
        .post(`/api/v1/sows/${sow.body.id}/scope-items`)
        .set(auth(em))
        .send({ templateKey: 'install-ra-1k', parameters: { cloud: 'aws' }, title: `${title} install ${i + 1}`, startDate: addDays(monday, 7 * i), endDate: addDays(monday, 7 * i + 25) });
      expect(item.status).toBe(201);
    }
    expect((await t.http.post(`/api/v1/sows/${sow.body.id}/submit`).set(auth(em)).send({})).status).toBe(200);
    expect((await t.http.post(`/api/v1/sows/${sow.body.id}/approve`).set(auth(sm)).send({ reason: 'ok' })).status).toBe(200);
    return sow.body.id as string;
  }

  const proposed = (id: string): Promise<PlanBody> => proposedPlan<PlanBody>(t, sm, id);

  beforeAll(async () => {
    t = await TestApp.start({ runProcessors: true });
    await t.reset();
    em = await t.tokenFor('engagement_manager');
    sm = await t.tokenFor('senior_manager');
    engineers.senior = await engineer('Sena', 'senior', 'mastery');
    engineers.mid = await engineer('Ines', 'intermediate', 'experience');
    engineers.junior = await engineer('Ari', 'associate', 'experience');
  });
  afterAll(async () => {
    await t.close();
  });

  it('approving a SOW triggers one plan through the outbox; it staffs every item and breaks no rule', async () => {
    const sowId = await approvedSow('Acme', 3);
    const plan = await waitFor(
      async () => {
        const res = await t.http.get('/api/v1/staffing-plans?status=proposed').set(auth(sm));
        return (res.body.items as PlanBody[]).find((p) => p.trigger === 'sow.approved');
      },
      30000,
      'the triggered plan',
    );
    const full = await proposed(plan.id);
    expect(full.progress).toEqual({ phase: 'done', percent: 100 });
    expect(full.kpisAfter).toMatchObject({ unstaffedItems: 0, capacityViolations: 0, travelViolations: 0, leadGaps: 0 });
    expect(full.kpisBefore.unstaffedItems).toBe(3);
    const primaries = full.moves.filter((m) => m.role === 'primary');
    expect(primaries).toHaveLength(3);
    expect(primaries.every((m) => m.kind === 'assign' && m.improves === 'staffing' && m.candidate !== null)).toBe(true);
    expect(full.solverStats).toMatchObject({ scopeItems: 3, changes: full.moves.length });
    // An associate on a primary comes with a senior lead on the same item.
    for (const m of primaries.filter((p) => p.toEngineerId === engineers.junior)) {
      expect(full.moves).toContainEqual(expect.objectContaining({ itemId: m.itemId, role: 'lead', toEngineerId: engineers.senior }));
    }
    // Moves come in pages: the pages put together are the whole list, in order.
    expect(full).toMatchObject({ movesTotal: full.moves.length, movesPage: { offset: 0, limit: 200 } });
    const pages: unknown[] = [];
    for (let offset = 0; offset < full.moves.length; offset += 2) {
      const page = await t.http.get(`/api/v1/staffing-plans/${full.id}?movesOffset=${offset}&movesLimit=2`).set(auth(sm));
      expect(page.body).toMatchObject({ movesTotal: full.moves.length, movesPage: { offset, limit: 2 } });
      pages.push(...(page.body as PlanBody).moves);
    }
    expect(pages).toEqual(full.moves);
    const again = await t.http.get(`/api/v1/staffing-plans/${full.id}`).set(auth(sm));
    expect(again.headers.etag).toMatch(/^"[A-Za-z0-9_-]+"$/);
    expect((await t.http.get(`/api/v1/staffing-plans/${full.id}`).set(auth(sm)).set('If-None-Match', again.headers.etag)).status).toBe(304);
    const badPage = await t.http.get(`/api/v1/staffing-plans/${full.id}?movesLimit=5000&movesOffset=-1`).set(auth(sm));
    expect(badPage.status).toBe(400);
    expect(badPage.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['movesLimit', 'movesOffset']);

    const rows = (await t.dataSource.query(`SELECT count(*)::int AS n FROM assignments WHERE sow_id = $1`, [sowId])) as Array<{ n: number }>;
    expect(rows[0].n).toBe(0); // nothing is applied until a senior manager approves

    // Two approvals at once: exactly one applies.
    const [a, b] = await Promise.all([
      t.http.post(`/api/v1/staffing-plans/${full.id}/approve`).set(auth(sm)).send({}),
      t.http.post(`/api/v1/staffing-plans/${full.id}/approve`).set(auth(sm)).send({}),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const after = (await t.dataSource.query(`SELECT role, status, source FROM assignments WHERE sow_id = $1 ORDER BY role`, [sowId])) as Array<{ role: string; status: string; source: string }>;
    expect(after).toHaveLength(full.moves.length);
    expect(after.every((r) => r.status === 'approved' && r.source === 'plan')).toBe(true);
    expect((await t.http.get(`/api/v1/staffing-plans/${full.id}`).set(auth(sm))).body.status).toBe('approved');
  });

  it('an engagement manager may request a plan (202) but not approve it; bad input is a 400 naming the field', async () => {
    const bad = await t.http.post('/api/v1/staffing-plans').set(auth(em)).send({ horizon: { start: monday, end: 'soon' }, method: 'magic' });
    expect(bad.status).toBe(400);
    expect(bad.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['horizon.end', 'method']);
    const backwards = await t.http.post('/api/v1/staffing-plans').set(auth(em)).send({ horizon: { start: monday, end: addDays(monday, -7) } });
    expect(backwards.status).toBe(400);

    const res = await t.http.post('/api/v1/staffing-plans').set(auth(em)).send({ horizon: { start: monday, end: addDays(monday, 90) }, timeLimitMs: 2000 });
    expect(res.status).toBe(202);
    expect(res.headers.location).toBe(`/api/v1/staffing-plans/${res.body.id}`);
    expect(res.body.status).toBe('queued');
    const plan = await proposed(res.body.id);
    expect((await t.http.post(`/api/v1/staffing-plans/${plan.id}/approve`).set(auth(em)).send({})).status).toBe(403);
    const rejected = await t.http.post(`/api/v1/staffing-plans/${plan.id}/reject`).set(auth(sm)).send({ reason: 'not now' });
    expect(rejected.status).toBe(200);
    expect(rejected.body).toMatchObject({ status: 'rejected', decision: { reason: 'not now' } });
  });

  it('a plan whose engineers changed since its snapshot becomes stale on approval: 409 and nothing applied', async () => {
    const sowId = await approvedSow('Globex', 2);
    const res = await t.http.post('/api/v1/staffing-plans').set(auth(em)).send({ horizon: { start: monday, end: addDays(monday, 90) }, sowIds: [sowId], timeLimitMs: 2000 });
    const plan = await proposed(res.body.id);
    const touched = plan.moves.find((m) => m.toEngineerId)?.toEngineerId;
    expect(touched).toBeDefined();
    const current = await t.http.get(`/api/v1/engineers/${touched}`).set(auth(sm));
    const patched = await t.http.patch(`/api/v1/engineers/${touched}`).set(auth(sm)).set('If-Match', `"${current.body.version}"`).send({ weeklyCapacityHours: 32 });
    expect(patched.status).toBe(200);

    const before = await t.countRows();
    const approve = await t.http.post(`/api/v1/staffing-plans/${plan.id}/approve`).set(auth(sm)).send({});
    expect(approve.status).toBe(409);
    expect(approve.body.code).toBe('version_conflict');
    const after = await t.countRows();
    expect(after.assignments).toBe(before.assignments);
    expect((await t.http.get(`/api/v1/staffing-plans/${plan.id}`).set(auth(sm))).body.status).toBe('stale');
  });

  it('serves the queue dashboard to admins and senior managers only (bearer or Basic)', async () => {
    const none = await t.http.get('/admin/queues');
    expect(none.status).toBe(401);
    expect(none.headers['www-authenticate']).toMatch(/^Basic realm=/);
    expect((await t.http.get('/admin/queues').set(auth(em))).status).toBe(403);
    const page = await t.http.get('/admin/queues').set(auth(sm));
    expect(page.status).toBe(200);
    expect(page.text).toContain('SOW Planner queues');
    const basic = Buffer.from('senior-manager@e2e.test:correct-horse-battery-staple').toString('base64');
    const queues = await t.http.get('/admin/queues/api/queues').set('Authorization', `Basic ${basic}`);
    expect(queues.status).toBe(200);
    expect((queues.body.queues as Array<{ name: string }>).map((q) => q.name).sort()).toEqual(['scheduler', 'staffing', 'system', 'webhooks']);
    const wrong = Buffer.from('senior-manager@e2e.test:wrong-password').toString('base64');
    expect((await t.http.get('/admin/queues').set('Authorization', `Basic ${wrong}`)).status).toBe(401);
  });
});
