import type { DeclineReasonCount, VoucherReportRow } from '@innotown/contracts/voucher-reports';
import { Empty } from 'antd';
import { BarChart, type BarSeriesOption, PieChart, type PieSeriesOption } from 'echarts/charts';
import type { GridComponentOption, LegendComponentOption, TooltipComponentOption } from 'echarts/components';
import type { ComposeOption } from 'echarts/core';
import { useTranslation } from 'react-i18next';
import { CHART_COLORS, Chart, echarts } from '../../app/charts/chart.tsx';
import { FEN_PER_WAN } from '../../app/format/money.ts';

echarts.use([BarChart, PieChart]);

type Option = ComposeOption<BarSeriesOption | PieSeriesOption | GridComponentOption | LegendComponentOption | TooltipComponentOption>;

const wan = (fen: number | null) => (fen === null ? null : Math.round((fen / FEN_PER_WAN) * 100) / 100);
const short = (s: string, n = 12) => (s.length > n ? `${s.slice(0, n)}…` : s);

/** Issued, used and settled per town (万元): the city compares its towns. */
export function IssuedSettledChart({ rows, en }: { rows: readonly VoucherReportRow[]; en: boolean }) {
  const { t } = useTranslation();
  if (rows.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />;
  const option: Option = {
    color: [CHART_COLORS[7] as string, CHART_COLORS[1] as string, CHART_COLORS[0] as string],
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: 0 },
    grid: { left: 8, right: 8, top: 32, bottom: 8, containLabel: true },
    xAxis: {
      type: 'category',
      data: rows.map((r) => short(en ? (r.nameEn ?? r.name) : r.name, 8)),
      axisLabel: { interval: 0, rotate: 30 },
    },
    yAxis: { type: 'value' },
    series: [
      { name: t('voucherReports.seriesIssued'), type: 'bar', data: rows.map((r) => wan(r.figures.issuedFen)), barMaxWidth: 18 },
      { name: t('voucherReports.seriesUsed'), type: 'bar', data: rows.map((r) => wan(r.figures.usedFen)), barMaxWidth: 18 },
      { name: t('voucherReports.seriesSettled'), type: 'bar', data: rows.map((r) => wan(r.figures.settledFen)), barMaxWidth: 18 },
    ],
  };
  return <Chart option={option} height={300} />;
}

/** Used value (reserved + settled) per service category, as a ring. */
export function CategoryChart({ rows, en }: { rows: readonly VoucherReportRow[]; en: boolean }) {
  const data = rows
    .filter((r) => r.figures.usedFen > 0)
    .map((r) => ({ name: en ? (r.nameEn ?? r.name) : r.name, value: wan(r.figures.usedFen) ?? 0 }));
  if (data.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />;
  const option: Option = {
    color: CHART_COLORS,
    tooltip: { trigger: 'item', formatter: '{b}: {c} ({d}%)' },
    legend: { bottom: 0, type: 'plain' },
    series: [{ type: 'pie', radius: ['40%', '68%'], center: ['50%', '44%'], data, label: { formatter: '{b}\n{d}%' } }],
  };
  return <Chart option={option} height={300} />;
}

/** Decline reasons: one row per reason, one stacked series per kind of request (application, claim, quote). */
export function ReasonsChart({ reasons }: { reasons: readonly DeclineReasonCount[] }) {
  const { t } = useTranslation();
  if (reasons.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('voucherReports.noReasons')} />;
  const totals = new Map<string, number>();
  for (const r of reasons) totals.set(r.reason, (totals.get(r.reason) ?? 0) + r.count);
  const codes = [...totals.keys()].sort((a, b) => (totals.get(b) ?? 0) - (totals.get(a) ?? 0));
  const kinds = [...new Set(reasons.map((r) => r.kind))];
  const reasonLabel = (code: string) => t(`voucherReports.reason_${code}` as 'voucherReports.reason_other', { defaultValue: code });
  const option: Option = {
    color: [CHART_COLORS[5] as string, CHART_COLORS[3] as string, CHART_COLORS[4] as string],
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: 0, itemWidth: 12, textStyle: { fontSize: 11 } },
    grid: { left: 8, right: 24, top: 28, bottom: 4, containLabel: true },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: {
      type: 'category',
      data: codes.map(reasonLabel),
      inverse: true,
      axisLabel: { fontSize: 11, width: 96, overflow: 'break' },
    },
    series: kinds.map((kind) => ({
      name: t(`voucherReports.kind_${kind}`),
      type: 'bar',
      stack: 'reasons',
      barMaxWidth: 16,
      data: codes.map((code) => reasons.find((r) => r.kind === kind && r.reason === code)?.count ?? 0),
    })),
  };
  return <Chart option={option} height={Math.max(200, 60 + codes.length * 32)} />;
}
