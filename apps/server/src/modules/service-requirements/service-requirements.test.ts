import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { countOf, missingId, one, rows } from '../../../test/fixtures.ts';
import { createTestApp } from '../../../test/harness.ts';
import { marketplaceActors } from '../../../test/marketplace-fixtures.ts';
import { systemContext } from '../../platform/context.ts';
import { type JobLogger, type JobRow, scheduleNext } from '../../platform/jobs.ts';
import { ANONYMOUS } from '../../platform/policy.ts';
import { addCalendarDays, shanghaiDate } from '../../platform/working-days.ts';
import { multipartBody, pdf } from '../files/files.fixtures.ts';
import { SERVICE_REQUIREMENT_SCHEDULES, serviceRequirementHandlers } from './service-requirements.jobs.ts';
import { AWARD_WINDOW_DAYS, expireRequirements } from './service-requirements.service.ts';

const t = await createTestApp();
afterAll(async () => {
  await t?.close();
});
const { ids, admin, provider, lamplab, enterprise, guzhen, xiaolan, expert, lamplabInstitutionId, otherEnterprise } =
  await marketplaceActors(t, 'reqother');
const call = t.call;

const makeService = async (institutionId: string, category = 'testing', status: 'draft' | 'published' = 'published') =>
  (
    await one<{ id: string }>(
      t.database,
      sql`insert into services (institution_id, town_id, category, title, price_kind, price_min_fen, price_max_fen, price_unit, turnaround_days, status, published_at)
      select id, town_id, ${category}, '需求测试服务', 'range', 10000, 20000, 'sample', 3, ${status}, now() from institutions where id = ${institutionId} returning id`,
    )
  ).id;
const providerTesting = await makeService(ids.providerInstitutionId);
const providerTraining = await makeService(ids.providerInstitutionId, 'training');
const providerDraft = await makeService(ids.providerInstitutionId, 'testing', 'draft');
const lamplabTesting = await makeService(lamplabInstitutionId);

const inDays = (n: number) => addCalendarDays(shanghaiDate(new Date()), n);
const body = (over: Record<string, unknown> = {}) => ({
  category: 'testing',
  title: '灯具外壳盐雾试验',
  description: '铝合金外壳 20 件，中性盐雾 96 小时，需出具 CMA 报告',
  budgetMinFen: 100_000,
  budgetMaxFen: 300_000,
  quoteDeadline: inDays(10),
  ...over,
});
const post = async (over: Record<string, unknown> = {}, cookie = enterprise) => {
  const res = await call('POST', '/api/v1/service-requirements', cookie, body(over));
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id as string;
};
const url = (id: string, path = '') => `/api/v1/service-requirements/${id}${path}`;
const quote = (id: string, cookie: string, over: Record<string, unknown> = {}) =>
  call('POST', url(id, '/quotes'), cookie, { serviceId: providerTesting, priceFen: 150_000, turnaroundDays: 5, note: '含报告', ...over });
const quoteIdOf = async (id: string, institutionId: string) =>
  (
    await one<{ id: string }>(
      t.database,
      sql`select id from requirement_quotes where requirement_id = ${id} and institution_id = ${institutionId} order by created_at desc limit 1`,
    )
  ).id;
const statusOf = async (id: string) =>
  (await one<{ status: string }>(t.database, sql`select status from service_requirements where id = ${id}`)).status;
const quoteStatus = async (id: string) =>
  (await one<{ status: string }>(t.database, sql`select status from requirement_quotes where id = ${id}`)).status;
const notices = (username: string, kind: string) =>
  countOf(t.database, 'notifications', sql`kind = ${kind} and user_id = (select id from users where username = ${username})`);

/** A requirement with a quote from each of the two providers. */
async function twoQuotes() {
  const id = await post();
  expect((await quote(id, provider)).status).toBe(201);
  expect((await quote(id, lamplab, { serviceId: lamplabTesting, priceFen: 120_000, turnaroundDays: 8 })).status).toBe(201);
  return { id, a: await quoteIdOf(id, ids.providerInstitutionId), b: await quoteIdOf(id, lamplabInstitutionId) };
}

async function upload(cookie: string): Promise<string> {
  const { payload, headers } = multipartBody({ purpose: 'attachment' }, [{ filename: '样品图纸.pdf', content: pdf() }]);
  const res = await t.app.inject({ method: 'POST', url: '/api/v1/files', payload, headers: { ...headers, cookie } });
  expect(res.statusCode).toBe(201);
  return res.json().id;
}

describe('the demo seed', () => {
  it('has requirements in every state, competing quotes, and awarded ones with their accepted orders', async () => {
    const states = await rows<{ status: string; n: number }>(
      t.database,
      sql`select status, count(*)::int as n from service_requirements group by status order by status`,
    );
    expect(Object.fromEntries(states.map((r) => [r.status, r.n]))).toEqual({ awarded: 2, cancelled: 1, expired: 1, open: 8 });
    const quotes = await rows<{ status: string }>(t.database, sql`select distinct status from requirement_quotes order by status`);
    expect(quotes.map((q) => q.status)).toEqual(['accepted', 'declined', 'submitted', 'withdrawn']);
    expect(
      await countOf(
        t.database,
        'service_orders',
        sql`requirement_id is not null and status = 'accepted' and quoted_price_fen = (select price_fen from requirement_quotes q where q.requirement_id = service_orders.requirement_id and q.status = 'accepted')`,
      ),
    ).toBe(2);
  });
});

describe('posting a requirement', () => {
  it('is open, tells the providers offering the category, and lists the attachments', async () => {
    const before = await notices('provider', 'service_requirement.posted');
    const file = await upload(enterprise);
    const res = await call('POST', '/api/v1/service-requirements', enterprise, body({ attachmentFileIds: [file] }));
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      status: 'open',
      category: 'testing',
      budgetMinFen: 100_000,
      budgetMaxFen: 300_000,
      townId: ids.guzhenTownId,
      quoteCount: 0,
      orderId: null,
      attachments: [{ id: file, filename: '样品图纸.pdf' }],
    });
    // Quotes close at the end of the chosen day in Shanghai.
    expect(res.body.quoteDeadline).toBe(new Date(`${addCalendarDays(inDays(10), 1)}T00:00:00+08:00`).toISOString());
    expect(await notices('provider', 'service_requirement.posted')).toBe(before + 1);
    const link = await one<{ link: string }>(
      t.database,
      sql`select link from notifications where kind = 'service_requirement.posted' order by created_at desc limit 1`,
    );
    expect(link.link).toBe(`/requirements/${res.body.id}`);
  });

  it('refuses bad input and changes nothing', async () => {
    const n = await countOf(t.database, 'service_requirements');
    const bad = [
      body({ category: 'cooking' }),
      body({ title: '' }),
      body({ budgetMinFen: -1 }),
      body({ budgetMinFen: 100.5 }),
      body({ budgetMaxFen: 10_000_000_001 }),
      body({ budgetMinFen: 300_000, budgetMaxFen: 100_000 }),
      body({ quoteDeadline: 'tomorrow' }),
      body({ status: 'awarded' }),
    ];
    for (const b of bad) expect((await call('POST', '/api/v1/service-requirements', enterprise, b)).status, JSON.stringify(b)).toBe(400);
    for (const quoteDeadline of [inDays(-1), shanghaiDate(new Date()), inDays(91)]) {
      const res = await call('POST', '/api/v1/service-requirements', enterprise, body({ quoteDeadline }));
      expect(res.status, quoteDeadline).toBe(422);
      expect(res.body.error.code).toBe('REQUIREMENT_DEADLINE_INVALID');
    }
    const foreignFile = await upload(provider);
    const res = await call('POST', '/api/v1/service-requirements', enterprise, body({ attachmentFileIds: [foreignFile] }));
    expect(res.body.error.code).toBe('REQUIREMENT_ATTACHMENTS_INVALID');
    expect((await call('POST', '/api/v1/service-requirements', provider, body())).status).toBe(403);
    expect((await call('POST', '/api/v1/service-requirements', guzhen, body())).status).toBe(403);
    expect(await countOf(t.database, 'service_requirements')).toBe(n);
    // No budget at all is fine.
    expect((await call('POST', '/api/v1/service-requirements', enterprise, body({ budgetMinFen: null, budgetMaxFen: null }))).status).toBe(
      201,
    );
  });
});

describe('quoting', () => {
  it('a provider quotes with its own published service in the category; the enterprise is told', async () => {
    const id = await post();
    const before = await notices('enterprise', 'service_requirement.quoted');
    const res = await quote(id, provider);
    expect(res.status).toBe(201);
    expect(res.body.quotes).toHaveLength(1);
    expect(res.body.quotes[0]).toMatchObject({ status: 'submitted', priceFen: 150_000, turnaroundDays: 5, serviceId: providerTesting });
    expect(res.body.quoteCount).toBe(1);
    expect(await notices('enterprise', 'service_requirement.quoted')).toBe(before + 1);
  });

  it('refuses bad prices, other services and a second live quote', async () => {
    const id = await post();
    for (const priceFen of [-1, 1.5, '100', 10_000_000_001, null]) {
      expect((await quote(id, provider, { priceFen })).status, String(priceFen)).toBe(400);
    }
    for (const turnaroundDays of [0, 2.5, 366]) expect((await quote(id, provider, { turnaroundDays })).status).toBe(400);
    for (const serviceId of [lamplabTesting, providerTraining, providerDraft, missingId()]) {
      const res = await quote(id, provider, { serviceId });
      expect(res.status, serviceId).toBe(422);
      expect(res.body.error.code).toBe('QUOTE_SERVICE_INVALID');
    }
    expect(await countOf(t.database, 'requirement_quotes', sql`requirement_id = ${id}`)).toBe(0);
    expect((await quote(id, provider)).status).toBe(201);
    const twice = await quote(id, provider, { priceFen: 140_000 });
    expect(twice.status).toBe(409);
    expect(twice.body.error.code).toBe('QUOTE_ALREADY_SUBMITTED');
    // The index holds even if the check were skipped: one live quote per institution.
    await expect(
      t.database.db.execute(
        sql`insert into requirement_quotes (requirement_id, institution_id, service_id, price_fen, turnaround_days, created_by)
          select requirement_id, institution_id, service_id, 1, 1, created_by from requirement_quotes where requirement_id = ${id}`,
      ),
    ).rejects.toThrow();
    // Withdrawn, it may quote again.
    const q = await quoteIdOf(id, ids.providerInstitutionId);
    expect((await call('POST', url(id, `/quotes/${q}/withdraw`), provider, {})).status).toBe(200);
    expect((await quote(id, provider, { priceFen: 140_000 })).status).toBe(201);
    // Roles that do not quote.
    expect((await quote(id, enterprise)).status).toBe(403);
    expect((await quote(id, guzhen)).status).toBe(403);
    expect((await quote(id, expert)).status).toBe(403);
  });

  it('no quotes after the deadline or on a closed requirement', async () => {
    const id = await post();
    await t.database.db.execute(sql`update service_requirements set quote_deadline = now() - interval '1 minute' where id = ${id}`);
    const late = await quote(id, provider);
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('REQUIREMENT_DEADLINE_PASSED');
    // No longer offered to providers that did not quote on it.
    const offered = await call('GET', '/api/v1/service-requirements?pageSize=100&status=open', provider);
    expect(offered.body.items.map((r: { id: string }) => r.id)).not.toContain(id);
    const cancelled = await post();
    expect((await call('POST', url(cancelled, '/cancel'), enterprise, { note: '已自行解决' })).body.status).toBe('cancelled');
    // A provider that never quoted on a closed requirement cannot even see it.
    expect((await quote(cancelled, provider)).status).toBe(404);
    const awarded = await twoQuotes();
    expect((await call('POST', url(awarded.id, `/quotes/${awarded.a}/accept`), enterprise, {})).status).toBe(200);
    // The declined provider still sees it, but may not quote again.
    const again = await quote(awarded.id, lamplab, { serviceId: lamplabTesting });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('REQUIREMENT_NOT_OPEN');
  });
});

describe('comparing and choosing', () => {
  it('a provider never sees another provider’s quote; the owner, its town and the city see all', async () => {
    const { id, a, b } = await twoQuotes();
    const asProvider = (await call('GET', url(id), provider)).body;
    expect(asProvider.quotes.map((q: { id: string }) => q.id)).toEqual([a]);
    expect(JSON.stringify(asProvider)).not.toContain('120000');
    expect(asProvider.quoteCount).toBe(2);
    const asLamplab = (await call('GET', url(id), lamplab)).body;
    expect(asLamplab.quotes.map((q: { id: string }) => q.id)).toEqual([b]);
    for (const cookie of [enterprise, guzhen, admin]) {
      const res = await call('GET', url(id), cookie);
      expect(res.status).toBe(200);
      expect(res.body.quotes.map((q: { id: string }) => q.id).sort()).toEqual([a, b].sort());
    }
    expect((await call('GET', url(id), xiaolan)).status).toBe(404);
    expect((await call('GET', url(id), otherEnterprise)).status).toBe(404);
    expect((await call('GET', url(id), expert)).status).toBe(403);
    expect((await call('GET', url(missingId()), enterprise)).status).toBe(404);
  });

  it('accept: awarded, the others declined (other_quote_chosen), an accepted order at the quoted price with its history', async () => {
    const { id, a, b } = await twoQuotes();
    const lampBefore = await notices('lamplab', 'service_requirement.quote_accepted');
    const provBefore = await notices('provider', 'service_requirement.quote_declined');
    const res = await call('POST', url(id, `/quotes/${b}/accept`), enterprise, {});
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('awarded');
    expect(res.body.orderId).toEqual(expect.any(String));
    expect(await quoteStatus(b)).toBe('accepted');
    const declined = await one<{ status: string; decline_reason: string }>(
      t.database,
      sql`select status, decline_reason from requirement_quotes where id = ${a}`,
    );
    expect(declined).toEqual({ status: 'declined', decline_reason: 'other_quote_chosen' });
    const order = await call('GET', `/api/v1/service-orders/${res.body.orderId}`, enterprise);
    expect(order.body).toMatchObject({
      status: 'accepted',
      quotedPriceFen: 120_000,
      serviceId: lamplabTesting,
      institutionId: lamplabInstitutionId,
      enterpriseId: ids.ownEnterpriseId,
      requirementId: id,
    });
    const events = order.body.events as { from: string | null; to: string; actorUserId: string }[];
    expect(events.map((e) => `${e.from}→${e.to}`)).toEqual(['null→requested', 'requested→quoted', 'quoted→accepted']);
    expect(events.map((e) => e.actorUserId)).toEqual([ids.userIds.enterprise, ids.userIds.lamplab, ids.userIds.enterprise]);
    // The winner continues the order; the loser does not see it.
    expect((await call('POST', `/api/v1/service-orders/${res.body.orderId}/start`, lamplab, {})).body.status).toBe('in_progress');
    expect((await call('GET', url(id), provider)).body.orderId).toBeNull();
    expect((await call('GET', url(id), lamplab)).body.orderId).toBe(res.body.orderId);
    expect(await notices('lamplab', 'service_requirement.quote_accepted')).toBe(lampBefore + 1);
    expect(await notices('provider', 'service_requirement.quote_declined')).toBe(provBefore + 1);
    const audited = await rows<{ action: string }>(t.database, sql`select action from audit_events where target_id = ${id}`);
    expect(audited.map((x) => x.action)).toContain('service_requirement.award');
  });

  it('decline one quote with a reason the provider can read; the requirement stays open', async () => {
    const { id, a } = await twoQuotes();
    expect((await call('POST', url(id, `/quotes/${a}/decline`), enterprise, { reason: 'other_quote_chosen' })).status).toBe(400);
    expect((await call('POST', url(id, `/quotes/${a}/decline`), enterprise, { reason: 'other' })).status).toBe(400);
    expect((await call('POST', url(id, `/quotes/${a}/decline`), enterprise, { reason: 'cheap' })).status).toBe(400);
    const res = await call('POST', url(id, `/quotes/${a}/decline`), enterprise, { reason: 'price_too_high', comment: '超出预算' });
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('open');
    const seen = (await call('GET', url(id), provider)).body.quotes[0];
    expect(seen).toMatchObject({ status: 'declined', declineReason: 'price_too_high', declineComment: '超出预算' });
    const twice = await call('POST', url(id, `/quotes/${a}/decline`), enterprise, { reason: 'too_slow' });
    expect(twice.status).toBe(409);
    expect(twice.body.error.code).toBe('QUOTE_NOT_SUBMITTED');
  });

  it('every refused transition: wrong state 409, wrong role 403, outside the scope 404 — and nothing changes', async () => {
    const { id, a, b } = await twoQuotes();
    // Another enterprise, another town's admin, a provider: cannot answer quotes.
    expect((await call('POST', url(id, `/quotes/${a}/accept`), otherEnterprise, {})).status).toBe(404);
    expect((await call('POST', url(id, `/quotes/${a}/accept`), provider, {})).status).toBe(403);
    expect((await call('POST', url(id, `/quotes/${a}/accept`), guzhen, {})).status).toBe(403);
    expect((await call('POST', url(id, `/cancel`), otherEnterprise, {})).status).toBe(404);
    expect((await call('POST', url(id, `/cancel`), xiaolan, {})).status).toBe(403);
    // A provider cannot withdraw another's quote; a quote of another requirement is not found here.
    expect((await call('POST', url(id, `/quotes/${b}/withdraw`), provider, {})).status).toBe(404);
    const elsewhere = await twoQuotes();
    expect((await call('POST', url(id, `/quotes/${elsewhere.a}/accept`), enterprise, {})).status).toBe(404);
    expect((await call('POST', url(id, `/quotes/${missingId()}/accept`), enterprise, {})).status).toBe(404);
    expect(await statusOf(id)).toBe('open');
    expect([await quoteStatus(a), await quoteStatus(b)]).toEqual(['submitted', 'submitted']);
    // Accepting a withdrawn quote.
    expect((await call('POST', url(id, `/quotes/${a}/withdraw`), provider, {})).status).toBe(200);
    const withdrawn = await call('POST', url(id, `/quotes/${a}/accept`), enterprise, {});
    expect(withdrawn.status).toBe(409);
    expect(withdrawn.body.error.code).toBe('QUOTE_NOT_SUBMITTED');
    expect((await call('POST', url(id, `/quotes/${a}/withdraw`), provider, {})).status).toBe(409);
    // After the award: no second accept, no cancel, no withdraw, no decline.
    expect((await call('POST', url(id, `/quotes/${b}/accept`), enterprise, {})).status).toBe(200);
    for (const [path, cookie, payload] of [
      [`/quotes/${b}/accept`, enterprise, {}],
      [`/quotes/${b}/decline`, enterprise, { reason: 'too_slow' }],
      [`/quotes/${b}/withdraw`, lamplab, {}],
      ['/cancel', enterprise, {}],
    ] as const) {
      const res = await call('POST', url(id, path), cookie, payload);
      expect(res.status, path).toBe(409);
      expect(res.body.error.code).toBe('REQUIREMENT_NOT_OPEN');
    }
    expect(await countOf(t.database, 'service_orders', sql`requirement_id = ${id}`)).toBe(1);
  });

  it('concurrent accepts of two quotes, and accept against withdraw: exactly one accepted quote', async () => {
    for (let round = 0; round < 3; round++) {
      const { id, a, b } = await twoQuotes();
      const results = await Promise.all([
        call('POST', url(id, `/quotes/${a}/accept`), enterprise, {}),
        call('POST', url(id, `/quotes/${b}/accept`), enterprise, {}),
      ]);
      expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
      expect(await countOf(t.database, 'requirement_quotes', sql`requirement_id = ${id} and status = 'accepted'`)).toBe(1);
      expect(await countOf(t.database, 'service_orders', sql`requirement_id = ${id}`)).toBe(1);

      const race = await twoQuotes();
      const [acc, wd] = await Promise.all([
        call('POST', url(race.id, `/quotes/${race.a}/accept`), enterprise, {}),
        call('POST', url(race.id, `/quotes/${race.a}/withdraw`), provider, {}),
      ]);
      expect([acc.status, wd.status].sort()).toEqual([200, 409]);
      const accepted = await countOf(t.database, 'requirement_quotes', sql`requirement_id = ${race.id} and status = 'accepted'`);
      const orders = await countOf(t.database, 'service_orders', sql`requirement_id = ${race.id}`);
      if (acc.status === 200) {
        expect([accepted, orders, await statusOf(race.id)]).toEqual([1, 1, 'awarded']);
      } else {
        expect([accepted, orders, await statusOf(race.id), await quoteStatus(race.a)]).toEqual([0, 0, 'open', 'withdrawn']);
      }
    }
  });
});

describe('lists', () => {
  it('are scoped and filtered: providers see open ones of every town, with category, town and text filters', async () => {
    const ids2 = {
      mine: await post({ title: '独一无二的需求标题XYZ' }),
      training: await post({ category: 'training', title: '电工培训' }),
    };
    const listed = async (cookie: string, q = '') =>
      (await call('GET', `/api/v1/service-requirements?pageSize=100${q}`, cookie)).body.items.map((r: { id: string }) => r.id);
    expect(await listed(enterprise)).toEqual(expect.arrayContaining([ids2.mine, ids2.training]));
    expect(await listed(otherEnterprise)).not.toContain(ids2.mine);
    expect(await listed(guzhen)).toContain(ids2.mine);
    expect(await listed(xiaolan)).not.toContain(ids2.mine);
    expect(await listed(admin)).toContain(ids2.mine);
    expect(await listed(provider)).toContain(ids2.mine); // another town's provider (市镇联动)
    expect(await listed(provider, '&category=training')).toEqual(expect.arrayContaining([ids2.training]));
    expect(await listed(provider, '&category=training')).not.toContain(ids2.mine);
    expect(await listed(provider, `&q=${encodeURIComponent('XYZ')}`)).toEqual([ids2.mine]);
    expect(await listed(provider, `&townId=${ids.xiaolanTownId}`)).not.toContain(ids2.mine);
    expect(await listed(provider, `&townId=${ids.guzhenTownId}`)).toContain(ids2.mine);
    expect((await call('GET', '/api/v1/service-requirements', expert)).status).toBe(403);
    expect((await call('GET', '/api/v1/service-requirements')).status).toBe(401);
    // Closed and not quoted on: gone from the provider's list; quoted on: under quoted=true.
    await call('POST', url(ids2.training, '/cancel'), enterprise, {});
    expect(await listed(provider)).not.toContain(ids2.training);
    await quote(ids2.mine, provider);
    expect(await listed(provider, '&quoted=true')).toContain(ids2.mine);
  });
});

describe('expiry', () => {
  const SYSTEM = systemContext({ ...ANONYMOUS, username: 'system' });

  it('past the deadline without quotes, or past the award window without an accepted quote: expired once, enterprise told', async () => {
    const empty = await post();
    const quoted = (await twoQuotes()).id;
    const now = new Date();
    await t.database.db.execute(
      sql`update service_requirements set quote_deadline = ${new Date(now.getTime() - 60_000)} where id in (${empty}, ${quoted})`,
    );
    // Only these two are past their deadline.
    await t.database.db.execute(
      sql`update service_requirements set status = 'cancelled' where status = 'open' and id not in (${empty}, ${quoted}) and quote_deadline <= now()`,
    );
    const before = await notices('enterprise', 'service_requirement.expired');
    const runs = await Promise.all([expireRequirements(t.database.db, SYSTEM, now), expireRequirements(t.database.db, SYSTEM, now)]);
    expect(runs.reduce((n, r) => n + r.expired, 0)).toBe(1);
    expect(await statusOf(empty)).toBe('expired');
    // With quotes to choose from, the enterprise has the award window.
    expect(await statusOf(quoted)).toBe('open');
    const windowAgo = new Date(now.getTime() - AWARD_WINDOW_DAYS * 86_400_000 - 60_000);
    await t.database.db.execute(sql`update service_requirements set quote_deadline = ${windowAgo} where id = ${quoted}`);
    expect((await expireRequirements(t.database.db, SYSTEM, now)).expired).toBe(1);
    expect(await statusOf(quoted)).toBe('expired');
    expect(await notices('enterprise', 'service_requirement.expired')).toBe(before + 2);
  });

  it('runs from the job queue once per slot', async () => {
    const [schedule] = SERVICE_REQUIREMENT_SCHEDULES;
    if (!schedule) throw new Error('no schedule');
    const at = new Date('2026-12-09T16:05:00Z');
    expect(await scheduleNext(t.database.db, schedule, at)).toMatchObject({ created: true });
    expect(await scheduleNext(t.database.db, schedule, at)).toMatchObject({ created: false });
    const id = await post();
    await t.database.db.execute(sql`update service_requirements set quote_deadline = now() - interval '1 minute' where id = ${id}`);
    const handler = serviceRequirementHandlers()['service_requirements.expire'];
    if (!handler) throw new Error('no handler');
    const log = { info: () => {} } as unknown as JobLogger;
    const job = { id: 0, name: schedule.name } as JobRow;
    expect(await handler({ db: t.database.db, job, log })).toEqual({ expired: 1 });
    expect(await handler({ db: t.database.db, job, log })).toEqual({ expired: 0 });
  });
});
