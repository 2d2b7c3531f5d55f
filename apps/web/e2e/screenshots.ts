import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Page } from '@playwright/test';
import { startStack } from './stack';

/**
 * npm run screenshots: each role's main page on the demo organisation, written to docs/screenshots/.
 * Starts the built api and worker on a database of its own (SCREENSHOTS_DATABASE_NAME, default sow_screenshots).
 */
const OUT = join(__dirname, '../../../docs/screenshots');
const PASSWORD = 'sow-demo-password';
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

async function signIn(page: Page, base: string, email: string): Promise<void> {
  await page.goto(`${base}/`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
}

async function settle(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle');
  await page.waitForFunction(() => !document.querySelector('[role="status"]')?.textContent?.startsWith('Loading'));
  await page.waitForTimeout(300);
}

async function shoot(page: Page, name: string): Promise<void> {
  await settle(page);
  await page.screenshot({ path: join(OUT, `${name}.png`), fullPage: false });
  process.stdout.write(`docs/screenshots/${name}.png\n`);
}

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  const stack = await startStack({ databaseName: process.env.SCREENSHOTS_DATABASE_NAME ?? 'sow_screenshots' });
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ARGS });
  try {
    const base = stack.baseUrl;
    const context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
    const page = await context.newPage();

    await signIn(page, base, 'emma.reyes@ps-demo.example');
    await page.getByRole('link', { name: 'SOWs', exact: true }).click();
    await shoot(page, 'em-sows');
    await page.getByLabel('Status').selectOption('draft');
    await page.getByRole('table').getByRole('link').first().click();
    await page.getByRole('button', { name: /^Candidates for/ }).first().click();
    await shoot(page, 'em-sow-page');

    await page.getByRole('button', { name: 'Sign out' }).click();
    await signIn(page, base, 'dana.whitfield@ps-demo.example');
    await shoot(page, 'sm-approvals');
    await page.getByRole('link', { name: 'Staffing plans' }).click();
    await page.getByRole('table').getByRole('row').nth(1).getByRole('link').click();
    await page.getByText('proposed', { exact: true }).first().waitFor({ timeout: 90_000 });
    await shoot(page, 'sm-plan-review');
    await page.getByRole('link', { name: 'Utilization' }).click();
    await page.getByRole('img', { name: /Utilization of/ }).waitFor();
    await shoot(page, 'sm-utilization');
    await page.getByRole('link', { name: 'Delivery' }).click();
    await page.getByRole('table', { name: 'Planned against actual' }).waitFor();
    await shoot(page, 'sm-delivery');
    // A SOW at risk, from the health inbox: its health panel (burn, forecast, slip, items' reasons).
    await page.getByRole('list', { name: 'SOWs at risk or off track' }).getByRole('link').first().click();
    const health = page.getByRole('region', { name: 'Health' });
    await health.getByRole('heading', { name: /^Health: / }).waitFor();
    await health.scrollIntoViewIfNeeded();
    await shoot(page, 'sm-sow-health');
    await page.getByRole('link', { name: 'Timesheets' }).click();
    await page.getByRole('heading', { name: 'Weeks waiting for approval' }).waitFor();
    await page.getByRole('button', { name: /^Show week of/ }).first().click();
    await page.getByRole('region', { name: 'Selected week' }).waitFor();
    await shoot(page, 'sm-timesheets');

    await page.getByRole('button', { name: 'Sign out' }).click();
    await signIn(page, base, 'marcus.johnson@ps-demo.example');
    await shoot(page, 'engineer-my-work');
    await page.getByRole('link', { name: 'Timesheets' }).click();
    await page.getByRole('button', { name: /^Show week of/ }).first().click();
    await page.getByRole('region', { name: 'Selected week' }).getByRole('table', { name: 'Entries' }).waitFor();
    await shoot(page, 'engineer-timesheets');

    await page.getByRole('button', { name: 'Sign out' }).click();
    await signIn(page, base, 'admin@ps-demo.example');
    await shoot(page, 'admin');

    const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 1 });
    const mobile = await phone.newPage();
    await signIn(mobile, base, 'dana.whitfield@ps-demo.example');
    await shoot(mobile, 'phone-approvals');
  } finally {
    await browser.close();
    await stack.stop();
  }
}

void main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
