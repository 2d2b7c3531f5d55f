import { TestApp, waitFor } from '@sow/testing';
import { auth, StaffingFixtures } from './staffing-fixtures';

/**
 * Dates and spans are bounded at the api (2000-01-01..2100-12-31; a SOW, item or assignment at most
 * 5 years, a plan horizon 2 years, one time off 1 year): 400 naming the public field, nothing written.
 * Years 0001..9999 used to be accepted, and one such SOW made the planner iterate every month of it.
 */
describe('date bounds (real PostgreSQL)', () => {
  let t: TestApp;
  let em: string;
  let sm: string;
  let customerId: string;
  let engineerId: string;
  let itemId: string;
  let sowId: string;
  let submittedSowId: string;

  beforeAll(async () => {
    t = await TestApp.start({ runProcessors: true });
    await t.reset();
    em = await t.tokenFor('engagement_manager');
    sm = await t.tokenFor('senior_manager');
    const f = new StaffingFixtures(t, em, sm);
    engineerId = await f.engineer({ name: 'Dora Dates', level: 'senior' });
    const sow = await f.submittedSow([{ title: 'Install', start: '2027-01-04', end: '2027-01-29', hours: 80 }]);
    itemId = sow.itemIds[0];
    submittedSowId = sow.sowId;
    customerId = (await t.http.post('/api/v1/customers').set(auth(em)).send({ name: 'Dates Corp', region: 'EMEA' })).body.id;
    sowId = (await t.http.post('/api/v1/sows').set(auth(em)).send({ customerId, title: 'Draft', startDate: '2027-01-04', endDate: '2027-12-31', currency: 'USD' })).body.id;
  });
  afterAll(async () => {
    await t.close();
  });

  async function expectRefused(send: () => Promise<{ status: number; body: { details?: Array<{ field: string; rule: string }> } }>, field: string, rule: string): Promise<void> {
    const before = await t.fingerprintRows();
    const res = await send();
    expect(res.status).toBe(400);
    expect(res.body.details).toEqual(expect.arrayContaining([expect.objectContaining({ field, rule })]));
    expect(await t.fingerprintRows()).toEqual(before);
  }

  it.each([
    ['0001-01-01', '2027-01-29', 'startDate'],
    ['2027-01-04', '9999-12-31', 'endDate'],
    ['1999-12-31', '2000-01-31', 'startDate'],
    ['2100-12-01', '2101-01-01', 'endDate'],
  ])('refuses a SOW from %s to %s naming %s', async (startDate, endDate, field) => {
    await expectRefused(() => t.http.post('/api/v1/sows').set(auth(em)).send({ customerId, title: 'Far', startDate, endDate, currency: 'USD' }), field, 'isDateInRange');
  });

  it('accepts the boundary years themselves', async () => {
    const res = await t.http.post('/api/v1/sows').set(auth(em)).send({ customerId, title: 'Edge', startDate: '2096-01-02', endDate: '2100-12-31', currency: 'USD' });
    expect(res.status).toBe(201);
  });

  it('refuses a SOW longer than 5 years, on create and on a PATCH that moves one end', async () => {
    await expectRefused(() => t.http.post('/api/v1/sows').set(auth(em)).send({ customerId, title: 'Long', startDate: '2027-01-04', endDate: '2033-01-04', currency: 'USD' }), 'endDate', 'maxSpan');
    await expectRefused(() => t.http.patch(`/api/v1/sows/${sowId}`).set(auth(em)).send({ endDate: '2099-12-31' }), 'endDate', 'maxSpan');
    expect((await t.http.patch(`/api/v1/sows/${sowId}`).set(auth(em)).send({ endDate: '2031-12-31' })).status).toBe(200);
  });

  it('bounds scope items, assignments, time off, plan horizons, reports and searches', async () => {
    await expectRefused(
      () =>
        t.http
          .post(`/api/v1/sows/${sowId}/scope-items`)
          .set(auth(em))
          .send({ kind: 'advisory', title: 'Old', details: {}, estimatedHours: 8, minLevel: 'associate', requiredSkills: [], onsiteDays: 0, startDate: '0999-01-01', endDate: '2027-01-29' }),
      'startDate',
      'isDateInRange',
    );
    await expectRefused(
      () => t.http.post(`/api/v1/scope-items/${itemId}/assignments`).set(auth(sm)).send({ engineerId, role: 'primary', hoursPerWeek: 10, startDate: '2027-01-04', endDate: '3027-01-29', onsiteDays: 0 }),
      'endDate',
      'isDateInRange',
    );
    await expectRefused(() => t.http.post(`/api/v1/engineers/${engineerId}/time-off`).set(auth(sm)).send({ kind: 'pto', startDate: '2027-01-04', endDate: '2029-01-04' }), 'endDate', 'maxSpan');
    await expectRefused(() => t.http.post('/api/v1/staffing-plans').set(auth(sm)).send({ horizon: { start: '2027-01-04', end: '2030-01-04' } }), 'horizon.end', 'maxSpan');
    await expectRefused(() => t.http.post('/api/v1/staffing-plans').set(auth(sm)).send({ horizon: { start: '0001-01-01', end: '0001-06-01' } }), 'horizon.start', 'isDateInRange');
    await expectRefused(() => t.http.get('/api/v1/reports/travel?from=0001-01-01&to=0001-02-01').set(auth(sm)), 'from', 'isDateInRange');
    await expectRefused(() => t.http.get('/api/v1/engineers?availableFrom=9999-01-01&availableTo=9999-01-02').set(auth(sm)), 'availableFrom', 'isDateInRange');
  });

  it('a plan over a scope item stored with dates out of bounds (older data) ends failed with a reason, not a dead worker', async () => {
    expect((await t.http.post(`/api/v1/sows/${submittedSowId}/approve`).set(auth(sm)).send({ reason: 'ok' })).status).toBe(200);
    await t.dataSource.query(`UPDATE sows SET end_date = '9999-12-31' WHERE id = $1`, [submittedSowId]);
    await t.dataSource.query(`UPDATE scope_items SET end_date = '9999-12-31' WHERE id = $1`, [itemId]);
    const requested = await t.http.post('/api/v1/staffing-plans').set(auth(em)).send({ horizon: { start: '2027-01-04', end: '2027-03-26' }, sowIds: [submittedSowId], timeLimitMs: 1000 });
    expect(requested.status).toBe(202);
    const plan = await waitFor(
      async () => {
        const res = await t.http.get(`/api/v1/staffing-plans/${requested.body.id}`).set(auth(sm));
        return res.body.status === 'queued' || res.body.status === 'running' ? undefined : (res.body as { status: string; error: { code: string; message: string } });
      },
      30000,
      'the plan to end',
    );
    expect(plan.status).toBe('failed');
    expect(plan.error.code).toBe('rule_violation');
    expect(plan.error.message).toContain(`Plan budget exceeded`);
    expect(plan.error.message).toContain(`scope item ${itemId} runs 2027-01-04..9999-12-31`);
  });
});
