import { and, count, desc, eq, inArray, isNull, type SQL, sql } from 'drizzle-orm';
import { users } from '../../db/schema/accounts.ts';
import { notifications } from '../../db/schema/platform.ts';
import type { Db } from '../../platform/db.ts';

export type NotificationRow = typeof notifications.$inferSelect;
export type NotificationInsert = typeof notifications.$inferInsert;

export async function insertNotifications(db: Db, rows: NotificationInsert[]): Promise<number> {
  if (rows.length === 0) return 0;
  return (await db.insert(notifications).values(rows).returning({ id: notifications.id })).length;
}

export async function listNotifications(db: Db, userId: string, q: { unread?: boolean | undefined; limit: number; offset: number }) {
  const own = eq(notifications.userId, userId);
  const cond: SQL | undefined =
    q.unread === true
      ? and(own, isNull(notifications.readAt))
      : q.unread === false
        ? and(own, sql`${notifications.readAt} is not null`)
        : own;
  const [items, total, unread] = await Promise.all([
    db
      .select()
      .from(notifications)
      .where(cond)
      .orderBy(desc(notifications.createdAt), desc(notifications.id))
      .limit(q.limit)
      .offset(q.offset),
    db.select({ n: count() }).from(notifications).where(cond),
    db
      .select({ n: count() })
      .from(notifications)
      .where(and(own, isNull(notifications.readAt))),
  ]);
  return { items, total: total[0]?.n ?? 0, unread: unread[0]?.n ?? 0 };
}

/** Marks one of the user's notifications read (keeping the first read time); undefined when it is not theirs. */
export async function markRead(db: Db, userId: string, id: string): Promise<NotificationRow | undefined> {
  const rows = await db
    .update(notifications)
    .set({ readAt: sql`coalesce(${notifications.readAt}, now())` })
    .where(and(eq(notifications.id, id), eq(notifications.userId, userId)))
    .returning();
  return rows[0];
}

export async function markAllRead(db: Db, userId: string): Promise<number> {
  const rows = await db
    .update(notifications)
    .set({ readAt: sql`now()` })
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)))
    .returning({ id: notifications.id });
  return rows.length;
}

/** Active users holding a role, optionally within one town. */
export async function activeUserIds(
  db: Db,
  filter: { roles: readonly string[]; townId?: string; enterpriseId?: string },
): Promise<string[]> {
  const rows = await db
    .select({ id: users.id })
    .from(users)
    .where(
      and(
        inArray(users.role, [...filter.roles]),
        eq(users.status, 'active'),
        filter.townId !== undefined ? eq(users.townId, filter.townId) : undefined,
        filter.enterpriseId !== undefined ? eq(users.enterpriseId, filter.enterpriseId) : undefined,
      ),
    );
  return rows.map((r) => r.id);
}
