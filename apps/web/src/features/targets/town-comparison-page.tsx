import type { TownComparison } from '@innotown/contracts/targets';
import { Card, Col, Empty, Flex, Row, Select, Skeleton, Table, Typography } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { ExportButton } from '../../app/ui/export-button.tsx';
import { QueryError } from '../../app/ui/query-error.tsx';
import { TownMap, type TownPoint } from '../../app/ui/town-map.tsx';
import { useSearchState } from '../../app/ui/use-search-state.ts';
import { type RadarTown, TownRadar } from './target-charts.tsx';
import { useCityOverview, useTownComparison } from './targets-api.ts';
import { formatIndex, formatValue, formatWithUnit, indicatorName, labelWithUnit, latestCompleteYear, townName } from './targets-format.ts';
import { TargetsHeader, YearSelect } from './targets-header.tsx';

type Town = TownComparison['towns'][number];
type RankRow = { town: Town; value: number | null; rank: number | null };

/** The ranking by the chosen indicator (its own rank, in its direction) or by the composite index. */
function rankingRows(c: TownComparison, indicator: string | null): RankRow[] {
  const rows = c.towns.map((town) => {
    const v = indicator ? town.values.find((x) => x.code === indicator) : null;
    return { town, value: indicator ? (v?.value ?? null) : town.index, rank: v?.rank ?? null };
  });
  if (indicator) return rows.sort((a, b) => (a.rank ?? 1e9) - (b.rank ?? 1e9));
  const sorted = rows.sort((a, b) => (b.value ?? -1) - (a.value ?? -1));
  return sorted.map((r, i) => ({ ...r, rank: r.value === null ? null : i + 1 }));
}

/** Public: the towns ranked by an indicator (or the index), on the map, and side by side on a radar. */
export function TownComparisonPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const navigate = useNavigate();
  const search = useSearchState();
  const overview = useCityOverview(undefined);
  const years = overview.data?.years ?? [];
  const askedYear = Number(search.get('year')) || undefined;
  const defaultYear = latestCompleteYear(overview.data);
  const year = askedYear ?? defaultYear;
  const comparison = useTownComparison(year);
  const c = comparison.data;
  const indicatorCode = c?.indicators.some((i) => i.code === search.get('indicator')) ? (search.get('indicator') as string) : null;
  const indicator = c?.indicators.find((i) => i.code === indicatorCode) ?? null;
  const rows = useMemo(() => (c ? rankingRows(c, indicatorCode) : []), [c, indicatorCode]);
  const valueLabel = indicator ? labelWithUnit(indicatorName(indicator, lang), indicator.unit, lang) : t('targets.index');

  const points = useMemo<TownPoint[]>(
    () =>
      rows.flatMap((r) =>
        r.town.centre
          ? [
              {
                id: r.town.townCode,
                name: townName(r.town, lang),
                centre: r.town.centre,
                // Rounded: the map's legend shows the largest value as is.
                value: Math.max(0, Math.round((r.value ?? 0) * 100) / 100),
                label: indicator ? formatWithUnit(r.value, indicator.unit, lang) : formatIndex(r.value),
                tooltip: `${townName(r.town, lang)}<br/>${valueLabel}: ${formatValue(r.value, lang)}${r.rank ? ` · ${t('targets.rankOf', { rank: r.rank, of: rows.filter((x) => x.value !== null).length })}` : ''}`,
              },
            ]
          : [],
      ),
    [rows, lang, valueLabel, t, indicator],
  );

  // The map's scale starts a little below the lowest town, not at 0, so a ratio's spread shows.
  const present = rows.flatMap((r) => (r.value === null ? [] : [r.value]));
  const lowest = present.length ? Math.min(...present) : 0;
  const mapMin = lowest > 0 ? Math.floor(lowest * 0.9 * 100) / 100 : 0;

  // Radar: the towns in the URL (codes), else the top three of the ranking.
  const radarCodes = (search.get('compare') ?? '').split(',').filter((code) => c?.towns.some((x) => x.townCode === code));
  const chosen = radarCodes.length
    ? radarCodes.slice(0, 3)
    : rows
        .filter((r) => r.value !== null)
        .slice(0, 3)
        .map((r) => r.town.townCode);
  const radarTowns: RadarTown[] = (c?.towns ?? []).map((town) => ({
    id: town.townCode,
    name: townName(town, lang),
    values: Object.fromEntries(town.values.map((v) => [v.code, v.value])),
  }));

  const empty = overview.isSuccess && years.length === 0;
  const error = overview.isError ? overview : comparison.isError ? comparison : null;
  return (
    <>
      <TargetsHeader
        active="towns"
        extra={
          <>
            <Select<string>
              style={{ width: 260 }}
              aria-label={t('targets.indicator')}
              data-testid="towns-indicator"
              value={indicatorCode ?? ''}
              onChange={(v) => search.update({ indicator: v || null })}
              options={[
                { value: '', label: t('targets.rankingByIndex') },
                ...(c?.indicators ?? []).map((i) => ({ value: i.code, label: indicatorName(i, lang) })),
              ]}
            />
            <YearSelect years={years} value={askedYear} defaultYear={defaultYear} onChange={(y) => search.update({ year: y })} />
          </>
        }
      />
      {error ? (
        <QueryError error={error.error} onRetry={() => void error.refetch()} />
      ) : empty ? (
        <Empty description={t('targets.empty')} />
      ) : !c ? (
        <Skeleton active paragraph={{ rows: 12 }} />
      ) : (
        <Flex vertical gap={16}>
          <Row gutter={[16, 16]}>
            <Col xs={24} xl={13}>
              <Card
                size="small"
                title={`${t('targets.map')} · ${valueLabel} · ${c.year}`}
                styles={{ body: { padding: 8 } }}
                data-testid="town-map"
              >
                <TownMap
                  points={points}
                  min={mapMin}
                  valueName={valueLabel}
                  onSelect={(code) => navigate(`/targets/towns/${code}?year=${c.year}`)}
                  height={560}
                />
                <Typography.Text type="secondary" style={{ fontSize: 12, padding: '0 8px' }}>
                  {t('targets.mapHint')}
                </Typography.Text>
              </Card>
            </Col>
            <Col xs={24} xl={11}>
              <Card
                size="small"
                title={`${t('targets.ranking')} · ${c.year}`}
                extra={
                  <ExportButton
                    path="/api/v1/target-dashboard/towns/export.xlsx"
                    query={{ year: c.year, indicator: indicatorCode }}
                    fallbackName="town-comparison.xlsx"
                    testId="town-ranking-export"
                  />
                }
              >
                <Table<RankRow>
                  size="small"
                  data-testid="town-ranking"
                  rowKey={(r) => r.town.townId}
                  dataSource={rows}
                  pagination={false}
                  scroll={{ y: 520 }}
                  columns={[
                    { title: t('targets.rank'), width: 60, render: (_, r) => r.rank ?? '—' },
                    {
                      title: t('targets.town'),
                      render: (_, r) => <Link to={`/targets/towns/${r.town.townCode}?year=${c.year}`}>{townName(r.town, lang)}</Link>,
                    },
                    {
                      title: indicator ? `${indicatorName(indicator, lang)}` : t('targets.index'),
                      align: 'right',
                      render: (_, r) => (indicator ? formatWithUnit(r.value, indicator.unit, lang) : formatIndex(r.value)),
                    },
                    ...(indicator
                      ? [
                          {
                            title: t('targets.indexShort'),
                            align: 'right' as const,
                            width: 90,
                            render: (_: unknown, r: RankRow) => formatIndex(r.town.index),
                          },
                        ]
                      : []),
                  ]}
                />
              </Card>
            </Col>
          </Row>
          <Card
            size="small"
            title={t('targets.radar')}
            extra={
              <Select<string[]>
                mode="multiple"
                maxCount={3}
                style={{ minWidth: 320 }}
                aria-label={t('targets.radarPick')}
                placeholder={t('targets.radarPick')}
                data-testid="towns-radar-pick"
                value={chosen}
                onChange={(codes) => search.update({ compare: codes.join(',') || null })}
                options={c.towns.map((x) => ({ value: x.townCode, label: townName(x, lang) }))}
              />
            }
          >
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('targets.radarHint')}
            </Typography.Text>
            {chosen.length === 0 ? (
              <Empty description={t('targets.radarEmpty')} />
            ) : (
              <TownRadar indicators={c.indicators} towns={radarTowns.filter((x) => chosen.includes(x.id))} all={radarTowns} />
            )}
          </Card>
          <Card
            size="small"
            title={`${t('targets.allIndicators')} · ${c.year}`}
            extra={
              <ExportButton
                path="/api/v1/target-dashboard/towns/export.xlsx"
                query={{ year: c.year, indicator: indicatorCode }}
                fallbackName="town-comparison.xlsx"
                testId="town-all-export"
              />
            }
          >
            <Table<Town>
              size="small"
              rowKey="townId"
              dataSource={c.towns}
              pagination={false}
              scroll={{ x: 1200 }}
              data-testid="town-all-indicators"
              columns={[
                {
                  title: t('targets.town'),
                  fixed: 'left',
                  width: 110,
                  render: (_, town) => <Link to={`/targets/towns/${town.townCode}?year=${c.year}`}>{townName(town, lang)}</Link>,
                },
                ...c.indicators.map((ind) => ({
                  title: labelWithUnit(indicatorName(ind, lang), ind.unit, lang),
                  align: 'right' as const,
                  width: 130,
                  render: (_: unknown, town: Town) => formatValue(town.values.find((v) => v.code === ind.code)?.value, lang),
                })),
                { title: t('targets.indexShort'), align: 'right', width: 90, render: (_, town) => formatIndex(town.index) },
              ]}
            />
          </Card>
        </Flex>
      )}
    </>
  );
}
