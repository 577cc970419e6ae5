import { FileExcelOutlined } from '@ant-design/icons';
import {
  type VoucherReport,
  type VoucherReportFigures,
  type VoucherReportGrouping,
  type VoucherReportRow,
  voucherReportGroupings,
} from '@innotown/contracts/voucher-reports';
import { App, Button, Card, Col, Empty, Row, Select, Skeleton, Statistic, Table, type TableProps, Tabs, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { downloadFile, errorMessage } from '../../app/api-client.ts';
import { useAuth } from '../../app/auth/auth-context.tsx';
import { formatWan } from '../../app/format/money.ts';
import { PageHeader } from '../../app/ui/page-header.tsx';
import { QueryError } from '../../app/ui/query-error.tsx';
import { useSearchState } from '../../app/ui/use-search-state.ts';
import { useProgrammes } from '../vouchers/vouchers-api.ts';
import { CategoryChart, IssuedSettledChart, ReasonsChart } from './voucher-report-charts.tsx';
import { useVoucherReport } from './voucher-reports-api.ts';
import './voucher-reports-i18n.ts';

const TAB_LABEL = {
  programme: 'voucherReports.byProgramme',
  town: 'voucherReports.byTown',
  provider: 'voucherReports.byProvider',
  category: 'voucherReports.byCategory',
} as const;

export const percent = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(1)}%`);
const num = (v: number | null, digits = 1) => (v === null ? '—' : v.toFixed(digits));

/** The report's headline figures (the totals of the caller's scope). */
function KeyFigures({ f }: { f: VoucherReportFigures }) {
  const { t } = useTranslation();
  const days = (v: number | null) => (v === null ? '—' : t('voucherReports.days', { value: v.toFixed(1) }));
  const items = [
    {
      title: t('voucherReports.issuedFen'),
      value: formatWan(f.issuedFen),
      suffix: t('voucherReports.vouchersCount', { count: f.issued ?? 0 }),
    },
    { title: t('voucherReports.settledFen'), value: formatWan(f.settledFen), suffix: null },
    { title: t('voucherReports.redemptionRate'), value: percent(f.redemptionRate), suffix: null },
    { title: t('voucherReports.leverage'), value: num(f.leverage, 2), suffix: t('voucherReports.leverageHint') },
    { title: t('voucherReports.awardToSettlement'), value: days(f.awardToSettlementMedianDays), suffix: null },
    {
      title: t('voucherReports.repeat'),
      value: t('voucherReports.repeatOf', { repeat: f.repeatEnterprises, using: f.enterprisesUsing }),
      suffix: null,
    },
    { title: t('voucherReports.delivery'), value: days(f.deliveryMedianDays), suffix: null },
    {
      title: t('voucherReports.rating'),
      value: num(f.averageRating, 2),
      suffix: t('voucherReports.ratingCount', { count: f.ratedOrders }),
    },
  ];
  return (
    <Card style={{ marginBottom: 16 }} data-testid="voucher-report-figures">
      <Row gutter={[16, 16]}>
        {items.map((x) => (
          <Col key={x.title} xs={12} md={6}>
            <Statistic title={x.title} value={x.value} />
            {x.suffix ? (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {x.suffix}
              </Typography.Text>
            ) : null}
          </Col>
        ))}
      </Row>
    </Card>
  );
}

function ReportTable({ report, en }: { report: VoucherReport; en: boolean }) {
  const { t } = useTranslation();
  const voucherLevel = report.groupBy === 'programme' || report.groupBy === 'town';
  const money = (k: keyof VoucherReportFigures) => (_: unknown, r: VoucherReportRow) => formatWan(r.figures[k]);
  const columns: TableProps<VoucherReportRow>['columns'] = [
    { key: 'name', title: t('voucherReports.name'), fixed: 'left', width: 200, render: (_, r) => (en ? (r.nameEn ?? r.name) : r.name) },
    ...(voucherLevel
      ? ([
          { key: 'applications', title: t('voucherReports.applications'), align: 'right', render: (_, r) => r.figures.applications },
          { key: 'applied', title: t('voucherReports.appliedFen'), align: 'right', render: money('appliedFen') },
          { key: 'issued', title: t('voucherReports.issued'), align: 'right', render: (_, r) => r.figures.issued },
          { key: 'issuedFen', title: t('voucherReports.issuedWan'), align: 'right', render: money('issuedFen') },
        ] as TableProps<VoucherReportRow>['columns'] & object[])
      : []),
    { key: 'used', title: t('voucherReports.usedWan'), align: 'right', render: money('usedFen') },
    { key: 'settled', title: t('voucherReports.settledWan'), align: 'right', render: money('settledFen') },
    ...(voucherLevel
      ? ([
          { key: 'expired', title: t('voucherReports.expiredWan'), align: 'right', render: money('expiredFen') },
          {
            key: 'redemption',
            title: t('voucherReports.redemptionRate'),
            align: 'right',
            render: (_, r) => percent(r.figures.redemptionRate),
          },
        ] as TableProps<VoucherReportRow>['columns'] & object[])
      : []),
    { key: 'orders', title: t('voucherReports.orders'), align: 'right', render: (_, r) => r.figures.subsidisedOrders },
    { key: 'spend', title: t('voucherReports.enterpriseSpendWan'), align: 'right', render: money('enterpriseSpendFen') },
    { key: 'leverage', title: t('voucherReports.leverage'), align: 'right', render: (_, r) => num(r.figures.leverage, 2) },
    {
      key: 'repeat',
      title: t('voucherReports.repeat'),
      align: 'right',
      render: (_, r) => `${r.figures.repeatEnterprises} / ${r.figures.enterprisesUsing}`,
    },
    { key: 'delivery', title: t('voucherReports.deliveryDays'), align: 'right', render: (_, r) => num(r.figures.deliveryMedianDays) },
    { key: 'rating', title: t('voucherReports.averageRating'), align: 'right', render: (_, r) => num(r.figures.averageRating, 2) },
  ];
  return (
    <Table<VoucherReportRow>
      data-testid="voucher-report-table"
      rowKey="key"
      size="small"
      columns={columns}
      dataSource={report.rows}
      pagination={report.rows.length > 20 ? { pageSize: 20 } : false}
      scroll={{ x: 1300 }}
      locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('voucherReports.empty')} /> }}
    />
  );
}

/** City and town admins: the innovation-voucher figures, charts, decline reasons and the Excel export. */
export function VoucherReportsPage() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const { hasRole } = useAuth();
  const en = i18n.language.startsWith('en');
  const search = useSearchState();
  const groupBy = (voucherReportGroupings as readonly string[]).includes(search.get('groupBy') ?? '')
    ? (search.get('groupBy') as VoucherReportGrouping)
    : 'programme';
  const programmeId = search.get('programmeId');
  const programmes = useProgrammes();
  const report = useVoucherReport({ programmeId, groupBy });
  const byTown = useVoucherReport({ programmeId, groupBy: 'town' });
  const byCategory = useVoucherReport({ programmeId, groupBy: 'category' });
  const [exporting, setExporting] = useState(false);

  const exportSheet = async () => {
    setExporting(true);
    try {
      await downloadFile('/api/v1/voucher-reports/export.xlsx', { programmeId }, 'voucher-report.xlsx');
    } catch (err) {
      void message.error(`${t('voucherReports.exportFailed')}: ${errorMessage(err)}`);
    } finally {
      setExporting(false);
    }
  };

  const data = report.data;
  const empty = data !== undefined && data.totals.applications === 0 && data.totals.issued === 0 && data.reasons.length === 0;

  return (
    <>
      <PageHeader
        title={t('voucherReports.title')}
        subtitle={hasRole('town_admin') ? t('voucherReports.subtitleTown') : t('voucherReports.subtitle')}
        extra={
          <>
            <Select<string>
              style={{ width: 240 }}
              aria-label={t('voucherReports.programme')}
              data-testid="voucher-report-programme"
              loading={programmes.isPending}
              value={programmeId ?? ''}
              onChange={(v) => search.update({ programmeId: v || null })}
              options={[
                { value: '', label: t('voucherReports.allProgrammes') },
                ...(programmes.data?.items ?? []).map((p) => ({ value: p.id, label: p.name })),
              ]}
            />
            <Button icon={<FileExcelOutlined />} loading={exporting} onClick={() => void exportSheet()} data-testid="voucher-report-export">
              {t('voucherReports.export')}
            </Button>
          </>
        }
      />
      {report.isError ? (
        <QueryError error={report.error} onRetry={() => void report.refetch()} />
      ) : !data ? (
        <Skeleton active paragraph={{ rows: 10 }} />
      ) : empty ? (
        <Card>
          <Empty description={t('voucherReports.empty')} data-testid="voucher-report-empty" style={{ padding: '48px 0' }} />
        </Card>
      ) : (
        <>
          <KeyFigures f={data.totals} />
          <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
            <Col xs={24} lg={12}>
              <Card title={t('voucherReports.chartIssuedSettled')} size="small">
                {byTown.data ? (
                  <IssuedSettledChart
                    rows={byTown.data.rows.filter((r) => (r.figures.issuedFen ?? 0) > 0 || r.figures.usedFen > 0)}
                    en={en}
                  />
                ) : (
                  <Skeleton active />
                )}
              </Card>
            </Col>
            <Col xs={24} lg={6}>
              <Card title={t('voucherReports.chartCategory')} size="small">
                {byCategory.data ? <CategoryChart rows={byCategory.data.rows} en={en} /> : <Skeleton active />}
              </Card>
            </Col>
            <Col xs={24} lg={6}>
              <Card title={t('voucherReports.chartReasons')} size="small">
                <ReasonsChart reasons={data.reasons} />
              </Card>
            </Col>
          </Row>
          <Card>
            <Tabs
              activeKey={groupBy}
              onChange={(k) => search.update({ groupBy: k === 'programme' ? null : k })}
              items={voucherReportGroupings.map((g) => ({ key: g, label: t(TAB_LABEL[g]) }))}
            />
            <ReportTable report={data} en={en} />
            <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginTop: 12, marginBottom: 0 }}>
              {t('voucherReports.rules')}
            </Typography.Paragraph>
          </Card>
        </>
      )}
    </>
  );
}
