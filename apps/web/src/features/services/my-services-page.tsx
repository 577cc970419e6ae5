import { PlusOutlined } from '@ant-design/icons';
import type { ListResponse } from '@innotown/contracts/common';
import type { Resource } from '@innotown/contracts/resources';
import { SERVICE_CATEGORIES } from '@innotown/contracts/service-categories';
import { type Membership, type Service, servicePriceUnits } from '@innotown/contracts/services';
import { useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Card, Form, Input, InputNumber, Modal, Popconfirm, Radio, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, errorMessage } from '../../app/api-client.ts';
import { formatDateTime } from '../../app/format/datetime.ts';
import { PageHeader } from '../../app/ui/page-header.tsx';
import { useSearchState } from '../../app/ui/use-search-state.ts';
import { CategoryTag, useCategoryLabel, usePriceText } from './service-format.tsx';
import {
  type ServiceBody,
  useApplyMembership,
  useDecideMembership,
  useMemberships,
  useMyServices,
  useSaveService,
  useServiceStep,
} from './services-api.ts';
import './services-i18n.ts';

const STATUS_COLORS = { draft: 'default', published: 'green', withdrawn: 'orange' } as const;
const MEMBERSHIP_COLORS = { applied: 'blue', approved: 'green', rejected: 'red' } as const;

type FormValues = Omit<ServiceBody, 'priceMinFen' | 'priceMaxFen'> & { priceMinYuan: number; priceMaxYuan?: number | null };

/** Yuan as typed (up to 2 decimals) → whole fen, without floating-point error. */
const toFen = (yuan: number) => Math.round(yuan * 100);

function ServiceDialog({ service, open, onClose }: { service: Service | null; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const categoryLabel = useCategoryLabel();
  const [form] = Form.useForm<FormValues>();
  const save = useSaveService();
  const priceKind = Form.useWatch('priceKind', form);
  // The institution's own instruments and experts, which a service may name.
  const own = useQuery({
    queryKey: ['services', 'own-resources'],
    queryFn: ({ signal }) => api.get<ListResponse<Resource>>('/api/v1/resources', { pageSize: 100 }, signal),
    enabled: open,
  });
  const usable = (own.data?.items ?? []).filter((r) => r.kind === 'instrument' || r.kind === 'expert');
  const submit = async () => {
    const v = await form.validateFields();
    const body: ServiceBody = {
      category: v.category,
      title: v.title,
      description: v.description || null,
      priceKind: v.priceKind,
      priceMinFen: toFen(v.priceMinYuan),
      priceMaxFen: v.priceKind === 'range' && v.priceMaxYuan != null ? toFen(v.priceMaxYuan) : null,
      priceUnit: v.priceUnit,
      turnaroundDays: v.turnaroundDays,
      resourceIds: v.resourceIds ?? [],
    };
    try {
      await save.mutateAsync(service ? { id: service.id, body } : { body });
      message.success(t('common.saved'));
      onClose();
    } catch (error) {
      message.error(errorMessage(error));
    }
  };
  return (
    <Modal
      open={open}
      destroyOnHidden
      title={service ? t('services.editService') : t('services.newService')}
      onCancel={onClose}
      onOk={() => void submit()}
      confirmLoading={save.isPending}
      width={640}
    >
      <Form<FormValues>
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={
          service
            ? {
                category: service.category,
                title: service.title,
                description: service.description ?? '',
                priceKind: service.priceKind,
                priceMinYuan: service.priceMinFen / 100,
                priceMaxYuan: service.priceMaxFen / 100,
                priceUnit: service.priceUnit,
                turnaroundDays: service.turnaroundDays,
                resourceIds: service.resources.map((r) => r.id),
              }
            : { category: 'testing', priceKind: 'range', priceUnit: 'sample', turnaroundDays: 5, resourceIds: [] }
        }
      >
        <Form.Item name="category" label={t('services.category')} rules={[{ required: true }]}>
          <Select options={SERVICE_CATEGORIES.map((c) => ({ value: c, label: categoryLabel(c) }))} data-testid="service-form-category" />
        </Form.Item>
        <Form.Item name="title" label={t('services.titleField')} rules={[{ required: true, whitespace: true, max: 120 }]}>
          <Input data-testid="service-form-title" />
        </Form.Item>
        <Form.Item name="description" label={t('services.description')} rules={[{ max: 4000 }]}>
          <Input.TextArea rows={3} />
        </Form.Item>
        <Form.Item name="priceKind" label={t('services.priceKind')}>
          <Radio.Group
            options={[
              { value: 'fixed', label: t('services.priceKind_fixed') },
              { value: 'range', label: t('services.priceKind_range') },
            ]}
          />
        </Form.Item>
        <Space size={12} wrap>
          <Form.Item
            name="priceMinYuan"
            label={priceKind === 'fixed' ? t('services.priceYuan') : t('services.priceMinYuan')}
            rules={[{ required: true }]}
          >
            <InputNumber min={0} precision={2} style={{ width: 160 }} data-testid="service-form-price-min" />
          </Form.Item>
          {priceKind === 'range' ? (
            <Form.Item
              name="priceMaxYuan"
              label={t('services.priceMaxYuan')}
              dependencies={['priceMinYuan']}
              rules={[
                { required: true },
                ({ getFieldValue }) => ({
                  validator: (_rule, value: number | null) =>
                    value == null || value >= (getFieldValue('priceMinYuan') ?? 0)
                      ? Promise.resolve()
                      : Promise.reject(new Error(t('services.priceRangeInvalid'))),
                }),
              ]}
            >
              <InputNumber min={0} precision={2} style={{ width: 160 }} data-testid="service-form-price-max" />
            </Form.Item>
          ) : null}
          <Form.Item name="priceUnit" label={t('services.priceUnit')}>
            <Select style={{ width: 120 }} options={servicePriceUnits.map((u) => ({ value: u, label: t(`services.unit_${u}`) }))} />
          </Form.Item>
          <Form.Item name="turnaroundDays" label={t('services.turnaroundDays')} rules={[{ required: true }]}>
            <InputNumber min={1} max={365} precision={0} style={{ width: 140 }} />
          </Form.Item>
        </Space>
        <Form.Item name="resourceIds" label={t('services.resourceIds')}>
          <Select
            mode="multiple"
            loading={own.isPending}
            optionFilterProp="label"
            options={usable.map((r) => ({
              value: r.id,
              label: `${r.kind === 'expert' ? t('services.kind_expert') : t('services.kind_instrument')} · ${r.name}`,
            }))}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function AllianceCard({ membership }: { membership: Membership | undefined }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [statement, setStatement] = useState('');
  const apply = useApplyMembership();
  const status = membership?.status ?? 'none';
  const canApply = status === 'none' || status === 'rejected';
  const submit = async () => {
    try {
      await apply.mutateAsync(statement.trim());
      message.success(t('services.applied'));
      setOpen(false);
    } catch (error) {
      message.error(errorMessage(error));
    }
  };
  return (
    <>
      <Alert
        data-testid="alliance-status"
        type={status === 'approved' ? 'success' : status === 'rejected' ? 'warning' : 'info'}
        showIcon
        message={t('services.alliance')}
        description={t(`services.allianceStatus_${status}`, { reason: membership?.decisionReason ?? '' })}
        action={
          canApply ? (
            <Button size="small" type="primary" onClick={() => setOpen(true)} data-testid="alliance-apply">
              {status === 'rejected' ? t('services.applyAgain') : t('services.applyAlliance')}
            </Button>
          ) : null
        }
        style={{ marginBottom: 16 }}
      />
      <Modal
        open={open}
        title={t('services.applyAlliance')}
        onCancel={() => setOpen(false)}
        onOk={() => void submit()}
        okButtonProps={{ disabled: statement.trim() === '' }}
        confirmLoading={apply.isPending}
      >
        <Typography.Text>{t('services.statement')}</Typography.Text>
        <Input.TextArea
          rows={4}
          maxLength={1000}
          value={statement}
          onChange={(e) => setStatement(e.target.value)}
          placeholder={t('services.statementPlaceholder')}
        />
      </Modal>
    </>
  );
}

/** 我的服务: a provider's services (draft → published ⇄ withdrawn) and its alliance membership. */
export function MyServicesPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const price = usePriceText();
  const search = useSearchState(20);
  const list = useMyServices({ page: search.page, pageSize: search.pageSize });
  const memberships = useMemberships({});
  const step = useServiceStep();
  const [editing, setEditing] = useState<Service | null | 'new'>(null);
  const run = async (id: string, which: 'publish' | 'withdraw') => {
    try {
      await step.mutateAsync({ id, step: which });
      message.success(which === 'publish' ? t('services.published') : t('services.withdrawn'));
    } catch (error) {
      message.error(errorMessage(error));
    }
  };
  return (
    <>
      <PageHeader
        title={t('services.myTitle')}
        subtitle={t('services.mySubtitle')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="service-new">
            {t('services.newService')}
          </Button>
        }
      />
      {memberships.isPending ? null : <AllianceCard membership={memberships.data?.items[0]} />}
      <Card size="small">
        <Table<Service>
          rowKey="id"
          size="small"
          loading={list.isFetching}
          dataSource={list.data?.items ?? []}
          data-testid="my-services"
          pagination={{
            current: search.page,
            pageSize: search.pageSize,
            total: list.data?.total ?? 0,
            onChange: (page, pageSize) => search.update({ page, pageSize }),
          }}
          columns={[
            { title: t('services.category'), dataIndex: 'category', width: 130, render: (c) => <CategoryTag category={c} /> },
            { title: t('services.titleField'), dataIndex: 'title', render: (title, s) => <Link to={`/services/${s.id}`}>{title}</Link> },
            { title: t('services.price'), key: 'price', width: 190, render: (_v, s) => price(s) },
            {
              title: t('services.turnaroundLabel'),
              dataIndex: 'turnaroundDays',
              width: 110,
              render: (days) => t('services.turnaround', { days }),
            },
            {
              title: t('services.status'),
              dataIndex: 'status',
              width: 90,
              render: (status: Service['status']) => <Tag color={STATUS_COLORS[status]}>{t(`services.status_${status}`)}</Tag>,
            },
            { title: t('common.updatedAt'), dataIndex: 'updatedAt', width: 150, render: (v) => formatDateTime(v) },
            {
              title: t('common.actions'),
              key: 'actions',
              width: 160,
              render: (_v, s) => (
                <Space size={4}>
                  <Typography.Link onClick={() => setEditing(s)}>{t('common.edit')}</Typography.Link>
                  {s.status === 'published' ? (
                    <Popconfirm title={t('services.confirmWithdraw')} onConfirm={() => void run(s.id, 'withdraw')}>
                      <Typography.Link>{t('services.withdraw')}</Typography.Link>
                    </Popconfirm>
                  ) : (
                    <Typography.Link onClick={() => void run(s.id, 'publish')}>{t('services.publish')}</Typography.Link>
                  )}
                </Space>
              ),
            },
          ]}
        />
      </Card>
      <ServiceDialog service={editing === 'new' ? null : editing} open={editing !== null} onClose={() => setEditing(null)} />
    </>
  );
}

/** 联盟审核: the city admin's queue of applications to the service alliance. */
export function AllianceReviewPage() {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const search = useSearchState(20);
  const status = search.get('status') ?? 'applied';
  const list = useMemberships({ status: status === 'all' ? undefined : status, page: search.page, pageSize: search.pageSize });
  const decide = useDecideMembership();
  const [rejecting, setRejecting] = useState<Membership | null>(null);
  const [reason, setReason] = useState('');
  const run = async (id: string, decision: 'approve' | 'reject', why?: string) => {
    try {
      await decide.mutateAsync({ id, decision, ...(why ? { reason: why } : {}) });
      message.success(t('services.decided'));
      setRejecting(null);
      setReason('');
    } catch (error) {
      message.error(errorMessage(error));
    }
  };
  return (
    <>
      <PageHeader title={t('services.reviewTitle')} subtitle={t('services.reviewSubtitle')} />
      <Card size="small">
        <Radio.Group
          value={status}
          onChange={(e) => search.update({ status: e.target.value })}
          style={{ marginBottom: 12 }}
          options={[
            { value: 'applied', label: t('services.membership_applied') },
            { value: 'approved', label: t('services.membership_approved') },
            { value: 'rejected', label: t('services.membership_rejected') },
            { value: 'all', label: t('common.all') },
          ]}
          optionType="button"
        />
        <Table<Membership>
          rowKey="id"
          size="small"
          loading={list.isFetching}
          dataSource={list.data?.items ?? []}
          data-testid="alliance-queue"
          pagination={{
            current: search.page,
            pageSize: search.pageSize,
            total: list.data?.total ?? 0,
            onChange: (page, pageSize) => search.update({ page, pageSize }),
          }}
          columns={[
            {
              title: t('services.institution'),
              dataIndex: 'institutionName',
              render: (name, m) => <Link to={`/service-providers/${m.institutionId}`}>{name}</Link>,
            },
            { title: t('services.town'), dataIndex: 'townName', width: 100 },
            { title: t('services.statement'), dataIndex: 'statement', ellipsis: true },
            { title: t('services.appliedAt'), dataIndex: 'createdAt', width: 150, render: (v) => formatDateTime(v) },
            {
              title: t('services.status'),
              dataIndex: 'status',
              width: 90,
              render: (s: Membership['status']) => <Tag color={MEMBERSHIP_COLORS[s]}>{t(`services.membership_${s}`)}</Tag>,
            },
            {
              title: t('common.actions'),
              key: 'actions',
              width: 130,
              render: (_v, m) =>
                m.status === 'applied' ? (
                  <Space size={4}>
                    <Typography.Link
                      onClick={() =>
                        void modal.confirm({ title: `${t('services.approve')}：${m.institutionName}`, onOk: () => run(m.id, 'approve') })
                      }
                    >
                      {t('services.approve')}
                    </Typography.Link>
                    <Typography.Link type="danger" onClick={() => setRejecting(m)}>
                      {t('services.reject')}
                    </Typography.Link>
                  </Space>
                ) : (
                  (m.decisionReason ?? '—')
                ),
            },
          ]}
        />
      </Card>
      <Modal
        open={rejecting !== null}
        title={`${t('services.reject')}：${rejecting?.institutionName ?? ''}`}
        onCancel={() => setRejecting(null)}
        onOk={() => rejecting && void run(rejecting.id, 'reject', reason.trim())}
        okButtonProps={{ danger: true, disabled: reason.trim() === '' }}
        confirmLoading={decide.isPending}
      >
        <Typography.Text>{t('services.rejectReason')}</Typography.Text>
        <Input.TextArea rows={3} maxLength={1000} value={reason} onChange={(e) => setReason(e.target.value)} />
      </Modal>
    </>
  );
}
