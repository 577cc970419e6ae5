#!/usr/bin/env node
/**
 * Screenshots of target monitoring (issue 6): the city overview, the town comparison with its map and a
 * town's page, zh (and en with SCREENSHOT_EN=1), for docs/screenshots/. Uses the demo seed's approved town
 * statistics 2014–2024; the town page is shown to the city admin (who may see its base statistics).
 *
 *   BASE_URL=http://localhost:3000 node scripts/screenshots-targets.mjs
 */
import { BASE_URL, LOCALES, shotAs, withBrowser } from './screenshot-kit.mjs';

// The latest complete year (every town approved) and the town that leads the composite index in it.
const overview = await (await fetch(`${BASE_URL}/api/v1/target-dashboard`)).json();
const complete = overview.townsReporting.filter((r) => r.towns === overview.townCount).map((r) => r.year);
const year = complete.at(-1) ?? overview.years.at(-1);
const comparison = await (await fetch(`${BASE_URL}/api/v1/target-dashboard/towns?year=${year}`)).json();
const guzhen = comparison.towns.find((t) => t.townName === '古镇镇') ?? comparison.towns[0];

// Charts animate in; wait until they have drawn.
const shot = (browser, options) => shotAs(browser, { settleMs: 1500, ...options });

const locales = process.env.SCREENSHOT_EN ? LOCALES : LOCALES.filter(([locale]) => locale === 'zh-CN');
await withBrowser(async (browser) => {
  for (const [locale, suffix] of locales) {
    await shot(browser, { locale, name: `targets-overview-${suffix}.png`, path: '/targets', testId: 'targets-cards' });
    await shot(browser, {
      locale,
      name: `targets-towns-map-${suffix}.png`,
      path: `/targets/towns?year=${year}&indicator=rd_intensity`,
      testId: 'town-ranking',
      fullPage: false,
    });
    await shot(browser, {
      username: 'admin',
      locale,
      name: `targets-town-page-${suffix}.png`,
      path: `/targets/towns/${guzhen.townCode}?year=${year}`,
      testId: 'town-indicators',
    });
  }
});
