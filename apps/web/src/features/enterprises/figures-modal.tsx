import type { AnnualFigures } from '@innotown/contracts/enterprises';
import { MIN_FIGURES_YEAR } from '@innotown/contracts/enterprises';
import { Alert, Col, Form, InputNumber, Modal, Row } from 'antd';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { fenToWanString, wanToFen } from '../../app/format/money.ts';
import { FormErrorAlert } from '../../app/forms/form-error-alert.tsx';
import { requiredRule, validationMessage } from '../../app/forms/rules.ts';
import { useFormDialog } from '../../app/forms/use-form-dialog.ts';
import { useSaveFigures } from './enterprises-api.ts';

type FormValues = {
  year: number;
  revenueWan: string;
  rdExpenditureWan: string;
  highTechOutputWan: string;
  employees: number;
  rdStaff: number;
};

const MONEY_FIELDS = { revenueFen: 'revenueWan', rdExpenditureFen: 'rdExpenditureWan', highTechOutputFen: 'highTechOutputWan' } as const;

type Props = {
  open: boolean;
  enterpriseId: string;
  /** Editing an existing year; absent when reporting a new one. */
  figures?: AnnualFigures | undefined;
  existingYears: number[];
  onClose: () => void;
};

export function FiguresModal({ open, enterpriseId, figures, existingYears, onClose }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<FormValues>();
  // The API names money fields in fen; the form edits them in 万元.
  const dialog = useFormDialog({ form, open, save: useSaveFigures(enterpriseId), onClose, rename: MONEY_FIELDS });
  const { reset } = dialog;
  const year = Form.useWatch('year', form);
  const thisYear = new Date().getFullYear();
  // Read, not watched: a background refetch of the list must not reset a form being typed in.
  const yearsRef = useRef(existingYears);
  yearsRef.current = existingYears;

  useEffect(() => {
    if (!open) return;
    if (figures) {
      reset({
        year: figures.year,
        revenueWan: fenToWanString(figures.revenueFen),
        rdExpenditureWan: fenToWanString(figures.rdExpenditureFen),
        highTechOutputWan: fenToWanString(figures.highTechOutputFen),
        employees: figures.employees,
        rdStaff: figures.rdStaff,
      });
    } else {
      let next = thisYear - 1;
      while (yearsRef.current.includes(next) && next > MIN_FIGURES_YEAR) next -= 1;
      reset({ year: next });
    }
  }, [open, figures, reset, thisYear]);

  const moneyRule = {
    validator: async (_rule: unknown, value: string | null | undefined) => {
      if (value === undefined || value === null || value === '') return;
      const fen = wanToFen(value);
      if (fen === null || fen < 0) throw new Error(t('validation.money'));
    },
  };

  const submit = (values: FormValues) => {
    dialog.submit(
      {
        year: values.year,
        body: {
          revenueFen: wanToFen(values.revenueWan) ?? 0,
          rdExpenditureFen: wanToFen(values.rdExpenditureWan) ?? 0,
          highTechOutputFen: wanToFen(values.highTechOutputWan) ?? 0,
          employees: values.employees,
          rdStaff: values.rdStaff,
        },
      },
      t('common.saved'),
    );
  };

  const editing = Boolean(figures);
  const money = (name: keyof FormValues, label: string) => (
    <Form.Item name={name} label={label} rules={[requiredRule(label), moneyRule]}>
      <InputNumber<string> stringMode min="0" step="0.01" style={{ width: '100%' }} precision={undefined} />
    </Form.Item>
  );

  return (
    <Modal
      {...dialog.modalProps}
      title={editing ? t('enterprises.editFigures', { year: figures?.year ?? '' }) : t('enterprises.addFigures')}
      width={640}
    >
      <FormErrorAlert error={dialog.error} />
      {!editing && year && existingYears.includes(year) ? (
        <Alert type="warning" showIcon title={t('enterprises.figuresExists', { year })} style={{ marginBottom: 16 }} />
      ) : null}
      <Form<FormValues> form={form} layout="vertical" onFinish={submit} data-testid="figures-form">
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item name="year" label={t('enterprises.year')} rules={[requiredRule(t('enterprises.year'), 'value')]}>
              <InputNumber min={MIN_FIGURES_YEAR} max={thisYear} precision={0} disabled={editing} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            {money('revenueWan', t('enterprises.revenue'))}
          </Col>
          <Col xs={24} md={12}>
            {money('rdExpenditureWan', t('enterprises.rdExpenditure'))}
          </Col>
          <Col xs={24} md={12}>
            {money('highTechOutputWan', t('enterprises.highTechOutput'))}
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="employees" label={t('enterprises.employees')} rules={[requiredRule(t('enterprises.employees'), 'value')]}>
              <InputNumber min={0} max={1_000_000} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="rdStaff"
              label={t('enterprises.rdStaff')}
              dependencies={['employees']}
              rules={[
                requiredRule(t('enterprises.rdStaff'), 'value'),
                ({ getFieldValue }) => ({
                  validator: async (_rule, value: number | null) => {
                    const employees = getFieldValue('employees') as number | null;
                    if (value !== null && employees !== null && value > employees) {
                      throw new Error(validationMessage('rd_staff_exceeds_employees'));
                    }
                  },
                }),
              ]}
            >
              <InputNumber min={0} max={1_000_000} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  );
}
