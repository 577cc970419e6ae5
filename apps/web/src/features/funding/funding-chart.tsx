import type { FundingSummary } from '@innotown/contracts/funding';
import { Empty } from 'antd';
import { BarChart, type BarSeriesOption } from 'echarts/charts';
import type { GridComponentOption, LegendComponentOption, TooltipComponentOption } from 'echarts/components';
import type { ComposeOption } from 'echarts/core';
import { useTranslation } from 'react-i18next';
import { CHART_COLORS, Chart, echarts } from '../../app/charts/chart.tsx';
import { FEN_PER_WAN } from '../../app/format/money.ts';

echarts.use([BarChart]);

type Option = ComposeOption<BarSeriesOption | GridComponentOption | LegendComponentOption | TooltipComponentOption>;

const wan = (fen: number | null) => (fen === null ? 0 : Math.round((fen / FEN_PER_WAN) * 100) / 100);

/** Allocated vs committed vs disbursed per programme (and year, when several are shown), in 万元. */
export function FundingChart({ rows, showYear }: { rows: FundingSummary['byProgramme']; showYear: boolean }) {
  const { t } = useTranslation();
  if (rows.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />;
  const sorted = [...rows].sort((a, b) => a.year - b.year || a.programme.localeCompare(b.programme));
  const label = (r: (typeof rows)[number]) => {
    const name = t(`funding.programme_${r.programme}`);
    return showYear ? `${r.year}\n${name}` : name;
  };
  const option: Option = {
    color: [CHART_COLORS[0] as string, CHART_COLORS[3] as string, CHART_COLORS[6] as string],
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: 0 },
    grid: { left: 8, right: 8, top: 36, bottom: 8, containLabel: true },
    xAxis: {
      type: 'category',
      data: sorted.map(label),
      axisLabel: { interval: 0, fontSize: 11, width: 110, overflow: 'break', lineHeight: 14 },
    },
    yAxis: { type: 'value' },
    series: [
      { name: t('funding.allocated'), type: 'bar', data: sorted.map((r) => wan(r.allocatedFen)), barMaxWidth: 20 },
      { name: t('funding.committed'), type: 'bar', data: sorted.map((r) => wan(r.committedFen)), barMaxWidth: 20 },
      { name: t('funding.disbursed'), type: 'bar', data: sorted.map((r) => wan(r.disbursedFen)), barMaxWidth: 20 },
    ],
  };
  return <Chart option={option} height={340} />;
}
