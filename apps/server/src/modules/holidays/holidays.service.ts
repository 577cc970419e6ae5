import { diffChanges, recordAudit } from '../../platform/audit.ts';
import type { RequestContext } from '../../platform/context.ts';
import type { Db } from '../../platform/db.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import {
  addCalendarDays,
  addWorkingDays,
  calendarFrom,
  type IsoDate,
  isWeekend,
  shanghaiDate,
  startOfShanghaiDay,
  type WorkingCalendar,
} from '../../platform/working-days.ts';
import { HolidayErrors } from './holidays.errors.ts';
import * as repo from './holidays.repository.ts';

export async function loadCalendar(db: Db, fromYear: number, toYear = fromYear): Promise<WorkingCalendar> {
  return calendarFrom(await repo.listHolidays(db, fromYear, toYear));
}

export type Deadline = {
  /** The last day (Shanghai calendar date) on which the step may still be done. */
  date: IsoDate;
  /** The first moment after the deadline: 00:00 Shanghai time on the following day. */
  endsAt: Date;
};

/**
 * A deadline n working days after a moment, counted from its Shanghai date: something submitted
 * on Thursday 2026-09-24 at 20:00 Shanghai (12:00 UTC) with 2 working days is due Tuesday 2026-09-29.
 */
export async function deadlineAfterWorkingDays(db: Db, from: Date, n: number): Promise<Deadline> {
  const start = shanghaiDate(from);
  const year = Number(start.slice(0, 4));
  // About 250 working days a year; one spare year each way covers the edges.
  const spanYears = Math.ceil(Math.abs(n) / 240) + 1;
  const calendar = await loadCalendar(db, n < 0 ? year - spanYears : year, n < 0 ? year : year + spanYears);
  const date = addWorkingDays(start, n, calendar);
  return { date, endsAt: startOfShanghaiDay(addCalendarDays(date, 1)) };
}

export async function listHolidays(db: Db, year: number) {
  return repo.listHolidays(db, year);
}

export async function saveHoliday(db: Db, ctx: RequestContext, date: IsoDate, input: { name: string; isWorkday: boolean }) {
  // Make-up days (调休) move a weekend into the working week; a weekday is a working day already.
  if (input.isWorkday && !isWeekend(date)) throw new AppError(HolidayErrors.HOLIDAY_WORKDAY_NOT_WEEKEND);
  return db.transaction(async (tx) => {
    const before = await repo.findHoliday(tx, date, true);
    const after = await repo.upsertHoliday(tx, { date, name: input.name, isWorkday: input.isWorkday });
    await recordAudit(tx, ctx, {
      action: before ? 'holiday.update' : 'holiday.create',
      targetType: 'holiday',
      targetId: date,
      result: 'success',
      statusCode: 200,
      changes: diffChanges(before ?? null, after, ['name', 'isWorkday']),
    });
    return after;
  });
}

export async function removeHoliday(db: Db, ctx: RequestContext, date: IsoDate): Promise<void> {
  await db.transaction(async (tx) => {
    const removed = await repo.deleteHoliday(tx, date);
    if (!removed) throw notFound();
    await recordAudit(tx, ctx, {
      action: 'holiday.delete',
      targetType: 'holiday',
      targetId: date,
      result: 'success',
      statusCode: 204,
      changes: diffChanges({ name: removed.name, isWorkday: removed.isWorkday }, { name: null, isWorkday: null }),
    });
  });
}
