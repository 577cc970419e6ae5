/**
 * Calendar arithmetic in China time (UTC+8 all year, no daylight saving): instruments' opening hours
 * and slots are Shanghai wall clock whatever the browser's zone. A day is its 'YYYY-MM-DD' string.
 */
const MINUTE = 60_000;
const DAY = 1440 * MINUTE;
const OFFSET = 480 * MINUTE;

export const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** The Shanghai day and minute of the day of an instant. */
export function shanghai(iso: string | number): { day: string; minute: number } {
  const local = new Date((typeof iso === 'number' ? iso : Date.parse(iso)) + OFFSET);
  return { day: local.toISOString().slice(0, 10), minute: local.getUTCHours() * 60 + local.getUTCMinutes() };
}

/** The instant a Shanghai day begins. */
export const dayStart = (day: string): number => Date.parse(`${day}T00:00:00+08:00`);
export const addDays = (day: string, n: number): string => new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);
export const weekdayOf = (day: string): Weekday => WEEKDAYS[new Date(`${day}T00:00:00Z`).getUTCDay()] as Weekday;
/** The Monday of the day's week. */
export const weekStart = (day: string): string => addDays(day, -((new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7));
export const today = (): string => shanghai(Date.now()).day;
export const isDay = (value: string | undefined): value is string => Boolean(value && /^\d{4}-\d{2}-\d{2}$/.test(value));

export const minutesOf = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
export const hhmm = (minute: number): string =>
  `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;

/** A slot's pieces per Shanghai day (a slot over midnight is drawn in two columns). */
export function slotSegments(start: string, end: string): { day: string; from: number; to: number }[] {
  const out: { day: string; from: number; to: number }[] = [];
  const s = Date.parse(start);
  const e = Date.parse(end);
  for (let day = shanghai(s).day; dayStart(day) < e; day = addDays(day, 1)) {
    const from = Math.max(s, dayStart(day));
    const to = Math.min(e, dayStart(addDays(day, 1)));
    out.push({ day, from: (from - dayStart(day)) / MINUTE, to: (to - dayStart(day)) / MINUTE });
  }
  return out;
}
