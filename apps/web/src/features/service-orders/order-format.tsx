import type { OrderStatus, ServiceOrder } from '@innotown/contracts/service-orders';
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatYuan } from './order-money.ts';
import './service-orders-i18n.ts';

const STATUS_COLORS: Record<OrderStatus, string> = {
  requested: 'processing',
  quoted: 'gold',
  accepted: 'blue',
  in_progress: 'geekblue',
  delivered: 'cyan',
  completed: 'success',
  disputed: 'error',
  closed: 'purple',
  cancelled: 'default',
};

export function OrderStatusTag({ status }: { status: OrderStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={STATUS_COLORS[status]} data-testid="order-status">
      {t(`orders.status_${status}`)}
    </Tag>
  );
}

/** A request still waiting for a quote after its SLA ran out (the sweep may not have escalated it yet). */
export const quoteOverdue = (o: Pick<ServiceOrder, 'status' | 'quoteDueAt'>, now = Date.now()) =>
  o.status === 'requested' && Date.parse(o.quoteDueAt) < now;

/** The listed price as a range in yuan: "100.00–200.00", or one amount. */
export function listedPriceText(o: Pick<ServiceOrder, 'listedPriceMinFen' | 'listedPriceMaxFen'>, locale: string) {
  return o.listedPriceMinFen === o.listedPriceMaxFen
    ? `¥${formatYuan(o.listedPriceMinFen, locale)}`
    : `¥${formatYuan(o.listedPriceMinFen, locale)}–${formatYuan(o.listedPriceMaxFen, locale)}`;
}
