import { type ClaimRejectReason, claimRejectReasons, claimStatuses, type VoucherClaim } from '@innotown/contracts/voucher-claims';
import { App, Button, Card, Descriptions, Flex, Form, Input, Modal, Select, Space, type TableProps } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useAuth } from '../../app/auth/auth-context.tsx';
import { formatDateTime } from '../../app/format/datetime.ts';
import { applyApiErrorToForm } from '../../app/forms/api-form-errors.ts';
import { FormErrorAlert } from '../../app/forms/form-error-alert.tsx';
import { ConfirmButton } from '../../app/ui/confirm-button.tsx';
import { ListTable } from '../../app/ui/list-table.tsx';
import { PageHeader } from '../../app/ui/page-header.tsx';
import { QueryState } from '../../app/ui/query-state.tsx';
import { useSearchState } from '../../app/ui/use-search-state.ts';
import { fenToYuan } from './claim-money.ts';
import { ClaimStatusTag } from './claim-status-tag.tsx';
import { useClaim, useClaimAction, useClaims } from './voucher-claims-api.ts';
import './voucher-claims-i18n.ts';

/** The queue each role works on first: the town verifies submitted claims, the city settles verified ones. */
function defaultStatus(role: string | undefined): string | undefined {
  if (role === 'town_admin') return 'submitted';
  if (role === 'city_admin') return 'verified';
  return undefined;
}

/** /vouchers/claims: the claimant's own claims, the town admin's queue to verify, the city's queue to settle. */
export function VoucherClaimsPage() {
  const { t } = useTranslation();
  const { me } = useAuth();
  const { page, pageSize, get, update } = useSearchState();
  const status = get('status') ?? defaultStatus(me?.role) ?? 'all';
  const list = useClaims({ page, pageSize, status: status === 'all' ? undefined : status });
  const subtitle =
    me?.role === 'town_admin'
      ? t('voucherClaims.subtitleTown')
      : me?.role === 'city_admin'
        ? t('voucherClaims.subtitleCity')
        : t('voucherClaims.subtitleClaimant');
  const columns: TableProps<VoucherClaim>['columns'] = [
    {
      title: t('voucherClaims.service'),
      dataIndex: 'serviceTitle',
      render: (title: string, c) => <Link to={`/vouchers/claims/${c.id}`}>{title}</Link>,
    },
    { title: t('voucherClaims.enterprise'), dataIndex: 'enterpriseName' },
    { title: t('voucherClaims.provider'), dataIndex: 'institutionName' },
    { title: t('voucherClaims.claimed'), dataIndex: 'claimedFen', align: 'right', render: (fen: number) => fenToYuan(fen) },
    { title: t('voucherClaims.reserved'), dataIndex: 'reservedFen', align: 'right', render: (fen: number) => fenToYuan(fen) },
    { title: t('voucherClaims.status'), dataIndex: 'status', render: (s: VoucherClaim['status']) => <ClaimStatusTag status={s} /> },
    { title: t('voucherClaims.createdAt'), dataIndex: 'createdAt', render: (at: string) => formatDateTime(at) },
  ];
  return (
    <>
      <PageHeader
        title={t('voucherClaims.title')}
        subtitle={subtitle}
        extra={
          <Select
            style={{ minWidth: 160 }}
            value={status}
            data-testid="claim-status-filter"
            onChange={(value) => update({ status: value })}
            options={[
              { value: 'all', label: t('voucherClaims.allStatuses') },
              ...claimStatuses.map((s) => ({ value: s, label: t(`voucherClaims.statuses.${s}`) })),
            ]}
          />
        }
      />
      <ListTable<VoucherClaim>
        list={list}
        page={page}
        pageSize={pageSize}
        onPageChange={(p, size) => update({ page: p, pageSize: size })}
        columns={columns}
        data-testid="claims-table"
      />
    </>
  );
}

/** /vouchers/claims/:id: the claim, its files and usage snapshot, and the next step for whoever may take it. */
export function VoucherClaimDetailPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const claim = useClaim(id);
  return (
    <>
      <PageHeader title={t('voucherClaims.detailTitle')} />
      <QueryState query={claim}>{(c) => <ClaimDetail claim={c} />}</QueryState>
    </>
  );
}

function ClaimDetail({ claim: c }: { claim: VoucherClaim }) {
  const { t } = useTranslation();
  const { me } = useAuth();
  const action = useClaimAction(c.id);
  const [rejecting, setRejecting] = useState(false);
  const canVerify = me?.role === 'town_admin' && c.status === 'submitted';
  const canReject =
    (me?.role === 'town_admin' && c.status === 'submitted') ||
    (me?.role === 'city_admin' && (c.status === 'submitted' || c.status === 'verified'));
  const canSettle = me?.role === 'city_admin' && c.status === 'verified';
  const file = (id: string, label: string) => (
    <a key={id} href={`/api/v1/files/${id}/content`} target="_blank" rel="noreferrer">
      {label}
    </a>
  );
  return (
    <Flex vertical gap={16}>
      <Card
        extra={
          <Space>
            {canVerify ? (
              <ConfirmButton
                type="primary"
                question={t('voucherClaims.verifyConfirm')}
                action={() => action.mutateAsync({ kind: 'verify' })}
                success={t('voucherClaims.done')}
                data-testid="claim-verify"
              >
                {t('voucherClaims.verify')}
              </ConfirmButton>
            ) : null}
            {canSettle ? (
              <ConfirmButton
                type="primary"
                question={t('voucherClaims.settleConfirm', { amount: fenToYuan(c.claimedFen) })}
                action={() => action.mutateAsync({ kind: 'settle' })}
                success={t('voucherClaims.done')}
                data-testid="claim-settle"
              >
                {t('voucherClaims.settle')}
              </ConfirmButton>
            ) : null}
            {canReject ? (
              <Button danger onClick={() => setRejecting(true)} data-testid="claim-reject">
                {t('voucherClaims.reject')}
              </Button>
            ) : null}
          </Space>
        }
        title={
          <Space>
            {c.serviceTitle}
            <ClaimStatusTag status={c.status} />
          </Space>
        }
      >
        <Descriptions column={{ xs: 1, md: 2 }} size="small">
          <Descriptions.Item label={t('voucherClaims.enterprise')}>{c.enterpriseName}</Descriptions.Item>
          <Descriptions.Item label={t('voucherClaims.provider')}>{c.institutionName}</Descriptions.Item>
          <Descriptions.Item label={t('voucherClaims.programme')}>{c.programmeName}</Descriptions.Item>
          <Descriptions.Item label={t('voucherClaims.claimant')}>{t(`voucherClaims.claimants.${c.claimantRole}`)}</Descriptions.Item>
          <Descriptions.Item label={t('voucherClaims.orderPrice')}>{fenToYuan(c.orderPriceFen)}</Descriptions.Item>
          <Descriptions.Item label={t('voucherClaims.reserved')}>{fenToYuan(c.reservedFen)}</Descriptions.Item>
          <Descriptions.Item label={t('voucherClaims.claimed')}>
            <strong data-testid="claim-amount-shown">{fenToYuan(c.claimedFen)}</strong>
          </Descriptions.Item>
          <Descriptions.Item label={t('voucherClaims.order')}>
            <Link to={`/orders/${c.orderId}`}>{t('voucherClaims.viewOrder')}</Link>
          </Descriptions.Item>
          <Descriptions.Item label={t('voucherClaims.invoice')}>{file(c.invoiceFileId, t('voucherClaims.download'))}</Descriptions.Item>
          <Descriptions.Item label={t('voucherClaims.evidence')}>
            <Space wrap>{c.evidenceFileIds.map((id, i) => file(id, `${t('voucherClaims.download')} ${i + 1}`))}</Space>
          </Descriptions.Item>
          <Descriptions.Item label={t('voucherClaims.createdAt')}>{formatDateTime(c.createdAt)}</Descriptions.Item>
          {c.verifiedAt ? (
            <Descriptions.Item label={t('voucherClaims.verifiedAt')}>{formatDateTime(c.verifiedAt)}</Descriptions.Item>
          ) : null}
          {c.settledAt ? <Descriptions.Item label={t('voucherClaims.settledAt')}>{formatDateTime(c.settledAt)}</Descriptions.Item> : null}
          {c.rejectedAt ? (
            <Descriptions.Item label={t('voucherClaims.rejectedAt')}>{formatDateTime(c.rejectedAt)}</Descriptions.Item>
          ) : null}
          {c.reason ? (
            <Descriptions.Item label={t('voucherClaims.reason')}>{t(`voucherClaims.reasons.${c.reason}`)}</Descriptions.Item>
          ) : null}
          {c.comment ? <Descriptions.Item label={t('voucherClaims.comment')}>{c.comment}</Descriptions.Item> : null}
          {c.note ? <Descriptions.Item label={t('voucherClaims.note')}>{c.note}</Descriptions.Item> : null}
        </Descriptions>
      </Card>
      <Card title={t('voucherClaims.usage')} size="small">
        {c.usage ? (
          <Descriptions column={{ xs: 1, md: 2 }} size="small" data-testid="claim-usage">
            <Descriptions.Item label={t('voucherClaims.usageMinutes')}>{c.usage.minutes}</Descriptions.Item>
            {c.usage.samples !== null ? (
              <Descriptions.Item label={t('voucherClaims.usageSamples')}>{c.usage.samples}</Descriptions.Item>
            ) : null}
            <Descriptions.Item
              label={t('voucherClaims.usageFee', { unit: c.usage.feeUnit ? t(`voucherClaims.feeUnits.${c.usage.feeUnit}`) : '—' })}
            >
              {c.usage.feeUnit ? fenToYuan(c.usage.feeFen) : t('voucherClaims.recordedFee')}
            </Descriptions.Item>
            <Descriptions.Item label={t('voucherClaims.usageValue')}>{fenToYuan(c.usage.valueFen)}</Descriptions.Item>
            <Descriptions.Item label={t('voucherClaims.usageLimit')}>{fenToYuan(c.usage.limitFen)}</Descriptions.Item>
          </Descriptions>
        ) : (
          t('voucherClaims.noUsage')
        )}
      </Card>
      <RejectModal
        open={rejecting}
        onClose={() => setRejecting(false)}
        reject={(reason, comment) => action.mutateAsync({ kind: 'reject', reason, ...(comment ? { comment } : {}) })}
      />
    </Flex>
  );
}

function RejectModal({
  open,
  onClose,
  reject,
}: {
  open: boolean;
  onClose: () => void;
  reject: (reason: ClaimRejectReason, comment?: string) => Promise<unknown>;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ reason: ClaimRejectReason; comment?: string }>();
  const [error, setError] = useState<string | null>(null);
  return (
    <Modal
      open={open}
      title={t('voucherClaims.rejectTitle')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okButtonProps={{ danger: true }}
      okText={t('voucherClaims.reject')}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={async (v) => {
          setError(null);
          try {
            await reject(v.reason, v.comment);
            message.success(t('voucherClaims.done'));
            onClose();
          } catch (failure) {
            setError(applyApiErrorToForm(form, failure));
          }
        }}
      >
        <FormErrorAlert error={error} />
        <Form.Item name="reason" label={t('voucherClaims.reason')} rules={[{ required: true, message: t('voucherClaims.reason') }]}>
          <Select
            data-testid="claim-reject-reason"
            options={claimRejectReasons.map((r) => ({ value: r, label: t(`voucherClaims.reasons.${r}`) }))}
          />
        </Form.Item>
        <Form.Item name="comment" label={t('voucherClaims.comment')} extra={t('voucherClaims.rejectHint')}>
          <Input.TextArea rows={3} maxLength={1000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
