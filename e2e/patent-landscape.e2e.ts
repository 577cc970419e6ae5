import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiAs, baseUrl, launchBrowser, loginViaForm, newPage } from './browser.ts';

/** The patent landscape as the patent page's link opens it (?ipc=F21V), on the demo seed's generated patents. */

const POLL = { timeout: 20_000, interval: 200 };
type Landscape = { filter: { town: { id: string; name: string } | null }; totals: { filed: { total: number } } };

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('patent landscape', () => {
  it('opens a class from the URL, draws the charts, narrows to a town and downloads the Excel', async () => {
    const towns = (await (await fetch(`${baseUrl()}/api/v1/towns?pageSize=100`)).json()) as { items: { id: string; name: string }[] };
    const guzhen = towns.items.find((t) => t.name === '古镇镇') as { id: string; name: string };
    const city = (await (await fetch(`${baseUrl()}/api/v1/patent-landscape?ipc=F21V`)).json()) as Landscape;
    const town = (await apiAs('guzhen', `/api/v1/patent-landscape?ipc=F21V&town=${guzhen.id}`)) as Landscape;
    expect(city.totals.filed.total).toBeGreaterThan(town.totals.filed.total);
    expect(town.totals.filed.total).toBeGreaterThan(0);
    const total = (n: number) => n.toLocaleString('zh-CN');

    const { context, page } = await newPage(browser);
    try {
      await loginViaForm(page, 'guzhen');
      await page.goto('/patents/landscape?ipc=F21V');
      await expect.poll(() => page.getByTestId('landscape-ipc').locator('input').inputValue(), POLL).toBe('F21V');
      for (const chart of ['trend', 'applicants', 'ipc', 'industries', 'status', 'indicators']) {
        await page.getByTestId(`landscape-chart-${chart}`).locator('canvas').first().waitFor({ timeout: 20_000 });
      }
      const filed = page.getByTestId('landscape-totals').locator('.ant-statistic-content').first();
      await expect.poll(() => filed.textContent(), POLL).toBe(total(city.totals.filed.total));

      // Narrow to 古镇镇: the URL keeps the class and gains the town; the totals follow.
      await page.getByTestId('landscape-town').click();
      await page.keyboard.type('古镇');
      await page.locator('.ant-select-item-option').filter({ hasText: '古镇镇' }).first().click();
      await page.waitForURL((url) => url.searchParams.get('town') === guzhen.id && url.searchParams.get('ipc') === 'F21V');
      await expect.poll(() => filed.textContent(), POLL).toBe(total(town.totals.filed.total));

      const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('landscape-excel').click()]);
      expect(download.suggestedFilename()).toMatch(/^专利分析-古镇镇-IPC F21V-.*\.xlsx$/);
    } finally {
      await context.close();
    }
  });
});
