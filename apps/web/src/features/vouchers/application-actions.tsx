import { type Application, declineReasons } from '@innotown/contracts/vouchers';
import { App, Button, type ButtonProps, Flex, Form, type FormRule, Input, InputNumber, Modal, Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { newIdempotencyKey } from '../../app/api-client.ts';
import { fenToYuanString, yuanToFen } from '../../app/format/money.ts';
import { applyApiErrorToForm } from '../../app/forms/api-form-errors.ts';
import { FormErrorAlert } from '../../app/forms/form-error-alert.tsx';
import { useReasonLabel, yuan } from './voucher-format.tsx';
import { type ApplicationAction, useApplicationAction } from './vouchers-api.ts';

type Kind = ApplicationAction['kind'];
type Values = { reason?: (typeof declineReasons)[number]; comment?: string; amountYuan?: string };

/** Which steps the signed-in reviewer may take on the application now (the server checks again). */
export function actionsFor(role: string | null, status: Application['status']): Kind[] {
  if (role === 'town_admin' && status === 'submitted') return ['forward', 'return'];
  if (role === 'city_admin' && status === 'forwarded') return ['approve', 'return', 'decline'];
  return [];
}

/** The review buttons of an application; each opens a small form (reason, comment, amount). */
export function ApplicationActions({ application: a, role }: { application: Application; role: string | null }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const reasonLabel = useReasonLabel();
  const [kind, setKind] = useState<Kind | null>(null);
  const [idempotencyKey, setIdempotencyKey] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [form] = Form.useForm<Values>();
  const act = useApplicationAction(a.id);
  const kinds = actionsFor(role, a.status);
  if (kinds.length === 0) return null;

  const openDialog = (k: Kind) => {
    setError(null);
    form.resetFields();
    if (k === 'approve') form.setFieldsValue({ amountYuan: fenToYuanString(a.amountFen) });
    setIdempotencyKey(newIdempotencyKey());
    setKind(k);
  };
  const amountRule: FormRule = {
    validator: async (_r, value: unknown) => {
      const fen = yuanToFen(value as string);
      if (fen === null || fen <= 0) throw new Error(t('vouchers.amountInvalid'));
      if (fen > a.amountFen) throw new Error(t('vouchers.approveAmountHint', { asked: yuan(a.amountFen) }));
    },
  };
  const submit = async () => {
    if (!kind) return;
    const v = await form.validateFields();
    const comment = v.comment?.trim() || null;
    const action: ApplicationAction =
      kind === 'forward'
        ? { kind, comment }
        : kind === 'approve'
          ? { kind, comment, amountFen: yuanToFen(v.amountYuan) ?? 0, idempotencyKey }
          : { kind, comment, reason: v.reason as NonNullable<Values['reason']> };
    act.mutate(action, {
      onSuccess: () => {
        message.success(t('vouchers.done'));
        setKind(null);
      },
      onError: (failure) => setError(applyApiErrorToForm(form, failure, { amountFen: 'amountYuan' })),
    });
  };

  const danger = (k: Kind) => k === 'decline' || k === 'return';
  return (
    <>
      <Flex gap={8} wrap data-testid="application-actions">
        {kinds.map((k) => (
          <Button
            key={k}
            type={danger(k) ? 'default' : 'primary'}
            danger={k === 'decline'}
            onClick={() => openDialog(k)}
            data-testid={`application-${k}`}
          >
            {t(`vouchers.${k}`)}
          </Button>
        ))}
      </Flex>
      <Modal
        open={kind !== null}
        title={kind ? t(`vouchers.${kind}Title`) : ''}
        onCancel={() => setKind(null)}
        onOk={() => void submit()}
        confirmLoading={act.isPending}
        okButtonProps={{ danger: kind === 'decline', 'data-testid': 'application-action-ok' } as ButtonProps}
        destroyOnHidden
        forceRender
      >
        <FormErrorAlert error={error} />
        <Form<Values> form={form} layout="vertical" data-testid="application-action-form">
          {kind === 'approve' ? (
            <Form.Item
              name="amountYuan"
              label={t('vouchers.approveAmount')}
              extra={t('vouchers.approveAmountHint', { asked: yuan(a.amountFen) })}
              rules={[amountRule]}
            >
              <InputNumber<string> stringMode min="0.01" precision={2} style={{ width: 240 }} data-testid="application-approve-amount" />
            </Form.Item>
          ) : null}
          {kind === 'return' || kind === 'decline' ? (
            <Form.Item
              name="reason"
              label={t('vouchers.reason')}
              rules={[{ required: true, message: t('validation.select', { field: t('vouchers.reason') }) }]}
            >
              <Select options={declineReasons.map((r) => ({ value: r, label: reasonLabel(r) }))} data-testid="application-reason-select" />
            </Form.Item>
          ) : null}
          <Form.Item name="comment" label={kind === 'return' ? t('vouchers.whatToChange') : t('vouchers.comment')}>
            <Input.TextArea rows={3} maxLength={1000} showCount data-testid="application-comment" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
