import type { ResourceImportIssue, ResourceImportReport } from '@innotown/contracts/resource-import';
import type { ResourceKind } from '@innotown/contracts/resources';
import ExcelJS from 'exceljs';
import { COLUMNS, type Column, headerOf, labelOf } from './resources-io.columns.ts';

/** A sheet as text: the header cells and the data rows with their spreadsheet row numbers (header = 1). */
export type Table = { header: string[]; rows: { row: number; cells: string[] }[] };

export const DATA_SHEET = '资源数据 Data';
const GUIDE_SHEET = '填写说明 Guide';
const KIND_NAMES: Record<ResourceKind, { zh: string; en: string }> = {
  instrument: { zh: '仪器设备', en: 'Instruments' },
  lab: { zh: '实验室与研发平台', en: 'Laboratories' },
  expert: { zh: '专家', en: 'Experts' },
  result: { zh: '科技成果', en: 'Technology results' },
};
/** Data validation reaches this many rows below the header. */
const VALIDATED_ROWS = 5_000;

// ---------------------------------------------------------------------------------------------
// Reading

/** The cell as the user sees it: rich text joined, formulas by their result, numbers without float noise. */
function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(15)));
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
    if ('text' in value) return String(value.text);
    if ('error' in value) return String(value.error);
  }
  return String(value);
}

/** The data sheet of a workbook (by name, else the first sheet). */
export async function readXlsx(buffer: Buffer): Promise<Table> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  const sheet = workbook.getWorksheet(DATA_SHEET) ?? workbook.worksheets[0];
  if (!sheet) return { header: [], rows: [] };
  const width = sheet.getRow(1).cellCount;
  const header: string[] = [];
  for (let c = 1; c <= width; c++) header.push(cellText(sheet.getRow(1).getCell(c).value).trim());
  const rows: Table['rows'] = [];
  sheet.eachRow({ includeEmpty: false }, (row, number) => {
    if (number === 1) return;
    const cells: string[] = [];
    for (let c = 1; c <= Math.max(width, row.cellCount); c++) cells.push(cellText(row.getCell(c).value));
    rows.push({ row: number, cells });
  });
  return { header, rows };
}

/** Text of a CSV upload: UTF-8 (with or without BOM) or, as Excel saves it on Chinese Windows, GB18030. Null if not text. */
export function decodeText(buffer: Buffer): string | null {
  const head = buffer.subarray(0, 64 * 1024);
  if (head.includes(0)) return null;
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(buffer);
  } catch {
    try {
      text = new TextDecoder('gb18030', { fatal: true }).decode(buffer);
    } catch {
      return null;
    }
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  // Control characters other than tab and line ends mean a binary file.
  const sample = text.slice(0, 64 * 1024);
  for (let i = 0; i < sample.length; i++) {
    const code = sample.charCodeAt(i);
    if ((code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) || code === 0x7f) return null;
  }
  return text;
}

/** RFC 4180 CSV (quoted fields, doubled quotes, CRLF or LF); a header line without commas but with tabs is read as TSV. */
export function readCsv(text: string): Table {
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const sep = !firstLine.includes(',') && firstLine.includes('\t') ? '\t' : ',';
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  let i = 0;
  while (i < text.length) {
    const ch = text[i] as string;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
      } else field += ch;
      i++;
      continue;
    }
    if (ch === '"' && field === '') quoted = true;
    else if (ch === sep) {
      record.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      if (ch === '\r' && text[i + 1] === '\n') i++;
    } else field += ch;
    i++;
  }
  if (field !== '' || record.length > 0) {
    record.push(field);
    records.push(record);
  }
  const [header = [], ...rest] = records;
  return {
    header: header.map((h) => h.trim()),
    rows: rest.map((cells, index) => ({ row: index + 2, cells })).filter((r) => r.cells.some((c) => c.trim() !== '')),
  };
}

// ---------------------------------------------------------------------------------------------
// Writing

const choicesOf = (c: Column) => (c.type.t === 'enum' || c.type.t === 'enumList' ? c.type.choices : null);
const colLetter = (n: number) => {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
};

/** The import template of a kind: the data sheet (headers, notes, drop-down lists, number checks) and a guide sheet. */
export async function templateXlsx(kind: ResourceKind): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'InnoTown';
  const columns = COLUMNS[kind];
  const sheet = workbook.addWorksheet(DATA_SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((c) => ({ header: headerOf(c), key: c.key, width: c.width ?? Math.max(14, headerOf(c).length + 4) }));
  // exceljs supports range validations (A2:A5001) but does not declare them in its types.
  const validations = (sheet as unknown as { dataValidations: { add: (range: string, v: ExcelJS.DataValidation) => void } })
    .dataValidations;
  const head = sheet.getRow(1);
  head.font = { bold: true };
  head.height = 22;
  columns.forEach((c, i) => {
    const cell = head.getCell(i + 1);
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: c.required ? 'FFFDE2C4' : 'FFE8EEF7' } };
    cell.note = `${c.helpZh}\n${c.helpEn}${c.required ? '\n必填 Required' : ''}`;
    const range = `${colLetter(i + 1)}2:${colLetter(i + 1)}${VALIDATED_ROWS + 1}`;
    const choices = choicesOf(c);
    if (c.type.t === 'enum' && choices) {
      validations.add(range, {
        type: 'list',
        allowBlank: !c.required,
        formulae: [`"${choices.map((o) => o.zh).join(',')}"`],
        showErrorMessage: true,
        errorTitle: c.zh,
        error: `请从列表中选择：${choices.map((o) => o.zh).join('、')}`,
      });
    } else if (c.type.t === 'bool') {
      validations.add(range, {
        type: 'list',
        allowBlank: true,
        formulae: ['"是,否"'],
        showErrorMessage: true,
        errorTitle: c.zh,
        error: '请选择 是 或 否',
      });
    } else if (c.type.t === 'int') {
      validations.add(range, {
        type: 'whole',
        operator: 'between',
        allowBlank: !c.required,
        formulae: [c.type.min, c.type.max],
        showErrorMessage: true,
        errorTitle: c.zh,
        error: `请输入 ${c.type.min}–${c.type.max} 的整数`,
      });
    } else if (c.type.t === 'yuan') {
      validations.add(range, {
        type: 'decimal',
        operator: 'greaterThanOrEqual',
        allowBlank: true,
        formulae: [0],
        showErrorMessage: true,
        errorTitle: c.zh,
        error: '请输入不小于 0 的金额（元）',
      });
    }
  });

  const guide = workbook.addWorksheet(GUIDE_SHEET);
  guide.columns = [
    { header: '列 Column', key: 'header', width: 28 },
    { header: '必填 Required', key: 'required', width: 12 },
    { header: '说明', key: 'helpZh', width: 48 },
    { header: 'Explanation', key: 'helpEn', width: 48 },
    { header: '示例 Example', key: 'example', width: 36 },
  ];
  guide.getRow(1).font = { bold: true };
  for (const c of columns) {
    const choices = choicesOf(c);
    guide.addRow({
      header: `${headerOf(c)}\n${c.en}`,
      required: c.required ? '是 Yes' : '',
      helpZh: choices ? `${c.helpZh}（可选：${choices.map((o) => o.zh).join('、')}）` : c.helpZh,
      helpEn: choices ? `${c.helpEn} (one of: ${choices.map((o) => o.en).join(', ')})` : c.helpEn,
      example: c.example,
    });
  }
  guide.addRow({});
  const notes = [
    `本模板用于导入「${KIND_NAMES[kind].zh}」。请在「${DATA_SHEET}」工作表第 2 行起逐行填写，不要修改表头。`,
    `This template imports ${KIND_NAMES[kind].en}. Fill in the "${DATA_SHEET}" sheet from row 2 on; keep the header row.`,
    '导入时逐行检查：全部通过才会一次性导入，任何一行有错都不会导入，并返回逐行错误报告。导入的资源为草稿，需提交审核后发布。',
    'Every row is checked: either all rows load or none, with a row-by-row report. Imported resources are drafts; submit them for review to publish.',
    '金额单位为人民币元；列表值用分号（;）或顿号（、）分隔；也可另存为 UTF-8 或 GBK 编码的 CSV 文件导入。',
    'Amounts are in yuan; separate list values with ; or 、. The sheet may also be saved as CSV (UTF-8 or GBK).',
  ];
  for (const line of notes) guide.addRow({ header: line });
  guide.addRow({});
  guide.addRow({ header: '示例行 Example row' }).font = { bold: true };
  const exampleHeader = guide.addRow(columns.map(headerOf));
  exampleHeader.font = { bold: true };
  guide.addRow(columns.map((c) => c.example));
  guide.getColumn('header').alignment = { wrapText: true, vertical: 'top' };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** CSV template: the header line only (an example line would be imported), with a BOM so that Excel reads UTF-8. */
export function templateCsv(kind: ResourceKind): string {
  return `\uFEFF${COLUMNS[kind].map((c) => csvCell(headerOf(c))).join(',')}\r\n`;
}

export const csvCell = (v: unknown) => {
  let s = String(v ?? '');
  // Neutralise spreadsheet formulas (CSV injection).
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/** Spreadsheets evaluate text starting with = + - @ as formulas when retyped: keep them text. */
const safeText = (s: string | null | undefined) => {
  const v = s ?? '';
  return /^[=+\-@]/.test(v) ? `'${v}` : v;
};

/** The import report as a workbook: one line per issue. */
export async function reportXlsx(report: ResourceImportReport): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('导入报告 Report', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = [
    { header: '行号 Row', key: 'row', width: 10 },
    { header: '列 Column', key: 'column', width: 30 },
    { header: '填写的值 Value', key: 'value', width: 30 },
    { header: '问题', key: 'messageZh', width: 50 },
    { header: 'Problem', key: 'messageEn', width: 50 },
  ];
  sheet.getRow(1).font = { bold: true };
  for (const issue of report.issues as ResourceImportIssue[]) {
    sheet.addRow({
      row: issue.row ?? '',
      column: safeText(issue.columnLabel ?? issue.column),
      value: safeText(issue.value),
      messageZh: safeText(issue.messageZh),
      messageEn: safeText(issue.messageEn),
    });
  }
  sheet.addRow({});
  sheet.addRow({
    row: '',
    column: `${KIND_NAMES[report.kind].zh} ${KIND_NAMES[report.kind].en}`,
    messageZh: `共 ${report.rows} 行数据，${report.issueCount} 个问题；未导入任何数据。`,
    messageEn: `${report.rows} data rows, ${report.issueCount} problems; nothing was loaded.`,
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export { KIND_NAMES, labelOf, safeText };

const SHARING_ZH: Record<string, string> = { open: '完全开放', members: '注册用户', internal: '内部使用' };
const UNIT_ZH: Record<string, string> = { hour: '小时', sample: '样', day: '天' };
const STATUS_ZH: Record<string, string> = { draft: '草稿', submitted: '待审核', published: '已发布', rejected: '已退回' };
const yuan = (fen: string | number | null) => (fen === null || fen === undefined ? null : Number(fen) / 100);

export type ExportItem = {
  id: string;
  kind: string;
  name: string;
  model: string | null;
  manufacturer: string | null;
  category: string | null;
  summary: string | null;
  institutionName: string;
  townName: string;
  sharing: string;
  industries: string[];
  accreditations: string[];
  feeUnit: string | null;
  feeMinFen: string | number | null;
  feeMaxFen: string | number | null;
  originalValueFen: string | number | null;
  purchaseYear: number | null;
  location: string | null;
  operatorRequired: boolean;
  reviewStatus: string;
  publishedAt: string | Date | null;
};

/** A search result as a workbook (amounts in yuan as numbers, so that the sheet can sum them). */
export async function exportXlsx(items: ExportItem[], note: string): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'InnoTown';
  const sheet = workbook.addWorksheet('资源 Resources', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = [
    { header: '类型 Kind', key: 'kind', width: 12 },
    { header: '名称 Name', key: 'name', width: 30 },
    { header: '型号 Model', key: 'model', width: 16 },
    { header: '生产厂家 Manufacturer', key: 'manufacturer', width: 20 },
    { header: '类别 Category', key: 'category', width: 14 },
    { header: '所属机构 Institution', key: 'institution', width: 30 },
    { header: '镇街 Town', key: 'town', width: 12 },
    { header: '共享方式 Sharing', key: 'sharing', width: 12 },
    { header: '服务行业 Industries', key: 'industries', width: 20 },
    { header: '资质认证 Accreditations', key: 'accreditations', width: 16 },
    { header: '收费单位 Fee unit', key: 'feeUnit', width: 10 },
    { header: '最低收费（元）Min fee', key: 'feeMin', width: 14, style: { numFmt: '#,##0.00' } },
    { header: '最高收费（元）Max fee', key: 'feeMax', width: 14, style: { numFmt: '#,##0.00' } },
    { header: '原值（元）Original value', key: 'originalValue', width: 16, style: { numFmt: '#,##0.00' } },
    { header: '购置年份 Year', key: 'purchaseYear', width: 10 },
    { header: '地点 Location', key: 'location', width: 24 },
    { header: '需操作员 Operator', key: 'operatorRequired', width: 10 },
    { header: '状态 Status', key: 'status', width: 10 },
    { header: '发布时间 Published', key: 'publishedAt', width: 20 },
    { header: '简介 Summary', key: 'summary', width: 50 },
    { header: '编号 ID', key: 'id', width: 38 },
  ];
  sheet.getRow(1).font = { bold: true };
  for (const r of items) {
    sheet.addRow({
      kind: KIND_NAMES[r.kind as ResourceKind]?.zh ?? r.kind,
      name: safeText(r.name),
      model: safeText(r.model),
      manufacturer: safeText(r.manufacturer),
      category: safeText(r.category),
      institution: safeText(r.institutionName),
      town: r.townName,
      sharing: SHARING_ZH[r.sharing] ?? r.sharing,
      industries: safeText(r.industries.join('；')),
      accreditations: safeText(r.accreditations.join('；')),
      feeUnit: r.feeUnit ? (UNIT_ZH[r.feeUnit] ?? r.feeUnit) : '',
      feeMin: yuan(r.feeMinFen),
      feeMax: yuan(r.feeMaxFen),
      originalValue: yuan(r.originalValueFen),
      purchaseYear: r.purchaseYear,
      location: safeText(r.location),
      operatorRequired: r.kind === 'instrument' ? (r.operatorRequired ? '是' : '否') : '',
      status: STATUS_ZH[r.reviewStatus] ?? r.reviewStatus,
      publishedAt: r.publishedAt ? new Date(r.publishedAt).toISOString().slice(0, 19).replace('T', ' ') : '',
      summary: safeText(r.summary),
      id: r.id,
    });
  }
  const info = workbook.addWorksheet('说明 About');
  info.getColumn(1).width = 100;
  info.addRow([note]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
