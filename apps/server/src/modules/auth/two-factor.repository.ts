import { and, eq, gt, inArray, isNotNull, isNull, lt, or, sql } from 'drizzle-orm';
import {
  loginChallenges,
  sessions,
  twoFactorRecoveryCodes,
  twoFactorRequiredRoles,
  users,
  userTwoFactor,
} from '../../db/schema/accounts.ts';
import type { Db } from '../../platform/db.ts';

export async function twoFactorOf(db: Db, userId: string) {
  const [row] = await db.select().from(userTwoFactor).where(eq(userTwoFactor.userId, userId));
  return row ?? null;
}

/** A new, unconfirmed secret replaces an earlier unconfirmed one; a confirmed one is never overwritten here. */
export async function savePendingSecret(db: Db, userId: string, secretEncrypted: string): Promise<boolean> {
  const rows = await db
    .insert(userTwoFactor)
    .values({ userId, secretEncrypted })
    .onConflictDoUpdate({
      target: userTwoFactor.userId,
      set: { secretEncrypted, createdAt: sql`now()`, lastStep: null },
      setWhere: isNull(userTwoFactor.enabledAt),
    })
    .returning({ userId: userTwoFactor.userId });
  return rows.length === 1;
}

/**
 * Takes a time step for the user if it is later than the last one taken (one conditional update, so two
 * requests with the same code cannot both pass). `pending` confirms an unconfirmed secret at the same time.
 */
export async function takeStep(db: Db, userId: string, step: number, mode: 'enabled' | 'pending'): Promise<boolean> {
  const rows = await db
    .update(userTwoFactor)
    .set(mode === 'pending' ? { lastStep: step, enabledAt: sql`now()` } : { lastStep: step })
    .where(
      and(
        eq(userTwoFactor.userId, userId),
        mode === 'pending' ? isNull(userTwoFactor.enabledAt) : isNotNull(userTwoFactor.enabledAt),
        or(isNull(userTwoFactor.lastStep), lt(userTwoFactor.lastStep, step)),
      ),
    )
    .returning({ userId: userTwoFactor.userId });
  return rows.length === 1;
}

/** Everything two-factor keeps for a user: the authenticator, its recovery codes and any pending sign-in. */
export async function deleteTwoFactor(db: Db, userId: string) {
  await db.delete(loginChallenges).where(eq(loginChallenges.userId, userId));
  await db.delete(twoFactorRecoveryCodes).where(eq(twoFactorRecoveryCodes.userId, userId));
  const rows = await db.delete(userTwoFactor).where(eq(userTwoFactor.userId, userId)).returning({ enabledAt: userTwoFactor.enabledAt });
  return rows[0] ?? null;
}

export async function replaceRecoveryCodes(db: Db, userId: string, codeHashes: string[]) {
  await db.delete(twoFactorRecoveryCodes).where(eq(twoFactorRecoveryCodes.userId, userId));
  await db.insert(twoFactorRecoveryCodes).values(codeHashes.map((codeHash) => ({ userId, codeHash })));
}

/** Uses a recovery code once (conditional update: a code cannot be spent twice, even at the same moment). */
export async function spendRecoveryCode(db: Db, userId: string, codeHash: string): Promise<boolean> {
  const rows = await db
    .update(twoFactorRecoveryCodes)
    .set({ usedAt: sql`now()` })
    .where(
      and(eq(twoFactorRecoveryCodes.userId, userId), eq(twoFactorRecoveryCodes.codeHash, codeHash), isNull(twoFactorRecoveryCodes.usedAt)),
    )
    .returning({ userId: twoFactorRecoveryCodes.userId });
  return rows.length === 1;
}

export async function recoveryCodesLeft(db: Db, userId: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(twoFactorRecoveryCodes)
    .where(and(eq(twoFactorRecoveryCodes.userId, userId), isNull(twoFactorRecoveryCodes.usedAt)));
  return row?.n ?? 0;
}

// Pending sign-ins.
export async function insertChallenge(db: Db, row: typeof loginChallenges.$inferInsert) {
  await db.insert(loginChallenges).values(row);
}

export async function liveChallenge(db: Db, tokenHash: string) {
  const [row] = await db
    .select({
      tokenHash: loginChallenges.tokenHash,
      userId: loginChallenges.userId,
      purpose: loginChallenges.purpose,
      failures: loginChallenges.failures,
      expiresAt: loginChallenges.expiresAt,
      username: users.username,
      role: users.role,
      status: users.status,
    })
    .from(loginChallenges)
    .innerJoin(users, eq(users.id, loginChallenges.userId))
    .where(and(eq(loginChallenges.tokenHash, tokenHash), gt(loginChallenges.expiresAt, sql`now()`)));
  return row ?? null;
}

/** Counts a wrong code; the challenge is gone after `max` of them (the password must be entered again). */
export async function countChallengeFailure(db: Db, tokenHash: string, max: number) {
  const [row] = await db
    .update(loginChallenges)
    .set({ failures: sql`${loginChallenges.failures} + 1` })
    .where(eq(loginChallenges.tokenHash, tokenHash))
    .returning({ failures: loginChallenges.failures });
  if (row && row.failures >= max) await deleteChallenge(db, tokenHash);
}

/** Deletes the challenge; false when another request finished it first. */
export async function deleteChallenge(db: Db, tokenHash: string): Promise<boolean> {
  const rows = await db.delete(loginChallenges).where(eq(loginChallenges.tokenHash, tokenHash)).returning({ t: loginChallenges.tokenHash });
  return rows.length === 1;
}

export async function purgeExpiredChallenges(db: Db): Promise<number> {
  const rows = await db
    .delete(loginChallenges)
    .where(lt(loginChallenges.expiresAt, sql`now()`))
    .returning({ t: loginChallenges.tokenHash });
  return rows.length;
}

// The policy.
export async function requiredRoles(db: Db): Promise<string[]> {
  const rows = await db.select({ role: twoFactorRequiredRoles.role }).from(twoFactorRequiredRoles).orderBy(twoFactorRequiredRoles.role);
  return rows.map((r) => r.role);
}

export async function isRequiredFor(db: Db, role: string): Promise<boolean> {
  const rows = await db
    .select({ role: twoFactorRequiredRoles.role })
    .from(twoFactorRequiredRoles)
    .where(eq(twoFactorRequiredRoles.role, role));
  return rows.length === 1;
}

export async function setRequiredRoles(db: Db, roles: string[], updatedBy: string | null) {
  await db.delete(twoFactorRequiredRoles);
  if (roles.length > 0) await db.insert(twoFactorRequiredRoles).values(roles.map((role) => ({ role, updatedBy })));
}

/** Ends the sessions of users in these roles who have not turned two-factor sign-in on (they must set it up at the next sign-in). */
export async function endSessionsWithoutTwoFactor(db: Db, roles: string[], exceptUserId: string | null): Promise<number> {
  if (roles.length === 0) return 0;
  const rows = await db
    .delete(sessions)
    .where(
      and(
        inArray(
          sessions.userId,
          db
            .select({ id: users.id })
            .from(users)
            .leftJoin(userTwoFactor, eq(userTwoFactor.userId, users.id))
            .where(and(inArray(users.role, roles), isNull(userTwoFactor.enabledAt))),
        ),
        exceptUserId ? sql`${sessions.userId} <> ${exceptUserId}` : undefined,
      ),
    )
    .returning({ t: sessions.tokenHash });
  return rows.length;
}
