import type { CityOverview } from '@innotown/contracts/targets';
import { Alert, Card, Col, Empty, Flex, Row, Skeleton, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ExportButton } from '../../app/ui/export-button.tsx';
import { QueryError } from '../../app/ui/query-error.tsx';
import { useSearchState } from '../../app/ui/use-search-state.ts';
import { StatusLegend, StatusTag } from './status-tag.tsx';
import { TrendChart } from './target-charts.tsx';
import { useCityOverview } from './targets-api.ts';
import { baseBeyondTarget, formatPercent, formatWithUnit, indicatorName, latestCompleteYear, STATUS_COLORS } from './targets-format.ts';
import { TargetsHeader, YearSelect } from './targets-header.tsx';

type Item = CityOverview['items'][number];

function IndicatorCard({ item }: { item: Item }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const { progress: p, indicator } = item;
  const unit = indicator.unit;
  const problem = [...item.series].reverse().find((s) => s.value === null && s.problem)?.problem;
  return (
    <Card
      size="small"
      data-testid={`target-card-${indicator.code}`}
      style={{ height: '100%', borderTop: `3px solid ${STATUS_COLORS[p.status]}` }}
      title={
        <Typography.Text strong style={{ whiteSpace: 'normal' }}>
          {indicatorName(indicator, lang)}
        </Typography.Text>
      }
      extra={<StatusTag status={p.status} />}
    >
      <Flex justify="space-between" align="flex-end" gap={8} wrap>
        <div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('targets.current')}
            {p.current ? ` (${p.current.year})` : ''}
          </Typography.Text>
          <div style={{ fontSize: 24, fontWeight: 600, lineHeight: 1.2 }} data-testid={`target-value-${indicator.code}`}>
            {formatWithUnit(p.current?.value, unit, lang)}
          </div>
          {!p.current && problem ? (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t(`targets.problem_${problem}`)}
            </Typography.Text>
          ) : null}
        </div>
        <Flex vertical align="flex-end" style={{ fontSize: 12 }}>
          <span>
            {p.target
              ? `${t('targets.targetIn', { year: p.target.year })}: ${formatWithUnit(p.target.value, unit, lang)}`
              : t('targets.noTarget')}
          </span>
          {p.expected !== null && p.status !== 'achieved' ? (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('targets.expected')}: {formatWithUnit(p.expected, unit, lang)}
            </Typography.Text>
          ) : null}
          {p.forecast ? (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('targets.forecast', { year: p.forecast.year })}: {formatWithUnit(p.forecast.value, unit, lang)}
            </Typography.Text>
          ) : null}
        </Flex>
      </Flex>
      <TrendChart item={item} height={190} compact />
    </Card>
  );
}

/** Public: every indicator of the plan with its value, traffic light and trend; the table exports to Excel. */
export function TargetsOverviewPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const search = useSearchState();
  const askedYear = Number(search.get('year')) || undefined;
  // The default is the latest complete year: a year still in review would sum only some towns.
  const latest = useCityOverview(undefined);
  const defaultYear = latestCompleteYear(latest.data);
  const year = askedYear ?? defaultYear;
  const overview = useCityOverview(year);
  const data = overview.data;
  const reporting = data?.townsReporting.find((r) => r.year === year);

  return (
    <>
      <TargetsHeader
        active="overview"
        extra={
          <>
            <YearSelect
              years={data?.years ?? []}
              value={askedYear}
              defaultYear={defaultYear}
              onChange={(y) => search.update({ year: y })}
            />
            <ExportButton
              path="/api/v1/target-dashboard/export.xlsx"
              query={{ year }}
              fallbackName="target-overview.xlsx"
              testId="targets-overview-export"
            />
          </>
        }
      />
      {overview.isError ? (
        <QueryError error={overview.error} onRetry={() => void overview.refetch()} />
      ) : overview.isPending ? (
        <Skeleton active paragraph={{ rows: 10 }} />
      ) : !data || data.years.length === 0 ? (
        <Empty description={t('targets.empty')} data-testid="targets-empty" />
      ) : (
        <Flex vertical gap={16}>
          <Flex justify="space-between" gap={16} wrap>
            <StatusLegend />
            {reporting && reporting.towns >= data.townCount ? (
              <Typography.Text type="secondary">
                {t('targets.townsReporting', { year: reporting.year, towns: reporting.towns, total: data.townCount })}
              </Typography.Text>
            ) : null}
          </Flex>
          {reporting && reporting.towns < data.townCount ? (
            <Alert
              type="info"
              showIcon
              title={t('targets.townsReporting', { year: reporting.year, towns: reporting.towns, total: data.townCount })}
            />
          ) : null}
          <Row gutter={[16, 16]} data-testid="targets-cards">
            {data.items.map((item) => (
              <Col key={item.indicator.id} xs={24} md={12} xl={8}>
                <IndicatorCard item={year ? { ...item, series: item.series.filter((p) => p.year <= year) } : item} />
              </Col>
            ))}
          </Row>
          <Card
            size="small"
            title={t('targets.progressTable')}
            extra={
              <ExportButton
                path="/api/v1/target-dashboard/export.xlsx"
                query={{ year }}
                fallbackName="target-overview.xlsx"
                testId="targets-table-export"
              />
            }
          >
            <Table<Item>
              size="small"
              rowKey={(r) => r.indicator.id}
              pagination={false}
              dataSource={data.items}
              data-testid="targets-overview-table"
              scroll={{ x: 900 }}
              columns={[
                { title: t('targets.indicator'), render: (_, r) => indicatorName(r.indicator, lang) },
                {
                  title: t('targets.current'),
                  align: 'right',
                  render: (_, r) =>
                    r.progress.current
                      ? `${formatWithUnit(r.progress.current.value, r.indicator.unit, lang)} (${r.progress.current.year})`
                      : '—',
                },
                {
                  title: t('targets.target'),
                  align: 'right',
                  render: (_, r) =>
                    r.progress.target
                      ? `${formatWithUnit(r.progress.target.value, r.indicator.unit, lang)} (${r.progress.target.year})`
                      : '—',
                },
                {
                  title: t('targets.expected'),
                  align: 'right',
                  render: (_, r) => formatWithUnit(r.progress.expected, r.indicator.unit, lang),
                },
                {
                  title: t('targets.share'),
                  align: 'right',
                  render: (_, r) => (baseBeyondTarget(r.progress, r.indicator.direction) ? '—' : formatPercent(r.progress.share)),
                },
                { title: t('targets.growth'), align: 'right', render: (_, r) => formatPercent(r.progress.growthRate) },
                { title: t('targets.status'), render: (_, r) => <StatusTag status={r.progress.status} /> },
              ]}
            />
          </Card>
        </Flex>
      )}
    </>
  );
}
