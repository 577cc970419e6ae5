import type { DealStatus, ListingKind, ListingStatus, OfferStatus, OpenLicenceStatus } from '@innotown/contracts/ip-trading';
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { fenToWanString, formatYuan } from '../../app/format/money.ts';
import './ip-trading-i18n.ts';

const KIND_COLORS: Record<ListingKind | 'open_licence', string> = {
  transfer: 'blue',
  exclusive_licence: 'purple',
  non_exclusive_licence: 'cyan',
  pledge: 'gold',
  open_licence: 'green',
};

export function KindTag({ kind }: { kind: ListingKind | 'open_licence' }) {
  const { t } = useTranslation();
  return <Tag color={KIND_COLORS[kind]}>{t(`ip.kind_${kind}`)}</Tag>;
}

const LISTING_COLORS: Record<ListingStatus, string> = {
  submitted: 'orange',
  published: 'green',
  rejected: 'red',
  withdrawn: 'default',
  closed: 'blue',
};
export function ListingStatusTag({ status }: { status: ListingStatus }) {
  const { t } = useTranslation();
  return <Tag color={LISTING_COLORS[status]}>{t(`ip.status_${status}`)}</Tag>;
}
const OFFER_COLORS: Record<OfferStatus, string> = { open: 'processing', accepted: 'green', declined: 'red', withdrawn: 'default' };
export function OfferStatusTag({ status }: { status: OfferStatus }) {
  const { t } = useTranslation();
  return <Tag color={OFFER_COLORS[status]}>{t(`ip.offerStatus_${status}`)}</Tag>;
}
const DEAL_COLORS: Record<DealStatus, string> = { in_progress: 'processing', completed: 'green', cancelled: 'default' };
export function DealStatusTag({ status }: { status: DealStatus }) {
  const { t } = useTranslation();
  return <Tag color={DEAL_COLORS[status]}>{t(`ip.dealStatus_${status}`)}</Tag>;
}
const OPEN_COLORS: Record<OpenLicenceStatus, string> = { active: 'green', withdrawn: 'default', ended: 'default' };
export function OpenStatusTag({ status }: { status: OpenLicenceStatus }) {
  const { t } = useTranslation();
  return <Tag color={OPEN_COLORS[status]}>{t(`ip.openStatus_${status}`)}</Tag>;
}

/** A price: 万元 from 10,000 yuan up, else yuan; null = negotiable. */
export function usePriceText() {
  const { t } = useTranslation();
  return (fen: number | null | undefined) => {
    if (fen === null || fen === undefined) return t('ip.negotiable');
    return fen >= 1_000_000 ? t('ip.wan', { amount: fenToWanString(fen) }) : t('ip.yuan', { amount: formatYuan(fen) });
  };
}

export function usePatentKindLabel() {
  const { t } = useTranslation();
  return (kind: string) => (kind === 'invention' || kind === 'utility_model' || kind === 'design' ? t(`ip.patentKind_${kind}`) : kind);
}
export function useLegalStatusLabel() {
  const { t } = useTranslation();
  return (s: string) =>
    s === 'granted' || s === 'lapsed' || s === 'pending' || s === 'expired' || s === 'invalidated' ? t(`ip.legal_${s}`) : s;
}
