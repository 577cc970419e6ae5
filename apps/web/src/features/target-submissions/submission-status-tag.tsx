import type { SubmissionStatus } from '@innotown/contracts/targets';
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { i18n } from '../../app/i18n/i18n.ts';
import './target-submissions-i18n.ts';

const COLOURS: Record<SubmissionStatus, string> = {
  draft: 'default',
  submitted: 'processing',
  returned: 'warning',
  approved: 'success',
  superseded: 'default',
};

export function SubmissionStatusTag({ status }: { status: SubmissionStatus | null }) {
  const { t } = useTranslation();
  if (!status) return <Tag>{t('targetSubmissions.notStarted')}</Tag>;
  return (
    <Tag color={COLOURS[status]} data-testid="submission-status" data-status={status}>
      {t(`targetSubmissions.statuses.${status}`)}
    </Tag>
  );
}

/** "2025年" / "2025 Q2" in the current language. */
export function periodLabel(p: { year: number; quarter: number | null }): string {
  return p.quarter
    ? i18n.t('targetSubmissions.periodQuarter', { year: p.year, quarter: p.quarter })
    : i18n.t('targetSubmissions.periodName', { year: p.year });
}
