import type { Application, ApplicationEvent } from '@innotown/contracts/vouchers';
import { Button, Card, Col, Descriptions, Empty, Flex, Row, Tag, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useAuth } from '../../app/auth/auth-context.tsx';
import { formatDateTime } from '../../app/format/datetime.ts';
import { PageHeader } from '../../app/ui/page-header.tsx';
import { QueryState } from '../../app/ui/query-state.tsx';
import { CategoryTag } from '../services/service-format.tsx';
import { ApplicationActions } from './application-actions.tsx';
import { ReasonNotice } from './application-reason.tsx';
import { ApplicationStatusTag, useReasonLabel, yuan } from './voucher-format.tsx';
import { useApplication } from './vouchers-api.ts';

const EVENT_COLORS: Record<ApplicationEvent['action'], string> = {
  create: 'blue',
  forward: 'blue',
  return: 'orange',
  decline: 'red',
  approve: 'green',
};

function History({ events }: { events: ApplicationEvent[] }) {
  const { t } = useTranslation();
  const reasonLabel = useReasonLabel();
  if (events.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />;
  return (
    <Timeline
      data-testid="application-history"
      items={events.map((e) => ({
        color: EVENT_COLORS[e.action],
        content: (
          <Flex vertical gap={2} data-testid={`application-event-${e.action}`}>
            <Typography.Text strong>{t(`vouchers.event_${e.action}`)}</Typography.Text>
            <Typography.Text type="secondary">
              {formatDateTime(e.at)} · {e.actorName ?? '—'}
            </Typography.Text>
            {e.amountFen !== null ? <span>¥ {yuan(e.amountFen)}</span> : null}
            {e.reason ? <Tag color={EVENT_COLORS[e.action]}>{reasonLabel(e.reason)}</Tag> : null}
            {e.comment ? <Typography.Text>“{e.comment}”</Typography.Text> : null}
          </Flex>
        ),
      }))}
    />
  );
}

function ApplicationDetail({ a }: { a: Application }) {
  const { t } = useTranslation();
  const { me, hasRole } = useAuth();
  return (
    <>
      <PageHeader
        title={
          <Flex gap={12} align="center" wrap>
            {t('vouchers.application')} · {a.enterpriseName}
            <ApplicationStatusTag status={a.status} />
          </Flex>
        }
        subtitle={a.programmeName}
        extra={
          <>
            <Link to="/vouchers/applications">
              <Button>{t('common.back')}</Button>
            </Link>
            {a.voucherId && (hasRole('enterprise') || hasRole('town_admin') || hasRole('city_admin')) ? (
              <Link to="/vouchers/wallet">
                <Button data-testid="application-wallet">{t('vouchers.openWallet')}</Button>
              </Link>
            ) : null}
          </>
        }
      />
      <ReasonNotice application={a} withResubmit />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={15}>
          <Card title={t('vouchers.detail')} extra={<ApplicationActions application={a} role={me?.role ?? null} />}>
            <Descriptions column={1} bordered size="small" data-testid="application-detail">
              <Descriptions.Item label={t('vouchers.enterprise')}>{a.enterpriseName}</Descriptions.Item>
              <Descriptions.Item label={t('vouchers.programme')}>
                <Link to={`/vouchers/programmes/${a.programmeId}`}>{a.programmeName}</Link>
              </Descriptions.Item>
              <Descriptions.Item label={t('vouchers.plannedUse')}>
                <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{a.plannedUse}</Typography.Paragraph>
              </Descriptions.Item>
              <Descriptions.Item label={t('vouchers.categories')}>
                <Flex gap={4} wrap>
                  {a.categories.map((c) => (
                    <CategoryTag key={c} category={c} />
                  ))}
                </Flex>
              </Descriptions.Item>
              <Descriptions.Item label={t('vouchers.amountAsked')}>
                <span data-testid="application-amount-asked">{yuan(a.amountFen)}</span>
              </Descriptions.Item>
              {a.approvedFen !== null ? (
                <Descriptions.Item label={t('vouchers.amountApproved')}>
                  <strong data-testid="application-amount-approved">{yuan(a.approvedFen)}</strong>
                </Descriptions.Item>
              ) : null}
              <Descriptions.Item label={t('vouchers.submittedAt')}>{formatDateTime(a.createdAt)}</Descriptions.Item>
              {a.decidedAt ? <Descriptions.Item label={t('vouchers.decidedAt')}>{formatDateTime(a.decidedAt)}</Descriptions.Item> : null}
            </Descriptions>
          </Card>
        </Col>
        <Col xs={24} lg={9}>
          <Card title={t('vouchers.history')}>
            <History events={a.history ?? []} />
          </Card>
        </Col>
      </Row>
    </>
  );
}

/** /vouchers/applications/:id: one application with its history and, for its reviewer, the next step. */
export function ApplicationDetailPage() {
  const { id } = useParams();
  const application = useApplication(id);
  return <QueryState query={application}>{(a) => <ApplicationDetail a={a} />}</QueryState>;
}
