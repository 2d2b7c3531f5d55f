import { parse } from 'csv-parse/sync';
import { TestApp } from '@sow/testing';
import { auth, StaffingFixtures } from './staffing-fixtures';

/** Utilization, bench, travel and demand-supply reports as JSON and CSV, and SOW coverage with its warnings. */
describe('reports and coverage (real PostgreSQL)', () => {
  let t: TestApp;
  let em: string;
  let sm: string;
  let sowId: string;
  let busy: string;
  let itemForIdle: string;
  let idle: string;

  beforeAll(async () => {
    t = await TestApp.start();
    await t.reset();
    em = await t.tokenFor('engagement_manager');
    sm = await t.tokenFor('senior_manager');
    const f = new StaffingFixtures(t, em, sm);
    busy = await f.engineer({ name: 'Ann Busy', level: 'senior', region: 'EMEA', skills: [{ key: 'terraform', proficiency: 'mastery' }] });
    idle = await f.engineer({ name: 'Ben Idle', level: 'intermediate', region: 'AMER', skills: [{ key: 'terraform', proficiency: 'experience' }] });
    const associate = await f.engineer({ name: 'Cat Associate', level: 'associate', region: 'EMEA' });
    const sow = await f.submittedSow([
      { title: 'Install', start: '2027-01-04', end: '2027-01-29', hours: 160, skills: [{ key: 'terraform', minProficiency: 'experience' }], onsiteDays: 4 },
      { title: 'Docs', start: '2027-01-04', end: '2027-01-15', hours: 40 },
      { title: 'Open work', start: '2027-02-01', end: '2027-02-26', hours: 80, skills: [{ key: 'terraform', minProficiency: 'experience' }] },
    ]);
    sowId = sow.sowId;
    itemForIdle = sow.itemIds[0];
    const propose = (item: string, body: Record<string, unknown>) => t.http.post(`/api/v1/scope-items/${item}/assignments`).set(auth(sm)).send(body);
    expect((await propose(sow.itemIds[0], { engineerId: busy, role: 'primary', hoursPerWeek: 32, startDate: '2027-01-04', endDate: '2027-01-29', onsiteDays: 4 })).status).toBe(201);
    // An associate primary without a lead, overridden, so coverage shows the gap.
    const overridden = await propose(sow.itemIds[1], { engineerId: associate, role: 'primary', hoursPerWeek: 20, startDate: '2027-01-04', endDate: '2027-01-15', onsiteDays: 0, overrideReason: 'Lead joins next week, accepted' });
    expect(overridden.status).toBe(201);
  });
  afterAll(async () => {
    await t.close();
  });

  it('reports utilization by engineer per week, and by level per month, in JSON and CSV with the same columns', async () => {
    const res = await t.http.get('/api/v1/reports/utilization?from=2027-01-04&to=2027-01-31&granularity=week&groupBy=engineer').set(auth(sm));
    expect(res.status).toBe(200);
    const annW1 = res.body.items.find((r: { group: string; period: string }) => r.group === busy && r.period === '2027-W01');
    expect(annW1).toMatchObject({ label: 'Ann Busy', capacityHours: 40, plannedHours: 32, utilization: 0.8, status: 'on_target' });

    const csv = await t.http.get('/api/v1/reports/utilization?from=2027-01-04&to=2027-01-31&granularity=week&groupBy=engineer').set(auth(sm)).set('Accept', 'text/csv');
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    const rows = parse(csv.text, { columns: true }) as Array<Record<string, string>>;
    expect(Object.keys(rows[0])).toEqual(['group', 'label', 'period', 'capacityHours', 'plannedHours', 'utilization', 'target', 'status']);
    expect(rows).toHaveLength(res.body.items.length);
    expect(rows.find((r) => r.group === busy && r.period === '2027-W01')).toMatchObject({ plannedHours: '32', utilization: '0.8' });

    const byLevel = await t.http.get('/api/v1/reports/utilization?from=2027-01-01&to=2027-02-28&granularity=month&groupBy=level').set(auth(em));
    expect(byLevel.status).toBe(200);
    expect(byLevel.body.items.map((r: { group: string; period: string }) => `${r.group}/${r.period}`)).toEqual(expect.arrayContaining(['senior/2027-01', 'senior/2027-02']));

    // The JSON is memoised: a strong ETag, 304 when unchanged; a new booking changes it at once.
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.headers.etag).toMatch(/^"[A-Za-z0-9_-]+"$/);
    const url = '/api/v1/reports/utilization?from=2027-01-04&to=2027-01-31&granularity=week&groupBy=engineer';
    expect((await t.http.get(url).set(auth(sm)).set('If-None-Match', res.headers.etag)).status).toBe(304);
    const more = await t.http.post(`/api/v1/scope-items/${itemForIdle}/assignments`).set(auth(sm)).send({ engineerId: idle, role: 'primary', hoursPerWeek: 8, startDate: '2027-01-25', endDate: '2027-01-29', onsiteDays: 0 });
    expect(more.status).toBe(201);
    const after = await t.http.get(url).set(auth(sm)).set('If-None-Match', res.headers.etag);
    expect(after.status).toBe(200);
    expect(after.body.items.find((r: { group: string; period: string }) => r.group === idle && r.period === '2027-W04')).toMatchObject({ plannedHours: 8 });
    await t.http.post(`/api/v1/assignments/${more.body.id}/release`).set(auth(sm)).send({ reason: 'only to test the report cache' }).expect(200);
  });

  it('reports bench, travel and demand vs supply, also as CSV', async () => {
    const bench = await t.http.get('/api/v1/reports/bench?from=2027-02-01&to=2027-02-26').set(auth(sm));
    expect(bench.status).toBe(200);
    const ben = bench.body.items.find((r: { engineerId: string }) => r.engineerId === idle);
    expect(ben).toMatchObject({ plannedHours: 0, utilization: 0 });
    expect(ben.bestMatches[0]).toMatchObject({ title: 'Open work' });
    const benchCsv = parse((await t.http.get('/api/v1/reports/bench?from=2027-02-01&to=2027-02-26').set(auth(sm)).set('Accept', 'text/csv')).text, { columns: true }) as Array<Record<string, string>>;
    expect(benchCsv.find((r) => r.engineerId === idle)?.bestMatches).toContain('Open work (');

    const travel = await t.http.get('/api/v1/reports/travel?from=2027-01-01&to=2027-01-31').set(auth(sm));
    expect(travel.status).toBe(200);
    expect(travel.body.items.find((r: { engineerId: string }) => r.engineerId === busy)).toMatchObject({ month: '2027-01', onsiteDays: 4, exceeded: false });
    const travelCsv = parse((await t.http.get('/api/v1/reports/travel?from=2027-01-01&to=2027-01-31').set(auth(sm)).set('Accept', 'text/csv')).text, { columns: true }) as Array<Record<string, string>>;
    expect(Object.keys(travelCsv[0])).toEqual(['engineerId', 'name', 'month', 'workingDays', 'onsiteDays', 'fraction', 'limit', 'exceeded']);

    const ds = await t.http.get('/api/v1/reports/demand-supply?from=2027-01-04&to=2027-02-26').set(auth(sm));
    expect(ds.status).toBe(200);
    expect(ds.body.items.find((r: { skill: string }) => r.skill === 'terraform')).toMatchObject({ minProficiency: 'experience', demandHours: 240, unstaffedHours: 112, engineers: 2 });
    const dsCsv = parse((await t.http.get('/api/v1/reports/demand-supply?from=2027-01-04&to=2027-02-26').set(auth(sm)).set('Accept', 'text/csv')).text, { columns: true }) as Array<Record<string, string>>;
    expect(dsCsv[0]).toHaveProperty('balanceHours');
  });

  it('shows SOW coverage: who is on each item, unstaffed hours and lead gaps', async () => {
    const res = await t.http.get(`/api/v1/sows/${sowId}/coverage`).set(auth(em));
    expect(res.status).toBe(200);
    const [install, docs, open] = res.body.items;
    expect(install).toMatchObject({ estimatedHours: 160, assignedHours: 128, unstaffedHours: 32, warnings: [] });
    expect(install.assignments[0]).toMatchObject({ engineerName: 'Ann Busy', role: 'primary', hoursPerWeek: 32, status: 'proposed' });
    expect(docs.warnings).toEqual([expect.objectContaining({ kind: 'lead_gap', uncovered: [{ start: '2027-01-04', end: '2027-01-15' }], uncoveredWorkingDays: 10 })]);
    expect(open).toMatchObject({ unstaffedHours: 80, assignments: [] });
    expect((await t.http.get('/api/v1/sows/00000000-0000-4000-8000-000000000000/coverage').set(auth(em))).status).toBe(404);
  });

  it('validates the window (400 naming the field) and keeps engineers out (403)', async () => {
    const reversed = await t.http.get('/api/v1/reports/travel?from=2027-02-01&to=2027-01-01').set(auth(sm));
    expect(reversed.status).toBe(400);
    expect(reversed.body.details).toEqual([expect.objectContaining({ field: 'to', rule: 'notBeforeFrom' })]);
    const tooLong = await t.http.get('/api/v1/reports/bench?from=2027-01-01&to=2030-01-01').set(auth(sm));
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.details).toEqual([expect.objectContaining({ field: 'to', rule: 'maxWindow' })]);
    const missing = await t.http.get('/api/v1/reports/utilization?granularity=day').set(auth(sm));
    expect(missing.status).toBe(400);
    expect([...new Set(missing.body.details.map((d: { field: string }) => d.field))].sort()).toEqual(['from', 'granularity', 'to']);
    const badDate = await t.http.get('/api/v1/reports/travel?from=2027-02-30&to=2027-03-01').set(auth(sm));
    expect(badDate.status).toBe(400);
    expect(badDate.body.details[0].field).toBe('from');
    const engineer = await t.tokenFor('engineer', { email: 'eng-reports@e2e.test' });
    expect((await t.http.get('/api/v1/reports/travel?from=2027-01-01&to=2027-01-31').set(auth(engineer))).status).toBe(403);
    expect((await t.http.get(`/api/v1/sows/${sowId}/coverage`).set(auth(engineer))).status).toBe(403);
  });
});
