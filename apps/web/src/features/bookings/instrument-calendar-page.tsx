import type { OpeningHours, ResourceDetail } from '@innotown/contracts/resources';
import { Alert, Button, Calendar, Card, Flex, Segmented, Space, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import '../resources/resources-i18n.ts';
import { Link, useParams } from 'react-router';
import { useAuth } from '../../app/auth/auth-context.tsx';
import { PageHeader } from '../../app/ui/page-header.tsx';
import { QueryError } from '../../app/ui/query-error.tsx';
import { QueryState } from '../../app/ui/query-state.tsx';
import { useSearchState } from '../../app/ui/use-search-state.ts';
import { useResource } from '../resources/resources-api.ts';
import { type CalendarAnswer, useCalendar } from './bookings-api.ts';
import { addDays, dayStart, hhmm, isDay, minutesOf, slotSegments, today, type Weekday, weekdayOf, weekStart } from './calendar-time.ts';

type Slot = CalendarAnswer['items'][number];
const HOUR_PX = 44;
const COLORS = { mine: '#1677ff', booked: '#13a8a8', busy: '#8c8c8c', closed: '#f0f0f0' };

/** The hours the week grid shows: the opening hours' span (and any slot outside it), 08–18 when none. */
function visibleHours(hours: OpeningHours | null, slots: { from: number; to: number }[]): [number, number] {
  let from = 24 * 60;
  let to = 0;
  for (const intervals of Object.values(hours ?? {})) {
    for (const [a, b] of intervals ?? []) {
      from = Math.min(from, minutesOf(a));
      to = Math.max(to, minutesOf(b));
    }
  }
  for (const s of slots) {
    from = Math.min(from, s.from);
    to = Math.max(to, s.to);
  }
  if (from >= to) return [8, 18];
  return [Math.floor(from / 60), Math.ceil(to / 60)];
}

function slotKind(slot: Slot): 'mine' | 'booked' | 'busy' {
  if (slot.mine) return 'mine';
  return slot.bookingId ? 'booked' : 'busy';
}

function SlotLabel({ slot, from, to }: { slot: Slot; from: number; to: number }) {
  const { t } = useTranslation();
  const kind = slotKind(slot);
  return (
    <>
      <strong>{t(`bookings.${kind}`)}</strong> {`${hhmm(from)}–${hhmm(to === 1440 ? 1440 : to)}`}
    </>
  );
}

function WeekGrid({ start, hours, slots }: { start: string; hours: OpeningHours | null; slots: Slot[] }) {
  const { t } = useTranslation();
  const days = Array.from({ length: 7 }, (_, i) => addDays(start, i));
  const pieces = slots.flatMap((slot) => slotSegments(slot.start, slot.end).map((seg) => ({ ...seg, slot })));
  const [h0, h1] = visibleHours(hours, pieces);
  const top = (minute: number) => ((minute - h0 * 60) / 60) * HOUR_PX;
  const height = (h1 - h0) * HOUR_PX;
  const now = today();
  return (
    <div style={{ overflowX: 'auto' }} data-testid="calendar-week">
      <div style={{ display: 'grid', gridTemplateColumns: '56px repeat(7, minmax(110px, 1fr))', minWidth: 840, paddingBottom: 10 }}>
        <div />
        {days.map((day) => (
          <div
            key={day}
            style={{
              textAlign: 'center',
              padding: '6px 0',
              fontWeight: day === now ? 600 : 400,
              color: day === now ? '#1677ff' : undefined,
              borderBottom: '1px solid #e5e5e5',
            }}
          >
            {t(`resources.weekday_${weekdayOf(day)}`)} {day.slice(5)}
          </div>
        ))}
        <div style={{ position: 'relative', height }}>
          {Array.from({ length: h1 - h0 + 1 }, (_, i) => h0 + i).map((hour) => (
            <span key={hour} style={{ position: 'absolute', top: (hour - h0) * HOUR_PX - 8, right: 6, fontSize: 12, color: '#8592a6' }}>
              {`${String(hour).padStart(2, '0')}:00`}
            </span>
          ))}
        </div>
        {days.map((day) => {
          const open = hours ? (hours[weekdayOf(day) as Weekday] ?? []) : [['00:00', '24:00'] as [string, string]];
          return (
            <div
              key={day}
              data-testid="calendar-day"
              data-day={day}
              style={{
                position: 'relative',
                height,
                background: COLORS.closed,
                borderLeft: '1px solid #e5e5e5',
                backgroundImage: `repeating-linear-gradient(to bottom, transparent 0, transparent ${HOUR_PX - 1}px, #e5e5e5 ${HOUR_PX - 1}px, #e5e5e5 ${HOUR_PX}px)`,
              }}
            >
              {open.map(([a, b]) => (
                <div
                  key={a}
                  style={{
                    position: 'absolute',
                    left: 0,
                    right: 0,
                    top: top(Math.max(minutesOf(a), h0 * 60)),
                    height: top(Math.min(minutesOf(b), h1 * 60)) - top(Math.max(minutesOf(a), h0 * 60)),
                    background: 'rgba(255,255,255,0.85)',
                  }}
                />
              ))}
              {pieces
                .filter((p) => p.day === day)
                .map((p) => {
                  const kind = slotKind(p.slot);
                  return (
                    <div
                      key={`${p.slot.start}-${p.from}`}
                      data-testid="calendar-slot"
                      data-mine={p.slot.mine ? 'true' : 'false'}
                      title={`${p.slot.start} – ${p.slot.end}`}
                      style={{
                        position: 'absolute',
                        left: 4,
                        right: 4,
                        top: top(p.from) + 1,
                        height: Math.max(top(p.to) - top(p.from) - 2, 18),
                        background: COLORS[kind],
                        color: '#fff',
                        borderRadius: 4,
                        padding: '2px 6px',
                        fontSize: 12,
                        overflow: 'hidden',
                        lineHeight: 1.4,
                        ...(kind === 'busy'
                          ? { backgroundImage: 'repeating-linear-gradient(45deg, transparent 0 6px, rgba(255,255,255,0.18) 6px 12px)' }
                          : {}),
                      }}
                    >
                      <SlotLabel slot={p.slot} from={p.from} to={p.to} />
                    </div>
                  );
                })}
            </div>
          );
        })}
      </div>
    </div>
  );
}

function MonthView({ day, slots, onPick }: { day: string; slots: Slot[]; onPick: (day: string) => void }) {
  const { t } = useTranslation();
  const byDay = new Map<string, { slot: Slot; from: number; to: number }[]>();
  for (const slot of slots) {
    for (const seg of slotSegments(slot.start, slot.end)) byDay.set(seg.day, [...(byDay.get(seg.day) ?? []), { slot, ...seg }]);
  }
  return (
    <div data-testid="calendar-month">
      <Calendar
        value={dayjs(day)}
        headerRender={() => null}
        onSelect={(value: Dayjs, info) => {
          if (info.source === 'date') onPick(value.format('YYYY-MM-DD'));
        }}
        cellRender={(value: Dayjs, info) => {
          if (info.type !== 'date') return info.originNode;
          const list = byDay.get(value.format('YYYY-MM-DD')) ?? [];
          return (
            <Flex vertical gap={2}>
              {list.slice(0, 3).map((p) => (
                <Tag
                  key={`${p.slot.start}-${p.from}`}
                  color={COLORS[slotKind(p.slot)]}
                  data-testid="calendar-slot"
                  data-mine={p.slot.mine ? 'true' : 'false'}
                  style={{ marginInlineEnd: 0, fontSize: 11 }}
                >
                  <SlotLabel slot={p.slot} from={p.from} to={p.to} />
                </Tag>
              ))}
              {list.length > 3 ? (
                <Typography.Text type="secondary">{t('bookings.slotsInDay', { count: list.length })}</Typography.Text>
              ) : null}
            </Flex>
          );
        }}
      />
    </div>
  );
}

function CalendarView({ resource }: { resource: ResourceDetail }) {
  const { t } = useTranslation();
  const { me } = useAuth();
  const search = useSearchState();
  const dateParam = search.get('date');
  const day = isDay(dateParam) ? dateParam : today();
  const view = search.get('view') === 'month' ? 'month' : 'week';
  const start = view === 'week' ? weekStart(day) : weekStart(`${day.slice(0, 8)}01`);
  const end = view === 'week' ? addDays(start, 7) : addDays(start, 42);
  const from = new Date(dayStart(start)).toISOString();
  const to = new Date(dayStart(end)).toISOString();
  const calendar = useCalendar(resource.id, from, to);
  const slots = calendar.data?.items ?? [];
  const step = (n: number) => {
    const next = view === 'week' ? addDays(day, 7 * n) : dayjs(`${day}T00:00:00`).add(n, 'month').format('YYYY-MM-DD');
    search.update({ date: next });
  };
  const owner = me?.role === 'provider' && me.scope.institutionId === resource.institutionId;
  const icsUrl = `/api/v1/resources/${encodeURIComponent(resource.id)}/bookings.ics`;

  return (
    <>
      <PageHeader
        title={
          <span data-testid="calendar-title">
            {resource.name} · {t('bookings.calendar')}
          </span>
        }
        subtitle={owner || me?.role !== 'enterprise' ? t('bookings.calendarOwnerSubtitle') : t('bookings.calendarSubtitle')}
        extra={
          <>
            <a href={icsUrl} download="bookings.ics" data-testid="calendar-ics" title={t('bookings.icsHint')}>
              <Button>{t('bookings.subscribeIcs')}</Button>
            </a>
            <Link to={`/resources/${resource.id}`}>
              <Button>{t('common.back')}</Button>
            </Link>
          </>
        }
      />
      <Card>
        <Flex justify="space-between" align="center" wrap gap={12} style={{ marginBottom: 12 }}>
          <Space wrap>
            <Button onClick={() => step(-1)} data-testid="calendar-previous">
              {t('bookings.previous')}
            </Button>
            <Button onClick={() => search.update({ date: null })}>{t('bookings.today')}</Button>
            <Button onClick={() => step(1)} data-testid="calendar-next">
              {t('bookings.next')}
            </Button>
            <Typography.Text strong data-testid="calendar-range">
              {view === 'week' ? `${start} – ${addDays(start, 6)}` : day.slice(0, 7)}
            </Typography.Text>
          </Space>
          <Space wrap>
            {me?.role === 'enterprise' ? <Tag color={COLORS.mine}>{t('bookings.mine')}</Tag> : null}
            {owner ? <Tag color={COLORS.booked}>{t('bookings.booked')}</Tag> : <Tag color={COLORS.busy}>{t('bookings.busy')}</Tag>}
            <Tag style={{ background: '#fff' }}>{t('bookings.legendOpen')}</Tag>
            <Tag style={{ background: COLORS.closed }}>{t('bookings.legendClosed')}</Tag>
            <Segmented
              data-testid="calendar-view-switch"
              value={view}
              onChange={(value) => search.update({ view: value === 'week' ? null : value })}
              options={[
                { value: 'week', label: t('bookings.week') },
                { value: 'month', label: t('bookings.month') },
              ]}
            />
          </Space>
        </Flex>
        {resource.openingHours ? null : <Alert type="info" showIcon title={t('bookings.noOpeningHours')} style={{ marginBottom: 12 }} />}
        {calendar.isError ? (
          <QueryError error={calendar.error} onRetry={() => void calendar.refetch()} />
        ) : view === 'week' ? (
          <WeekGrid start={start} hours={resource.openingHours} slots={slots} />
        ) : (
          <MonthView day={day} slots={slots} onPick={(picked) => search.update({ date: picked, view: null })} />
        )}
      </Card>
    </>
  );
}

/** One instrument's busy slots by week or month; the caller's own bookings are marked. */
export function InstrumentCalendarPage() {
  const { id } = useParams();
  const query = useResource(id);
  return <QueryState query={query}>{(resource) => <CalendarView resource={resource} />}</QueryState>;
}
