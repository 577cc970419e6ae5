#!/usr/bin/env node
/**
 * Screenshots of the patent landscape (专利分析), zh + en, for docs/screenshots/: the lighting class F21V
 * across the city, as the patent page's link opens it, with the demo seed's generated patents.
 *
 *   BASE_URL=http://localhost:3313 node scripts/screenshots-patent-landscape.mjs
 */
import { LOCALES, shotAs, withBrowser } from './screenshot-kit.mjs';

await withBrowser(async (browser) => {
  for (const [locale, suffix] of LOCALES) {
    await shotAs(browser, {
      username: 'guzhen',
      locale,
      name: `patent-landscape-${suffix}.png`,
      path: '/patents/landscape?ipc=F21V',
      testId: 'landscape-chart-trend',
      settleMs: 2000,
    });
  }
});
