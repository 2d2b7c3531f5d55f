import { UnrecoverableError, Worker } from 'bullmq';
import { PLAN_MAX_ATTEMPTS, PlanSweeperService } from '@sow/core';
import { parseRedisUrl, QUEUES } from '@sow/jobs';
import { TEST_REDIS_URL, TestApp, waitFor } from '@sow/testing';
import { auth } from './staffing-fixtures';

/**
 * Every plan ends: a plan left `running` after its job is gone (Redis lost it) or failed by BullMQ
 * itself (the worker died more than maxStalledCount times, which never reaches the processor's error
 * handling, so the plan used to stay `running` forever) is retried, and after PLAN_MAX_ATTEMPTS worker
 * starts ends `failed` with a reason.
 */
describe('plan sweeper (real PostgreSQL and Redis)', () => {
  let t: TestApp;
  let sm: string;
  let sweeper: PlanSweeperService;

  beforeAll(async () => {
    t = await TestApp.start();
    await t.reset();
    sm = await t.tokenFor('senior_manager');
    sweeper = t.app.get(PlanSweeperService);
  });
  afterAll(async () => {
    await t.close();
  });

  async function requestPlan(): Promise<string> {
    const res = await t.http.post('/api/v1/staffing-plans').set(auth(sm)).send({ horizon: { start: '2027-01-04', end: '2027-03-26' }, timeLimitMs: 1000 });
    expect(res.status).toBe(202);
    return res.body.id as string;
  }

  /** What BullMQ does after too many stalls: the job fails without our processor's handler running. */
  async function failJobBehindTheProcessorsBack(planId: string): Promise<void> {
    const queue = t.queue(QUEUES.staffing);
    const worker = new Worker(
      queue.name,
      async () => {
        throw new UnrecoverableError('job stalled more than allowable limit');
      },
      { connection: parseRedisUrl(TEST_REDIS_URL), prefix: t.config.queuePrefix },
    );
    try {
      await waitFor(async () => ((await (await queue.getJob(`plan-${planId}`))?.getState()) === 'failed' ? true : undefined), 10000, 'the job to fail');
    } finally {
      await worker.close();
    }
  }

  const planRow = async (id: string): Promise<{ status: string; attempts: number; error_code: string | null; error_message: string | null }> =>
    (await t.dataSource.query(`SELECT status, attempts, error_code, error_message FROM staffing_plans WHERE id = $1`, [id]))[0];

  it('leaves a plan with a live job alone', async () => {
    const id = await requestPlan();
    expect(await sweeper.sweep()).toEqual({ requeued: [], failed: [] });
    expect(await (await t.queue(QUEUES.staffing).getJob(`plan-${id}`))?.getState()).toBe('prioritized');
    await (await t.queue(QUEUES.staffing).getJob(`plan-${id}`))?.remove();
    await t.dataSource.query(`UPDATE staffing_plans SET status = 'rejected' WHERE id = $1`, [id]);
  });

  it('retries a running plan whose job BullMQ failed after stalls, then fails it with a reason once its attempts are spent', async () => {
    const id = await requestPlan();
    await t.dataSource.query(`UPDATE staffing_plans SET status = 'running', attempts = 1 WHERE id = $1`, [id]);
    await failJobBehindTheProcessorsBack(id);

    expect(await sweeper.sweep()).toEqual({ requeued: [id], failed: [] });
    expect(await planRow(id)).toMatchObject({ status: 'queued', attempts: 1 });
    expect(await (await t.queue(QUEUES.staffing).getJob(`plan-${id}`))?.getState()).toBe('prioritized');
    // Sweeping again changes nothing: the job is waiting (prioritized).
    expect(await sweeper.sweep()).toEqual({ requeued: [], failed: [] });

    await t.dataSource.query(`UPDATE staffing_plans SET status = 'running', attempts = $2 WHERE id = $1`, [id, PLAN_MAX_ATTEMPTS]);
    await failJobBehindTheProcessorsBack(id);
    expect(await sweeper.sweep()).toEqual({ requeued: [], failed: [id] });
    const failed = await planRow(id);
    expect(failed).toMatchObject({ status: 'failed', error_code: 'worker_lost' });
    expect(failed.error_message).toContain(`stopped ${PLAN_MAX_ATTEMPTS} times`);
    expect(failed.error_message).toContain('job stalled more than allowable limit');
    expect(await sweeper.sweep()).toEqual({ requeued: [], failed: [] });
    const api = await t.http.get(`/api/v1/staffing-plans/${id}`).set(auth(sm));
    expect(api.body).toMatchObject({ status: 'failed', error: { code: 'worker_lost' } });
  });

  it('queues again a running plan whose job Redis lost', async () => {
    const id = await requestPlan();
    await t.dataSource.query(`UPDATE staffing_plans SET status = 'running', attempts = 1 WHERE id = $1`, [id]);
    await (await t.queue(QUEUES.staffing).getJob(`plan-${id}`))?.remove();
    expect(await sweeper.sweep()).toEqual({ requeued: [id], failed: [] });
    expect(await planRow(id)).toMatchObject({ status: 'queued' });
    expect(await (await t.queue(QUEUES.staffing).getJob(`plan-${id}`))?.getState()).toBe('prioritized');
  });
});
