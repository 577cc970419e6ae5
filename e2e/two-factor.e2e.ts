import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeAt } from '../apps/server/src/modules/auth/two-factor-rules.ts';
import { apiPostAs, baseUrl, DEMO_PASSWORD, launchBrowser, loginViaForm, logoutViaMenu, newPage } from './browser.ts';

const POLL = { timeout: 20_000, interval: 200 };

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** Types six digits into antd's one-box-per-digit input (focus moves on by itself, as for a person). */
async function typeCode(page: Page, form: string, code: string) {
  await page.getByTestId(form).locator('input').first().click();
  await page.keyboard.type(code);
}

describe('two-factor sign-in', () => {
  it('a user turns it on with an authenticator, saves the recovery codes, and the next sign-in asks for the code', async () => {
    const username = `e2etfa${Date.now().toString(36)}`;
    await apiPostAs('admin', '/api/v1/users', { username, password: DEMO_PASSWORD, displayName: '两步验证用户', role: 'expert' });
    const { context, page } = await newPage(browser);
    try {
      await loginViaForm(page, username);
      await page.getByTestId('user-menu').click();
      await page.getByTestId('account-security').click();
      await page.waitForURL('**/account/security');
      await expect.poll(() => page.getByTestId('two-factor-state').textContent(), POLL).toBe('未开启');

      // Scan (here: read the key the page shows for typing in), then confirm with the app's code.
      await page.getByTestId('two-factor-turn-on').click();
      const secretText = page.getByTestId('two-factor-secret');
      await secretText.waitFor();
      const secret = ((await secretText.textContent()) ?? '').replace(/\s/g, '');
      expect(secret).toMatch(/^[A-Z2-7]{32}$/);
      await expect.poll(() => page.locator('.ant-qrcode canvas').count(), POLL).toBe(1);
      await Promise.all([
        page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/two-factor/enable') && r.status() === 200),
        (async () => {
          await typeCode(page, 'two-factor-enable-form', await codeAt(secret));
          await page.getByTestId('two-factor-enable').click();
        })(),
      ]);
      await expect.poll(() => page.getByTestId('recovery-code').count(), POLL).toBe(10);
      const recoveryCode = (await page.getByTestId('recovery-code').first().textContent()) ?? '';
      await page.getByTestId('recovery-codes-done').click();
      await expect.poll(() => page.getByTestId('two-factor-state').textContent(), POLL).toBe('已开启');
      await expect.poll(() => page.getByText('10 个').count(), POLL).toBe(1);
      await logoutViaMenu(page);

      // The password alone no longer signs in: the second step asks for the app's code.
      await page.goto('/login');
      await page.locator('#username').fill(username);
      await page.locator('#password').fill(DEMO_PASSWORD);
      await page.getByTestId('login-submit').click();
      await page.getByTestId('two-factor-code-step').waitFor();
      // A wrong code is refused on the field, and the sign-in stays pending.
      await typeCode(page, 'two-factor-code-form', '000000');
      await page.getByTestId('two-factor-verify').click();
      await expect.poll(() => page.getByText('验证码不正确或已使用').count(), POLL).toBeGreaterThan(0);
      // The next time step's code (the one that turned it on cannot be used again).
      await typeCode(page, 'two-factor-code-form', await codeAt(secret, Date.now() + 30_000));
      await Promise.all([
        page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/login/two-factor') && r.status() === 200),
        page.getByTestId('two-factor-verify').click(),
      ]);
      await page.waitForURL((url) => !url.pathname.startsWith('/login'));
      await logoutViaMenu(page);

      // A recovery code signs in once, when the phone is not at hand.
      await page.goto('/login');
      await page.locator('#username').fill(username);
      await page.locator('#password').fill(DEMO_PASSWORD);
      await page.getByTestId('login-submit').click();
      await page.getByTestId('two-factor-toggle-recovery').click();
      await page.getByTestId('two-factor-code-form').locator('input').fill(recoveryCode);
      await page.getByTestId('two-factor-verify').click();
      await page.waitForURL((url) => !url.pathname.startsWith('/login'));
      await page.goto('/account/security');
      await expect.poll(() => page.getByText('9 个').count(), POLL).toBe(1);
    } finally {
      await context.close();
    }
  });

  it('the city requires it of experts: an expert without it sets the authenticator up in the sign-in, then enters', async () => {
    const username = `e2eenrol${Date.now().toString(36)}`;
    await apiPostAs('admin', '/api/v1/users', { username, password: DEMO_PASSWORD, displayName: '绑定验证器专家', role: 'expert' });
    const { context, page } = await newPage(browser);
    try {
      // The city admin ticks 专家 in the policy on 账号安全.
      await loginViaForm(page, 'admin');
      await page.goto('/account/security');
      const policy = page.getByTestId('two-factor-policy');
      await policy.getByText('专家', { exact: true }).click();
      await Promise.all([
        page.waitForResponse((r) => r.url().endsWith('/api/v1/two-factor-policy') && r.request().method() === 'PUT' && r.status() === 200),
        page.getByTestId('two-factor-policy-save').click(),
      ]);
      await logoutViaMenu(page);

      // The expert's right password leads to setting the app up, not into the platform.
      await page.goto('/login');
      await page.locator('#username').fill(username);
      await page.locator('#password').fill(DEMO_PASSWORD);
      await page.getByTestId('login-submit').click();
      await page.getByTestId('two-factor-enrol-step').waitFor();
      const secretText = page.getByTestId('two-factor-secret');
      await secretText.waitFor();
      const secret = ((await secretText.textContent()) ?? '').replace(/\s/g, '');
      await typeCode(page, 'two-factor-enable-form', await codeAt(secret));
      await page.getByTestId('two-factor-enable').click();
      await expect.poll(() => page.getByTestId('recovery-code').count(), POLL).toBe(10);
      await page.getByTestId('recovery-codes-done').click();
      await page.waitForURL((url) => !url.pathname.startsWith('/login'));
      await page.goto('/account/security');
      await expect.poll(() => page.getByTestId('two-factor-state').textContent(), POLL).toBe('已开启');
      // Required by the role: it cannot be turned off.
      expect(await page.getByTestId('two-factor-turn-off').isDisabled()).toBe(true);
    } finally {
      await context.close();
      await putPolicyAsAdmin([]);
    }
  });
});

/** Puts the policy back as the demo has it (none required), also when the journey failed half-way. */
async function putPolicyAsAdmin(requiredRoles: string[]) {
  const login = await fetch(`${baseUrl()}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: DEMO_PASSWORD }),
  });
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const res = await fetch(`${baseUrl()}/api/v1/two-factor-policy`, {
    method: 'PUT',
    headers: { cookie, 'content-type': 'application/json' },
    body: JSON.stringify({ requiredRoles }),
  });
  if (!res.ok) throw new Error(`two-factor policy: ${res.status} ${await res.text()}`);
}
