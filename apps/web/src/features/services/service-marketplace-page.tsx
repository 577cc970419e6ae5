import { SERVICE_CATEGORIES } from '@innotown/contracts/service-categories';
import { type ServiceSearchItem, serviceSearchSorts } from '@innotown/contracts/services';
import { Card, Col, Empty, Flex, Input, Pagination, Row, Segmented, Select, Skeleton, Space, Tabs, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Highlighted } from '../../app/ui/highlighted.tsx';
import { PageHeader } from '../../app/ui/page-header.tsx';
import { QueryError } from '../../app/ui/query-error.tsx';
import { useSearchState } from '../../app/ui/use-search-state.ts';
import { YuanRangeInput } from '../../app/ui/yuan-range-input.tsx';
import { CategoryTag, useCategoryLabel, usePriceText } from './service-format.tsx';
import { useServiceSearch } from './services-api.ts';
import './services-i18n.ts';

/** The price filter in yuan (the API takes fen). */
function PriceFilter({ min, max, onApply }: { min?: string; max?: string; onApply: (min: number | null, max: number | null) => void }) {
  const { t } = useTranslation();
  return (
    <Space size={4} data-testid="service-price-filter">
      <Typography.Text type="secondary">{t('services.facetPrice')}</Typography.Text>
      <YuanRangeInput min={min} max={max} onApply={onApply} width={90} />
    </Space>
  );
}

function ServiceCard({ item }: { item: ServiceSearchItem }) {
  const { t, i18n } = useTranslation();
  const price = usePriceText();
  return (
    <Card size="small" hoverable style={{ height: '100%' }} data-testid="service-card">
      <Flex vertical gap={8}>
        <Flex align="center" gap={6} wrap>
          <CategoryTag category={item.category} />
          <Link to={`/services/${item.id}`} style={{ fontSize: 15, fontWeight: 500 }} data-testid="service-card-title">
            {item.title}
          </Link>
        </Flex>
        <Typography.Paragraph type="secondary" style={{ margin: 0, minHeight: 44 }} ellipsis={{ rows: 2 }}>
          <Highlighted fragment={item.highlight} />
        </Typography.Paragraph>
        <Typography.Text strong style={{ color: '#d4380d' }}>
          {price(item)}
        </Typography.Text>
        <Flex justify="space-between" gap={8} wrap style={{ fontSize: 13 }}>
          <Link to={`/service-providers/${item.institutionId}`} data-testid="service-card-provider">
            {item.institutionName}
          </Link>
          <Typography.Text type="secondary">
            {i18n.language === 'en-US' ? item.townNameEn : item.townName} · {t('services.turnaround', { days: item.turnaroundDays })}
          </Typography.Text>
        </Flex>
      </Flex>
    </Card>
  );
}

/** 服务超市: the public storefront of the service alliance; the whole query lives in the URL. */
export function ServiceMarketplacePage() {
  const { t } = useTranslation();
  const categoryLabel = useCategoryLabel();
  const search = useSearchState(12);
  const q = search.get('q') ?? '';
  const [text, setText] = useState(q);
  useEffect(() => setText(q), [q]);
  const sortParam = search.get('sort');
  const sort = sortParam && (serviceSearchSorts as readonly string[]).includes(sortParam) ? sortParam : q ? 'relevance' : 'newest';
  const category = search.get('category');
  const query = {
    q: q || undefined,
    category,
    townId: search.get('townId'),
    priceMin: search.get('priceMin'),
    priceMax: search.get('priceMax'),
    sort: sortParam ? sort : undefined,
    page: search.page,
    pageSize: search.pageSize,
  };
  const results = useServiceSearch(query);
  const data = results.data;
  const counts = new Map((data?.facets.category ?? []).map((f) => [f.value, f.count]));
  const allCount = [...counts.values()].reduce((a, b) => a + b, 0);
  const hasFilters = ['category', 'townId', 'priceMin', 'priceMax'].some((p) => search.get(p));

  return (
    <>
      <PageHeader title={t('services.title')} subtitle={t('services.subtitle')} />
      <Input.Search
        data-testid="service-search-input"
        size="large"
        allowClear
        enterButton={t('common.search')}
        placeholder={t('services.searchPlaceholder')}
        value={text}
        maxLength={100}
        onChange={(event) => setText(event.target.value)}
        onSearch={(value) => search.update({ q: value.trim() })}
        style={{ marginBottom: 8 }}
      />
      <Tabs
        data-testid="service-category-tabs"
        activeKey={category ?? 'all'}
        onChange={(key) => search.update({ category: key === 'all' ? null : key })}
        items={[
          { key: 'all', label: `${t('services.allCategories')} ${data ? allCount : ''}` },
          ...SERVICE_CATEGORIES.map((c) => ({ key: c, label: `${categoryLabel(c)} ${data ? (counts.get(c) ?? 0) : ''}` })),
        ]}
      />
      <Flex justify="space-between" align="center" wrap gap={12} style={{ marginBottom: 12 }}>
        <Space wrap size={16}>
          <Select
            data-testid="service-town-filter"
            allowClear
            placeholder={t('services.facetTown')}
            style={{ width: 180 }}
            value={search.get('townId') ?? null}
            onChange={(value) => search.update({ townId: value ?? null })}
            options={(data?.facets.town ?? []).map((f) => ({ value: f.value, label: `${f.label ?? f.value}（${f.count}）` }))}
          />
          <PriceFilter
            min={search.get('priceMin')}
            max={search.get('priceMax')}
            onApply={(min, max) =>
              search.update({ priceMin: min === null ? null : String(min), priceMax: max === null ? null : String(max) })
            }
          />
          {hasFilters ? (
            <Typography.Link onClick={() => search.update({ category: null, townId: null, priceMin: null, priceMax: null })}>
              {t('services.clearFilters')}
            </Typography.Link>
          ) : null}
        </Space>
        <Space>
          <Typography.Text type="secondary" data-testid="service-total">
            {data ? t('services.results', { total: data.total }) : '\u00a0'}
          </Typography.Text>
          <Segmented
            size="small"
            value={sort}
            onChange={(value) => search.update({ sort: value })}
            options={[
              { value: 'relevance', label: t('services.sortRelevance'), disabled: !q },
              { value: 'newest', label: t('services.sortNewest') },
              { value: 'price', label: t('services.sortPrice') },
            ]}
          />
        </Space>
      </Flex>
      {results.isError ? (
        <QueryError error={results.error} onRetry={() => void results.refetch()} />
      ) : results.isPending ? (
        <Skeleton active paragraph={{ rows: 6 }} />
      ) : data && data.items.length === 0 ? (
        <Card>
          <Empty description={t('services.noResults')} />
        </Card>
      ) : (
        <Row gutter={[12, 12]} data-testid="service-results" style={{ opacity: results.isFetching ? 0.6 : 1 }}>
          {(data?.items ?? []).map((item) => (
            <Col key={item.id} xs={24} md={12} xl={8}>
              <ServiceCard item={item} />
            </Col>
          ))}
        </Row>
      )}
      {data && data.total > 0 ? (
        <Flex justify="flex-end" style={{ marginTop: 12 }}>
          <Pagination
            current={search.page}
            pageSize={search.pageSize}
            total={data.total}
            showSizeChanger
            pageSizeOptions={[12, 24, 48]}
            onChange={(page, pageSize) => search.update({ page, pageSize })}
          />
        </Flex>
      ) : null}
    </>
  );
}
