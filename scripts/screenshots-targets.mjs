#!/usr/bin/env node
/**
 * Screenshots of target monitoring (issue 6): the city overview, the town comparison with its map and a
 * town's page, zh (and en with SCREENSHOT_EN=1), for docs/screenshots/. Uses the demo seed's approved town
 * statistics 2014–2024; the town page is shown to the city admin (who may see its base statistics).
 *
 *   BASE_URL=http://localhost:3000 node scripts/screenshots-targets.mjs
 */
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchChromium } from './chromium.mjs';

const BASE_URL = (process.env.BASE_URL ?? 'http://localhost:3000').replace(/\/$/, '');
const PASSWORD = process.env.DEMO_PASSWORD ?? 'InnoTown#2026';
const OUT = join(dirname(fileURLToPath(import.meta.url)), '..', 'docs', 'screenshots');
mkdirSync(OUT, { recursive: true });

// The latest complete year (every town approved) and the town that leads the composite index in it.
const overview = await (await fetch(`${BASE_URL}/api/v1/target-dashboard`)).json();
const complete = overview.townsReporting.filter((r) => r.towns === overview.townCount).map((r) => r.year);
const year = complete.at(-1) ?? overview.years.at(-1);
const comparison = await (await fetch(`${BASE_URL}/api/v1/target-dashboard/towns?year=${year}`)).json();
const guzhen = comparison.towns.find((t) => t.townName === '古镇镇') ?? comparison.towns[0];

const browser = await launchChromium();
async function shot({ username, locale, name, path, testId, fullPage = true }) {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale, timezoneId: 'Asia/Shanghai' });
  await context.addInitScript((value) => localStorage.setItem('innotown.locale', value), locale);
  const page = await context.newPage();
  page.on('pageerror', (error) => console.error(`page error: ${error.message}`));
  if (username) {
    await page.goto(`${BASE_URL}/login`);
    await page.getByTestId('login-form').waitFor();
    await page.locator('#username').fill(username);
    await page.locator('#password').fill(PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('user-menu').waitFor({ timeout: 15_000 });
  }
  await page.goto(`${BASE_URL}${path}`);
  await page.getByTestId(testId).first().waitFor({ timeout: 20_000 });
  // Charts animate in; wait until they have drawn.
  await page.waitForTimeout(1500);
  await page.screenshot({ path: join(OUT, name), fullPage });
  console.log(`saved docs/screenshots/${name}`);
  await context.close();
}

const locales = [['zh-CN', 'zh'], ...(process.env.SCREENSHOT_EN ? [['en-US', 'en']] : [])];
try {
  for (const [locale, suffix] of locales) {
    await shot({ locale, name: `targets-overview-${suffix}.png`, path: '/targets', testId: 'targets-cards' });
    await shot({
      locale,
      name: `targets-towns-map-${suffix}.png`,
      path: `/targets/towns?year=${year}&indicator=rd_intensity`,
      testId: 'town-ranking',
      fullPage: false,
    });
    await shot({
      username: 'admin',
      locale,
      name: `targets-town-page-${suffix}.png`,
      path: `/targets/towns/${guzhen.townCode}?year=${year}`,
      testId: 'town-indicators',
    });
  }
} finally {
  await browser.close();
}
