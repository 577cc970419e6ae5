import type { OpenLicence } from '@innotown/contracts/ip-trading';
import { Button, DatePicker, Empty, Form, Input, InputNumber, Modal, Space, Table, Tabs, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../app/auth/auth-context.tsx';
import { yuanToFen } from '../../app/format/money.ts';
import { FormErrorAlert } from '../../app/forms/form-error-alert.tsx';
import { useFormDialog } from '../../app/forms/use-form-dialog.ts';
import { ConfirmButton } from '../../app/ui/confirm-button.tsx';
import { FilterInput } from '../../app/ui/filter-input.tsx';
import { PageHeader } from '../../app/ui/page-header.tsx';
import { QueryError } from '../../app/ui/query-error.tsx';
import { useSearchState } from '../../app/ui/use-search-state.ts';
import { OpenStatusTag, usePatentKindLabel, usePriceText } from './ip-format.tsx';
import { useOpenLicences, useTakeOpenLicence, useWithdrawDeclaration } from './ip-trading-api.ts';
import './ip-trading-i18n.ts';
import { shanghaiToday } from '../../app/format/datetime.ts';

type TakeValues = { amountYuan: number; paidOn: Dayjs; paymentReference: string; notice?: string };

function TakeDialog({ licence, onClose }: { licence: OpenLicence | null; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<TakeValues>();
  const save = useTakeOpenLicence();
  const dialog = useFormDialog({ form, open: licence !== null, save, onClose, rename: { amountFen: 'amountYuan' } });
  const { reset } = dialog;
  useEffect(() => {
    if (licence) reset({ amountYuan: licence.feeFen / 100, paidOn: shanghaiToday(), paymentReference: '', notice: '' });
  }, [licence, reset]);
  return (
    <Modal {...dialog.modalProps} title={`${t('ip.takeTitle')}：${licence?.patent.title ?? ''}`} okText={t('ip.take')}>
      <FormErrorAlert error={dialog.error} />
      {licence ? <Typography.Paragraph type="secondary">{licence.terms}</Typography.Paragraph> : null}
      <Form<TakeValues>
        form={form}
        layout="vertical"
        data-testid="take-form"
        onFinish={(v) =>
          licence &&
          dialog.submit(
            {
              id: licence.id,
              body: {
                amountFen: yuanToFen(v.amountYuan) ?? 0,
                paidOn: v.paidOn.format('YYYY-MM-DD'),
                paymentReference: v.paymentReference.trim(),
                notice: v.notice?.trim() || null,
              },
            },
            t('ip.taken'),
          )
        }
      >
        <Form.Item name="amountYuan" label={t('ip.paidAmount')} rules={[{ required: true }]}>
          <InputNumber min={0} precision={2} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="paidOn" label={t('ip.paidOn')} rules={[{ required: true }]}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="paymentReference" label={t('ip.paymentReference')} rules={[{ required: true, whitespace: true }]}>
          <Input maxLength={100} data-testid="take-reference" />
        </Form.Item>
        <Form.Item name="notice" label={t('ip.takeNotice')}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function DeclarationsTable({ mine }: { mine: boolean }) {
  const { t, i18n } = useTranslation();
  const { me: user } = useAuth();
  const price = usePriceText();
  const patentKind = usePatentKindLabel();
  const { get, page, pageSize, update } = useSearchState();
  const list = useOpenLicences({ q: get('q'), mine: mine ? 'true' : undefined, page, pageSize });
  const withdraw = useWithdrawDeclaration();
  const [taking, setTaking] = useState<OpenLicence | null>(null);
  if (list.isError) return <QueryError error={list.error} onRetry={() => void list.refetch()} />;
  return (
    <>
      {mine ? null : (
        <FilterInput
          applied={get('q')}
          onApply={(q) => update({ q })}
          placeholder={t('ip.search')}
          allowClear
          style={{ width: 280, marginBottom: 12 }}
        />
      )}
      <Table<OpenLicence>
        rowKey="id"
        loading={list.isFetching}
        dataSource={list.data?.items ?? []}
        locale={{ emptyText: list.isPending ? ' ' : <Empty description={t('ip.noOpenLicences')} /> }}
        data-testid={mine ? 'my-declarations' : 'open-licences'}
        pagination={{
          current: page,
          pageSize,
          total: list.data?.total ?? 0,
          hideOnSinglePage: true,
          onChange: (p, s) => update({ page: p, pageSize: s }),
        }}
        columns={[
          {
            title: t('ip.patent'),
            key: 'patent',
            render: (_, o) => (
              <Space direction="vertical" size={0}>
                <Typography.Text strong>{o.patent.title}</Typography.Text>
                <Typography.Text type="secondary">
                  {patentKind(o.patent.kind)} · {o.patent.applicationNumber} · {o.patent.mainClass ?? '—'}
                </Typography.Text>
              </Space>
            ),
          },
          {
            title: t('ip.seller'),
            key: 'owner',
            render: (_, o) => `${o.enterpriseName} · ${i18n.language === 'en-US' ? o.townNameEn : o.townName}`,
          },
          { title: t('ip.fee'), dataIndex: 'feeFen', width: 130, render: (v: number) => price(v) },
          { title: t('ip.terms'), dataIndex: 'terms', ellipsis: true },
          { title: t('ip.validity'), key: 'validity', width: 200, render: (_, o) => `${o.validFrom} ~ ${o.validUntil}` },
          {
            title: t('ip.status'),
            key: 'status',
            width: 150,
            render: (_, o) => (
              <Space direction="vertical" size={0}>
                <OpenStatusTag status={o.status} />
                <Typography.Text type="secondary">{t('ip.licencesTaken', { count: o.licenceCount })}</Typography.Text>
              </Space>
            ),
          },
          {
            title: '',
            key: 'actions',
            width: 140,
            render: (_, o) =>
              mine ? (
                o.status === 'active' ? (
                  <ConfirmButton
                    size="small"
                    question={t('ip.confirmWithdrawDeclaration')}
                    action={() => withdraw.mutateAsync(o.id)}
                    success={t('ip.declarationWithdrawn')}
                  >
                    {t('ip.withdrawDeclaration')}
                  </ConfirmButton>
                ) : null
              ) : o.takenByMe ? (
                <Typography.Text type="success">{t('ip.takenByMe')}</Typography.Text>
              ) : user?.role === 'enterprise' && user.scope.enterpriseId !== o.enterpriseId && o.status === 'active' ? (
                <Button size="small" type="primary" onClick={() => setTaking(o)} data-testid="take-licence">
                  {t('ip.take')}
                </Button>
              ) : null,
          },
        ]}
        expandable={{
          rowExpandable: (o) => o.licences.length > 0,
          expandedRowRender: (o) => (
            <Table
              rowKey="id"
              size="small"
              pagination={false}
              dataSource={o.licences}
              columns={[
                { title: t('ip.licensee'), dataIndex: 'licenseeName' },
                { title: t('ip.paidAmount'), dataIndex: 'amountFen', render: (v: number) => price(v) },
                { title: t('ip.paidOn'), dataIndex: 'paidOn' },
                { title: t('ip.paymentReference'), dataIndex: 'paymentReference' },
                {
                  title: t('ip.licenceTerm'),
                  key: 'term',
                  render: (_, l) => (l.licenceEndsOn ? `${l.licenceStartsOn} – ${l.licenceEndsOn}` : '—'),
                },
              ]}
            />
          ),
        }}
      />
      <TakeDialog licence={taking} onClose={() => setTaking(null)} />
    </>
  );
}

/** Open licences (开放许可): the public list with "take a licence"; an enterprise's own declarations. */
export function OpenLicencesPage() {
  const { t } = useTranslation();
  const { me: user } = useAuth();
  return (
    <>
      <PageHeader title={t('ip.openLicences')} subtitle={t('ip.openLicencesSubtitle')} />
      {user?.role === 'enterprise' ? (
        <Tabs
          items={[
            { key: 'all', label: t('ip.all'), children: <DeclarationsTable mine={false} /> },
            { key: 'mine', label: t('ip.mine'), children: <DeclarationsTable mine /> },
          ]}
        />
      ) : (
        <DeclarationsTable mine={false} />
      )}
    </>
  );
}
