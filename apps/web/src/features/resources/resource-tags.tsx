import type { ResourceKind } from '@innotown/contracts/resources';
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';

const KIND_COLORS: Record<ResourceKind, string> = { instrument: 'blue', lab: 'purple', expert: 'green', result: 'orange' };

export function KindTag({ kind }: { kind: ResourceKind }) {
  const { t } = useTranslation();
  return <Tag color={KIND_COLORS[kind]}>{t(`resources.kind_${kind}`)}</Tag>;
}

/** Yuan with up to two decimals from integer fen. */
export function fenToYuan(fen: number, locale: string): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(fen / 100);
}

/** "200–500 元/小时", "300 元/样" or "面议". */
export function useFeeText() {
  const { t, i18n } = useTranslation();
  return (fee: { feeMinFen: number | null; feeMaxFen: number | null; feeUnit: 'hour' | 'sample' | 'day' | null }) => {
    const { feeMinFen, feeMaxFen, feeUnit } = fee;
    if (!feeUnit || (feeMinFen === null && feeMaxFen === null)) return t('resources.feeNegotiable');
    const unit = t(`resources.unit_${feeUnit}`);
    const min = feeMinFen ?? feeMaxFen ?? 0;
    const max = feeMaxFen ?? min;
    if (min === max) return t('resources.feeSingle', { fee: fenToYuan(min, i18n.language), unit });
    return t('resources.feeRange', { min: fenToYuan(min, i18n.language), max: fenToYuan(max, i18n.language), unit });
  };
}
