import { type Booking, extraChargeKinds } from '@innotown/contracts/bookings';
import { App, Button, Flex, Form, Input, InputNumber, Modal, Select, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import '../resources/resources-i18n.ts';
import { applyApiErrorToForm } from '../../app/forms/api-form-errors.ts';
import { FormErrorAlert } from '../../app/forms/form-error-alert.tsx';
import { maxRule, requiredRule } from '../../app/forms/rules.ts';
import { fenToYuan } from '../resources/resource-tags.tsx';
import { type UsageBody, useDisputeUsage, useRecordUsage } from './bookings-api.ts';

type ExtraKind = (typeof extraChargeKinds)[number];
type UsageValues = {
  hours?: number;
  minutes?: number;
  sampleCount?: number | null;
  feeYuan?: number;
  extras?: { kind?: ExtraKind; amountYuan?: number; note?: string }[];
};

const toFen = (yuan: number | undefined) => Math.round((yuan ?? 0) * 100);

/** The recorded figures, in one cell: time, samples, fee + extras = total; a dispute's reason below. */
export function UsageSummary({ booking }: { booking: Booking }) {
  const { t, i18n } = useTranslation();
  const usage = booking.usage;
  if (!usage) return <>—</>;
  const yuan = (fen: number) => fenToYuan(fen, i18n.language);
  return (
    <Flex vertical gap={2} data-testid="booking-usage" style={{ fontSize: 13 }}>
      <span>
        {t('bookings.usageDuration', { hours: Math.floor(usage.minutes / 60), minutes: usage.minutes % 60 })}
        {usage.sampleCount !== null ? ` · ${t('bookings.samples', { count: usage.sampleCount })}` : ''}
      </span>
      <span>
        {yuan(usage.feeFen)}
        {usage.extraCharges.map((c) => ` + ${t(`bookings.extra_${c.kind as ExtraKind}`)} ${yuan(c.amountFen)}`).join('')}
      </span>
      <Typography.Text strong data-testid="booking-usage-total">
        {t('common.labelValue', { label: t('bookings.total'), value: yuan(usage.totalFen) })}
      </Typography.Text>
      {booking.status === 'disputed' && usage.disputeReason ? (
        <Typography.Text type="danger" data-testid="booking-dispute-reason">
          {t('common.labelValue', { label: t('bookings.disputeReason'), value: usage.disputeReason })}
        </Typography.Text>
      ) : null}
    </Flex>
  );
}

/** The owner records what was used after the slot: time, samples, the fee and extra charges (in yuan here, fen in the API). */
export function RecordUsageDialog({ booking, onClose }: { booking: Booking | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<UsageValues>();
  const record = useRecordUsage();
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!booking) return;
    setError(null);
    form.resetFields();
    // Start from what was booked (or what was recorded before a dispute).
    const slotMinutes = booking.start && booking.end ? Math.round((Date.parse(booking.end) - Date.parse(booking.start)) / 60_000) : 0;
    const minutes = booking.usage?.minutes ?? slotMinutes;
    form.setFieldsValue({
      hours: Math.floor(minutes / 60),
      minutes: minutes % 60,
      sampleCount: booking.usage?.sampleCount ?? booking.sampleCount ?? null,
      feeYuan: (booking.usage?.feeFen ?? booking.quotedFeeFen ?? 0) / 100,
      extras: (booking.usage?.extraCharges ?? []).map((c) => ({
        kind: c.kind as ExtraKind,
        amountYuan: c.amountFen / 100,
        note: c.note ?? undefined,
      })),
    });
  }, [booking, form]);

  const submit = (values: UsageValues) => {
    if (!booking) return;
    setError(null);
    const body: UsageBody = {
      minutes: (values.hours ?? 0) * 60 + (values.minutes ?? 0),
      feeFen: toFen(values.feeYuan),
      extraCharges: (values.extras ?? []).map((c) => ({
        kind: c.kind as ExtraKind,
        amountFen: toFen(c.amountYuan),
        ...(c.note?.trim() ? { note: c.note.trim() } : {}),
      })),
    };
    if (values.sampleCount !== null && values.sampleCount !== undefined) body.sampleCount = values.sampleCount;
    record.mutate(
      { id: booking.id, body },
      {
        onSuccess: () => {
          message.success(t('bookings.usageRecorded'));
          onClose();
        },
        onError: (failure) => setError(applyApiErrorToForm(form, failure)),
      },
    );
  };

  return (
    <Modal
      open={booking !== null}
      forceRender
      width={640}
      title={booking ? `${t('bookings.recordUsageTitle')} · ${booking.resourceName}` : t('bookings.recordUsageTitle')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('bookings.recordUsage')}
      okButtonProps={{ id: 'usage-submit' }}
      cancelText={t('common.cancel')}
      confirmLoading={record.isPending}
    >
      <Form<UsageValues> form={form} layout="vertical" onFinish={submit} data-testid="usage-form">
        <Form.Item label={t('bookings.usageTime')} required style={{ marginBottom: 0 }}>
          <Space align="start">
            <Form.Item name="hours" rules={[requiredRule(t('bookings.usageTime'), 'value')]}>
              <InputNumber min={0} max={744} precision={0} suffix={t('bookings.usageHours')} data-testid="usage-hours" />
            </Form.Item>
            <Form.Item name="minutes">
              <InputNumber min={0} max={59} precision={0} suffix={t('bookings.usageMinutes')} data-testid="usage-minutes" />
            </Form.Item>
          </Space>
        </Form.Item>
        <Space align="start" wrap>
          <Form.Item name="sampleCount" label={t('bookings.sampleCount')}>
            <InputNumber min={0} max={1000} precision={0} data-testid="usage-samples" />
          </Form.Item>
          <Form.Item name="feeYuan" label={t('bookings.usageFee')} rules={[requiredRule(t('bookings.usageFee'), 'value')]}>
            <InputNumber min={0} precision={2} style={{ width: 160 }} data-testid="usage-fee" />
          </Form.Item>
        </Space>
        <Typography.Text strong style={{ display: 'block' }}>
          {t('bookings.extraCharges')}
        </Typography.Text>
        <Form.List name="extras">
          {(fields, { add, remove }) => (
            <Flex vertical gap={0} style={{ marginTop: 8 }}>
              {fields.map((field) => (
                <Space key={field.key} align="start" wrap data-testid="usage-extra">
                  <Form.Item name={[field.name, 'kind']} rules={[requiredRule(t('bookings.extraKind'), 'select')]}>
                    <Select
                      style={{ width: 130 }}
                      placeholder={t('bookings.extraKind')}
                      data-testid="usage-extra-kind"
                      options={extraChargeKinds.map((kind) => ({ value: kind, label: t(`bookings.extra_${kind}`) }))}
                    />
                  </Form.Item>
                  <Form.Item name={[field.name, 'amountYuan']} rules={[requiredRule(t('bookings.amountYuan'), 'value')]}>
                    <InputNumber
                      min={0}
                      precision={2}
                      placeholder={t('bookings.amountYuan')}
                      style={{ width: 140 }}
                      data-testid="usage-extra-amount"
                    />
                  </Form.Item>
                  <Form.Item name={[field.name, 'note']} rules={[maxRule(200)]}>
                    <Input placeholder={t('bookings.note')} maxLength={200} style={{ width: 180 }} />
                  </Form.Item>
                  <Button type="link" danger onClick={() => remove(field.name)}>
                    {t('bookings.removeTrainee')}
                  </Button>
                </Space>
              ))}
              {fields.length < 20 ? (
                <Button
                  type="dashed"
                  onClick={() => add({ kind: 'consumables' })}
                  data-testid="usage-add-extra"
                  style={{ alignSelf: 'flex-start' }}
                >
                  {t('bookings.addExtra')}
                </Button>
              ) : null}
            </Flex>
          )}
        </Form.List>
        <div style={{ marginTop: 12 }}>
          <FormErrorAlert error={error} />
        </div>
      </Form>
    </Modal>
  );
}

/** The enterprise disputes recorded usage with a reason (the owner then records again). */
export function DisputeDialog({ booking, onClose }: { booking: Booking | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ reason: string }>();
  const dispute = useDisputeUsage();
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (booking) {
      form.resetFields();
      setError(null);
    }
  }, [booking, form]);
  return (
    <Modal
      open={booking !== null}
      forceRender
      title={t('bookings.disputeTitle')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('bookings.disputeUsage')}
      okButtonProps={{ danger: true, id: 'dispute-submit' }}
      cancelText={t('common.cancel')}
      confirmLoading={dispute.isPending}
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={({ reason }) => {
          if (!booking) return;
          dispute.mutate(
            { id: booking.id, body: { reason: reason.trim() } },
            {
              onSuccess: () => {
                message.success(t('bookings.usageDisputed'));
                onClose();
              },
              onError: (failure) => setError(applyApiErrorToForm(form, failure)),
            },
          );
        }}
      >
        <Form.Item name="reason" label={t('bookings.disputeReason')} rules={[requiredRule(t('bookings.disputeReason')), maxRule(500)]}>
          <Input.TextArea rows={3} maxLength={500} placeholder={t('bookings.disputeReasonPlaceholder')} data-testid="dispute-reason" />
        </Form.Item>
        <FormErrorAlert error={error} />
      </Form>
    </Modal>
  );
}
