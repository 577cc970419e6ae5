import type { Institution, InstitutionType } from '@innotown/contracts/institutions';
import { institutionLevels, institutionTypes } from '@innotown/contracts/institutions';
import { Col, Form, Input, Modal, Row, Select } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { FormErrorAlert } from '../../app/forms/form-error-alert.tsx';
import { creditCodeRule, maxRule, requiredRule, textOrNull } from '../../app/forms/rules.ts';
import { useFormDialog } from '../../app/forms/use-form-dialog.ts';
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
  const [form] = Form.useForm<FormValues>();
  const dialog = useFormDialog({ form, open, save: useSaveInstitution(), onClose });
  const { reset } = dialog;
  const admin = mode !== 'profile';

  useEffect(() => {
    if (!open) return;
    if (institution) {
      reset({
        name: institution.name,
        type: institution.type,
        level: institution.level,
        townId: institution.townId,
        creditCode: institution.creditCode,
        description: institution.description,
        website: institution.website,
      });
    } else {
      reset({ level: 'city' });
    }
  }, [open, institution, reset]);

  const submit = (values: FormValues) => {
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
    dialog.submit(
      { ...(institution ? { id: institution.id } : {}), body },
      mode === 'create' ? t('common.created') : t('common.saved'),
      onSaved,
    );
  };

  const title =
    mode === 'create' ? t('institutions.createTitle') : mode === 'edit' ? t('institutions.editTitle') : t('institutions.editProfileTitle');

  return (
    <Modal {...dialog.modalProps} title={title} width={720}>
      <FormErrorAlert error={dialog.error} />
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
