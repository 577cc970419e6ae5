import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countOf, demoIds, rows } from '../../../test/fixtures.ts';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import { docx, multipartBody, png } from '../files/files.fixtures.ts';
import { parseOpeningHours } from './resources-io.service.ts';

let t: TestApp;
let c: Record<'admin' | 'guzhen' | 'provider' | 'enterprise', string>;
let ids: Awaited<ReturnType<typeof demoIds>>;

beforeAll(async () => {
  t = await createTestApp();
  ids = await demoIds(t.database);
  c = {
    admin: await t.login('admin'),
    guzhen: await t.login('guzhen'),
    provider: await t.login('provider'),
    enterprise: await t.login('enterprise'),
  };
});
afterAll(async () => {
  await t?.close();
});

const INSTRUMENT_HEADER = [
  '名称* (name)',
  '型号 (model)',
  '生产厂家 (manufacturer)',
  '共享方式 (sharing)',
  '资质认证 (accreditations)',
  '收费单位 (feeUnit)',
  '最低收费（元） (feeMinFen)',
  '最高收费（元） (feeMaxFen)',
  '购置年份 (purchaseYear)',
  '需操作员 (operatorRequired)',
  '开放时间 (openingHours)',
  '技术参数 (specs.parameters)',
  '联系电话 (contactPhone)',
];
const instrumentRow = (i: number, over: Partial<Record<number, string | number>> = {}) => {
  const row: (string | number)[] = [
    `导入测试仪器 ${i}`,
    `IMP-${i}`,
    '杭州远方光电',
    '完全开放',
    'CMA;CNAS',
    '小时',
    300,
    '500.5',
    2021,
    '否',
    'mon-fri 09:00-12:00,13:30-17:30; sat 09:00-12:00',
    '波长范围 380–780 nm',
    '0760-22334455',
  ];
  for (const [k, v] of Object.entries(over)) row[Number(k)] = v as string | number;
  return row;
};

async function xlsx(header: string[], data: (string | number)[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('资源数据 Data');
  ws.addRow(header);
  for (const r of data) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
const csvLine = (cells: (string | number)[]) =>
  cells.map((v) => (/[",\n]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v))).join(',');

async function importFile(cookie: string, kind: string, filename: string, content: Buffer, extra: Record<string, string> = {}) {
  const body = multipartBody({ kind, ...extra }, [{ filename, content }]);
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/resources/import',
    headers: { ...body.headers, cookie },
    payload: body.payload,
  });
  return { status: res.statusCode, body: res.json() };
}
const resourceCount = () => countOf(t.database, 'resources');
type Issue = { row: number | null; column: string | null; messageZh: string; messageEn: string; value: string | null };

describe('templates', () => {
  it('an xlsx template per kind: Chinese headers with keys, a guide sheet, drop-down lists', async () => {
    for (const kind of ['instrument', 'lab', 'expert', 'result']) {
      const res = await t.app.inject({ method: 'GET', url: `/api/v1/resources/templates/${kind}`, headers: { cookie: c.provider } });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toContain('spreadsheetml');
      expect(res.headers['content-disposition']).toContain(`resource-template-${kind}.xlsx`);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
      const data = wb.getWorksheet('资源数据 Data');
      const guide = wb.getWorksheet('填写说明 Guide');
      expect(data && guide).toBeTruthy();
      const header = ((data as ExcelJS.Worksheet).getRow(1).values as unknown[]).slice(1);
      expect(header[0]).toBe('名称* (name)');
      const model = (data as unknown as { dataValidations: { model: Record<string, { type: string; formulae: string[] }> } })
        .dataValidations.model;
      const lists = Object.values(model).filter((v) => v?.type === 'list');
      expect(lists.length).toBeGreaterThan(0);
      expect(lists.some((v) => v.formulae[0]?.includes('完全开放'))).toBe(true);
    }
    const lab = await t.app.inject({ method: 'GET', url: '/api/v1/resources/templates/lab?format=csv', headers: { cookie: c.admin } });
    expect(lab.statusCode).toBe(200);
    expect(lab.headers['content-type']).toContain('text/csv');
    expect(lab.body.startsWith('\uFEFF名称* (name),级别* (specs.level),研究领域* (specs.domain)')).toBe(true);
    expect(lab.body.split('\r\n').filter(Boolean)).toHaveLength(1);
  });

  it('an unknown kind is 400; roles that cannot import get 403, anonymous callers 401', async () => {
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/v1/resources/templates/ship', headers: { cookie: c.provider } })).statusCode,
    ).toBe(400);
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/v1/resources/templates/lab', headers: { cookie: c.enterprise } })).statusCode,
    ).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/resources/templates/lab' })).statusCode).toBe(401);
  });

  it('a filled-in template imports as it is', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/resources/templates/result', headers: { cookie: c.provider } });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('资源数据 Data') as ExcelJS.Worksheet;
    ws.addRow(['LED 散热新结构', 6, '转让、许可', '200000', '500000', 'ZL202110000001.2']);
    const filled = Buffer.from(await wb.xlsx.writeBuffer());
    const done = await importFile(c.provider, 'result', 'results.xlsx', filled);
    expect(done.status).toBe(201);
    const [row] = await rows<{ specs: Record<string, unknown> }>(
      t.database,
      sql`select specs from resources where id = ${done.body.ids[0]}`,
    );
    expect(row?.specs).toMatchObject({ maturity: 6, transferModes: ['transfer', 'licence'], priceMinFen: 20_000_000 });
  });
});

describe('import: all rows or none', () => {
  it('a good file loads every row as a draft of the caller’s institution', async () => {
    const before = await resourceCount();
    const file = await xlsx(INSTRUMENT_HEADER, [instrumentRow(1), instrumentRow(2), instrumentRow(3)]);
    const res = await importFile(c.provider, 'instrument', 'instruments.xlsx', file);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ kind: 'instrument', institutionId: ids.providerInstitutionId, imported: 3 });
    expect(await resourceCount()).toBe(before + 3);
    const loaded = await rows<Record<string, unknown>>(
      t.database,
      sql`select name, review_status, institution_id, fee_min_fen, fee_max_fen, accreditations, opening_hours, operator_required, specs, created_by
          from resources where id = ${res.body.ids[0]}`,
    );
    expect(loaded[0]).toMatchObject({
      name: '导入测试仪器 1',
      review_status: 'draft',
      institution_id: ids.providerInstitutionId,
      accreditations: ['CMA', 'CNAS'],
      operator_required: false,
      specs: { parameters: '波长范围 380–780 nm' },
      created_by: ids.userIds.provider,
    });
    expect(Number(loaded[0]?.fee_min_fen)).toBe(30_000);
    expect(Number(loaded[0]?.fee_max_fen)).toBe(50_050);
    expect((loaded[0] as { opening_hours: Record<string, unknown> }).opening_hours.fri).toEqual([
      ['09:00', '12:00'],
      ['13:30', '17:30'],
    ]);
    const audit = await rows(
      t.database,
      sql`select changes from audit_events where action = 'resource.import' and changes->>'filename' = 'instruments.xlsx'`,
    );
    expect(audit).toHaveLength(1);
    expect(audit[0]?.changes).toMatchObject({ kind: 'instrument', rows: 3 });
    // The provider's management list shows them.
    const list = await t.app.inject({
      method: 'GET',
      url: '/api/v1/resources?q=导入测试仪器&pageSize=50',
      headers: { cookie: c.provider },
    });
    expect(list.json().total).toBe(3);
  });

  it('one bad row deep in a big file loads nothing, and the report names its row and column in zh and en', async () => {
    const before = await resourceCount();
    const data = Array.from({ length: 1200 }, (_, i) => instrumentRow(1000 + i));
    data[1099] = instrumentRow(2099, { 12: '12345' }); // spreadsheet row 1101
    const res = await importFile(c.provider, 'instrument', 'big.xlsx', await xlsx(INSTRUMENT_HEADER, data));
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('RESOURCE_IMPORT_REJECTED');
    const report = res.body.error.details.report as { rows: number; issueCount: number; issues: Issue[] };
    expect(report.rows).toBe(1200);
    expect(report.issueCount).toBe(1);
    expect(report.issues[0]).toMatchObject({ row: 1101, column: 'contactPhone', value: '12345' });
    expect(report.issues[0]?.messageZh).toMatch(/[\u4e00-\u9fa5]/);
    expect(report.issues[0]?.messageEn).toMatch(/phone/i);
    expect(await resourceCount()).toBe(before);
  });

  it('every kind of cell problem is reported, each with its row and column', async () => {
    const before = await resourceCount();
    const data = [
      instrumentRow(1),
      instrumentRow(2, { 0: '' }), // row 3: required name
      instrumentRow(3, { 6: 'abc' }), // row 4: money
      instrumentRow(4, { 6: 900, 7: 100 }), // row 5: fee range
      instrumentRow(5, { 3: '半开放' }), // row 6: choice
      instrumentRow(6, { 10: '周一 9点' }), // row 7: hours
      instrumentRow(7, { 8: 1800 }), // row 8: year out of range (the create schema's rule)
    ];
    const res = await importFile(c.provider, 'instrument', 'bad.xlsx', await xlsx(INSTRUMENT_HEADER, data));
    expect(res.status).toBe(422);
    const issues = (res.body.error.details.report.issues as Issue[]).map((i) => [i.row, i.column]);
    expect(issues).toEqual([
      [3, 'name'],
      [4, 'feeMinFen'],
      [5, 'feeMaxFen'],
      [6, 'sharing'],
      [7, 'openingHours'],
      [8, 'purchaseYear'],
    ]);
    expect(await resourceCount()).toBe(before);
  });

  it('a crash while writing (the database refuses row 250 of 300) leaves nothing behind', async () => {
    const before = await resourceCount();
    await t.database.db.execute(sql`create function test_import_boom() returns trigger language plpgsql as $$
      begin
        if new.name = '导入测试 BOOM' then raise exception 'injected failure'; end if;
        return new;
      end $$`);
    await t.database.db.execute(
      sql`create trigger test_import_boom before insert on resources for each row execute function test_import_boom()`,
    );
    try {
      const data = Array.from({ length: 300 }, (_, i) => instrumentRow(5000 + i));
      data[249] = instrumentRow(0, { 0: '导入测试 BOOM' });
      const res = await importFile(c.provider, 'instrument', 'crash.xlsx', await xlsx(INSTRUMENT_HEADER, data));
      expect(res.status).toBe(500);
      expect(await resourceCount()).toBe(before);
      expect(await countOf(t.database, 'resources', sql`name like '导入测试仪器 5%'`)).toBe(0);
    } finally {
      await t.database.db.execute(sql`drop trigger test_import_boom on resources`);
      await t.database.db.execute(sql`drop function test_import_boom()`);
    }
  });

  it('a missing required column loads nothing and says which', async () => {
    const before = await resourceCount();
    const csv = `${csvLine(['名称* (name)', '研究领域* (specs.domain)'])}\r\n${csvLine(['LED 实验室', '照明'])}\r\n`;
    const res = await importFile(c.provider, 'lab', 'labs.csv', Buffer.from(csv));
    expect(res.status).toBe(422);
    expect(res.body.error.details.report.issues).toEqual([
      expect.objectContaining({ row: 1, column: 'specs.level', messageZh: '缺少必填列', messageEn: 'A required column is missing' }),
    ]);
    expect(await resourceCount()).toBe(before);
  });

  it('an unknown column is refused rather than silently dropped', async () => {
    const csv = `${csvLine(['名称* (name)', '级别* (specs.level)', '研究领域* (specs.domain)', '备注'])}\r\n${csvLine(['实验室', '市级', '照明', 'x'])}\r\n`;
    const res = await importFile(c.provider, 'lab', 'labs.csv', Buffer.from(csv));
    expect(res.status).toBe(422);
    expect(res.body.error.details.report.issues[0]).toMatchObject({ row: 1, value: '备注' });
  });

  it('the type is judged by content: a picture called .xlsx, a Word file and an empty file are refused', async () => {
    const before = await resourceCount();
    for (const [name, content] of [
      ['instruments.xlsx', png()],
      ['instruments.csv', png()],
      ['instruments.xlsx', docx()],
      ['instruments.xlsx', Buffer.alloc(0)],
    ] as const) {
      const res = await importFile(c.provider, 'instrument', name, content);
      expect(res.status, name).toBe(415);
      expect(res.body.error.code).toBe('RESOURCE_IMPORT_FILE_TYPE');
      expect(res.body.error.details.report.issues[0]).toMatchObject({ row: null });
      expect(res.body.error.details.report.issues[0].messageEn).toMatch(/content/);
    }
    expect(await resourceCount()).toBe(before);
  });

  it('CSV in UTF-8 or in GBK (as Excel saves it) loads, whatever the file is called', async () => {
    const header = [
      '名称* (name)',
      '专业领域* (specs.fields)',
      '职称* (specs.title)',
      '工作单位* (specs.organisation)',
      '联系人 (contactName)',
    ];
    const utf8 = `\uFEFF${csvLine(header)}\r\n${csvLine(['张工', 'LED 光学、照明设计', '高级工程师', '中山市生产力促进中心', '张工'])}\r\n\r\n`;
    const a = await importFile(c.provider, 'expert', 'experts.xlsx', Buffer.from(utf8));
    expect(a.status).toBe(201);
    expect(a.body.imported).toBe(1);
    const gbk = `${csvLine(header)}\r\n${csvLine(['李工', '电磁兼容', '工程师', '测试单位', '李工'])}\r\n`;
    const gbkBytes = encodeGbk(gbk) as Buffer;
    expect(gbkBytes).not.toBeNull();
    expect(gbkBytes.equals(Buffer.from(gbk))).toBe(false);
    const b = await importFile(c.provider, 'expert', 'experts.csv', gbkBytes);
    expect(b.status).toBe(201);
    const [row] = await rows<{ specs: Record<string, unknown> }>(t.database, sql`select specs from resources where id = ${b.body.ids[0]}`);
    expect(row?.specs).toMatchObject({ fields: ['电磁兼容'], title: '工程师' });
    const [first] = await rows<{ specs: Record<string, unknown> }>(
      t.database,
      sql`select specs from resources where id = ${a.body.ids[0]}`,
    );
    expect(first?.specs).toMatchObject({ fields: ['LED 光学', '照明设计'] });
  });

  it('a city admin imports for a named institution; a provider only for its own', async () => {
    const file = await xlsx(INSTRUMENT_HEADER, [instrumentRow(7001)]);
    const missing = await importFile(c.admin, 'instrument', 'a.xlsx', file);
    expect(missing.status).toBe(400);
    const city = await importFile(c.admin, 'instrument', 'a.xlsx', file, { institutionId: ids.otherInstitutionId });
    expect(city.status).toBe(201);
    expect(city.body.institutionId).toBe(ids.otherInstitutionId);
    const before = await resourceCount();
    const foreign = await importFile(c.provider, 'instrument', 'a.xlsx', file, { institutionId: ids.otherInstitutionId });
    expect(foreign.status).toBe(404);
    expect((await importFile(c.guzhen, 'instrument', 'a.xlsx', file)).status).toBe(403);
    expect((await importFile(c.enterprise, 'instrument', 'a.xlsx', file)).status).toBe(403);
    expect(await resourceCount()).toBe(before);
  });

  it('the report downloads as .xlsx', async () => {
    const res = await importFile(c.provider, 'instrument', 'bad.xlsx', await xlsx(INSTRUMENT_HEADER, [instrumentRow(1, { 3: '半开放' })]));
    const report = res.body.error.details.report;
    const file = await t.app.inject({
      method: 'POST',
      url: '/api/v1/resources/import/report',
      headers: { cookie: c.provider },
      payload: report,
    });
    expect(file.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0] as ExcelJS.Worksheet;
    expect(ws.getRow(2).getCell(1).value).toBe(2);
    expect(String(ws.getRow(2).getCell(2).value)).toContain('共享方式');
    expect(String(ws.getRow(2).getCell(3).value)).toBe('半开放');
  });

  it('opening hours: ranges, Chinese day names, several intervals', () => {
    expect(parseOpeningHours('周一-周三 9:00-12:00 13:00-17:00；sun 10:00-16:00')).toEqual({
      mon: [
        ['09:00', '12:00'],
        ['13:00', '17:00'],
      ],
      tue: [
        ['09:00', '12:00'],
        ['13:00', '17:00'],
      ],
      wed: [
        ['09:00', '12:00'],
        ['13:00', '17:00'],
      ],
      sun: [['10:00', '16:00']],
    });
    expect(parseOpeningHours('fri-mon 09:00-10:00')).toBeNull();
    expect(parseOpeningHours('someday 09:00-10:00')).toBeNull();
  });
});

describe('export of a search result', () => {
  const exportOf = async (query: string, cookie?: string) => {
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/resources/export${query}`, headers: cookie ? { cookie } : {} });
    if (res.statusCode !== 200) return { status: res.statusCode, body: res.json(), names: [] as string[] };
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0] as ExcelJS.Worksheet;
    const names: string[] = [];
    ws.eachRow((row, n) => {
      if (n > 1) names.push(String(row.getCell(2).value));
    });
    return { status: 200, body: null, names };
  };

  it('has the rows of the same search, with the same visibility', async () => {
    const q = `?q=${encodeURIComponent('光谱')}&kind=instrument`;
    const search = await t.app.inject({ method: 'GET', url: `/api/v1/resources/search${q}&pageSize=100` });
    const anon = await exportOf(q);
    expect(anon.status).toBe(200);
    expect(search.json().total).toBeGreaterThan(0);
    expect(anon.names.length).toBe(search.json().total);
    expect(new Set(anon.names)).toEqual(new Set(search.json().items.map((i: { name: string }) => i.name)));
    // The provider's imported drafts are in its own export, never in an anonymous one.
    const mine = await exportOf(`?q=${encodeURIComponent('导入测试仪器')}`, c.provider);
    expect(mine.names.length).toBeGreaterThanOrEqual(3);
    expect((await exportOf(`?q=${encodeURIComponent('导入测试仪器')}`)).names).toEqual([]);
  });

  it('unknown filter values are 400', async () => {
    expect((await exportOf('?kind=ship')).status).toBe(400);
    expect((await exportOf('?colour=red')).status).toBe(400);
  });

  it('more than 10,000 matches are refused with a message to narrow the search', async () => {
    await t.database.db.execute(sql`insert into resources (kind, name, institution_id, town_id, sharing, review_status, published_at)
      select 'instrument', '批量导出测试 ' || g, i.id, i.town_id, 'open', 'published', now()
      from generate_series(1, 10001) g, (select id, town_id from institutions where id = ${ids.otherInstitutionId}) i`);
    const res = await exportOf('');
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('RESOURCE_EXPORT_TOO_LARGE');
    expect(res.body.error.details.max).toBe(10_000);
    expect(res.body.error.messageEn).toMatch(/narrow/);
  });
});

/** GBK bytes of a text (Node has no GBK encoder): each character found by searching the code page with TextDecoder. */
function encodeGbk(text: string): Buffer | null {
  const decoder = new TextDecoder('gbk');
  const cache = new Map<string, number[]>();
  const out: number[] = [];
  for (const ch of text) {
    const code = ch.codePointAt(0) as number;
    if (code < 0x80) {
      out.push(code);
      continue;
    }
    let bytes = cache.get(ch);
    if (!bytes) {
      search: for (let hi = 0x81; hi <= 0xfe; hi++) {
        for (let lo = 0x40; lo <= 0xfe; lo++) {
          if (decoder.decode(Uint8Array.of(hi, lo)) === ch) {
            bytes = [hi, lo];
            break search;
          }
        }
      }
      if (!bytes) return null;
      cache.set(ch, bytes);
    }
    out.push(...bytes);
  }
  return Buffer.from(out);
}
