import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { sign } from 'jsonwebtoken';
import { JwtService } from '@nestjs/jwt';
import { UserRole } from '@sow/domain';
import { TEST_PASSWORD, TestApp, waitFor } from '@sow/testing';
import { ACCESS_POLICY, Audience, AUDIENCES, isAllowed, MOUNTED_POLICY, policyOf } from '../apps/api/src/http/access-policy';
import { auth, StaffingFixtures } from './staffing-fixtures';

const ROOT = join(__dirname, '..');
const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;
type Method = (typeof METHODS)[number];

interface OpenApiDocument {
  paths: Record<string, Partial<Record<Method, { parameters?: Array<{ name: string; in: string; schema?: { format?: string } }>; 'x-roles'?: string[] }>>>;
}

/** A value that passes routing for a path parameter: a fresh UUID for ids, a plausible string otherwise. */
function pathValue(name: string, format: string | undefined): string {
  if (format === 'uuid' || /id$/i.test(name)) return randomUUID();
  if (name === 'file') return `${'Z'.repeat(43)}.ics`;
  if (name === 'currency') return 'ZZZ';
  return `no-such-${name}`;
}

interface Verdict {
  status: number;
  body: { code?: string; details?: Array<{ rule?: string }> };
}

/** 401 and a role refusal (403 hasRole) are the guard saying no; anything below 500 else means it let the caller in. */
function deniedByGuard(v: Verdict): boolean {
  return v.status === 401 || (v.status === 403 && (v.body.details ?? []).some((d) => d.rule === 'hasRole'));
}

describe('authorization (real PostgreSQL and Redis)', () => {
  let t: TestApp;
  const tokens = new Map<Audience, string | undefined>();

  beforeAll(async () => {
    t = await TestApp.start();
    await t.reset();
    tokens.set('anonymous', undefined);
    for (const role of ['engineer', 'engagement_manager', 'senior_manager', 'admin'] as const) tokens.set(role, await t.tokenFor(role));
  });
  afterAll(async () => {
    await t.close();
  });

  describe('the policy table against the OpenAPI document', () => {
    let doc: OpenApiDocument;
    const operations: Array<{ key: string; method: Method; path: string; params: Array<{ name: string; in: string; schema?: { format?: string } }> }> = [];

    beforeAll(async () => {
      doc = (await t.http.get('/docs-json')).body as OpenApiDocument;
      for (const [path, item] of Object.entries(doc.paths)) {
        for (const method of METHODS) {
          const op = item[method];
          if (op) operations.push({ key: `${method.toUpperCase()} ${path}`, method, path, params: op.parameters ?? [] });
        }
      }
    });

    it('has a policy for every route of the OpenAPI document, and no policy for a route it lacks', () => {
      expect(operations.length).toBeGreaterThan(60);
      expect(operations.map((o) => o.key).filter((k) => policyOf(k) === undefined)).toEqual([]);
      const documented = new Set(operations.map((o) => o.key));
      expect(Object.keys(ACCESS_POLICY).filter((k) => !documented.has(k))).toEqual([]);
    });

    it('publishes each route’s audiences as x-roles', () => {
      for (const { key, method, path } of operations) {
        const policy = policyOf(key);
        if (!policy) continue;
        expect({ key, roles: doc.paths[path][method]?.['x-roles'] }).toEqual({ key, roles: AUDIENCES.filter((a) => isAllowed(policy, a)) });
      }
    });

    it('lets exactly the allowed audiences through every route: 401 without a token, 403 for another role', async () => {
      const mismatches: string[] = [];
      let calls = 0;
      for (const op of operations) {
        const policy = policyOf(op.key);
        if (!policy) continue;
        let url = op.path;
        for (const p of op.params.filter((p) => p.in === 'path')) url = url.replace(`{${p.name}}`, encodeURIComponent(pathValue(p.name, p.schema?.format)));
        for (const audience of AUDIENCES) {
          const token = tokens.get(audience);
          let req = t.http[op.method](url);
          if (token) req = req.set(auth(token));
          const res = op.method === 'get' || op.method === 'delete' ? await req : await req.send({});
          calls += 1;
          const verdict: Verdict = { status: res.status, body: res.body as Verdict['body'] };
          const allowed = isAllowed(policy, audience);
          const expected = allowed ? 'let through (< 500)' : audience === 'anonymous' ? '401' : '403 hasRole';
          const ok = allowed
            ? !deniedByGuard(verdict) && verdict.status < 500
            : audience === 'anonymous'
              ? verdict.status === 401 && verdict.body.code === 'unauthenticated'
              : verdict.status === 403 && deniedByGuard(verdict);
          if (!ok) mismatches.push(`${op.key} as ${audience}: expected ${expected}, got ${verdict.status} ${JSON.stringify(verdict.body).slice(0, 160)}`);
        }
      }
      expect(mismatches).toEqual([]);
      expect(calls).toBe(operations.length * AUDIENCES.length);
    });

    it('holds the queue dashboard (mounted outside Nest) to its row too', async () => {
      const policy = MOUNTED_POLICY['GET /admin/queues'];
      for (const audience of AUDIENCES) {
        const token = tokens.get(audience);
        const req = t.http.get('/admin/queues');
        const res = token ? await req.set(auth(token)) : await req;
        const expected = isAllowed(policy, audience) ? 200 : audience === 'anonymous' ? 401 : 403;
        expect({ audience, status: res.status }).toEqual({ audience, status: expected });
      }
    });
  });

  describe('object-level rules (OWASP API1)', () => {
    let em: string;
    let sm: string;
    let sm2: string;
    let alice: string;
    let bob: string;
    let aliceId: string;
    let bobId: string;
    let bobAssignment: string;
    let bobTimeOff: string;
    let sowId: string;

    beforeAll(async () => {
      em = await t.tokenFor('engagement_manager');
      sm = await t.tokenFor('senior_manager');
      sm2 = await t.tokenFor('senior_manager', { email: 'second-sm@e2e.test' });
      const f = new StaffingFixtures(t, em, sm);
      aliceId = await f.engineer({ name: 'Alice Authz', level: 'senior' });
      bobId = await f.engineer({ name: 'Bob Authz', level: 'senior' });
      alice = await t.tokenFor('engineer', { email: 'alice-authz@e2e.test', engineerId: aliceId });
      bob = await t.tokenFor('engineer', { email: 'bob-authz@e2e.test', engineerId: bobId });
      const sow = await f.submittedSow([{ title: 'Bob’s advisory', start: '2027-01-04', end: '2027-01-29', hours: 80 }], { name: 'Authz Corp', region: 'EMEA' });
      sowId = sow.sowId;
      const res = await t.http.post(`/api/v1/scope-items/${sow.itemIds[0]}/assignments`).set(auth(em)).send({ engineerId: bobId, role: 'primary', hoursPerWeek: 20, startDate: '2027-01-04', endDate: '2027-01-29', onsiteDays: 0 });
      if (res.status !== 201) throw new Error(`propose: ${res.status} ${JSON.stringify(res.body)}`);
      bobAssignment = res.body.id;
      const off = await t.http.post(`/api/v1/engineers/${bobId}/time-off`).set(auth(bob)).send({ kind: 'pto', startDate: '2027-02-01', endDate: '2027-02-05' });
      expect(off.status).toBe(201);
      bobTimeOff = off.body.id;
    });

    it('keeps engineer A away from engineer B’s assignments: reading is 404, changing is 403, nothing changes', async () => {
      const before = await t.countRows();
      expect((await t.http.get(`/api/v1/assignments/${bobAssignment}`).set(auth(alice))).status).toBe(404);
      expect((await t.http.get(`/api/v1/assignments?engineerId=${bobId}`).set(auth(alice))).status).toBe(404);
      expect((await t.http.get('/api/v1/assignments').set(auth(alice))).body).toEqual({ items: [], total: 0 });
      expect((await t.http.get('/api/v1/me/assignments').set(auth(alice))).body).toEqual([]);
      expect((await t.http.patch(`/api/v1/assignments/${bobAssignment}`).set(auth(alice)).send({ hoursPerWeek: 1 })).status).toBe(403);
      expect((await t.http.post(`/api/v1/assignments/${bobAssignment}/release`).set(auth(alice)).send({ reason: 'mine now' })).status).toBe(403);
      expect((await t.http.post(`/api/v1/assignments/${bobAssignment}/approve`).set(auth(alice)).send({})).status).toBe(403);
      expect(await t.countRows()).toEqual(before);
      const own = await t.http.get(`/api/v1/assignments/${bobAssignment}`).set(auth(bob));
      expect(own.status).toBe(200);
      expect(own.body).toMatchObject({ hoursPerWeek: 20, status: 'proposed' });
    });

    it('keeps engineer A away from engineer B’s profile and time off', async () => {
      const before = await t.countRows();
      expect((await t.http.get(`/api/v1/engineers/${bobId}`).set(auth(alice))).status).toBe(404);
      expect((await t.http.patch(`/api/v1/engineers/${bobId}`).set(auth(alice)).send({ region: 'AMER' })).status).toBe(403);
      expect((await t.http.delete(`/api/v1/engineers/${bobId}`).set(auth(alice))).status).toBe(403);
      expect((await t.http.get(`/api/v1/engineers/${bobId}/time-off`).set(auth(alice))).status).toBe(404);
      expect((await t.http.post(`/api/v1/engineers/${bobId}/time-off`).set(auth(alice)).send({ kind: 'pto', startDate: '2027-03-01', endDate: '2027-03-02' })).status).toBe(404);
      expect((await t.http.delete(`/api/v1/engineers/${bobId}/time-off/${bobTimeOff}`).set(auth(alice))).status).toBe(404);
      // B's time off under A's own engineer id is not A's either.
      expect((await t.http.delete(`/api/v1/engineers/${aliceId}/time-off/${bobTimeOff}`).set(auth(alice))).status).toBe(404);
      expect((await t.http.get('/api/v1/engineers').set(auth(alice))).status).toBe(403);
      expect((await t.http.get('/api/v1/users').set(auth(alice))).status).toBe(403);
      expect(await t.countRows()).toEqual(before);
      const me = await t.http.get('/api/v1/me').set(auth(alice));
      expect(me.body).toMatchObject({ email: 'alice-authz@e2e.test', engineerId: aliceId });
      expect((await t.http.get(`/api/v1/engineers/${bobId}/time-off`).set(auth(bob))).body).toHaveLength(1);
    });

    it('shows engineer A only their own utilization; the organisation’s reports are closed to engineers', async () => {
      const window = 'from=2027-01-04&to=2027-01-17';
      const mine = await t.http.get(`/api/v1/me/utilization?${window}`).set(auth(alice));
      expect(mine.status).toBe(200);
      expect(mine.body.weeks.every((w: { plannedHours: number }) => w.plannedHours === 0)).toBe(true);
      const bobs = await t.http.get(`/api/v1/me/utilization?${window}`).set(auth(bob));
      expect(bobs.body.weeks.map((w: { plannedHours: number }) => w.plannedHours)).toEqual([20, 20]);
      for (const report of ['utilization', 'bench', 'travel', 'demand-supply']) {
        expect((await t.http.get(`/api/v1/reports/${report}?${window}`).set(auth(alice))).status).toBe(403);
      }
    });

    it('gives engineer A a calendar feed of A’s work only, leaves B’s feed alone, and stops a revoked token', async () => {
      const bobFeed = (await t.http.post('/api/v1/me/calendar-token').set(auth(bob))).body.url as string;
      const aliceFeed = (await t.http.post('/api/v1/me/calendar-token').set(auth(alice))).body.url as string;
      expect(aliceFeed).not.toBe(bobFeed);
      const aliceIcs = await t.http.get(aliceFeed);
      expect(aliceIcs.status).toBe(200);
      expect(aliceIcs.text).not.toContain(bobAssignment);
      expect((await t.http.get(bobFeed)).text).toContain(`assignment-${bobAssignment}@sow-planner`);
      // A revoking or rotating A's token does not touch B's.
      expect((await t.http.delete('/api/v1/me/calendar-token').set(auth(alice))).status).toBe(204);
      expect((await t.http.get(aliceFeed)).status).toBe(404);
      expect((await t.http.get(bobFeed)).status).toBe(200);
      expect((await t.http.delete('/api/v1/me/calendar-token').set(auth(bob))).status).toBe(204);
      const revoked = await t.http.get(bobFeed);
      expect(revoked.status).toBe(404);
      expect(revoked.text).not.toContain('BEGIN:VCALENDAR');
    });

    it('lets no engagement manager approve anything, and no senior manager approve a SOW they manage or a request they made', async () => {
      const before = await t.countRows();
      expect((await t.http.post(`/api/v1/sows/${sowId}/approve`).set(auth(em)).send({})).status).toBe(403);
      expect((await t.http.post(`/api/v1/assignments/${bobAssignment}/approve`).set(auth(em)).send({})).status).toBe(403);
      expect((await t.http.post(`/api/v1/staffing-plans/${randomUUID()}/approve`).set(auth(em)).send({})).status).toBe(403);

      // An engagement manager promoted to senior manager still may not approve the SOW they manage.
      const smId = (await t.http.get('/api/v1/me').set(auth(sm))).body.id as string;
      await t.dataSource.query(`UPDATE sows SET engagement_manager_id = $1 WHERE id = $2`, [smId, sowId]);
      const own = await t.http.post(`/api/v1/sows/${sowId}/approve`).set(auth(sm)).send({});
      expect(own.status).toBe(403);
      expect(own.body.code).toBe('forbidden');
      expect((await t.http.post(`/api/v1/sows/${sowId}/reject`).set(auth(sm)).send({ reason: 'mine' })).status).toBe(403);
      expect(await t.countRows()).toEqual(before);
      expect((await t.http.get(`/api/v1/sows/${sowId}`).set(auth(sm))).body.status).toBe('submitted');

      const approved = await t.http.post(`/api/v1/sows/${sowId}/approve`).set(auth(sm2)).send({ reason: 'four eyes' });
      expect(approved.status).toBe(200);
      const cr = await t.http.post(`/api/v1/sows/${sowId}/change-requests`).set(auth(sm)).send({ reason: 'More advice', changes: [{ op: 'add', item: { templateKey: 'training-cicd', startDate: '2027-02-01', endDate: '2027-02-05' } }] });
      expect(cr.status).toBe(201);
      expect((await t.http.post(`/api/v1/change-requests/${cr.body.id}/approve`).set(auth(em)).send({})).status).toBe(403);
      expect((await t.http.post(`/api/v1/change-requests/${cr.body.id}/approve`).set(auth(sm)).send({})).status).toBe(403);
      expect((await t.http.get(`/api/v1/change-requests/${cr.body.id}`).set(auth(sm))).body.status).toBe('submitted');
      expect((await t.http.post(`/api/v1/change-requests/${cr.body.id}/approve`).set(auth(sm2)).send({})).status).toBe(200);
    });
  });

  describe('sign-in and tokens', () => {
    it('answers 429 with Retry-After after repeated failures for one email, even for the right password, and not for other users', async () => {
      const throttled = await TestApp.start({ env: { LOGIN_MAX_FAILURES: '3', LOGIN_FAILURE_WINDOW_SECONDS: '60' } });
      try {
        await throttled.tokenFor('engineer', { email: 'victim@e2e.test' });
        const attempt = (password: string, email = 'victim@e2e.test') => throttled.http.post('/api/v1/auth/login').send({ email, password });
        for (let i = 0; i < 3; i++) expect((await attempt(`guess-${i}`)).status).toBe(401);
        const blocked = await attempt('guess-4');
        expect(blocked.status).toBe(429);
        expect(blocked.body).toMatchObject({ statusCode: 429, code: 'rate_limited' });
        expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
        expect(Number(blocked.headers['retry-after'])).toBeLessThanOrEqual(60);
        expect((await attempt(TEST_PASSWORD)).status).toBe(429);
        // Validation errors are not failed sign-ins, and other users sign in as usual.
        expect((await throttled.http.post('/api/v1/auth/login').send({ email: 'not-an-email', password: 'x' })).status).toBe(400);
        await throttled.tokenFor('admin');
        // The dashboard's Basic prompt is the same door.
        const basic = `Basic ${Buffer.from(`victim@e2e.test:${TEST_PASSWORD}`).toString('base64')}`;
        expect((await throttled.http.get('/admin/queues').set('Authorization', basic)).status).toBe(429);
      } finally {
        await throttled.close();
      }
    });

    it('stores passwords as argon2id hashes, never in clear', async () => {
      const rows = (await t.dataSource.query(`SELECT password_hash FROM users`)) as Array<{ password_hash: string }>;
      expect(rows.length).toBeGreaterThan(0);
      for (const { password_hash } of rows) {
        expect(password_hash).toMatch(/^\$argon2id\$v=19\$(?=[^$]*m=\d+)(?=[^$]*t=\d+)(?=[^$]*p=\d+)[mtp=\d,]+\$[A-Za-z0-9+/]+\$[A-Za-z0-9+/]+$/);
        expect(password_hash).not.toContain(TEST_PASSWORD);
      }
    });

    it('enforces the token signature, algorithm and expiry', async () => {
      const jwt = t.app.get(JwtService);
      const me = (await t.http.get('/api/v1/me').set(auth(tokens.get('admin') ?? ''))).body as { id: string; email: string };
      const claims = { sub: me.id, email: me.email, role: 'admin' as UserRole, eng: null, ver: 1 };
      const status = async (token: string) => (await t.http.get('/api/v1/users').set(auth(token))).status;

      expect(await status(await jwt.signAsync(claims, { expiresIn: 60 }))).toBe(200);
      expect(await status(await jwt.signAsync({ ...claims, exp: Math.floor(Date.now() / 1000) - 5 }))).toBe(401);
      expect(await status(sign(claims, 'another-secret-another-secret-another', { algorithm: 'HS256', expiresIn: 60 }))).toBe(401);
      const [header, , signature] = (await jwt.signAsync({ ...claims, role: 'engineer' }, { expiresIn: 60 })).split('.');
      const promoted = Buffer.from(JSON.stringify({ ...claims, iat: Math.floor(Date.now() / 1000), exp: Math.floor(Date.now() / 1000) + 60 })).toString('base64url');
      expect(await status(`${header}.${promoted}.${signature}`)).toBe(401);
      const none = `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${promoted}.`;
      expect(await status(none)).toBe(401);
      expect(await status(await jwt.signAsync({ ...claims, role: 'superuser' }, { expiresIn: 60 }))).toBe(401);
      const res = await t.http.get('/api/v1/users').set('Authorization', 'Basic YWRtaW46YWRtaW4=');
      expect(res.status).toBe(401);
      expect(res.body).toEqual({ statusCode: 401, code: 'unauthenticated', message: 'A bearer access token is required' });
    });
  });

  describe('HTTP hygiene', () => {
    it('sends helmet’s security headers on api responses and no x-powered-by', async () => {
      const res = await t.http.get('/api/v1/me').set(auth(tokens.get('engineer') ?? ''));
      expect(res.headers).toMatchObject({
        'x-content-type-options': 'nosniff',
        'x-frame-options': 'SAMEORIGIN',
        'strict-transport-security': expect.stringContaining('max-age='),
        'referrer-policy': 'no-referrer',
        'cross-origin-opener-policy': 'same-origin',
        'content-security-policy': expect.stringContaining("default-src 'self'"),
      });
      expect(res.headers['x-powered-by']).toBeUndefined();
    });

    it('answers no CORS headers unless origins are configured, and then only to those origins', async () => {
      const preflight = (app: TestApp, origin: string) =>
        app.http.options('/api/v1/me').set('Origin', origin).set('Access-Control-Request-Method', 'GET').set('Access-Control-Request-Headers', 'authorization');
      const off = await preflight(t, 'https://evil.example');
      expect(off.headers['access-control-allow-origin']).toBeUndefined();
      expect((await t.http.get('/health').set('Origin', 'https://evil.example')).headers['access-control-allow-origin']).toBeUndefined();

      const withCors = await TestApp.start({ env: { CORS_ORIGINS: 'https://planner.example' } });
      try {
        const allowed = await preflight(withCors, 'https://planner.example');
        expect(allowed.headers['access-control-allow-origin']).toBe('https://planner.example');
        const other = await preflight(withCors, 'https://evil.example');
        expect(other.headers['access-control-allow-origin']).toBeUndefined();
      } finally {
        await withCors.close();
      }
    });

    it('writes no password, token, calendar secret or JWT secret to the log of a running api', async () => {
      const port = await new Promise<number>((resolve) => {
        const server = createServer().listen(0, '127.0.0.1', () => {
          const address = server.address();
          server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
        });
      });
      const secret = `log-secret-${randomUUID()}`;
      const adminPassword = `admin-pw-${randomUUID()}`;
      let output = '';
      await t.reset(); // empty users table: the api creates its first admin from ADMIN_EMAIL/ADMIN_PASSWORD
      const child = spawn(process.execPath, ['-r', '@swc-node/register', join(ROOT, 'apps/api/src/main.ts')], {
        cwd: ROOT,
        env: {
          PATH: process.env.PATH, NODE_ENV: 'test', PORT: String(port), HOST: '127.0.0.1', DATABASE_URL: t.config.databaseUrl, REDIS_URL: t.config.redisUrl,
          QUEUE_PREFIX: `logs-${randomUUID().slice(0, 8)}`, JWT_SECRET: secret, ADMIN_EMAIL: 'log-admin@e2e.test', ADMIN_PASSWORD: adminPassword, LOG_LEVEL: 'trace', LOG_PRETTY: 'false',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      child.stdout?.on('data', (c: Buffer) => (output += c.toString()));
      child.stderr?.on('data', (c: Buffer) => (output += c.toString()));
      try {
        const base = `http://127.0.0.1:${port}`;
        await waitFor(async () => (await fetch(`${base}/health`).catch(() => undefined))?.ok, 60000, `the api to start (output: ${output.slice(-400)})`);
        const post = (path: string, body: unknown, token?: string) =>
          fetch(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...(token ? auth(token) : {}) }, body: JSON.stringify(body) });
        expect((await post('/api/v1/auth/login', { email: 'log-admin@e2e.test', password: 'wrong-password-in-clear' })).status).toBe(401);
        const login = (await (await post('/api/v1/auth/login', { email: 'log-admin@e2e.test', password: adminPassword })).json()) as { accessToken: string };
        const token = login.accessToken;
        const engineer = (await (await post('/api/v1/engineers', { name: 'Log Eng', email: 'log-eng@e2e.test', level: 'senior', region: 'EMEA', timezone: 'UTC', skills: [] }, token)).json()) as { id: string };
        const userPassword = `user-pw-${randomUUID()}`;
        expect((await post('/api/v1/users', { email: 'log-eng-user@e2e.test', password: userPassword, role: 'engineer', engineerId: engineer.id }, token)).status).toBe(201);
        const engToken = ((await (await post('/api/v1/auth/login', { email: 'log-eng-user@e2e.test', password: userPassword })).json()) as { accessToken: string }).accessToken;
        const feedUrl = ((await (await post('/api/v1/me/calendar-token', {}, engToken)).json()) as { url: string }).url;
        const feedSecret = feedUrl.slice('/api/v1/calendar/'.length, -'.ics'.length);
        expect((await fetch(`${base}${feedUrl}`)).status).toBe(200);
        expect((await fetch(`${base}/api/v1/me?token=${encodeURIComponent(token)}`, { headers: auth(token) })).status).toBe(200);
        expect((await fetch(`${base}/admin/queues`, { headers: { Authorization: `Basic ${Buffer.from(`log-admin@e2e.test:${adminPassword}`).toString('base64')}` } })).status).toBe(200);
        await new Promise((r) => setTimeout(r, 300));
        expect(output).toContain('"url":"/api/v1/calendar/[redacted]"');
        for (const leak of [secret, adminPassword, 'wrong-password-in-clear', userPassword, token, engToken, feedSecret]) {
          expect({ leak: leak.slice(0, 12), found: output.includes(leak) }).toEqual({ leak: leak.slice(0, 12), found: false });
        }
      } finally {
        child.kill('SIGTERM');
        await new Promise((r) => (child.exitCode !== null ? r(undefined) : child.once('exit', r)));
      }
    }, 90000);
  });
});
