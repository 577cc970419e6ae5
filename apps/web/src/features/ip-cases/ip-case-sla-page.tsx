import type { SlaDashboard, SlaGroup } from '@innotown/contracts/ip-cases';
import { Alert, Card, Col, DatePicker, Empty, Flex, Row, Skeleton, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { BarChart } from 'echarts/charts';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { CHART_COLORS, Chart, echarts } from '../../app/charts/chart.tsx';
import { formatDate } from '../../app/format/datetime.ts';
import { PageHeader } from '../../app/ui/page-header.tsx';
import { QueryError } from '../../app/ui/query-error.tsx';
import { useSearchState } from '../../app/ui/use-search-state.ts';
import { useSla } from './ip-cases-api.ts';
import './ip-cases-i18n.ts';

echarts.use([BarChart]);

function SlaChart({ data }: { data: SlaDashboard }) {
  const { t } = useTranslation();
  const steps = ['intake', 'firstMediation', 'close'] as const;
  const label = (s: (typeof steps)[number]) => t(s === 'close' ? 'ipCases.closeStep' : `ipCases.${s}`);
  const option = {
    color: CHART_COLORS,
    tooltip: { trigger: 'axis' },
    legend: { bottom: 0 },
    grid: { left: 40, right: 16, top: 16, bottom: 60 },
    xAxis: { type: 'category', data: steps.map(label) },
    yAxis: { type: 'value' },
    series: data.byTrack.flatMap((g) => [
      { name: `${t(`ipCases.tracks.${g.track}`)} ${t('ipCases.avg')}`, type: 'bar', data: steps.map((s) => g[s].averageDays ?? 0) },
      {
        name: `${t(`ipCases.tracks.${g.track}`)} SLA`,
        type: 'bar',
        barGap: '10%',
        itemStyle: { opacity: 0.35 },
        data: steps.map((s) => data.targets[g.track][s]),
      },
    ]),
  };
  return <Chart option={option} height={300} />;
}

function GroupTable({ groups, withTown }: { groups: SlaGroup[]; withTown: boolean }) {
  const { t } = useTranslation();
  const metric = (key: 'intake' | 'firstMediation' | 'close') => ({
    title: t(key === 'close' ? 'ipCases.closeStep' : `ipCases.${key}`),
    children: [
      { title: t('ipCases.avg'), render: (_: unknown, g: SlaGroup) => g[key].averageDays ?? '—', width: 70 },
      { title: t('ipCases.p50'), render: (_: unknown, g: SlaGroup) => g[key].p50Days ?? '—', width: 70 },
      { title: t('ipCases.onTime'), render: (_: unknown, g: SlaGroup) => g[key].onTime, width: 60 },
      {
        title: t('ipCases.lateCount'),
        width: 60,
        render: (_: unknown, g: SlaGroup) => (g[key].late > 0 ? <Typography.Text type="danger">{g[key].late}</Typography.Text> : 0),
      },
    ],
  });
  return (
    <Table<SlaGroup>
      size="small"
      bordered
      pagination={false}
      rowKey={(g) => `${g.track}-${g.townId ?? 'all'}`}
      dataSource={groups}
      locale={{ emptyText: <Empty /> }}
      scroll={{ x: 900 }}
      columns={[
        { title: t('ipCases.track'), render: (_: unknown, g: SlaGroup) => t(`ipCases.tracks.${g.track}`), width: 90 },
        ...(withTown ? [{ title: t('ipCases.town'), dataIndex: 'townName', width: 90 }] : []),
        { title: t('ipCases.cases'), dataIndex: 'cases', width: 60 },
        { title: t('ipCases.open'), dataIndex: 'open', width: 60 },
        {
          title: t('ipCases.overdue'),
          dataIndex: 'overdue',
          width: 60,
          render: (n: number) => (n > 0 ? <Tag color="red">{n}</Tag> : 0),
        },
        metric('intake'),
        metric('firstMediation'),
        metric('close'),
      ]}
    />
  );
}

/** SLA dashboard of the rights-protection cases: the centre's admins and the city. */
export function IpCaseSlaPage() {
  const { t } = useTranslation();
  const { get, update } = useSearchState();
  const sla = useSla({ from: get('from'), to: get('to') });
  const data = sla.data;
  return (
    <>
      <PageHeader
        title={t('ipCases.slaTitle')}
        subtitle={t('ipCases.slaSubtitle')}
        extra={
          <Flex gap={8} align="center">
            <DatePicker.RangePicker
              allowEmpty={[true, true]}
              value={[get('from') ? dayjs(get('from')) : null, get('to') ? dayjs(get('to')) : null]}
              onChange={(range) => update({ from: range?.[0]?.format('YYYY-MM-DD'), to: range?.[1]?.format('YYYY-MM-DD') })}
              placeholder={[t('ipCases.from'), t('ipCases.to')]}
            />
          </Flex>
        }
      />
      {sla.isError ? <QueryError error={sla.error} onRetry={() => void sla.refetch()} /> : null}
      {sla.isPending ? <Skeleton active paragraph={{ rows: 10 }} /> : null}
      {data ? (
        <>
          <Alert
            style={{ marginBottom: 16 }}
            type="info"
            showIcon
            message={`${t('ipCases.asOf', { date: formatDate(data.asOf) })} · ${t('ipCases.targets', {
              fi: data.targets.fast.intake,
              fm: data.targets.fast.firstMediation,
              fc: data.targets.fast.close,
              ni: data.targets.normal.intake,
              nm: data.targets.normal.firstMediation,
              nc: data.targets.normal.close,
            })}`}
          />
          <Row gutter={16}>
            <Col xs={24} xl={10}>
              <Card title={t('ipCases.avgDays')} style={{ marginBottom: 16 }} data-testid="sla-chart">
                <SlaChart data={data} />
              </Card>
            </Col>
            <Col xs={24} xl={14}>
              <Card title={t('ipCases.overdueCases')} style={{ marginBottom: 16 }} data-testid="sla-overdue">
                <Table
                  size="small"
                  pagination={false}
                  rowKey="id"
                  dataSource={data.overdue}
                  locale={{ emptyText: <Empty description={t('ipCases.noOverdue')} /> }}
                  onRow={() => ({ style: { background: '#fff1f0' } })}
                  columns={[
                    {
                      title: t('ipCases.caseNo'),
                      dataIndex: 'caseNo',
                      render: (no: string, c) => <Link to={`/ip-cases/${c.id}`}>{no}</Link>,
                    },
                    { title: t('ipCases.caseTitle'), dataIndex: 'title', ellipsis: true },
                    { title: t('ipCases.town'), dataIndex: 'townName', width: 80 },
                    {
                      title: t('ipCases.step'),
                      dataIndex: 'step',
                      width: 90,
                      render: (s: 'intake' | 'firstMediation' | 'close') => (
                        <Tag color="red">{t(s === 'close' ? 'ipCases.closeStep' : `ipCases.${s}`)}</Tag>
                      ),
                    },
                    { title: t('ipCases.dueOn'), dataIndex: 'dueOn', width: 100, render: (d: string) => formatDate(d) },
                    {
                      title: t('ipCases.late'),
                      dataIndex: 'workingDaysLate',
                      width: 120,
                      render: (n: number) => t('ipCases.daysLate', { n }),
                    },
                  ]}
                />
              </Card>
            </Col>
          </Row>
          <Card title={t('ipCases.byTrack')} style={{ marginBottom: 16 }} data-testid="sla-by-track">
            <GroupTable groups={data.byTrack} withTown={false} />
          </Card>
          <Card title={t('ipCases.byTown')} data-testid="sla-by-town">
            <GroupTable groups={data.byTrackAndTown} withTown />
          </Card>
        </>
      ) : null}
    </>
  );
}
