import { ArrowLeftOutlined } from '@ant-design/icons';
import type { TownDashboard } from '@innotown/contracts/target-dashboards';
import { Alert, Card, Col, Empty, Flex, Row, Skeleton, Statistic, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiError } from '../../app/api-client.ts';
import { ExportButton } from '../../app/ui/export-button.tsx';
import { QueryError } from '../../app/ui/query-error.tsx';
import { useSearchState } from '../../app/ui/use-search-state.ts';
import { StatusTag } from './status-tag.tsx';
import { IndexChart, TrendChart } from './target-charts.tsx';
import { useTownDashboard } from './targets-api.ts';
import { formatIndex, formatValue, formatWithUnit, indicatorName, labelWithUnit, townName, unitColumn } from './targets-format.ts';
import { TargetsHeader, YearSelect } from './targets-header.tsx';

type IndicatorRow = TownDashboard['indicators'][number];

/** Ratios (%, per capita, multiples) compare with the city's; counts and sums do not (the city is all towns). */
const comparableWithCity = (unit: string) => unit === '%' || unit === '1' || unit.includes('/');
type StatisticRow = NonNullable<TownDashboard['statistics']>[number];

/** Public: one town's indicators, ranks among the towns, trends, composite index and (city, the town's admin) base statistics. */
export function TownTargetPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const { code = '' } = useParams();
  const search = useSearchState();
  const askedYear = Number(search.get('year')) || undefined;
  const town = useTownDashboard(code, askedYear);
  const d = town.data;
  const year = d?.year ?? null;
  const pointOf = (r: IndicatorRow) => r.series.find((p) => p.year === year) ?? null;
  const rankOf = (r: IndicatorRow) => r.ranks.find((x) => x.year === year) ?? null;
  const indexNow = d?.index.find((x) => x.year === year) ?? null;
  const hasData = d?.indicators.some((r) => r.series.some((p) => p.value !== null)) ?? false;

  const notFound = town.error instanceof ApiError && town.error.status === 404;
  return (
    <>
      <TargetsHeader
        active={null}
        title={d ? `${townName(d.town, lang)} · ${t('targets.title')}` : t('targets.townPage')}
        extra={
          <>
            <Link to={`/targets/towns${year ? `?year=${year}` : ''}`}>
              <ArrowLeftOutlined /> {t('targets.backToTowns')}
            </Link>
            <YearSelect
              years={d?.years ?? []}
              value={askedYear}
              defaultYear={askedYear ? undefined : (d?.year ?? undefined)}
              onChange={(y) => search.update({ year: y })}
            />
            <ExportButton
              path={`/api/v1/target-dashboard/towns/${encodeURIComponent(code)}/export.xlsx`}
              query={{ year: askedYear }}
              fallbackName={`town-${code}.xlsx`}
              testId="town-page-export"
            />
          </>
        }
      />
      {notFound ? (
        <Empty description={t('targets.notFound')} />
      ) : town.isError ? (
        <QueryError error={town.error} onRetry={() => void town.refetch()} />
      ) : !d ? (
        <Skeleton active paragraph={{ rows: 12 }} />
      ) : !hasData ? (
        <Empty description={t('targets.noTownData')} />
      ) : (
        <Flex vertical gap={16}>
          <Row gutter={[16, 16]}>
            <Col xs={24} md={8}>
              <Card size="small" style={{ height: '100%' }}>
                <Statistic
                  title={`${t('targets.index')} · ${year ?? ''}`}
                  value={formatIndex(indexNow?.index)}
                  suffix={
                    indexNow?.rank ? (
                      <Typography.Text type="secondary">{t('targets.rankOf', { rank: indexNow.rank, of: d.townCount })}</Typography.Text>
                    ) : null
                  }
                  data-testid="town-index"
                />
              </Card>
            </Col>
            <Col xs={24} md={16}>
              <Card size="small" title={t('targets.indexOverYears')}>
                <IndexChart points={d.index} height={150} />
              </Card>
            </Col>
          </Row>
          <Card
            size="small"
            title={`${t('targets.indicator')} · ${year ?? ''}`}
            extra={
              <ExportButton
                path={`/api/v1/target-dashboard/towns/${encodeURIComponent(code)}/export.xlsx`}
                query={{ year: askedYear }}
                fallbackName={`town-${code}.xlsx`}
                testId="town-indicators-export"
              />
            }
          >
            <Table<IndicatorRow>
              size="small"
              rowKey={(r) => r.indicator.id}
              dataSource={d.indicators}
              pagination={false}
              scroll={{ x: 800 }}
              data-testid="town-indicators"
              columns={[
                { title: t('targets.indicator'), render: (_, r) => indicatorName(r.indicator, lang) },
                {
                  title: t('targets.value'),
                  align: 'right',
                  render: (_, r) => {
                    const p = pointOf(r);
                    return (
                      <span data-testid={`town-indicator-${r.indicator.code}`}>
                        {p?.value === null && p?.problem
                          ? t(`targets.problem_${p.problem}`)
                          : formatWithUnit(p?.value, r.indicator.unit, lang)}
                      </span>
                    );
                  },
                },
                {
                  title: t('targets.rank'),
                  align: 'right',
                  render: (_, r) => {
                    const k = rankOf(r);
                    return k?.rank ? t('targets.rankOf', { rank: k.rank, of: k.of }) : '—';
                  },
                },
                { title: t('targets.cityValue'), align: 'right', render: (_, r) => formatWithUnit(r.cityValue, r.indicator.unit, lang) },
                {
                  title: t('targets.target'),
                  align: 'right',
                  render: (_, r) =>
                    r.progress.target
                      ? `${formatWithUnit(r.progress.target.value, r.indicator.unit, lang)} (${r.progress.target.year})`
                      : '—',
                },
                { title: t('targets.status'), render: (_, r) => <StatusTag status={r.progress.status} /> },
              ]}
            />
          </Card>
          <Row gutter={[16, 16]}>
            {d.indicators.map((r) => (
              <Col key={r.indicator.id} xs={24} md={12} xl={8}>
                <Card
                  size="small"
                  title={labelWithUnit(indicatorName(r.indicator, lang), r.indicator.unit, lang)}
                  extra={
                    comparableWithCity(r.indicator.unit) ? (
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {t('targets.cityLine')}
                      </Typography.Text>
                    ) : null
                  }
                >
                  <TrendChart
                    item={r}
                    height={200}
                    compact
                    {...(comparableWithCity(r.indicator.unit)
                      ? { reference: { name: t('targets.seriesCity'), points: r.citySeries } }
                      : {})}
                  />
                </Card>
              </Col>
            ))}
          </Row>
          <Card
            size="small"
            title={`${t('targets.statistics')} · ${year ?? ''}`}
            extra={
              d.statistics ? (
                <ExportButton
                  path={`/api/v1/target-dashboard/towns/${encodeURIComponent(code)}/export.xlsx`}
                  query={{ year: askedYear }}
                  fallbackName={`town-${code}.xlsx`}
                  testId="town-statistics-export"
                />
              ) : null
            }
          >
            {d.statistics === null ? (
              <Alert type="info" showIcon title={t('targets.statisticsSignIn')} />
            ) : (
              <Table<StatisticRow>
                size="small"
                rowKey="code"
                dataSource={d.statistics}
                pagination={false}
                data-testid="town-statistics"
                columns={[
                  { title: t('targets.statisticName'), render: (_, s) => (lang.startsWith('en') ? s.nameEn : s.nameZh) },
                  { title: t('targets.unit'), render: (_, s) => unitColumn(s.unit, lang) },
                  { title: String(year ?? ''), align: 'right', render: (_, s) => formatValue(s.value, lang) },
                  { title: t('targets.previousYear'), align: 'right', render: (_, s) => formatValue(s.previousYearValue, lang) },
                ]}
              />
            )}
          </Card>
        </Flex>
      )}
    </>
  );
}
