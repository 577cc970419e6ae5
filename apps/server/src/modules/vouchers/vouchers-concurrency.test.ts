import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { countOf, demoIds } from '../../../test/fixtures.ts';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import { cityContext, forwardedApplication, makeProgramme } from '../../../test/voucher-fixtures.ts';
import { makeOrder, makeService } from '../../../test/voucher-order-fixtures.ts';
import * as repo from './vouchers.repository.ts';
import * as service from './vouchers.service.ts';

/**
 * Races against the last yuan of a budget. They need real concurrent transactions: on PGlite (one
 * connection, every transaction serialised) they would prove nothing, so they run only when the
 * harness gives a PostgreSQL database (DATABASE_URL).
 */
const onPostgres = Boolean(process.env.DATABASE_URL);
const t: TestApp = await createTestApp();
const ids = await demoIds(t.database);
const admin = await t.login('admin');
const enterprise = await t.login('enterprise');
afterAll(async () => {
  await t?.close();
});

const approve = async (id: string, amountFen: number, key?: string) => {
  const res = await t.app.inject({
    method: 'POST',
    url: `/api/v1/voucher-applications/${id}/approve`,
    headers: { cookie: admin, ...(key ? { 'idempotency-key': key } : {}) },
    payload: { amountFen },
  });
  return { status: res.statusCode, body: res.json() };
};

describe.skipIf(!onPostgres)('concurrency on PostgreSQL (skipped on PGlite: its single connection serialises every transaction)', () => {
  it('100 concurrent approvals against the last yuan: exactly one succeeds, 99 × 409, zero overspend', async () => {
    const programmeId = await makeProgramme(t, admin, { totalBudgetFen: 1_000_000, capPerEnterpriseFen: 1_000_000 });
    // Spend all but the last yuan (100 fen).
    await service.issueVoucher(t.database.db, cityContext(), {
      programmeId,
      enterpriseId: ids.sameTownEnterpriseId,
      applicationId: null,
      amountFen: 999_900,
    });
    const apps = [];
    for (let i = 0; i < 100; i++) apps.push(await forwardedApplication(t.database, programmeId, ids.ownEnterpriseId, 100));
    const results = await Promise.all(apps.map((id) => approve(id, 100)));
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(99);
    expect(new Set(results.filter((r) => r.status === 409).map((r) => r.body.error.code))).toEqual(new Set(['VOUCHER_BUDGET_EXHAUSTED']));
    const check = await repo.ledgerCheck(t.database.db, programmeId);
    expect(check).toMatchObject({ balanced: true, withinBudget: true, withinCaps: true, storedBalancesMatchEntries: true });
    expect(check.balances.availableFen).toBe(0);
    expect(check.balances.issuedFen).toBe(1_000_000);
    expect(await countOf(t.database, 'voucher_applications', sql`programme_id = ${programmeId} and status = 'approved'`)).toBe(1);
  });

  it('200 concurrent approvals against room for 100 and a cap: exactly 100 succeed, the rest are clear 4xx, no 5xx', async () => {
    const programmeId = await makeProgramme(t, admin, { totalBudgetFen: 10_000, capPerEnterpriseFen: 6_000 });
    const apps = [];
    for (let i = 0; i < 200; i++) {
      apps.push(await forwardedApplication(t.database, programmeId, i % 2 ? ids.ownEnterpriseId : ids.sameTownEnterpriseId, 100));
    }
    const results = await Promise.all(apps.map((id) => approve(id, 100)));
    expect(results.filter((r) => r.status === 200)).toHaveLength(100);
    expect(results.filter((r) => r.status >= 500)).toHaveLength(0);
    for (const r of results.filter((x) => x.status !== 200))
      expect(['VOUCHER_BUDGET_EXHAUSTED', 'VOUCHER_CAP_EXCEEDED']).toContain(r.body.error.code);
    expect(await repo.ledgerCheck(t.database.db, programmeId)).toMatchObject({ balanced: true, withinBudget: true, withinCaps: true });
  });

  it('retry storm: one Idempotency-Key sent 40 times (20 at once) → one transfer, 40 identical responses', async () => {
    const programmeId = await makeProgramme(t, admin);
    const app = await forwardedApplication(t.database, programmeId, ids.ownEnterpriseId, 500);
    const key = randomUUID();
    const first = await Promise.all(Array.from({ length: 20 }, () => approve(app, 500, key)));
    const second = await Promise.all(Array.from({ length: 20 }, () => approve(app, 500, key)));
    const all = [...first, ...second];
    for (const r of all) expect(r).toEqual(all[0]);
    expect(all[0]?.status).toBe(200);
    expect(await countOf(t.database, 'ledger_entries', sql`programme_id = ${programmeId} and kind = 'issue'`)).toBe(1);
  });

  it('100 concurrent orders applying one voucher never reserve more than it holds', async () => {
    const programmeId = await makeProgramme(t, admin);
    const v = await service.issueVoucher(t.database.db, cityContext(), {
      programmeId,
      enterpriseId: ids.ownEnterpriseId,
      applicationId: null,
      amountFen: 5_000,
    });
    const serviceId = await makeService(t.database, ids.providerInstitutionId);
    const orders = [];
    for (let i = 0; i < 100; i++)
      orders.push(await makeOrder(t.database, { serviceId, enterpriseId: ids.ownEnterpriseId, status: 'accepted', priceFen: 200 }));
    const results = await Promise.all(
      orders.map((id) =>
        t.app.inject({
          method: 'POST',
          url: `/api/v1/service-orders/${id}/voucher`,
          headers: { cookie: enterprise },
          payload: { voucherId: v.id },
        }),
      ),
    );
    const ok = results.filter((r) => r.statusCode === 200);
    const reserved = ok.reduce((s, r) => s + (r.json().subsidy.amountFen as number), 0);
    expect(reserved).toBe(5_000);
    expect(results.filter((r) => r.statusCode >= 500)).toHaveLength(0);
    for (const r of results.filter((x) => x.statusCode !== 200)) expect(r.json().error.code).toBe('VOUCHER_NOTHING_LEFT');
    expect(await repo.ledgerCheck(t.database.db, programmeId)).toMatchObject({
      balanced: true,
      withinBudget: true,
      storedBalancesMatchEntries: true,
    });
  });
});

describe.skipIf(!onPostgres)('one order, many vouchers at once (PostgreSQL)', () => {
  it('20 concurrent applications to one order: exactly one reservation, 19 × 409 VOUCHER_ORDER_ALREADY_SUBSIDISED', async () => {
    const programmeId = await makeProgramme(t, admin);
    const vouchers = [];
    for (let i = 0; i < 20; i++) {
      vouchers.push(
        (
          await service.issueVoucher(t.database.db, cityContext(), {
            programmeId,
            enterpriseId: ids.ownEnterpriseId,
            applicationId: null,
            amountFen: 1_000,
          })
        ).id,
      );
    }
    const serviceId = await makeService(t.database, ids.providerInstitutionId);
    const orderId = await makeOrder(t.database, { serviceId, enterpriseId: ids.ownEnterpriseId, status: 'quoted', priceFen: 1_000 });
    const results = await Promise.all(
      vouchers.map((voucherId) =>
        t.app.inject({
          method: 'POST',
          url: `/api/v1/service-orders/${orderId}/voucher`,
          headers: { cookie: enterprise },
          payload: { voucherId },
        }),
      ),
    );
    expect(results.filter((r) => r.statusCode === 200)).toHaveLength(1);
    for (const r of results.filter((x) => x.statusCode !== 200)) {
      expect([r.statusCode, r.json().error.code]).toEqual([409, 'VOUCHER_ORDER_ALREADY_SUBSIDISED']);
    }
    expect(await countOf(t.database, 'voucher_reservations', sql`order_ref = ${orderId}`)).toBe(1);
    expect(await repo.ledgerCheck(t.database.db, programmeId)).toMatchObject({ balanced: true, storedBalancesMatchEntries: true });
  });
});

describe('on PGlite', () => {
  it.runIf(!onPostgres)('the races run on PostgreSQL only (set DATABASE_URL); here one serialised round checks the same rule', async () => {
    const programmeId = await makeProgramme(t, admin, { totalBudgetFen: 1_000, capPerEnterpriseFen: 1_000 });
    const apps = [];
    for (let i = 0; i < 20; i++) {
      apps.push(await forwardedApplication(t.database, programmeId, i % 2 ? ids.ownEnterpriseId : ids.sameTownEnterpriseId, 100));
    }
    const results = await Promise.all(apps.map((id) => approve(id, 100)));
    expect(results.filter((r) => r.status === 200)).toHaveLength(10);
    expect(results.filter((r) => r.status === 409)).toHaveLength(10);
    expect(await repo.ledgerCheck(t.database.db, programmeId)).toMatchObject({ balanced: true, withinBudget: true });
  });
});
