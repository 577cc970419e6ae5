import type { PatentLandscape } from '@innotown/contracts/patent-landscape';
import * as echarts from 'echarts';
import { CHART_FONT } from '../target-report/target-report.charts.ts';
import { KIND_ZH, LEGAL_STATUS_ZH } from './patent-landscape.export.ts';

/**
 * The report's charts, drawn by ECharts on the server as SVG (as target-report does): text in
 * CHART_FONT, which the PDF maps to the embedded Noto CJK faces.
 */
export const WIDTH = 515;
const COLORS = ['#0b4aa2', '#36a3f7', '#13a8a8', '#f5a623', '#7b61ff', '#e8684a', '#52c41a', '#9aa7b8', '#d4380d', '#722ed1'];

function svg(option: echarts.EChartsCoreOption, height: number, width = WIDTH): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption({ animation: false, color: COLORS, textStyle: { fontFamily: CHART_FONT, fontWeight: 'normal' }, ...option });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

const legend = { bottom: 0, textStyle: { fontFamily: CHART_FONT, fontSize: 9 }, itemWidth: 14, itemHeight: 8 };

export function trendSvg(l: PatentLandscape, height = 230): string {
  const kinds = ['invention', 'utility_model', 'design'] as const;
  return svg(
    {
      grid: { left: 48, right: 16, top: 24, bottom: 48 },
      legend,
      xAxis: { type: 'category', data: l.years.map((y) => String(y.year)), axisLabel: { fontSize: 9 } },
      yAxis: { type: 'value', name: '件', nameTextStyle: { fontSize: 9 }, axisLabel: { fontSize: 9 } },
      series: [
        ...kinds.map((k) => ({ name: `申请·${KIND_ZH[k]}`, type: 'bar', stack: 'filed', data: l.years.map((y) => y.filed[k]) })),
        { name: '授权合计', type: 'line', symbolSize: 4, data: l.years.map((y) => y.granted.total), lineStyle: { width: 2 } },
      ],
    },
    height,
  );
}

export function rankedSvg(items: { name: string; count: number }[], height = 260): string {
  const top = items.slice(0, 12).reverse();
  return svg(
    {
      grid: { left: 190, right: 40, top: 8, bottom: 20 },
      xAxis: { type: 'value', axisLabel: { fontSize: 9 } },
      yAxis: {
        type: 'category',
        data: top.map((i) => (i.name.length > 16 ? `${i.name.slice(0, 15)}…` : i.name)),
        axisLabel: { fontSize: 9 },
      },
      series: [{ type: 'bar', data: top.map((i) => i.count), label: { show: true, position: 'right', fontSize: 8 }, barMaxWidth: 14 }],
    },
    height,
  );
}

export function treemapSvg(l: PatentLandscape, height = 300): string {
  return svg(
    {
      series: [
        {
          type: 'treemap',
          roam: false,
          nodeClick: false,
          breadcrumb: { show: false },
          width: '100%',
          height: '100%',
          top: 0,
          left: 0,
          leafDepth: 1,
          label: { fontSize: 9, formatter: '{b}' },
          upperLabel: { show: false },
          levels: [{ itemStyle: { borderColor: '#fff', borderWidth: 2, gapWidth: 2 } }],
          data: l.ipc.map((s) => ({ name: `${s.code} ${s.titleZh ?? ''}\n${s.count} 件`, value: s.count })),
        },
      ],
    },
    height,
  );
}

export const PIE_WIDTH = 250;

export function pieSvg(items: { name: string; value: number }[], height = 200): string {
  return svg(
    {
      legend: { ...legend, orient: 'horizontal', bottom: 0 },
      series: [
        {
          type: 'pie',
          radius: ['30%', '58%'],
          center: ['50%', '42%'],
          label: { show: false },
          labelLine: { show: false },
          data: items,
        },
      ],
    },
    height,
    PIE_WIDTH,
  );
}

export function statusItems(l: PatentLandscape) {
  return l.legalStatus.map((s) => ({ name: `${LEGAL_STATUS_ZH[s.status]} ${s.count}`, value: s.count }));
}

export function indicatorSvg(l: PatentLandscape, height = 220): string {
  const rows = l.indicators.filter((r) => r.townId === (l.filter.town?.id ?? null));
  return svg(
    {
      grid: { left: 48, right: 48, top: 28, bottom: 48 },
      legend,
      xAxis: { type: 'category', data: rows.map((r) => String(r.year)), axisLabel: { fontSize: 9 } },
      yAxis: [
        { type: 'value', name: '件/百万人', nameTextStyle: { fontSize: 9 }, axisLabel: { fontSize: 9 } },
        { type: 'value', name: '件/万人', nameTextStyle: { fontSize: 9 }, axisLabel: { fontSize: 9 }, splitLine: { show: false } },
      ],
      series: [
        { name: '每百万人发明专利申请量', type: 'bar', data: rows.map((r) => r.applicationsPerMillion), barMaxWidth: 18 },
        { name: '每万人有效发明专利拥有量', type: 'line', yAxisIndex: 1, data: rows.map((r) => r.validPer10k), symbolSize: 4 },
      ],
    },
    height,
  );
}
