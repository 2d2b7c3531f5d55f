import { TestApp, waitFor } from '@sow/testing';
import { auth, StaffingFixtures } from './staffing-fixtures';

/** Requester ≠ approver for SOWs, change requests and staffing plans; an admin only overrides with a recorded reason. */
describe('separation of duties (real PostgreSQL and Redis)', () => {
  let t: TestApp;
  let em: string;
  let sm1: string;
  let sm2: string;
  let admin: string;

  beforeAll(async () => {
    t = await TestApp.start({ runProcessors: true });
    await t.reset();
    em = await t.tokenFor('engagement_manager');
    sm1 = await t.tokenFor('senior_manager', { email: 'sm-one@e2e.test' });
    sm2 = await t.tokenFor('senior_manager', { email: 'sm-two@e2e.test' });
    admin = await t.tokenFor('admin');
    await new StaffingFixtures(t, em, sm1).engineer({ name: 'Sam Senior', level: 'senior' });
  });
  afterAll(async () => {
    await t.close();
  });

  /** A draft SOW of the EM with one item, submitted by `submitter`. */
  async function sowSubmittedBy(submitter: string, title: string): Promise<string> {
    const c = await t.http.post('/api/v1/customers').set(auth(em)).send({ name: `${title} Corp`, region: 'EMEA' });
    const sow = await t.http.post('/api/v1/sows').set(auth(em)).send({ customerId: c.body.id, title, startDate: '2027-01-04', endDate: '2027-03-26', currency: 'USD' });
    const item = await t.http
      .post(`/api/v1/sows/${sow.body.id}/scope-items`)
      .set(auth(em))
      .send({ kind: 'advisory', title: 'Advice', details: {}, estimatedHours: 40, minLevel: 'associate', requiredSkills: [], onsiteDays: 0, startDate: '2027-01-04', endDate: '2027-01-29' });
    expect(item.status).toBe(201);
    expect((await t.http.post(`/api/v1/sows/${sow.body.id}/submit`).set(auth(submitter)).send({})).status).toBe(200);
    return sow.body.id as string;
  }

  it('a senior manager who submitted a SOW cannot approve or reject it; another can', async () => {
    const id = await sowSubmittedBy(sm1, 'Self');
    const before = await t.fingerprintRows();
    const own = await t.http.post(`/api/v1/sows/${id}/approve`).set(auth(sm1)).send({ reason: 'looks fine' });
    expect(own.status).toBe(403);
    expect(own.body.details[0]).toMatchObject({ rule: 'requesterIsNotApprover' });
    expect((await t.http.post(`/api/v1/sows/${id}/reject`).set(auth(sm1)).send({ reason: 'no' })).status).toBe(403);
    expect(await t.fingerprintRows()).toEqual(before);
    const other = await t.http.post(`/api/v1/sows/${id}/approve`).set(auth(sm2)).send({ reason: 'four eyes' });
    expect(other.status).toBe(200);
    expect(other.body.status).toBe('approved');
  });

  it('an admin decides only as an override with a reason, and the override is audited', async () => {
    const id = await sowSubmittedBy(em, 'Override');
    const bare = await t.http.post(`/api/v1/sows/${id}/approve`).set(auth(admin)).send({});
    expect(bare.status).toBe(400);
    expect(bare.body.details[0]).toMatchObject({ field: 'reason', rule: 'requiredForAdminOverride' });
    const ok = await t.http.post(`/api/v1/sows/${id}/approve`).set(auth(admin)).send({ reason: 'Both SMs on leave; customer deadline' });
    expect(ok.status).toBe(200);
    const rows: Array<{ after: { decision: string; reason: string } }> = await t.dataSource.query(
      `SELECT after FROM audit_events WHERE entity_id = $1 AND action = 'separation_of_duties.overridden'`,
      [id],
    );
    expect(rows).toEqual([{ after: expect.objectContaining({ decision: 'approved', reason: 'Both SMs on leave; customer deadline' }) }]);
  });

  it('the senior manager who requested a staffing plan cannot approve it; another senior manager can', async () => {
    const requested = await t.http.post('/api/v1/staffing-plans').set(auth(sm1)).send({ horizon: { start: '2027-01-04', end: '2027-03-28' }, method: 'heuristic', timeLimitMs: 1000 });
    expect(requested.status).toBe(202);
    const id = requested.body.id as string;
    await waitFor(
      async () => {
        const res = await t.http.get(`/api/v1/staffing-plans/${id}`).set(auth(sm1));
        return res.body.status === 'proposed' ? true : undefined;
      },
      30000,
      `plan ${id} to be proposed`,
    );
    // Plans the earlier approvals triggered run in the background: let them finish, or their writes would
    // show in the fingerprint below.
    await waitFor(
      async () => {
        const [{ n }] = (await t.dataSource.query(`SELECT count(*)::int AS n FROM staffing_plans WHERE status IN ('queued', 'running')`)) as Array<{ n: number }>;
        return n === 0 ? true : undefined;
      },
      60000,
      'background plans to finish',
    );
    const before = await t.fingerprintRows();
    const own = await t.http.post(`/api/v1/staffing-plans/${id}/approve`).set(auth(sm1)).send({});
    expect(own.status).toBe(403);
    expect(await t.fingerprintRows()).toEqual(before);
    const other = await t.http.post(`/api/v1/staffing-plans/${id}/approve`).set(auth(sm2)).send({});
    expect(other.status).toBe(200);
    expect(other.body.status).toBe('approved');
  });

  it('the author of a change request cannot decide it, whatever role they hold now', async () => {
    const id = await sowSubmittedBy(em, 'Change');
    expect((await t.http.post(`/api/v1/sows/${id}/approve`).set(auth(sm2)).send({ reason: 'ok' })).status).toBe(200);
    const cr = await t.http.post(`/api/v1/sows/${id}/change-requests`).set(auth(sm1)).send({
      reason: 'more docs',
      changes: [{ op: 'add', item: { kind: 'documentation', title: 'Runbook', details: {}, estimatedHours: 16, minLevel: 'associate', requiredSkills: [], onsiteDays: 0, startDate: '2027-02-01', endDate: '2027-02-12' } }],
    });
    expect(cr.status).toBe(201);
    expect((await t.http.post(`/api/v1/change-requests/${cr.body.id}/approve`).set(auth(sm1)).send({})).status).toBe(403);
    expect((await t.http.post(`/api/v1/change-requests/${cr.body.id}/approve`).set(auth(sm2)).send({})).status).toBe(200);
  });
});
