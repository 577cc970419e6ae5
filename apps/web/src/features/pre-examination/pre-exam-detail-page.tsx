import type { PreExamApplication } from '@innotown/contracts/pre-examination';
import {
  Button,
  Card,
  Checkbox,
  DatePicker,
  Descriptions,
  Form,
  Input,
  Modal,
  message,
  Space,
  Timeline,
  Typography,
  type UploadFile,
} from 'antd';
import type dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { useAuth } from '../../app/auth/auth-context.tsx';
import { formatDate, formatDateTime, shanghaiToday } from '../../app/format/datetime.ts';
import { applyApiErrorToForm } from '../../app/forms/api-form-errors.ts';
import { PageHeader } from '../../app/ui/page-header.tsx';
import { QueryState } from '../../app/ui/query-state.tsx';
import { useCentreMe } from '../ip-cases/ip-cases-api.ts';
import { type PreExamCommand, useApplication, usePreExamCommand } from './pre-exam-api.ts';
import { DraftUpload, PreExamStatusTag, uploadedIds } from './pre-exam-page.tsx';
import './pre-exam-i18n.ts';

type Dialog = { command: PreExamCommand; decision?: 'passed' | 'returned'; title: string } | null;

function ApplicationView({ a }: { a: PreExamApplication }) {
  const { t } = useTranslation();
  const { me } = useAuth();
  const centre = useCentreMe();
  const staff = centre.data?.duty === 'admin' || centre.data?.duty === 'examiner';
  const own = me?.role === 'enterprise' && me.scope.enterpriseId === a.enterpriseId;
  const [dialog, setDialog] = useState<Dialog>(null);
  const [files, setFiles] = useState<UploadFile[]>([]);
  const [form] = Form.useForm();
  const run = usePreExamCommand(a.id);
  const submit = async () => {
    if (!dialog) return;
    const v = (await form.validateFields()) as Record<string, unknown>;
    const body =
      dialog.command === 'review'
        ? { decision: dialog.decision, advice: v.advice ?? null }
        : dialog.command === 'resubmit'
          ? { draftFileIds: uploadedIds(files), note: v.note ?? null }
          : dialog.command === 'forward'
            ? { forwardedOn: (v.date as dayjs.Dayjs).format('YYYY-MM-DD') }
            : {
                grantedOn: (v.date as dayjs.Dayjs).format('YYYY-MM-DD'),
                applicationNumber: v.applicationNumber,
                linkPatent: v.linkPatent ?? true,
              };
    try {
      await run.mutateAsync({ command: dialog.command, body });
      void message.success(t('preExam.done'));
      setDialog(null);
      setFiles([]);
      form.resetFields();
    } catch (failure) {
      const loose = applyApiErrorToForm(form, failure, { forwardedOn: 'date', grantedOn: 'date' });
      if (loose) void message.error(loose);
    }
  };
  return (
    <>
      <PageHeader
        title={
          <Space>
            {a.number} {a.title} <PreExamStatusTag status={a.status} />
          </Space>
        }
        subtitle={`${t(`preExam.kinds.${a.kind}`)} · ${a.classCode} · ${a.enterpriseName}`}
        extra={
          <Space wrap>
            {staff && a.status === 'submitted' ? (
              <>
                <Button type="primary" onClick={() => setDialog({ command: 'review', decision: 'passed', title: t('preExam.pass') })}>
                  {t('preExam.pass')}
                </Button>
                <Button danger onClick={() => setDialog({ command: 'review', decision: 'returned', title: t('preExam.return') })}>
                  {t('preExam.return')}
                </Button>
              </>
            ) : null}
            {own && a.status === 'returned' ? (
              <Button type="primary" onClick={() => setDialog({ command: 'resubmit', title: t('preExam.resubmit') })}>
                {t('preExam.resubmit')}
              </Button>
            ) : null}
            {staff && a.status === 'passed' && !a.forwardedOn ? (
              <Button type="primary" onClick={() => setDialog({ command: 'forward', title: t('preExam.forward') })}>
                {t('preExam.forward')}
              </Button>
            ) : null}
            {staff && a.status === 'passed' && a.forwardedOn ? (
              <Button type="primary" onClick={() => setDialog({ command: 'grant', title: t('preExam.grant') })}>
                {t('preExam.grant')}
              </Button>
            ) : null}
          </Space>
        }
      />
      <Card style={{ marginBottom: 16 }}>
        <Descriptions size="small" column={{ xs: 1, md: 3 }}>
          <Descriptions.Item label={t('preExam.creditCode')}>{a.applicantCreditCode}</Descriptions.Item>
          <Descriptions.Item label={t('preExam.submittedAt')}>{formatDateTime(a.firstSubmittedAt)}</Descriptions.Item>
          <Descriptions.Item label={t('preExam.round')}>{a.round}</Descriptions.Item>
          <Descriptions.Item label={t('preExam.pass')}>{a.passedAt ? formatDateTime(a.passedAt) : '—'}</Descriptions.Item>
          <Descriptions.Item label={t('preExam.forwardedOn')}>{a.forwardedOn ? formatDate(a.forwardedOn) : '—'}</Descriptions.Item>
          <Descriptions.Item label={t('preExam.grantedOn')}>
            {a.grantedOn ? `${formatDate(a.grantedOn)} · ${a.applicationNumber}` : '—'}
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Card title={t('preExam.rounds')} data-testid="pre-exam-rounds">
        <Timeline
          items={(a.rounds ?? []).map((r) => ({
            color: r.decision === 'passed' ? 'green' : r.decision === 'returned' ? 'orange' : 'blue',
            children: (
              <>
                <Typography.Text strong>{t('preExam.roundN', { n: r.round })}</Typography.Text> · {formatDateTime(r.submittedAt)}
                {r.note ? <div>{r.note}</div> : null}
                <div>
                  {r.files.map((f) => (
                    <a key={f.id} href={`/api/v1/pre-examination/applications/${a.id}/files/${f.id}/content`} style={{ marginRight: 12 }}>
                      {f.filename}
                    </a>
                  ))}
                </div>
                {r.decision ? (
                  <Typography.Paragraph type={r.decision === 'returned' ? 'warning' : 'success'} style={{ marginBottom: 0 }}>
                    {t(r.decision === 'passed' ? 'preExam.pass' : 'preExam.return')} · {r.decidedByName} ·{' '}
                    {r.decidedAt ? formatDateTime(r.decidedAt) : ''}
                    {r.advice ? ` — ${t('preExam.advice')}：${r.advice}` : ''}
                  </Typography.Paragraph>
                ) : null}
              </>
            ),
          }))}
        />
      </Card>
      <Modal
        open={dialog !== null}
        title={dialog?.title}
        onCancel={() => setDialog(null)}
        onOk={() => void submit()}
        confirmLoading={run.isPending}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" initialValues={{ date: shanghaiToday(), linkPatent: true }}>
          {dialog?.command === 'review' ? (
            <Form.Item name="advice" label={t('preExam.advice')} rules={[{ required: dialog.decision === 'returned' }]}>
              <Input.TextArea rows={4} />
            </Form.Item>
          ) : null}
          {dialog?.command === 'resubmit' ? (
            <>
              <Form.Item label={t('preExam.drafts')} required>
                <DraftUpload files={files} setFiles={setFiles} />
              </Form.Item>
              <Form.Item name="note" label={t('preExam.note')}>
                <Input.TextArea rows={2} />
              </Form.Item>
            </>
          ) : null}
          {dialog?.command === 'forward' || dialog?.command === 'grant' ? (
            <Form.Item
              name="date"
              label={dialog.command === 'forward' ? t('preExam.forwardedOn') : t('preExam.grantedOn')}
              rules={[{ required: true }]}
            >
              <DatePicker disabledDate={(d) => d.isAfter(shanghaiToday(), 'day')} />
            </Form.Item>
          ) : null}
          {dialog?.command === 'grant' ? (
            <>
              <Form.Item name="applicationNumber" label={t('preExam.applicationNumber')} rules={[{ required: true }]}>
                <Input placeholder="202620123456.X" />
              </Form.Item>
              <Form.Item name="linkPatent" valuePropName="checked">
                <Checkbox>{t('preExam.linkPatent')}</Checkbox>
              </Form.Item>
            </>
          ) : null}
        </Form>
      </Modal>
    </>
  );
}

export function PreExamDetailPage() {
  const { id = '' } = useParams();
  const query = useApplication(id);
  return <QueryState query={query}>{(a) => <ApplicationView a={a} />}</QueryState>;
}
