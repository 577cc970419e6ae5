import { FileExcelOutlined } from '@ant-design/icons';
import { RESOURCE_EXPORT_MAX_ROWS } from '@innotown/contracts/resource-import';
import { App, Button, Tooltip } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import './resource-admin-i18n.ts';
import { downloadFile, errorMessage, type QueryParams } from '../../app/api-client.ts';

/** Export of a search (the search's parameters); refused beyond the cap, so the button says so first. */
export function ExportButton({ query, total }: { query: QueryParams; total: number | undefined }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const tooMany = total !== undefined && total > RESOURCE_EXPORT_MAX_ROWS;
  const button = (
    <Button
      icon={<FileExcelOutlined />}
      data-testid="resource-export"
      loading={busy}
      disabled={tooMany || total === 0}
      onClick={() => {
        setBusy(true);
        const { page: _page, pageSize: _size, ...filters } = query;
        downloadFile('/api/v1/resources/export', filters, 'resources.xlsx')
          .catch((failure: unknown) => message.error(errorMessage(failure)))
          .finally(() => setBusy(false));
      }}
    >
      {busy ? t('resourceAdmin.exporting') : t('resourceAdmin.export')}
    </Button>
  );
  return tooMany ? <Tooltip title={t('resourceAdmin.exportTooLarge', { max: RESOURCE_EXPORT_MAX_ROWS })}>{button}</Tooltip> : button;
}
