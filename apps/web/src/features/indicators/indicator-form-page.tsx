import type { IndicatorDetail, IndicatorWrite } from '@innotown/contracts/targets';
import { indicatorDirections } from '@innotown/contracts/targets';
import { App, Button, Card, Col, Empty, Form, Input, InputNumber, Row, Select, Skeleton, Space, Switch, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { formatDateTime } from '../../app/format/datetime.ts';
import { applyApiErrorToForm } from '../../app/forms/api-form-errors.ts';
import { FormErrorAlert } from '../../app/forms/form-error-alert.tsx';
import { PageHeader } from '../../app/ui/page-header.tsx';
import { useTowns } from '../towns/towns-api.ts';
import { FormulaField } from './formula-field.tsx';
import { changedFields } from './formula-marks.ts';
import { useIndicatorRevisions, useIndicators, useSaveIndicator } from './indicators-api.ts';
import './indicators-i18n.ts';

type Values = Omit<IndicatorWrite, 'targets'> & { code?: string; targets: { year: number; value: number; townId?: string | null }[] };

const FIELD_KEYS = ['nameZh', 'nameEn', 'unit', 'formula', 'direction', 'baseYear', 'inIndex', 'targets', 'code'] as const;

/** Who saved which version, and which fields changed against the version before. */
function Revisions({ id }: { id: string }) {
  const { t } = useTranslation();
  const revisions = useIndicatorRevisions(id);
  if (revisions.isPending) return <Skeleton active />;
  const items = revisions.data ?? [];
  if (items.length === 0) return <Empty />;
  return (
    <Timeline
      data-testid="indicator-revisions"
      items={items.map((r, i) => {
        const before = items[i + 1]?.snapshot;
        const fields = changedFields(before, r.snapshot).map((f) =>
          (FIELD_KEYS as readonly string[]).includes(f) ? t(`indicators.fieldNames.${f as (typeof FIELD_KEYS)[number]}`) : f,
        );
        const formulaChange =
          before && before.formula !== r.snapshot.formula ? `${String(before.formula)} → ${String(r.snapshot.formula)}` : null;
        return {
          key: r.version,
          children: (
            <div>
              <Typography.Text strong>
                {t('indicators.revisionBy', {
                  version: r.version,
                  who: r.changedByName ?? t('indicators.system'),
                  at: formatDateTime(r.changedAt),
                })}
              </Typography.Text>
              <div>
                <Typography.Text type="secondary">
                  {before ? t('indicators.changed', { fields: fields.join('、') || '—' }) : t('indicators.created')}
                </Typography.Text>
              </div>
              {formulaChange ? <Typography.Text code>{formulaChange}</Typography.Text> : null}
            </div>
          ),
        };
      })}
    />
  );
}

function IndicatorForm({ indicator }: { indicator: IndicatorDetail | undefined }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  const save = useSaveIndicator(indicator?.id);
  const towns = useTowns({ pageSize: 100 });
  const unit = Form.useWatch('unit', form) ?? indicator?.unit ?? '';
  const initial: Values = indicator
    ? {
        nameZh: indicator.nameZh,
        nameEn: indicator.nameEn,
        unit: indicator.unit,
        formula: indicator.formula,
        direction: indicator.direction,
        baseYear: indicator.baseYear,
        inIndex: indicator.inIndex,
        targets: indicator.targets,
      }
    : { nameZh: '', nameEn: '', unit: '', formula: '', direction: 'higher', baseYear: null, inIndex: false, targets: [] };

  async function onFinish(values: Values) {
    setError(null);
    const body = {
      ...values,
      baseYear: values.baseYear ?? null,
      targets: (values.targets ?? []).map((x) => ({ year: x.year, value: x.value, townId: x.townId ?? null })),
    };
    try {
      const saved = await save.mutateAsync(body);
      message.success(t('indicators.saved'));
      if (!indicator) navigate(`/targets/indicators/${saved.id}`, { replace: true });
    } catch (failure) {
      setError(applyApiErrorToForm(form, failure));
    }
  }

  const townOptions = [
    { value: '', label: t('indicators.wholeCity') },
    ...(towns.data?.items ?? []).map((x) => ({ value: x.id, label: x.name })),
  ];
  return (
    <Form<Values> form={form} layout="vertical" initialValues={initial} onFinish={(v) => void onFinish(v)} data-testid="indicator-form">
      <FormErrorAlert error={error} />
      <Row gutter={16}>
        {indicator ? null : (
          <Col xs={24} md={8}>
            <Form.Item
              name="code"
              label={t('indicators.code')}
              extra={t('indicators.codeHelp')}
              rules={[{ required: true, pattern: /^[a-z][a-z0-9_]{1,59}$/ }]}
            >
              <Input maxLength={60} />
            </Form.Item>
          </Col>
        )}
        <Col xs={24} md={8}>
          <Form.Item name="nameZh" label={t('indicators.nameZh')} rules={[{ required: true, whitespace: true }]}>
            <Input maxLength={120} />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item name="nameEn" label={t('indicators.nameEn')} rules={[{ required: true, whitespace: true }]}>
            <Input maxLength={160} />
          </Form.Item>
        </Col>
        <Col xs={12} md={4}>
          <Form.Item name="unit" label={t('indicators.unit')} rules={[{ required: true, whitespace: true }]}>
            <Input maxLength={16} data-testid="indicator-unit" />
          </Form.Item>
        </Col>
        <Col xs={12} md={4}>
          <Form.Item name="direction" label={t('indicators.direction')}>
            <Select options={indicatorDirections.map((d) => ({ value: d, label: t(`indicators.directions.${d}`) }))} />
          </Form.Item>
        </Col>
        <Col xs={12} md={4}>
          <Form.Item name="baseYear" label={t('indicators.baseYear')}>
            <InputNumber min={2000} max={2100} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col xs={12} md={8}>
          <Form.Item name="inIndex" label={t('indicators.inIndex')} valuePropName="checked">
            <Switch />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item
        name="formula"
        label={t('indicators.formula')}
        extra={t('indicators.formulaHelp')}
        rules={[{ required: true, whitespace: true }]}
      >
        <FormulaField unit={unit} />
      </Form.Item>
      <Typography.Title level={5}>{t('indicators.targets')}</Typography.Title>
      <Form.List name="targets">
        {(fields, { add, remove }) => (
          <>
            {fields.map((field) => (
              <Space key={field.key} align="baseline" wrap>
                <Form.Item name={[field.name, 'year']} label={t('indicators.targetYear')} rules={[{ required: true }]}>
                  <InputNumber min={2000} max={2100} style={{ width: 100 }} />
                </Form.Item>
                <Form.Item name={[field.name, 'value']} label={t('indicators.targetValue')} rules={[{ required: true }]}>
                  <InputNumber style={{ width: 140 }} />
                </Form.Item>
                <Form.Item
                  name={[field.name, 'townId']}
                  label={t('indicators.targetTown')}
                  getValueProps={(v: string | null | undefined) => ({ value: v ?? '' })}
                  normalize={(v: string) => (v === '' ? null : v)}
                >
                  <Select style={{ width: 160 }} options={townOptions} showSearch optionFilterProp="label" />
                </Form.Item>
                <Button type="link" danger onClick={() => remove(field.name)}>
                  ×
                </Button>
              </Space>
            ))}
            <Form.Item>
              <Button onClick={() => add({ year: new Date().getFullYear(), value: 0, townId: null })}>{t('indicators.addTarget')}</Button>
            </Form.Item>
          </>
        )}
      </Form.List>
      <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="indicator-save">
        {t('indicators.save')}
      </Button>
    </Form>
  );
}

/** /targets/indicators/:id and /targets/indicators/new — the city edits an indicator; every save is a new version. */
export function IndicatorFormPage() {
  const { t, i18n } = useTranslation();
  const { id } = useParams();
  const list = useIndicators();
  const indicator = id ? list.data?.find((i) => i.id === id) : undefined;
  const zh = i18n.language === 'zh-CN';
  if (id && list.isPending) return <Skeleton active paragraph={{ rows: 10 }} />;
  return (
    <>
      <PageHeader
        title={indicator ? t('indicators.editTitle', { name: zh ? indicator.nameZh : indicator.nameEn }) : t('indicators.newTitle')}
        subtitle={<Link to="/targets/indicators">{t('indicators.backToList')}</Link>}
      />
      <Row gutter={16}>
        <Col xs={24} lg={indicator ? 16 : 24}>
          <Card size="small">
            <IndicatorForm key={`${indicator?.id ?? 'new'}:${indicator?.version ?? 0}`} indicator={indicator} />
          </Card>
        </Col>
        {indicator ? (
          <Col xs={24} lg={8}>
            <Card size="small" title={t('indicators.revisions')}>
              <Revisions id={indicator.id} />
            </Card>
          </Col>
        ) : null}
      </Row>
    </>
  );
}
