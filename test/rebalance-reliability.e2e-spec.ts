import { ChildProcess, spawn } from 'node:child_process';
import { connect } from 'node:net';
import { addDays, isoWeekday } from '@sow/domain';
import { QUEUES } from '@sow/jobs';
import { exited, freePort, startWorkerProcess, TestApp, waitFor } from '@sow/testing';
import { generateOrganisation } from '../bench/generator/org-generator';
import { loadOrganisation } from '../bench/generator/load-organisation';

const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
const today = new Date().toISOString().slice(0, 10);
const monday = addDays(today, 8 - isoWeekday(today));

describe('rebalance reliability (real PostgreSQL and Redis)', () => {
  describe('a worker killed with SIGKILL in the middle of a rebalance', () => {
    let t: TestApp;
    const workers: ChildProcess[] = [];

    beforeAll(async () => {
      t = await TestApp.start({ runProcessors: false });
      await t.reset();
      const org = generateOrganisation({ engineers: 150, items: 450, weeks: 13, start: monday, seed: 11 });
      await loadOrganisation(t.config.databaseUrl ?? '', org);
    });
    afterAll(async () => {
      for (const w of workers) w.kill('SIGKILL');
      await Promise.all(workers.map(exited));
      await t.close();
    });

    it('is re-run by another worker through stalled-job recovery, and the plan completes exactly once', async () => {
      const sm = await t.tokenFor('senior_manager');
      const first = startWorkerProcess(t);
      workers.push(first.child);
      const res = await t.http
        .post('/api/v1/staffing-plans')
        .set(auth(sm))
        .send({ horizon: { start: monday, end: addDays(monday, 88) }, method: 'heuristic', timeLimitMs: 6000 });
      expect(res.status).toBe(202);
      const id = res.body.id as string;

      await waitFor(
        async () => {
          const plan = await t.http.get(`/api/v1/staffing-plans/${id}`).set(auth(sm));
          return plan.body.status === 'running' && plan.body.progress.phase === 'solving';
        },
        45000,
        `the first worker to start solving (output: ${first.output().slice(-600)})`,
      );
      first.child.kill('SIGKILL');
      await exited(first.child);
      expect((await t.http.get(`/api/v1/staffing-plans/${id}`).set(auth(sm))).body.status).toBe('running');

      const second = startWorkerProcess(t);
      workers.push(second.child);
      const done = await waitFor(
        async () => {
          const plan = await t.http.get(`/api/v1/staffing-plans/${id}`).set(auth(sm));
          if (plan.body.status === 'failed') throw new Error(JSON.stringify(plan.body.error));
          return plan.body.status === 'proposed' ? plan.body : undefined;
        },
        90000,
        `the second worker to finish the plan (output: ${second.output().slice(-600)})`,
      );
      expect(done.attempts).toBe(2);
      expect(done.kpisAfter).toMatchObject({ capacityViolations: 0, travelViolations: 0 });
      await t.drain(QUEUES.staffing, 10000);
      expect(await t.queue(QUEUES.staffing).getJobCounts('completed', 'failed')).toEqual({ completed: 1, failed: 0 });
      const audit = (await t.dataSource.query(`SELECT count(*)::int AS n FROM staffing_plans WHERE status = 'proposed'`)) as Array<{ n: number }>;
      expect(audit[0].n).toBe(1);
    }, 180000);
  });

  describe('Redis stopped while SOWs are approved', () => {
    let t: TestApp;
    let redis: ChildProcess | undefined;
    let port: number;

    const startRedis = async (): Promise<void> => {
      redis = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
      await waitFor(async () => new Promise<boolean>((resolve) => {
        const socket = connect(port, '127.0.0.1');
        socket.once('connect', () => (socket.end(), resolve(true)));
        socket.once('error', () => resolve(false));
      }), 10000, 'redis to listen');
    };
    const stopRedis = async (): Promise<void> => {
      if (!redis) return;
      redis.kill('SIGKILL');
      await exited(redis);
      redis = undefined;
    };

    beforeAll(async () => {
      port = await freePort();
      await startRedis();
      t = await TestApp.start({ runProcessors: true, env: { REDIS_URL: `redis://127.0.0.1:${port}` } });
      await t.reset();
    });
    afterAll(async () => {
      if (!redis) await startRedis(); // closing BullMQ needs a reachable Redis
      await t.close();
      await stopRedis();
    });

    it('keeps the api answering, lets outbox rows accumulate, then delivers every trigger and proposes one plan', async () => {
      const em = await t.tokenFor('engagement_manager');
      const sm = await t.tokenFor('senior_manager');
      const eng = await t.http.post('/api/v1/engineers').set(auth(sm)).send({
        name: 'Ola', email: 'ola@ps.example', level: 'senior', region: 'EMEA', timezone: 'Europe/Oslo',
        skills: ['gitlab-omnibus', 'gitlab-administration', 'terraform', 'ansible', 'gitlab-environment-toolkit', 'aws'].map((key) => ({ key, proficiency: 'mastery' })),
      });
      expect(eng.status).toBe(201);
      const sows: string[] = [];
      for (const name of ['North', 'South', 'East']) {
        const customer = await t.http.post('/api/v1/customers').set(auth(em)).send({ name, region: 'EMEA' });
        const sow = await t.http.post('/api/v1/sows').set(auth(em)).send({ customerId: customer.body.id, title: `${name} install`, startDate: monday, endDate: addDays(monday, 40), currency: 'USD' });
        await t.http.post(`/api/v1/sows/${sow.body.id}/scope-items`).set(auth(em)).send({ templateKey: 'install-ra-1k', parameters: { cloud: 'aws' }, startDate: monday, endDate: addDays(monday, 25) });
        expect((await t.http.post(`/api/v1/sows/${sow.body.id}/submit`).set(auth(em)).send({})).status).toBe(200);
        sows.push(sow.body.id as string);
      }

      await stopRedis();
      for (const id of sows) {
        const approved = await t.http.post(`/api/v1/sows/${id}/approve`).set(auth(sm)).send({ reason: 'go' });
        expect(approved.status).toBe(200);
      }
      const health = await t.http.get('/health');
      expect(health.status).toBe(503);
      expect(health.body.details.redis.status).toBe('down');
      expect((await t.http.get(`/api/v1/sows/${sows[0]}`).set(auth(em))).status).toBe(200);
      await new Promise((r) => setTimeout(r, 1500));
      const pending = (await t.dataSource.query(`SELECT count(*)::int AS n FROM outbox_events WHERE sent_at IS NULL AND type = 'sow.approved'`)) as Array<{ n: number }>;
      expect(pending[0].n).toBe(3);

      await startRedis();
      const plans = await waitFor(
        async () => {
          const unsent = (await t.dataSource.query(`SELECT count(*)::int AS n FROM outbox_events WHERE sent_at IS NULL`)) as Array<{ n: number }>;
          const rows = (await t.dataSource.query(`SELECT id, status, trigger FROM staffing_plans`)) as Array<{ id: string; status: string; trigger: string }>;
          return unsent[0].n === 0 && rows.length > 0 && rows.every((r) => r.status === 'proposed') ? rows : undefined;
        },
        60000,
        'every trigger to be delivered and the plan proposed',
      );
      expect(plans).toHaveLength(1);
      expect(plans[0].trigger).toBe('sow.approved');
      const plan = (await t.http.get(`/api/v1/staffing-plans/${plans[0].id}`).set(auth(sm))).body as { moves: Array<{ role: string }> };
      expect(plan.moves.filter((m) => m.role === 'primary')).toHaveLength(3);
    }, 120000);
  });
});
