import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { countOf, missingId, one, rows } from '../../../test/fixtures.ts';
import { createTestApp } from '../../../test/harness.ts';
import { marketplaceActors } from '../../../test/marketplace-fixtures.ts';
import { enterpriseContext } from '../../../test/voucher-fixtures.ts';
import { systemContext } from '../../platform/context.ts';
import { type JobLogger, type JobRow, scheduleNext } from '../../platform/jobs.ts';
import { ANONYMOUS } from '../../platform/policy.ts';
import { multipartBody, pdf } from '../files/files.fixtures.ts';
import { SERVICE_ORDER_SCHEDULES, serviceOrderHandlers } from './service-orders.jobs.ts';
import { createOrder, escalateOverdueOrders, quoteDeadline } from './service-orders.service.ts';

const t = await createTestApp();
afterAll(async () => {
  await t?.close();
});
const { ids, admin, provider, lamplab, enterprise, guzhen, xiaolan, expert, lamplabInstitutionId, otherEnterprise } =
  await marketplaceActors(t, 'ordersother');
const call = t.call;

const makeService = async (institutionId: string, status: 'draft' | 'published' = 'published') =>
  (
    await one<{ id: string }>(
      t.database,
      sql`insert into services (institution_id, town_id, category, title, price_kind, price_min_fen, price_max_fen, price_unit, turnaround_days, status, published_at)
      select id, town_id, 'testing', '订单测试服务', 'range', 10000, 20000, 'sample', 3, ${status}, now() from institutions where id = ${institutionId} returning id`,
    )
  ).id;
const providerService = await makeService(ids.providerInstitutionId);
const lamplabService = await makeService(lamplabInstitutionId);
const draftService = await makeService(ids.providerInstitutionId, 'draft');

async function upload(cookie: string): Promise<string> {
  const { payload, headers } = multipartBody({ purpose: 'attachment' }, [{ filename: '检测报告.pdf', content: pdf() }]);
  const res = await t.app.inject({ method: 'POST', url: '/api/v1/files', payload, headers: { ...headers, cookie } });
  expect(res.statusCode).toBe(201);
  return res.json().id;
}

const order = async (serviceId = providerService, cookie = enterprise) => {
  const res = await call('POST', '/api/v1/service-orders', cookie, { serviceId, needs: '铝合金样品盐雾试验 48 小时', quantity: 3 });
  expect(res.status).toBe(201);
  return res.body.id as string;
};
const act = (id: string, path: string, cookie: string, body: unknown = {}) =>
  call('POST', `/api/v1/service-orders/${id}/${path}`, cookie, body);
const statusOf = async (id: string) =>
  (await one<{ status: string }>(t.database, sql`select status from service_orders where id = ${id}`)).status;
const notices = (username: string, kind: string) =>
  countOf(t.database, 'notifications', sql`kind = ${kind} and user_id = (select id from users where username = ${username})`);

/** Walks a new order to a state. */
async function orderIn(state: 'requested' | 'quoted' | 'accepted' | 'in_progress' | 'delivered' | 'disputed'): Promise<string> {
  const id = await order();
  if (state === 'requested') return id;
  expect((await act(id, 'quote', provider, { priceFen: 45000 })).status).toBe(200);
  if (state === 'quoted') return id;
  expect((await act(id, 'accept', enterprise)).status).toBe(200);
  if (state === 'accepted') return id;
  expect((await act(id, 'start', provider)).status).toBe(200);
  if (state === 'in_progress') return id;
  expect((await act(id, 'deliver', provider, { resultFileIds: [await upload(provider)] })).status).toBe(200);
  if (state === 'delivered') return id;
  expect((await act(id, 'dispute', enterprise, { reason: '报告数据与样品不符' })).status).toBe(200);
  return id;
}

describe('the order lifecycle', () => {
  it('requested → quoted → accepted → in_progress → delivered → completed, with history, audit and notices', async () => {
    const before = await notices('provider', 'service_order.requested');
    const id = await order();
    expect(await statusOf(id)).toBe('requested');
    expect(await notices('provider', 'service_order.requested')).toBe(before + 1);

    const q = await act(id, 'quote', provider, { priceFen: 25000, note: '加急费' });
    expect(q.status).toBe(200);
    expect(q.body).toMatchObject({ status: 'quoted', quotedPriceFen: 25000, quoteOutsideRange: true, quoteNote: '加急费' });
    expect((await act(id, 'accept', enterprise)).body.status).toBe('accepted');
    expect((await act(id, 'start', provider)).body.status).toBe('in_progress');
    const file = await upload(provider);
    const d = await act(id, 'deliver', provider, { resultFileIds: [file], note: '报告见附件' });
    expect(d.status).toBe(200);
    expect(d.body.resultFileIds).toEqual([file]);
    const c = await act(id, 'confirm', enterprise, { rating: 4, comment: '及时' });
    expect(c.status).toBe(200);
    expect(c.body).toMatchObject({ status: 'completed', rating: 4, ratingComment: '及时' });
    expect(c.body.events.map((e: { from: string | null; to: string }) => `${e.from}→${e.to}`)).toEqual([
      'null→requested',
      'requested→quoted',
      'quoted→accepted',
      'accepted→in_progress',
      'in_progress→delivered',
      'delivered→completed',
    ]);
    const audited = await rows<{ action: string }>(
      t.database,
      sql`select action from audit_events where target_id = ${id} order by occurred_at, id`,
    );
    expect(audited.map((a) => a.action)).toContain('service_order.confirm');
    expect(audited).toHaveLength(6);
  });

  it('the history is append-only', async () => {
    const id = await order();
    await expect(t.database.db.execute(sql`update order_events set note = 'x' where order_id = ${id}`)).rejects.toThrow();
    await expect(t.database.db.execute(sql`delete from order_events where order_id = ${id}`)).rejects.toThrow();
    expect(await countOf(t.database, 'order_events', sql`order_id = ${id}`)).toBe(1);
  });

  it('a quote within the listed range (per unit × quantity) is not flagged; outside it needs a note', async () => {
    // 100–200 yuan per sample, 3 samples: 300–600 yuan for the order.
    const id = await order();
    const outside = await act(id, 'quote', provider, { priceFen: 12000 });
    expect(outside.status).toBe(422);
    expect(outside.body.error.code).toBe('ORDER_QUOTE_NOTE_REQUIRED');
    expect(await statusOf(id)).toBe('requested');
    expect((await act(id, 'quote', provider, { priceFen: 45000 })).body.quoteOutsideRange).toBe(false);
    const noted = await order();
    const above = await act(noted, 'quote', provider, { priceFen: 60001, note: '加急检测另收费' });
    expect(above.body).toMatchObject({ quoteOutsideRange: true, quoteNote: '加急检测另收费' });
  });

  it('decline cancels a quoted order; cancel works before in_progress and not after', async () => {
    const a = await orderIn('quoted');
    expect((await act(a, 'decline', enterprise, { note: '太贵' })).body.status).toBe('cancelled');
    for (const s of ['requested', 'quoted', 'accepted'] as const) {
      const id = await orderIn(s);
      expect((await act(id, 'cancel', enterprise)).body.status).toBe('cancelled');
    }
    const started = await orderIn('in_progress');
    expect((await act(started, 'cancel', enterprise)).status).toBe(409);
    expect(await statusOf(started)).toBe('in_progress');
  });

  it('dispute → the town admin of the enterprise’s town decides → closed', async () => {
    const id = await orderIn('delivered');
    const before = await notices('guzhen', 'service_order.disputed');
    expect((await act(id, 'dispute', enterprise, { reason: '数据不符' })).body).toMatchObject({
      status: 'disputed',
      disputeReason: '数据不符',
    });
    expect(await notices('guzhen', 'service_order.disputed')).toBe(before + 1);
    expect((await act(id, 'decide', xiaolan, { decision: 'refund', note: 'x' })).status).toBe(404);
    expect((await act(id, 'decide', admin, { decision: 'refund', note: 'x' })).status).toBe(403);
    const d = await act(id, 'decide', guzhen, { decision: 'partial', note: '退一半' });
    expect(d.status).toBe(200);
    expect(d.body).toMatchObject({ status: 'closed', decision: 'partial', decisionNote: '退一半' });
  });
});

describe('refusals', () => {
  it('every transition from a wrong state is 409 and changes nothing', async () => {
    const requested = await orderIn('requested');
    const file = await upload(provider);
    const wrong: [string, string, unknown][] = [
      ['accept', enterprise, {}],
      ['decline', enterprise, {}],
      ['start', provider, {}],
      ['deliver', provider, { resultFileIds: [file] }],
      ['confirm', enterprise, { rating: 5 }],
      ['dispute', enterprise, { reason: 'x' }],
      ['decide', guzhen, { decision: 'upheld', note: 'x' }],
    ];
    for (const [path, cookie, body] of wrong) {
      const res = await act(requested, path, cookie, body);
      expect(res.status, path).toBe(409);
      expect(res.body.error.code).toBe('ORDER_STATE_CHANGED');
    }
    expect(await statusOf(requested)).toBe('requested');
    const quoted = await orderIn('quoted');
    expect((await act(quoted, 'quote', provider, { priceFen: 1 })).status).toBe(409);
    const completedOrClosed = await orderIn('disputed');
    expect((await act(completedOrClosed, 'confirm', enterprise, { rating: 5 })).status).toBe(409);
    expect((await act(completedOrClosed, 'cancel', enterprise)).status).toBe(409);
  });

  it('two concurrent answers to one quote: exactly one wins, the other is 409', async () => {
    const id = await orderIn('quoted');
    const [a, b] = await Promise.all([act(id, 'accept', enterprise), act(id, 'decline', enterprise)]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    expect(await countOf(t.database, 'order_events', sql`order_id = ${id}`)).toBe(3);
  });

  it('the wrong role is 403; outside the scope is 404 — another provider, another enterprise, another town', async () => {
    const id = await orderIn('requested');
    expect((await act(id, 'quote', enterprise, { priceFen: 1 })).status).toBe(403);
    expect((await act(id, 'quote', lamplab, { priceFen: 1 })).status).toBe(404);
    expect((await act(id, 'cancel', otherEnterprise)).status).toBe(404);
    expect((await act(id, 'cancel', provider)).status).toBe(403);
    expect((await act(id, 'quote', expert, { priceFen: 1 })).status).toBe(403);
    expect((await call('GET', `/api/v1/service-orders/${id}`, lamplab)).status).toBe(404);
    expect((await call('GET', `/api/v1/service-orders/${id}`, otherEnterprise)).status).toBe(404);
    expect((await call('GET', `/api/v1/service-orders/${id}`, xiaolan)).status).toBe(404);
    expect((await call('GET', `/api/v1/service-orders/${id}`, guzhen)).status).toBe(200);
    expect((await call('GET', `/api/v1/service-orders/${id}`, admin)).status).toBe(200);
    expect((await call('GET', `/api/v1/service-orders/${missingId()}`, enterprise)).status).toBe(404);
    expect(await statusOf(id)).toBe('requested');
  });

  it('lists are scoped', async () => {
    const id = await orderIn('requested');
    const listed = async (cookie: string) =>
      (await call('GET', '/api/v1/service-orders?pageSize=100', cookie)).body.items.map((o: { id: string }) => o.id);
    expect(await listed(enterprise)).toContain(id);
    expect(await listed(provider)).toContain(id);
    expect(await listed(guzhen)).toContain(id);
    expect(await listed(otherEnterprise)).not.toContain(id);
    expect(await listed(lamplab)).not.toContain(id);
    expect(await listed(xiaolan)).not.toContain(id);
  });

  it('ratings are 1–5 whole numbers; bad input is 400 and changes nothing', async () => {
    const id = await orderIn('delivered');
    for (const rating of [0, 6, 3.5, '5', null]) {
      expect((await act(id, 'confirm', enterprise, { rating })).status, String(rating)).toBe(400);
    }
    expect((await act(id, 'dispute', enterprise, { reason: '  ' })).status).toBe(400);
    expect(await statusOf(id)).toBe('delivered');
    expect((await act(id, 'confirm', enterprise, { rating: 1 })).body.rating).toBe(1);
  });

  it('bad orders and quotes are refused', async () => {
    const bad = [
      { serviceId: providerService, needs: '', quantity: 1 },
      { serviceId: providerService, needs: 'x', quantity: 0 },
      { serviceId: providerService, needs: 'x', quantity: 1.5 },
      { serviceId: 'not-a-uuid', needs: 'x', quantity: 1 },
      { serviceId: providerService, needs: 'x', quantity: 1, status: 'completed' },
    ];
    const n = await countOf(t.database, 'service_orders');
    for (const b of bad) expect((await call('POST', '/api/v1/service-orders', enterprise, b)).status).toBe(400);
    expect((await call('POST', '/api/v1/service-orders', enterprise, { serviceId: draftService, needs: 'x', quantity: 1 })).status).toBe(
      422,
    );
    expect((await call('POST', '/api/v1/service-orders', enterprise, { serviceId: missingId(), needs: 'x', quantity: 1 })).status).toBe(
      422,
    );
    expect(await countOf(t.database, 'service_orders')).toBe(n);
    const id = await orderIn('requested');
    for (const priceFen of [-1, 1.5, '100', 10_000_000_001]) expect((await act(id, 'quote', provider, { priceFen })).status).toBe(400);
    expect(await statusOf(id)).toBe('requested');
  });

  it('result files must be attachments uploaded by the provider', async () => {
    const id = await orderIn('in_progress');
    expect((await act(id, 'deliver', provider, { resultFileIds: [] })).status).toBe(400);
    expect((await act(id, 'deliver', provider, { resultFileIds: [await upload(enterprise)] })).status).toBe(422);
    expect((await act(id, 'deliver', provider, { resultFileIds: [missingId()] })).status).toBe(422);
    expect(await statusOf(id)).toBe('in_progress');
  });

  it('both sides of the order see and download the result files; nobody else, and no other file through the order', async () => {
    const id = await orderIn('in_progress');
    const fileId = await upload(provider);
    expect((await act(id, 'deliver', provider, { resultFileIds: [fileId] })).status).toBe(200);
    // The files service alone shows a file only to its uploader.
    expect((await call('GET', `/api/v1/files/${fileId}`, enterprise)).status).toBe(404);
    const listed = await call('GET', `/api/v1/service-orders/${id}/files`, enterprise);
    expect(listed.status).toBe(200);
    expect(listed.body).toEqual([expect.objectContaining({ id: fileId, filename: '检测报告.pdf', contentType: 'application/pdf' })]);
    for (const cookie of [enterprise, provider, guzhen]) {
      const res = await t.app.inject({ method: 'GET', url: `/api/v1/service-orders/${id}/files/${fileId}/content`, headers: { cookie } });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-disposition']).toContain('attachment');
      expect(res.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    }
    for (const cookie of [otherEnterprise, lamplab, xiaolan]) {
      expect((await call('GET', `/api/v1/service-orders/${id}/files`, cookie)).status).toBe(404);
      expect((await call('GET', `/api/v1/service-orders/${id}/files/${fileId}/content`, cookie)).status).toBe(404);
    }
    const stranger = await upload(provider);
    expect((await call('GET', `/api/v1/service-orders/${id}/files/${stranger}/content`, enterprise)).status).toBe(404);
  });

  it('the list searches the service title, the enterprise and the provider', async () => {
    const id = await orderIn('requested');
    const found = async (q: string) =>
      (await call('GET', `/api/v1/service-orders?pageSize=100&q=${encodeURIComponent(q)}`, provider)).body.items.map(
        (o: { id: string }) => o.id,
      );
    expect(await found('订单测试')).toContain(id);
    expect(await found('没有这样的服务')).toEqual([]);
    expect(await found('%')).toEqual([]);
  });
});

describe('the quote SLA', () => {
  const SYSTEM = systemContext({ ...ANONYMOUS, username: 'system' });
  const ctx = () => ({ ...enterpriseContext(ids.ownEnterpriseId, ids.guzhenTownId) });

  it('a Friday request with a Monday holiday is due at the end of Wednesday; escalated exactly once, town admin told', async () => {
    await t.database.db.execute(
      sql`insert into holidays (date, name, is_workday) values ('2026-12-07', '测试假日', false) on conflict (date) do update set is_workday = false`,
    );
    const friday = new Date('2026-12-04T02:00:00Z'); // Friday 10:00 Shanghai
    expect((await quoteDeadline(t.database.db, friday)).toISOString()).toBe('2026-12-09T16:00:00.000Z'); // Thursday 00:00 Shanghai
    const created = await createOrder(t.database.db, ctx(), { serviceId: providerService, needs: 'SLA 测试', quantity: 1 }, friday);
    // Only this request is open (earlier tests' requests would be overdue on the fixed clock too).
    await t.database.db.execute(sql`update service_orders set status = 'cancelled' where status = 'requested' and id <> ${created.id}`);
    const before = await notices('guzhen', 'service_order.escalated');
    expect((await escalateOverdueOrders(t.database.db, SYSTEM, new Date('2026-12-09T15:59:00Z'))).escalated).toBe(0);
    const at = new Date('2026-12-09T16:00:00Z');
    const runs = await Promise.all([escalateOverdueOrders(t.database.db, SYSTEM, at), escalateOverdueOrders(t.database.db, SYSTEM, at)]);
    expect(runs.reduce((n, r) => n + r.escalated, 0)).toBe(1);
    expect((await escalateOverdueOrders(t.database.db, SYSTEM, new Date('2026-12-10T16:00:00Z'))).escalated).toBe(0);
    const row = await one<{ escalated_at: Date | null; status: string }>(
      t.database,
      sql`select escalated_at, status from service_orders where id = ${created.id}`,
    );
    expect(row.status).toBe('requested');
    expect(row.escalated_at).not.toBeNull();
    expect(await notices('guzhen', 'service_order.escalated')).toBe(before + 1);
    expect(await countOf(t.database, 'order_events', sql`order_id = ${created.id} and note like 'escalated%'`)).toBe(1);
  });

  it('runs from the job queue: one job per slot, and the handler escalates what is overdue', async () => {
    const [schedule] = SERVICE_ORDER_SCHEDULES;
    if (!schedule) throw new Error('no schedule');
    const now = new Date('2026-12-09T16:05:00Z');
    expect(await scheduleNext(t.database.db, schedule, now)).toMatchObject({ created: true });
    expect(await scheduleNext(t.database.db, schedule, now)).toMatchObject({ created: false });
    const id = await orderIn('requested');
    await t.database.db.execute(sql`update service_orders set quote_due_at = now() - interval '1 minute' where id = ${id}`);
    const handler = serviceOrderHandlers()['service_orders.sla_escalate'];
    if (!handler) throw new Error('no handler');
    const log = { info: () => {} } as unknown as JobLogger;
    const job = { id: 0, name: schedule.name } as JobRow;
    expect(await handler({ db: t.database.db, job, log })).toEqual({ escalated: 1 });
    expect(await handler({ db: t.database.db, job, log })).toEqual({ escalated: 0 });
    const listed = await call('GET', '/api/v1/service-orders?escalated=true&pageSize=100', guzhen);
    expect(listed.body.items.map((o: { id: string }) => o.id)).toContain(id);
  });

  it('the town admin dispatches an escalated request to another member’s service; history kept, new SLA', async () => {
    const id = await orderIn('requested');
    expect((await act(id, 'dispatch', guzhen, { serviceId: lamplabService })).status).toBe(409); // not escalated
    await t.database.db.execute(sql`update service_orders set quote_due_at = now() - interval '1 minute' where id = ${id}`);
    await escalateOverdueOrders(t.database.db, SYSTEM);
    expect((await act(id, 'dispatch', xiaolan, { serviceId: lamplabService })).status).toBe(404);
    expect((await act(id, 'dispatch', provider, { serviceId: lamplabService })).status).toBe(403);
    expect((await act(id, 'dispatch', guzhen, { serviceId: providerService })).status).toBe(422); // same provider
    expect((await act(id, 'dispatch', guzhen, { serviceId: draftService })).status).toBe(422);
    const d = await act(id, 'dispatch', guzhen, { serviceId: lamplabService, note: '原机构未响应' });
    expect(d.status).toBe(200);
    expect(d.body).toMatchObject({
      status: 'requested',
      institutionId: lamplabInstitutionId,
      serviceId: lamplabService,
      escalatedAt: null,
    });
    expect(new Date(d.body.quoteDueAt).getTime()).toBeGreaterThan(Date.now());
    expect(d.body.events.length).toBe(3);
    // The old provider no longer sees it; the new one quotes it.
    expect((await act(id, 'quote', provider, { priceFen: 15000 })).status).toBe(404);
    expect(d.body.events.at(-1).note).toMatch(/^dispatched: .+ → .+ — 原机构未响应$/);
    expect((await act(id, 'quote', lamplab, { priceFen: 45000 })).status).toBe(200);
  });
});

describe('the provider page', () => {
  it('shows completed orders and the average rating', async () => {
    const page = async () => (await call('GET', `/api/v1/service-providers/${lamplabInstitutionId}`)).body.record;
    expect(await page()).toMatchObject({ ordersDelivered: 0, ratingAverage: null, ratingCount: 0 });
    for (const rating of [5, 4, 4]) {
      const id = await order(lamplabService);
      await act(id, 'quote', lamplab, { priceFen: 45000 });
      await act(id, 'accept', enterprise);
      await act(id, 'start', lamplab);
      await act(id, 'deliver', lamplab, { resultFileIds: [await upload(lamplab)] });
      expect((await act(id, 'confirm', enterprise, { rating })).status).toBe(200);
    }
    // A cancelled order counts for nothing.
    await act(await order(lamplabService), 'cancel', enterprise);
    expect(await page()).toMatchObject({ ordersDelivered: 3, ratingAverage: 4.3, ratingCount: 3 });
  });
});
