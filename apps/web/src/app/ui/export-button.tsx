import { FileExcelOutlined } from '@ant-design/icons';
import { App, Button } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { downloadFile, errorMessage, type QueryParams } from '../api-client.ts';

/** Downloads a server-generated Excel export (the page's filters as the query), with a spinner and an error toast. */
export function ExportButton({
  path,
  query,
  fallbackName,
  testId,
}: {
  path: string;
  query: QueryParams;
  fallbackName: string;
  testId: string;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const run = async () => {
    setBusy(true);
    try {
      await downloadFile(path, query, fallbackName);
    } catch (err) {
      void message.error(`${t('common.exportFailed')}: ${errorMessage(err)}`);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button icon={<FileExcelOutlined />} loading={busy} onClick={() => void run()} data-testid={testId}>
      {t('common.exportXlsx')}
    </Button>
  );
}
