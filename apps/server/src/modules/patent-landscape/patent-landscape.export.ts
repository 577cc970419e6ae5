import type { PatentLandscape } from '@innotown/contracts/patent-landscape';
import type { PatentLegalStatus } from '@innotown/contracts/patents';
import ExcelJS from 'exceljs';
import { done, head, safe, title, widths } from '../targets/targets.export.ts';

/** The landscape as a workbook: one sheet per chart, the same figures as the page and the PDF. */

export const KIND_ZH = { invention: '发明', utility_model: '实用新型', design: '外观设计' } as const;
export const LEGAL_STATUS_ZH: Record<PatentLegalStatus, string> = {
  pending: '审中',
  granted: '有效（已授权）',
  lapsed: '失效（未缴年费等）',
  invalidated: '被宣告无效',
  expired: '期限届满',
  rejected: '驳回',
  withdrawn: '撤回',
};

/** "古镇镇 · 照明器具制造 · F21V · 2017–2026": the filter in words (title of the report and the workbook). */
export function filterText(f: PatentLandscape['filter']): string {
  const parts = [
    f.town?.name ?? '全市',
    f.industry?.nameZh,
    f.ipc ? `IPC ${f.ipc.code}` : undefined,
    f.applicant ? `申请人：${f.applicant}` : undefined,
    `${f.from}–${f.to} 年`,
  ];
  return parts.filter((p): p is string => p !== undefined).join(' · ');
}

const pct = (v: number | null) => (v === null ? null : v);

export async function landscapeWorkbook(l: PatentLandscape): Promise<Buffer> {
  const generatedAt = new Date(l.generatedAt);
  const wb = new ExcelJS.Workbook();
  wb.created = generatedAt;
  const subject = safe(filterText(l.filter));

  const summary = wb.addWorksheet('概况');
  title(summary, `专利分析 · ${subject}`, generatedAt, '申请量按申请年、授权量按授权年统计；其余图表统计期间内申请的专利');
  head(summary, ['项目', '件数']);
  summary.addRows([
    ['申请量合计', l.totals.filed.total],
    ['其中：发明', l.totals.filed.invention],
    ['其中：实用新型', l.totals.filed.utility_model],
    ['其中：外观设计', l.totals.filed.design],
    ['已授权', l.totals.granted],
    ['目前有效', l.totals.inForce],
    ['本地申请人', l.totals.local],
    ['外地申请人', l.totals.outside],
  ]);
  widths(summary, [24, 14]);

  const years = wb.addWorksheet('年度趋势');
  title(years, `申请与授权年度趋势 · ${subject}`, generatedAt, '增长率 = 本年 ÷ 上年 − 1；上年为 0 时为空');
  head(years, [
    '年份',
    '申请-发明',
    '申请-实用新型',
    '申请-外观设计',
    '申请合计',
    '申请增长率',
    '发明申请增长率',
    '授权-发明',
    '授权-实用新型',
    '授权-外观设计',
    '授权合计',
    '授权增长率',
  ]);
  for (const y of l.years) {
    const row = years.addRow([
      y.year,
      y.filed.invention,
      y.filed.utility_model,
      y.filed.design,
      y.filed.total,
      pct(y.filedGrowth),
      pct(y.inventionFiledGrowth),
      y.granted.invention,
      y.granted.utility_model,
      y.granted.design,
      y.granted.total,
      pct(y.grantedGrowth),
    ]);
    for (const c of [6, 7, 12]) row.getCell(c).numFmt = '0.0%';
  }
  widths(years, [8, 11, 13, 13, 10, 11, 13, 11, 13, 13, 10, 11]);

  const ranked = (name: string, heading: string, items: { name: string; count: number }[]) => {
    const sheet = wb.addWorksheet(name);
    title(sheet, `${heading} · ${subject}`, generatedAt, '每件专利对每个名称计一次');
    head(sheet, ['排名', heading.replace('前列', ''), '专利件数']);
    for (const [n, a] of items.entries()) sheet.addRow([n + 1, safe(a.name), a.count]);
    widths(sheet, [8, 40, 12]);
  };
  ranked('主要申请人', '申请人前列', l.topApplicants);
  ranked('主要发明人', '发明人前列', l.topInventors);

  const ipc = wb.addWorksheet('IPC分布');
  title(ipc, `IPC 技术分布 · ${subject}`, generatedAt, '每件专利在其所属每个小类、大组各计一次；外观设计（洛迦诺分类）不在此表');
  head(ipc, ['小类', '小类名称', '小类件数', '大组', '大组名称', '大组件数']);
  for (const s of l.ipc) {
    if (s.groups.length === 0) ipc.addRow([s.code, s.titleZh, s.count]);
    for (const g of s.groups) ipc.addRow([s.code, s.titleZh, s.count, g.code.replace(/\/$/, '/00'), g.titleZh, g.count]);
  }
  widths(ipc, [8, 36, 10, 12, 40, 10]);

  const industries = wb.addWorksheet('行业分布');
  title(
    industries,
    `国民经济行业分布 · ${subject}`,
    generatedAt,
    'IPC/洛迦诺分类与国民经济行业分类（GB/T 4754-2017）参照表见 docs/patent-industry-concordance.md',
  );
  head(industries, ['行业代码', '行业名称', '专利件数']);
  for (const i of l.industries) industries.addRow([i.code, i.nameZh, i.count]);
  industries.addRow(['—', '未对应到参照表行业', l.unmapped]);
  widths(industries, [10, 40, 12]);

  const status = wb.addWorksheet('法律状态');
  title(status, `法律状态与申请人来源 · ${subject}`, generatedAt);
  head(status, ['法律状态', '专利件数']);
  for (const s of l.legalStatus) status.addRow([LEGAL_STATUS_ZH[s.status], s.count]);
  status.addRow([]);
  head(status, ['申请人来源', '专利件数']);
  status.addRow(['本地（中山）申请人', l.totals.local]);
  status.addRow(['外地申请人', l.totals.outside]);
  widths(status, [24, 12]);

  const ind = wb.addWorksheet('专利指标');
  title(
    ind,
    `专利指标（按镇街和年份） · ${subject}`,
    generatedAt,
    '每百万人发明专利申请量 = 当年本地申请人发明专利申请 ÷ 常住人口 × 1,000,000；每万人有效发明专利 = 年末有效发明专利 ÷ 常住人口 × 10,000；人口取行动目标监测中已审核的镇街填报数据',
  );
  head(ind, [
    '镇街',
    '年份',
    '常住人口（人）',
    '发明专利申请（件）',
    '年末有效发明专利（件）',
    '每百万人发明专利申请量',
    '每万人有效发明专利拥有量',
  ]);
  for (const r of l.indicators) {
    ind.addRow([r.townName, r.year, r.population, r.inventionApplications, r.validInventions, r.applicationsPerMillion, r.validPer10k]);
  }
  widths(ind, [14, 8, 14, 16, 18, 20, 22]);

  return done(wb);
}
