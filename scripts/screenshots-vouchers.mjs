#!/usr/bin/env node
/**
 * Screenshots of the innovation-voucher pages (wallet, programme dashboard, programmes, a returned application,
 * the town's review queue), zh + en, for docs/screenshots/.
 * Uses the demo seed's voucher programme (vouchers, subsidised orders, claims) and adds a short-lived pilot
 * programme through the API (as the demo users would), so the wallet shows an expiry warning.
 *
 *   BASE_URL=http://localhost:3000 node scripts/screenshots-vouchers.mjs
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

const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
const year = Number(today.slice(0, 4));
const programmeBody = (over) => ({
  year,
  name: `${year} 年度中山市科技创新券`,
  totalBudgetFen: 500_000_000,
  capPerEnterpriseFen: 10_000_000,
  ratioTechSmeBp: 8000,
  ratioHighTechBp: 6000,
  ratioDefaultBp: 5000,
  categories: ['testing', 'rnd', 'ip', 'resource_sharing'],
  providerScope: 'alliance',
  providerIds: [],
  windowStart: `${year}-01-01`,
  windowEnd: `${year}-12-31`,
  validityDays: 365,
  claimant: 'provider',
  ...over,
});
// The demo seed's programme: vouchers issued, orders subsidised, claims in every state.
const programme =
  (await api('admin', 'GET', '/api/v1/voucher-programmes?pageSize=50')).items.find((p) => p.year === year) ??
  (await api('admin', 'GET', '/api/v1/voucher-programmes?pageSize=50')).items[0];
// A short-lived pilot programme: its voucher expires within 30 days, so the wallet warns about it.
const pilot = await api(
  'admin',
  'POST',
  '/api/v1/voucher-programmes',
  programmeBody({ name: `${year} 年度知识产权专项创新券（试点）`, totalBudgetFen: 50_000_000, categories: ['ip'], validityDays: 20 }),
);
const app = await api('enterprise', 'POST', '/api/v1/voucher-applications', {
  programmeId: pilot.id,
  plannedUse: '发明专利申请与检索分析',
  categories: ['ip'],
  amountFen: 800_000,
});
await api('guzhen', 'POST', `/api/v1/voucher-applications/${app.id}/forward`, { comment: '材料齐全，同意上报' });
await api('admin', 'POST', `/api/v1/voucher-applications/${app.id}/approve`, { amountFen: 800_000, comment: '按年度预算核定' });
// A returned application of the demo enterprise (the seed has some; make one if not).
let returned = (await api('enterprise', 'GET', '/api/v1/voucher-applications?status=returned&pageSize=5')).items[0];
if (!returned) {
  returned = await api('enterprise', 'POST', '/api/v1/voucher-applications', {
    programmeId: programme.id,
    plannedUse: '新产品研发设计与样机检测',
    categories: programme.categories.slice(0, 2),
    amountFen: 1_000_000,
  });
  await api('guzhen', 'POST', `/api/v1/voucher-applications/${returned.id}/return`, {
    reason: 'price_unclear',
    comment: '请附上服务机构的报价单，并写明检测项目和样品数量',
  });
}
// An order with a voucher applied, and the claims queue.
const subsidised = (await api('admin', 'GET', '/api/v1/service-orders?pageSize=100')).items.find((o) => o.subsidy?.status === 'settled');
const claims = (await api('admin', 'GET', '/api/v1/voucher-claims?pageSize=20')).items;
const settledClaim = claims.find((c) => c.status === 'settled') ?? claims[0];

const browser = await launchChromium();
async function shotAs(username, locale, name, path, testId) {
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
  await page.waitForTimeout(1200);
  await page.screenshot({ path: join(OUT, name), fullPage: true });
  console.log(`saved docs/screenshots/${name}`);
  await context.close();
}
try {
  for (const [locale, suffix] of [
    ['zh-CN', 'zh'],
    ['en-US', 'en'],
  ]) {
    await shotAs('enterprise', locale, `voucher-wallet-${suffix}.png`, '/vouchers/wallet', 'wallet-totals');
    await shotAs('admin', locale, `voucher-programme-dashboard-${suffix}.png`, `/vouchers/programmes/${programme.id}`, 'ledger-check');
    await shotAs('admin', locale, `voucher-programmes-${suffix}.png`, '/vouchers', 'voucher-programme');
    await shotAs(
      'enterprise',
      locale,
      `voucher-application-returned-${suffix}.png`,
      `/vouchers/applications/${returned.id}`,
      'application-history',
    );
    await shotAs('guzhen', locale, `voucher-review-queue-${suffix}.png`, '/vouchers/applications?status=all', 'voucher-applications');
    if (subsidised) await shotAs('admin', locale, `order-with-voucher-${suffix}.png`, `/orders/${subsidised.id}`, 'order-voucher-panel');
    await shotAs('admin', locale, `voucher-claims-${suffix}.png`, '/vouchers/claims?status=all', 'claims-table');
    if (settledClaim)
      await shotAs('admin', locale, `voucher-claim-${suffix}.png`, `/vouchers/claims/${settledClaim.id}`, 'claim-amount-shown');
  }
} finally {
  await browser.close();
}
