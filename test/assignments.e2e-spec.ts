import { Client } from 'pg';
import { ChangeFeed } from '@sow/persistence';
import { TEST_DATABASE_URL, TestApp, waitFor } from '@sow/testing';
import { auth, StaffingFixtures } from './staffing-fixtures';

/** Candidates, proposals with every broken rule listed, SM overrides, the lead rule, concurrency and transitions. */
describe('candidates and assignments (real PostgreSQL)', () => {
  let t: TestApp;
  let em: string;
  let sm: string;
  let f: StaffingFixtures;

  beforeAll(async () => {
    t = await TestApp.start();
    await t.reset();
    em = await t.tokenFor('engagement_manager');
    sm = await t.tokenFor('senior_manager');
    f = new StaffingFixtures(t, em, sm);
  });
  afterAll(async () => {
    await t.close();
  });

  it('ranks candidates with a per-criterion breakdown and lists the excluded with their rules', async () => {
    const expert = await f.engineer({ name: 'Ada Expert', level: 'senior', skills: [{ key: 'terraform', proficiency: 'mastery' }] });
    const ok = await f.engineer({ name: 'Bo Ok', level: 'intermediate', skills: [{ key: 'terraform', proficiency: 'experience' }] });
    const junior = await f.engineer({ name: 'Cy Junior', level: 'associate', skills: [] });
    const { itemIds } = await f.submittedSow([{ title: 'Terraform review', start: '2027-01-04', end: '2027-01-29', hours: 80, minLevel: 'intermediate', skills: [{ key: 'terraform', minProficiency: 'experience' }] }]);

    const res = await t.http.get(`/api/v1/scope-items/${itemIds[0]}/candidates?includeExcluded=true&limit=10`).set(auth(em));
    expect(res.status).toBe(200);
    expect(res.body.candidates.map((c: { engineerId: string }) => c.engineerId)).toEqual(expect.arrayContaining([expert, ok]));
    expect(res.body.candidates[0]).toMatchObject({ rank: 1, name: expect.any(String), tightWeeks: expect.any(Array) });
    expect(res.body.candidates[0].breakdown.map((b: { criterion: string }) => b.criterion)).toEqual(['skillFit', 'utilizationNeed', 'travelHeadroom', 'continuity', 'levelFit', 'proximity']);
    const excluded = res.body.excluded.find((x: { engineerId: string }) => x.engineerId === junior);
    expect(excluded.violations.map((v: { rule: string }) => v.rule)).toEqual(['level_below_minimum', 'missing_skill']);

    const bad = await t.http.get(`/api/v1/scope-items/${itemIds[0]}/candidates?limit=0&includeExcluded=maybe`).set(auth(em));
    expect(bad.status).toBe(400);
    expect(bad.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['includeExcluded', 'limit']);
    const engineer = await t.tokenFor('engineer', { email: 'eng-candidates@e2e.test' });
    expect((await t.http.get(`/api/v1/scope-items/${itemIds[0]}/candidates`).set(auth(engineer))).status).toBe(403);
    expect((await t.http.get(`/api/v1/scope-items/00000000-0000-4000-8000-000000000000/candidates`).set(auth(em))).status).toBe(404);
  });

  it('serves the memoised ranking with a strong ETag (304 when unchanged) and never serves it stale after a write', async () => {
    const first = await f.engineer({ name: 'Gus First', level: 'senior', skills: [{ key: 'ansible', proficiency: 'mastery' }] });
    const { itemIds } = await f.submittedSow([{ title: 'Ansible roles', start: '2027-04-05', end: '2027-04-30', hours: 40, skills: [{ key: 'ansible', minProficiency: 'experience' }] }]);
    const url = `/api/v1/scope-items/${itemIds[0]}/candidates?limit=5`;
    const a = await t.http.get(url).set(auth(em));
    expect(a.status).toBe(200);
    expect(a.headers['content-type']).toMatch(/^application\/json/);
    expect(a.headers.etag).toMatch(/^"[A-Za-z0-9_-]+"$/);
    const again = await t.http.get(url).set(auth(em));
    expect(again.headers.etag).toBe(a.headers.etag);
    expect(again.text).toBe(a.text);
    expect((await t.http.get(url).set(auth(em)).set('If-None-Match', a.headers.etag)).status).toBe(304);
    // A new engineer who fits is ranked by the very next request.
    const second = await f.engineer({ name: 'Hal Second', level: 'senior', skills: [{ key: 'ansible', proficiency: 'mastery' }] });
    const b = await t.http.get(url).set(auth(em));
    expect(b.headers.etag).not.toBe(a.headers.etag);
    expect(b.body.candidates.map((c: { engineerId: string }) => c.engineerId)).toEqual(expect.arrayContaining([first, second]));
    expect((await t.http.get(url).set(auth(em)).set('If-None-Match', a.headers.etag)).status).toBe(200);
  });

  it('hears about writes made outside the api (another replica, psql) through the change notifications', async () => {
    const outsider = await f.engineer({ name: 'Ivy Outsider', level: 'senior', skills: [{ key: 'packer', proficiency: 'mastery' }] });
    const { itemIds } = await f.submittedSow([{ title: 'Golden images', start: '2027-05-03', end: '2027-05-28', hours: 40, skills: [{ key: 'packer', minProficiency: 'experience' }] }]);
    const url = `/api/v1/scope-items/${itemIds[0]}/candidates?limit=5`;
    const ids = async () => ((await t.http.get(url).set(auth(em))).body.candidates as Array<{ engineerId: string }>).map((c) => c.engineerId);
    expect(await ids()).toContain(outsider);
    const feed = t.app.get(ChangeFeed);
    await waitFor(async () => feed.live, 5000, 'change feed listening');
    const db = new Client({ connectionString: process.env.E2E_DATABASE_URL ?? TEST_DATABASE_URL });
    await db.connect();
    try {
      await db.query(`UPDATE engineers SET active = false, version = version + 1, updated_at = now() WHERE id = $1`, [outsider]);
    } finally {
      await db.end();
    }
    await waitFor(async () => !(await ids()).includes(outsider), 5000, 'the deactivated engineer to leave the ranking');
  });

  it('answers 422 listing every broken rule, lets an SM override with a reason (stored and audited) and refuses an EM override', async () => {
    const junior = await f.engineer({ name: 'Dee Junior', level: 'associate', skills: [], travelLimit: 0 });
    const { itemIds } = await f.submittedSow([{ title: 'Secret work', start: '2027-02-01', end: '2027-02-26', hours: 60, minLevel: 'senior', skills: [{ key: 'ansible', minProficiency: 'mastery' }] }]);
    const body = { engineerId: junior, role: 'primary', hoursPerWeek: 50, startDate: '2027-02-01', endDate: '2027-02-26', onsiteDays: 3 };
    const before = await t.countRows();
    const refused = await t.http.post(`/api/v1/scope-items/${itemIds[0]}/assignments`).set(auth(em)).send(body);
    expect(refused.status).toBe(422);
    expect(refused.body.code).toBe('rule_violation');
    expect(refused.body.details.map((d: { rule: string }) => d.rule)).toEqual(['level_below_minimum', 'missing_skill', 'capacity_exceeded', 'travel_limit_exceeded', 'lead_required']);
    expect(refused.body.details.find((d: { rule: string }) => d.rule === 'lead_required').message).toContain('2027-02-01..2027-02-26');
    expect(await t.countRows()).toEqual(before);

    const emOverride = await t.http.post(`/api/v1/scope-items/${itemIds[0]}/assignments`).set(auth(em)).send({ ...body, overrideReason: 'Customer asked for Dee by name' });
    expect(emOverride.status).toBe(403);
    const short = await t.http.post(`/api/v1/scope-items/${itemIds[0]}/assignments`).set(auth(sm)).send({ ...body, overrideReason: 'because' });
    expect(short.status).toBe(400);
    expect(short.body.details[0].field).toBe('overrideReason');

    const overridden = await t.http.post(`/api/v1/scope-items/${itemIds[0]}/assignments`).set(auth(sm)).send({ ...body, overrideReason: 'Customer asked for Dee by name' });
    expect(overridden.status).toBe(201);
    expect(overridden.body.override).toMatchObject({ rules: ['level_below_minimum', 'missing_skill', 'capacity_exceeded', 'travel_limit_exceeded', 'lead_required'], reason: 'Customer asked for Dee by name' });
    expect(overridden.body.score.breakdown).toHaveLength(6);
    const audit: Array<{ action: string }> = await t.dataSource.query(`SELECT action FROM audit_events WHERE entity_id = $1 ORDER BY at, id`, [overridden.body.id]);
    expect(audit.map((a) => a.action).sort()).toEqual(['assignment.proposed', 'assignment.rules_overridden']);
  });

  it('holds a SOW to its customer’s clearance when the customer became public sector after the SOW was written', async () => {
    const cleared = await f.engineer({ name: 'Cleo Cleared', level: 'senior', clearance: 'secret' });
    const plain = await f.engineer({ name: 'Pat Plain', level: 'senior' });
    const { sowId, itemIds } = await f.submittedSow([{ title: 'Agency advisory', start: '2027-03-01', end: '2027-03-26', hours: 40 }], { name: 'Later Agency', region: 'EMEA' });
    const url = `/api/v1/scope-items/${itemIds[0]}/candidates?includeExcluded=true&limit=50`;
    const eligibleIds = async (): Promise<string[]> => ((await t.http.get(url).set(auth(em))).body.candidates as Array<{ engineerId: string }>).map((c) => c.engineerId);
    expect(await eligibleIds()).toEqual(expect.arrayContaining([cleared, plain]));

    const sow = await t.http.get(`/api/v1/sows/${sowId}`).set(auth(em));
    expect(sow.body.requiredClearance).toBeNull();
    const customer = await t.http.get(`/api/v1/customers/${sow.body.customerId}`).set(auth(em));
    const patched = await t.http
      .patch(`/api/v1/customers/${sow.body.customerId}`)
      .set(auth(em))
      .send({ publicSector: true, requiredClearance: 'secret', version: customer.body.version });
    expect(patched.status).toBe(200);

    // Candidates, the proposal check and the planner all read the customer's clearance now.
    const ranked = await t.http.get(url).set(auth(em));
    expect(ranked.body.candidates.map((c: { engineerId: string }) => c.engineerId)).toContain(cleared);
    const excluded = ranked.body.excluded.find((x: { engineerId: string }) => x.engineerId === plain);
    expect(excluded.violations.map((v: { rule: string }) => v.rule)).toEqual(['clearance_required']);
    const body = { role: 'primary', hoursPerWeek: 10, startDate: '2027-03-01', endDate: '2027-03-26', onsiteDays: 0 };
    const refused = await t.http.post(`/api/v1/scope-items/${itemIds[0]}/assignments`).set(auth(em)).send({ ...body, engineerId: plain });
    expect(refused.status).toBe(422);
    expect(refused.body.details.map((d: { rule: string }) => d.rule)).toEqual(['clearance_required']);
    expect((await t.http.post(`/api/v1/scope-items/${itemIds[0]}/assignments`).set(auth(em)).send({ ...body, engineerId: cleared })).status).toBe(201);
  });

  it('needs a lead for an associate primary, and accepts it once a lead covers the dates', async () => {
    const associate = await f.engineer({ name: 'Eve Associate', level: 'associate' });
    const lead = await f.engineer({ name: 'Fin Lead', level: 'senior' });
    const { itemIds } = await f.submittedSow([
      { title: 'Migration', start: '2027-03-01', end: '2027-03-26', hours: 80 },
      { title: 'Oversight', start: '2027-03-01', end: '2027-03-26', hours: 16 },
    ]);
    const primary = { engineerId: associate, role: 'primary', hoursPerWeek: 20, startDate: '2027-03-01', endDate: '2027-03-26', onsiteDays: 0 };
    const refused = await t.http.post(`/api/v1/scope-items/${itemIds[0]}/assignments`).set(auth(em)).send(primary);
    expect(refused.status).toBe(422);
    expect(refused.body.details).toEqual([expect.objectContaining({ rule: 'lead_required', field: 'role' })]);

    const partial = await t.http.post(`/api/v1/scope-items/${itemIds[1]}/assignments`).set(auth(em)).send({ engineerId: lead, role: 'lead', hoursPerWeek: 4, startDate: '2027-03-01', endDate: '2027-03-12', onsiteDays: 0 });
    expect(partial.status).toBe(201);
    const stillGap = await t.http.post(`/api/v1/scope-items/${itemIds[0]}/assignments`).set(auth(em)).send(primary);
    expect(stillGap.status).toBe(422);
    expect(stillGap.body.details[0].message).toContain('2027-03-15..2027-03-26');

    const widened = await t.http.patch(`/api/v1/assignments/${partial.body.id}`).set(auth(em)).set('If-Match', `"${partial.body.version}"`).send({ endDate: '2027-03-26' });
    expect(widened.status).toBe(200);
    expect(widened.headers.etag).toBe(`"${widened.body.version}"`);
    const stale = await t.http.patch(`/api/v1/assignments/${partial.body.id}`).set(auth(em)).set('If-Match', `"${partial.body.version}"`).send({ hoursPerWeek: 5 });
    expect(stale.status).toBe(409);

    const accepted = await t.http.post(`/api/v1/scope-items/${itemIds[0]}/assignments`).set(auth(em)).send(primary);
    expect(accepted.status).toBe(201);
    expect(accepted.body).toMatchObject({ status: 'proposed', role: 'primary', override: null, allowedTransitions: ['approved', 'released'] });

    const outside = await t.http.post(`/api/v1/scope-items/${itemIds[1]}/assignments`).set(auth(em)).send({ ...primary, engineerId: lead, role: 'shadow', endDate: '2027-04-30' });
    expect(outside.status).toBe(400);
    expect(outside.body.details).toEqual([expect.objectContaining({ field: 'endDate', rule: 'withinScopeItem' })]);
  });

  it('lets exactly one of two concurrent proposals for one engineer pass the capacity check', async () => {
    const busy = await f.engineer({ name: 'Gus Busy', level: 'senior' });
    const { itemIds } = await f.submittedSow([
      { title: 'A', start: '2027-04-05', end: '2027-04-30', hours: 120 },
      { title: 'B', start: '2027-04-05', end: '2027-04-30', hours: 120 },
    ]);
    const body = { engineerId: busy, role: 'primary', hoursPerWeek: 30, startDate: '2027-04-05', endDate: '2027-04-30', onsiteDays: 0 };
    const results = await Promise.all(itemIds.map((id) => t.http.post(`/api/v1/scope-items/${id}/assignments`).set(auth(em)).send(body)));
    expect(results.map((r) => r.status).sort()).toEqual([201, 422]);
    const refused = results.find((r) => r.status === 422);
    expect(refused?.body.details.map((d: { rule: string }) => d.rule)).toEqual(['capacity_exceeded']);

    // The ranking cache sees the committed proposal at once: on the other item Gus is now over capacity.
    const other = itemIds[results.findIndex((r) => r.status === 422)];
    const ranked = await t.http.get(`/api/v1/scope-items/${other}/candidates?includeExcluded=true`).set(auth(em));
    expect(ranked.body.excluded.find((x: { engineerId: string }) => x.engineerId === busy).violations.map((v: { rule: string }) => v.rule)).toEqual(['capacity_exceeded']);
  });

  it('approves (SM only), releases with a reason, refuses illegal transitions with 409 and announces changes to approved work', async () => {
    const eng = await f.engineer({ name: 'Hal Senior', level: 'senior' });
    const { sowId, itemIds } = await f.submittedSow([{ title: 'Health check', start: '2027-05-03', end: '2027-05-14', hours: 40 }]);
    const created = await t.http.post(`/api/v1/scope-items/${itemIds[0]}/assignments`).set(auth(em)).send({ engineerId: eng, role: 'primary', hoursPerWeek: 20, startDate: '2027-05-03', endDate: '2027-05-14', onsiteDays: 0, locked: true });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    expect((await t.http.post(`/api/v1/assignments/${id}/approve`).set(auth(em)).send({})).status).toBe(403);
    const approved = await t.http.post(`/api/v1/assignments/${id}/approve`).set(auth(sm)).send({});
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ status: 'approved', locked: true });
    const again = await t.http.post(`/api/v1/assignments/${id}/approve`).set(auth(sm)).send({});
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('illegal_transition');

    const changed = await t.http.patch(`/api/v1/assignments/${id}`).set(auth(em)).send({ hoursPerWeek: 16 });
    expect(changed.status).toBe(200);
    const noReason = await t.http.post(`/api/v1/assignments/${id}/release`).set(auth(em)).send({});
    expect(noReason.status).toBe(400);
    const released = await t.http.post(`/api/v1/assignments/${id}/release`).set(auth(em)).send({ reason: 'Customer postponed' });
    expect(released.status).toBe(200);
    expect(released.body.status).toBe('released');
    expect((await t.http.post(`/api/v1/assignments/${id}/release`).set(auth(em)).send({ reason: 'again' })).status).toBe(409);
    expect((await t.http.patch(`/api/v1/assignments/${id}`).set(auth(em)).send({ hoursPerWeek: 10 })).status).toBe(409);

    const outbox: Array<{ type: string; payload: { change: string } }> = await t.dataSource.query(`SELECT type, payload FROM outbox_events WHERE aggregate_id = $1 ORDER BY created_at`, [id]);
    expect(outbox.map((o) => [o.type, o.payload.change])).toEqual([
      ['assignment.created', undefined],
      ['assignment.changed', 'updated'],
      ['assignment.changed', 'released'],
    ]);
    const list = await t.http.get(`/api/v1/assignments?sowId=${sowId}&status=released`).set(auth(em));
    expect(list.status).toBe(200);
    expect(list.body).toMatchObject({ total: 1, items: [expect.objectContaining({ id })] });
    expect((await t.http.get(`/api/v1/assignments?status=bogus`).set(auth(em))).status).toBe(400);
    expect((await t.http.get(`/api/v1/assignments/${id}`).set(auth(em))).body.version).toBe(released.body.version);
  });

  it('activates approved assignments when delivery starts, and releases the staffing of a cancelled SOW (capacity free again)', async () => {
    const eng = await f.engineer({ name: 'Ida Delivery', level: 'senior' });
    const other = await f.engineer({ name: 'Jon Proposed', level: 'senior' });
    const { sowId, itemIds } = await f.submittedSow([{ title: 'Install', start: '2027-06-07', end: '2027-06-25', hours: 60 }]);
    const a = await t.http.post(`/api/v1/scope-items/${itemIds[0]}/assignments`).set(auth(em)).send({ engineerId: eng, role: 'primary', hoursPerWeek: 20, startDate: '2027-06-07', endDate: '2027-06-25', onsiteDays: 0 });
    const b = await t.http.post(`/api/v1/scope-items/${itemIds[0]}/assignments`).set(auth(em)).send({ engineerId: other, role: 'shadow', hoursPerWeek: 4, startDate: '2027-06-07', endDate: '2027-06-25', onsiteDays: 0 });
    expect([a.status, b.status]).toEqual([201, 201]);
    expect((await t.http.post(`/api/v1/assignments/${a.body.id}/approve`).set(auth(sm)).send({})).status).toBe(200);
    expect((await t.http.post(`/api/v1/sows/${sowId}/approve`).set(auth(sm)).send({})).status).toBe(200);
    expect((await t.http.post(`/api/v1/sows/${sowId}/activate`).set(auth(em)).send({})).status).toBe(200);
    const status = async (id: string) => (await t.http.get(`/api/v1/assignments/${id}`).set(auth(em))).body.status as string;
    expect([await status(a.body.id), await status(b.body.id)]).toEqual(['active', 'proposed']);

    const second = await f.submittedSow([{ title: 'Migration', start: '2027-06-07', end: '2027-06-25', hours: 60 }]);
    const c = await t.http.post(`/api/v1/scope-items/${second.itemIds[0]}/assignments`).set(auth(em)).send({ engineerId: other, role: 'primary', hoursPerWeek: 30, startDate: '2027-06-07', endDate: '2027-06-25', onsiteDays: 0 });
    expect(c.status).toBe(201);
    const planned = async () => {
      const rows = (await t.http.get('/api/v1/reports/utilization?from=2027-06-07&to=2027-06-25&granularity=week&groupBy=engineer').set(auth(em))).body.items as Array<{ group: string; plannedHours: number }>;
      return rows.filter((r) => r.group === other).reduce((sum, r) => sum + r.plannedHours, 0);
    };
    const before = await planned();
    const cancelled = await t.http.post(`/api/v1/sows/${second.sowId}/cancel`).set(auth(em)).send({ reason: 'Customer went elsewhere' });
    expect(cancelled.status).toBe(200);
    expect(await status(c.body.id)).toBe('released');
    const audit: Array<{ action: string; after: { reason: string } }> = await t.dataSource.query(`SELECT action, after FROM audit_events WHERE entity_id = $1 ORDER BY at, id`, [c.body.id]);
    expect(audit.at(-1)).toMatchObject({ action: 'assignment.released', after: { reason: 'Customer went elsewhere' } });
    // The released hours no longer count against the engineer.
    const res = await t.http.get(`/api/v1/scope-items/${second.itemIds[0]}/candidates?limit=50`).set(auth(em));
    const mine = (res.body.candidates as Array<{ engineerId: string; tightWeeks: string[] }>).find((x) => x.engineerId === other);
    expect(mine?.tightWeeks ?? []).toEqual([]);
    expect(before - (await planned())).toBeCloseTo(90, 5);
  });

  it('refuses staffing a draft SOW with 409', async () => {
    const eng = await f.engineer({ name: 'Ivy Draft', level: 'senior' });
    const c = await t.http.post('/api/v1/customers').set(auth(em)).send({ name: 'Draft Co', region: 'EMEA' });
    const sow = await t.http.post('/api/v1/sows').set(auth(em)).send({ customerId: c.body.id, title: 'Draft', startDate: '2027-01-04', endDate: '2027-02-26', currency: 'USD' });
    const item = await t.http.post(`/api/v1/sows/${sow.body.id}/scope-items`).set(auth(em)).send({ kind: 'advisory', title: 'x', details: {}, estimatedHours: 10, minLevel: 'associate', requiredSkills: [], onsiteDays: 0, startDate: '2027-01-04', endDate: '2027-01-15' });
    const res = await t.http.post(`/api/v1/scope-items/${item.body.id}/assignments`).set(auth(em)).send({ engineerId: eng, role: 'primary', hoursPerWeek: 5, startDate: '2027-01-04', endDate: '2027-01-15', onsiteDays: 0 });
    expect(res.status).toBe(409);
  });
});
