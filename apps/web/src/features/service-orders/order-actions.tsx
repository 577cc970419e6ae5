import { UploadOutlined } from '@ant-design/icons';
import type { Role } from '@innotown/contracts/common';
import type { ServiceOrder } from '@innotown/contracts/service-orders';
import { App, Button, Form, Input, InputNumber, Modal, Radio, Rate, Select, Typography, Upload, type UploadFile } from 'antd';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, errorMessage } from '../../app/api-client.ts';
import { applyApiErrorToForm } from '../../app/forms/api-form-errors.ts';
import { FormErrorAlert } from '../../app/forms/form-error-alert.tsx';
import { maxRule, requiredRule, textOrNull } from '../../app/forms/rules.ts';
import { ConfirmButton } from '../../app/ui/confirm-button.tsx';
import { useCategoryLabel } from '../services/service-format.tsx';
import { useService } from '../services/services-api.ts';
import { listedPriceText } from './order-format.tsx';
import { formatYuan, yuanToFen } from './order-money.ts';
import { availableSteps, type OrderStep } from './order-steps.ts';
import { uploadAttachment, useCategoryServices, useOrderStep } from './service-orders-api.ts';
import './service-orders-i18n.ts';

type DialogStep = Exclude<OrderStep, 'accept' | 'start'>;

const LABELS: Record<
  OrderStep,
  'quote' | 'accept' | 'decline' | 'cancel' | 'start' | 'deliver' | 'confirm' | 'disputeAction' | 'decide' | 'dispatch'
> = {
  quote: 'quote',
  accept: 'accept',
  decline: 'decline',
  cancel: 'cancel',
  start: 'start',
  deliver: 'deliver',
  confirm: 'confirm',
  dispute: 'disputeAction',
  decide: 'decide',
  dispatch: 'dispatch',
};

/** The action buttons of the order page; each opens a small dialog, or asks first where one click is final. */
export function OrderActions({ order, role }: { order: ServiceOrder; role: Role | undefined }) {
  const { t, i18n } = useTranslation();
  const step = useOrderStep();
  const [open, setOpen] = useState<DialogStep | null>(null);
  const steps = availableSteps(role, order);
  if (steps.length === 0) return null;
  const primary = new Set<OrderStep>(['quote', 'accept', 'start', 'deliver', 'confirm', 'decide', 'dispatch']);
  return (
    <>
      {steps.map((s) =>
        s === 'accept' || s === 'start' ? (
          <ConfirmButton
            key={s}
            type="primary"
            data-testid={`order-${s}`}
            question={
              s === 'accept'
                ? t('orders.acceptQuestion', { price: formatYuan(order.quotedPriceFen, i18n.language) })
                : t('orders.startQuestion')
            }
            action={() => step.mutateAsync({ id: order.id, step: s, body: {} })}
            success={t(s === 'accept' ? 'orders.accepted' : 'orders.started')}
          >
            {t(`orders.${LABELS[s]}`)}
          </ConfirmButton>
        ) : (
          <Button
            key={s}
            type={primary.has(s) ? 'primary' : 'default'}
            danger={s === 'cancel' || s === 'dispute'}
            onClick={() => setOpen(s)}
            data-testid={`order-${s}`}
          >
            {t(`orders.${LABELS[s]}`)}
          </Button>
        ),
      )}
      {open ? <StepDialog order={order} step={open} onClose={() => setOpen(null)} /> : null}
    </>
  );
}

type Values = {
  price?: string;
  note?: string;
  files?: UploadFile[];
  rating?: number;
  comment?: string;
  reason?: string;
  decision?: 'refund' | 'partial' | 'upheld';
  serviceId?: string;
};

const ATTACHMENT_TYPES = ['.pdf', '.png', '.jpg', '.jpeg', '.xlsx', '.docx'];
const MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024;

/** One transition's dialog: its fields, client rules, and the server's field errors on the fields. */
function StepDialog({ order, step, onClose }: { order: ServiceOrder; step: DialogStep; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const mutation = useOrderStep();
  const [error, setError] = useState<string | null>(null);

  const titles: Record<DialogStep, string> = {
    quote: t('orders.quoteTitle'),
    decline: t('orders.declineTitle'),
    cancel: t('orders.cancelTitle'),
    deliver: t('orders.deliverTitle'),
    confirm: t('orders.confirmTitle'),
    dispute: t('orders.disputeTitle'),
    decide: t('orders.decideTitle'),
    dispatch: t('orders.dispatchTitle'),
  };
  const done: Record<DialogStep, string> = {
    quote: t('orders.quoted'),
    decline: t('orders.declined'),
    cancel: t('orders.cancelled'),
    deliver: t('orders.delivered'),
    confirm: t('orders.confirmed'),
    dispute: t('orders.disputed'),
    decide: t('orders.decided'),
    dispatch: t('orders.dispatched'),
  };

  const bodyOf = (v: Values): Record<string, unknown> => {
    const note = textOrNull(v.note);
    switch (step) {
      case 'quote':
        return { priceFen: yuanToFen(v.price), ...(note ? { note } : {}) };
      case 'decline':
      case 'cancel':
        return note ? { note } : {};
      case 'deliver':
        return {
          resultFileIds: (v.files ?? []).map((f) => (f.response as { id?: string } | undefined)?.id).filter(Boolean),
          ...(note ? { note } : {}),
        };
      case 'confirm': {
        const comment = textOrNull(v.comment);
        return { rating: v.rating, ...(comment ? { comment } : {}) };
      }
      case 'dispute':
        return { reason: (v.reason ?? '').trim() };
      case 'decide':
        return { decision: v.decision, note: (v.note ?? '').trim() };
      case 'dispatch':
        return { serviceId: v.serviceId, ...(note ? { note } : {}) };
    }
  };

  const submit = (values: Values) => {
    setError(null);
    mutation.mutate(
      { id: order.id, step, body: bodyOf(values) },
      {
        onSuccess: () => {
          message.success(done[step]);
          onClose();
        },
        onError: (failure) => {
          // The server's rule for quotes outside the listed range belongs on the note field.
          if (failure instanceof ApiError && failure.code === 'ORDER_QUOTE_NOTE_REQUIRED') {
            form.setFields([{ name: 'note', errors: [failure.localizedMessage()] }]);
            return;
          }
          setError(applyApiErrorToForm(form, failure, { priceFen: 'price', resultFileIds: 'files', comment: 'comment' }));
        },
      },
    );
  };

  const outsideRange = (price: string | undefined) => {
    const fen = yuanToFen(price);
    return fen !== null && (fen < order.listedPriceMinFen || fen > order.listedPriceMaxFen);
  };

  let fields: ReactNode;
  switch (step) {
    case 'quote':
      fields = (
        <>
          <Typography.Paragraph type="secondary">
            {t('orders.quoteHint', { price: listedPriceText(order, i18n.language) })}
          </Typography.Paragraph>
          <Form.Item
            name="price"
            label={t('orders.price')}
            rules={[
              requiredRule(t('orders.price'), 'value'),
              {
                validator: async (_rule, value: unknown) => {
                  if (value === undefined || value === null || value === '') return;
                  if (yuanToFen(value as string) === null) throw new Error(t('orders.priceInvalid'));
                },
              },
            ]}
          >
            <InputNumber<string> stringMode min="0" step="100" precision={2} style={{ width: 220 }} prefix="¥" data-testid="quote-price" />
          </Form.Item>
          <Form.Item
            name="note"
            label={t('orders.quoteNote')}
            dependencies={['price']}
            rules={[
              maxRule(2000),
              ({ getFieldValue }) => ({
                validator: async (_rule, value: unknown) => {
                  if (outsideRange(getFieldValue('price') as string | undefined) && !textOrNull(value)) {
                    throw new Error(t('orders.quoteNoteRequired'));
                  }
                },
              }),
            ]}
          >
            <Input.TextArea rows={3} maxLength={2000} data-testid="quote-note" />
          </Form.Item>
        </>
      );
      break;
    case 'decline':
    case 'cancel':
      fields = (
        <>
          {step === 'decline' ? <Typography.Paragraph type="secondary">{t('orders.declineHint')}</Typography.Paragraph> : null}
          <Form.Item name="note" label={t('orders.note')} rules={[maxRule(2000)]}>
            <Input.TextArea rows={3} maxLength={2000} data-testid="order-note" />
          </Form.Item>
        </>
      );
      break;
    case 'deliver':
      fields = (
        <>
          <Form.Item
            name="files"
            label={t('orders.resultFiles')}
            extra={t('orders.deliverHint')}
            valuePropName="fileList"
            getValueFromEvent={(e: { fileList: UploadFile[] }) => e.fileList.filter((f) => f.status !== 'error')}
            rules={[
              {
                validator: async (_rule, value: UploadFile[] | undefined) => {
                  if (!value?.some((f) => f.status === 'done')) throw new Error(t('orders.filesRequired'));
                },
              },
            ]}
          >
            <Upload
              multiple
              maxCount={20}
              accept={ATTACHMENT_TYPES.join(',')}
              beforeUpload={(file) => {
                if (!ATTACHMENT_TYPES.some((ext) => file.name.toLowerCase().endsWith(ext))) {
                  message.error(t('orders.fileWrongType'));
                  return Upload.LIST_IGNORE;
                }
                if (file.size > MAX_ATTACHMENT_BYTES) {
                  message.error(t('orders.fileTooLarge'));
                  return Upload.LIST_IGNORE;
                }
                return true;
              }}
              customRequest={({ file, onSuccess, onError }) => {
                uploadAttachment(file as File).then(
                  (stored) => onSuccess?.(stored),
                  (failure: unknown) => {
                    message.error(errorMessage(failure));
                    onError?.(failure as Error);
                  },
                );
              }}
              data-testid="deliver-files"
            >
              <Button icon={<UploadOutlined />}>{t('orders.upload')}</Button>
            </Upload>
          </Form.Item>
          <Form.Item name="note" label={t('orders.note')} rules={[maxRule(2000)]}>
            <Input.TextArea rows={2} maxLength={2000} />
          </Form.Item>
        </>
      );
      break;
    case 'confirm':
      fields = (
        <>
          <Form.Item name="rating" label={t('orders.rating')} rules={[{ required: true, message: t('orders.ratingRequired') }]}>
            <Rate data-testid="confirm-rating" />
          </Form.Item>
          <Form.Item name="comment" label={t('orders.comment')} rules={[maxRule(2000)]}>
            <Input.TextArea rows={3} maxLength={2000} data-testid="confirm-comment" />
          </Form.Item>
        </>
      );
      break;
    case 'dispute':
      fields = (
        <Form.Item name="reason" label={t('orders.disputeReason')} rules={[requiredRule(t('orders.disputeReason')), maxRule(2000)]}>
          <Input.TextArea rows={3} maxLength={2000} data-testid="dispute-reason" />
        </Form.Item>
      );
      break;
    case 'decide':
      fields = (
        <>
          <Form.Item name="decision" label={t('orders.decision')} rules={[requiredRule(t('orders.decision'), 'select')]}>
            <Radio.Group
              optionType="button"
              options={(['refund', 'partial', 'upheld'] as const).map((d) => ({ value: d, label: t(`orders.decision_${d}`) }))}
              data-testid="decide-decision"
            />
          </Form.Item>
          <Form.Item name="note" label={t('orders.decisionNote')} rules={[requiredRule(t('orders.decisionNote')), maxRule(2000)]}>
            <Input.TextArea rows={3} maxLength={2000} data-testid="decide-note" />
          </Form.Item>
        </>
      );
      break;
    case 'dispatch':
      fields = <DispatchFields order={order} />;
      break;
  }

  return (
    <Modal
      open
      title={titles[step]}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t(`orders.${LABELS[step]}`)}
      okButtonProps={{ danger: step === 'cancel' || step === 'dispute' || step === 'decline', id: `order-${step}-submit` }}
      cancelText={t('common.cancel')}
      confirmLoading={mutation.isPending}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" onFinish={submit}>
        {fields}
        <FormErrorAlert error={error} />
      </Form>
    </Modal>
  );
}

/** Published services of other alliance members in the order's category: where an overdue request may go. */
function DispatchFields({ order }: { order: ServiceOrder }) {
  const { t } = useTranslation();
  const categoryLabel = useCategoryLabel();
  const service = useService(order.serviceId);
  const category = service.data?.category;
  const candidates = useCategoryServices(category);
  const options = (category ? (candidates.data?.items ?? []) : [])
    .filter((s) => s.institutionId !== order.institutionId)
    .map((s) => ({ value: s.id, label: `${s.title} · ${s.institutionName}` }));
  return (
    <>
      {category ? (
        <Typography.Paragraph type="secondary">{t('orders.dispatchHint', { category: categoryLabel(category) })}</Typography.Paragraph>
      ) : null}
      <Form.Item name="serviceId" label={t('orders.dispatchService')} rules={[requiredRule(t('orders.dispatchService'), 'select')]}>
        <Select
          showSearch
          optionFilterProp="label"
          loading={service.isPending || candidates.isFetching}
          options={options}
          notFoundContent={t('orders.noOtherServices')}
          data-testid="dispatch-service"
        />
      </Form.Item>
      <Form.Item name="note" label={t('orders.note')} rules={[maxRule(2000)]}>
        <Input.TextArea rows={2} maxLength={2000} />
      </Form.Item>
    </>
  );
}
