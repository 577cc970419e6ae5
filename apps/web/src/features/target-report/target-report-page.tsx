import { FilePdfOutlined } from '@ant-design/icons';
import type { TargetReport, TargetReportIndicator } from '@innotown/contracts/target-report';
import type { ProgressStatus } from '@innotown/contracts/targets';
import { Alert, App, Button, Card, Empty, Flex, Progress, Select, Skeleton, Space, Table, Tag, Typography } from 'antd';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../app/api-client.ts';
import { useAuth } from '../../app/auth/auth-context.tsx';
import { PageHeader } from '../../app/ui/page-header.tsx';
import { QueryError } from '../../app/ui/query-error.tsx';
import { useSearchState } from '../../app/ui/use-search-state.ts';
import { useTowns } from '../towns/towns-api.ts';
import { type TargetReportParams, useRenderJob, useReportYears, useStartRender, useTargetReport } from './target-report-api.ts';
import './target-report-i18n.ts';
import { useJobFileDownload } from '../../app/ui/use-job-file-download.ts';

const STATUS_COLOR: Record<ProgressStatus, string> = {
  achieved: 'green',
  on_track: 'blue',
  lagging: 'gold',
  behind: 'red',
  no_target: 'default',
  no_data: 'default',
};

const num = (v: number | null | undefined, digits = 2) =>
  v === null || v === undefined ? '—' : v.toLocaleString('zh-CN', { maximumFractionDigits: digits });

/** Starts the render job, shows its progress, and downloads the file when it is done. */
function DownloadButton({ params }: { params: TargetReportParams | null }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const start = useStartRender();
  const [jobId, setJobId] = useState<number | null>(null);
  const clearJob = useCallback(() => setJobId(null), []);
  const job = useRenderJob(jobId);
  useJobFileDownload(job.data, {
    fallbackName: 'target-report.pdf',
    downloaded: t('targetReport.downloaded'),
    failed: t('targetReport.failed'),
    settled: clearJob,
  });

  const busy = start.isPending || jobId !== null;
  const progress = job.data ? Math.round(job.data.progress * 100) : 0;
  return (
    <Space direction="vertical" size={4} style={{ minWidth: 180 }}>
      <Button
        type="primary"
        icon={<FilePdfOutlined />}
        loading={busy}
        disabled={!params}
        data-testid="target-report-download"
        onClick={() => {
          if (!params) return;
          start.mutate(params, {
            onSuccess: (j) => setJobId(j.id),
            onError: (err) => void message.error(errorMessage(err)),
          });
        }}
      >
        {busy ? t('targetReport.preparing') : t('targetReport.download')}
      </Button>
      {busy ? (
        <Progress
          percent={progress}
          size="small"
          status="active"
          data-testid="target-report-progress"
          format={(p) => (job.data?.status === 'queued' ? t('targetReport.queued') : `${p}%`)}
        />
      ) : null}
    </Space>
  );
}

function SummaryTable({ report }: { report: TargetReport }) {
  const { t, i18n } = useTranslation();
  const en = i18n.language.startsWith('en');
  return (
    <Table<TargetReportIndicator>
      size="small"
      rowKey="code"
      pagination={false}
      dataSource={report.indicators}
      data-testid="target-report-summary"
      scroll={{ x: 760 }}
      columns={[
        { title: t('targetReport.indicator'), key: 'name', render: (_, i) => (en ? i.nameEn : i.nameZh) },
        { title: t('targetReport.unit'), dataIndex: 'unit', width: 90, render: (u: string) => (u === '1' ? '—' : u) },
        { title: t('targetReport.value', { year: report.year }), key: 'value', align: 'right', render: (_, i) => num(i.value) },
        ...(report.town
          ? [
              {
                title: t('targetReport.cityValue'),
                key: 'city',
                align: 'right' as const,
                render: (_: unknown, i: TargetReportIndicator) => num(i.cityValue),
              },
            ]
          : []),
        {
          title: t('targetReport.target'),
          key: 'target',
          align: 'right',
          render: (_, i) => (i.target ? `${num(i.target.value)} (${i.target.year})` : '—'),
        },
        {
          title: t('targetReport.status'),
          key: 'status',
          render: (_, i) => <Tag color={STATUS_COLOR[i.status]}>{t(`targetReport.status_${i.status}`)}</Tag>,
        },
        { title: t('targetReport.expected'), key: 'expected', align: 'right', render: (_, i) => num(i.expected) },
        { title: t('targetReport.forecast'), key: 'forecast', align: 'right', render: (_, i) => num(i.forecast?.value) },
      ]}
    />
  );
}

function Preview({ report }: { report: TargetReport }) {
  const { t } = useTranslation();
  const subject = report.town?.name ?? t('targetReport.citySubject');
  const submissions = report.submissions;
  return (
    <Card
      title={t('targetReport.preview')}
      data-testid="target-report-preview"
      extra={
        <Typography.Text type="secondary">
          {t('targetReport.reporting', { reporting: report.townsReporting, total: report.townCount })}
        </Typography.Text>
      }
    >
      <Typography.Title level={4} style={{ textAlign: 'center', marginTop: 0 }} data-testid="target-report-title">
        {t('targetReport.reportTitle', { subject, year: report.year })}
      </Typography.Title>

      <Typography.Title level={5}>{t('targetReport.sectionSummary')}</Typography.Title>
      {!report.town && report.townsReporting < report.townCount ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          message={t('targetReport.partial')}
          data-testid="target-report-partial"
        />
      ) : null}
      <SummaryTable report={report} />

      <Typography.Title level={5} style={{ marginTop: 24 }}>
        {t('targetReport.sectionTrends')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('targetReport.trendsNote', { count: report.indicators.length })}</Typography.Paragraph>

      <Typography.Title level={5}>{t('targetReport.sectionRanking')}</Typography.Title>
      <Table
        size="small"
        rowKey="townId"
        pagination={{ pageSize: 10, hideOnSinglePage: true }}
        dataSource={report.ranking}
        data-testid="target-report-ranking"
        columns={[
          { title: t('targetReport.rank'), dataIndex: 'rank', width: 80, render: (r: number | null) => r ?? '—' },
          {
            title: t('targetReport.townName'),
            key: 'town',
            render: (_, r) =>
              r.townId === report.town?.id ? (
                <Typography.Text strong>
                  {r.townName} <Tag>{t('targetReport.ownTown')}</Tag>
                </Typography.Text>
              ) : (
                r.townName
              ),
          },
          {
            title: t('targetReport.index'),
            dataIndex: 'index',
            align: 'right',
            render: (v: number | null) => (v === null ? '—' : v.toFixed(1)),
          },
        ]}
      />

      <Typography.Title level={5} style={{ marginTop: 24 }}>
        {t('targetReport.sectionSubmissions')}
      </Typography.Title>
      {submissions.deadline === null ? (
        <Typography.Paragraph type="secondary">{t('targetReport.noPeriod')}</Typography.Paragraph>
      ) : (
        <>
          <Typography.Paragraph type="secondary">
            {t('targetReport.deadline', { deadline: submissions.deadline })}
            {submissions.towns.length === 0 ? ` · ${t('targetReport.allApproved')}` : ''}
          </Typography.Paragraph>
          {submissions.towns.length ? (
            <Table
              size="small"
              rowKey="townId"
              pagination={false}
              dataSource={submissions.towns}
              data-testid="target-report-submissions"
              columns={[
                { title: t('targetReport.townName'), dataIndex: 'townName' },
                {
                  title: t('targetReport.submissionStatus'),
                  dataIndex: 'status',
                  render: (s: string | null) =>
                    s ? t(`targetReport.submission_${s}` as 'targetReport.submission_draft') : t('targetReport.notStarted'),
                },
                {
                  title: t('targetReport.late'),
                  dataIndex: 'late',
                  render: (late: boolean) => (late ? <Tag color="red">{t('targetReport.late')}</Tag> : t('targetReport.notLate')),
                },
              ]}
            />
          ) : null}
        </>
      )}

      <Typography.Title level={5} style={{ marginTop: 24 }}>
        {t('targetReport.sectionMethodology')}
      </Typography.Title>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
        {t('targetReport.methodologyNote')}
      </Typography.Paragraph>
    </Card>
  );
}

export function TargetReportPage() {
  const { t } = useTranslation();
  const { hasRole } = useAuth();
  const city = hasRole('city_admin');
  const search = useSearchState();
  const years = useReportYears();
  const towns = useTowns();
  const yearParam = Number(search.get('year'));
  const year = years.data?.years.includes(yearParam) ? yearParam : years.data?.preferred;
  const town = city ? (search.get('town') ?? undefined) : undefined;
  const params: TargetReportParams | null = year ? { year, ...(town ? { town } : {}) } : null;
  const report = useTargetReport(params);

  return (
    <>
      <PageHeader
        title={t('targetReport.title')}
        subtitle={city ? t('targetReport.subtitle') : t('targetReport.subtitleTown')}
        extra={
          <Flex gap={8} wrap align="flex-start">
            <Select<number>
              style={{ width: 120 }}
              aria-label={t('targetReport.year')}
              data-testid="target-report-year"
              loading={years.isPending}
              value={year}
              onChange={(v) => search.update({ year: String(v) })}
              options={(years.data?.years ?? []).map((y) => ({ value: y, label: String(y) }))}
            />
            {city ? (
              <Select<string>
                style={{ width: 180 }}
                aria-label={t('targetReport.town')}
                data-testid="target-report-town"
                loading={towns.isPending}
                value={town ?? ''}
                onChange={(v) => search.update({ town: v || null })}
                showSearch
                optionFilterProp="label"
                options={[
                  { value: '', label: t('targetReport.city') },
                  ...(towns.data?.items ?? []).map((x) => ({ value: x.id, label: x.name })),
                ]}
              />
            ) : null}
            <DownloadButton params={params} />
          </Flex>
        }
      />
      {years.isError ? (
        <QueryError error={years.error} onRetry={() => void years.refetch()} />
      ) : years.data && years.data.years.length === 0 ? (
        <Card>
          <Empty description={t('targetReport.noYears')} data-testid="target-report-empty" style={{ padding: '48px 0' }} />
        </Card>
      ) : report.isError ? (
        <QueryError error={report.error} onRetry={() => void report.refetch()} />
      ) : !report.data ? (
        <Skeleton active paragraph={{ rows: 10 }} />
      ) : (
        <Preview report={report.data} />
      )}
    </>
  );
}
