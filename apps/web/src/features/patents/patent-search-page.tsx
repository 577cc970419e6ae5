import { parsePatentQuery } from '@innotown/contracts/patent-query';
import {
  PATENT_EXPORT_MAX_ROWS,
  type PatentFacetName,
  type PatentSearchItem,
  type PatentSearchResult,
  patentFacetNames,
  patentSearchSorts,
} from '@innotown/contracts/patent-search';
import {
  Alert,
  Badge,
  Button,
  Card,
  Checkbox,
  DatePicker,
  Empty,
  Flex,
  Input,
  List,
  Pagination,
  Segmented,
  Skeleton,
  Space,
  Tooltip,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiError } from '../../app/api-client.ts';
import { useAuth } from '../../app/auth/auth-context.tsx';
import { currentLocale } from '../../app/i18n/i18n.ts';
import { ExportButton } from '../../app/ui/export-button.tsx';
import { FilterInput } from '../../app/ui/filter-input.tsx';
import { Highlighted } from '../../app/ui/highlighted.tsx';
import { PageHeader } from '../../app/ui/page-header.tsx';
import { QueryError } from '../../app/ui/query-error.tsx';
import { useSearchState } from '../../app/ui/use-search-state.ts';
import { formatIpc, LegalStatusTag, PatentKindTag } from './patent-tags.tsx';
import { usePatentSearch } from './patents-api.ts';
import './patents-i18n.ts';

/** Facet → the query parameter that selects one of its values. */
const FACET_PARAMS: Record<PatentFacetName, string> = {
  kind: 'kind',
  legalStatus: 'legalStatus',
  town: 'townId',
  applicationYear: 'applicationYear',
  ipcSubclass: 'ipc',
};
const FILTER_PARAMS = [
  ...Object.values(FACET_PARAMS),
  'applicant',
  'inventor',
  'localOwner',
  'applicationFrom',
  'applicationTo',
  'grantFrom',
  'grantTo',
  'query',
];
const EXAMPLE = 'TI=(LED OR 灯具) AND IPC=F21V AND NOT LS=lapsed';

/** Where a malformed expert query goes wrong: the query with the span marked, and the parser's message. */
export type QueryProblem = { position: number; length: number; message: string };

export function QueryErrorMark({ query, problem }: { query: string; problem: QueryProblem }) {
  const { t } = useTranslation();
  const end = Math.min(query.length, problem.position + Math.max(problem.length, 0));
  return (
    <Alert
      type="error"
      showIcon
      data-testid="patent-query-error"
      title={t('patents.queryError', { position: problem.position + 1, message: problem.message })}
      description={
        <code style={{ whiteSpace: 'pre-wrap' }}>
          {query.slice(0, problem.position)}
          <mark data-testid="patent-query-error-mark" style={{ background: '#ffccc7', textDecoration: 'underline wavy red' }}>
            {problem.length > 0 ? query.slice(problem.position, end) : '\u2002'}
          </mark>
          {query.slice(end)}
        </code>
      }
    />
  );
}

function ResultItem({ item }: { item: PatentSearchItem }) {
  const { t } = useTranslation();
  const zh = currentLocale() === 'zh-CN';
  return (
    <List.Item data-testid="patent-result">
      <Flex vertical gap={6} style={{ width: '100%' }}>
        <Flex align="center" gap={8} wrap>
          <PatentKindTag kind={item.kind} />
          <Link to={`/patents/${item.id}`} style={{ fontSize: 16, fontWeight: 500 }} data-testid="patent-result-link">
            <Highlighted fragment={item.titleHighlight} />
          </Link>
          <LegalStatusTag status={item.legalStatus} />
        </Flex>
        {item.abstractHighlight ? (
          <Typography.Paragraph type="secondary" style={{ margin: 0 }} ellipsis={{ rows: 2 }}>
            <Highlighted fragment={item.abstractHighlight} />
          </Typography.Paragraph>
        ) : null}
        <Flex gap={16} wrap style={{ fontSize: 13 }}>
          <span>{t('common.labelValue', { label: t('patents.applicationNumber'), value: item.applicationNumber })}</span>
          <span>{t('common.labelValue', { label: t('patents.applicationDate'), value: item.applicationDate })}</span>
          <span>{item.applicants.join('；')}</span>
          {item.mainClass ? <span>{formatIpc(item.mainClass)}</span> : null}
          {item.townName ? <span>{zh ? item.townName : item.townNameEn}</span> : null}
        </Flex>
      </Flex>
    </List.Item>
  );
}

function Facets({
  data,
  selected,
  onToggle,
}: {
  data: PatentSearchResult | undefined;
  selected: (param: string) => string | undefined;
  onToggle: (param: string, value: string | null) => void;
}) {
  const { t } = useTranslation();
  return (
    <Flex vertical gap={16} data-testid="patent-facets">
      {patentFacetNames.map((facet) => {
        const param = FACET_PARAMS[facet];
        const current = selected(param);
        const values = data?.facets[facet] ?? [];
        if (values.length === 0 && !current) return null;
        const label = (value: string, fallback?: string) =>
          facet === 'kind'
            ? t(`patents.kind_${value as PatentSearchItem['kind']}`)
            : facet === 'legalStatus'
              ? t(`patents.status_${value as PatentSearchItem['legalStatus']}`)
              : facet === 'ipcSubclass'
                ? value
                : (fallback ?? value);
        return (
          <div key={facet} data-testid={`facet-${facet}`}>
            <Typography.Text strong>{t(`patents.facet_${facet}`)}</Typography.Text>
            <Flex vertical gap={4} style={{ marginTop: 6, maxHeight: 220, overflowY: 'auto' }}>
              {values.map((entry) => (
                <Checkbox
                  key={entry.value}
                  checked={current === entry.value}
                  onChange={(event) => onToggle(param, event.target.checked ? entry.value : null)}
                  data-testid={`facet-${facet}-option`}
                >
                  <Flex justify="space-between" gap={8}>
                    <span>{label(entry.value, entry.label)}</span>
                    <Badge count={entry.count} showZero overflowCount={9_999_999} color="#8592a6" />
                  </Flex>
                </Checkbox>
              ))}
            </Flex>
          </div>
        );
      })}
      {data?.facetsAreEstimate ? <Typography.Text type="secondary">{t('patents.facetsEstimate')}</Typography.Text> : null}
    </Flex>
  );
}

function DateRange({
  from,
  to,
  onChange,
  testId,
}: {
  from: string | undefined;
  to: string | undefined;
  onChange: (from: string | null, to: string | null) => void;
  testId: string;
}) {
  return (
    <DatePicker.RangePicker
      data-testid={testId}
      size="small"
      allowEmpty={[true, true]}
      value={[from ? dayjs(from) : null, to ? dayjs(to) : null]}
      onChange={(range) => onChange(range?.[0]?.format('YYYY-MM-DD') ?? null, range?.[1]?.format('YYYY-MM-DD') ?? null)}
      style={{ width: '100%' }}
    />
  );
}

/** The public patent search; the whole query lives in the URL. */
export function PatentSearchPage() {
  const { t } = useTranslation();
  const { me } = useAuth();
  const search = useSearchState(10);
  const q = search.get('q') ?? '';
  const expert = search.get('query') ?? '';
  const [text, setText] = useState(q);
  const [expertText, setExpertText] = useState(expert);
  const [showExpert, setShowExpert] = useState(expert !== '');
  useEffect(() => setText(q), [q]);
  useEffect(() => setExpertText(expert), [expert]);

  // The shared parser checks the expert query as it is typed, with the server's positions and messages.
  const zh = currentLocale() === 'zh-CN';
  const local = expertText.trim() ? parsePatentQuery(expertText) : null;
  const localProblem: QueryProblem | null =
    local && !local.ok
      ? { position: local.error.position, length: local.error.length, message: zh ? local.error.message.zh : local.error.message.en }
      : null;

  const sortParam = search.get('sort');
  const hasWords = Boolean(q || expert);
  const sort = sortParam && (patentSearchSorts as readonly string[]).includes(sortParam) ? sortParam : q ? 'relevance' : 'application_date';
  const query = {
    q: q || undefined,
    query: expert || undefined,
    ...Object.fromEntries(FILTER_PARAMS.filter((p) => p !== 'query').map((p) => [p, search.get(p)])),
    sort: sortParam ? sort : undefined,
    page: search.page,
    pageSize: search.pageSize,
  };
  const results = usePatentSearch(query);
  const data = results.data;
  const serverProblem: QueryProblem | null =
    results.error instanceof ApiError && results.error.code === 'PATENT_QUERY_INVALID'
      ? (() => {
          const field = results.error.fields[0];
          const details = results.error.details;
          return {
            position: Number(details?.position ?? 0),
            length: Number(details?.length ?? 0),
            message: (zh ? field?.messageZh : field?.messageEn) ?? results.error.localizedMessage(),
          };
        })()
      : null;
  const hasFilters = FILTER_PARAMS.some((param) => search.get(param));
  const tooMany = data !== undefined && data.total > PATENT_EXPORT_MAX_ROWS;
  const { page: _page, pageSize: _size, ...exportQuery } = query;

  return (
    <>
      <PageHeader title={t('patents.title')} subtitle={t('patents.subtitle')} />
      <Flex vertical gap={8} style={{ marginBottom: 16 }}>
        <Input.Search
          data-testid="patent-search-input"
          size="large"
          allowClear
          enterButton={t('common.search')}
          placeholder={t('patents.searchPlaceholder')}
          value={text}
          maxLength={100}
          onChange={(event) => setText(event.target.value)}
          onSearch={(value) => search.update({ q: value.trim() })}
        />
        <Typography.Link onClick={() => setShowExpert(!showExpert)} data-testid="patent-advanced-toggle">
          {t('patents.advanced')}
        </Typography.Link>
        {showExpert ? (
          <Card size="small">
            <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
              {t('patents.advancedHint')}
            </Typography.Paragraph>
            <Space.Compact style={{ width: '100%' }}>
              <Input
                data-testid="patent-advanced-input"
                value={expertText}
                placeholder={t('patents.advancedPlaceholder')}
                status={localProblem ? 'error' : undefined}
                onChange={(event) => setExpertText(event.target.value)}
                onPressEnter={() => !localProblem && search.update({ query: expertText.trim() })}
                style={{ fontFamily: 'monospace' }}
              />
              <Button type="primary" data-testid="patent-advanced-search" onClick={() => search.update({ query: expertText.trim() })}>
                {t('common.search')}
              </Button>
            </Space.Compact>
            <Typography.Link style={{ fontSize: 12 }} onClick={() => setExpertText(EXAMPLE)}>
              {t('patents.advancedExample')}：{EXAMPLE}
            </Typography.Link>
            {localProblem || serverProblem ? (
              <div style={{ marginTop: 8 }}>
                <QueryErrorMark query={localProblem ? expertText : expert} problem={(localProblem ?? serverProblem) as QueryProblem} />
              </div>
            ) : null}
          </Card>
        ) : null}
      </Flex>
      <Flex gap={16} align="flex-start" wrap>
        <Card size="small" style={{ width: 260, flex: 'none' }}>
          <Flex vertical gap={10} style={{ marginBottom: 16 }}>
            <FilterInput
              size="small"
              applied={search.get('applicant')}
              onApply={(value) => search.update({ applicant: value })}
              placeholder={t('patents.applicant')}
              data-testid="patent-filter-applicant"
              maxLength={60}
            />
            <FilterInput
              size="small"
              applied={search.get('inventor')}
              onApply={(value) => search.update({ inventor: value })}
              placeholder={t('patents.inventor')}
              maxLength={60}
            />
            <FilterInput
              size="small"
              applied={search.get('ipc')}
              onApply={(value) => search.update({ ipc: value })}
              normalize={(value) => value.trim().toUpperCase()}
              placeholder={t('patents.ipcPlaceholder')}
              data-testid="patent-filter-ipc"
              maxLength={20}
            />
            <div>
              <Typography.Text type="secondary">{t('patents.dates')}</Typography.Text>
              <DateRange
                testId="patent-filter-application"
                from={search.get('applicationFrom')}
                to={search.get('applicationTo')}
                onChange={(from, to) => search.update({ applicationFrom: from, applicationTo: to })}
              />
            </div>
            <div>
              <Typography.Text type="secondary">{t('patents.grantDates')}</Typography.Text>
              <DateRange
                testId="patent-filter-grant"
                from={search.get('grantFrom')}
                to={search.get('grantTo')}
                onChange={(from, to) => search.update({ grantFrom: from, grantTo: to })}
              />
            </div>
            <Checkbox
              checked={search.get('localOwner') === 'true'}
              onChange={(event) => search.update({ localOwner: event.target.checked ? 'true' : null })}
            >
              {t('patents.localOwner')}
            </Checkbox>
          </Flex>
          {results.isPending ? (
            <Skeleton active />
          ) : (
            <Facets data={data} selected={search.get} onToggle={(param, value) => search.update({ [param]: value })} />
          )}
          {hasFilters ? (
            <Typography.Link
              style={{ display: 'block', marginTop: 12 }}
              onClick={() => search.update(Object.fromEntries(FILTER_PARAMS.map((param) => [param, null])))}
            >
              {t('patents.clearFilters')}
            </Typography.Link>
          ) : null}
        </Card>
        <Card size="small" style={{ flex: 1, minWidth: 320 }}>
          <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 8 }}>
            <Typography.Text type="secondary" data-testid="patent-total">
              {data
                ? t(data.totalIsEstimate ? 'patents.resultsEstimate' : 'patents.results', { total: data.total.toLocaleString() })
                : '\u00a0'}
            </Typography.Text>
            <Space wrap>
              {me && !tooMany ? (
                <ExportButton path="/api/v1/patents/export" query={exportQuery} fallbackName="patents.xlsx" testId="patent-export" />
              ) : (
                <Tooltip title={me ? t('patents.exportTooLarge', { max: PATENT_EXPORT_MAX_ROWS }) : t('patents.exportSignIn')}>
                  <Button disabled data-testid="patent-export">
                    {t('common.exportXlsx')}
                  </Button>
                </Tooltip>
              )}
              <Typography.Text type="secondary">{t('patents.sort')}</Typography.Text>
              <Segmented
                size="small"
                data-testid="patent-sort"
                value={sort}
                onChange={(value) => search.update({ sort: value })}
                options={patentSearchSorts.map((s) => ({
                  value: s,
                  label: t(`patents.sort_${s}`),
                  disabled: s === 'relevance' && !hasWords,
                }))}
              />
            </Space>
          </Flex>
          {results.isError && !serverProblem ? (
            <QueryError error={results.error} onRetry={() => void results.refetch()} />
          ) : (
            <List<PatentSearchItem>
              data-testid="patent-results"
              loading={results.isFetching}
              dataSource={serverProblem ? [] : (data?.items ?? [])}
              locale={{ emptyText: results.isPending ? ' ' : <Empty description={t('patents.noResults')} /> }}
              renderItem={(item) => <ResultItem item={item} />}
            />
          )}
          {data && data.total > 0 && !serverProblem ? (
            <Flex justify="flex-end" style={{ marginTop: 12 }}>
              <Pagination
                current={search.page}
                pageSize={search.pageSize}
                total={Math.min(data.total, 100_000 * search.pageSize)}
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
