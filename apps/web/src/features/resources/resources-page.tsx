import {
  RESOURCE_FEE_BANDS,
  type ResourceSearchItem,
  type ResourceSearchResult,
  resourceSearchSorts,
} from '@innotown/contracts/resource-search';
import { Badge, Card, Checkbox, Empty, Flex, Input, List, Pagination, Segmented, Skeleton, Space, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import './resources-i18n.ts';
import { Link } from 'react-router';
import { splitHighlight } from '../../app/ui/highlight.ts';
import { Highlighted } from '../../app/ui/highlighted.tsx';
import { PageHeader } from '../../app/ui/page-header.tsx';
import { QueryError } from '../../app/ui/query-error.tsx';
import { useSearchState } from '../../app/ui/use-search-state.ts';
import { YuanRangeInput } from '../../app/ui/yuan-range-input.tsx';
import { ExportButton } from './resource-export-button.tsx';
import { KindTag, useFeeText } from './resource-tags.tsx';
import { useResourceSearch } from './resources-api.ts';
import { ALL_FILTERS, FILTER_PARAMS, filtersFor } from './search-filters.ts';

type FacetKey = 'kind' | 'town' | 'industry' | 'accreditation';
/** Facet → the query parameter that filters by it. */
const FACET_PARAMS: Record<FacetKey, string> = { kind: 'kind', town: 'townId', industry: 'industry', accreditation: 'accreditation' };
const FACETS: FacetKey[] = ['kind', 'town', 'industry', 'accreditation'];
const FACET_TITLES = {
  kind: 'resources.facetKind',
  town: 'resources.facetTown',
  industry: 'resources.facetIndustry',
  accreditation: 'resources.facetAccreditation',
} as const;

const FEE_BAND_LABELS = ['resources.feeBand_0', 'resources.feeBand_1', 'resources.feeBand_2', 'resources.feeBand_3'] as const;

/** The fee bands with their counts, and a custom range in yuan (the API takes fen). */
function FeeFilter({
  min,
  max,
  bands,
  onApply,
}: {
  min?: string;
  max?: string;
  bands: { value: string; count: number }[];
  onApply: (min: number | null, max: number | null) => void;
}) {
  const { t } = useTranslation();
  return (
    <div data-testid="facet-fee">
      <Typography.Text strong>{t('resources.facetFee')}</Typography.Text>
      <Flex vertical gap={4} style={{ marginTop: 6 }}>
        {RESOURCE_FEE_BANDS.map((band, index) => {
          const count = bands.find((b) => b.value === band.value)?.count ?? 0;
          const chosen = min === String(band.min) && (max ?? null) === (band.max === null ? null : String(band.max));
          if (count === 0 && !chosen) return null;
          return (
            <Checkbox
              key={band.value}
              checked={chosen}
              onChange={(event) => (event.target.checked ? onApply(band.min, band.max) : onApply(null, null))}
              data-testid="facet-fee-option"
            >
              <Flex justify="space-between" gap={8}>
                <span>{t(FEE_BAND_LABELS[index] ?? 'resources.feeBand_3')}</span>
                <Badge count={count} showZero overflowCount={99999} color="#8592a6" />
              </Flex>
            </Checkbox>
          );
        })}
      </Flex>
      <Typography.Text type="secondary" style={{ display: 'block', marginTop: 6 }}>
        {t('resources.feeCustom')}
      </Typography.Text>
      <div style={{ marginTop: 4 }}>
        <YuanRangeInput min={min} max={max} onApply={onApply} />
      </div>
    </div>
  );
}

function ResultItem({ item }: { item: ResourceSearchItem }) {
  const { t, i18n } = useTranslation();
  const feeText = useFeeText();
  // The fragment is either the name (matched there) or a piece of the summary.
  const fragmentText = splitHighlight(item.highlight)
    .map((part) => part.text)
    .join('');
  const summaryIsHighlight = fragmentText !== item.name && fragmentText !== '';
  return (
    <List.Item data-testid="resource-result">
      <Flex vertical gap={6} style={{ width: '100%' }}>
        <Flex align="center" gap={8} wrap>
          <KindTag kind={item.kind} />
          <Link to={`/resources/${item.id}`} style={{ fontSize: 16, fontWeight: 500 }}>
            {summaryIsHighlight ? item.name : <Highlighted fragment={item.highlight} />}
          </Link>
          {item.model ? <Typography.Text type="secondary">{item.model}</Typography.Text> : null}
        </Flex>
        {summaryIsHighlight ? (
          <Typography.Paragraph type="secondary" style={{ margin: 0 }} ellipsis={{ rows: 2 }}>
            <Highlighted fragment={item.highlight} />
          </Typography.Paragraph>
        ) : item.summary ? (
          <Typography.Paragraph type="secondary" style={{ margin: 0 }} ellipsis={{ rows: 2 }}>
            {item.summary}
          </Typography.Paragraph>
        ) : null}
        <Flex gap={16} wrap style={{ fontSize: 13 }}>
          <span>{i18n.language === 'zh-CN' ? item.townName : item.townNameEn}</span>
          <Link to={`/institutions/${item.institutionId}`}>{item.institutionName}</Link>
          <span>{t('common.labelValue', { label: t('resources.fee'), value: feeText(item) })}</span>
        </Flex>
        {item.accreditations.length > 0 || item.industries.length > 0 ? (
          <Flex gap={4} wrap>
            {item.accreditations.map((label) => (
              <Tag key={`a-${label}`} color="gold">
                {label}
              </Tag>
            ))}
            {item.industries.map((label) => (
              <Tag key={`i-${label}`}>{label}</Tag>
            ))}
          </Flex>
        ) : null}
      </Flex>
    </List.Item>
  );
}

function Facets({
  data,
  selected,
  onToggle,
}: {
  data: ResourceSearchResult | undefined;
  selected: (param: string) => string | undefined;
  onToggle: (param: string, value: string | null, more?: Record<string, string | null>) => void;
}) {
  const { t } = useTranslation();
  const applicable = filtersFor(selected('kind'));
  return (
    <Flex vertical gap={16} data-testid="resource-facets">
      {FACETS.filter((facet) => applicable.includes(facet)).map((facet) => {
        const param = FACET_PARAMS[facet];
        const current = selected(param);
        const values = data?.facets[facet] ?? [];
        if (values.length === 0 && !current) return null;
        return (
          <div key={facet} data-testid={`facet-${facet}`}>
            <Typography.Text strong>{t(FACET_TITLES[facet])}</Typography.Text>
            <Flex vertical gap={4} style={{ marginTop: 6 }}>
              {values.map((entry) => {
                const label =
                  facet === 'kind' ? t(`resources.kind_${entry.value as ResourceSearchItem['kind']}`) : (entry.label ?? entry.value);
                return (
                  <Checkbox
                    key={entry.value}
                    checked={current === entry.value}
                    onChange={(event) => onToggle(param, event.target.checked ? entry.value : null)}
                    data-testid={`facet-${facet}-option`}
                  >
                    <Flex justify="space-between" gap={8}>
                      <span>{label}</span>
                      <Badge count={entry.count} showZero overflowCount={99999} color="#8592a6" />
                    </Flex>
                  </Checkbox>
                );
              })}
            </Flex>
          </div>
        );
      })}
      {applicable.includes('fee') ? (
        <FeeFilter
          min={selected('feeMin')}
          max={selected('feeMax')}
          bands={data?.facets.fee ?? []}
          onApply={(min, max) =>
            onToggle('fee', null, { feeMin: min === null ? null : String(min), feeMax: max === null ? null : String(max) })
          }
        />
      ) : null}
      {applicable.includes('available') ? (
        <Checkbox
          checked={selected('available') === 'true'}
          onChange={(event) => onToggle('available', event.target.checked ? 'true' : null)}
          data-testid="facet-available"
        >
          <Flex justify="space-between" gap={8}>
            <span>{t('resources.facetAvailable')}</span>
            <Badge
              count={data?.facets.available?.find((entry) => entry.value === 'true')?.count ?? 0}
              showZero
              overflowCount={99999}
              color="#8592a6"
            />
          </Flex>
        </Checkbox>
      ) : null}
      {data?.facetsAreEstimate ? <Typography.Text type="secondary">{t('resources.facetsEstimate')}</Typography.Text> : null}
    </Flex>
  );
}

/** The public search of the resource database; the whole query lives in the URL. */
export function ResourcesPage() {
  const { t } = useTranslation();
  const search = useSearchState(10);
  const q = search.get('q') ?? '';
  const [text, setText] = useState(q);
  useEffect(() => setText(q), [q]);

  const sortParam = search.get('sort');
  const sort = sortParam && (resourceSearchSorts as readonly string[]).includes(sortParam) ? sortParam : q ? 'relevance' : 'newest';
  const query = {
    q: q || undefined,
    kind: search.get('kind'),
    townId: search.get('townId'),
    industry: search.get('industry'),
    accreditation: search.get('accreditation'),
    feeMin: search.get('feeMin'),
    feeMax: search.get('feeMax'),
    available: search.get('available'),
    sort: sortParam ? sort : undefined,
    page: search.page,
    pageSize: search.pageSize,
  };
  const results = useResourceSearch(query);
  const data = results.data;
  const applicable = filtersFor(search.get('kind'));
  const allParams = ALL_FILTERS.flatMap((filter) => FILTER_PARAMS[filter]);
  const hasFilters = allParams.some((param) => search.get(param));
  /** A filter change; choosing a kind also drops the filters that do not apply to it (no fee for experts). */
  const toggle = (param: string, value: string | null, more: Record<string, string | null> = {}) => {
    const patch: Record<string, string | null> = { [param]: value, ...more };
    if (param === 'kind') {
      const keep = filtersFor(value ?? undefined);
      for (const filter of ALL_FILTERS) if (!keep.includes(filter)) for (const p of FILTER_PARAMS[filter]) patch[p] = null;
      if (!keep.includes('fee') && search.get('sort') === 'fee') patch.sort = null;
    }
    if (param === 'fee') delete patch.fee;
    search.update(patch);
  };

  return (
    <>
      <PageHeader title={t('resources.title')} subtitle={t('resources.subtitle')} />
      <Input.Search
        data-testid="resource-search-input"
        size="large"
        allowClear
        enterButton={t('common.search')}
        placeholder={t('resources.searchPlaceholder')}
        value={text}
        maxLength={100}
        onChange={(event) => setText(event.target.value)}
        onSearch={(value) => search.update({ q: value.trim() })}
        style={{ marginBottom: 16 }}
      />
      <Flex gap={16} align="flex-start" wrap>
        <Card size="small" style={{ width: 240, flex: 'none' }}>
          {results.isPending ? <Skeleton active /> : <Facets data={data} selected={search.get} onToggle={toggle} />}
          {hasFilters ? (
            <Typography.Link
              style={{ display: 'block', marginTop: 12 }}
              onClick={() => search.update(Object.fromEntries(allParams.map((param) => [param, null])))}
            >
              {t('resources.clearFilters')}
            </Typography.Link>
          ) : null}
        </Card>
        <Card size="small" style={{ flex: 1, minWidth: 320 }}>
          <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 8 }}>
            <Typography.Text type="secondary" data-testid="resource-total">
              {data ? t(data.totalIsEstimate ? 'resources.resultsEstimate' : 'resources.results', { total: data.total }) : '\u00a0'}
            </Typography.Text>
            <Space>
              <ExportButton query={query} total={data?.total} />
              <Typography.Text type="secondary">{t('resources.sort')}</Typography.Text>
              <Segmented
                size="small"
                value={sort}
                onChange={(value) => search.update({ sort: value })}
                options={[
                  { value: 'relevance', label: t('resources.sortRelevance'), disabled: !q },
                  { value: 'newest', label: t('resources.sortNewest') },
                  ...(applicable.includes('fee') ? [{ value: 'fee', label: t('resources.sortFee') }] : []),
                ]}
              />
            </Space>
          </Flex>
          {results.isError ? (
            <QueryError error={results.error} onRetry={() => void results.refetch()} />
          ) : (
            <List<ResourceSearchItem>
              data-testid="resource-results"
              loading={results.isFetching}
              dataSource={data?.items ?? []}
              locale={{ emptyText: results.isPending ? ' ' : <Empty description={t('resources.noResults')} /> }}
              renderItem={(item) => <ResultItem item={item} />}
            />
          )}
          {data && data.total > 0 ? (
            <Flex justify="flex-end" style={{ marginTop: 12 }}>
              <Pagination
                current={search.page}
                pageSize={search.pageSize}
                total={data.total}
                showSizeChanger
                pageSizeOptions={[10, 20, 50]}
                onChange={(page, pageSize) => search.update({ page, pageSize })}
              />
            </Flex>
          ) : null}
        </Card>
      </Flex>
    </>
  );
}
