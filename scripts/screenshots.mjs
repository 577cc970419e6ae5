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
  // China time, as the users see it (slots and opening hours are Asia/Shanghai).
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

/** Calls the API as a demo user (to set up what a screenshot shows). */
async function api(username, method, path, body) {
  const login = await fetch(`${BASE_URL}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: PASSWORD }),
  });
  if (!login.ok) throw new Error(`login ${username}: ${login.status}`);
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const res = await fetch(`${BASE_URL}${path}`, {
    method,
    headers: { cookie, ...(body ? { 'content-type': 'application/json' } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return res.json();
}

/** An antd InputNumber's <input>, whether the test id sits on the input or on its wrapper. */
const numberInput = (page, testId) => page.locator(`input[data-testid="${testId}"], [data-testid="${testId}"] input`);

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

  // The service marketplace (服务超市) and a provider page, as an anonymous visitor sees them.
  page = await newPage('zh-CN');
  await page.goto(`${BASE_URL}/services?category=testing`);
  await page.getByTestId('service-card').first().waitFor({ timeout: 20_000 });
  await shot(page, 'service-marketplace-zh.png');
  await page.goto(`${BASE_URL}/services?q=${encodeURIComponent('LED 光色电')}`);
  await page.getByTestId('service-card').first().waitFor({ timeout: 20_000 });
  await page.getByTestId('service-card-provider').first().click();
  await page.getByTestId('provider-record').waitFor({ timeout: 20_000 });
  await shot(page, 'provider-page-zh.png');
  await page.context().close();

  // The innovation map (public): the towns on the city outline, 古镇镇 selected with its providers and instruments.
  page = await newPage('zh-CN');
  const towns = (await (await fetch(`${BASE_URL}/api/v1/innovation-map`)).json()).towns;
  const guzhen = towns.find((town) => town.name === '古镇镇');
  await page.goto(`${BASE_URL}/innovation-map?town=${guzhen.id}`);
  await page.getByTestId('innovation-map-town').waitFor({ timeout: 20_000 });
  await waitForCharts(page, 1);
  await shot(page, 'innovation-map-zh.png');
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

  // Voucher reports (创新券统计): figures, charts and the table — or the empty state while no voucher exists.
  await page.goto(`${BASE_URL}/vouchers/reports`);
  await page.locator('[data-testid="voucher-report-figures"], [data-testid="voucher-report-empty"]').first().waitFor({ timeout: 20_000 });
  if (await page.getByTestId('voucher-report-figures').count()) await waitForCharts(page, 3);
  await shot(page, 'voucher-reports-zh.png');

  await page.goto(`${BASE_URL}/purchase-reviews?status=submitted`);
  await page.locator('[data-testid="purchase-list"] tbody tr.ant-table-row a').first().click();
  await page.locator('[data-testid="purchase-similar"] tbody tr.ant-table-row').first().waitFor({ timeout: 20_000 });
  await shot(page, 'purchase-review-zh.png');
  await page.context().close();

  // A provider's own resources (issue 3): statuses (lamplab's include drafts, a submission and a return), import, export.
  page = await newPage('zh-CN');
  await login(page, 'lamplab');
  await page.goto(`${BASE_URL}/my/resources`);
  await page.locator('[data-testid="my-resources"] tbody tr.ant-table-row').first().waitFor({ timeout: 20_000 });
  await shot(page, 'my-resources-zh.png');
  await page.context().close();

  // The review queue of the town admin of 古镇镇 (the city admin's when 古镇镇 has nothing waiting), one submission open.
  page = await newPage('zh-CN');
  await login(page, 'guzhen');
  await page.goto(`${BASE_URL}/review/resources`);
  const queue = page.locator('[data-testid="review-queue"] tbody tr.ant-table-row');
  await Promise.race([queue.first().waitFor({ timeout: 20_000 }), page.getByText('暂无数据').waitFor({ timeout: 20_000 })]);
  if ((await queue.count()) === 0) {
    await page.context().close();
    page = await newPage('zh-CN');
    await login(page, 'admin');
    await page.goto(`${BASE_URL}/review/resources`);
    await page.locator('[data-testid="review-queue"] tbody tr.ant-table-row').first().waitFor({ timeout: 20_000 });
  }
  await page.locator('[data-testid="review-queue"] tbody tr.ant-table-row').first().getByTestId('review-open').click();
  await page.getByTestId('review-detail').waitFor({ timeout: 20_000 });
  await shot(page, 'resource-review-zh.png', { fullPage: false });
  await page.context().close();

  // An instrument's calendar as the enterprise: its confirmed booking marked, others' only busy.
  // The demo seed confirms the enterprise's spectroradiometer slot on 2026-12-08 (lamplab's instrument).
  const mine = await api('enterprise', 'GET', '/api/v1/bookings?status=confirmed&pageSize=5');
  const confirmed = mine.items.find((b) => b.start);
  if (confirmed) {
    const day = new Date(Date.parse(confirmed.start) + 8 * 3_600_000).toISOString().slice(0, 10);
    page = await newPage('zh-CN');
    await login(page, 'enterprise');
    await page.goto(`${BASE_URL}/resources/${confirmed.resourceId}/calendar?date=${day}`);
    await page.locator('[data-testid="calendar-slot"][data-mine="true"]').first().waitFor({ timeout: 20_000 });
    await shot(page, 'instrument-calendar-zh.png');
    await page.context().close();
  }

  // After the slot: a sample test at lamplab's instrument with usage recorded (time, samples, fee, extra
  // charges) as the enterprise sees it, with confirm and dispute.
  if (confirmed) {
    const sample = await api('enterprise', 'POST', '/api/v1/bookings', {
      resourceId: confirmed.resourceId,
      mode: 'sample',
      sampleCount: 6,
      purpose: '筒灯光通量与色温一致性检测',
      sampleDetails: 'LED 筒灯 6 只，3000 K',
    });
    await api('lamplab', 'POST', `/api/v1/bookings/${sample.id}/approve`, {});
    page = await newPage('zh-CN');
    await login(page, 'lamplab');
    await page.goto(`${BASE_URL}/bookings/queue?status=confirmed`);
    await page.getByTestId('booking-record-usage').first().waitFor({ timeout: 20_000 });
    await page.getByTestId('booking-record-usage').first().click();
    await page.getByTestId('usage-form').waitFor();
    await numberInput(page, 'usage-hours').first().fill('3');
    await numberInput(page, 'usage-minutes').first().fill('15');
    await numberInput(page, 'usage-samples').first().fill('6');
    await numberInput(page, 'usage-fee').first().fill('1800');
    await page.getByTestId('usage-add-extra').click();
    await numberInput(page, 'usage-extra-amount').last().fill('120');
    await page.getByTestId('usage-add-extra').click();
    await page.getByTestId('usage-extra-kind').last().click();
    await page.locator('.ant-select-item-option').filter({ hasText: '操作员工时' }).click();
    await numberInput(page, 'usage-extra-amount').last().fill('200');
    await page.locator('#usage-submit').click();
    await page.getByTestId('usage-form').waitFor({ state: 'hidden' });
    await page.context().close();

    page = await newPage('zh-CN');
    await login(page, 'enterprise');
    await page.goto(`${BASE_URL}/my/bookings`);
    await page.getByTestId('booking-confirm-usage').first().waitFor({ timeout: 20_000 });
    await shot(page, 'booking-usage-zh.png');
    await page.context().close();
  }
} finally {
  await browser.close();
}
