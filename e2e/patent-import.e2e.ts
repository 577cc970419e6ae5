import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, loginViaForm, newPage } from './browser.ts';

/** The patent import page: a city admin uploads a CSV, watches the job's progress and sees the result; a bad file shows the row report. */

const POLL = { timeout: 60_000, interval: 300 };
const SAMPLE = new URL('../apps/server/src/seed/patent-samples/cnipa-sample-10.csv', import.meta.url);

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('patent import', () => {
  it('an admin imports the CNIPA sample, then a file with a bad row is refused with its row report', async () => {
    const dir = tmpdir();
    const good = path.join(dir, 'cnipa-sample-10.csv');
    writeFileSync(good, readFileSync(SAMPLE));
    const bad = path.join(dir, 'patents-bad-row.csv');
    writeFileSync(
      bad,
      '申请号,专利名称,申请日,申请人,分类号\r\n202310999001.0,一种LED灯具,2023-05-01,中山市某灯饰厂,F21V29/70\r\n202310999002.6,一种灯座,2023-05-01,中山市某灯饰厂,F21V29/70\r\n',
    );
    const { context, page } = await newPage(browser);
    try {
      await loginViaForm(page, 'admin');
      await page.goto('/patents/import');
      await page.getByTestId('patent-import-card').waitFor();
      await page.getByTestId('patent-import-card').locator('input[type="file"]').setInputFiles(good);
      await page.getByTestId('patent-import-start').click();
      // The upload, then the job's progress, then the result.
      await page.getByTestId('patent-import-progress').first().waitFor();
      await page.getByTestId('patent-import-done').waitFor(POLL);
      await expect.poll(() => page.getByTestId('patent-import-done').textContent(), POLL).toMatch(/共 10 条/);
      await expect.poll(() => page.getByTestId('patent-import-history').textContent(), POLL).toContain('cnipa-sample-10.csv');

      await page.getByRole('button', { name: '导入另一个文件' }).click();
      await page.getByTestId('patent-import-card').locator('input[type="file"]').setInputFiles(bad);
      await page.getByTestId('patent-import-start').click();
      await page.getByTestId('patent-import-failed').waitFor(POLL);
      expect(await page.getByTestId('patent-import-failed').textContent()).toContain('未导入任何数据');
      const issues = page.getByTestId('patent-import-issues').locator('tbody tr.ant-table-row');
      await expect.poll(() => issues.count(), POLL).toBe(1);
      const row = (await issues.first().textContent()) ?? '';
      expect(row).toContain('3');
      expect(row).toContain('202310999002.6');
      expect(row).toContain('校验');
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('patent-import-report').click()]);
      expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
    } finally {
      await context.close();
    }
  });
});
