import type { ReportingPeriod, Statistic, StatisticSubmission } from '@innotown/contracts/targets';
import ExcelJS from 'exceljs';
import { done, head, safe, title, widths } from './targets.export.ts';

/**
 * The statistics submission tables as workbooks: the review queue (one row per version, one column
 * per statistic, so the city can compare towns' figures side by side) and a period's progress.
 */

export const SUBMISSION_STATUS_ZH: Record<StatisticSubmission['status'], string> = {
  draft: '草稿',
  submitted: '待审核',
  returned: '已退回',
  approved: '已通过',
  superseded: '已被更正',
};

const period = (year: number, quarter: number | null) => (quarter ? `${year} 年第 ${quarter} 季度` : `${year} 年`);
const time = (iso: string | null) => (iso ? iso.slice(0, 16).replace('T', ' ') : '');

type Summary = Omit<StatisticSubmission, 'values'>;

export async function submissionsWorkbook(
  items: readonly Summary[],
  values: ReadonlyMap<string, ReadonlyMap<string, number>>,
  statistics: readonly Statistic[],
  generatedAt = new Date(),
): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('统计填报');
  title(sheet, '镇街统计填报', generatedAt, '时间为 UTC；数值按各统计项的单位');
  head(sheet, [
    '期次',
    '镇街',
    '版本',
    '状态',
    '提交时间',
    '提交人',
    '审核时间',
    '审核人',
    '审核意见',
    ...statistics.map((s) => `${s.nameZh}（${s.unit}）`),
  ]);
  for (const s of items) {
    const own = values.get(s.id);
    sheet.addRow([
      period(s.year, s.quarter),
      safe(s.townName),
      s.version,
      SUBMISSION_STATUS_ZH[s.status],
      time(s.submittedAt),
      safe(s.submittedByName ?? ''),
      time(s.reviewedAt),
      safe(s.reviewedByName ?? ''),
      safe(s.reviewComment ?? ''),
      ...statistics.map((st) => own?.get(st.code) ?? null),
    ]);
  }
  widths(sheet, [14, 14, 6, 10, 18, 14, 18, 14, 30, ...statistics.map(() => 16)]);
  for (let i = 0; i < statistics.length; i++) sheet.getColumn(10 + i).numFmt = '#,##0.##';
  return done(workbook);
}

type TownProgress = { townName: string; status: StatisticSubmission['status'] | null; version: number | null; late: boolean };

export async function periodProgressWorkbook(p: ReportingPeriod, towns: readonly TownProgress[], generatedAt = new Date()) {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('填报进度');
  title(sheet, `${period(p.year, p.quarter)}统计填报进度（截止 ${p.deadline}）`, generatedAt);
  head(sheet, ['镇街', '状态', '版本', '是否逾期']);
  for (const t of towns) {
    sheet.addRow([safe(t.townName), t.status ? SUBMISSION_STATUS_ZH[t.status] : '未开始', t.version, t.late ? '逾期' : '']);
  }
  widths(sheet, [16, 12, 8, 10]);
  return done(workbook);
}
