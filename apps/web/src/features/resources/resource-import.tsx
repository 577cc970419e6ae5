import { DownloadOutlined, InboxOutlined, UploadOutlined } from '@ant-design/icons';
import type { ResourceImportReport, ResourceImportResult } from '@innotown/contracts/resource-import';
import { type ResourceKind, resourceKinds } from '@innotown/contracts/resources';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Dropdown, Flex, Form, Modal, Progress, Result, Select, Table, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import './resource-admin-i18n.ts';
import type { ListResponse } from '@innotown/contracts/common';
import { ApiError, api, downloadFile, errorMessage } from '../../app/api-client.ts';
import { RemoteSelect } from '../../app/ui/remote-select.tsx';
import { downloadReport, importResources, reportOf } from './resource-admin-api.ts';

/** The template of each kind, as Excel or CSV. */
export function TemplateButton() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const items = resourceKinds.flatMap((kind) =>
    (['xlsx', 'csv'] as const).map((format) => ({
      key: `${kind}.${format}`,
      label: t(format === 'xlsx' ? 'resourceAdmin.templateXlsx' : 'resourceAdmin.templateCsv', { kind: t(`resources.kind_${kind}`) }),
    })),
  );
  return (
    <Dropdown
      menu={{
        items,
        onClick: ({ key }) => {
          const [kind, format] = key.split('.') as [ResourceKind, string];
          downloadFile(`/api/v1/resources/templates/${kind}`, { format }, `resource-template-${kind}.${format}`).catch((failure: unknown) =>
            message.error(errorMessage(failure)),
          );
        },
      }}
    >
      <Button icon={<DownloadOutlined />} data-testid="resource-template">
        {t('resourceAdmin.template')}
      </Button>
    </Dropdown>
  );
}

function IssuesTable({ report }: { report: ResourceImportReport }) {
  const { t, i18n } = useTranslation();
  return (
    <Table
      size="small"
      data-testid="import-issues"
      rowKey={(issue) => `${issue.row}-${issue.column}-${issue.messageEn}-${issue.value}`}
      dataSource={report.issues}
      pagination={{ pageSize: 8, hideOnSinglePage: true, showSizeChanger: false }}
      columns={[
        { title: t('resourceAdmin.row'), dataIndex: 'row', width: 70, render: (row: number | null) => row ?? '—' },
        { title: t('resourceAdmin.column'), dataIndex: 'columnLabel', width: 160, render: (label: string | null) => label ?? '—' },
        { title: t('resourceAdmin.value'), dataIndex: 'value', width: 120, ellipsis: true, render: (value: string | null) => value || '—' },
        {
          title: t('resourceAdmin.problem'),
          key: 'problem',
          render: (_v, issue) => (i18n.language === 'zh-CN' ? issue.messageZh : issue.messageEn),
        },
      ]}
    />
  );
}

type Phase =
  | { step: 'choose' }
  | { step: 'uploading'; percent: number }
  | { step: 'processing' }
  | { step: 'done'; result: ResourceImportResult }
  | { step: 'failed'; message: string; report: ResourceImportReport | null };

/** Import of one kind from a spreadsheet: upload progress, then the server's check, then the summary or the report. */
export function ImportButton({ askInstitution = false }: { askInstitution?: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [phase, setPhase] = useState<Phase>({ step: 'choose' });
  const [file, setFile] = useState<File | null>(null);
  const [form] = Form.useForm<{ kind: ResourceKind; institutionId?: string }>();

  const start = async () => {
    const values = await form.validateFields();
    if (!file) return;
    setPhase({ step: 'uploading', percent: 0 });
    try {
      const result = await importResources({ ...values, file }, (percent) =>
        setPhase(percent >= 100 ? { step: 'processing' } : { step: 'uploading', percent }),
      );
      setPhase({ step: 'done', result });
      void queryClient.invalidateQueries({ queryKey: ['resources'] });
    } catch (failure) {
      setPhase({
        step: 'failed',
        message: failure instanceof ApiError ? failure.localizedMessage() : errorMessage(failure),
        report: reportOf(failure),
      });
    }
  };
  const close = () => {
    setOpen(false);
    setPhase({ step: 'choose' });
    setFile(null);
  };
  const busy = phase.step === 'uploading' || phase.step === 'processing';

  return (
    <>
      <Button icon={<UploadOutlined />} onClick={() => setOpen(true)} data-testid="resource-import">
        {t('resourceAdmin.import')}
      </Button>
      <Modal
        open={open}
        title={t('resourceAdmin.importTitle')}
        width={760}
        onCancel={busy ? undefined : close}
        closable={!busy}
        maskClosable={false}
        footer={
          phase.step === 'choose' ? (
            <Flex justify="end" gap={8}>
              <Button onClick={close}>{t('common.cancel')}</Button>
              <Button type="primary" disabled={!file} onClick={() => void start()} data-testid="import-start">
                {t('resourceAdmin.importStart')}
              </Button>
            </Flex>
          ) : busy ? null : (
            <Flex justify="end" gap={8}>
              {phase.step === 'failed' ? <Button onClick={() => setPhase({ step: 'choose' })}>{t('resourceAdmin.again')}</Button> : null}
              <Button type="primary" onClick={close}>
                {t('resourceAdmin.close')}
              </Button>
            </Flex>
          )
        }
      >
        <div data-testid="import-modal">
          {phase.step === 'choose' ? (
            <Form form={form} layout="vertical" initialValues={{ kind: 'instrument' }}>
              <Typography.Paragraph type="secondary">{t('resourceAdmin.importHint')}</Typography.Paragraph>
              <Form.Item name="kind" label={t('resourceAdmin.importKind')} rules={[{ required: true }]}>
                <Select options={resourceKinds.map((kind) => ({ value: kind, label: t(`resources.kind_${kind}`) }))} />
              </Form.Item>
              {askInstitution ? (
                <Form.Item
                  name="institutionId"
                  label={t('resourceAdmin.importInstitution')}
                  rules={[{ required: true, message: t('validation.select', { field: t('resourceAdmin.importInstitution') }) }]}
                >
                  <RemoteSelect
                    resource="institutions"
                    search={async (q, signal) =>
                      (
                        await api.get<ListResponse<{ id: string; name: string }>>('/api/v1/institutions', { q, pageSize: 20 }, signal)
                      ).items.map((i) => ({ value: i.id, label: i.name }))
                    }
                  />
                </Form.Item>
              ) : null}
              <Form.Item label={t('resourceAdmin.importFile')} required>
                <Upload.Dragger
                  accept=".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv"
                  maxCount={1}
                  beforeUpload={(chosen) => {
                    setFile(chosen);
                    return false;
                  }}
                  onRemove={() => setFile(null)}
                  fileList={file ? [{ uid: 'import', name: file.name, status: 'done' }] : []}
                  data-testid="import-file"
                >
                  <p className="ant-upload-drag-icon">
                    <InboxOutlined />
                  </p>
                  <p className="ant-upload-text">{t('resourceAdmin.importDrop')}</p>
                </Upload.Dragger>
              </Form.Item>
            </Form>
          ) : phase.step === 'uploading' ? (
            <Flex vertical align="center" gap={12} style={{ padding: 24 }} data-testid="import-progress">
              <Progress type="circle" percent={phase.percent} />
              <Typography.Text>{t('resourceAdmin.importUploading', { percent: phase.percent })}</Typography.Text>
            </Flex>
          ) : phase.step === 'processing' ? (
            <Flex vertical align="center" gap={12} style={{ padding: 24 }} data-testid="import-progress">
              <Progress percent={100} status="active" showInfo={false} style={{ width: 320 }} />
              <Typography.Text>{t('resourceAdmin.importProcessing')}</Typography.Text>
            </Flex>
          ) : phase.step === 'done' ? (
            <Result
              status="success"
              data-testid="import-done"
              title={t('resourceAdmin.importDone', { count: phase.result.imported })}
              subTitle={t('resourceAdmin.importDoneHint')}
            />
          ) : (
            <Flex vertical gap={12} data-testid="import-failed">
              <Alert type="error" showIcon title={t('resourceAdmin.importFailed')} description={phase.message} />
              {phase.report && phase.report.issues.length > 0 ? (
                <>
                  <Flex justify="space-between" align="center" wrap gap={8}>
                    <Typography.Text strong>
                      {t('resourceAdmin.importIssues', { rows: phase.report.rows, count: phase.report.issueCount })}
                      {phase.report.issueCount > phase.report.issues.length
                        ? ` · ${t('resourceAdmin.importIssuesTruncated', { shown: phase.report.issues.length })}`
                        : ''}
                    </Typography.Text>
                    <Button
                      icon={<DownloadOutlined />}
                      data-testid="import-report-download"
                      onClick={() => {
                        const report = phase.report;
                        if (report) downloadReport(report).catch((failure: unknown) => message.error(errorMessage(failure)));
                      }}
                    >
                      {t('resourceAdmin.downloadReport')}
                    </Button>
                  </Flex>
                  <IssuesTable report={phase.report} />
                </>
              ) : null}
            </Flex>
          )}
        </div>
      </Modal>
    </>
  );
}
