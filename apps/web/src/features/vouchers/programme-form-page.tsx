import { SERVICE_CATEGORIES, type ServiceCategory } from '@innotown/contracts/service-categories';
import { type ProgrammeCreate, providerScopes, voucherClaimants } from '@innotown/contracts/vouchers';
import { App, Button, Card, Checkbox, Col, DatePicker, Form, type FormRule, Input, InputNumber, Radio, Row, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { newIdempotencyKey } from '../../app/api-client.ts';
import { yuanToFen } from '../../app/format/money.ts';
import { applyApiErrorToForm } from '../../app/forms/api-form-errors.ts';
import { FormErrorAlert } from '../../app/forms/form-error-alert.tsx';
import { PageHeader } from '../../app/ui/page-header.tsx';
import { useCategoryLabel } from '../services/service-format.tsx';
import { useAllianceMembers, useCreateProgramme } from './vouchers-api.ts';
import './vouchers-i18n.ts';

type Values = {
  year: number;
  name: string;
  totalBudgetYuan: string;
  capYuan: string;
  ratioTechSme: string;
  ratioHighTech: string;
  ratioDefault: string;
  categories: ServiceCategory[];
  providerScope: ProgrammeCreate['providerScope'];
  providerIds: string[];
  window: [Dayjs, Dayjs];
  validityDays: number;
  claimant: ProgrammeCreate['claimant'];
};

/** A percentage with at most two decimals is a whole number of basis points: the same exact parse as yuan → fen. */
export const percentToBp = (value: string | number | null | undefined) => yuanToFen(value);

/** The form's values (yuan, %, dates) as the API's body (fen, basis points, ISO dates); null where a number is not exact. */
export function programmeBody(v: Values): ProgrammeCreate {
  return {
    year: v.year,
    name: v.name.trim(),
    totalBudgetFen: yuanToFen(v.totalBudgetYuan) ?? 0,
    capPerEnterpriseFen: yuanToFen(v.capYuan) ?? 0,
    ratioTechSmeBp: percentToBp(v.ratioTechSme) ?? 0,
    ratioHighTechBp: percentToBp(v.ratioHighTech) ?? 0,
    ratioDefaultBp: percentToBp(v.ratioDefault) ?? 0,
    categories: v.categories,
    providerScope: v.providerScope,
    providerIds: v.providerScope === 'listed' ? (v.providerIds ?? []) : [],
    windowStart: v.window[0].format('YYYY-MM-DD'),
    windowEnd: v.window[1].format('YYYY-MM-DD'),
    validityDays: v.validityDays,
    claimant: v.claimant,
  };
}

// The API's fields, on the form's fields (which edit them in yuan, % or as one date range).
const RENAME = {
  totalBudgetFen: 'totalBudgetYuan',
  capPerEnterpriseFen: 'capYuan',
  ratioTechSmeBp: 'ratioTechSme',
  ratioHighTechBp: 'ratioHighTech',
  ratioDefaultBp: 'ratioDefault',
  windowStart: 'window',
  windowEnd: 'window',
};

/** /vouchers/programmes/new: the city configures a year's programme. */
export function ProgrammeFormPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const categoryLabel = useCategoryLabel();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  // One key per form: a retried submit after a lost answer funds the budget once (a refused one stores no key).
  const [idempotencyKey] = useState(() => newIdempotencyKey());
  const create = useCreateProgramme();
  const scope = Form.useWatch('providerScope', form);
  const members = useAllianceMembers(scope === 'listed');
  const year = dayjs().year();

  const amountRule: FormRule = {
    validator: async (_r, value: unknown) => {
      if (value === undefined || value === null || value === '') return;
      const fen = yuanToFen(value as string);
      if (fen === null || fen <= 0) throw new Error(t('vouchers.amountInvalid'));
    },
  };
  const ratioRule: FormRule = {
    validator: async (_r, value: unknown) => {
      if (value === undefined || value === null || value === '') return;
      const bp = percentToBp(value as string);
      if (bp === null || bp < 1 || bp > 10_000) throw new Error(t('vouchers.ratioInvalid'));
    },
  };
  const capRule: FormRule = ({ getFieldValue }) => ({
    validator: async (_r, value: unknown) => {
      const cap = yuanToFen(value as string);
      const budget = yuanToFen(getFieldValue('totalBudgetYuan') as string);
      if (cap !== null && budget !== null && cap > budget) throw new Error(t('vouchers.capAboveBudget'));
    },
  });
  const required = (label: string) => ({ required: true, message: t('validation.required', { field: label }) });
  const money = (name: keyof Values, label: string, testid: string, extra: FormRule[] = []) => (
    <Form.Item name={name} label={label} rules={[required(label), amountRule, ...extra]}>
      <InputNumber<string> stringMode min="0.01" precision={2} style={{ width: '100%' }} data-testid={testid} />
    </Form.Item>
  );
  const ratio = (name: keyof Values, label: string, testid: string) => (
    <Col xs={24} md={8}>
      <Form.Item name={name} label={label} rules={[required(label), ratioRule]}>
        <InputNumber<string> stringMode min="0.01" max="100" precision={2} style={{ width: '100%' }} suffix="%" data-testid={testid} />
      </Form.Item>
    </Col>
  );

  const save = (values: Values) => {
    setError(null);
    create.mutate(
      { body: programmeBody(values), idempotencyKey },
      {
        onSuccess: (p) => {
          message.success(t('vouchers.created'));
          navigate(`/vouchers/programmes/${p.id}`, { replace: true });
        },
        onError: (failure) => setError(applyApiErrorToForm(form, failure, RENAME)),
      },
    );
  };

  return (
    <>
      <PageHeader
        title={t('vouchers.newProgramme')}
        extra={
          <>
            <Link to="/vouchers">
              <Button>{t('common.back')}</Button>
            </Link>
            <Button type="primary" loading={create.isPending} onClick={() => form.submit()} data-testid="programme-save">
              {t('vouchers.create')}
            </Button>
          </>
        }
      />
      <FormErrorAlert error={error} />
      <Card>
        <Form<Values>
          form={form}
          layout="vertical"
          onFinish={save}
          scrollToFirstError
          data-testid="programme-form"
          initialValues={{
            year,
            ratioTechSme: '80',
            ratioHighTech: '60',
            ratioDefault: '50',
            categories: [...SERVICE_CATEGORIES],
            providerScope: 'alliance',
            providerIds: [],
            window: [dayjs(`${year}-01-01`), dayjs(`${year}-12-31`)],
            validityDays: 365,
            claimant: 'provider',
          }}
        >
          <Row gutter={16}>
            <Col xs={24} md={6}>
              <Form.Item name="year" label={t('vouchers.year')} rules={[required(t('vouchers.year'))]}>
                <InputNumber min={2020} max={2100} precision={0} style={{ width: '100%' }} data-testid="programme-year" />
              </Form.Item>
            </Col>
            <Col xs={24} md={18}>
              <Form.Item name="name" label={t('vouchers.name')} rules={[{ ...required(t('vouchers.name')), whitespace: true }]}>
                <Input maxLength={120} data-testid="programme-name" />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              {money('totalBudgetYuan', t('vouchers.totalBudgetYuan'), 'programme-budget')}
            </Col>
            <Col xs={24} md={12}>
              {money('capYuan', t('vouchers.capYuan'), 'programme-cap', [capRule])}
            </Col>
          </Row>
          <Form.Item label={t('vouchers.ratios')} style={{ marginBottom: 0 }}>
            <Row gutter={16}>
              {ratio('ratioTechSme', t('vouchers.ratioTechSme'), 'programme-ratio-tech-sme')}
              {ratio('ratioHighTech', t('vouchers.ratioHighTech'), 'programme-ratio-high-tech')}
              {ratio('ratioDefault', t('vouchers.ratioDefault'), 'programme-ratio-default')}
            </Row>
          </Form.Item>
          <Form.Item
            name="categories"
            label={t('vouchers.categories')}
            rules={[{ required: true, type: 'array', min: 1, message: t('validation.select', { field: t('vouchers.categories') }) }]}
          >
            <Checkbox.Group
              options={SERVICE_CATEGORIES.map((c) => ({ value: c, label: categoryLabel(c) }))}
              data-testid="programme-categories"
            />
          </Form.Item>
          <Row gutter={16}>
            <Col xs={24} md={12}>
              <Form.Item name="providerScope" label={t('vouchers.providerScope')}>
                <Radio.Group options={providerScopes.map((s) => ({ value: s, label: t(`vouchers.scope_${s}`) }))} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="claimant" label={t('vouchers.claimant')}>
                <Radio.Group options={voucherClaimants.map((c) => ({ value: c, label: t(`vouchers.claimant_${c}`) }))} />
              </Form.Item>
            </Col>
          </Row>
          {scope === 'listed' ? (
            <Form.Item
              name="providerIds"
              label={t('vouchers.providers')}
              rules={[{ required: true, type: 'array', min: 1, message: t('validation.select', { field: t('vouchers.providers') }) }]}
            >
              <Select
                mode="multiple"
                loading={members.isPending}
                optionFilterProp="label"
                options={(members.data?.items ?? []).map((m) => ({ value: m.institutionId, label: m.institutionName }))}
                data-testid="programme-providers"
              />
            </Form.Item>
          ) : null}
          <Row gutter={16}>
            <Col xs={24} md={12}>
              <Form.Item name="window" label={t('vouchers.windowRange')} rules={[required(t('vouchers.windowRange'))]}>
                <DatePicker.RangePicker style={{ width: '100%' }} data-testid="programme-window" />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="validityDays" label={t('vouchers.validityDays')} rules={[required(t('vouchers.validityDays'))]}>
                <InputNumber min={1} max={1095} precision={0} style={{ width: '100%' }} data-testid="programme-validity" />
              </Form.Item>
            </Col>
          </Row>
        </Form>
      </Card>
    </>
  );
}
