import type { IpCase, IpCaseStatus, IpCaseTrack } from '@innotown/contracts/ip-cases';
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';

const STATUS_COLOR: Record<IpCaseStatus, string> = {
  filed: 'gold',
  acknowledged: 'blue',
  triaged: 'blue',
  assigned: 'geekblue',
  mediating: 'processing',
  concluded: 'cyan',
  closed: 'default',
};

export function CaseStatusTag({ status }: { status: IpCaseStatus }) {
  const { t } = useTranslation();
  return <Tag color={STATUS_COLOR[status]}>{t(`ipCases.statuses.${status}`)}</Tag>;
}

export function TrackTag({ track }: { track: IpCaseTrack | null }) {
  const { t } = useTranslation();
  if (!track) return null;
  return <Tag color={track === 'fast' ? 'volcano' : 'default'}>{t(`ipCases.tracks.${track}`)}</Tag>;
}

export function OverdueTag({ c }: { c: Pick<IpCase, 'sla'> }) {
  const { t } = useTranslation();
  return c.sla.overdue ? <Tag color="red">{t('ipCases.overdue')}</Tag> : null;
}
