import { type Booking, type BookingStatus, bookingStatuses } from '@innotown/contracts/bookings';
import { App, Button, Form, Input, Modal, Select, Space, type TableProps, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import '../resources/resources-i18n.ts';
import { Link } from 'react-router';
import { errorMessage } from '../../app/api-client.ts';
import { formatDateTime } from '../../app/format/datetime.ts';
import { requiredRule } from '../../app/forms/rules.ts';
import { ConfirmButton } from '../../app/ui/confirm-button.tsx';
import { ListTable } from '../../app/ui/list-table.tsx';
import { PageHeader } from '../../app/ui/page-header.tsx';
import { useSearchState } from '../../app/ui/use-search-state.ts';
import { fenToYuan } from '../resources/resource-tags.tsx';
import { useBookings, useConfirmUsage, useDecideBooking, useMarkNoShow } from './bookings-api.ts';
import { shanghai } from './calendar-time.ts';
import { DisputeDialog, RecordUsageDialog, UsageSummary } from './usage-dialogs.tsx';

// Keyed by string: the status list grows with the booking rules (usage_recorded, disputed).
const STATUS_COLORS: Record<string, string> = {
  requested: 'processing',
  confirmed: 'success',
  rejected: 'error',
  cancelled: 'default',
  completed: 'cyan',
  no_show: 'warning',
  usage_recorded: 'cyan',
  disputed: 'magenta',
};

export function BookingStatusTag({ status }: { status: BookingStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={STATUS_COLORS[status] ?? 'default'} data-testid="booking-status">
      {t(`bookings.status_${status}`)}
    </Tag>
  );
}

function useCommonColumns(): NonNullable<TableProps<Booking>['columns']> {
  const { t, i18n } = useTranslation();
  return [
    {
      title: t('bookings.resource'),
      dataIndex: 'resourceName',
      render: (name: string, row) => <Link to={`/resources/${row.resourceId}`}>{name}</Link>,
    },
    { title: t('bookings.mode'), dataIndex: 'mode', render: (mode: Booking['mode']) => t(`bookings.mode_${mode}`) },
    {
      title: t('bookings.slot'),
      key: 'slot',
      // The slot opens the booking's page (where its notifications link).
      render: (_value, row) => (
        <Link to={`/bookings/${row.id}`} data-testid="booking-link">
          {row.start && row.end
            ? `${formatDateTime(row.start)} – ${formatDateTime(row.end).slice(11)}`
            : t('bookings.samples', { count: row.sampleCount ?? 0 })}
        </Link>
      ),
    },
    {
      title: t('bookings.fee'),
      key: 'fee',
      align: 'right',
      render: (_value, row) =>
        row.quotedFeeFen === null
          ? t('resources.feeNegotiable')
          : row.quotedFeeMaxFen !== null && row.quotedFeeMaxFen !== row.quotedFeeFen
            ? `${fenToYuan(row.quotedFeeFen, i18n.language)}–${fenToYuan(row.quotedFeeMaxFen, i18n.language)}`
            : fenToYuan(row.quotedFeeFen, i18n.language),
    },
    { title: t('bookings.usage'), key: 'usage', render: (_value, row) => <UsageSummary booking={row} /> },
    { title: t('bookings.status'), dataIndex: 'status', render: (status: BookingStatus) => <BookingStatusTag status={status} /> },
    { title: t('bookings.reason'), dataIndex: 'decisionReason', render: (reason: string | null) => reason ?? '—' },
    { title: t('bookings.createdAt'), dataIndex: 'createdAt', render: (value: string) => formatDateTime(value) },
  ];
}

/** A slot booking's link to its instrument's calendar, opened on the slot's week. */
function CalendarLink({ row }: { row: Booking }) {
  const { t } = useTranslation();
  if (!row.start || row.mode === 'consultation') return null;
  return (
    <Link to={`/resources/${row.resourceId}/calendar?date=${shanghai(row.start).day}`} data-testid="booking-calendar">
      <Button type="link" size="small">
        {t('bookings.calendar')}
      </Button>
    </Link>
  );
}

/** After the slot (a sample test: once confirmed) the owner may record usage; the server holds the exact rule. */
const slotOver = (row: Booking) => !row.end || Date.parse(row.end) <= Date.now();
const slotBegun = (row: Booking) => row.start !== null && Date.parse(row.start) <= Date.now();

function StatusFilter({ value, onChange }: { value: string | undefined; onChange: (value: string | undefined) => void }) {
  const { t } = useTranslation();
  return (
    <Select
      allowClear
      style={{ width: 160 }}
      placeholder={t('bookings.status')}
      value={value}
      onChange={onChange}
      data-testid="booking-status-filter"
      options={bookingStatuses.map((status) => ({ value: status, label: t(`bookings.status_${status}`) }))}
    />
  );
}

/** An enterprise's own bookings: cancel while open, confirm or dispute recorded usage, see the slot in the calendar. */
export function MyBookingsPage() {
  const { t } = useTranslation();
  const search = useSearchState();
  const status = search.get('status');
  const list = useBookings({ status, page: search.page, pageSize: search.pageSize });
  const decide = useDecideBooking();
  const confirmUsage = useConfirmUsage();
  const [disputing, setDisputing] = useState<Booking | null>(null);
  const columns = [
    ...useCommonColumns(),
    {
      title: t('common.actions'),
      key: 'actions',
      fixed: 'right' as const,
      render: (_value: unknown, row: Booking) => (
        <Space size={0} wrap>
          {row.status === 'usage_recorded' ? (
            <>
              <ConfirmButton
                type="link"
                size="small"
                data-testid="booking-confirm-usage"
                question={t('bookings.confirmUsageQuestion')}
                action={() => confirmUsage.mutateAsync({ id: row.id, body: {} })}
                success={t('bookings.usageConfirmed')}
              >
                {t('bookings.confirmUsage')}
              </ConfirmButton>
              <Button type="link" size="small" danger onClick={() => setDisputing(row)} data-testid="booking-dispute-usage">
                {t('bookings.disputeUsage')}
              </Button>
            </>
          ) : null}
          {row.status === 'requested' || (row.status === 'confirmed' && !slotBegun(row)) ? (
            <ConfirmButton
              type="link"
              size="small"
              danger
              data-testid="booking-cancel"
              question={t('bookings.confirmCancel')}
              action={() => decide.mutateAsync({ id: row.id, decision: 'cancel' })}
              success={t('bookings.cancelled')}
            >
              {t('bookings.cancel')}
            </ConfirmButton>
          ) : null}
          <CalendarLink row={row} />
        </Space>
      ),
    },
  ];
  return (
    <>
      <PageHeader
        title={t('bookings.myTitle')}
        subtitle={t('bookings.mySubtitle')}
        extra={<StatusFilter value={status} onChange={(value) => search.update({ status: value })} />}
      />
      <ListTable<Booking>
        data-testid="my-bookings"
        list={list}
        page={search.page}
        pageSize={search.pageSize}
        onPageChange={(page, pageSize) => search.update({ page, pageSize })}
        columns={columns}
        scroll={{ x: 1200 }}
      />
      <DisputeDialog booking={disputing} onClose={() => setDisputing(null)} />
    </>
  );
}

/** A provider's approval queue: requests for its institution's resources, approved or rejected with a reason. */
export function BookingQueuePage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const search = useSearchState();
  // The queue opens on what waits for a decision; "all" is an explicit choice.
  const statusParam = search.get('status');
  const status = statusParam === 'all' ? undefined : (statusParam ?? 'requested');
  const list = useBookings({ status, page: search.page, pageSize: search.pageSize });
  const decide = useDecideBooking();
  const noShow = useMarkNoShow();
  const [rejecting, setRejecting] = useState<Booking | null>(null);
  const [recording, setRecording] = useState<Booking | null>(null);
  const [form] = Form.useForm<{ reason: string }>();

  const approve = (row: Booking) =>
    decide.mutate(
      { id: row.id, decision: 'approve' },
      { onSuccess: () => message.success(t('bookings.approved')), onError: (failure) => message.error(errorMessage(failure)) },
    );
  const reject = ({ reason }: { reason: string }) => {
    if (!rejecting) return;
    decide.mutate(
      { id: rejecting.id, decision: 'reject', reason: reason.trim() },
      {
        onSuccess: () => {
          message.success(t('bookings.rejected'));
          setRejecting(null);
        },
        onError: (failure) => message.error(errorMessage(failure)),
      },
    );
  };

  const columns = [
    ...useCommonColumns().slice(0, 1),
    { title: t('bookings.enterprise'), dataIndex: 'enterpriseName' },
    ...useCommonColumns().slice(1),
    {
      title: t('common.actions'),
      key: 'actions',
      fixed: 'right' as const,
      render: (_value: unknown, row: Booking) => (
        <Space size={0} wrap>
          {row.status === 'requested' ? (
            <>
              <Button
                type="link"
                size="small"
                onClick={() => approve(row)}
                loading={decide.isPending && decide.variables?.id === row.id}
                data-testid="booking-approve"
              >
                {t('bookings.approve')}
              </Button>
              <Button
                type="link"
                size="small"
                danger
                onClick={() => {
                  form.resetFields();
                  setRejecting(row);
                }}
                data-testid="booking-reject"
              >
                {t('bookings.reject')}
              </Button>
            </>
          ) : null}
          {(row.status === 'confirmed' && slotOver(row)) || row.status === 'disputed' ? (
            <Button type="link" size="small" onClick={() => setRecording(row)} data-testid="booking-record-usage">
              {row.status === 'disputed' ? t('bookings.recordUsageAgain') : t('bookings.recordUsage')}
            </Button>
          ) : null}
          {row.status === 'confirmed' && slotBegun(row) ? (
            <ConfirmButton
              type="link"
              size="small"
              danger
              data-testid="booking-no-show"
              question={t('bookings.confirmNoShow')}
              action={() => noShow.mutateAsync({ id: row.id, body: {} })}
              success={t('bookings.noShowRecorded')}
            >
              {t('bookings.markNoShow')}
            </ConfirmButton>
          ) : null}
          <CalendarLink row={row} />
        </Space>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('bookings.queueTitle')}
        subtitle={t('bookings.queueSubtitle')}
        extra={<StatusFilter value={status} onChange={(value) => search.update({ status: value ?? 'all' })} />}
      />
      <ListTable<Booking>
        data-testid="booking-queue"
        list={list}
        page={search.page}
        pageSize={search.pageSize}
        onPageChange={(page, pageSize) => search.update({ page, pageSize })}
        columns={columns}
        scroll={{ x: 1300 }}
      />
      <RecordUsageDialog booking={recording} onClose={() => setRecording(null)} />
      <Modal
        open={rejecting !== null}
        forceRender
        title={t('bookings.rejectTitle')}
        onCancel={() => setRejecting(null)}
        onOk={() => form.submit()}
        okText={t('bookings.reject')}
        okButtonProps={{ danger: true, id: 'booking-reject-confirm' }}
        cancelText={t('common.cancel')}
        confirmLoading={decide.isPending}
      >
        <Form form={form} layout="vertical" onFinish={reject}>
          <Form.Item name="reason" label={t('bookings.reason')} rules={[requiredRule(t('bookings.reason'))]}>
            <Input.TextArea
              rows={3}
              maxLength={500}
              placeholder={t('bookings.rejectReasonPlaceholder')}
              data-testid="booking-reject-reason"
            />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
