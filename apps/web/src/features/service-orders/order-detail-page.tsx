import type { ServiceOrder } from '@innotown/contracts/service-orders';
import { Alert, Card, Col, Descriptions, Empty, Flex, List, Rate, Row, Skeleton, Tag, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useAuth } from '../../app/auth/auth-context.tsx';
import { formatDateTime } from '../../app/format/datetime.ts';
import { PageHeader } from '../../app/ui/page-header.tsx';
import { QueryState } from '../../app/ui/query-state.tsx';
import { OrderVoucherPanel } from '../voucher-claims/order-voucher-panel.tsx';
import { OrderActions } from './order-actions.tsx';
import { listedPriceText, OrderStatusTag, quoteOverdue } from './order-format.tsx';
import { formatYuan } from './order-money.ts';
import { orderFileUrl, useOrder, useOrderFiles } from './service-orders-api.ts';
import './service-orders-i18n.ts';

const EVENT_COLORS: Record<string, string> = {
  requested: 'blue',
  quoted: 'blue',
  accepted: 'blue',
  in_progress: 'blue',
  delivered: 'cyan',
  completed: 'green',
  disputed: 'red',
  closed: 'purple',
  cancelled: 'gray',
};

/** One order: who, what, the price and its deadline, the history, the results — and what the viewer may do next. */
export function OrderDetailPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const { me } = useAuth();
  const query = useOrder(id);
  return (
    <QueryState query={query}>
      {(o) => (
        <>
          <PageHeader
            title={
              <Flex align="center" gap={8} wrap>
                <span data-testid="order-title">{o.serviceTitle}</span>
                <OrderStatusTag status={o.status} />
              </Flex>
            }
            subtitle={`${t('orders.createdAt')} ${formatDateTime(o.createdAt)}`}
            extra={<OrderActions order={o} role={me?.role} />}
          />
          <Flex vertical gap={16}>
            <OrderFacts order={o} />
            <PriceBlock order={o} />
            <OrderVoucherPanel order={o} />
            <Row gutter={[16, 16]}>
              <Col xs={24} lg={12}>
                <OrderTimeline order={o} />
              </Col>
              <Col xs={24} lg={12}>
                <Flex vertical gap={16}>
                  <ResultFiles order={o} />
                  <Outcome order={o} />
                </Flex>
              </Col>
            </Row>
          </Flex>
        </>
      )}
    </QueryState>
  );
}

function OrderFacts({ order: o }: { order: ServiceOrder }) {
  const { t } = useTranslation();
  return (
    <Card size="small" title={t('orders.details')}>
      <Descriptions column={{ xs: 1, md: 2 }} size="small">
        <Descriptions.Item label={t('orders.service')}>
          <Link to={`/services/${o.serviceId}`}>{o.serviceTitle}</Link>
        </Descriptions.Item>
        <Descriptions.Item label={t('orders.provider')}>
          <Link to={`/service-providers/${o.institutionId}`} data-testid="order-provider">
            {o.institutionName}
          </Link>
        </Descriptions.Item>
        <Descriptions.Item label={t('orders.enterprise')}>
          <span data-testid="order-enterprise">{o.enterpriseName}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('orders.quantity')}>{o.quantity}</Descriptions.Item>
        <Descriptions.Item label={t('orders.needs')} span={2}>
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{o.needs}</Typography.Paragraph>
        </Descriptions.Item>
      </Descriptions>
    </Card>
  );
}

/** The quote against the listed price, and the quote's deadline while one is awaited. */
function PriceBlock({ order: o }: { order: ServiceOrder }) {
  const { t, i18n } = useTranslation();
  const overdue = quoteOverdue(o);
  return (
    <Card size="small" title={t('orders.quotedPrice')}>
      <Descriptions column={{ xs: 1, md: 3 }} size="small">
        <Descriptions.Item label={t('orders.listedPrice')}>{listedPriceText(o, i18n.language)}</Descriptions.Item>
        <Descriptions.Item label={t('orders.quotedPrice')}>
          {o.quotedPriceFen === null ? (
            <Typography.Text type="secondary">{t('orders.notQuoted')}</Typography.Text>
          ) : (
            <Flex gap={6} align="center">
              <Typography.Text strong style={{ color: '#d4380d', fontSize: 16 }} data-testid="order-price">
                ¥{formatYuan(o.quotedPriceFen, i18n.language)}
              </Typography.Text>
              {o.quoteOutsideRange ? <Tag color="warning">{t('orders.outsideRange')}</Tag> : null}
            </Flex>
          )}
        </Descriptions.Item>
        <Descriptions.Item label={t('orders.quoteDue')}>
          {o.status === 'requested' ? (
            <Flex gap={6} align="center" wrap>
              <Typography.Text type={overdue ? 'danger' : undefined} strong={overdue} data-testid="order-quote-due">
                {formatDateTime(o.quoteDueAt)}
              </Typography.Text>
              {overdue && !o.escalatedAt ? <Tag color="red">{t('orders.overdue')}</Tag> : null}
              {o.escalatedAt ? (
                <Tag color="red" data-testid="order-escalated">
                  {t('orders.escalatedAt', { time: formatDateTime(o.escalatedAt) })}
                </Tag>
              ) : null}
            </Flex>
          ) : (
            '—'
          )}
        </Descriptions.Item>
      </Descriptions>
      {o.quoteNote ? (
        <Alert
          style={{ marginTop: 8 }}
          type={o.quoteOutsideRange ? 'warning' : 'info'}
          showIcon
          title={t('orders.quoteNote')}
          description={<span style={{ whiteSpace: 'pre-wrap' }}>{o.quoteNote}</span>}
          data-testid="order-quote-note"
        />
      ) : null}
    </Card>
  );
}

/** The history as recorded by the server: time, who (by role), the step, and its note. */
function OrderTimeline({ order: o }: { order: ServiceOrder }) {
  const { t } = useTranslation();
  const events = o.events ?? [];
  const roleLabel = (role: string) =>
    ['enterprise', 'provider', 'town_admin', 'city_admin', 'system'].includes(role)
      ? t(`orders.role_${role as 'enterprise' | 'provider' | 'town_admin' | 'city_admin' | 'system'}`)
      : role;
  // Dispatches and escalations keep the status; their notes are recorded in English by the server.
  const stepLabel = (e: (typeof events)[number]) => {
    if (e.from === e.to && e.note?.startsWith('escalated')) return t('orders.event_escalated');
    if (e.from === e.to && e.note?.startsWith('dispatched')) return t('orders.event_dispatched');
    return t(`orders.status_${e.to as ServiceOrder['status']}`);
  };
  const noteOf = (e: (typeof events)[number]) => {
    if (e.from === e.to && e.note?.startsWith('escalated')) return null;
    if (e.from === e.to && e.note?.startsWith('dispatched: ')) return e.note.slice('dispatched: '.length);
    return e.note;
  };
  return (
    <Card size="small" title={t('orders.timeline')}>
      <Timeline
        data-testid="order-timeline"
        items={events.map((e) => ({
          color: e.from === e.to && e.note?.startsWith('escalated') ? 'red' : (EVENT_COLORS[e.to] ?? 'blue'),
          content: (
            <div data-testid="order-event">
              <Flex gap={8} align="baseline" wrap>
                <Typography.Text strong>{stepLabel(e)}</Typography.Text>
                <Typography.Text type="secondary">
                  {formatDateTime(e.at)} · {roleLabel(e.actorRole)}
                </Typography.Text>
              </Flex>
              {noteOf(e) ? <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }}>{noteOf(e)}</Typography.Paragraph> : null}
            </div>
          ),
        }))}
      />
    </Card>
  );
}

function ResultFiles({ order: o }: { order: ServiceOrder }) {
  const { t } = useTranslation();
  const files = useOrderFiles(o);
  const kb = (size: number) => `${Math.max(1, Math.round(size / 1024))} KB`;
  return (
    <Card size="small" title={t('orders.resultFiles')}>
      {o.resultFileIds.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('orders.noResultFiles')} />
      ) : files.isPending ? (
        <Skeleton active paragraph={{ rows: 1 }} />
      ) : (
        <List
          size="small"
          dataSource={files.data ?? []}
          renderItem={(f) => (
            <List.Item>
              <a href={orderFileUrl(o.id, f.id)} download={f.filename} data-testid="order-file">
                {f.filename}
              </a>
              <Typography.Text type="secondary">{kb(f.size)}</Typography.Text>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}

/** Rating once confirmed; the dispute and its decision where there was one. */
function Outcome({ order: o }: { order: ServiceOrder }) {
  const { t } = useTranslation();
  return (
    <Card size="small" title={t('orders.rating')}>
      {o.rating !== null ? (
        <Flex vertical gap={4} data-testid="order-rating">
          <Rate disabled value={o.rating} />
          {o.ratingComment ? <Typography.Paragraph style={{ margin: 0 }}>{o.ratingComment}</Typography.Paragraph> : null}
        </Flex>
      ) : (
        <Typography.Text type="secondary">{t('orders.notRated')}</Typography.Text>
      )}
      {o.disputeReason ? (
        <Descriptions column={1} size="small" style={{ marginTop: 12 }}>
          <Descriptions.Item label={t('orders.disputeReason')}>{o.disputeReason}</Descriptions.Item>
          {o.decision ? (
            <Descriptions.Item label={t('orders.decision')}>
              <Tag color="purple">{t(`orders.decision_${o.decision}`)}</Tag>
              {o.decisionNote}
            </Descriptions.Item>
          ) : null}
        </Descriptions>
      ) : null}
    </Card>
  );
}
