/**
 * The rules of the open-sharing evaluation (开放共享评价考核), pure so that they are tested alone.
 *
 * What counts (decided here, documented in ARCHITECTURE.md):
 * - Effective machine-hours (有效机时) = external service hours + internal hours.
 * - External service hours: the minutes the owner recorded on a booking by an enterprise (every booker
 *   is outside the owner institution), once the record is undisputed: the enterprise confirmed it
 *   (`completed`), or it has stood unanswered for AUTO_CONFIRM_DAYS after it was recorded (deemed
 *   confirmed). A disputed record counts only after the owner re-records and it is confirmed.
 *   The usage belongs to the day its slot started (sample tests without a slot: the day it was recorded).
 * - Internal hours: owner-recorded internal use by its own staff (internal_usages), with its internal income.
 * - Available hours (可用机时): the instrument's weekly opening hours over the days of the period by the
 *   working-day calendar: a public holiday is closed; a make-up working day (调休上班) on a weekend opens
 *   with the instrument's weekday schedule; any other day opens with its own weekday's schedule.
 * - Utilisation = effective ÷ available; sharing rate = external ÷ effective hours; revenue rate =
 *   (internal income + 1.5 × external income) ÷ original value; no-show rate = no-shows ÷ (no-shows +
 *   counted external services). A rate with a zero denominator is null, never 0 or ∞.
 * - Sums before ratios: a town's utilisation is its total effective hours ÷ its total available hours.
 * - Idle: utilisation below IDLE_UTILISATION (or no use at all when the instrument lists no opening hours).
 */
import {
  addCalendarDays,
  dayOfWeek,
  type IsoDate,
  isWeekend,
  startOfShanghaiDay,
  type WorkingCalendar,
} from '../../platform/working-days.ts';

export const AUTO_CONFIRM_DAYS = 7;
export const EXTERNAL_INCOME_WEIGHT = 1.5;
export const IDLE_UTILISATION = 0.05;
export const LIST_LIMIT = 10;

export type WeekdayKey = 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun';
export type OpeningHours = Partial<Record<WeekdayKey, [string, string][]>>;
const KEYS: readonly WeekdayKey[] = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
const WORKWEEK: readonly WeekdayKey[] = ['mon', 'tue', 'wed', 'thu', 'fri'];

/** How many days of the period open with each weekday's schedule; `makeup` days take the weekday schedule. */
export type ScheduleDays = Record<WeekdayKey | 'makeup', number>;

const emptyDays = (): ScheduleDays => ({ mon: 0, tue: 0, wed: 0, thu: 0, fri: 0, sat: 0, sun: 0, makeup: 0 });

/** The schedule a day opens with: null on a public holiday, 'makeup' on a make-up working day at a weekend. */
export function scheduleOf(date: IsoDate, calendar: WorkingCalendar): WeekdayKey | 'makeup' | null {
  if (calendar.workdays.has(date)) return isWeekend(date) ? 'makeup' : (KEYS[dayOfWeek(date)] as WeekdayKey);
  if (calendar.daysOff.has(date)) return null;
  return KEYS[dayOfWeek(date)] as WeekdayKey;
}

/** Counts the days of [from, to] (both included) by schedule, and the working days among them. */
export function scheduleDays(from: IsoDate, to: IsoDate, calendar: WorkingCalendar): { days: ScheduleDays; workingDays: number } {
  const days = emptyDays();
  let workingDays = 0;
  for (let d = from; d <= to; d = addCalendarDays(d, 1)) {
    const key = scheduleOf(d, calendar);
    if (key) days[key]++;
    if (key === 'makeup' || (key !== null && key !== 'sat' && key !== 'sun')) workingDays++;
  }
  return { days, workingDays };
}

const toMinutes = (hhmm: string): number => {
  const [h, m] = hhmm.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
};

/** Minutes one day's schedule is open (intervals as 'HH:MM', '24:00' allowed; a bad interval adds nothing). */
export function dayMinutes(intervals: readonly (readonly [string, string])[] | undefined): number {
  let total = 0;
  for (const [a, b] of intervals ?? []) total += Math.max(0, toMinutes(b) - toMinutes(a));
  return total;
}

/** The weekday schedule a make-up working day opens with: the longest of Monday to Friday. */
export function makeupDayMinutes(hours: OpeningHours | null | undefined): number {
  return Math.max(0, ...WORKWEEK.map((k) => dayMinutes(hours?.[k])));
}

/** Available minutes of an instrument over counted schedule days. */
export function availableMinutes(hours: OpeningHours | null | undefined, days: ScheduleDays): number {
  if (!hours) return 0;
  let total = days.makeup * makeupDayMinutes(hours);
  for (const k of KEYS) total += days[k] * dayMinutes(hours[k]);
  return total;
}

/** The calendar months the period touches, each clipped to the period: [{ month: '2026-03', from, to }]. */
export function monthsOf(from: IsoDate, to: IsoDate): { month: string; from: IsoDate; to: IsoDate }[] {
  const out: { month: string; from: IsoDate; to: IsoDate }[] = [];
  let start = from;
  while (start <= to) {
    const [y, m] = start.split('-').map(Number) as [number, number];
    const next = m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
    const last = addCalendarDays(next, -1);
    out.push({ month: start.slice(0, 7), from: start, to: last < to ? last : to });
    start = next;
  }
  return out;
}

/** The period's instants: from 00:00 Shanghai on `from` to 00:00 Shanghai after `to`. */
export function periodInstants(from: IsoDate, to: IsoDate): { start: Date; end: Date } {
  return { start: startOfShanghaiDay(from), end: startOfShanghaiDay(addCalendarDays(to, 1)) };
}

/** The moment before which a recorded, unanswered usage counts as confirmed. */
export const deemedConfirmedBefore = (now: Date): Date => new Date(now.getTime() - AUTO_CONFIRM_DAYS * 86_400_000);

/** What the database sums; the figures are computed from these. */
export type RawFigures = {
  instruments: number;
  originalValueFen: number;
  availableMinutes: number;
  externalMinutes: number;
  internalMinutes: number;
  externalIncomeFen: number;
  internalIncomeFen: number;
  externalServices: number;
  externalUsers: number;
  noShows: number;
};

export const EMPTY_RAW: RawFigures = {
  instruments: 0,
  originalValueFen: 0,
  availableMinutes: 0,
  externalMinutes: 0,
  internalMinutes: 0,
  externalIncomeFen: 0,
  internalIncomeFen: 0,
  externalServices: 0,
  externalUsers: 0,
  noShows: 0,
};

/** Sums of several instruments or units; distinct external users are not additive, so the caller gives them. */
export function sumRaw(parts: readonly RawFigures[], externalUsers: number): RawFigures {
  const total = { ...EMPTY_RAW };
  for (const p of parts) {
    for (const k of Object.keys(total) as (keyof RawFigures)[]) total[k] += p[k];
  }
  return { ...total, externalUsers };
}

export type Figures = {
  instruments: number;
  originalValueFen: number;
  availableHours: number;
  effectiveHours: number;
  externalHours: number;
  internalHours: number;
  utilisationRate: number | null;
  sharingRate: number | null;
  revenueRate: number | null;
  externalUsers: number;
  externalIncomeFen: number;
  internalIncomeFen: number;
  serviceIncomeFen: number;
  externalServices: number;
  noShows: number;
  noShowRate: number | null;
};

const hours = (minutes: number) => Math.round((minutes / 60) * 100) / 100;
/** A ratio to 4 decimals (0.1234 = 12.34 %); null when the denominator is zero. */
export const ratio = (numerator: number, denominator: number): number | null =>
  denominator > 0 ? Math.round((numerator / denominator) * 10_000) / 10_000 : null;

export function figuresOf(raw: RawFigures): Figures {
  const effective = raw.externalMinutes + raw.internalMinutes;
  return {
    instruments: raw.instruments,
    originalValueFen: raw.originalValueFen,
    availableHours: hours(raw.availableMinutes),
    effectiveHours: hours(effective),
    externalHours: hours(raw.externalMinutes),
    internalHours: hours(raw.internalMinutes),
    utilisationRate: ratio(effective, raw.availableMinutes),
    sharingRate: ratio(raw.externalMinutes, effective),
    revenueRate: ratio(raw.internalIncomeFen + EXTERNAL_INCOME_WEIGHT * raw.externalIncomeFen, raw.originalValueFen),
    externalUsers: raw.externalUsers,
    externalIncomeFen: raw.externalIncomeFen,
    internalIncomeFen: raw.internalIncomeFen,
    serviceIncomeFen: raw.externalIncomeFen + raw.internalIncomeFen,
    externalServices: raw.externalServices,
    noShows: raw.noShows,
    noShowRate: ratio(raw.noShows, raw.noShows + raw.externalServices),
  };
}

/** An instrument barely used in the period. */
export function isIdle(f: Pick<Figures, 'utilisationRate' | 'effectiveHours'>): boolean {
  return f.utilisationRate === null ? f.effectiveHours === 0 : f.utilisationRate < IDLE_UTILISATION;
}

type Ranked = { name: string; figures: Figures; idle: boolean };
/** The most used instruments (by effective hours, then name), those with any use only. */
export function topUsed<T extends Ranked>(rows: readonly T[], limit = LIST_LIMIT): T[] {
  return rows
    .filter((r) => r.figures.effectiveHours > 0)
    .sort((a, b) => b.figures.effectiveHours - a.figures.effectiveHours || a.name.localeCompare(b.name))
    .slice(0, limit);
}

/** The idle instruments, the most valuable first (what sits unused costs most), then by name. */
export function idleInstruments<T extends Ranked>(rows: readonly T[], limit = LIST_LIMIT): T[] {
  return rows
    .filter((r) => r.idle)
    .sort(
      (a, b) =>
        (a.figures.utilisationRate ?? 0) - (b.figures.utilisationRate ?? 0) ||
        b.figures.originalValueFen - a.figures.originalValueFen ||
        a.name.localeCompare(b.name),
    )
    .slice(0, limit);
}
