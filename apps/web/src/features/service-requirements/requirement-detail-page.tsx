import { manualQuoteDeclineReasons, type RequirementQuote, type ServiceRequirement } from '@innotown/contracts/service-requirements';
import {
  Alert,
  Button,
  Card,
  Descriptions,
  Empty,
  Flex,
  Form,
  Input,
  InputNumber,
  Modal,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useAuth } from '../../app/auth/auth-context.tsx';
import { formatDateTime } from '../../app/format/datetime.ts';
import { formatYuan, yuanToFen } from '../../app/format/money.ts';
import { FormErrorAlert } from '../../app/forms/form-error-alert.tsx';
import { useFormDialog } from '../../app/forms/use-form-dialog.ts';
import { ConfirmButton } from '../../app/ui/confirm-button.tsx';
import { PageHeader } from '../../app/ui/page-header.tsx';
import { QueryState } from '../../app/ui/query-state.tsx';
import { CategoryTag } from '../services/service-format.tsx';
import { deadlineDay, QuoteStatusTag, RequirementStatusTag, useBudgetText } from './requirement-format.tsx';
import {
  useCancelRequirement,
  useDeclineQuote,
  useQuotableServices,
  useQuoteStep,
  useRequirement,
  useSubmitQuote,
} from './requirements-api.ts';
import './requirements-i18n.ts';

type DeclineValues = { reason: (typeof manualQuoteDeclineReasons)[number]; comment?: string };

function DeclineDialog({ requirementId, quote, onClose }: { requirementId: string; quote: RequirementQuote | null; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<DeclineValues>();
  const save = useDeclineQuote();
  const dialog = useFormDialog({ form, open: quote !== null, save, onClose });
  const { reset } = dialog;
  const reason = Form.useWatch('reason', form);
  useEffect(() => {
    if (quote) reset({ reason: 'price_too_high', comment: '' });
  }, [quote, reset]);
  return (
    <Modal
      {...dialog.modalProps}
      title={t('requirements.declineTitle')}
      okText={t('requirements.decline')}
      okButtonProps={{ danger: true }}
    >
      <FormErrorAlert error={dialog.error} />
      {quote ? (
        <Typography.Paragraph>
          {quote.institutionName} · {t('requirements.yuan', { amount: formatYuan(quote.priceFen) })}
        </Typography.Paragraph>
      ) : null}
      <Form<DeclineValues>
        form={form}
        layout="vertical"
        onFinish={(v) =>
          quote &&
          dialog.submit(
            { id: requirementId, quoteId: quote.id, reason: v.reason, comment: v.comment?.trim() || null },
            t('requirements.declined'),
          )
        }
      >
        <Form.Item name="reason" label={t('requirements.declineReason')} rules={[{ required: true }]}>
          <Select
            data-testid="decline-reason"
            options={manualQuoteDeclineReasons.map((r) => ({ value: r, label: t(`requirements.reason_${r}`) }))}
          />
        </Form.Item>
        <Form.Item
          name="comment"
          label={t('requirements.declineComment')}
          rules={[{ required: reason === 'other', whitespace: true, message: t('requirements.declineCommentRequired') }, { max: 2000 }]}
        >
          <Input.TextArea rows={3} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

type QuoteValues = { serviceId: string; priceYuan: number; turnaroundDays: number; note?: string };

function QuoteForm({ requirement }: { requirement: ServiceRequirement }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<QuoteValues>();
  const services = useQuotableServices(requirement.category, true);
  const save = useSubmitQuote();
  const dialog = useFormDialog({ form, open: true, save, onClose: () => {}, rename: { priceFen: 'priceYuan' } });
  const options = services.data?.items ?? [];
  if (services.isSuccess && options.length === 0) return <Alert type="info" showIcon title={t('requirements.noQuotableService')} />;
  return (
    <Card size="small" title={t('requirements.quoteTitle')} data-testid="quote-form">
      <FormErrorAlert error={dialog.error} />
      <Form<QuoteValues>
        form={form}
        layout="vertical"
        onValuesChange={(changed) => {
          const picked = options.find((s) => s.id === changed.serviceId);
          if (picked) form.setFieldsValue({ turnaroundDays: picked.turnaroundDays, priceYuan: picked.priceMinFen / 100 });
        }}
        onFinish={(v) =>
          dialog.submit(
            {
              id: requirement.id,
              body: {
                serviceId: v.serviceId,
                priceFen: yuanToFen(v.priceYuan) ?? -1,
                turnaroundDays: v.turnaroundDays,
                note: v.note?.trim() || null,
              },
            },
            t('requirements.quoted'),
          )
        }
      >
        <Form.Item name="serviceId" label={t('requirements.quoteService')} rules={[{ required: true }]}>
          <Select
            loading={services.isPending}
            options={options.map((s) => ({ value: s.id, label: s.title }))}
            data-testid="quote-service"
          />
        </Form.Item>
        <Space size={12} wrap>
          <Form.Item name="priceYuan" label={t('requirements.priceYuan')} rules={[{ required: true }]}>
            <InputNumber min={0} max={100_000_000} precision={2} style={{ width: 180 }} data-testid="quote-price" />
          </Form.Item>
          <Form.Item name="turnaroundDays" label={t('requirements.turnaroundField')} rules={[{ required: true }]}>
            <InputNumber min={1} max={365} precision={0} style={{ width: 140 }} />
          </Form.Item>
        </Space>
        <Form.Item name="note" label={t('requirements.note')} rules={[{ max: 2000 }]}>
          <Input.TextArea rows={2} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={dialog.saving} data-testid="quote-submit">
          {t('requirements.submitQuote')}
        </Button>
      </Form>
    </Card>
  );
}

function QuotesTable({ requirement, canAnswer }: { requirement: ServiceRequirement; canAnswer: boolean }) {
  const { t } = useTranslation();
  const { me } = useAuth();
  const step = useQuoteStep();
  const [declining, setDeclining] = useState<RequirementQuote | null>(null);
  const quotes = requirement.quotes ?? [];
  const open = requirement.status === 'open';
  const provider = me?.role === 'provider';
  return (
    <>
      <Table<RequirementQuote>
        rowKey="id"
        size="middle"
        data-testid="quote-table"
        dataSource={quotes}
        pagination={false}
        locale={{ emptyText: <Empty description={t('requirements.noQuotes')} /> }}
        columns={[
          { title: t('requirements.institution'), dataIndex: 'institutionName' },
          {
            title: t('requirements.service'),
            dataIndex: 'serviceTitle',
            render: (v: string, q) => <Link to={`/services/${q.serviceId}`}>{v}</Link>,
          },
          {
            title: t('requirements.price'),
            dataIndex: 'priceFen',
            align: 'right',
            render: (v: number) => <Typography.Text strong>{t('requirements.yuan', { amount: formatYuan(v) })}</Typography.Text>,
          },
          {
            title: t('requirements.turnaround'),
            dataIndex: 'turnaroundDays',
            align: 'right',
            render: (v: number) => t('requirements.turnaroundDays', { days: v }),
          },
          { title: t('requirements.note'), dataIndex: 'note', render: (v: string | null) => v ?? '—' },
          {
            title: t('requirements.status'),
            dataIndex: 'status',
            render: (_v, q) => (
              <Space direction="vertical" size={0}>
                {q.status === 'submitted' && !open ? <Tag>{t('requirements.quoteLapsed')}</Tag> : <QuoteStatusTag status={q.status} />}
                {q.declineReason ? (
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t(`requirements.reason_${q.declineReason}`)}
                    {q.declineComment ? `：${q.declineComment}` : ''}
                  </Typography.Text>
                ) : null}
              </Space>
            ),
          },
          ...(open && (canAnswer || provider)
            ? [
                {
                  title: t('common.actions'),
                  key: 'actions',
                  render: (_v: unknown, q: RequirementQuote) =>
                    q.status !== 'submitted' ? null : canAnswer ? (
                      <Space>
                        <ConfirmButton
                          type="primary"
                          size="small"
                          question={t('requirements.confirmAccept')}
                          action={() => step.mutateAsync({ id: requirement.id, quoteId: q.id, step: 'accept' })}
                          success={t('requirements.orderCreated')}
                          data-testid="quote-accept"
                        >
                          {t('requirements.accept')}
                        </ConfirmButton>
                        <Button size="small" danger onClick={() => setDeclining(q)} data-testid="quote-decline">
                          {t('requirements.decline')}
                        </Button>
                      </Space>
                    ) : (
                      <ConfirmButton
                        size="small"
                        question={t('requirements.confirmWithdraw')}
                        action={() => step.mutateAsync({ id: requirement.id, quoteId: q.id, step: 'withdraw' })}
                        success={t('requirements.withdrawn')}
                        data-testid="quote-withdraw"
                      >
                        {t('requirements.withdraw')}
                      </ConfirmButton>
                    ),
                },
              ]
            : []),
        ]}
      />
      <DeclineDialog requirementId={requirement.id} quote={declining} onClose={() => setDeclining(null)} />
    </>
  );
}

function RequirementView({ requirement: r }: { requirement: ServiceRequirement }) {
  const { t, i18n } = useTranslation();
  const { me } = useAuth();
  const budget = useBudgetText();
  const cancel = useCancelRequirement();
  const owner = me?.role === 'enterprise' && me.scope.enterpriseId === r.enterpriseId;
  const provider = me?.role === 'provider';
  const open = r.status === 'open';
  const quotingOpen = open && new Date(r.quoteDeadline).getTime() > Date.now();
  const hasLiveQuote = (r.quotes ?? []).some((q) => q.status === 'submitted' || q.status === 'accepted');
  return (
    <>
      <PageHeader
        title={
          <Space>
            {r.title}
            <RequirementStatusTag status={r.status} />
          </Space>
        }
        subtitle={`${r.enterpriseName} · ${i18n.language === 'en-US' ? r.townNameEn : r.townName}`}
        extra={
          <Space>
            {r.orderId ? (
              <Link to={`/orders/${r.orderId}`} data-testid="requirement-order-link">
                <Button type="primary">{t('requirements.viewOrder')}</Button>
              </Link>
            ) : null}
            {owner && open ? (
              <ConfirmButton
                danger
                question={t('requirements.confirmCancel')}
                action={() => cancel.mutateAsync(r.id)}
                success={t('requirements.cancelled')}
                data-testid="requirement-cancel"
              >
                {t('requirements.cancel')}
              </ConfirmButton>
            ) : null}
          </Space>
        }
      />
      <Card style={{ marginBottom: 16 }}>
        <Descriptions column={{ xs: 1, md: 2, xl: 3 }} size="small">
          <Descriptions.Item label={t('requirements.category')}>
            <CategoryTag category={r.category} />
          </Descriptions.Item>
          <Descriptions.Item label={t('requirements.budget')}>{budget(r)}</Descriptions.Item>
          <Descriptions.Item label={t('requirements.deadline')}>
            {deadlineDay(r.quoteDeadline)}
            {open && !quotingOpen ? <Typography.Text type="warning"> · {t('requirements.deadlinePassed')}</Typography.Text> : null}
          </Descriptions.Item>
          <Descriptions.Item label={t('requirements.createdAt')}>{formatDateTime(r.createdAt)}</Descriptions.Item>
          <Descriptions.Item label={t('requirements.quoteCount')}>{r.quoteCount}</Descriptions.Item>
          {r.closedAt ? <Descriptions.Item label={t('requirements.closedAt')}>{formatDateTime(r.closedAt)}</Descriptions.Item> : null}
          <Descriptions.Item label={t('requirements.attachments')} span={3}>
            {r.attachments.length === 0 ? (
              t('requirements.noAttachments')
            ) : (
              <Space wrap>
                {r.attachments.map((a) => (
                  <a
                    key={a.id}
                    href={`/api/v1/service-requirements/${r.id}/attachments/${a.id}/content`}
                    target="_blank"
                    rel="noreferrer"
                    data-testid="requirement-attachment"
                  >
                    {a.filename}
                  </a>
                ))}
              </Space>
            )}
          </Descriptions.Item>
          <Descriptions.Item label={t('requirements.description')} span={3}>
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{r.description}</Typography.Paragraph>
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Card
        title={provider ? t('requirements.myQuote') : t('requirements.quotes', { count: r.quotes?.length ?? 0 })}
        extra={
          <Typography.Text type="secondary">
            {provider ? t('requirements.otherQuotesHidden') : owner && open ? t('requirements.quotesHint') : null}
          </Typography.Text>
        }
        style={{ marginBottom: 16 }}
      >
        <Flex vertical gap={16}>
          {provider && (r.quotes ?? []).length === 0 ? null : <QuotesTable requirement={r} canAnswer={owner} />}
          {provider && quotingOpen && !hasLiveQuote ? <QuoteForm requirement={r} /> : null}
          {provider && !quotingOpen && (r.quotes ?? []).length === 0 ? <Empty description={t('requirements.deadlinePassed')} /> : null}
        </Flex>
      </Card>
    </>
  );
}

export function RequirementDetailPage() {
  const { id = '' } = useParams();
  const query = useRequirement(id);
  return <QueryState query={query}>{(r) => <RequirementView requirement={r} />}</QueryState>;
}
