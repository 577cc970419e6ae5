import { PlusOutlined } from '@ant-design/icons';
import type { PurchaseReview } from '@innotown/contracts/sharing-statistics';
import { purchaseReviewStatuses } from '@innotown/contracts/sharing-statistics';
import {
  App,
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
  Table,
  type TableProps,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { errorMessage } from '../../app/api-client.ts';
import { useAuth } from '../../app/auth/auth-context.tsx';
import { formatDateTime } from '../../app/format/datetime.ts';
import { formatWan, wanToFen } from '../../app/format/money.ts';
import { ListTable } from '../../app/ui/list-table.tsx';
import { PageHeader } from '../../app/ui/page-header.tsx';
import { QueryState } from '../../app/ui/query-state.tsx';
import { useSearchState } from '../../app/ui/use-search-state.ts';
import { useCreatePurchaseReview, useDecidePurchaseReview, usePurchaseReview, usePurchaseReviews } from './sharing-api.ts';
import './sharing-i18n.ts';

const STATUS_COLORS = { submitted: 'blue', approved: 'green', rejected: 'red' } as const;
type Similar = NonNullable<PurchaseReview['similar']>[number];
const percent = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(1)}%`);

function StatusTag({ status }: { status: PurchaseReview['status'] }) {
  const { t } = useTranslation();
  return <Tag color={STATUS_COLORS[status]}>{t(`purchase.status_${status}`)}</Tag>;
}

function NewPurchaseButton() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<{ name: string; model?: string; category?: string; keywords?: string; budgetWan: string; reason: string }>();
  const create = useCreatePurchaseReview();
  const submit = async () => {
    const v = await form.validateFields();
    try {
      const filed = await create.mutateAsync({
        name: v.name,
        model: v.model || null,
        category: v.category || null,
        keywords: v.keywords || null,
        budgetFen: wanToFen(v.budgetWan) ?? 0,
        reason: v.reason,
      });
      message.success(t('purchase.submitted'));
      setOpen(false);
      navigate(`/purchase-reviews/${filed.id}`);
    } catch (error) {
      message.error(errorMessage(error));
    }
  };
  return (
    <>
      <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpen(true)} data-testid="purchase-new">
        {t('purchase.new')}
      </Button>
      <Modal
        open={open}
        title={t('purchase.new')}
        onCancel={() => setOpen(false)}
        onOk={() => void submit()}
        confirmLoading={create.isPending}
        width={560}
      >
        <Form form={form} layout="vertical">
          <Form.Item name="name" label={t('purchase.name')} rules={[{ required: true, max: 120 }]}>
            <Input placeholder="积分球光谱辐射计" />
          </Form.Item>
          <Flex gap={12}>
            <Form.Item name="model" label={t('purchase.model')} rules={[{ max: 80 }]} style={{ flex: 1 }}>
              <Input />
            </Form.Item>
            <Form.Item name="category" label={t('purchase.category')} rules={[{ max: 60 }]} style={{ flex: 1 }}>
              <Input />
            </Form.Item>
          </Flex>
          <Form.Item name="keywords" label={t('purchase.keywords')} extra={t('purchase.keywordsHint')} rules={[{ max: 200 }]}>
            <Input />
          </Form.Item>
          <Form.Item
            name="budgetWan"
            label={t('purchase.budget')}
            rules={[
              { required: true },
              { validator: async (_, v) => ((wanToFen(v) ?? 0) > 0 ? undefined : Promise.reject(new Error(t('purchase.budget')))) },
            ]}
          >
            <InputNumber<string> min="0" stringMode precision={2} style={{ width: 200 }} />
          </Form.Item>
          <Form.Item name="reason" label={t('purchase.reason')} rules={[{ required: true, max: 2000 }]}>
            <Input.TextArea rows={3} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

export function PurchaseReviewsPage() {
  const { t } = useTranslation();
  const { me } = useAuth();
  const navigate = useNavigate();
  const search = useSearchState();
  const status = search.get('status');
  const list = usePurchaseReviews({ status, page: search.page, pageSize: search.pageSize });
  const columns: TableProps<PurchaseReview>['columns'] = [
    { title: t('purchase.name'), dataIndex: 'name', render: (name: string, r) => <Link to={`/purchase-reviews/${r.id}`}>{name}</Link> },
    { title: t('purchase.institution'), dataIndex: 'institutionName' },
    { title: t('purchase.town'), dataIndex: 'townName', width: 110 },
    { title: t('purchase.budget'), dataIndex: 'budgetFen', align: 'right', width: 130, render: (v: number) => formatWan(v) },
    { title: t('purchase.status'), dataIndex: 'status', width: 100, render: (s: PurchaseReview['status']) => <StatusTag status={s} /> },
    { title: t('purchase.createdAt'), dataIndex: 'createdAt', width: 170, render: (v: string) => formatDateTime(v) },
  ];
  return (
    <>
      <PageHeader
        title={t('purchase.title')}
        subtitle={t('purchase.subtitle')}
        extra={me?.role === 'provider' ? <NewPurchaseButton /> : null}
      />
      <Card>
        <Flex gap={8} style={{ marginBottom: 16 }}>
          <Select
            allowClear
            placeholder={t('purchase.filter')}
            value={status}
            onChange={(value: string | undefined) => search.update({ status: value })}
            options={purchaseReviewStatuses.map((s) => ({ value: s, label: t(`purchase.status_${s}`) }))}
            style={{ width: 160 }}
          />
        </Flex>
        <ListTable<PurchaseReview>
          list={list}
          page={search.page}
          pageSize={search.pageSize}
          onPageChange={(page, pageSize) => search.update({ page, pageSize })}
          columns={columns}
          onRow={(r) => ({ onDoubleClick: () => navigate(`/purchase-reviews/${r.id}`) })}
          data-testid="purchase-list"
        />
      </Card>
    </>
  );
}

function Decide({ review }: { review: PurchaseReview }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const decide = useDecidePurchaseReview(review.id);
  const [comment, setComment] = useState('');
  const run = async (decision: 'approve' | 'reject') => {
    try {
      await decide.mutateAsync({ decision, comment: comment.trim() || undefined });
      message.success(t('purchase.decided'));
    } catch (error) {
      message.error(errorMessage(error));
    }
  };
  return (
    <Card size="small" title={t('purchase.decision')}>
      <Flex vertical gap={8}>
        <Input.TextArea
          rows={2}
          value={comment}
          onChange={(e) => setComment(e.target.value)}
          placeholder={t('purchase.rejectReason')}
          maxLength={1000}
        />
        <Flex gap={8}>
          <Button type="primary" loading={decide.isPending} onClick={() => void run('approve')} data-testid="purchase-approve">
            {t('purchase.approve')}
          </Button>
          <Button
            danger
            loading={decide.isPending}
            disabled={!comment.trim()}
            onClick={() => void run('reject')}
            data-testid="purchase-reject"
          >
            {t('purchase.reject')}
          </Button>
        </Flex>
      </Flex>
    </Card>
  );
}

export function PurchaseReviewDetailPage() {
  const { t } = useTranslation();
  const { me } = useAuth();
  const { id = '' } = useParams();
  const query = usePurchaseReview(id);
  const similarColumns: TableProps<Similar>['columns'] = [
    { title: t('sharing.name'), dataIndex: 'name', render: (name: string, s) => <Link to={`/resources/${s.id}`}>{name}</Link> },
    { title: t('sharing.model'), dataIndex: 'model', render: (v: string | null) => v ?? '—', responsive: ['lg'] },
    { title: t('purchase.owner'), dataIndex: 'institutionName' },
    { title: t('purchase.town'), dataIndex: 'townName', width: 100 },
    { title: t('purchase.sharing'), dataIndex: 'sharing', width: 100, render: (v: string) => t(`purchase.sharing_${v as 'open'}`) },
    {
      title: t('sharing.originalValue'),
      dataIndex: 'originalValueFen',
      align: 'right',
      width: 120,
      render: (v: number | null) => formatWan(v),
    },
    { title: t('sharing.effectiveHours'), dataIndex: 'effectiveHours', align: 'right', width: 110 },
    {
      title: t('sharing.utilisationRate'),
      dataIndex: 'utilisationRate',
      align: 'right',
      width: 100,
      render: (v: number | null) => <Typography.Text type={v !== null && v < 0.3 ? 'success' : undefined}>{percent(v)}</Typography.Text>,
    },
  ];
  return (
    <QueryState query={query}>
      {(r) => (
        <>
          <PageHeader title={`${t('purchase.title')} · ${r.name}`} subtitle={<StatusTag status={r.status} />} />
          <Flex vertical gap={16}>
            <Card size="small">
              <Descriptions
                size="small"
                column={{ xs: 1, md: 2, xl: 3 }}
                items={[
                  { key: 'inst', label: t('purchase.institution'), children: r.institutionName },
                  { key: 'town', label: t('purchase.town'), children: r.townName },
                  { key: 'budget', label: t('purchase.budget'), children: formatWan(r.budgetFen) },
                  { key: 'model', label: t('purchase.model'), children: r.model ?? '—' },
                  { key: 'category', label: t('purchase.category'), children: r.category ?? '—' },
                  { key: 'keywords', label: t('purchase.keywords'), children: r.keywords ?? '—' },
                  { key: 'reason', label: t('purchase.reason'), children: r.reason, span: 3 },
                  ...(r.status !== 'submitted'
                    ? [{ key: 'comment', label: t('purchase.comment'), children: r.decisionComment ?? '—', span: 3 }]
                    : []),
                ]}
              />
            </Card>
            <Card
              size="small"
              title={t('purchase.similar')}
              extra={
                r.similarFrom ? (
                  <Typography.Text type="secondary">
                    {t('purchase.similarPeriod', { from: r.similarFrom, to: r.similarTo })}
                  </Typography.Text>
                ) : null
              }
            >
              <Table<Similar>
                rowKey="id"
                size="small"
                pagination={false}
                columns={similarColumns}
                dataSource={r.similar ?? []}
                locale={{ emptyText: <Empty description={t('purchase.noSimilar')} /> }}
                data-testid="purchase-similar"
              />
            </Card>
            {r.status === 'submitted' && (me?.role === 'city_admin' || me?.role === 'town_admin') ? <Decide review={r} /> : null}
          </Flex>
        </>
      )}
    </QueryState>
  );
}
