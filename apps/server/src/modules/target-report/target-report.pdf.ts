import { readFileSync } from 'node:fs';
import type { TargetReport, TargetReportIndicator } from '@innotown/contracts/target-report';
import type { ProgressStatus } from '@innotown/contracts/targets';
import type { Content } from 'pdfmake';
import pdfmake from 'pdfmake';
import { CHART_FONT, CHART_HEIGHT, CHART_WIDTH, formatNumber, trendChartSvg } from './target-report.charts.ts';

/**
 * The annual report as PDF (pdfmake). Chinese text uses Noto Sans CJK SC from the system's
 * collection files (TTC: each face named inside the collection); pdfmake embeds a subset.
 *
 * The fonts are read once into pdfmake's in-memory file system, so no document ever reads the disk
 * or the network: both access policies refuse everything (a document definition cannot pull in a
 * local file or a URL).
 */

const FONT_DIR = process.env.REPORT_FONT_DIR ?? '/usr/share/fonts/opentype/noto';
const REGULAR = 'NotoSansCJK-Regular.ttc';
const BOLD = 'NotoSansCJK-Bold.ttc';
const REGULAR_FACE = 'NotoSansCJKsc-Regular';
const BOLD_FACE = 'NotoSansCJKsc-Bold';

type TDocumentDefinitions = Parameters<typeof pdfmake.createPdf>[0];
type TFontDictionary = Parameters<typeof pdfmake.setFonts>[0];
// In the Node build, pdfmake's in-memory file system (the typings only describe the browser's).
const virtualfs = (pdfmake as unknown as { virtualfs: { writeFileSync: (name: string, content: Buffer) => void } }).virtualfs;

let fontsLoaded = false;
export function loadFonts() {
  if (fontsLoaded) return;
  for (const file of [REGULAR, BOLD]) virtualfs.writeFileSync(file, readFileSync(`${FONT_DIR}/${file}`));
  pdfmake.setUrlAccessPolicy(() => false);
  pdfmake.setLocalAccessPolicy(() => false);
  fontsLoaded = true;
}

/** A fresh dictionary per document: pdfmake replaces the file name in it by the file's bytes when it loads a face. */
export function fonts(): TFontDictionary {
  const regular = () => [REGULAR, REGULAR_FACE];
  const bold = () => [BOLD, BOLD_FACE];
  return {
    Noto: { normal: regular(), bold: bold(), italics: regular(), bolditalics: bold() },
    // SVG text: pdfmake hands svg-to-pdfkit this entry as the font to open, and PDFKit opens a name it
    // has already loaded (the body text's faces, named after their face) without a file — a
    // [file, face] pair would make it try to open the collection without the face and fail.
    [CHART_FONT]: { normal: REGULAR_FACE, bold: BOLD_FACE, italics: REGULAR_FACE, bolditalics: BOLD_FACE },
  } as unknown as TFontDictionary;
}

export const STATUS_ZH: Record<ProgressStatus, string> = {
  achieved: '已达成',
  on_track: '符合进度',
  lagging: '略有滞后',
  behind: '明显滞后',
  no_target: '未设目标',
  no_data: '暂无数据',
};
const STATUS_COLOR: Record<ProgressStatus, string> = {
  achieved: '#389e0d',
  on_track: '#1677ff',
  lagging: '#d48806',
  behind: '#cf1322',
  no_target: '#8c8c8c',
  no_data: '#8c8c8c',
};
const SUBMISSION_ZH: Record<string, string> = {
  draft: '草稿未提交',
  submitted: '待市级审核',
  returned: '已退回修改',
  approved: '已通过',
  superseded: '已被替代',
};

const subject = (r: TargetReport) => r.town?.name ?? '中山市专业镇';
export const reportTitle = (r: TargetReport) => `${subject(r)}行动目标监测年度报告`;

/** Unit '1' is a plain ratio (e.g. a multiple of the base year): shown without a unit. */
const unitText = (unit: string) => (unit === '1' ? '' : unit);
const withUnit = (v: number | null | undefined, unit: string) =>
  v === null || v === undefined ? '—' : `${formatNumber(v)}${unitText(unit) ? ` ${unit}` : ''}`;
const h1 = (text: string, pageBreak = true): Content => ({ text, style: 'h1', ...(pageBreak ? { pageBreak: 'before' as const } : {}) });
const th = (text: string): Content => ({ text, style: 'th' });
const tableLayout = {
  fillColor: (row: number) => (row === 0 ? '#f0f5ff' : row % 2 === 0 ? '#fafafa' : null),
  hLineColor: () => '#d9d9d9',
  vLineColor: () => '#d9d9d9',
  hLineWidth: () => 0.5,
  vLineWidth: () => 0.5,
};

function cover(r: TargetReport): Content[] {
  const counts = new Map<ProgressStatus, number>();
  for (const i of r.indicators) counts.set(i.status, (counts.get(i.status) ?? 0) + 1);
  const statusLine = (Object.keys(STATUS_ZH) as ProgressStatus[])
    .filter((s) => counts.get(s))
    .map((s) => ({ text: `${STATUS_ZH[s]} ${counts.get(s)} 项    `, color: STATUS_COLOR[s] }));
  return [
    { text: '中山市专业镇创新服务平台', style: 'coverKicker', margin: [0, 150, 0, 12] },
    { text: reportTitle(r), style: 'coverTitle' },
    { text: `${r.year} 年度`, style: 'coverYear', margin: [0, 16, 0, 60] },
    {
      table: {
        widths: [110, '*'],
        body: [
          ['报告对象', r.town ? `${r.town.name}（镇街报告）` : '中山市（全市汇总，按各镇街已审核数据合计）'],
          ['监测指标', `${r.indicators.length} 项`],
          ['报送镇街', `${r.townsReporting} / ${r.townCount} 个镇街的 ${r.year} 年数据已审核通过`],
          ['生成时间', `${r.generatedAt.slice(0, 10)}（数据以生成时已审核的填报为准）`],
        ],
      },
      layout: 'noBorders',
      style: 'coverTable',
    },
    { text: '指标进度', style: 'h2', margin: [0, 40, 0, 6] },
    { text: statusLine.length ? statusLine : '暂无指标' },
    { text: '目录', style: 'h2', margin: [0, 28, 0, 6] },
    {
      ol: ['指标一览', '指标趋势', '镇街排名与综合创新指数', '数据填报情况', '方法说明'],
      style: 'toc',
    },
  ];
}

function summary(r: TargetReport): Content[] {
  // A town's report adds the city's value beside the town's (town targets are often not set).
  const town = r.town !== null;
  const body: Content[][] = [
    ['指标', '单位', `${r.year} 年数值`, ...(town ? ['全市数值'] : []), '目标（年份）', '进度', '应达值', '目标年预测'].map(th),
    ...r.indicators.map((i) => [
      { text: i.nameZh },
      { text: unitText(i.unit) || '—', alignment: 'center' as const },
      { text: formatNumber(i.value), alignment: 'right' as const },
      ...(town ? [{ text: formatNumber(i.cityValue), alignment: 'right' as const, color: '#595959' }] : []),
      { text: i.target ? `${formatNumber(i.target.value)}（${i.target.year}）` : '—', alignment: 'right' as const },
      { text: STATUS_ZH[i.status], color: STATUS_COLOR[i.status], bold: true, alignment: 'center' as const },
      { text: formatNumber(i.expected), alignment: 'right' as const },
      { text: i.forecast ? formatNumber(i.forecast.value) : '—', alignment: 'right' as const },
    ]),
  ];
  const widths = town ? ['*', 46, 52, 56, 62, 46, 44, 50] : ['*', 50, 56, 70, 48, 48, 56];
  return [
    h1('一、指标一览'),
    {
      text: `${r.year} 年各项指标的数值、适用目标与进度。“应达值”是从基准年数值到目标的直线路径在 ${r.year} 年应达到的水平；“预测”按近三年复合增长率推算至目标年。`,
      style: 'note',
    },
    ...(r.town === null && r.townsReporting < r.townCount
      ? [
          {
            text: `注意：${r.year} 年仅 ${r.townsReporting} / ${r.townCount} 个镇街的数据已审核通过，全市数值只含这些镇街，总量类指标会偏低。`,
            style: 'warning',
          } as Content,
        ]
      : []),
    { table: { headerRows: 1, widths, body }, layout: tableLayout, style: 'table' },
  ];
}

function trend(i: TargetReportIndicator, year: number, svg: string | undefined): Content {
  const facts = [
    `${year} 年：${withUnit(i.value, i.unit)}`,
    i.base ? `基准（${i.base.year}）：${withUnit(i.base.value, i.unit)}` : null,
    i.target ? `目标（${i.target.year}）：${withUnit(i.target.value, i.unit)}` : '未设目标',
    i.growthRate !== null ? `近年年均增长 ${formatNumber(i.growthRate * 100, 1)}%` : null,
  ].filter((x): x is string => x !== null);
  return {
    unbreakable: true,
    stack: [
      {
        columns: [
          { text: i.nameZh, style: 'h3', width: '*' },
          { text: STATUS_ZH[i.status], color: STATUS_COLOR[i.status], bold: true, width: 'auto', margin: [0, 8, 0, 0] },
        ],
      },
      { text: facts.join('    '), style: 'small', margin: [0, 0, 0, 2] },
      svg ? { svg, width: CHART_WIDTH, height: CHART_HEIGHT, font: CHART_FONT } : { text: '暂无已审核数据，无法绘制趋势。', style: 'note' },
    ],
    margin: [0, 0, 0, 10],
  };
}

function ranking(r: TargetReport): Content[] {
  const body: Content[][] = [
    ['排名', '镇街', `${r.year} 年综合创新指数`].map(th),
    ...r.ranking.map((t) => {
      const own = r.town?.id === t.townId;
      return [
        { text: t.rank === null ? '—' : String(t.rank), alignment: 'center' as const, bold: own },
        { text: own ? `${t.townName}（本镇）` : t.townName, bold: own },
        { text: t.index === null ? '—' : t.index.toFixed(1), alignment: 'right' as const, bold: own },
      ];
    }),
  ];
  return [
    h1('三、镇街排名与综合创新指数'),
    {
      text: '综合创新指数按欧洲创新记分牌（EIS）方法，由纳入指数的各项指标标准化后等权平均，取值 0–100；无数据的镇街不参与排名。',
      style: 'note',
    },
    { table: { headerRows: 1, widths: [40, '*', 120], body }, layout: tableLayout, style: 'table' },
  ];
}

function submissions(r: TargetReport): Content[] {
  const s = r.submissions;
  const intro =
    s.deadline === null
      ? `${r.year} 年未设年度填报期。`
      : s.towns.length === 0
        ? `${r.year} 年度填报截止日期 ${s.deadline}；${r.town ? '本镇' : '各镇街'}数据均已审核通过。`
        : `${r.year} 年度填报截止日期 ${s.deadline}；以下${r.town ? '' : '镇街'}数据尚未审核通过（“逾期”指截止日后仍未提交）。`;
  const content: Content[] = [h1('四、数据填报情况'), { text: intro, style: 'para' }];
  if (s.towns.length) {
    content.push({
      table: {
        headerRows: 1,
        widths: ['*', 120, 60],
        body: [
          ['镇街', '填报状态', '是否逾期'].map(th),
          ...s.towns.map((t) => [
            t.townName,
            t.status ? (SUBMISSION_ZH[t.status] ?? t.status) : '未开始填报',
            { text: t.late ? '逾期' : '否', color: t.late ? '#cf1322' : '#595959', alignment: 'center' as const },
          ]),
        ],
      },
      layout: tableLayout,
      style: 'table',
    });
  }
  return content;
}

function methodology(r: TargetReport): Content[] {
  return [
    { text: '五、方法说明', style: 'h1', margin: [0, 24, 0, 8] },
    {
      ul: [
        '数据来源：各镇街按年度填报基础统计数据，经市科技局审核通过后计入指标；平台已掌握的数据（专利、服务平台、园区等）由平台计算，不需填报。更正数据为新版本，以最新通过的版本为准。',
        r.town
          ? '镇街数值：按指标公式以本镇已审核数据计算；目标为市里为本镇设定的目标，未设定时显示“未设目标”。'
          : '全市数值：按指标公式以各镇街数据之和计算（比值为合计之比，而非各镇比值的平均）；部分镇街未报送的年份，合计仅含已报送镇街。',
        '缺少数据或分母为零时，指标数值为空（—），不以 0 代替。',
        `进度：以基准年数值到目标值的直线路径求出 ${r.year} 年的“应达值”。达到或超过目标为“已达成”；达到应达值为“符合进度”；完成应达进度的 80% 以上为“略有滞后”，否则为“明显滞后”。“越低越好”的指标方向相反。`,
        '预测：按最近（至多）三年的复合年均增长率，由最新数值推算至目标年。',
        '综合创新指数（EIS 方法）：偏态明显的人均类指标先开平方；超出均值 ±3 个标准差的异常值不参与确定最小、最大值；各指标在全部镇街和年份上做最小—最大标准化；纳入指数的指标等权平均，乘以 100。',
        `本报告反映 ${r.year} 年及以前的数据，趋势图中目标线为适用目标，灰色虚线为应达路径，绿色点线为预测。`,
      ],
      style: 'para',
    },
  ];
}

/** Charts by indicator code (none for an indicator without values). */
export type Charts = Map<string, string>;

export function reportDocument(r: TargetReport, charts: Charts): TDocumentDefinitions {
  return {
    pageSize: 'A4',
    pageMargins: [40, 48, 40, 48],
    info: { title: `${reportTitle(r)}（${r.year}）`, author: '中山市专业镇创新服务平台', subject: '行动目标监测' },
    header: (page: number) =>
      page === 1 ? null : { text: `${reportTitle(r)} · ${r.year} 年度`, style: 'running', margin: [40, 20, 40, 0] },
    footer: (page: number, pages: number) => ({
      text: `第 ${page} 页 / 共 ${pages} 页`,
      style: 'running',
      alignment: 'center',
      margin: [0, 16, 0, 0],
    }),
    content: [
      ...cover(r),
      ...summary(r),
      h1('二、指标趋势'),
      { text: '实线为实际值，红色虚线为目标，灰色虚线为应达路径，绿色点线为预测。', style: 'note' },
      ...r.indicators.map((i) => trend(i, r.year, charts.get(i.code))),
      ...ranking(r),
      ...submissions(r),
      ...methodology(r),
    ],
    defaultStyle: { font: 'Noto', fontSize: 9.5, lineHeight: 1.25 },
    styles: {
      coverKicker: { fontSize: 13, color: '#595959', alignment: 'center' },
      coverTitle: { fontSize: 24, bold: true, alignment: 'center', color: '#002c8c' },
      coverYear: { fontSize: 16, alignment: 'center' },
      coverTable: { fontSize: 10.5, margin: [40, 0, 40, 0] },
      toc: { fontSize: 10.5, margin: [10, 0, 0, 0] },
      h1: { fontSize: 16, bold: true, color: '#002c8c', margin: [0, 0, 0, 8] },
      h2: { fontSize: 12, bold: true, color: '#002c8c' },
      h3: { fontSize: 11, bold: true, margin: [0, 6, 0, 2] },
      th: { bold: true, alignment: 'center' },
      table: { margin: [0, 4, 0, 12], fontSize: 9 },
      note: { fontSize: 9, color: '#595959', margin: [0, 0, 0, 8] },
      warning: { fontSize: 9.5, color: '#ad4e00', margin: [0, 0, 0, 8] },
      para: { fontSize: 10, margin: [0, 0, 0, 8] },
      small: { fontSize: 8.5, color: '#595959' },
      running: { fontSize: 8, color: '#8c8c8c' },
    },
  };
}

/** Renders the report (charts first, reporting their share done, then the PDF); resolves with the whole file. */
export async function renderReportPdf(r: TargetReport, onProgress?: (share: number) => Promise<void>): Promise<Buffer> {
  loadFonts();
  const charts: Charts = new Map();
  for (const [n, i] of r.indicators.entries()) {
    if (i.series.some((p) => p.value !== null)) charts.set(i.code, trendChartSvg(i, r.year));
    await onProgress?.((0.5 * (n + 1)) / r.indicators.length);
  }
  pdfmake.setFonts(fonts());
  const pdf = await pdfmake.createPdf(reportDocument(r, charts)).getBuffer();
  await onProgress?.(1);
  return pdf;
}
