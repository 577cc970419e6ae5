import type { ReportingPeriod } from '@innotown/contracts/targets';
import { App, Button, Card, DatePicker, Empty, Flex, Form, InputNumber, Space, Table, type TableProps, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { errorMessage } from '../../app/api-client.ts';
import { ConfirmButton } from '../../app/ui/confirm-button.tsx';
import { periodLabel, SubmissionStatusTag } from './submission-status-tag.tsx';
import { type PeriodProgress, useCreatePeriod, usePeriodOpen, usePeriodProgress, usePeriods } from './target-submissions-api.ts';
import './target-submissions-i18n.ts';
import { ExportButton } from '../../app/ui/export-button.tsx';

type Town = PeriodProgress['towns'][number];

function ProgressCard({ period }: { period: ReportingPeriod }) {
  const { t } = useTranslation();
  const progress = usePeriodProgress(period.id);
  const towns = progress.data?.towns ?? [];
  const count = (f: (x: Town) => boolean) => towns.filter(f).length;
  const columns: TableProps<Town>['columns'] = [
    { title: t('targetSubmissions.town'), dataIndex: 'townName' },
    {
      title: t('targetSubmissions.status'),
      dataIndex: 'status',
      render: (s: Town['status'], r) => (
        <Space size={4}>
          <SubmissionStatusTag status={s} />
          {r.late ? <Tag color="error">{t('targetSubmissions.late')}</Tag> : null}
        </Space>
      ),
    },
    { title: t('targetSubmissions.version'), dataIndex: 'version', render: (v: number | null) => v ?? '—' },
    {
      title: '',
      key: 'open',
      render: (_: unknown, r) =>
        r.submissionId ? <Link to={`/targets/submissions/${r.submissionId}`}>{t('targetSubmissions.view')}</Link> : null,
    },
  ];
  return (
    <Card
      size="small"
      title={`${t('targetSubmissions.progress')} · ${periodLabel(period)}`}
      style={{ marginTop: 16 }}
      extra={
        progress.data ? (
          <Space>
            <Typography.Text type="secondary" data-testid="period-progress-summary">
              {t('targetSubmissions.progressSummary', {
                approved: count((x) => x.status === 'approved'),
                submitted: count((x) => x.status === 'submitted'),
                drafting: count((x) => x.status === 'draft' || x.status === 'returned'),
                notStarted: count((x) => x.status === null),
                late: count((x) => x.late),
              })}
            </Typography.Text>
            <ExportButton
              path={`/api/v1/reporting-periods/${period.id}/progress.xlsx`}
              query={{}}
              fallbackName="period-progress.xlsx"
              testId="period-progress-export"
            />
          </Space>
        ) : null
      }
    >
      <Table<Town>
        rowKey="townId"
        size="small"
        loading={progress.isPending}
        pagination={false}
        columns={columns}
        dataSource={towns}
        data-testid="period-progress"
      />
    </Card>
  );
}

function NewPeriodForm() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ year: number; quarter?: number | null; deadline: Dayjs }>();
  const create = useCreatePeriod();
  return (
    <Form
      form={form}
      layout="inline"
      onFinish={(v) =>
        create
          .mutateAsync({ year: v.year, quarter: v.quarter ?? null, deadline: v.deadline.format('YYYY-MM-DD') })
          .then(() => {
            message.success(t('targetSubmissions.created'));
            form.resetFields();
          })
          .catch((failure: unknown) => message.error(errorMessage(failure)))
      }
    >
      <Form.Item name="year" label={t('targetSubmissions.year')} rules={[{ required: true }]}>
        <InputNumber min={2000} max={2100} style={{ width: 100 }} />
      </Form.Item>
      <Form.Item name="quarter" label={t('targetSubmissions.quarter')}>
        <InputNumber min={1} max={4} style={{ width: 70 }} />
      </Form.Item>
      <Form.Item name="deadline" label={t('targetSubmissions.deadline')} rules={[{ required: true }]}>
        <DatePicker />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={create.isPending}>
        {t('targetSubmissions.create')}
      </Button>
    </Form>
  );
}

/** The city's reporting periods: open one with a deadline, close or reopen it, and see each town's progress. */
export function PeriodsPanel() {
  const { t } = useTranslation();
  const periods = usePeriods();
  const setOpen = usePeriodOpen();
  const [selected, setSelected] = useState<string | undefined>(undefined);
  const current = periods.data?.find((p) => p.id === selected) ?? periods.data?.find((p) => p.status === 'open') ?? periods.data?.[0];
  const columns: TableProps<ReportingPeriod>['columns'] = [
    { title: t('targetSubmissions.period'), key: 'name', render: (_: unknown, p) => periodLabel(p) },
    { title: t('targetSubmissions.deadline'), dataIndex: 'deadline' },
    {
      title: t('targetSubmissions.periodStatus'),
      dataIndex: 'status',
      render: (s: ReportingPeriod['status']) => (
        <Tag color={s === 'open' ? 'green' : 'default'}>{t(`targetSubmissions.periodStatuses.${s}`)}</Tag>
      ),
    },
    {
      title: '',
      key: 'actions',
      render: (_: unknown, p) => (
        <Space>
          <Button size="small" type={p.id === current?.id ? 'primary' : 'default'} onClick={() => setSelected(p.id)}>
            {t('targetSubmissions.progress')}
          </Button>
          {p.status === 'open' ? (
            <ConfirmButton
              size="small"
              question={t('targetSubmissions.closeConfirm')}
              action={() => setOpen.mutateAsync({ id: p.id, open: false })}
              success={t('targetSubmissions.periodStatuses.closed')}
            >
              {t('targetSubmissions.close')}
            </ConfirmButton>
          ) : (
            <ConfirmButton
              size="small"
              question={t('targetSubmissions.reopen')}
              action={() => setOpen.mutateAsync({ id: p.id, open: true })}
              success={t('targetSubmissions.periodStatuses.open')}
            >
              {t('targetSubmissions.reopen')}
            </ConfirmButton>
          )}
        </Space>
      ),
    },
  ];
  return (
    <>
      <Card size="small" title={t('targetSubmissions.newPeriod')}>
        <NewPeriodForm />
      </Card>
      <Flex vertical gap={0} style={{ marginTop: 16 }}>
        <Table<ReportingPeriod>
          rowKey="id"
          size="small"
          loading={periods.isPending}
          columns={columns}
          dataSource={periods.data ?? []}
          pagination={{ pageSize: 6 }}
          locale={{ emptyText: <Empty description={t('targetSubmissions.noPeriods')} /> }}
          data-testid="periods-table"
        />
      </Flex>
      {current ? <ProgressCard period={current} /> : null}
    </>
  );
}
