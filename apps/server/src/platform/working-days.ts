/**
 * The working-day calendar (工作日): weekends are off unless declared a make-up working day
 * (调休上班); listed public holidays are off. Dates are 'YYYY-MM-DD' calendar dates in China's
 * one time zone, Asia/Shanghai; arithmetic runs on UTC midnights so the host's zone never matters.
 */

export type IsoDate = string;

export type WorkingCalendar = {
  /** Public holidays: days off even on a weekday. */
  daysOff: ReadonlySet<IsoDate>;
  /** Make-up working days: worked even on a weekend. */
  workdays: ReadonlySet<IsoDate>;
};

export const EMPTY_CALENDAR: WorkingCalendar = { daysOff: new Set(), workdays: new Set() };

const DAY_MS = 86_400_000;
// China has used UTC+8 all year since 1991 (no daylight saving), so a fixed offset is exact.
const SHANGHAI_OFFSET_MS = 8 * 3_600_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function calendarFrom(entries: Iterable<{ date: IsoDate; isWorkday: boolean }>): WorkingCalendar {
  const daysOff = new Set<IsoDate>();
  const workdays = new Set<IsoDate>();
  for (const e of entries) (e.isWorkday ? workdays : daysOff).add(e.date);
  return { daysOff, workdays };
}

function toUtcMidnight(date: IsoDate): number {
  const m = ISO_DATE.exec(date);
  const t = m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : Number.NaN;
  // Date.UTC rolls 2026-02-30 over to March: a round trip proves the date exists.
  if (Number.isNaN(t) || new Date(t).toISOString().slice(0, 10) !== date) throw new RangeError(`not a calendar date: ${date}`);
  return t;
}

const fromUtcMidnight = (t: number): IsoDate => new Date(t).toISOString().slice(0, 10);

export function addCalendarDays(date: IsoDate, days: number): IsoDate {
  return fromUtcMidnight(toUtcMidnight(date) + days * DAY_MS);
}

/** 0 = Sunday … 6 = Saturday. */
export function dayOfWeek(date: IsoDate): number {
  return new Date(toUtcMidnight(date)).getUTCDay();
}

export const isWeekend = (date: IsoDate): boolean => {
  const d = dayOfWeek(date);
  return d === 0 || d === 6;
};

/** The calendar date in Shanghai at a moment: 2026-09-24T17:00Z is already 2026-09-25 there. */
export function shanghaiDate(at: Date): IsoDate {
  return fromUtcMidnight(Math.floor((at.getTime() + SHANGHAI_OFFSET_MS) / DAY_MS) * DAY_MS);
}

/** The moment a Shanghai calendar day begins (its 00:00 +08:00). */
export function startOfShanghaiDay(date: IsoDate): Date {
  return new Date(toUtcMidnight(date) - SHANGHAI_OFFSET_MS);
}

export function isWorkingDay(date: IsoDate, calendar: WorkingCalendar): boolean {
  if (calendar.workdays.has(date)) return true;
  if (calendar.daysOff.has(date)) return false;
  return !isWeekend(date);
}

/**
 * The date n working days after `start` (start itself not counted); negative n counts back.
 * n = 0 returns start unchanged, even on a day off.
 */
export function addWorkingDays(start: IsoDate, n: number, calendar: WorkingCalendar): IsoDate {
  if (!Number.isInteger(n)) throw new RangeError(`working days must be an integer: ${n}`);
  const step = n < 0 ? -1 : 1;
  let t = toUtcMidnight(start);
  let left = Math.abs(n);
  while (left > 0) {
    t += step * DAY_MS;
    if (isWorkingDay(fromUtcMidnight(t), calendar)) left--;
  }
  return fromUtcMidnight(t);
}

/**
 * Working days counted from a to b the way addWorkingDays counts them, so that
 * workingDaysBetween(a, addWorkingDays(a, n)) === n: forward, the days in (a, b];
 * backward (b before a), minus the days in [b, a). 0 when a equals b.
 */
export function workingDaysBetween(a: IsoDate, b: IsoDate, calendar: WorkingCalendar): number {
  const ta = toUtcMidnight(a);
  const tb = toUtcMidnight(b);
  const [from, to, sign] = tb >= ta ? [ta + DAY_MS, tb, 1] : [tb, ta - DAY_MS, -1];
  let count = 0;
  for (let t = from; t <= to; t += DAY_MS) if (isWorkingDay(fromUtcMidnight(t), calendar)) count++;
  return count === 0 ? 0 : sign * count;
}
