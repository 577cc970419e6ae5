import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import { twoTownsFigures } from '../../../test/target-fixtures.ts';

/** The review queue and a period's progress as workbooks, on two towns' hand-checked figures. */

let t: TestApp;
let admin: string;

async function sheet(url: string, cookie: string) {
  const res = await t.app.inject({ method: 'GET', url, headers: { cookie } });
  expect(res.statusCode).toBe(200);
  expect(res.headers['content-type']).toContain('spreadsheetml');
  expect(res.headers['content-disposition']).toMatch(/^attachment; filename="[\x20-\x7e]+"; filename\*=UTF-8''/);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
  const ws = wb.worksheets[0] as ExcelJS.Worksheet;
  return Array.from(ws.getSheetValues(), (r) => (Array.isArray(r) ? r.slice(1) : [])).filter((r) => r.length > 0);
}

beforeAll(async () => {
  t = await createTestApp();
  admin = await twoTownsFigures(t);
});
afterAll(async () => {
  await t?.close();
});

describe('submissions export', () => {
  it('lists every version in scope with its status and one column per statistic', async () => {
    const rows = await sheet('/api/v1/statistic-submissions/export.xlsx', admin);
    const header = rows.find((r) => r[0] === '期次') as unknown[];
    const gdp = header.indexOf('地区生产总值（万元）');
    const rd = header.indexOf('全社会研发经费支出（万元）');
    expect([gdp, rd].every((i) => i > 8)).toBe(true);
    const data = rows.filter((r) => typeof r[0] === 'string' && /^\d{4} 年/.test(r[0] as string));
    expect(data).toHaveLength(4);
    const guzhen2020 = data.find((r) => r[0] === '2020 年' && String(r[1]).includes('古镇')) as unknown[];
    expect([guzhen2020[3], guzhen2020[gdp], guzhen2020[rd]]).toEqual(['已通过', 2_000_000, 56_000]);
  });

  it('gives a town admin only their town’s versions', async () => {
    const rows = await sheet('/api/v1/statistic-submissions/export.xlsx', await t.login('xiaolan'));
    const towns = rows.filter((r) => typeof r[0] === 'string' && /^\d{4} 年/.test(r[0] as string)).map((r) => r[1]);
    expect(towns).toHaveLength(2);
    expect(towns.every((name) => String(name).includes('小榄'))).toBe(true);
  });
});

describe('period progress export', () => {
  it('has a row per town, the approved ones marked, the rest not started', async () => {
    const periods = await t.call('GET', '/api/v1/reporting-periods', admin);
    const p2020 = (periods.body.items as { id: string; year: number }[]).find((p) => p.year === 2020) as { id: string };
    const rows = await sheet(`/api/v1/reporting-periods/${p2020.id}/progress.xlsx`, admin);
    const body = rows.slice(rows.findIndex((r) => r[0] === '镇街') + 1);
    expect(body).toHaveLength(23);
    expect(
      body
        .filter((r) => r[1] === '已通过')
        .map((r) => String(r[0]))
        .sort(),
    ).toEqual(['古镇镇', '小榄镇']);
    expect(body.filter((r) => r[1] === '未开始')).toHaveLength(21);
  });
});
