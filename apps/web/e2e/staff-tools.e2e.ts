import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { apiGet, baseUrl, EM, signIn, SM, tokenFor, watchConsole } from './helpers';

// Runs after role-flows.e2e.ts (file order): the change request and the rebalance here trigger plans of their own.
test.describe.configure({ mode: 'serial' });

let sow: { id: string; title: string };

test('engagement manager requests a change to an approved SOW and the senior manager approves it from the inbox', async ({ page }) => {
  const problems = watchConsole(page);
  const em = await tokenFor(EM);
  const mine = await apiGet<{ items: Array<{ id: string; title: string }> }>(em, '/sows?status=approved&mine=true&limit=1');
  sow = mine.items[0];
  await signIn(page, EM);
  await page.getByRole('link', { name: 'SOWs', exact: true }).click();
  await page.getByRole('link', { name: sow.title }).click();
  const form = page.getByRole('form', { name: 'New change request' });
  await form.getByLabel('Scope item').selectOption({ index: 1 });
  await form.getByLabel('New estimated hours').fill('120');
  await form.getByLabel('Why').fill('Customer asked for a smaller first phase');
  await form.getByRole('button', { name: 'Request change' }).click();
  await expect(page.getByRole('listitem').filter({ hasText: 'Customer asked for a smaller first phase' })).toContainText('submitted');

  await page.getByRole('button', { name: 'Sign out' }).click();
  await signIn(page, SM);
  const title = `${sow.title}: Customer asked for a smaller first phase`;
  const entry = page.getByRole('listitem', { name: title });
  await entry.getByRole('button', { name: `Approve ${title}` }).click();
  await expect(entry).toHaveCount(0);
  await page.goto(`${baseUrl()}/sows/${sow.id}`);
  await expect(page.getByRole('listitem').filter({ hasText: 'Customer asked for a smaller first phase' })).toContainText('approved');
  expect(problems()).toEqual([]);
});

test('senior manager starts a rebalance, watches it to a proposal and rejects it with a reason', async ({ page }) => {
  const problems = watchConsole(page);
  await signIn(page, SM);
  await page.getByRole('link', { name: 'Staffing plans' }).click();
  await page.getByRole('button', { name: 'Start a rebalance' }).click();
  await expect(page.getByRole('heading', { name: 'Staffing plan review' })).toBeVisible();
  await expect(page.getByText('trigger manual', { exact: false })).toBeVisible();
  await expect(page.getByText(/^(proposed|stale)$/).first()).toBeVisible({ timeout: 90_000 });
  if (await page.getByText('proposed', { exact: true }).count()) {
    await page.getByLabel('Reason (required to reject)').fill('Waiting for the change request to settle');
    await page.getByRole('button', { name: 'Reject plan' }).click();
    await expect(page.getByText('rejected', { exact: true }).first()).toBeVisible();
  }
  expect(problems()).toEqual([]);
});

test('senior manager exports the engineers as CSV, imports it back and books time off', async ({ page }) => {
  const problems = watchConsole(page);
  await signIn(page, SM);
  await page.getByRole('link', { name: 'Engineers' }).click();
  const caption = page.getByRole('table').locator('caption');
  await expect(caption).toHaveText(/of \d+ engineers/);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export CSV' }).click()]);
  const path = await download.path();
  const csv = readFileSync(path, 'utf8');
  const rows = csv.trim().split('\n').length - 1;
  expect(csv.split('\n')[0]).toContain('email');
  expect(rows).toBeGreaterThan(10);

  await page.getByLabel('Engineers CSV to import').setInputFiles(path);
  await page.getByRole('button', { name: 'Import CSV' }).click();
  await expect(page.getByRole('status')).toHaveText(`Imported ${rows} rows: 0 created, ${rows} updated.`);

  await page.getByLabel('Search engineers').fill('Marcus');
  await page.getByRole('button', { name: 'Time off of Marcus Johnson' }).click();
  const panel = page.getByRole('region', { name: 'Time off of Marcus Johnson' });
  await panel.getByLabel('From').fill('2027-06-07');
  await panel.getByLabel('To').fill('2027-06-11');
  await panel.getByRole('button', { name: 'Add time off' }).click();
  await expect(panel.getByRole('listitem').filter({ hasText: 'pto: 2027-06-07 – 2027-06-11' })).toBeVisible();
  expect(problems()).toEqual([]);
});
