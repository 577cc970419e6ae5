import type { ClaimStatus } from '@innotown/contracts/voucher-claims';
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import './voucher-claims-i18n.ts';

const COLOURS: Record<ClaimStatus, string> = { submitted: 'processing', verified: 'gold', settled: 'success', rejected: 'error' };

export function ClaimStatusTag({ status }: { status: ClaimStatus }) {
  const { t } = useTranslation();
  return <Tag color={COLOURS[status]}>{t(`voucherClaims.statuses.${status}`)}</Tag>;
}
