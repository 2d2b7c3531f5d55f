import { expect, test } from '@playwright/test';
import { ADMIN, apiPost, baseUrl, signIn, tokenFor, watchConsole } from './helpers';

test('an admin changes a user’s role, deactivates them (sign-in refused) and reactivates them', async ({ page }) => {
  const problems = watchConsole(page);
  const email = `access-${Date.now()}@ps-demo.example`;
  const password = 'admin-access-test-password';
  await apiPost(await tokenFor(ADMIN), '/users', { email, password, role: 'engagement_manager' });

  await signIn(page, ADMIN);
  const row = page.getByRole('table', { name: /\d+ users/ }).getByRole('row').filter({ hasText: email });
  await expect(row.getByRole('cell', { name: 'engagement manager', exact: true })).toBeVisible();
  await row.getByLabel(`Role of ${email}`, { exact: true }).selectOption('senior_manager');
  await row.getByRole('button', { name: `Save role of ${email}` }).click();
  await expect(row.getByRole('cell', { name: 'senior manager', exact: true })).toBeVisible();
  const login = async (): Promise<number> =>
    (await fetch(`${baseUrl()}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) })).status;
  expect(await login()).toBe(200);

  await row.getByRole('button', { name: `Deactivate ${email}` }).click();
  await expect(row.getByRole('cell', { name: 'no', exact: true })).toBeVisible();
  expect(await login()).toBeGreaterThanOrEqual(400);

  await row.getByRole('button', { name: `Reactivate ${email}` }).click();
  await expect(row.getByRole('cell', { name: 'yes', exact: true })).toBeVisible();
  expect(await login()).toBe(200);
  expect(problems()).toEqual([]);
});
