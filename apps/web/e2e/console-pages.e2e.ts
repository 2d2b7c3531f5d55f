import { expect, test } from '@playwright/test';
import { ADMIN, apiGet, baseUrl, EM, signIn, SM, tokenFor, watchConsole } from './helpers';

test('every page a senior manager and an admin reach from the navigation renders without console errors', async ({ page }) => {
  const problems = watchConsole(page);
  await signIn(page, SM);
  const pages: Array<[string, string]> = [
    ['SOWs', 'SOWs'],
    ['Customers', 'Customers'],
    ['Approvals', 'Approvals'],
    ['Staffing plans', 'Staffing plans'],
    ['Utilization', 'Utilization'],
    ['Reports', 'Reports'],
    ['Engineers', 'Engineers'],
    ['My work', 'My work'],
    ['Scenarios', 'Scenarios'],
    ['Hiring plan', 'Hiring plan'],
  ];
  for (const [link, heading] of pages) {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: link, exact: true }).click();
    await expect(page.getByRole('heading', { name: heading, level: 1 })).toBeVisible();
    await expect(page.getByRole('alert')).toHaveCount(0);
    await expect(page.getByRole('status').filter({ hasText: /^Loading/ })).toHaveCount(0);
  }

  // The heatmap: engineer × week, filtered by level, region and skill.
  await page.getByRole('link', { name: 'Utilization' }).click();
  const heatmap = page.getByRole('img', { name: /Utilization of \d+ engineers, 13 weeks/ });
  await expect(heatmap).toBeVisible();
  const all = Number((await heatmap.getAttribute('aria-label'))?.match(/of (\d+) engineers/)?.[1]);
  expect(all).toBeGreaterThan(10);
  await page.getByLabel('Level').selectOption('senior');
  const seniors = Number((await page.getByRole('img', { name: /Utilization of/ }).getAttribute('aria-label'))?.match(/of (\d+) engineers/)?.[1]);
  expect(seniors).toBeGreaterThan(0);
  expect(seniors).toBeLessThan(all);
  await page.getByLabel('Skill').selectOption('terraform');
  await page.getByLabel('Weeks', { exact: true }).selectOption('26');
  await expect(page.getByRole('img', { name: /26 weeks/ })).toBeVisible();

  await page.getByRole('button', { name: 'Sign out' }).click();
  await signIn(page, ADMIN);
  await expect(page.getByRole('heading', { name: 'Admin', level: 1 })).toBeVisible();
  await expect(page.getByRole('table', { name: /\d+ users/ })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Queue dashboard' })).toHaveAttribute('href', '/admin/queues');
  expect(problems()).toEqual([]);
});

test('a deep link reloads the page, sign-out forgets the session and an expired session says so', async ({ page }) => {
  // 401 is expected here: the expired token is refused.
  const problems = watchConsole(page, [401]);
  const em = await tokenFor(EM);
  const sows = await apiGet<{ items: Array<{ id: string; title: string }> }>(em, '/sows?status=approved&limit=1');
  const sow = sows.items[0];

  await signIn(page, EM);
  await page.goto(`${baseUrl()}/sows/${sow.id}`);
  await expect(page.getByRole('heading', { name: sow.title })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('heading', { name: sow.title })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Change requests' })).toBeVisible();

  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
  expect(await page.evaluate(() => sessionStorage.length)).toBe(0);
  await page.goto(`${baseUrl()}/sows/${sow.id}`);
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();

  await signIn(page, EM);
  await page.evaluate(() => sessionStorage.setItem('sow.accessToken', 'expired.token.value'));
  await page.reload();
  await expect(page.getByRole('alert')).toHaveText('Your session has expired. Sign in again to continue.');
  await expect(page.getByLabel('Email')).toBeVisible();
  expect(problems()).toEqual([]);
});

test('the sign-in form works from the keyboard alone', async ({ page }) => {
  const problems = watchConsole(page);
  await page.goto(`${baseUrl()}/`);
  // Tab only once the form is drawn: pressed earlier, it lands on the empty document (a flake under load).
  await expect(page.getByLabel('Email')).toBeVisible();
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Email')).toBeFocused();
  await page.keyboard.type(EM);
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Password')).toBeFocused();
  await page.keyboard.type('sow-demo-password');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'SOWs', level: 1 })).toBeVisible();
  // Every control on the SOW list is reachable: Tab walks through the links, the filter and the rows.
  const reached = new Set<string>();
  for (let i = 0; i < 20; i++) {
    await page.keyboard.press('Tab');
    reached.add(await page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? document.activeElement?.textContent?.trim() ?? document.activeElement?.id ?? ''));
  }
  expect([...reached]).toEqual(expect.arrayContaining(['SOWs', 'Staffing plans', 'Utilization', 'Sign out', 'New SOW']));
  expect(problems()).toEqual([]);
});

test('on a 390 px phone the pages fit the width and the navigation stays reachable', async ({ page }) => {
  const problems = watchConsole(page);
  await page.setViewportSize({ width: 390, height: 844 });
  await signIn(page, SM);
  for (const link of ['SOWs', 'Approvals', 'Staffing plans', 'Utilization', 'Engineers']) {
    const nav = page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: link, exact: true });
    await expect(nav).toBeVisible();
    await nav.click();
    await expect(page.getByRole('heading', { name: link, level: 1 })).toBeVisible();
    // Wide tables scroll inside their own box; the page itself does not scroll sideways.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  }
  expect(problems()).toEqual([]);
});
