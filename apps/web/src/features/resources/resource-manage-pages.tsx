import { PlusOutlined } from '@ant-design/icons';
import { type Resource, type ResourceReviewStatus, resourceKinds, resourceReviewStatuses } from '@innotown/contracts/resources';
import { App, Button, Descriptions, Drawer, Dropdown, Flex, Form, Input, Modal, Select, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import './resources-i18n.ts';
import './resource-admin-i18n.ts';
import { Link, useNavigate } from 'react-router';
import { errorMessage } from '../../app/api-client.ts';
import { useAuth } from '../../app/auth/auth-context.tsx';
import { formatDateTime } from '../../app/format/datetime.ts';
import { ConfirmButton } from '../../app/ui/confirm-button.tsx';
import { ListTable } from '../../app/ui/list-table.tsx';
import { PageHeader } from '../../app/ui/page-header.tsx';
import { QueryState } from '../../app/ui/query-state.tsx';
import { useSearchState } from '../../app/ui/use-search-state.ts';
import { useDeleteResource, useManagedResources, useReviewResource, useSubmitResource } from './resource-admin-api.ts';
import { KindFields, OpeningHoursTable } from './resource-detail-page.tsx';
import { ExportButton } from './resource-export-button.tsx';
import { ImportButton, TemplateButton } from './resource-import.tsx';
import { KindTag, useFeeText } from './resource-tags.tsx';
import { useResource } from './resources-api.ts';

const STATUS_COLORS: Record<ResourceReviewStatus, string> = {
  draft: 'default',
  submitted: 'processing',
  published: 'success',
  rejected: 'error',
};

export function ReviewStatusTag({ resource }: { resource: Pick<Resource, 'reviewStatus' | 'reviewComment'> }) {
  const { t } = useTranslation();
  return (
    <Flex vertical gap={2}>
      <span>
        <Tag color={STATUS_COLORS[resource.reviewStatus]} data-testid="resource-status">
          {t(`resourceAdmin.status_${resource.reviewStatus}`)}
        </Tag>
      </span>
      {resource.reviewStatus === 'rejected' && resource.reviewComment ? (
        <Typography.Text type="danger" style={{ fontSize: 12 }} data-testid="resource-reject-reason">
          {t('resourceAdmin.rejectedReason', { reason: resource.reviewComment })}
        </Typography.Text>
      ) : null}
    </Flex>
  );
}

function Filters({ search, withStatus = true }: { search: ReturnType<typeof useSearchState>; withStatus?: boolean }) {
  const { t } = useTranslation();
  const [text, setText] = useState(search.get('q') ?? '');
  return (
    <Flex gap={8} wrap style={{ marginBottom: 12 }}>
      <Input.Search
        allowClear
        style={{ width: 240 }}
        placeholder={t('resourceAdmin.searchName')}
        value={text}
        onChange={(event) => setText(event.target.value)}
        onSearch={(value) => search.update({ q: value.trim() })}
        data-testid="managed-search"
      />
      <Select
        allowClear
        style={{ width: 150 }}
        placeholder={t('resourceAdmin.filterKind')}
        value={search.get('kind')}
        onChange={(value) => search.update({ kind: value })}
        options={resourceKinds.map((kind) => ({ value: kind, label: t(`resources.kind_${kind}`) }))}
      />
      {withStatus ? (
        <Select
          allowClear
          style={{ width: 150 }}
          placeholder={t('resourceAdmin.filterStatus')}
          value={search.get('reviewStatus')}
          onChange={(value) => search.update({ reviewStatus: value })}
          options={resourceReviewStatuses.map((status) => ({ value: status, label: t(`resourceAdmin.status_${status}`) }))}
          data-testid="managed-status-filter"
        />
      ) : null}
    </Flex>
  );
}

/**
 * "My resources" of a provider (its institution's), and the city admin's list of all resources. Providers
 * create, edit, submit and delete drafts; both import spreadsheets (the city names the institution) and export.
 */
export function MyResourcesPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { me } = useAuth();
  const isCity = me?.role === 'city_admin';
  const search = useSearchState();
  const query = {
    q: search.get('q'),
    kind: search.get('kind'),
    reviewStatus: search.get('reviewStatus'),
    page: search.page,
    pageSize: search.pageSize,
  };
  const list = useManagedResources(query);
  const submit = useSubmitResource();
  const remove = useDeleteResource();

  const columns = [
    {
      title: t('resourceAdmin.name'),
      dataIndex: 'name',
      render: (name: string, row: Resource) =>
        isCity || row.reviewStatus === 'published' || row.reviewStatus === 'submitted' ? (
          <Link to={`/resources/${row.id}`}>{name}</Link>
        ) : (
          <Link to={`/my/resources/${row.id}/edit`}>{name}</Link>
        ),
    },
    { title: t('resourceAdmin.kind'), dataIndex: 'kind', width: 110, render: (kind: Resource['kind']) => <KindTag kind={kind} /> },
    ...(isCity ? [{ title: t('resourceAdmin.institution'), dataIndex: 'institutionName' }] : []),
    {
      title: t('resourceAdmin.status'),
      key: 'status',
      width: 200,
      render: (_v: unknown, row: Resource) => <ReviewStatusTag resource={row} />,
    },
    {
      title: t('resourceAdmin.sharing'),
      dataIndex: 'sharing',
      width: 110,
      render: (sharing: Resource['sharing']) => t(`resourceAdmin.sharing_${sharing}`),
    },
    { title: t('resourceAdmin.updatedAt'), dataIndex: 'updatedAt', width: 170, render: (value: string) => formatDateTime(value) },
    ...(isCity
      ? []
      : [
          {
            title: t('common.actions'),
            key: 'actions',
            width: 220,
            render: (_v: unknown, row: Resource) => (
              <Space size={0} wrap>
                {row.reviewStatus !== 'submitted' ? (
                  <Button type="link" size="small" onClick={() => navigate(`/my/resources/${row.id}/edit`)} data-testid="resource-edit">
                    {t('resourceAdmin.edit')}
                  </Button>
                ) : null}
                {row.reviewStatus === 'draft' || row.reviewStatus === 'rejected' ? (
                  <ConfirmButton
                    type="link"
                    size="small"
                    data-testid="resource-submit"
                    question={t('resourceAdmin.confirmSubmit')}
                    action={() => submit.mutateAsync(row.id)}
                    success={t('resourceAdmin.submitted')}
                  >
                    {t('resourceAdmin.submit')}
                  </ConfirmButton>
                ) : null}
                {row.reviewStatus === 'draft' ? (
                  <ConfirmButton
                    type="link"
                    size="small"
                    danger
                    question={t('resourceAdmin.confirmDelete')}
                    action={() => remove.mutateAsync(row.id)}
                    success={t('resourceAdmin.deleted')}
                  >
                    {t('resourceAdmin.delete')}
                  </ConfirmButton>
                ) : null}
                {row.reviewStatus === 'published' || row.reviewStatus === 'submitted' ? (
                  <Button type="link" size="small" onClick={() => navigate(`/resources/${row.id}`)}>
                    {t('resourceAdmin.view')}
                  </Button>
                ) : null}
              </Space>
            ),
          },
        ]),
  ];

  const exportQuery = {
    kind: search.get('kind'),
    institutionId: isCity ? undefined : (me?.scope.institutionId ?? undefined),
  };
  return (
    <>
      <PageHeader
        title={t(isCity ? 'resourceAdmin.adminTitle' : 'resourceAdmin.myTitle')}
        subtitle={t(isCity ? 'resourceAdmin.adminSubtitle' : 'resourceAdmin.mySubtitle')}
        extra={
          <>
            {isCity ? null : (
              <Dropdown
                menu={{
                  items: resourceKinds.map((kind) => ({ key: kind, label: t(`resources.kind_${kind}`) })),
                  onClick: ({ key }) => navigate(`/my/resources/new?kind=${key}`),
                }}
              >
                <Button type="primary" icon={<PlusOutlined />} data-testid="resource-create">
                  {t('resourceAdmin.create')}
                </Button>
              </Dropdown>
            )}
            <ImportButton askInstitution={isCity} />
            <TemplateButton />
            <ExportButton query={exportQuery} total={list.data?.total} />
          </>
        }
      />
      <Filters search={search} />
      <ListTable<Resource>
        data-testid="my-resources"
        list={list}
        page={search.page}
        pageSize={search.pageSize}
        onPageChange={(page, pageSize) => search.update({ page, pageSize })}
        columns={columns}
        scroll={{ x: 900 }}
      />
    </>
  );
}

/** What a reviewer judges: the submitted resource as it would be published. */
function ReviewDetail({ id }: { id: string }) {
  const { t, i18n } = useTranslation();
  const feeText = useFeeText();
  const query = useResource(id);
  return (
    <QueryState query={query}>
      {(resource) => (
        <Flex vertical gap={16} data-testid="review-detail">
          <Flex gap={8} align="center" wrap>
            <KindTag kind={resource.kind} />
            <Typography.Title level={4} style={{ margin: 0 }}>
              {resource.name}
            </Typography.Title>
          </Flex>
          <Descriptions
            size="small"
            bordered
            column={1}
            items={[
              { key: 'inst', label: t('resourceAdmin.institution'), children: resource.institutionName },
              {
                key: 'town',
                label: t('resourceAdmin.town'),
                children: i18n.language === 'zh-CN' ? resource.townName : resource.townNameEn,
              },
              { key: 'sharing', label: t('resourceAdmin.sharing'), children: t(`resourceAdmin.sharing_${resource.sharing}`) },
              { key: 'fee', label: t('resources.fee'), children: feeText(resource) },
              { key: 'acc', label: t('resources.accreditations'), children: resource.accreditations.join('、') || '—' },
              { key: 'ind', label: t('resources.industries'), children: resource.industries.join('、') || '—' },
              { key: 'contact', label: t('resources.contact'), children: resource.contactName ?? '—' },
              { key: 'summary', label: t('resources.summary'), children: resource.summary ?? '—' },
            ]}
          />
          <KindFields resource={resource} />
          {resource.openingHours ? <OpeningHoursTable hours={resource.openingHours} /> : null}
        </Flex>
      )}
    </QueryState>
  );
}

/** Town admins review their town's submissions, the city admin everyone's: publish, or return with a reason. */
export function ResourceReviewPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { me } = useAuth();
  const search = useSearchState();
  const statusParam = search.get('reviewStatus');
  const reviewStatus = statusParam === 'all' ? undefined : (statusParam ?? 'submitted');
  const list = useManagedResources({
    q: search.get('q'),
    kind: search.get('kind'),
    reviewStatus,
    page: search.page,
    pageSize: search.pageSize,
  });
  const review = useReviewResource();
  const [viewing, setViewing] = useState<Resource | null>(null);
  const [rejecting, setRejecting] = useState<Resource | null>(null);
  const [form] = Form.useForm<{ comment: string }>();

  const publish = (row: Resource) =>
    review.mutate(
      { id: row.id, decision: 'publish' },
      {
        onSuccess: () => {
          message.success(t('resourceAdmin.published'));
          setViewing(null);
        },
        onError: (failure) => message.error(errorMessage(failure)),
      },
    );
  const reject = ({ comment }: { comment: string }) => {
    if (!rejecting) return;
    review.mutate(
      { id: rejecting.id, decision: 'reject', comment: comment.trim() },
      {
        onSuccess: () => {
          message.success(t('resourceAdmin.rejected'));
          setRejecting(null);
          setViewing(null);
        },
        onError: (failure) => message.error(errorMessage(failure)),
      },
    );
  };
  const actions = (row: Resource) =>
    row.reviewStatus === 'submitted' ? (
      <Space size={0}>
        <Button
          type="link"
          size="small"
          onClick={() => publish(row)}
          loading={review.isPending && review.variables?.id === row.id && review.variables.decision === 'publish'}
          data-testid="review-publish"
        >
          {t('resourceAdmin.reviewPublish')}
        </Button>
        <Button
          type="link"
          size="small"
          danger
          onClick={() => {
            form.resetFields();
            setRejecting(row);
          }}
          data-testid="review-reject"
        >
          {t('resourceAdmin.reviewReject')}
        </Button>
      </Space>
    ) : null;

  return (
    <>
      <PageHeader
        title={t('resourceAdmin.reviewTitle')}
        subtitle={t(me?.role === 'city_admin' ? 'resourceAdmin.reviewSubtitleCity' : 'resourceAdmin.reviewSubtitleTown')}
        extra={
          <Select
            style={{ width: 150 }}
            value={statusParam ?? 'submitted'}
            onChange={(value) => search.update({ reviewStatus: value })}
            data-testid="review-status-filter"
            options={[
              ...resourceReviewStatuses.map((status) => ({ value: status, label: t(`resourceAdmin.status_${status}`) })),
              { value: 'all', label: t('common.all') },
            ]}
          />
        }
      />
      <Filters search={search} withStatus={false} />
      <ListTable<Resource>
        data-testid="review-queue"
        list={list}
        page={search.page}
        pageSize={search.pageSize}
        onPageChange={(page, pageSize) => search.update({ page, pageSize })}
        scroll={{ x: 900 }}
        columns={[
          {
            title: t('resourceAdmin.name'),
            dataIndex: 'name',
            render: (name: string, row) => (
              <Typography.Link onClick={() => setViewing(row)} data-testid="review-open">
                {name}
              </Typography.Link>
            ),
          },
          { title: t('resourceAdmin.kind'), dataIndex: 'kind', width: 110, render: (kind: Resource['kind']) => <KindTag kind={kind} /> },
          { title: t('resourceAdmin.institution'), dataIndex: 'institutionName' },
          { title: t('resourceAdmin.town'), dataIndex: 'townName', width: 110 },
          { title: t('resourceAdmin.status'), key: 'status', width: 180, render: (_v, row) => <ReviewStatusTag resource={row} /> },
          { title: t('resourceAdmin.updatedAt'), dataIndex: 'updatedAt', width: 170, render: (value: string) => formatDateTime(value) },
          { title: t('common.actions'), key: 'actions', width: 150, render: (_v, row) => actions(row) },
        ]}
      />
      <Drawer
        open={viewing !== null}
        size={640}
        onClose={() => setViewing(null)}
        title={t('resourceAdmin.reviewTitle')}
        extra={viewing ? actions(viewing) : null}
        destroyOnHidden
      >
        {viewing ? <ReviewDetail id={viewing.id} /> : null}
      </Drawer>
      <Modal
        open={rejecting !== null}
        title={t('resourceAdmin.rejectTitle')}
        onCancel={() => setRejecting(null)}
        onOk={() => form.submit()}
        okText={t('resourceAdmin.reviewReject')}
        okButtonProps={{
          danger: true,
          loading: review.isPending,
          ...({ 'data-testid': 'review-reject-confirm' } as Record<`data-${string}`, string>),
        }}
        cancelText={t('common.cancel')}
        forceRender
      >
        <Typography.Paragraph>{rejecting?.name}</Typography.Paragraph>
        <Form form={form} layout="vertical" onFinish={reject}>
          <Form.Item
            name="comment"
            label={t('resourceAdmin.rejectReason')}
            rules={[{ required: true, whitespace: true, message: t('validation.required', { field: t('resourceAdmin.rejectReason') }) }]}
          >
            <Input.TextArea
              rows={4}
              maxLength={1000}
              placeholder={t('resourceAdmin.rejectReasonPlaceholder')}
              data-testid="review-reason"
            />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
