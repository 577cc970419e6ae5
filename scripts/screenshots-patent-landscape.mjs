#!/usr/bin/env node
/**
 * Screenshots of the patent landscape (专利分析), zh + en, for docs/screenshots/: the lighting class F21V
 * across the city, as the patent page's link opens it, with the demo seed's generated patents.
 *
 *   BASE_URL=http://localhost:3313 node scripts/screenshots-patent-landscape.mjs
 */
import { BASE_URL, LOCALES, login, newPage, save, withBrowser } from './screenshot-kit.mjs';

await withBrowser(async (browser) => {
  for (const [locale, suffix] of LOCALES) {
    const page = await newPage(browser, locale);
    await login(page, 'guzhen');
    await page.goto(`${BASE_URL}/patents/landscape?ipc=F21V`);
    // Every chart drawn (the page asks for one response; a busy machine may take a while).
    for (const chart of ['trend', 'applicants', 'ipc', 'industries', 'status', 'indicators']) {
      await page.getByTestId(`landscape-chart-${chart}`).locator('canvas').first().waitFor({ timeout: 90_000 });
    }
    await page.waitForTimeout(1500);
    await save(page, `patent-landscape-${suffix}.png`);
    await page.context().close();
  }
});
