import { WarningOutlined } from '@ant-design/icons';
import type { Voucher, VoucherTotals } from '@innotown/contracts/vouchers';
import { Card, Col, Flex, Row, Skeleton, Statistic, type TableProps, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useAuth } from '../../app/auth/auth-context.tsx';
import { formatDate } from '../../app/format/datetime.ts';
import { ListTable } from '../../app/ui/list-table.tsx';
import { PageHeader } from '../../app/ui/page-header.tsx';
import { useSearchState } from '../../app/ui/use-search-state.ts';
import { daysLeft, EXPIRY_WARNING_DAYS, percentOfBp, yuan } from './voucher-format.tsx';
import { useVouchers } from './vouchers-api.ts';

function ExpiryCell({ v }: { v: Voucher }) {
  const { t } = useTranslation();
  const days = daysLeft(v.expiresAt);
  const soon = v.status === 'active' && days < EXPIRY_WARNING_DAYS;
  return (
    <Flex vertical gap={2}>
      <span>{formatDate(v.expiresAt)}</span>
      {soon ? (
        <Typography.Text type="warning" data-testid="voucher-expires-soon">
          <WarningOutlined /> {t('vouchers.expiresSoon', { days: Math.max(days, 0) })}
        </Typography.Text>
      ) : null}
    </Flex>
  );
}

/** /vouchers/wallet: an enterprise's vouchers (its wallet); the town's or all vouchers for the admins. */
export function WalletPage() {
  const { t } = useTranslation();
  const { hasRole } = useAuth();
  const isEnterprise = hasRole('enterprise');
  const search = useSearchState();
  const list = useVouchers({ page: search.page, pageSize: search.pageSize });
  // Summed by the server over every voucher in the caller's scope, not just this page.
  const totals = list.data?.totals;

  const columns: TableProps<Voucher>['columns'] = [
    {
      key: 'programme',
      title: t('vouchers.programme'),
      render: (_, v) => <Link to={`/vouchers/programmes/${v.programmeId}`}>{v.programmeName}</Link>,
    },
    ...(isEnterprise ? [] : [{ key: 'enterprise', title: t('vouchers.enterprise'), dataIndex: 'enterpriseName' }]),
    {
      key: 'face',
      title: t('vouchers.faceValue'),
      align: 'right',
      render: (_, v) => <span data-testid="voucher-face-value">{yuan(v.faceValueFen)}</span>,
    },
    { key: 'ratio', title: t('vouchers.ratio'), align: 'right', render: (_, v) => percentOfBp(v.ratioBp) },
    {
      key: 'remaining',
      title: t('vouchers.remaining'),
      align: 'right',
      render: (_, v) => <strong data-testid="voucher-remaining">{yuan(v.remainingFen)}</strong>,
    },
    { key: 'reserved', title: t('vouchers.reserved'), align: 'right', render: (_, v) => yuan(v.reservedFen) },
    { key: 'settled', title: t('vouchers.settled'), align: 'right', render: (_, v) => yuan(v.settledFen) },
    { key: 'expires', title: t('vouchers.expiresAt'), render: (_, v) => <ExpiryCell v={v} /> },
    {
      key: 'status',
      title: t('vouchers.status'),
      render: (_, v) => <Tag color={v.status === 'active' ? 'green' : 'default'}>{t(`vouchers.${v.status}`)}</Tag>,
    },
  ];

  const stats: [string, keyof VoucherTotals, string][] = [
    ['face', 'faceValueFen', t('vouchers.totalFace')],
    ['remaining', 'remainingFen', t('vouchers.totalRemaining')],
    ['reserved', 'reservedFen', t('vouchers.totalReserved')],
    ['settled', 'settledFen', t('vouchers.totalSettled')],
  ];
  return (
    <>
      <PageHeader
        title={isEnterprise ? t('vouchers.walletTitle') : t('vouchers.walletScopeTitle')}
        subtitle={isEnterprise ? t('vouchers.walletSubtitle') : t('vouchers.adminSubtitle')}
      />
      <Flex vertical gap={16}>
        {list.isPending ? (
          <Card>
            <Skeleton active paragraph={{ rows: 1 }} />
          </Card>
        ) : totals ? (
          <Card>
            <Row gutter={[16, 16]} data-testid="wallet-totals">
              {stats.map(([key, field, title]) => (
                <Col key={key} xs={12} md={6}>
                  <div data-testid={`wallet-total-${key}`}>
                    <Statistic title={title} value={yuan(totals[field])} />
                  </div>
                </Col>
              ))}
            </Row>
          </Card>
        ) : null}
        <Card title={t('vouchers.wallet')}>
          <ListTable<Voucher>
            data-testid="voucher-wallet"
            list={list}
            columns={columns}
            page={search.page}
            pageSize={search.pageSize}
            onPageChange={(page, pageSize) => search.update({ page, pageSize })}
            scroll={{ x: 1000 }}
          />
        </Card>
      </Flex>
    </>
  );
}
