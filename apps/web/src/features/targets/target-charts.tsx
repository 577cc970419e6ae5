import type { CityOverview, Indicator } from '@innotown/contracts/targets';
import { Empty } from 'antd';
import { LineChart, type LineSeriesOption, RadarChart, type RadarSeriesOption, ScatterChart } from 'echarts/charts';
import {
  type GridComponentOption,
  type LegendComponentOption,
  MarkLineComponent,
  RadarComponent,
  type RadarComponentOption,
  type TooltipComponentOption,
} from 'echarts/components';
import type { ComposeOption } from 'echarts/core';
import { useTranslation } from 'react-i18next';
import { CHART_COLORS, Chart, echarts } from '../../app/charts/chart.tsx';
import { baseBeyondTarget, formatValue, indicatorName } from './targets-format.ts';

echarts.use([LineChart, ScatterChart, RadarChart, RadarComponent, MarkLineComponent]);

type Option = ComposeOption<
  LineSeriesOption | RadarSeriesOption | GridComponentOption | LegendComponentOption | TooltipComponentOption | RadarComponentOption
>;

type Item = Pick<CityOverview['items'][number], 'series' | 'targets' | 'progress'> & { indicator: Indicator };

const TARGET_COLOR = '#f5222d';
const EXPECTED_COLOR = '#8c8c8c';
const FORECAST_COLOR = '#fa8c16';

/**
 * One indicator over the years: the actual values, the target (line and point), the straight path from
 * the base year to the target ("where we should be by now") and the forecast to the target year.
 */
export function TrendChart({
  item,
  height = 220,
  compact = false,
  reference,
}: {
  item: Item;
  height?: number;
  compact?: boolean;
  /** Another series drawn thin for comparison (the city's values on a town's chart). */
  reference?: { name: string; points: { year: number; value: number | null }[] };
}) {
  const { t, i18n } = useTranslation();
  const { progress } = item;
  const actual = item.series.filter((p) => p.value !== null).map((p) => [p.year, p.value as number]);
  if (actual.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('targets.status_no_data')} />;
  const target = progress.target ?? item.targets.at(-1) ?? null;
  // The x axis spans the years with a value, the targets and the forecast (not empty years at the end).
  const years = [
    ...actual.map((p) => p[0] as number),
    ...item.targets.map((p) => p.year),
    ...(progress.forecast ? [progress.forecast.year] : []),
  ];
  const series: LineSeriesOption[] = [
    {
      name: t('targets.seriesActual'),
      type: 'line',
      data: actual,
      color: CHART_COLORS[0] as string,
      symbolSize: 5,
      lineStyle: { width: 2 },
      ...(target
        ? {
            markLine: {
              silent: true,
              symbol: 'none',
              lineStyle: { color: TARGET_COLOR, type: 'dashed', width: 1 },
              label: {
                formatter: `${t('targets.seriesTarget')} ${formatValue(target.value, i18n.language)}`,
                position: 'insideEndTop',
                fontSize: 10,
              },
              data: [{ yAxis: target.value }],
            },
          }
        : {}),
    },
  ];
  if (target) {
    series.push({
      name: t('targets.seriesTarget'),
      type: 'line',
      data: item.targets.map((p) => [p.year, p.value]),
      color: TARGET_COLOR,
      symbol: 'diamond',
      symbolSize: 9,
      lineStyle: { opacity: 0 },
    });
  }
  if (progress.base && target && target.year > progress.base.year && !baseBeyondTarget(progress, item.indicator.direction)) {
    series.push({
      name: t('targets.seriesExpected'),
      type: 'line',
      data: [
        [progress.base.year, progress.base.value],
        [target.year, target.value],
      ],
      color: EXPECTED_COLOR,
      symbol: 'none',
      lineStyle: { type: 'dashed', width: 1.5 },
    });
  }
  if (reference) {
    series.push({
      name: reference.name,
      type: 'line',
      data: reference.points.filter((p) => p.value !== null && years.includes(p.year)).map((p) => [p.year, p.value as number]),
      color: CHART_COLORS[7] as string,
      symbol: 'none',
      lineStyle: { width: 1.5 },
    });
  }
  if (progress.forecast && progress.current) {
    series.push({
      name: t('targets.seriesForecast'),
      type: 'line',
      data: [
        [progress.current.year, progress.current.value],
        [progress.forecast.year, progress.forecast.value],
      ],
      color: FORECAST_COLOR,
      symbolSize: 5,
      lineStyle: { type: 'dotted', width: 2 },
    });
  }
  const option: Option = {
    tooltip: {
      trigger: 'axis',
      valueFormatter: (v) => formatValue(typeof v === 'number' ? v : null, i18n.language),
    },
    legend: compact ? { show: false } : { top: 0, itemWidth: 16, textStyle: { fontSize: 11 } },
    grid: { left: 4, right: 16, top: compact ? 12 : 30, bottom: 4, containLabel: true },
    xAxis: {
      type: 'value',
      min: Math.min(...years),
      max: Math.max(...years),
      minInterval: 1,
      axisLabel: { formatter: (v: number) => String(v), fontSize: 10 },
      splitLine: { show: false },
    },
    yAxis: { type: 'value', scale: true, axisLabel: { fontSize: 10, formatter: (v: number) => formatValue(v, i18n.language) } },
    series,
  };
  return <Chart option={option} height={height} />;
}

/** The composite index (0–100) of one town over the years. */
export function IndexChart({ points, height = 240 }: { points: { year: number; index: number | null }[]; height?: number }) {
  const { t, i18n } = useTranslation();
  const data = points.filter((p) => p.index !== null).map((p) => [p.year, p.index as number]);
  if (data.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />;
  const option: Option = {
    tooltip: { trigger: 'axis', valueFormatter: (v) => formatValue(typeof v === 'number' ? v : null, i18n.language) },
    grid: { left: 4, right: 16, top: 16, bottom: 4, containLabel: true },
    xAxis: { type: 'value', min: 'dataMin', max: 'dataMax', minInterval: 1, axisLabel: { formatter: (v: number) => String(v) } },
    yAxis: { type: 'value', min: 0, max: 100 },
    series: [{ name: t('targets.index'), type: 'line', data, color: CHART_COLORS[4] as string, areaStyle: { opacity: 0.1 } }],
  };
  return <Chart option={option} height={height} />;
}

export type RadarTown = { id: string; name: string; values: Record<string, number | null> };

/**
 * Towns over the indicators, each indicator min–max normalised across all towns of the year (0–100; for
 * lower-is-better indicators 100 is the lowest), so indicators of different units share one scale.
 */
export function TownRadar({ indicators, towns, all }: { indicators: Indicator[]; towns: RadarTown[]; all: RadarTown[] }) {
  const { i18n } = useTranslation();
  const ranges = new Map(
    indicators.map((ind) => {
      const vs = all.map((x) => x.values[ind.code]).filter((v): v is number => typeof v === 'number');
      return [ind.code, { min: Math.min(...vs), max: Math.max(...vs) }];
    }),
  );
  const usable = indicators.filter((ind) => {
    const r = ranges.get(ind.code);
    return r && Number.isFinite(r.min) && r.max > r.min;
  });
  if (usable.length < 3 || towns.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />;
  const score = (ind: Indicator, v: number | null) => {
    const r = ranges.get(ind.code);
    if (v === null || !r) return 0;
    const s = ((v - r.min) / (r.max - r.min)) * 100;
    return Math.round(ind.direction === 'lower' ? 100 - s : s);
  };
  const short = (s: string) => (s.length > 10 ? `${s.slice(0, 10)}…` : s);
  const option: Option = {
    color: [CHART_COLORS[0] as string, CHART_COLORS[3] as string, CHART_COLORS[2] as string],
    tooltip: { trigger: 'item' },
    legend: { bottom: 0 },
    radar: {
      radius: '62%',
      center: ['50%', '50%'],
      indicator: usable.map((ind) => ({ name: short(indicatorName(ind, i18n.language)), max: 100 })),
      axisName: { fontSize: 11, color: '#556' },
    },
    series: [
      {
        type: 'radar',
        data: towns.map((town) => ({
          name: town.name,
          value: usable.map((ind) => score(ind, town.values[ind.code] ?? null)),
          areaStyle: { opacity: 0.12 },
        })),
      },
    ],
  };
  return <Chart option={option} height={360} />;
}
