import type { CycleTimeRow } from '@innotown/contracts/pre-examination';
import { Card, DatePicker, Empty, Skeleton, Table } from 'antd';
import dayjs from 'dayjs';
import { BarChart } from 'echarts/charts';
import { useTranslation } from 'react-i18next';
import { CHART_COLORS, Chart, echarts } from '../../app/charts/chart.tsx';
import { PageHeader } from '../../app/ui/page-header.tsx';
import { QueryError } from '../../app/ui/query-error.tsx';
import { useSearchState } from '../../app/ui/use-search-state.ts';
import { useCycleTimes } from './pre-exam-api.ts';
import './pre-exam-i18n.ts';

echarts.use([BarChart]);

/** The centre's cycle times per class: submission → pass, pass → grant, rounds. */
export function CycleTimePage() {
  const { t } = useTranslation();
  const { get, update } = useSearchState();
  const report = useCycleTimes({ from: get('from'), to: get('to') });
  const stat = (key: 'submissionToPassDays' | 'passToGrantDays' | 'rounds', title: string) => ({
    title,
    children: [
      { title: t('preExam.p50'), width: 80, render: (_: unknown, r: CycleTimeRow) => r[key].p50 ?? '—' },
      { title: t('preExam.avg'), width: 80, render: (_: unknown, r: CycleTimeRow) => r[key].average ?? '—' },
      { title: t('preExam.n'), width: 60, render: (_: unknown, r: CycleTimeRow) => r[key].count },
    ],
  });
  const rows = report.data?.rows ?? [];
  return (
    <>
      <PageHeader
        title={t('preExam.cycleTimes')}
        subtitle={t('preExam.cycleSubtitle')}
        extra={
          <DatePicker.RangePicker
            allowEmpty={[true, true]}
            value={[get('from') ? dayjs(get('from')) : null, get('to') ? dayjs(get('to')) : null]}
            onChange={(range) => update({ from: range?.[0]?.format('YYYY-MM-DD'), to: range?.[1]?.format('YYYY-MM-DD') })}
          />
        }
      />
      {report.isError ? <QueryError error={report.error} onRetry={() => void report.refetch()} /> : null}
      {report.isPending ? <Skeleton active /> : null}
      {report.data ? (
        <>
          <Card style={{ marginBottom: 16 }}>
            {rows.length === 0 ? (
              <Empty />
            ) : (
              <Chart
                height={280}
                option={{
                  color: CHART_COLORS,
                  tooltip: { trigger: 'axis' },
                  legend: { bottom: 0 },
                  grid: { left: 40, right: 16, top: 16, bottom: 60 },
                  xAxis: { type: 'category', data: rows.map((r) => r.classGroup) },
                  yAxis: { type: 'value' },
                  series: [
                    {
                      name: `${t('preExam.toPass')} ${t('preExam.p50')}`,
                      type: 'bar',
                      data: rows.map((r) => r.submissionToPassDays.p50 ?? 0),
                    },
                    { name: `${t('preExam.toGrant')} ${t('preExam.p50')}`, type: 'bar', data: rows.map((r) => r.passToGrantDays.p50 ?? 0) },
                  ],
                }}
              />
            )}
          </Card>
          <Table<CycleTimeRow>
            size="small"
            bordered
            pagination={false}
            rowKey={(r) => `${r.kind}-${r.classGroup}`}
            dataSource={rows}
            locale={{ emptyText: <Empty /> }}
            columns={[
              { title: t('preExam.classGroup'), dataIndex: 'classGroup', width: 90 },
              { title: t('preExam.kind'), dataIndex: 'kind', width: 100, render: (k: CycleTimeRow['kind']) => t(`preExam.kinds.${k}`) },
              { title: t('preExam.applications'), dataIndex: 'applications', width: 80 },
              stat('submissionToPassDays', t('preExam.toPass')),
              stat('passToGrantDays', t('preExam.toGrant')),
              stat('rounds', t('preExam.roundsCol')),
            ]}
            summary={() => {
              const total = report.data?.total;
              if (!total) return null;
              const cell = (s: { p50: number | null; average: number | null; count: number }, i: number) => [
                <Table.Summary.Cell key={`p${i}`} index={3 + i * 3}>
                  {s.p50 ?? '—'}
                </Table.Summary.Cell>,
                <Table.Summary.Cell key={`a${i}`} index={4 + i * 3}>
                  {s.average ?? '—'}
                </Table.Summary.Cell>,
                <Table.Summary.Cell key={`n${i}`} index={5 + i * 3}>
                  {s.count}
                </Table.Summary.Cell>,
              ];
              return (
                <Table.Summary.Row>
                  <Table.Summary.Cell index={0} colSpan={2}>
                    {t('preExam.total')}
                  </Table.Summary.Cell>
                  <Table.Summary.Cell index={2}>{total.applications}</Table.Summary.Cell>
                  {cell(total.submissionToPassDays, 0)}
                  {cell(total.passToGrantDays, 1)}
                  {cell(total.rounds, 2)}
                </Table.Summary.Row>
              );
            }}
          />
        </>
      ) : null}
    </>
  );
}
