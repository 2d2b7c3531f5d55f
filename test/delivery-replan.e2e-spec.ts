import { addDays, isoWeekday } from '@sow/domain';
import { PlanningSnapshotRepository } from '@sow/persistence';
import { TestApp, waitFor } from '@sow/testing';
import { deliverySow } from './delivery-fixtures';
import { auth, StaffingFixtures } from './staffing-fixtures';

const today = new Date().toISOString().slice(0, 10);
// Last week's Monday: hours are logged for days already worked, so the week of actuals is behind us.
const monday = addDays(today, 1 - isoWeekday(today) - 7);

/** After approved actuals, the next rebalance plans what is left of an item, not its original estimate. */
describe('replanning after actuals (real PostgreSQL and Redis)', () => {
  let t: TestApp;
  let em: string;
  let sm: string;

  beforeAll(async () => {
    t = await TestApp.start({ runProcessors: true });
    await t.reset();
    em = await t.tokenFor('engagement_manager');
    sm = await t.tokenFor('senior_manager');
  });
  afterAll(async () => {
    await t.close();
  });

  async function unstaffedHours(sowId: string): Promise<number> {
    const res = await t.http.post('/api/v1/staffing-plans').set(auth(sm)).send({ horizon: { start: monday, end: addDays(monday, 90) }, sowIds: [sowId], timeLimitMs: 2000 });
    expect(res.status).toBe(202);
    const plan = await waitFor(
      async () => {
        const p = await t.http.get(`/api/v1/staffing-plans/${res.body.id}`).set(auth(sm));
        if (p.body.status === 'failed') throw new Error(`plan failed: ${JSON.stringify(p.body.error)}`);
        return p.body.status === 'proposed' || p.body.status === 'stale' ? (p.body as { kpisBefore: { unstaffedHours: number } }) : undefined;
      },
      30000,
      'the plan to be proposed',
    );
    return plan.kpisBefore.unstaffedHours;
  }

  it('plans estimate − approved actuals from the day after the last approved work day, or the EM’s estimate to complete', async () => {
    const f = new StaffingFixtures(t, em, sm);
    const learner = await f.engineer({ name: 'Sam Shadow', level: 'senior' });
    const lt = await t.tokenFor('engineer', { email: 'sam@e2e.test', engineerId: learner });
    // Nobody holds Subversion mastery, so the primary slot stays unstaffed and the plan reports its hours; a shadow logs the actuals.
    const { sowId, itemId, assignmentId } = await deliverySow(t, em, sm, {
      customer: 'SVN Corp',
      start: monday,
      end: addDays(monday, 25),
      hours: 80,
      skills: [{ key: 'subversion', minProficiency: 'mastery' }],
      engineerId: learner,
      role: 'shadow',
      hoursPerWeek: 10,
    });

    expect(await unstaffedHours(sowId)).toBeCloseTo(80, 6);

    // 30 h approved in the first week: 50 h are left, over the three weeks after it.
    const sheet = await t.http.post('/api/v1/timesheets').set(auth(lt)).send({ weekStart: monday });
    expect((await t.http.post(`/api/v1/timesheets/${sheet.body.id}/entries`).set(auth(lt)).send({ assignmentId: assignmentId, hours: 30 })).status).toBe(200);
    await t.http.post(`/api/v1/timesheets/${sheet.body.id}/submit`).set(auth(lt)).send({});
    expect((await t.http.post(`/api/v1/timesheets/${sheet.body.id}/approve`).set(auth(em)).send({})).status).toBe(200);
    const snapshot = await t.app.get(PlanningSnapshotRepository).load({ start: monday, end: addDays(monday, 90), sowIds: [sowId] });
    expect(snapshot.items.map((i) => [i.estimatedHours, i.start, i.end])).toEqual([[50, addDays(monday, 5), addDays(monday, 25)]]);
    expect(await unstaffedHours(sowId)).toBeCloseTo(50, 6);

    // The EM says 70 h are still needed: that replaces estimate − actuals.
    expect((await t.http.put(`/api/v1/scope-items/${itemId}/estimate-to-complete`).set(auth(em)).send({ hours: 70 })).status).toBe(200);
    expect(await unstaffedHours(sowId)).toBeCloseTo(70, 6);
  });
});
