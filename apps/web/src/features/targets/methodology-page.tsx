import type { IndicatorDetail, TownComparison } from '@innotown/contracts/targets';
import { Card, Flex, Skeleton, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../app/auth/auth-context.tsx';
import { ExportButton } from '../../app/ui/export-button.tsx';
import { QueryError } from '../../app/ui/query-error.tsx';
import { useCityOverview, useIndicators, useStatistics, useTownComparison } from './targets-api.ts';
import { formatValue, formatWithUnit, indicatorName, labelWithUnit, unitColumn } from './targets-format.ts';
import { TargetsHeader } from './targets-header.tsx';

type Treatment = TownComparison['indexTreatments'][number];

/** Every step of the computation in prose, with the live catalogue's formulas, units and targets. */
export function MethodologyPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const { me } = useAuth();
  const indicators = useIndicators();
  const statistics = useStatistics(Boolean(me));
  const overview = useCityOverview(undefined);
  const latest = overview.data?.years.at(-1);
  const comparison = useTownComparison(latest);
  const nameOf = (code: string) => indicators.data?.items.find((i) => i.code === code);

  const p = (text: string) => <Typography.Paragraph style={{ marginBottom: 8 }}>{text}</Typography.Paragraph>;
  return (
    <>
      <TargetsHeader active="methodology" />
      <Flex vertical gap={16} data-testid="targets-methodology">
        <Typography.Paragraph type="secondary">{t('targets.methodologyIntro')}</Typography.Paragraph>
        <Card size="small" title={t('targets.stepValues')}>
          {p(t('targets.stepValuesText'))}
        </Card>
        <Card
          size="small"
          title={t('targets.catalogue')}
          extra={
            <ExportButton
              path="/api/v1/target-dashboard/methodology/export.xlsx"
              query={{}}
              fallbackName="target-methodology.xlsx"
              testId="methodology-export"
            />
          }
        >
          {indicators.isError ? (
            <QueryError error={indicators.error} onRetry={() => void indicators.refetch()} />
          ) : indicators.isPending ? (
            <Skeleton active />
          ) : (
            <Table<IndicatorDetail>
              size="small"
              rowKey="id"
              pagination={false}
              dataSource={indicators.data.items}
              scroll={{ x: 900 }}
              data-testid="methodology-catalogue"
              columns={[
                { title: t('targets.indicator'), render: (_, i) => indicatorName(i, lang) },
                { title: t('targets.formula'), render: (_, i) => <Typography.Text code>{i.formula}</Typography.Text> },
                { title: t('targets.unit'), render: (_, i) => unitColumn(i.unit, lang) },
                {
                  title: t('targets.direction'),
                  render: (_, i) => (i.direction === 'lower' ? t('targets.directionLower') : t('targets.directionHigher')),
                },
                { title: t('targets.baseYear'), render: (_, i) => i.baseYear ?? '—' },
                {
                  title: t('targets.targets'),
                  render: (_, i) => {
                    const city = i.targets.filter((x) => x.townId === null);
                    const towns = i.targets.length - city.length;
                    return (
                      <>
                        {city.length
                          ? city.map((x) => `${x.year}: ${formatWithUnit(x.value, i.unit, lang)}`).join('; ')
                          : t('targets.noTarget')}
                        {towns ? (
                          <Typography.Text type="secondary">{` (${t('targets.townTargets', { count: towns })})`}</Typography.Text>
                        ) : null}
                      </>
                    );
                  },
                },
                {
                  title: t('targets.inIndex'),
                  render: (_, i) => (i.inIndex ? <Tag color="blue">{t('targets.yes')}</Tag> : t('targets.no')),
                },
              ]}
            />
          )}
        </Card>
        {statistics.data ? (
          <Card size="small" title={t('targets.statisticsUsed')}>
            <Flex gap={8} wrap>
              {statistics.data.items.map((s) => (
                <Tag key={s.code}>
                  <Typography.Text code>{s.code}</Typography.Text>{' '}
                  {labelWithUnit(lang.startsWith('en') ? s.nameEn : s.nameZh, s.unit, lang)}
                </Tag>
              ))}
            </Flex>
          </Card>
        ) : null}
        <Card size="small" title={t('targets.stepProgress')}>
          {p(t('targets.stepProgressText'))}
        </Card>
        <Card size="small" title={t('targets.stepForecast')}>
          {p(t('targets.stepForecastText'))}
        </Card>
        <Card size="small" title={t('targets.stepIndex')}>
          <ol style={{ paddingInlineStart: 20, margin: 0 }}>
            <li>{t('targets.stepIndex1')}</li>
            <li>{t('targets.stepIndex2')}</li>
            <li>{t('targets.stepIndex3')}</li>
            <li>{t('targets.stepIndex4')}</li>
          </ol>
          {comparison.data ? (
            <>
              <Typography.Title level={5} style={{ marginTop: 16 }}>
                {t('targets.treatments')}
                <Typography.Text type="secondary" style={{ fontWeight: 'normal', fontSize: 13 }}>
                  {' '}
                  {t('targets.treatmentsScope')}
                </Typography.Text>
              </Typography.Title>
              <Table<Treatment>
                size="small"
                rowKey="code"
                pagination={false}
                dataSource={comparison.data.indexTreatments}
                data-testid="methodology-treatments"
                columns={[
                  {
                    title: t('targets.indicator'),
                    render: (_, x) => {
                      const i = nameOf(x.code);
                      return i ? indicatorName(i, lang) : x.code;
                    },
                  },
                  { title: t('targets.skewness'), align: 'right', render: (_, x) => formatValue(x.skewness, lang) },
                  { title: t('targets.transformed'), render: (_, x) => (x.transformed ? t('targets.yes') : t('targets.no')) },
                  { title: t('targets.outliers'), align: 'right', dataIndex: 'outliers' },
                  { title: t('targets.min'), align: 'right', render: (_, x) => formatValue(x.min, lang) },
                  { title: t('targets.max'), align: 'right', render: (_, x) => formatValue(x.max, lang) },
                  { title: t('targets.used'), render: (_, x) => (x.used ? <Tag color="green">{t('targets.yes')}</Tag> : t('targets.no')) },
                ]}
              />
            </>
          ) : null}
        </Card>
      </Flex>
    </>
  );
}
