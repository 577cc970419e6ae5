import type { Statistic, StatisticSubmission, SubmissionSave } from '@innotown/contracts/targets';
import { App, Button, Flex, Form, Input, InputNumber, Table, type TableProps, Tag, Tooltip, Typography } from 'antd';
import { useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, errorMessage } from '../../app/api-client.ts';
import { FormErrorAlert } from '../../app/forms/form-error-alert.tsx';
import { currentLocale } from '../../app/i18n/i18n.ts';
import { formatChange, formatFigure, groupDigits, needsExplanation, yearOnYearPct } from './submission-values.ts';
import { useSaveAndSubmit, useSaveDraft } from './target-submissions-api.ts';
import './target-submissions-i18n.ts';

type Row = { value: number | null; explanation?: string };
type FormValues = { values: Record<string, Row> };

type Props = {
  statistics: Statistic[];
  periodId: string;
  year: number;
  previous: ReadonlyMap<string, number>;
  initial: StatisticSubmission['values'];
  onSaved: (saved: StatisticSubmission, submitted: boolean) => void;
  /** Extra buttons beside save/submit (the Excel template and upload). */
  extra?: React.ReactNode;
};

/** The server's per-statistic problems onto the right cell: explanation problems beside the explanation, the rest on the value. */
function applyServerErrors(form: ReturnType<typeof Form.useForm<FormValues>>[0], error: unknown): string | null {
  if (!(error instanceof ApiError) || error.fields.length === 0) return errorMessage(error);
  const zh = currentLocale() === 'zh-CN';
  const loose: string[] = [];
  const fields = error.fields.flatMap((f) => {
    const code = f.path.startsWith('values.') ? f.path.slice('values.'.length) : null;
    const message = zh ? f.messageZh : f.messageEn;
    if (!code || form.getFieldValue(['values', code]) === undefined) {
      loose.push(message);
      return [];
    }
    const cell: 'explanation' | 'value' = f.code === 'explanation_required' ? 'explanation' : 'value';
    return [{ name: ['values', code, cell] as ['values', string, typeof cell], errors: [message] }];
  });
  form.setFields(fields);
  return loose.length ? `${error.localizedMessage()}：${loose.join('；')}` : error.localizedMessage();
}

/**
 * The town's figures for one period: each statistic with its unit and last year's approved value,
 * the change against it, and an explanation that becomes required past the statistic's threshold (the
 * server checks the same). Statistics the platform computes are shown but never typed.
 */
export function SubmissionForm({ statistics, periodId, year, previous, initial, onSaved, extra }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const [error, setError] = useState<string | null>(null);
  const submitting = useRef(false);
  const saveDraft = useSaveDraft();
  const saveAndSubmit = useSaveAndSubmit();
  const locale = currentLocale();

  const initialValues = useMemo<FormValues>(() => {
    const byCode = new Map(initial.map((v) => [v.statisticCode, v]));
    return {
      values: Object.fromEntries(
        statistics
          .filter((s) => s.source === 'submitted')
          .map((s) => [s.code, { value: byCode.get(s.code)?.value ?? null, explanation: byCode.get(s.code)?.explanation ?? '' }]),
      ),
    };
  }, [initial, statistics]);

  function body(values: FormValues): SubmissionSave {
    const out: SubmissionSave['values'] = {};
    for (const [code, row] of Object.entries(values.values ?? {})) {
      if (row?.value === null || row?.value === undefined) continue;
      out[code] = { value: row.value, ...(row.explanation?.trim() ? { explanation: row.explanation.trim() } : {}) };
    }
    return { periodId, values: out };
  }

  async function run(submit: boolean) {
    setError(null);
    submitting.current = submit;
    try {
      await form.validateFields();
    } catch {
      return;
    }
    const payload = body(form.getFieldsValue(true) as FormValues);
    try {
      const saved = submit ? await saveAndSubmit.mutateAsync(payload) : await saveDraft.mutateAsync(payload);
      message.success(t(submit ? 'targetSubmissions.submittedOk' : 'targetSubmissions.saved'));
      onSaved(saved, submit);
    } catch (failure) {
      setError(applyServerErrors(form, failure));
    }
  }

  const columns: TableProps<Statistic>['columns'] = [
    {
      title: t('targetSubmissions.statistic'),
      dataIndex: 'code',
      width: 220,
      render: (_: string, s) => (
        <>
          {s.required && s.source === 'submitted' ? <Typography.Text type="danger">* </Typography.Text> : null}
          <Typography.Text>{locale === 'zh-CN' ? s.nameZh : s.nameEn}</Typography.Text>
          {s.source === 'platform' ? (
            <Tooltip title={t('targetSubmissions.platformHint')}>
              <Tag style={{ marginInlineStart: 6 }}>{t('targetSubmissions.platformComputed')}</Tag>
            </Tooltip>
          ) : null}
        </>
      ),
    },
    { title: t('targetSubmissions.unit'), dataIndex: 'unit', width: 64 },
    {
      title: t('targetSubmissions.previousYear', { year: year - 1 }),
      key: 'previous',
      align: 'right',
      width: 130,
      render: (_: unknown, s) => <span data-testid={`stat-previous-${s.code}`}>{formatFigure(previous.get(s.code), locale)}</span>,
    },
    {
      title: t('targetSubmissions.value'),
      key: 'value',
      width: 190,
      render: (_: unknown, s) =>
        s.source === 'platform' ? (
          <Typography.Text type="secondary">{t('targetSubmissions.platformHint')}</Typography.Text>
        ) : (
          <Form.Item
            name={['values', s.code, 'value']}
            style={{ margin: 0 }}
            rules={[
              {
                validator: async (_rule, value: number | null) => {
                  const name = locale === 'zh-CN' ? s.nameZh : s.nameEn;
                  if (value === null || value === undefined) {
                    if (submitting.current && s.required) throw new Error(t('targetSubmissions.valueRequired', { name }));
                    return;
                  }
                  if (value < s.minValue || value > s.maxValue)
                    throw new Error(
                      t('targetSubmissions.valueRange', {
                        min: formatFigure(s.minValue, locale),
                        max: formatFigure(s.maxValue, locale),
                        unit: s.unit,
                      }),
                    );
                },
              },
            ]}
          >
            <InputNumber
              style={{ width: '100%' }}
              formatter={groupDigits}
              parser={(text) => (text ?? '').replace(/[,，\s]/g, '')}
              data-testid={`stat-value-${s.code}`}
              aria-label={s.nameZh}
            />
          </Form.Item>
        ),
    },
    {
      title: t('targetSubmissions.change'),
      key: 'change',
      align: 'right',
      width: 90,
      render: (_: unknown, s) => (
        <Form.Item noStyle shouldUpdate>
          {() => {
            const change = yearOnYearPct(form.getFieldValue(['values', s.code, 'value']), previous.get(s.code));
            return (
              <Typography.Text type={needsExplanation(s, change) ? 'danger' : undefined} data-testid={`stat-change-${s.code}`}>
                {formatChange(change)}
              </Typography.Text>
            );
          }}
        </Form.Item>
      ),
    },
    {
      title: t('targetSubmissions.explanation'),
      key: 'explanation',
      render: (_: unknown, s) =>
        s.source === 'platform' ? null : (
          <Form.Item
            name={['values', s.code, 'explanation']}
            style={{ margin: 0 }}
            dependencies={[['values', s.code, 'value']]}
            rules={[
              {
                validator: async (_rule, text: string | undefined) => {
                  const change = yearOnYearPct(form.getFieldValue(['values', s.code, 'value']), previous.get(s.code));
                  if (needsExplanation(s, change) && !text?.trim())
                    throw new Error(
                      t('targetSubmissions.explanationRequired', { change: formatChange(change), threshold: s.yoyThresholdPct }),
                    );
                },
              },
            ]}
          >
            <Input.TextArea
              autoSize={{ minRows: 1, maxRows: 4 }}
              maxLength={1000}
              placeholder={t('targetSubmissions.explanationPlaceholder', { threshold: s.yoyThresholdPct })}
              data-testid={`stat-explanation-${s.code}`}
            />
          </Form.Item>
        ),
    },
  ];

  const busy = saveDraft.isPending || saveAndSubmit.isPending;
  return (
    <Form form={form} initialValues={initialValues} data-testid="submission-form">
      <FormErrorAlert error={error} />
      <Table<Statistic> rowKey="code" size="small" pagination={false} columns={columns} dataSource={statistics} />
      <Flex gap={8} wrap justify="space-between" style={{ marginTop: 16 }}>
        <Flex gap={8} wrap>
          {extra}
        </Flex>
        <Flex gap={8}>
          <Button onClick={() => void run(false)} loading={saveDraft.isPending} disabled={busy} data-testid="submission-save">
            {t('targetSubmissions.saveDraft')}
          </Button>
          <Button
            type="primary"
            onClick={() => void run(true)}
            loading={saveAndSubmit.isPending}
            disabled={busy}
            data-testid="submission-submit"
          >
            {t('targetSubmissions.submit')}
          </Button>
        </Flex>
      </Flex>
    </Form>
  );
}
