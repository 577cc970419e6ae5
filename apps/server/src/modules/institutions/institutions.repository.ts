import type { institutionListQuerySchema } from '@innotown/contracts/institutions';
import { and, asc, count, eq, ilike, type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { institutions, towns } from '../../db/schema/organisations.ts';
import type { Db } from '../../platform/db.ts';
import { likePattern, limitOffset } from '../../platform/pagination.ts';

export type InstitutionRow = typeof institutions.$inferSelect;
export type InstitutionView = InstitutionRow & { townName: string; townNameEn: string };

export async function listInstitutions(db: Db, q: z.infer<typeof institutionListQuerySchema>) {
  const where: (SQL | undefined)[] = [];
  if (q.q) where.push(ilike(institutions.name, likePattern(q.q)));
  if (q.type) where.push(eq(institutions.type, q.type));
  if (q.level) where.push(eq(institutions.level, q.level));
  if (q.townId) where.push(eq(institutions.townId, q.townId));
  const cond = and(...where);
  const { limit, offset } = limitOffset(q);
  const [rows, totals] = await Promise.all([
    db
      .select({ i: institutions, townName: towns.name, townNameEn: towns.nameEn })
      .from(institutions)
      .innerJoin(towns, eq(towns.id, institutions.townId))
      .where(cond)
      .orderBy(asc(institutions.name), asc(institutions.id))
      .limit(limit)
      .offset(offset),
    db.select({ n: count() }).from(institutions).where(cond),
  ]);
  return { items: rows.map((r) => ({ ...r.i, townName: r.townName, townNameEn: r.townNameEn })), total: totals[0]?.n ?? 0 };
}

export async function findInstitution(db: Db, id: string, lock = false): Promise<InstitutionView | undefined> {
  const query = db
    .select({ i: institutions, townName: towns.name, townNameEn: towns.nameEn })
    .from(institutions)
    .innerJoin(towns, eq(towns.id, institutions.townId))
    .where(eq(institutions.id, id));
  const rows = lock ? await query.for('update', { of: institutions }) : await query;
  const r = rows[0];
  return r ? { ...r.i, townName: r.townName, townNameEn: r.townNameEn } : undefined;
}

export async function insertInstitution(db: Db, values: typeof institutions.$inferInsert) {
  return (await db.insert(institutions).values(values).returning())[0] as InstitutionRow;
}

export async function updateInstitution(db: Db, id: string, values: Partial<typeof institutions.$inferInsert>) {
  await db
    .update(institutions)
    .set({ ...values, updatedAt: sql`now()` })
    .where(eq(institutions.id, id));
}

export async function townExists(db: Db, townId: string): Promise<boolean> {
  return (await db.select({ id: towns.id }).from(towns).where(eq(towns.id, townId))).length > 0;
}
