import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiAs, baseUrl, launchBrowser, newPage } from './browser.ts';

/** The target dashboards as a visitor sees them, on the demo seed's approved town statistics. */

const POLL = { timeout: 20_000, interval: 200 };

type Comparison = {
  year: number;
  towns: { townCode: string; townName: string; values: { code: string; value: number | null; rank: number | null }[] }[];
};

/** The pages' number format (targets-format.ts): two decimals below 100. */
const percent = (v: number) => `${v.toLocaleString('zh-CN', { maximumFractionDigits: 2 })}%`;

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('target monitoring dashboards', () => {
  it('a visitor goes from the city overview to the comparison, the map and one town’s page', async () => {
    const overview = (await (await fetch(`${baseUrl()}/api/v1/target-dashboard`)).json()) as {
      townCount: number;
      townsReporting: { year: number; towns: number }[];
    };
    const year = overview.townsReporting.filter((r) => r.towns === overview.townCount).at(-1)?.year as number;
    const comparison = (await apiAs('admin', `/api/v1/target-dashboard/towns?year=${year}`)) as Comparison;
    const rdOf = (t: Comparison['towns'][number]) => t.values.find((v) => v.code === 'rd_intensity');
    const leader = comparison.towns.find((t) => rdOf(t)?.rank === 1) as Comparison['towns'][number];

    const { context, page } = await newPage(browser);
    try {
      await page.goto('/targets');
      await page.getByTestId('target-card-rd_intensity').waitFor();
      // The default year is the latest one every town has reported.
      await expect.poll(() => page.getByTestId('targets-year').textContent(), POLL).toContain(String(year));
      await page.getByRole('tab', { name: '镇街对比' }).click();
      await page.waitForURL((url) => url.pathname === '/targets/towns');
      await page.goto(`/targets/towns?indicator=rd_intensity&year=${year}`);
      const first = page.getByTestId('town-ranking').locator('tbody tr.ant-table-row').first();
      await expect.poll(() => first.textContent(), POLL).toContain(leader.townName);
      expect(await first.textContent()).toContain(percent(rdOf(leader)?.value as number));
      await page.getByTestId('town-map').locator('canvas').first().waitFor();
      // The ranking's export button downloads the workbook under its Chinese name.
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('town-ranking-export').click()]);
      expect(download.suggestedFilename()).toBe(`镇街对比-${year}.xlsx`);
      await first.getByRole('link', { name: leader.townName }).click();
      await page.waitForURL((url) => url.pathname === `/targets/towns/${leader.townCode}`);
      await expect
        .poll(() => page.getByTestId('town-indicator-rd_intensity').textContent(), POLL)
        .toBe(percent(rdOf(leader)?.value as number));
      // Only the city and the town's admin see its base statistics.
      await expect.poll(() => page.getByTestId('town-statistics').count(), POLL).toBe(0);
      await page.getByRole('tab', { name: '计算方法' }).click();
      await page.getByTestId('methodology-catalogue').getByText('rd_expenditure / gdp').waitFor();
    } finally {
      await context.close();
    }
  });
});
