import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import { approveFigures, equalYear, openPeriod, twoTownsFigures } from '../../../test/target-fixtures.ts';

/** The town page, the overview as of a year and the Excel exports, on hand-checked figures of two towns. */

let t: TestApp;
let admin: string;

const GUZHEN = '442000105';
const XIAOLAN = '442000118';

const call: TestApp['call'] = (...args) => t.call(...args);

async function workbook(url: string, cookie?: string) {
  const res = await t.app.inject({ method: 'GET', url, headers: cookie ? { cookie } : {} });
  expect(res.statusCode).toBe(200);
  expect(res.headers['content-type']).toContain('spreadsheetml');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
  return wb;
}

/** A sheet's rows as arrays of cell values (0-based columns). */
const rowsOf = (wb: ExcelJS.Workbook, name: string) =>
  Array.from((wb.getWorksheet(name) as ExcelJS.Worksheet).getSheetValues(), (r) => (Array.isArray(r) ? r.slice(1) : []));

beforeAll(async () => {
  t = await createTestApp();
  admin = await twoTownsFigures(t);
});
afterAll(async () => {
  await t?.close();
});

describe('city overview as of a year', () => {
  it('judges progress as it stood then: in the base year 1.5 % is on the path', async () => {
    const then = await call('GET', '/api/v1/target-dashboard?year=2014');
    const rd = then.body.items.find((i: { indicator: { code: string } }) => i.indicator.code === 'rd_intensity');
    expect(rd.progress).toMatchObject({ status: 'on_track', current: { year: 2014, value: expect.closeTo(1.5, 9) } });
    // The series still runs to the latest year, for the trend line.
    expect(rd.series.map((p: { year: number }) => p.year)).toEqual([2014, 2020]);
    const now = await call('GET', '/api/v1/target-dashboard');
    expect(now.body.items.find((i: { indicator: { code: string } }) => i.indicator.code === 'rd_intensity').progress.status).toBe('behind');
  });

  it('the comparison names each town’s code and map centre', async () => {
    const r = await call('GET', '/api/v1/target-dashboard/towns?year=2020');
    const guzhen = r.body.towns.find((x: { townName: string }) => x.townName === '古镇镇');
    expect(guzhen).toMatchObject({ townCode: GUZHEN, townNameEn: expect.any(String), centre: [113.19, 22.613] });
  });
});

describe('town page', () => {
  it('gives the town’s indicators over the years, ranks among the towns and the composite index', async () => {
    const r = await call('GET', `/api/v1/target-dashboard/towns/${XIAOLAN}`);
    expect(r.status).toBe(200);
    expect(r.body.town).toMatchObject({ code: XIAOLAN, name: '小榄镇' });
    expect(r.body.year).toBe(2020);
    const rd = r.body.indicators.find((i: { indicator: { code: string } }) => i.indicator.code === 'rd_intensity');
    expect(rd.series.map((p: { value: number }) => p.value)).toEqual([expect.closeTo(1, 9), expect.closeTo(2.2, 9)]);
    expect(rd.ranks).toEqual([
      { year: 2014, rank: 2, of: 2 },
      { year: 2020, rank: 2, of: 2 },
    ]);
    expect(rd.cityValue).toBeCloseTo(2.5, 9);
    expect(rd.citySeries).toEqual([
      { year: 2014, value: expect.closeTo(1.5, 9) },
      { year: 2020, value: expect.closeTo(2.5, 9) },
    ]);
    // No town targets in the catalogue: the town's progress has none either.
    expect(rd.progress.status).toBe('no_target');
    // Index over R&D intensity only ([2.0, 2.8, 1.0, 2.2] → min 1.0, max 2.8).
    expect(r.body.index).toEqual([
      { year: 2014, index: 0, rank: 2 },
      { year: 2020, index: expect.closeTo((1.2 / 1.8) * 100, 9), rank: 2 },
    ]);
    // Visitors do not see the base statistics.
    expect(r.body.statistics).toBeNull();
  });

  it('shows the city and the town’s own admin the approved base statistics of the year, nobody else', async () => {
    const r = await call('GET', `/api/v1/target-dashboard/towns/${GUZHEN}?year=2020`, admin);
    const gdp = r.body.statistics.find((s: { code: string }) => s.code === 'gdp');
    expect(gdp).toMatchObject({ nameZh: '地区生产总值', unit: '万元', value: 2_000_000, previousYearValue: null });
    const earlier = await call('GET', `/api/v1/target-dashboard/towns/${GUZHEN}?year=2014`, admin);
    expect(earlier.body.statistics.find((s: { code: string }) => s.code === 'rd_expenditure').value).toBe(20_000);
    const guzhen = await t.login('guzhen');
    expect((await call('GET', `/api/v1/target-dashboard/towns/${GUZHEN}`, guzhen)).body.statistics).toHaveLength(
      earlier.body.statistics.length,
    );
    // Another town's admin and other signed-in roles see the indicators only.
    expect((await call('GET', `/api/v1/target-dashboard/towns/${XIAOLAN}`, guzhen)).body.statistics).toBeNull();
    expect((await call('GET', `/api/v1/target-dashboard/towns/${GUZHEN}`, await t.login('enterprise'))).body.statistics).toBeNull();
  });

  it('answers 404 for an unknown town and 400 for a code that is not one', async () => {
    expect((await call('GET', '/api/v1/target-dashboard/towns/442999999')).status).toBe(404);
    expect((await call('GET', '/api/v1/target-dashboard/towns/guzhen')).status).toBe(400);
  });
});

describe('Excel exports', () => {
  it('the overview: progress per indicator with Chinese status, and the yearly values', async () => {
    const wb = await workbook('/api/v1/target-dashboard/export.xlsx');
    expect(wb.worksheets.map((s) => s.name)).toEqual(['目标进展', '历年数值']);
    const rows = rowsOf(wb, '目标进展');
    const head = rows.find((r) => r[0] === '指标') as unknown[];
    const row = rows.find((r) => r[0] === '全社会研发经费占地区生产总值比重') as unknown[];
    expect(row[head.indexOf('当前值')]).toBeCloseTo(2.5, 9);
    expect(row[head.indexOf('目标值')]).toBe(2.8);
    expect(row[head.indexOf('状态')]).toBe('滞后');
    const series = rowsOf(wb, '历年数值');
    expect(series.find((r) => r[0] === '指标')).toEqual(['指标', '单位', '2014', '2020']);
    expect(series.find((r) => r[0] === '填报镇街数')).toEqual(['填报镇街数', '个', 2, 2]);
  });

  it('the town comparison: ranking by the chosen indicator, then every indicator', async () => {
    const wb = await workbook('/api/v1/target-dashboard/towns/export.xlsx?year=2020&indicator=rd_intensity');
    const ranking = rowsOf(wb, '镇街排名');
    const first = ranking.findIndex((r) => r[0] === '排名');
    expect(ranking[first + 1]?.slice(0, 2)).toEqual([1, '古镇镇']);
    expect(ranking[first + 1]?.[2]).toBeCloseTo(2.8, 9);
    expect(ranking[first + 2]?.slice(0, 2)).toEqual([2, '小榄镇']);
    // Towns without figures come last, without a rank.
    expect(ranking.at(-1)?.[0]).toBeUndefined();
    const all = rowsOf(wb, '全部指标');
    const names = all.slice(all.findIndex((r) => r[0] === '镇街') + 1).map((r) => r[0]);
    expect(names).toHaveLength(23);
    expect(names).toContain('石岐街道');
  });

  it('ranks by the composite index when no indicator is named', async () => {
    const wb = await workbook('/api/v1/target-dashboard/towns/export.xlsx?year=2020');
    const ranking = rowsOf(wb, '镇街排名');
    const first = ranking.findIndex((r) => r[0] === '排名');
    expect(ranking[first]).toEqual(['排名', '镇街', '综合创新指数', '综合创新指数']);
    expect(ranking[first + 1]?.slice(0, 3)).toEqual([1, '古镇镇', expect.closeTo(100, 9)]);
  });

  it('one town: indicators with rank, the index, and base statistics only for the city (and the town’s admin)', async () => {
    const visitor = await workbook(`/api/v1/target-dashboard/towns/${GUZHEN}/export.xlsx`);
    expect(visitor.worksheets.map((s) => s.name)).toEqual(['指标', '综合创新指数']);
    const index = rowsOf(visitor, '综合创新指数');
    expect(index.find((r) => r[0] === 2020)).toEqual([2020, expect.closeTo(100, 9), 1]);
    const signedIn = await workbook(`/api/v1/target-dashboard/towns/${GUZHEN}/export.xlsx?year=2020`, admin);
    const stats = rowsOf(signedIn, '基础数据');
    expect(stats.find((r) => r[0] === '地区生产总值')?.slice(0, 3)).toEqual(['地区生产总值', '万元', 2_000_000]);
  });

  it('the methodology: the live catalogue with formulas and targets, and the index treatment', async () => {
    const wb = await workbook('/api/v1/target-dashboard/methodology/export.xlsx');
    const rows = rowsOf(wb, '指标库');
    expect(rows.find((r) => r[0] === 'rd_intensity')).toEqual([
      'rd_intensity',
      '全社会研发经费占地区生产总值比重',
      'rd_expenditure / gdp',
      '%',
      '越高越好',
      2014,
      '2020: 2.8',
      0,
      '是',
    ]);
    const treatment = rowsOf(wb, '综合指数处理').find((r) => r[0] === '全社会研发经费占地区生产总值比重') as unknown[];
    // [2.0, 2.8, 1.0, 2.2] as in the comparison: no root, no outlier, range 1.0–2.8, used.
    expect(treatment.slice(2)).toEqual(['否', 0, expect.closeTo(1, 9), expect.closeTo(2.8, 9), '是']);
  });

  it('refuses a bad year or indicator code, and an unknown town', async () => {
    expect((await call('GET', '/api/v1/target-dashboard/towns/export.xlsx')).status).toBe(400);
    expect((await call('GET', '/api/v1/target-dashboard/towns/export.xlsx?year=2020&indicator=RD')).status).toBe(400);
    expect((await call('GET', '/api/v1/target-dashboard/towns/442999999/export.xlsx')).status).toBe(404);
  });
});

describe('the town page’s default year', () => {
  it('is the latest year the town itself has approved figures for', async () => {
    const xiaolan = await t.login('xiaolan');
    await approveFigures(t, xiaolan, admin, await openPeriod(t, admin, 2021), equalYear(2_000_000, 44_000));
    expect((await call('GET', `/api/v1/target-dashboard/towns/${XIAOLAN}`)).body.year).toBe(2021);
    // 古镇 has not reported 2021 yet: its page opens on 2020, ranked among the towns of that year.
    const guzhen = await call('GET', `/api/v1/target-dashboard/towns/${GUZHEN}`);
    expect(guzhen.body.year).toBe(2020);
    expect(guzhen.body.years).toEqual([2014, 2020, 2021]);
  });
});
