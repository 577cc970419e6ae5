#!/usr/bin/env node
/**
 * Screenshots of the funding page (资金投入), zh + en, for docs/screenshots/: the city admin's summary
 * with the demo seed's fund lines and the vouchers computed from the ledger.
 *
 *   BASE_URL=http://localhost:3000 node scripts/screenshots-funding.mjs
 */
import { LOCALES, shotAs, withBrowser } from './screenshot-kit.mjs';

await withBrowser(async (browser) => {
  for (const [locale, suffix] of LOCALES) {
    await shotAs(browser, { username: 'admin', locale, name: `funding-${suffix}.png`, path: '/funding', testId: 'funding-lines' });
  }
});
