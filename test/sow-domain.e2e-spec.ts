import { TestApp } from '@sow/testing';

/** The EM → SM flow over HTTP: customer, SOW from templates, quote, submit, approve, change request. */
describe('SOWs, scope and approvals (real PostgreSQL)', () => {
  let t: TestApp;
  let em: string;
  let sm: string;
  let smUserId: string;
  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });

  beforeAll(async () => {
    t = await TestApp.start();
    await t.reset();
    em = await t.tokenFor('engagement_manager');
    sm = await t.tokenFor('senior_manager');
    smUserId = (await t.http.get('/api/v1/me').set(auth(sm))).body.id;
  });
  afterAll(async () => {
    await t.close();
  });

  async function draftSow(token = em, customer?: string): Promise<{ id: string; version: number }> {
    const customerId =
      customer ?? (await t.http.post('/api/v1/customers').set(auth(token)).send({ name: 'Acme', region: 'AMER' })).body.id;
    const res = await t.http
      .post('/api/v1/sows')
      .set(auth(token))
      .send({ customerId, title: 'GitLab 10k HA', startDate: '2027-01-04', endDate: '2027-03-26', currency: 'USD' });
    expect(res.status).toBe(201);
    return res.body;
  }

  it('runs the whole flow: customer, templated scope, quote, submit, approve, change request', async () => {
    const customer = await t.http
      .post('/api/v1/customers')
      .set(auth(em))
      .send({ name: 'Dept of Examples', region: 'AMER', publicSector: true, requiredClearance: 'secret' });
    expect(customer.status).toBe(201);
    expect(customer.headers.etag).toBe('"1"');

    const sow = await draftSow(em, customer.body.id);
    expect(sow).toMatchObject({ status: 'draft', requiredClearance: 'secret', version: 1, allowedTransitions: ['submitted', 'cancelled'] });

    const install = await t.http
      .post(`/api/v1/sows/${sow.id}/scope-items`)
      .set(auth(em))
      .send({ templateKey: 'install-ra-10k-ha', parameters: { cloud: 'aws' }, startDate: '2027-01-04', endDate: '2027-02-26' });
    expect(install.status).toBe(201);
    expect(install.body).toMatchObject({ kind: 'installation', templateKey: 'install-ra-10k-ha', estimatedHours: 160, minLevel: 'senior' });
    expect(install.body.requiredSkills).toEqual(expect.arrayContaining([{ key: 'terraform', minProficiency: 'mastery' }]));

    const training = await t.http
      .post(`/api/v1/sows/${sow.id}/scope-items`)
      .set(auth(em))
      .send({ templateKey: 'training-cicd', parameters: { mode: 'remote', attendees: 10 }, title: 'CI/CD class', startDate: '2027-03-01', endDate: '2027-03-05' });
    expect(training.status).toBe(201);

    const quote = await t.http.get(`/api/v1/sows/${sow.id}/quote`).set(auth(em));
    expect(quote.status).toBe(200);
    expect(quote.body.currency).toBe('USD');
    expect(quote.body.items).toHaveLength(2);
    // 160 h at the senior rate (300 bill / 130 cost) plus 12 h at the intermediate rate (250 / 105).
    expect(quote.body.items[0]).toMatchObject({ scopeItemId: install.body.id, hours: 160, price: '48000.00', cost: '20800.00' });
    expect(quote.body.totals).toMatchObject({ hours: 172, price: '51000.00', cost: '22060.00', grossMargin: '28940.00', marginPct: '56.7' });

    const current = (await t.http.get(`/api/v1/sows/${sow.id}`).set(auth(em))).body;
    expect(current.version).toBe(3);
    const submitted = await t.http.post(`/api/v1/sows/${sow.id}/submit`).set(auth(em)).set('If-Match', `"${current.version}"`).send({});
    expect(submitted.status).toBe(200);
    expect(submitted.body.status).toBe('submitted');

    const emApproves = await t.http.post(`/api/v1/sows/${sow.id}/approve`).set(auth(em)).send({});
    expect(emApproves.status).toBe(403);

    const approved = await t.http.post(`/api/v1/sows/${sow.id}/approve`).set(auth(sm)).send({ reason: 'Scope matches the RA' });
    expect(approved.status).toBe(200);
    expect(approved.body.status).toBe('approved');
    expect(approved.body.approval).toMatchObject({ decidedBy: smUserId, reason: 'Scope matches the RA' });
    expect(approved.headers.etag).toBe(`"${approved.body.version}"`);

    const again = await t.http.post(`/api/v1/sows/${sow.id}/approve`).set(auth(sm)).send({});
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('illegal_transition');
    expect(again.body.details).toEqual(expect.arrayContaining([expect.objectContaining({ rule: 'allowedTransition', message: 'approved → active' })]));

    const editApproved = await t.http.post(`/api/v1/sows/${sow.id}/scope-items`).set(auth(em)).send({ templateKey: 'training-cicd', startDate: '2027-03-01', endDate: '2027-03-05' });
    expect(editApproved.status).toBe(409);

    const cr = await t.http
      .post(`/api/v1/sows/${sow.id}/change-requests`)
      .set(auth(em))
      .send({
        reason: 'Customer wants a Geo secondary',
        changes: [
          { op: 'add', item: { templateKey: 'geo-secondary', startDate: '2027-03-08', endDate: '2027-03-19' } },
          { op: 'modify', scopeItemId: training.body.id, patch: { title: 'CI/CD class (2 cohorts)' } },
        ],
      });
    expect(cr.status).toBe(201);
    expect(cr.body.status).toBe('submitted');

    const emDecides = await t.http.post(`/api/v1/change-requests/${cr.body.id}/approve`).set(auth(em)).send({});
    expect(emDecides.status).toBe(403);

    const crApproved = await t.http.post(`/api/v1/change-requests/${cr.body.id}/approve`).set(auth(sm)).send({});
    expect(crApproved.status).toBe(200);
    expect(crApproved.body).toMatchObject({ status: 'approved', decidedBy: smUserId });

    const after = (await t.http.get(`/api/v1/sows/${sow.id}`).set(auth(em))).body;
    expect(after.version).toBe(approved.body.version + 1);
    expect(after.scopeItems.map((i: { templateKey: string }) => i.templateKey)).toEqual(['install-ra-10k-ha', 'training-cicd', 'geo-secondary']);
    expect(after.scopeItems[1].title).toBe('CI/CD class (2 cohorts)');

    const history = await t.http.get(`/api/v1/sows/${sow.id}/history`).set(auth(em));
    expect(history.status).toBe(200);
    expect(history.body.map((e: { action: string }) => e.action)).toEqual([
      'sow.created',
      'scope_item.created',
      'scope_item.created',
      'sow.submitted',
      'sow.approved',
      'change_request.submitted',
      'scope_item.created',
      'scope_item.updated',
      'change_request.approved',
    ]);

    const outbox: Array<{ type: string }> = await t.dataSource.query(`SELECT type FROM outbox_events WHERE aggregate_id = $1 ORDER BY created_at`, [sow.id]);
    expect(outbox.map((o) => o.type)).toEqual(['sow.submitted', 'sow.approved', 'change_request.submitted', 'change_request.approved']);
  });

  it('refuses a senior manager approving their own SOW (403)', async () => {
    const smAsEm = await t.tokenFor('senior_manager', { email: 'sm-owner@e2e.test' });
    // Senior managers cannot create SOWs through the API, so the ownership is set up directly.
    const sow = await draftSow();
    const ownerId = (await t.http.get('/api/v1/me').set(auth(smAsEm))).body.id;
    await t.dataSource.query(`UPDATE sows SET engagement_manager_id = $1 WHERE id = $2`, [ownerId, sow.id]);
    await t.http.post(`/api/v1/sows/${sow.id}/scope-items`).set(auth(smAsEm)).send({ templateKey: 'training-cicd', startDate: '2027-03-01', endDate: '2027-03-05' }).expect(201);
    await t.http.post(`/api/v1/sows/${sow.id}/submit`).set(auth(smAsEm)).send({}).expect(200);
    const own = await t.http.post(`/api/v1/sows/${sow.id}/approve`).set(auth(smAsEm)).send({});
    expect(own.status).toBe(403);
    const other = await t.http.post(`/api/v1/sows/${sow.id}/reject`).set(auth(sm)).send({ reason: 'Too vague' });
    expect(other.status).toBe(200);
    const reopened = await t.http.post(`/api/v1/sows/${sow.id}/reopen`).set(auth(smAsEm)).send({});
    expect(reopened.body).toMatchObject({ status: 'draft', approval: null });
  });

  it('answers 400 naming field and rule for bad scope, and writes nothing', async () => {
    const sow = await draftSow();
    const before = await t.countRows();
    const cases: Array<[Record<string, unknown>, string, string]> = [
      [{ templateKey: 'training-cicd', startDate: '2027-03-05', endDate: '2027-03-01' }, 'endDate', 'notBeforeStart'],
      [{ templateKey: 'training-cicd', startDate: '2026-12-01', endDate: '2027-01-08' }, 'startDate', 'withinSow'],
      [{ templateKey: 'no-such-template', startDate: '2027-03-01', endDate: '2027-03-05' }, 'templateKey', 'isKnownTemplate'],
      [{ templateKey: 'training-cicd', parameters: { mode: 'by-pigeon' }, startDate: '2027-03-01', endDate: '2027-03-05' }, 'parameters.mode', 'isIn: remote, on_site'],
      [
        { kind: 'advisory', title: 'x', details: {}, estimatedHours: 0, minLevel: 'senior', startDate: '2027-01-04', endDate: '2027-01-08' },
        'estimatedHours',
        'isPositive',
      ],
      [
        { kind: 'training', title: 'x', details: { architectureSize: '1k' }, estimatedHours: 8, minLevel: 'senior', startDate: '2027-01-04', endDate: '2027-01-08' },
        'details.architectureSize',
        'unknownField',
      ],
      [
        { kind: 'advisory', title: 'x', details: {}, estimatedHours: 8, minLevel: 'senior', requiredSkills: [{ key: 'cobol', minProficiency: 'mastery' }], startDate: '2027-01-04', endDate: '2027-01-08' },
        'requiredSkills[0].key',
        'isKnownSkill',
      ],
    ];
    for (const [body, field, rule] of cases) {
      const res = await t.http.post(`/api/v1/sows/${sow.id}/scope-items`).set(auth(em)).send(body);
      expect({ status: res.status, body: JSON.stringify(body) }).toEqual({ status: 400, body: JSON.stringify(body) });
      expect(res.body.details).toEqual(expect.arrayContaining([expect.objectContaining({ field, rule })]));
    }
    const badCr = await t.http.post(`/api/v1/sows/${sow.id}/change-requests`).set(auth(em)).send({ reason: 'x', changes: [{ op: 'remove' }] });
    expect(badCr.status).toBe(400);
    expect(await t.countRows()).toEqual(before);
  });

  it('answers 409 version_conflict on a stale If-Match and leaves the row unchanged', async () => {
    const sow = await draftSow();
    const first = await t.http.patch(`/api/v1/sows/${sow.id}`).set(auth(em)).set('If-Match', '"1"').send({ title: 'First writer' });
    expect(first.status).toBe(200);
    expect(first.headers.etag).toBe('"2"');
    const stale = await t.http.patch(`/api/v1/sows/${sow.id}`).set(auth(em)).set('If-Match', '"1"').send({ title: 'Second writer' });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('version_conflict');
    const staleBody = await t.http.post(`/api/v1/sows/${sow.id}/submit`).set(auth(em)).send({ version: 1 });
    expect(staleBody.status).toBe(409);
    const now = await t.http.get(`/api/v1/sows/${sow.id}`).set(auth(em));
    expect(now.body).toMatchObject({ title: 'First writer', version: 2, status: 'draft' });

    // Two writers racing with the same version: the row lock lets exactly one through.
    const race = await Promise.all(
      ['Racer A', 'Racer B', 'Racer C'].map((title) => t.http.patch(`/api/v1/sows/${sow.id}`).set(auth(em)).set('If-Match', '"2"').send({ title })),
    );
    expect(race.map((r) => r.status).sort()).toEqual([200, 409, 409]);
    const winner = race.find((r) => r.status === 200)?.body.title;
    expect((await t.http.get(`/api/v1/sows/${sow.id}`).set(auth(em))).body).toMatchObject({ title: winner, version: 3 });
  });

  it('refuses another engagement manager editing someone else’s SOW, and an engineer reading SOWs', async () => {
    const sow = await draftSow();
    const otherEm = await t.tokenFor('engagement_manager', { email: 'em2@e2e.test' });
    const res = await t.http.patch(`/api/v1/sows/${sow.id}`).set(auth(otherEm)).send({ title: 'Mine now' });
    expect(res.status).toBe(403);
    const engineer = await t.tokenFor('engineer');
    expect((await t.http.get(`/api/v1/sows/${sow.id}`).set(auth(engineer))).status).toBe(403);
  });

  it('serves the scope catalogue and the rate cards', async () => {
    const list = await t.http.get('/api/v1/scope-templates').set(auth(em));
    expect(list.status).toBe(200);
    expect(list.body.length).toBeGreaterThanOrEqual(20);
    const one = await t.http.get('/api/v1/scope-templates/install-ra-1k').set(auth(em));
    expect(one.body).toMatchObject({ key: 'install-ra-1k', kind: 'installation', builtin: true });
    expect((await t.http.get('/api/v1/scope-templates/nope').set(auth(em))).status).toBe(404);
    const docs = await t.http.get('/docs-json');
    expect(Object.keys(docs.body.paths)).toEqual(
      expect.arrayContaining(['/api/v1/sows/{id}/scope-items', '/api/v1/sows/{id}/approve', '/api/v1/change-requests/{id}/approve', '/api/v1/engineers/import', '/api/v1/rate-cards/{currency}']),
    );
    const cards = await t.http.get('/api/v1/rate-cards').set(auth(em));
    expect(cards.body[0]).toMatchObject({ currency: 'USD', rates: { senior: { billRate: '300.00', costRate: '130.00' } } });
  });
  it('manages customers: public sector needs a clearance, versions are checked, a customer with SOWs cannot go', async () => {
    const bad = await t.http.post('/api/v1/customers').set(auth(em)).send({ name: 'Gov', region: 'AMER', publicSector: true });
    expect(bad.status).toBe(400);
    expect(bad.body.details).toEqual([expect.objectContaining({ field: 'requiredClearance', rule: 'requiredWhenPublicSector' })]);
    const c = (await t.http.post('/api/v1/customers').set(auth(em)).send({ name: 'Initech', region: 'AMER' })).body;
    const renamed = await t.http.patch(`/api/v1/customers/${c.id}`).set(auth(sm)).set('If-Match', '"1"').send({ name: 'Initech Inc' });
    expect(renamed.body).toMatchObject({ name: 'Initech Inc', version: 2 });
    expect((await t.http.patch(`/api/v1/customers/${c.id}`).set(auth(sm)).set('If-Match', '"1"').send({ name: 'Lost update' })).status).toBe(409);
    await draftSow(em, c.id);
    const del = await t.http.delete(`/api/v1/customers/${c.id}`).set(auth(em));
    expect(del.status).toBe(409);
    const spare = (await t.http.post('/api/v1/customers').set(auth(em)).send({ name: 'Spare', region: 'APAC' })).body;
    expect((await t.http.delete(`/api/v1/customers/${spare.id}`).set(auth(em))).status).toBe(204);
    expect((await t.http.get(`/api/v1/customers/${spare.id}`).set(auth(em))).status).toBe(404);
    const engineer = await t.tokenFor('engineer');
    expect((await t.http.get('/api/v1/customers').set(auth(engineer))).status).toBe(403);
  });

  it('edits draft scope: patch with the item version, delete, and cancel with a reason', async () => {
    const sow = await draftSow();
    const item = (
      await t.http
        .post(`/api/v1/sows/${sow.id}/scope-items`)
        .set(auth(em))
        .send({ kind: 'advisory', title: 'Office hours', details: { block: 'consulting', weeks: 2 }, estimatedHours: 56, minLevel: 'senior', requiredSkills: [{ key: 'gitlab-ci', minProficiency: 'experience' }], startDate: '2027-01-04', endDate: '2027-01-15' })
    ).body;
    expect(item).toMatchObject({ templateKey: null, estimatedHours: 56, version: 1 });
    const patched = await t.http.patch(`/api/v1/sows/${sow.id}/scope-items/${item.id}`).set(auth(em)).set('If-Match', '"1"').send({ estimatedHours: 60.5, onsiteDays: 2 });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ estimatedHours: 60.5, onsiteDays: 2, version: 2 });
    expect(patched.headers.etag).toBe('"2"');
    expect((await t.http.patch(`/api/v1/sows/${sow.id}/scope-items/${item.id}`).set(auth(em)).set('If-Match', '"1"').send({ estimatedHours: 1 })).status).toBe(409);
    const shrink = await t.http.patch(`/api/v1/sows/${sow.id}`).set(auth(em)).send({ endDate: '2027-01-10' });
    expect(shrink.status).toBe(400);
    expect(shrink.body.details[0]).toMatchObject({ field: 'scopeItems[0].endDate', rule: 'withinSow' });
    expect((await t.http.delete(`/api/v1/sows/${sow.id}/scope-items/${item.id}`).set(auth(em))).status).toBe(204);
    expect((await t.http.get(`/api/v1/sows/${sow.id}`).set(auth(em))).body.scopeItems).toEqual([]);
    expect((await t.http.post(`/api/v1/sows/${sow.id}/submit`).set(auth(em)).send({})).status).toBe(422);
    expect((await t.http.post(`/api/v1/sows/${sow.id}/cancel`).set(auth(em)).send({})).status).toBe(400);
    const cancelled = await t.http.post(`/api/v1/sows/${sow.id}/cancel`).set(auth(em)).send({ reason: 'Customer went elsewhere' });
    expect(cancelled.body).toMatchObject({ status: 'cancelled', allowedTransitions: [] });
    const history = (await t.http.get(`/api/v1/sows/${sow.id}/history`).set(auth(em))).body as Array<{ action: string; after: { reason?: string } | null }>;
    expect(history.at(-1)).toMatchObject({ action: 'sow.cancelled', after: { reason: 'Customer went elsewhere' } });
  });

  it('rejects a change request without touching the scope, and refuses change requests on drafts', async () => {
    const sow = await draftSow();
    const item = (await t.http.post(`/api/v1/sows/${sow.id}/scope-items`).set(auth(em)).send({ templateKey: 'health-check', startDate: '2027-01-04', endDate: '2027-01-29' })).body;
    expect(item.kind).toBe('health_check');
    expect((await t.http.post(`/api/v1/sows/${sow.id}/change-requests`).set(auth(em)).send({ reason: 'x', changes: [{ op: 'remove', scopeItemId: item.id }] })).status).toBe(409);
    await t.http.post(`/api/v1/sows/${sow.id}/submit`).set(auth(em)).send({}).expect(200);
    await t.http.post(`/api/v1/sows/${sow.id}/approve`).set(auth(sm)).send({}).expect(200);
    await t.http.post(`/api/v1/sows/${sow.id}/activate`).set(auth(em)).send({}).expect(200);
    const invalid = await t.http
      .post(`/api/v1/sows/${sow.id}/change-requests`)
      .set(auth(em))
      .send({ reason: 'x', changes: [{ op: 'modify', scopeItemId: item.id, patch: { endDate: '2028-01-01' } }, { op: 'remove', scopeItemId: '00000000-0000-4000-8000-000000000000' }] });
    expect(invalid.status).toBe(400);
    expect(invalid.body.details.map((d: { field: string }) => d.field)).toEqual(['changes[0].patch.endDate', 'changes[1].scopeItemId']);
    const twice = await t.http
      .post(`/api/v1/sows/${sow.id}/change-requests`)
      .set(auth(em))
      .send({ reason: 'x', changes: [{ op: 'modify', scopeItemId: item.id, patch: { title: 'y' } }, { op: 'remove', scopeItemId: item.id }] });
    expect(twice.body.details).toEqual([expect.objectContaining({ field: 'changes[1].scopeItemId', rule: 'oncePerRequest' })]);
    const cr = (await t.http.post(`/api/v1/sows/${sow.id}/change-requests`).set(auth(em)).send({ reason: 'Drop it', changes: [{ op: 'remove', scopeItemId: item.id }] })).body;
    const rejected = await t.http.post(`/api/v1/change-requests/${cr.id}/reject`).set(auth(sm)).send({ reason: 'Still needed' });
    expect(rejected.body).toMatchObject({ status: 'rejected', decisionReason: 'Still needed' });
    expect((await t.http.post(`/api/v1/change-requests/${cr.id}/approve`).set(auth(sm)).send({})).status).toBe(409);
    const now = (await t.http.get(`/api/v1/sows/${sow.id}`).set(auth(em))).body;
    expect(now.scopeItems).toHaveLength(1);
    expect((await t.http.get(`/api/v1/sows/${sow.id}/change-requests`).set(auth(em))).body).toHaveLength(1);

    // Two requests on the same item: once one removes it, the other no longer applies and changes nothing.
    const add = { op: 'add', item: { templateKey: 'training-git-basics', startDate: '2027-01-11', endDate: '2027-01-15' } };
    const modify = (await t.http.post(`/api/v1/sows/${sow.id}/change-requests`).set(auth(em)).send({ reason: 'Add class, longer check', changes: [add, { op: 'modify', scopeItemId: item.id, patch: { estimatedHours: 80 } }] })).body;
    const remove = (await t.http.post(`/api/v1/sows/${sow.id}/change-requests`).set(auth(em)).send({ reason: 'Drop it', changes: [{ op: 'remove', scopeItemId: item.id }] })).body;
    await t.http.post(`/api/v1/change-requests/${remove.id}/approve`).set(auth(sm)).send({}).expect(200);
    const before = await t.countRows();
    const stale = await t.http.post(`/api/v1/change-requests/${modify.id}/approve`).set(auth(sm)).send({});
    expect(stale.status).toBe(400);
    expect(stale.body.details).toEqual([expect.objectContaining({ field: 'changes[1].scopeItemId', rule: 'existsOnSow' })]);
    expect(await t.countRows()).toEqual(before);
    expect((await t.http.get(`/api/v1/change-requests/${modify.id}`).set(auth(em))).body.status).toBe('submitted');
  });

  it('lets an admin manage rate cards and custom templates that SOWs then use', async () => {
    const admin = await t.tokenFor('admin');
    const rates = {
      associate: { billRate: '180.00', costRate: '80.00' },
      intermediate: { billRate: '220.00', costRate: '100.00' },
      senior: { billRate: '270.00', costRate: '120.00' },
      senior_manager: { billRate: '320.00', costRate: '150.00' },
    };
    expect((await t.http.put('/api/v1/rate-cards/EUR').set(auth(sm)).send({ name: 'EUR', rates })).status).toBe(403);
    const missing = await t.http.put('/api/v1/rate-cards/EUR').set(auth(admin)).send({ name: 'EUR', rates: { ...rates, senior: { billRate: '1.234', costRate: '1' } } });
    expect(missing.status).toBe(400);
    const eur = await t.http.put('/api/v1/rate-cards/eur').set(auth(admin)).send({ name: 'Standard EUR', rates });
    expect(eur.status).toBe(200);
    expect(eur.body).toMatchObject({ currency: 'EUR', version: 1 });

    const template = await t.http
      .post('/api/v1/scope-templates')
      .set(auth(admin))
      .send({ key: 'advisory-ci-review', name: 'CI pipeline review', kind: 'advisory', description: 'Two days reviewing pipelines', estimatedHours: 16, minLevel: 'senior', requiredSkills: [{ key: 'gitlab-ci', minProficiency: 'mastery' }], details: { topic: 'CI' } });
    expect(template.status).toBe(201);
    expect(template.body).toMatchObject({ builtin: false, defaults: { estimatedHours: 16, details: { topic: 'CI' } } });
    const badTemplate = await t.http.post('/api/v1/scope-templates').set(auth(admin)).send({ key: 'bad-one', name: 'x', kind: 'training', description: '', estimatedHours: 8, minLevel: 'senior', details: {} });
    expect(badTemplate.status).toBe(400);

    const customer = (await t.http.post('/api/v1/customers').set(auth(em)).send({ name: 'Euro GmbH', region: 'EMEA' })).body;
    const sow = (await t.http.post('/api/v1/sows').set(auth(em)).send({ customerId: customer.id, title: 'Review', startDate: '2027-01-04', endDate: '2027-01-29', currency: 'EUR' })).body;
    await t.http.post(`/api/v1/sows/${sow.id}/scope-items`).set(auth(em)).send({ templateKey: 'advisory-ci-review', startDate: '2027-01-11', endDate: '2027-01-12' }).expect(201);
    const quote = (await t.http.get(`/api/v1/sows/${sow.id}/quote?pmOverheadPct=15`).set(auth(em))).body;
    expect(quote).toMatchObject({ currency: 'EUR', totals: { hours: 18.4, price: '4968.00', cost: '2208.00' }, pmOverhead: { pct: 15, price: '648.00' } });
    const noCard = await t.http.post('/api/v1/sows').set(auth(em)).send({ customerId: customer.id, title: 'x', startDate: '2027-01-04', endDate: '2027-01-29', currency: 'JPY' });
    expect(noCard.status).toBe(400);
    expect(noCard.body.details[0].message).toContain('EUR, USD');
    await t.dataSource.query(`DELETE FROM rate_cards WHERE currency = 'EUR'`);
    await t.dataSource.query(`DELETE FROM scope_templates WHERE key = 'advisory-ci-review'`);
  });
});
