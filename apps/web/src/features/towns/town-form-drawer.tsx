import type { Town, TownCreate, TownUpdate } from '@innotown/contracts/towns';
import { townKinds } from '@innotown/contracts/towns';
import { Button, Col, Drawer, Flex, Form, Input, InputNumber, Row, Select } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { FormErrorAlert } from '../../app/forms/form-error-alert.tsx';
import { maxRule, requiredRule, textOrNull } from '../../app/forms/rules.ts';
import { useFormDialog } from '../../app/forms/use-form-dialog.ts';
import { useSaveTown } from './towns-api.ts';

type FormValues = {
  code?: string;
  name: string;
  nameEn: string;
  kind: Town['kind'];
  industries: string[];
  description?: string | null;
  population?: number | null;
  longitude?: number | null;
  latitude?: number | null;
};

export function TownFormDrawer({ open, town, onClose }: { open: boolean; town?: Town | undefined; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<FormValues>();
  const dialog = useFormDialog({ form, open, save: useSaveTown(), onClose });
  const { reset } = dialog;

  useEffect(() => {
    if (!open) return;
    reset(
      town
        ? {
            name: town.name,
            nameEn: town.nameEn,
            kind: town.kind,
            industries: town.industries,
            description: town.description,
            population: town.population,
            longitude: town.longitude,
            latitude: town.latitude,
          }
        : { kind: 'town', industries: [] },
    );
  }, [open, town, reset]);

  const submit = (values: FormValues) => {
    const common: TownUpdate = {
      name: values.name.trim(),
      nameEn: values.nameEn.trim(),
      kind: values.kind,
      industries: values.industries.map((industry) => industry.trim()).filter(Boolean),
      description: textOrNull(values.description),
      population: values.population ?? null,
      longitude: values.longitude ?? null,
      latitude: values.latitude ?? null,
    };
    const body: TownCreate | TownUpdate = town ? common : ({ ...common, code: (values.code ?? '').trim() } as TownCreate);
    dialog.submit({ ...(town ? { id: town.id } : {}), body }, town ? t('common.saved') : t('common.created'));
  };

  return (
    <Drawer
      open={open}
      forceRender
      size={560}
      title={town ? t('towns.editTitle') : t('towns.createTitle')}
      onClose={onClose}
      extra={
        <Flex gap={8}>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={dialog.saving} onClick={() => form.submit()}>
            {t('common.save')}
          </Button>
        </Flex>
      }
    >
      <FormErrorAlert error={dialog.error} />
      <Form<FormValues> form={form} layout="vertical" onFinish={submit} data-testid="town-form">
        <Row gutter={16}>
          {town ? null : (
            <Col span={24}>
              <Form.Item
                name="code"
                label={t('towns.code')}
                rules={[requiredRule(t('towns.code')), { pattern: /^\d{9,12}$/, message: t('validation.invalid') }]}
              >
                <Input maxLength={12} placeholder="442000100" />
              </Form.Item>
            </Col>
          )}
          <Col span={12}>
            <Form.Item name="name" label={t('towns.name')} rules={[requiredRule(t('towns.name')), maxRule(30)]}>
              <Input maxLength={30} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="nameEn" label={t('towns.nameEn')} rules={[requiredRule(t('towns.nameEn')), maxRule(60)]}>
              <Input maxLength={60} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="kind" label={t('towns.kind')} rules={[requiredRule(t('towns.kind'), 'select')]}>
              <Select options={townKinds.map((kind) => ({ value: kind, label: t(`towns.kinds.${kind}`) }))} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="population" label={t('towns.population')}>
              <InputNumber min={0} max={10_000_000} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item
              name="industries"
              label={t('towns.industries')}
              extra={t('towns.industriesHelp')}
              rules={[{ type: 'array', max: 10, message: t('towns.industriesHelp') }]}
            >
              <Select mode="tags" open={false} tokenSeparators={[',', '，', '、']} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="longitude" label={t('towns.longitude')}>
              <InputNumber min={-180} max={180} step={0.0001} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="latitude" label={t('towns.latitude')}>
              <InputNumber min={-90} max={90} step={0.0001} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="description" label={t('towns.description')} rules={[maxRule(2000)]}>
              <Input.TextArea rows={5} maxLength={2000} showCount />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Drawer>
  );
}
