import type { TargetReportIndicator } from '@innotown/contracts/target-report';
import * as echarts from 'echarts';

/**
 * One trend chart per indicator, rendered by ECharts on the server as SVG (no canvas, no browser):
 * the actual values, the target (a horizontal line at the applicable target), the path expected
 * from the base year to the target, and the forecast at the current growth rate.
 *
 * Text uses the font family `CHART_FONT`, which the PDF maps to the Noto CJK faces it already
 * embeds for the body text, so the chart's Chinese labels render with the same embedded font.
 */
export const CHART_FONT = 'ReportChart';
export const CHART_WIDTH = 515;
export const CHART_HEIGHT = 210;

const COLORS = { actual: '#1677ff', target: '#cf1322', expected: '#8c8c8c', forecast: '#52c41a' };

export const formatNumber = (v: number | null | undefined, digits = 2) =>
  v === null || v === undefined ? '—' : v.toLocaleString('zh-CN', { maximumFractionDigits: digits });

export function trendChartSvg(item: TargetReportIndicator, reportYear: number): string {
  const firstYear = item.series[0]?.year ?? item.base?.year ?? reportYear;
  const lastYear = Math.max(reportYear, item.target?.year ?? reportYear, item.forecast?.year ?? reportYear);
  const years: number[] = [];
  for (let y = Math.min(firstYear, item.base?.year ?? firstYear); y <= lastYear; y++) years.push(y);
  const at = (points: { year: number; value: number | null }[]) => years.map((y) => points.find((p) => p.year === y)?.value ?? null);

  const current = [...item.series].reverse().find((p) => p.value !== null);
  const expectedPath = item.base && item.target && item.target.year > item.base.year ? [item.base, item.target] : [];
  const forecastPath = current && item.forecast ? [current, item.forecast] : [];
  const series: echarts.SeriesOption[] = [
    {
      name: '实际值',
      type: 'line',
      data: at(item.series),
      symbolSize: 5,
      lineStyle: { width: 2, color: COLORS.actual },
      itemStyle: { color: COLORS.actual },
      ...(item.target
        ? {
            markLine: {
              silent: true,
              symbol: 'none',
              lineStyle: { color: COLORS.target, type: 'dashed', width: 1.5 },
              label: { formatter: `目标 ${formatNumber(item.target.value)}（${item.target.year}）`, color: COLORS.target, fontSize: 10 },
              data: [{ yAxis: item.target.value }],
            },
          }
        : {}),
    },
  ];
  if (expectedPath.length) {
    series.push({
      name: '应达路径',
      type: 'line',
      data: at(expectedPath),
      connectNulls: true,
      symbol: 'none',
      lineStyle: { type: 'dashed', width: 1.5, color: COLORS.expected },
      itemStyle: { color: COLORS.expected },
    });
  }
  if (forecastPath.length) {
    series.push({
      name: '预测',
      type: 'line',
      data: at(forecastPath),
      connectNulls: true,
      symbol: 'circle',
      symbolSize: 4,
      lineStyle: { type: 'dotted', width: 1.5, color: COLORS.forecast },
      itemStyle: { color: COLORS.forecast },
    });
  }
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: CHART_WIDTH, height: CHART_HEIGHT });
  try {
    chart.setOption({
      animation: false,
      // Every label in the chart's own (regular) face: see CHART_FONT.
      textStyle: { fontFamily: CHART_FONT, fontWeight: 'normal' },
      grid: { left: 56, right: 96, top: 16, bottom: 44 },
      legend: { bottom: 0, textStyle: { fontFamily: CHART_FONT, fontSize: 10 }, itemWidth: 18, itemHeight: 8 },
      xAxis: { type: 'category', data: years.map(String), axisLabel: { fontSize: 9 }, boundaryGap: false },
      yAxis: {
        type: 'value',
        name: item.unit === '1' ? '' : item.unit,
        nameTextStyle: { fontSize: 9, align: 'right' },
        axisLabel: { fontSize: 9, formatter: (v: number) => formatNumber(v) },
        scale: true,
      },
      series,
    });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}
