import { asc, eq, sql } from 'drizzle-orm';
import { towns } from '../../db/schema/organisations.ts';
import { reportingPeriods, statisticSubmissions, targetReminders } from '../../db/schema/targets.ts';
import type { Db } from '../../platform/db.ts';

export async function openPeriods(db: Db) {
  return db.select().from(reportingPeriods).where(eq(reportingPeriods.status, 'open')).orderBy(asc(reportingPeriods.deadline));
}

/** Towns with nothing submitted for review or approved for the period (a draft or a returned version does not count). */
export async function townsYetToSubmit(db: Db, periodId: string) {
  return db
    .select({ id: towns.id, name: towns.name })
    .from(towns)
    .where(
      sql`not exists (select 1 from ${statisticSubmissions} s where s.period_id = ${periodId} and s.town_id = ${towns.id}
            and s.status in ('submitted', 'approved'))`,
    )
    .orderBy(asc(towns.code));
}

/** Records the reminders; returns the towns whose row this call inserted (those not reminded of this kind before). */
export async function recordReminders(db: Db, periodId: string, townIds: readonly string[], kind: string): Promise<string[]> {
  if (townIds.length === 0) return [];
  const rows = await db
    .insert(targetReminders)
    .values(townIds.map((townId) => ({ periodId, townId, kind })))
    .onConflictDoNothing({ target: [targetReminders.periodId, targetReminders.townId, targetReminders.kind] })
    .returning({ townId: targetReminders.townId });
  return rows.map((r) => r.townId);
}

export async function remindersOf(db: Db, periodId: string) {
  return db
    .select({ townId: targetReminders.townId, kind: targetReminders.kind })
    .from(targetReminders)
    .where(eq(targetReminders.periodId, periodId));
}
