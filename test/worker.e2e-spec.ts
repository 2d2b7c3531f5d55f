import { ChildProcess } from 'node:child_process';
import { QUEUES } from '@sow/jobs';
import { SchedulerProcessor, StaffingProcessor } from '@sow/processors';
import { startWorkerProcess, TestApp, waitFor } from '@sow/testing';

describe('api → BullMQ (Redis) → separate worker process', () => {
  let t: TestApp;
  let worker: ChildProcess | undefined;

  beforeAll(async () => {
    t = await TestApp.start({ runProcessors: false });
    await t.reset();
  });
  afterAll(async () => {
    worker?.kill('SIGKILL');
    await t.close();
  });

  it('a queue check stays queued without a worker, then a worker process completes it exactly once', async () => {
    const token = await t.tokenFor('admin');
    const requested = await t.http.post('/api/v1/admin/queue-checks').set('Authorization', `Bearer ${token}`);
    expect(requested.status).toBe(202);
    expect(requested.body.status).toBe('queued');
    const id = requested.body.id as string;

    expect(await t.queue(QUEUES.system).getJobCounts('waiting')).toEqual({ waiting: 1 });
    const stillQueued = await t.http.get(`/api/v1/admin/queue-checks/${id}`).set('Authorization', `Bearer ${token}`);
    expect(stillQueued.body.status).toBe('queued');

    const started = startWorkerProcess(t);
    worker = started.child;

    const done = await waitFor(
      async () => {
        const res = await t.http.get(`/api/v1/admin/queue-checks/${id}`).set('Authorization', `Bearer ${token}`);
        return res.body.status === 'completed' ? (res.body as { processedBy: string; latencyMs: number }) : undefined;
      },
      30000,
      `queue check ${id} to complete (worker output: ${started.output().slice(-500)})`,
    );
    expect(done.processedBy).toBe(`${done.processedBy.split(':')[0]}:${worker.pid}`);
    expect(done.latencyMs).toBeGreaterThanOrEqual(0);
    await t.drain(QUEUES.system);
    expect(await t.queue(QUEUES.system).getJobCounts('completed', 'failed')).toEqual({ completed: 1, failed: 0 });
  });
});

describe('WORKER_CONCURRENCY', () => {
  it('sets how many plans one process solves at once; the other queues keep their own settings', async () => {
    const t = await TestApp.start({ runProcessors: true, env: { WORKER_CONCURRENCY: '3' } });
    try {
      expect(t.app.get(StaffingProcessor).worker.concurrency).toBe(3);
      expect(t.app.get(SchedulerProcessor).worker.concurrency).toBe(1);
    } finally {
      await t.close();
    }
  });
});
