import { TestApp, TEST_PASSWORD } from '@sow/testing';

describe('foundation (real PostgreSQL and Redis)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await TestApp.start();
    await t.reset();
  });
  afterAll(async () => {
    await t.close();
  });

  it('reports database and Redis health without a token', async () => {
    const res = await t.http.get('/health');
    expect(res.status).toBe(200);
    expect(res.body.details).toEqual({ database: { status: 'up' }, redis: { status: 'up' } });
  });

  it('serves the OpenAPI document with bearer auth declared', async () => {
    const res = await t.http.get('/docs-json');
    expect(res.status).toBe(200);
    expect(res.body.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(Object.keys(res.body.paths)).toEqual(expect.arrayContaining(['/api/v1/auth/login', '/api/v1/me', '/api/v1/users']));
    expect(res.body.components.schemas.LoginRequest.required).toEqual(['email', 'password']);
  });

  it('logs in and answers /me for the token holder', async () => {
    const token = await t.tokenFor('engagement_manager');
    const me = await t.http.get('/api/v1/me').set('Authorization', `Bearer ${token}`);
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ email: 'engagement-manager@e2e.test', role: 'engagement_manager', active: true });
    expect(me.body).not.toHaveProperty('passwordHash');
  });

  it('rejects a wrong password and an unknown email alike with 401', async () => {
    await t.tokenFor('engineer');
    const wrong = await t.http.post('/api/v1/auth/login').send({ email: 'engineer@e2e.test', password: 'not-the-password' });
    const unknown = await t.http.post('/api/v1/auth/login').send({ email: 'nobody@e2e.test', password: TEST_PASSWORD });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body).toEqual(unknown.body);
    expect(wrong.body).toEqual({ statusCode: 401, code: 'unauthenticated', message: 'Email or password is wrong' });
  });

  it('answers 400 naming an unknown field and each invalid field', async () => {
    const res = await t.http.post('/api/v1/auth/login').send({ email: 'not-an-email', password: 'x', isAdmin: true });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('validation_failed');
    const fields = (res.body.details as Array<{ field: string; rule: string }>).map((d) => `${d.field}:${d.rule}`);
    expect(fields).toEqual(expect.arrayContaining(['isAdmin:unknownField', 'email:isEmail']));
  });

  it('answers 400 on malformed JSON and 413 over the body limit', async () => {
    const bad = await t.http.post('/api/v1/auth/login').set('Content-Type', 'application/json').send('{"email":');
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('bad_request');
    const huge = await t.http
      .post('/api/v1/auth/login')
      .send({ email: 'a@b.c', password: 'x'.repeat(t.config.bodyLimitKb * 1024 + 10) });
    expect(huge.status).toBe(413);
    expect(huge.body.code).toBe('payload_too_large');
  });

  it('denies by default: no token, a forged token, and a wrong role', async () => {
    expect((await t.http.get('/api/v1/me')).status).toBe(401);
    const forged = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4Iiwicm9sZSI6ImFkbWluIn0.c2lnbmF0dXJl';
    expect((await t.http.get('/api/v1/me').set('Authorization', `Bearer ${forged}`)).status).toBe(401);
    const em = await t.tokenFor('engagement_manager');
    const res = await t.http.get('/api/v1/users').set('Authorization', `Bearer ${em}`);
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('forbidden');
  });

  it('lets an admin create users, and refuses a duplicate email with 409 and no second row', async () => {
    const admin = await t.tokenFor('admin');
    const body = { email: 'New.SM@e2e.test', password: 'a-long-enough-password', role: 'senior_manager' };
    const created = await t.http.post('/api/v1/users').set('Authorization', `Bearer ${admin}`).send(body);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ email: 'new.sm@e2e.test', role: 'senior_manager', version: 1 });
    const before = await t.countRows();
    const dup = await t.http.post('/api/v1/users').set('Authorization', `Bearer ${admin}`).send({ ...body, email: 'new.sm@E2E.test' });
    expect(dup.status).toBe(409);
    expect(await t.countRows()).toEqual(before);
    const login = await t.http.post('/api/v1/auth/login').send({ email: 'new.sm@e2e.test', password: body.password });
    expect(login.status).toBe(200);
    // A login linked to an engineer who does not exist is a 400 naming engineerId, and writes nothing.
    const ghost = await t.http
      .post('/api/v1/users')
      .set('Authorization', `Bearer ${admin}`)
      .send({ email: 'ghost@e2e.test', password: 'a-long-enough-password', role: 'engineer', engineerId: '00000000-0000-4000-8000-000000000000' });
    expect(ghost.status).toBe(400);
    expect(ghost.body.details).toEqual([expect.objectContaining({ field: 'engineerId', rule: 'exists' })]);
    expect(await t.countRows()).toEqual(before);
  });

  it('answers 400 naming a malformed id and 404 in the error shape for unknown routes', async () => {
    const admin = await t.tokenFor('admin');
    const bad = await t.http.get('/api/v1/users/not-a-uuid').set('Authorization', `Bearer ${admin}`);
    expect(bad.status).toBe(400);
    expect(bad.body.details).toEqual([{ field: 'id', rule: 'isUuid', message: 'id must be a UUID' }]);
    const missing = await t.http.get('/api/v1/nothing-here').set('Authorization', `Bearer ${admin}`);
    expect(missing.status).toBe(404);
    expect(missing.body.code).toBe('not_found');
  });

  it('sends security headers and a request id', async () => {
    const res = await t.http.get('/health').set('x-request-id', 'req-abc-123');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-request-id']).toBe('req-abc-123');
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('has entities and migrations in agreement (no pending schema change)', async () => {
    const sql = await t.dataSource.driver.createSchemaBuilder().log();
    expect(sql.upQueries.map((q) => q.query)).toEqual([]);
  });
});
