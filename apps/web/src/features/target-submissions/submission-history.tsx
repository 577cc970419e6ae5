import type { Statistic } from '@innotown/contracts/targets';
import { Card, Empty, Skeleton, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../app/format/datetime.ts';
import { currentLocale } from '../../app/i18n/i18n.ts';
import { SubmissionStatusTag } from './submission-status-tag.tsx';
import { diffVersions, formatFigure } from './submission-values.ts';
import { type SubmissionSummary, useSubmissions, useSubmissionVersions } from './target-submissions-api.ts';
import './target-submissions-i18n.ts';

/**
 * Every version of a town's submission for a period, oldest first, with who did what when and which
 * values changed against the version before (a correction after approval is a new version).
 */
export function SubmissionHistory({ periodId, townId, statistics }: { periodId: string; townId: string; statistics: Statistic[] }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const list = useSubmissions({ periodId, townId });
  const versions: SubmissionSummary[] = [...(list.data ?? [])].sort((a, b) => a.version - b.version);
  const details = useSubmissionVersions(versions.map((v) => v.id));
  const nameOf = new Map(statistics.map((s) => [s.code, locale === 'zh-CN' ? s.nameZh : s.nameEn]));
  const unitOf = new Map(statistics.map((s) => [s.code, s.unit]));

  let body: React.ReactNode;
  if (list.isPending) body = <Skeleton active />;
  else if (versions.length === 0) body = <Empty description={t('targetSubmissions.historyEmpty')} />;
  else
    body = (
      <Timeline
        data-testid="submission-history"
        items={versions.map((v, i) => {
          const current = details[i]?.data;
          const before = i > 0 ? details[i - 1]?.data : undefined;
          const changes = current && (i === 0 || before) ? diffVersions(before, current) : null;
          return {
            key: v.id,
            children: (
              <div>
                <Typography.Text strong>{t('targetSubmissions.versionN', { version: v.version })}</Typography.Text>{' '}
                <SubmissionStatusTag status={v.status} />
                <div>
                  <Typography.Text type="secondary">
                    {t('targetSubmissions.createdAt')} {formatDateTime(v.createdAt)}
                    {v.submittedAt
                      ? ` · ${t('targetSubmissions.submittedBy')} ${v.submittedByName ?? '—'} ${formatDateTime(v.submittedAt)}`
                      : ''}
                    {v.reviewedAt
                      ? ` · ${t('targetSubmissions.reviewedBy')} ${v.reviewedByName ?? '—'} ${formatDateTime(v.reviewedAt)}`
                      : ''}
                  </Typography.Text>
                </div>
                {v.reviewComment ? (
                  <div>
                    {t('targetSubmissions.reviewComment')}：{v.reviewComment}
                  </div>
                ) : null}
                {changes === null ? (
                  <Skeleton active paragraph={{ rows: 1 }} title={false} />
                ) : i === 0 ? (
                  <Typography.Text>{t('targetSubmissions.firstVersion', { count: current?.values.length ?? 0 })}</Typography.Text>
                ) : changes.length === 0 ? (
                  <Typography.Text type="secondary">{t('targetSubmissions.noChanges')}</Typography.Text>
                ) : (
                  <ul style={{ margin: '4px 0', paddingInlineStart: 18 }} data-testid={`history-changes-${v.version}`}>
                    {changes.map((c) => (
                      <li key={c.code}>
                        {nameOf.get(c.code) ?? c.code}：{formatFigure(c.from, locale)} → <strong>{formatFigure(c.to, locale)}</strong>{' '}
                        {unitOf.get(c.code) ?? ''}
                        {c.explanationTo && c.explanationTo !== c.explanationFrom ? (
                          <Typography.Text type="secondary">（{c.explanationTo}）</Typography.Text>
                        ) : null}
                      </li>
                    ))}
                  </ul>
                )}
              </div>
            ),
          };
        })}
      />
    );
  return (
    <Card title={t('targetSubmissions.history')} size="small" style={{ marginTop: 16 }}>
      {body}
    </Card>
  );
}
