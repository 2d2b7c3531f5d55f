import { ChildProcess } from 'node:child_process';
import { addDays, isoWeekday } from '@sow/domain';
import { QUEUES } from '@sow/jobs';
import { startWorkerProcess, TestApp, waitFor } from '@sow/testing';
import { generateOrganisation } from '../bench/generator/org-generator';
import { loadOrganisation } from '../bench/generator/load-organisation';

const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
const today = new Date().toISOString().slice(0, 10);
const monday = addDays(today, 8 - isoWeekday(today));

/** A worker told to stop in the middle of a long solve hands the plan back at once and exits within 10 s. */
describe('worker SIGTERM (real PostgreSQL, Redis and worker processes)', () => {
  let t: TestApp;
  const children: ChildProcess[] = [];

  beforeAll(async () => {
    t = await TestApp.start({ runProcessors: false });
    await t.reset();
    const org = generateOrganisation({ engineers: 150, items: 450, weeks: 13, start: monday, seed: 11 });
    await loadOrganisation(t.config.databaseUrl ?? '', org);
  });
  afterAll(async () => {
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
    await t.close();
  });

  it('stops taking jobs, releases the running plan to another worker, and exits within 10 s', async () => {
    const sm = await t.tokenFor('senior_manager');
    const first = startWorkerProcess(t);
    children.push(first.child);
    const res = await t.http.post('/api/v1/staffing-plans').set(auth(sm)).send({ horizon: { start: monday, end: addDays(monday, 88) }, method: 'heuristic', timeLimitMs: 8000 });
    expect(res.status).toBe(202);
    const id = res.body.id as string;
    const plan = async () => (await t.http.get(`/api/v1/staffing-plans/${id}`).set(auth(sm))).body as { status: string; attempts: number; progress: { phase: string } };
    await waitFor(async () => ((await plan()).progress.phase === 'solving' ? true : undefined), 60000, `the first worker to start solving (output: ${first.output().slice(-600)})`);

    const signalledAt = Date.now();
    first.child.kill('SIGTERM');
    const { code, at } = await first.exit;
    expect(at - signalledAt).toBeLessThan(10_000);
    expect(code).toBe(0);
    expect(first.output()).toContain(`released plan(s) ${id}`);
    // Handed back: queued again, the clean stop not counted as an attempt, the job waiting (not stalled in active).
    expect(await plan()).toMatchObject({ status: 'queued', attempts: 0 });
    expect(await (await t.queue(QUEUES.staffing).getJob(`plan-${id}`))?.getState()).toMatch(/^(waiting|prioritized)$/);

    const second = startWorkerProcess(t);
    children.push(second.child);
    const startedAt = Date.now();
    await waitFor(async () => ((await plan()).status === 'running' ? true : undefined), 30000, `the second worker to take the plan (output: ${second.output().slice(-600)})`);
    // Taken as soon as the worker is up, not after a lock expiry and a stalled-job check (15 s + 5 s).
    expect(Date.now() - startedAt).toBeLessThan(15_000);
    const done = await waitFor(
      async () => {
        const p = await plan();
        if (p.status === 'failed') throw new Error(JSON.stringify(p));
        return p.status === 'proposed' ? p : undefined;
      },
      60000,
      'the second worker to finish the plan',
    );
    expect(done.attempts).toBe(1);
    second.child.kill('SIGTERM');
    expect((await second.exit).code).toBe(0);
    expect((await t.dataSource.query(`SELECT count(*)::int AS n FROM staffing_plans WHERE status = 'proposed'`))[0].n).toBe(1);
  }, 150000);
});
