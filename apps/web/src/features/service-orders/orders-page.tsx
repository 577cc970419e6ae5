import { type OrderStatus, orderStatuses, type ServiceOrder } from '@innotown/contracts/service-orders';
import { Flex, type TableProps, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useAuth } from '../../app/auth/auth-context.tsx';
import { formatDateTime } from '../../app/format/datetime.ts';
import { FilterInput } from '../../app/ui/filter-input.tsx';
import { ListTable } from '../../app/ui/list-table.tsx';
import { PageHeader } from '../../app/ui/page-header.tsx';
import { useSearchState } from '../../app/ui/use-search-state.ts';
import { OrderStatusTag, quoteOverdue } from './order-format.tsx';
import { formatYuan } from './order-money.ts';
import { useOrders } from './service-orders-api.ts';
import './service-orders-i18n.ts';

type View = { key: string; label: string; status?: OrderStatus; escalated?: 'true' };

/**
 * Orders in the caller's scope (the server filters by role): an enterprise's own, a provider's incoming
 * (to quote first, with the SLA), a town's (escalated requests to dispatch, disputes to decide), the city's all.
 */
export function OrdersPage() {
  const { t, i18n } = useTranslation();
  const { me } = useAuth();
  const role = me?.role ?? 'enterprise';
  const search = useSearchState();
  const status = search.get('status') as OrderStatus | undefined;
  const escalated = search.get('escalated') === 'true' ? 'true' : undefined;
  const q = search.get('q');
  const list = useOrders({ status, escalated, q, page: search.page, pageSize: search.pageSize });

  // Each role's work first: what waits on it, then every status.
  const first: View[] =
    role === 'provider'
      ? [{ key: 'requested', label: t('orders.toQuote'), status: 'requested' }]
      : role === 'town_admin' || role === 'city_admin'
        ? [
            { key: 'escalated', label: t('orders.escalatedFilter'), status: 'requested', escalated: 'true' },
            { key: 'disputed', label: t('orders.disputedFilter'), status: 'disputed' },
          ]
        : [];
  const taken = new Set(first.map((v) => v.status).filter((s) => s !== 'requested' || role === 'provider'));
  const views: View[] = [
    { key: 'all', label: t('orders.all') },
    ...first,
    ...orderStatuses.filter((s) => !taken.has(s)).map((s) => ({ key: s, label: t(`orders.status_${s}`), status: s })),
  ];
  const activeKey = escalated ? 'escalated' : (status ?? 'all');

  const columns: NonNullable<TableProps<ServiceOrder>['columns']> = [
    {
      title: t('orders.service'),
      dataIndex: 'serviceTitle',
      render: (title: string, row) => (
        <Link to={`/orders/${row.id}`} data-testid="order-link">
          {title}
        </Link>
      ),
    },
    ...(role !== 'enterprise' ? [{ title: t('orders.enterprise'), dataIndex: 'enterpriseName' }] : []),
    ...(role !== 'provider' ? [{ title: t('orders.provider'), dataIndex: 'institutionName' }] : []),
    { title: t('orders.quantity'), dataIndex: 'quantity', align: 'right' as const, width: 80 },
    {
      title: t('orders.quotedPrice'),
      key: 'price',
      align: 'right' as const,
      render: (_value: unknown, row: ServiceOrder) =>
        row.quotedPriceFen === null ? (
          <Typography.Text type="secondary">{t('orders.notQuoted')}</Typography.Text>
        ) : (
          <span>
            ¥{formatYuan(row.quotedPriceFen, i18n.language)}
            {row.quoteOutsideRange ? (
              <Tag color="warning" style={{ marginInlineStart: 6, marginInlineEnd: 0 }}>
                {t('orders.outsideRange')}
              </Tag>
            ) : null}
          </span>
        ),
    },
    { title: t('orders.status'), dataIndex: 'status', render: (s: OrderStatus) => <OrderStatusTag status={s} /> },
    {
      title: t('orders.quoteDue'),
      key: 'sla',
      render: (_value: unknown, row: ServiceOrder) => {
        if (row.status !== 'requested') return '—';
        const overdue = quoteOverdue(row);
        return (
          <Flex gap={4} wrap align="center">
            <Typography.Text type={overdue ? 'danger' : undefined} strong={overdue}>
              {formatDateTime(row.quoteDueAt)}
            </Typography.Text>
            {row.escalatedAt ? (
              <Tag color="red" data-testid="order-escalated">
                {t('orders.escalated')}
              </Tag>
            ) : overdue ? (
              <Tag color="red">{t('orders.overdue')}</Tag>
            ) : null}
          </Flex>
        );
      },
    },
    { title: t('orders.createdAt'), dataIndex: 'createdAt', render: (v: string) => formatDateTime(v) },
  ];

  return (
    <>
      <PageHeader
        title={t('orders.title')}
        subtitle={t(`orders.subtitle_${role === 'town_admin' || role === 'city_admin' || role === 'provider' ? role : 'enterprise'}`)}
      />
      <Flex vertical gap={12} style={{ marginBottom: 16 }}>
        <Flex gap={4} wrap data-testid="order-status-filter">
          {views.map((v) => (
            <Tag.CheckableTag
              key={v.key}
              checked={activeKey === v.key}
              onChange={() => search.update({ status: v.status, escalated: v.escalated })}
            >
              {v.label}
            </Tag.CheckableTag>
          ))}
        </Flex>
        <FilterInput
          allowClear
          applied={q}
          onApply={(value) => search.update({ q: value })}
          placeholder={t('orders.searchPlaceholder')}
          style={{ maxWidth: 360 }}
          data-testid="order-search"
        />
      </Flex>
      <ListTable<ServiceOrder>
        list={list}
        page={search.page}
        pageSize={search.pageSize}
        onPageChange={(page, pageSize) => search.update({ page, pageSize })}
        columns={columns}
        scroll={{ x: 'max-content' }}
        onRow={(row) => (quoteOverdue(row) ? { style: { background: '#fff1f0' } } : {})}
        data-testid="orders-table"
      />
    </>
  );
}
