import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeAt } from '../apps/server/src/modules/auth/two-factor-rules.ts';
import { apiAs, apiPostAs, DEMO_PASSWORD, launchBrowser, loginViaForm, logoutViaMenu, newPage } from './browser.ts';

const POLL = { timeout: 20_000, interval: 200 };

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('the city admin’s account actions', () => {
  it('resets a lost phone’s two-factor sign-in, and erases an account’s personal data on request', async () => {
    const stamp = Date.now().toString(36);
    const lostPhone = `e2elost${stamp}`;
    const leaving = `e2eleave${stamp}`;
    for (const username of [lostPhone, leaving]) {
      await apiPostAs('admin', '/api/v1/users', { username, password: DEMO_PASSWORD, displayName: `用户${username}`, role: 'expert' });
    }
    const { secret } = (await apiPostAs(lostPhone, '/api/v1/auth/two-factor/setup', {})) as { secret: string };
    await apiPostAs(lostPhone, '/api/v1/auth/two-factor/enable', { code: await codeAt(secret) });
    const leavingId = ((await apiAs('admin', `/api/v1/users?q=${leaving}`)) as { items: { id: string }[] }).items[0]?.id;

    const { context, page } = await newPage(browser);
    try {
      // The leaving user asks for it on 账号安全; the city admins are told, with a link to the account.
      await loginViaForm(page, leaving);
      await page.goto('/account/security');
      await page.getByTestId('account-closure-request').click();
      await page.getByTestId('closure-reason').fill('公司已注销，不再使用平台');
      await Promise.all([
        page.waitForResponse((r) => r.url().endsWith('/api/v1/me/erasure-request') && r.status() === 202),
        page.locator('.ant-modal-confirm-btns button').last().click(),
      ]);
      await logoutViaMenu(page);
      const told = (await apiAs('admin', '/api/v1/notifications?pageSize=50')) as { items: { link: string | null; title: string }[] };
      expect(told.items.find((n) => n.link === `/admin/users?q=${leaving}`)?.title).toContain('公司已注销');

      await loginViaForm(page, 'admin');
      await page.goto(`/admin/users?q=${lostPhone}`);
      const table = page.getByTestId('user-table');
      await expect.poll(() => table.getByText('已开启').count(), POLL).toBe(1);
      await page.getByTestId(`reset-two-factor-${lostPhone}`).click();
      await Promise.all([
        page.waitForResponse((r) => r.url().endsWith('/two-factor/reset') && r.status() === 204),
        page.locator('.ant-popconfirm-buttons button').last().click(),
      ]);
      await expect.poll(() => table.getByText('未开启').count(), POLL).toBe(1);

      await page.goto(`/admin/users?q=${leaving}`);
      await page.getByTestId(`erase-${leaving}`).click();
      await expect.poll(() => page.getByText('个人信息保护法', { exact: false }).count(), POLL).toBeGreaterThan(0);
      await Promise.all([
        page.waitForResponse((r) => r.url().endsWith(`/api/v1/users/${leavingId}/erase`) && r.status() === 200),
        page.locator('.ant-popconfirm-buttons button').last().click(),
      ]);
      await expect.poll(() => page.getByText('已删除该账号的个人信息').count(), POLL).toBeGreaterThan(0);
      const erased = (await apiAs('admin', `/api/v1/users/${leavingId}`)) as {
        displayName: string;
        erasedAt: string | null;
        status: string;
      };
      expect(erased).toMatchObject({ displayName: '已注销用户', status: 'disabled' });
      expect(erased.erasedAt).not.toBeNull();
    } finally {
      await context.close();
    }
  });
});
