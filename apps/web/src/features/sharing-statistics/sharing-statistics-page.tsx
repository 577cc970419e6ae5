import { FileExcelOutlined, PlusOutlined } from '@ant-design/icons';
import type { SharingFigures, SharingLevel, SharingReport, SharingRow } from '@innotown/contracts/sharing-statistics';
import {
  App,
  Breadcrumb,
  Button,
  Card,
  Col,
  DatePicker,
  Empty,
  Flex,
  Form,
  Input,
  InputNumber,
  Modal,
  Popconfirm,
  Result,
  Row,
  Segmented,
  Skeleton,
  Statistic,
  Table,
  type TableProps,
  Tag,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, downloadFile, errorMessage } from '../../app/api-client.ts';
import { useAuth } from '../../app/auth/auth-context.tsx';
import { NotFoundResult } from '../../app/errors/not-found-result.tsx';
import { formatWan } from '../../app/format/money.ts';
import { PageHeader } from '../../app/ui/page-header.tsx';
import { useSearchState } from '../../app/ui/use-search-state.ts';
import {
  type InternalUsage,
  type SharingParams,
  useDeleteInternalUsage,
  useInternalUsages,
  useRecordInternalUsage,
  useSharingReport,
} from './sharing-api.ts';
import './sharing-i18n.ts';
import { shanghaiToday } from '../../app/format/datetime.ts';

const SharingCharts = lazy(async () => ({ default: (await import('./sharing-charts.tsx')).SharingCharts }));

const DATE = 'YYYY-MM-DD';
export const percent = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(2)}%`);
const hours = (v: number) => v.toLocaleString(undefined, { maximumFractionDigits: 1 });

type Preset = 'last12' | 'thisYear' | 'lastYear';
function presetRange(p: Preset): [string, string] {
  const today = shanghaiToday();
  if (p === 'thisYear') return [today.startOf('year').format(DATE), today.subtract(1, 'day').format(DATE)];
  if (p === 'lastYear') {
    const last = today.subtract(1, 'year');
    return [last.startOf('year').format(DATE), last.endOf('year').format(DATE)];
  }
  return [today.subtract(365, 'day').format(DATE), today.subtract(1, 'day').format(DATE)];
}

/** The caller's own unit: the city for city admins, their town, or their institution. */
function homeUnit(role: string | undefined, scope: { townId: string | null; institutionId: string | null } | undefined) {
  if (role === 'town_admin' && scope?.townId) return { level: 'town' as const, id: scope.townId };
  if (role === 'provider' && scope?.institutionId) return { level: 'institution' as const, id: scope.institutionId };
  return { level: 'city' as const, id: undefined };
}

const CHILD: Record<SharingLevel, SharingLevel | null> = { city: 'town', town: 'institution', institution: 'instrument', instrument: null };

function Kpis({ f, workingDays }: { f: SharingFigures; workingDays: number }) {
  const { t } = useTranslation();
  const items: [string, string | number, string?][] = [
    [t('sharing.instruments'), f.instruments, t('sharing.workingDays', { days: workingDays })],
    [t('sharing.availableHours'), hours(f.availableHours)],
    [t('sharing.effectiveHours'), hours(f.effectiveHours), `${t('sharing.externalHours')} ${hours(f.externalHours)}`],
    [t('sharing.utilisationRate'), percent(f.utilisationRate)],
    [t('sharing.sharingRate'), percent(f.sharingRate)],
    [t('sharing.revenueRate'), percent(f.revenueRate)],
    [t('sharing.externalUsers'), f.externalUsers, `${t('sharing.externalServices')} ${f.externalServices}`],
    [t('sharing.serviceIncome'), formatWan(f.serviceIncomeFen)],
    [t('sharing.noShowRate'), percent(f.noShowRate), `${t('sharing.noShows')} ${f.noShows}`],
  ];
  return (
    <Row gutter={[12, 12]} data-testid="sharing-kpis">
      {items.map(([title, value, hint]) => (
        <Col key={title} flex="1 0 112px">
          <Card size="small" style={{ height: '100%' }}>
            <Statistic title={title} value={value} valueStyle={{ fontSize: 22 }} />
            {hint ? (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {hint}
              </Typography.Text>
            ) : null}
          </Card>
        </Col>
      ))}
    </Row>
  );
}

function InternalUsageButton({ resourceId }: { resourceId: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<{ usedOn: Dayjs; hours: number; incomeYuan?: number; note?: string }>();
  const record = useRecordInternalUsage(resourceId);
  const submit = async () => {
    const v = await form.validateFields();
    try {
      await record.mutateAsync({
        usedOn: v.usedOn.format(DATE),
        hours: v.hours,
        incomeFen: Math.round((v.incomeYuan ?? 0) * 100),
        note: v.note || null,
      });
      message.success(t('sharing.recorded'));
      setOpen(false);
      form.resetFields();
    } catch (error) {
      message.error(errorMessage(error));
    }
  };
  return (
    <>
      <Button icon={<PlusOutlined />} onClick={() => setOpen(true)} data-testid="sharing-record-internal">
        {t('sharing.recordInternal')}
      </Button>
      <Modal
        open={open}
        title={t('sharing.internalTitle')}
        onCancel={() => setOpen(false)}
        onOk={() => void submit()}
        confirmLoading={record.isPending}
      >
        <Form form={form} layout="vertical" initialValues={{ usedOn: shanghaiToday().subtract(1, 'day') }}>
          <Form.Item name="usedOn" label={t('sharing.usedOn')} rules={[{ required: true }]}>
            <DatePicker disabledDate={(d) => d.isAfter(shanghaiToday(), 'day')} />
          </Form.Item>
          <Form.Item name="hours" label={t('sharing.hours')} rules={[{ required: true }]}>
            <InputNumber min={0.1} max={744} step={0.5} style={{ width: 160 }} />
          </Form.Item>
          <Form.Item name="incomeYuan" label={t('sharing.internalIncome')}>
            <InputNumber min={0} precision={2} style={{ width: 200 }} />
          </Form.Item>
          <Form.Item name="note" label={t('sharing.note')}>
            <Input maxLength={200} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

function InternalUsages({ params, canEdit }: { params: SharingParams; canEdit: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const list = useInternalUsages(params.id as string, params.from, params.to);
  const remove = useDeleteInternalUsage();
  return (
    <Card size="small" title={t('sharing.internalList')}>
      <Table<InternalUsage>
        rowKey="id"
        size="small"
        loading={list.isFetching}
        dataSource={list.data?.items ?? []}
        pagination={(list.data?.items.length ?? 0) > 20 ? { pageSize: 20, showSizeChanger: false } : false}
        locale={{ emptyText: <Empty description={t('sharing.noInternal')} /> }}
        columns={[
          { title: t('sharing.usedOn'), dataIndex: 'usedOn', width: 130 },
          { title: t('sharing.hours'), dataIndex: 'minutes', width: 130, align: 'right', render: (m: number) => hours(m / 60) },
          {
            title: t('sharing.internalIncome'),
            dataIndex: 'incomeFen',
            width: 150,
            align: 'right',
            render: (f: number) => (f / 100).toFixed(2),
          },
          { title: t('sharing.note'), dataIndex: 'note', render: (v: string | null) => v ?? '—' },
          ...(canEdit
            ? [
                {
                  key: 'actions',
                  width: 90,
                  render: (_: unknown, u: InternalUsage) => (
                    <Popconfirm
                      title={t('sharing.confirmDelete')}
                      onConfirm={async () => {
                        try {
                          await remove.mutateAsync(u.id);
                        } catch (error) {
                          message.error(errorMessage(error));
                        }
                      }}
                    >
                      <Button size="small" type="link" danger>
                        {t('sharing.delete')}
                      </Button>
                    </Popconfirm>
                  ),
                },
              ]
            : []),
        ]}
      />
    </Card>
  );
}

function FiguresTable({ report, onOpen }: { report: SharingReport; onOpen: (row: SharingRow) => void }) {
  const { t } = useTranslation();
  const child = CHILD[report.level];
  const columns: TableProps<SharingRow>['columns'] = [
    {
      title: t('sharing.name'),
      dataIndex: 'name',
      fixed: 'left',
      width: 220,
      render: (name: string, row) => (
        <Flex gap={6} align="center" wrap>
          {child ? (
            <Typography.Link onClick={() => onOpen(row)} data-testid="sharing-drill">
              {name}
            </Typography.Link>
          ) : (
            name
          )}
          {row.idle && row.figures.instruments > 0 ? <Tag color="orange">{t('sharing.idle')}</Tag> : null}
        </Flex>
      ),
    },
    ...(report.level === 'institution'
      ? [{ title: t('sharing.model'), dataIndex: 'model', width: 120, render: (v: string | null) => v ?? '—' }]
      : [{ title: t('sharing.instruments'), dataIndex: ['figures', 'instruments'], width: 80, align: 'right' as const }]),
    {
      title: t('sharing.availableHours'),
      dataIndex: ['figures', 'availableHours'],
      align: 'right',
      width: 110,
      render: hours,
      sorter: (a, b) => a.figures.availableHours - b.figures.availableHours,
    },
    {
      title: t('sharing.effectiveHours'),
      dataIndex: ['figures', 'effectiveHours'],
      align: 'right',
      width: 110,
      render: hours,
      sorter: (a, b) => a.figures.effectiveHours - b.figures.effectiveHours,
    },
    { title: t('sharing.externalHours'), dataIndex: ['figures', 'externalHours'], align: 'right', width: 100, render: hours },
    {
      title: t('sharing.utilisationRate'),
      dataIndex: ['figures', 'utilisationRate'],
      align: 'right',
      width: 110,
      render: percent,
      sorter: (a, b) => (a.figures.utilisationRate ?? -1) - (b.figures.utilisationRate ?? -1),
      defaultSortOrder: 'descend',
    },
    { title: t('sharing.sharingRate'), dataIndex: ['figures', 'sharingRate'], align: 'right', width: 100, render: percent },
    { title: t('sharing.revenueRate'), dataIndex: ['figures', 'revenueRate'], align: 'right', width: 100, render: percent },
    { title: t('sharing.externalUsers'), dataIndex: ['figures', 'externalUsers'], align: 'right', width: 100 },
    {
      title: t('sharing.serviceIncome'),
      dataIndex: ['figures', 'serviceIncomeFen'],
      align: 'right',
      width: 120,
      render: (v: number) => formatWan(v),
      sorter: (a, b) => a.figures.serviceIncomeFen - b.figures.serviceIncomeFen,
    },
    { title: t('sharing.noShowRate'), dataIndex: ['figures', 'noShowRate'], align: 'right', width: 100, render: percent },
  ];
  return (
    <Table<SharingRow>
      rowKey="id"
      size="small"
      columns={columns}
      dataSource={report.rows}
      scroll={{ x: 1200 }}
      pagination={report.rows.length > 30 ? { pageSize: 30, showSizeChanger: false } : false}
      locale={{ emptyText: <Empty description={t('sharing.empty')} /> }}
      data-testid="sharing-table"
    />
  );
}

function IdleList({ report }: { report: SharingReport }) {
  const { t } = useTranslation();
  if (report.idle.length === 0) return <Empty description={t('sharing.noIdle')} />;
  return (
    <Table<SharingRow>
      rowKey="id"
      size="small"
      pagination={false}
      dataSource={report.idle}
      columns={[
        { title: t('sharing.name'), dataIndex: 'name', ellipsis: true },
        { title: t('sharing.institution'), dataIndex: 'institutionName', ellipsis: true, responsive: ['md'] },
        {
          title: t('sharing.originalValue'),
          dataIndex: ['figures', 'originalValueFen'],
          align: 'right',
          render: (v: number) => formatWan(v),
          width: 110,
        },
        { title: t('sharing.utilisationRate'), dataIndex: ['figures', 'utilisationRate'], align: 'right', render: percent, width: 90 },
      ]}
    />
  );
}

export function SharingStatisticsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { me } = useAuth();
  const search = useSearchState();
  const home = homeUnit(me?.role, me?.scope);
  const [defaultFrom, defaultTo] = presetRange('last12');
  const params: SharingParams = {
    level: (search.get('level') as SharingLevel | undefined) ?? home.level,
    id: search.get('id') ?? home.id,
    from: search.get('from') ?? defaultFrom,
    to: search.get('to') ?? defaultTo,
  };
  const query = useSharingReport(params);
  const [exporting, setExporting] = useState(false);
  // The path walked down from the caller's own unit, for the breadcrumb: level:id:name triples.
  const trail = (search.get('trail') ?? '').split('|').filter(Boolean);

  const exportSheet = async () => {
    setExporting(true);
    try {
      await downloadFile('/api/v1/sharing-statistics/export', params, `sharing-${params.level}-${params.from}-${params.to}.xlsx`);
    } catch (error) {
      message.error(errorMessage(error));
    } finally {
      setExporting(false);
    }
  };
  const open = (row: SharingRow) => {
    const here = query.data ? `${query.data.level}:${query.data.id ?? ''}:${query.data.name}` : '';
    search.update({ level: row.level, id: row.id, trail: [...trail, here].join('|') });
  };
  const goTo = (index: number) => {
    const [level, id] = (trail[index] ?? '').split(':');
    search.update({ level, id: id || null, trail: trail.slice(0, index).join('|') || null });
  };

  const periodPicker = (
    <Flex gap={8} wrap align="center">
      <Typography.Text type="secondary">{t('sharing.period')}</Typography.Text>
      <DatePicker.RangePicker
        allowClear={false}
        value={[dayjs(params.from), dayjs(params.to)]}
        disabledDate={(d) => d.isAfter(shanghaiToday(), 'day')}
        onChange={(range) => {
          if (range?.[0] && range[1]) search.update({ from: range[0].format(DATE), to: range[1].format(DATE) });
        }}
        data-testid="sharing-period"
      />
      <Segmented<Preset | ''>
        value=""
        options={[
          { value: 'last12', label: t('sharing.presetLast12') },
          { value: 'thisYear', label: t('sharing.presetThisYear') },
          { value: 'lastYear', label: t('sharing.presetLastYear') },
        ]}
        onChange={(p) => {
          if (!p) return;
          const [from, to] = presetRange(p);
          search.update({ from, to });
        }}
      />
    </Flex>
  );

  const levelName = (l: SharingLevel) =>
    t(
      (
        {
          city: 'sharing.levelCity',
          town: 'sharing.levelTown',
          institution: 'sharing.levelInstitution',
          instrument: 'sharing.levelInstrument',
        } as const
      )[l],
    );

  return (
    <>
      <PageHeader
        title={t('sharing.title')}
        subtitle={t('sharing.subtitle')}
        extra={
          <>
            {me?.role === 'provider' && params.level === 'instrument' && params.id ? <InternalUsageButton resourceId={params.id} /> : null}
            <Button
              type="primary"
              icon={<FileExcelOutlined />}
              loading={exporting}
              onClick={() => void exportSheet()}
              data-testid="sharing-export"
            >
              {t('sharing.export')}
            </Button>
          </>
        }
      />
      <Card size="small" style={{ marginBottom: 16 }}>
        <Flex justify="space-between" gap={12} wrap align="center">
          {periodPicker}
          <Breadcrumb
            items={[
              ...trail.map((step, i) => {
                const [level, , ...name] = step.split(':');
                return {
                  title: (
                    <Typography.Link onClick={() => goTo(i)}>{`${levelName(level as SharingLevel)} · ${name.join(':')}`}</Typography.Link>
                  ),
                };
              }),
              { title: query.data ? `${levelName(query.data.level)} · ${query.data.name}` : '…' },
            ]}
          />
        </Flex>
      </Card>
      {query.isPending ? (
        <Skeleton active paragraph={{ rows: 10 }} />
      ) : query.isError ? (
        query.error instanceof ApiError && query.error.isNotFound ? (
          <NotFoundResult record />
        ) : (
          <Result
            status="error"
            title={errorMessage(query.error)}
            extra={<Button onClick={() => void query.refetch()}>{t('common.retry')}</Button>}
          />
        )
      ) : (
        <Flex
          vertical
          gap={16}
          style={{ opacity: query.isFetching ? 0.6 : 1, transition: 'opacity .2s' }}
          data-testid="sharing-report"
          data-level={query.data.level}
          data-fetching={query.isFetching ? 'true' : 'false'}
        >
          <Kpis f={query.data.totals} workingDays={query.data.workingDays} />
          {query.data.totals.instruments === 0 ? (
            <Card>
              <Empty description={t('sharing.empty')} />
            </Card>
          ) : (
            <>
              <Suspense fallback={<Skeleton active paragraph={{ rows: 8 }} />}>
                <SharingCharts report={query.data} idle={<IdleList report={query.data} />} />
              </Suspense>
              {query.data.level !== 'instrument' ? (
                <Card size="small" title={t('sharing.table')}>
                  <FiguresTable report={query.data} onOpen={open} />
                </Card>
              ) : (
                <InternalUsages params={params} canEdit={me?.role === 'provider'} />
              )}
            </>
          )}
          <Typography.Paragraph type="secondary" style={{ fontSize: 12, margin: 0 }}>
            {t('sharing.rules')}
          </Typography.Paragraph>
        </Flex>
      )}
    </>
  );
}
