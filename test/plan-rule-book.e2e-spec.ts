import { addDays, isoWeekday, isoWeekKey } from '@sow/domain';
import { publicHolidays } from '@sow/core';
import { TestApp } from '@sow/testing';
import { proposedPlan } from './staffing-fixtures';

const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
const today = new Date().toISOString().slice(0, 10);
const monday = addDays(today, 8 - isoWeekday(today));

interface UnstaffedBody {
  itemId: string;
  title: string;
  hoursMissing: number;
  exclusions: Record<string, number> | null;
  changes: Array<{ kind: string; text: string; engineerId?: string; weeks?: number }>;
}

interface PlanBody {
  id: string;
  status: string;
  moves: Array<{ kind: string; itemId: string; role: string; toEngineerId: string | null }>;
  kpisBefore: Record<string, number>;
  kpisAfter: Record<string, number>;
  unstaffed: UnstaffedBody[] | null;
  error: unknown;
}

describe('plans follow the rule book and explain what they could not staff (real API, worker, PostgreSQL, Redis)', () => {
  let t: TestApp;
  let em: string;
  let sm: string;
  const ids: Record<string, string> = {};
  const items: Record<string, string> = {};
  let sowId = '';

  async function engineer(key: string, body: Record<string, unknown>): Promise<void> {
    const res = await t.http
      .post('/api/v1/engineers')
      .set(auth(sm))
      .send({ name: key, email: `${key.toLowerCase()}@rules.example`, region: 'EMEA', timezone: 'Europe/Berlin', country: 'DE', subdivision: 'DE-BY', ...body });
    expect(res.status).toBe(201);
    ids[key] = res.body.id as string;
  }

  async function item(key: string, body: Record<string, unknown>): Promise<void> {
    const res = await t.http
      .post(`/api/v1/sows/${sowId}/scope-items`)
      .set(auth(em))
      .send({ kind: 'advisory', title: key, details: {}, onsiteDays: 0, startDate: monday, endDate: addDays(monday, 25), ...body });
    expect(res.status).toBe(201);
    items[key] = res.body.id as string;
  }

  const proposed = (id: string): Promise<PlanBody> => proposedPlan<PlanBody>(t, sm, id);

  beforeAll(async () => {
    t = await TestApp.start({ runProcessors: true });
    await t.reset();
    em = await t.tokenFor('engagement_manager');
    sm = await t.tokenFor('senior_manager');
    const tf = (proficiency: string) => [{ key: 'terraform', proficiency }];
    // Away for the whole of every item but the team item: the rule book says not eligible for them.
    await engineer('Tess', { level: 'senior', skills: tf('mastery') });
    expect((await t.http.post(`/api/v1/engineers/${ids.Tess}/time-off`).set(auth(sm)).send({ kind: 'pto', startDate: addDays(monday, -3), endDate: addDays(monday, 26) })).status).toBe(201);
    await engineer('Ivo', { level: 'intermediate', skills: tf('experience') });
    await engineer('Asha', { level: 'associate', skills: tf('experience') });
    await engineer('Lena', { level: 'senior', skills: tf('mastery') });
    const customer = await t.http.post('/api/v1/customers').set(auth(em)).send({ name: 'Rules customer', region: 'EMEA' });
    const sow = await t.http.post('/api/v1/sows').set(auth(em)).send({ customerId: customer.body.id, title: 'Rules', startDate: monday, endDate: addDays(monday, 60), currency: 'USD' });
    expect(sow.status).toBe(201);
    sowId = sow.body.id as string;
    await item('Senior work', { estimatedHours: 120, minLevel: 'senior', requiredSkills: [{ key: 'terraform', minProficiency: 'experience' }] });
    await item('Associate work', { estimatedHours: 100, minLevel: 'associate', requiredSkills: [{ key: 'terraform', minProficiency: 'exposure' }] });
    // 240 h over four weeks: 60 h a week, more than anyone may take alone, so a team of two shares it.
    await item('Team work', { estimatedHours: 240, minLevel: 'intermediate', maxTeamSize: 2, requiredSkills: [{ key: 'terraform', minProficiency: 'exposure' }], startDate: addDays(monday, 28), endDate: addDays(monday, 53) });
    await item('Kubernetes work', { estimatedHours: 60, minLevel: 'intermediate', requiredSkills: [{ key: 'kubernetes', minProficiency: 'mastery' }] });
    expect((await t.http.post(`/api/v1/sows/${sowId}/submit`).set(auth(em)).send({})).status).toBe(200);
    expect((await t.http.post(`/api/v1/sows/${sowId}/approve`).set(auth(sm)).send({ reason: 'ok' })).status).toBe(200);
  });
  afterAll(async () => {
    await t.close();
  });

  it('takes public holidays of the engineer’s subdivision and the company’s days off out of capacity', async () => {
    const admin = await t.tokenFor('admin');
    const bad = await t.http.post('/api/v1/engineers').set(auth(sm)).send({ name: 'Nobody', email: 'nobody@rules.example', level: 'senior', region: 'EMEA', timezone: 'Europe/Berlin', country: 'DE', subdivision: 'DE-XX' });
    expect(bad.status).toBe(400);
    expect(bad.body.details).toContainEqual(expect.objectContaining({ field: 'subdivision', rule: 'hasHolidayCalendar' }));
    const week = { start: addDays(monday, 7), end: addDays(monday, 11) };
    const shutdown = addDays(week.start, 2);
    const created = await t.http.post('/api/v1/company-days-off').set(auth(admin)).send({ date: shutdown, name: 'Company shutdown' });
    expect(created.status).toBe(201);
    expect((await t.http.post('/api/v1/company-days-off').set(auth(admin)).send({ date: shutdown, name: 'Again' })).status).toBe(409);
    expect((await t.http.post('/api/v1/company-days-off').set(auth(sm)).send({ date: addDays(shutdown, 1), name: 'Not mine to give' })).status).toBe(403);
    expect((await t.http.get('/api/v1/company-days-off').set(auth(em))).body).toContainEqual(expect.objectContaining({ date: shutdown, name: 'Company shutdown' }));

    const report = await t.http.get(`/api/v1/reports/utilization?from=${week.start}&to=${week.end}&granularity=week&groupBy=engineer`).set(auth(sm));
    expect(report.status).toBe(200);
    const bavarian = new Set(
      [...publicHolidays('DE', 'DE-BY', Number(week.start.slice(0, 4))), ...publicHolidays('DE', 'DE-BY', Number(week.end.slice(0, 4)))].filter((d) => d >= week.start && d <= week.end && d !== shutdown),
    );
    const ivo = (report.body.items as Array<{ group: string; period: string; capacityHours: number }>).find((r) => r.group === ids.Ivo && r.period === isoWeekKey(week.start));
    expect(ivo?.capacityHours).toBe(40 - 8 * (1 + bavarian.size));
  });

  it('ranks candidates for one share of an item that needs a team', async () => {
    const res = await t.http.get(`/api/v1/scope-items/${items['Team work']}/candidates`).set(auth(em));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ teamSize: 2, hoursPerWeek: 30 });
    expect(res.body.candidates.map((c: { engineerId: string }) => c.engineerId).sort()).toEqual([ids.Ivo, ids.Lena, ids.Tess].sort());
    const secondTooMany = await t.http.post(`/api/v1/scope-items/${items['Senior work']}/assignments`).set(auth(em)).send({ engineerId: ids.Ivo, role: 'secondary', hoursPerWeek: 10, startDate: monday, endDate: addDays(monday, 4), onsiteDays: 0 });
    expect(secondTooMany.status).toBe(409);
    expect(secondTooMany.body.details).toContainEqual(expect.objectContaining({ field: 'role', rule: 'maxTeamSize' }));
  });

  it('answers the earliest start that could be fully staffed, and why not on the item’s own dates', async () => {
    const open = await t.http.get(`/api/v1/scope-items/${items['Senior work']}/feasibility`).set(auth(em));
    expect(open.status).toBe(200);
    expect(open.body).toMatchObject({ feasibleAsPlanned: true, earliestStartDate: monday, asPlanned: null });
    expect(open.body.engineers.map((e: { engineerId: string }) => e.engineerId)).toEqual([ids.Lena]);

    const nobody = await t.http.get(`/api/v1/scope-items/${items['Kubernetes work']}/feasibility`).set(auth(em));
    expect(nobody.status).toBe(200);
    expect(nobody.body).toMatchObject({ feasibleAsPlanned: false, earliestStartDate: null, engineers: [] });
    expect(nobody.body.asPlanned.exclusions.missing_skill).toBe(4);
    expect(nobody.body.asPlanned.changes.at(-1).text).toContain('one more engineer with kubernetes ≥ mastery, intermediate or above');
    expect((await t.http.get(`/api/v1/scope-items/${items['Kubernetes work']}/feasibility`).set(auth(await t.tokenFor('engineer')))).status).toBe(403);
  });

  it('never plans what the rule book forbids, lists what it leaves unstaffed with the reasons, and approval writes through the assignment rules', async () => {
    // Requested by the EM: the senior manager who approves it must not be its requester (four eyes).
    const res = await t.http.post('/api/v1/staffing-plans').set(auth(em)).send({ horizon: { start: monday, end: addDays(monday, 62) }, sowIds: [sowId], timeLimitMs: 2000 });
    expect(res.status).toBe(202);
    const plan = await proposed(res.body.id as string);

    const assigned = plan.moves.filter((m) => m.toEngineerId !== null);
    expect(assigned.filter((m) => m.itemId !== items['Team work']).map((m) => m.toEngineerId)).not.toContain(ids.Tess);
    // Leads only ever sit over an associate primary of the same item.
    for (const lead of assigned.filter((m) => m.role === 'lead')) {
      expect(assigned).toContainEqual(expect.objectContaining({ itemId: lead.itemId, role: 'primary', toEngineerId: ids.Asha }));
    }
    expect(assigned).toContainEqual(expect.objectContaining({ itemId: items['Senior work'], role: 'primary', toEngineerId: ids.Lena }));
    // The team item: a primary and a secondary, two different engineers, each with half the hours.
    const team = assigned.filter((m) => m.itemId === items['Team work']);
    expect(team.map((m) => m.role).sort()).toEqual(['primary', 'secondary']);
    expect(new Set(team.map((m) => m.toEngineerId)).size).toBe(2);
    expect(team.every((m) => Math.abs((m as unknown as { hoursPerWeek: number }).hoursPerWeek - 30) < 0.01)).toBe(true);

    const k8s = plan.unstaffed?.find((u) => u.itemId === items['Kubernetes work']);
    expect(k8s).toBeDefined();
    expect(k8s?.hoursMissing).toBeCloseTo(60, 5);
    expect(k8s?.exclusions).toMatchObject({ missing_skill: 4, time_off_conflict: 1 });
    expect(k8s?.changes.at(-1)).toMatchObject({ kind: 'add_engineer' });
    expect(plan.unstaffed?.map((u) => u.itemId)).not.toContain(items['Senior work']);
    expect(plan.kpisAfter.engineersAtOrAboveTarget).toBeGreaterThanOrEqual(plan.kpisBefore.engineersAtOrAboveTarget);
    expect(plan.kpisAfter.meanBillableUtilization).toBeGreaterThan(plan.kpisBefore.meanBillableUtilization);

    const approve = await t.http.post(`/api/v1/staffing-plans/${plan.id}/approve`).set(auth(sm)).send({});
    expect(approve.status).toBe(200);
    const written = (await t.dataSource.query(`SELECT id, status, source, role, engineer_id FROM assignments WHERE sow_id = $1`, [sowId])) as Array<{ id: string; status: string; source: string; role: string; engineer_id: string }>;
    expect(written).toHaveLength(assigned.length);
    expect(written.every((a) => a.status === 'approved' && a.source === 'plan')).toBe(true);
    // The same audit trail as the manual path: proposed, then approved through the transition.
    const audit = (await t.dataSource.query(`SELECT action, entity_id FROM audit_events WHERE entity_id = ANY($1::text[]) ORDER BY at, action DESC`, [written.map((a) => a.id)])) as Array<{ action: string; entity_id: string }>;
    for (const a of written) {
      expect(audit.filter((r) => r.entity_id === a.id).map((r) => r.action)).toEqual(['assignment.proposed', 'assignment.approved']);
    }
    // Each team member sees their share, in /me and in their calendar feed.
    const member = team[0].toEngineerId ?? '';
    const me = await t.tokenFor('engineer', { engineerId: member, email: 'member@rules.example' });
    const mine = (await t.http.get('/api/v1/me/assignments').set(auth(me))).body as Array<{ scopeItem: { id: string }; team: { size: number; share: number } | null }>;
    expect(mine.find((a) => a.scopeItem.id === items['Team work'])?.team).toEqual({ size: 2, share: 0.5 });
    const feedUrl = (await t.http.post('/api/v1/me/calendar-token').set(auth(me)).send({})).body.url as string;
    expect((await t.http.get(feedUrl)).text.replace(/\r\n /g, '')).toContain('(50% of a team of 2)');
  });
});
