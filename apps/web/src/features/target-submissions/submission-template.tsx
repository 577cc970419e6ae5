import type { SubmissionImportReport } from '@innotown/contracts/submission-template';
import type { StatisticSubmission } from '@innotown/contracts/targets';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Progress, Table, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, downloadFile, errorMessage } from '../../app/api-client.ts';
import { currentLocale } from '../../app/i18n/i18n.ts';
import { postForm } from '../../app/upload.ts';
import { useStatistics } from './target-submissions-api.ts';
import './target-submissions-i18n.ts';

function reportOf(error: unknown): SubmissionImportReport | null {
  if (!(error instanceof ApiError)) return null;
  return (error as unknown as { details?: { report?: SubmissionImportReport } }).details?.report ?? null;
}

type Phase =
  | { step: 'idle' }
  | { step: 'uploading'; percent: number }
  | { step: 'failed'; message: string; report: SubmissionImportReport | null };

/**
 * The Excel way to fill the form: download the template (one row per statistic, last year's value
 * beside it), upload it filled in. The server checks every row with the form's rules and saves the
 * draft all or nothing; a refusal comes back row by row.
 */
export function SubmissionTemplateButtons({ periodId, onImported }: { periodId: string; onImported?: (id: string) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [phase, setPhase] = useState<Phase>({ step: 'idle' });
  const zh = currentLocale() === 'zh-CN';
  const statistics = useStatistics();
  const nameOf = new Map((statistics.data ?? []).map((x) => [x.code, zh ? x.nameZh : x.nameEn]));

  async function upload(file: File) {
    setPhase({ step: 'uploading', percent: 0 });
    const form = new FormData();
    form.append('periodId', periodId);
    form.append('file', file);
    try {
      const saved = await postForm<StatisticSubmission>('/api/v1/statistic-submissions/import', form, (percent) =>
        setPhase({ step: 'uploading', percent }),
      );
      setPhase({ step: 'idle' });
      message.success(t('targetSubmissions.uploadOk', { count: saved.values.length }));
      await client.invalidateQueries({ queryKey: ['statistic-submissions'] });
      onImported?.(saved.id);
    } catch (failure) {
      setPhase({ step: 'failed', message: errorMessage(failure), report: reportOf(failure) });
    }
  }

  return (
    <div style={{ minWidth: 320 }}>
      <Button
        onClick={() =>
          void downloadFile('/api/v1/statistic-submissions/template', { periodId }, 'statistics-template.xlsx').catch((failure: unknown) =>
            message.error(errorMessage(failure)),
          )
        }
        data-testid="template-download"
      >
        {t('targetSubmissions.template')}
      </Button>{' '}
      <Upload
        accept=".xlsx"
        showUploadList={false}
        beforeUpload={(file) => {
          void upload(file);
          return false;
        }}
      >
        <Button loading={phase.step === 'uploading'} data-testid="template-upload">
          {t('targetSubmissions.upload')}
        </Button>
      </Upload>
      {phase.step === 'uploading' ? (
        <div style={{ marginTop: 8 }}>
          {t('targetSubmissions.uploading')}
          <Progress percent={phase.percent} size="small" />
        </div>
      ) : null}
      {phase.step === 'failed' ? (
        <Alert
          type="error"
          showIcon
          closable
          onClose={() => setPhase({ step: 'idle' })}
          style={{ marginTop: 8 }}
          title={phase.report ? t('targetSubmissions.uploadFailed') : phase.message}
          description={
            phase.report ? (
              <Table
                size="small"
                pagination={false}
                rowKey={(_, i) => String(i)}
                dataSource={phase.report.issues}
                data-testid="import-report"
                columns={[
                  { title: t('targetSubmissions.row'), dataIndex: 'row', width: 60, render: (r: number | null) => r ?? '—' },
                  {
                    title: t('targetSubmissions.statistic'),
                    dataIndex: 'statisticCode',
                    render: (c: string | null) => (c ? (nameOf.get(c) ?? c) : '—'),
                  },
                  {
                    title: t('targetSubmissions.problem'),
                    key: 'm',
                    render: (_: unknown, i: SubmissionImportReport['issues'][number]) => (zh ? i.messageZh : i.messageEn),
                  },
                ]}
              />
            ) : undefined
          }
        />
      ) : null}
    </div>
  );
}
