import type { Institution, InstitutionType } from '@innotown/contracts/institutions';
import { institutionLevels, institutionTypes } from '@innotown/contracts/institutions';
import { Alert, App, Col, Form, Input, Modal, Row, Select } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { applyApiErrorToForm } from '../../app/forms/api-form-errors.ts';
import { creditCodeRule, maxRule, requiredRule, textOrNull } from '../../app/forms/rules.ts';
import { TownSelect } from '../towns/town-select.tsx';
import { type InstitutionBody, useSaveInstitution } from './institutions-api.ts';

/** create / edit: city admin; profile: a provider or financier describing its own institution. */
export type InstitutionFormMode = 'create' | 'edit' | 'profile';

type FormValues = {
  name?: string;
  type?: InstitutionType;
  level?: Institution['level'];
  townId?: string;
  creditCode?: string | null;
  description?: string | null;
  website?: string | null;
};

type Props = {
  open: boolean;
  mode: InstitutionFormMode;
  institution?: Institution | undefined;
  onClose: () => void;
  onSaved?: (institution: Institution) => void;
};

export function InstitutionFormModal({ open, mode, institution, onClose, onSaved }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const save = useSaveInstitution();
  const [error, setError] = useState<string | null>(null);
  const admin = mode !== 'profile';

  useEffect(() => {
    if (!open) return;
    setError(null);
    form.resetFields();
    if (institution) {
      form.setFieldsValue({
        name: institution.name,
        type: institution.type,
        level: institution.level,
        townId: institution.townId,
        creditCode: institution.creditCode,
        description: institution.description,
        website: institution.website,
      });
    } else {
      form.setFieldsValue({ level: 'city' });
    }
  }, [open, institution, form]);

  const submit = (values: FormValues) => {
    setError(null);
    const profile = { description: textOrNull(values.description), website: textOrNull(values.website) };
    const body: InstitutionBody = admin
      ? {
          ...profile,
          name: (values.name ?? '').trim(),
          type: values.type ?? 'research_institute',
          level: values.level ?? 'city',
          townId: values.townId ?? '',
          creditCode: textOrNull(values.creditCode)?.toUpperCase() ?? null,
        }
      : profile;
    save.mutate(
      { ...(institution ? { id: institution.id } : {}), body },
      {
        onSuccess: (saved) => {
          message.success(mode === 'create' ? t('common.created') : t('common.saved'));
          onSaved?.(saved);
          onClose();
        },
        onError: (failure) => setError(applyApiErrorToForm(form, failure)),
      },
    );
  };

  const title =
    mode === 'create' ? t('institutions.createTitle') : mode === 'edit' ? t('institutions.editTitle') : t('institutions.editProfileTitle');

  return (
    <Modal
      open={open}
      forceRender
      title={title}
      width={720}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={save.isPending}
    >
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} /> : null}
      <Form<FormValues> form={form} layout="vertical" onFinish={submit} data-testid="institution-form">
        <Row gutter={16}>
          {admin ? (
            <>
              <Col span={24}>
                <Form.Item name="name" label={t('institutions.name')} rules={[requiredRule(t('institutions.name')), maxRule(120)]}>
                  <Input maxLength={120} />
                </Form.Item>
              </Col>
              <Col xs={24} md={12}>
                <Form.Item name="type" label={t('institutions.type')} rules={[requiredRule(t('institutions.type'), 'select')]}>
                  <Select options={institutionTypes.map((type) => ({ value: type, label: t(`institutions.types.${type}`) }))} />
                </Form.Item>
              </Col>
              <Col xs={24} md={12}>
                <Form.Item name="level" label={t('institutions.level')} rules={[requiredRule(t('institutions.level'), 'select')]}>
                  <Select
                    options={institutionLevels.map((level) => ({
                      value: level,
                      label: t(`institutions.levels.${level}`),
                    }))}
                  />
                </Form.Item>
              </Col>
              <Col xs={24} md={12}>
                <Form.Item name="townId" label={t('institutions.town')} rules={[requiredRule(t('institutions.town'), 'select')]}>
                  <TownSelect />
                </Form.Item>
              </Col>
              <Col xs={24} md={12}>
                <Form.Item
                  name="creditCode"
                  label={t('institutions.creditCode')}
                  rules={[creditCodeRule]}
                  normalize={(value: string) => value.toUpperCase()}
                >
                  <Input maxLength={18} style={{ fontFamily: 'monospace' }} />
                </Form.Item>
              </Col>
            </>
          ) : null}
          <Col span={24}>
            <Form.Item
              name="website"
              label={t('institutions.website')}
              rules={[{ type: 'url', message: t('validation.url') }, maxRule(200)]}
            >
              <Input maxLength={200} placeholder="https://" />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="description" label={t('institutions.description')} rules={[maxRule(4000)]}>
              <Input.TextArea rows={5} maxLength={4000} showCount />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  );
}
