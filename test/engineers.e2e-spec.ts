import { TestApp } from '@sow/testing';

const HEADER = 'name,email,level,region,timezone,weeklyCapacityHours,utilizationTarget,maxUtilization,travelLimit,clearance,billable,active,skills';

describe('engineers, skills, time off and CSV (real PostgreSQL)', () => {
  let t: TestApp;
  let admin: string;
  let sm: string;
  let em: string;
  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });

  beforeAll(async () => {
    t = await TestApp.start();
    await t.reset();
    admin = await t.tokenFor('admin');
    sm = await t.tokenFor('senior_manager');
    em = await t.tokenFor('engagement_manager');
  });
  afterAll(async () => {
    await t.close();
  });

  async function createEngineer(body: Record<string, unknown>): Promise<{ id: string; version: number }> {
    const res = await t.http.post('/api/v1/engineers').set(auth(sm)).send({ region: 'EMEA', timezone: 'Europe/Berlin', ...body });
    expect(res.status).toBe(201);
    return res.body;
  }

  it('creates an engineer with level defaults and a derived grade', async () => {
    const res = await t.http
      .post('/api/v1/engineers')
      .set(auth(sm))
      .send({ name: 'Grace', email: 'Grace@Example.com', level: 'senior_manager', region: 'AMER', timezone: 'America/New_York', skills: [{ key: 'aws', proficiency: 'mastery' }] });
    expect(res.status).toBe(201);
    expect(res.headers.etag).toBe('"1"');
    expect(res.body).toMatchObject({
      email: 'grace@example.com',
      grade: 9,
      leadCapable: true,
      billable: false,
      weeklyCapacityHours: 40,
      utilizationTarget: 0.7,
      maxUtilization: 1,
      travelLimit: 0.2,
      clearance: null,
      active: true,
      skills: [{ key: 'aws', proficiency: 'mastery' }],
    });
    const dup = await t.http.post('/api/v1/engineers').set(auth(sm)).send({ name: 'G2', email: 'grace@example.com', level: 'senior', region: 'AMER', timezone: 'UTC' });
    expect(dup.status).toBe(409);
    expect((await t.http.post('/api/v1/engineers').set(auth(em)).send({})).status).toBe(403);
  });

  it('rejects unknown skills (listing the valid keys), bad proficiency and bad time zones with 400', async () => {
    const before = await t.countRows();
    const unknown = await t.http.post('/api/v1/engineers').set(auth(sm)).send({ name: 'X', email: 'x@example.com', level: 'associate', region: 'EMEA', timezone: 'Mars/Olympus', skills: [{ key: 'cobol', proficiency: 'mastery' }] });
    expect(unknown.status).toBe(400);
    const byField = Object.fromEntries((unknown.body.details as Array<{ field: string; rule: string; message: string }>).map((d) => [d.field, d]));
    expect(byField['skills[0].key']).toMatchObject({ rule: 'isKnownSkill' });
    expect(byField['skills[0].key'].message).toContain('terraform');
    expect(byField.timezone).toMatchObject({ rule: 'isIanaTimezone' });
    const badProficiency = await t.http.post('/api/v1/engineers').set(auth(sm)).send({ name: 'X', email: 'x@example.com', level: 'associate', region: 'EMEA', timezone: 'UTC', skills: [{ key: 'aws', proficiency: 'guru' }] });
    expect(badProficiency.status).toBe(400);
    expect(badProficiency.body.details[0]).toMatchObject({ field: 'skills.0.proficiency', rule: 'isIn' });
    expect(await t.countRows()).toEqual(before);
  });

  it('lets an engineer read only their own record; others are 404', async () => {
    const me = await createEngineer({ name: 'Ada', email: 'ada@example.com', level: 'intermediate' });
    const other = await createEngineer({ name: 'Linus', email: 'linus@example.com', level: 'senior' });
    const token = await t.tokenFor('engineer', { email: 'ada-login@e2e.test', engineerId: me.id });
    expect((await t.http.get(`/api/v1/engineers/${me.id}`).set(auth(token))).status).toBe(200);
    const res = await t.http.get(`/api/v1/engineers/${other.id}`).set(auth(token));
    expect(res.status).toBe(404);
    expect((await t.http.get('/api/v1/engineers').set(auth(token))).status).toBe(403);
    // Time off: the engineer manages their own, not anyone else's.
    expect((await t.http.post(`/api/v1/engineers/${other.id}/time-off`).set(auth(token)).send({ kind: 'pto', startDate: '2027-01-04', endDate: '2027-01-05' })).status).toBe(404);
    expect((await t.http.post(`/api/v1/engineers/${me.id}/time-off`).set(auth(token)).send({ kind: 'pto', startDate: '2027-01-04', endDate: '2027-01-05' })).status).toBe(201);
  });

  it('refuses overlapping time off with 409 naming the clash, and writes outbox events', async () => {
    const e = await createEngineer({ name: 'Margaret', email: 'margaret@example.com', level: 'senior' });
    const first = await t.http.post(`/api/v1/engineers/${e.id}/time-off`).set(auth(sm)).send({ kind: 'pto', startDate: '2027-02-01', endDate: '2027-02-12' });
    expect(first.status).toBe(201);
    const clash = await t.http.post(`/api/v1/engineers/${e.id}/time-off`).set(auth(sm)).send({ kind: 'training', startDate: '2027-02-10', endDate: '2027-02-20' });
    expect(clash.status).toBe(409);
    expect(clash.body.message).toContain('2027-02-01..2027-02-12');
    const backwards = await t.http.post(`/api/v1/engineers/${e.id}/time-off`).set(auth(sm)).send({ kind: 'pto', startDate: '2027-03-10', endDate: '2027-03-01' });
    expect(backwards.status).toBe(400);
    expect((await t.http.get(`/api/v1/engineers/${e.id}/time-off`).set(auth(em))).body).toHaveLength(1);
    expect((await t.http.delete(`/api/v1/engineers/${e.id}/time-off/${first.body.id}`).set(auth(sm))).status).toBe(204);
    const events: Array<{ type: string }> = await t.dataSource.query(`SELECT type FROM outbox_events WHERE aggregate_id = $1 ORDER BY created_at`, [e.id]);
    expect(events.map((x) => x.type)).toEqual(['engineer.time_off_changed', 'engineer.time_off_changed']);
  });

  it('answers 409 on a stale version and leaves the engineer unchanged; deactivation writes an outbox event', async () => {
    const e = await createEngineer({ name: 'Barbara', email: 'barbara@example.com', level: 'associate' });
    const ok = await t.http.patch(`/api/v1/engineers/${e.id}`).set(auth(sm)).set('If-Match', '"1"').send({ skills: [{ key: 'ansible', proficiency: 'experience' }] });
    expect(ok.status).toBe(200);
    expect(ok.body.version).toBe(2);
    const stale = await t.http.patch(`/api/v1/engineers/${e.id}`).set(auth(sm)).send({ version: 1, active: false });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('version_conflict');
    const now = await t.http.get(`/api/v1/engineers/${e.id}`).set(auth(sm));
    expect(now.body).toMatchObject({ active: true, version: 2, skills: [{ key: 'ansible', proficiency: 'experience' }] });
    // An update is held to the create request's rules, field by field, and writes nothing when it breaks one.
    const bad = await t.http.patch(`/api/v1/engineers/${e.id}`).set(auth(sm)).set('If-Match', '"2"').send({ weeklyCapacityHours: 90, skills: [{ key: 'ansible', proficiency: 'guru' }], team: 'x' });
    expect(bad.status).toBe(400);
    const rules = Object.fromEntries((bad.body.details as Array<{ field: string; rule: string }>).map((d) => [d.field, d.rule]));
    expect(rules).toEqual({ weeklyCapacityHours: 'max', 'skills.0.proficiency': 'isIn', team: 'unknownField' });
    expect((await t.http.get(`/api/v1/engineers/${e.id}`).set(auth(sm))).body).toMatchObject({ version: 2, weeklyCapacityHours: 40 });
    await t.http.patch(`/api/v1/engineers/${e.id}`).set(auth(sm)).set('If-Match', '"2"').send({ active: false }).expect(200);
    const events: Array<{ type: string }> = await t.dataSource.query(`SELECT type FROM outbox_events WHERE aggregate_id = $1`, [e.id]);
    expect(events.map((x) => x.type)).toEqual(['engineer.deactivated']);
  });

  it('searches by skills (AND, min proficiency), level, availability and text, with paging', async () => {
    await t.reset();
    sm = await t.tokenFor('senior_manager');
    admin = await t.tokenFor('admin');
    const a = await createEngineer({ name: 'Alpha', email: 'alpha@example.com', level: 'senior', clearance: 'top_secret', skills: [{ key: 'terraform', proficiency: 'mastery' }, { key: 'aws', proficiency: 'experience' }] });
    await createEngineer({ name: 'Bravo', email: 'bravo@example.com', level: 'intermediate', skills: [{ key: 'terraform', proficiency: 'exposure' }, { key: 'aws', proficiency: 'mastery' }] });
    const c = await createEngineer({ name: 'Charlie', email: 'charlie@example.com', level: 'associate', region: 'AMER', skills: [{ key: 'terraform', proficiency: 'experience' }] });
    await t.http.post(`/api/v1/engineers/${a.id}/time-off`).set(auth(sm)).send({ kind: 'pto', startDate: '2027-05-03', endDate: '2027-05-07' }).expect(201);
    const q = (query: string) => t.http.get(`/api/v1/engineers?${query}`).set(auth(sm));
    const names = (res: { body: { items: Array<{ name: string }> } }) => res.body.items.map((i) => i.name);

    expect(names(await q('skill=terraform:experience'))).toEqual(['Alpha', 'Charlie']);
    expect(names(await q('skill=terraform:experience&skill=aws:experience'))).toEqual(['Alpha']);
    expect(names(await q('minLevel=intermediate&sort=level&order=desc'))).toEqual(['Alpha', 'Bravo']);
    expect(names(await q('clearance=secret'))).toEqual(['Alpha']);
    expect(names(await q('region=amer'))).toEqual(['Charlie']);
    expect(names(await q('availableFrom=2027-05-06&availableTo=2027-05-20'))).toEqual(['Bravo', 'Charlie']);
    expect(names(await q('q=BRA'))).toEqual(['Bravo']);
    const page = await q('limit=1&offset=1');
    expect(page.body).toMatchObject({ total: 3, items: [{ id: expect.any(String), name: 'Bravo' }] });
    expect((await q('limit=1&offset=10')).body).toEqual({ items: [], total: 3 });
    const bad = await q('skill=cobol:mastery');
    expect(bad.status).toBe(400);
    expect(bad.body.details[0].message).toContain('terraform');
    expect(c.id).toBeDefined();
  });

  it('round-trips CSV: export → import → identical export', async () => {
    const exported = await t.http.get('/api/v1/engineers/export').set(auth(sm));
    expect(exported.status).toBe(200);
    expect(exported.headers['content-type']).toContain('text/csv');
    expect(exported.text.split('\n')[0]).toBe(`${HEADER},leadCapable,country,subdivision`.replace(/[^,]+/g, '"$&"'));
    const viaAccept = await t.http.get('/api/v1/engineers').set(auth(sm)).set('Accept', 'text/csv');
    expect(viaAccept.text).toBe(exported.text);

    const imported = await t.http.post('/api/v1/engineers/import').set(auth(admin)).set('Content-Type', 'text/csv').send(exported.text);
    expect(imported.status).toBe(200);
    expect(imported.body).toEqual({ created: 0, updated: 3, total: 3 });
    const again = await t.http.get('/api/v1/engineers/export').set(auth(sm));
    expect(again.text).toBe(exported.text);

    // Into an empty database the same file recreates everyone identically.
    await t.dataSource.query('DELETE FROM engineers');
    const fresh = await t.http.post('/api/v1/engineers/import').set(auth(admin)).set('Content-Type', 'text/csv').send(exported.text);
    expect(fresh.body).toEqual({ created: 3, updated: 0, total: 3 });
    expect((await t.http.get('/api/v1/engineers/export').set(auth(sm))).text).toBe(exported.text);

    // An import that deactivates someone bumps their version, audits the change and tells the planner.
    const charlie = exported.text.split('\n').find((l) => l.startsWith('"Charlie",')) as string;
    const deactivate = [`${HEADER},leadCapable,country,subdivision`, charlie.replace(',"true","true",', ',"true","false",')].join('\n');
    expect((await t.http.post('/api/v1/engineers/import').set(auth(admin)).set('Content-Type', 'text/csv').send(deactivate)).body).toEqual({ created: 0, updated: 1, total: 1 });
    const [row]: Array<{ id: string; active: boolean; version: number }> = await t.dataSource.query(`SELECT id, active, version FROM engineers WHERE email = 'charlie@example.com'`);
    expect(row).toMatchObject({ active: false, version: 2 });
    const [audit]: Array<{ after: { active: boolean; version: number } }> = await t.dataSource.query(
      `SELECT after FROM audit_events WHERE entity_id = $1 ORDER BY at DESC LIMIT 1`,
      [row.id],
    );
    expect(audit.after).toMatchObject({ active: false, version: 2 });
    const outbox: Array<{ type: string }> = await t.dataSource.query(`SELECT type FROM outbox_events WHERE aggregate_id = $1`, [row.id]);
    expect(outbox.map((o) => o.type)).toEqual(['engineer.deactivated']);
  });

  it('rejects a bad CSV as a whole, listing line, column and reason for every bad row', async () => {
    const before = await t.countRows();
    const csv = [
      HEADER,
      'Dana,dana@example.com,senior,EMEA,Europe/Paris,40,0.7,1,0.2,,true,true,terraform:mastery',
      'Eve,eve@example.com,wizard,EMEA,Europe/Paris,forty,0.7,1,0.2,,true,true,terraform:mastery',
      'Finn,finn@example.com,associate,EMEA,Nowhere/City,40,0.7,1,0.2,,maybe,true,cobol:mastery;aws:guru',
      'Dana Again,DANA@example.com,senior,EMEA,UTC,40,0.7,1,0.2,,true,true,',
    ].join('\n');
    const res = await t.http.post('/api/v1/engineers/import').set(auth(admin)).set('Content-Type', 'text/csv').send(csv);
    expect(res.status).toBe(400);
    const problems = (res.body.details as Array<{ line: number; column: string; rule: string }>).map((d) => `${d.line}:${d.column}:${d.rule}`);
    expect(problems).toEqual(
      expect.arrayContaining([
        '3:weeklyCapacityHours:isNumber',
        '3:level:isIn: associate, intermediate, senior, senior_manager',
        '4:billable:isBoolean',
        '4:timezone:isIanaTimezone',
        '4:skills:isIn: exposure, experience, mastery',
        '5:email:uniqueInFile',
      ]),
    );
    expect(res.body.message).toContain('nothing was imported');
    expect(await t.countRows()).toEqual(before);

    const badHeader = await t.http.post('/api/v1/engineers/import').set(auth(admin)).set('Content-Type', 'text/csv').send('name,email,shoeSize\n');
    expect(badHeader.status).toBe(400);
    expect(badHeader.body.details).toEqual(expect.arrayContaining([expect.objectContaining({ line: 1, column: 'shoeSize', rule: 'knownColumn' })]));
  });

  it('lets an admin add a skill and then use it', async () => {
    const created = await t.http.post('/api/v1/skills').set(auth(admin)).send({ key: 'openshift', name: 'Red Hat OpenShift', category: 'platform' });
    expect(created.status).toBe(201);
    expect((await t.http.post('/api/v1/skills').set(auth(admin)).send({ key: 'openshift', name: 'again', category: 'platform' })).status).toBe(409);
    expect((await t.http.post('/api/v1/skills').set(auth(sm)).send({ key: 'x1', name: 'x', category: 'platform' })).status).toBe(403);
    await createEngineer({ name: 'Olive', email: 'olive@example.com', level: 'senior', skills: [{ key: 'openshift', proficiency: 'experience' }] });
    // Clean up: the skills table is reference data that resets keep.
    await t.dataSource.query(`DELETE FROM engineer_skills WHERE skill_key = 'openshift'`);
    await t.dataSource.query(`DELETE FROM skills WHERE key = 'openshift'`);
  });

  it('deletes an engineer: the linked login is kept but unlinked (FK ON DELETE SET NULL), and an outbox event is written', async () => {
    const e = await createEngineer({ name: 'Temp', email: 'temp@example.com', level: 'associate' });
    await t.tokenFor('engineer', { email: 'temp-login@e2e.test', engineerId: e.id });
    expect((await t.http.delete(`/api/v1/engineers/${e.id}`).set(auth(sm)).set('If-Match', '"9"')).status).toBe(409);
    expect((await t.http.delete(`/api/v1/engineers/${e.id}`).set(auth(sm)).set('If-Match', '"1"')).status).toBe(204);
    const [user]: Array<{ engineer_id: string | null }> = await t.dataSource.query(`SELECT engineer_id FROM users WHERE email = 'temp-login@e2e.test'`);
    expect(user.engineer_id).toBeNull();
    const events: Array<{ type: string; payload: { reason: string } }> = await t.dataSource.query(`SELECT type, payload FROM outbox_events WHERE aggregate_id = $1`, [e.id]);
    expect(events).toEqual([{ type: 'engineer.deactivated', payload: { engineerId: e.id, reason: 'deleted' } }]);
    expect((await t.http.get(`/api/v1/engineers/${e.id}`).set(auth(sm))).status).toBe(404);
  });
});
