import { FileExcelOutlined, FilePdfOutlined } from '@ant-design/icons';
import { PATENT_INDUSTRIES } from '@innotown/contracts/patent-industries';
import type { PatentLandscape, PatentLandscapeIndicator } from '@innotown/contracts/patent-landscape';
import {
  App,
  Button,
  Card,
  Col,
  Empty,
  Flex,
  Input,
  Progress,
  Row,
  Select,
  Skeleton,
  Space,
  Statistic,
  Table,
  Tooltip,
  Typography,
} from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { downloadFile, errorMessage } from '../../app/api-client.ts';
import { useAuth } from '../../app/auth/auth-context.tsx';
import { PageHeader } from '../../app/ui/page-header.tsx';
import { QueryError } from '../../app/ui/query-error.tsx';
import { useSearchState } from '../../app/ui/use-search-state.ts';
import { useTowns } from '../towns/towns-api.ts';
import { cleanParams, type LandscapeParams, useLandscape, useReportJob, useStartReport } from './patent-landscape-api.ts';
import { fmt, IndicatorChart, IndustryChart, IpcTreemap, PieChartOf, RankedChart, TrendChart } from './patent-landscape-charts.tsx';
import './patent-landscape-i18n.ts';
import { useJobFileDownload } from '../../app/ui/use-job-file-download.ts';

const THIS_YEAR = new Date().getFullYear();
const YEAR_OPTIONS = Array.from({ length: THIS_YEAR - 1999 }, (_, i) => THIS_YEAR - i).map((y) => ({ value: y, label: String(y) }));

/** Starts the PDF job, shows its progress, downloads the file when done. */
function PdfButton({ params }: { params: LandscapeParams }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const start = useStartReport();
  const [jobId, setJobId] = useState<number | null>(null);
  const clearJob = useCallback(() => setJobId(null), []);
  const job = useReportJob(jobId);
  useJobFileDownload(job.data, {
    fallbackName: 'patent-landscape.pdf',
    downloaded: t('patentLandscape.downloaded'),
    failed: t('patentLandscape.failed'),
    settled: clearJob,
  });
  const busy = start.isPending || jobId !== null;
  return (
    <Space direction="vertical" size={2}>
      <Button
        icon={<FilePdfOutlined />}
        loading={busy}
        data-testid="landscape-pdf"
        onClick={() => start.mutate(params, { onSuccess: (j) => setJobId(j.id), onError: (err) => void message.error(errorMessage(err)) })}
      >
        {busy ? t('patentLandscape.preparing') : t('patentLandscape.pdf')}
      </Button>
      {busy ? (
        <Progress
          percent={job.data ? Math.round(job.data.progress * 100) : 0}
          size="small"
          status="active"
          format={(p) => (job.data?.status === 'queued' ? t('patentLandscape.queued') : `${p}%`)}
        />
      ) : null}
    </Space>
  );
}

function Downloads({ params }: { params: LandscapeParams }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { me } = useAuth();
  const [excelBusy, setExcelBusy] = useState(false);
  if (!me) {
    return (
      <Tooltip title={t('patentLandscape.signInToDownload')}>
        <Button icon={<FileExcelOutlined />} disabled>
          {t('patentLandscape.excel')}
        </Button>
      </Tooltip>
    );
  }
  return (
    <>
      <Button
        icon={<FileExcelOutlined />}
        loading={excelBusy}
        data-testid="landscape-excel"
        onClick={() => {
          setExcelBusy(true);
          downloadFile('/api/v1/patent-landscape/export.xlsx', params, 'patent-landscape.xlsx')
            .catch((err) => message.error(errorMessage(err)))
            .finally(() => setExcelBusy(false));
        }}
      >
        {t('patentLandscape.excel')}
      </Button>
      <PdfButton params={params} />
    </>
  );
}

function Filters({ params, update }: { params: LandscapeParams; update: (p: Record<string, string | number | undefined>) => void }) {
  const { t, i18n } = useTranslation();
  const en = i18n.language.startsWith('en');
  const towns = useTowns();
  const [ipc, setIpc] = useState(params.ipc ?? '');
  const [applicant, setApplicant] = useState(params.applicant ?? '');
  useEffect(() => setIpc(params.ipc ?? ''), [params.ipc]);
  useEffect(() => setApplicant(params.applicant ?? ''), [params.applicant]);
  return (
    <Card size="small" style={{ marginBottom: 16 }} data-testid="landscape-filters">
      <Flex wrap gap={12} align="center">
        <Select
          style={{ width: 160 }}
          allowClear
          placeholder={t('patentLandscape.allTowns')}
          value={params.town}
          loading={towns.isLoading}
          data-testid="landscape-town"
          aria-label={t('patentLandscape.town')}
          options={(towns.data?.items ?? []).map((tw) => ({ value: tw.id, label: en ? tw.nameEn : tw.name }))}
          onChange={(v) => update({ town: v })}
          showSearch
          optionFilterProp="label"
        />
        <Select
          style={{ width: 240 }}
          allowClear
          placeholder={t('patentLandscape.allIndustries')}
          value={params.industry}
          data-testid="landscape-industry"
          aria-label={t('patentLandscape.industry')}
          options={PATENT_INDUSTRIES.map((i) => ({ value: i.code, label: `${i.code} ${en ? i.nameEn : i.nameZh}` }))}
          onChange={(v) => update({ industry: v })}
        />
        <Input.Search
          style={{ width: 200 }}
          allowClear
          addonBefore="IPC"
          placeholder={t('patentLandscape.ipcPlaceholder')}
          value={ipc}
          data-testid="landscape-ipc"
          onChange={(e) => setIpc(e.target.value)}
          onSearch={(v) => update({ ipc: v.trim() || undefined })}
        />
        <Input.Search
          style={{ width: 240 }}
          allowClear
          placeholder={t('patentLandscape.applicantPlaceholder')}
          value={applicant}
          data-testid="landscape-applicant"
          onChange={(e) => setApplicant(e.target.value)}
          onSearch={(v) => update({ applicant: v.trim() || undefined })}
        />
        <Space size={4}>
          <Typography.Text type="secondary">{t('patentLandscape.years')}</Typography.Text>
          <Select
            style={{ width: 90 }}
            value={params.from}
            options={YEAR_OPTIONS}
            onChange={(v) => update({ from: v })}
            data-testid="landscape-from"
          />
          <span>–</span>
          <Select
            style={{ width: 90 }}
            value={params.to}
            options={YEAR_OPTIONS}
            onChange={(v) => update({ to: v })}
            data-testid="landscape-to"
          />
        </Space>
      </Flex>
    </Card>
  );
}

function Totals({ l }: { l: PatentLandscape }) {
  const { t } = useTranslation();
  const items = [
    { key: 'filed', title: t('patentLandscape.filed'), value: fmt(l.totals.filed.total) },
    { key: 'granted', title: t('patentLandscape.granted'), value: fmt(l.totals.granted) },
    { key: 'inForce', title: t('patentLandscape.inForce'), value: fmt(l.totals.inForce) },
    { key: 'local', title: t('patentLandscape.local'), value: fmt(l.totals.local) },
    { key: 'cagr', title: t('patentLandscape.cagr'), value: l.filedCagr === null ? '—' : `${(l.filedCagr * 100).toFixed(1)}%` },
  ];
  return (
    <Flex gap={16} wrap style={{ marginBottom: 16 }} data-testid="landscape-totals">
      {items.map((i) => (
        <Card key={i.key} size="small" style={{ flex: '1 1 160px' }}>
          <Statistic title={i.title} value={i.value} />
        </Card>
      ))}
    </Flex>
  );
}

function IndicatorTable({ l }: { l: PatentLandscape }) {
  const { t, i18n } = useTranslation();
  const en = i18n.language.startsWith('en');
  // A town: its years; the city: every town in the latest year of the period with a population (else the last year).
  const reporting = new Map<number, number>();
  for (const r of l.indicators) if (r.townId !== null && r.population !== null) reporting.set(r.year, (reporting.get(r.year) ?? 0) + 1);
  const most = Math.max(0, ...reporting.values());
  const last = most > 0 ? Math.max(...[...reporting].filter(([, n]) => n === most).map(([y]) => y)) : l.filter.to;
  const rows = l.filter.town ? l.indicators : l.indicators.filter((r) => r.year === last);
  return (
    <Table<PatentLandscapeIndicator>
      size="small"
      rowKey={(r) => `${r.townId ?? 'city'}-${r.year}`}
      pagination={{ pageSize: 12, hideOnSinglePage: true }}
      dataSource={rows}
      data-testid="landscape-indicators"
      scroll={{ x: 720 }}
      columns={[
        { title: t('patentLandscape.townName'), key: 'town', render: (_, r) => (en ? r.townNameEn : r.townName) },
        { title: t('patentLandscape.year'), dataIndex: 'year', width: 70 },
        { title: t('patentLandscape.population'), dataIndex: 'population', align: 'right', render: (v: number | null) => fmt(v, 0) },
        { title: t('patentLandscape.inventionApplications'), dataIndex: 'inventionApplications', align: 'right' },
        { title: t('patentLandscape.validInventions'), dataIndex: 'validInventions', align: 'right' },
        {
          title: t('patentLandscape.perMillion'),
          dataIndex: 'applicationsPerMillion',
          align: 'right',
          render: (v: number | null) => fmt(v),
        },
        { title: t('patentLandscape.per10k'), dataIndex: 'validPer10k', align: 'right', render: (v: number | null) => fmt(v) },
      ]}
    />
  );
}

function Charts({ l, update }: { l: PatentLandscape; update: (p: Record<string, string | undefined>) => void }) {
  const { t } = useTranslation();
  return (
    <>
      <Totals l={l} />
      <Card
        title={t('patentLandscape.trend')}
        extra={<Typography.Text type="secondary">{t('patentLandscape.trendNote')}</Typography.Text>}
        style={{ marginBottom: 16 }}
      >
        <TrendChart l={l} />
      </Card>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <Card title={t('patentLandscape.topApplicants')}>
            <RankedChart items={l.topApplicants} testId="landscape-chart-applicants" />
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card title={t('patentLandscape.topInventors')}>
            <RankedChart items={l.topInventors} testId="landscape-chart-inventors" />
          </Card>
        </Col>
        <Col xs={24} lg={14}>
          <Card title={t('patentLandscape.ipcTreemap')}>
            <Typography.Paragraph type="secondary" style={{ marginTop: -8 }}>
              {t('patentLandscape.ipcNote')}
            </Typography.Paragraph>
            <IpcTreemap l={l} onPick={(code) => update({ ipc: code })} />
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          <Card title={t('patentLandscape.industries')} extra={<Tooltip title={t('patentLandscape.industriesNote')}>ⓘ</Tooltip>}>
            <IndustryChart l={l} />
          </Card>
        </Col>
        <Col xs={24} md={12}>
          <Card title={t('patentLandscape.legalStatus')}>
            <PieChartOf
              testId="landscape-chart-status"
              items={l.legalStatus.map((s) => ({ name: t(`patentLandscape.status_${s.status}`), value: s.count }))}
            />
          </Card>
        </Col>
        <Col xs={24} md={12}>
          <Card title={t('patentLandscape.origin')}>
            <PieChartOf
              testId="landscape-chart-origin"
              items={[
                { name: t('patentLandscape.local'), value: l.totals.local },
                { name: t('patentLandscape.outside'), value: l.totals.outside },
              ]}
            />
          </Card>
        </Col>
        <Col span={24}>
          <Card
            title={t('patentLandscape.indicators')}
            extra={<Typography.Text type="secondary">{t('patentLandscape.indicatorsNote')}</Typography.Text>}
          >
            <IndicatorChart l={l} />
            <IndicatorTable l={l} />
          </Card>
        </Col>
      </Row>
    </>
  );
}

export function PatentLandscapePage() {
  const { t } = useTranslation();
  const search = useSearchState();
  const num = (key: string) => {
    const v = Number(search.get(key));
    return Number.isInteger(v) && v > 0 ? v : undefined;
  };
  const params = cleanParams({
    town: search.get('town'),
    industry: search.get('industry'),
    ipc: search.get('ipc'),
    applicant: search.get('applicant'),
    from: num('from'),
    to: num('to'),
  });
  const landscape = useLandscape(params);
  const l = landscape.data;
  // The selects show the period the server chose when the URL names none.
  const shown = { ...params, from: params.from ?? l?.filter.from, to: params.to ?? l?.filter.to };
  return (
    <>
      <PageHeader
        title={t('patentLandscape.title')}
        subtitle={t('patentLandscape.subtitle')}
        extra={
          <>
            <Button onClick={() => search.reset()} disabled={Object.keys(params).length === 0}>
              {t('patentLandscape.reset')}
            </Button>
            <Downloads params={params} />
          </>
        }
      />
      <Filters params={shown} update={search.update} />
      {landscape.isError ? (
        <QueryError error={landscape.error} onRetry={() => landscape.refetch()} />
      ) : !l ? (
        <Skeleton active paragraph={{ rows: 10 }} data-testid="landscape-loading" />
      ) : l.totals.filed.total === 0 && l.years.every((y) => y.granted.total === 0) ? (
        <Card>
          <Empty description={t('patentLandscape.empty')} data-testid="landscape-empty" />
        </Card>
      ) : (
        <div style={{ opacity: landscape.isFetching ? 0.6 : 1, transition: 'opacity 0.2s' }} data-testid="landscape-charts">
          <Charts l={l} update={search.update} />
        </div>
      )}
    </>
  );
}
