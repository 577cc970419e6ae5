import { DownloadOutlined, FileExcelOutlined } from '@ant-design/icons';
import type { AuditEvent } from '@innotown/contracts/audit';
import { auditResults } from '@innotown/contracts/audit';
import { type Role, roles } from '@innotown/contracts/common';
import { App, Button, Card, DatePicker, Descriptions, Flex, Input, Select, type TableProps, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { downloadFile, errorMessage } from '../../app/api-client.ts';
import { formatDateTimeSeconds } from '../../app/format/datetime.ts';
import { FilterInput } from '../../app/ui/filter-input.tsx';
import { ListTable } from '../../app/ui/list-table.tsx';
import { PageHeader } from '../../app/ui/page-header.tsx';
import { useSearchState } from '../../app/ui/use-search-state.ts';
import { useAuditEvents } from './audit-api.ts';

function isRoleLabel(value: string): value is Role | 'anonymous' {
  return value === 'anonymous' || (roles as readonly string[]).includes(value);
}

const RESULT_COLORS: Record<AuditEvent['result'], string> = { success: 'green', failure: 'orange', denied: 'red' };

function ChangesView({ event }: { event: AuditEvent }) {
  const { t } = useTranslation();
  return (
    <Flex vertical gap={12}>
      <Descriptions
        size="small"
        column={{ xs: 1, md: 3 }}
        items={[
          { key: 'requestId', label: t('audit.requestId'), children: event.requestId ?? t('common.none') },
          { key: 'ip', label: t('audit.ip'), children: event.ip ?? t('common.none') },
          { key: 'targetId', label: t('audit.targetId'), children: event.targetId ?? t('common.none') },
        ]}
      />
      <div>
        <Typography.Text strong>{t('audit.changes')}</Typography.Text>
        {event.changes && Object.keys(event.changes).length > 0 ? (
          <pre className="it-pre" data-testid="audit-changes">
            {JSON.stringify(event.changes, null, 2)}
          </pre>
        ) : (
          <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
            {t('audit.noChanges')}
          </Typography.Paragraph>
        )}
      </div>
    </Flex>
  );
}

export function AuditPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const search = useSearchState();
  const [exporting, setExporting] = useState<'xlsx' | 'csv' | null>(null);

  const filters = {
    q: search.get('q'),
    username: search.get('username'),
    action: search.get('action'),
    targetType: search.get('targetType'),
    result: search.get('result'),
    from: search.get('from'),
    to: search.get('to'),
  };
  const list = useAuditEvents({ ...filters, page: search.page, pageSize: search.pageSize });
  const from = filters.from ? dayjs(filters.from) : null;
  const to = filters.to ? dayjs(filters.to) : null;

  const exportAs = async (format: 'xlsx' | 'csv') => {
    setExporting(format);
    try {
      await downloadFile('/api/v1/audit-events/export', { ...filters, format }, `audit-events.${format}`);
    } catch (error) {
      message.error(errorMessage(error));
    } finally {
      setExporting(null);
    }
  };

  const columns: TableProps<AuditEvent>['columns'] = [
    {
      title: t('audit.occurredAt'),
      dataIndex: 'occurredAt',
      width: 170,
      render: (value: string) => formatDateTimeSeconds(value),
    },
    { title: t('audit.username'), dataIndex: 'username', width: 120, render: (value: string | null) => value ?? t('common.none') },
    {
      title: t('audit.role'),
      dataIndex: 'role',
      width: 150,
      render: (role: string | null) => (role === null ? t('common.none') : isRoleLabel(role) ? t(`roles.${role}`) : role),
    },
    {
      title: t('audit.action'),
      dataIndex: 'action',
      render: (action: string) => (
        <Typography.Text code style={{ whiteSpace: 'nowrap' }}>
          {action}
        </Typography.Text>
      ),
    },
    {
      title: t('audit.targetType'),
      dataIndex: 'targetType',
      render: (value: string | null) => value ?? t('common.none'),
    },
    {
      title: t('audit.result'),
      dataIndex: 'result',
      width: 90,
      render: (result: AuditEvent['result']) => <Tag color={RESULT_COLORS[result]}>{t(`audit.results.${result}`)}</Tag>,
    },
    { title: t('audit.statusCode'), dataIndex: 'statusCode', width: 90, render: (code: number | null) => code ?? '—' },
    { title: t('audit.ip'), dataIndex: 'ip', responsive: ['xl'], render: (ip: string | null) => ip ?? '—' },
  ];

  return (
    <>
      <PageHeader
        title={t('audit.title')}
        extra={
          <>
            <Button
              icon={<FileExcelOutlined />}
              loading={exporting === 'xlsx'}
              onClick={() => void exportAs('xlsx')}
              data-testid="audit-export-xlsx"
            >
              {t('audit.exportXlsx')}
            </Button>
            <Button
              icon={<DownloadOutlined />}
              loading={exporting === 'csv'}
              onClick={() => void exportAs('csv')}
              data-testid="audit-export-csv"
            >
              {t('audit.exportCsv')}
            </Button>
          </>
        }
      />
      <Card>
        <Flex gap={8} wrap style={{ marginBottom: 16 }}>
          <Input.Search
            allowClear
            placeholder={t('audit.searchPlaceholder')}
            defaultValue={filters.q}
            onSearch={(value) => search.update({ q: value.trim() })}
            style={{ width: 200 }}
          />
          <FilterInput
            allowClear
            placeholder={t('audit.username')}
            applied={filters.username}
            onApply={(username) => search.update({ username })}
            style={{ width: 140 }}
          />
          <FilterInput
            allowClear
            placeholder={t('audit.action')}
            applied={filters.action}
            onApply={(action) => search.update({ action })}
            style={{ width: 160 }}
          />
          <FilterInput
            allowClear
            placeholder={t('audit.targetType')}
            applied={filters.targetType}
            onApply={(targetType) => search.update({ targetType })}
            style={{ width: 140 }}
          />
          <Select
            allowClear
            placeholder={t('audit.result')}
            value={filters.result}
            onChange={(value: string | undefined) => search.update({ result: value })}
            options={auditResults.map((result) => ({ value: result, label: t(`audit.results.${result}`) }))}
            style={{ width: 110 }}
          />
          <DatePicker.RangePicker
            showTime={{ format: 'HH:mm' }}
            format="YYYY-MM-DD HH:mm"
            value={[from, to]}
            allowEmpty={[true, true]}
            placeholder={[t('audit.from'), t('audit.to')]}
            onChange={(range: [Dayjs | null, Dayjs | null] | null) =>
              search.update({ from: range?.[0]?.format() ?? null, to: range?.[1]?.format() ?? null })
            }
          />
          <Button onClick={() => search.reset()}>{t('common.reset')}</Button>
        </Flex>
        <ListTable<AuditEvent>
          list={list}
          page={search.page}
          pageSize={search.pageSize}
          onPageChange={(page, pageSize) => search.update({ page, pageSize })}
          pagination={{ pageSizeOptions: [20, 50, 100] }}
          size="middle"
          data-testid="audit-table"
          columns={columns}
          scroll={{ x: 1000 }}
          expandable={{ expandedRowRender: (event) => <ChangesView event={event} /> }}
        />
      </Card>
    </>
  );
}
