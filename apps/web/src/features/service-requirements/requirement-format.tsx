import type { QuoteStatus, RequirementStatus } from '@innotown/contracts/service-requirements';
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatYuan } from '../../app/format/money.ts';
import './requirements-i18n.ts';
import { shanghaiDate } from '../../app/format/datetime.ts';

const STATUS_COLORS: Record<RequirementStatus, string> = {
  open: 'processing',
  awarded: 'success',
  cancelled: 'default',
  expired: 'warning',
};
const QUOTE_COLORS: Record<QuoteStatus, string> = { submitted: 'processing', accepted: 'success', declined: 'error', withdrawn: 'default' };

export function RequirementStatusTag({ status }: { status: RequirementStatus }) {
  const { t } = useTranslation();
  return <Tag color={STATUS_COLORS[status]}>{t(`requirements.status_${status}`)}</Tag>;
}

export function QuoteStatusTag({ status }: { status: QuoteStatus }) {
  const { t } = useTranslation();
  return <Tag color={QUOTE_COLORS[status]}>{t(`requirements.quoteStatus_${status}`)}</Tag>;
}

/** "1,000.00 – 3,000.00 元", "… 元起", "面议". */
export function useBudgetText() {
  const { t } = useTranslation();
  return (r: { budgetMinFen: number | null; budgetMaxFen: number | null }) => {
    if (r.budgetMinFen !== null && r.budgetMaxFen !== null) {
      return t('requirements.budgetRange', { min: formatYuan(r.budgetMinFen), max: formatYuan(r.budgetMaxFen) });
    }
    if (r.budgetMinFen !== null) return t('requirements.budgetFrom', { min: formatYuan(r.budgetMinFen) });
    if (r.budgetMaxFen !== null) return t('requirements.budgetUpTo', { max: formatYuan(r.budgetMaxFen) });
    return t('requirements.budgetNone');
  };
}

/** The deadline is the end of a Shanghai day (next day 00:00 +08:00): shown as that day. */
export function deadlineDay(iso: string): string {
  return shanghaiDate(new Date(new Date(iso).getTime() - 1));
}
