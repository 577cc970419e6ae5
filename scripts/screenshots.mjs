#!/usr/bin/env node
/**
 * Screenshots of the web app against a running server, for docs/screenshots/.
 *
 *   BASE_URL=http://localhost:3000 node scripts/screenshots.mjs
 *
 * Needs the demo data (demo accounts, password InnoTown#2026) and Debian's Chromium at /usr/bin/chromium
 * (override with CHROMIUM). Fonts: fonts-noto-cjk for the Chinese pages.
 */
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchChromium } from './chromium.mjs';

const BASE_URL = (process.env.BASE_URL ?? 'http://localhost:3000').replace(/\/$/, '');
const PASSWORD = process.env.DEMO_PASSWORD ?? 'InnoTown#2026';
const OUT = join(dirname(fileURLToPath(import.meta.url)), '..', 'docs', 'screenshots');
mkdirSync(OUT, { recursive: true });

const browser = await launchChromium();

async function shot(page, name, { fullPage = true } = {}) {
  // Let charts finish their entry animation and fonts settle.
  await page.waitForTimeout(1200);
  await page.evaluate(() => window.scrollTo(0, 0)); // the sticky header belongs at the top
  await page.waitForTimeout(200);
  await page.screenshot({ path: join(OUT, name), fullPage });
  console.log(`saved docs/screenshots/${name}`);
}

async function waitForCharts(page, count) {
  // Charts below the fold load when scrolled into view (the home page's JS budget).
  const deferred = page.getByTestId('deferred');
  if (await deferred.count()) await deferred.first().scrollIntoViewIfNeeded();
  await page.waitForFunction((n) => document.querySelectorAll('canvas').length >= n, count, { timeout: 20_000 });
}

async function newPage(locale = 'zh-CN') {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale, deviceScaleFactor: 1 });
  await context.addInitScript((value) => localStorage.setItem('innotown.locale', value), locale);
  const page = await context.newPage();
  page.on('pageerror', (error) => console.error(`page error: ${error.message}`));
  return page;
}

async function login(page, username) {
  await page.goto(`${BASE_URL}/login`);
  await page.getByTestId('login-form').waitFor();
  await page.locator('#username').fill(username);
  await page.locator('#password').fill(PASSWORD);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('user-menu').waitFor({ timeout: 15_000 });
}

try {
  // Anonymous visitor, Chinese.
  let page = await newPage('zh-CN');
  await page.goto(`${BASE_URL}/login`);
  await page.getByTestId('login-form').waitFor();
  await shot(page, 'login-zh.png', { fullPage: false });

  await page.goto(`${BASE_URL}/`);
  await page.getByTestId('home-hero').waitFor();
  await waitForCharts(page, 2);
  await shot(page, 'home-zh.png');

  // The same page after the language switch.
  await page.getByTestId('lang-switch').click();
  await page.getByText('Enterprises and institutions by town').waitFor();
  await shot(page, 'home-en.png');
  await page.context().close();

  // The public resource search and an instrument's page (anonymous).
  page = await newPage('zh-CN');
  await page.goto(`${BASE_URL}/resources?q=${encodeURIComponent('光谱')}`);
  await page.getByTestId('resource-result').first().waitFor({ timeout: 20_000 });
  await shot(page, 'resources-search-zh.png');
  await page.goto(`${BASE_URL}/resources?kind=instrument`);
  await page.getByTestId('resource-result').first().waitFor({ timeout: 20_000 });
  await page.getByTestId('resource-result').first().locator('a').first().click();
  await page.getByTestId('resource-name').waitFor();
  await shot(page, 'resource-detail-zh.png');
  await page.context().close();

  // City administrator.
  page = await newPage('zh-CN');
  await login(page, 'admin');
  await page.goto(`${BASE_URL}/`); // without the welcome toast
  await page.getByTestId('town-ranking').waitFor();
  await waitForCharts(page, 2);
  await shot(page, 'dashboard-admin-zh.png');

  await page.goto(`${BASE_URL}/enterprises`);
  await page.locator('[data-testid="enterprise-table"] tbody tr.ant-table-row').first().waitFor();
  await shot(page, 'enterprises-zh.png');

  await page.locator('[data-testid="enterprise-table"] tbody tr.ant-table-row a').first().click();
  await page.getByTestId('enterprise-name').waitFor();
  await page.getByTestId('figures-table').waitFor();
  await waitForCharts(page, 1);
  await shot(page, 'enterprise-detail-zh.png');

  await page.goto(`${BASE_URL}/admin/users`);
  await page.locator('[data-testid="user-table"] tbody tr.ant-table-row').first().waitFor();
  await shot(page, 'users-zh.png');

  await page.goto(`${BASE_URL}/admin/audit`);
  await page.locator('[data-testid="audit-table"] tbody tr.ant-table-row').first().waitFor();
  // Open the first event that changed fields, to show the changed-fields JSON.
  const rows = page.locator('[data-testid="audit-table"] tbody tr.ant-table-row');
  const total = await rows.count();
  for (let i = 0; i < total; i++) {
    await rows.nth(i).locator('.ant-table-row-expand-icon').click();
    if (await page.getByTestId('audit-changes').count()) break;
    await rows.nth(i).locator('.ant-table-row-expand-icon').click();
  }
  await shot(page, 'audit-zh.png');

  // Open-sharing statistics of the city (the demo's year of recorded use) and a new-purchase review.
  await page.goto(`${BASE_URL}/sharing-statistics`);
  await page.getByTestId('sharing-kpis').waitFor({ timeout: 20_000 });
  await page.locator('[data-testid="sharing-table"] tbody tr.ant-table-row').first().waitFor();
  await waitForCharts(page, 3);
  await shot(page, 'sharing-statistics-zh.png');

  await page.goto(`${BASE_URL}/purchase-reviews?status=submitted`);
  await page.locator('[data-testid="purchase-list"] tbody tr.ant-table-row a').first().click();
  await page.locator('[data-testid="purchase-similar"] tbody tr.ant-table-row').first().waitFor({ timeout: 20_000 });
  await shot(page, 'purchase-review-zh.png');
  await page.context().close();
} finally {
  await browser.close();
}
