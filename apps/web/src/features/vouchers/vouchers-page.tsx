import { PlusOutlined } from '@ant-design/icons';
import type { Programme } from '@innotown/contracts/vouchers';
import { Button, Card, Col, Empty, Flex, Progress, Row, Skeleton, Statistic } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useAuth } from '../../app/auth/auth-context.tsx';
import { PageHeader } from '../../app/ui/page-header.tsx';
import { QueryError } from '../../app/ui/query-error.tsx';
import { ProgrammeRules, WindowTag } from './programme-rules.tsx';
import { windowOpen, yuan } from './voucher-format.tsx';
import { useProgrammes } from './vouchers-api.ts';

export const programmeTitle = (p: Programme) => (p.name.includes(String(p.year)) ? p.name : `${p.year} · ${p.name}`);

/** Share of the budget awarded so far, in % with one decimal. */
export const budgetUsedPercent = (p: Programme) =>
  p.balances ? Math.round(((p.totalBudgetFen - p.balances.availableFen) / p.totalBudgetFen) * 1000) / 10 : 0;

function ProgrammeCard({ p }: { p: Programme }) {
  const { t } = useTranslation();
  const { hasRole } = useAuth();
  const navigate = useNavigate();
  const b = p.balances;
  const canApply = hasRole('enterprise') && windowOpen(p);
  return (
    <Card
      title={
        <Link to={`/vouchers/programmes/${p.id}`} data-testid="programme-link">
          {programmeTitle(p)}
        </Link>
      }
      data-testid="voucher-programme"
      extra={
        <Flex gap={8} align="center">
          <WindowTag p={p} />
          {canApply ? (
            <Button type="primary" onClick={() => navigate(`/vouchers/applications/new?programmeId=${p.id}`)} data-testid="programme-apply">
              {t('vouchers.apply')}
            </Button>
          ) : null}
        </Flex>
      }
    >
      {b ? (
        <Row gutter={[16, 16]}>
          <Col xs={12} md={6}>
            <Statistic title={t('vouchers.budget')} value={yuan(p.totalBudgetFen)} />
          </Col>
          <Col xs={12} md={6}>
            <Statistic title={t('vouchers.available')} value={yuan(b.availableFen)} />
          </Col>
          <Col xs={12} md={6}>
            <Statistic title={t('vouchers.issued')} value={yuan(b.issuedFen)} />
          </Col>
          <Col xs={12} md={6}>
            <Statistic title={t('vouchers.settled')} value={yuan(b.settledFen)} />
          </Col>
          <Col span={24}>
            <Flex gap={12} align="center">
              <span>{t('vouchers.used')}</span>
              <Progress percent={budgetUsedPercent(p)} style={{ flex: 1, margin: 0 }} />
            </Flex>
          </Col>
        </Row>
      ) : (
        <ProgrammeRules p={p} />
      )}
    </Card>
  );
}

/** /vouchers: the programmes; the city sees their balances and creates new ones, an enterprise applies. */
export function VouchersPage() {
  const { t } = useTranslation();
  const { hasRole } = useAuth();
  const navigate = useNavigate();
  const programmes = useProgrammes();
  return (
    <>
      <PageHeader
        title={t('vouchers.programmes')}
        subtitle={t('vouchers.programmesSubtitle')}
        extra={
          hasRole('city_admin') ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/vouchers/programmes/new')} data-testid="programme-new">
              {t('vouchers.newProgramme')}
            </Button>
          ) : null
        }
      />
      <Flex vertical gap={16}>
        {programmes.isPending ? (
          <Skeleton active />
        ) : programmes.isError ? (
          <QueryError error={programmes.error} onRetry={() => void programmes.refetch()} />
        ) : programmes.data.items.length ? (
          programmes.data.items.map((p) => <ProgrammeCard key={p.id} p={p} />)
        ) : (
          <Empty description={t('vouchers.noProgrammes')} />
        )}
      </Flex>
    </>
  );
}
