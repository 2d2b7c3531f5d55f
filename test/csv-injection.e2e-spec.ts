import { parse } from 'csv-parse/sync';
import { TestApp } from '@sow/testing';
import { auth, StaffingFixtures } from './staffing-fixtures';

/**
 * CSV formula injection (OWASP): a name or title that starts a formula reaches no CSV export as a
 * formula. Every export (engineers export, listing with Accept: text/csv, every report) goes through
 * the one neutralising writer.
 */
describe('CSV exports neutralise formulas (real PostgreSQL)', () => {
  let t: TestApp;
  let sm: string;
  let admin: string;
  const formula = '=HYPERLINK("http://evil.example","x")';
  const title = '@SUM(1+1)*cmd|" /C calc"!A0';

  beforeAll(async () => {
    t = await TestApp.start();
    await t.reset();
    const em = await t.tokenFor('engagement_manager');
    sm = await t.tokenFor('senior_manager');
    admin = await t.tokenFor('admin');
    const f = new StaffingFixtures(t, em, sm);
    await f.engineer({ name: formula, level: 'senior', skills: [{ key: 'terraform', proficiency: 'mastery' }] });
    await f.engineer({ name: '-2+3', level: 'intermediate', region: 'AMER', skills: [{ key: 'terraform', proficiency: 'experience' }] });
    await f.submittedSow([{ title, start: '2027-02-01', end: '2027-02-26', hours: 80, skills: [{ key: 'terraform', minProficiency: 'experience' }] }]);
  });
  afterAll(async () => {
    await t.close();
  });

  /** No unquoted cell and no parsed cell starts a formula. */
  function expectNeutral(text: string): string[][] {
    const rows = parse(text) as string[][];
    for (const cell of rows.flat()) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
    for (const line of text.split('\n').filter((l) => l !== '')) expect(line).toMatch(/^("([^"]|"")*")?(,("([^"]|"")*")?)*\r?$/);
    return rows;
  }

  it('engineers export and listing as CSV', async () => {
    const exported = await t.http.get('/api/v1/engineers/export').set(auth(sm));
    expect(exported.status).toBe(200);
    const rows = expectNeutral(exported.text);
    expect(rows.map((r) => r[0])).toEqual(expect.arrayContaining([`'${formula}`, "'-2+3"]));
    const listing = await t.http.get('/api/v1/engineers').set(auth(sm)).set('Accept', 'text/csv');
    expect(listing.text).toBe(exported.text);
    // The neutralised file imports back to the same names.
    const imported = await t.http.post('/api/v1/engineers/import').set(auth(admin)).set('Content-Type', 'text/csv').send(exported.text);
    expect(imported.body).toMatchObject({ created: 0, updated: 2 });
    const names: Array<{ name: string }> = await t.dataSource.query('SELECT name FROM engineers ORDER BY name');
    expect(names.map((n) => n.name).sort()).toEqual(['-2+3', formula].sort());
  });

  it.each([
    ['utilization', '/api/v1/reports/utilization?from=2027-02-01&to=2027-02-26&granularity=month&groupBy=engineer'],
    ['bench', '/api/v1/reports/bench?from=2027-02-01&to=2027-02-26'],
    ['travel', '/api/v1/reports/travel?from=2027-02-01&to=2027-02-28'],
    ['demand-supply', '/api/v1/reports/demand-supply?from=2027-02-01&to=2027-02-26'],
  ])('%s report as CSV', async (_name, url) => {
    const res = await t.http.get(url).set(auth(sm)).set('Accept', 'text/csv');
    expect(res.status).toBe(200);
    const rows = expectNeutral(res.text);
    expect(rows.length).toBeGreaterThan(1);
    if (_name === 'bench') expect(rows.flat().some((c) => c.startsWith(`'${title}`))).toBe(true);
    if (_name === 'utilization' || _name === 'travel') expect(rows.flat()).toContain(`'${formula}`);
  });
});
