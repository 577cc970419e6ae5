import type { TownDashboard } from '@innotown/contracts/target-dashboards';
import type { CityOverview, IndicatorDetail, ProgressStatus, TownComparison } from '@innotown/contracts/targets';
import ExcelJS from 'exceljs';

/**
 * The target dashboards' tables as workbooks (Chinese headers, the same figures as the pages). Each
 * sheet starts with a title and the generation time; numbers stay numbers (formatted by the unit).
 */

export const STATUS_ZH: Record<ProgressStatus, string> = {
  achieved: '已达标',
  on_track: '按进度',
  lagging: '略滞后',
  behind: '滞后',
  no_target: '未设目标',
  no_data: '暂无数据',
};

/** Spreadsheet text never starts a formula (indicator and town names are typed by users). */
export const safe = (s: string) => (/^[=+\-@\t\r]/.test(s) ? `'${s}` : s);
const numberFormat = (unit: string) => (unit === '%' || unit === '1' ? '0.00' : '#,##0.0#');
const unitLabel = (unit: string) => (unit === '1' ? '倍' : unit);

export function title(sheet: ExcelJS.Worksheet, text: string, generatedAt: Date, note?: string) {
  sheet.addRow([text]).font = { bold: true, size: 14 };
  sheet.addRow(['生成时间（UTC）', generatedAt.toISOString().slice(0, 19).replace('T', ' ')]);
  if (note) sheet.addRow(['说明', note]);
  sheet.addRow([]);
}

export function head(sheet: ExcelJS.Worksheet, cells: string[]) {
  const row = sheet.addRow(cells);
  row.font = { bold: true };
  row.alignment = { wrapText: true, vertical: 'middle' };
  return row;
}

export function widths(sheet: ExcelJS.Worksheet, ws: number[]) {
  ws.forEach((w, i) => {
    sheet.getColumn(i + 1).width = w;
  });
}

export async function done(workbook: ExcelJS.Workbook) {
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** The city overview: progress per indicator as of `year`, then every indicator's yearly values. */
export async function overviewWorkbook(o: CityOverview, year: number | null, generatedAt = new Date()): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.created = generatedAt;
  const progress = workbook.addWorksheet('目标进展');
  title(
    progress,
    `行动目标监测 · 全市目标进展${year ? `（${year} 年）` : ''}`,
    generatedAt,
    '全市值按各镇街已审核数据汇总后计算（比值为合计之比）；应达值为基期至目标年的直线路径；预测按近三年年均复合增速',
  );
  head(progress, [
    '指标',
    '单位',
    '年份',
    '当前值',
    '基期值',
    '目标年份',
    '目标值',
    '应达值',
    '完成进度',
    '状态',
    '目标年预测值',
    '年均增速',
  ]);
  for (const item of o.items) {
    const p = item.progress;
    const fmt = numberFormat(item.indicator.unit);
    const row = progress.addRow([
      safe(item.indicator.nameZh),
      unitLabel(item.indicator.unit),
      p.current?.year ?? null,
      p.current?.value ?? null,
      p.base?.value ?? null,
      p.target?.year ?? null,
      p.target?.value ?? null,
      p.expected,
      p.share,
      STATUS_ZH[p.status],
      p.forecast?.value ?? null,
      p.growthRate,
    ]);
    for (const c of [4, 5, 7, 8, 11]) row.getCell(c).numFmt = fmt;
    row.getCell(9).numFmt = '0.0%';
    row.getCell(12).numFmt = '0.0%';
  }
  widths(progress, [30, 10, 8, 12, 12, 10, 12, 12, 10, 10, 14, 10]);

  const series = workbook.addWorksheet('历年数值');
  title(series, '行动目标监测 · 全市指标历年数值', generatedAt);
  head(series, ['指标', '单位', ...o.years.map(String)]);
  for (const item of o.items) {
    const byYear = new Map(item.series.map((p) => [p.year, p.value]));
    const row = series.addRow([safe(item.indicator.nameZh), unitLabel(item.indicator.unit), ...o.years.map((y) => byYear.get(y) ?? null)]);
    o.years.forEach((_, i) => {
      row.getCell(i + 3).numFmt = numberFormat(item.indicator.unit);
    });
  }
  series.addRow(['填报镇街数', '个', ...o.years.map((y) => o.townsReporting.find((r) => r.year === y)?.towns ?? 0)]);
  widths(series, [30, 10, ...o.years.map(() => 11)]);
  return done(workbook);
}

/**
 * The town comparison of a year: the ranking by one indicator (or by the composite index when none is
 * named), then every town with every indicator and the index.
 */
export async function townComparisonWorkbook(c: TownComparison, indicatorCode: string | null, generatedAt = new Date()): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.created = generatedAt;
  const indicator = c.indicators.find((i) => i.code === indicatorCode) ?? null;
  const ranking = workbook.addWorksheet('镇街排名');
  title(
    ranking,
    `行动目标监测 · ${c.year} 年镇街排名（${indicator ? safe(indicator.nameZh) : '综合创新指数'}）`,
    generatedAt,
    '综合创新指数按欧洲创新记分牌（EIS）方法：偏态指标开方、剔除均值±3倍标准差外的离群值求最值、跨镇街和年份最小–最大标准化、等权平均（0–100）',
  );
  const valueHeader = indicator ? `${safe(indicator.nameZh)}（${unitLabel(indicator.unit)}）` : '综合创新指数';
  head(ranking, ['排名', '镇街', valueHeader, '综合创新指数']);
  // Ranked by the indicator's own rank (its direction), or by the index; towns without a value last.
  const rows = c.towns
    .map((t) => {
      const v = indicator ? t.values.find((x) => x.code === indicator.code) : null;
      return { name: t.townName, rank: v?.rank ?? null, value: indicator ? (v?.value ?? null) : t.index, index: t.index };
    })
    .sort((a, b) => (indicator ? (a.rank ?? 1e9) - (b.rank ?? 1e9) : (b.index ?? -1) - (a.index ?? -1)));
  rows.forEach((r, i) => {
    const row = ranking.addRow([indicator ? r.rank : r.index === null ? null : i + 1, safe(r.name), r.value, r.index]);
    row.getCell(3).numFmt = indicator ? numberFormat(indicator.unit) : '0.0';
    row.getCell(4).numFmt = '0.0';
  });
  widths(ranking, [8, 16, 24, 14]);

  const all = workbook.addWorksheet('全部指标');
  title(all, `行动目标监测 · ${c.year} 年各镇街指标`, generatedAt);
  head(all, ['镇街', ...c.indicators.map((i) => `${safe(i.nameZh)}（${unitLabel(i.unit)}）`), '综合创新指数']);
  for (const t of c.towns) {
    const row = all.addRow([safe(t.townName), ...c.indicators.map((i) => t.values.find((v) => v.code === i.code)?.value ?? null), t.index]);
    c.indicators.forEach((i, k) => {
      row.getCell(k + 2).numFmt = numberFormat(i.unit);
    });
    row.getCell(c.indicators.length + 2).numFmt = '0.0';
  }
  widths(all, [16, ...c.indicators.map(() => 16), 14]);
  return done(workbook);
}

/** One town: its indicators over the years with ranks, the composite index, and (city, the town's admin) the base statistics. */
export async function townWorkbook(d: TownDashboard, generatedAt = new Date()): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.created = generatedAt;
  const name = safe(d.town.name);
  const indicators = workbook.addWorksheet('指标');
  title(indicators, `行动目标监测 · ${name}历年指标`, generatedAt);
  head(indicators, ['指标', '单位', ...d.years.map(String), `${d.year ?? ''} 年排名`, `${d.year ?? ''} 年全市值`]);
  for (const item of d.indicators) {
    const byYear = new Map(item.series.map((p) => [p.year, p.value]));
    const rank = item.ranks.find((r) => r.year === d.year);
    const row = indicators.addRow([
      safe(item.indicator.nameZh),
      unitLabel(item.indicator.unit),
      ...d.years.map((y) => byYear.get(y) ?? null),
      rank?.rank ? `${rank.rank}/${rank.of}` : null,
      item.cityValue,
    ]);
    d.years.forEach((_, i) => {
      row.getCell(i + 3).numFmt = numberFormat(item.indicator.unit);
    });
    row.getCell(d.years.length + 4).numFmt = numberFormat(item.indicator.unit);
  }
  widths(indicators, [30, 10, ...d.years.map(() => 11), 10, 12]);

  const index = workbook.addWorksheet('综合创新指数');
  title(index, `行动目标监测 · ${name}综合创新指数`, generatedAt);
  head(index, ['年份', '综合创新指数', `排名（共 ${d.townCount} 个镇街）`]);
  for (const r of d.index) index.addRow([r.year, r.index, r.rank]).getCell(2).numFmt = '0.0';
  widths(index, [8, 14, 18]);

  if (d.statistics) {
    const stats = workbook.addWorksheet('基础数据');
    title(stats, `行动目标监测 · ${name} ${d.year ?? ''} 年基础数据（已审核）`, generatedAt);
    head(stats, ['统计项', '单位', `${d.year ?? ''} 年`, `${d.year === null ? '' : d.year - 1} 年`]);
    for (const s of d.statistics) stats.addRow([safe(s.nameZh), s.unit, s.value, s.previousYearValue]);
    widths(stats, [30, 10, 14, 14]);
  }
  return done(workbook);
}

/**
 * The methodology page's tables: the live catalogue (formula, unit, direction, base year, targets) and
 * how the composite index treats each indicator on the current data (skew, square root, outliers, range).
 */
export async function methodologyWorkbook(
  indicators: readonly IndicatorDetail[],
  treatments: TownComparison['indexTreatments'],
  generatedAt = new Date(),
): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.created = generatedAt;
  const catalogue = workbook.addWorksheet('指标库');
  title(catalogue, '行动目标监测 · 指标库', generatedAt, '公式中的名称为基础统计数据代码；全市值为各镇街合计后按公式计算');
  head(catalogue, ['代码', '指标', '公式', '单位', '方向', '基期', '全市目标', '镇街目标数', '计入综合指数']);
  for (const i of indicators) {
    const city = i.targets.filter((t) => t.townId === null).map((t) => `${t.year}: ${t.value}`);
    catalogue.addRow([
      i.code,
      safe(i.nameZh),
      safe(i.formula),
      unitLabel(i.unit),
      i.direction === 'lower' ? '越低越好' : '越高越好',
      i.baseYear,
      city.join('; ') || '未设目标',
      i.targets.length - city.length,
      i.inIndex ? '是' : '否',
    ]);
  }
  widths(catalogue, [28, 30, 36, 10, 10, 8, 16, 10, 12]);

  const index = workbook.addWorksheet('综合指数处理');
  title(
    index,
    '行动目标监测 · 综合创新指数的指标处理',
    generatedAt,
    'EIS 方法：均值±3倍标准差外为离群值（不参与求最值）；偏度>1 的非负指标开方；跨镇街和年份最小–最大标准化；等权平均×100',
  );
  head(index, ['指标', '偏度', '开方', '离群值个数', '最小值（变换后）', '最大值（变换后）', '参与']);
  const name = new Map(indicators.map((i) => [i.code, i.nameZh]));
  for (const x of treatments) {
    index.addRow([
      safe(name.get(x.code) ?? x.code),
      x.skewness,
      x.transformed ? '是' : '否',
      x.outliers,
      x.min,
      x.max,
      x.used ? '是' : '否',
    ]);
  }
  widths(index, [30, 10, 8, 12, 16, 16, 8]);
  return done(workbook);
}
