import type { Enterprise, EnterpriseCreate, EnterpriseSizeClass, EnterpriseUpdate } from '@innotown/contracts/enterprises';
import { enterpriseSizeClasses, industryCodeSchema } from '@innotown/contracts/enterprises';
import { Col, Form, Input, Modal, Row, Select, Switch } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { FormErrorAlert } from '../../app/forms/form-error-alert.tsx';
import { creditCodeRule, maxRule, mobileRule, requiredRule, schemaRule, textOrNull } from '../../app/forms/rules.ts';
import { useFormDialog } from '../../app/forms/use-form-dialog.ts';
import { TownSelect } from '../towns/town-select.tsx';
import { type EnterpriseProfileUpdate, useSaveEnterprise } from './enterprises-api.ts';

/** create / edit: an admin's full form; profile: what an enterprise user may change about itself. */
export type EnterpriseFormMode = 'create' | 'edit' | 'profile';

type FormValues = {
  name: string;
  creditCode?: string;
  industryCode: string;
  townId?: string;
  sizeClass?: EnterpriseSizeClass;
  isHighTech?: boolean;
  isTechSme?: boolean;
  isAboveScale?: boolean;
  address?: string | null;
  description?: string | null;
  contactName?: string | null;
  contactPhone?: string | null;
};

type Props = {
  open: boolean;
  mode: EnterpriseFormMode;
  enterprise?: Enterprise | undefined;
  /** Town admins create and edit in their own town only. */
  fixedTownId?: string | null | undefined;
  canChangeTown: boolean;
  onClose: () => void;
  onSaved?: (enterprise: Enterprise) => void;
};

/** A masked phone (138****5678) left as it was means "unchanged": do not send it back. */
function phoneValue(value: string | null | undefined, original: string | null | undefined): string | null | undefined {
  const text = textOrNull(value ?? null);
  if (text?.includes('*')) return text === original ? undefined : text;
  return text;
}

export function EnterpriseFormModal({ open, mode, enterprise, fixedTownId, canChangeTown, onClose, onSaved }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<FormValues>();
  const dialog = useFormDialog({ form, open, save: useSaveEnterprise(), onClose });
  const { reset } = dialog;

  useEffect(() => {
    if (!open) return;
    if (enterprise) {
      reset({
        name: enterprise.name,
        industryCode: enterprise.industryCode,
        townId: enterprise.townId,
        sizeClass: enterprise.sizeClass,
        isHighTech: enterprise.isHighTech,
        isTechSme: enterprise.isTechSme,
        isAboveScale: enterprise.isAboveScale,
        address: enterprise.address,
        description: enterprise.description,
        contactName: enterprise.contactName,
        contactPhone: enterprise.contactPhone,
      });
    } else {
      reset({
        townId: fixedTownId ?? undefined,
        sizeClass: 'small',
        isHighTech: false,
        isTechSme: false,
        isAboveScale: false,
      });
    }
  }, [open, enterprise, fixedTownId, reset]);

  const submit = (values: FormValues) => {
    const profile: EnterpriseProfileUpdate = {
      name: values.name.trim(),
      industryCode: values.industryCode.trim().toUpperCase(),
      address: textOrNull(values.address),
      description: textOrNull(values.description),
      contactName: textOrNull(values.contactName),
    };
    const phone = phoneValue(values.contactPhone, enterprise?.contactPhone);
    if (phone !== undefined) profile.contactPhone = phone;

    let body: EnterpriseCreate | EnterpriseUpdate | EnterpriseProfileUpdate = profile;
    if (mode === 'create') {
      body = {
        ...profile,
        name: values.name.trim(),
        industryCode: values.industryCode.trim().toUpperCase(),
        creditCode: (values.creditCode ?? '').trim().toUpperCase(),
        townId: values.townId ?? '',
        sizeClass: values.sizeClass ?? 'small',
        isHighTech: Boolean(values.isHighTech),
        isTechSme: Boolean(values.isTechSme),
        isAboveScale: Boolean(values.isAboveScale),
      } satisfies EnterpriseCreate;
    } else if (mode === 'edit') {
      const update: EnterpriseUpdate = {
        ...profile,
        ...(values.sizeClass ? { sizeClass: values.sizeClass } : {}),
        isHighTech: Boolean(values.isHighTech),
        isTechSme: Boolean(values.isTechSme),
        isAboveScale: Boolean(values.isAboveScale),
      };
      if (canChangeTown && values.townId && values.townId !== enterprise?.townId) update.townId = values.townId;
      body = update;
    }

    dialog.submit(
      { ...(enterprise ? { id: enterprise.id } : {}), body },
      mode === 'create' ? t('common.created') : t('common.saved'),
      onSaved,
    );
  };

  const title =
    mode === 'create' ? t('enterprises.createTitle') : mode === 'edit' ? t('enterprises.editTitle') : t('enterprises.editProfileTitle');
  const admin = mode !== 'profile';

  return (
    <Modal {...dialog.modalProps} title={title} width={760}>
      <FormErrorAlert error={dialog.error} />
      <Form<FormValues> form={form} layout="vertical" onFinish={submit} data-testid="enterprise-form">
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item name="name" label={t('enterprises.name')} rules={[requiredRule(t('enterprises.name')), maxRule(120)]}>
              <Input maxLength={120} />
            </Form.Item>
          </Col>
          {mode === 'create' ? (
            <Col xs={24} md={12}>
              <Form.Item
                name="creditCode"
                label={t('enterprises.creditCode')}
                rules={[requiredRule(t('enterprises.creditCode')), creditCodeRule]}
                normalize={(value: string) => value.toUpperCase()}
              >
                <Input maxLength={18} style={{ fontFamily: 'monospace' }} />
              </Form.Item>
            </Col>
          ) : null}
          <Col xs={24} md={12}>
            <Form.Item
              name="industryCode"
              label={t('enterprises.industryCode')}
              tooltip={t('auth.industryCodeHelp')}
              rules={[requiredRule(t('enterprises.industryCode')), schemaRule(industryCodeSchema)]}
              normalize={(value: string) => value.toUpperCase()}
            >
              <Input maxLength={5} placeholder="C3872" />
            </Form.Item>
          </Col>
          {admin ? (
            <>
              <Col xs={24} md={12}>
                <Form.Item name="townId" label={t('enterprises.town')} rules={[requiredRule(t('enterprises.town'), 'select')]}>
                  <TownSelect disabled={!canChangeTown} />
                </Form.Item>
              </Col>
              <Col xs={24} md={12}>
                <Form.Item name="sizeClass" label={t('enterprises.sizeClass')} rules={[requiredRule(t('enterprises.sizeClass'), 'select')]}>
                  <Select
                    options={enterpriseSizeClasses.map((size) => ({
                      value: size,
                      label: t(`enterprises.sizeClasses.${size}`),
                    }))}
                  />
                </Form.Item>
              </Col>
              <Col xs={8}>
                <Form.Item name="isHighTech" label={t('enterprises.isHighTech')} valuePropName="checked">
                  <Switch />
                </Form.Item>
              </Col>
              <Col xs={8}>
                <Form.Item name="isTechSme" label={t('enterprises.isTechSme')} valuePropName="checked">
                  <Switch />
                </Form.Item>
              </Col>
              <Col xs={8}>
                <Form.Item name="isAboveScale" label={t('enterprises.isAboveScale')} valuePropName="checked">
                  <Switch />
                </Form.Item>
              </Col>
            </>
          ) : null}
          <Col xs={24} md={12}>
            <Form.Item name="contactName" label={t('enterprises.contactName')} rules={[maxRule(40)]}>
              <Input maxLength={40} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="contactPhone"
              label={t('enterprises.contactPhone')}
              rules={[mobileRule]}
              extra={enterprise?.contactPhone?.includes('*') ? t('enterprises.phoneKeepHint') : undefined}
            >
              <Input maxLength={11} />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item name="address" label={t('enterprises.address')} rules={[maxRule(200)]}>
              <Input maxLength={200} />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item name="description" label={t('enterprises.description')} rules={[maxRule(4000)]}>
              <Input.TextArea rows={4} maxLength={4000} showCount />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  );
}
