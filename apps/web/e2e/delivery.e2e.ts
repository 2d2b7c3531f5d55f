import { expect, test } from '@playwright/test';
import { apiGet, signIn, SM, tokenFor, watchConsole } from './helpers';

test('a senior manager reads planned against actual for a period, the SOWs at risk and a SOW’s health', async ({ page }) => {
  const problems = watchConsole(page);
  await signIn(page, SM);
  await page.getByRole('link', { name: 'Delivery' }).click();
  await expect(page.getByRole('heading', { name: 'Delivery', level: 1 })).toBeVisible();

  // Last month: the demo's approved history gives it revenue, cost and actual hours.
  const period = page.getByLabel('Period');
  const lastMonth = (await period.locator('option').filter({ hasText: /^Month / }).nth(1).getAttribute('value')) ?? '';
  await period.selectOption(lastMonth);
  await expect(page.getByText(new RegExp(`^${lastMonth}: `))).toBeVisible();
  const planned = page.getByRole('table', { name: 'Planned against actual' });
  await expect(planned.getByRole('rowheader', { name: 'Attainment' })).toBeVisible();
  await expect(planned.getByRole('row', { name: /Utilization/ }).getByRole('cell').last()).toHaveText(/^\d+%$/);
  const money = page.getByRole('table', { name: 'Revenue, cost and margin' });
  await expect(money.getByRole('row').nth(1).getByRole('cell').first()).toHaveText(/^\d+(\.\d+)?$/);
  await expect(page.getByLabel('Delivery outcomes').getByText('Mean CSAT')).toBeVisible();

  // The filters narrow the figures to one level.
  const all = Number((await page.getByText(new RegExp(`^${lastMonth}: `)).textContent())?.match(/(\d+) engineers/)?.[1]);
  await page.getByLabel('Level').selectOption('senior');
  await expect(page.getByRole('table', { name: 'By level' }).getByRole('row')).toHaveCount(2);
  const seniors = Number((await page.getByText(new RegExp(`^${lastMonth}: `)).textContent())?.match(/(\d+) engineers/)?.[1]);
  expect(seniors).toBeLessThan(all);

  // The inbox lists what the API lists; a SOW's page shows its health.
  const token = await tokenFor(SM);
  const inbox = await apiGet<{ items: Array<{ sowId: string; title: string }> }>(token, '/sow-health');
  await expect(page.getByRole('heading', { name: 'SOWs at risk or off track' })).toBeVisible();
  await expect(page.getByRole('list', { name: 'SOWs at risk or off track' }).getByRole('listitem').filter({ has: page.getByRole('link') })).toHaveCount(inbox.items.length);
  const sows = await apiGet<{ items: Array<{ id: string; title: string }> }>(token, '/sows?status=active&limit=1');
  await page.goto(`${page.url().replace(/\/delivery.*$/, '')}/sows/${sows.items[0].id}`);
  const health = page.getByRole('region', { name: 'Health' });
  await expect(health.getByRole('heading', { name: /^Health: (on track|at risk|off track)$/ })).toBeVisible();
  await expect(health.getByRole('term').filter({ hasText: 'Forecast finish' })).toBeVisible();
  await expect(health.getByRole('table', { name: 'Scope item health' }).getByRole('row').nth(1)).toBeVisible();
  expect(problems()).toEqual([]);
});
