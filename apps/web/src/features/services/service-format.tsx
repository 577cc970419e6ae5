import { SERVICE_CATEGORY_LABELS, type ServiceCategory } from '@innotown/contracts/service-categories';
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import './services-i18n.ts';

const CATEGORY_COLORS: Record<ServiceCategory, string> = {
  resource_sharing: 'cyan',
  information: 'geekblue',
  rnd: 'purple',
  testing: 'blue',
  training: 'orange',
  tech_transfer: 'green',
  ip: 'magenta',
};

/** The category's label in the current language (the labels live with the enum in the contracts). */
export function useCategoryLabel() {
  const { i18n } = useTranslation();
  return (category: ServiceCategory) => SERVICE_CATEGORY_LABELS[category][i18n.language === 'en-US' ? 'en' : 'zh'];
}

export function CategoryTag({ category }: { category: ServiceCategory }) {
  const label = useCategoryLabel();
  return <Tag color={CATEGORY_COLORS[category]}>{label(category)}</Tag>;
}

const yuan = (fen: number, locale: string) => new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(fen / 100);

/** "400–1,200 元/样品", "1,500 元/项", "免费". */
export function usePriceText() {
  const { t, i18n } = useTranslation();
  return (s: {
    priceKind: 'fixed' | 'range';
    priceMinFen: number;
    priceMaxFen: number;
    priceUnit: 'item' | 'sample' | 'hour' | 'project';
  }) => {
    if (s.priceMaxFen === 0) return t('services.free');
    const unit = t(`services.unit_${s.priceUnit}`);
    return s.priceKind === 'fixed' || s.priceMinFen === s.priceMaxFen
      ? t('services.priceFixed', { price: yuan(s.priceMinFen, i18n.language), unit })
      : t('services.priceRange', { min: yuan(s.priceMinFen, i18n.language), max: yuan(s.priceMaxFen, i18n.language), unit });
  };
}
