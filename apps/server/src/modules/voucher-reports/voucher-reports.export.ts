import type {
  DeclineKind,
  VoucherReport,
  VoucherReportFigures,
  VoucherReportGrouping,
  VoucherReportRow,
} from '@innotown/contracts/voucher-reports';
import ExcelJS from 'exceljs';

type Column = { header: string; key: keyof VoucherReportFigures; width: number; format?: string; money?: true };

/** The report's columns; money in yuan (2 decimals) in the sheet, fen in the API. */
const COLUMNS: readonly Column[] = [
  { header: '申请数', key: 'applications', width: 8 },
  { header: '申请金额（元）', key: 'appliedFen', width: 14, format: '#,##0.00', money: true },
  { header: '发放张数', key: 'issued', width: 9 },
  { header: '发放金额（元）', key: 'issuedFen', width: 14, format: '#,##0.00', money: true },
  { header: '已使用（元）', key: 'usedFen', width: 13, format: '#,##0.00', money: true },
  { header: '其中冻结（元）', key: 'reservedFen', width: 13, format: '#,##0.00', money: true },
  { header: '已结算（元）', key: 'settledFen', width: 13, format: '#,##0.00', money: true },
  { header: '释放回券（元）', key: 'releasedFen', width: 13, format: '#,##0.00', money: true },
  { header: '过期收回（元）', key: 'expiredFen', width: 13, format: '#,##0.00', money: true },
  { header: '兑付率', key: 'redemptionRate', width: 9, format: '0.0%' },
  { header: '结算笔数', key: 'settlements', width: 9 },
  { header: '发放至结算中位天数', key: 'awardToSettlementMedianDays', width: 12, format: '0.0' },
  { header: '发放至结算平均天数', key: 'awardToSettlementMeanDays', width: 12, format: '0.0' },
  { header: '补贴订单数', key: 'subsidisedOrders', width: 10 },
  { header: '已结算订单金额（元）', key: 'settledOrderFen', width: 15, format: '#,##0.00', money: true },
  { header: '企业自付（元）', key: 'enterpriseSpendFen', width: 13, format: '#,##0.00', money: true },
  { header: '撬动比（自付÷补贴）', key: 'leverage', width: 12, format: '0.00' },
  { header: '用券企业数', key: 'enterprisesUsing', width: 10 },
  { header: '重复使用企业数', key: 'repeatEnterprises', width: 12 },
  { header: '已交付订单数', key: 'deliveredOrders', width: 11 },
  { header: '交付中位天数', key: 'deliveryMedianDays', width: 10, format: '0.0' },
  { header: '交付平均天数', key: 'deliveryMeanDays', width: 10, format: '0.0' },
  { header: '评价数', key: 'ratedOrders', width: 8 },
  { header: '平均评分', key: 'averageRating', width: 8, format: '0.00' },
];

const SHEETS: Record<VoucherReportGrouping, { title: string; lead: string }> = {
  programme: { title: '按计划', lead: '创新券计划' },
  town: { title: '按镇街', lead: '镇街' },
  provider: { title: '按服务机构', lead: '服务机构' },
  category: { title: '按服务类别', lead: '服务类别' },
};

const KIND_ZH: Record<DeclineKind, string> = {
  application: '创新券申请（退回/不予批准）',
  claim: '补贴申领（驳回）',
  quote: '需求报价（未采纳）',
};
/** Chinese names of the structured reasons (the lists in packages/contracts; an unknown code is shown as is). */
const REASON_ZH: Record<string, string> = {
  not_eligible: '不符合条件',
  budget_exhausted: '预算已用完',
  evidence_missing: '材料不全',
  price_unclear: '价格不明确',
  outside_window: '不在申请期内',
  amount_above_usage: '申领金额超过实际使用',
  invoice_mismatch: '发票不符',
  not_delivered: '服务未交付',
  price_too_high: '价格过高',
  too_slow: '周期过长',
  not_matching: '不符合需求',
  other_quote_chosen: '已选择其他报价',
  other: '其他',
};

/** Spreadsheet text never starts a formula (names were typed by users). */
const safe = (s: string) => (/^[=+\-@\t\r]/.test(s) ? `'${s}` : s);
const cellOf = (f: VoucherReportFigures, c: Column) => {
  const v = f[c.key];
  if (v === null) return null;
  return c.money ? v / 100 : v;
};

function header(sheet: ExcelJS.Worksheet, r: VoucherReport, title: string, generatedAt: Date) {
  sheet.addRow([`创新券统计 · ${title}`]).font = { bold: true, size: 14 };
  sheet.addRow(['范围', r.scope === 'town' ? `${safe(r.townName ?? '')}（本镇街企业）` : '全市']);
  sheet.addRow(['发放期间', r.from || r.to ? `${r.from ?? '…'} — ${r.to ?? '…'}` : '全部']);
  sheet.addRow(['生成时间（UTC）', generatedAt.toISOString().slice(0, 19).replace('T', ' ')]);
  sheet.addRow([
    '口径',
    '以期间内发放的创新券为统计对象，跟踪至今；兑付率＝已结算÷发放金额；撬动比＝企业自付÷已结算补贴；交付天数＝订单接受至交付；详见 docs/voucher-reports.md',
  ]);
  sheet.addRow([]);
}

function table(sheet: ExcelJS.Worksheet, lead: string, rows: readonly VoucherReportRow[], totals: VoucherReportFigures | null) {
  const head = sheet.addRow([lead, ...COLUMNS.map((c) => c.header)]);
  head.font = { bold: true };
  head.alignment = { wrapText: true, vertical: 'middle' };
  const first = head.number + 1;
  for (const r of rows) sheet.addRow([safe(r.name), ...COLUMNS.map((c) => cellOf(r.figures, c))]);
  if (totals) sheet.addRow(['合计', ...COLUMNS.map((c) => cellOf(totals, c))]).font = { bold: true };
  sheet.getColumn(1).width = 30;
  COLUMNS.forEach((c, i) => {
    const col = sheet.getColumn(i + 2);
    col.width = c.width;
    if (c.format) for (let n = first; n <= sheet.rowCount; n++) sheet.getRow(n).getCell(i + 2).numFmt = c.format;
  });
}

/**
 * The report as a workbook: one sheet per grouping (programme, town, provider, category) with the
 * scope/period header and, where the rows partition the whole, a total row; then the decline reasons.
 * Provider and category rows do not add up to the total (applications and vouchers have no provider).
 */
export async function voucherReportWorkbook(
  r: VoucherReport,
  groupings: Record<VoucherReportGrouping, readonly VoucherReportRow[]>,
  generatedAt = new Date(),
): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.created = generatedAt;
  for (const g of ['programme', 'town', 'provider', 'category'] as const) {
    const sheet = workbook.addWorksheet(SHEETS[g].title);
    header(sheet, r, SHEETS[g].title, generatedAt);
    table(sheet, SHEETS[g].lead, groupings[g], g === 'programme' || g === 'town' ? r.totals : null);
  }
  const reasons = workbook.addWorksheet('拒绝原因');
  header(reasons, r, '拒绝原因', generatedAt);
  reasons.addRow(['类型', '原因', '次数']).font = { bold: true };
  for (const x of r.reasons) reasons.addRow([KIND_ZH[x.kind], REASON_ZH[x.reason] ?? safe(x.reason), x.count]);
  reasons.getColumn(1).width = 30;
  reasons.getColumn(2).width = 24;
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
