import type { IpStatistics } from '@innotown/contracts/ip-trading';
import { Card, Col, Empty, Row, Select, Skeleton, Statistic, Table } from 'antd';
import { BarChart, type BarSeriesOption } from 'echarts/charts';
import type { GridComponentOption, LegendComponentOption, TooltipComponentOption } from 'echarts/components';
import type { ComposeOption } from 'echarts/core';
import { useTranslation } from 'react-i18next';
import { CHART_COLORS, Chart, echarts } from '../../app/charts/chart.tsx';
import { fenToWanString } from '../../app/format/money.ts';
import { PageHeader } from '../../app/ui/page-header.tsx';
import { QueryError } from '../../app/ui/query-error.tsx';
import { useSearchState } from '../../app/ui/use-search-state.ts';
import { useIpStatistics } from './ip-trading-api.ts';
import './ip-trading-i18n.ts';

echarts.use([BarChart]);
type Option = ComposeOption<BarSeriesOption | GridComponentOption | LegendComponentOption | TooltipComponentOption>;
type StatRow = IpStatistics['byTown'][number];
const wan = (fen: number) => Math.round(fen / 100) / 10_000;

function useBars() {
  const { t, i18n } = useTranslation();
  return (rows: StatRow[]): Option => ({
    color: [CHART_COLORS[0] as string, CHART_COLORS[2] as string, CHART_COLORS[3] as string],
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: 0 },
    grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
    xAxis: {
      type: 'category',
      data: rows.map((r) => (i18n.language === 'en-US' ? r.labelEn : r.label)),
      axisLabel: { interval: 0, rotate: rows.length > 5 ? 30 : 0 },
    },
    yAxis: [
      { type: 'value', name: t('ip.dealsCount'), minInterval: 1 },
      { type: 'value', name: t('ip.valueWan'), splitLine: { show: false } },
    ],
    series: [
      { name: t('ip.listings'), type: 'bar', data: rows.map((r) => r.listings), barMaxWidth: 18 },
      { name: t('ip.dealsCount'), type: 'bar', data: rows.map((r) => r.deals), barMaxWidth: 18 },
      { name: t('ip.valueWan'), type: 'bar', yAxisIndex: 1, data: rows.map((r) => wan(r.dealValueFen)), barMaxWidth: 18 },
    ],
  });
}

function Breakdown({ title, rows, testId }: { title: string; rows: StatRow[]; testId: string }) {
  const { t, i18n } = useTranslation();
  const bars = useBars();
  return (
    <Card size="small" title={title} data-testid={testId}>
      {rows.length === 0 ? (
        <Empty />
      ) : (
        <>
          <Chart option={bars(rows)} height={260} />
          <Table
            rowKey="key"
            size="small"
            pagination={false}
            dataSource={rows}
            columns={[
              { title: '', key: 'label', render: (_, r) => (i18n.language === 'en-US' ? r.labelEn : r.label) },
              { title: t('ip.listings'), dataIndex: 'listings', align: 'right' },
              { title: t('ip.dealsCount'), dataIndex: 'deals', align: 'right' },
              { title: t('ip.valueWan'), dataIndex: 'dealValueFen', align: 'right', render: (v: number) => fenToWanString(v) },
            ]}
          />
        </>
      )}
    </Card>
  );
}

/** Trading statistics: totals, then listings, deals and deal value by town, industry, kind and year. */
export function IpStatisticsPage() {
  const { t } = useTranslation();
  const { get, update } = useSearchState();
  const year = get('year') ? Number(get('year')) : undefined;
  const stats = useIpStatistics(year);
  return (
    <>
      <PageHeader
        title={t('ip.statistics')}
        subtitle={t('ip.statisticsSubtitle')}
        extra={
          <Select
            value={year ?? 0}
            onChange={(v) => update({ year: v || undefined })}
            style={{ width: 140 }}
            options={[{ value: 0, label: t('ip.allYears') }, ...(stats.data?.years ?? []).map((y) => ({ value: y, label: String(y) }))]}
            data-testid="statistics-year"
          />
        }
      />
      {stats.isError ? (
        <QueryError error={stats.error} onRetry={() => void stats.refetch()} />
      ) : !stats.data ? (
        <Skeleton active paragraph={{ rows: 8 }} />
      ) : (
        <>
          <Row gutter={[16, 16]} style={{ marginBottom: 16 }} data-testid="statistics-totals">
            <Col xs={12} md={6}>
              <Card size="small">
                <Statistic title={t('ip.totalListings')} value={stats.data.totals.listings} />
              </Card>
            </Col>
            <Col xs={12} md={6}>
              <Card size="small">
                <Statistic title={t('ip.totalDeals')} value={stats.data.totals.dealsCompleted} />
              </Card>
            </Col>
            <Col xs={12} md={6}>
              <Card size="small">
                <Statistic title={t('ip.totalValue')} value={fenToWanString(stats.data.totals.dealValueFen)} />
              </Card>
            </Col>
            <Col xs={12} md={6}>
              <Card size="small">
                <Statistic title={t('ip.totalOpen')} value={`${stats.data.totals.openLicences} / ${stats.data.totals.openLicencesTaken}`} />
              </Card>
            </Col>
          </Row>
          <Row gutter={[16, 16]}>
            <Col xs={24} xl={12}>
              <Breakdown title={t('ip.byTown')} rows={stats.data.byTown} testId="stats-by-town" />
            </Col>
            <Col xs={24} xl={12}>
              <Breakdown title={t('ip.byIndustry')} rows={stats.data.byIndustry} testId="stats-by-industry" />
            </Col>
            <Col xs={24} xl={12}>
              <Breakdown title={t('ip.byKind')} rows={stats.data.byKind} testId="stats-by-kind" />
            </Col>
            <Col xs={24} xl={12}>
              <Breakdown title={t('ip.byYear')} rows={stats.data.byYear} testId="stats-by-year" />
            </Col>
          </Row>
        </>
      )}
    </>
  );
}
