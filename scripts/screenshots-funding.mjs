#!/usr/bin/env node
/**
 * Screenshots of the funding page (资金投入), zh + en, for docs/screenshots/: the city admin's summary
 * with the demo seed's fund lines and the vouchers computed from the ledger.
 *
 *   BASE_URL=http://localhost:3000 node scripts/screenshots-funding.mjs
 */
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchChromium } from './chromium.mjs';

const BASE_URL = (process.env.BASE_URL ?? 'http://localhost:3000').replace(/\/$/, '');
const PASSWORD = process.env.DEMO_PASSWORD ?? 'InnoTown#2026';
const OUT = join(dirname(fileURLToPath(import.meta.url)), '..', 'docs', 'screenshots');
mkdirSync(OUT, { recursive: true });

const browser = await launchChromium();
async function shotAs(username, locale, name, path, testId) {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale, timezoneId: 'Asia/Shanghai' });
  await context.addInitScript((value) => localStorage.setItem('innotown.locale', value), locale);
  const page = await context.newPage();
  await page.goto(`${BASE_URL}/login`);
  await page.getByTestId('login-form').waitFor();
  await page.locator('#username').fill(username);
  await page.locator('#password').fill(PASSWORD);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('user-menu').waitFor({ timeout: 15_000 });
  await page.goto(`${BASE_URL}${path}`);
  await page.getByTestId(testId).first().waitFor({ timeout: 20_000 });
  await page.waitForTimeout(1200);
  await page.screenshot({ path: join(OUT, name), fullPage: true });
  console.log(`saved docs/screenshots/${name}`);
  await context.close();
}

try {
  for (const [locale, suffix] of [
    ['zh-CN', 'zh'],
    ['en-US', 'en'],
  ]) {
    await shotAs('admin', locale, `funding-${suffix}.png`, '/funding', 'funding-lines');
  }
} finally {
  await browser.close();
}
