import { expect, type Locator, type Page, test } from '@playwright/test';
import { ADMIN, apiGet, apiPost, EM, signIn, SM, tokenFor, watchConsole } from './helpers';

// Each page's main task done with the keyboard alone (Tab to a control, type, Enter or Space), and every
// visible control with an accessible name. The mouse is never used after sign-in.

/** Presses Tab until `target` has the focus; fails when it is not reached within `max` presses. */
async function tabTo(page: Page, target: Locator, max = 80): Promise<void> {
  await expect(target).toBeVisible();
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`${target.toString()} was not reached with ${max} presses of Tab`);
}

/** Follows a navigation link from the keyboard: Tab to it from the top of the page, then Enter. */
async function goByKeyboard(page: Page, link: string, heading = link): Promise<void> {
  await page.locator('body').evaluate((body) => {
    (document.activeElement as HTMLElement | null)?.blur();
    body.focus();
  });
  await tabTo(page, page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: link, exact: true }));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: heading, level: 1 })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: /^Loading/ })).toHaveCount(0);
}

/**
 * An axe-style check of the page as drawn: every visible link, button, input, select, textarea and
 * summary has an accessible name (text, aria-label, aria-labelledby, a <label>, or a title), and every
 * form control sits in the Tab order. Returns the offenders, described.
 */
async function unnamedControls(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const visible = (el: Element): boolean => {
      const box = (el as HTMLElement).getBoundingClientRect();
      return box.width > 0 && box.height > 0 && getComputedStyle(el).visibility !== 'hidden';
    };
    const nameOf = (el: Element): string => {
      const labelledBy = el.getAttribute('aria-labelledby');
      const byIds = labelledBy ? labelledBy.split(/\s+/).map((id) => document.getElementById(id)?.textContent ?? '').join(' ') : '';
      const labels = 'labels' in el ? Array.from((el as HTMLInputElement).labels ?? []).map((l) => l.textContent ?? '').join(' ') : '';
      const alt = Array.from(el.querySelectorAll('img[alt]')).map((i) => i.getAttribute('alt') ?? '').join(' ');
      const own = ['INPUT', 'SELECT', 'TEXTAREA'].includes(el.tagName) ? '' : (el.textContent ?? '');
      return [el.getAttribute('aria-label') ?? '', byIds, labels, alt, own, el.getAttribute('title') ?? ''].join(' ').trim();
    };
    for (const el of Array.from(document.querySelectorAll('a[href], button, input:not([type=hidden]), select, textarea, summary, [role=button], [role=link]'))) {
      if (!visible(el)) continue;
      const what = `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${el.getAttribute('name') ? `[name=${el.getAttribute('name')}]` : ''}`;
      if (nameOf(el) === '') problems.push(`${what}: no accessible name`);
      if ((el as HTMLElement).tabIndex < 0 && !(el as HTMLButtonElement).disabled) problems.push(`${what}: not in the Tab order`);
    }
    return problems;
  });
}

test('engagement manager, by keyboard: adds a customer, creates a SOW, scopes it from the catalogue; every control named', async ({ page }) => {
  const problems = watchConsole(page);
  const stamp = Date.now();
  await signIn(page, EM);

  await goByKeyboard(page, 'Customers');
  expect(await unnamedControls(page)).toEqual([]);
  const customer = `Keyboard Customer ${stamp}`;
  await tabTo(page, page.getByLabel('Customer name'));
  await page.keyboard.type(customer);
  await tabTo(page, page.getByRole('form', { name: 'New customer' }).getByLabel('Region'));
  await page.keyboard.type('EMEA');
  await tabTo(page, page.getByRole('form', { name: 'New customer' }).getByRole('button'));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('cell', { name: customer })).toBeVisible();

  await goByKeyboard(page, 'SOWs');
  expect(await unnamedControls(page)).toEqual([]);
  await tabTo(page, page.getByText('New SOW', { exact: true }));
  await page.keyboard.press('Enter');
  const create = page.getByRole('form', { name: 'New SOW' });
  await tabTo(page, create.getByLabel('Customer'));
  await page.keyboard.type(customer);
  await expect(create.getByLabel('Customer')).not.toHaveValue('');
  const title = `Keyboard SOW ${stamp}`;
  await tabTo(page, create.getByLabel('Title'));
  await page.keyboard.type(title);
  await tabTo(page, create.getByRole('button', { name: 'Create SOW' }));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: title })).toBeVisible();

  // The SOW page: a scope item from the catalogue, its parameters as a form, added with Enter.
  const add = page.getByRole('form', { name: 'Add scope item' });
  await tabTo(page, add.getByLabel('Template'));
  await page.keyboard.type('Readiness');
  await expect(add.getByLabel('Template')).toHaveValue('health-check');
  await tabTo(page, add.getByRole('button', { name: 'Add scope item' }));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('table', { name: /Scope items \(1/ })).toBeVisible();
  await expect(page.getByLabel('Quote totals').getByText('Margin')).toBeVisible();
  expect(await unnamedControls(page)).toEqual([]);
  // Candidates for the item open from the keyboard too.
  await tabTo(page, page.getByRole('button', { name: /Candidates for Readiness Assessment/ }));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('region', { name: /Candidates for Readiness Assessment/ }).getByRole('table', { name: 'Ranked candidates' })).toBeVisible();
  expect(problems()).toEqual([]);
});

test('senior manager, by keyboard: rejects a SOW with a reason, opens a plan review, filters the heatmap and delivery, reads reports, adds time off', async ({ page }) => {
  const problems = watchConsole(page);
  const stamp = Date.now();
  // A SOW of its own to decide on (rejecting it triggers no plan, so the other browser tests' plans stay fresh).
  const em = await tokenFor(EM);
  const customers = await apiGet<{ items: Array<{ id: string }> }>(em, '/customers?limit=1');
  const title = `Keyboard approval ${stamp}`;
  const sow = await apiPost<{ id: string }>(em, '/sows', { customerId: customers.items[0].id, title, startDate: '2027-03-01', endDate: '2027-04-30', currency: 'USD' });
  await apiPost(em, `/sows/${sow.id}/scope-items`, { kind: 'advisory', title: 'Advisory', details: {}, estimatedHours: 40, minLevel: 'senior', requiredSkills: [], onsiteDays: 0, startDate: '2027-03-01', endDate: '2027-03-31' });
  await apiPost(em, `/sows/${sow.id}/submit`, {});

  await signIn(page, SM);
  await goByKeyboard(page, 'Approvals');
  expect(await unnamedControls(page)).toEqual([]);
  await tabTo(page, page.getByRole('textbox', { name: `Reason for ${title}` }));
  await page.keyboard.type('Out of budget for this quarter');
  await tabTo(page, page.getByRole('button', { name: `Reject ${title}` }));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('listitem', { name: title })).toHaveCount(0);

  await goByKeyboard(page, 'Staffing plans');
  expect(await unnamedControls(page)).toEqual([]);
  const plans = page.getByRole('table', { name: /plans, newest first/ });
  await tabTo(page, plans.getByRole('link').first());
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/plans\/[0-9a-f-]{36}/);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  expect(await unnamedControls(page)).toEqual([]);

  await goByKeyboard(page, 'Utilization');
  const heatmap = page.getByRole('img', { name: /Utilization of \d+ engineers/ });
  const all = Number((await heatmap.getAttribute('aria-label'))?.match(/of (\d+) engineers/)?.[1]);
  await tabTo(page, page.getByLabel('Level'));
  await page.keyboard.type('Senior');
  await expect(page.getByRole('img', { name: /Utilization of \d+ engineers/ })).not.toHaveAttribute('aria-label', new RegExp(`of ${all} engineers`));
  expect(await unnamedControls(page)).toEqual([]);

  await goByKeyboard(page, 'Reports');
  await tabTo(page, page.getByLabel('From'));
  await expect(page.getByRole('table', { name: /^Engineers below target/ })).toBeVisible();
  expect(await unnamedControls(page)).toEqual([]);

  await goByKeyboard(page, 'Delivery');
  const period = page.getByLabel('Period');
  const before = await period.inputValue();
  await tabTo(page, period);
  await page.keyboard.press('ArrowDown');
  await expect(period).not.toHaveValue(before);
  await expect(page.getByRole('table', { name: 'Planned against actual' })).toBeVisible();
  expect(await unnamedControls(page)).toEqual([]);

  // Engineers: time off added from the keyboard (the form's dates default; Enter submits).
  await goByKeyboard(page, 'Engineers');
  expect(await unnamedControls(page)).toEqual([]);
  await tabTo(page, page.getByLabel('Search engineers'));
  await page.keyboard.type('Ethan');
  const toggle = page.getByRole('button', { name: 'Time off of Ethan Park' });
  await tabTo(page, toggle);
  await page.keyboard.press('Enter');
  const panel = page.getByRole('region', { name: 'Time off of Ethan Park' });
  const form = panel.getByRole('form', { name: 'Add time off' });
  // A date field takes its digits in the locale's order (en-US: month, day, year), moving on by itself.
  await tabTo(page, form.getByLabel('From'));
  await page.keyboard.type('03012029');
  await tabTo(page, form.getByLabel('To'));
  await page.keyboard.type('03022029');
  await expect(form.getByLabel('To')).toHaveValue('2029-03-02');
  await tabTo(page, form.getByRole('button'));
  await page.keyboard.press('Enter');
  await expect(panel.getByRole('listitem').filter({ hasText: '2029-03-01 – 2029-03-02' })).toBeVisible();
  expect(problems()).toEqual([]);
});

/** Presses ArrowDown on the focused <select> until it holds `value` (the keyboard's way through a list). */
async function arrowTo(page: Page, select: Locator, value: string): Promise<void> {
  await tabTo(page, select);
  for (let i = 0; i < 40 && (await select.inputValue()) !== value; i++) await page.keyboard.press('ArrowDown');
  await expect(select).toHaveValue(value);
}

const DAY = 86_400_000;
const iso = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

/**
 * An engineer with live work on a day of this week up to today and no timesheet for the week yet (the
 * demo's own engineer logins are left to the other tests), given a login of their own.
 */
async function engineerWithWorkToLog(stamp: number): Promise<{ email: string; assignmentId: string; day: string; monday: string }> {
  const sm = await tokenFor(SM);
  const now = new Date();
  const today = iso(now.getTime());
  const monday = iso(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()) - ((now.getUTCDay() + 6) % 7) * DAY);
  const missing = await apiGet<{ items: Array<{ engineerId: string; email: string; timesheetId: string | null }> }>(sm, `/timesheets/missing?weekStart=${monday}`);
  for (const candidate of missing.items.filter((i) => i.timesheetId === null && !/marcus|ethan/.test(i.email))) {
    const assignments = await apiGet<{ items: Array<{ id: string; status: string; startDate: string; endDate: string }> }>(sm, `/assignments?engineerId=${candidate.engineerId}&limit=100`);
    for (let d = 0; d < 7; d++) {
      const day = iso(Date.parse(monday) + d * DAY);
      if (day > today) break;
      const live = assignments.items.find((a) => (a.status === 'approved' || a.status === 'active') && a.startDate <= day && day <= a.endDate);
      if (!live) continue;
      const email = `keyboard.engineer.${stamp}@ps-demo.example`;
      await apiPost(await tokenFor(ADMIN), '/users', { email, password: 'keyboard-password-123', role: 'engineer', engineerId: candidate.engineerId });
      return { email, assignmentId: live.id, day, monday };
    }
  }
  throw new Error(`no demo engineer has live work up to ${today} in the week of ${monday} and no timesheet for it`);
}

test('engineer and admin, by keyboard: copies the calendar link, opens a week and logs hours, adds a user', async ({ page }) => {
  const problems = watchConsole(page);
  const work = await engineerWithWorkToLog(Date.now());
  await signIn(page, work.email, 'keyboard-password-123');
  await goByKeyboard(page, 'My work');
  expect(await unnamedControls(page)).toEqual([]);
  await tabTo(page, page.getByRole('button', { name: 'Create calendar link' }));
  await page.keyboard.press('Enter');
  await expect(page.getByLabel('Calendar feed URL')).toHaveValue(/\/calendar\//);

  await goByKeyboard(page, 'Timesheets');
  expect(await unnamedControls(page)).toEqual([]);
  await expect(page.getByLabel('Week starting (Monday)')).toHaveValue(work.monday);
  await tabTo(page, page.getByRole('button', { name: 'Open week' }));
  await page.keyboard.press('Enter');
  const opened = page.getByRole('region', { name: 'Selected week' });
  await expect(opened.getByRole('heading', { name: `Week of ${work.monday} (open)` })).toBeVisible();
  const log = opened.getByRole('form', { name: 'Log hours' });
  await arrowTo(page, log.getByLabel('Assignment'), work.assignmentId);
  await arrowTo(page, log.getByLabel('Day'), work.day);
  await tabTo(page, log.getByLabel('Hours'));
  await page.keyboard.type('1.5');
  await page.keyboard.press('Enter');
  await expect(opened.getByRole('table', { name: 'Entries' }).getByRole('cell', { name: '1.5 h' }).first()).toBeVisible();
  expect(await unnamedControls(page)).toEqual([]);
  await tabTo(page, opened.getByRole('button', { name: 'Submit week' }));
  await page.keyboard.press('Enter');
  await expect(opened.getByRole('heading', { name: `Week of ${work.monday} (submitted)` })).toBeVisible();

  await tabTo(page, page.getByRole('button', { name: 'Sign out' }));
  await page.keyboard.press('Enter');
  await signIn(page, ADMIN);
  await expect(page.getByRole('heading', { name: 'Admin', level: 1 })).toBeVisible();
  expect(await unnamedControls(page)).toEqual([]);
  const user = page.getByRole('form', { name: 'New user' });
  const email = `keyboard.${Date.now()}@ps-demo.example`;
  await tabTo(page, user.getByLabel('User email'));
  await page.keyboard.type(email);
  await tabTo(page, user.getByLabel('Initial password'));
  await page.keyboard.type('keyboard-password-123');
  await tabTo(page, user.getByRole('button'));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('cell', { name: email, exact: true })).toBeVisible();
  expect(problems()).toEqual([]);
});
