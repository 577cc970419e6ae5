import type { Booking } from '@innotown/contracts/bookings';
import { Button, Card, Descriptions, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import '../resources/resources-i18n.ts';
import { Link, useParams } from 'react-router';
import { useAuth } from '../../app/auth/auth-context.tsx';
import { formatDateTime } from '../../app/format/datetime.ts';
import { ConfirmButton } from '../../app/ui/confirm-button.tsx';
import { PageHeader } from '../../app/ui/page-header.tsx';
import { QueryState } from '../../app/ui/query-state.tsx';
import { fenToYuan } from '../resources/resource-tags.tsx';
import { useBooking, useConfirmUsage, useMarkNoShow } from './bookings-api.ts';
import { BookingStatusTag } from './bookings-pages.tsx';
import { shanghai } from './calendar-time.ts';
import { DisputeDialog, RecordUsageDialog, UsageSummary } from './usage-dialogs.tsx';

/** What each side may do next; the server holds the exact rules (grace period, slot ended). */
function Actions({ booking }: { booking: Booking }) {
  const { t } = useTranslation();
  const { me } = useAuth();
  const confirmUsage = useConfirmUsage();
  const noShow = useMarkNoShow();
  const [recording, setRecording] = useState<Booking | null>(null);
  const [disputing, setDisputing] = useState<Booking | null>(null);
  const owner = me?.role === 'provider' && me.scope.institutionId === booking.institutionId;
  const booker = me?.role === 'enterprise' && me.scope.enterpriseId === booking.enterpriseId;
  const over = !booking.end || Date.parse(booking.end) <= Date.now();
  const begun = booking.start !== null && Date.parse(booking.start) <= Date.now();
  return (
    <Space wrap>
      {booker && booking.status === 'usage_recorded' ? (
        <>
          <ConfirmButton
            type="primary"
            data-testid="booking-confirm-usage"
            question={t('bookings.confirmUsageQuestion')}
            action={() => confirmUsage.mutateAsync({ id: booking.id, body: {} })}
            success={t('bookings.usageConfirmed')}
          >
            {t('bookings.confirmUsage')}
          </ConfirmButton>
          <Button danger onClick={() => setDisputing(booking)} data-testid="booking-dispute-usage">
            {t('bookings.disputeUsage')}
          </Button>
        </>
      ) : null}
      {owner && ((booking.status === 'confirmed' && over) || booking.status === 'disputed') ? (
        <Button type="primary" onClick={() => setRecording(booking)} data-testid="booking-record-usage">
          {booking.status === 'disputed' ? t('bookings.recordUsageAgain') : t('bookings.recordUsage')}
        </Button>
      ) : null}
      {owner && booking.status === 'confirmed' && begun ? (
        <ConfirmButton
          danger
          data-testid="booking-no-show"
          question={t('bookings.confirmNoShow')}
          action={() => noShow.mutateAsync({ id: booking.id, body: {} })}
          success={t('bookings.noShowRecorded')}
        >
          {t('bookings.markNoShow')}
        </ConfirmButton>
      ) : null}
      {booking.start && booking.mode !== 'consultation' ? (
        <Link to={`/resources/${booking.resourceId}/calendar?date=${shanghai(booking.start).day}`}>
          <Button>{t('bookings.calendar')}</Button>
        </Link>
      ) : null}
      <RecordUsageDialog booking={recording} onClose={() => setRecording(null)} />
      <DisputeDialog booking={disputing} onClose={() => setDisputing(null)} />
    </Space>
  );
}

function BookingView({ booking }: { booking: Booking }) {
  const { t, i18n } = useTranslation();
  const { me } = useAuth();
  const yuan = (fen: number) => fenToYuan(fen, i18n.language);
  const fee =
    booking.quotedFeeFen === null
      ? t('resources.feeNegotiable')
      : booking.quotedFeeMaxFen !== null && booking.quotedFeeMaxFen !== booking.quotedFeeFen
        ? `${yuan(booking.quotedFeeFen)}–${yuan(booking.quotedFeeMaxFen)}`
        : yuan(booking.quotedFeeFen);
  const back = me?.role === 'enterprise' ? '/my/bookings' : me?.role === 'provider' ? '/bookings/queue?status=all' : '/';
  return (
    <>
      <PageHeader
        title={
          <Space>
            <span data-testid="booking-title">{booking.resourceName}</span>
            <BookingStatusTag status={booking.status} />
          </Space>
        }
        subtitle={`${booking.institutionName} · ${booking.enterpriseName}`}
        extra={
          <Link to={back}>
            <Button>{t('common.back')}</Button>
          </Link>
        }
      />
      <Card>
        <Descriptions
          bordered
          size="small"
          column={{ xs: 1, md: 2 }}
          data-testid="booking-detail"
          items={[
            {
              key: 'resource',
              label: t('bookings.resource'),
              children: <Link to={`/resources/${booking.resourceId}`}>{booking.resourceName}</Link>,
            },
            { key: 'mode', label: t('bookings.mode'), children: t(`bookings.mode_${booking.mode}`) },
            {
              key: 'slot',
              label: t('bookings.slot'),
              children:
                booking.start && booking.end
                  ? `${formatDateTime(booking.start)} – ${formatDateTime(booking.end).slice(11)}`
                  : t('bookings.samples', { count: booking.sampleCount ?? 0 }),
            },
            { key: 'fee', label: t('bookings.fee'), children: fee },
            { key: 'purpose', label: t('bookings.purpose'), children: booking.purpose, span: 2 },
            { key: 'details', label: t('bookings.sampleDetails'), children: booking.sampleDetails ?? '—', span: 2 },
            { key: 'usage', label: t('bookings.usage'), children: <UsageSummary booking={booking} />, span: 2 },
            { key: 'reason', label: t('bookings.reason'), children: booking.decisionReason ?? '—' },
            { key: 'created', label: t('bookings.createdAt'), children: formatDateTime(booking.createdAt) },
          ]}
        />
        <div style={{ marginTop: 16 }}>
          <Actions booking={booking} />
        </div>
      </Card>
    </>
  );
}

/** One booking, where the notifications link: its figures and what the reader may do next. */
export function BookingDetailPage() {
  const { id } = useParams();
  const query = useBooking(id);
  return <QueryState query={query}>{(booking) => <BookingView booking={booking} />}</QueryState>;
}
