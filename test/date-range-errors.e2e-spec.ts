import { TestApp } from '@sow/testing';
import { auth, StaffingFixtures } from './staffing-fixtures';

// Internal names a 4xx must never show: the request has startDate/endDate, availableFrom/availableTo…
const INTERNAL = /(^|\.)(sow|dates|available|assignment|range|item)\.(start|end)$|^(start|end)$/;

interface ErrorBody {
  code: string;
  details?: Array<{ field?: string; rule: string }>;
}

describe('every date-range rule answers in the request’s own field names (real API, PostgreSQL)', () => {
  let t: TestApp;
  let em: string;
  let sm: string;
  let engineerId: string;
  let itemId: string;
  let assignmentId: string;
  let draftId: string;

  beforeAll(async () => {
    t = await TestApp.start();
    await t.reset();
    em = await t.tokenFor('engagement_manager');
    sm = await t.tokenFor('senior_manager');
    const fx = new StaffingFixtures(t, em, sm);
    engineerId = await fx.engineer({ name: 'Rita', level: 'senior' });
    ({ itemIds: [itemId] } = await fx.submittedSow([{ title: 'Dates', start: '2027-01-04', end: '2027-01-29', hours: 40 }]));
    const a = await t.http.post(`/api/v1/scope-items/${itemId}/assignments`).set(auth(em)).send({ engineerId, role: 'primary', hoursPerWeek: 10, startDate: '2027-01-04', endDate: '2027-01-15', onsiteDays: 0 });
    expect(a.status).toBe(201);
    assignmentId = a.body.id as string;
    const customerId = (await t.http.get('/api/v1/customers').set(auth(em))).body.items[0].id as string;
    const draft = await t.http.post('/api/v1/sows').set(auth(em)).send({ customerId, title: 'Draft', currency: 'USD', startDate: '2027-01-04', endDate: '2027-03-26' });
    expect(draft.status).toBe(201);
    draftId = draft.body.id as string;
  });
  afterAll(async () => {
    await t.close();
  });

  const backwards = { startDate: '2027-01-20', endDate: '2027-01-10' };
  const cases: Array<{ name: string; send: () => Promise<{ status: number; body: ErrorBody }>; field: string }> = [
    { name: 'POST /sows', send: async () => t.http.post('/api/v1/sows').set(auth(em)).send({ customerId: (await t.http.get('/api/v1/customers').set(auth(em))).body.items[0].id, title: 'x', currency: 'USD', ...backwards }), field: 'endDate' },
    { name: 'POST /sows (a date that does not exist)', send: async () => t.http.post('/api/v1/sows').set(auth(em)).send({ customerId: (await t.http.get('/api/v1/customers').set(auth(em))).body.items[0].id, title: 'x', currency: 'USD', startDate: '2027-02-30', endDate: '2027-03-10' }), field: 'startDate' },
    { name: 'PATCH /sows/:id', send: () => t.http.patch(`/api/v1/sows/${draftId}`).set(auth(em)).send({ endDate: '2026-12-01' }), field: 'endDate' },
    { name: 'POST /sows/:id/scope-items', send: () => t.http.post(`/api/v1/sows/${draftId}/scope-items`).set(auth(em)).send({ kind: 'advisory', title: 'x', details: {}, estimatedHours: 8, minLevel: 'associate', requiredSkills: [], onsiteDays: 0, ...backwards }), field: 'endDate' },
    { name: 'POST /engineers/:id/time-off', send: () => t.http.post(`/api/v1/engineers/${engineerId}/time-off`).set(auth(sm)).send({ kind: 'pto', ...backwards }), field: 'endDate' },
    { name: 'GET /engineers?availableFrom&availableTo', send: () => t.http.get('/api/v1/engineers?availableFrom=2027-02-10&availableTo=2027-02-01').set(auth(sm)), field: 'availableTo' },
    { name: 'POST /scope-items/:id/assignments', send: () => t.http.post(`/api/v1/scope-items/${itemId}/assignments`).set(auth(em)).send({ engineerId, role: 'lead', hoursPerWeek: 4, onsiteDays: 0, ...backwards }), field: 'endDate' },
    { name: 'PATCH /assignments/:id', send: () => t.http.patch(`/api/v1/assignments/${assignmentId}`).set(auth(em)).send({ endDate: '2027-01-01' }), field: 'endDate' },
    { name: 'GET /reports/utilization', send: () => t.http.get('/api/v1/reports/utilization?from=2027-02-10&to=2027-02-01').set(auth(sm)), field: 'to' },
    { name: 'POST /staffing-plans', send: () => t.http.post('/api/v1/staffing-plans').set(auth(sm)).send({ horizon: { start: '2027-02-10', end: '2027-02-01' } }), field: 'horizon.end' },
  ];

  it.each(cases)('$name names $field', async ({ send, field }) => {
    const res = await send();
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    const fields = (res.body.details ?? []).map((d) => d.field ?? '');
    expect(fields).toContain(field);
    expect(fields.filter((f) => INTERNAL.test(f))).toEqual([]);
  });
});
