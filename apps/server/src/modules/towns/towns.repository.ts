import { asc, count, eq, ilike, or, type SQL, sql } from 'drizzle-orm';
import { enterprises, institutions, towns } from '../../db/schema/organisations.ts';
import type { Db } from '../../platform/db.ts';
import { likePattern } from '../../platform/pagination.ts';

export type TownRow = typeof towns.$inferSelect;
export type TownWithCounts = TownRow & { enterpriseCount: number; institutionCount: number };

const counts = {
  enterpriseCount: sql<number>`(select count(*)::int from ${enterprises} e where e.town_id = towns.id)`,
  institutionCount: sql<number>`(select count(*)::int from ${institutions} i where i.town_id = towns.id)`,
};

export async function listTowns(db: Db, q: { q?: string | undefined; limit: number; offset: number }) {
  const cond: SQL | undefined = q.q
    ? or(ilike(towns.name, likePattern(q.q)), ilike(towns.nameEn, likePattern(q.q)), ilike(towns.code, likePattern(q.q)))
    : undefined;
  const [rows, total] = await Promise.all([
    db
      .select({ town: towns, ...counts })
      .from(towns)
      .where(cond)
      .orderBy(asc(towns.code))
      .limit(q.limit)
      .offset(q.offset),
    db.select({ n: count() }).from(towns).where(cond),
  ]);
  return {
    items: rows.map((r) => ({ ...r.town, enterpriseCount: r.enterpriseCount, institutionCount: r.institutionCount })),
    total: total[0]?.n ?? 0,
  };
}

export async function findTown(db: Db, id: string, lock = false): Promise<TownWithCounts | undefined> {
  const query = db
    .select({ town: towns, ...counts })
    .from(towns)
    .where(eq(towns.id, id));
  const rows = lock ? await query.for('update', { of: towns }) : await query;
  const r = rows[0];
  return r ? { ...r.town, enterpriseCount: r.enterpriseCount, institutionCount: r.institutionCount } : undefined;
}

export async function insertTown(db: Db, values: typeof towns.$inferInsert): Promise<TownRow> {
  return (await db.insert(towns).values(values).returning())[0] as TownRow;
}

export async function updateTown(db: Db, id: string, values: Partial<typeof towns.$inferInsert>) {
  return (
    await db
      .update(towns)
      .set({ ...values, updatedAt: sql`now()` })
      .where(eq(towns.id, id))
      .returning()
  )[0];
}
