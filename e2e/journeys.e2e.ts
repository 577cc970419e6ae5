import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiAs, apiPostAs, baseUrl, launchBrowser, loginViaForm, logoutViaMenu, newPage } from './browser.ts';

/** An antd InputNumber's <input>, whether the test id sits on the input or on its wrapper. */
const numberInput = (page: Page, testId: string) => page.locator(`input[data-testid="${testId}"], [data-testid="${testId}"] input`);

/** The machines are small and CI runs two suites: give a page time to load before failing. */
const POLL = { timeout: 20_000, interval: 200 };

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** The route paths of the side menu's items, in order (antd puts the item key at the end of data-menu-id). */
async function menuKeys(page: Page): Promise<string[]> {
  const menu = page.getByTestId('main-menu');
  await menu.waitFor();
  // A long menu folds its sections into sub-menus: open every closed one, so all entries are in the page.
  const closed = menu.locator('li.ant-menu-submenu:not(.ant-menu-submenu-open) > .ant-menu-submenu-title');
  for (let n = await closed.count(); n > 0; n = await closed.count()) {
    await closed.first().click();
    await expect.poll(() => closed.count()).toBeLessThan(n);
  }
  const ids = await menu.locator('li[data-menu-id]').evaluateAll((els) => els.map((el) => el.getAttribute('data-menu-id') ?? ''));
  return ids.map((id) => id.slice(id.indexOf('/')));
}

const EXPECTED_MENUS: Record<string, string[]> = {
  admin: [
    '/',
    '/towns',
    '/enterprises',
    '/institutions',
    '/resources',
    '/admin/resources',
    '/review/resources',
    '/sharing-statistics',
    '/purchase-reviews',
    '/services',
    '/orders',
    '/requirements',
    '/alliance/review',
    '/innovation-map',
    '/vouchers',
    '/vouchers/reports',
    '/vouchers/applications',
    '/vouchers/wallet',
    '/vouchers/claims',
    '/patents',
    '/patents/landscape',
    '/patents/portfolio',
    '/ip-market',
    '/ip-market/open-licences',
    '/ip-market/offers',
    '/ip-market/deals',
    '/ip-market/review',
    '/ip-market/statistics',
    '/patents/import',
    '/pre-examination',
    '/pre-examination/cycle-times',
    '/ip-cases',
    '/ip-cases/sla',
    '/targets',
    '/targets/submissions',
    '/targets/indicators',
    '/targets/report',
    '/funding',
    '/admin/users',
    '/admin/audit',
    '/admin/holidays',
    '/api/docs',
  ],
  guzhen: [
    '/',
    '/enterprises',
    '/resources',
    '/review/resources',
    '/sharing-statistics',
    '/purchase-reviews',
    '/services',
    '/orders',
    '/requirements',
    '/innovation-map',
    '/vouchers',
    '/vouchers/reports',
    '/vouchers/applications',
    '/vouchers/wallet',
    '/vouchers/claims',
    '/patents',
    '/patents/landscape',
    '/patents/portfolio',
    '/ip-market',
    '/ip-market/open-licences',
    '/ip-market/offers',
    '/ip-market/deals',
    '/ip-market/review',
    '/ip-market/statistics',
    '/targets',
    '/targets/submissions',
    '/targets/report',
    '/funding',
    '/towns',
    '/institutions',
  ],
  // A provider of another institution: not the IP protection centre's pre-examination and case menus.
  provider: [
    '/',
    '/my/institution',
    '/resources',
    '/my/resources',
    '/bookings/queue',
    '/sharing-statistics',
    '/purchase-reviews',
    '/services',
    '/my/services',
    '/orders',
    '/requirements',
    '/innovation-map',
    '/vouchers/claims',
    '/patents',
    '/patents/landscape',
    '/ip-market',
    '/ip-market/open-licences',
    '/towns',
    '/institutions',
    '/targets',
  ],
  // Staff of the IP protection centre (an institution of type ip_protection_centre) see them.
  ipcadmin: [
    '/',
    '/my/institution',
    '/resources',
    '/my/resources',
    '/bookings/queue',
    '/sharing-statistics',
    '/purchase-reviews',
    '/services',
    '/my/services',
    '/orders',
    '/requirements',
    '/innovation-map',
    '/vouchers/claims',
    '/patents',
    '/patents/landscape',
    '/ip-market',
    '/ip-market/open-licences',
    '/pre-examination',
    '/pre-examination/cycle-times',
    '/ip-cases',
    '/ip-cases/sla',
    '/towns',
    '/institutions',
    '/targets',
  ],
  enterprise: [
    '/',
    '/my/enterprise',
    '/resources',
    '/my/bookings',
    '/services',
    '/orders',
    '/requirements',
    '/innovation-map',
    '/vouchers',
    '/vouchers/applications',
    '/vouchers/wallet',
    '/vouchers/claims',
    '/patents',
    '/patents/landscape',
    '/patents/portfolio',
    '/ip-market',
    '/ip-market/open-licences',
    '/ip-market/my',
    '/ip-market/offers',
    '/ip-market/deals',
    '/pre-examination',
    '/ip-cases',
    '/institutions',
    '/targets',
  ],
  expert: [
    '/',
    '/resources',
    '/services',
    '/innovation-map',
    '/patents',
    '/patents/landscape',
    '/ip-market',
    '/towns',
    '/institutions',
    '/targets',
  ],
  bank: [
    '/',
    '/my/institution',
    '/resources',
    '/services',
    '/innovation-map',
    '/patents',
    '/patents/landscape',
    '/ip-market',
    '/ip-market/offers',
    '/ip-market/deals',
    '/towns',
    '/institutions',
    '/targets',
  ],
};

describe('signing in as each demo role', () => {
  for (const [username, expected] of Object.entries(EXPECTED_MENUS)) {
    it(`${username} sees the menu of their role`, async () => {
      const { context, page } = await newPage(browser);
      try {
        await loginViaForm(page, username);
        expect(await menuKeys(page)).toEqual(expected);
        await logoutViaMenu(page);
        await page.getByTestId('login-button').waitFor();
        expect(await menuKeys(page)).toEqual([
          '/',
          '/resources',
          '/services',
          '/innovation-map',
          '/patents',
          '/patents/landscape',
          '/ip-market',
          '/targets',
          '/towns',
          '/institutions',
        ]);
      } finally {
        await context.close();
      }
    });
  }

  it('a wrong password shows an error and stays on the login page', async () => {
    const { context, page } = await newPage(browser);
    try {
      await page.goto('/login');
      await page.locator('#username').fill('xiaolan');
      await page.locator('#password').fill('wrong-Password1');
      await page.getByTestId('login-submit').click();
      await expect.poll(() => page.getByTestId('login-error').textContent(), POLL).toContain('用户名或密码错误');
      expect(new URL(page.url()).pathname).toBe('/login');
    } finally {
      await context.close();
    }
  });
});

describe('language', () => {
  it('is Chinese by default, switches to English and remembers it', async () => {
    const { context, page } = await newPage(browser);
    try {
      await page.goto('/');
      await page.getByTestId('home-hero').waitFor();
      await expect.poll(() => page.locator('body').innerText(), POLL).toContain('专业镇科技创新服务平台');
      await page.getByTestId('lang-switch').click();
      const english = page.getByText('English', { exact: true });
      if (await english.isVisible().catch(() => false)) await english.click();
      await expect
        .poll(() => page.evaluate(() => document.documentElement.lang || localStorage.getItem('innotown.locale')), POLL)
        .toMatch(/en/);
      await expect.poll(() => page.getByTestId('main-menu').innerText(), POLL).toMatch(/Home/);
      await page.reload();
      await expect.poll(() => page.getByTestId('main-menu').innerText(), POLL).toMatch(/Home/);
      expect(await page.getByTestId('main-menu').innerText()).not.toMatch(/首页/);
    } finally {
      await context.close();
    }
  });
});

describe('home page', () => {
  it('shows real counts at once and loads its charts when they scroll into view', async () => {
    const { context, page } = await newPage(browser);
    try {
      const overview = (await (await fetch(`${baseUrl()}/api/v1/stats/overview`)).json()) as { enterprises: number };
      await page.goto('/');
      await page.getByTestId('town-ranking').waitFor();
      await expect.poll(() => page.getByTestId('kpi-enterprises').innerText(), POLL).toContain(String(overview.enterprises));
      expect(await page.locator('canvas').count()).toBe(0);
      await page.getByTestId('deferred').first().scrollIntoViewIfNeeded();
      await expect.poll(() => page.locator('canvas').count(), POLL).toBeGreaterThanOrEqual(2);
    } finally {
      await context.close();
    }
  });
});

describe('scope', () => {
  it('a town admin cannot open another town’s enterprise by URL', async () => {
    const towns = (await apiAs('admin', '/api/v1/towns?q=小榄镇')) as { items: { id: string }[] };
    const xiaolanTownId = towns.items[0]?.id as string;
    const list = (await apiAs('admin', `/api/v1/enterprises?townId=${xiaolanTownId}&pageSize=1`)) as {
      items: { id: string; name: string }[];
    };
    const foreign = list.items[0];
    expect(foreign).toBeDefined();
    const own = (await apiAs('guzhen', '/api/v1/enterprises?pageSize=1')) as { items: { id: string; name: string }[] };

    const { context, page } = await newPage(browser);
    try {
      await loginViaForm(page, 'guzhen');
      await page.goto(`/enterprises/${own.items[0]?.id}`);
      await expect.poll(() => page.getByTestId('enterprise-name').innerText(), POLL).toBe(own.items[0]?.name as string);

      await page.goto(`/enterprises/${foreign?.id}`);
      await page.getByTestId('not-found').waitFor();
      expect(await page.locator('body').innerText()).not.toContain(foreign?.name as string);
    } finally {
      await context.close();
    }
  });
});

describe('resource booking', () => {
  it('anonymous search → instrument → enterprise requests a slot → provider approves → enterprise sees it confirmed, also in the instrument’s calendar', async () => {
    // An instrument of the demo provider's institution that publishes opening hours.
    const me = (await apiAs('provider', '/api/v1/me')) as { scope: { institutionId: string } };
    const found = (await apiAs(
      'provider',
      `/api/v1/resources/search?kind=instrument&institutionId=${me.scope.institutionId}&pageSize=50`,
    )) as { items: { id: string; name: string }[] };
    let instrument: { id: string; name: string; openingHours: Record<string, [string, string][]> | null } | undefined;
    for (const item of found.items) {
      const detail = (await apiAs('provider', `/api/v1/resources/${item.id}`)) as NonNullable<typeof instrument>;
      if (detail.openingHours && Object.keys(detail.openingHours).length > 0) {
        instrument = detail;
        break;
      }
    }
    if (!instrument) throw new Error('the demo seed has no bookable instrument of the demo provider');
    // A day 10–40 days ahead that is open, and the first hour of its first interval.
    const days = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
    const day = new Date();
    day.setDate(day.getDate() + 10 + (Date.now() % 30));
    while (!instrument.openingHours?.[days[day.getDay()] as string]?.length) day.setDate(day.getDate() + 1);
    const [open] = instrument.openingHours[days[day.getDay()] as string] as [string, string][];
    const [from = '09:00'] = open ?? [];
    const startHour = Number(from.slice(0, 2));
    const date = `${day.getFullYear()}-${String(day.getMonth() + 1).padStart(2, '0')}-${String(day.getDate()).padStart(2, '0')}`;
    const start = `${String(startHour).padStart(2, '0')}:${from.slice(3)}`;
    const end = `${String(startHour + 1).padStart(2, '0')}:${from.slice(3)}`;

    const anonymous = await newPage(browser);
    const enterprise = await newPage(browser);
    const provider = await newPage(browser);
    try {
      // Anonymous: search, open the instrument; booking asks for a sign-in.
      let page = anonymous.page;
      await page.goto(`/resources?q=${encodeURIComponent(instrument.name)}`);
      await page.getByTestId('resource-results').waitFor();
      await page.getByTestId('resource-result').first().waitFor(POLL);
      await page.goto(`/resources/${instrument.id}`);
      await expect.poll(() => page.getByTestId('resource-name').innerText(), POLL).toBe(instrument.name);
      await page.getByTestId('booking-login').waitFor();

      // Enterprise: quote, then request the slot.
      page = enterprise.page;
      await loginViaForm(page, 'enterprise');
      await page.goto(`/resources/${instrument.id}`);
      await page.getByTestId('booking-form').waitFor(POLL);
      await page.locator('#date').fill(date);
      await page.keyboard.press('Enter');
      await page.locator('#startTime').fill(start);
      await page.keyboard.press('Enter');
      await page.locator('#endTime').fill(end);
      await page.keyboard.press('Enter');
      await page.getByTestId('booking-purpose').fill('E2E 光通量测试');
      await page.getByTestId('booking-quote-button').click();
      await page.getByTestId('booking-quote').waitFor(POLL);
      await page.getByTestId('booking-submit').click();
      await page.waitForURL((url) => url.pathname === '/my/bookings', POLL);
      const myRow = page.getByTestId('my-bookings').locator('tr', { hasText: instrument.name }).filter({ hasText: date }).first();
      await expect.poll(() => myRow.getByTestId('booking-status').innerText(), POLL).toBe('待审核');

      // Provider: approve it from the queue.
      page = provider.page;
      await loginViaForm(page, 'provider');
      await page.goto('/bookings/queue');
      const queueRow = page.getByTestId('booking-queue').locator('tr', { hasText: instrument.name }).filter({ hasText: date }).first();
      await queueRow.getByTestId('booking-approve').click();
      await expect.poll(() => queueRow.count(), POLL).toBe(0);

      // Enterprise: the booking is confirmed.
      page = enterprise.page;
      await page.reload();
      await expect.poll(() => myRow.getByTestId('booking-status').innerText(), POLL).toBe('已确认');

      // … and marked as its own in the instrument's calendar, on the slot's day and time; the feed is offered.
      await myRow.getByTestId('booking-calendar').click();
      await page.waitForURL((url) => url.pathname === `/resources/${instrument.id}/calendar`, POLL);
      await expect.poll(() => page.getByTestId('calendar-title').innerText(), POLL).toContain(instrument.name);
      const mine = page.locator(`[data-testid="calendar-day"][data-day="${date}"] [data-testid="calendar-slot"][data-mine="true"]`);
      await expect.poll(() => mine.count(), POLL).toBeGreaterThanOrEqual(1);
      await expect.poll(() => mine.first().innerText(), POLL).toContain(`我的预约 ${start}–${end}`);
      expect(await page.getByTestId('calendar-ics').getAttribute('href')).toBe(`/api/v1/resources/${instrument.id}/bookings.ics`);
      // The month view shows it too; the instrument page links to the calendar.
      await page.getByTestId('calendar-view-switch').getByText('月').click();
      await expect.poll(() => page.locator('[data-testid="calendar-month"] [data-mine="true"]').count(), POLL).toBeGreaterThanOrEqual(1);
      await page.goto(`/resources/${instrument.id}`);
      await page.getByTestId('resource-calendar').click();
      await page.waitForURL((url) => url.pathname === `/resources/${instrument.id}/calendar`, POLL);
    } finally {
      await anonymous.context.close();
      await enterprise.context.close();
      await provider.context.close();
    }
  });
});

describe('resource review', () => {
  it('a provider creates an instrument and submits it → the town admin publishes it → anonymous search finds it', async () => {
    // lamplab is a provider in 古镇镇, whose town admin is guzhen.
    const stamp = Date.now().toString(36).toUpperCase();
    const name = `E2E 积分球光谱辐射计 ${stamp}`;
    const model = `E2E-${stamp}`;
    const provider = await newPage(browser);
    const reviewer = await newPage(browser);
    const anonymous = await newPage(browser);
    try {
      let page = provider.page;
      await loginViaForm(page, 'lamplab');
      await page.goto('/my/resources');
      await page.getByTestId('my-resources').waitFor(POLL);
      await page.goto('/my/resources/new?kind=instrument');
      await page.getByTestId('resource-form').waitFor(POLL);
      await page.getByTestId('resource-form-name').fill(name);
      await page.getByTestId('resource-form-model').fill(model);
      await page.getByTestId('resource-form-fee-min').fill('300');
      await page.getByTestId('resource-form-fee-max').fill('500');
      await page.getByTestId('hours-mon').fill('09:00-12:00, 13:30-17:30');
      await page.getByTestId('resource-form-save').click();
      await page.waitForURL((url) => /\/my\/resources\/[0-9a-f-]{36}\/edit$/.test(url.pathname), POLL);
      await expect.poll(() => page.getByTestId('resource-status').innerText(), POLL).toBe('草稿');
      await page.getByTestId('resource-form-submit-review').click();
      await page.locator('.ant-popconfirm-buttons .ant-btn-primary').click();
      await page.waitForURL((url) => url.pathname === '/my/resources', POLL);
      const myRow = page.getByTestId('my-resources').locator('tr', { hasText: name });
      await expect.poll(() => myRow.getByTestId('resource-status').innerText(), POLL).toBe('待审核');

      // Anonymous visitors do not find it while it waits for review.
      const hidden = (await (await fetch(`${baseUrl()}/api/v1/resources/search?q=${model}`)).json()) as { total: number };
      expect(hidden.total).toBe(0);

      // The town admin of 古镇镇 publishes it from the review queue.
      page = reviewer.page;
      await loginViaForm(page, 'guzhen');
      await page.goto('/review/resources');
      const queueRow = page.getByTestId('review-queue').locator('tr', { hasText: name });
      await queueRow.getByTestId('review-open').click();
      await expect.poll(() => page.getByTestId('review-detail').innerText(), POLL).toContain(model);
      await page.locator('.ant-drawer').getByTestId('review-publish').click();
      await expect.poll(() => queueRow.count(), POLL).toBe(0);

      // Anonymous search finds it, and its page opens.
      page = anonymous.page;
      await page.goto(`/resources?q=${encodeURIComponent(model)}`);
      const result = page.getByTestId('resource-result').filter({ hasText: name });
      await expect.poll(() => result.count(), POLL).toBe(1);
      await result.locator('a').first().click();
      await expect.poll(() => page.getByTestId('resource-name').innerText(), POLL).toBe(name);

      // The provider sees it published.
      page = provider.page;
      await page.reload();
      await expect.poll(() => myRow.getByTestId('resource-status').innerText(), POLL).toBe('已发布');
    } finally {
      await provider.context.close();
      await reviewer.context.close();
      await anonymous.context.close();
    }
  });
});

describe('usage after the booking', () => {
  it('provider records actual usage with extra charges → enterprise sees the figures and confirms → completed', async () => {
    // A sample test at one of the demo provider's instruments: it has no slot, so usage can be recorded once confirmed.
    const me = (await apiAs('provider', '/api/v1/me')) as { scope: { institutionId: string } };
    const found = (await apiAs(
      'provider',
      `/api/v1/resources/search?kind=instrument&institutionId=${me.scope.institutionId}&pageSize=5`,
    )) as { items: { id: string; name: string }[] };
    const instrument = found.items[0];
    if (!instrument) throw new Error('the demo provider has no instrument');
    const samples = 17;
    const booking = (await apiPostAs('enterprise', '/api/v1/bookings', {
      resourceId: instrument.id,
      mode: 'sample',
      sampleCount: samples,
      purpose: 'E2E 送样：LED 灯珠光色参数',
    })) as { id: string };
    await apiPostAs('provider', `/api/v1/bookings/${booking.id}/approve`, {});

    const provider = await newPage(browser);
    const enterprise = await newPage(browser);
    try {
      // Provider: record 2 h 30 min, 17 samples, 600 yuan, plus 50 yuan of consumables.
      let page = provider.page;
      await loginViaForm(page, 'provider');
      await page.goto('/bookings/queue?status=confirmed');
      const row = page
        .getByTestId('booking-queue')
        .locator('tr', { hasText: instrument.name })
        .filter({ hasText: `${samples} 样` })
        .first();
      await row.getByTestId('booking-record-usage').click(POLL);
      const dialog = page.getByTestId('usage-form');
      await dialog.waitFor(POLL);
      await numberInput(page, 'usage-hours').first().fill('2');
      await numberInput(page, 'usage-minutes').first().fill('30');
      await numberInput(page, 'usage-samples').first().fill(String(samples));
      await numberInput(page, 'usage-fee').first().fill('600');
      await page.getByTestId('usage-add-extra').click();
      await numberInput(page, 'usage-extra-amount').first().fill('50');
      await page.locator('#usage-submit').click();
      await expect.poll(() => row.count(), POLL).toBe(0); // no longer "confirmed"
      await page.goto('/bookings/queue?status=usage_recorded');
      const recorded = page
        .getByTestId('booking-queue')
        .locator('tr', { hasText: instrument.name })
        .filter({ hasText: `${samples} 样` })
        .first();
      await expect.poll(() => recorded.getByTestId('booking-status').innerText(), POLL).toBe('已登记用量');
      expect(await recorded.getByTestId('booking-usage-total').innerText()).toContain('650');

      // Enterprise: sees the figures, confirms.
      page = enterprise.page;
      await loginViaForm(page, 'enterprise');
      await page.goto('/my/bookings?status=usage_recorded');
      const mine = page
        .getByTestId('my-bookings')
        .locator('tr', { hasText: instrument.name })
        .filter({ hasText: `${samples} 样` })
        .first();
      await expect.poll(() => mine.getByTestId('booking-usage').innerText(), POLL).toContain('2 小时 30 分');
      expect(await mine.getByTestId('booking-usage').innerText()).toContain('耗材 50');
      await mine.getByTestId('booking-confirm-usage').click();
      await page.locator('.ant-popconfirm .ant-btn-primary').click();
      await expect.poll(() => mine.count(), POLL).toBe(0);
      await page.goto('/my/bookings?status=completed');
      const done = page
        .getByTestId('my-bookings')
        .locator('tr', { hasText: instrument.name })
        .filter({ hasText: `${samples} 样` })
        .first();
      await expect.poll(() => done.getByTestId('booking-status').innerText(), POLL).toBe('已完成');
      const stored = (await apiAs('enterprise', `/api/v1/bookings/${booking.id}`)) as {
        status: string;
        usage: { minutes: number; sampleCount: number; feeFen: number; extraFen: number; confirmedAt: string | null };
      };
      expect(stored.status).toBe('completed');
      expect(stored.usage).toMatchObject({ minutes: 150, sampleCount: samples, feeFen: 60_000, extraFen: 5_000 });
      expect(stored.usage.confirmedAt).not.toBeNull();
    } finally {
      await provider.context.close();
      await enterprise.context.close();
    }
  });
});

describe('open-sharing statistics and new-purchase review', () => {
  it('the city drills down from towns to an institution’s instruments', async () => {
    const { context, page } = await newPage(browser);
    try {
      await loginViaForm(page, 'admin');
      await page.goto('/sharing-statistics');
      await page.getByTestId('sharing-kpis').waitFor(POLL);
      const rows = page.locator('[data-testid="sharing-table"] tbody tr.ant-table-row');
      await rows.first().waitFor(POLL);
      // The busiest town first; drill into it, then into its first institution.
      // A drill-down shows the previous table until the next level's figures arrive: wait for them.
      const shown = (level: string) => page.locator(`[data-testid="sharing-report"][data-level="${level}"][data-fetching="false"]`);
      await shown('city').waitFor(POLL);
      await rows.first().getByTestId('sharing-drill').click();
      await shown('town').waitFor(POLL);
      await rows.first().getByTestId('sharing-drill').click();
      await shown('institution').waitFor(POLL);
      await rows.first().waitFor(POLL);
      expect(await page.getByTestId('sharing-export').isEnabled()).toBe(true);
    } finally {
      await context.close();
    }
  });

  it('lamplab files a planned purchase → the town admin sees similar instruments and rejects it → lamplab sees why', async () => {
    const lab = await newPage(browser);
    const town = await newPage(browser);
    try {
      let page = lab.page;
      await loginViaForm(page, 'lamplab');
      await page.goto('/purchase-reviews');
      await page.getByTestId('purchase-new').click();
      await page.locator('#name').fill('分布光度计');
      await page.locator('#keywords').fill('配光 光强');
      await page.locator('#budgetWan').fill('120');
      await page.locator('#reason').fill('E2E 新购查重');
      await page.getByRole('button', { name: /确\s*定|OK/ }).click();
      await page.waitForURL((url) => /^\/purchase-reviews\/[0-9a-f-]{36}$/.test(url.pathname), POLL);
      const id = new URL(page.url()).pathname.split('/').at(-1) as string;

      page = town.page;
      await loginViaForm(page, 'guzhen');
      await page.goto(`/purchase-reviews/${id}`);
      await page.locator('[data-testid="purchase-similar"] tbody tr.ant-table-row').first().waitFor(POLL);
      expect(await page.locator('[data-testid="purchase-similar"] tbody tr.ant-table-row').first().innerText()).toContain('分布');
      await page.getByPlaceholder(/不同意的理由/).fill('本镇已有同类设备，请共享使用');
      await page.getByTestId('purchase-reject').click();
      await expect.poll(() => page.getByText('未同意').count(), POLL).toBeGreaterThan(0);

      page = lab.page;
      await page.reload();
      await expect.poll(() => page.getByText('本镇已有同类设备，请共享使用').count(), POLL).toBe(1);
    } finally {
      await lab.context.close();
      await town.context.close();
    }
  });
});

describe('service marketplace', () => {
  it('anonymous finds a testing service on the storefront → opens the service → opens the provider page', async () => {
    const { context, page } = await newPage(browser);
    try {
      await page.goto('/services');
      await page.getByTestId('service-card').first().waitFor(POLL);
      await page.getByRole('tab', { name: /检验检测/ }).click();
      await expect.poll(() => page.url(), POLL).toContain('category=testing');
      const box = page.locator('input[data-testid="service-search-input"], [data-testid="service-search-input"] input').first();
      await box.fill('盐雾');
      await box.press('Enter');
      await expect.poll(() => page.url(), POLL).toContain('q=');
      const card = page.getByTestId('service-card').filter({ hasText: '盐雾试验' }).first();
      await card.waitFor(POLL);
      await expect.poll(async () => (await card.locator('mark').allTextContents()).join(''), POLL).toContain('盐雾');
      await card.getByTestId('service-card-title').click();
      await page.getByTestId('service-title').waitFor(POLL);
      expect(await page.getByTestId('service-title').textContent()).toContain('盐雾试验');
      await page.getByTestId('service-provider-link').click();
      await page.getByTestId('provider-record').waitFor(POLL);
      expect(await page.getByTestId('provider-name').textContent()).toBe('小榄镇五金产品检测中心');
      expect(await page.getByTestId('provider-services').textContent()).toContain('盐雾试验');
      // No rated order yet: the page says so instead of showing a number.
      expect(await page.getByTestId('provider-record').textContent()).toContain('暂无评价');
    } finally {
      await context.close();
    }
  });
});

/** A small but complete one-page PDF (catalogue, page, font, text stream, xref), as a lab's report would be. */
function reportPdf(text: string): Buffer {
  const stream = `BT /F1 18 Tf 72 720 Td (${text}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((content, i) => {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${content}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) body += `${String(offset).padStart(10, '0')} 00000 n \n`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

describe('service orders', () => {
  it('enterprise orders a listed testing service → provider quotes → enterprise accepts → provider starts and delivers a PDF report → enterprise confirms with 5 stars → completed with every step in the timeline', async () => {
    // lamplab (国家灯具检测中心, 古镇) lists the LED test; `enterprise` is a 古镇 enterprise.
    const found = (await apiAs('enterprise', `/api/v1/services/search?category=testing&q=${encodeURIComponent('LED 光色电')}`)) as {
      items: { id: string; title: string }[];
    };
    const service = found.items.find((s) => s.title === 'LED 光色电参数检测');
    if (!service) throw new Error('the demo catalogue has no LED 光色电参数检测');

    const enterprise = await newPage(browser);
    const provider = await newPage(browser);
    const visibleOk = (page: Page) => page.locator('.ant-popconfirm .ant-btn-primary:visible');
    const statusOf = (page: Page) => page.getByTestId('order-status').first().innerText();
    try {
      // Enterprise: order from the service page, land on the new order.
      let page = enterprise.page;
      await loginViaForm(page, 'enterprise');
      await page.goto(`/services/${service.id}`);
      await page.getByTestId('order-service').click(POLL);
      await page.getByTestId('order-needs').fill('E2E：LED 筒灯 2 款，测光通量、色温、显色指数');
      await numberInput(page, 'order-quantity').first().fill('2');
      await page.locator('#order-service-submit').click();
      await page.waitForURL(/\/orders\/[0-9a-f-]{36}$/, POLL);
      const orderId = new URL(page.url()).pathname.split('/').pop() as string;
      await expect.poll(() => statusOf(page), POLL).toBe('待报价');
      expect(await page.getByTestId('order-quote-due').innerText()).toMatch(/\d{4}-\d{2}-\d{2} \d{2}:\d{2}/);

      // Provider: finds it under "to quote", quotes 960 yuan (inside the listed 400–1,200).
      page = provider.page;
      await loginViaForm(page, 'lamplab');
      await page.goto('/orders?status=requested');
      await page.locator(`[data-testid="order-link"][href="/orders/${orderId}"]`).click(POLL);
      await page.getByTestId('order-quote').click(POLL);
      await numberInput(page, 'quote-price').first().fill('960');
      await page.getByTestId('quote-note').fill('两款样品合计，含 CNAS 报告');
      await page.locator('#order-quote-submit').click();
      await expect.poll(() => statusOf(page), POLL).toBe('已报价');
      expect(await page.getByTestId('order-price').innerText()).toBe('¥960.00');

      // Enterprise: accepts the quote.
      page = enterprise.page;
      await page.reload();
      await expect.poll(() => statusOf(page), POLL).toBe('已报价');
      await page.getByTestId('order-accept').click();
      await visibleOk(page).click();
      await expect.poll(() => statusOf(page), POLL).toBe('已接受');

      // Provider: starts, then delivers the report.
      page = provider.page;
      await page.reload();
      await page.getByTestId('order-start').click(POLL);
      await visibleOk(page).click();
      await expect.poll(() => statusOf(page), POLL).toBe('服务中');
      await page.getByTestId('order-deliver').click();
      await page
        .locator('.ant-modal input[type="file"]')
        .setInputFiles({ name: 'LED光色电检测报告.pdf', mimeType: 'application/pdf', buffer: reportPdf('LED photometric test report') });
      await page.locator('.ant-modal .ant-upload-list-item-done, .ant-modal .ant-upload-list-item').first().waitFor(POLL);
      await expect.poll(() => page.locator('.ant-modal .ant-upload-list-item-uploading').count(), POLL).toBe(0);
      await page.locator('#order-deliver-submit').click();
      await expect.poll(() => statusOf(page), POLL).toBe('已交付');

      // Enterprise: downloads the report, confirms with 5 stars.
      page = enterprise.page;
      await page.reload();
      await expect.poll(() => statusOf(page), POLL).toBe('已交付');
      const file = page.getByTestId('order-file').first();
      await file.waitFor(POLL);
      expect(await file.innerText()).toBe('LED光色电检测报告.pdf');
      const download = await page.request.get((await file.getAttribute('href')) as string);
      expect(download.status()).toBe(200);
      expect((await download.body()).subarray(0, 5).toString()).toBe('%PDF-');
      await page.getByTestId('order-confirm').click();
      await page.locator('.ant-modal .ant-rate-star').nth(4).click();
      await page.getByTestId('confirm-comment').fill('报告清晰，出具及时');
      await page.locator('#order-confirm-submit').click();
      await expect.poll(() => statusOf(page), POLL).toBe('已完成');
      expect(await page.getByTestId('order-rating').innerText()).toContain('报告清晰，出具及时');
      const steps = await page.getByTestId('order-event').allInnerTexts();
      expect(steps.map((s) => s.split('\n')[0]?.split(/\s/)[0])).toEqual(['待报价', '已报价', '已接受', '服务中', '已交付', '已完成']);
      expect(steps[1]).toContain('服务机构');
      expect(steps[5]).toContain('企业');

      const stored = (await apiAs('enterprise', `/api/v1/service-orders/${orderId}`)) as {
        status: string;
        quotedPriceFen: number;
        rating: number;
        events: unknown[];
      };
      expect(stored).toMatchObject({ status: 'completed', quotedPriceFen: 96_000, rating: 5 });
      expect(stored.events).toHaveLength(6);
    } finally {
      await enterprise.context.close();
      await provider.context.close();
    }
  });
});

describe('innovation vouchers', () => {
  it('the city creates a programme → the enterprise applies → guzhen forwards → the city approves less → the enterprise orders a testing service and applies the voucher → lamplab delivers → confirmed → lamplab claims against the recorded usage → guzhen verifies → the city settles → wallet and dashboard show it', async () => {
    const city = await newPage(browser);
    const firm = await newPage(browser);
    const town = await newPage(browser);
    const lab = await newPage(browser);
    const visibleOk = (page: Page) => page.locator('.ant-popconfirm .ant-btn-primary:visible');
    const orderStatus = (page: Page) => page.getByTestId('order-status').first().innerText();
    const stamp = Date.now().toString(36);
    const name = `E2E 创新券计划 ${stamp}`;
    const use = `E2E 委托检测灯具光电性能 ${stamp}`;
    try {
      // City admin: a new programme through the form (budget and cap typed in yuan).
      let page = city.page;
      await loginViaForm(page, 'admin');
      await page.goto('/vouchers');
      await page.getByTestId('programme-new').click();
      await page.getByTestId('programme-name').fill(name);
      await numberInput(page, 'programme-budget').fill('100000');
      await numberInput(page, 'programme-cap').fill('50000');
      await page.getByTestId('programme-save').click();
      await page.waitForURL((url) => /^\/vouchers\/programmes\/[0-9a-f-]{36}$/.test(url.pathname), POLL);
      const programmeId = new URL(page.url()).pathname.split('/').at(-1) as string;
      await expect.poll(() => page.getByTestId('programme-budget').innerText(), POLL).toContain('100,000.00');
      const stored = (await apiAs('admin', `/api/v1/voucher-programmes/${programmeId}`)) as {
        totalBudgetFen: number;
        capPerEnterpriseFen: number;
        ratioTechSmeBp: number;
      };
      expect(stored).toMatchObject({ totalBudgetFen: 10_000_000, capPerEnterpriseFen: 5_000_000, ratioTechSmeBp: 8000 });

      // Enterprise (in 古镇): applies for ¥30,000 from the programme's card.
      page = firm.page;
      await loginViaForm(page, 'enterprise');
      await page.goto('/vouchers');
      await page.getByTestId('voucher-programme').filter({ hasText: name }).getByTestId('programme-apply').click();
      await page.getByTestId('application-planned-use').fill(use);
      await page.getByRole('checkbox', { name: '检验检测' }).check();
      await numberInput(page, 'application-amount').fill('30000');
      await page.getByTestId('application-submit').click();
      await page.waitForURL((url) => /^\/vouchers\/applications\/[0-9a-f-]{36}$/.test(url.pathname), POLL);
      const applicationId = new URL(page.url()).pathname.split('/').at(-1) as string;
      await expect.poll(() => page.getByTestId('application-status').first().innerText(), POLL).toBe('待镇初审');

      // guzhen: finds it in the town's queue (submitted by default), forwards it with a comment.
      page = town.page;
      await loginViaForm(page, 'guzhen');
      await page.goto('/vouchers/applications');
      const queued = page.getByTestId('voucher-applications').locator('tr', { hasText: use });
      await queued.getByTestId('application-open').click(POLL);
      await page.getByTestId('application-forward').click();
      await page.getByTestId('application-comment').fill('材料齐全，同意上报');
      await page.getByTestId('application-action-ok').click();
      await expect.poll(() => page.getByTestId('application-status').first().innerText(), POLL).toBe('待市审批');

      // City admin: approves ¥20,000 of the ¥30,000 asked.
      page = city.page;
      await page.goto('/vouchers/applications');
      const forwarded = page.getByTestId('voucher-applications').locator('tr', { hasText: use });
      await forwarded.getByTestId('application-open').click(POLL);
      await page.getByTestId('application-approve').click();
      expect(await numberInput(page, 'application-approve-amount').inputValue()).toBe('30000.00');
      await numberInput(page, 'application-approve-amount').fill('20000');
      await page.getByTestId('application-action-ok').click();
      await expect.poll(() => page.getByTestId('application-status').first().innerText(), POLL).toBe('已批准');
      expect(await page.getByTestId('application-amount-approved').innerText()).toBe('20,000.00');
      await expect.poll(() => page.getByTestId('application-history').innerText(), POLL).toContain('材料齐全，同意上报');
      expect(new URL(page.url()).pathname).toBe(`/vouchers/applications/${applicationId}`);

      // Enterprise: the wallet holds the ¥20,000 voucher, all of it still to use.
      page = firm.page;
      await page.goto('/vouchers/wallet');
      const row = page.getByTestId('voucher-wallet').locator('tr', { hasText: name });
      await expect.poll(() => row.getByTestId('voucher-face-value').innerText(), POLL).toBe('20,000.00');
      expect(await row.getByTestId('voucher-remaining').innerText()).toBe('20,000.00');

      // City admin: the dashboard shows ¥20,000 issued and a ledger that checks out.
      page = city.page;
      await page.goto(`/vouchers/programmes/${programmeId}`);
      await expect.poll(() => page.getByTestId('programme-issued').innerText(), POLL).toContain('20,000.00');
      expect(await page.getByTestId('programme-available').innerText()).toContain('80,000.00');
      await page.getByTestId('ledger-check').waitFor(POLL);
      for (const check of ['balanced', 'withinBudget', 'withinCaps', 'storedBalancesMatchEntries']) {
        expect(await page.getByTestId(`ledger-${check}`).getAttribute('data-ok')).toBe('true');
      }
      expect(await page.getByTestId('programme-count-approved').innerText()).toBe('1');

      // Enterprise: orders lamplab's LED test (2 samples); lamplab quotes ¥960; the enterprise accepts.
      const found = (await apiAs('enterprise', `/api/v1/services/search?category=testing&q=${encodeURIComponent('LED 光色电')}`)) as {
        items: { id: string; title: string }[];
      };
      const service = found.items.find((x) => x.title === 'LED 光色电参数检测');
      expect(service).toBeDefined();
      page = firm.page;
      await page.goto(`/services/${service?.id}`);
      await page.getByTestId('order-service').click(POLL);
      await page.getByTestId('order-needs').fill(`E2E：LED 筒灯 2 款光色电检测，申请创新券 ${stamp}`);
      await numberInput(page, 'order-quantity').first().fill('2');
      await page.locator('#order-service-submit').click();
      await page.waitForURL(/\/orders\/[0-9a-f-]{36}$/, POLL);
      const orderId = new URL(page.url()).pathname.split('/').pop() as string;
      page = lab.page;
      await loginViaForm(page, 'lamplab');
      await page.goto(`/orders/${orderId}`);
      await page.getByTestId('order-quote').click(POLL);
      await numberInput(page, 'quote-price').first().fill('960');
      await page.locator('#order-quote-submit').click();
      await expect.poll(() => orderStatus(page), POLL).toBe('已报价');
      page = firm.page;
      await page.reload();
      await page.getByTestId('order-accept').click(POLL);
      await visibleOk(page).click();
      await expect.poll(() => orderStatus(page), POLL).toBe('已接受');

      // Enterprise: applies the new voucher before work starts: 80 % of ¥960 is reserved, ¥192 is left to pay.
      await page.getByTestId('voucher-select').click();
      await page.locator('.ant-select-item-option', { hasText: name }).click();
      await page.getByTestId('apply-voucher').click();
      await expect.poll(() => page.getByTestId('enterprise-pays').innerText(), POLL).toBe('192.00');

      // lamplab: starts, delivers the report; the enterprise confirms.
      page = lab.page;
      await page.reload();
      await page.getByTestId('order-start').click(POLL);
      await visibleOk(page).click();
      await expect.poll(() => orderStatus(page), POLL).toBe('服务中');
      await page.getByTestId('order-deliver').click();
      await page
        .locator('.ant-modal input[type="file"]')
        .setInputFiles({ name: 'LED检测报告.pdf', mimeType: 'application/pdf', buffer: reportPdf('LED test report, voucher order') });
      await expect.poll(() => page.locator('.ant-modal .ant-upload-list-item-done').count(), POLL).toBe(1);
      await page.locator('#order-deliver-submit').click();
      await expect.poll(() => orderStatus(page), POLL).toBe('已交付');
      page = firm.page;
      await page.reload();
      await page.getByTestId('order-confirm').click(POLL);
      await page.locator('.ant-modal .ant-rate-star').nth(4).click();
      await page.locator('#order-confirm-submit').click();
      await expect.poll(() => orderStatus(page), POLL).toBe('已完成');

      // lamplab (the programme's claimant): claims ¥768 with invoice and evidence, backed by the enterprise's recorded
      // use of the integrating sphere (the usage limit is checked by the server).
      page = lab.page;
      await page.reload();
      await page.getByTestId('new-claim').click(POLL);
      await page.getByTestId('claim-booking').click(POLL);
      await page.locator('.ant-select-item-option').first().click();
      expect(await page.getByTestId('claim-amount').inputValue()).toBe('768.00');
      // Each upload field by its label: a full field hides its button (and file input).
      const field = (label: string) => page.locator('.ant-modal .ant-form-item').filter({ hasText: label });
      await field('发票')
        .locator('input[type="file"]')
        .setInputFiles({ name: '发票.pdf', mimeType: 'application/pdf', buffer: reportPdf('Invoice 960.00') });
      await expect.poll(() => field('发票').locator('.ant-upload-list-item-done').count(), POLL).toBe(1);
      await field('交付证明材料')
        .locator('input[type="file"]')
        .setInputFiles({ name: '检测报告.pdf', mimeType: 'application/pdf', buffer: reportPdf('Delivery evidence') });
      await expect.poll(() => field('交付证明材料').locator('.ant-upload-list-item-done').count(), POLL).toBe(1);
      await expect.poll(() => page.getByTestId('claim-booking').innerText(), POLL).toContain('积分球');
      await page.locator('.ant-modal-footer .ant-btn-primary').click();
      // Navigated to the new claim, or (if the form or the server refused it) the reason, so a failure says why.
      await expect
        .poll(async () => {
          if (/\/vouchers\/claims\/[0-9a-f-]{36}$/.test(page.url())) return 'claim page';
          const refusals = await page.locator('.ant-modal .ant-form-item-explain-error, .ant-modal .ant-alert').allInnerTexts();
          return refusals.length > 0 ? refusals.join(' | ') : 'waiting';
        }, POLL)
        .toBe('claim page');
      const claimId = new URL(page.url()).pathname.split('/').pop() as string;
      const claimStatus = async () => ((await apiAs('admin', `/api/v1/voucher-claims/${claimId}`)) as { status: string }).status;
      expect(await claimStatus()).toBe('submitted');
      expect(await page.getByTestId('claim-amount-shown').innerText()).toBe('768.00');

      // guzhen verifies; the city settles.
      page = town.page;
      await page.goto(`/vouchers/claims/${claimId}`);
      await page.getByTestId('claim-verify').click(POLL);
      await visibleOk(page).click();
      await expect.poll(claimStatus, POLL).toBe('verified');
      page = city.page;
      await page.goto(`/vouchers/claims/${claimId}`);
      await page.getByTestId('claim-settle').click(POLL);
      await visibleOk(page).click();
      await expect.poll(claimStatus, POLL).toBe('settled');

      // The wallet: ¥20,000 − ¥768 left, ¥768 settled. The dashboard: ¥768 settled, the ledger still checks out.
      page = firm.page;
      await page.goto('/vouchers/wallet');
      const used = page.getByTestId('voucher-wallet').locator('tr', { hasText: name });
      await expect.poll(() => used.getByTestId('voucher-remaining').innerText(), POLL).toBe('19,232.00');
      expect(await used.innerText()).toContain('768.00');
      page = city.page;
      await page.goto(`/vouchers/programmes/${programmeId}`);
      await expect.poll(() => page.getByTestId('programme-settled').innerText(), POLL).toContain('768.00');
      expect(await page.getByTestId('programme-issued').innerText()).toContain('20,000.00');
      await page.getByTestId('ledger-check').waitFor(POLL);
      for (const check of ['balanced', 'withinBudget', 'withinCaps', 'storedBalancesMatchEntries']) {
        expect(await page.getByTestId(`ledger-${check}`).getAttribute('data-ok')).toBe('true');
      }
    } finally {
      await city.context.close();
      await firm.context.close();
      await town.context.close();
      await lab.context.close();
    }
  });
});

describe('target monitoring', () => {
  type Period = { id: string; year: number; quarter: number | null };
  type Submission = { id: string; values: { statisticCode: string; value: number }[] };
  type Comparison = { towns: { townName: string; values: { code: string; value: number | null }[] }[] };

  it('guzhen reports 2025 with one outlier → must explain it → submits → the city returns it → guzhen corrects and resubmits → the city approves → the indicators use the approved figures', async () => {
    // Last year's approved figures of 古镇, to type plausible figures for 2025 (5 % growth) and one outlier.
    const periods = ((await apiAs('guzhen', '/api/v1/reporting-periods')) as { items: Period[] }).items;
    const p2024 = periods.find((p) => p.year === 2024 && p.quarter === null) as Period;
    const approved = (await apiAs('guzhen', `/api/v1/statistic-submissions?periodId=${p2024.id}&status=approved`)) as {
      items: { id: string }[];
    };
    const last = (await apiAs('guzhen', `/api/v1/statistic-submissions/${approved.items[0]?.id}`)) as Submission;
    const previous = new Map(last.values.map((v) => [v.statisticCode, v.value]));
    const statistics = ((await apiAs('guzhen', '/api/v1/statistics')) as { items: { code: string; source: string }[] }).items.filter(
      (s) => s.source === 'submitted',
    );
    const figures: Record<string, number> = Object.fromEntries(
      statistics.map((s) => [s.code, Math.round((previous.get(s.code) ?? 1) * 1.05)]),
    );
    const gdp2024 = previous.get('gdp') as number;
    figures.gdp = Math.round(gdp2024 * 1.6); // +60 %, beyond the 30 % threshold
    const corrected = Math.round(gdp2024 * 1.4);

    const town = await newPage(browser);
    const city = await newPage(browser);
    try {
      await loginViaForm(town.page, 'guzhen');
      await town.page.goto('/targets/submissions');
      await town.page.getByTestId('period-action-2025').click();
      await town.page.waitForURL(/\/targets\/submissions\/new/);
      await town.page.getByTestId('submission-form').waitFor();
      for (const [code, value] of Object.entries(figures)) await numberInput(town.page, `stat-value-${code}`).fill(String(value));
      await expect.poll(() => town.page.getByTestId('stat-change-gdp').textContent(), POLL).toBe('+60.0%');
      await town.page.getByTestId('submission-submit').click();
      // The outlier needs an explanation before anything is sent.
      await expect
        .poll(() => town.page.locator('.ant-form-item-explain-error').allTextContents(), POLL)
        .toEqual([expect.stringContaining('请说明原因')]);
      await town.page.getByTestId('stat-explanation-gdp').fill('新引进灯饰龙头企业投产');
      await town.page.getByTestId('submission-submit').click();
      await town.page.waitForURL(/\/targets\/submissions\/[0-9a-f-]{36}$/, { timeout: 20_000 });
      const id = new URL(town.page.url()).pathname.split('/').pop() as string;
      await expect.poll(() => town.page.getByTestId('submission-status').first().getAttribute('data-status'), POLL).toBe('submitted');

      // The city finds it in the review queue and returns it with a comment.
      await loginViaForm(city.page, 'admin');
      await city.page.goto('/targets/submissions');
      const row = city.page.getByTestId('review-queue').locator('tr', { hasText: '古镇' });
      // The queue as a workbook, under its Chinese name.
      const [queueFile] = await Promise.all([city.page.waitForEvent('download'), city.page.getByTestId('review-queue-export').click()]);
      expect(queueFile.suggestedFilename()).toMatch(/^统计填报-\d{4}-\d{2}-\d{2}\.xlsx$/);
      await row.getByRole('link').click();
      await city.page.waitForURL(`**/targets/submissions/${id}`);
      await expect.poll(() => city.page.getByTestId('stat-shown-gdp').textContent(), POLL).toBe(figures.gdp?.toLocaleString('zh-CN'));
      await city.page.getByTestId('submission-return').click();
      await city.page.getByTestId('return-comment').fill('地区生产总值增幅过大，请核实后按统计局口径重报');
      await city.page.getByTestId('return-confirm').click();
      await expect.poll(() => city.page.getByTestId('submission-status').first().getAttribute('data-status'), POLL).toBe('returned');

      // The town sees the comment, corrects the figure and submits again.
      await town.page.goto(`/targets/submissions/${id}`);
      await expect.poll(() => town.page.getByTestId('review-comment').textContent(), POLL).toContain('按统计局口径重报');
      await numberInput(town.page, 'stat-value-gdp').fill(String(corrected));
      await expect.poll(() => town.page.getByTestId('stat-change-gdp').textContent(), POLL).toBe('+40.0%');
      await town.page.getByTestId('submission-submit').click();
      await expect.poll(() => town.page.getByTestId('submission-status').first().getAttribute('data-status'), POLL).toBe('submitted');

      // The city approves.
      await city.page.goto(`/targets/submissions/${id}`);
      await expect.poll(() => city.page.getByTestId('stat-shown-gdp').textContent(), POLL).toBe(corrected.toLocaleString('zh-CN'));
      await city.page.getByTestId('submission-approve').click();
      await city.page.locator('.ant-popconfirm .ant-btn-primary').click();
      await expect.poll(() => city.page.getByTestId('submission-status').first().getAttribute('data-status'), POLL).toBe('approved');
      await expect.poll(() => city.page.getByTestId('submission-history').textContent(), POLL).toContain('第 1 版');

      // The approved figures feed the indicators: R&D intensity of 古镇 for 2025 is R&D / the corrected GDP.
      const comparison = (await apiAs('admin', '/api/v1/target-dashboard/towns?year=2025')) as Comparison;
      const guzhen = comparison.towns.find((t) => t.townName.includes('古镇'));
      const rd = guzhen?.values.find((v) => v.code === 'rd_intensity')?.value;
      expect(rd).toBeCloseTo(((figures.rd_expenditure as number) / corrected) * 100, 3);
      const multiple = guzhen?.values.find((v) => v.code === 'town_output_multiple')?.value;
      const base = (await apiAs('guzhen', `/api/v1/statistic-submissions?status=approved`)) as { items: { id: string; year: number }[] };
      const b2014 = (await apiAs('guzhen', `/api/v1/statistic-submissions/${base.items.find((s) => s.year === 2014)?.id}`)) as Submission;
      const gdp2014 = b2014.values.find((v) => v.statisticCode === 'gdp')?.value as number;
      expect(multiple).toBeCloseTo(corrected / gdp2014, 3);

      // The city's comparison page and map show 古镇's new value for 2025; its town page too.
      const shown = `${(rd as number).toLocaleString('zh-CN', { maximumFractionDigits: 2 })}%`;
      await city.page.goto('/targets/towns?indicator=rd_intensity&year=2025');
      const ranked = city.page.getByTestId('town-ranking').locator('tbody tr.ant-table-row', { hasText: '古镇' });
      await expect.poll(() => ranked.textContent(), POLL).toContain(shown);
      // The map's text description (its aria-label) carries each town's value as shown.
      const described = city.page.getByTestId('town-map').locator('[aria-label]').first();
      await expect.poll(() => described.getAttribute('aria-label'), POLL).toMatch(new RegExp(`古镇镇 ${shown.replace('.', '\\.')}`));
      await ranked.getByRole('link', { name: /古镇/ }).click();
      await city.page.waitForURL(/\/targets\/towns\/\d+/);
      await city.page.goto(`${new URL(city.page.url()).pathname}?year=2025`);
      await expect.poll(() => city.page.getByTestId('town-indicator-rd_intensity').textContent(), POLL).toBe(shown);
    } finally {
      await town.context.close();
      await city.context.close();
    }
  });
});
