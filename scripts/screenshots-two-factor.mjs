#!/usr/bin/env node
/**
 * Screenshots of two-factor sign-in for docs/screenshots/: 账号安全 as the city admin sees it (with the policy),
 * setting an authenticator up (QR code), the recovery codes, 用户管理 with who has it, the login's second step (zh + en) and the set-up inside a sign-in that a role requires. A fresh
 * expert account is created for the set-up, so the demo accounts stay as they are.
 *
 *   BASE_URL=http://localhost:3000 node scripts/screenshots-two-factor.mjs
 */
import { generate } from 'otplib';
import { api, BASE_URL, LOCALES, login, newPage, PASSWORD, save, withBrowser } from './screenshot-kit.mjs';

const username = `shot${Date.now().toString(36)}`;
await api('admin', 'POST', '/api/v1/users', { username, password: PASSWORD, displayName: '陈嘉怡', role: 'expert' });

await withBrowser(async (browser) => {
  const admin = await newPage(browser);
  await login(admin, 'admin');
  await admin.goto(`${BASE_URL}/account/security`);
  await admin.getByTestId('two-factor-policy').locator('.ant-checkbox').first().waitFor();
  await save(admin, 'account-security-zh.png');
  await admin.context().close();

  const page = await newPage(browser);
  await login(page, username);
  await page.goto(`${BASE_URL}/account/security`);
  await page.getByTestId('two-factor-turn-on').click();
  await page.locator('.ant-qrcode canvas').waitFor();
  const secret = ((await page.getByTestId('two-factor-secret').textContent()) ?? '').replace(/\s/g, '');
  await page.waitForTimeout(400); // the dialog's opening animation
  await save(page, 'two-factor-setup-zh.png', { fullPage: false });
  await page.getByTestId('two-factor-enable-form').locator('input').first().click();
  await page.keyboard.type(await generate({ secret }));
  await page.getByTestId('two-factor-enable').click();
  await page.getByTestId('recovery-codes').waitFor();
  await page.waitForTimeout(300);
  await save(page, 'two-factor-recovery-codes-zh.png', { fullPage: false });
  await page.context().close();

  // 用户管理: who signs in with two factors, with the reset and erase actions.
  const users = await newPage(browser);
  await login(users, 'admin');
  await users.goto(`${BASE_URL}/admin/users?role=expert`);
  await users.locator('[data-testid="user-table"] tbody tr.ant-table-row').first().waitFor();
  await save(users, 'users-two-factor-zh.png');
  await users.context().close();

  // The set-up inside the sign-in, when the city requires two factors of a role (experts, for the picture).
  await api('admin', 'PUT', '/api/v1/two-factor-policy', { requiredRoles: ['expert'] });
  try {
    const enrol = await newPage(browser);
    await enrol.goto(`${BASE_URL}/login`);
    await enrol.locator('#username').fill('expert');
    await enrol.locator('#password').fill(PASSWORD);
    await enrol.getByTestId('login-submit').click();
    await enrol.locator('.ant-qrcode canvas').waitFor();
    await save(enrol, 'login-two-factor-enrol-zh.png');
    await enrol.context().close();
  } finally {
    await api('admin', 'PUT', '/api/v1/two-factor-policy', { requiredRoles: [] });
  }

  for (const [locale, suffix] of LOCALES) {
    const signIn = await newPage(browser, locale);
    await signIn.goto(`${BASE_URL}/login`);
    await signIn.locator('#username').fill(username);
    await signIn.locator('#password').fill(PASSWORD);
    await signIn.getByTestId('login-submit').click();
    await signIn.getByTestId('two-factor-code-step').waitFor();
    await save(signIn, `login-two-factor-${suffix}.png`);
    await signIn.context().close();
  }
});
