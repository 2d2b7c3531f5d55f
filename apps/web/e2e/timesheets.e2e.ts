import { expect, test } from '@playwright/test';
import { apiGet, signIn, SM, tokenFor, watchConsole } from './helpers';

// An engineer logs, corrects and submits a week; a senior manager approves it. Serial: the second test approves the first's week.
test.describe.configure({ mode: 'serial' });

const ENGINEER = 'marcus.johnson@ps-demo.example';
const DAY = 86_400_000;
let weekStart = '';

function iso(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

interface Assignment {
  id: string;
  status: string;
  startDate: string;
  endDate: string;
}

/** The latest week (this one, else an earlier one) with no timesheet yet where an approved or active assignment has a weekday up to today. */
async function freeWeek(): Promise<{ monday: string; day: string }> {
  const token = await tokenFor(ENGINEER);
  const assignments = (await apiGet<Assignment[]>(token, '/me/assignments')).filter((a) => a.status === 'approved' || a.status === 'active');
  const opened = new Set((await apiGet<{ items: Array<{ weekStart: string }> }>(token, '/timesheets?limit=200')).items.map((t) => t.weekStart));
  const now = new Date();
  const today = iso(now.getTime());
  const thisMonday = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()) - ((now.getUTCDay() + 6) % 7) * DAY;
  for (let week = 0; week > -52; week--) {
    const monday = iso(thisMonday + week * 7 * DAY);
    if (opened.has(monday)) continue;
    for (let d = 0; d < 5; d++) {
      const day = iso(thisMonday + (week * 7 + d) * DAY);
      // Hours are logged for days already worked: the API refuses a later day.
      if (day <= today && assignments.some((a) => a.startDate <= day && day <= a.endDate)) return { monday, day };
    }
  }
  throw new Error(`${ENGINEER} has no week without a timesheet and with an approved or active assignment in the past year`);
}

test('an engineer opens a week, logs hours (a refused entry shows at its field), reverses one and submits', async ({ page }) => {
  const problems = watchConsole(page, [400]);
  const { monday, day } = await freeWeek();
  weekStart = monday;
  await signIn(page, ENGINEER);
  await page.getByRole('link', { name: 'Timesheets' }).click();
  await expect(page.getByRole('heading', { name: 'Timesheets', level: 1 })).toBeVisible();
  await page.getByLabel('Week starting (Monday)').fill(monday);
  await page.getByRole('button', { name: 'Open week' }).click();
  const week = page.getByRole('region', { name: 'Selected week' });
  await expect(week.getByRole('heading', { name: `Week of ${monday} (open)` })).toBeVisible();
  await expect(week.getByText('No hours logged this week.')).toBeVisible();

  const form = week.getByRole('form', { name: 'Log hours' });
  const assignment = form.getByLabel('Assignment');
  const firstAssignment = await assignment.locator('option').nth(1).getAttribute('value');
  await assignment.selectOption(firstAssignment ?? '');
  const dayOption = await form.getByLabel('Day').locator(`option[value="${day}"]`).textContent();
  await form.getByLabel('Day').selectOption({ label: dayOption ?? day });

  // More than a day holds: the API's message is shown at Hours, which is marked invalid.
  const hours = form.getByLabel('Hours');
  await hours.fill('30');
  await form.getByRole('button', { name: 'Log hours' }).click();
  await expect(hours).toHaveAttribute('aria-invalid', 'true');
  await expect(form.getByRole('alert').first()).toBeVisible();

  await hours.fill('6');
  await form.getByLabel('Note (optional)').fill('pipeline review');
  await form.getByRole('button', { name: 'Log hours' }).click();
  await expect(week.getByRole('table', { name: 'Entries' }).getByRole('row')).toHaveCount(2);
  await hours.fill('2.5');
  await form.getByRole('button', { name: 'Log hours' }).click();
  await expect(week.getByRole('table', { name: 'Entries' }).getByRole('row')).toHaveCount(3);
  await expect(week.getByText('Total hours').locator('xpath=..').getByText('8.5 h')).toBeVisible();

  // Reverse the 6 h entry: a negative entry is added and the total drops to 2.5 h.
  await week.getByRole('button', { name: `Reverse 6 h on ${day}` }).click();
  await expect(week.getByRole('table', { name: 'Entries' }).getByRole('row')).toHaveCount(4);
  await expect(week.getByRole('cell', { name: '-6 h' })).toBeVisible();
  await expect(week.getByRole('button', { name: `Reverse 6 h on ${day}` })).toHaveCount(0);
  const total = week.getByText('Total hours').locator('xpath=..');
  await expect(total.getByText('2.5 h')).toBeVisible();

  await week.getByRole('button', { name: 'Submit week' }).click();
  await expect(week.getByRole('heading', { name: `Week of ${monday} (submitted)` })).toBeVisible();
  await expect(week.getByRole('form', { name: 'Log hours' })).toHaveCount(0);
  expect(problems()).toEqual([]);
});

test('a senior manager sees the submitted week and approves it', async ({ page }) => {
  expect(weekStart).not.toBe('');
  const problems = watchConsole(page);
  await signIn(page, SM);
  await page.getByRole('link', { name: 'Timesheets' }).click();
  await expect(page.getByRole('heading', { name: 'Weeks waiting for approval' })).toBeVisible();
  await page.getByRole('button', { name: `Show week of ${weekStart} for Marcus Johnson` }).click();
  const week = page.getByRole('region', { name: 'Selected week' });
  await expect(week.getByRole('heading', { name: `Week of ${weekStart} (submitted)` })).toBeVisible();
  await expect(week.getByRole('table', { name: 'Entries' }).getByRole('link', { name: 'Open the SOW' })).toHaveCount(3);
  await week.getByRole('button', { name: 'Approve week' }).click();
  await expect(week.getByRole('heading', { name: `Week of ${weekStart} (approved)` })).toBeVisible();
  await expect(page.getByRole('button', { name: `Show week of ${weekStart} for Marcus Johnson` })).toHaveCount(0);

  const token = await tokenFor(SM);
  const approved = await apiGet<{ items: Array<{ weekStart: string; status: string; totalHours: number }> }>(token, `/timesheets?weekStart=${weekStart}&status=approved`);
  expect(approved.items.some((t) => t.totalHours === 2.5)).toBe(true);
  expect(problems()).toEqual([]);
});
