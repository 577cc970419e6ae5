import type { ServiceCategory } from '@innotown/contracts/service-categories';
import type { Application } from '@innotown/contracts/vouchers';
import { Alert, App, Button, Card, Checkbox, Empty, Form, type FormRule, Input, InputNumber, Select, Skeleton } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { fenToYuanString, yuanToFen } from '../../app/format/money.ts';
import { applyApiErrorToForm } from '../../app/forms/api-form-errors.ts';
import { FormErrorAlert } from '../../app/forms/form-error-alert.tsx';
import { PageHeader } from '../../app/ui/page-header.tsx';
import { useCategoryLabel } from '../services/service-format.tsx';
import { ReasonNotice } from './application-reason.tsx';
import { windowOpen, yuan } from './voucher-format.tsx';
import { useApplication, useCreateApplication, useProgrammes } from './vouchers-api.ts';
import { programmeTitle } from './vouchers-page.tsx';

type Values = { programmeId: string; plannedUse: string; categories: ServiceCategory[]; amountYuan: string };

/**
 * /vouchers/applications/new?programmeId=…[&from=…]: an enterprise applies. Resubmitting a returned
 * application (`from`) starts a new one prefilled from it; the old one stays as it was, with its reason.
 */
export function ApplicationFormPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const categoryLabel = useCategoryLabel();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  const programmes = useProgrammes();
  const fromId = params.get('from') ?? undefined;
  const from = useApplication(fromId);
  const create = useCreateApplication();
  const open = (programmes.data?.items ?? []).filter((p) => windowOpen(p));
  const programmeId = Form.useWatch('programmeId', form);
  const programme = open.find((p) => p.id === programmeId);

  // Prefill from the returned application once it has loaded.
  useEffect(() => {
    const a: Application | undefined = from.data;
    if (!a) return;
    form.setFieldsValue({
      programmeId: a.programmeId,
      plannedUse: a.plannedUse,
      categories: a.categories,
      amountYuan: fenToYuanString(a.amountFen),
    });
  }, [from.data, form]);

  // Keep only categories the chosen programme allows.
  useEffect(() => {
    if (!programme) return;
    const chosen = (form.getFieldValue('categories') as ServiceCategory[] | undefined) ?? [];
    const kept = chosen.filter((c) => programme.categories.includes(c));
    if (kept.length !== chosen.length) form.setFieldValue('categories', kept);
  }, [programme, form]);

  const amountRule: FormRule = {
    validator: async (_r, value: unknown) => {
      if (value === undefined || value === null || value === '') return;
      const fen = yuanToFen(value as string);
      if (fen === null || fen <= 0) throw new Error(t('vouchers.amountInvalid'));
      if (programme && fen > programme.capPerEnterpriseFen)
        throw new Error(t('vouchers.amountAbove', { cap: yuan(programme.capPerEnterpriseFen) }));
    },
  };

  const save = (v: Values) => {
    setError(null);
    create.mutate(
      { programmeId: v.programmeId, plannedUse: v.plannedUse.trim(), categories: v.categories, amountFen: yuanToFen(v.amountYuan) ?? 0 },
      {
        onSuccess: (created) => {
          message.success(t('vouchers.submitted'));
          navigate(`/vouchers/applications/${created.id}`, { replace: true });
        },
        onError: (failure) => setError(applyApiErrorToForm(form, failure, { amountFen: 'amountYuan' })),
      },
    );
  };

  const loading = programmes.isPending || (fromId !== undefined && from.isPending);
  return (
    <>
      <PageHeader
        title={fromId ? t('vouchers.resubmit') : t('vouchers.apply')}
        extra={
          <Link to="/vouchers/applications">
            <Button>{t('common.back')}</Button>
          </Link>
        }
      />
      {from.data && from.data.status === 'returned' ? <ReasonNotice application={from.data} /> : null}
      <FormErrorAlert error={error} />
      <Card>
        {loading ? (
          <Skeleton active />
        ) : open.length === 0 ? (
          <Empty description={t('vouchers.noOpenProgramme')} />
        ) : (
          <Form<Values>
            form={form}
            layout="vertical"
            onFinish={save}
            scrollToFirstError
            data-testid="application-form"
            initialValues={{ programmeId: params.get('programmeId') ?? (open.length === 1 ? open[0]?.id : undefined), categories: [] }}
            style={{ maxWidth: 720 }}
          >
            <Form.Item
              name="programmeId"
              label={t('vouchers.programme')}
              rules={[{ required: true, message: t('validation.select', { field: t('vouchers.programme') }) }]}
            >
              <Select options={open.map((p) => ({ value: p.id, label: programmeTitle(p) }))} data-testid="application-programme" />
            </Form.Item>
            {programme ? (
              <Alert
                type="info"
                showIcon
                style={{ marginBottom: 16 }}
                title={`${t('common.labelValue', { label: t('vouchers.cap'), value: yuan(programme.capPerEnterpriseFen) })} · ${t('common.labelValue', { label: t('vouchers.window'), value: `${programme.windowStart} – ${programme.windowEnd}` })}`}
              />
            ) : null}
            <Form.Item
              name="plannedUse"
              label={t('vouchers.plannedUse')}
              rules={[{ required: true, whitespace: true, message: t('validation.required', { field: t('vouchers.plannedUse') }) }]}
            >
              <Input.TextArea rows={4} maxLength={2000} showCount data-testid="application-planned-use" />
            </Form.Item>
            <Form.Item
              name="categories"
              label={t('vouchers.categories')}
              extra={t('vouchers.categoriesOfProgramme')}
              rules={[{ required: true, type: 'array', min: 1, message: t('validation.select', { field: t('vouchers.categories') }) }]}
            >
              <Checkbox.Group
                options={(programme?.categories ?? []).map((c) => ({ value: c, label: categoryLabel(c) }))}
                data-testid="application-categories"
              />
            </Form.Item>
            <Form.Item
              name="amountYuan"
              label={t('vouchers.amountAsked')}
              rules={[{ required: true, message: t('validation.required', { field: t('vouchers.amountAsked') }) }, amountRule]}
            >
              <InputNumber<string> stringMode min="0.01" precision={2} style={{ width: 240 }} data-testid="application-amount" />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={create.isPending} data-testid="application-submit">
              {t('vouchers.submit')}
            </Button>
          </Form>
        )}
      </Card>
    </>
  );
}
