import type { IpCase, IpCaseTrack } from '@innotown/contracts/ip-cases';
import { ipCaseOutcomes } from '@innotown/contracts/ip-cases';
import {
  Alert,
  Button,
  Card,
  Col,
  DatePicker,
  Descriptions,
  Empty,
  Form,
  Input,
  Modal,
  message,
  Row,
  Select,
  Space,
  Steps,
  Timeline,
  Typography,
} from 'antd';
import type dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { useAuth } from '../../app/auth/auth-context.tsx';
import { formatDate, formatDateTime, shanghaiDate, shanghaiToday } from '../../app/format/datetime.ts';
import { applyApiErrorToForm } from '../../app/forms/api-form-errors.ts';
import { PageHeader } from '../../app/ui/page-header.tsx';
import { QueryState } from '../../app/ui/query-state.tsx';
import { CaseStatusTag, OverdueTag, TrackTag } from './ip-case-format.tsx';
import { type CaseCommand, useCase, useCaseCommand, useCentreMe, useCentreStaff } from './ip-cases-api.ts';
import './ip-cases-i18n.ts';

type Dialog = { command: CaseCommand; title: string } | null;

function CommandDialog({ c, dialog, onClose }: { c: IpCase; dialog: Dialog; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm();
  const run = useCaseCommand(c.id);
  const staff = useCentreStaff(dialog?.command === 'assign');
  const submit = async () => {
    if (!dialog) return;
    const values = (await form.validateFields()) as Record<string, unknown>;
    const body = dialog.command === 'sessions' ? { ...values, heldOn: (values.heldOn as dayjs.Dayjs).format('YYYY-MM-DD') } : values;
    try {
      await run.mutateAsync({ command: dialog.command, body });
      void message.success(t('ipCases.done'));
      form.resetFields();
      onClose();
    } catch (failure) {
      const loose = applyApiErrorToForm(form, failure);
      if (loose) void message.error(loose);
    }
  };
  const command = dialog?.command;
  return (
    <Modal
      open={dialog !== null}
      title={dialog?.title}
      onCancel={onClose}
      onOk={() => void submit()}
      confirmLoading={run.isPending}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        data-testid="case-command-form"
        initialValues={{ track: c.suggestedTrack, heldOn: shanghaiToday() }}
      >
        {command === 'triage' ? (
          <>
            <Form.Item
              name="track"
              label={`${t('ipCases.track')}（${t('ipCases.suggestedTrack')}：${t(`ipCases.tracks.${c.suggestedTrack}`)}）`}
            >
              <Select options={(['fast', 'normal'] as IpCaseTrack[]).map((k) => ({ value: k, label: t(`ipCases.tracks.${k}`) }))} />
            </Form.Item>
            <Form.Item name="note" label={t('ipCases.triageNote')}>
              <Input.TextArea rows={2} />
            </Form.Item>
          </>
        ) : null}
        {command === 'assign' ? (
          <Form.Item name="officerId" label={t('ipCases.assignOfficer')} rules={[{ required: true }]}>
            <Select
              loading={staff.isPending}
              options={(staff.data?.items ?? [])
                .filter((s) => s.duty !== 'examiner')
                .map((s) => ({ value: s.userId, label: s.displayName }))}
            />
          </Form.Item>
        ) : null}
        {command === 'sessions' ? (
          <>
            <Form.Item name="heldOn" label={t('ipCases.heldOn')} rules={[{ required: true }]}>
              <DatePicker disabledDate={(d) => d.isAfter(shanghaiToday(), 'day') || d.isBefore(shanghaiDate(c.filedAt), 'day')} />
            </Form.Item>
            <Form.Item name="location" label={t('ipCases.location')}>
              <Input />
            </Form.Item>
            <Form.Item name="attendees" label={t('ipCases.attendees')}>
              <Input />
            </Form.Item>
            <Form.Item name="minutes" label={t('ipCases.minutes')} rules={[{ required: true }]}>
              <Input.TextArea rows={4} />
            </Form.Item>
          </>
        ) : null}
        {command === 'outcome' ? (
          <>
            <Form.Item name="outcome" label={t('ipCases.outcome')} rules={[{ required: true }]}>
              <Select options={ipCaseOutcomes.map((o) => ({ value: o, label: t(`ipCases.outcomes.${o}`) }))} />
            </Form.Item>
            <Form.Item name="summary" label={t('ipCases.summary')} rules={[{ required: true }]}>
              <Input.TextArea rows={3} />
            </Form.Item>
          </>
        ) : null}
        {command === 'close' ? (
          <Form.Item name="report" label={t('ipCases.closingReport')} rules={[{ required: true }]}>
            <Input.TextArea rows={5} />
          </Form.Item>
        ) : null}
        {command === 'acknowledge' ? <Typography.Text>{t('ipCases.acknowledge')}？</Typography.Text> : null}
      </Form>
    </Modal>
  );
}

function CaseView({ c }: { c: IpCase }) {
  const { t } = useTranslation();
  const { me } = useAuth();
  const centre = useCentreMe();
  const [dialog, setDialog] = useState<Dialog>(null);
  const isCentreAdmin = me?.role === 'city_admin' || centre.data?.duty === 'admin';
  const handles = isCentreAdmin || c.viewerRole === 'officer';
  const open = (command: CaseCommand, title: string) => setDialog({ command, title });
  const actions = (
    <Space wrap>
      {isCentreAdmin && c.status === 'filed' ? (
        <Button type="primary" onClick={() => open('acknowledge', t('ipCases.acknowledge'))}>
          {t('ipCases.acknowledge')}
        </Button>
      ) : null}
      {isCentreAdmin && c.status === 'acknowledged' ? (
        <Button type="primary" onClick={() => open('triage', t('ipCases.triage'))}>
          {t('ipCases.triage')}
        </Button>
      ) : null}
      {isCentreAdmin && ['triaged', 'assigned', 'mediating'].includes(c.status) ? (
        <Button type={c.status === 'triaged' ? 'primary' : 'default'} onClick={() => open('assign', t('ipCases.assign'))}>
          {c.status === 'triaged' ? t('ipCases.assign') : t('ipCases.reassign')}
        </Button>
      ) : null}
      {handles && ['assigned', 'mediating'].includes(c.status) ? (
        <>
          <Button type="primary" onClick={() => open('sessions', t('ipCases.session'))}>
            {t('ipCases.session')}
          </Button>
          <Button onClick={() => open('outcome', t('ipCases.recordOutcome'))}>{t('ipCases.recordOutcome')}</Button>
        </>
      ) : null}
      {handles && c.status === 'concluded' ? (
        <Button type="primary" onClick={() => open('close', t('ipCases.close'))}>
          {t('ipCases.close')}
        </Button>
      ) : null}
    </Space>
  );
  const stepIndex = { filed: 0, acknowledged: 1, triaged: 2, assigned: 3, mediating: 4, concluded: 5, closed: 6 }[c.status];
  const late = (step: 'intake' | 'firstMediation' | 'close') =>
    c.sla.late.includes(step) ? <Typography.Text type="danger"> {t('ipCases.late')}</Typography.Text> : null;
  return (
    <>
      <PageHeader
        title={
          <Space wrap>
            {c.caseNo} {c.title}
            <CaseStatusTag status={c.status} />
            <TrackTag track={c.track ?? c.suggestedTrack} />
            <OverdueTag c={c} />
          </Space>
        }
        subtitle={`${t(`ipCases.kinds.${c.kind}`)} · ${c.complainantName} · ${t(`ipCases.viewerRoles.${c.viewerRole}`)}`}
        extra={actions}
      />
      <Card style={{ marginBottom: 16 }}>
        <Steps
          size="small"
          current={stepIndex}
          items={(['filed', 'acknowledged', 'triaged', 'assigned', 'mediating', 'concluded', 'closed'] as const).map((s) => ({
            title: t(`ipCases.statuses.${s}`),
          }))}
        />
      </Card>
      <Row gutter={16}>
        <Col xs={24} lg={14}>
          <Card title={t('ipCases.description')} style={{ marginBottom: 16 }}>
            <Descriptions column={1} size="small">
              <Descriptions.Item label={t('ipCases.description')}>{c.description}</Descriptions.Item>
              <Descriptions.Item label={t('ipCases.patent')}>
                {[c.patentNumber, c.patentTitle].filter(Boolean).join(' ') || '—'}
              </Descriptions.Item>
              {c.suspectedProduct ? (
                <Descriptions.Item label={t('ipCases.suspectedProduct')}>{c.suspectedProduct}</Descriptions.Item>
              ) : null}
              {c.seller ? <Descriptions.Item label={t('ipCases.seller')}>{c.seller}</Descriptions.Item> : null}
              {c.marketplaceUrl ? (
                <Descriptions.Item label={t('ipCases.marketplaceUrl')}>
                  <a href={c.marketplaceUrl} target="_blank" rel="noopener noreferrer nofollow">
                    {c.marketplaceUrl}
                  </a>
                </Descriptions.Item>
              ) : null}
              {c.counterpartyName ? (
                <Descriptions.Item label={t('ipCases.counterpartyName')}>{c.counterpartyName}</Descriptions.Item>
              ) : null}
              {c.tradeFair ? <Descriptions.Item label={t('ipCases.tradeFairName')}>{c.tradeFairName}</Descriptions.Item> : null}
              <Descriptions.Item label={t('ipCases.officer')}>{c.officerName ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={t('ipCases.evidence')}>
                {c.viewerRole === 'counterparty' ? (
                  <Typography.Text type="secondary">{t('ipCases.evidenceHidden')}</Typography.Text>
                ) : c.evidence.length === 0 ? (
                  '—'
                ) : (
                  <Space direction="vertical" size={2}>
                    {c.evidence.map((f) => (
                      <a key={f.id} href={`/api/v1/ip-cases/${c.id}/files/${f.id}/content`}>
                        {f.filename}
                      </a>
                    ))}
                  </Space>
                )}
              </Descriptions.Item>
            </Descriptions>
          </Card>
          <Card title={t('ipCases.sessions')} style={{ marginBottom: 16 }} data-testid="case-sessions">
            {c.sessions.length === 0 ? (
              <Empty description={t('ipCases.noSessions')} />
            ) : (
              <Timeline
                items={c.sessions.map((s) => ({
                  children: (
                    <>
                      <Typography.Text strong>{formatDate(s.heldOn)}</Typography.Text> {s.location ?? ''}{' '}
                      {s.attendees ? `· ${s.attendees}` : ''}
                      <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>{s.minutes}</Typography.Paragraph>
                      <Typography.Text type="secondary">{s.recordedByName}</Typography.Text>
                    </>
                  ),
                }))}
              />
            )}
          </Card>
          {c.outcome ? (
            <Card title={t('ipCases.outcome')} style={{ marginBottom: 16 }}>
              <Alert type="info" showIcon message={t(`ipCases.outcomes.${c.outcome}`)} description={c.outcomeSummary} />
              {c.closingReport ? (
                <>
                  <Typography.Title level={5} style={{ marginTop: 16 }}>
                    {t('ipCases.closingReport')}
                  </Typography.Title>
                  <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{c.closingReport}</Typography.Paragraph>
                </>
              ) : null}
            </Card>
          ) : null}
        </Col>
        <Col xs={24} lg={10}>
          <Card title={t('ipCases.steps')} data-testid="case-sla">
            <Descriptions column={1} size="small">
              <Descriptions.Item label={t('ipCases.filedAt')}>{formatDateTime(c.filedAt)}</Descriptions.Item>
              <Descriptions.Item label={t('ipCases.intakeDue')}>
                {formatDate(c.sla.intakeDue)}
                {c.sla.intakeDays !== null ? ` · ${t('ipCases.workingDays', { n: c.sla.intakeDays })}` : ''}
                {late('intake')}
              </Descriptions.Item>
              {c.sla.firstMediationDue ? (
                <Descriptions.Item label={t('ipCases.firstMediationDue')}>
                  {formatDate(c.sla.firstMediationDue)}
                  {c.sla.firstMediationDays !== null ? ` · ${t('ipCases.workingDays', { n: c.sla.firstMediationDays })}` : ''}
                  {late('firstMediation')}
                </Descriptions.Item>
              ) : null}
              <Descriptions.Item label={t('ipCases.closeDue')}>
                {formatDate(c.sla.closeDue)}
                {c.sla.closeDays !== null ? ` · ${t('ipCases.workingDays', { n: c.sla.closeDays })}` : ''}
                {late('close')}
              </Descriptions.Item>
            </Descriptions>
          </Card>
        </Col>
      </Row>
      <CommandDialog c={c} dialog={dialog} onClose={() => setDialog(null)} />
    </>
  );
}

export function IpCaseDetailPage() {
  const { id = '' } = useParams();
  const query = useCase(id);
  return <QueryState query={query}>{(c) => <CaseView c={c} />}</QueryState>;
}
