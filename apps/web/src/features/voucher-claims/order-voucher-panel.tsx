import type { ServiceOrder } from '@innotown/contracts/service-orders';
import { App, Button, Card, Descriptions, Empty, Flex, List, Select, Skeleton, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { errorMessage } from '../../app/api-client.ts';
import { useAuth } from '../../app/auth/auth-context.tsx';
import { ClaimFormModal } from './claim-form.tsx';
import { fenToYuan } from './claim-money.ts';
import { ClaimStatusTag } from './claim-status-tag.tsx';
import { useApplyVoucher, useClaims, useProgramme, useUsableVouchers } from './voucher-claims-api.ts';
import './voucher-claims-i18n.ts';

const SUBSIDY_COLOURS = { reserved: 'processing', released: 'default', settled: 'success', expired: 'warning' } as const;
const claimable = (o: ServiceOrder) =>
  o.status === 'completed' || (o.status === 'closed' && o.decision !== null && o.decision !== 'refund');

/**
 * The innovation-voucher part of an order's detail page (/orders/:id): the subsidy and what the enterprise
 * pays; the enterprise applies one of its vouchers while the order is quoted or accepted; once the order is
 * completed the programme's claimant files the post-subsidy claim; the order's claims link to their pages.
 */
export function OrderVoucherPanel({ order }: { order: ServiceOrder }) {
  const { t } = useTranslation();
  const { me } = useAuth();
  const subsidy = order.subsidy;
  const live = subsidy && (subsidy.status === 'reserved' || subsidy.status === 'settled') ? subsidy : null;
  const programme = useProgramme(live?.programmeId);
  const claims = useClaims({ orderId: order.id, pageSize: 20 });
  const [claimOpen, setClaimOpen] = useState(false);
  const canApply = me?.role === 'enterprise' && !live && (order.status === 'quoted' || order.status === 'accepted');
  const openClaim = claims.data?.items.some((c) => c.status === 'submitted' || c.status === 'verified');
  const canClaim = live?.status === 'reserved' && claimable(order) && !openClaim && programme.data && programme.data.claimant === me?.role;

  return (
    <Card title={t('voucherClaims.panelTitle')} data-testid="order-voucher-panel">
      {subsidy ? (
        <Descriptions column={1} size="small">
          <Descriptions.Item label={t('voucherClaims.subsidyStatus')}>
            <Tag color={SUBSIDY_COLOURS[subsidy.status]}>{t(`voucherClaims.subsidyStatuses.${subsidy.status}`)}</Tag>
          </Descriptions.Item>
          <Descriptions.Item label={t('voucherClaims.subsidy')}>{fenToYuan(subsidy.amountFen)}</Descriptions.Item>
          {subsidy.settledFen !== null ? (
            <Descriptions.Item label={t('voucherClaims.settledAmount')}>{fenToYuan(subsidy.settledFen)}</Descriptions.Item>
          ) : null}
          <Descriptions.Item label={t('voucherClaims.enterprisePays')}>
            <span data-testid="enterprise-pays">{fenToYuan(order.enterprisePaysFen)}</span>
          </Descriptions.Item>
        </Descriptions>
      ) : (
        <Typography.Paragraph type="secondary">{t('voucherClaims.noSubsidy')}</Typography.Paragraph>
      )}
      {canApply ? <ApplyVoucher order={order} /> : null}
      {me?.role === 'enterprise' && !live && !canApply && order.status === 'requested' ? (
        <Typography.Paragraph type="secondary">{t('voucherClaims.applyNotNow')}</Typography.Paragraph>
      ) : null}
      {canClaim ? (
        <Flex vertical gap={8} style={{ marginTop: 8 }}>
          <Typography.Text type="secondary">{t('voucherClaims.claimHint')}</Typography.Text>
          <Button type="primary" onClick={() => setClaimOpen(true)} data-testid="new-claim">
            {t('voucherClaims.newClaim')}
          </Button>
          <ClaimFormModal order={order} open={claimOpen} onClose={() => setClaimOpen(false)} />
        </Flex>
      ) : null}
      {claims.data && claims.data.items.length > 0 ? (
        <List
          style={{ marginTop: 12 }}
          header={t('voucherClaims.claims')}
          size="small"
          dataSource={claims.data.items}
          renderItem={(c) => (
            <List.Item>
              <Link to={`/vouchers/claims/${c.id}`}>¥{fenToYuan(c.claimedFen)}</Link>
              <ClaimStatusTag status={c.status} />
            </List.Item>
          )}
        />
      ) : null}
    </Card>
  );
}

function ApplyVoucher({ order }: { order: ServiceOrder }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const vouchers = useUsableVouchers(true);
  const apply = useApplyVoucher(order.id);
  const [voucherId, setVoucherId] = useState<string>();
  if (vouchers.isPending) return <Skeleton active paragraph={{ rows: 1 }} />;
  if (!vouchers.data?.length) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('voucherClaims.noVouchers')} />;
  return (
    <Flex vertical gap={8} style={{ marginTop: 8 }}>
      <Typography.Text type="secondary">{t('voucherClaims.applyHint')}</Typography.Text>
      <Select
        placeholder={t('voucherClaims.chooseVoucher')}
        value={voucherId}
        onChange={setVoucherId}
        data-testid="voucher-select"
        options={vouchers.data.map((v) => ({
          value: v.id,
          label: t('voucherClaims.voucherOption', {
            programme: v.programmeName,
            remaining: fenToYuan(v.remainingFen),
            ratio: v.ratioBp / 100,
          }),
        }))}
      />
      <Button
        type="primary"
        disabled={!voucherId}
        loading={apply.isPending}
        data-testid="apply-voucher"
        onClick={() =>
          apply.mutateAsync(voucherId as string).then(
            () => message.success(t('voucherClaims.applied')),
            (failure: unknown) => message.error(errorMessage(failure)),
          )
        }
      >
        {t('voucherClaims.apply')}
      </Button>
    </Flex>
  );
}
