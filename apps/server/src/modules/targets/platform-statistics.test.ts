import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { one, rows } from '../../../test/fixtures.ts';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import { expandFigures, overlayPlatformFigures, type TownYearFigures } from './platform-statistics.ts';

describe('expandFigures', () => {
  const records = [
    { townId: 'a', year: 2019, value: 1 },
    { townId: 'a', year: 2021, value: 2 },
    { townId: 'b', year: 2020, value: 5 },
  ];

  it('counts a stock cumulatively from the first record year, 0 for a town without records', () => {
    const f = expandFigures('s', { kind: 'stock', scale: 1 }, records, ['a', 'b', 'c'], 2022);
    const of = (town: string) => f.filter((x) => x.townId === town).map((x) => [x.year, x.value]);
    expect(of('a')).toEqual([
      [2019, 1],
      [2020, 1],
      [2021, 3],
      [2022, 3],
    ]);
    expect(of('b')).toEqual([
      [2019, 0],
      [2020, 5],
      [2021, 5],
      [2022, 5],
    ]);
    expect(of('c').every(([, v]) => v === 0)).toBe(true);
  });

  it('gives a flow per year, scaled to the unit; no records, no figures', () => {
    const f = expandFigures('s', { kind: 'flow', scale: 0.5 }, records, ['a'], 2021);
    expect(f.map((x) => [x.year, x.value])).toEqual([
      [2019, 0.5],
      [2020, 0],
      [2021, 1],
    ]);
    expect(expandFigures('s', { kind: 'flow', scale: 1 }, [], ['a'], 2021)).toEqual([]);
  });

  it('replaces typed figures of the years the platform covers, keeps the earlier history', () => {
    const approved: TownYearFigures[] = [
      { townId: 'a', year: 2018, values: { s: 7 } },
      { townId: 'a', year: 2019, values: { s: 9, gdp: 100 } },
    ];
    const computed = [
      { townId: 'a', year: 2019, statisticCode: 's', value: 1 },
      { townId: 'b', year: 2019, statisticCode: 's', value: 2 },
    ];
    expect(overlayPlatformFigures(approved, computed).map((f) => ({ ...f, values: { ...f.values } }))).toEqual([
      { townId: 'a', year: 2018, values: { s: 7 } },
      { townId: 'a', year: 2019, values: { gdp: 100, s: 1 } },
      { townId: 'b', year: 2019, values: { s: 2 } },
    ]);
  });
});

describe('platform-computed statistics from the modules', () => {
  let t: TestApp;
  let guzhenId: string;
  let xiaolanId: string;
  let voucherTown: string;
  const call: TestApp['call'] = (...args) => t.call(...args);

  beforeAll(async () => {
    t = await createTestApp();
    const db = t.database;
    guzhenId = (await one<{ id: string }>(db, sql`select id from towns where name = '古镇镇'`)).id;
    xiaolanId = (await one<{ id: string }>(db, sql`select id from towns where name = '小榄镇'`)).id;
    // A clean slate of service platforms (this file's own database): no alliance, no registered platforms.
    await db.db.execute(sql`delete from alliance_memberships`);
    await db.db.execute(sql`update institutions set type = 'research_institute' where type = 'public_service_platform'`);
    const inst = async (name: string, type: string, townId: string, createdAt: string) =>
      (
        await one<{ id: string }>(
          db,
          sql`insert into institutions (name, type, level, town_id, created_at) values (${name}, ${type}, 'town', ${townId}, ${createdAt}::timestamptz) returning id`,
        )
      ).id;
    const member = (institutionId: string, status: string, decidedAt: string | null) =>
      db.db.execute(
        sql`insert into alliance_memberships (institution_id, status, statement, decided_at) values (${institutionId}, ${status}, '测试', ${decidedAt}::timestamptz)`,
      );
    // 古镇: a registered platform since 2019; a lab approved 2020-12-31 17:00 UTC = 2021-01-01 01:00 in Shanghai (counts from 2021);
    // a productivity centre that only applied (not a platform).
    await inst('测试灯饰公共服务平台', 'public_service_platform', guzhenId, '2019-05-01T00:00:00Z');
    await member(await inst('测试检测实验室', 'testing_lab', guzhenId, '2018-01-01T00:00:00Z'), 'approved', '2020-12-31T17:00:00Z');
    await member(await inst('测试生产力促进中心', 'productivity_centre', guzhenId, '2018-01-01T00:00:00Z'), 'applied', null);
    // 小榄: registered in 2019 and approved as a member in 2022 — still one platform, from 2019.
    await member(
      await inst('测试五金平台', 'public_service_platform', xiaolanId, '2019-08-01T00:00:00Z'),
      'approved',
      '2022-02-01T00:00:00Z',
    );

    // Settlements of vouchers of one town (the ledger is append-only: these are added, dated before the demo's).
    const v = await one<{ id: string; programme_id: string; town_id: string }>(
      db,
      sql`select id, programme_id, town_id from vouchers order by issued_at limit 1`,
    );
    voucherTown = v.town_id;
    const acc = async (key: string) =>
      (await one<{ id: string }>(db, sql`select id from ledger_accounts where programme_id = ${v.programme_id} and key = ${key}`)).id;
    const settled = await acc('settled');
    const wallet = await acc(`wallet:${v.id}`);
    const settle = (fen: number, at: string) =>
      db.db.execute(sql`insert into ledger_entries (programme_id, debit_account_id, credit_account_id, amount_fen, kind, voucher_id, created_at)
        values (${v.programme_id}, ${settled}, ${wallet}, ${fen}, 'settle', ${v.id}, ${at}::timestamptz)`);
    // 23:59:59 on 31 Dec 2023 in Shanghai, then 00:30 on 1 Jan 2024.
    await settle(500_000, '2023-12-31T15:59:59Z');
    await settle(1_230_000, '2023-12-31T16:30:00Z');
  });
  afterAll(async () => {
    await t?.close();
  });

  const figureOf = (body: { items: { statisticCode: string; townId: string; value: number }[] }, code: string, townId: string) =>
    body.items.find((i) => i.statisticCode === code && i.townId === townId)?.value;

  it('counts service platforms per town at each year end (hand-checked)', async () => {
    const expected: [number, number, number][] = [
      // year, 古镇, 小榄
      [2019, 1, 1],
      [2020, 1, 1],
      [2021, 2, 1],
      [2022, 2, 1],
    ];
    for (const [year, guzhen, xiaolan] of expected) {
      const r = await call('GET', `/api/v1/platform-statistics?year=${year}`);
      expect(r.status).toBe(200);
      expect(figureOf(r.body, 'service_platforms', guzhenId), `${year}`).toBe(guzhen);
      expect(figureOf(r.body, 'service_platforms', xiaolanId), `${year}`).toBe(xiaolan);
      const total = r.body.items
        .filter((i: { statisticCode: string }) => i.statisticCode === 'service_platforms')
        .reduce((s: number, i: { value: number }) => s + i.value, 0);
      expect(total).toBe(guzhen + xiaolan);
    }
    // Before the first record the platform knows nothing: no figure at all (not 0).
    const before = await call('GET', '/api/v1/platform-statistics?year=2018');
    expect(figureOf(before.body, 'service_platforms', guzhenId)).toBeUndefined();
    expect(before.body.pending.map((p: { statisticCode: string }) => p.statisticCode)).toContain('key_problems_solved');
  });

  it('sums settled voucher subsidies per town and Shanghai year in 万元 (hand-checked)', async () => {
    const at = async (year: number) => (await call('GET', `/api/v1/platform-statistics?year=${year}&townId=${voucherTown}`)).body;
    expect(figureOf(await at(2023), 'voucher_subsidies_settled', voucherTown)).toBeCloseTo(0.5, 9);
    expect(figureOf(await at(2024), 'voucher_subsidies_settled', voucherTown)).toBeCloseTo(1.23, 9);
    expect(figureOf(await at(2025), 'voucher_subsidies_settled', voucherTown)).toBe(0);
    const other = (await call('GET', `/api/v1/platform-statistics?year=2024`)).body.items.filter(
      (i: { statisticCode: string; townId: string }) => i.statisticCode === 'voucher_subsidies_settled' && i.townId !== voucherTown,
    );
    expect(other.length).toBe(22);
    expect(other.every((i: { value: number }) => i.value === 0)).toBe(true);
  });

  it('feeds the indicators: the town comparison and the city overview use the computed counts, not the typed ones', async () => {
    // The demo's approved 2021 figures typed some service platforms for every town; the platform's count wins.
    const cmp = await call('GET', '/api/v1/target-dashboard/towns?year=2021');
    expect(cmp.status).toBe(200);
    const townValue = (townId: string) =>
      cmp.body.towns
        .find((x: { townId: string }) => x.townId === townId)
        .values.find((v: { code: string }) => v.code === 'service_platforms').value;
    expect(townValue(guzhenId)).toBe(2);
    expect(townValue(xiaolanId)).toBe(1);
    const overview = await call('GET', '/api/v1/target-dashboard');
    const platforms = overview.body.items.find((i: { indicator: { code: string } }) => i.indicator.code === 'service_platforms');
    const point = (year: number) => platforms.series.find((p: { year: number }) => p.year === year)?.value;
    expect(point(2020)).toBe(2);
    expect(point(2022)).toBe(3);
    // Years before the platform's first record keep the towns' approved history (the demo's typed figures).
    const typed2018 = await one<{ n: number }>(
      t.database,
      sql`select sum(v.value)::float as n from submission_values v join statistic_submissions s on s.id = v.submission_id
          join reporting_periods p on p.id = s.period_id where s.status = 'approved' and p.year = 2018 and p.quarter is null
          and v.statistic_code = 'service_platforms'`,
    );
    expect(point(2018)).toBe(typed2018.n);
  });

  it('the catalogue marks them computed, and a town cannot type them', async () => {
    const stats = (await call('GET', '/api/v1/statistics', await t.login('guzhen'))).body.items;
    const source = (code: string) => stats.find((s: { code: string }) => s.code === code)?.source;
    expect(source('service_platforms')).toBe('platform');
    expect(source('voucher_subsidies_settled')).toBe('platform');
    expect(source('parks_incubators')).toBe('submitted');
    const [open] = await rows<{ id: string }>(t.database, sql`select id from reporting_periods where status = 'open' limit 1`);
    const guzhen = await t.login('guzhen');
    const r = await call('PUT', '/api/v1/statistic-submissions', guzhen, {
      periodId: open?.id,
      values: { service_platforms: { value: 12 } },
    });
    expect(r.status).toBe(422);
    expect(r.body.error.details.fields).toEqual([
      expect.objectContaining({ path: 'values.service_platforms', code: 'computed_statistic' }),
    ]);
  });
});
