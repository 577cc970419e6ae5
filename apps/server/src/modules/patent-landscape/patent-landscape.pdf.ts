import type { PatentLandscape } from '@innotown/contracts/patent-landscape';
import type { Content } from 'pdfmake';
import pdfmake from 'pdfmake';
import { CHART_FONT } from '../target-report/target-report.charts.ts';
import { fonts, loadFonts } from '../target-report/target-report.pdf.ts';
import { indicatorSvg, PIE_WIDTH, pieSvg, rankedSvg, statusItems, treemapSvg, trendSvg, WIDTH } from './patent-landscape.charts.ts';
import { filterText, KIND_ZH, LEGAL_STATUS_ZH } from './patent-landscape.export.ts';

/**
 * The landscape report (专利分析报告) of a town or an industry as PDF: pdfmake with the Noto CJK faces
 * target-report loads (fonts read once into pdfmake's memory, disk and URL access refused), charts as
 * ECharts SVG whose text uses the same embedded faces.
 */

type TDocumentDefinitions = Parameters<typeof pdfmake.createPdf>[0];

const subject = (l: PatentLandscape) =>
  l.filter.industry?.nameZh ?? l.filter.town?.name ?? (l.filter.ipc ? `IPC ${l.filter.ipc.code}` : '中山市');
export const reportTitle = (l: PatentLandscape) =>
  `${l.filter.town && l.filter.industry ? `${l.filter.town.name}${l.filter.industry.nameZh}` : subject(l)}专利分析报告`;
export const reportFilename = (l: PatentLandscape) => `${reportTitle(l)}-${l.filter.from}-${l.filter.to}.pdf`;

const pct = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(1)}%`);
const num = (v: number | null) => (v === null ? '—' : v.toLocaleString('zh-CN', { maximumFractionDigits: 2 }));
const th = (text: string): Content => ({ text, style: 'th' });
const right = (text: string): Content => ({ text, alignment: 'right' });
const tableLayout = {
  fillColor: (row: number) => (row === 0 ? '#f0f5ff' : row % 2 === 0 ? '#fafafa' : null),
  hLineColor: () => '#d9d9d9',
  vLineColor: () => '#d9d9d9',
  hLineWidth: () => 0.5,
  vLineWidth: () => 0.5,
};
const table = (widths: (number | string)[], body: Content[][]): Content => ({
  table: { headerRows: 1, widths, body },
  layout: tableLayout,
  style: 'table',
});
const chart = (svg: string, height: number, width = WIDTH): Content => ({ svg, width, height, font: CHART_FONT }) as Content;

type Charts = { trend: string; applicants: string; treemap: string; status: string; origin: string; indicators: string };

export function landscapeDocument(l: PatentLandscape, c: Charts): TDocumentDefinitions {
  const t = l.totals;
  const last = l.years[l.years.length - 1];
  const ownRows = l.indicators.filter((r) => r.townId === (l.filter.town?.id ?? null));
  const townRows = l.filter.town ? [] : l.indicators.filter((r) => r.townId !== null && r.year === last?.year);
  const content: Content[] = [
    { text: '中山市专业镇创新服务平台 · 专利信息服务', style: 'kicker' },
    { text: reportTitle(l), style: 'title' },
    { text: filterText(l.filter), style: 'subtitle' },
    {
      text:
        `期间内共申请专利 ${num(t.filed.total)} 件（发明 ${num(t.filed.invention)}、实用新型 ${num(t.filed.utility_model)}、外观设计 ${num(t.filed.design)}），` +
        `已授权 ${num(t.granted)} 件，目前有效 ${num(t.inForce)} 件；本地申请人 ${num(t.local)} 件、外地申请人 ${num(t.outside)} 件。` +
        (l.filedCagr !== null ? `申请量年均复合增长率 ${pct(l.filedCagr)}。` : ''),
      style: 'para',
    },
    { text: '一、申请与授权趋势', style: 'h1' },
    { text: '柱为各年申请量（按申请年，分专利类型），线为授权量（按授权年）。', style: 'note' },
    chart(c.trend, 230),
    table(
      [40, '*', '*', '*', '*', '*', '*', '*'],
      [
        [
          '年份',
          `申请·${KIND_ZH.invention}`,
          `申请·${KIND_ZH.utility_model}`,
          `申请·${KIND_ZH.design}`,
          '申请合计',
          '增长率',
          '授权合计',
          '增长率',
        ].map(th),
        ...l.years.map((y) => [
          String(y.year),
          right(num(y.filed.invention)),
          right(num(y.filed.utility_model)),
          right(num(y.filed.design)),
          right(num(y.filed.total)),
          right(pct(y.filedGrowth)),
          right(num(y.granted.total)),
          right(pct(y.grantedGrowth)),
        ]),
      ],
    ),
    { text: '二、主要申请人与发明人', style: 'h1', pageBreak: 'before' },
    l.topApplicants.length ? chart(c.applicants, 260) : { text: '暂无数据', style: 'note' },
    {
      columns: [
        table(
          [24, '*', 40],
          [['#', '申请人', '件数'].map(th), ...l.topApplicants.map((a, n) => [String(n + 1), a.name, right(num(a.count))])],
        ),
        table(
          [24, '*', 40],
          [['#', '发明人', '件数'].map(th), ...l.topInventors.map((a, n) => [String(n + 1), a.name, right(num(a.count))])],
        ),
      ],
      columnGap: 12,
    },
    { text: '三、技术分布（IPC）与行业分布', style: 'h1', pageBreak: 'before' },
    { text: '按 IPC 小类统计（每件专利在其所属每个小类计一次；外观设计使用洛迦诺分类，不在此图）。', style: 'note' },
    l.ipc.length ? chart(c.treemap, 300) : { text: '暂无 IPC 分类数据', style: 'note' },
    table(
      [44, '*', 40, 56],
      [
        ['小类', '名称', '件数', '主要大组'].map(th),
        ...l.ipc.slice(0, 12).map((s) => [
          s.code,
          s.titleZh ?? '—',
          right(num(s.count)),
          s.groups
            .slice(0, 3)
            .map((g) => `${g.code}00`)
            .join('\n'),
        ]),
      ],
    ),
    { text: '按 IPC/洛迦诺分类—国民经济行业分类（GB/T 4754-2017）参照表归入行业；一件专利可属多个行业。', style: 'note' },
    table(
      [50, '*', 60],
      [
        ['行业代码', '行业', '件数'].map(th),
        ...l.industries.map((i) => [i.code, i.nameZh, right(num(i.count))]),
        ['—', '未对应到参照表行业', right(num(l.unmapped))],
      ],
    ),
    { text: '四、法律状态与申请人来源', style: 'h1', pageBreak: 'before' },
    {
      columns: [chart(c.status, 200, PIE_WIDTH), chart(c.origin, 200, PIE_WIDTH)].map(
        (x) => ({ ...(x as object), width: PIE_WIDTH }) as Content,
      ),
      columnGap: 15,
    },
    table([`*`, 80], [['法律状态', '件数'].map(th), ...l.legalStatus.map((s) => [LEGAL_STATUS_ZH[s.status], right(num(s.count))])]),
    { text: '五、专利指标', style: 'h1' },
    {
      text: '每百万人发明专利申请量 = 当年本地申请人发明专利申请 ÷ 常住人口 × 100 万；每万人有效发明专利拥有量 = 年末有效发明专利 ÷ 常住人口 × 1 万。人口取自行动目标监测中已审核的镇街填报；无人口数据的年份不计算比值。',
      style: 'note',
    },
    chart(c.indicators, 220),
    table(
      [40, '*', '*', '*', '*', '*'],
      [
        ['年份', '常住人口', '发明专利申请', '年末有效发明', '每百万人申请', '每万人有效'].map(th),
        ...ownRows.map((r) => [
          String(r.year),
          right(num(r.population)),
          right(num(r.inventionApplications)),
          right(num(r.validInventions)),
          right(num(r.applicationsPerMillion)),
          right(num(r.validPer10k)),
        ]),
      ],
    ),
    ...(townRows.length
      ? [
          { text: `${last?.year} 年各镇街`, style: 'h2' } as Content,
          table(
            ['*', '*', '*', '*', '*'],
            [
              ['镇街', '发明专利申请', '年末有效发明', '每百万人申请', '每万人有效'].map(th),
              ...townRows.map((r) => [
                r.townName,
                right(num(r.inventionApplications)),
                right(num(r.validInventions)),
                right(num(r.applicationsPerMillion)),
                right(num(r.validPer10k)),
              ]),
            ],
          ),
        ]
      : []),
    {
      text: `数据来源：平台专利数据库（${l.generatedAt.slice(0, 10)} 生成）。专利数据为公开信息；平台数据库收录的专利为样本，不等同于全市专利统计。`,
      style: 'note',
      margin: [0, 12, 0, 0],
    },
  ];
  return {
    pageSize: 'A4',
    pageMargins: [40, 48, 40, 48],
    info: { title: reportTitle(l), author: '中山市专业镇创新服务平台', subject: '专利分析' },
    header: (page: number) =>
      page === 1 ? null : { text: `${reportTitle(l)} · ${filterText(l.filter)}`, style: 'running', margin: [40, 20, 40, 0] },
    footer: (page: number, pages: number) => ({
      text: `第 ${page} 页 / 共 ${pages} 页`,
      style: 'running',
      alignment: 'center',
      margin: [0, 16, 0, 0],
    }),
    content,
    defaultStyle: { font: 'Noto', fontSize: 9.5, lineHeight: 1.25 },
    styles: {
      kicker: { fontSize: 10, color: '#595959', margin: [0, 0, 0, 6] },
      title: { fontSize: 20, bold: true, color: '#002c8c' },
      subtitle: { fontSize: 11, color: '#595959', margin: [0, 4, 0, 12] },
      h1: { fontSize: 14, bold: true, color: '#002c8c', margin: [0, 10, 0, 6] },
      h2: { fontSize: 11, bold: true, margin: [0, 8, 0, 4] },
      th: { bold: true, alignment: 'center' },
      table: { margin: [0, 4, 0, 10], fontSize: 8.5 },
      note: { fontSize: 8.5, color: '#595959', margin: [0, 0, 0, 6] },
      para: { fontSize: 10, margin: [0, 0, 0, 8] },
      running: { fontSize: 8, color: '#8c8c8c' },
    },
  } as TDocumentDefinitions;
}

export async function landscapePdf(l: PatentLandscape, onProgress?: (share: number) => Promise<void>): Promise<Buffer> {
  loadFonts();
  const charts: Charts = {
    trend: trendSvg(l),
    applicants: rankedSvg(l.topApplicants),
    treemap: treemapSvg(l),
    status: pieSvg(statusItems(l)),
    origin: pieSvg([
      { name: `本地申请人 ${l.totals.local}`, value: l.totals.local },
      { name: `外地申请人 ${l.totals.outside}`, value: l.totals.outside },
    ]),
    indicators: indicatorSvg(l),
  };
  await onProgress?.(0.5);
  pdfmake.setFonts(fonts());
  const pdf = await pdfmake.createPdf(landscapeDocument(l, charts)).getBuffer();
  await onProgress?.(1);
  return pdf;
}
