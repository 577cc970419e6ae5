import { and, desc, eq, gt, ne, sql } from 'drizzle-orm';
import { loginAttempts, sessions, users } from '../../db/schema/accounts.ts';
import type { Db } from '../../platform/db.ts';

export async function recordLoginAttempt(db: Db, username: string, ip: string | null, success: boolean) {
  await db.insert(loginAttempts).values({ username: username.slice(0, 64), ip, success });
}

/** Attempts for a username (any case) since `since`, newest first. */
export async function recentAttemptsForUsername(db: Db, username: string, since: Date) {
  return db
    .select({ success: loginAttempts.success, at: loginAttempts.attemptedAt })
    .from(loginAttempts)
    .where(and(sql`lower(${loginAttempts.username}) = lower(${username})`, gt(loginAttempts.attemptedAt, since)))
    .orderBy(desc(loginAttempts.attemptedAt))
    .limit(200);
}

export async function recentFailuresFromIp(db: Db, ip: string, since: Date): Promise<number> {
  const rows = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(loginAttempts)
    .where(and(eq(loginAttempts.ip, ip), eq(loginAttempts.success, false), gt(loginAttempts.attemptedAt, since)));
  return rows[0]?.n ?? 0;
}

export async function touchLastLogin(db: Db, userId: string) {
  await db.update(users).set({ lastLoginAt: sql`now()` }).where(eq(users.id, userId));
}

export async function setPasswordHash(db: Db, userId: string, passwordHash: string) {
  await db.update(users).set({ passwordHash, passwordChangedAt: sql`now()`, updatedAt: sql`now()` }).where(eq(users.id, userId));
}

/** Ends every session of the user but the one making the request. */
export async function endOtherSessions(db: Db, userId: string, keepTokenHash: string) {
  await db.delete(sessions).where(and(eq(sessions.userId, userId), ne(sessions.tokenHash, keepTokenHash)));
}
