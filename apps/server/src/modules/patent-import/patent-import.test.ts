import { readFileSync } from 'node:fs';
import { applicationCheckChar } from '@innotown/contracts/patent-codes';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countOf, demoIds, one, rows } from '../../../test/fixtures.ts';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import { recoverExpiredJobs } from '../../platform/jobs.ts';
import { multipartBody, png } from '../files/files.fixtures.ts';
import { patentImportGiveUp } from './patent-import.jobs.ts';
import { importFile, runUploadJob } from './patent-import.service.ts';

const FIXTURES = new URL('../../seed/patent-samples/', import.meta.url);
const fixture = (name: string) => readFileSync(new URL(name, FIXTURES));
const CNIPA_NUMBERS = [
  '202223220665.2',
  '202122975192.6',
  '202121635235.X',
  '202121635426.6',
  '202121741650.3',
  '202121762003.0',
  '202121751980.0',
  '202211740332.4',
  '202310605823.6',
  '202211359874.7',
];

let t: TestApp;
let admin: string;
let ids: Awaited<ReturnType<typeof demoIds>>;

beforeAll(async () => {
  t = await createTestApp();
  ids = await demoIds(t.database);
  admin = await t.login('admin');
});
afterAll(async () => {
  await t?.close();
});

const db = () => t.database.db;
const chunks = (buffer: Buffer, size = 1000) =>
  (function* () {
    for (let i = 0; i < buffer.length; i += size) yield buffer.subarray(i, i + size);
  })();
const run = (name: string, buffer: Buffer, format: 'csv' | 'xlsx' | 'xml', extra: Partial<Parameters<typeof importFile>[1]> = {}) =>
  importFile(db(), { filename: name, format, source: chunks(buffer), bytesTotal: buffer.length, workers: 0, currentYear: 2026, ...extra });
const patentCount = (numbers: readonly string[]) =>
  countOf(
    t.database,
    'patents',
    sql`application_number in (${sql.join(
      numbers.map((n) => sql`${n}`),
      sql`, `,
    )})`,
  );
const csvLine = (cells: string[]) => cells.map((c) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',');
/** A valid Chinese application number from its 12 digits (check character computed). */
const numberOf = (body: string) => {
  const w = [2, 3, 4, 5, 6, 7, 8, 9];
  let sum = 0;
  for (let k = 0; k < 12; k++) sum += Number(body[k]) * (w[k % 8] as number);
  return `${body}.${sum % 11 === 10 ? 'X' : sum % 11}`;
};
const HEADER = ['申请号', '专利类型', '专利名称', '摘要', '申请日', '公开日', '授权公告日', '申请人', '分类号', '法律状态', '法律事件'];

describe('patent import: the real CNIPA sample (CSV)', () => {
  it('loads the 10 records with their numbers, kinds, classes, dates, status and events', async () => {
    const { outcome, importRow } = await run('cnipa-sample-10.csv', fixture('cnipa-sample-10.csv'), 'csv');
    expect(outcome.ok).toBe(true);
    // The demo seed loads the same sample through the importer: new or updated, 10 in all.
    expect(outcome.ok && outcome.inserted + outcome.updated).toBe(10);
    expect(importRow.status).toBe('succeeded');
    expect(importRow.recordsRead).toBe(10);
    expect(importRow.inserted + importRow.updated).toBe(10);
    expect(importRow.bytesRead).toBe(importRow.bytesTotal);
    expect(await patentCount(CNIPA_NUMBERS)).toBe(10);

    const p = await one<Record<string, unknown>>(t.database, sql`select * from patents where application_number = '202211359874.7'`);
    expect(p).toMatchObject({
      kind: 'invention', // 发明公开;发明授权
      publication_number: 'CN115883397A',
      grant_number: 'CN115883397B',
      legal_status: 'granted',
      main_class: 'H04L43/02',
      jurisdiction: 'CN',
      source: 'csv',
      applicants: ['中科大数据研究院'],
      owners: ['中科大数据研究院'],
      local_applicant: false,
      town_id: null,
    });
    expect(p.ipc_codes).toEqual(['H04L43/02', 'H04L9/40', 'H04L67/025']);
    expect(p.class_prefixes).toEqual(expect.arrayContaining(['H', 'H04', 'H04L', 'H04L43/', 'H04L43/02', 'H04L67/025']));
    expect(String(p.search_vector)).toContain("'采集'");
    const events = await rows<{ kind: string; event_date: string }>(
      t.database,
      sql`select kind, event_date::text from patent_events where patent_id = ${p.id as string} order by event_date, kind`,
    );
    expect(events).toEqual([
      { kind: 'filed', event_date: '2022-11-02' },
      { kind: 'published', event_date: '2023-03-31' },
      { kind: 'granted', event_date: '2024-04-05' },
    ]);
    const pending = await one<{ legal_status: string; grant_date: string | null }>(
      t.database,
      sql`select legal_status, grant_date from patents where application_number = '202310605823.6'`,
    );
    expect(pending).toEqual({ legal_status: 'pending', grant_date: null });
    // X as the check character
    expect(await patentCount(['202121635235.X'])).toBe(1);
  });

  it('a bulk load rebuilds the indexes it dropped, turns the landscape trigger back on and marks the summary stale', async () => {
    const numbers = Array.from({ length: 30 }, (_, i) => {
      const digits = `2023108${String(10_000 + i).padStart(5, '0')}`;
      return `${digits}.${applicationCheckChar(digits)}`;
    });
    const body = [
      csvLine(HEADER),
      ...numbers.map((n) => csvLine([n, '发明', '一种批量导入的散热灯具', '', '2024-03-01', '', '', '某公司', 'F21V29/70', '', ''])),
    ];
    await t.database.db.execute(sql`delete from patent_landscape_dirty`);
    // Every index and key, with its definition: a bulk load drops all but two and must put back exactly these.
    const definitions = () =>
      rows<{ name: string; definition: string }>(
        t.database,
        sql`select indexname as name, indexdef as definition from pg_indexes where tablename in ('patents', 'patent_events')
            union all select conname, pg_get_constraintdef(oid) from pg_constraint where conrelid in ('patents'::regclass, 'patent_events'::regclass)
            order by 1, 2`,
      );
    const before = await definitions();
    expect(before.map((d) => d.name)).toEqual(
      expect.arrayContaining(['patents_parties_trgm_idx', 'patent_events_import_key', 'patent_events_patent_id_patents_id_fk']),
    );
    const { outcome } = await run('bulk.csv', Buffer.from(body.join('\n')), 'csv', {
      hooks: { bulkLoad: true },
      deferLandscapeRefresh: true, // else the refresh right after the import consumes the mark
    });
    expect(outcome).toMatchObject({ ok: true, inserted: 30, rebuiltIndexes: true });
    expect(await definitions()).toEqual(before);
    const [trigger] = await rows<{ enabled: string }>(
      t.database,
      sql`select tgenabled as enabled from pg_trigger where tgname = 'patents_landscape_inserted'`,
    );
    expect(trigger?.enabled).toBe('O');
    expect(await countOf(t.database, 'patent_landscape_dirty', sql`town_id is null and year is null`)).toBe(1);
    // The word search reads the rebuilt document index.
    const found = await t.call('GET', `/api/v1/patents/search?q=${encodeURIComponent('批量导入')}&pageSize=50`);
    expect((found.body as { total: number }).total).toBe(30);
  });

  it('re-importing updates by application number and does not duplicate events', async () => {
    const before = await countOf(t.database, 'patent_events');
    const { outcome } = await run('cnipa-sample-10.csv', fixture('cnipa-sample-10.csv'), 'csv');
    expect(outcome.ok && [outcome.inserted, outcome.updated, outcome.events]).toEqual([0, 10, 0]);
    expect(await patentCount(CNIPA_NUMBERS)).toBe(10);
    expect(await countOf(t.database, 'patent_events')).toBe(before);
    // A changed title and a new event: the row is updated, only the new event is added.
    const csv = [
      csvLine(HEADER),
      csvLine([
        'CN202223220665.2',
        '实用新型',
        '一种无人机机载多功能盒（更正）',
        '',
        '20221202',
        '20230328',
        '20230328',
        '中科大数据研究院',
        'B64U20/80',
        '有权',
        '2024-05-06 许可 中山市某照明公司',
      ]),
    ].join('\r\n');
    const again = await run('update.csv', Buffer.from(csv), 'csv');
    expect(again.outcome.ok && [again.outcome.inserted, again.outcome.updated, again.outcome.events]).toEqual([0, 1, 1]);
    const row = await one<{ title: string; n: number }>(
      t.database,
      sql`select title, (select count(*)::int from patent_events e where e.patent_id = p.id) as n from patents p where application_number = '202223220665.2'`,
    );
    expect(row).toEqual({ title: '一种无人机机载多功能盒（更正）', n: 3 }); // filed, granted (= published, a utility model), licensed
    const licence = await one<{ detail: unknown }>(
      t.database,
      sql`select detail from patent_events e join patents p on p.id = e.patent_id where p.application_number = '202223220665.2' and e.kind = 'licensed'`,
    );
    expect(licence.detail).toEqual({ licensee: '中山市某照明公司' });
  });
});

describe('patent import: bad rows load nothing and are reported row by row', () => {
  const goodNumber = '202310999001.0';
  it('one bad row among good ones: nothing loaded, every problem reported with row, column and zh/en', async () => {
    const csv = [
      csvLine(HEADER),
      csvLine([
        goodNumber,
        '发明',
        '一种LED灯具散热结构',
        '散热鳍片',
        '2023-05-01',
        '2024-11-01',
        '',
        '中山市古镇灯饰有限公司',
        'F21V29/70',
        '审中',
        '',
      ]),
      csvLine(['202310999002.6', '发明', '一种灯具', '', '2023-05-01', '', '', '某公司', 'F21V29/70', '', '']), // wrong check digit
      csvLine(['202310999003.X', '发明', '一种驱动电源', '', '2023-05-01', '', '', '某公司', 'F21V 2970', '', '']), // malformed IPC
      csvLine(['202320999004.X', '实用新型', '一种灯座', '', '2023-05-01', '2022-01-01', '', '某公司', 'F21V19/00', '', '']), // publication before application
      csvLine(['202330999005.X', '外观设计', '吊灯', '', '2023-05-01', '', '', '', '26-05', '', '']), // no applicant
    ].join('\r\n');
    const { outcome, importRow } = await run('bad.csv', Buffer.from(csv), 'csv');
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.recordsRead).toBe(5);
    expect(outcome.errorCount).toBe(4);
    const byRow = (row: number) => outcome.issues.filter((i) => i.row === row);
    expect(byRow(2)).toEqual([]);
    expect(byRow(3).map((i) => [i.column, i.code])).toEqual([['applicationNumber', 'patent_application_number_check_digit']]);
    expect(byRow(3)[0]?.messageZh).toContain('校验');
    expect(byRow(4).map((i) => [i.column, i.code, i.value])).toEqual([['ipcCodes', 'ipc_subgroup', 'F21V 2970']]);
    expect(byRow(5).map((i) => [i.column, i.code])).toEqual([['publicationDate', 'patent_import_publication_before_application']]);
    expect(byRow(5)[0]?.messageEn).toMatch(/before the application date/);
    expect(byRow(6).map((i) => [i.column, i.code])).toEqual([['applicants', 'patent_import_required']]);
    // nothing loaded, nothing left in staging
    expect(await patentCount([goodNumber])).toBe(0);
    expect(await countOf(t.database, 'patent_import_rows')).toBe(0);
    // the import row and its report
    expect(importRow.status).toBe('failed');
    expect(importRow.errorCount).toBe(4);
    expect(importRow.reportFileId).not.toBeNull();
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/patent-imports/${importRow.id}/report`, headers: { cookie: admin } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0] as ExcelJS.Worksheet;
    expect(String(sheet.getRow(1).getCell(1).value)).toContain('nothing was loaded');
    const reported = [3, 4, 5, 6].map((line) => [sheet.getRow(line).getCell(1).value, sheet.getRow(line).getCell(3).value]);
    expect(reported).toEqual([
      [3, '申请号 (Application number)'],
      [4, '分类号 (IPC codes)'],
      [5, '公开日 (Publication date)'],
      [6, '申请人 (Applicants)'],
    ]);
    const view = await t.call('GET', `/api/v1/patent-imports/${importRow.id}`, admin);
    expect(view.body).toMatchObject({
      status: 'failed',
      errorCount: 4,
      hasReport: true,
      errorCode: 'PATENT_IMPORT_REJECTED',
      percent: 100,
    });
    expect(view.body.issues).toHaveLength(4);
    expect(view.body.issues[0]).toMatchObject({ row: 3, applicationNumber: '202310999002.6' });
  });

  it('the same application number twice in one file is refused', async () => {
    const row = csvLine([goodNumber, '发明', '一种LED灯具', '', '2023-05-01', '', '', '某公司', 'F21V29/70', '', '']);
    const { outcome } = await run('dup.csv', Buffer.from([csvLine(HEADER), row, row].join('\n')), 'csv');
    expect(outcome.ok).toBe(false);
    expect(!outcome.ok && outcome.issues.map((i) => [i.row, i.code])).toEqual([[3, 'patent_import_duplicate']]);
    expect(await patentCount([goodNumber])).toBe(0);
  });

  it('a number repeated batches apart is refused with all its rows, and nothing of the file is loaded', async () => {
    // More than one batch (500 records): the repeats are told by the database, not by memory.
    const numbers = Array.from({ length: 1_200 }, (_, i) => {
      const digits = `2023109${String(80_000 + i).padStart(5, '0')}`;
      return `${digits}.${applicationCheckChar(digits)}`;
    });
    const line = (n: string) => csvLine([n, '发明', '一种LED灯具', '', '2023-05-01', '', '', '某公司', 'F21V29/70', '', '']);
    const first = numbers[0] as string;
    const body = [csvLine(HEADER), ...numbers.map(line), line(first), line(numbers[700] as string), line(first)];
    const { outcome } = await run('dup-far.csv', Buffer.from(body.join('\n')), 'csv');
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.issues.map((i) => [i.row, i.applicationNumber])).toEqual([
      [1202, first],
      [1204, first],
      [1203, numbers[700]],
    ]);
    expect(outcome.issues[0]?.messageZh).toContain('第 2、1202、1204 行');
    expect(await patentCount(numbers.slice(0, 10))).toBe(0);
  });

  it('on worker threads, as a large file goes: the same report, the same rows, local applicants linked there', async () => {
    const ent = await one<{ name: string; town_id: string; id: string }>(
      t.database,
      sql`select id, name, town_id from enterprises where id = ${ids.sameTownEnterpriseId}`,
    );
    const numbers = Array.from({ length: 1_100 }, (_, i) => {
      const digits = `2023111${String(30_000 + i).padStart(5, '0')}`;
      return `${digits}.${applicationCheckChar(digits)}`;
    });
    const line = (n: string) => csvLine([n, '发明', '一种分批导入的灯具', '', '2023-05-01', '', '', ent.name, 'F21V29/70', '', '']);
    // Refused: a wrong check digit in the second batch, a repeat within the third and one across batches.
    const bad = numbers.map(line);
    bad[600] = line('202310999002.6');
    bad.push(line(numbers[1_050] as string), line(numbers[3] as string));
    const refused = await run('workers-bad.csv', Buffer.from([csvLine(HEADER), ...bad].join('\n')), 'csv', { workers: 2 });
    expect(refused.outcome.ok).toBe(false);
    if (refused.outcome.ok) return;
    expect(refused.outcome.issues.map((i) => [i.row, i.code])).toEqual([
      [602, 'patent_application_number_check_digit'],
      [1103, 'patent_import_duplicate'],
      [1102, 'patent_import_duplicate'],
    ]);
    expect(refused.outcome.errorCount).toBe(3);
    expect(await patentCount(numbers.slice(0, 10))).toBe(0);

    const { outcome } = await run('workers.csv', Buffer.from([csvLine(HEADER), ...numbers.map(line)].join('\n')), 'csv', { workers: 2 });
    expect(outcome).toMatchObject({ ok: true, recordsRead: 1_100, inserted: 1_100 });
    const linked = await one<{ n: number; towns: number }>(
      t.database,
      sql`select count(*)::int as n, count(distinct town_id)::int as towns from patents
          where application_number like '2023111%' and owner_enterprise_ids = array[${ent.id}]::uuid[] and town_id = ${ent.town_id}`,
    );
    expect(linked).toEqual({ n: 1_100, towns: 1 });
  });

  it('missing required columns: a clear error naming them', async () => {
    const { outcome } = await run('cols.csv', Buffer.from('申请号,专利名称\r\n202310999001.3,一种灯\r\n'), 'csv');
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.fileError?.code).toBe('PATENT_IMPORT_MISSING_COLUMNS');
    expect(((outcome.fileError?.details.missing ?? []) as { zh: string }[]).map((m) => m.zh)).toEqual(['申请日', '申请人']);
  });

  it('a crash while staging leaves no patents (and the staging rows are swept)', async () => {
    const many = [csvLine(HEADER)];
    const numbers: string[] = [];
    for (let i = 0; i < 1200; i++) {
      const number = numberOf(`2023109${String(80000 + i).padStart(5, '0')}`);
      numbers.push(number);
      many.push(csvLine([number, '发明', `一种灯具 ${i}`, 'LED', '2023-05-01', '', '', '某公司', 'F21V29/70', '', '']));
    }
    const buffer = Buffer.from(many.join('\n'));
    await expect(
      run('crash.csv', buffer, 'csv', {
        hooks: {
          afterRecords: (n) => {
            if (n === 1100) throw new Error('simulated crash');
          },
        },
      }),
    ).rejects.toThrow('simulated crash');
    expect(await patentCount(numbers)).toBe(0);
    expect(await countOf(t.database, 'patent_import_rows')).toBe(0);
    const failed = await one<{ status: string }>(t.database, sql`select status from patent_imports where filename = 'crash.csv'`);
    expect(failed.status).toBe('failed');

    // A crash inside the merge transaction (after the patents went in, before the events): rolled back.
    await expect(
      run('crash2.csv', buffer, 'csv', {
        hooks: {
          merge: async (step) => {
            if (step === 'events') throw new Error('crash during merge');
          },
        },
      }),
    ).rejects.toThrow('crash during merge');
    expect(await patentCount(numbers)).toBe(0);
    expect(await countOf(t.database, 'patent_import_rows')).toBe(0);

    // A COPY that fails half-way through the load, after two batches (1,000 patents and their events)
    // went straight into the tables: the transaction takes them back.
    await expect(
      run('copy-fails.csv', buffer, 'csv', {
        hooks: { prepared: (b, n) => (n === 2 ? { ...b, patents: `${b.patents}not a patent line\n` } : b) },
      }),
    ).rejects.toThrow();
    expect(await patentCount(numbers)).toBe(0);
    expect(
      await countOf(
        t.database,
        'patent_events',
        sql`import_key like 'filed:2023-05-01%' and source = 'csv' and patent_id not in (select id from patents)`,
      ),
    ).toBe(0);
    const copyFailed = await one<{ status: string }>(t.database, sql`select status from patent_imports where filename = 'copy-fails.csv'`);
    expect(copyFailed.status).toBe('failed');

    // The same file then loads completely.
    const ok = await run('ok.csv', buffer, 'csv');
    expect(ok.outcome.ok && ok.outcome.inserted).toBe(1200);
    expect(await patentCount(numbers)).toBe(1200);
  });
});

describe('patent import: a re-import keeps what the platform changed', () => {
  it('owners changed by a transfer on the platform stay, unless the file brings a later transfer', async () => {
    const number = numberOf('202310777001');
    const header = [...HEADER, '当前权利人'];
    const file = (title: string, events: string, owners: string) =>
      Buffer.from(
        [
          csvLine(header),
          csvLine([
            number,
            '发明',
            title,
            '',
            '2023-05-01',
            '2024-11-01',
            '2025-01-02',
            '中山市甲灯饰有限公司',
            'F21V29/70',
            '有权',
            events,
            owners,
          ]),
        ].join('\r\n'),
      );
    const first = await run('owners-1.csv', file('一种灯具', '', '中山市甲灯饰有限公司'), 'csv');
    expect(first.outcome.ok && first.outcome.inserted).toBe(1);
    const { id } = await one<{ id: string }>(t.database, sql`select id from patents where application_number = ${number}`);
    // What ip-trading's completed transfer writes: the new owners and a 'transferred' event from the platform.
    await db().execute(sql`update patents set owners = '{中山市乙照明有限公司}', owner_enterprise_ids = '{}' where id = ${id}`);
    await db().execute(
      sql`insert into patent_events (patent_id, event_date, kind, detail, source) values (${id}, '2025-03-01', 'transferred', '{"to": ["中山市乙照明有限公司"]}', 'platform')`,
    );

    // The same (older) extract again, with a corrected title: the title changes, the owners stay.
    const again = await run('owners-2.csv', file('一种灯具（更正）', '', '中山市甲灯饰有限公司'), 'csv');
    expect(again.outcome.ok && [again.outcome.inserted, again.outcome.updated]).toEqual([0, 1]);
    const kept = await one<{ title: string; owners: string[] }>(t.database, sql`select title, owners from patents where id = ${id}`);
    expect(kept).toEqual({ title: '一种灯具（更正）', owners: ['中山市乙照明有限公司'] });

    // A file recording a transfer dated after the platform's: the file's owners are the newer truth.
    const later = await run(
      'owners-3.csv',
      file('一种灯具（更正）', '2025-06-01 转让 中山市丙电器有限公司', '中山市丙电器有限公司'),
      'csv',
    );
    expect(later.outcome.ok && later.outcome.updated).toBe(1);
    const moved = await one<{ owners: string[] }>(t.database, sql`select owners from patents where id = ${id}`);
    expect(moved.owners).toEqual(['中山市丙电器有限公司']);
  });
});

describe('patent import: ST.36 XML', () => {
  it('reads the USPTO bulk file (5 concatenated documents) and keeps foreign numbers as given', async () => {
    const { outcome } = await run('ipa110106.xml', fixture('uspto-applications-ipa110106.xml'), 'xml');
    expect(outcome.ok && [outcome.recordsRead, outcome.inserted + outcome.updated]).toEqual([5, 5]);
    const p = await one<Record<string, unknown>>(t.database, sql`select * from patents where application_number = '12460559'`);
    expect(p).toMatchObject({
      jurisdiction: 'US',
      kind: 'invention',
      publication_number: 'US20110000002A1',
      title: 'Wetsuit made with a low-absorbent, good wicking and quick drying fabric',
      application_date: '2009-07-21',
      publication_date: '2011-01-06',
      legal_status: 'pending',
      owners: ['SHEI CHUNG HSIN IND. CO. LTD.'],
      inventors: ['Min-Chen Shiue'],
      ipc_codes: ['B63C11/04'],
      source: 'xml',
    });
    expect(String(p.abstract)).toMatch(/^An improved low-absorbent/);
    expect(String(p.search_vector)).toContain("'wetsuit'");
  });

  it('reads CN-style ST.36 (cn-patent-document, business: prefixes) and links a local applicant by exact name', async () => {
    const ent = await one<{ name: string; town_id: string; id: string }>(
      t.database,
      sql`select id, name, town_id from enterprises where id = ${ids.sameTownEnterpriseId}`,
    );
    const xml = fixture('cn-st36-sample.xml').toString('utf8').replaceAll('中山市古镇星辉灯饰有限公司', ent.name);
    const { outcome } = await run('cn.xml', Buffer.from(xml), 'xml');
    expect(outcome.ok && outcome.inserted + outcome.updated).toBe(2);
    const design = await one<Record<string, unknown>>(t.database, sql`select * from patents where application_number = '202430123456.1'`);
    expect(design).toMatchObject({
      kind: 'design',
      locarno_codes: ['26-05'],
      main_class: '26-05',
      owner_enterprise_ids: [ent.id],
      town_id: ent.town_id,
      local_applicant: true,
      legal_status: 'granted',
      grant_number: 'CN308765432S',
    });
    expect(design.class_prefixes).toEqual(['LOC26', 'LOC26-05']);
    const um = await one<Record<string, unknown>>(t.database, sql`select * from patents where application_number = '202121635235.X'`);
    expect(um).toMatchObject({
      ipc_codes: ['H04N7/18', 'G07C1/20'],
      agency: '郑州明华专利代理事务所（普通合伙）',
      inventors: ['王元卓', '刘敏'],
    });
  });

  it('malformed XML and XML that is not ST.36: a clear error, nothing loaded', async () => {
    const broken = await run(
      'broken.xml',
      Buffer.from('<?xml version="1.0"?><us-patent-application><invention-title>x</us-patent-application>'),
      'xml',
    );
    expect(!broken.outcome.ok && broken.outcome.fileError?.code).toBe('PATENT_IMPORT_XML_MALFORMED');
    const other = await run('feed.xml', Buffer.from('<?xml version="1.0"?><rss><channel><title>news</title></channel></rss>'), 'xml');
    expect(!other.outcome.ok && other.outcome.fileError).toEqual({ code: 'PATENT_IMPORT_XML_NOT_ST36', details: { root: 'rss' } });
    const view = await t.call('GET', `/api/v1/patent-imports/${other.importRow.id}`, admin);
    expect(view.body.errorCode).toBe('PATENT_IMPORT_XML_NOT_ST36');
    expect(view.body.errorMessageZh).toContain('ST.36');
  });
});

describe('patent import over HTTP', () => {
  it('a city admin uploads, the job imports, the page polls progress and the result', async () => {
    const { payload, headers } = multipartBody({}, [{ filename: '专利.csv', content: fixture('cnipa-sample-10.csv'), type: 'text/csv' }]);
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/patent-imports', payload, headers: { ...headers, cookie: admin } });
    expect(res.statusCode).toBe(202);
    const queued = res.json();
    expect(queued).toMatchObject({ status: 'queued', format: 'csv', filename: '专利.csv', percent: 0 });
    const job = await one<{ payload: { importId: string } }>(
      t.database,
      sql`select payload from jobs where name = 'patent-import.run' order by created_at desc limit 1`,
    );
    expect(job.payload.importId).toBe(queued.id);
    await runUploadJob(db(), queued.id, t.app.log);
    const done = await t.call('GET', `/api/v1/patent-imports/${queued.id}`, admin);
    expect(done.body).toMatchObject({ status: 'succeeded', percent: 100, recordsRead: 10, updated: 10, errorCount: 0, hasReport: false });
    const list = await t.call('GET', '/api/v1/patent-imports', admin);
    expect(list.body.items[0].id).toBe(queued.id);
  });

  it('checks the content type: a PNG named .csv is refused (415); town admins may not import', async () => {
    const { payload, headers } = multipartBody({}, [{ filename: 'patents.csv', content: png() }]);
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/patent-imports', payload, headers: { ...headers, cookie: admin } });
    expect(res.statusCode).toBe(415);
    expect(res.json().error.code).toBe('PATENT_IMPORT_FILE_TYPE');
    const xmlAsCsv = multipartBody({}, [{ filename: 'patents.csv', content: fixture('cn-st36-sample.xml') }]);
    const res2 = await t.app.inject({
      method: 'POST',
      url: '/api/v1/patent-imports',
      payload: xmlAsCsv.payload,
      headers: { ...xmlAsCsv.headers, cookie: admin },
    });
    expect(res2.statusCode).toBe(415);
    const guzhen = await t.login('guzhen');
    const res3 = await t.app.inject({ method: 'POST', url: '/api/v1/patent-imports', payload, headers: { ...headers, cookie: guzhen } });
    expect(res3.statusCode).toBe(403);
  });

  it('an import whose server died on its last attempt ends failed, not running for ever', async () => {
    const { payload, headers } = multipartBody({}, [{ filename: '专利.csv', content: fixture('cnipa-sample-10.csv'), type: 'text/csv' }]);
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/patent-imports', payload, headers: { ...headers, cookie: admin } });
    const id = res.json().id as string;
    // As a kill -9 during the second (last) attempt leaves them: the import running, the job's lease run out.
    await db().execute(sql`update patent_imports set status = 'running' where id = ${id}`);
    await db().execute(
      sql`update jobs set status = 'running', attempts = max_attempts, locked_by = 'crashed', locked_until = now() - interval '1 second'
        where payload->>'importId' = ${id}`,
    );
    // What the job worker's maintenance does.
    const { gaveUp } = await recoverExpiredJobs(db());
    for (const job of gaveUp) await patentImportGiveUp()[job.name]?.({ db: db(), job, log: t.app.log });
    const view = await t.call('GET', `/api/v1/patent-imports/${id}`, admin);
    expect(view.body).toMatchObject({ status: 'failed', errorCode: 'PATENT_IMPORT_INTERRUPTED' });
    expect(view.body.errorMessageZh).toContain('中断');
  });

  it('accepts a large UTF-8 file whose 64 KiB type check cuts a character in two', async () => {
    // Pad with a comment line so that byte 65,536 falls on the second byte of a three-byte character (灯).
    const body = fixture('cnipa-sample-10.csv');
    const lead = Buffer.from('# ');
    const fill = Buffer.from('灯'.repeat(Math.floor((65_536 - lead.length) / 3)));
    const content = Buffer.concat([lead, fill, Buffer.from('灯\n'), body]);
    expect(content.length).toBeGreaterThan(65_536);
    expect(content[65_535]! & 0xc0).toBe(0x80); // a continuation byte: the check's cut is inside a character
    const { payload, headers } = multipartBody({}, [{ filename: 'large.csv', content, type: 'text/csv' }]);
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/patent-imports', payload, headers: { ...headers, cookie: admin } });
    expect(res.statusCode).toBe(202);
  });

  it('GBK CSV (as Excel saves it on Chinese Windows) and the templates', async () => {
    const template = await t.app.inject({ method: 'GET', url: '/api/v1/patent-imports/template?format=csv', headers: { cookie: admin } });
    expect(template.statusCode).toBe(200);
    expect(
      template.body
        .replace(/^\uFEFF/, '')
        .split(',')
        .slice(0, 4),
    ).toEqual(['申请号', '国家/地区', '专利类型', '专利名称']);
    const xlsx = await t.app.inject({ method: 'GET', url: '/api/v1/patent-imports/template', headers: { cookie: admin } });
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    // The xlsx template, filled in and imported.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0] as ExcelJS.Worksheet;
    const col = (zh: string) => (sheet.getRow(1).values as string[]).indexOf(zh);
    const r = sheet.getRow(2);
    r.getCell(col('申请号')).value = '202320888001.9';
    r.getCell(col('专利名称')).value = '一种吸顶灯';
    r.getCell(col('申请日')).value = new Date(Date.UTC(2023, 4, 1));
    r.getCell(col('申请人')).value = '中山市某灯饰厂';
    r.getCell(col('分类号')).value = 'F21S8/04';
    r.commit();
    const filled = Buffer.from(await wb.xlsx.writeBuffer());
    const viaXlsx = await run('filled.xlsx', filled, 'xlsx');
    expect(viaXlsx.outcome.ok && viaXlsx.outcome.inserted).toBe(1);
    const p = await one<{ kind: string; application_date: string }>(
      t.database,
      sql`select kind, application_date::text from patents where application_number = '202320888001.9'`,
    );
    expect(p).toEqual({ kind: 'utility_model', application_date: '2023-05-01' });

    const gbkText = `申请号,专利名称,申请日,申请人\r\n202320888002.3,一种落地灯,2023-06-01,中山市某灯饰厂\r\n`;
    const gbk = encodeGbk(gbkText);
    expect(gbk.equals(Buffer.from(gbkText))).toBe(false);
    const viaGbk = await run('gbk.csv', gbk, 'csv');
    expect(viaGbk.outcome.ok).toBe(true);
    const title = await one<{ title: string }>(t.database, sql`select title from patents where application_number = '202320888002.3'`);
    expect(title.title).toBe('一种落地灯');
  });
});

/** GBK bytes of a text (Node has no GBK encoder): each character found by searching the code page with TextDecoder. */
function encodeGbk(text: string): Buffer {
  const decoder = new TextDecoder('gbk');
  const out: number[] = [];
  for (const ch of text) {
    const code = ch.codePointAt(0) as number;
    if (code < 0x80) {
      out.push(code);
      continue;
    }
    let found = false;
    search: for (let hi = 0x81; hi <= 0xfe; hi++) {
      for (let lo = 0x40; lo <= 0xfe; lo++) {
        if (decoder.decode(Uint8Array.of(hi, lo)) === ch) {
          out.push(hi, lo);
          found = true;
          break search;
        }
      }
    }
    if (!found) throw new Error(`no GBK for ${ch}`);
  }
  return Buffer.from(out);
}
