import type { AnnualFigures } from '@innotown/contracts/enterprises';
import { LineChart, type LineSeriesOption } from 'echarts/charts';
import type { GridComponentOption, LegendComponentOption, TooltipComponentOption } from 'echarts/components';
import type { ComposeOption } from 'echarts/core';
import { useTranslation } from 'react-i18next';
import { Chart, echarts } from '../../app/charts/chart.tsx';
import { FEN_PER_WAN } from '../../app/format/money.ts';

echarts.use([LineChart]);

type LineOption = ComposeOption<LineSeriesOption | GridComponentOption | LegendComponentOption | TooltipComponentOption>;

/** Revenue (left axis) and R&D expenditure (right axis) in 万元 over the reported years. */
export function FiguresChart({ figures }: { figures: AnnualFigures[] }) {
  const { t } = useTranslation();
  const years = [...figures].sort((a, b) => a.year - b.year);
  const wan = (fen: number) => Math.round((fen / FEN_PER_WAN) * 100) / 100;
  const option: LineOption = {
    color: ['#0b4aa2', '#f5a623'],
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 8, right: 8, top: 40, bottom: 8, containLabel: true },
    xAxis: { type: 'category', boundaryGap: false, data: years.map((row) => String(row.year)) },
    yAxis: [
      { type: 'value', name: t('enterprises.seriesRevenue'), splitLine: { lineStyle: { type: 'dashed' } } },
      { type: 'value', name: t('enterprises.seriesRd'), splitLine: { show: false } },
    ],
    series: [
      {
        name: t('enterprises.seriesRevenue'),
        type: 'line',
        smooth: true,
        symbolSize: 8,
        areaStyle: { opacity: 0.08 },
        data: years.map((row) => wan(row.revenueFen)),
      },
      {
        name: t('enterprises.seriesRd'),
        type: 'line',
        smooth: true,
        symbolSize: 8,
        yAxisIndex: 1,
        data: years.map((row) => wan(row.rdExpenditureFen)),
      },
    ],
  };
  return <Chart option={option} height={300} />;
}
