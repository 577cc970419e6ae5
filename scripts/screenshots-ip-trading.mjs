#!/usr/bin/env node
/**
 * Screenshots of the IP market (知识产权交易) for docs/screenshots/: the public showcase (zh + en), an offer
 * thread with counter-offers as the demo enterprise (seller) sees it, a completed licence deal with its term and the
 * patent's legal-status events, and the trading statistics.
 *
 *   BASE_URL=http://localhost:3000 node scripts/screenshots-ip-trading.mjs
 */
import { api, LOCALES, shotAs, withBrowser } from './screenshot-kit.mjs';

const offers = await api('enterprise', 'GET', '/api/v1/ip-market/offers?side=seller&status=open&pageSize=50');
const negotiated = offers.items.find((o) => o.listingKind === 'transfer') ?? offers.items[0];
if (!negotiated) throw new Error('no open offer on the demo enterprise’s listings: seed the demo data first');
const deals = await api('enterprise', 'GET', '/api/v1/ip-market/deals?pageSize=50');
const licence = deals.items.find((d) => d.kind.endsWith('_licence') && d.status === 'completed') ?? deals.items[0];
if (!licence) throw new Error('no deal of the demo enterprise: seed the demo data first');

await withBrowser(async (browser) => {
  for (const [locale, suffix] of LOCALES) {
    await shotAs(browser, { locale, name: `ip-market-${suffix}.png`, path: '/ip-market', testId: 'listing-card' });
  }
  await shotAs(browser, {
    username: 'enterprise',
    locale: 'zh-CN',
    name: 'ip-offer-thread-zh.png',
    path: `/ip-market/offers/${negotiated.id}`,
    testId: 'offer-thread',
  });
  await shotAs(browser, {
    username: 'enterprise',
    locale: 'zh-CN',
    name: 'ip-deal-zh.png',
    path: `/ip-market/deals/${licence.id}`,
    testId: 'deal-patent-events',
  });
  await shotAs(browser, {
    locale: 'zh-CN',
    name: 'ip-statistics-zh.png',
    path: '/ip-market/statistics',
    testId: 'stats-by-town',
    settleMs: 2000,
  });
});
