import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiAs, launchBrowser, loginViaForm, logoutViaMenu, newPage } from './browser.ts';

/** The machines are small and CI runs two suites: give a page time to load before failing. */
const POLL = { timeout: 20_000, interval: 200 };

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** Opens a case command's dialog by its button, fills it with `fill`, confirms and waits for the step's answer. */
async function command(
  page: Page,
  button: string,
  path: string,
  fill: (dialog: ReturnType<Page['locator']>) => Promise<void> = async () => {},
) {
  // antd puts a space between the two characters of a two-character Chinese button label (受 理).
  await page.getByRole('button', { name: new RegExp(`^${[...button].join('\\s*')}$`) }).click();
  // The open dialog only: a closed antd modal stays in the page, hidden, and is not in the accessibility tree.
  const dialog = page.getByRole('dialog').last();
  await dialog.waitFor();
  await fill(dialog);
  const [answer] = await Promise.all([
    page.waitForResponse((r) => r.url().includes('/api/v1/ip-cases/') && r.url().endsWith(`/${path}`) && r.request().method() === 'POST'),
    dialog.locator('.ant-modal-footer .ant-btn-primary').click(),
  ]);
  // A refused step says why (its error body) instead of timing out.
  expect(`${answer.status()} ${answer.status() === 200 ? '' : await answer.text()}`).toBe('200 ');
}

describe('rights protection: complaint → triage and assignment → mediation → closed → SLA dashboard', () => {
  it('the enterprise files, the centre acknowledges/triages/assigns, the officer mediates and closes, the dashboard counts it', async () => {
    const title = `E2E 仿冒吊灯投诉 ${Date.now().toString(36)}`;
    const { context, page } = await newPage(browser);
    try {
      // The enterprise files a complaint about its design patent (by number), with the marketplace link.
      await loginViaForm(page, 'enterprise');
      await page.goto('/ip-cases');
      await page.getByTestId('file-case').click();
      const form = page.getByTestId('ip-case-form');
      await form.locator('#title').fill(title);
      await form.locator('#description').fill('网店销售与我司外观专利近似的吊灯');
      await form.locator('#patentNumber').fill('202130123456.8');
      await form.locator('#suspectedProduct').fill('仿冒款吊灯');
      await form.locator('#seller').fill('某灯饰商行');
      await form.locator('#marketplaceUrl').fill('https://item.example-mall.com/item/42');
      const [created] = await Promise.all([
        page.waitForResponse((r) => r.url().endsWith('/api/v1/ip-cases') && r.request().method() === 'POST'),
        page.locator('.ant-modal-footer .ant-btn-primary').last().click(),
      ]);
      expect(created.status()).toBe(201);
      const caseId = ((await created.json()) as { id: string }).id;
      await page.waitForURL(`**/ip-cases/${caseId}`);
      await expect.poll(() => page.getByText('待受理').count(), POLL).toBeGreaterThan(0);
      await logoutViaMenu(page);

      // The centre's admin acknowledges, triages (the rule's track) and assigns the officer.
      await loginViaForm(page, 'ipcadmin');
      await page.goto('/ip-cases');
      await page.getByTestId('ip-case-list').getByText(title).click();
      await page.waitForURL(`**/ip-cases/${caseId}`);
      await command(page, '受理', 'acknowledge');
      await command(page, '分流', 'triage');
      await command(page, '指派承办人', 'assign', async (dialog) => {
        await dialog.locator('.ant-select').click();
        await page.locator('.ant-select-item-option', { hasText: '陈慧玲' }).click();
      });
      await expect.poll(() => page.getByText('陈慧玲').count(), POLL).toBeGreaterThan(0);
      await logoutViaMenu(page);

      // The officer records a session, the outcome and the closing report.
      await loginViaForm(page, 'ipcofficer');
      await page.goto(`/ip-cases/${caseId}`);
      await command(page, '记录调解', 'sessions', async (dialog) => {
        await dialog.locator('#location').fill('古镇维权中心调解室');
        await dialog.locator('#minutes').fill('双方同意下架涉案链接并赔偿');
      });
      await expect.poll(() => page.getByTestId('case-sessions').getByText('双方同意下架涉案链接并赔偿').count(), POLL).toBe(1);
      await command(page, '记录处理结果', 'outcome', async (dialog) => {
        await dialog.locator('.ant-select').click();
        await page.locator('.ant-select-item-option', { hasText: '调解达成协议' }).click();
        await dialog.locator('#summary').fill('对方下架并赔偿 2 万元');
      });
      await command(page, '结案', 'close', async (dialog) => {
        await dialog.locator('#report').fill('调解结案，协议已履行');
      });
      await expect.poll(() => page.getByText('已结案').count(), POLL).toBeGreaterThan(0);
      await logoutViaMenu(page);

      // The SLA dashboard counts the closed case (the API and the page agree).
      const sla = (await apiAs('ipcadmin', '/api/v1/ip-cases/sla')) as { byTrack: { track: string; close: { count: number } }[] };
      const closedCount = sla.byTrack.reduce((n, g) => n + g.close.count, 0);
      expect(closedCount).toBeGreaterThan(0);
      const c = (await apiAs('ipcadmin', `/api/v1/ip-cases/${caseId}`)) as { status: string; sla: { closeDays: number; late: string[] } };
      expect(c.status).toBe('closed');
      expect(c.sla.closeDays).toBe(0);
      await loginViaForm(page, 'ipcadmin');
      await page.goto('/ip-cases/sla');
      const byTrack = page.getByTestId('sla-by-track');
      await byTrack.waitFor();
      await expect.poll(() => byTrack.locator('tbody tr').count(), POLL).toBeGreaterThan(0);
      await expect.poll(() => page.getByTestId('sla-overdue').locator('tbody tr').count(), POLL).toBeGreaterThan(0);
    } finally {
      await context.close();
    }
  });
});
