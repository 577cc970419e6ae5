import type { Overview } from '@innotown/contracts/platform';
import { Col, Empty, Row } from 'antd';
import { BarChart, type BarSeriesOption, PieChart, type PieSeriesOption } from 'echarts/charts';
import type { GridComponentOption, LegendComponentOption, TooltipComponentOption } from 'echarts/components';
import type { ComposeOption } from 'echarts/core';
import { useTranslation } from 'react-i18next';
import { CHART_COLORS, Chart, echarts } from '../../app/charts/chart.tsx';
import { Panel } from '../../app/ui/panel.tsx';

echarts.use([BarChart, PieChart]);

type BarOption = ComposeOption<BarSeriesOption | GridComponentOption | LegendComponentOption | TooltipComponentOption>;
type PieOption = ComposeOption<PieSeriesOption | LegendComponentOption | TooltipComponentOption>;

/** Bar chart per town and pie of institution types; a separate chunk so echarts loads after the KPIs. */
export function OverviewCharts({ overview, highlightTownId }: { overview: Overview; highlightTownId?: string | null }) {
  const { t, i18n } = useTranslation();
  const english = i18n.language === 'en-US';
  const towns = [...overview.byTown].sort((a, b) => b.enterprises - a.enterprises);

  const bar: BarOption = {
    color: CHART_COLORS,
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: 0 },
    grid: { left: 8, right: 16, top: 40, bottom: 8, containLabel: true },
    xAxis: {
      type: 'category',
      data: towns.map((town) => ({
        value: english ? town.townNameEn : town.townName,
        textStyle: town.townId === highlightTownId ? { color: '#0b4aa2', fontWeight: 'bold' } : {},
      })),
      axisLabel: { interval: 0, rotate: english ? 40 : 35, fontSize: 11 },
    },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      {
        name: t('home.seriesEnterprises'),
        type: 'bar',
        data: towns.map((town) => town.enterprises),
        barMaxWidth: 18,
      },
      {
        name: t('home.seriesHighTech'),
        type: 'bar',
        data: towns.map((town) => town.highTechEnterprises),
        barMaxWidth: 18,
      },
      {
        name: t('home.seriesInstitutions'),
        type: 'bar',
        data: towns.map((town) => town.institutions),
        barMaxWidth: 18,
      },
    ],
  };

  const typeLabel = (type: string) => {
    const key = `institutions.types.${type}`;
    return i18n.exists(key) ? String(t(key as 'institutions.types.bank')) : type;
  };
  const pie: PieOption = {
    color: CHART_COLORS,
    tooltip: { trigger: 'item', formatter: '{b}: {c} ({d}%)' },
    legend: { bottom: 0, itemWidth: 12, itemHeight: 10, textStyle: { fontSize: 11 } },
    series: [
      {
        type: 'pie',
        radius: ['36%', '60%'],
        center: ['50%', '42%'],
        avoidLabelOverlap: true,
        itemStyle: { borderColor: '#fff', borderWidth: 2, borderRadius: 4 },
        // Names are in the legend; the narrow panel has room for the counts only.
        label: { formatter: '{c}', fontSize: 12 },
        data: overview.institutionsByType.map((entry) => ({ name: typeLabel(entry.type), value: entry.count })),
      },
    ],
  };

  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} xl={16}>
        <Panel title={t('home.chartByTown')} data-testid="chart-by-town">
          {towns.length === 0 ? <Empty /> : <Chart option={bar} height={360} />}
        </Panel>
      </Col>
      <Col xs={24} xl={8}>
        <Panel title={t('home.chartByType')} data-testid="chart-by-type">
          {overview.institutionsByType.length === 0 ? <Empty /> : <Chart option={pie} height={360} />}
        </Panel>
      </Col>
    </Row>
  );
}
