import { CheckCircleFilled, CloseCircleFilled } from '@ant-design/icons';
import { applicationStatuses, type Programme } from '@innotown/contracts/vouchers';
import { Button, Card, Col, Flex, Row, Skeleton, Statistic, Tag, Typography } from 'antd';
import { BarChart, type BarSeriesOption } from 'echarts/charts';
import type { GridComponentOption, LegendComponentOption, TooltipComponentOption } from 'echarts/components';
import type { ComposeOption } from 'echarts/core';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { useAuth } from '../../app/auth/auth-context.tsx';
import { CHART_COLORS, Chart, echarts } from '../../app/charts/chart.tsx';
import { PageHeader } from '../../app/ui/page-header.tsx';
import { QueryError } from '../../app/ui/query-error.tsx';
import { QueryState } from '../../app/ui/query-state.tsx';
import { ProgrammeRules, WindowTag } from './programme-rules.tsx';
import { ApplicationStatusTag, windowOpen, yuan } from './voucher-format.tsx';
import { type ProgrammeLedger, useAllianceMembers, useApplicationCounts, useProgramme, useProgrammeLedger } from './vouchers-api.ts';
import { programmeTitle } from './vouchers-page.tsx';

echarts.use([BarChart]);
type Option = ComposeOption<BarSeriesOption | GridComponentOption | LegendComponentOption | TooltipComponentOption>;

const LEDGER_CHECKS = ['balanced', 'withinBudget', 'withinCaps', 'storedBalancesMatchEntries'] as const;

/** The budget as one stacked bar: settled, reserved, in wallets and not yet awarded add up to the whole budget. */
function BudgetUseChart({ p }: { p: Programme }) {
  const { t } = useTranslation();
  const b = p.balances;
  if (!b) return null;
  const parts = [
    { name: t('vouchers.settled'), fen: b.settledFen },
    { name: t('vouchers.reserved'), fen: b.reservedFen },
    { name: t('vouchers.inWallets'), fen: b.walletFen },
    { name: t('vouchers.available'), fen: b.availableFen },
  ];
  const option: Option = {
    color: [CHART_COLORS[6], CHART_COLORS[3], CHART_COLORS[0], CHART_COLORS[7]] as string[],
    tooltip: { trigger: 'item', valueFormatter: (v) => (typeof v === 'number' ? yuan(Math.round(v * 100)) : '—') },
    legend: { top: 0 },
    grid: { left: 8, right: 16, top: 40, bottom: 8, containLabel: true },
    xAxis: { type: 'value', max: p.totalBudgetFen / 100, axisLabel: { formatter: (v: number) => v.toLocaleString('en-US') } },
    yAxis: { type: 'category', data: [t('vouchers.budget')], axisLabel: { show: false } },
    series: parts.map((part) => ({
      name: part.name,
      type: 'bar',
      stack: 'budget',
      barWidth: 48,
      data: [part.fen / 100],
      label: {
        // A sliver's label would sit on its neighbour's: only parts of 4 % or more are labelled.
        show: part.fen * 25 >= p.totalBudgetFen,
        formatter: () => `${Math.round((part.fen / p.totalBudgetFen) * 1000) / 10}%`,
      },
    })),
  };
  return <Chart option={option} height={160} />;
}

function LedgerBadges({ ledger }: { ledger: ProgrammeLedger }) {
  const { t } = useTranslation();
  return (
    <Flex gap={8} wrap align="center" data-testid="ledger-check">
      {LEDGER_CHECKS.map((check) => (
        <Tag
          key={check}
          color={ledger[check] ? 'success' : 'error'}
          icon={ledger[check] ? <CheckCircleFilled /> : <CloseCircleFilled />}
          data-testid={`ledger-${check}`}
          data-ok={ledger[check]}
        >
          {t(`vouchers.check_${check}`)}
        </Tag>
      ))}
      <Typography.Text type="secondary">{t('vouchers.ledgerEntries', { count: ledger.entries })}</Typography.Text>
    </Flex>
  );
}

function CityDashboard({ p }: { p: Programme }) {
  const { t } = useTranslation();
  const ledger = useProgrammeLedger(p.id, true);
  const counts = useApplicationCounts(p.id, true);
  const b = p.balances;
  if (!b) return null;
  const stats: [string, number, string][] = [
    ['budget', p.totalBudgetFen, t('vouchers.budget')],
    ['available', b.availableFen, t('vouchers.available')],
    ['issued', b.issuedFen, t('vouchers.issued')],
    ['wallet', b.walletFen, t('vouchers.inWallets')],
    ['reserved', b.reservedFen, t('vouchers.reserved')],
    ['settled', b.settledFen, t('vouchers.settled')],
    ['returned', b.expiredFen, t('vouchers.returned')],
  ];
  return (
    <Flex vertical gap={16}>
      <Card>
        <Row gutter={[16, 16]} data-testid="programme-balances">
          {stats.map(([key, fen, title]) => (
            <Col key={key} xs={12} md={8} xl={6}>
              <div data-testid={`programme-${key}`}>
                <Statistic title={title} value={yuan(fen)} />
              </div>
            </Col>
          ))}
        </Row>
      </Card>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={14}>
          <Card title={t('vouchers.budgetUse')}>
            <BudgetUseChart p={p} />
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          <Flex vertical gap={16}>
            <Card title={t('vouchers.ledgerCheck')} size="small">
              {ledger.isPending ? (
                <Skeleton active paragraph={{ rows: 1 }} />
              ) : ledger.isError ? (
                <QueryError error={ledger.error} onRetry={() => void ledger.refetch()} />
              ) : (
                <LedgerBadges ledger={ledger.data} />
              )}
            </Card>
            <Card title={t('vouchers.applicationsByStatus')} size="small" data-testid="programme-applications">
              {counts.pending ? (
                <Skeleton active paragraph={{ rows: 1 }} />
              ) : (
                <Flex gap={16} wrap>
                  {applicationStatuses.map((status) => (
                    <Link key={status} to={`/vouchers/applications?programmeId=${p.id}&status=${status}`}>
                      <Flex vertical align="center" gap={4}>
                        <Typography.Text strong style={{ fontSize: 20 }} data-testid={`programme-count-${status}`}>
                          {counts.counts[status]}
                        </Typography.Text>
                        <ApplicationStatusTag status={status} />
                      </Flex>
                    </Link>
                  ))}
                </Flex>
              )}
            </Card>
          </Flex>
        </Col>
      </Row>
    </Flex>
  );
}

/** /vouchers/programmes/:id: the city's dashboard of one programme; everyone else its rules. */
export function ProgrammeDashboardPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const { hasRole } = useAuth();
  const navigate = useNavigate();
  const programme = useProgramme(id);
  const isCity = hasRole('city_admin');
  const listed = programme.data?.providerScope === 'listed';
  const members = useAllianceMembers(isCity && listed);
  const names = new Map((members.data?.items ?? []).map((m) => [m.institutionId, m.institutionName]));
  return (
    <QueryState query={programme}>
      {(p) => (
        <>
          <PageHeader
            title={programmeTitle(p)}
            subtitle={isCity ? t('vouchers.dashboard') : t('vouchers.rules')}
            extra={
              <>
                <WindowTag p={p} />
                <Link to="/vouchers">
                  <Button>{t('common.back')}</Button>
                </Link>
                {hasRole('enterprise') && windowOpen(p) ? (
                  <Button
                    type="primary"
                    onClick={() => navigate(`/vouchers/applications/new?programmeId=${p.id}`)}
                    data-testid="programme-apply"
                  >
                    {t('vouchers.apply')}
                  </Button>
                ) : null}
              </>
            }
          />
          <Flex vertical gap={16}>
            {isCity ? <CityDashboard p={p} /> : null}
            <Card title={t('vouchers.rules')}>
              <ProgrammeRules p={p} providerNames={names} />
            </Card>
          </Flex>
        </>
      )}
    </QueryState>
  );
}
