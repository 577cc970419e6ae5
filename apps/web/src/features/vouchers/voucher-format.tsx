import type { ApplicationStatus, DeclineReason } from '@innotown/contracts/vouchers';
import { Tag } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { formatYuan } from '../../app/format/money.ts';
import './vouchers-i18n.ts';
import { shanghaiDate } from '../../app/format/datetime.ts';

/** Fen → yuan with two decimals, exactly (integer arithmetic, no float rounding). */
export const yuan = formatYuan;

/** Basis points → a percentage: 8000 → "80%", 3333 → "33.33%". */
export function percentOfBp(bp: number): string {
  return `${Number.isInteger(bp / 100) ? bp / 100 : (bp / 100).toFixed(2)}%`;
}

/** Whole days from now until the expiry (negative once past); vouchers expiring within 30 days are flagged. */
export function daysLeft(expiresAt: string, now = new Date()): number {
  return dayjs(expiresAt).diff(dayjs(now), 'day');
}
export const EXPIRY_WARNING_DAYS = 30;

const STATUS_COLORS: Record<ApplicationStatus, string> = {
  submitted: 'blue',
  forwarded: 'geekblue',
  returned: 'orange',
  approved: 'green',
  declined: 'red',
};

export function ApplicationStatusTag({ status }: { status: ApplicationStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={STATUS_COLORS[status]} data-testid="application-status">
      {t(`vouchers.status_${status}`)}
    </Tag>
  );
}

export function useReasonLabel() {
  const { t } = useTranslation();
  return (reason: DeclineReason) => t(`vouchers.reason_${reason}`);
}

/** Is the programme open for applications today (its window, inclusive, in Shanghai dates)? */
export function windowOpen(p: { status: string; windowStart: string; windowEnd: string }, today = shanghaiDate()) {
  return p.status === 'open' && p.windowStart <= today && today <= p.windowEnd;
}
