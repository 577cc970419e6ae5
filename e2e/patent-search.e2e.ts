import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baseUrl, launchBrowser, newPage } from './browser.ts';

/** The public patent search on the demo seed's generated patents: search → a patent → the landscape of its IPC class. */

const POLL = { timeout: 20_000, interval: 200 };

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('patent search', () => {
  it('a visitor searches, opens a patent and follows the landscape link of its IPC class', async () => {
    const api = (await (await fetch(`${baseUrl()}/api/v1/patents/search?q=${encodeURIComponent('灯具')}&pageSize=10`)).json()) as {
      total: number;
      items: { id: string; title: string }[];
    };
    expect(api.total).toBeGreaterThan(0);
    const first = api.items[0] as { id: string; title: string };
    const detail = (await (await fetch(`${baseUrl()}/api/v1/patents/${first.id}`)).json()) as { ipcSubclasses: string[] };

    const { context, page } = await newPage(browser);
    try {
      await page.goto('/patents');
      await page.getByTestId('patent-search-input').locator('input').fill('灯具');
      await page.getByTestId('patent-search-input').locator('input').press('Enter');
      await page.waitForURL((url) => url.searchParams.get('q') === '灯具');
      const link = page.getByTestId('patent-result-link').first();
      await expect.poll(() => link.textContent(), POLL).toBe(first.title);
      // The facets and the total are shown with the results.
      await page.getByTestId('facet-kind').waitFor();
      expect(await page.getByTestId('patent-total').textContent()).toMatch(/\d/);
      await link.click();
      await page.waitForURL((url) => url.pathname === `/patents/${first.id}`);
      await expect.poll(() => page.getByTestId('patent-title').textContent(), POLL).toBe(first.title);
      await page.getByTestId('patent-timeline').getByText('申请').first().waitFor();
      // The landscape link of the first IPC subclass (the landscape page belongs to the analytics module).
      const subclass = detail.ipcSubclasses[0] as string;
      expect(subclass).toMatch(/^[A-H]\d{2}[A-Z]$/);
      await page.getByTestId('patent-landscape-link').first().click();
      await page.waitForURL((url) => url.pathname === '/patents/landscape');
      const url = new URL(page.url());
      expect(url.pathname).toBe('/patents/landscape');
      expect(url.searchParams.get('ipc')).toBe(subclass);
    } finally {
      await context.close();
    }
  });

  it('marks where a malformed expert query goes wrong', async () => {
    const { context, page } = await newPage(browser);
    try {
      await page.goto(`/patents?query=${encodeURIComponent('TI=(LED OR 灯具')}`);
      const mark = page.getByTestId('patent-query-error-mark');
      await expect.poll(() => mark.textContent(), POLL).toBe('(');
      expect(await page.getByTestId('patent-query-error').textContent()).toContain('第 4 个字符处');
      // Fixing the query runs the search.
      await page.getByTestId('patent-advanced-input').fill('TI=(LED OR 灯具)');
      await page.getByTestId('patent-advanced-search').click();
      await expect.poll(() => page.getByTestId('patent-result').count(), POLL).toBeGreaterThan(0);
      expect(await page.getByTestId('patent-query-error').count()).toBe(0);
    } finally {
      await context.close();
    }
  });
});
