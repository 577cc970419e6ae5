import { PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { SERVICE_CATEGORIES } from '@innotown/contracts/service-categories';
import {
  REQUIREMENT_DEADLINE_MAX_DAYS,
  type RequirementCreate,
  requirementStatuses,
  type ServiceRequirement,
} from '@innotown/contracts/service-requirements';
import { Button, DatePicker, Flex, Form, Input, InputNumber, Modal, Select, Space, Tabs, Typography, Upload, type UploadFile } from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { errorMessage } from '../../app/api-client.ts';
import { useAuth } from '../../app/auth/auth-context.tsx';
import { formatDateTime, shanghaiToday } from '../../app/format/datetime.ts';
import { yuanToFen } from '../../app/format/money.ts';
import { FormErrorAlert } from '../../app/forms/form-error-alert.tsx';
import { useFormDialog } from '../../app/forms/use-form-dialog.ts';
import { ListTable } from '../../app/ui/list-table.tsx';
import { PageHeader } from '../../app/ui/page-header.tsx';
import { useSearchState } from '../../app/ui/use-search-state.ts';
import { CategoryTag, useCategoryLabel } from '../services/service-format.tsx';
import { deadlineDay, RequirementStatusTag, useBudgetText } from './requirement-format.tsx';
import { uploadAttachment, usePostRequirement, useRequirements, useTownOptions } from './requirements-api.ts';
import './requirements-i18n.ts';

type FormValues = {
  category: RequirementCreate['category'];
  title: string;
  description: string;
  budgetMinYuan?: number | null;
  budgetMaxYuan?: number | null;
  deadline: Dayjs;
};

function PostRequirementDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const categoryLabel = useCategoryLabel();
  const [form] = Form.useForm<FormValues>();
  const save = usePostRequirement();
  const [files, setFiles] = useState<UploadFile[]>([]);
  const dialog = useFormDialog({
    form,
    open,
    save,
    onClose,
    rename: { budgetMinFen: 'budgetMinYuan', budgetMaxFen: 'budgetMaxYuan', quoteDeadline: 'deadline' },
  });
  const { reset } = dialog;
  useEffect(() => {
    if (!open) return;
    setFiles([]);
    reset({ category: 'testing', deadline: shanghaiToday().add(14, 'day') });
  }, [open, reset]);
  const uploading = files.some((f) => f.status === 'uploading');
  const finish = (v: FormValues) => {
    const body: RequirementCreate = {
      category: v.category,
      title: v.title,
      description: v.description,
      budgetMinFen: v.budgetMinYuan == null ? null : yuanToFen(v.budgetMinYuan),
      budgetMaxFen: v.budgetMaxYuan == null ? null : yuanToFen(v.budgetMaxYuan),
      quoteDeadline: v.deadline.format('YYYY-MM-DD'),
      attachmentFileIds: files.flatMap((f) => (f.status === 'done' && f.uid ? [f.uid] : [])),
    };
    dialog.submit(body, t('requirements.posted'), (saved) => navigate(`/requirements/${saved.id}`));
  };
  return (
    <Modal
      {...dialog.modalProps}
      title={t('requirements.postTitle')}
      width={680}
      okText={t('requirements.post')}
      okButtonProps={{ disabled: uploading }}
    >
      <FormErrorAlert error={dialog.error} />
      <Form<FormValues> form={form} layout="vertical" onFinish={finish} data-testid="requirement-form">
        <Form.Item name="category" label={t('requirements.category')} rules={[{ required: true }]}>
          <Select
            options={SERVICE_CATEGORIES.map((c) => ({ value: c, label: categoryLabel(c) }))}
            data-testid="requirement-form-category"
          />
        </Form.Item>
        <Form.Item name="title" label={t('requirements.titleField')} rules={[{ required: true, whitespace: true, max: 120 }]}>
          <Input maxLength={120} data-testid="requirement-form-title" />
        </Form.Item>
        <Form.Item name="description" label={t('requirements.description')} rules={[{ required: true, whitespace: true, max: 4000 }]}>
          <Input.TextArea rows={4} placeholder={t('requirements.descriptionPlaceholder')} data-testid="requirement-form-description" />
        </Form.Item>
        <Space size={12} wrap>
          <Form.Item name="budgetMinYuan" label={t('requirements.budgetMinYuan')}>
            <InputNumber min={0} max={100_000_000} precision={2} style={{ width: 180 }} />
          </Form.Item>
          <Form.Item
            name="budgetMaxYuan"
            label={t('requirements.budgetMaxYuan')}
            dependencies={['budgetMinYuan']}
            rules={[
              ({ getFieldValue }) => ({
                validator: (_rule, value: number | null | undefined) => {
                  const min = getFieldValue('budgetMinYuan') as number | null | undefined;
                  return value == null || min == null || value >= min
                    ? Promise.resolve()
                    : Promise.reject(new Error(t('requirements.budgetRangeInvalid')));
                },
              }),
            ]}
          >
            <InputNumber min={0} max={100_000_000} precision={2} style={{ width: 180 }} />
          </Form.Item>
          <Form.Item name="deadline" label={t('requirements.deadline')} rules={[{ required: true }]} extra={t('requirements.deadlineHelp')}>
            <DatePicker
              allowClear={false}
              disabledDate={(d) =>
                !d.isAfter(shanghaiToday(), 'day') || d.isAfter(shanghaiToday().add(REQUIREMENT_DEADLINE_MAX_DAYS, 'day'), 'day')
              }
            />
          </Form.Item>
        </Space>
        <Form.Item label={t('requirements.attachments')}>
          <Upload
            fileList={files}
            maxCount={10}
            customRequest={({ file, onSuccess, onError }) => {
              uploadAttachment(file as File).then(
                (stored) => onSuccess?.(stored),
                (failure: unknown) => onError?.(new Error(errorMessage(failure))),
              );
            }}
            onChange={({ fileList }) =>
              setFiles(
                fileList.map((f) => {
                  const id = (f.response as { id?: string } | undefined)?.id;
                  return id ? { ...f, uid: id } : f;
                }),
              )
            }
          >
            <Button icon={<UploadOutlined />}>{t('requirements.upload')}</Button>
          </Upload>
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 需求大厅: an enterprise's own requirements, the open ones for providers (every town), a town's or all for admins. */
export function RequirementsPage() {
  const { t, i18n } = useTranslation();
  const { me } = useAuth();
  const role = me?.role;
  const search = useSearchState(20);
  const categoryLabel = useCategoryLabel();
  const budget = useBudgetText();
  const towns = useTownOptions();
  const [posting, setPosting] = useState(false);
  const q = search.get('q') ?? '';
  const [text, setText] = useState(q);
  useEffect(() => setText(q), [q]);
  const tab = role === 'provider' ? (search.get('tab') ?? 'open') : 'all';
  const query = {
    q: q || undefined,
    category: search.get('category'),
    townId: search.get('townId'),
    status: role === 'provider' && tab === 'open' ? 'open' : search.get('status'),
    quoted: role === 'provider' && tab === 'quoted' ? 'true' : undefined,
    page: search.page,
    pageSize: search.pageSize,
  };
  const list = useRequirements(query);
  const subtitle =
    role === 'enterprise'
      ? t('requirements.subtitle_enterprise')
      : role === 'provider'
        ? t('requirements.subtitle_provider')
        : t('requirements.subtitle_admin');
  const townName = (r: ServiceRequirement) => (i18n.language === 'en-US' ? r.townNameEn : r.townName);

  return (
    <>
      <PageHeader
        title={t('requirements.title')}
        subtitle={subtitle}
        extra={
          role === 'enterprise' ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setPosting(true)} data-testid="requirement-post">
              {t('requirements.post')}
            </Button>
          ) : null
        }
      />
      {role === 'provider' ? (
        <Tabs
          activeKey={tab}
          onChange={(key) => search.update({ tab: key === 'open' ? null : key, status: null })}
          items={[
            { key: 'open', label: t('requirements.tabOpen') },
            { key: 'quoted', label: t('requirements.tabQuoted') },
          ]}
        />
      ) : null}
      <Flex wrap gap={12} style={{ marginBottom: 12 }}>
        <Input.Search
          allowClear
          style={{ width: 280 }}
          placeholder={t('requirements.searchPlaceholder')}
          value={text}
          maxLength={100}
          onChange={(e) => setText(e.target.value)}
          onSearch={(value) => search.update({ q: value.trim() })}
          data-testid="requirement-search"
        />
        <Select
          allowClear
          style={{ width: 160 }}
          placeholder={t('requirements.allCategories')}
          value={search.get('category') ?? null}
          onChange={(value) => search.update({ category: value ?? null })}
          options={SERVICE_CATEGORIES.map((c) => ({ value: c, label: categoryLabel(c) }))}
          data-testid="requirement-category-filter"
        />
        {role !== 'enterprise' && role !== 'town_admin' ? (
          <Select
            allowClear
            showSearch
            optionFilterProp="label"
            style={{ width: 160 }}
            placeholder={t('requirements.town')}
            loading={towns.isPending}
            value={search.get('townId') ?? null}
            onChange={(value) => search.update({ townId: value ?? null })}
            options={(towns.data?.items ?? []).map((town) => ({
              value: town.id,
              label: i18n.language === 'en-US' ? town.nameEn : town.name,
            }))}
          />
        ) : null}
        {!(role === 'provider' && tab === 'open') ? (
          <Select
            allowClear
            style={{ width: 140 }}
            placeholder={t('requirements.allStatuses')}
            value={search.get('status') ?? null}
            onChange={(value) => search.update({ status: value ?? null })}
            options={requirementStatuses.map((s) => ({ value: s, label: t(`requirements.status_${s}`) }))}
          />
        ) : null}
      </Flex>
      <ListTable<ServiceRequirement>
        data-testid="requirement-list"
        list={list}
        page={search.page}
        pageSize={search.pageSize}
        onPageChange={(page, pageSize) => search.update({ page, pageSize })}
        columns={[
          {
            title: t('requirements.titleField'),
            dataIndex: 'title',
            render: (_v, r) => (
              <Space direction="vertical" size={0}>
                <Link to={`/requirements/${r.id}`}>{r.title}</Link>
                {role !== 'enterprise' ? (
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {r.enterpriseName} · {townName(r)}
                  </Typography.Text>
                ) : null}
              </Space>
            ),
          },
          {
            title: t('requirements.category'),
            dataIndex: 'category',
            width: 130,
            render: (_v, r) => <CategoryTag category={r.category} />,
          },
          { title: t('requirements.budget'), key: 'budget', width: 220, render: (_v, r) => budget(r) },
          { title: t('requirements.deadline'), dataIndex: 'quoteDeadline', width: 120, render: (v: string) => deadlineDay(v) },
          { title: t('requirements.quoteCount'), dataIndex: 'quoteCount', width: 90, align: 'right' },
          {
            title: t('requirements.status'),
            dataIndex: 'status',
            width: 100,
            render: (_v, r) => <RequirementStatusTag status={r.status} />,
          },
          { title: t('requirements.createdAt'), dataIndex: 'createdAt', width: 160, render: (v: string) => formatDateTime(v) },
        ]}
      />
      {list.data && list.data.total === 0 && role === 'enterprise' && !q ? (
        <Typography.Paragraph type="secondary" style={{ textAlign: 'center' }}>
          {t('requirements.noRequirementsEnterprise')}
        </Typography.Paragraph>
      ) : null}
      <PostRequirementDialog open={posting} onClose={() => setPosting(false)} />
    </>
  );
}
