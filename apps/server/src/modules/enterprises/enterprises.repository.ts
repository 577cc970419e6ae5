import type { enterpriseListQuerySchema } from '@innotown/contracts/enterprises';
import { and, asc, count, desc, eq, ilike, or, type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { enterpriseAnnualFigures, enterprises, towns } from '../../db/schema/organisations.ts';
import type { Db } from '../../platform/db.ts';
import { likePattern, limitOffset } from '../../platform/pagination.ts';
import type { ScopeFilter } from '../../platform/policy.ts';
import { scopeCondition } from '../../platform/scope-sql.ts';

export type EnterpriseRow = typeof enterprises.$inferSelect;
export type EnterpriseView = EnterpriseRow & { townName: string; townNameEn: string; latestYear: number | null };
export type FiguresRow = typeof enterpriseAnnualFigures.$inferSelect;

const view = {
  townName: towns.name,
  townNameEn: towns.nameEn,
  latestYear: sql<number | null>`(select max(f.year) from ${enterpriseAnnualFigures} f where f.enterprise_id = enterprises.id)`,
};

const SORT = { name: enterprises.name, createdAt: enterprises.createdAt, updatedAt: enterprises.updatedAt } as const;

export async function listEnterprises(db: Db, scope: ScopeFilter, q: z.infer<typeof enterpriseListQuerySchema>) {
  const where: (SQL | undefined)[] = [scopeCondition(scope, { townId: enterprises.townId, enterpriseId: enterprises.id })];
  if (q.q) where.push(or(ilike(enterprises.name, likePattern(q.q)), ilike(enterprises.creditCode, likePattern(q.q))));
  if (q.townId) where.push(eq(enterprises.townId, q.townId));
  if (q.industryCode) where.push(sql`${enterprises.industryCode} like ${`${q.industryCode}%`}`);
  if (q.sizeClass) where.push(eq(enterprises.sizeClass, q.sizeClass));
  if (q.isHighTech !== undefined) where.push(eq(enterprises.isHighTech, q.isHighTech));
  if (q.isTechSme !== undefined) where.push(eq(enterprises.isTechSme, q.isTechSme));
  if (q.isAboveScale !== undefined) where.push(eq(enterprises.isAboveScale, q.isAboveScale));
  const cond = and(...where);
  const order = q.order === 'desc' ? desc(SORT[q.sort]) : asc(SORT[q.sort]);
  const { limit, offset } = limitOffset(q);
  const [rows, totals] = await Promise.all([
    db
      .select({ e: enterprises, ...view })
      .from(enterprises)
      .innerJoin(towns, eq(towns.id, enterprises.townId))
      .where(cond)
      .orderBy(order, asc(enterprises.id))
      .limit(limit)
      .offset(offset),
    db.select({ n: count() }).from(enterprises).where(cond),
  ]);
  return {
    items: rows.map((r) => ({ ...r.e, townName: r.townName, townNameEn: r.townNameEn, latestYear: r.latestYear })),
    total: totals[0]?.n ?? 0,
  };
}

export async function findEnterprise(db: Db, id: string, lock = false): Promise<EnterpriseView | undefined> {
  const query = db
    .select({ e: enterprises, ...view })
    .from(enterprises)
    .innerJoin(towns, eq(towns.id, enterprises.townId))
    .where(eq(enterprises.id, id));
  const rows = lock ? await query.for('update', { of: enterprises }) : await query;
  const r = rows[0];
  return r ? { ...r.e, townName: r.townName, townNameEn: r.townNameEn, latestYear: r.latestYear } : undefined;
}

export async function findEnterpriseByCreditCode(db: Db, creditCode: string) {
  return (await db.select({ id: enterprises.id }).from(enterprises).where(eq(enterprises.creditCode, creditCode)))[0];
}

export async function townExists(db: Db, townId: string): Promise<boolean> {
  return (await db.select({ id: towns.id }).from(towns).where(eq(towns.id, townId))).length > 0;
}

export async function insertEnterprise(db: Db, values: typeof enterprises.$inferInsert): Promise<EnterpriseRow> {
  return (await db.insert(enterprises).values(values).returning())[0] as EnterpriseRow;
}

export async function updateEnterprise(db: Db, id: string, values: Partial<typeof enterprises.$inferInsert>) {
  await db
    .update(enterprises)
    .set({ ...values, updatedAt: sql`now()` })
    .where(eq(enterprises.id, id));
}

export async function listFigures(db: Db, enterpriseId: string): Promise<FiguresRow[]> {
  return db
    .select()
    .from(enterpriseAnnualFigures)
    .where(eq(enterpriseAnnualFigures.enterpriseId, enterpriseId))
    .orderBy(asc(enterpriseAnnualFigures.year));
}

export async function findFigures(db: Db, enterpriseId: string, year: number): Promise<FiguresRow | undefined> {
  return (
    await db
      .select()
      .from(enterpriseAnnualFigures)
      .where(and(eq(enterpriseAnnualFigures.enterpriseId, enterpriseId), eq(enterpriseAnnualFigures.year, year)))
  )[0];
}

/** Insert or replace one year's figures in a single statement (no read-then-write race). */
export async function upsertFigures(
  db: Db,
  values: Omit<typeof enterpriseAnnualFigures.$inferInsert, 'createdAt' | 'updatedAt'>,
): Promise<FiguresRow> {
  const rows = await db
    .insert(enterpriseAnnualFigures)
    .values(values)
    .onConflictDoUpdate({
      target: [enterpriseAnnualFigures.enterpriseId, enterpriseAnnualFigures.year],
      set: {
        revenueFen: values.revenueFen,
        rdExpenditureFen: values.rdExpenditureFen,
        employees: values.employees,
        rdStaff: values.rdStaff,
        highTechOutputFen: values.highTechOutputFen,
        updatedAt: sql`now()`,
      },
    })
    .returning();
  return rows[0] as FiguresRow;
}
