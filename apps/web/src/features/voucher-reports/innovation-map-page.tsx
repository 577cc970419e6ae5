import type { MapTown } from '@innotown/contracts/innovation-map';
import { SERVICE_CATEGORIES, SERVICE_CATEGORY_LABELS, type ServiceCategory } from '@innotown/contracts/service-categories';
import { Card, Col, Empty, Flex, List, Row, Select, Skeleton, Statistic, Tag, Typography } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { QueryError } from '../../app/ui/query-error.tsx';
import { TownMap, type TownPoint } from '../../app/ui/town-map.tsx';
import { useSearchState } from '../../app/ui/use-search-state.ts';
import { useInnovationMap } from './voucher-reports-api.ts';
import './voucher-reports-i18n.ts';

function categoryLabel(c: ServiceCategory, lang: string) {
  return lang.startsWith('en') ? SERVICE_CATEGORY_LABELS[c].en : SERVICE_CATEGORY_LABELS[c].zh;
}

/** The side panel of the selected town: its providers (links to their pages) and open instruments. */
function TownPanel({ town }: { town: MapTown }) {
  const { t, i18n } = useTranslation();
  return (
    <Flex vertical gap={16} data-testid="innovation-map-town">
      <Typography.Title level={4} style={{ margin: 0 }}>
        {i18n.language.startsWith('en') ? town.nameEn : town.name}
      </Typography.Title>
      <Row gutter={16}>
        <Col span={12}>
          <Statistic title={t('innovationMap.providers')} value={town.providers.length} />
        </Col>
        <Col span={12}>
          <Statistic title={t('innovationMap.instruments')} value={town.openInstruments} />
        </Col>
      </Row>
      <Card size="small" title={t('innovationMap.providers')}>
        {town.providers.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('innovationMap.noProviders')} />
        ) : (
          <List
            size="small"
            dataSource={town.providers}
            renderItem={(p) => (
              <List.Item key={p.id}>
                <Flex vertical gap={4} style={{ width: '100%' }}>
                  <Flex justify="space-between" gap={8}>
                    <Link to={`/service-providers/${p.id}`}>{p.name}</Link>
                    <Typography.Text type="secondary" style={{ whiteSpace: 'nowrap' }}>
                      {t('innovationMap.services', { count: p.serviceCount })}
                    </Typography.Text>
                  </Flex>
                  <Flex gap={4} wrap>
                    {p.categories.map((c) => (
                      <Tag key={c} style={{ marginInlineEnd: 0 }}>
                        {categoryLabel(c, i18n.language)}
                      </Tag>
                    ))}
                  </Flex>
                </Flex>
              </List.Item>
            )}
          />
        )}
      </Card>
      <Card size="small" title={t('innovationMap.instruments')}>
        {town.instruments.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('innovationMap.noInstruments')} />
        ) : (
          <List
            size="small"
            dataSource={town.instruments}
            footer={
              town.openInstruments > town.instruments.length ? (
                <Link to={`/resources?kind=instrument&townId=${town.id}`}>
                  {t('innovationMap.moreInstruments', { count: town.openInstruments })}
                </Link>
              ) : null
            }
            renderItem={(r) => (
              <List.Item key={r.id}>
                <Flex vertical>
                  <Link to={`/resources/${r.id}`}>{r.name}</Link>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {r.institutionName}
                  </Typography.Text>
                </Flex>
              </List.Item>
            )}
          />
        )}
      </Card>
    </Flex>
  );
}

/** Public: the towns on the city map, sized by alliance providers + open instruments; click one for the details. */
export function InnovationMapPage() {
  const { t, i18n } = useTranslation();
  const search = useSearchState();
  const category = (SERVICE_CATEGORIES as readonly string[]).includes(search.get('category') ?? '')
    ? (search.get('category') as ServiceCategory)
    : undefined;
  const map = useInnovationMap(category);
  const selectedId = search.get('town') ?? null;
  const en = i18n.language.startsWith('en');

  const points = useMemo<TownPoint[]>(
    () =>
      (map.data?.towns ?? []).flatMap((town) =>
        town.centre
          ? [
              {
                id: town.id,
                name: en ? town.nameEn : town.name,
                centre: town.centre,
                value: town.providers.length + town.openInstruments,
                tooltip: t('innovationMap.tooltip', {
                  name: en ? town.nameEn : town.name,
                  providers: town.providers.length,
                  instruments: town.openInstruments,
                  interpolation: { escapeValue: false },
                }),
              },
            ]
          : [],
      ),
    [map.data, en, t],
  );
  const selected = map.data?.towns.find((x) => x.id === selectedId) ?? null;

  return (
    <>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('innovationMap.title')}
      </Typography.Title>
      <Flex justify="space-between" align="center" gap={16} wrap style={{ margin: '4px 0 16px' }}>
        <Typography.Text type="secondary">{t('innovationMap.subtitle')}</Typography.Text>
        <Select<ServiceCategory | ''>
          style={{ width: 200 }}
          value={category ?? ''}
          aria-label={t('innovationMap.category')}
          data-testid="innovation-map-category"
          onChange={(v) => search.update({ category: v || null })}
          options={[
            { value: '', label: t('innovationMap.allCategories') },
            ...SERVICE_CATEGORIES.map((c) => ({ value: c, label: categoryLabel(c, i18n.language) })),
          ]}
        />
      </Flex>
      {map.isError ? (
        <QueryError error={map.error} onRetry={() => void map.refetch()} />
      ) : (
        <Row gutter={[16, 16]}>
          <Col xs={24} lg={15}>
            <Card styles={{ body: { padding: 8 } }} data-testid="innovation-map">
              {map.isPending ? (
                <Skeleton.Node active style={{ width: '100%', height: 520 }} />
              ) : (
                <TownMap
                  points={points}
                  valueName={t('innovationMap.value')}
                  selectedId={selectedId}
                  onSelect={(id) => search.update({ town: id })}
                />
              )}
              <Typography.Text type="secondary" style={{ fontSize: 12, padding: '0 8px' }}>
                {t('innovationMap.approximate')}
              </Typography.Text>
            </Card>
          </Col>
          <Col xs={24} lg={9}>
            <Card>
              {map.isPending ? (
                <Skeleton active />
              ) : selected ? (
                <TownPanel town={selected} />
              ) : (
                <Empty description={t('innovationMap.pickTown')} data-testid="innovation-map-pick" />
              )}
            </Card>
          </Col>
        </Row>
      )}
    </>
  );
}
