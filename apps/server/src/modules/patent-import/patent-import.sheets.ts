import { PATENT_IMPORT_COLUMNS, type PatentImportIssue } from '@innotown/contracts/patent-import';
import ExcelJS from 'exceljs';

/** The import template (xlsx with a guide sheet, or a CSV header) and the row-by-row report. */

export const DATA_SHEET = '专利数据 Patents';
const GUIDE_SHEET = '填写说明 Guide';
const REPORT_SHEET = '导入报告 Report';

const csvCell = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

export async function templateXlsx(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'InnoTown';
  const sheet = workbook.addWorksheet(DATA_SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = PATENT_IMPORT_COLUMNS.map((c) => ({ header: c.zh, key: c.key, width: Math.max(14, c.zh.length * 2 + 6) }));
  const head = sheet.getRow(1);
  head.font = { bold: true };
  PATENT_IMPORT_COLUMNS.forEach((c, i) => {
    const cell = head.getCell(i + 1);
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: c.required ? 'FFFDE2C4' : 'FFE8EEF7' } };
    cell.note = `${c.en}\n${c.helpZh}\n${c.helpEn}${c.required ? '\n必填 Required' : ''}`;
  });
  const guide = workbook.addWorksheet(GUIDE_SHEET);
  guide.columns = [
    { header: '列 Column', key: 'zh', width: 18 },
    { header: 'Column', key: 'en', width: 22 },
    { header: '必填 Required', key: 'required', width: 12 },
    { header: '说明', key: 'helpZh', width: 50 },
    { header: 'Explanation', key: 'helpEn', width: 50 },
    { header: '示例 Example', key: 'example', width: 30 },
  ];
  guide.getRow(1).font = { bold: true };
  for (const c of PATENT_IMPORT_COLUMNS) {
    guide.addRow({ zh: c.zh, en: c.en, required: c.required ? '是 Yes' : '', helpZh: c.helpZh, helpEn: c.helpEn, example: c.example });
  }
  guide.addRow({});
  for (const line of [
    `在「${DATA_SHEET}」工作表第 2 行起每行填写一件专利，表头可用中文或英文列名。`,
    'One patent per row from row 2; headers may be Chinese or English.',
    '整个文件逐行检查：全部通过才导入，任何一行有错都不导入，并给出逐行错误报告。按申请号重复导入会更新已有记录，不会重复。',
    'Every row is checked: all rows load or none, with a row-by-row report. Re-importing updates records by application number.',
    '也可另存为 UTF-8 或 GBK 编码的 CSV 文件导入。详见 docs/patent-import.md。',
    'The sheet may also be saved as CSV (UTF-8 or GBK). See docs/patent-import.md.',
  ]) {
    guide.addRow({ zh: line });
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export function templateCsv(): string {
  return `\uFEFF${PATENT_IMPORT_COLUMNS.map((c) => csvCell(c.zh)).join(',')}\r\n`;
}

export async function reportXlsx(
  summary: { filename: string; recordsRead: number; errorCount: number },
  issues: readonly PatentImportIssue[],
): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'InnoTown';
  const sheet = workbook.addWorksheet(REPORT_SHEET, { views: [{ state: 'frozen', ySplit: 2 }] });
  sheet.addRow([
    `文件 ${summary.filename}：读取 ${summary.recordsRead} 条，${summary.errorCount} 条有错误，未导入任何数据。` +
      ` File ${summary.filename}: ${summary.recordsRead} records read, ${summary.errorCount} with errors; nothing was loaded.` +
      (issues.length < summary.errorCount ? ` 仅列出前 ${issues.length} 个问题 / first ${issues.length} issues shown.` : ''),
  ]).font = { bold: true };
  const header = sheet.addRow(['行 Row', '申请号 Application number', '列 Column', '值 Value', '错误', 'Error', '代码 Code']);
  header.font = { bold: true };
  sheet.columns = [{ width: 10 }, { width: 24 }, { width: 26 }, { width: 30 }, { width: 50 }, { width: 50 }, { width: 30 }];
  for (const i of issues) {
    sheet.addRow([i.row ?? '', i.applicationNumber ?? '', i.columnLabel ?? '', i.value ?? '', i.messageZh, i.messageEn, i.code]);
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** The issues of a stored report (for the page; the download is the file itself). */
export async function readReportIssues(buffer: Buffer, limit: number): Promise<PatentImportIssue[]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0];
  const out: PatentImportIssue[] = [];
  if (!sheet) return out;
  sheet.eachRow((row, n) => {
    if (n <= 2 || out.length >= limit) return;
    const v = (c: number) => {
      const x = row.getCell(c).value;
      return x === null || x === undefined || x === '' ? null : String(x);
    };
    out.push({
      row: v(1) === null ? null : Number(v(1)),
      applicationNumber: v(2),
      column: null,
      columnLabel: v(3),
      value: v(4),
      messageZh: v(5) ?? '',
      messageEn: v(6) ?? '',
      code: v(7) ?? '',
    });
  });
  return out;
}
