import type { ReportingPeriod } from '@innotown/contracts/targets';
import { submissionStatuses } from '@innotown/contracts/targets';
import { Button, Empty, Select, Space, Table, type TableProps, Tabs, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useAuth } from '../../app/auth/auth-context.tsx';
import { formatDateTime, shanghaiDate } from '../../app/format/datetime.ts';
import { PageHeader } from '../../app/ui/page-header.tsx';
import { useSearchState } from '../../app/ui/use-search-state.ts';
import { useTowns } from '../towns/towns-api.ts';
import { PeriodsPanel } from './periods-panel.tsx';
import { periodLabel, SubmissionStatusTag } from './submission-status-tag.tsx';
import { type SubmissionSummary, usePeriods, useSubmissions } from './target-submissions-api.ts';
import './target-submissions-i18n.ts';
import { ExportButton } from '../../app/ui/export-button.tsx';

type TownRow = ReportingPeriod & { latest: SubmissionSummary | undefined };

/** The town admin's view: each period with the town's latest version, its deadline and what to do next. */
function TownPeriods() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const periods = usePeriods();
  const mine = useSubmissions({});
  const latest = new Map<string, SubmissionSummary>();
  for (const s of mine.data ?? []) if ((latest.get(s.periodId)?.version ?? 0) < s.version) latest.set(s.periodId, s);
  const rows: TownRow[] = (periods.data ?? []).map((p) => ({ ...p, latest: latest.get(p.id) }));
  const today = shanghaiDate();
  const columns: TableProps<TownRow>['columns'] = [
    { title: t('targetSubmissions.period'), key: 'name', render: (_: unknown, p) => periodLabel(p) },
    {
      title: t('targetSubmissions.deadline'),
      dataIndex: 'deadline',
      render: (d: string, p) => (
        <Space size={4}>
          {d}
          {p.status === 'open' && d < today && p.latest?.status !== 'submitted' && p.latest?.status !== 'approved' ? (
            <Tag color="error">{t('targetSubmissions.late')}</Tag>
          ) : null}
        </Space>
      ),
    },
    {
      title: t('targetSubmissions.periodStatus'),
      dataIndex: 'status',
      render: (s: ReportingPeriod['status']) => (
        <Tag color={s === 'open' ? 'green' : 'default'}>{t(`targetSubmissions.periodStatuses.${s}`)}</Tag>
      ),
    },
    {
      title: t('targetSubmissions.status'),
      key: 'st',
      render: (_: unknown, p) => <SubmissionStatusTag status={p.latest?.status ?? null} />,
    },
    { title: t('targetSubmissions.version'), key: 'v', render: (_: unknown, p) => p.latest?.version ?? '—' },
    {
      title: '',
      key: 'action',
      render: (_: unknown, p) => {
        const s = p.latest;
        if (!s && p.status === 'open')
          return (
            <Button
              type="primary"
              size="small"
              onClick={() => navigate(`/targets/submissions/new?period=${p.id}`)}
              data-testid={`period-action-${p.year}`}
            >
              {t('targetSubmissions.fill')}
            </Button>
          );
        if (!s) return null;
        const editable = p.status === 'open' && (s.status === 'draft' || s.status === 'returned');
        return (
          <Button
            size="small"
            type={editable ? 'primary' : 'default'}
            onClick={() => navigate(`/targets/submissions/${s.id}`)}
            data-testid={`period-action-${p.year}`}
          >
            {editable ? t('targetSubmissions.continue') : t('targetSubmissions.view')}
          </Button>
        );
      },
    },
  ];
  return (
    <Table<TownRow>
      rowKey="id"
      loading={periods.isPending || mine.isPending}
      columns={columns}
      dataSource={rows}
      locale={{ emptyText: <Empty description={t('targetSubmissions.noPeriods')} /> }}
      data-testid="town-periods"
    />
  );
}

/** The city's review queue: submitted versions first, filtered by period, town and status. */
function ReviewQueue() {
  const { t } = useTranslation();
  const { get, update } = useSearchState();
  const periods = usePeriods();
  const towns = useTowns({ pageSize: 100 });
  const status = get('status') ?? 'submitted';
  const filter = { periodId: get('periodId'), townId: get('townId'), status: status === 'all' ? undefined : status };
  const list = useSubmissions(filter);
  const columns: TableProps<SubmissionSummary>['columns'] = [
    {
      title: t('targetSubmissions.town'),
      dataIndex: 'townName',
      render: (name: string, s) => <Link to={`/targets/submissions/${s.id}`}>{name}</Link>,
    },
    { title: t('targetSubmissions.period'), key: 'p', render: (_: unknown, s) => periodLabel(s) },
    { title: t('targetSubmissions.version'), dataIndex: 'version' },
    {
      title: t('targetSubmissions.status'),
      dataIndex: 'status',
      render: (s: SubmissionSummary['status']) => <SubmissionStatusTag status={s} />,
    },
    { title: t('targetSubmissions.submittedAt'), dataIndex: 'submittedAt', render: (at: string | null) => formatDateTime(at) },
    { title: t('targetSubmissions.submittedBy'), dataIndex: 'submittedByName', render: (n: string | null) => n ?? '—' },
  ];
  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <Select
          style={{ minWidth: 140 }}
          value={get('periodId') ?? 'all'}
          onChange={(v) => update({ periodId: v === 'all' ? undefined : v })}
          options={[
            { value: 'all', label: t('targetSubmissions.allPeriods') },
            ...(periods.data ?? []).map((p) => ({ value: p.id, label: periodLabel(p) })),
          ]}
        />
        <Select
          style={{ minWidth: 140 }}
          showSearch
          optionFilterProp="label"
          value={get('townId') ?? 'all'}
          onChange={(v) => update({ townId: v === 'all' ? undefined : v })}
          options={[
            { value: 'all', label: t('targetSubmissions.allTowns') },
            ...(towns.data?.items ?? []).map((town) => ({ value: town.id, label: town.name })),
          ]}
        />
        <Select
          style={{ minWidth: 140 }}
          value={status}
          onChange={(v) => update({ status: v })}
          data-testid="queue-status-filter"
          options={[
            { value: 'all', label: t('targetSubmissions.allStatuses') },
            ...submissionStatuses.map((s) => ({ value: s, label: t(`targetSubmissions.statuses.${s}`) })),
          ]}
        />
        <ExportButton
          path="/api/v1/statistic-submissions/export.xlsx"
          query={filter}
          fallbackName="statistic-submissions.xlsx"
          testId="review-queue-export"
        />
      </Space>
      <Table<SubmissionSummary>
        rowKey="id"
        loading={list.isPending}
        columns={columns}
        dataSource={list.data ?? []}
        locale={{ emptyText: <Empty description={t('targetSubmissions.noSubmissions')} /> }}
        data-testid="review-queue"
      />
    </>
  );
}

/** /targets/submissions — the town's periods and submissions, or the city's review queue and periods. */
export function SubmissionsPage() {
  const { t } = useTranslation();
  const { me } = useAuth();
  const { get, update } = useSearchState();
  const city = me?.role === 'city_admin';
  return (
    <>
      <PageHeader
        title={t('targetSubmissions.title')}
        subtitle={city ? t('targetSubmissions.subtitleCity') : t('targetSubmissions.subtitleTown')}
      />
      {city ? (
        <Tabs
          activeKey={get('tab') ?? 'queue'}
          onChange={(tab) => update({ tab })}
          items={[
            { key: 'queue', label: t('targetSubmissions.tabQueue'), children: <ReviewQueue /> },
            { key: 'periods', label: t('targetSubmissions.tabPeriods'), children: <PeriodsPanel /> },
          ]}
        />
      ) : (
        <TownPeriods />
      )}
    </>
  );
}
