#!/usr/bin/env node
/**
 * Screenshots of the innovation-voucher pages (wallet, programme dashboard, programmes, a returned application,
 * the town's review queue), zh + en, for docs/screenshots/.
 * Uses the demo seed's voucher programme (vouchers, subsidised orders, claims) and adds a short-lived pilot
 * programme through the API (as the demo users would), so the wallet shows an expiry warning.
 *
 *   BASE_URL=http://localhost:3000 node scripts/screenshots-vouchers.mjs
 */
import { api, LOCALES, shotAs, withBrowser } from './screenshot-kit.mjs';

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

await withBrowser(async (browser) => {
  for (const [locale, suffix] of LOCALES) {
    const shot = (username, name, path, testId) => shotAs(browser, { username, locale, name: `${name}-${suffix}.png`, path, testId });
    await shot('enterprise', 'voucher-wallet', '/vouchers/wallet', 'wallet-totals');
    await shot('admin', 'voucher-programme-dashboard', `/vouchers/programmes/${programme.id}`, 'ledger-check');
    await shot('admin', 'voucher-programmes', '/vouchers', 'voucher-programme');
    await shot('enterprise', 'voucher-application-returned', `/vouchers/applications/${returned.id}`, 'application-history');
    await shot('guzhen', 'voucher-review-queue', '/vouchers/applications?status=all', 'voucher-applications');
    if (subsidised) await shot('admin', 'order-with-voucher', `/orders/${subsidised.id}`, 'order-voucher-panel');
    await shot('admin', 'voucher-claims', '/vouchers/claims?status=all', 'claims-table');
    if (settledClaim) await shot('admin', 'voucher-claim', `/vouchers/claims/${settledClaim.id}`, 'claim-amount-shown');
  }
});
