import { TEST_PASSWORD, TestApp } from '@sow/testing';
import { auth } from './staffing-fixtures';

/** Deactivating a user or changing their role refuses their token on the very next request. */
describe('revoking users (real PostgreSQL)', () => {
  let t: TestApp;
  let admin: string;

  beforeAll(async () => {
    t = await TestApp.start();
    await t.reset();
    admin = await t.tokenFor('admin');
  });
  afterAll(async () => {
    await t.close();
  });

  async function signIn(email: string): Promise<string> {
    const res = await t.http.post('/api/v1/auth/login').send({ email, password: TEST_PASSWORD });
    expect(res.status).toBe(200);
    return res.body.accessToken as string;
  }

  async function newUser(email: string, role: string): Promise<{ id: string; token: string }> {
    const created = await t.http.post('/api/v1/users').set(auth(admin)).send({ email, password: TEST_PASSWORD, role });
    expect(created.status).toBe(201);
    return { id: created.body.id, token: await signIn(email) };
  }

  it('refuses a deactivated user’s token at once, audits the change, and refuses sign-in until reactivated', async () => {
    const sm = await newUser('leaving-sm@e2e.test', 'senior_manager');
    expect((await t.http.get('/api/v1/engineers').set(auth(sm.token))).status).toBe(200);

    const off = await t.http.patch(`/api/v1/users/${sm.id}`).set(auth(admin)).set('If-Match', '"1"').send({ active: false });
    expect(off.status).toBe(200);
    expect(off.body).toMatchObject({ active: false, version: 2 });
    expect(off.headers.etag).toBe('"2"');

    const refused = await t.http.get('/api/v1/engineers').set(auth(sm.token));
    expect(refused.status).toBe(401);
    expect(refused.body.message).toContain('revoked');
    expect((await t.http.post('/api/v1/auth/login').send({ email: 'leaving-sm@e2e.test', password: TEST_PASSWORD })).status).toBe(401);
    const [audit]: Array<{ action: string; before: { active: boolean }; after: { active: boolean } }> = await t.dataSource.query(
      `SELECT action, before, after FROM audit_events WHERE entity_id = $1`,
      [sm.id],
    );
    expect(audit).toMatchObject({ action: 'user.access_changed', before: { active: true }, after: { active: false } });

    expect((await t.http.patch(`/api/v1/users/${sm.id}`).set(auth(admin)).send({ active: true, version: 2 })).status).toBe(200);
    // The old token stays dead; a new sign-in works.
    expect((await t.http.get('/api/v1/engineers').set(auth(sm.token))).status).toBe(401);
    expect((await t.http.get('/api/v1/engineers').set(auth(await signIn('leaving-sm@e2e.test')))).status).toBe(200);
  });

  it('refuses the old token after a role change; the new token carries the new role', async () => {
    const user = await newUser('demoted@e2e.test', 'senior_manager');
    expect((await t.http.get('/api/v1/reports/bench?from=2027-01-04&to=2027-01-08').set(auth(user.token))).status).toBe(200);
    const changed = await t.http.patch(`/api/v1/users/${user.id}`).set(auth(admin)).send({ role: 'engineer' });
    expect(changed.body).toMatchObject({ role: 'engineer', version: 2 });
    expect((await t.http.get('/api/v1/me').set(auth(user.token))).status).toBe(401);
    const fresh = await signIn('demoted@e2e.test');
    expect((await t.http.get('/api/v1/me').set(auth(fresh))).body).toMatchObject({ role: 'engineer' });
    expect((await t.http.get('/api/v1/reports/bench?from=2027-01-04&to=2027-01-08').set(auth(fresh))).status).toBe(403);
  });

  it('answers 409 on a stale version, 422 on locking oneself out, 403 to non-admins, 404 for an unknown user; nothing written', async () => {
    const user = await newUser('target@e2e.test', 'engagement_manager');
    const before = await t.fingerprintRows();
    expect((await t.http.patch(`/api/v1/users/${user.id}`).set(auth(admin)).set('If-Match', '"7"').send({ active: false })).status).toBe(409);
    const me = (await t.http.get('/api/v1/me').set(auth(admin))).body as { id: string };
    const self = await t.http.patch(`/api/v1/users/${me.id}`).set(auth(admin)).send({ role: 'engineer' });
    expect(self.status).toBe(422);
    expect(self.body.details[0]).toMatchObject({ field: 'role', rule: 'notSelf' });
    expect((await t.http.patch(`/api/v1/users/${me.id}`).set(auth(user.token)).send({ active: false })).status).toBe(403);
    expect((await t.http.patch('/api/v1/users/00000000-0000-4000-8000-000000000000').set(auth(admin)).send({ active: false })).status).toBe(404);
    expect((await t.http.patch(`/api/v1/users/${user.id}`).set(auth(admin)).send({ role: 'root' })).status).toBe(400);
    expect(await t.fingerprintRows()).toEqual(before);
    expect((await t.http.get('/api/v1/me').set(auth(user.token))).status).toBe(200);
  });
});
