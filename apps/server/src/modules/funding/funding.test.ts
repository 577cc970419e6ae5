import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { one } from '../../../test/fixtures.ts';
import { createTestApp, type TestApp } from '../../../test/harness.ts';

let t: TestApp;
let admin: string;
let guzhen: string;
let guzhenId: string;
let xiaolanId: string;
let platformId: string;
const call: TestApp['call'] = (...args) => t.call(...args);

const record = (cookie: string, body: Record<string, unknown>) =>
  call('POST', '/api/v1/funding/records', cookie, {
    year: 2026,
    programme: 'service_platforms',
    recordDate: '2026-03-01',
    ...body,
  });
type Line = {
  year: number;
  programme: string;
  townId: string | null;
  allocatedFen: number | null;
  committedFen: number;
  disbursedFen: number;
};
const lineOf = async (cookie: string, programme: string, townId: string | null, year = 2026) => {
  const s = await call('GET', `/api/v1/funding/summary?year=${year}`, cookie);
  return (s.body.lines as Line[]).find((l) => l.programme === programme && l.townId === townId);
};

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.login('admin');
  guzhen = await t.login('guzhen');
  guzhenId = (await one<{ id: string }>(t.database, sql`select id from towns where name = '古镇镇'`)).id;
  xiaolanId = (await one<{ id: string }>(t.database, sql`select id from towns where name = '小榄镇'`)).id;
  platformId = (await one<{ id: string }>(t.database, sql`select id from institutions where town_id = ${guzhenId} order by name limit 1`))
    .id;
  // This file's own database: the demo's funding records go, so the hand-checked lines start empty.
  await t.database.db.execute(sql`delete from funding_balances`);
  await t.database.db.execute(sql`alter table funding_records disable trigger funding_records_no_update_delete`);
  await t.database.db.execute(sql`delete from funding_records`);
  await t.database.db.execute(sql`alter table funding_records enable trigger funding_records_no_update_delete`);
});
afterAll(async () => {
  await t?.close();
});

describe('the order of a fund line: disbursed ≤ committed ≤ allocated', () => {
  it('allocates, commits (linked to the platform that spends it) and disburses; totals hand-checked', async () => {
    expect((await record(admin, { townId: guzhenId, kind: 'allocation', amountFen: 1_000_000_00 })).status).toBe(201);
    const committed = await record(admin, {
      townId: guzhenId,
      kind: 'commitment',
      amountFen: 600_000_00,
      note: '灯饰公共服务平台检测设备',
      link: { type: 'institution', id: platformId },
    });
    expect(committed.status).toBe(201);
    expect(committed.body).toMatchObject({
      kind: 'commitment',
      amountFen: 600_000_00,
      townName: '古镇镇',
      link: { type: 'institution', id: platformId },
    });
    expect(committed.body.link.name).toEqual(expect.any(String));
    expect((await record(admin, { townId: guzhenId, kind: 'disbursement', amountFen: 400_000_00 })).status).toBe(201);
    expect(await lineOf(admin, 'service_platforms', guzhenId)).toMatchObject({
      allocatedFen: 1_000_000_00,
      committedFen: 600_000_00,
      disbursedFen: 400_000_00,
    });
  });

  it('refuses a disbursement beyond the commitments and a commitment beyond the allocation; the line stays', async () => {
    const over = await record(admin, { townId: guzhenId, kind: 'disbursement', amountFen: 200_000_01 });
    expect(over.status).toBe(409);
    expect(over.body.error).toMatchObject({
      code: 'FUNDING_ABOVE_COMMITTED',
      details: { committedFen: 600_000_00, disbursedFen: 400_000_00 },
    });
    const tooMuch = await record(admin, { townId: guzhenId, kind: 'commitment', amountFen: 400_000_01 });
    expect(tooMuch.status).toBe(409);
    expect(tooMuch.body.error.code).toBe('FUNDING_ABOVE_ALLOCATED');
    // A line without an allocation cannot commit at all.
    expect((await record(admin, { townId: xiaolanId, kind: 'commitment', amountFen: 1 })).status).toBe(409);
    expect(await lineOf(admin, 'service_platforms', guzhenId)).toMatchObject({
      allocatedFen: 1_000_000_00,
      committedFen: 600_000_00,
      disbursedFen: 400_000_00,
    });
    const n = await one<{ n: number }>(t.database, sql`select count(*)::int as n from funding_records`);
    expect(n.n).toBe(3);
  });

  it('exactly fills the allocation under concurrent commitments, never beyond', async () => {
    expect((await record(admin, { programme: 'talent', townId: null, kind: 'allocation', amountFen: 100_000 })).status).toBe(201);
    const results = await Promise.all(
      Array.from({ length: 10 }, () => record(admin, { programme: 'talent', townId: null, kind: 'commitment', amountFen: 20_000 })),
    );
    expect(results.filter((r) => r.status === 201)).toHaveLength(5);
    expect(results.filter((r) => r.status === 409)).toHaveLength(5);
    expect(await lineOf(admin, 'talent', null)).toMatchObject({ allocatedFen: 100_000, committedFen: 100_000, disbursedFen: 0 });
  });

  it('refuses zero, negative, fractional and non-numeric amounts, and typed voucher funding', async () => {
    for (const amountFen of [0, -500, 12.5, '100']) {
      const r = await record(admin, { townId: guzhenId, kind: 'allocation', amountFen });
      expect(r.status, String(amountFen)).toBe(400);
      expect(r.body.error.details.fields[0].path).toBe('amountFen');
    }
    const vouchers = await record(admin, { programme: 'vouchers', townId: guzhenId, kind: 'allocation', amountFen: 100 });
    expect(vouchers.status).toBe(400);
    expect(vouchers.body.error.details.fields[0]).toMatchObject({ path: 'programme', code: 'funding_vouchers_computed' });
    const badLink = await record(admin, {
      townId: guzhenId,
      kind: 'allocation',
      amountFen: 100,
      link: { type: 'institution', id: xiaolanId },
    });
    expect(badLink.status).toBe(422);
  });

  it('a retry with the same Idempotency-Key records once', async () => {
    const send = () =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/funding/records',
        headers: { cookie: admin, 'idempotency-key': 'funding-retry-1' },
        payload: { year: 2027, programme: 'key_projects', townId: null, kind: 'allocation', amountFen: 5_000, recordDate: '2027-01-05' },
      });
    const first = await send();
    const again = await send();
    expect(first.statusCode).toBe(201);
    expect(again.statusCode).toBe(201);
    expect(again.json().id).toBe(first.json().id);
    expect(await lineOf(admin, 'key_projects', null, 2027)).toMatchObject({ allocatedFen: 5_000 });
  });

  it('records are append-only', async () => {
    await expect(t.database.db.execute(sql`update funding_records set amount_fen = 1`)).rejects.toThrow();
    await expect(t.database.db.execute(sql`delete from funding_records`)).rejects.toThrow();
  });
});

describe('town admins', () => {
  it('record and see their own town only; another town or the city is not found', async () => {
    const own = await record(guzhen, {
      programme: 'parks_incubators',
      townId: guzhenId,
      kind: 'allocation',
      amountFen: 50_000_00,
      note: '镇配套资金',
    });
    expect(own.status).toBe(201);
    expect((await record(guzhen, { programme: 'parks_incubators', townId: xiaolanId, kind: 'allocation', amountFen: 1 })).status).toBe(404);
    expect((await record(guzhen, { programme: 'parks_incubators', townId: null, kind: 'allocation', amountFen: 1 })).status).toBe(404);
    const cityRecord = (await call('GET', '/api/v1/funding/records?townId=city', admin)).body.items[0];
    expect((await call('GET', `/api/v1/funding/records/${cityRecord.id}`, guzhen)).status).toBe(404);
    expect((await call('GET', `/api/v1/funding/records/${own.body.id}`, guzhen)).status).toBe(200);
    expect((await call('GET', `/api/v1/funding/summary?townId=${xiaolanId}`, guzhen)).status).toBe(404);
    const s = await call('GET', '/api/v1/funding/summary', guzhen);
    expect(s.body.scope).toBe('town');
    expect(s.body.lines.every((l: Line) => l.townId === guzhenId)).toBe(true);
    const list = await call('GET', '/api/v1/funding/records', guzhen);
    expect(list.body.items.every((r: { townId: string }) => r.townId === guzhenId)).toBe(true);
    expect(list.body.total).toBe(4);
  });
});

describe('voucher funding from the ledger', () => {
  it('agrees with the vouchers module: budget allocated at city level, held + settled committed, settled disbursed', async () => {
    const programmes = (await call('GET', '/api/v1/voucher-programmes', admin)).body.items as {
      id: string;
      year: number;
      totalBudgetFen: number;
    }[];
    expect(programmes.length).toBeGreaterThan(0);
    const year = programmes[0]?.year as number;
    let budget = 0;
    let held = 0;
    let settled = 0;
    for (const p of programmes.filter((x) => x.year === year)) {
      const b = (await call('GET', `/api/v1/voucher-programmes/${p.id}`, admin)).body.balances;
      budget += p.totalBudgetFen;
      held += b.walletFen + b.reservedFen + b.settledFen;
      settled += b.settledFen;
    }
    const s = await call('GET', `/api/v1/funding/summary?year=${year}`, admin);
    const lines = (s.body.lines as (Line & { computed: boolean })[]).filter((l) => l.programme === 'vouchers');
    expect(lines.every((l) => l.computed)).toBe(true);
    expect(lines.find((l) => l.townId === null)?.allocatedFen).toBe(budget);
    expect(lines.filter((l) => l.townId !== null).every((l) => l.allocatedFen === null)).toBe(true);
    expect(lines.reduce((n, l) => n + l.committedFen, 0)).toBe(held);
    expect(lines.reduce((n, l) => n + l.disbursedFen, 0)).toBe(settled);
    expect(settled).toBeGreaterThan(0);
    const total = s.body.byProgramme.find((p: { programme: string }) => p.programme === 'vouchers');
    expect(total).toMatchObject({ allocatedFen: budget, committedFen: held, disbursedFen: settled });
  });
});

describe('Excel export', () => {
  it('has the lines, per programme and the records, money in yuan', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/funding/export.xlsx?year=2026', headers: { cookie: admin } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['资金明细', '按项目', '资金记录']);
    const lines = wb.getWorksheet('资金明细');
    const row = lines?.getSheetValues().find((r) => Array.isArray(r) && r[2] === '科技服务平台' && r[3] === '古镇镇') as unknown[];
    expect(row.slice(4, 7)).toEqual([1_000_000, 600_000, 400_000]);
  });
});
