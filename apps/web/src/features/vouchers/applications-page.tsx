import { PlusOutlined } from '@ant-design/icons';
import { type Application, type ApplicationStatus, applicationStatuses } from '@innotown/contracts/vouchers';
import { Button, Card, Flex, Segmented, type TableProps, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useAuth } from '../../app/auth/auth-context.tsx';
import { formatDateTime } from '../../app/format/datetime.ts';
import { ListTable } from '../../app/ui/list-table.tsx';
import { PageHeader } from '../../app/ui/page-header.tsx';
import { useSearchState } from '../../app/ui/use-search-state.ts';
import { CategoryTag } from '../services/service-format.tsx';
import { ApplicationStatusTag, useReasonLabel, yuan } from './voucher-format.tsx';
import { useApplications } from './vouchers-api.ts';

/** What each reviewer waits on by default: the town the submitted ones, the city the forwarded ones; an enterprise sees all of its own. */
export function defaultStatusFor(role: 'city_admin' | 'town_admin' | 'enterprise' | null): ApplicationStatus | 'all' {
  if (role === 'town_admin') return 'submitted';
  if (role === 'city_admin') return 'forwarded';
  return 'all';
}

/** /vouchers/applications: the enterprise's own applications, or the town's / the city's review queue. */
export function ApplicationsPage() {
  const { t } = useTranslation();
  const { hasRole } = useAuth();
  const navigate = useNavigate();
  const search = useSearchState();
  const reasonLabel = useReasonLabel();
  const isEnterprise = hasRole('enterprise');
  const role = hasRole('city_admin') ? 'city_admin' : hasRole('town_admin') ? 'town_admin' : isEnterprise ? 'enterprise' : null;
  const status = (search.get('status') as ApplicationStatus | 'all' | undefined) ?? defaultStatusFor(role);
  const programmeId = search.get('programmeId');
  const list = useApplications({
    page: search.page,
    pageSize: search.pageSize,
    ...(status !== 'all' ? { status } : {}),
    ...(programmeId ? { programmeId } : {}),
  });

  const columns: TableProps<Application>['columns'] = [
    ...(isEnterprise
      ? []
      : [
          {
            key: 'enterprise',
            title: t('vouchers.enterprise'),
            dataIndex: 'enterpriseName',
            width: 200,
            render: (name: string) => <strong>{name}</strong>,
          },
        ]),
    { key: 'programme', title: t('vouchers.programme'), dataIndex: 'programmeName' },
    {
      key: 'use',
      title: t('vouchers.plannedUse'),
      render: (_, a) => (
        <Flex vertical gap={4}>
          <Typography.Text ellipsis style={{ maxWidth: 280 }}>
            {a.plannedUse}
          </Typography.Text>
          <Flex gap={2} wrap>
            {a.categories.map((c) => (
              <CategoryTag key={c} category={c} />
            ))}
          </Flex>
        </Flex>
      ),
    },
    { key: 'asked', title: t('vouchers.amountAsked'), align: 'right', render: (_, a) => yuan(a.amountFen) },
    {
      key: 'approved',
      title: t('vouchers.amountApproved'),
      align: 'right',
      render: (_, a) => (a.approvedFen === null ? '—' : <strong>{yuan(a.approvedFen)}</strong>),
    },
    {
      key: 'status',
      title: t('vouchers.status'),
      render: (_, a) => (
        <Flex vertical gap={4} align="flex-start">
          <ApplicationStatusTag status={a.status} />
          {a.reason && (a.status === 'returned' || a.status === 'declined') ? (
            <Typography.Text
              type={a.status === 'returned' ? 'warning' : 'danger'}
              style={{ maxWidth: 260 }}
              data-testid="application-row-reason"
            >
              {a.comment ? t('common.labelValue', { label: reasonLabel(a.reason), value: a.comment }) : reasonLabel(a.reason)}
            </Typography.Text>
          ) : null}
        </Flex>
      ),
    },
    { key: 'created', title: t('vouchers.submittedAt'), render: (_, a) => formatDateTime(a.createdAt) },
    {
      key: 'actions',
      title: '',
      render: (_, a) => (
        <Flex gap={8}>
          <Link to={`/vouchers/applications/${a.id}`} data-testid="application-open">
            {t('vouchers.detail')}
          </Link>
          {isEnterprise && a.status === 'returned' ? (
            <Link to={`/vouchers/applications/new?programmeId=${a.programmeId}&from=${a.id}`}>{t('vouchers.resubmit')}</Link>
          ) : null}
        </Flex>
      ),
    },
  ];

  const title = isEnterprise
    ? t('vouchers.myApplications')
    : role === 'town_admin'
      ? t('vouchers.reviewQueue')
      : t('vouchers.approvalQueue');
  const subtitle = isEnterprise
    ? t('vouchers.applicationsSubtitleEnterprise')
    : role === 'town_admin'
      ? t('vouchers.applicationsSubtitleTown')
      : t('vouchers.applicationsSubtitleCity');
  return (
    <>
      <PageHeader
        title={title}
        subtitle={subtitle}
        extra={
          isEnterprise ? (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => navigate('/vouchers/applications/new')}
              data-testid="application-new"
            >
              {t('vouchers.apply')}
            </Button>
          ) : null
        }
      />
      <Card>
        <Segmented
          style={{ marginBottom: 16 }}
          value={status}
          onChange={(value) => search.update({ status: value })}
          options={[
            { value: 'all', label: t('vouchers.allStatuses') },
            ...applicationStatuses.map((s) => ({ value: s, label: t(`vouchers.status_${s}`) })),
          ]}
          data-testid="application-status-filter"
        />
        <ListTable<Application>
          data-testid="voucher-applications"
          list={list}
          columns={columns}
          page={search.page}
          pageSize={search.pageSize}
          onPageChange={(page, pageSize) => search.update({ page, pageSize })}
          scroll={{ x: 1000 }}
        />
      </Card>
    </>
  );
}
