#!/usr/bin/env node
/**
 * Screenshots of statistics submission (统计填报): the town's form with an outlier that needs an
 * explanation, and the city's review of a submitted year, for docs/screenshots/.
 * Uses the demo seed's open 2025 period (古镇 has not started; some towns are under review) and saves
 * 古镇's draft through the API, as guzhen would.
 *
 *   BASE_URL=http://localhost:3000 node scripts/screenshots-target-submissions.mjs
 */
import { api, LOCALES, shotAs, withBrowser } from './screenshot-kit.mjs';

const periods = (await api('guzhen', 'GET', '/api/v1/reporting-periods')).items;
const open = periods.find((p) => p.status === 'open' && p.quarter === null);
const last = periods.find((p) => p.year === open.year - 1 && p.quarter === null);
const lastApproved = (await api('guzhen', 'GET', `/api/v1/statistic-submissions?periodId=${last.id}&status=approved`)).items[0];
// Only the statistics a town types: the platform computes the others (service platforms, settled vouchers)
// and refuses them in a submission.
const reported = new Set(
  (await api('guzhen', 'GET', '/api/v1/statistics')).items.filter((s) => s.source === 'submitted').map((s) => s.code),
);
const previous = new Map(
  (await api('guzhen', 'GET', `/api/v1/statistic-submissions/${lastApproved.id}`)).values
    .filter((v) => reported.has(v.statisticCode))
    .map((v) => [v.statisticCode, v.value]),
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

/** Logs in, opens the page, acts, then saves it from the top: a field with an error scrolls into view, and no hover. */
const shot = (browser, username, locale, name, path, testId, act) =>
  shotAs(browser, {
    username,
    locale,
    name,
    path,
    testId,
    act,
    beforeSave: async (page) => {
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.mouse.move(0, 0);
      await page.waitForTimeout(300);
    },
  });

await withBrowser(async (browser) => {
  const editable = mine.status === 'draft' || mine.status === 'returned';
  for (const [locale, suffix] of LOCALES) {
    if (!editable) break;
    await shot(
      browser,
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
    for (const code of Object.keys(values)) if (!reported.has(code)) delete values[code];
    values.gdp = { value: outlier, explanation: '新引进灯饰龙头企业投产，全年新增产值约 60 亿元' };
    await api('guzhen', 'PUT', '/api/v1/statistic-submissions', { periodId: open.id, values });
    await api('guzhen', 'POST', `/api/v1/statistic-submissions/${mine.id}/submit`);
  }
  for (const [locale, suffix] of LOCALES) {
    await shot(browser, 'admin', locale, `target-review-${suffix}.png`, `/targets/submissions/${mine.id}`, 'submission-values');
    await shot(browser, 'admin', locale, `target-periods-${suffix}.png`, '/targets/submissions?tab=periods', 'period-progress');
    await shot(
      browser,
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
});
