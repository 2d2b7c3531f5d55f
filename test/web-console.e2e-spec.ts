import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { TestApp } from '@sow/testing';

/** The api serves the built console at / with deep links, while its own misses stay JSON 404s. */
describe('web console serving (real api)', () => {
  let t: TestApp;
  let dir: string;
  const INDEX = '<!doctype html><html><body><div id="root"></div><script type="module" src="/assets/index-abc.js"></script></body></html>';

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sow-web-'));
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'index.html'), INDEX);
    writeFileSync(join(dir, 'assets', 'index-abc.js'), 'console.log("console")');
    t = await TestApp.start({ webConsoleDir: dir });
  });
  afterAll(async () => {
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers / and a reloaded deep link with the console page', async () => {
    for (const path of ['/', `/sows/${randomUUID()}`, '/plans/x/y', '/my-work?tab=1']) {
      const res = await t.http.get(path).set('Accept', 'text/html,application/xhtml+xml,*/*;q=0.8');
      expect({ path, status: res.status, type: res.type }).toEqual({ path, status: 200, type: 'text/html' });
      expect(res.text).toBe(INDEX);
      expect(res.headers['cache-control']).toBe('no-cache');
    }
  });

  it('serves hashed assets with a long cache and a missing asset as 404, not the page', async () => {
    const asset = await t.http.get('/assets/index-abc.js');
    expect(asset.status).toBe(200);
    expect(asset.headers['cache-control']).toContain('immutable');
    const missing = await t.http.get('/assets/index-gone.js').set('Accept', '*/*');
    expect(missing.status).toBe(404);
    expect(missing.text).not.toContain('<div id="root">');
  });

  it('keeps unknown /api routes, even asked for HTML, as JSON 404s', async () => {
    for (const path of ['/api/v1/nope', '/api', '/api/v1/sows/extra/segments/here']) {
      const res = await t.http.get(path).set('Accept', 'text/html');
      expect({ path, status: res.status, type: res.type }).toEqual({ path, status: 404, type: 'application/json' });
      expect(res.body).toMatchObject({ statusCode: 404 });
    }
    const post = await t.http.post('/sows/anything').set('Accept', 'text/html').send({});
    expect(post.status).toBe(404);
    expect(post.type).toBe('application/json');
  });

  it('still answers the api, health and the OpenAPI document', async () => {
    expect((await t.http.get('/health').set('Accept', 'text/html')).type).toBe('application/json');
    expect((await t.http.get('/docs-json')).body.openapi).toBeDefined();
    const me = await t.http.get('/api/v1/me').set('Accept', 'text/html');
    expect(me.status).toBe(401);
    expect(me.type).toBe('application/json');
  });

  it('answers a JSON client that asks for an unknown page with JSON, not the page', async () => {
    const res = await t.http.get('/not-a-page').set('Accept', 'application/json');
    expect(res.status).toBe(404);
    expect(res.type).toBe('application/json');
  });

  it('answers 503 with a self-reloading page while npm start is still writing the build, then the console', async () => {
    const building = mkdtempSync(join(tmpdir(), 'sow-web-building-'));
    const app = await TestApp.start({ webConsoleDir: building });
    try {
      const early = await app.http.get('/sows/x').set('Accept', 'text/html');
      expect({ status: early.status, type: early.type, retry: early.headers['retry-after'] }).toEqual({ status: 503, type: 'text/html', retry: '2' });
      expect(early.text).toContain('http-equiv="refresh"');
      expect((await app.http.get('/api/v1/nope').set('Accept', 'text/html')).status).toBe(404);
      writeFileSync(join(building, 'index.html'), INDEX);
      const built = await app.http.get('/sows/x').set('Accept', 'text/html');
      expect({ status: built.status, text: built.text }).toEqual({ status: 200, text: INDEX });
    } finally {
      await app.close();
      rmSync(building, { recursive: true, force: true });
    }
  });
});
