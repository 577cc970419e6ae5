/**
 * The booking rules, pure: no database, no clock of their own (callers pass `now`), so the same
 * rules serve the API, jobs and tests. Times are instants; opening hours are Asia/Shanghai wall
 * clock (UTC+8 all year, no daylight saving, so a fixed offset is exact).
 */

export const weekdays = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
export type Weekday = (typeof weekdays)[number];
/** The catalogue's weekly schedule: { mon: [['09:00', '17:30']], … }; a missing day is closed. */
export type OpeningHours = Partial<Record<Weekday, [string, string][]>>;
export type FeeUnit = 'hour' | 'sample' | 'day';
export type BookingMode = 'self_service' | 'operator_assisted' | 'sample' | 'consultation';

/** What can be booked, and how: an instrument by slot or sample test, an expert by consultation slot. */
export function modeOffered(kind: string, mode: BookingMode): 'not_bookable' | 'mode_not_offered' | null {
  if (kind === 'instrument') return mode === 'consultation' ? 'mode_not_offered' : null;
  if (kind === 'expert') return mode === 'consultation' ? null : 'mode_not_offered';
  return 'not_bookable';
}

export type BookingSettings = {
  /** Shortest and longest bookable slot. */
  minSlotMinutes: number;
  maxSlotHours: number;
  /** Cancelling a confirmed booking is free until this many hours before its start; later it is "late". */
  freeCancelHours: number;
  /** A confirmed slot may be recorded as a no-show this long after its start. */
  noShowGraceMinutes: number;
};
export const DEFAULT_BOOKING_SETTINGS: BookingSettings = {
  minSlotMinutes: 30,
  maxSlotHours: 72,
  freeCancelHours: 24,
  noShowGraceMinutes: 30,
};

/** The rules' settings from the validated configuration (BOOKING_* environment variables). */
export function bookingSettingsFrom(c: {
  bookingMinSlotMinutes: number;
  bookingMaxSlotHours: number;
  bookingFreeCancelHours: number;
  bookingNoShowGraceMinutes: number;
}): BookingSettings {
  return {
    minSlotMinutes: c.bookingMinSlotMinutes,
    maxSlotHours: c.bookingMaxSlotHours,
    freeCancelHours: c.bookingFreeCancelHours,
    noShowGraceMinutes: c.bookingNoShowGraceMinutes,
  };
}

/** Usage may be recorded once the slot has ended (a sample test, having no slot, once confirmed). */
export function slotEnded(booking: { end: Date | null }, now: Date): boolean {
  return !booking.end || now.getTime() >= booking.end.getTime();
}

/** Why a slot is refused; the service maps each to an error code with a message saying which. */
export type SlotProblem = 'ends_before_start' | 'in_past' | 'too_short' | 'too_long' | 'outside_opening_hours';

const MINUTE = 60_000;
const DAY = 1440 * MINUTE;
const SHANGHAI_OFFSET = 480 * MINUTE;
const HHMM = /^([01]\d|2[0-4]):([0-5]\d)$/;

function minutesOf(hhmm: string): number {
  const m = HHMM.exec(hhmm);
  const v = m ? Number(m[1]) * 60 + Number(m[2]) : Number.NaN;
  if (!(v >= 0 && v <= 1440)) throw new RangeError(`not a time of day: ${hhmm}`);
  return v;
}

/** One weekday's intervals in minutes since local midnight, sorted, touching ones merged ('12:00' end + '12:00' start). */
function dayIntervals(hours: OpeningHours, day: Weekday): [number, number][] {
  const list = (hours[day] ?? []).map(([a, b]) => [minutesOf(a), minutesOf(b)] as [number, number]).filter(([a, b]) => b > a);
  list.sort((x, y) => x[0] - y[0]);
  const merged: [number, number][] = [];
  for (const iv of list) {
    const last = merged.at(-1);
    if (last && iv[0] <= last[1]) last[1] = Math.max(last[1], iv[1]);
    else merged.push([...iv]);
  }
  return merged;
}

/**
 * True when every local day the slot touches is covered by one opening interval of that weekday
 * (a slot over midnight needs '…–24:00' and '00:00–…'). No schedule (null) means "by arrangement":
 * the owner judges the slot when approving.
 */
export function withinOpeningHours(start: Date, end: Date, hours: OpeningHours | null | undefined): boolean {
  if (!hours) return true;
  const s = start.getTime() + SHANGHAI_OFFSET;
  const e = end.getTime() + SHANGHAI_OFFSET;
  for (let dayStart = Math.floor(s / DAY) * DAY; dayStart < e; dayStart += DAY) {
    const from = (Math.max(s, dayStart) - dayStart) / MINUTE;
    const to = (Math.min(e, dayStart + DAY) - dayStart) / MINUTE;
    const day = weekdays[new Date(dayStart).getUTCDay()] as Weekday;
    if (!dayIntervals(hours, day).some(([a, b]) => a <= from && to <= b)) return false;
  }
  return true;
}

/** The first rule a slot breaks, in the order a user would fix them; null when bookable. */
export function slotProblem(
  slot: { start: Date; end: Date },
  hours: OpeningHours | null | undefined,
  now: Date,
  settings: BookingSettings = DEFAULT_BOOKING_SETTINGS,
): SlotProblem | null {
  const length = slot.end.getTime() - slot.start.getTime();
  if (length <= 0) return 'ends_before_start';
  if (slot.start.getTime() <= now.getTime()) return 'in_past';
  if (length < settings.minSlotMinutes * MINUTE) return 'too_short';
  if (length > settings.maxSlotHours * 60 * MINUTE) return 'too_long';
  if (!withinOpeningHours(slot.start, slot.end, hours)) return 'outside_opening_hours';
  return null;
}

export type Fee = { unit: FeeUnit | null; minFen: number | null; maxFen: number | null };
/** The price shown before submitting: a range when the owner lists one (simple vs. complex tests). */
export type Quote = { units: number; unit: FeeUnit; feeFen: number; feeMaxFen: number } | null;

/**
 * Prices a request in integer fen. Rounding, stated once: per hour, time is billed in started
 * half-hours (a 50-minute slot is 1 h); per day, in started 24-hour periods; per sample, by the
 * count. A half-hour of a price in odd fen rounds up to the whole fen. No fee listed → null
 * (the owner quotes on approval).
 */
export function quote(
  fee: Fee,
  request: { mode: BookingMode; start?: Date | null; end?: Date | null; sampleCount?: number | null },
): Quote {
  if (!fee.unit || fee.minFen === null) return null;
  const max = fee.maxFen ?? fee.minFen;
  let halves: number; // units × 2, so that half-hours stay integers
  if (fee.unit === 'sample') {
    halves = 2 * Math.max(1, request.sampleCount ?? 1);
  } else {
    if (!request.start || !request.end) return null;
    const length = request.end.getTime() - request.start.getTime();
    halves = fee.unit === 'hour' ? Math.ceil(length / (30 * MINUTE)) : 2 * Math.ceil(length / DAY);
  }
  return { units: halves / 2, unit: fee.unit, feeFen: Math.ceil((fee.minFen * halves) / 2), feeMaxFen: Math.ceil((max * halves) / 2) };
}

/** Self-service needs a training record and an instrument that allows it; operator-assisted and sample tests need neither. */
export function modeProblem(
  mode: BookingMode,
  instrument: { operatorRequired: boolean },
  trained: boolean,
): 'operator_required' | 'training_required' | null {
  if (mode !== 'self_service') return null;
  if (instrument.operatorRequired) return 'operator_required';
  return trained ? null : 'training_required';
}

/**
 * Cancelling: a request may always be withdrawn; a confirmed slot is free until `freeCancelHours`
 * before its start, late after that, and cannot be cancelled once it has begun (that is a no-show).
 */
export function cancellation(
  booking: { status: string; start: Date | null },
  now: Date,
  settings: BookingSettings = DEFAULT_BOOKING_SETTINGS,
): { late: boolean } | 'not_cancellable' | 'already_started' {
  if (booking.status !== 'requested' && booking.status !== 'confirmed') return 'not_cancellable';
  if (booking.status === 'requested' || !booking.start) return { late: false };
  const t = booking.start.getTime();
  if (now.getTime() >= t) return 'already_started';
  return { late: now.getTime() > t - settings.freeCancelHours * 60 * MINUTE };
}

/** A confirmed slot may be recorded as a no-show only once the grace period after its start has passed. */
export function noShowAllowed(
  booking: { status: string; start: Date | null },
  now: Date,
  settings: BookingSettings = DEFAULT_BOOKING_SETTINGS,
): boolean {
  if (booking.status !== 'confirmed' || !booking.start) return false;
  return now.getTime() >= booking.start.getTime() + settings.noShowGraceMinutes * MINUTE;
}
