import type { SharingFigures, SharingReport, SharingRow } from '@innotown/contracts/sharing-statistics';
import ExcelJS from 'exceljs';

/** The evaluation sheet's columns, one row per instrument (or per institution/town on the aggregate sheets). */
const FIGURE_COLUMNS: readonly { header: string; key: keyof SharingFigures; width: number; format?: string }[] = [
  { header: '原值（元） Original value (yuan)', key: 'originalValueFen', width: 16, format: '#,##0.00' },
  { header: '可用机时 Available h', key: 'availableHours', width: 12, format: '0.00' },
  { header: '有效机时 Effective h', key: 'effectiveHours', width: 12, format: '0.00' },
  { header: '对外服务机时 External h', key: 'externalHours', width: 13, format: '0.00' },
  { header: '内部使用机时 Internal h', key: 'internalHours', width: 13, format: '0.00' },
  { header: '使用率 Utilisation', key: 'utilisationRate', width: 11, format: '0.00%' },
  { header: '共享率 Sharing rate', key: 'sharingRate', width: 11, format: '0.00%' },
  { header: '收益率 Revenue rate', key: 'revenueRate', width: 11, format: '0.00%' },
  { header: '服务用户数 External users', key: 'externalUsers', width: 12 },
  { header: '对外服务次数 Services', key: 'externalServices', width: 12 },
  { header: '对外服务收入（元） External income', key: 'externalIncomeFen', width: 16, format: '#,##0.00' },
  { header: '内部收入（元） Internal income', key: 'internalIncomeFen', width: 16, format: '#,##0.00' },
  { header: '服务收入（元） Service income', key: 'serviceIncomeFen', width: 16, format: '#,##0.00' },
  { header: '爽约次数 No-shows', key: 'noShows', width: 10 },
  { header: '爽约率 No-show rate', key: 'noShowRate', width: 11, format: '0.00%' },
];
const MONEY = new Set<keyof SharingFigures>(['originalValueFen', 'externalIncomeFen', 'internalIncomeFen', 'serviceIncomeFen']);

const LEVEL_NAME = { city: '全市 City', town: '镇街 Town', institution: '机构 Institution', instrument: '仪器 Instrument' } as const;

/** Spreadsheet text never starts a formula (CSV/formula injection through names users typed). */
const safe = (s: string | null) => (s && /^[=+\-@\t\r]/.test(s) ? `'${s}` : (s ?? ''));
const cellOf = (f: SharingFigures, key: keyof SharingFigures) => {
  const v = f[key];
  if (v === null) return null;
  return MONEY.has(key) ? (v as number) / 100 : v;
};

type Lead = { header: string; width: number; value: (r: SharingRow) => string };

function addTable(sheet: ExcelJS.Worksheet, leads: readonly Lead[], rows: readonly SharingRow[], totals: SharingFigures | null) {
  const header = sheet.addRow([...leads.map((l) => l.header), ...FIGURE_COLUMNS.map((c) => c.header)]);
  header.font = { bold: true };
  header.alignment = { wrapText: true, vertical: 'middle' };
  const first = header.number + 1;
  for (const r of rows) sheet.addRow([...leads.map((l) => safe(l.value(r))), ...FIGURE_COLUMNS.map((c) => cellOf(r.figures, c.key))]);
  if (totals) {
    const t = sheet.addRow(['合计 Total', ...leads.slice(1).map(() => ''), ...FIGURE_COLUMNS.map((c) => cellOf(totals, c.key))]);
    t.font = { bold: true };
  }
  leads.forEach((l, i) => {
    sheet.getColumn(i + 1).width = Math.max(sheet.getColumn(i + 1).width ?? 0, l.width);
  });
  FIGURE_COLUMNS.forEach((c, i) => {
    const col = sheet.getColumn(leads.length + i + 1);
    col.width = Math.max(col.width ?? 0, c.width);
    if (c.format) for (let n = first; n <= sheet.rowCount; n++) sheet.getRow(n).getCell(leads.length + i + 1).numFmt = c.format;
  });
}

function headerBlock(sheet: ExcelJS.Worksheet, title: string, r: SharingReport, generatedAt: Date) {
  sheet.addRow([title]).font = { bold: true, size: 14 };
  sheet.addRow([`${LEVEL_NAME[r.level]}`, safe(r.name)]);
  sheet.addRow(['统计期间 Period', `${r.from} — ${r.to}`]);
  sheet.addRow(['工作日 Working days', r.workingDays]);
  sheet.addRow(['仪器台套 Instruments', r.totals.instruments]);
  sheet.addRow(['生成时间 Generated (UTC)', generatedAt.toISOString().slice(0, 19).replace('T', ' ')]);
  sheet.addRow([
    '口径 Rules',
    '有效机时＝对外服务（企业确认或记录满 7 日无异议）＋内部使用；使用率＝有效÷可用；共享率＝对外÷有效；收益率＝(内部收入＋1.5×对外收入)÷原值',
  ]);
  sheet.addRow([]);
}

const INSTRUMENT_LEADS: readonly Lead[] = [
  { header: '仪器名称 Instrument', width: 30, value: (r) => r.name },
  { header: '型号 Model', width: 16, value: (r) => r.model ?? '' },
  { header: '所属机构 Institution', width: 26, value: (r) => r.institutionName ?? '' },
  { header: '镇街 Town', width: 12, value: (r) => r.townName ?? '' },
];

/**
 * The annual evaluation workbook: sheet 1 is the unit's table (one row per instrument for an
 * institution, per institution for a town, per town for the city) with a header block and totals;
 * a town or the city also gets the instrument detail as sheet 2.
 */
export async function evaluationWorkbook(r: SharingReport, instruments: readonly SharingRow[], generatedAt = new Date()): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.created = generatedAt;
  const sheet = workbook.addWorksheet('评价考核表 Evaluation');
  headerBlock(sheet, '大型科研仪器设备开放共享评价考核表', r, generatedAt);
  sheet.getColumn(1).width = 30;
  if (r.level === 'institution' || r.level === 'instrument') {
    addTable(sheet, INSTRUMENT_LEADS, r.level === 'instrument' ? instruments : r.rows, r.totals);
  } else {
    const leads: Lead[] =
      r.level === 'city'
        ? [{ header: '镇街 Town', width: 14, value: (x) => x.name }]
        : [{ header: '机构 Institution', width: 30, value: (x) => x.name }];
    addTable(sheet, leads, r.rows, r.totals);
    const detail = workbook.addWorksheet('仪器明细 Instruments');
    addTable(detail, INSTRUMENT_LEADS, instruments, r.totals);
  }
  sheet.views = [{ state: 'frozen', ySplit: 0 }];
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
