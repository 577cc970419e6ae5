#!/usr/bin/env node
/**
 * Screenshots of the patent search (专利检索), a patent page and an enterprise's portfolio, zh (+ the search in en),
 * for docs/screenshots/, on the demo seed's generated patents.
 *
 *   BASE_URL=http://localhost:3312 node scripts/screenshots-patent-search.mjs
 */
import { BASE_URL, LOCALES, shotAs, withBrowser } from './screenshot-kit.mjs';

const hits = await (await fetch(`${BASE_URL}/api/v1/patents/search?q=${encodeURIComponent('LED灯具')}&pageSize=5`)).json();
const first = hits.items.find((p) => p.kind !== 'design') ?? hits.items[0];
if (!first) throw new Error('no demo patents: is the server seeded?');
// A patent under an open licence with licences taken: its page shows the licensees (许可 / 质押).
const open = await (await fetch(`${BASE_URL}/api/v1/ip-market/open-licences?pageSize=20`)).json();
const licensed = open.items.find((o) => o.licenceCount > 0)?.patent ?? first;

await withBrowser(async (browser) => {
  for (const [locale, suffix] of LOCALES) {
    await shotAs(browser, {
      locale,
      name: `patent-search-${suffix}.png`,
      path: `/patents?q=${encodeURIComponent('LED灯具')}&query=${encodeURIComponent('IPC=F21V AND NOT LS=lapsed')}`,
      testId: 'patent-result',
      fullPage: false,
    });
  }
  await shotAs(browser, { locale: 'zh-CN', name: 'patent-detail-zh.png', path: `/patents/${licensed.id}`, testId: 'patent-rights' });
  await shotAs(browser, {
    username: 'enterprise',
    locale: 'zh-CN',
    name: 'patent-portfolio-zh.png',
    path: '/patents/portfolio',
    testId: 'portfolio-patents',
  });
});
