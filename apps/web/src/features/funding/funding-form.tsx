import {
  type FundingLinkType,
  type FundingRecordKind,
  fundingLinkTypes,
  fundingRecordKinds,
  recordedFundingProgrammes,
} from '@innotown/contracts/funding';
import { DatePicker, Form, Input, InputNumber, Modal, Radio, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../app/auth/auth-context.tsx';
import { shanghaiToday } from '../../app/format/datetime.ts';
import { wanToFen } from '../../app/format/money.ts';
import { FormErrorAlert } from '../../app/forms/form-error-alert.tsx';
import { useFormDialog } from '../../app/forms/use-form-dialog.ts';
import { useInstitutions } from '../institutions/institutions-api.ts';
import { useTowns } from '../towns/towns-api.ts';
import { useProgrammes } from '../vouchers/vouchers-api.ts';
import { useRecordFunding } from './funding-api.ts';

const CITY = 'city';

type Values = {
  year: number;
  programme: (typeof recordedFundingProgrammes)[number];
  townId: string;
  kind: FundingRecordKind;
  amountWan: string;
  recordDate: Dayjs;
  linkType: FundingLinkType | 'none';
  linkId?: string;
  note?: string;
};

/** Records an allocation, commitment or disbursement. A town admin records only for their own town. */
export function FundingForm({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { me, hasRole } = useAuth();
  const city = hasRole('city_admin');
  const [form] = Form.useForm<Values>();
  const save = useRecordFunding();
  const dialog = useFormDialog({ form, open, save, onClose, rename: { amountFen: 'amountWan', link: 'linkId' } });
  const towns = useTowns();
  const linkType = Form.useWatch('linkType', form);
  const townId = Form.useWatch('townId', form);
  const institutions = useInstitutions(
    { pageSize: 100, page: 1, ...(townId && townId !== CITY ? { townId } : {}) },
    open && linkType === 'institution',
  );
  const programmes = useProgrammes();
  const { reset } = dialog;

  useEffect(() => {
    if (open) {
      reset({
        year: dayjs().year(),
        programme: 'service_platforms',
        townId: city ? CITY : (me?.scope.townId ?? ''),
        kind: 'allocation',
        recordDate: shanghaiToday(),
        linkType: 'none',
      });
    }
  }, [open, reset, city, me?.scope.townId]);

  const finish = (v: Values) => {
    dialog.submit(
      {
        year: v.year,
        programme: v.programme,
        townId: v.townId === CITY ? null : v.townId,
        kind: v.kind,
        amountFen: wanToFen(v.amountWan) ?? 0,
        recordDate: v.recordDate.format('YYYY-MM-DD'),
        note: v.note?.trim() || null,
        link: v.linkType !== 'none' && v.linkId ? { type: v.linkType, id: v.linkId } : null,
      },
      t('funding.recorded'),
    );
  };

  const townOptions = city
    ? [{ value: CITY, label: t('funding.cityLevel') }, ...(towns.data?.items ?? []).map((x) => ({ value: x.id, label: x.name }))]
    : [{ value: me?.scope.townId ?? '', label: me?.scope.townName ?? '' }];
  const linkOptions =
    linkType === 'institution'
      ? (institutions.data?.items ?? []).map((i) => ({ value: i.id, label: i.name }))
      : (programmes.data?.items ?? []).map((p) => ({ value: p.id, label: `${p.year} ${p.name}` }));

  return (
    <Modal {...dialog.modalProps} title={t('funding.formTitle')} width={600} data-testid="funding-form">
      <FormErrorAlert error={dialog.error} />
      <Form form={form} layout="vertical" onFinish={finish}>
        <Form.Item name="kind" label={t('funding.kind')} rules={[{ required: true }]}>
          <Radio.Group optionType="button" options={fundingRecordKinds.map((k) => ({ value: k, label: t(`funding.kind_${k}`) }))} />
        </Form.Item>
        <div style={{ display: 'flex', gap: 12 }}>
          <Form.Item name="year" label={t('funding.year')} rules={[{ required: true }]} style={{ width: 120 }}>
            <InputNumber min={2000} max={2100} precision={0} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="programme" label={t('funding.programme')} rules={[{ required: true }]} style={{ flex: 1 }}>
            <Select options={recordedFundingProgrammes.map((p) => ({ value: p, label: t(`funding.programme_${p}`) }))} />
          </Form.Item>
          <Form.Item name="townId" label={t('funding.formTown')} rules={[{ required: true }]} style={{ flex: 1 }}>
            <Select options={townOptions} disabled={!city} showSearch={{ optionFilterProp: 'label' }} />
          </Form.Item>
        </div>
        <div style={{ display: 'flex', gap: 12 }}>
          <Form.Item
            name="amountWan"
            label={t('funding.amountWan')}
            extra={t('funding.amountHint')}
            style={{ flex: 1 }}
            rules={[
              { required: true, message: t('funding.amountInvalid') },
              {
                validator: async (_, v) => ((wanToFen(v) ?? 0) > 0 ? undefined : Promise.reject(new Error(t('funding.amountInvalid')))),
              },
            ]}
          >
            <InputNumber<string> min="0" stringMode precision={2} style={{ width: '100%' }} data-testid="funding-amount" />
          </Form.Item>
          <Form.Item name="recordDate" label={t('funding.date')} rules={[{ required: true }]} style={{ width: 180 }}>
            <DatePicker style={{ width: '100%' }} allowClear={false} />
          </Form.Item>
        </div>
        <div style={{ display: 'flex', gap: 12 }}>
          <Form.Item name="linkType" label={t('funding.link')} style={{ width: 200 }}>
            <Select
              options={[
                { value: 'none', label: t('funding.link_none') },
                ...fundingLinkTypes.map((l) => ({ value: l, label: t(`funding.link_${l}`) })),
              ]}
              onChange={() => form.setFieldValue('linkId', undefined)}
            />
          </Form.Item>
          {linkType && linkType !== 'none' ? (
            <Form.Item name="linkId" label={t('funding.linkTarget')} rules={[{ required: true }]} style={{ flex: 1 }}>
              <Select
                options={linkOptions}
                showSearch={{ optionFilterProp: 'label' }}
                loading={linkType === 'institution' ? institutions.isPending : programmes.isPending}
              />
            </Form.Item>
          ) : null}
        </div>
        <Form.Item name="note" label={t('funding.note')} rules={[{ max: 1000 }]}>
          <Input.TextArea rows={2} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
