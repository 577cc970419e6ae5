import type { userListQuerySchema } from '@innotown/contracts/users';
import { and, count, eq, gt, ilike, or, type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { loginAttempts, users } from '../../db/schema/accounts.ts';
import { enterprises, institutions, towns } from '../../db/schema/organisations.ts';
import { auditEvents, notifications } from '../../db/schema/platform.ts';
import type { Db } from '../../platform/db.ts';
import { likePattern, limitOffset } from '../../platform/pagination.ts';
import { destroyUserSessions } from '../../platform/sessions.ts';
import { deleteTwoFactor } from '../auth/two-factor.repository.ts';

export type UserRow = typeof users.$inferSelect;
export type UserWithBinding = UserRow & { bindingName: string | null; twoFactorEnabled: boolean };

const withBinding = {
  bindingName: sql<string | null>`coalesce(${enterprises.name}, ${institutions.name}, ${towns.name})`,
  // Admins see who signs in with two factors (user_two_factor.enabled_at is set once confirmed).
  twoFactorEnabled: sql<boolean>`exists (select 1 from user_two_factor tf where tf.user_id = ${users.id} and tf.enabled_at is not null)`,
};

type BoundRow = { user: UserRow; bindingName: string | null; twoFactorEnabled: boolean };
const flatten = (r: BoundRow): UserWithBinding => ({ ...r.user, bindingName: r.bindingName, twoFactorEnabled: r.twoFactorEnabled });

function selectWithBinding(db: Db) {
  return db
    .select({ user: users, ...withBinding })
    .from(users)
    .leftJoin(towns, eq(towns.id, users.townId))
    .leftJoin(institutions, eq(institutions.id, users.institutionId))
    .leftJoin(enterprises, eq(enterprises.id, users.enterpriseId));
}

export async function findUserByUsername(db: Db, username: string): Promise<UserRow | undefined> {
  const rows = await db.select().from(users).where(sql`lower(${users.username}) = lower(${username})`);
  return rows[0];
}

export async function findUserById(db: Db, id: string): Promise<UserWithBinding | undefined> {
  const rows = await selectWithBinding(db).where(eq(users.id, id));
  const r = rows[0];
  return r ? flatten(r) : undefined;
}

export async function listUsers(db: Db, q: z.infer<typeof userListQuerySchema>) {
  const where: SQL[] = [];
  if (q.q) where.push(or(ilike(users.username, likePattern(q.q)), ilike(users.displayName, likePattern(q.q))) as SQL);
  if (q.role) where.push(eq(users.role, q.role));
  if (q.status) where.push(eq(users.status, q.status));
  if (q.townId) where.push(eq(users.townId, q.townId));
  const cond = where.length ? and(...where) : undefined;
  const { limit, offset } = limitOffset(q);
  const [rows, totals] = await Promise.all([
    selectWithBinding(db).where(cond).orderBy(users.username).limit(limit).offset(offset),
    db.select({ n: count() }).from(users).where(cond),
  ]);
  return { items: rows.map(flatten), total: totals[0]?.n ?? 0 };
}

export async function insertUser(db: Db, values: typeof users.$inferInsert): Promise<UserRow> {
  const rows = await db.insert(users).values(values).returning();
  return rows[0] as UserRow;
}

export async function updateUser(db: Db, id: string, values: Partial<typeof users.$inferInsert>): Promise<UserRow | undefined> {
  const rows = await db
    .update(users)
    .set({ ...values, updatedAt: sql`now()` })
    .where(eq(users.id, id))
    .returning();
  return rows[0];
}

/** Locks the row for the rest of the transaction (read-modify-write without lost updates). */
export async function findUserForUpdate(db: Db, id: string): Promise<UserRow | undefined> {
  const rows = await db.select().from(users).where(eq(users.id, id)).for('update');
  return rows[0];
}

/** What a role binding needs to know about its town, institution or enterprise. */
export async function findTownRef(db: Db, id: string) {
  return (await db.select({ id: towns.id }).from(towns).where(eq(towns.id, id)))[0];
}
export async function findInstitutionRef(db: Db, id: string) {
  return (
    await db
      .select({ id: institutions.id, type: institutions.type, townId: institutions.townId })
      .from(institutions)
      .where(eq(institutions.id, id))
  )[0];
}
export async function findEnterpriseRef(db: Db, id: string) {
  return (await db.select({ id: enterprises.id, townId: enterprises.townId }).from(enterprises).where(eq(enterprises.id, id)))[0];
}

/**
 * Erases what identifies the person behind an account and everything kept only for them (sessions, authenticator,
 * pending sign-ins, notifications, the sign-in attempts under their username). The row stays, anonymised, because
 * orders, bookings and reviews name it; the audit log keeps its records (retained by law, append-only).
 */
export async function eraseUserRow(db: Db, user: UserRow, unusablePasswordHash: string) {
  await destroyUserSessions(db, user.id);
  await deleteTwoFactor(db, user.id);
  await db.delete(notifications).where(eq(notifications.userId, user.id));
  await db.delete(loginAttempts).where(sql`lower(${loginAttempts.username}) = lower(${user.username})`);
  await db
    .update(users)
    .set({
      username: `erased-${user.id.slice(0, 8)}`,
      displayName: '已注销用户',
      email: null,
      phone: null,
      passwordHash: unusablePasswordHash,
      status: 'disabled',
      erasedAt: sql`now()`,
      updatedAt: sql`now()`,
    })
    .where(eq(users.id, user.id));
}

/** Whether the user asked for erasure since `since` (the request lives in the audit log). */
export async function erasureRequestedSince(db: Db, userId: string, since: Date): Promise<boolean> {
  const rows = await db
    .select({ id: auditEvents.id })
    .from(auditEvents)
    .where(and(eq(auditEvents.action, 'user.erasure_request'), eq(auditEvents.targetId, userId), gt(auditEvents.occurredAt, since)))
    .limit(1);
  return rows.length > 0;
}
