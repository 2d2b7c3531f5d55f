import { expect, test } from '@playwright/test';
import { ADMIN, apiGet, apiPost, baseUrl, EM, signIn, SM, tokenFor, watchConsole } from './helpers';

// One story across the three roles, in order: the SOW the manager scopes is the one approved, planned and worked on.
test.describe.configure({ mode: 'serial' });

const TITLE = `Browser test: GitLab 3k HA and GitHub migration ${Date.now()}`;
let sowId = '';

test('engagement manager scopes a SOW from the catalogue, reads quote and candidates, and submits it', async ({ page }) => {
  const problems = watchConsole(page, [400]);
  await signIn(page, EM);
  await page.getByRole('link', { name: 'SOWs', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'SOWs', level: 1 })).toBeVisible();

  // The status filter narrows the list.
  await page.getByLabel('Status').selectOption('draft');
  await expect(page).toHaveURL(/status=draft/);
  await expect(page.getByRole('table').getByRole('row').nth(1).getByText('draft', { exact: true })).toBeVisible();
  await expect(page.getByRole('table').getByText('approved', { exact: true })).toHaveCount(0);

  await page.getByText('New SOW').click();
  const create = page.getByRole('form', { name: 'New SOW' });
  await create.getByLabel('Customer').selectOption({ label: 'Northwind Freight' });
  await create.getByLabel('Title').fill(TITLE);
  await create.getByRole('button', { name: 'Create SOW' }).click();
  await expect(page).toHaveURL(/\/sows\/[0-9a-f-]{36}$/);
  sowId = page.url().split('/').pop() ?? '';
  await expect(page.getByRole('heading', { name: TITLE })).toBeVisible();

  // A parameter the API refuses: its message is shown at that field, which is marked invalid.
  const add = page.getByRole('form', { name: 'Add scope item' });
  await add.getByLabel('Template').selectOption('migration-github');
  const projects = add.getByLabel('Projects or repositories to move');
  await projects.fill('0');
  await add.getByRole('button', { name: 'Add scope item' }).click();
  await expect(add.getByText('parameters.projectCount must be at least 1')).toBeVisible();
  await expect(projects).toHaveAttribute('aria-invalid', 'true');
  await projects.fill('400');
  await add.getByLabel('Users to migrate (optional)').fill('250');
  await add.getByRole('button', { name: 'Add scope item' }).click();
  await expect(page.getByRole('table', { name: /Scope items \(1/ })).toBeVisible();

  await add.getByLabel('Template').selectOption('install-ra-3k-ha');
  await add.getByLabel(/Target platform/).selectOption('aws');
  await add.getByRole('button', { name: 'Add scope item' }).click();
  await expect(page.getByRole('table', { name: /Scope items \(2/ })).toBeVisible();

  // The quote: price, cost and margin, and one line per item.
  const totals = page.getByLabel('Quote totals');
  await expect(totals.getByText('Price')).toBeVisible();
  await expect(totals.getByText(/\d+(\.\d+)? USD/).first()).toBeVisible();
  await expect(totals.getByText('Margin')).toBeVisible();
  await expect(page.getByRole('table', { name: 'Quote lines' }).getByRole('row')).toHaveCount(3);

  // Candidates for the installation, with each criterion's score and the excluded engineers' reasons.
  await page.getByRole('button', { name: /Candidates for GitLab install/ }).click();
  const candidates = page.getByRole('region', { name: /Candidates for GitLab install/ });
  const ranked = candidates.getByRole('table', { name: 'Ranked candidates' });
  await expect(ranked.getByRole('columnheader', { name: 'skillFit' })).toBeVisible();
  expect(await ranked.getByRole('row').count()).toBeGreaterThan(1);
  await candidates.getByText(/Excluded engineers \(\d+\)/).click();
  await expect(candidates.locator('.excluded li').first()).toContainText(/\(.+\): .+/);

  await page.getByRole('button', { name: 'Submit for approval' }).click();
  await expect(page.getByText('submitted', { exact: true })).toBeVisible();
  expect(problems()).toEqual([]);
});

test('senior manager approves the SOW, watches the plan it triggers and approves the plan', async ({ page }) => {
  expect(sowId).not.toBe('');
  const problems = watchConsole(page);
  await signIn(page, SM);
  await expect(page.getByRole('heading', { name: 'Approvals', level: 1 })).toBeVisible();
  await page.getByRole('link', { name: 'Staffing plans' }).click();
  const caption = page.getByRole('table').locator('caption');
  await expect(caption).toHaveText(/\d+ plans/);
  const before = Number((await caption.textContent())?.match(/(\d+) plans/)?.[1]);

  await page.getByRole('link', { name: 'Approvals' }).click();
  const entry = page.getByRole('listitem', { name: TITLE });
  await entry.getByLabel(`Reason for ${TITLE}`).fill('Scope matches the 3k reference architecture');
  await entry.getByRole('button', { name: `Approve ${TITLE}` }).click();
  await expect(entry).toHaveCount(0);

  // The approval triggers a plan: the list shows it (it polls), newest first.
  await page.getByRole('link', { name: 'Staffing plans' }).click();
  await expect(caption).toHaveText(new RegExp(`^${before + 1} plans`), { timeout: 30_000 });
  const newest = page.getByRole('table').getByRole('row').nth(1);
  await expect(newest).toContainText('sow.approved');
  await newest.getByRole('link').click();
  await expect(page.getByRole('heading', { name: 'Staffing plan review' })).toBeVisible();
  // Watch it until the solver proposes it.
  await expect(page.getByText('proposed', { exact: true }).first()).toBeVisible({ timeout: 90_000 });
  await expect(page.getByRole('table', { name: 'KPIs before and after' }).getByRole('rowheader', { name: 'Unstaffed hours' })).toBeVisible();
  await page.getByLabel('Group moves by').selectOption('item');
  await expect(page.getByRole('region', { name: /GitLab install/ }).first()).toBeVisible();
  await page.getByRole('button', { name: 'Approve plan' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Plan approved' })).toBeVisible();
  expect(problems()).toEqual([]);
});

test('an engineer the plan put on the SOW sees the new assignment on My work', async ({ page }) => {
  expect(sowId).not.toBe('');
  const problems = watchConsole(page);
  const sm = await tokenFor(SM);
  const assignments = await apiGet<{ items: Array<{ engineerId: string; status: string }> }>(sm, `/assignments?sowId=${sowId}`);
  const live = assignments.items.filter((a) => a.status !== 'released');
  expect(live.length).toBeGreaterThan(0);
  // A login for that engineer (the demo has logins for two engineers only).
  const engineer = await apiGet<{ id: string; email: string }>(sm, `/engineers/${live[0].engineerId}`);
  const admin = await tokenFor(ADMIN);
  const password = 'browser-test-engineer-password';
  await apiPost(admin, '/users', { email: engineer.email, password, role: 'engineer', engineerId: engineer.id }).catch(() => undefined);

  await signIn(page, engineer.email, password);
  await expect(page.getByRole('heading', { name: 'My work', level: 1 })).toBeVisible();
  await expect(page.getByRole('link', { name: 'My work' })).toHaveAttribute('aria-current', 'page');
  await expect(page.getByRole('link', { name: 'SOWs', exact: true })).toHaveCount(0);
  const table = page.getByRole('table', { name: 'My assignments' });
  await expect(table.getByRole('cell', { name: TITLE }).first()).toBeVisible();
  await expect(page.getByRole('img', { name: 'My projects on a timeline' })).toBeVisible();
  await expect(page.getByRole('table', { name: /Weeks from/ }).getByRole('columnheader', { name: 'Target', exact: true })).toBeVisible();
  await expect(page.getByText(/^My billable utilization target is \d+%/)).toBeVisible();
  await expect(page.getByRole('table', { name: 'On-site days against my travel limit' })).toBeVisible();
  // Why I was picked: the score breakdown recorded when the plan assigned me.
  const why = page.locator('details').filter({ has: page.getByText(/\(Northwind Freight\): score \d/) }).last();
  await why.locator('summary').click();
  await expect(why.getByText(/^skillFit \d/)).toBeVisible();
  await page.getByRole('button', { name: 'Create calendar link' }).click();
  await expect(page.getByLabel('Calendar feed URL')).toHaveValue(new RegExp(`^${baseUrl()}/api/v1/calendar/.+\\.ics`));
  expect(problems()).toEqual([]);
});
