import { expect, type Page } from '@playwright/test';

export const PASSWORD = 'sow-demo-password';
export const EM = 'emma.reyes@ps-demo.example';
export const SM = 'dana.whitfield@ps-demo.example';
export const ADMIN = 'admin@ps-demo.example';

export function baseUrl(): string {
  const url = process.env.SOW_BASE_URL;
  if (!url) throw new Error('SOW_BASE_URL is not set: run through playwright.config.ts (its global setup starts the stack)');
  return url;
}

/**
 * Collects uncaught page errors and console errors. Chromium also logs every 4xx answer as a console
 * error ("Failed to load resource"); the statuses a test provokes on purpose are passed in `expectedStatuses`.
 */
export function watchConsole(page: Page, expectedStatuses: readonly number[] = []): () => string[] {
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`uncaught: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    const text = message.text();
    const status = /status of (\d{3})/.exec(text);
    if (status && expectedStatuses.includes(Number(status[1]))) return;
    problems.push(`console.error: ${text}`);
  });
  return () => problems;
}

export async function signIn(page: Page, email: string, password = PASSWORD): Promise<void> {
  await page.goto(`${baseUrl()}/`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
}

/** A bearer token for API set-up and look-ups the browser flow does not cover. */
export async function tokenFor(email: string, password = PASSWORD): Promise<string> {
  const res = await fetch(`${baseUrl()}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) });
  if (!res.ok) throw new Error(`login ${email}: ${res.status}`);
  return ((await res.json()) as { accessToken: string }).accessToken;
}

export async function apiGet<T>(token: string, path: string): Promise<T> {
  const res = await fetch(`${baseUrl()}/api/v1${path}`, { headers: { Authorization: `Bearer ${token}` } });
  if (!res.ok) throw new Error(`GET ${path}: ${res.status}`);
  return (await res.json()) as T;
}

export async function apiPost<T>(token: string, path: string, body: unknown): Promise<T> {
  const res = await fetch(`${baseUrl()}/api/v1${path}`, { method: 'POST', headers: { Authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (!res.ok) throw new Error(`POST ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}
