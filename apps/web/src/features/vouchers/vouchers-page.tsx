import type { Programme, Voucher } from '@innotown/contracts/vouchers';
import { Card, Col, Empty, Flex, Progress, Row, Skeleton, Statistic, type TableProps, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../app/auth/auth-context.tsx';
import { formatDate } from '../../app/format/datetime.ts';
import { ListTable } from '../../app/ui/list-table.tsx';
import { PageHeader } from '../../app/ui/page-header.tsx';
import { useSearchState } from '../../app/ui/use-search-state.ts';
import { useProgrammes, useVouchers } from './vouchers-api.ts';
import './vouchers-i18n.ts';

/** Fen → yuan with two decimals, exactly (integer arithmetic, no float rounding). */
export function yuan(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  return `${sign}${Math.floor(abs / 100).toLocaleString('en-US')}.${String(abs % 100).padStart(2, '0')}`;
}

function ProgrammeCard({ p }: { p: Programme }) {
  const { t } = useTranslation();
  const b = p.balances;
  const used = b ? Math.round(((p.totalBudgetFen - b.availableFen) / p.totalBudgetFen) * 1000) / 10 : 0;
  return (
    <Card
      title={p.name.includes(String(p.year)) ? p.name : `${p.year} · ${p.name}`}
      data-testid="voucher-programme"
      extra={`${t('vouchers.window')} ${p.windowStart} – ${p.windowEnd}`}
    >
      <Row gutter={[16, 16]}>
        <Col xs={12} md={6}>
          <Statistic title={t('vouchers.budget')} value={yuan(p.totalBudgetFen)} />
        </Col>
        <Col xs={12} md={6}>
          <Statistic title={t('vouchers.cap')} value={yuan(p.capPerEnterpriseFen)} />
        </Col>
        {b ? (
          <>
            <Col xs={12} md={6}>
              <Statistic title={t('vouchers.available')} value={yuan(b.availableFen)} />
            </Col>
            <Col xs={12} md={6}>
              <Statistic title={t('vouchers.issued')} value={yuan(b.issuedFen)} />
            </Col>
            <Col xs={12} md={6}>
              <Statistic title={t('vouchers.inWallets')} value={yuan(b.walletFen)} />
            </Col>
            <Col xs={12} md={6}>
              <Statistic title={t('vouchers.reserved')} value={yuan(b.reservedFen)} />
            </Col>
            <Col xs={12} md={6}>
              <Statistic title={t('vouchers.settled')} value={yuan(b.settledFen)} />
            </Col>
            <Col xs={12} md={6}>
              <Statistic title={t('vouchers.returned')} value={yuan(b.expiredFen)} />
            </Col>
            <Col span={24}>
              <Flex gap={12} align="center">
                <span>{t('vouchers.used')}</span>
                <Progress percent={used} style={{ flex: 1, margin: 0 }} />
              </Flex>
            </Col>
          </>
        ) : null}
      </Row>
    </Card>
  );
}

export function VouchersPage() {
  const { t } = useTranslation();
  const { hasRole } = useAuth();
  const isCity = hasRole('city_admin');
  const search = useSearchState();
  const programmes = useProgrammes(isCity);
  const list = useVouchers({ page: search.page, pageSize: search.pageSize });

  const columns: TableProps<Voucher>['columns'] = [
    { key: 'programme', title: t('vouchers.programme'), dataIndex: 'programmeName' },
    ...(hasRole('enterprise') ? [] : [{ key: 'enterprise', title: t('vouchers.enterprise'), dataIndex: 'enterpriseName' }]),
    { key: 'face', title: t('vouchers.faceValue'), align: 'right', render: (_, v) => yuan(v.faceValueFen) },
    { key: 'remaining', title: t('vouchers.remaining'), align: 'right', render: (_, v) => <strong>{yuan(v.remainingFen)}</strong> },
    { key: 'reserved', title: t('vouchers.reserved'), align: 'right', render: (_, v) => yuan(v.reservedFen) },
    { key: 'settled', title: t('vouchers.settled'), align: 'right', render: (_, v) => yuan(v.settledFen) },
    { key: 'ratio', title: t('vouchers.ratio'), align: 'right', render: (_, v) => `${v.ratioBp / 100}%` },
    { key: 'expires', title: t('vouchers.expiresAt'), render: (_, v) => formatDate(v.expiresAt) },
    {
      key: 'status',
      title: t('vouchers.status'),
      render: (_, v) => <Tag color={v.status === 'active' ? 'green' : 'default'}>{t(`vouchers.${v.status}`)}</Tag>,
    },
  ];

  return (
    <>
      <PageHeader title={t('vouchers.title')} subtitle={isCity ? t('vouchers.adminSubtitle') : t('vouchers.walletSubtitle')} />
      {isCity ? (
        <Flex vertical gap={16} style={{ marginBottom: 16 }}>
          {programmes.isPending ? (
            <Skeleton active />
          ) : programmes.data?.items.length ? (
            programmes.data.items.map((p) => <ProgrammeCard key={p.id} p={p} />)
          ) : (
            <Empty description={t('vouchers.noProgrammes')} />
          )}
        </Flex>
      ) : null}
      <Card title={t('vouchers.wallet')}>
        <ListTable<Voucher>
          data-testid="voucher-wallet"
          list={list}
          columns={columns}
          page={search.page}
          pageSize={search.pageSize}
          onPageChange={(page, pageSize) => search.update({ page, pageSize })}
          scroll={{ x: 900 }}
        />
      </Card>
    </>
  );
}
