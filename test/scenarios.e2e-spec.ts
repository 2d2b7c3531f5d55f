import { addDays, isoWeekday } from '@sow/domain';
import { TestApp, waitFor } from '@sow/testing';

const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
const today = new Date().toISOString().slice(0, 10);
const monday = addDays(today, 8 - isoWeekday(today));
const horizon = { start: monday, end: addDays(monday, 7 * 8 - 3) };

interface RunBody {
  id: string;
  status: string;
  progress: { phase: string; percent: number };
  result: Record<string, unknown> & {
    outcome?: { kpis: Record<string, unknown>; items: Array<{ itemId: string; engineerIds: string[]; hypothetical: boolean }> };
    promotion?: { moves: unknown[]; heldBack: number };
    hiring?: { hires: Array<{ level: string; skills: Array<{ key: string }>; cost: string; revenueUnlocked: string; items: Array<{ itemId: string }> }>; trainings: unknown[]; unstaffedHoursBefore: number; unstaffedHoursAfter: number };
  };
}

describe('scenarios and hiring plans through the real API and worker (PostgreSQL and Redis)', () => {
  let t: TestApp;
  let em: string;
  let sm: string;
  let sm2: string;
  let customerId: string;
  let liveEngineer: string;
  let liveSowId: string;

  async function run(token: string, body: Record<string, unknown>): Promise<RunBody> {
    const res = await t.http.post('/api/v1/scenario-runs').set(auth(token)).send({ horizon, timeLimitMs: 2000, ...body });
    expect(res.status).toBe(202);
    expect(res.headers.location).toBe(`/api/v1/scenario-runs/${res.body.id}`);
    return waitFor(
      async () => {
        const r = await t.http.get(`/api/v1/scenario-runs/${res.body.id}`).set(auth(token));
        return r.body.status === 'done' || r.body.status === 'failed' ? (r.body as RunBody) : undefined;
      },
      60000,
      `run ${res.body.id}`,
    );
  }

  const liveCounts = async (): Promise<Record<string, number>> => {
    const rows = (await t.dataSource.query(
      `SELECT (SELECT count(*) FROM sows)::int AS sows, (SELECT count(*) FROM scope_items)::int AS items, (SELECT count(*) FROM engineers)::int AS engineers,
              (SELECT count(*) FROM assignments)::int AS assignments, (SELECT count(*) FROM staffing_plans)::int AS plans,
              (SELECT coalesce(sum(version), 0) FROM engineers)::int AS engineer_versions, (SELECT coalesce(sum(version), 0) FROM scope_items)::int AS item_versions`,
    )) as Array<Record<string, number>>;
    return rows[0];
  };

  beforeAll(async () => {
    t = await TestApp.start({ runProcessors: true });
    await t.reset();
    em = await t.tokenFor('engagement_manager');
    sm = await t.tokenFor('senior_manager');
    sm2 = await t.tokenFor('senior_manager', { email: 'second-sm@e2e.test' });
    const engineer = await t.http.post('/api/v1/engineers').set(auth(sm)).send({
      name: 'Ines', email: 'ines@ps.example', level: 'intermediate', region: 'EMEA', timezone: 'Europe/Berlin',
      skills: ['gitlab-omnibus', 'gitlab-administration', 'terraform', 'ansible', 'gitlab-environment-toolkit', 'aws'].map((key) => ({ key, proficiency: 'experience' })),
    });
    expect(engineer.status).toBe(201);
    liveEngineer = engineer.body.id;
    const customer = await t.http.post('/api/v1/customers').set(auth(em)).send({ name: 'Acme', region: 'EMEA' });
    customerId = customer.body.id;
    const sow = await t.http.post('/api/v1/sows').set(auth(em)).send({ customerId, title: 'Acme install', startDate: monday, endDate: addDays(monday, 50), currency: 'USD' });
    liveSowId = sow.body.id;
    const item = await t.http.post(`/api/v1/sows/${liveSowId}/scope-items`).set(auth(em)).send({ templateKey: 'install-ra-1k', parameters: { cloud: 'aws' }, title: 'Install', startDate: monday, endDate: addDays(monday, 25) });
    expect(item.status).toBe(201);
    expect((await t.http.post(`/api/v1/sows/${liveSowId}/submit`).set(auth(em)).send({})).status).toBe(200);
    expect((await t.http.post(`/api/v1/sows/${liveSowId}/approve`).set(auth(sm)).send({ reason: 'ok' })).status).toBe(200);
    // Let the plan the approval triggers (through the outbox relay) be created and run, so live counts are settled before the scenario starts.
    const settled = async () => {
      const [row] = (await t.dataSource.query(`SELECT count(*)::int AS n, count(*) FILTER (WHERE status IN ('queued','running'))::int AS open FROM staffing_plans`)) as Array<{ n: number; open: number }>;
      return (row.n > 0 && row.open === 0) || undefined;
    };
    await waitFor(settled, 60000, 'triggered plan');
  }, 120000);
  afterAll(async () => {
    await t.close();
  });

  it('create, change, solve, compare with live, promote: private to its owner, and live data untouched until promotion', async () => {
    const created = await t.http.post('/api/v1/scenarios').set(auth(sm)).send({ name: 'Win the GCP deal' });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    // Private: another senior manager and an engagement manager do not see it.
    expect((await t.http.get(`/api/v1/scenarios/${id}`).set(auth(sm2))).status).toBe(404);
    expect((await t.http.get(`/api/v1/scenarios/${id}`).set(auth(em))).status).toBe(403);
    expect((await t.http.get('/api/v1/scenarios').set(auth(sm2))).body.total).toBe(0);

    // Bad input names the request's own field and the rule; a stale version is a 409.
    const bad = await t.http.post(`/api/v1/scenarios/${id}/changes`).set(auth(sm)).send({ kind: 'add_sow', title: 'D', customerId, winProbability: 3, items: [{ title: 'x', startDate: monday, endDate: 'later', estimatedHours: 10, minLevel: 'senior' }] });
    expect(bad.status).toBe(400);
    expect(bad.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['items[0].endDate', 'winProbability']);
    const unknown = await t.http.post(`/api/v1/scenarios/${id}/changes`).set(auth(sm)).send({ kind: 'remove_engineer', engineerId: '00000000-0000-4000-8000-000000000000' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.details[0]).toMatchObject({ field: 'engineerId', rule: 'exists' });
    const stale = await t.http.post(`/api/v1/scenarios/${id}/changes`).set(auth(sm)).set('If-Match', '"99"').send({ kind: 'shift_sow', sowId: liveSowId, days: 7 });
    expect(stale.status).toBe(409);

    const before = await liveCounts();
    let version = created.body.version as number;
    const add = async (change: Record<string, unknown>): Promise<void> => {
      const res = await t.http.post(`/api/v1/scenarios/${id}/changes`).set(auth(sm)).set('If-Match', `"${version}"`).send(change);
      expect(res.status).toBe(201);
      version = res.body.version;
    };
    await add({
      kind: 'add_sow', title: 'GCP platform', customerId, winProbability: 0.6,
      items: [{ title: 'GKE install', startDate: addDays(monday, 14), endDate: addDays(monday, 41), estimatedHours: 120, minLevel: 'intermediate', requiredSkills: [{ key: 'gcp', minProficiency: 'experience' }] }],
    });
    await add({ kind: 'add_engineer', name: 'GCP hire', level: 'intermediate', region: 'EMEA', skills: [{ key: 'gcp', proficiency: 'mastery' }], startDate: addDays(monday, 7) });
    await add({ kind: 'modify_engineer', engineerId: liveEngineer, utilizationTarget: 0.8 });
    expect((await t.http.get(`/api/v1/scenarios/${id}`).set(auth(sm))).body.changes.map((c: { change: { kind: string } }) => c.change.kind)).toEqual(['add_sow', 'add_engineer', 'modify_engineer']);
    // Recording a scenario wrote nothing live.
    expect(await liveCounts()).toEqual(before);

    const live = await run(sm, { kind: 'solve' });
    const scenario = await run(sm, { kind: 'solve', scenarioId: id });
    expect(live.status).toBe('done');
    expect(scenario.status).toBe('done');
    expect(scenario.progress).toEqual({ phase: 'done', percent: 100 });
    const deal = scenario.result.outcome?.items.find((i) => i.hypothetical);
    expect(deal?.engineerIds).toHaveLength(1);
    expect(live.result.outcome?.items.some((i) => i.hypothetical)).toBe(false);
    // Solving wrote nothing live either.
    expect(await liveCounts()).toEqual(before);

    const compared = await t.http.get(`/api/v1/scenario-runs/compare?base=${live.id}&other=${scenario.id}`).set(auth(sm));
    expect(compared.status).toBe(200);
    expect(compared.body.items.map((i: { itemId: string }) => i.itemId)).toContain(deal?.itemId);
    expect(compared.body.engineers.some((e: { base: unknown; other: { hypothetical: boolean } | null }) => e.base === null && e.other?.hypothetical)).toBe(true);
    expect(Number(compared.body.delta.revenue)).toBeGreaterThan(0);
    expect(compared.body.other.unstaffedHoursBySkill).toEqual(expect.any(Object));
    // Another senior manager cannot read the runs either.
    expect((await t.http.get(`/api/v1/scenario-runs/compare?base=${live.id}&other=${scenario.id}`).set(auth(sm2))).status).toBe(404);
    const notDone = await t.http.get(`/api/v1/scenario-runs/compare?base=${live.id}&other=not-a-uuid`).set(auth(sm));
    expect(notDone.status).toBe(400);
    expect(notDone.body.details[0].field).toBe('other');

    const promoted = await t.http.post(`/api/v1/scenarios/${id}/promote`).set(auth(sm)).set('If-Match', `"${version}"`).send({ runId: scenario.id });
    expect(promoted.status).toBe(200);
    expect(promoted.body.draftSowIds).toHaveLength(1);
    const draft = await t.http.get(`/api/v1/sows/${promoted.body.draftSowIds[0]}`).set(auth(sm));
    expect(draft.body).toMatchObject({ status: 'draft', title: 'GCP platform' });
    expect(draft.body.scopeItems).toHaveLength(1);
    const again = await t.http.post(`/api/v1/scenarios/${id}/promote`).set(auth(sm)).send({ runId: scenario.id });
    expect(again.status).toBe(409);
    if (promoted.body.staffingPlanId) {
      const plan = await t.http.get(`/api/v1/staffing-plans/${promoted.body.staffingPlanId}`).set(auth(sm));
      expect(plan.body.status).toBe('proposed');
      // Approved by another senior manager through the ordinary path (stale detection included).
      const approved = await t.http.post(`/api/v1/staffing-plans/${promoted.body.staffingPlanId}/approve`).set(auth(sm2)).send({});
      expect([200, 409]).toContain(approved.status);
    }
  });

  it('a hiring plan hires for the deal the team cannot staff, and shows what each hire unlocks', async () => {
    const created = await t.http.post('/api/v1/scenarios').set(auth(sm)).send({ name: 'Pipeline' });
    const id = created.body.id as string;
    const res = await t.http.post(`/api/v1/scenarios/${id}/changes`).set(auth(sm)).send({
      kind: 'add_sow', title: 'Azure migration', customerId, winProbability: 0.9,
      items: [{ title: 'Azure DevOps migration', startDate: addDays(monday, 7), endDate: addDays(monday, 46), estimatedHours: 200, minLevel: 'senior', requiredSkills: [{ key: 'azure', minProficiency: 'mastery' }] }],
    });
    expect(res.status).toBe(201);
    const hiring = await run(sm, { kind: 'hiring', scenarioId: id });
    expect(hiring.status).toBe('done');
    const plan = hiring.result.hiring;
    expect(plan?.hires).toHaveLength(1);
    expect(plan?.hires[0]).toMatchObject({ level: 'senior', skills: [{ key: 'azure' }] });
    expect(plan?.hires[0].items).toHaveLength(1);
    expect(Number(plan?.hires[0].revenueUnlocked)).toBeGreaterThan(0);
    expect(plan?.unstaffedHoursAfter).toBeLessThan(plan?.unstaffedHoursBefore ?? 0);
  });
});
