import type { SharingReport, SharingRow } from '@innotown/contracts/sharing-statistics';
import { Col, Empty, Row } from 'antd';
import { BarChart, type BarSeriesOption, LineChart, type LineSeriesOption } from 'echarts/charts';
import type { GridComponentOption, LegendComponentOption, TooltipComponentOption } from 'echarts/components';
import type { ComposeOption } from 'echarts/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { CHART_COLORS, Chart, echarts } from '../../app/charts/chart.tsx';
import { Panel } from '../../app/ui/panel.tsx';

echarts.use([BarChart, LineChart]);

type Option = ComposeOption<BarSeriesOption | LineSeriesOption | GridComponentOption | LegendComponentOption | TooltipComponentOption>;

const pct = (v: number | null) => (v === null ? null : Math.round(v * 1000) / 10);
const short = (s: string, n = 14) => (s.length > n ? `${s.slice(0, n)}…` : s);

function horizontalBars(names: string[], values: (number | null)[], name: string, unit: string, color: string): Option {
  return {
    color: [color],
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v) => `${v ?? '—'}${unit}` },
    grid: { left: 8, right: 24, top: 8, bottom: 8, containLabel: true },
    xAxis: { type: 'value', axisLabel: { formatter: `{value}${unit}` } },
    yAxis: { type: 'category', data: names.map((n) => short(n)), inverse: true, axisLabel: { fontSize: 11 } },
    series: [
      { name, type: 'bar', data: values, barMaxWidth: 16, label: { show: true, position: 'right', fontSize: 10, formatter: `{c}${unit}` } },
    ],
  };
}

/** The report's charts: utilisation of the units one level down, top used and idle instruments, monthly trend. */
export function SharingCharts({ report, idle }: { report: SharingReport; idle: ReactNode }) {
  const { t } = useTranslation();
  // The city compares its towns; a town its institutions; an institution its instruments (the 20 most used).
  const units: SharingRow[] =
    report.level === 'institution'
      ? [...report.rows].sort((a, b) => (b.figures.utilisationRate ?? 0) - (a.figures.utilisationRate ?? 0)).slice(0, 20)
      : [...report.rows]
          .filter((r) => r.figures.instruments > 0)
          .sort((a, b) => (b.figures.utilisationRate ?? 0) - (a.figures.utilisationRate ?? 0));
  const byUnit = horizontalBars(
    units.map((u) => u.name),
    units.map((u) => pct(u.figures.utilisationRate)),
    t('sharing.utilisationRate'),
    '%',
    CHART_COLORS[0] as string,
  );
  const top = horizontalBars(
    report.topUsed.map((r) => r.name),
    report.topUsed.map((r) => Math.round(r.figures.effectiveHours)),
    t('sharing.effectiveHours'),
    ' h',
    CHART_COLORS[2] as string,
  );
  const trend: Option = {
    color: [CHART_COLORS[7] as string, CHART_COLORS[0] as string, CHART_COLORS[2] as string, CHART_COLORS[3] as string],
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 8, right: 8, top: 36, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: report.trend.map((m) => m.month) },
    yAxis: [
      { type: 'value', name: 'h', splitLine: { show: true } },
      { type: 'value', name: '%', max: 100, splitLine: { show: false } },
    ],
    series: [
      { name: t('sharing.seriesAvailable'), type: 'bar', data: report.trend.map((m) => Math.round(m.availableHours)), barMaxWidth: 18 },
      { name: t('sharing.seriesEffective'), type: 'bar', data: report.trend.map((m) => Math.round(m.effectiveHours)), barMaxWidth: 18 },
      { name: t('sharing.seriesExternal'), type: 'bar', data: report.trend.map((m) => Math.round(m.externalHours)), barMaxWidth: 18 },
      {
        name: t('sharing.seriesUtilisation'),
        type: 'line',
        yAxisIndex: 1,
        smooth: true,
        data: report.trend.map((m) => pct(m.utilisationRate)),
      },
    ],
  };
  const height = (n: number) => Math.max(160, Math.min(520, 28 * n + 40));
  // One instrument: its months are the whole story.
  if (report.level === 'instrument') {
    return (
      <Panel title={t('sharing.chartTrend')} data-testid="sharing-trend">
        <Chart option={trend} height={320} />
      </Panel>
    );
  }
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} xl={12}>
        <Panel title={t('sharing.chartTrend')} data-testid="sharing-trend">
          <Chart option={trend} height={300} />
        </Panel>
      </Col>
      <Col xs={24} xl={12}>
        <Panel title={t('sharing.chartByUnit')} data-testid="sharing-by-unit">
          {units.length ? (
            <Chart option={byUnit} height={Math.max(300, height(units.length))} />
          ) : (
            <Empty description={t('sharing.empty')} />
          )}
        </Panel>
      </Col>
      <Col xs={24} xl={12}>
        <Panel title={t('sharing.chartTopUsed')}>
          {report.topUsed.length ? (
            <Chart option={top} height={height(report.topUsed.length)} />
          ) : (
            <Empty description={t('sharing.noUse')} />
          )}
        </Panel>
      </Col>
      <Col xs={24} xl={12}>
        <Panel title={t('sharing.chartIdle')}>{idle}</Panel>
      </Col>
    </Row>
  );
}
