#!/usr/bin/env node
/**
 * Screenshots of the web app against a running server, for docs/screenshots/.
 *
 *   BASE_URL=http://localhost:3000 node scripts/screenshots.mjs
 *
 * Needs the demo data (demo accounts, password InnoTown#2026) and Debian's Chromium at /usr/bin/chromium
 * (override with CHROMIUM). Fonts: fonts-noto-cjk for the Chinese pages.
 */
import { api, BASE_URL, newPage as kitNewPage, login, save, sessionCookie, withBrowser } from './screenshot-kit.mjs';

async function shot(page, name, { fullPage = true } = {}) {
  // Let charts finish their entry animation and fonts settle.
  await page.waitForTimeout(1200);
  await page.evaluate(() => window.scrollTo(0, 0)); // the sticky header belongs at the top
  await page.waitForTimeout(200);
  await save(page, name, { fullPage });
}

async function waitForCharts(page, count) {
  // Charts below the fold load when scrolled into view (the home page's JS budget).
  const deferred = page.getByTestId('deferred');
  if (await deferred.count()) await deferred.first().scrollIntoViewIfNeeded();
  await page.waitForFunction((n) => document.querySelectorAll('canvas').length >= n, count, { timeout: 20_000 });
}

/** An antd InputNumber's <input>, whether the test id sits on the input or on its wrapper. */
const numberInput = (page, testId) => page.locator(`input[data-testid="${testId}"], [data-testid="${testId}"] input`);

/** Uploads an attachment (a result file) as a demo user; answers the stored file's metadata. */
async function uploadAs(username, filename, buffer) {
  const cookie = await sessionCookie(username);
  const form = new FormData();
  form.append('purpose', 'attachment');
  form.append('file', new Blob([buffer], { type: 'application/pdf' }), filename);
  const res = await fetch(`${BASE_URL}/api/v1/files`, { method: 'POST', headers: { cookie }, body: form });
  if (!res.ok) throw new Error(`upload ${filename}: ${res.status} ${await res.text()}`);
  return res.json();
}

/** A one-page PDF, as a lab's report would be. */
function reportPdf(text) {
  const stream = `BT /F1 18 Tf 72 720 Td (${text}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
  ];
  let body = '%PDF-1.4\n';
  const offsets = [];
  objects.forEach((content, i) => {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${content}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) body += `${String(offset).padStart(10, '0')} 00000 n \n`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

await withBrowser(async (browser) => {
  const newPage = (locale) => kitNewPage(browser, locale);

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
  // Service orders (issue 4): the demo seed has none, so the users make them through the API as they would.
  // lamplab's LED test: one completed order (quote outside the listed range with a note, report delivered,
  // rated), one quoted, one waiting for a quote; seen by lamplab as a list and by the enterprise as one order.
  const led = (await api('enterprise', 'GET', `/api/v1/services/search?category=testing&q=${encodeURIComponent('LED 光色电')}`)).items.find(
    (s) => s.title === 'LED 光色电参数检测',
  );
  const photometry = (
    await api('enterprise', 'GET', `/api/v1/services/search?category=testing&q=${encodeURIComponent('配光曲线')}`)
  ).items.find((s) => s.institutionId === led?.institutionId);
  if (led && photometry) {
    const step = (user, id, action, body = {}) => api(user, 'POST', `/api/v1/service-orders/${id}/${action}`, body);
    const done = await api('enterprise', 'POST', '/api/v1/service-orders', {
      serviceId: led.id,
      needs: 'LED 筒灯 3 款（3000 K / 4000 K / 5700 K），测光通量、光效、色温、显色指数与功率因数，出具 CNAS 报告用于能效备案。',
      quantity: 3,
    });
    await step('lamplab', done.id, 'quote', {
      priceFen: 138_000,
      note: '3 款样品各 1 只，另加 5700 K 款的频闪测试（标价外项目），合计 1,380 元。',
    });
    await step('enterprise', done.id, 'accept', { note: '同意，请安排本周送样' });
    await step('lamplab', done.id, 'start', { note: '样品已收到，编号 GZ-2611-017' });
    const report = await uploadAs('lamplab', 'LED筒灯光色电检测报告.pdf', reportPdf('LED photometric test report GZ-2611-017'));
    await step('lamplab', done.id, 'deliver', { resultFileIds: [report.id], note: '报告已出具，原件随样品寄回' });
    await step('enterprise', done.id, 'confirm', { rating: 5, comment: '报告清晰，出具及时，频闪测试很有帮助。' });
    const quoted = await api('client01', 'POST', '/api/v1/service-orders', {
      serviceId: photometry.id,
      needs: '射灯 2 款配光曲线，输出 IES 文件',
      quantity: 2,
    });
    await step('lamplab', quoted.id, 'quote', { priceFen: 135_000 });
    await api('enterprise', 'POST', '/api/v1/service-orders', {
      serviceId: photometry.id,
      needs: '线条灯配光测试，光束角 30° 与 60° 各一',
      quantity: 2,
    });
    await api('client02', 'POST', '/api/v1/service-orders', {
      serviceId: led.id,
      needs: '灯丝灯 1 款光色电参数，用于出口',
      quantity: 1,
    });

    page = await newPage('zh-CN');
    await login(page, 'lamplab');
    await page.goto(`${BASE_URL}/orders`);
    await page.locator('[data-testid="orders-table"] tbody tr.ant-table-row').first().waitFor({ timeout: 20_000 });
    await shot(page, 'orders-provider-zh.png');
    await page.context().close();

    page = await newPage('zh-CN');
    await login(page, 'enterprise');
    await page.goto(`${BASE_URL}/orders/${done.id}`);
    await page.getByTestId('order-file').first().waitFor({ timeout: 20_000 });
    await shot(page, 'order-detail-zh.png');
    await page.context().close();
  }

  // A requirement (需求) with competing quotes, as the enterprise that posted it compares them (demo seed:
  // 「LED 筒灯光色电参数及能效检测」, open, quotes from three member institutions, one declined).
  {
    const mine = await api('enterprise', 'GET', `/api/v1/service-requirements?status=open&q=${encodeURIComponent('LED 筒灯')}`);
    const requirement = mine.items[0];
    if (requirement) {
      page = await newPage('zh-CN');
      await login(page, 'enterprise');
      await page.goto(`${BASE_URL}/requirements/${requirement.id}`);
      await page.locator('[data-testid="quote-table"] tbody tr.ant-table-row').first().waitFor({ timeout: 20_000 });
      await shot(page, 'requirement-detail-zh.png');
      await page.context().close();
    }
  }
});
