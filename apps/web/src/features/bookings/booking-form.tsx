import { type BookingMode, expertBookingModes, instrumentBookingModes, SAMPLE_COUNT_MAX } from '@innotown/contracts/bookings';
import type { Resource } from '@innotown/contracts/resources';
import { Alert, App, Button, DatePicker, Form, Input, InputNumber, Radio, Space, TimePicker } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import '../resources/resources-i18n.ts';
import { useNavigate } from 'react-router';
import { shanghaiToday } from '../../app/format/datetime.ts';
import { applyApiErrorToForm } from '../../app/forms/api-form-errors.ts';
import { FormErrorAlert } from '../../app/forms/form-error-alert.tsx';
import { maxRule, requiredRule } from '../../app/forms/rules.ts';
import { fenToYuan } from '../resources/resource-tags.tsx';
import { type BookingBody, type BookingQuote, useCreateBooking, useMyTraining, useQuoteBooking } from './bookings-api.ts';

type Values = {
  mode: BookingMode;
  date?: Dayjs;
  startTime?: Dayjs;
  endTime?: Dayjs;
  sampleCount?: number;
  purpose?: string;
  sampleDetails?: string;
};

/** The API's slot fields are edited as a date and two times. */
const RENAME = { start: 'startTime', end: 'endTime' };

/** The instruments' opening hours are China time (UTC+8), so the slot is too, whatever the browser's zone. */
function at(date: Dayjs, time: Dayjs): string {
  return `${date.format('YYYY-MM-DD')}T${time.format('HH:mm')}:00+08:00`;
}

function toBody(resourceId: string, values: Values): BookingBody {
  const body: BookingBody = { resourceId, mode: values.mode, purpose: values.purpose?.trim() ?? '' };
  if (values.mode === 'sample') body.sampleCount = values.sampleCount;
  else if (values.date && values.startTime && values.endTime) {
    body.start = at(values.date, values.startTime);
    body.end = at(values.date, values.endTime);
  }
  const details = values.sampleDetails?.trim();
  if (details) body.sampleDetails = details;
  return body;
}

/** An enterprise asks for a slot (or a sample test): first the price, then the request. */
export function BookingForm({ resource }: { resource: Resource }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const expert = resource.kind === 'expert';
  const mode = Form.useWatch('mode', form) ?? (expert ? 'consultation' : 'operator_assisted');
  // Self-service needs a training record: ask whether the user has one, to say so before they choose.
  const selfServiceOffered = !expert && !resource.operatorRequired;
  const training = useMyTraining(resource.id, selfServiceOffered);
  const trained = training.data?.trained === true;
  const quote = useQuoteBooking();
  const create = useCreateBooking();
  const [quoted, setQuoted] = useState<{ value: BookingQuote } | null>(null);
  const [error, setError] = useState<string | null>(null);

  const getQuote = async () => {
    setError(null);
    const fields: (keyof Values)[] = mode === 'sample' ? ['mode', 'sampleCount'] : ['mode', 'date', 'startTime', 'endTime'];
    try {
      await form.validateFields(fields);
    } catch {
      return;
    }
    const { purpose: _purpose, ...body } = toBody(resource.id, form.getFieldsValue(true));
    quote.mutate(body, {
      onSuccess: (answer) => setQuoted({ value: answer.quote }),
      onError: (failure) => setError(applyApiErrorToForm(form, failure, RENAME)),
    });
  };

  const submit = (values: Values) => {
    setError(null);
    create.mutate(toBody(resource.id, values), {
      onSuccess: () => {
        message.success(t('bookings.submitted'));
        navigate('/my/bookings');
      },
      onError: (failure) => setError(applyApiErrorToForm(form, failure, RENAME)),
    });
  };

  const units = (value: NonNullable<BookingQuote>) => ({ units: value.units, unit: t(`resources.unit_${value.unit}`) });
  const modes: readonly BookingMode[] = expert ? expertBookingModes : instrumentBookingModes;
  const modeNotice = expert
    ? { type: 'info' as const, text: t('bookings.consultationHint') }
    : !selfServiceOffered
      ? { type: 'info' as const, text: t('bookings.selfServiceOperatorOnly') }
      : training.isSuccess
        ? trained
          ? { type: 'success' as const, text: t('bookings.selfServiceTrained') }
          : { type: 'warning' as const, text: t('bookings.selfServiceUntrained') }
        : null;

  return (
    <Form<Values>
      form={form}
      layout="vertical"
      data-testid="booking-form"
      // Self-service needs the instrument's training first, so the assisted slot is the safe default.
      initialValues={{ mode: expert ? 'consultation' : 'operator_assisted' }}
      onValuesChange={() => setQuoted(null)}
      onFinish={submit}
      style={{ maxWidth: 640 }}
    >
      <Form.Item name="mode" label={t('bookings.mode')} rules={[requiredRule(t('bookings.mode'), 'select')]}>
        <Radio.Group
          optionType="button"
          options={modes.map((entry) => ({
            value: entry,
            label: t(`bookings.mode_${entry}`),
            // Not offered (operator only) or not yet allowed (no training): shown, disabled, and explained below.
            disabled: entry === 'self_service' && !(selfServiceOffered && trained),
          }))}
          data-testid="booking-mode"
        />
      </Form.Item>
      {modeNotice ? (
        <Alert type={modeNotice.type} showIcon style={{ marginBottom: 16 }} title={modeNotice.text} data-testid="booking-mode-notice" />
      ) : null}
      {mode === 'sample' ? (
        <Form.Item name="sampleCount" label={t('bookings.sampleCount')} rules={[requiredRule(t('bookings.sampleCount'), 'value')]}>
          <InputNumber min={1} max={SAMPLE_COUNT_MAX} precision={0} data-testid="booking-samples" />
        </Form.Item>
      ) : (
        <Space wrap align="start">
          <Form.Item name="date" label={t('bookings.date')} rules={[requiredRule(t('bookings.date'), 'select')]}>
            <DatePicker data-testid="booking-date" disabledDate={(day) => day.isBefore(shanghaiToday(), 'day')} />
          </Form.Item>
          <Form.Item name="startTime" label={t('bookings.startTime')} rules={[requiredRule(t('bookings.startTime'), 'select')]}>
            <TimePicker format="HH:mm" minuteStep={15} needConfirm={false} data-testid="booking-start" />
          </Form.Item>
          <Form.Item name="endTime" label={t('bookings.endTime')} rules={[requiredRule(t('bookings.endTime'), 'select')]}>
            <TimePicker format="HH:mm" minuteStep={15} needConfirm={false} data-testid="booking-end" />
          </Form.Item>
        </Space>
      )}
      <Form.Item name="purpose" label={t('bookings.purpose')} rules={[requiredRule(t('bookings.purpose')), maxRule(1000)]}>
        <Input.TextArea
          rows={2}
          maxLength={1000}
          placeholder={expert ? t('bookings.consultationPurposePlaceholder') : t('bookings.purposePlaceholder')}
          data-testid="booking-purpose"
        />
      </Form.Item>
      {expert ? null : (
        <Form.Item name="sampleDetails" label={t('bookings.sampleDetails')} rules={[maxRule(2000)]}>
          <Input.TextArea rows={2} maxLength={2000} data-testid="booking-sample-details" />
        </Form.Item>
      )}
      <FormErrorAlert error={error} />
      {quoted ? (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="booking-quote"
          title={t('bookings.quote')}
          description={
            quoted.value === null
              ? t('bookings.noQuote')
              : quoted.value.feeFen === quoted.value.feeMaxFen
                ? t('bookings.quoteValue', { fee: fenToYuan(quoted.value.feeFen, i18n.language), ...units(quoted.value) })
                : t('bookings.quoteRange', {
                    min: fenToYuan(quoted.value.feeFen, i18n.language),
                    max: fenToYuan(quoted.value.feeMaxFen, i18n.language),
                    ...units(quoted.value),
                  })
          }
        />
      ) : null}
      <Space>
        <Button onClick={() => void getQuote()} loading={quote.isPending} data-testid="booking-quote-button">
          {t('bookings.getQuote')}
        </Button>
        <Button
          type="primary"
          htmlType="submit"
          disabled={!quoted}
          loading={create.isPending}
          data-testid="booking-submit"
          title={quoted ? undefined : t('bookings.quoteFirst')}
        >
          {t('bookings.submit')}
        </Button>
      </Space>
    </Form>
  );
}
