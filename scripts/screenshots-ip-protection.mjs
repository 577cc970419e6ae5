#!/usr/bin/env node
/**
 * Screenshots of the IP protection centre's pages for docs/screenshots/: the SLA dashboard (centre admin, zh + en)
 * and the pre-examination queue (examiner, zh), with the demo seed's cases and applications.
 *
 *   BASE_URL=http://localhost:3315 node scripts/screenshots-ip-protection.mjs
 */
import { LOCALES, shotAs, withBrowser } from './screenshot-kit.mjs';

await withBrowser(async (browser) => {
  for (const [locale, suffix] of LOCALES) {
    await shotAs(browser, {
      username: 'ipcadmin',
      locale,
      name: `ip-cases-sla-${suffix}.png`,
      path: '/ip-cases/sla',
      testId: 'sla-by-town',
    });
  }
  await shotAs(browser, {
    username: 'ipcexaminer',
    locale: 'zh-CN',
    name: 'pre-exam-queue-zh.png',
    path: '/pre-examination',
    testId: 'pre-exam-list',
  });
  await shotAs(browser, { username: 'ipcadmin', locale: 'zh-CN', name: 'ip-cases-list-zh.png', path: '/ip-cases', testId: 'ip-case-list' });
});
