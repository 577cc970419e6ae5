import type { auditListQuerySchema } from '@innotown/contracts/audit';
import { and, count, desc, eq, gte, ilike, lte, or, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import { auditEvents } from '../../db/schema/platform.ts';
import type { Db } from '../../platform/db.ts';
import { likePattern } from '../../platform/pagination.ts';

export type AuditRow = typeof auditEvents.$inferSelect;
type Filters = Omit<z.infer<typeof auditListQuerySchema>, 'page' | 'pageSize'>;

function whereOf(q: Filters): SQL | undefined {
  const w: (SQL | undefined)[] = [];
  if (q.q) {
    const p = likePattern(q.q);
    w.push(
      or(ilike(auditEvents.username, p), ilike(auditEvents.action, p), ilike(auditEvents.targetId, p), ilike(auditEvents.targetType, p)),
    );
  }
  if (q.userId) w.push(eq(auditEvents.userId, q.userId));
  if (q.username) w.push(eq(auditEvents.username, q.username));
  if (q.action) w.push(ilike(auditEvents.action, `${q.action.replace(/[\\%_]/g, (c) => `\\${c}`)}%`));
  if (q.targetType) w.push(eq(auditEvents.targetType, q.targetType));
  if (q.targetId) w.push(eq(auditEvents.targetId, q.targetId));
  if (q.result) w.push(eq(auditEvents.result, q.result));
  if (q.from) w.push(gte(auditEvents.occurredAt, new Date(q.from)));
  if (q.to) w.push(lte(auditEvents.occurredAt, new Date(q.to)));
  return and(...w);
}

export async function listAuditEvents(db: Db, q: Filters, limit: number, offset: number) {
  const cond = whereOf(q);
  const [items, totals] = await Promise.all([
    db.select().from(auditEvents).where(cond).orderBy(desc(auditEvents.occurredAt), desc(auditEvents.id)).limit(limit).offset(offset),
    db.select({ n: count() }).from(auditEvents).where(cond),
  ]);
  return { items, total: totals[0]?.n ?? 0 };
}

/** Pages through matching events in id order for exports, so memory stays flat. */
export async function* iterateAuditEvents(db: Db, q: Filters, batch = 1000): AsyncGenerator<AuditRow[]> {
  let offset = 0;
  for (;;) {
    const rows = await db
      .select()
      .from(auditEvents)
      .where(whereOf(q))
      .orderBy(desc(auditEvents.occurredAt), desc(auditEvents.id))
      .limit(batch)
      .offset(offset);
    if (rows.length === 0) return;
    yield rows;
    offset += rows.length;
    if (rows.length < batch) return;
  }
}
