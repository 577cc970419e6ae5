#!/usr/bin/env node
/**
 * Screenshots of the innovation-voucher pages (wallet, programme dashboard), zh + en, for docs/screenshots/.
 * Sets up a programme and a voucher through the API first (as the demo users would).
 *
 *   BASE_URL=http://localhost:3000 node scripts/screenshots-vouchers.mjs
 */
import { randomUUID } from 'node:crypto';
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

const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
const programme = await api('admin', 'POST', '/api/v1/voucher-programmes', {
  year: 2026,
  name: '2026 年度中山市科技创新券',
  totalBudgetFen: 500_000_000,
  capPerEnterpriseFen: 10_000_000,
  ratioTechSmeBp: 8000,
  ratioHighTechBp: 6000,
  ratioDefaultBp: 5000,
  categories: ['testing', 'rnd', 'ip', 'resource_sharing'],
  providerScope: 'alliance',
  providerIds: [],
  windowStart: `${today.slice(0, 4)}-01-01`,
  windowEnd: `${today.slice(0, 4)}-12-31`,
  validityDays: 365,
  claimant: 'provider',
});
const me = await api('provider', 'GET', '/api/v1/me');
for (const amountFen of [3_000_000, 1_500_000]) {
  const app = await api('enterprise', 'POST', '/api/v1/voucher-applications', {
    programmeId: programme.id,
    plannedUse: '灯具产品光电性能检测与专利申请',
    categories: ['testing', 'ip'],
    amountFen,
  });
  await api('guzhen', 'POST', `/api/v1/voucher-applications/${app.id}/forward`, {});
  const approved = await api('admin', 'POST', `/api/v1/voucher-applications/${app.id}/approve`, { amountFen });
  const r = await api('enterprise', 'POST', `/api/v1/vouchers/${approved.voucherId}/reservations`, {
    orderRef: randomUUID(),
    orderPriceFen: 1_260_000,
    category: 'testing',
    providerId: me.scope.institutionId,
  });
  if (amountFen === 3_000_000) await api('admin', 'POST', `/api/v1/voucher-reservations/${r.id}/settle`, { amountFen: r.amountFen });
}

const browser = await launchChromium();
async function shotAs(username, locale, name, testId) {
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
  await page.goto(`${BASE_URL}/vouchers`);
  await page.getByTestId(testId).first().waitFor({ timeout: 20_000 });
  await page.locator('.ant-table-row').first().waitFor({ timeout: 20_000 });
  await page.waitForTimeout(800);
  await page.screenshot({ path: join(OUT, name), fullPage: true });
  console.log(`saved docs/screenshots/${name}`);
  await context.close();
}
try {
  await shotAs('enterprise', 'zh-CN', 'voucher-wallet-zh.png', 'voucher-wallet');
  await shotAs('enterprise', 'en-US', 'voucher-wallet-en.png', 'voucher-wallet');
  await shotAs('admin', 'zh-CN', 'voucher-programmes-zh.png', 'voucher-programme');
  await shotAs('admin', 'en-US', 'voucher-programmes-en.png', 'voucher-programme');
} finally {
  await browser.close();
}
