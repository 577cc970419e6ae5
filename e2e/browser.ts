import type { Browser, BrowserContext, Page } from 'playwright-core';
import { inject } from 'vitest';
import { launchChromium } from '../scripts/chromium.mjs';

export const DEMO_PASSWORD = 'InnoTown#2026';
export const baseUrl = () => inject('baseUrl');

/** Debian's Chromium, headless (see scripts/chromium.mjs). */
export const launchBrowser = (): Promise<Browser> => launchChromium();

export async function newPage(browser: Browser): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ baseURL: baseUrl(), viewport: { width: 1400, height: 900 }, locale: 'zh-CN' });
  const page = await context.newPage();
  return { context, page };
}

/** Signs in through the login form, as a person would. */
export async function loginViaForm(page: Page, username: string, password = DEMO_PASSWORD) {
  await page.goto('/login');
  await page.locator('#username, input[name="username"]').first().fill(username);
  await page.locator('#password, input[name="password"], input[type="password"]').first().fill(password);
  await Promise.all([
    page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/login') && r.request().method() === 'POST'),
    page.locator('button[type="submit"]').first().click(),
  ]);
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}

/**
 * Signs out through the user menu and waits for the server to end the session. The dropdown
 * opens with an animation; a click that lands while it is still moving is tried again, as a
 * person would.
 */
export async function logoutViaMenu(page: Page) {
  for (let attempt = 0; attempt < 3; attempt++) {
    await page.getByTestId('user-menu').click();
    const item = page.getByTestId('logout');
    try {
      await item.waitFor({ state: 'visible', timeout: 5_000 });
      const [response] = await Promise.all([
        page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/logout'), { timeout: 5_000 }),
        item.click(),
      ]);
      if (response.ok()) return;
    } catch {
      await page.keyboard.press('Escape');
    }
  }
  throw new Error('could not sign out through the user menu');
}

/** Calls the API as a demo user from the test process (for ids the journey needs). */
export async function apiAs(username: string, pathAndQuery: string): Promise<unknown> {
  const login = await fetch(`${baseUrl()}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  });
  if (!login.ok) throw new Error(`login ${username}: ${login.status}`);
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const res = await fetch(`${baseUrl()}${pathAndQuery}`, { headers: { cookie } });
  if (!res.ok) throw new Error(`${pathAndQuery}: ${res.status}`);
  return res.json();
}

/** Sends a JSON POST to the API as a demo user from the test process (to set up what a journey starts from). */
export async function apiPostAs(username: string, pathAndQuery: string, body: unknown): Promise<unknown> {
  const login = await fetch(`${baseUrl()}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  });
  if (!login.ok) throw new Error(`login ${username}: ${login.status}`);
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const res = await fetch(`${baseUrl()}${pathAndQuery}`, {
    method: 'POST',
    headers: { cookie, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${pathAndQuery}: ${res.status} ${await res.text()}`);
  return res.json();
}
