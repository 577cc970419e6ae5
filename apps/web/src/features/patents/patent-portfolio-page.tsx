import type { ListResponse } from '@innotown/contracts/common';
import type { Enterprise } from '@innotown/contracts/enterprises';
import type { Portfolio, PortfolioItem } from '@innotown/contracts/patent-search';
import { Card, Empty, Flex, Skeleton, Statistic, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../app/api-client.ts';
import { useAuth } from '../../app/auth/auth-context.tsx';
import { formatYuan } from '../../app/format/money.ts';
import { PageHeader } from '../../app/ui/page-header.tsx';
import { QueryError } from '../../app/ui/query-error.tsx';
import { RemoteSelect } from '../../app/ui/remote-select.tsx';
import { useSearchState } from '../../app/ui/use-search-state.ts';
import { LegalStatusTag, PatentKindTag } from './patent-tags.tsx';
import { usePortfolio } from './patents-api.ts';
import './patents-i18n.ts';

const ANNUITY_COLORS: Record<string, string> = { paid: 'green', due_soon: 'orange', grace: 'red', overdue: 'magenta', none: 'default' };

function useColumns(withFees: boolean): TableColumnsType<PortfolioItem> {
  const { t } = useTranslation();
  return [
    {
      title: t('patents.patentTitle'),
      dataIndex: 'title',
      width: 220,
      render: (title: string, item) => (
        <Flex vertical>
          <Link to={`/patents/${item.id}`}>{title}</Link>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {item.applicationNumber}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      title: t('patents.facet_kind'),
      dataIndex: 'kind',
      width: 100,
      render: (kind: PortfolioItem['kind']) => <PatentKindTag kind={kind} />,
    },
    {
      title: t('patents.legalStatus'),
      dataIndex: 'legalStatus',
      width: 100,
      render: (status: PortfolioItem['legalStatus']) => <LegalStatusTag status={status} />,
    },
    { title: t('patents.applicationDate'), dataIndex: 'applicationDate', width: 110 },
    { title: t('patents.grantDate'), dataIndex: 'grantDate', width: 110, render: (v: string | null) => v ?? '—' },
    { title: t('patents.expiryDate'), dataIndex: 'expiryDate', width: 110 },
    {
      title: t('patents.nextFee'),
      key: 'nextFee',
      width: 210,
      render: (_: unknown, item) =>
        item.nextAnnuity ? (
          <Flex gap={6} align="center" wrap>
            <Tag color={ANNUITY_COLORS[item.nextAnnuity.status]} data-testid="annuity-status">
              {t(`patents.annuity_${item.nextAnnuity.status}`)}
            </Tag>
            <span>
              {t('patents.feeYear', { year: item.nextAnnuity.year })} · {item.nextAnnuity.dueDate}
            </span>
          </Flex>
        ) : (
          '—'
        ),
    },
    ...(withFees
      ? [
          {
            title: t('patents.fee'),
            key: 'fee',
            width: 90,
            align: 'right' as const,
            render: (_: unknown, item: PortfolioItem) => (item.nextAnnuity ? formatYuan(item.nextAnnuity.feeFen) : '—'),
          },
          {
            title: t('patents.surcharge'),
            key: 'surcharge',
            width: 90,
            align: 'right' as const,
            render: (_: unknown, item: PortfolioItem) => (item.nextAnnuity ? formatYuan(item.nextAnnuity.surchargeFen) : '—'),
          },
          {
            title: t('patents.graceEnd'),
            key: 'grace',
            width: 110,
            render: (_: unknown, item: PortfolioItem) => item.nextAnnuity?.graceEndDate ?? '—',
          },
        ]
      : []),
  ];
}

function PortfolioView({ data }: { data: Portfolio }) {
  const { t } = useTranslation();
  const reminderColumns = useColumns(true);
  const columns = useColumns(false);
  return (
    <Flex vertical gap={16}>
      <Card size="small">
        <Flex gap={32} wrap align="center">
          <Typography.Title level={5} style={{ margin: 0 }} data-testid="portfolio-enterprise">
            {data.enterpriseName}
          </Typography.Title>
          <Statistic title={t('patents.total')} value={data.counts.total} />
          <Statistic title={t('patents.inForce')} value={data.counts.inForce} />
          <Statistic title={t('patents.pending')} value={data.counts.pending} />
          <Statistic title={t('patents.ended')} value={data.counts.ended} />
          <Typography.Text type="secondary">{t('patents.asOf', { date: data.asOf })}</Typography.Text>
        </Flex>
      </Card>
      <Card size="small" title={t('patents.reminders')}>
        <Table<PortfolioItem>
          data-testid="portfolio-reminders"
          rowKey="id"
          size="small"
          columns={reminderColumns}
          dataSource={data.reminders}
          pagination={false}
          scroll={{ x: 1180 }}
          locale={{ emptyText: <Empty description={t('patents.noReminders')} /> }}
        />
      </Card>
      <Card size="small" title={t('patents.allPatents')}>
        <Table<PortfolioItem>
          data-testid="portfolio-patents"
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={data.items}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          scroll={{ x: 1100 }}
          locale={{ emptyText: <Empty description={t('patents.noPatents')} /> }}
        />
      </Card>
    </Flex>
  );
}

/** An enterprise's patents with term, annual fees and reminders; admins choose the enterprise. */
export function PatentPortfolioPage() {
  const { t } = useTranslation();
  const { me } = useAuth();
  const search = useSearchState();
  const isEnterprise = me?.role === 'enterprise';
  const enterpriseId = isEnterprise ? undefined : search.get('enterpriseId');
  const query = usePortfolio(enterpriseId, isEnterprise || Boolean(enterpriseId));
  return (
    <>
      <PageHeader
        title={t('patents.portfolio')}
        subtitle={t('patents.portfolioSubtitle')}
        extra={
          isEnterprise ? null : (
            <RemoteSelect
              resource="enterprises"
              style={{ width: 320 }}
              placeholder={t('patents.chooseEnterprise')}
              value={enterpriseId}
              initialOption={query.data ? { value: query.data.enterpriseId, label: query.data.enterpriseName } : null}
              onChange={(value) => search.update({ enterpriseId: value })}
              data-testid="portfolio-enterprise-select"
              search={async (q, signal) => {
                const page = await api.get<ListResponse<Enterprise>>('/api/v1/enterprises', { q, pageSize: 20 }, signal);
                return page.items.map((item) => ({ value: item.id, label: item.name }));
              }}
            />
          )
        }
      />
      {!isEnterprise && !enterpriseId ? (
        <Card>
          <Empty description={t('patents.chooseEnterpriseHint')} />
        </Card>
      ) : query.isPending ? (
        <Card>
          <Skeleton active paragraph={{ rows: 8 }} />
        </Card>
      ) : query.isError ? (
        <QueryError error={query.error} onRetry={() => void query.refetch()} />
      ) : (
        <PortfolioView data={query.data} />
      )}
    </>
  );
}
