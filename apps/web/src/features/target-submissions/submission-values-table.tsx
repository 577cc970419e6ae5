import type { Statistic, StatisticSubmission } from '@innotown/contracts/targets';
import { Table, type TableProps, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { currentLocale } from '../../app/i18n/i18n.ts';
import { formatChange, formatFigure, needsExplanation, yearOnYearPct } from './submission-values.ts';
import './target-submissions-i18n.ts';

type Row = Statistic & { value: number | null; explanation: string | null; previous: number | null };

/** A submission's figures read-only (the city's review, versions under review or approved): value, last year, change, explanation. */
export function SubmissionValuesTable({
  statistics,
  submission,
  previous,
}: {
  statistics: Statistic[];
  submission: StatisticSubmission;
  previous: ReadonlyMap<string, number>;
}) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const byCode = new Map(submission.values.map((v) => [v.statisticCode, v]));
  const rows: Row[] = statistics.map((s) => {
    const v = byCode.get(s.code);
    return {
      ...s,
      value: v?.value ?? null,
      explanation: v?.explanation ?? null,
      previous: v?.previousYearValue ?? previous.get(s.code) ?? null,
    };
  });
  const columns: TableProps<Row>['columns'] = [
    { title: t('targetSubmissions.statistic'), key: 'name', render: (_: unknown, r) => (locale === 'zh-CN' ? r.nameZh : r.nameEn) },
    { title: t('targetSubmissions.unit'), dataIndex: 'unit', width: 64 },
    {
      title: t('targetSubmissions.previousYear', { year: submission.year - 1 }),
      dataIndex: 'previous',
      align: 'right',
      render: (v: number | null) => formatFigure(v, locale),
    },
    {
      title: t('targetSubmissions.value'),
      dataIndex: 'value',
      align: 'right',
      render: (v: number | null, r) => <span data-testid={`stat-shown-${r.code}`}>{formatFigure(v, locale)}</span>,
    },
    {
      title: t('targetSubmissions.change'),
      key: 'change',
      align: 'right',
      render: (_: unknown, r) => {
        const change = yearOnYearPct(r.value, r.previous);
        return <Typography.Text type={needsExplanation(r, change) ? 'danger' : undefined}>{formatChange(change)}</Typography.Text>;
      },
    },
    { title: t('targetSubmissions.explanation'), dataIndex: 'explanation', render: (v: string | null) => v ?? '' },
  ];
  return <Table<Row> rowKey="code" size="small" pagination={false} columns={columns} dataSource={rows} data-testid="submission-values" />;
}
