import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { makeBooking, makeInstrument } from '../../../test/booking-fixtures.ts';
import { countOf, demoIds, rows } from '../../../test/fixtures.ts';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import { cityContext, enterpriseContext, makeProgramme, makeVoucher } from '../../../test/voucher-fixtures.ts';
import { makeAttachment, makeOrder, makeService, setOrderStatus } from '../../../test/voucher-order-fixtures.ts';
import * as vrepo from '../vouchers/vouchers.repository.ts';
import * as vservice from '../vouchers/vouchers.service.ts';
import { orderClaimable, usageLimitFen, usageValue } from './claim-rules.ts';
import * as service from './voucher-claims.service.ts';

const t: TestApp = await createTestApp();
const ids = await demoIds(t.database);
const admin = await t.login('admin');
const town = await t.login('guzhen');
const otherTown = await t.login('xiaolan');
const enterprise = await t.login('enterprise');
const provider = await t.login('provider');
const lamplab = await t.login('lamplab');
const cookies = { enterprise, town, admin };
afterAll(async () => {
  await t?.close();
});

type Inject = { method?: 'GET' | 'POST'; url: string; cookie: string; payload?: unknown; key?: string };
const call = ({ method = 'POST', url, cookie, payload, key }: Inject) =>
  t.call(method, url, cookie, payload, key ? { 'idempotency-key': key } : undefined);
const ledger = (programmeId: string) => vrepo.ledgerCheck(t.database.db, programmeId);
/** Everything a refused claim step must leave alone. */
const moneyState = async () => ({
  entries: await countOf(t.database, 'ledger_entries'),
  reservations: await rows(t.database, sql`select id, status, settled_fen from voucher_reservations order by id`),
  claims: await rows(t.database, sql`select id, status, reason from voucher_claims order by id`),
  balances: await rows(t.database, sql`select id, balance_fen from ledger_accounts order by id`),
});

const testingService = await makeService(t.database, ids.providerInstitutionId);
const invoice = await makeAttachment(t.database, 'provider');
const evidence = await makeAttachment(t.database, 'provider');
const enterpriseInvoice = await makeAttachment(t.database, 'enterprise');
const enterpriseEvidence = await makeAttachment(t.database, 'enterprise');

/** A subsidised order of the demo enterprise: voucher applied while accepted, then moved to `status`. */
async function subsidisedOrder(voucherId: string, o: { priceFen?: number; status?: string; serviceId?: string } = {}) {
  const orderId = await makeOrder(t.database, {
    serviceId: o.serviceId ?? testingService,
    enterpriseId: ids.ownEnterpriseId,
    status: 'accepted',
    priceFen: o.priceFen ?? 100_000,
  });
  const applied = await call({ url: `/api/v1/service-orders/${orderId}/voucher`, cookie: enterprise, payload: { voucherId } });
  if (applied.status !== 200) throw new Error(`apply: ${applied.status} ${JSON.stringify(applied.body)}`);
  await setOrderStatus(t.database, orderId, o.status ?? 'completed');
  return { orderId, reservedFen: applied.body.subsidy.amountFen as number, reservationId: applied.body.subsidy.reservationId as string };
}
const claimBody = (orderId: string, claimedFen: number, extra: Record<string, unknown> = {}) => ({
  orderId,
  claimedFen,
  invoiceFileId: invoice,
  evidenceFileIds: [evidence],
  ...extra,
});
const fileClaim = (payload: object, cookie = provider, key?: string) => call({ url: '/api/v1/voucher-claims', cookie, payload, key });

describe('claim rules', () => {
  it('values recorded use at the listed fee, billed as bookings are, and limits the claim to ratio × value (rounded down)', () => {
    const use = { minutes: 50, samples: null, bookedSamples: null, chargedFen: 1234 };
    expect(usageValue({ feeUnit: 'hour', feeMinFen: 100, feeMaxFen: 301 }, use)).toEqual({ feeUnit: 'hour', feeFen: 301, valueFen: 301 });
    expect(usageValue({ feeUnit: 'hour', feeMinFen: 100, feeMaxFen: 301 }, { ...use, minutes: 31 }).valueFen).toBe(301);
    expect(usageValue({ feeUnit: 'hour', feeMinFen: 100, feeMaxFen: 301 }, { ...use, minutes: 30 }).valueFen).toBe(151);
    expect(usageValue({ feeUnit: 'sample', feeMinFen: 500, feeMaxFen: null }, { ...use, samples: 4 }).valueFen).toBe(2000);
    expect(usageValue({ feeUnit: 'sample', feeMinFen: 500, feeMaxFen: null }, { ...use, bookedSamples: 3 }).valueFen).toBe(1500);
    expect(usageValue({ feeUnit: 'day', feeMinFen: 1000, feeMaxFen: 2000 }, { ...use, minutes: 1441 }).valueFen).toBe(4000);
    expect(usageValue({ feeUnit: null, feeMinFen: null, feeMaxFen: null }, use)).toEqual({ feeUnit: null, feeFen: 1234, valueFen: 1234 });
    expect(usageLimitFen(333, 5000)).toBe(166);
    expect(usageLimitFen(0, 8000)).toBe(0);
    expect(orderClaimable({ status: 'completed', decision: null })).toBe(true);
    expect(orderClaimable({ status: 'closed', decision: 'upheld' })).toBe(true);
    expect(orderClaimable({ status: 'closed', decision: 'refund' })).toBe(false);
    expect(orderClaimable({ status: 'delivered', decision: null })).toBe(false);
  });
});

describe('claims: submit → verify (town) → settle (city)', () => {
  it('settles the claimed amount and returns the rest of the reservation to the voucher, audited and notified at each step', async () => {
    const programmeId = await makeProgramme(t, admin);
    const voucherId = await makeVoucher(t, cookies, programmeId, 100_000);
    const { orderId, reservedFen, reservationId } = await subsidisedOrder(voucherId);
    const key = randomUUID();
    const created = await fileClaim(claimBody(orderId, reservedFen - 1000, { note: '检测报告已交付' }), provider, key);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      status: 'submitted',
      claimantRole: 'provider',
      claimedFen: reservedFen - 1000,
      reservedFen,
      usage: null,
    });
    // A retry with the key returns the same claim and files nothing new.
    expect(await fileClaim(claimBody(orderId, reservedFen - 1000, { note: '检测报告已交付' }), provider, key)).toEqual(created);
    expect(await countOf(t.database, 'voucher_claims', sql`order_id = ${orderId}`)).toBe(1);
    const id = created.body.id;
    const townAdmins = await countOf(
      t.database,
      'notifications',
      sql`kind = 'voucher_claim.submitted' and link = ${`/vouchers/claims/${id}`}`,
    );
    expect(townAdmins).toBeGreaterThan(0);
    // Everyone in scope reads it; another town does not.
    for (const cookie of [admin, town, enterprise, provider])
      expect((await call({ method: 'GET', url: `/api/v1/voucher-claims/${id}`, cookie })).status).toBe(200);
    for (const cookie of [otherTown, lamplab])
      expect((await call({ method: 'GET', url: `/api/v1/voucher-claims/${id}`, cookie })).status).toBe(404);
    const townList = await call({ method: 'GET', url: '/api/v1/voucher-claims?status=submitted&pageSize=100', cookie: town });
    expect(townList.body.items.map((c: { id: string }) => c.id)).toContain(id);
    expect(
      (await call({ method: 'GET', url: '/api/v1/voucher-claims?pageSize=100', cookie: otherTown })).body.items.map(
        (c: { id: string }) => c.id,
      ),
    ).not.toContain(id);

    // Settling before verification: refused, nothing moves.
    const before = await moneyState();
    const early = await call({ url: `/api/v1/voucher-claims/${id}/settle`, cookie: admin, payload: {} });
    expect([early.status, early.body.error.code]).toEqual([409, 'VOUCHER_CLAIM_STATE_CHANGED']);
    expect(await moneyState()).toEqual(before);

    const verified = await call({ url: `/api/v1/voucher-claims/${id}/verify`, cookie: town, payload: { comment: '材料齐全' } });
    expect(verified.body).toMatchObject({ status: 'verified', comment: '材料齐全' });
    expect(
      await countOf(t.database, 'notifications', sql`kind = 'voucher_claim.verified' and link = ${`/vouchers/claims/${id}`}`),
    ).toBeGreaterThan(1);
    expect((await call({ url: `/api/v1/voucher-claims/${id}/verify`, cookie: town, payload: {} })).body.error.code).toBe(
      'VOUCHER_CLAIM_STATE_CHANGED',
    );

    const sKey = randomUUID();
    const settled = await call({ url: `/api/v1/voucher-claims/${id}/settle`, cookie: admin, payload: {}, key: sKey });
    expect(settled.body).toMatchObject({ status: 'settled' });
    const afterSettle = await moneyState();
    expect(await call({ url: `/api/v1/voucher-claims/${id}/settle`, cookie: admin, payload: {}, key: sKey })).toEqual(settled);
    expect(await moneyState()).toEqual(afterSettle);
    expect((await call({ url: `/api/v1/voucher-claims/${id}/settle`, cookie: admin, payload: {} })).status).toBe(409);
    expect((await call({ url: `/api/v1/voucher-claims/${id}/reject`, cookie: admin, payload: { reason: 'other' } })).status).toBe(409);

    const v = (await call({ method: 'GET', url: `/api/v1/vouchers/${voucherId}`, cookie: enterprise })).body;
    expect(v).toMatchObject({ settledFen: reservedFen - 1000, reservedFen: 0, remainingFen: 100_000 - reservedFen + 1000 });
    const order = (await call({ method: 'GET', url: `/api/v1/service-orders/${orderId}`, cookie: enterprise })).body;
    expect(order).toMatchObject({
      subsidy: { reservationId, status: 'settled', settledFen: reservedFen - 1000 },
      enterprisePaysFen: 100_000 - reservedFen + 1000,
    });
    const actions = await rows<{ action: string }>(
      t.database,
      sql`select action from audit_events where target_id in (${id}, ${reservationId}) and result = 'success' and action not like 'voucherClaim.%' order by id`,
    );
    expect(actions.map((a) => a.action)).toEqual([
      'voucher.reserve',
      'voucher_claim.create',
      'voucher_claim.verify',
      'voucher.settle',
      'voucher_claim.settle',
    ]);
    expect(await ledger(programmeId)).toMatchObject({ balanced: true, withinBudget: true, storedBalancesMatchEntries: true });
    // The database keeps a settled claim final.
    await expect(t.database.db.execute(sql`update voucher_claims set claimed_fen = 1 where id = ${id}`)).rejects.toThrow();
    await expect(t.database.db.execute(sql`delete from voucher_claims where id = ${id}`)).rejects.toThrow();
  });

  it('a rejection carries a structured reason and releases the reservation, once', async () => {
    const programmeId = await makeProgramme(t, admin);
    const voucherId = await makeVoucher(t, cookies, programmeId, 50_000);
    const { orderId, reservedFen } = await subsidisedOrder(voucherId, { priceFen: 20_000 });
    const id = (await fileClaim(claimBody(orderId, reservedFen))).body.id;
    const before = await moneyState();
    expect((await call({ url: `/api/v1/voucher-claims/${id}/reject`, cookie: town, payload: { reason: 'nonsense' } })).status).toBe(400);
    expect((await call({ url: `/api/v1/voucher-claims/${id}/reject`, cookie: otherTown, payload: { reason: 'other' } })).status).toBe(404);
    expect((await call({ url: `/api/v1/voucher-claims/${id}/reject`, cookie: enterprise, payload: { reason: 'other' } })).status).toBe(403);
    expect((await call({ url: `/api/v1/voucher-claims/${id}/verify`, cookie: provider, payload: {} })).status).toBe(403);
    expect((await call({ url: `/api/v1/voucher-claims/${id}/settle`, cookie: town, payload: {} })).status).toBe(403);
    // While the claim is open the enterprise cannot pull the reservation away.
    const live = (await vrepo.liveReservationOfOrder(t.database.db, orderId))?.id as string;
    const pulled = await call({ url: `/api/v1/voucher-reservations/${live}/release`, cookie: enterprise, payload: {} });
    expect([pulled.status, pulled.body.error.code]).toEqual([409, 'VOUCHER_CLAIM_IN_PROGRESS']);
    expect(await moneyState()).toEqual(before);

    const key = randomUUID();
    const rejected = await call({
      url: `/api/v1/voucher-claims/${id}/reject`,
      cookie: town,
      payload: { reason: 'invoice_mismatch', comment: '发票抬头不符' },
      key,
    });
    expect(rejected.body).toMatchObject({ status: 'rejected', reason: 'invoice_mismatch', comment: '发票抬头不符' });
    const afterReject = await moneyState();
    expect(
      await call({
        url: `/api/v1/voucher-claims/${id}/reject`,
        cookie: town,
        payload: { reason: 'invoice_mismatch', comment: '发票抬头不符' },
        key,
      }),
    ).toEqual(rejected);
    expect(await moneyState()).toEqual(afterReject);
    expect(afterReject.entries).toBe(before.entries + 1);
    const v = (await call({ method: 'GET', url: `/api/v1/vouchers/${voucherId}`, cookie: enterprise })).body;
    expect(v).toMatchObject({ remainingFen: 50_000, reservedFen: 0, settledFen: 0 });
    expect((await call({ method: 'GET', url: `/api/v1/service-orders/${orderId}`, cookie: enterprise })).body.subsidy.status).toBe(
      'released',
    );
    expect(
      await countOf(t.database, 'notifications', sql`kind = 'voucher_claim.rejected' and link = ${`/vouchers/claims/${id}`}`),
    ).toBeGreaterThan(1);
    // Nothing left to claim on that order.
    expect((await fileClaim(claimBody(orderId, 1))).body.error.code).toBe('VOUCHER_CLAIM_NO_SUBSIDY');
    expect(await ledger(programmeId)).toMatchObject({ balanced: true, withinBudget: true, storedBalancesMatchEntries: true });
  });

  it('a filed claim outlives its voucher: settled after expiry it pays; rejected after expiry its money goes back to the budget', async () => {
    const programmeId = await makeProgramme(t, admin);
    const voucherId = await makeVoucher(t, cookies, programmeId, 50_000);
    const paid = await subsidisedOrder(voucherId, { priceFen: 20_000 });
    const refused = await subsidisedOrder(voucherId, { priceFen: 10_000 });
    const unclaimed = await subsidisedOrder(voucherId, { priceFen: 5_000 });
    const paidClaim = (await fileClaim(claimBody(paid.orderId, paid.reservedFen))).body.id;
    const refusedClaim = (await fileClaim(claimBody(refused.orderId, refused.reservedFen))).body.id;
    await call({ url: `/api/v1/voucher-claims/${paidClaim}/verify`, cookie: town, payload: {} });

    await t.database.db.execute(sql`update vouchers set expires_at = now() - interval '1 minute' where id = ${voucherId}`);
    const expired = await vservice.expireVoucher(t.database.db, cityContext(), voucherId);
    // Unused value and the unclaimed order's reservation go back; the two filed claims keep theirs.
    const held = paid.reservedFen + refused.reservedFen;
    expect(expired).toEqual({ expired: true, returnedFen: 50_000 - held });
    const status = async (reservationId: string) =>
      (await rows<{ status: string }>(t.database, sql`select status from voucher_reservations where id = ${reservationId}`))[0]?.status;
    expect([await status(paid.reservationId), await status(refused.reservationId), await status(unclaimed.reservationId)]).toEqual([
      'reserved',
      'reserved',
      'expired',
    ]);

    expect((await call({ url: `/api/v1/voucher-claims/${paidClaim}/settle`, cookie: admin, payload: {} })).body.status).toBe('settled');
    const rejected = await call({ url: `/api/v1/voucher-claims/${refusedClaim}/reject`, cookie: town, payload: { reason: 'other' } });
    expect(rejected.body.status).toBe('rejected');
    const v = (await call({ method: 'GET', url: `/api/v1/vouchers/${voucherId}`, cookie: enterprise })).body;
    expect(v).toMatchObject({ status: 'expired', remainingFen: 0, reservedFen: 0, settledFen: paid.reservedFen });
    const expiredEntries = await rows<{ fen: string }>(
      t.database,
      sql`select coalesce(sum(amount_fen), 0)::text fen from ledger_entries where voucher_id = ${voucherId} and kind = 'expire'`,
    );
    expect(Number(expiredEntries[0]?.fen)).toBe(50_000 - paid.reservedFen);
    expect(await ledger(programmeId)).toMatchObject({ balanced: true, withinBudget: true, storedBalancesMatchEntries: true });
  });

  it('the city may reject a verified claim; the town may not', async () => {
    const programmeId = await makeProgramme(t, admin);
    const voucherId = await makeVoucher(t, cookies, programmeId, 50_000);
    const { orderId, reservedFen } = await subsidisedOrder(voucherId, { priceFen: 20_000 });
    const id = (await fileClaim(claimBody(orderId, reservedFen))).body.id;
    await call({ url: `/api/v1/voucher-claims/${id}/verify`, cookie: town, payload: {} });
    const byTown = await call({ url: `/api/v1/voucher-claims/${id}/reject`, cookie: town, payload: { reason: 'other' } });
    expect([byTown.status, byTown.body.error.code]).toEqual([409, 'VOUCHER_CLAIM_STATE_CHANGED']);
    expect(
      (await call({ url: `/api/v1/voucher-claims/${id}/reject`, cookie: admin, payload: { reason: 'not_delivered' } })).body.status,
    ).toBe('rejected');
    expect(await ledger(programmeId)).toMatchObject({ balanced: true, storedBalancesMatchEntries: true });
  });
});

describe('bad claims get a 4xx with the rule’s code and move nothing', () => {
  it('refuses each bad input of the issue', async () => {
    const programmeId = await makeProgramme(t, admin);
    const voucherId = await makeVoucher(t, cookies, programmeId, 100_000);
    const done = await subsidisedOrder(voucherId, { priceFen: 30_000 });
    const running = await subsidisedOrder(voucherId, { priceFen: 30_000, status: 'in_progress' });
    const plain = await makeOrder(t.database, { serviceId: testingService, enterpriseId: ids.ownEnterpriseId, status: 'completed' });
    const foreignService = await makeService(t.database, ids.otherInstitutionId);
    const foreign = await makeOrder(t.database, { serviceId: foreignService, enterpriseId: ids.sameTownEnterpriseId, status: 'completed' });
    const image = await makeAttachment(t.database, 'provider', 'image');
    const othersFile = await makeAttachment(t.database, 'lamplab');
    const before = await moneyState();
    const cases: [string, object, string, number, string][] = [
      ['above the reservation', claimBody(done.orderId, done.reservedFen + 1), provider, 422, 'VOUCHER_CLAIM_ABOVE_RESERVED'],
      ['without evidence', claimBody(done.orderId, 100, { evidenceFileIds: [] }), provider, 422, 'VOUCHER_CLAIM_EVIDENCE_MISSING'],
      [
        'evidence uploaded by someone else',
        claimBody(done.orderId, 100, { evidenceFileIds: [othersFile] }),
        provider,
        422,
        'VOUCHER_CLAIM_FILES_INVALID',
      ],
      ['an image, not an attachment', claimBody(done.orderId, 100, { invoiceFileId: image }), provider, 422, 'VOUCHER_CLAIM_FILES_INVALID'],
      [
        'a file that does not exist',
        claimBody(done.orderId, 100, { evidenceFileIds: [randomUUID()] }),
        provider,
        422,
        'VOUCHER_CLAIM_FILES_INVALID',
      ],
      ['before the order is completed', claimBody(running.orderId, 100), provider, 409, 'VOUCHER_CLAIM_ORDER_NOT_COMPLETED'],
      ['an order without a voucher', claimBody(plain, 100), provider, 422, 'VOUCHER_CLAIM_NO_SUBSIDY'],
      [
        'by the enterprise when the programme names the provider',
        claimBody(done.orderId, 100, { invoiceFileId: enterpriseInvoice, evidenceFileIds: [enterpriseEvidence] }),
        enterprise,
        403,
        'VOUCHER_CLAIM_WRONG_CLAIMANT',
      ],
      ['someone else’s order (another provider)', claimBody(done.orderId, 100), lamplab, 404, 'NOT_FOUND'],
      ['someone else’s order (another enterprise)', claimBody(foreign, 100), provider, 404, 'NOT_FOUND'],
      ['by a town admin', claimBody(done.orderId, 100), town, 403, 'FORBIDDEN'],
    ];
    for (const [what, payload, cookie, status, code] of cases) {
      const res = await fileClaim(payload, cookie);
      expect([res.status, res.body.error?.code], what).toEqual([status, code]);
    }
    for (const claimedFen of [0, -1, 1.5, 1e15, '100']) {
      const res = await fileClaim(claimBody(done.orderId, claimedFen as number));
      expect(res.status, String(claimedFen)).toBe(400);
    }
    expect((await fileClaim({ ...claimBody(done.orderId, 100), status: 'settled' })).status).toBe(400);
    expect(await moneyState()).toEqual(before);
    // Twice: the second claim on the same reservation is refused.
    expect((await fileClaim(claimBody(done.orderId, 100))).status).toBe(201);
    const again = await fileClaim(claimBody(done.orderId, 100));
    expect([again.status, again.body.error.code]).toEqual([409, 'VOUCHER_CLAIM_EXISTS']);
    expect(await ledger(programmeId)).toMatchObject({ balanced: true, withinBudget: true, storedBalancesMatchEntries: true });
  });

  it('when the programme names the enterprise, the enterprise claims with its own files', async () => {
    const programmeId = await makeProgramme(t, admin, { claimant: 'enterprise' });
    const voucherId = await makeVoucher(t, cookies, programmeId, 20_000);
    const { orderId, reservedFen } = await subsidisedOrder(voucherId, { priceFen: 10_000 });
    expect((await fileClaim(claimBody(orderId, reservedFen), provider)).body.error.code).toBe('VOUCHER_CLAIM_WRONG_CLAIMANT');
    const mine = await fileClaim(
      claimBody(orderId, reservedFen, { invoiceFileId: enterpriseInvoice, evidenceFileIds: [enterpriseEvidence] }),
      enterprise,
    );
    expect(mine.body).toMatchObject({ status: 'submitted', claimantRole: 'enterprise' });
  });
});

describe('claims on a shared instrument are checked against its recorded usage', () => {
  it('needs a booking of the enterprise with recorded usage, and claims at most ratio × its value', async () => {
    const programmeId = await makeProgramme(t, admin);
    const voucherId = await makeVoucher(t, cookies, programmeId, 200_000);
    const ratio = (await call({ method: 'GET', url: `/api/v1/vouchers/${voucherId}`, cookie: enterprise })).body.ratioBp as number;
    const instrument = await makeInstrument(t.database, ids.providerInstitutionId, {
      feeUnit: 'hour',
      feeMinFen: 30_000,
      feeMaxFen: 45_000,
    });
    const serviceId = await makeService(t.database, ids.providerInstitutionId);
    await t.database.db.execute(sql`insert into service_resources (service_id, resource_id) values (${serviceId}, ${instrument})`);
    const { orderId } = await subsidisedOrder(voucherId, { priceFen: 200_000, serviceId });
    const booking = async (enterpriseId: string, username: string, status: string, minutes: number | null) => {
      const id = await makeBooking(t.database, {
        resourceId: instrument,
        enterpriseId,
        userId: ids.userIds[username] as string,
        status,
        daysAhead: -3,
      });
      if (minutes !== null) {
        await t.database.db.execute(
          sql`insert into booking_usages (booking_id, minutes, fee_fen, recorded_by) values (${id}, ${minutes}, 1, ${ids.userIds.provider as string})`,
        );
      }
      return id;
    };
    const used = await booking(ids.ownEnterpriseId, 'enterprise', 'completed', 90);
    const noUsage = await booking(ids.ownEnterpriseId, 'enterprise', 'confirmed', null);
    const disputed = await booking(ids.ownEnterpriseId, 'enterprise', 'disputed', 600);
    const others = await booking(ids.sameTownEnterpriseId, 'enterprise', 'completed', 600);
    const limit = Math.floor((Math.ceil((45_000 * 3) / 2) * ratio) / 10_000);

    const options = (await call({ method: 'GET', url: `/api/v1/service-orders/${orderId}/claim-options`, cookie: provider })).body;
    expect(options).toMatchObject({ instrumentRequired: true });
    expect(options.bookings).toEqual([expect.objectContaining({ bookingId: used, minutes: 90, valueFen: 67_500, limitFen: limit })]);

    const before = await moneyState();
    for (const [bookingId, code] of [
      [undefined, 'VOUCHER_CLAIM_USAGE_MISSING'],
      [noUsage, 'VOUCHER_CLAIM_USAGE_MISSING'],
      [disputed, 'VOUCHER_CLAIM_USAGE_MISSING'],
      [others, 'VOUCHER_CLAIM_USAGE_MISSING'],
      [used, 'VOUCHER_CLAIM_ABOVE_USAGE'],
    ] as const) {
      const res = await fileClaim(claimBody(orderId, limit + 1, bookingId ? { bookingId } : {}));
      expect([res.status, res.body.error.code], String(bookingId)).toEqual([422, code]);
    }
    expect(await moneyState()).toEqual(before);
    const ok = await fileClaim(claimBody(orderId, limit, { bookingId: used }));
    expect(ok.status).toBe(201);
    expect(ok.body.usage).toEqual({
      bookingId: used,
      minutes: 90,
      samples: null,
      feeUnit: 'hour',
      feeFen: 45_000,
      valueFen: 67_500,
      limitFen: limit,
    });
    // The snapshot stays as it was, whatever happens to the usage record later.
    await t.database.db.execute(sql`update booking_usages set minutes = 1 where booking_id = ${used}`);
    expect((await call({ method: 'GET', url: `/api/v1/voucher-claims/${ok.body.id}`, cookie: town })).body.usage.minutes).toBe(90);
  });
});

const rowsOf = (r: unknown) => (r as { rows?: unknown[] }).rows ?? (r as unknown[]);

/** A small seeded PRNG (mulberry32), so a failing sequence can be replayed. */
function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let x = Math.imul(a ^ (a >>> 15), 1 | a);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

describe('property: random sequences with claims keep the ledger balanced', () => {
  it.each([7, 8])('seed %i', async (seed) => {
    const rand = prng(seed);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
    const db = t.database.db;
    const programmeId = await makeProgramme(t, admin, { totalBudgetFen: 300_000, capPerEnterpriseFen: 300_000 });
    const city = cityContext(ids.userIds.admin as string);
    const townCtx = { ...cityContext(ids.userIds.guzhen as string) };
    townCtx.actor = { ...townCtx.actor, role: 'town_admin', username: 'guzhen', townId: ids.guzhenTownId };
    const providerCtx = {
      ...city,
      actor: {
        ...city.actor,
        role: 'provider' as const,
        userId: ids.userIds.provider as string,
        username: 'provider',
        institutionId: ids.providerInstitutionId,
      },
    };
    const firm = enterpriseContext(ids.ownEnterpriseId, ids.guzhenTownId);
    const vouchers: string[] = [];
    const orders: string[] = [];
    const claims: string[] = [];
    const outcomes: Record<string, number> = {};
    for (let step = 0; step < 60; step++) {
      const op = pick(['issue', 'apply', 'apply', 'complete', 'claim', 'claim', 'verify', 'reject', 'settle', 'cancel'] as const);
      let outcome = 'ok';
      try {
        if (op === 'issue') {
          vouchers.push(
            (
              await vservice.issueVoucher(db, city, {
                programmeId,
                enterpriseId: ids.ownEnterpriseId,
                applicationId: null,
                amountFen: 1 + Math.floor(rand() * 40_000),
              })
            ).id,
          );
        } else if (op === 'apply' && vouchers.length) {
          const o = await makeOrder(t.database, {
            serviceId: testingService,
            enterpriseId: ids.ownEnterpriseId,
            status: 'accepted',
            priceFen: 1 + Math.floor(rand() * 30_000),
          });
          orders.push(o);
          await service.applyVoucher(db, firm, o, pick(vouchers));
        } else if (op === 'complete' && orders.length) {
          await setOrderStatus(t.database, pick(orders), 'completed');
        } else if (op === 'claim' && orders.length) {
          const c = await service.createClaim(db, providerCtx, {
            orderId: pick(orders),
            claimedFen: 1 + Math.floor(rand() * 12_000),
            invoiceFileId: invoice,
            evidenceFileIds: [evidence],
          });
          claims.push(c.id);
        } else if (op === 'verify' && claims.length) {
          await service.verifyClaim(db, townCtx, pick(claims), null);
        } else if (op === 'reject' && claims.length) {
          await service.rejectClaim(db, pick([townCtx, city]), pick(claims), { reason: 'other' });
        } else if (op === 'settle' && claims.length) {
          await service.settleClaim(db, city, pick(claims));
        } else if (op === 'cancel' && orders.length) {
          // Only an order before work starts can be cancelled (the order workflow's rule).
          const o = pick(orders);
          await db.transaction(async (tx) => {
            const moved = await tx.execute(
              sql`update service_orders set status = 'cancelled' where id = ${o} and status = 'accepted' returning id`,
            );
            if (rowsOf(moved).length) await vservice.releaseForOrder(tx, firm, o, 'test');
          });
        } else outcome = 'skipped';
      } catch (err) {
        outcome = (err as { code?: string }).code ?? 'unexpected';
        if (outcome === 'unexpected') throw err;
      }
      outcomes[`${op}:${outcome}`] = (outcomes[`${op}:${outcome}`] ?? 0) + 1;
      expect(await ledger(programmeId), `step ${step} ${op} → ${outcome}`).toMatchObject({
        balanced: true,
        withinBudget: true,
        storedBalancesMatchEntries: true,
      });
    }
    // Settled claims equal the settled ledger; open claims rest on live reservations.
    const [paid] = await rows<{ claims: number; ledger: number }>(
      t.database,
      sql`select (select coalesce(sum(claimed_fen), 0) from voucher_claims where programme_id = ${programmeId} and status = 'settled')::bigint claims,
        (select balance_fen from ledger_accounts where programme_id = ${programmeId} and key = 'settled')::bigint ledger`,
    );
    expect(Number(paid?.claims)).toBe(Number(paid?.ledger));
    expect(
      await countOf(
        t.database,
        'voucher_claims',
        sql`programme_id = ${programmeId} and status in ('submitted', 'verified') and reservation_id not in (select id from voucher_reservations where status = 'reserved')`,
      ),
    ).toBe(0);
  });
});

describe('the demo seed', () => {
  it('has a 2026 programme with applications and claims in every state, and a balanced ledger', async () => {
    const [p] = await rows<{ id: string }>(t.database, sql`select id from voucher_programmes where name = '2026年度中山市科技创新券'`);
    expect(p).toBeDefined();
    const id = (p as { id: string }).id;
    const appStates = await rows<{ status: string }>(
      t.database,
      sql`select distinct status from voucher_applications where programme_id = ${id}`,
    );
    expect(new Set(appStates.map((r) => r.status))).toEqual(new Set(['submitted', 'forwarded', 'returned', 'approved', 'declined']));
    const claimStates = await rows<{ status: string }>(
      t.database,
      sql`select distinct status from voucher_claims where programme_id = ${id}`,
    );
    expect(new Set(claimStates.map((r) => r.status))).toEqual(new Set(['submitted', 'verified', 'settled', 'rejected']));
    expect(await countOf(t.database, 'vouchers', sql`programme_id = ${id} and enterprise_id = ${ids.ownEnterpriseId}`)).toBeGreaterThan(0);
    expect(await ledger(id)).toMatchObject({ balanced: true, withinBudget: true, withinCaps: true, storedBalancesMatchEntries: true });
  });
});
