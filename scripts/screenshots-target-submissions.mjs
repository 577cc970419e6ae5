#!/usr/bin/env node
/**
 * Screenshots of statistics submission (统计填报): the town's form with an outlier that needs an
 * explanation, and the city's review of a submitted year, for docs/screenshots/.
 * Uses the demo seed's open 2025 period (古镇 has not started; some towns are under review) and saves
 * 古镇's draft through the API, as guzhen would.
 *
 *   BASE_URL=http://localhost:3000 node scripts/screenshots-target-submissions.mjs
 */
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchChromium } from './chromium.mjs';

const BASE_URL = (process.env.BASE_URL ?? 'http://localhost:3000').replace(/\/$/, '');
const PASSWORD = process.env.DEMO_PASSWORD ?? 'InnoTown#2026';
const OUT = join(dirname(fileURLToPath(import.meta.url)), '..', 'docs', 'screenshots');
mkdirSync(OUT, { recursive: true });

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

const periods = (await api('guzhen', 'GET', '/api/v1/reporting-periods')).items;
const open = periods.find((p) => p.status === 'open' && p.quarter === null);
const last = periods.find((p) => p.year === open.year - 1 && p.quarter === null);
const lastApproved = (await api('guzhen', 'GET', `/api/v1/statistic-submissions?periodId=${last.id}&status=approved`)).items[0];
const previous = new Map(
  (await api('guzhen', 'GET', `/api/v1/statistic-submissions/${lastApproved.id}`)).values.map((v) => [v.statisticCode, v.value]),
);
// 古镇's draft: every figure 4 % up except GDP (typed in the browser, as an outlier without explanation).
let mine = (await api('guzhen', 'GET', `/api/v1/statistic-submissions?periodId=${open.id}`)).items[0];
if (!mine) {
  const values = Object.fromEntries(
    [...previous].filter(([code]) => code !== 'gdp').map(([code, v]) => [code, { value: Math.round(v * 1.04) }]),
  );
  mine = await api('guzhen', 'PUT', '/api/v1/statistic-submissions', { periodId: open.id, values });
}
const rdIntensity = (await api('admin', 'GET', '/api/v1/indicators')).items.find((i) => i.code === 'rd_intensity');
const outlier = Math.round(previous.get('gdp') * 1.45);

const browser = await launchChromium();
async function shotAs(username, locale, name, path, testId, act) {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale, timezoneId: 'Asia/Shanghai' });
  await context.addInitScript((value) => localStorage.setItem('innotown.locale', value), locale);
  const page = await context.newPage();
  page.on('pageerror', (error) => console.error(`page error: ${error.message}`));
  await page.goto(`${BASE_URL}/login`);
  await page.getByTestId('login-form').waitFor();
  await page.locator('#username').fill(username);
  await page.locator('#password').fill(PASSWORD);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('user-menu').waitFor({ timeout: 15_000 });
  await page.goto(`${BASE_URL}${path}`);
  await page.getByTestId(testId).first().waitFor({ timeout: 20_000 });
  if (act) await act(page);
  await page.waitForTimeout(1200);
  // a field with an error scrolls into view; the full-page shot starts from the top, with no hover
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.mouse.move(0, 0);
  await page.waitForTimeout(300);
  await page.screenshot({ path: join(OUT, name), fullPage: true });
  console.log(`saved docs/screenshots/${name}`);
  await context.close();
}
try {
  const editable = mine.status === 'draft' || mine.status === 'returned';
  for (const [locale, suffix] of [
    ['zh-CN', 'zh'],
    ['en-US', 'en'],
  ]) {
    if (!editable) break;
    await shotAs(
      'guzhen',
      locale,
      `target-submission-form-${suffix}.png`,
      `/targets/submissions/${mine.id}`,
      'submission-form',
      async (page) => {
        await page.locator('[data-testid="stat-value-gdp"] input, input[data-testid="stat-value-gdp"]').fill(String(outlier));
        await page.getByTestId('submission-submit').click();
        await page.locator('.ant-form-item-explain-error').first().waitFor();
      },
    );
  }
  // 古镇 explains the outlier and submits; the city reviews it.
  if (editable) {
    const values = Object.fromEntries(mine.values?.map((v) => [v.statisticCode, { value: v.value }]) ?? []);
    const full = await api('guzhen', 'GET', `/api/v1/statistic-submissions/${mine.id}`);
    for (const v of full.values) values[v.statisticCode] = { value: v.value };
    values.gdp = { value: outlier, explanation: '新引进灯饰龙头企业投产，全年新增产值约 60 亿元' };
    await api('guzhen', 'PUT', '/api/v1/statistic-submissions', { periodId: open.id, values });
    await api('guzhen', 'POST', `/api/v1/statistic-submissions/${mine.id}/submit`);
  }
  for (const [locale, suffix] of [
    ['zh-CN', 'zh'],
    ['en-US', 'en'],
  ]) {
    await shotAs('admin', locale, `target-review-${suffix}.png`, `/targets/submissions/${mine.id}`, 'submission-values');
    await shotAs('admin', locale, `target-periods-${suffix}.png`, '/targets/submissions?tab=periods', 'period-progress');
    await shotAs(
      'admin',
      locale,
      `indicator-editor-${suffix}.png`,
      `/targets/indicators/${rdIntensity.id}`,
      'indicator-revisions',
      async (page) => {
        await page.getByTestId('formula-input').fill('rd_expenditure / (gdp - gdp[-1]');
        await page.getByTestId('formula-marked').waitFor();
      },
    );
  }
} finally {
  await browser.close();
}
