import type { Service } from '@innotown/contracts/services';
import { App, Button, Form, Input, InputNumber, Modal } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router';
import { useAuth } from '../../app/auth/auth-context.tsx';
import { applyApiErrorToForm } from '../../app/forms/api-form-errors.ts';
import { FormErrorAlert } from '../../app/forms/form-error-alert.tsx';
import { maxRule, requiredRule } from '../../app/forms/rules.ts';
import { useCreateOrder } from './service-orders-api.ts';
import './service-orders-i18n.ts';

/**
 * "立即下单" on a published service: enterprise users describe their needs and go to the new order;
 * visitors see "登录后下单" and come back here after signing in; other roles do not order.
 */
export function OrderServiceButton({ service }: { service: Pick<Service, 'id' | 'title' | 'status'> }) {
  const { t } = useTranslation();
  const { me } = useAuth();
  const location = useLocation();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  if (service.status !== 'published') return null;
  if (!me) {
    return (
      <Button
        type="primary"
        ghost
        data-testid="order-service-sign-in"
        onClick={() => navigate(`/login?next=${encodeURIComponent(`${location.pathname}${location.search}`)}`)}
      >
        {t('orders.signInToOrder')}
      </Button>
    );
  }
  if (me.role !== 'enterprise') return null;
  return (
    <>
      <Button type="primary" onClick={() => setOpen(true)} data-testid="order-service">
        {t('orders.orderThis')}
      </Button>
      {open ? <OrderDialog service={service} onClose={() => setOpen(false)} /> : null}
    </>
  );
}

function OrderDialog({ service, onClose }: { service: Pick<Service, 'id' | 'title'>; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<{ needs: string; quantity: number }>();
  const create = useCreateOrder();
  const [error, setError] = useState<string | null>(null);
  return (
    <Modal
      open
      title={t('orders.orderTitle', { title: service.title })}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('orders.submit')}
      okButtonProps={{ id: 'order-service-submit' }}
      cancelText={t('common.cancel')}
      confirmLoading={create.isPending}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ quantity: 1 }}
        onFinish={({ needs, quantity }) => {
          setError(null);
          create.mutate(
            { serviceId: service.id, needs: needs.trim(), quantity },
            {
              onSuccess: (order) => {
                message.success(t('orders.ordered'));
                onClose();
                navigate(`/orders/${order.id}`);
              },
              onError: (failure) => setError(applyApiErrorToForm(form, failure)),
            },
          );
        }}
      >
        <Form.Item name="needs" label={t('orders.needs')} rules={[requiredRule(t('orders.needs')), maxRule(4000)]}>
          <Input.TextArea rows={4} maxLength={4000} placeholder={t('orders.needsPlaceholder')} data-testid="order-needs" />
        </Form.Item>
        <Form.Item name="quantity" label={t('orders.quantity')} rules={[requiredRule(t('orders.quantity'), 'value')]}>
          <InputNumber min={1} max={100000} precision={0} style={{ width: 160 }} data-testid="order-quantity" />
        </Form.Item>
        <FormErrorAlert error={error} />
      </Form>
    </Modal>
  );
}
