import { addDays, isoWeekday } from '@sow/domain';
import { TestApp } from '@sow/testing';
import { deliverySow, DeliverySowSpec } from './delivery-fixtures';
import { auth, StaffingFixtures } from './staffing-fixtures';

const todayUtc = (): string => new Date().toISOString().slice(0, 10);
const mondayOf = (date: string): string => addDays(date, 1 - isoWeekday(date));
const ifMatch = (version: number): { 'If-Match': string } => ({ 'If-Match': `"${version}"` });

interface Entry {
  id: string;
  date: string;
  hours: number;
  billable: boolean;
  reversesEntryId: string | null;
}

/** Timesheets through the real API on PostgreSQL: log, submit, return, correct, approve; health with burn; the SM's metrics. */
describe('delivery tracking (real PostgreSQL)', () => {
  let t: TestApp;
  let em: string;
  let sm: string;
  let admin: string;
  let f: StaffingFixtures;

  beforeAll(async () => {
    t = await TestApp.start();
    await t.reset();
    em = await t.tokenFor('engagement_manager');
    sm = await t.tokenFor('senior_manager');
    admin = await t.tokenFor('admin');
    f = new StaffingFixtures(t, em, sm);
  });
  afterAll(async () => {
    await t.dataSource.query(`DELETE FROM rate_card_history WHERE currency = 'CHF'`);
    await t.dataSource.query(`DELETE FROM rate_cards WHERE currency = 'CHF'`);
    await t.close();
  });

  const staffedSow = (spec: DeliverySowSpec): ReturnType<typeof deliverySow> => deliverySow(t, em, sm, spec);

  it('logs, submits, returns, corrects by reversal, resubmits and approves a week; approved weeks are locked; engineers see only their own', async () => {
    const x = await f.engineer({ name: 'Xena Logger', level: 'senior' });
    const y = await f.engineer({ name: 'Yuri Other', level: 'senior' });
    const xt = await t.tokenFor('engineer', { email: 'xena@e2e.test', engineerId: x });
    const yt = await t.tokenFor('engineer', { email: 'yuri@e2e.test', engineerId: y });
    const w = mondayOf(addDays(todayUtc(), -14));
    const { assignmentId, sowId } = await staffedSow({ customer: 'Loggers Inc', start: w, end: addDays(w, 20 * 7 - 3), hours: 400, engineerId: x, hoursPerWeek: 20 });

    const opened = await t.http.post('/api/v1/timesheets').set(auth(xt)).send({ weekStart: w });
    expect(opened.status).toBe(201);
    expect(opened.headers.etag).toBe('"1"');
    const id = opened.body.id as string;
    expect((await t.http.post('/api/v1/timesheets').set(auth(xt)).send({ weekStart: w })).status).toBe(409);
    const tuesday = await t.http.post('/api/v1/timesheets').set(auth(xt)).send({ weekStart: addDays(w, 1) });
    expect(tuesday.status).toBe(400);
    expect(tuesday.body.details[0]).toMatchObject({ field: 'weekStart', rule: 'isMonday' });

    // A week of 20 hours spread over Monday–Friday, then 3 non-billable hours on Tuesday.
    const spread = await t.http.post(`/api/v1/timesheets/${id}/entries`).set(auth(xt)).set(ifMatch(1)).send({ assignmentId, hours: 20, note: 'workshops' });
    expect(spread.status).toBe(200);
    expect(spread.body.entries.map((e: Entry) => [e.date, e.hours])).toEqual([0, 1, 2, 3, 4].map((d) => [addDays(w, d), 4]));
    expect(spread.body.version).toBe(2);
    const stale = await t.http.post(`/api/v1/timesheets/${id}/entries`).set(auth(xt)).set(ifMatch(1)).send({ assignmentId, date: addDays(w, 1), hours: 3 });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('version_conflict');
    const extra = await t.http.post(`/api/v1/timesheets/${id}/entries`).set(auth(xt)).set(ifMatch(2)).send({ assignmentId, date: addDays(w, 1), hours: 3, billable: false, note: 'internal sync' });
    expect(extra.body).toMatchObject({ totalHours: 23, billableHours: 20, version: 3 });
    const outside = await t.http.post(`/api/v1/timesheets/${id}/entries`).set(auth(xt)).send({ assignmentId, date: addDays(w, 7), hours: 1 });
    expect(outside.status).toBe(400);
    expect(outside.body.details[0]).toMatchObject({ field: 'date', rule: 'inWeek' });
    const tooMuch = await t.http.post(`/api/v1/timesheets/${id}/entries`).set(auth(xt)).send({ assignmentId, date: w, hours: 21 });
    expect(tooMuch.status).toBe(400);
    expect(tooMuch.body.details[0].rule).toBe('max: 24 per day');
    // Found by the fuzz test: exponent notation once crashed class-validator's maxDecimalPlaces (a 500).
    const tiny = await t.http.post(`/api/v1/timesheets/${id}/entries`).set(auth(xt)).send({ assignmentId, date: w, hours: 1e-300 });
    expect(tiny.status).toBe(400);
    expect(tiny.body.details[0]).toMatchObject({ field: 'hours', rule: 'min' });
    expect((await t.http.post(`/api/v1/timesheets/${id}/entries`).set(auth(xt)).send({ assignmentId, date: w, hours: 1.125 })).body.details[0]).toMatchObject({ field: 'hours', rule: 'isHours' });

    // Another engineer: 404 for the sheet, 404 asking for Xena's list, an empty list of their own.
    expect((await t.http.get(`/api/v1/timesheets/${id}`).set(auth(yt))).status).toBe(404);
    expect((await t.http.get(`/api/v1/timesheets?engineerId=${x}`).set(auth(yt))).status).toBe(404);
    expect((await t.http.get('/api/v1/timesheets').set(auth(yt))).body.total).toBe(0);
    expect((await t.http.post(`/api/v1/timesheets/${id}/entries`).set(auth(yt)).send({ assignmentId, date: w, hours: 1 })).status).toBe(404);
    expect((await t.http.get('/api/v1/timesheets').set(auth(xt))).body.items.map((s: { id: string }) => s.id)).toEqual([id]);

    expect((await t.http.post(`/api/v1/timesheets/${id}/submit`).set(auth(xt)).send({})).body.status).toBe('submitted');
    expect((await t.http.post(`/api/v1/timesheets/${id}/entries`).set(auth(xt)).send({ assignmentId, date: w, hours: 1 })).status).toBe(409);
    expect((await t.http.post(`/api/v1/timesheets/${id}/approve`).set(auth(xt)).send({})).status).toBe(403);
    expect((await t.http.post(`/api/v1/timesheets/${id}/return`).set(auth(em)).send({ reason: '' })).status).toBe(400);
    const returned = await t.http.post(`/api/v1/timesheets/${id}/return`).set(auth(em)).send({ reason: 'Tuesday’s 3 h were not on this customer' });
    expect(returned.body).toMatchObject({ status: 'returned', returnReason: 'Tuesday’s 3 h were not on this customer' });

    // The correction is a reversing entry, never an edit.
    const wrong = (returned.body.entries as Entry[]).find((e) => !e.billable) as Entry;
    const reversed = await t.http.post(`/api/v1/timesheets/${id}/reversals`).set(auth(xt)).send({ entryId: wrong.id, note: 'moved to the right customer' });
    expect(reversed.status).toBe(200);
    expect(reversed.body.totalHours).toBe(20);
    expect((reversed.body.entries as Entry[]).filter((e) => e.reversesEntryId === wrong.id).map((e) => e.hours)).toEqual([-3]);
    expect((await t.http.post(`/api/v1/timesheets/${id}/reversals`).set(auth(xt)).send({ entryId: wrong.id })).status).toBe(409);

    expect((await t.http.post(`/api/v1/timesheets/${id}/submit`).set(auth(xt)).send({})).body.status).toBe('submitted');
    const approved = await t.http.post(`/api/v1/timesheets/${id}/approve`).set(auth(em)).send({});
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ status: 'approved', totalHours: 20 });
    expect((await t.http.post(`/api/v1/timesheets/${id}/entries`).set(auth(xt)).send({ assignmentId, date: w, hours: 1 })).status).toBe(409);
    expect((await t.http.post(`/api/v1/timesheets/${id}/return`).set(auth(sm)).send({ reason: 'too late' })).status).toBe(409);

    // Correcting an approved week: reverse Monday's 4 h and log 6 h instead, in the next open week.
    const next = await t.http.post('/api/v1/timesheets').set(auth(xt)).send({ weekStart: addDays(w, 7) });
    const monday = (approved.body.entries as Entry[]).find((e) => e.date === w) as Entry;
    const corrected = await t.http.post(`/api/v1/timesheets/${next.body.id}/reversals`).set(auth(xt)).send({ entryId: monday.id, replacementHours: 6 });
    expect((corrected.body.entries as Entry[]).map((e) => [e.date, e.hours, e.reversesEntryId]).sort((a, b) => Number(a[1]) - Number(b[1]))).toEqual([[w, -4, monday.id], [w, 6, null]]);
    await t.http.post(`/api/v1/timesheets/${next.body.id}/submit`).set(auth(xt)).send({});
    expect((await t.http.post(`/api/v1/timesheets/${next.body.id}/approve`).set(auth(sm)).send({})).status).toBe(200);
    const health = await t.http.get(`/api/v1/sows/${sowId}/health`).set(auth(em));
    expect(health.body).toMatchObject({ actualHours: 22, budgetHours: 400, remainingHours: 378 });
    expect(health.body.items[0].actualHours).toBe(22);

    const listed = await t.http.get(`/api/v1/timesheets?engineerId=${x}`).set(auth(sm));
    expect(listed.body.items.map((s: { weekStart: string; status: string; totalHours: number; billableHours: number }) => [s.weekStart, s.status, s.totalHours, s.billableHours])).toEqual([
      [addDays(w, 7), 'approved', 2, 2],
      [w, 'approved', 20, 20],
    ]);

    // A senior manager who logs hours cannot approve their own week.
    const manager = await f.engineer({ name: 'Sam Manager', level: 'senior_manager' });
    const smWithHours = await t.tokenFor('senior_manager', { email: 'sam.manager@e2e.test', engineerId: manager });
    const own = await t.http.post('/api/v1/timesheets').set(auth(sm)).send({ weekStart: w, engineerId: manager });
    await t.http.post(`/api/v1/timesheets/${own.body.id}/submit`).set(auth(sm)).send({});
    expect((await t.http.post(`/api/v1/timesheets/${own.body.id}/approve`).set(auth(smWithHours)).send({})).status).toBe(403);
    expect((await t.http.post(`/api/v1/timesheets/${own.body.id}/approve`).set(auth(sm)).send({})).status).toBe(200);

    // Hours are for days already worked: a later week opens, but nothing is logged on its days, by date, spread or CSV.
    const later = mondayOf(addDays(todayUtc(), 9));
    const ahead = await t.http.post('/api/v1/timesheets').set(auth(xt)).send({ weekStart: later });
    expect(ahead.status).toBe(201);
    const onFuture = await t.http.post(`/api/v1/timesheets/${ahead.body.id}/entries`).set(auth(xt)).send({ assignmentId, date: addDays(later, 1), hours: 2 });
    expect(onFuture.status).toBe(400);
    expect(onFuture.body.details[0]).toMatchObject({ field: 'date', rule: 'notInFuture' });
    expect(onFuture.body.message).toMatch(new RegExp(`date ${addDays(later, 1)} is in the future`));
    const spreadAhead = await t.http.post(`/api/v1/timesheets/${ahead.body.id}/entries`).set(auth(xt)).send({ assignmentId, hours: 10 });
    expect(spreadAhead.status).toBe(400);
    expect(spreadAhead.body.details[0]).toMatchObject({ field: 'date', rule: 'notInFuture' });
    const csvAhead = await t.http.post('/api/v1/timesheets/import').set(auth(em)).set('Content-Type', 'text/csv').send(`assignmentId,date,hours\n${assignmentId},${addDays(later, 2)},1`);
    expect(csvAhead.status).toBe(400);
    expect(csvAhead.body.details[0]).toMatchObject({ line: 2, column: 'date', rule: 'notInFuture' });
    expect((await t.http.get(`/api/v1/timesheets/${ahead.body.id}`).set(auth(xt))).body.entries).toEqual([]);

    const audit: Array<{ action: string }> = await t.dataSource.query(`SELECT action FROM audit_events WHERE entity_id = $1 ORDER BY at, id`, [id]);
    expect(audit.map((a) => a.action)).toEqual([
      'timesheet.created',
      'timesheet.hours_logged',
      'timesheet.hours_logged',
      'timesheet.submitted',
      'timesheet.returned',
      'timesheet.entry_reversed',
      'timesheet.submitted',
      'timesheet.approved',
    ]);
  });

  it('moves a SOW to at risk when approved burn passes 85% of the budget, with a sow.health_changed event and an entry in the SM inbox', async () => {
    const z = await f.engineer({ name: 'Zoe Burner', level: 'senior' });
    const zt = await t.tokenFor('engineer', { email: 'zoe@e2e.test', engineerId: z });
    const w = mondayOf(addDays(todayUtc(), -14));
    const { sowId, assignmentId } = await staffedSow({ customer: 'Burners Ltd', start: w, end: addDays(w, 20 * 7 - 3), hours: 100, engineerId: z, hoursPerWeek: 40 });
    const approveWeek = async (weekStart: string, hours: number): Promise<void> => {
      const sheet = await t.http.post('/api/v1/timesheets').set(auth(zt)).send({ weekStart });
      expect((await t.http.post(`/api/v1/timesheets/${sheet.body.id}/entries`).set(auth(zt)).send({ assignmentId, hours })).status).toBe(200);
      await t.http.post(`/api/v1/timesheets/${sheet.body.id}/submit`).set(auth(zt)).send({});
      expect((await t.http.post(`/api/v1/timesheets/${sheet.body.id}/approve`).set(auth(em)).send({})).status).toBe(200);
    };
    const events = async (): Promise<Array<{ payload: { from: string; to: string } }>> =>
      t.dataSource.query(`SELECT payload FROM outbox_events WHERE type = 'sow.health_changed' AND aggregate_id = $1 ORDER BY created_at`, [sowId]);

    await approveWeek(w, 20);
    expect((await t.http.get(`/api/v1/sows/${sowId}/health`).set(auth(sm))).body).toMatchObject({ status: 'on_track', burn: 0.2 });
    expect(await events()).toEqual([]);

    await approveWeek(addDays(w, 7), 70);
    const health = await t.http.get(`/api/v1/sows/${sowId}/health`).set(auth(sm));
    expect(health.body).toMatchObject({ status: 'at_risk', burn: 0.9, actualHours: 90, remainingHours: 10, forecastHours: 100 });
    // Cost burned: 90 h × the USD senior cost rate 130.00.
    expect(health.body.actualCost).toBe('11700.00');
    expect(health.body.budgetCost).toBe('13000.00');
    expect(health.body.reasons).toContain('90% of the budget is burned before the work is done');
    expect((await events()).map((e) => [e.payload.from, e.payload.to])).toEqual([['on_track', 'at_risk']]);
    const inbox = await t.http.get('/api/v1/sow-health').set(auth(sm));
    expect(inbox.body.items.find((i: { sowId: string }) => i.sowId === sowId)).toMatchObject({ status: 'at_risk', previousStatus: 'on_track', customerName: 'Burners Ltd' });
    expect((await t.http.get('/api/v1/sow-health').set(auth(em))).status).toBe(403);

    // The EM's estimate to complete replaces estimate − actuals: 30 h more makes the forecast 120 h, over 110% → off track.
    const itemId = health.body.items[0].scopeItemId as string;
    const etc = await t.http.put(`/api/v1/scope-items/${itemId}/estimate-to-complete`).set(auth(em)).send({ hours: 30 });
    expect(etc.status).toBe(200);
    expect((await t.http.put(`/api/v1/scope-items/${itemId}/estimate-to-complete`).set(auth(em)).set(ifMatch(etc.body.version + 1)).send({ hours: 20 })).status).toBe(409);
    expect((await t.http.get(`/api/v1/sows/${sowId}/health`).set(auth(sm))).body).toMatchObject({ status: 'off_track', remainingHours: 30, forecastHours: 120 });
    expect((await events()).map((e) => e.payload.to)).toEqual(['at_risk', 'off_track']);
  });

  it('reports revenue at the rate of each day, cost, margin, utilization, attainment and delivery outcomes that match a hand-computed month', async () => {
    const rates = (senior: [string, string]): Record<string, { billRate: string; costRate: string }> => ({
      associate: { billRate: '100.00', costRate: '50.00' },
      intermediate: { billRate: '150.00', costRate: '75.00' },
      senior: { billRate: senior[0], costRate: senior[1] },
      senior_manager: { billRate: '300.00', costRate: '150.00' },
    });
    expect((await t.http.put('/api/v1/rate-cards/CHF').set(auth(admin)).send({ name: 'Standard CHF', rates: rates(['200.00', '100.00']) })).status).toBeLessThan(300);
    // The senior rate went up on Wednesday 2026-09-16, in the middle of the month (the history a PUT on that day writes).
    await t.dataSource.query(`INSERT INTO rate_card_history (currency, effective_from, rates) VALUES ('CHF', '2026-09-16', $1)`, [JSON.stringify(rates(['240.00', '120.00']))]);

    // In the US: Labor Day, Monday 2026-09-07, is a public holiday of her working calendar.
    const m = await f.engineer({ name: 'Mia Metrics', level: 'senior', country: 'US' });
    const mt = await t.tokenFor('engineer', { email: 'mia@e2e.test', engineerId: m });
    const { sowId, assignmentId, customerId } = await staffedSow({ customer: 'Metrics AG', start: '2026-09-07', end: '2026-09-30', hours: 80, engineerId: m, hoursPerWeek: 40, currency: 'CHF' });

    // Week 1: 8 h a day; then Tuesday corrected from 8 h to 6 h by reversal. Week 2: 8 h a day billable, 2 h non-billable on Thursday.
    const w1 = await t.http.post('/api/v1/timesheets').set(auth(mt)).send({ weekStart: '2026-09-07' });
    const logged = await t.http.post(`/api/v1/timesheets/${w1.body.id}/entries`).set(auth(mt)).send({ assignmentId, hours: 40 });
    const tuesday = (logged.body.entries as Entry[]).find((e) => e.date === '2026-09-08') as Entry;
    await t.http.post(`/api/v1/timesheets/${w1.body.id}/reversals`).set(auth(mt)).send({ entryId: tuesday.id, replacementHours: 6 });
    await t.http.post(`/api/v1/timesheets/${w1.body.id}/submit`).set(auth(mt)).send({});
    expect((await t.http.post(`/api/v1/timesheets/${w1.body.id}/approve`).set(auth(sm)).send({})).status).toBe(200);
    // Week 2 arrives by CSV import (all or nothing: one bad line refuses the file and writes nothing).
    const rows = ['14', '15', '16', '17', '18'].map((d) => `${assignmentId},2026-09-${d},8,true,`);
    const before = await t.countRows();
    const bad = await t.http
      .post('/api/v1/timesheets/import')
      .set(auth(em))
      .set('Content-Type', 'text/csv')
      .send(['assignmentId,date,hours,billable,note', ...rows, `${assignmentId},2026-09-17,2,maybe,sync`, `${assignmentId},2026-10-31,1,true,`].join('\n'));
    expect(bad.status).toBe(400);
    expect(bad.body.details.map((d: { line: number; column: string }) => [d.line, d.column])).toEqual([[7, 'billable'], [8, 'date']]);
    expect(await t.countRows()).toEqual(before);
    const imported = await t.http
      .post('/api/v1/timesheets/import')
      .set(auth(em))
      .set('Content-Type', 'text/csv')
      .send(['assignmentId,date,hours,billable,note', ...rows, `${assignmentId},2026-09-17,2,false,sync`].join('\n'));
    expect(imported.body).toEqual({ created: 6, timesheets: 1 });
    const w2 = await t.http.get(`/api/v1/timesheets?engineerId=${m}&weekStart=2026-09-14`).set(auth(sm));
    const w2id = w2.body.items[0].id as string;
    await t.http.post(`/api/v1/timesheets/${w2id}/submit`).set(auth(em)).send({});
    expect((await t.http.post(`/api/v1/timesheets/${w2id}/approve`).set(auth(sm)).send({})).status).toBe(200);

    expect((await t.http.post(`/api/v1/sows/${sowId}/activate`).set(auth(em)).send({})).status).toBe(200);
    expect((await t.http.put(`/api/v1/sows/${sowId}/csat`).set(auth(em)).send({ score: 4 })).status).toBe(409);
    expect((await t.http.post(`/api/v1/sows/${sowId}/complete`).set(auth(em)).send({})).status).toBe(200);
    expect((await t.http.put(`/api/v1/sows/${sowId}/csat`).set(auth(em)).send({ score: 6 })).status).toBe(400);
    const csat = await t.http.put(`/api/v1/sows/${sowId}/csat`).set(auth(em)).send({ score: 4, comment: 'Knew GitLab Geo inside out' });
    expect(csat.body).toMatchObject({ score: 4, version: 1 });

    // Two days off at the end of the month take 16 h out of her capacity.
    expect((await t.http.post(`/api/v1/engineers/${m}/time-off`).set(auth(sm)).send({ kind: 'pto', startDate: '2026-09-28', endDate: '2026-09-29' })).status).toBe(201);
    const res = await t.http.get(`/api/v1/metrics/delivery?period=2026-09&customerId=${customerId}`).set(auth(sm));
    expect(res.status).toBe(200);
    // Billable: 9/7–9/15 = 40 − 8 + 6 + 16 = 54 h at 200; 9/16–9/18 = 24 h at 240 → 10,800 + 5,760.
    // Cost: 54 h at 100; (24 + 2 non-billable) h at 120 → 5,400 + 3,120.
    expect(res.body.financials).toEqual([{ currency: 'CHF', revenue: '16560.00', cost: '8520.00', grossMargin: '8040.00', marginPct: '48.6', billableHours: 78, hours: 80, unpricedHours: 0 }]);
    // September 2026 has 22 working days, 19 outside Labor Day and her time off: 152 h capacity, 106.4 h at the
    // 70% target. The plan, counted as the planner counts it, was 40 h/week over 9/7–9/30 (18 working days)
    // less Labor Day and the two days off: 15 days, 120 h. Utilization 78/152, planned 120/152, attainment 78/106.4.
    // (She worked Labor Day anyway: actuals are what was approved.)
    expect(res.body.engineers).toEqual([
      { engineerId: m, name: 'Mia Metrics', level: 'senior', region: 'EMEA', capacityHours: 152, targetHours: 106.4, plannedBillableHours: 120, billableHours: 78, nonBillableHours: 2, utilization: 0.5132, plannedUtilization: 0.7895, attainment: 0.7331 },
    ]);
    expect(res.body.team).toMatchObject({ engineers: 1, billableHours: 78, attainment: 0.7331 });
    expect(res.body.levels).toEqual([expect.objectContaining({ level: 'senior', engineers: 1, utilization: 0.5132 })]);
    // Actual finish: the last day with net approved hours, 9/18, before the 9/30 end, 80 h of 80 → on time and on budget; CSAT 4.
    expect(res.body.delivery).toEqual({ completedSows: 1, onTime: 1, onBudget: 1, onTimePct: '100.0', onBudgetPct: '100.0', meanCsat: 4, csatResponses: 1 });

    const quarter = await t.http.get(`/api/v1/metrics/delivery?period=2026-Q3&customerId=${customerId}`).set(auth(sm));
    expect(quarter.body).toMatchObject({ from: '2026-07-01', to: '2026-09-30' });
    expect(quarter.body.financials[0].revenue).toBe('16560.00');
    const october = await t.http.get(`/api/v1/metrics/delivery?period=2026-10&customerId=${customerId}`).set(auth(sm));
    expect(october.body.financials).toEqual([]);

    const csv = await t.http.get(`/api/v1/metrics/delivery?period=2026-09&customerId=${customerId}`).set(auth(sm)).set('Accept', 'text/csv');
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    // Every field is quoted by the formula-safe CSV writer.
    expect(csv.text.trim().split('\n').map((line) => line.replace(/"/g, ''))).toEqual([
      'engineerId,name,level,region,capacityHours,targetHours,plannedBillableHours,billableHours,nonBillableHours,plannedUtilization,utilization,attainment',
      `${m},Mia Metrics,senior,EMEA,152,106.4,120,78,2,0.7895,0.5132,0.7331`,
    ]);
    const badPeriod = await t.http.get('/api/v1/metrics/delivery?period=2026-13').set(auth(sm));
    expect(badPeriod.status).toBe(400);
    expect(badPeriod.body.details[0].field).toBe('period');
    expect((await t.http.get('/api/v1/metrics/delivery?period=2026-09').set(auth(em))).status).toBe(403);

    // A SOW that ended in October, nobody logged on it, marked completed today: its actual finish is today,
    // after its end date, so it counts in this month as completed late (and on budget: 0 h of 40).
    const idle = await staffedSow({ customer: 'Idle Late GmbH', start: '2026-10-05', end: '2026-10-30', hours: 40 });
    expect((await t.http.post(`/api/v1/sows/${idle.sowId}/activate`).set(auth(em)).send({})).status).toBe(200);
    expect((await t.http.post(`/api/v1/sows/${idle.sowId}/complete`).set(auth(em)).send({})).status).toBe(200);
    const thisMonth = await t.http.get(`/api/v1/metrics/delivery?period=${todayUtc().slice(0, 7)}&customerId=${idle.customerId}`).set(auth(sm));
    expect(thisMonth.body.delivery).toMatchObject({ completedSows: 1, onTime: 0, onBudget: 1, onTimePct: '0.0' });
    const inOctober = await t.http.get(`/api/v1/metrics/delivery?period=2026-10&customerId=${idle.customerId}`).set(auth(sm));
    expect(inOctober.body.delivery.completedSows).toBe(0);
  });

  it('reports who has not submitted a week and writes one timesheet.missing event per engineer', async () => {
    const late = await f.engineer({ name: 'Lou Late', level: 'senior' });
    const w = mondayOf(addDays(todayUtc(), -7));
    await staffedSow({ customer: 'Late Corp', start: w, end: addDays(w, 4 * 7 - 3), hours: 80, engineerId: late, hoursPerWeek: 20 });
    const report = await t.http.get(`/api/v1/timesheets/missing?weekStart=${w}`).set(auth(em));
    expect(report.status).toBe(200);
    expect(report.body.items.map((i: { engineerId: string }) => i.engineerId)).toContain(late);
    expect((await t.http.get('/api/v1/timesheets/missing').set(auth(em))).body.weekStart).toBe(w);
    const first = await t.http.post('/api/v1/timesheets/missing/reminders').set(auth(sm)).send({ weekStart: w });
    expect(first.body.reminded).toBe(report.body.items.length);
    const again = await t.http.post('/api/v1/timesheets/missing/reminders').set(auth(sm)).send({ weekStart: w });
    expect(again.body).toMatchObject({ reminded: 0, alreadyReminded: report.body.items.length });
    const events: Array<{ aggregate_id: string }> = await t.dataSource.query(`SELECT aggregate_id FROM outbox_events WHERE type = 'timesheet.missing' AND payload->>'weekStart' = $1`, [w]);
    expect(events.map((e) => e.aggregate_id)).toContain(late);
  });
});
