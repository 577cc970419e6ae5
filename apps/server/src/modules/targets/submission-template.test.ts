import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { one, rows } from '../../../test/fixtures.ts';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import { approveFigures, clearTownStatistics, openPeriod } from '../../../test/target-fixtures.ts';
import { multipartBody } from '../files/files.fixtures.ts';
import { DATA_SHEET } from './submission-template.ts';

let t: TestApp;
let admin: string;
let guzhen: string;
let xiaolan: string;
let guzhenTownId: string;
let xiaolanTownId: string;
let period2030: string;
let period2031: string;
let period2032: string;

/** Last year's approved figures of 古镇镇 (2030), in the catalogue's units. */
const year2030: Record<string, number> = {
  gdp: 1_000_000,
  industrial_output: 1_600_000,
  hitech_output: 600_000,
  rd_expenditure: 25_000,
  population: 150_000,
  enterprises_above_scale: 420,
  high_tech_enterprises: 160,
  tech_smes: 300,
  invention_applications: 150,
  invention_patents_valid: 120,
  parks_incubators: 1,
};

const call: TestApp['call'] = (...args) => t.call(...args);

async function download(cookie: string, query: string) {
  const res = await t.app.inject({ method: 'GET', url: `/api/v1/statistic-submissions/template?${query}`, headers: { cookie } });
  return res;
}

/** The template's rows by code: [row number, previous, value, explanation]. */
async function sheetOf(buffer: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buffer as unknown as ArrayBuffer);
  return { wb, sheet: wb.getWorksheet(DATA_SHEET) as ExcelJS.Worksheet };
}

/** Fills the downloaded template: code → [value, explanation?]; codes not in the template are appended as new rows. */
async function filled(template: Buffer, entries: Record<string, [unknown, string?]>): Promise<Buffer> {
  const { wb, sheet } = await sheetOf(template);
  const left = new Map(Object.entries(entries));
  sheet.eachRow((row, n) => {
    if (n === 1) return;
    const e = left.get(String(row.getCell(1).value));
    if (!e) return;
    row.getCell(5).value = e[0] as ExcelJS.CellValue;
    row.getCell(6).value = e[1] ?? null;
    left.delete(String(row.getCell(1).value));
  });
  for (const [code, e] of left) sheet.addRow([code, '', '', null, e[0] as ExcelJS.CellValue, e[1] ?? null]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function upload(cookie: string, fields: Record<string, string>, content: Buffer, filename = 'statistics.xlsx') {
  const { payload, headers } = multipartBody(fields, [{ filename, content }]);
  const res = await t.app.inject({ method: 'POST', url: '/api/v1/statistic-submissions/import', payload, headers: { ...headers, cookie } });
  return { status: res.statusCode, body: res.json() };
}

const grown = (): Record<string, [unknown, string?]> =>
  Object.fromEntries(Object.entries(year2030).map(([code, v]) => [code, [Math.round(v * 1.05)]]));

const submissionCount = async () => (await one<{ n: number }>(t.database, sql`select count(*)::int as n from statistic_submissions`)).n;

beforeAll(async () => {
  t = await createTestApp();
  await clearTownStatistics(t);
  admin = await t.login('admin');
  guzhen = await t.login('guzhen');
  xiaolan = await t.login('xiaolan');
  guzhenTownId = (await one<{ id: string }>(t.database, sql`select town_id as id from users where username = 'guzhen'`)).id;
  xiaolanTownId = (await one<{ id: string }>(t.database, sql`select town_id as id from users where username = 'xiaolan'`)).id;
  const open = (year: number) => openPeriod(t, admin, year);
  period2030 = await open(2030);
  const values = Object.fromEntries(Object.entries(year2030).map(([k, value]) => [k, { value }]));
  await approveFigures(t, guzhen, admin, period2030, values);
  period2031 = await open(2031);
  period2032 = await open(2032);
});
afterAll(async () => {
  await t?.close();
});

describe('statistics template download', () => {
  it('has one row per reported statistic with its unit and last year’s approved value', async () => {
    const res = await download(guzhen, `periodId=${period2031}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const { sheet } = await sheetOf(res.rawPayload);
    expect(sheet.getRow(1).getCell(1).value).toBe('代码 code');
    const byCode = new Map<string, unknown[]>();
    sheet.eachRow((row, n) => {
      if (n > 1) byCode.set(String(row.getCell(1).value), [row.getCell(3).value, row.getCell(4).value, row.getCell(5).value]);
    });
    expect(byCode.get('gdp')).toEqual(['万元', 1_000_000, null]);
    expect(byCode.get('population')).toEqual(['人', 150_000, null]);
    // key_problems_solved is reported but optional, and has no value last year
    expect(byCode.get('key_problems_solved')).toEqual(['项', null, null]);
  });

  it('is for the caller’s own town; the city names the town; another town’s admin is refused', async () => {
    expect((await download(admin, `periodId=${period2031}`)).statusCode).toBe(400);
    expect((await download(admin, `periodId=${period2031}&townId=${guzhenTownId}`)).statusCode).toBe(200);
    expect((await download(xiaolan, `periodId=${period2031}&townId=${guzhenTownId}`)).statusCode).toBe(404);
    expect((await download(guzhen, `periodId=00000000-0000-4000-8000-000000000000`)).statusCode).toBe(404);
  });
});

describe('statistics template upload', () => {
  it('saves a good file as the draft, with the explanation of an outlier, and the template then carries the draft', async () => {
    const template = (await download(guzhen, `periodId=${period2031}`)).rawPayload;
    const entries = grown();
    entries.gdp = ['1,500,000', '新引进龙头企业投产'];
    const r = await upload(guzhen, { periodId: period2031 }, await filled(template, entries));
    expect(r.status).toBe(200);
    expect(r.body.status).toBe('draft');
    const gdp = r.body.values.find((v: { statisticCode: string }) => v.statisticCode === 'gdp');
    expect(gdp).toMatchObject({ value: 1_500_000, explanation: '新引进龙头企业投产', previousYearValue: 1_000_000 });
    expect(r.body.values).toHaveLength(Object.keys(year2030).length);
    const again = await sheetOf((await download(guzhen, `periodId=${period2031}`)).rawPayload);
    const gdpRow = again.sheet.getRows(2, 20)?.find((row) => row.getCell(1).value === 'gdp');
    expect([gdpRow?.getCell(5).value, gdpRow?.getCell(6).value]).toEqual([1_500_000, '新引进龙头企业投产']);
  });

  it('refuses a file with bad rows as a whole: nothing saved, every problem reported on its row in zh and en', async () => {
    const before = await rows(t.database, sql`select statistic_code, value, explanation from submission_values order by statistic_code`);
    const count = await submissionCount();
    const template = (await download(guzhen, `periodId=${period2031}`)).rawPayload;
    const entries = grown();
    entries.gdp = ['abc'];
    entries.population = [150]; // typed in 万人 instead of 人: out of range
    entries.invention_applications = [400]; // +167 %, beyond 50 %, no explanation
    entries.not_a_statistic = [5];
    const r = await upload(guzhen, { periodId: period2031 }, await filled(template, entries));
    expect(r.status).toBe(422);
    expect(r.body.error.code).toBe('TARGET_IMPORT_REJECTED');
    const issues = r.body.error.details.report.issues as {
      row: number;
      statisticCode: string;
      column: string;
      messageZh: string;
      messageEn: string;
    }[];
    const rowOf = async (code: string) => {
      const { sheet } = await sheetOf(template);
      let found = 0;
      sheet.eachRow((row, n) => {
        if (row.getCell(1).value === code) found = n;
      });
      return found;
    };
    expect(issues.map((i) => [i.row, i.statisticCode, i.column])).toEqual(
      [
        [await rowOf('gdp'), 'gdp', 'value'],
        [await rowOf('population'), 'population', 'value'],
        [await rowOf('invention_applications'), 'invention_applications', 'explanation'],
        [(await sheetOf(template)).sheet.rowCount + 1, 'not_a_statistic', 'code'], // appended below the template's rows
      ].sort((a, b) => (a[0] as number) - (b[0] as number)),
    );
    const population = issues.find((i) => i.statisticCode === 'population');
    expect(population?.messageZh).toContain('请检查单位');
    expect(population?.messageEn).toContain('check the unit');
    expect(issues.find((i) => i.statisticCode === 'gdp')?.messageZh).toContain('须为数字');
    expect(await rows(t.database, sql`select statistic_code, value, explanation from submission_values order by statistic_code`)).toEqual(
      before,
    );
    expect(await submissionCount()).toBe(count);
  });

  it('refuses what is not the template, a closed period, another town, and the city (which does not report)', async () => {
    const count = await submissionCount();
    const notXlsx = await upload(guzhen, { periodId: period2032 }, Buffer.from('gdp,100\n'), 'statistics.xlsx');
    expect(notXlsx.status).toBe(422);
    expect(notXlsx.body.error.details.report.issues[0].messageEn).toContain('.xlsx');
    const foreign = new ExcelJS.Workbook();
    foreign.addWorksheet('Sheet1').addRow(['name', 'value']);
    const wrongSheet = await upload(guzhen, { periodId: period2032 }, Buffer.from(await foreign.xlsx.writeBuffer()));
    expect(wrongSheet.status).toBe(422);
    expect(wrongSheet.body.error.details.report.issues[0].row).toBe(1);

    const template = (await download(guzhen, `periodId=${period2032}`)).rawPayload;
    const good = await filled(template, grown());
    expect((await upload(guzhen, { periodId: period2032, townId: xiaolanTownId }, good)).status).toBe(404);
    expect((await upload(admin, { periodId: period2032, townId: guzhenTownId }, good)).status).toBe(403);
    expect((await call('POST', `/api/v1/reporting-periods/${period2032}/close`, admin)).status).toBe(200);
    const closed = await upload(guzhen, { periodId: period2032 }, good);
    expect(closed.status).toBe(409);
    expect(closed.body.error.code).toBe('TARGET_PERIOD_CLOSED');
    expect(await submissionCount()).toBe(count);
  });
});
