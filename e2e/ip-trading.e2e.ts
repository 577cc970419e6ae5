import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiAs, launchBrowser, loginViaForm, newPage } from './browser.ts';

/**
 * The IP market journey: the owner lists a patent from "my patents", the city approves it, a buyer offers from the
 * public showcase, the owner accepts in the offer thread, records the contract with the licence's term, and the deal
 * page and the patent's own page (许可/质押 and the timeline) show the new licensee.
 */
const POLL = { timeout: 40_000, interval: 200 };
const visibleOk = (page: Page) => page.locator('.ant-popconfirm .ant-btn-primary:visible');
const minimalPdf = () =>
  Buffer.from(
    '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
    'latin1',
  );

type MyPatent = {
  id: string;
  title: string;
  applicationNumber: string;
  legalStatus: string;
  liveListingKinds: string[];
  openLicenceActive: boolean;
};

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('IP trading', () => {
  it('owner lists → city approves → buyer offers → owner accepts → contract → the patent shows the new licensee', async () => {
    const mine = ((await apiAs('enterprise', '/api/v1/ip-market/my-patents')) as { items: MyPatent[] }).items;
    const patent = mine.find((p) => p.legalStatus === 'granted' && p.liveListingKinds.length === 0 && !p.openLicenceActive) as MyPatent;
    expect(patent).toBeDefined();
    const buyerMe = (await apiAs('client01', '/api/v1/me')) as { scope: { enterpriseName: string } };
    // The licence runs a year, or to the patent's last day in force if that comes first.
    const { expiryDate } = (await apiAs('enterprise', `/api/v1/patents/${patent.id}`)) as { expiryDate: string };
    const inAYear = new Date(Date.now() + 365 * 86_400_000).toISOString().slice(0, 10);
    const [termEnd] = [expiryDate, inAYear].sort() as [string];

    const owner = await newPage(browser);
    const admin = await newPage(browser);
    const buyer = await newPage(browser);
    try {
      // Owner: list the patent as a non-exclusive licence at ¥50,000.
      let page = owner.page;
      await loginViaForm(page, 'enterprise');
      await page.goto('/ip-market/my');
      const row = page.getByTestId('my-patents').locator('tr', { hasText: patent.applicationNumber });
      await row.getByTestId('list-patent').click();
      await page.getByTestId('listing-kind').getByText('普通许可').click();
      await expect
        .poll(() => page.getByTestId('listing-kind').locator('.ant-radio-button-wrapper-checked').innerText(), POLL)
        .toContain('普通许可');
      await page.locator('input[data-testid="listing-price"], [data-testid="listing-price"] input').first().fill('50000');
      await page.locator('.ant-modal-footer .ant-btn-primary:visible').click();
      await page.waitForURL(/\/ip-market\/listings\/[0-9a-f-]+$/, POLL);
      const listingId = page.url().split('/').pop() as string;
      await expect.poll(() => page.locator('.ant-tag', { hasText: '待审核' }).count(), POLL).toBeGreaterThan(0);

      // The city approves it in the review queue.
      page = admin.page;
      await loginViaForm(page, 'admin');
      await page.goto('/ip-market/review');
      const queued = page.getByTestId('review-queue').locator('tr', { hasText: patent.title });
      await queued.getByTestId('review-publish').click();
      await visibleOk(page).click();
      await expect.poll(() => page.getByTestId('review-queue').locator('tr', { hasText: patent.title }).count(), POLL).toBe(0);

      // The buyer finds it in the public showcase and makes an offer.
      page = buyer.page;
      await loginViaForm(page, 'client01');
      await page.goto(`/ip-market?q=${encodeURIComponent(patent.title)}`);
      await page.getByTestId('showcase-results').getByRole('link', { name: patent.title }).first().click();
      await page.waitForURL((url) => url.pathname === `/ip-market/listings/${listingId}`);
      await page.getByTestId('make-offer').click();
      await page.locator('input[data-testid="offer-amount"], [data-testid="offer-amount"] input').first().fill('42000');
      await page.locator('.ant-modal-footer .ant-btn-primary:visible').click();
      await page.waitForURL(/\/ip-market\/offers\/[0-9a-f-]+$/, POLL);
      const offerUrl = new URL(page.url()).pathname;
      await expect.poll(() => page.getByTestId('offer-amount-now').innerText(), POLL).toContain('4.2 万元');

      // The owner accepts in the thread.
      page = owner.page;
      await page.goto(offerUrl);
      await page.getByTestId('offer-accept').click();
      await visibleOk(page).click();
      await page.getByTestId('view-deal').click();
      await page.waitForURL(/\/ip-market\/deals\/[0-9a-f-]+$/, POLL);

      // … and records the signed contract with the licence's term (from today, as filled in, to its end day): the
      // deal completes and the patent records the licensee.
      await page.getByTestId('contract-upload').click();
      const contractForm = page.getByTestId('contract-form');
      await contractForm
        .locator('input[type="file"]')
        .setInputFiles({ name: '专利许可合同.pdf', mimeType: 'application/pdf', buffer: minimalPdf() });
      const endsOn = contractForm.locator('input[data-testid="licence-ends-on"], [data-testid="licence-ends-on"] input').first();
      await endsOn.click();
      await endsOn.fill(termEnd);
      await endsOn.press('Enter');
      await expect.poll(() => endsOn.inputValue(), POLL).toBe(termEnd);
      await page.getByTestId('contract-submit').click();
      const events = page.getByTestId('deal-patent-events');
      await expect.poll(() => events.innerText(), POLL).toContain(buyerMe.scope.enterpriseName);
      expect(await events.innerText()).toContain('普通');
      await expect.poll(() => page.locator('.ant-tag', { hasText: '已完成' }).count(), POLL).toBeGreaterThan(0);
      await expect.poll(() => page.getByTestId('deal-licence-term').innerText(), POLL).toContain(termEnd);

      // The patent's own page shows the new licensee, the licence kind and its term in 许可/质押, and on the timeline.
      await page.goto(`/patents/${patent.id}`);
      const rights = page.getByTestId('patent-rights');
      await expect.poll(() => rights.innerText(), POLL).toContain(buyerMe.scope.enterpriseName);
      const licenceRow = rights.locator('tr', { hasText: buyerMe.scope.enterpriseName });
      expect(await licenceRow.innerText()).toContain('普通许可');
      expect(await licenceRow.innerText()).toContain(termEnd);
      expect(await page.getByTestId('patent-timeline').innerText()).toContain(buyerMe.scope.enterpriseName);

      // The buyer sees the completed deal too.
      page = buyer.page;
      await page.goto(offerUrl);
      await page.getByTestId('view-deal').click();
      await expect.poll(() => page.getByTestId('deal-patent-events').innerText(), POLL).toContain(buyerMe.scope.enterpriseName);
    } finally {
      await owner.context.close();
      await admin.context.close();
      await buyer.context.close();
    }
  }, 240_000);

  it('the showcase, open licences and statistics pages load for a visitor', async () => {
    const { context, page } = await newPage(browser);
    try {
      await page.goto('/ip-market');
      await page.getByTestId('listing-card').first().waitFor(POLL);
      await page.goto('/ip-market/open-licences');
      await page.getByTestId('open-licences').locator('tbody tr.ant-table-row').first().waitFor(POLL);
      await page.goto('/ip-market/statistics');
      await page.getByTestId('stats-by-town').locator('canvas').first().waitFor(POLL);
    } finally {
      await context.close();
    }
  }, 120_000);
});
