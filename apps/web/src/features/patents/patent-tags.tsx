import type { PatentSearchItem } from '@innotown/contracts/patent-search';
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import './patents-i18n.ts';

const KIND_COLORS: Record<PatentSearchItem['kind'], string> = { invention: 'blue', utility_model: 'cyan', design: 'purple' };
const STATUS_COLORS: Record<string, string> = {
  pending: 'gold',
  granted: 'green',
  lapsed: 'default',
  invalidated: 'red',
  expired: 'default',
  rejected: 'red',
  withdrawn: 'default',
};

export function PatentKindTag({ kind }: { kind: PatentSearchItem['kind'] }) {
  const { t } = useTranslation();
  return <Tag color={KIND_COLORS[kind]}>{t(`patents.kind_${kind}`)}</Tag>;
}

export function LegalStatusTag({ status }: { status: PatentSearchItem['legalStatus'] }) {
  const { t } = useTranslation();
  return (
    <Tag color={STATUS_COLORS[status]} data-testid="patent-status">
      {t(`patents.status_${status}`)}
    </Tag>
  );
}

/** IPC in the printed form: F21V 29/70. */
export const formatIpc = (code: string) => code.replace(/^([A-H]\d{2}[A-Z])/, '$1 ');
