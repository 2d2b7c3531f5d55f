import { Job, Worker } from 'bullmq';
import { MAX_UNFINISHED_PLANS_PER_USER, OutboxRelayService } from '@sow/core';
import { parseRedisUrl, QUEUES } from '@sow/jobs';
import { TEST_REDIS_URL, TestApp, waitFor } from '@sow/testing';
import { auth, StaffingFixtures } from './staffing-fixtures';

/**
 * Starvation: one user cannot queue unlimited plans (429 with Retry-After), a duplicate request folds
 * into the waiting plan, and a plan an approval triggered runs before manual plans queued earlier.
 */
describe('plan queue fairness (real PostgreSQL and Redis)', () => {
  let t: TestApp;
  let em: string;
  let sm: string;
  const monday = '2027-01-04';
  const horizon = (weeks: number) => ({ start: monday, end: new Date(Date.UTC(2027, 0, 4 + weeks * 7 - 3)).toISOString().slice(0, 10) });

  beforeAll(async () => {
    // No processors: plans stay queued, so the queue's order can be observed.
    t = await TestApp.start();
    await t.reset();
    em = await t.tokenFor('engagement_manager');
    sm = await t.tokenFor('senior_manager');
  });
  afterAll(async () => {
    await t.close();
  });

  it('caps queued plans per user with 429 and Retry-After, folds duplicates, and leaves other users alone', async () => {
    const ids: string[] = [];
    for (let i = 0; i < MAX_UNFINISHED_PLANS_PER_USER; i++) {
      const res = await t.http.post('/api/v1/staffing-plans').set(auth(em)).send({ horizon: horizon(4 + i) });
      expect(res.status).toBe(202);
      ids.push(res.body.id);
    }
    const before = await t.fingerprintRows();
    const capped = await t.http.post('/api/v1/staffing-plans').set(auth(em)).send({ horizon: horizon(10) });
    expect(capped.status).toBe(429);
    expect(Number(capped.headers['retry-after'])).toBeGreaterThan(0);
    expect(capped.body).toMatchObject({ code: 'rate_limited', details: [{ rule: 'maxUnfinishedPlansPerUser' }] });
    expect(await t.fingerprintRows()).toEqual(before);
    // The same request again is the same plan, even at the cap.
    const duplicate = await t.http.post('/api/v1/staffing-plans').set(auth(em)).send({ horizon: horizon(4) });
    expect(duplicate.status).toBe(202);
    expect(duplicate.body.id).toBe(ids[0]);
    expect(await t.fingerprintRows()).toEqual(before);
    // Concurrent requests cannot slip past the cap together.
    const burst = await Promise.all(Array.from({ length: 5 }, (_, i) => t.http.post('/api/v1/staffing-plans').set(auth(sm)).send({ horizon: horizon(20 + i) })));
    expect(burst.filter((r) => r.status === 202)).toHaveLength(MAX_UNFINISHED_PLANS_PER_USER);
    expect(burst.filter((r) => r.status === 429)).toHaveLength(5 - MAX_UNFINISHED_PLANS_PER_USER);
    // A finished plan frees a place.
    await t.dataSource.query(`UPDATE staffing_plans SET status = 'failed' WHERE id = $1`, [ids[0]]);
    expect((await t.http.post('/api/v1/staffing-plans').set(auth(em)).send({ horizon: horizon(10) })).status).toBe(202);
  });

  it('runs the plan an approval triggered before manual plans queued earlier', async () => {
    const f = new StaffingFixtures(t, em, sm);
    await f.engineer({ name: 'Pia Priority', level: 'senior' });
    const { sowId } = await f.submittedSow([{ title: 'Urgent', start: monday, end: '2027-01-29', hours: 40 }]);
    expect((await t.http.post(`/api/v1/sows/${sowId}/approve`).set(auth(sm)).send({ reason: 'go' })).status).toBe(200);
    await t.app.get(OutboxRelayService).relay();
    const [{ id: triggered }]: Array<{ id: string }> = await t.dataSource.query(`SELECT id FROM staffing_plans WHERE trigger = 'sow.approved'`);
    const queue = t.queue(QUEUES.staffing);
    const job = await queue.getJob(`plan-${triggered}`);
    if ((await job?.getState()) === 'delayed') await job?.promote();

    const order: string[] = [];
    const worker = new Worker(
      queue.name,
      async (j: Job<{ planId: string }>) => {
        order.push(j.data.planId);
      },
      { connection: parseRedisUrl(TEST_REDIS_URL), prefix: t.config.queuePrefix, concurrency: 1 },
    );
    try {
      const queued: Array<{ id: string }> = await t.dataSource.query(`SELECT id FROM staffing_plans WHERE status = 'queued'`);
      await waitFor(async () => (order.length >= queued.length ? true : undefined), 10000, 'every queued plan to be taken');
    } finally {
      await worker.close();
    }
    const manual: Array<{ id: string }> = await t.dataSource.query(`SELECT id FROM staffing_plans WHERE trigger = 'manual' AND status = 'queued'`);
    expect(manual.length).toBeGreaterThanOrEqual(MAX_UNFINISHED_PLANS_PER_USER);
    // Every manual plan was queued before the approval, and every one was taken after its plan.
    expect(order[0]).toBe(triggered);
    expect(order.slice(1)).toEqual(expect.arrayContaining(manual.map((m) => m.id)));
  });
});
