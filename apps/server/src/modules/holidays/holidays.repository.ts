import { and, asc, eq, gte, lte, sql } from 'drizzle-orm';
import { holidays } from '../../db/schema/platform.ts';
import type { Db } from '../../platform/db.ts';

export type HolidayRow = typeof holidays.$inferSelect;

/** Calendar entries from 1 January of `fromYear` to 31 December of `toYear`, by date. */
export async function listHolidays(db: Db, fromYear: number, toYear = fromYear): Promise<HolidayRow[]> {
  return db
    .select()
    .from(holidays)
    .where(and(gte(holidays.date, `${fromYear}-01-01`), lte(holidays.date, `${toYear}-12-31`)))
    .orderBy(asc(holidays.date));
}

export async function findHoliday(db: Db, date: string, lock = false): Promise<HolidayRow | undefined> {
  const query = db.select().from(holidays).where(eq(holidays.date, date));
  return (lock ? await query.for('update') : await query)[0];
}

export async function upsertHoliday(db: Db, values: { date: string; name: string; isWorkday: boolean }): Promise<HolidayRow> {
  const rows = await db
    .insert(holidays)
    .values(values)
    .onConflictDoUpdate({ target: holidays.date, set: { name: values.name, isWorkday: values.isWorkday, updatedAt: sql`now()` } })
    .returning();
  return rows[0] as HolidayRow;
}

export async function deleteHoliday(db: Db, date: string): Promise<HolidayRow | undefined> {
  return (await db.delete(holidays).where(eq(holidays.date, date)).returning())[0];
}
