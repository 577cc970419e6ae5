import type { FundingProgramme, FundingRecord, FundingRecordKind, FundingSummary } from '@innotown/contracts/funding';
import ExcelJS from 'exceljs';

export const PROGRAMME_ZH: Record<FundingProgramme, string> = {
  service_platforms: '科技服务平台',
  key_projects: '关键共性技术攻关',
  parks_incubators: '科技园区和孵化载体',
  vouchers: '科技创新券',
  talent: '创新人才',
};
const KIND_ZH: Record<FundingRecordKind, string> = { allocation: '下达', commitment: '承诺', disbursement: '拨付' };
const MONEY = '#,##0.00';
/** Spreadsheet text never starts a formula (notes were typed by users). */
const safe = (s: string | null) => (s && /^[=+\-@\t\r]/.test(s) ? `'${s}` : (s ?? ''));
const yuan = (fen: number | null) => (fen === null ? null : fen / 100);

/** The summary (lines, then per programme and year) and the records, money in yuan. */
export async function fundingWorkbook(s: FundingSummary, records: readonly FundingRecord[], generatedAt = new Date()): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.created = generatedAt;
  const head = (sheet: ExcelJS.Worksheet, title: string) => {
    sheet.addRow([`专项资金 · ${title}`]).font = { bold: true, size: 14 };
    sheet.addRow(['生成时间（UTC）', generatedAt.toISOString().slice(0, 19).replace('T', ' ')]);
    sheet.addRow(['口径', '金额单位：元。创新券：预算＝下达（市级），券内余额＋已结算＝承诺，已结算＝拨付，来自创新券台账']);
    sheet.addRow([]);
  };
  const money = (sheet: ExcelJS.Worksheet, cols: number[], from: number) => {
    for (const c of cols) {
      sheet.getColumn(c).width = 16;
      for (let n = from; n <= sheet.rowCount; n++) sheet.getRow(n).getCell(c).numFmt = MONEY;
    }
  };

  const lines = workbook.addWorksheet('资金明细');
  head(lines, '按项目、年度和镇街');
  const h1 = lines.addRow(['年度', '项目', '镇街', '下达（元）', '承诺（元）', '拨付（元）', '来源']);
  h1.font = { bold: true };
  for (const l of s.lines) {
    lines.addRow([
      l.year,
      PROGRAMME_ZH[l.programme],
      l.townName ?? '市级',
      yuan(l.allocatedFen),
      yuan(l.committedFen),
      yuan(l.disbursedFen),
      l.computed ? '创新券台账' : '录入',
    ]);
  }
  lines.addRow(['合计', '', '', yuan(s.totals.allocatedFen), yuan(s.totals.committedFen), yuan(s.totals.disbursedFen)]).font = {
    bold: true,
  };
  lines.getColumn(2).width = 20;
  lines.getColumn(3).width = 14;
  money(lines, [4, 5, 6], h1.number + 1);

  const byProgramme = workbook.addWorksheet('按项目');
  head(byProgramme, '按项目和年度');
  const h2 = byProgramme.addRow(['年度', '项目', '下达（元）', '承诺（元）', '拨付（元）']);
  h2.font = { bold: true };
  for (const p of s.byProgramme)
    byProgramme.addRow([p.year, PROGRAMME_ZH[p.programme], yuan(p.allocatedFen), yuan(p.committedFen), yuan(p.disbursedFen)]);
  byProgramme.getColumn(2).width = 20;
  money(byProgramme, [3, 4, 5], h2.number + 1);

  const sheet = workbook.addWorksheet('资金记录');
  head(sheet, '记录');
  const h3 = sheet.addRow(['日期', '年度', '项目', '镇街', '类型', '金额（元）', '关联记录', '说明', '录入人']);
  h3.font = { bold: true };
  for (const r of records) {
    sheet.addRow([
      r.recordDate,
      r.year,
      PROGRAMME_ZH[r.programme],
      r.townName ?? '市级',
      KIND_ZH[r.kind],
      yuan(r.amountFen),
      safe(r.link?.name ?? null),
      safe(r.note),
      safe(r.createdByName),
    ]);
  }
  sheet.getColumn(1).width = 12;
  sheet.getColumn(3).width = 20;
  sheet.getColumn(7).width = 30;
  sheet.getColumn(8).width = 40;
  money(sheet, [6], h3.number + 1);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
