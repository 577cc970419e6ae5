import { FileExcelOutlined, PlusOutlined } from '@ant-design/icons';
import type { FundingLine, FundingRecord, FundingSummary } from '@innotown/contracts/funding';
import { App, Button, Card, Col, Empty, Row, Select, Skeleton, Statistic, Table, type TableProps, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { downloadFile, errorMessage } from '../../app/api-client.ts';
import { useAuth } from '../../app/auth/auth-context.tsx';
import { formatWan } from '../../app/format/money.ts';
import { PageHeader } from '../../app/ui/page-header.tsx';
import { QueryError } from '../../app/ui/query-error.tsx';
import { useSearchState } from '../../app/ui/use-search-state.ts';
import { useTowns } from '../towns/towns-api.ts';
import { type FundingFilter, useFundingRecords, useFundingSummary } from './funding-api.ts';
import { FundingChart } from './funding-chart.tsx';
import { FundingForm } from './funding-form.tsx';
import './funding-i18n.ts';

const KIND_COLOR = { allocation: 'blue', commitment: 'gold', disbursement: 'green' } as const;
const rate = (num: number, den: number | null) => (den && den > 0 ? `${((num / den) * 100).toFixed(1)}%` : '—');

function KeyFigures({ totals }: { totals: FundingSummary['totals'] }) {
  const { t } = useTranslation();
  const items = [
    { title: t('funding.allocatedWan'), value: formatWan(totals.allocatedFen) },
    { title: t('funding.committedWan'), value: formatWan(totals.committedFen) },
    { title: t('funding.disbursedWan'), value: formatWan(totals.disbursedFen) },
    {
      title: t('funding.disbursementRate'),
      value: rate(totals.disbursedFen, totals.allocatedFen),
      hint: t('funding.disbursementRateHint'),
    },
  ];
  return (
    <Card style={{ marginBottom: 16 }} data-testid="funding-totals">
      <Row gutter={[16, 16]}>
        {items.map((x) => (
          <Col key={x.title} xs={12} md={6}>
            <Statistic title={x.title} value={x.value} />
            {x.hint ? (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {x.hint}
              </Typography.Text>
            ) : null}
          </Col>
        ))}
      </Row>
    </Card>
  );
}

function LinesTable({ lines }: { lines: FundingLine[] }) {
  const { t } = useTranslation();
  const columns: TableProps<FundingLine>['columns'] = [
    { key: 'year', title: t('funding.year'), dataIndex: 'year', width: 80 },
    { key: 'programme', title: t('funding.programme'), render: (_, l) => t(`funding.programme_${l.programme}`) },
    { key: 'town', title: t('funding.town'), render: (_, l) => l.townName ?? t('funding.cityLevel') },
    {
      key: 'allocated',
      title: t('funding.allocatedWan'),
      align: 'right',
      render: (_, l) =>
        l.allocatedFen === null ? (
          <Tooltip title={t('funding.pooledHint')}>
            <Typography.Text type="secondary">{t('funding.pooled')}</Typography.Text>
          </Tooltip>
        ) : (
          formatWan(l.allocatedFen)
        ),
    },
    { key: 'committed', title: t('funding.committedWan'), align: 'right', render: (_, l) => formatWan(l.committedFen) },
    { key: 'disbursed', title: t('funding.disbursedWan'), align: 'right', render: (_, l) => formatWan(l.disbursedFen) },
    { key: 'rate', title: t('funding.disbursementRate'), align: 'right', render: (_, l) => rate(l.disbursedFen, l.allocatedFen) },
    {
      key: 'source',
      title: t('funding.source'),
      render: (_, l) => (l.computed ? <Tag color="purple">{t('funding.sourceLedger')}</Tag> : <Tag>{t('funding.sourceRecords')}</Tag>),
    },
  ];
  return (
    <Table<FundingLine>
      data-testid="funding-lines"
      rowKey={(l) => `${l.year}:${l.programme}:${l.townId ?? 'city'}`}
      size="small"
      columns={columns}
      dataSource={lines}
      pagination={lines.length > 15 ? { pageSize: 15 } : false}
      scroll={{ x: 900 }}
    />
  );
}

function RecordsTable({ filter }: { filter: FundingFilter }) {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const records = useFundingRecords({ ...filter, page });
  if (records.isError) return <QueryError error={records.error} onRetry={() => void records.refetch()} />;
  const columns: TableProps<FundingRecord>['columns'] = [
    { key: 'date', title: t('funding.date'), dataIndex: 'recordDate', width: 110 },
    { key: 'programme', title: t('funding.programme'), render: (_, r) => `${r.year} ${t(`funding.programme_${r.programme}`)}` },
    { key: 'town', title: t('funding.town'), render: (_, r) => r.townName ?? t('funding.cityLevel') },
    { key: 'kind', title: t('funding.kind'), render: (_, r) => <Tag color={KIND_COLOR[r.kind]}>{t(`funding.kind_${r.kind}`)}</Tag> },
    { key: 'amount', title: t('funding.amountWan'), align: 'right', render: (_, r) => formatWan(r.amountFen) },
    { key: 'link', title: t('funding.link'), render: (_, r) => r.link?.name ?? '—' },
    { key: 'note', title: t('funding.note'), render: (_, r) => r.note ?? '—' },
    { key: 'by', title: t('funding.createdBy'), render: (_, r) => r.createdByName ?? '—' },
  ];
  return (
    <Table<FundingRecord>
      data-testid="funding-records"
      rowKey="id"
      size="small"
      loading={records.isFetching}
      columns={columns}
      dataSource={records.data?.items ?? []}
      pagination={{ current: page, pageSize: 10, total: records.data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
      scroll={{ x: 1000 }}
      locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('funding.emptyRecords')} /> }}
    />
  );
}

/** City and town admins: special funds by programme, year and town; the records; recording new ones. */
export function FundingPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { hasRole } = useAuth();
  const city = hasRole('city_admin');
  const search = useSearchState();
  const year = Number(search.get('year')) || undefined;
  const townId = city ? search.get('townId') : undefined;
  const filter: FundingFilter = { year, townId };
  const summary = useFundingSummary(filter);
  const allYears = useFundingSummary({ townId });
  const towns = useTowns();
  const [formOpen, setFormOpen] = useState(false);
  const [exporting, setExporting] = useState(false);

  const exportSheet = async () => {
    setExporting(true);
    try {
      await downloadFile('/api/v1/funding/export.xlsx', filter, 'funding.xlsx');
    } catch (err) {
      void message.error(`${t('funding.exportFailed')}: ${errorMessage(err)}`);
    } finally {
      setExporting(false);
    }
  };

  const data = summary.data;
  return (
    <>
      <PageHeader
        title={t('funding.title')}
        subtitle={city ? t('funding.subtitle') : t('funding.subtitleTown')}
        extra={
          <>
            <Select<number | ''>
              style={{ width: 130 }}
              aria-label={t('funding.year')}
              data-testid="funding-year"
              value={year ?? ''}
              onChange={(v) => search.update({ year: v || null })}
              options={[
                { value: '', label: t('funding.allYears') },
                ...(allYears.data?.years ?? []).map((y) => ({ value: y, label: String(y) })),
              ]}
            />
            {city ? (
              <Select<string>
                style={{ width: 180 }}
                aria-label={t('funding.town')}
                value={townId ?? ''}
                showSearch={{ optionFilterProp: 'label' }}
                onChange={(v) => search.update({ townId: v || null })}
                options={[
                  { value: '', label: t('funding.allTowns') },
                  { value: 'city', label: t('funding.cityLevel') },
                  ...(towns.data?.items ?? []).map((x) => ({ value: x.id, label: x.name })),
                ]}
              />
            ) : null}
            <Button icon={<FileExcelOutlined />} loading={exporting} onClick={() => void exportSheet()} data-testid="funding-export">
              {t('funding.export')}
            </Button>
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setFormOpen(true)} data-testid="funding-record">
              {t('funding.record')}
            </Button>
          </>
        }
      />
      {summary.isError ? (
        <QueryError error={summary.error} onRetry={() => void summary.refetch()} />
      ) : !data ? (
        <Skeleton active paragraph={{ rows: 10 }} />
      ) : data.lines.length === 0 ? (
        <Card>
          <Empty description={t('funding.empty')} data-testid="funding-empty" style={{ padding: '48px 0' }} />
        </Card>
      ) : (
        <>
          <KeyFigures totals={data.totals} />
          <Card title={t('funding.chart')} size="small" style={{ marginBottom: 16 }}>
            <FundingChart rows={data.byProgramme} showYear={year === undefined} />
          </Card>
          <Card title={t('funding.lines')} size="small" style={{ marginBottom: 16 }}>
            <LinesTable lines={data.lines} />
          </Card>
        </>
      )}
      <Card title={t('funding.records')} size="small">
        <RecordsTable key={`${year ?? 'all'}:${townId ?? 'all'}`} filter={filter} />
        <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginTop: 12, marginBottom: 0 }}>
          {t('funding.rules')}
        </Typography.Paragraph>
      </Card>
      <FundingForm open={formOpen} onClose={() => setFormOpen(false)} />
    </>
  );
}
