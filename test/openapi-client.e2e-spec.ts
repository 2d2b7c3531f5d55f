import createClient from 'openapi-fetch';
import { randomUUID } from 'node:crypto';
import { DEMO_PASSWORD, DEMO_USERS, DemoSeedService } from '@sow/core';
import { TestApp } from '@sow/testing';
import type { components, paths } from '../apps/web/src/api/schema';

type Schemas = components['schemas'];

/**
 * The console's client, generated from docs/openapi.json (openapi-typescript → apps/web/src/api/schema.d.ts,
 * checked fresh by npm run web:api:check) calling the running api through openapi-fetch. `npm run typecheck` compiles this
 * file against the generated types, so a field the document misnames or mistypes breaks the build; the
 * assertions check the values the api really sends.
 */
describe('a client generated from the OpenAPI document (openapi-typescript + openapi-fetch)', () => {
  let t: TestApp;
  let baseUrl: string;

  beforeAll(async () => {
    t = await TestApp.start();
    await t.reset();
    await t.app.get(DemoSeedService).seed();
    await t.app.listen(0, '127.0.0.1');
    baseUrl = (await t.app.getUrl()).replace('[::1]', '127.0.0.1');
    // The demo seed writes a quarter of work through the services (slower on a loaded machine).
  }, 180000);
  afterAll(async () => {
    await t.close();
  });

  async function signIn(role: string): Promise<ReturnType<typeof createClient<paths>>> {
    const email = DEMO_USERS.find((u) => u.role === role)?.email ?? '';
    const { data, error, response } = await createClient<paths>({ baseUrl }).POST('/api/v1/auth/login', { body: { email, password: DEMO_PASSWORD } });
    if (!data) throw new Error(`login ${email}: ${response.status} ${JSON.stringify(error)}`);
    const session: Schemas['LoginResponse'] = data;
    expect(session.tokenType).toBe('Bearer');
    expect(session.expiresIn).toBeGreaterThan(0);
    return createClient<paths>({ baseUrl, headers: { Authorization: `Bearer ${session.accessToken}` } });
  }

  it('signs in, pages SOWs with integer limits, and reads nullable approvals as null or an object', async () => {
    const api = await signIn('engagement_manager');
    const approved = await api.GET('/api/v1/sows', { params: { query: { status: 'approved', limit: 100, offset: 0 } } });
    const drafts = await api.GET('/api/v1/sows', { params: { query: { status: 'draft', limit: 100 } } });
    if (!approved.data || !drafts.data) throw new Error('no SOW pages');
    expect(approved.data.items.length).toBeGreaterThan(0);
    expect(drafts.data.items.length).toBeGreaterThan(0);
    for (const sow of approved.data.items) {
      const approval: Schemas['ApprovalResponse'] | null = sow.approval;
      expect(approval?.decidedAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    }
    for (const sow of drafts.data.items) expect(sow.approval).toBeNull();
    expect(approved.data.total).toBe(approved.data.items.length);
  });

  it('quotes a SOW (pmOverhead nullable), submits one with no body, and types the error body', async () => {
    const api = await signIn('engagement_manager');
    const drafts = await api.GET('/api/v1/sows', { params: { query: { status: 'draft', mine: true } } });
    let draft: Schemas['SowResponse'] | undefined;
    for (const s of drafts.data?.items ?? []) {
      const detail = await api.GET('/api/v1/sows/{id}', { params: { path: { id: s.id } } });
      if ((detail.data?.scopeItems ?? []).length > 0) draft = detail.data;
    }
    if (!draft) throw new Error('no draft with scope items of my own');
    const quote = await api.GET('/api/v1/sows/{id}/quote', { params: { path: { id: draft.id }, query: { pmOverheadPct: 10 } } });
    const overhead: Schemas['PmOverheadResponse'] | null | undefined = quote.data?.pmOverhead;
    expect(overhead?.pct).toBe(10);
    expect(overhead?.price).toMatch(/^\d+\.\d{2}$/);
    const none = await api.GET('/api/v1/sows/{id}/quote', { params: { path: { id: draft.id }, query: { pmOverheadPct: 0 } } });
    expect(none.data?.pmOverhead === null || none.data?.pmOverhead?.pct === 0).toBe(true);

    // The document makes the transition body optional, so the generated client sends none.
    const submitted = await api.POST('/api/v1/sows/{id}/submit', { params: { path: { id: draft.id } } });
    expect(submitted.data?.status).toBe('submitted');

    const missing = await api.GET('/api/v1/sows/{id}', { params: { path: { id: randomUUID() } } });
    const error: Schemas['ErrorBody'] | undefined = missing.error;
    expect(missing.response.status).toBe(404);
    expect(error).toMatchObject({ statusCode: 404, code: 'not_found' });
  });

  it('reads CSV and the assignments of an engineer with their nullable override', async () => {
    const manager = await signIn('senior_manager');
    const csv = await manager.GET('/api/v1/engineers/export', { params: { query: { limit: 5 } }, parseAs: 'text' });
    const text: string | undefined = csv.data;
    expect(text?.split('\n')[0].replace(/"/g, '')).toContain('name,email,level');
    const assignments = await manager.GET('/api/v1/assignments', { params: { query: { limit: 50 } } });
    const items: Schemas['AssignmentResponse'][] = assignments.data?.items ?? [];
    expect(items.length).toBeGreaterThan(0);
    for (const a of items) {
      const override: Schemas['OverrideResponse'] | null = a.override;
      expect(override === null || typeof override.reason === 'string').toBe(true);
    }
  });
});
