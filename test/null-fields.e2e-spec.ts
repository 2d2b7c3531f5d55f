import { OpenApiContract, OpenApiDocument, TestApp } from '@sow/testing';
import { UserRole } from '@sow/domain';
import { policyOf } from '../apps/api/src/http/access-policy';
import { auth, StaffingFixtures } from './staffing-fixtures';

interface Schema {
  $ref?: string;
  allOf?: Schema[];
  oneOf?: Schema[];
  properties?: Record<string, Schema>;
  nullable?: boolean;
  type?: string | string[];
}
interface OpenApi {
  paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema?: Schema }> }; parameters?: Array<{ name: string; in: string }> }>>;
  components: { schemas: Record<string, Schema> };
}

/**
 * `{"field": null}` on every field of every JSON body: a field the OpenAPI document does not mark
 * nullable answers 400 naming that field, and nothing is written. Ids in the paths are real, so the
 * request would reach the service if validation let null through (it did: 500s on PATCH).
 */
describe('null in request bodies (real PostgreSQL)', () => {
  let t: TestApp;
  let doc: OpenApi;
  const tokens = new Map<UserRole, string>();
  const ids: Record<string, string> = {};

  const resolve = (s: Schema | undefined): Schema => {
    let out = s ?? {};
    for (let i = 0; i < 10 && (out.$ref || out.allOf?.length === 1); i++) out = out.$ref ? doc.components.schemas[out.$ref.split('/').pop() ?? ''] : { ...out.allOf?.[0], ...out, allOf: undefined };
    return out;
  };

  /** OpenAPI 3.1 says null with `type: [..., 'null']` or `oneOf: [..., { type: 'null' }]`; 3.0 with `nullable`. */
  const acceptsNull = (s: Schema): boolean =>
    s.nullable === true || (Array.isArray(s.type) && s.type.includes('null')) || s.type === 'null' || (s.oneOf ?? []).some((o) => o.type === 'null');

  beforeAll(async () => {
    t = await TestApp.start();
    await t.reset();
    for (const role of ['admin', 'senior_manager', 'engagement_manager'] as const) tokens.set(role, await t.tokenFor(role));
    const em = tokens.get('engagement_manager') as string;
    const sm = tokens.get('senior_manager') as string;
    const f = new StaffingFixtures(t, em, sm);
    const engineer = await f.engineer({ name: 'Nell Null', level: 'senior' });
    const submitted = await f.submittedSow([{ title: 'Install', start: '2027-01-04', end: '2027-01-29', hours: 80 }]);
    const assignment = await t.http
      .post(`/api/v1/scope-items/${submitted.itemIds[0]}/assignments`)
      .set(auth(sm))
      .send({ engineerId: engineer, role: 'primary', hoursPerWeek: 20, startDate: '2027-01-04', endDate: '2027-01-29', onsiteDays: 0 });
    expect(assignment.status).toBe(201);
    const customer = await t.http.post('/api/v1/customers').set(auth(em)).send({ name: 'Null Corp', region: 'EMEA' });
    const draft = await t.http.post('/api/v1/sows').set(auth(em)).send({ customerId: customer.body.id, title: 'Draft', startDate: '2027-01-04', endDate: '2027-03-26', currency: 'USD' });
    const item = await t.http
      .post(`/api/v1/sows/${draft.body.id}/scope-items`)
      .set(auth(em))
      .send({ kind: 'advisory', title: 'Advice', details: {}, estimatedHours: 40, minLevel: 'associate', requiredSkills: [], onsiteDays: 0, startDate: '2027-01-04', endDate: '2027-01-29' });
    expect(item.status).toBe(201);
    Object.assign(ids, { engineer, assignment: assignment.body.id, customer: customer.body.id, draft: draft.body.id, item: item.body.id, submitted: submitted.sowId });
    doc = (await t.http.get('/docs-json')).body as OpenApi;
  });
  afterAll(async () => {
    await t.close();
  });

  /** The path with real ids: edits go to the draft SOW, transitions to the submitted one. */
  function realPath(path: string): string {
    return path
      .replace('/engineers/{id}', `/engineers/${ids.engineer}`)
      .replace('/customers/{id}', `/customers/${ids.customer}`)
      .replace(/\/sows\/\{id\}\/(submit|approve|reject|cancel|activate|complete|reopen|change-requests)/, `/sows/${ids.submitted}/$1`)
      .replace('/sows/{id}', `/sows/${ids.draft}`)
      .replace('{itemId}', ids.item)
      .replace('/scope-items/{id}', `/scope-items/${ids.item}`)
      .replace('/assignments/{id}', `/assignments/${ids.assignment}`)
      .replace('{currency}', 'USD')
      .replace(/\{[^}]+\}/g, '00000000-0000-4000-8000-000000000000');
  }

  it('answers 400 naming the field for null on every non-nullable field of every JSON body, and writes nothing', async () => {
    const cases: Array<{ method: string; path: string; field: string; nullable: boolean }> = [];
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        const schema = resolve(op.requestBody?.content['application/json']?.schema);
        for (const [field, prop] of Object.entries(schema.properties ?? {})) cases.push({ method, path, field, nullable: acceptsNull(prop) || acceptsNull(resolve(prop)) });
      }
    }
    expect(cases.filter((c) => c.path === '/api/v1/engineers/{id}' && c.method === 'patch').map((c) => c.field)).toEqual(expect.arrayContaining(['skills', 'active', 'billable', 'leadCapable']));
    expect(cases.filter((c) => !c.nullable).length).toBeGreaterThan(80);
    const failures: string[] = [];
    for (const c of cases.filter((x) => !x.nullable)) {
      const allow = policyOf(`${c.method.toUpperCase()} ${c.path}`)?.allow ?? [];
      const role = allow === 'public' ? undefined : (['admin', 'senior_manager', 'engagement_manager'] as const).find((r) => allow.includes(r));
      if (allow !== 'public' && role === undefined) continue;
      const before = await t.fingerprintRows();
      let req = t.http[c.method as 'post' | 'patch' | 'put'](realPath(c.path)).send({ [c.field]: null });
      if (role) req = req.set(auth(tokens.get(role) as string));
      const res = await req;
      const named = (res.body.details ?? []).some((d: { field: string }) => d.field === c.field);
      if (res.status !== 400 || !named) failures.push(`${c.method.toUpperCase()} ${c.path} ${c.field}: ${res.status} ${JSON.stringify(res.body).slice(0, 160)}`);
      const after = await t.fingerprintRows();
      const changed = Object.keys(after).filter((table) => after[table] !== before[table]);
      if (changed.length > 0) failures.push(`${c.method.toUpperCase()} ${c.path} ${c.field}: wrote to ${changed.join(', ')}`);
    }
    expect(failures).toEqual([]);
  });

  it('answers below 500 to wrong types, over-long and control-character text, extreme numbers and out-of-range dates on every field, and writes nothing on a 4xx', async () => {
    const hostile: unknown[] = [{}, true, -1e308, 'x'.repeat(20_000), 'a\u202e\r\u0007\u001b[2Jb', '1999-12-31', '2027-02-30'];
    const failures: string[] = [];
    let sent = 0;
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        const schema = resolve(op.requestBody?.content['application/json']?.schema);
        const allow = policyOf(`${method.toUpperCase()} ${path}`)?.allow ?? [];
        const role = allow === 'public' ? undefined : (['admin', 'senior_manager', 'engagement_manager'] as const).find((r) => allow.includes(r));
        if (allow !== 'public' && role === undefined) continue;
        for (const field of Object.keys(schema.properties ?? {})) {
          for (const value of hostile) {
            const before = await t.fingerprintRows();
            let req = t.http[method as 'post' | 'patch' | 'put'](realPath(path)).send({ [field]: value });
            if (role) req = req.set(auth(tokens.get(role) as string));
            const res = await req;
            sent += 1;
            const shown = JSON.stringify(value).slice(0, 40);
            if (res.status >= 500) failures.push(`${method.toUpperCase()} ${path} ${field}=${shown}: ${res.status}`);
            if (res.status >= 400) {
              const after = await t.fingerprintRows();
              const changed = Object.keys(after).filter((table) => after[table] !== before[table]);
              if (changed.length > 0) failures.push(`${method.toUpperCase()} ${path} ${field}=${shown}: ${res.status} but wrote to ${changed.join(', ')}`);
            }
          }
        }
      }
    }
    expect(sent).toBeGreaterThan(600);
    expect(failures).toEqual([]);
  }, 180000);

  it('answers below 500, within the OpenAPI contract, to null, wrong-type, over-long, control-character and boundary-date values in every query parameter of every GET', async () => {
    const contract = new OpenApiContract(doc as unknown as OpenApiDocument);
    const hostile = ['null', '', '{}', 'true', '-1e308', 'x'.repeat(5_000), 'a\u202e\r\u0007\u001b[2Jb', '1999-12-31', '2100-12-31', '2027-02-30', '0001-01-01'];
    const failures: string[] = [];
    let sent = 0;
    for (const [path, ops] of Object.entries(doc.paths)) {
      const op = ops.get;
      if (!op) continue;
      const allow = policyOf(`GET ${path}`)?.allow ?? [];
      const role = allow === 'public' ? undefined : (['admin', 'senior_manager', 'engagement_manager'] as const).find((r) => allow.includes(r));
      if (allow !== 'public' && role === undefined) continue;
      for (const param of (op.parameters ?? []).filter((p) => p.in === 'query')) {
        for (const value of hostile) {
          const url = `${realPath(path)}?${encodeURIComponent(param.name)}=${encodeURIComponent(value)}`;
          let req = t.http.get(url);
          if (role) req = req.set(auth(tokens.get(role) as string));
          const res = await req;
          sent += 1;
          if (res.status >= 500) failures.push(`GET ${path} ${param.name}=${JSON.stringify(value).slice(0, 40)}: ${res.status}`);
          else if (res.status !== 431) {
            const problems = contract.check({ method: 'get', url, status: res.status, responseContentType: res.headers['content-type'] as string | undefined, responseText: res.text ?? '' }, { lenientRequests: true });
            failures.push(...problems.map((p) => p.slice(0, 300)));
          }
        }
      }
    }
    expect(sent).toBeGreaterThan(200);
    expect(failures).toEqual([]);
  }, 120000);

  it('still accepts null where null is declared (clearing a clearance)', async () => {
    const sm = tokens.get('senior_manager') as string;
    const cleared = await t.http.patch(`/api/v1/engineers/${ids.engineer}`).set(auth(sm)).send({ clearance: null });
    expect(cleared.status).toBe(200);
    expect(cleared.body.clearance).toBeNull();
  });
});
