import { BarChartOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { type PreExamApplication, type PreExamCreate, preExamStatuses } from '@innotown/contracts/pre-examination';
import { Button, Flex, Form, Input, Modal, message, Select, Tag, Typography, Upload, type UploadFile } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { ApiError, errorMessage } from '../../app/api-client.ts';
import { useAuth } from '../../app/auth/auth-context.tsx';
import { formatDate } from '../../app/format/datetime.ts';
import { applyApiErrorToForm } from '../../app/forms/api-form-errors.ts';
import { ListTable } from '../../app/ui/list-table.tsx';
import { PageHeader } from '../../app/ui/page-header.tsx';
import { useSearchState } from '../../app/ui/use-search-state.ts';
import { useCentreMe } from '../ip-cases/ip-cases-api.ts';
import { uploadAttachment } from '../service-requirements/requirements-api.ts';
import { useApplications, useClasses, useSubmitApplication } from './pre-exam-api.ts';
import './pre-exam-i18n.ts';

const STATUS_COLOR = { submitted: 'gold', returned: 'orange', passed: 'blue', granted: 'green' } as const;

export function PreExamStatusTag({ status }: { status: PreExamApplication['status'] }) {
  const { t } = useTranslation();
  return <Tag color={STATUS_COLOR[status]}>{t(`preExam.statuses.${status}`)}</Tag>;
}

export function DraftUpload({ files, setFiles }: { files: UploadFile[]; setFiles: (f: UploadFile[]) => void }) {
  const { t } = useTranslation();
  return (
    <Upload
      fileList={files}
      maxCount={10}
      customRequest={({ file, onSuccess, onError }) => {
        uploadAttachment(file as File).then(
          (stored) => onSuccess?.(stored),
          (failure: unknown) => onError?.(new Error(errorMessage(failure))),
        );
      }}
      onChange={({ fileList }) => setFiles(fileList)}
    >
      <Button icon={<UploadOutlined />}>{t('preExam.upload')}</Button>
    </Upload>
  );
}
export const uploadedIds = (files: UploadFile[]) =>
  files.map((f) => (f.response as { id?: string } | undefined)?.id).filter((x): x is string => !!x);

/** The 422 PRE_EXAM_NOT_ELIGIBLE reasons, in words. */
export function eligibilityMessage(t: (k: never) => string, failure: unknown): string | null {
  if (!(failure instanceof ApiError) || failure.code !== 'PRE_EXAM_NOT_ELIGIBLE') return null;
  const reasons = ((failure as unknown as { details?: { reasons?: string[] } }).details?.reasons ?? []) as string[];
  const tr = t as unknown as (k: string) => string;
  return `${tr('preExam.notEligible')}${reasons.map((r) => tr(`preExam.reasons.${r}`)).join('；')}`;
}

function SubmitDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Omit<PreExamCreate, 'draftFileIds'>>();
  const [files, setFiles] = useState<UploadFile[]>([]);
  const submit = useSubmitApplication();
  const navigate = useNavigate();
  const classes = useClasses();
  const onOk = async () => {
    const values = await form.validateFields();
    try {
      const a = await submit.mutateAsync({ ...values, draftFileIds: uploadedIds(files) });
      void message.success(t('preExam.submitted'));
      onClose();
      navigate(`/pre-examination/${a.id}`);
    } catch (failure) {
      const eligibility = eligibilityMessage(t, failure);
      if (eligibility) {
        void message.error(eligibility);
        return;
      }
      const loose = applyApiErrorToForm(form, failure);
      if (loose) void message.error(loose);
    }
  };
  return (
    <Modal
      open={open}
      title={t('preExam.submit')}
      onCancel={onClose}
      onOk={() => void onOk()}
      confirmLoading={submit.isPending}
      destroyOnHidden
      width={640}
    >
      <Typography.Paragraph type="secondary">
        {t('preExam.classes')}
        {(classes.data?.items ?? [])
          .map((c) => `${c.prefix}${c.scheme === 'locarno' ? '*' : c.prefix.endsWith('/') ? '*' : '*'} ${c.label}`)
          .join('、')}
      </Typography.Paragraph>
      <Form form={form} layout="vertical" initialValues={{ kind: 'design' }} data-testid="pre-exam-form">
        <Form.Item name="title" label={t('preExam.titleField')} rules={[{ required: true, max: 200 }]}>
          <Input />
        </Form.Item>
        <Flex gap={12} wrap>
          <Form.Item name="kind" label={t('preExam.kind')} rules={[{ required: true }]}>
            <Select
              style={{ width: 140 }}
              options={(['design', 'utility_model'] as const).map((k) => ({ value: k, label: t(`preExam.kinds.${k}`) }))}
            />
          </Form.Item>
          <Form.Item name="classCode" label={t('preExam.classCode')} rules={[{ required: true }]} extra={t('preExam.classHelp')}>
            <Input style={{ width: 200 }} />
          </Form.Item>
        </Flex>
        <Form.Item name="applicantCreditCode" label={t('preExam.creditCode')} rules={[{ required: true, len: 18 }]}>
          <Input maxLength={18} style={{ width: 240 }} />
        </Form.Item>
        <Form.Item label={t('preExam.drafts')} required>
          <DraftUpload files={files} setFiles={setFiles} />
        </Form.Item>
        <Form.Item name="note" label={t('preExam.note')}>
          <Input.TextArea rows={2} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 快速预审: the applicant's applications (submit, resubmit) or the centre's examination queue. */
export function PreExamPage() {
  const { t } = useTranslation();
  const { me } = useAuth();
  const centre = useCentreMe();
  const { page, pageSize, get, update } = useSearchState();
  const list = useApplications({ page, pageSize, status: get('status') });
  const [open, setOpen] = useState(false);
  const isEnterprise = me?.role === 'enterprise';
  const staff = me?.role === 'city_admin' || centre.data?.duty === 'admin' || centre.data?.duty === 'examiner';
  return (
    <>
      <PageHeader
        title={t('preExam.title')}
        subtitle={isEnterprise ? t('preExam.subtitle_enterprise') : t('preExam.subtitle_staff')}
        extra={
          <>
            {staff ? (
              <Link to="/pre-examination/cycle-times">
                <Button icon={<BarChartOutlined />}>{t('preExam.cycleTimes')}</Button>
              </Link>
            ) : null}
            {isEnterprise ? (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpen(true)} data-testid="pre-exam-submit">
                {t('preExam.submit')}
              </Button>
            ) : null}
          </>
        }
      />
      <Flex gap={8} style={{ marginBottom: 12 }}>
        <Select
          allowClear
          style={{ width: 160 }}
          placeholder={t('preExam.status')}
          value={get('status')}
          onChange={(status) => update({ status })}
          options={preExamStatuses.map((s) => ({ value: s, label: t(`preExam.statuses.${s}`) }))}
        />
      </Flex>
      <ListTable<PreExamApplication>
        list={list}
        page={page}
        pageSize={pageSize}
        onPageChange={(p, s) => update({ page: String(p), pageSize: String(s) })}
        data-testid="pre-exam-list"
        columns={[
          {
            title: t('preExam.number'),
            dataIndex: 'number',
            width: 120,
            render: (n: string, a) => <Link to={`/pre-examination/${a.id}`}>{n}</Link>,
          },
          {
            title: t('preExam.titleField'),
            dataIndex: 'title',
            render: (n: string, a) => <Link to={`/pre-examination/${a.id}`}>{n}</Link>,
          },
          { title: t('preExam.kind'), dataIndex: 'kind', width: 100, render: (k: PreExamApplication['kind']) => t(`preExam.kinds.${k}`) },
          { title: t('preExam.classCode'), dataIndex: 'classCode', width: 110 },
          ...(isEnterprise ? [] : [{ title: t('preExam.enterprise'), dataIndex: 'enterpriseName' }]),
          {
            title: t('preExam.status'),
            dataIndex: 'status',
            width: 110,
            render: (s: PreExamApplication['status']) => <PreExamStatusTag status={s} />,
          },
          { title: t('preExam.round'), dataIndex: 'round', width: 70 },
          { title: t('preExam.submittedAt'), dataIndex: 'firstSubmittedAt', width: 120, render: (d: string) => formatDate(d) },
          { title: t('preExam.applicationNumber'), dataIndex: 'applicationNumber', width: 150, render: (n: string | null) => n ?? '—' },
        ]}
      />
      {isEnterprise ? <SubmitDialog open={open} onClose={() => setOpen(false)} /> : null}
    </>
  );
}
