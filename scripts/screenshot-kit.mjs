/**
 * What every screenshot script (scripts/screenshots*.mjs) shares: where the server is, the demo password,
 * where the pictures go, calling the API as a demo user, a browser page set up as the users see the app,
 * logging in through the form and saving a page. Kept in one place so that a change to the login form, the
 * locale switch or the screenshot size is made once and every set of docs/screenshots/ stays alike.
 */
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchChromium } from './chromium.mjs';

/** The running server to photograph (`BASE_URL`, no trailing slash); the dev server's port by default. */
export const BASE_URL = (process.env.BASE_URL ?? 'http://localhost:3000').replace(/\/$/, '');

/** The demo accounts' password (the demo seed's, unless `DEMO_PASSWORD` says otherwise). */
export const PASSWORD = process.env.DEMO_PASSWORD ?? 'InnoTown#2026';

/** docs/screenshots/, which the docs link to; created on first use so a fresh checkout can take the pictures. */
export const OUT = join(dirname(fileURLToPath(import.meta.url)), '..', 'docs', 'screenshots');
mkdirSync(OUT, { recursive: true });

/**
 * Logs a demo user in through the API and answers the session cookie (`name=value`), for requests that set
 * up what a screenshot shows (as the user would through the pages, only faster).
 * @param {string} username
 * @returns {Promise<string>}
 */
export async function sessionCookie(username) {
  const login = await fetch(`${BASE_URL}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: PASSWORD }),
  });
  if (!login.ok) throw new Error(`login ${username}: ${login.status}`);
  return (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
}

/**
 * Calls the API as a demo user (a fresh login each time, so any user can act in any order) and answers the
 * JSON body; throws on any non-2xx answer so a script stops before photographing a page that is not set up.
 * @param {string} username
 * @param {string} method
 * @param {string} path  starting with /api/v1
 * @param {unknown} [body]  sent as JSON when given
 */
export async function api(username, method, path, body) {
  const cookie = await sessionCookie(username);
  const res = await fetch(`${BASE_URL}${path}`, {
    method,
    headers: { cookie, ...(body ? { 'content-type': 'application/json' } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return res.json();
}

/**
 * Runs `fn` with Debian's Chromium (scripts/chromium.mjs) and closes it afterwards, also when a step fails,
 * so no headless browser is left behind.
 * @template T
 * @param {(browser: import('playwright-core').Browser) => Promise<T>} fn
 * @returns {Promise<T>}
 */
export async function withBrowser(fn) {
  const browser = await launchChromium();
  try {
    return await fn(browser);
  } finally {
    await browser.close();
  }
}

/**
 * A page in a new browser context, as the users see the app: a 1440×900 desktop window, China time (slots
 * and opening hours are Asia/Shanghai) and the app's language preset in localStorage (the app reads
 * `innotown.locale` before the browser's language). Page errors are printed so a broken page is not
 * photographed silently. Close it with `page.context().close()`.
 * @param {import('playwright-core').Browser} browser
 * @param {string} [locale]  'zh-CN' or 'en-US'
 * @returns {Promise<import('playwright-core').Page>}
 */
export async function newPage(browser, locale = 'zh-CN') {
  const context = await browser.newContext({
    viewport: { width: 1440, height: 900 },
    locale,
    timezoneId: 'Asia/Shanghai',
    deviceScaleFactor: 1,
  });
  await context.addInitScript((value) => localStorage.setItem('innotown.locale', value), locale);
  const page = await context.newPage();
  page.on('pageerror', (error) => console.error(`page error: ${error.message}`));
  return page;
}

/**
 * Logs in through the login form (not the API), so the browser holds the session the way a user's would,
 * and waits for the user menu.
 * @param {import('playwright-core').Page} page
 * @param {string} username
 */
export async function login(page, username) {
  await page.goto(`${BASE_URL}/login`);
  await page.getByTestId('login-form').waitFor();
  await page.locator('#username').fill(username);
  await page.locator('#password').fill(PASSWORD);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('user-menu').waitFor({ timeout: 15_000 });
}

/**
 * Saves the page as docs/screenshots/<name> (the whole page unless `fullPage: false`) and says so, so a run
 * lists what it replaced.
 * @param {import('playwright-core').Page} page
 * @param {string} name
 * @param {{ fullPage?: boolean }} [options]
 */
export async function save(page, name, { fullPage = true } = {}) {
  await page.screenshot({ path: join(OUT, name), fullPage });
  console.log(`saved docs/screenshots/${name}`);
}

/**
 * One screenshot in its own browser context: logs in as `username` (anonymous without one), opens `path`,
 * waits for the first element with `testId`, runs `act` (to type or click into the state to show), lets
 * charts and fonts settle for `settleMs`, runs `beforeSave`, then saves and closes the context. A fresh
 * context per picture keeps one user's session or open dialog out of the next picture.
 * @param {import('playwright-core').Browser} browser
 * @param {{
 *   username?: string,
 *   locale: string,
 *   name: string,
 *   path: string,
 *   testId: string,
 *   fullPage?: boolean,
 *   settleMs?: number,
 *   act?: (page: import('playwright-core').Page) => Promise<void>,
 *   beforeSave?: (page: import('playwright-core').Page) => Promise<void>,
 * }} shot
 */
export async function shotAs(browser, { username, locale, name, path, testId, fullPage = true, settleMs = 1200, act, beforeSave }) {
  const page = await newPage(browser, locale);
  if (username) await login(page, username);
  await page.goto(`${BASE_URL}${path}`);
  await page.getByTestId(testId).first().waitFor({ timeout: 20_000 });
  if (act) await act(page);
  await page.waitForTimeout(settleMs);
  if (beforeSave) await beforeSave(page);
  await save(page, name, { fullPage });
  await page.context().close();
}

/** The two languages of the app with the file-name suffix of their screenshots. */
export const LOCALES = [
  ['zh-CN', 'zh'],
  ['en-US', 'en'],
];
