import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { PATENT_IMPORT_MAX_BYTES, type PatentImportIssue, type PatentImportView } from '@innotown/contracts/patent-import';
import { Alert, App, Button, Card, Empty, Flex, Progress, Result, Skeleton, Table, Tag, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, downloadFile, errorMessage } from '../../app/api-client.ts';
import { PageHeader } from '../../app/ui/page-header.tsx';
import { QueryError } from '../../app/ui/query-error.tsx';
import { uploadPatentFile, usePatentImport, usePatentImports } from './patent-import-api.ts';
import './patent-import-i18n.ts';

const STATUS_COLOR: Record<PatentImportView['status'], string> = {
  queued: 'default',
  running: 'processing',
  succeeded: 'green',
  failed: 'red',
};

function IssuesTable({ issues }: { issues: PatentImportIssue[] }) {
  const { t, i18n } = useTranslation();
  return (
    <Table
      size="small"
      data-testid="patent-import-issues"
      rowKey={(issue) => `${issue.row}-${issue.columnLabel}-${issue.code}-${issue.value}`}
      dataSource={issues}
      pagination={{ pageSize: 8, hideOnSinglePage: true, showSizeChanger: false }}
      columns={[
        { title: t('patentImport.row'), dataIndex: 'row', width: 64, render: (row: number | null) => row ?? '—' },
        { title: t('patentImport.number'), dataIndex: 'applicationNumber', width: 150, render: (n: string | null) => n ?? '—' },
        { title: t('patentImport.column'), dataIndex: 'columnLabel', width: 170, render: (label: string | null) => label ?? '—' },
        { title: t('patentImport.value'), dataIndex: 'value', width: 130, ellipsis: true, render: (value: string | null) => value || '—' },
        {
          title: t('patentImport.problem'),
          key: 'problem',
          render: (_v, issue) => (i18n.language === 'zh-CN' ? issue.messageZh : issue.messageEn),
        },
      ]}
    />
  );
}

/** The state of one import: progress while it runs, then the counts or the refusal with its report. */
function ImportStatus({ view, onAgain }: { view: PatentImportView; onAgain: () => void }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const zh = i18n.language === 'zh-CN';
  if (view.status === 'queued' || view.status === 'running') {
    const merging = view.status === 'running' && view.percent >= 99;
    return (
      <Flex vertical align="center" gap={12} style={{ padding: 24 }} data-testid="patent-import-progress">
        <Progress type="circle" percent={view.percent} status="active" />
        <Typography.Text>
          {view.status === 'queued'
            ? t('patentImport.queued')
            : merging
              ? t('patentImport.merging')
              : t('patentImport.running', { records: view.recordsRead, errors: view.errorCount })}
        </Typography.Text>
      </Flex>
    );
  }
  if (view.status === 'succeeded') {
    return (
      <Result
        status="success"
        data-testid="patent-import-done"
        title={t('patentImport.succeeded', { records: view.recordsRead, inserted: view.inserted, updated: view.updated })}
        subTitle={t('patentImport.succeededHint', { filename: view.filename })}
        extra={<Button onClick={onAgain}>{t('patentImport.again')}</Button>}
      />
    );
  }
  const detail = view.errorCode && view.errorCode !== 'PATENT_IMPORT_REJECTED' ? (zh ? view.errorMessageZh : view.errorMessageEn) : null;
  return (
    <Flex vertical gap={12} data-testid="patent-import-failed">
      <Alert
        type="error"
        showIcon
        title={t('patentImport.failed')}
        description={detail ?? t('patentImport.failedRows', { records: view.recordsRead, errors: view.errorCount })}
      />
      {view.issues.length > 0 ? <IssuesTable issues={view.issues} /> : null}
      {view.issues.length > 0 && view.errorCount > view.issues.length ? (
        <Typography.Text type="secondary">{t('patentImport.moreIssues', { shown: view.issues.length })}</Typography.Text>
      ) : null}
      <Flex gap={8}>
        {view.hasReport ? (
          <Button
            icon={<DownloadOutlined />}
            data-testid="patent-import-report"
            onClick={() =>
              downloadFile(`/api/v1/patent-imports/${view.id}/report`, {}, 'patent-import-report.xlsx').catch((err: unknown) =>
                message.error(errorMessage(err)),
              )
            }
          >
            {t('patentImport.report')}
          </Button>
        ) : null}
        <Button type="primary" onClick={onAgain}>
          {t('patentImport.again')}
        </Button>
      </Flex>
    </Flex>
  );
}

function History({ refreshKey }: { refreshKey: unknown }) {
  const { t, i18n } = useTranslation();
  const list = usePatentImports(refreshKey);
  if (list.isLoading) return <Skeleton active />;
  if (list.error) return <QueryError error={list.error} onRetry={() => void list.refetch()} />;
  const items = list.data?.items ?? [];
  if (items.length === 0) return <Empty description={t('patentImport.empty')} />;
  return (
    <Table
      size="small"
      rowKey="id"
      dataSource={items}
      pagination={false}
      data-testid="patent-import-history"
      columns={[
        { title: t('patentImport.filename'), dataIndex: 'filename', ellipsis: true },
        { title: t('patentImport.format'), dataIndex: 'format', width: 80, render: (f: string) => f.toUpperCase() },
        {
          title: t('patentImport.status'),
          dataIndex: 'status',
          width: 100,
          render: (s: PatentImportView['status']) => <Tag color={STATUS_COLOR[s]}>{t(`patentImport.status_${s}`)}</Tag>,
        },
        {
          title: t('patentImport.records'),
          key: 'records',
          width: 190,
          render: (_v, r) =>
            r.status === 'failed' && r.errorCount > 0
              ? `${r.recordsRead} / ${r.errorCount} ✗`
              : r.status === 'succeeded'
                ? `${r.recordsRead}（+${r.inserted} / ↻${r.updated}）`
                : r.recordsRead,
        },
        {
          title: t('patentImport.createdAt'),
          dataIndex: 'createdAt',
          width: 170,
          render: (d: string) => new Date(d).toLocaleString(i18n.language, { hour12: false }),
        },
      ]}
    />
  );
}

/** City admins upload a patent file; the import runs as a job and this page polls its progress. */
export function PatentImportPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [file, setFile] = useState<File | null>(null);
  const [uploading, setUploading] = useState<number | null>(null);
  const [uploadError, setUploadError] = useState<string | null>(null);
  const [importId, setImportId] = useState<string | null>(null);
  const current = usePatentImport(importId);

  const start = async () => {
    if (!file) return;
    setUploadError(null);
    setUploading(0);
    try {
      const view = await uploadPatentFile(file, setUploading);
      setImportId(view.id);
    } catch (failure) {
      setUploadError(failure instanceof ApiError ? failure.localizedMessage() : errorMessage(failure));
    } finally {
      setUploading(null);
    }
  };
  const again = () => {
    setImportId(null);
    setFile(null);
  };
  const template = (format: 'xlsx' | 'csv') =>
    downloadFile('/api/v1/patent-imports/template', { format }, `patent-import-template.${format}`).catch((err: unknown) =>
      message.error(errorMessage(err)),
    );

  return (
    <>
      <PageHeader
        title={t('patentImport.title')}
        subtitle={t('patentImport.subtitle')}
        extra={
          <>
            <Button icon={<DownloadOutlined />} onClick={() => void template('xlsx')} data-testid="patent-template-xlsx">
              {t('patentImport.templateXlsx')}
            </Button>
            <Button icon={<DownloadOutlined />} onClick={() => void template('csv')}>
              {t('patentImport.templateCsv')}
            </Button>
          </>
        }
      />
      <Card style={{ marginBottom: 16 }} data-testid="patent-import-card">
        {importId && current.data ? (
          <ImportStatus view={current.data} onAgain={again} />
        ) : importId && current.error ? (
          <QueryError error={current.error} onRetry={() => void current.refetch()} />
        ) : importId || uploading !== null ? (
          <Flex vertical align="center" gap={12} style={{ padding: 24 }} data-testid="patent-import-progress">
            <Progress type="circle" percent={uploading ?? 100} />
            <Typography.Text>{t('patentImport.uploading', { percent: uploading ?? 100 })}</Typography.Text>
          </Flex>
        ) : (
          <Flex vertical gap={12}>
            <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
              {t('patentImport.layout')}
            </Typography.Paragraph>
            <Upload.Dragger
              accept=".csv,.xlsx,.xml,text/csv,application/xml,text/xml,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              maxCount={1}
              beforeUpload={(chosen) => {
                setFile(chosen);
                setUploadError(null);
                return false;
              }}
              onRemove={() => setFile(null)}
              fileList={file ? [{ uid: 'patent-import', name: file.name, status: 'done' }] : []}
              data-testid="patent-import-file"
            >
              <p className="ant-upload-drag-icon">
                <InboxOutlined />
              </p>
              <p className="ant-upload-text">{t('patentImport.drop')}</p>
              <p className="ant-upload-hint">{t('patentImport.dropHint', { mb: PATENT_IMPORT_MAX_BYTES / 1024 / 1024 })}</p>
            </Upload.Dragger>
            {uploadError ? <Alert type="error" showIcon title={uploadError} data-testid="patent-import-upload-error" /> : null}
            <Flex justify="end">
              <Button type="primary" disabled={!file} onClick={() => void start()} data-testid="patent-import-start">
                {t('patentImport.start')}
              </Button>
            </Flex>
          </Flex>
        )}
      </Card>
      <Card title={t('patentImport.history')}>
        <History refreshKey={`${importId}-${current.data?.status}`} />
      </Card>
    </>
  );
}
