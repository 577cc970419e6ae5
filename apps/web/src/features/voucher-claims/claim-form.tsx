import { UploadOutlined } from '@ant-design/icons';
import type { ServiceOrder } from '@innotown/contracts/service-orders';
import { App, Button, Form, Input, Modal, Select, Skeleton, Typography, Upload, type UploadFile } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { errorMessage } from '../../app/api-client.ts';
import { applyApiErrorToForm } from '../../app/forms/api-form-errors.ts';
import { FormErrorAlert } from '../../app/forms/form-error-alert.tsx';
import { fenToYuan, yuanToFen } from './claim-money.ts';
import { uploadAttachment, useClaimOptions, useCreateClaim } from './voucher-claims-api.ts';
import './voucher-claims-i18n.ts';

/** Types the files API accepts as attachments (it checks again by content and size). */
const ACCEPT = '.pdf,.png,.jpg,.jpeg,.xlsx,.docx';
const MAX_BYTES = 20 * 1024 * 1024;

type Values = { amountYuan: string; invoice: UploadFile[]; evidence: UploadFile[]; bookingId?: string; note?: string };

const fileIdOf = (f: UploadFile) => (f.response as { id?: string } | undefined)?.id;

function AttachmentsInput({
  value,
  onChange,
  max,
  testId,
}: {
  value?: UploadFile[];
  onChange?: (files: UploadFile[]) => void;
  max: number;
  testId: string;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const files = value ?? [];
  return (
    <Upload
      accept={ACCEPT}
      fileList={files}
      maxCount={max}
      data-testid={testId}
      beforeUpload={(file) => {
        if (file.size > MAX_BYTES) {
          message.error(t('voucherClaims.uploadHint'));
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
      onChange={({ fileList }) => onChange?.(fileList.filter((f) => f.status !== 'error'))}
    >
      {files.length >= max ? null : <Button icon={<UploadOutlined />}>{t('voucherClaims.upload')}</Button>}
    </Upload>
  );
}

/**
 * The claim of an order's post-subsidy: amount in yuan (converted to fen exactly), the invoice, the
 * delivery evidence and, when the service uses a shared instrument, the booking whose recorded usage backs it.
 */
export function ClaimFormModal({ order, open, onClose }: { order: ServiceOrder; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  const options = useClaimOptions(order.id, open);
  const create = useCreateClaim();
  const bookingId = Form.useWatch('bookingId', form);
  const reservedFen = options.data?.reservedFen ?? order.subsidy?.amountFen ?? 0;
  const limitFen = options.data?.bookings.find((b) => b.bookingId === bookingId)?.limitFen;

  const submit = async (v: Values) => {
    setError(null);
    const invoiceFileId = v.invoice.map(fileIdOf).find(Boolean);
    const evidenceFileIds = v.evidence.map(fileIdOf).filter((id): id is string => Boolean(id));
    try {
      const claim = await create.mutateAsync({
        orderId: order.id,
        claimedFen: yuanToFen(v.amountYuan) as number,
        invoiceFileId: invoiceFileId as string,
        evidenceFileIds,
        bookingId: v.bookingId ?? null,
        note: v.note ?? null,
      });
      message.success(t('voucherClaims.submitted'));
      onClose();
      navigate(`/vouchers/claims/${claim.id}`);
    } catch (failure) {
      setError(applyApiErrorToForm(form, failure, { claimedFen: 'amountYuan' }));
    }
  };

  return (
    <Modal
      open={open}
      title={t('voucherClaims.formTitle')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('voucherClaims.submit')}
      confirmLoading={create.isPending}
      destroyOnHidden
      data-testid="claim-form"
    >
      {options.isPending ? (
        <Skeleton active />
      ) : (
        <Form form={form} layout="vertical" onFinish={submit} initialValues={{ amountYuan: fenToYuan(reservedFen).replace(/,/g, '') }}>
          <FormErrorAlert error={error} />
          <Typography.Paragraph type="secondary">{t('voucherClaims.claimHint')}</Typography.Paragraph>
          {options.data?.instrumentRequired ? (
            <Form.Item
              name="bookingId"
              label={t('voucherClaims.booking')}
              rules={[{ required: true, message: t('voucherClaims.bookingRequired') }]}
            >
              <Select
                data-testid="claim-booking"
                notFoundContent={t('voucherClaims.noBookings')}
                options={options.data.bookings.map((b) => ({
                  value: b.bookingId,
                  label: t('voucherClaims.bookingOption', { resource: b.resourceName, minutes: b.minutes, limit: fenToYuan(b.limitFen) }),
                }))}
              />
            </Form.Item>
          ) : null}
          <Form.Item
            name="amountYuan"
            label={t('voucherClaims.amount')}
            extra={`${t('voucherClaims.reserved')}: ¥${fenToYuan(reservedFen)}`}
            rules={[
              {
                validator: async (_, value: string) => {
                  const fen = yuanToFen(value);
                  if (fen === null || fen <= 0) throw new Error(t('voucherClaims.amountInvalid'));
                  if (fen > reservedFen) throw new Error(t('voucherClaims.amountAboveReserved', { amount: fenToYuan(reservedFen) }));
                  if (limitFen !== undefined && fen > limitFen)
                    throw new Error(t('voucherClaims.amountAboveLimit', { amount: fenToYuan(limitFen) }));
                },
              },
            ]}
          >
            <Input inputMode="decimal" prefix="¥" data-testid="claim-amount" />
          </Form.Item>
          <Form.Item
            name="invoice"
            label={t('voucherClaims.invoice')}
            extra={t('voucherClaims.uploadHint')}
            rules={[
              {
                validator: async (_, files?: UploadFile[]) => {
                  if (!files?.some(fileIdOf)) throw new Error(t('voucherClaims.invoiceRequired'));
                },
              },
            ]}
          >
            <AttachmentsInput max={1} testId="claim-invoice" />
          </Form.Item>
          <Form.Item
            name="evidence"
            label={t('voucherClaims.evidence')}
            rules={[
              {
                validator: async (_, files?: UploadFile[]) => {
                  if (!files?.some(fileIdOf)) throw new Error(t('voucherClaims.evidenceRequired'));
                },
              },
            ]}
          >
            <AttachmentsInput max={10} testId="claim-evidence" />
          </Form.Item>
          <Form.Item name="note" label={t('voucherClaims.note')}>
            <Input.TextArea rows={2} maxLength={2000} />
          </Form.Item>
        </Form>
      )}
    </Modal>
  );
}
