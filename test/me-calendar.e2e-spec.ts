import ICAL from 'ical.js';
import { TestApp } from '@sow/testing';
import { auth, StaffingFixtures } from './staffing-fixtures';

/** The engineer's own view: assignments with why they were picked, utilization, and the secret calendar feed. */
describe('the engineer’s own view and calendar feed (real PostgreSQL)', () => {
  let t: TestApp;
  let em: string;
  let sm: string;
  let alice: string;
  let bob: string;
  let aliceId: string;
  let bobId: string;
  let assignmentId: string;

  beforeAll(async () => {
    t = await TestApp.start();
    await t.reset();
    em = await t.tokenFor('engagement_manager');
    sm = await t.tokenFor('senior_manager');
    const f = new StaffingFixtures(t, em, sm);
    aliceId = await f.engineer({ name: 'Alice Eng', level: 'senior' });
    bobId = await f.engineer({ name: 'Bob Eng', level: 'senior' });
    alice = await t.tokenFor('engineer', { email: 'alice-login@e2e.test', engineerId: aliceId });
    bob = await t.tokenFor('engineer', { email: 'bob-login@e2e.test', engineerId: bobId });
    const { itemIds } = await f.submittedSow([{ title: 'Geo, secondary; site', start: '2027-01-04', end: '2027-01-29', hours: 80, onsiteDays: 2 }], { name: 'Initech', region: 'EMEA' });
    const res = await t.http.post(`/api/v1/scope-items/${itemIds[0]}/assignments`).set(auth(em)).send({ engineerId: aliceId, role: 'primary', hoursPerWeek: 20, startDate: '2027-01-04', endDate: '2027-01-29', onsiteDays: 2 });
    expect(res.status).toBe(201);
    assignmentId = res.body.id;
    await t.http.post(`/api/v1/engineers/${aliceId}/time-off`).set(auth(sm)).send({ kind: 'pto', startDate: '2027-01-11', endDate: '2027-01-15' }).expect(201);
  });
  afterAll(async () => {
    await t.close();
  });

  it('lists my assignments with customer, SOW, item and why I was picked', async () => {
    const res = await t.http.get('/api/v1/me/assignments').set(auth(alice));
    expect(res.status).toBe(200);
    expect(res.body).toHaveLength(1);
    expect(res.body[0]).toMatchObject({
      id: assignmentId,
      customer: { name: 'Initech' },
      sow: { title: 'Staffing e2e' },
      scopeItem: { title: 'Geo, secondary; site', kind: 'advisory' },
      role: 'primary',
      hoursPerWeek: 20,
      onsiteDays: 2,
      status: 'proposed',
    });
    expect(res.body[0].whyPicked.breakdown.map((b: { criterion: string }) => b.criterion)).toContain('skillFit');
    expect((await t.http.get('/api/v1/me/assignments').set(auth(bob))).body).toEqual([]);
  });

  it('shows my weekly utilization (work pauses on time off) and monthly travel', async () => {
    const res = await t.http.get('/api/v1/me/utilization?from=2027-01-04&to=2027-01-17').set(auth(alice));
    expect(res.status).toBe(200);
    expect(res.body.weeks.map((w: { period: string; plannedHours: number; capacityHours: number }) => [w.period, w.plannedHours, w.capacityHours])).toEqual([
      ['2027-W01', 20, 40],
      ['2027-W02', 0, 0],
    ]);
    expect(res.body.travel[0]).toMatchObject({ month: '2027-01', onsiteDays: 2 });
    const bad = await t.http.get('/api/v1/me/utilization?from=2027-01-17&to=2027-01-04').set(auth(alice));
    expect(bad.status).toBe(400);
    expect(bad.body.details[0].field).toBe('to');
  });

  it('keeps engineers to their own data: 404 for anyone else’s, and 404 without an engineer link', async () => {
    expect((await t.http.get(`/api/v1/assignments/${assignmentId}`).set(auth(bob))).status).toBe(404);
    expect((await t.http.get(`/api/v1/assignments/${assignmentId}`).set(auth(alice))).status).toBe(200);
    expect((await t.http.get(`/api/v1/assignments?engineerId=${aliceId}`).set(auth(bob))).status).toBe(404);
    const own = await t.http.get('/api/v1/assignments').set(auth(bob));
    expect(own.body).toEqual({ items: [], total: 0 });
    expect((await t.http.get(`/api/v1/engineers/${aliceId}`).set(auth(bob))).status).toBe(404);
    const unlinked = await t.tokenFor('engineer', { email: 'no-link@e2e.test' });
    expect((await t.http.get('/api/v1/me/assignments').set(auth(unlinked))).status).toBe(404);
    expect((await t.http.get('/api/v1/me/utilization?from=2027-01-04&to=2027-01-17').set(auth(unlinked))).status).toBe(404);
    expect((await t.http.post('/api/v1/me/calendar-token').set(auth(unlinked))).status).toBe(404);
  });

  it('serves the calendar feed behind a secret URL (stable UID, SEQUENCE = version), rotates and revokes it', async () => {
    const created = await t.http.post('/api/v1/me/calendar-token').set(auth(alice));
    expect(created.status).toBe(201);
    const url: string = created.body.url;
    expect(url).toMatch(/^\/api\/v1\/calendar\/[A-Za-z0-9_-]{43}\.ics$/);
    const secret = url.slice('/api/v1/calendar/'.length, -'.ics'.length);
    const [stored]: Array<{ token_hash: string }> = await t.dataSource.query(`SELECT token_hash FROM calendar_tokens WHERE engineer_id = $1 AND revoked_at IS NULL`, [aliceId]);
    expect(stored.token_hash).not.toContain(secret);
    expect(stored.token_hash).toHaveLength(64);

    const feed = await t.http.get(url);
    expect(feed.status).toBe(200);
    expect(feed.headers['content-type']).toMatch(/^text\/calendar/);
    const calendar = new ICAL.Component(ICAL.parse(feed.text));
    const events = calendar.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
    expect(events).toHaveLength(1);
    expect(events[0].uid).toBe(`assignment-${assignmentId}@sow-planner`);
    expect(events[0].summary).toBe('Initech: Geo, secondary; site (primary)');
    expect(events[0].startDate.toString()).toBe('2027-01-04');
    expect(events[0].endDate.toString()).toBe('2027-01-30');
    expect(events[0].sequence).toBe(1);

    const patched = await t.http.patch(`/api/v1/assignments/${assignmentId}`).set(auth(em)).send({ hoursPerWeek: 16 });
    expect(patched.status).toBe(200);
    const again = new ICAL.Component(ICAL.parse((await t.http.get(url)).text));
    const event = new ICAL.Event(again.getFirstSubcomponent('vevent') as ICAL.Component);
    expect(event.uid).toBe(`assignment-${assignmentId}@sow-planner`);
    expect(event.sequence).toBe(patched.body.version);

    const unknown = await t.http.get(`/api/v1/calendar/${'A'.repeat(43)}.ics`);
    expect(unknown.status).toBe(404);

    const rotated = await t.http.post('/api/v1/me/calendar-token').set(auth(alice));
    expect(rotated.body.url).not.toBe(url);
    const old = await t.http.get(url);
    expect(old.status).toBe(404);
    expect(old.body).toEqual(unknown.body);
    expect((await t.http.get(rotated.body.url)).status).toBe(200);

    expect((await t.http.delete('/api/v1/me/calendar-token').set(auth(alice))).status).toBe(204);
    expect((await t.http.get(rotated.body.url)).status).toBe(404);
    expect((await t.http.get('/api/v1/calendar/not-a-feed')).status).toBe(404);

    await t.http.post(`/api/v1/assignments/${assignmentId}/release`).set(auth(em)).send({ reason: 'Moved to Q2' }).expect(200);
    const third = await t.http.post('/api/v1/me/calendar-token').set(auth(alice));
    const empty = new ICAL.Component(ICAL.parse((await t.http.get(third.body.url)).text));
    expect(empty.getAllSubcomponents('vevent')).toHaveLength(0);
  });
});
