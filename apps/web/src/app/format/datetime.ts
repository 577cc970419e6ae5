import dayjs, { type Dayjs } from 'dayjs';

export function formatDateTime(value: string | null | undefined): string {
  return value ? dayjs(value).format('YYYY-MM-DD HH:mm') : '—';
}

export function formatDateTimeSeconds(value: string | null | undefined): string {
  return value ? dayjs(value).format('YYYY-MM-DD HH:mm:ss') : '—';
}

export function formatDate(value: string | null | undefined): string {
  return value ? dayjs(value).format('YYYY-MM-DD') : '—';
}

const shanghaiDay = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });

/**
 * The Shanghai date (YYYY-MM-DD) of an instant, now by default. The server keeps every business date
 * (a mediation session, a usage day, a deadline) as a Shanghai date, so the browser must not use its own
 * zone for them: a browser in UTC is still on yesterday from 00:00 to 08:00 Shanghai time.
 */
export function shanghaiDate(at: Date | string = new Date()): string {
  return shanghaiDay.format(typeof at === 'string' ? new Date(at) : at);
}

/** Today in Shanghai for a date picker: a local midnight carrying Shanghai's year, month and day. */
export function shanghaiToday(at: Date = new Date()): Dayjs {
  return dayjs(shanghaiDate(at));
}
