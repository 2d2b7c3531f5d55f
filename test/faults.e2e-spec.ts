import { Client } from 'pg';
import { addDays, isoWeekday } from '@sow/domain';
import { TEST_PG_ADMIN_URL, TestApp, waitFor } from '@sow/testing';
import { auth, StaffingFixtures } from './staffing-fixtures';

/**
 * Faults on the real services. (A worker killed with SIGKILL mid-job and Redis stopped and restarted
 * are in rebalance-reliability.e2e-spec.ts, which runs in the same e2e suite.)
 */

interface Answer {
  status: number;
  body: { statusCode?: unknown; code?: unknown; message?: unknown };
}

const today = new Date().toISOString().slice(0, 10);
const monday = addDays(today, 8 - isoWeekday(today));

/** A connection to the e2e database (or the admin database) that is not the api's. */
async function connect(database?: string): Promise<Client> {
  const url = new URL(TEST_PG_ADMIN_URL);
  if (database) url.pathname = `/${database}`;
  const client = new Client({ connectionString: url.toString() });
  await client.connect();
  return client;
}

/** Terminates the api's connections to its own database (never anything else on the shared server). */
async function terminateApiBackends(admin: Client, database: string, where = 'true'): Promise<number> {
  const res = await admin.query(
    `SELECT pg_terminate_backend(pid) AS killed FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid() AND backend_type = 'client backend' AND application_name <> 'faults-e2e-holder' AND ${where}`,
    [database],
  );
  return res.rows.filter((r: { killed: boolean }) => r.killed).length;
}

function wellFormedFailure(a: Answer): boolean {
  return a.status >= 500 && a.body.statusCode === a.status && typeof a.body.code === 'string' && typeof a.body.message === 'string';
}

describe('faults on the real services', () => {
  describe('PostgreSQL connections killed under the api (pg_terminate_backend)', () => {
    let t: TestApp;
    let admin: Client;
    let database: string;
    let em: string;
    let sowId: string;

    beforeAll(async () => {
      t = await TestApp.start();
      await t.reset();
      database = new URL(t.config.databaseUrl ?? '').pathname.slice(1);
      admin = await connect();
      em = await t.tokenFor('engagement_manager');
      const sm = await t.tokenFor('senior_manager');
      const f = new StaffingFixtures(t, em, sm);
      sowId = (await f.submittedSow([{ title: 'Fault item', start: '2027-01-04', end: '2027-01-29', hours: 40 }])).sowId;
    });
    afterAll(async () => {
      await admin.end();
      await t.close();
    });

    it('answers a request whose connection is killed mid-query with a 503 error body, not a hang', async () => {
      // Hold the SOW row lock from outside, so the api's transaction is provably waiting inside PostgreSQL.
      const holder = await connect(database);
      await holder.query(`SET application_name = 'faults-e2e-holder'`);
      await holder.query('BEGIN');
      await holder.query('SELECT id FROM sows WHERE id = $1 FOR UPDATE', [sowId]);
      const pending = t.http.patch(`/api/v1/sows/${sowId}`).set(auth(em)).send({ title: 'Renamed under a lock' }).timeout(15000);
      const answered = pending.then((r) => ({ status: r.status, body: r.body as Answer['body'] }));
      await waitFor(
        async () => {
          const waiting = await admin.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1 AND wait_event_type = 'Lock'`, [database]);
          return (waiting.rows[0] as { n: number }).n > 0;
        },
        10000,
        'the api to wait on the row lock',
      );
      expect(await terminateApiBackends(admin, database, `wait_event_type = 'Lock'`)).toBe(1);
      const answer = await answered;
      await holder.query('ROLLBACK');
      await holder.end();
      expect(answer.status).toBe(503);
      expect(answer.body).toEqual({ statusCode: 503, code: 'unavailable', message: 'A backing service is unavailable; retry shortly', errorId: expect.stringMatching(/^[0-9a-f-]{36}$/) });
      expect((await t.http.get(`/api/v1/sows/${sowId}`).set(auth(em))).body.title).toBe('Staffing e2e');
    });

    it('keeps answering while every connection is killed again and again under load, then recovers without a restart', async () => {
      const answers: Answer[] = [];
      let stop = false;
      const load = async (i: number): Promise<void> => {
        while (!stop) {
          const res =
            i % 3 === 0
              ? await t.http.post('/api/v1/customers').set(auth(em)).send({ name: `Load ${i}-${answers.length}`, region: 'EMEA' }).timeout(15000)
              : i % 3 === 1
                ? await t.http.get('/api/v1/sows').set(auth(em)).timeout(15000)
                : await t.http.get(`/api/v1/sows/${sowId}/quote`).set(auth(em)).timeout(15000);
          answers.push({ status: res.status, body: res.body as Answer['body'] });
        }
      };
      const workers = Array.from({ length: 8 }, (_, i) => load(i));
      let killed = 0;
      for (let round = 0; round < 10; round++) {
        await new Promise((r) => setTimeout(r, 150));
        killed += await terminateApiBackends(admin, database);
      }
      stop = true;
      await Promise.all(workers);

      expect(killed).toBeGreaterThan(0);
      expect(answers.length).toBeGreaterThan(50);
      const failed = answers.filter((a) => a.status >= 500);
      expect(failed.length).toBeGreaterThan(0);
      process.stdout.write(`faults: ${killed} connections killed in 10 rounds; ${answers.length} answers, ${failed.length} of them 503\n`);
      // Every failure is the error shape (503 for a lost connection); nothing else went wrong.
      expect(failed.filter((a) => !wellFormedFailure(a))).toEqual([]);
      expect(failed.every((a) => a.status === 503)).toBe(true);
      expect(answers.filter((a) => a.status < 500 && a.status >= 300)).toEqual([]);

      const health = await waitFor(async () => ((await t.http.get('/health')).status === 200 ? true : undefined), 15000, 'health to recover');
      expect(health).toBe(true);
      for (let i = 0; i < 20; i++) expect((await t.http.get('/api/v1/sows').set(auth(em))).status).toBe(200);
      const created = await t.http.post('/api/v1/customers').set(auth(em)).send({ name: 'After the storm', region: 'EMEA' });
      expect(created.status).toBe(201);
    }, 60000);
  });

  describe('a transaction failing midway leaves nothing half-applied', () => {
    let t: TestApp;
    let db: Client;
    let em: string;
    let sm: string;

    /** Counts and version sums of every table: any write at all changes it. */
    async function fingerprint(): Promise<Record<string, number>> {
      const counts = await t.countRows();
      const versions = (await db.query(
        `SELECT (SELECT coalesce(sum(version), 0) FROM sows)::int AS sows, (SELECT coalesce(sum(version), 0) FROM scope_items)::int AS items, (SELECT coalesce(sum(version), 0) FROM assignments)::int AS assignments, (SELECT coalesce(sum(version), 0) FROM change_requests)::int AS crs, (SELECT coalesce(sum(version), 0) FROM staffing_plans)::int AS plans`,
      )).rows[0] as Record<string, number>;
      return { ...counts, ...Object.fromEntries(Object.entries(versions).map(([k, v]) => [`${k}.version`, v])) };
    }

    /** A test-only trigger that raises on the last insert of the transaction under test. */
    async function failInsertsInto(table: string, column: string, value: string): Promise<void> {
      await db.query(`CREATE OR REPLACE FUNCTION faults_e2e_raise() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'injected failure'; END $$`);
      await db.query(`CREATE TRIGGER faults_e2e_fail BEFORE INSERT ON ${table} FOR EACH ROW WHEN (NEW.${column} = '${value}') EXECUTE FUNCTION faults_e2e_raise()`);
    }
    async function dropFailure(table: string): Promise<void> {
      await db.query(`DROP TRIGGER IF EXISTS faults_e2e_fail ON ${table}`);
      await db.query(`DROP FUNCTION IF EXISTS faults_e2e_raise()`);
    }

    beforeAll(async () => {
      t = await TestApp.start({ runProcessors: true });
      await t.reset();
      db = await connect(new URL(t.config.databaseUrl ?? '').pathname.slice(1));
      em = await t.tokenFor('engagement_manager');
      sm = await t.tokenFor('senior_manager');
    });
    afterAll(async () => {
      await dropFailure('audit_events');
      await dropFailure('outbox_events');
      await db.end();
      await t.close();
    });

    it('applies a change request all or nothing: a failure at its last insert rolls back items, SOW version, outbox and status', async () => {
      const f = new StaffingFixtures(t, em, sm);
      const { sowId, itemIds } = await f.submittedSow([
        { title: 'Keep me', start: '2027-01-04', end: '2027-01-29', hours: 40 },
        { title: 'Remove me', start: '2027-02-01', end: '2027-02-26', hours: 40 },
      ]);
      expect((await t.http.post(`/api/v1/sows/${sowId}/approve`).set(auth(sm)).send({})).status).toBe(200);
      const cr = await t.http.post(`/api/v1/sows/${sowId}/change-requests`).set(auth(em)).send({
        reason: 'Scope change',
        changes: [
          { op: 'add', item: { templateKey: 'training-cicd', startDate: '2027-03-01', endDate: '2027-03-05' } },
          { op: 'modify', scopeItemId: itemIds[0], patch: { title: 'Kept and renamed' } },
          { op: 'remove', scopeItemId: itemIds[1] },
        ],
      });
      expect(cr.status).toBe(201);
      // Let the relay deliver the SOW approval trigger first, so nothing moves in the background.
      await waitFor(async () => ((await db.query(`SELECT count(*)::int AS n FROM outbox_events WHERE sent_at IS NULL`)).rows[0].n === 0 ? true : undefined), 15000, 'the outbox to drain');
      await waitFor(async () => ((await db.query(`SELECT count(*)::int AS n FROM staffing_plans WHERE status IN ('queued', 'running')`)).rows[0].n === 0 ? true : undefined), 30000, 'trigger plans to finish');
      const sowBefore = (await t.http.get(`/api/v1/sows/${sowId}`).set(auth(em))).body;
      const before = await fingerprint();

      await failInsertsInto('audit_events', 'action', 'change_request.approved');
      const failed = await t.http.post(`/api/v1/change-requests/${cr.body.id}/approve`).set(auth(sm)).send({});
      await dropFailure('audit_events');
      expect(failed.status).toBe(500);
      expect(failed.body).toMatchObject({ statusCode: 500, code: 'internal_error', errorId: expect.any(String) });
      expect(await fingerprint()).toEqual(before);
      const sowAfter = (await t.http.get(`/api/v1/sows/${sowId}`).set(auth(em))).body;
      expect(sowAfter.version).toBe(sowBefore.version);
      expect(sowAfter.scopeItems.map((i: { title: string }) => i.title)).toEqual(['Keep me', 'Remove me']);
      expect((await t.http.get(`/api/v1/change-requests/${cr.body.id}`).set(auth(sm))).body.status).toBe('submitted');

      // The same approval with nothing injected goes through: the failure was midway, not up front.
      const approved = await t.http.post(`/api/v1/change-requests/${cr.body.id}/approve`).set(auth(sm)).send({});
      expect(approved.status).toBe(200);
      const applied = (await t.http.get(`/api/v1/sows/${sowId}`).set(auth(em))).body;
      expect(applied.version).toBe(sowBefore.version + 1);
      const titles = applied.scopeItems.map((i: { title: string }) => i.title) as string[];
      expect(titles).toHaveLength(2);
      expect(titles).toContain('Kept and renamed');
      expect(titles).not.toContain('Remove me');
    }, 60000);

    it('approves a staffing plan all or nothing: a failure at its last insert rolls back every move and the plan status', async () => {
      const skills = ['gitlab-omnibus', 'gitlab-administration', 'terraform', 'ansible', 'gitlab-environment-toolkit', 'aws'].map((key) => ({ key, proficiency: 'mastery' }));
      for (const name of ['Plana', 'Planb']) {
        expect((await t.http.post('/api/v1/engineers').set(auth(sm)).send({ name, email: `${name.toLowerCase()}@ps.example`, level: 'senior', region: 'EMEA', timezone: 'Europe/Berlin', skills })).status).toBe(201);
      }
      const customer = await t.http.post('/api/v1/customers').set(auth(em)).send({ name: 'Plan fault customer', region: 'EMEA' });
      const sow = await t.http.post('/api/v1/sows').set(auth(em)).send({ customerId: customer.body.id, title: 'Plan fault', startDate: monday, endDate: addDays(monday, 60), currency: 'USD' });
      for (let i = 0; i < 2; i++) {
        const item = await t.http.post(`/api/v1/sows/${sow.body.id}/scope-items`).set(auth(em)).send({ templateKey: 'install-ra-1k', parameters: { cloud: 'aws' }, title: `Install ${i}`, startDate: addDays(monday, 7 * i), endDate: addDays(monday, 7 * i + 25) });
        expect(item.status).toBe(201);
      }
      expect((await t.http.post(`/api/v1/sows/${sow.body.id}/submit`).set(auth(em)).send({})).status).toBe(200);
      expect((await t.http.post(`/api/v1/sows/${sow.body.id}/approve`).set(auth(sm)).send({})).status).toBe(200);
      const requested = await t.http.post('/api/v1/staffing-plans').set(auth(em)).send({ horizon: { start: monday, end: addDays(monday, 88) }, sowIds: [sow.body.id], method: 'heuristic', timeLimitMs: 1000 });
      expect(requested.status).toBe(202);
      const plan = await waitFor(
        async () => {
          const res = await t.http.get(`/api/v1/staffing-plans/${requested.body.id}`).set(auth(sm));
          if (res.body.status === 'failed') throw new Error(JSON.stringify(res.body.error));
          return res.body.status === 'proposed' ? (res.body as { id: string; moves: unknown[] }) : undefined;
        },
        60000,
        'the plan to be proposed',
      );
      expect(plan.moves.length).toBeGreaterThanOrEqual(2);
      await waitFor(async () => ((await db.query(`SELECT count(*)::int AS n FROM outbox_events WHERE sent_at IS NULL`)).rows[0].n === 0 ? true : undefined), 15000, 'the outbox to drain');
      await waitFor(async () => ((await db.query(`SELECT count(*)::int AS n FROM staffing_plans WHERE status IN ('queued', 'running')`)).rows[0].n === 0 ? true : undefined), 60000, 'trigger plans to finish');
      const before = await fingerprint();

      await failInsertsInto('outbox_events', 'type', 'staffing_plan.approved');
      const failed = await t.http.post(`/api/v1/staffing-plans/${plan.id}/approve`).set(auth(sm)).send({});
      await dropFailure('outbox_events');
      expect(failed.status).toBe(500);
      expect(failed.body).toMatchObject({ statusCode: 500, code: 'internal_error', errorId: expect.any(String) });
      expect(await fingerprint()).toEqual(before);
      expect((await t.http.get(`/api/v1/staffing-plans/${plan.id}`).set(auth(sm))).body.status).toBe('proposed');
      expect((await db.query(`SELECT count(*)::int AS n FROM assignments WHERE staffing_plan_id = $1`, [plan.id])).rows[0].n).toBe(0);

      const approved = await t.http.post(`/api/v1/staffing-plans/${plan.id}/approve`).set(auth(sm)).send({});
      expect(approved.status).toBe(200);
      expect((await db.query(`SELECT count(*)::int AS n FROM assignments WHERE staffing_plan_id = $1`, [plan.id])).rows[0].n).toBeGreaterThanOrEqual(2);
    }, 120000);
  });
});
