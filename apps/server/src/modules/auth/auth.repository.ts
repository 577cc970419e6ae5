import { and, desc, eq, gt, ne, sql } from 'drizzle-orm';
import { loginAttempts, sessions, users } from '../../db/schema/accounts.ts';
import type { Db } from '../../platform/db.ts';

/**
 * Records an attempt as a failure before the password is checked, so that concurrent attempts see each other:
 * of N simultaneous guesses at most the lockout's number get as far as the password check.
 */
export async function claimLoginAttempt(db: Db, username: string, ip: string | null): Promise<number> {
  const [row] = await db
    .insert(loginAttempts)
    .values({ username: username.slice(0, 64), ip, success: false })
    .returning({ id: loginAttempts.id });
  if (!row) throw new Error('login attempt not recorded');
  return row.id;
}

export async function markLoginAttemptSucceeded(db: Db, attemptId: number) {
  await db.update(loginAttempts).set({ success: true }).where(eq(loginAttempts.id, attemptId));
}

/** A refused attempt (locked) is not a guess: it must not extend the lock. */
export async function forgetLoginAttempt(db: Db, attemptId: number) {
  await db.delete(loginAttempts).where(eq(loginAttempts.id, attemptId));
}

/** Attempts for a username (any case) since `since`, newest first, leaving out the caller's own claimed attempt. */
export async function recentAttemptsForUsername(db: Db, username: string, since: Date, exceptAttemptId?: number) {
  return db
    .select({ success: loginAttempts.success, at: loginAttempts.attemptedAt })
    .from(loginAttempts)
    .where(
      and(
        sql`lower(${loginAttempts.username}) = lower(${username})`,
        gt(loginAttempts.attemptedAt, since),
        exceptAttemptId ? ne(loginAttempts.id, exceptAttemptId) : undefined,
      ),
    )
    .orderBy(desc(loginAttempts.attemptedAt))
    .limit(200);
}

export async function recentFailuresFromIp(db: Db, ip: string, since: Date): Promise<{ failures: number; oldest: Date | null }> {
  const rows = await db
    .select({ failures: sql<number>`count(*)::int`, oldest: sql<string | null>`min(${loginAttempts.attemptedAt})` })
    .from(loginAttempts)
    .where(and(eq(loginAttempts.ip, ip), eq(loginAttempts.success, false), gt(loginAttempts.attemptedAt, since)));
  const row = rows[0];
  return { failures: row?.failures ?? 0, oldest: row?.oldest ? new Date(row.oldest) : null };
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
