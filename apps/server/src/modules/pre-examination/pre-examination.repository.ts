import { and, asc, count, eq, gte, inArray, lt, sql } from 'drizzle-orm';
import { users } from '../../db/schema/accounts.ts';
import { preExamApplications, preExamClasses, preExamRounds } from '../../db/schema/ip-protection.ts';
import { enterprises, towns } from '../../db/schema/organisations.ts';
import { patentEvents, patents } from '../../db/schema/patents.ts';
import type { Db } from '../../platform/db.ts';
import type { ScopeFilter } from '../../platform/policy.ts';
import { scopeCondition } from '../../platform/scope-sql.ts';

export type ApplicationRow = typeof preExamApplications.$inferSelect;
export type ApplicationView = ApplicationRow & { enterpriseName: string; townName: string };
export type RoundRow = typeof preExamRounds.$inferSelect;
export type RoundView = RoundRow & { decidedByName: string | null };

export async function listClasses(db: Db, institutionId: string) {
  return db
    .select()
    .from(preExamClasses)
    .where(eq(preExamClasses.institutionId, institutionId))
    .orderBy(asc(preExamClasses.scheme), asc(preExamClasses.prefix));
}

export async function insertClass(db: Db, values: typeof preExamClasses.$inferInsert) {
  const [row] = await db.insert(preExamClasses).values(values).onConflictDoNothing().returning();
  return row;
}

export async function deleteClass(db: Db, id: string, institutionId: string) {
  const [row] = await db
    .delete(preExamClasses)
    .where(and(eq(preExamClasses.id, id), eq(preExamClasses.institutionId, institutionId)))
    .returning();
  return row;
}

const base = (db: Db) =>
  db
    .select({ a: preExamApplications, enterpriseName: enterprises.name, townName: towns.name })
    .from(preExamApplications)
    .innerJoin(enterprises, eq(enterprises.id, preExamApplications.enterpriseId))
    .innerJoin(towns, eq(towns.id, preExamApplications.townId));
const flatten = ({ a, ...rest }: { a: ApplicationRow; enterpriseName: string; townName: string }): ApplicationView => ({ ...a, ...rest });

export async function findApplication(db: Db, id: string, lock = false): Promise<ApplicationView | undefined> {
  const q = base(db).where(eq(preExamApplications.id, id));
  const [row] = lock ? await q.for('update', { of: preExamApplications }) : await q;
  return row ? flatten(row) : undefined;
}

const scopeWhere = (filter: ScopeFilter) =>
  scopeCondition(filter, { institutionId: preExamApplications.institutionId, enterpriseId: preExamApplications.enterpriseId });

export async function listApplications(
  db: Db,
  filter: ScopeFilter,
  q: { status?: string | undefined; kind?: string | undefined },
  limit: number,
  offset: number,
) {
  const where = and(
    scopeWhere(filter),
    q.status ? eq(preExamApplications.status, q.status) : undefined,
    q.kind ? eq(preExamApplications.kind, q.kind) : undefined,
  );
  const [rows, [total]] = await Promise.all([
    base(db)
      .where(where)
      // The examiner's queue reads oldest waiting first; finished ones after.
      .orderBy(
        sql`case ${preExamApplications.status} when 'submitted' then 0 when 'returned' then 1 when 'passed' then 2 else 3 end`,
        // waiting ones longest-waiting first, finished ones newest first
        sql`case when ${preExamApplications.status} in ('submitted', 'returned') then extract(epoch from ${preExamApplications.updatedAt}) else -extract(epoch from ${preExamApplications.updatedAt}) end`,
        asc(preExamApplications.id),
      )
      .limit(limit)
      .offset(offset),
    db.select({ n: count() }).from(preExamApplications).where(where),
  ]);
  return { items: rows.map(flatten), total: total?.n ?? 0 };
}

/** Applications for the cycle-time report: first submitted within [from, to) when given. */
export async function cycleRows(db: Db, filter: ScopeFilter, from: Date | null, to: Date | null) {
  return db
    .select({
      kind: preExamApplications.kind,
      classGroup: preExamApplications.classGroup,
      firstSubmittedAt: preExamApplications.firstSubmittedAt,
      passedAt: preExamApplications.passedAt,
      grantedOn: preExamApplications.grantedOn,
      round: preExamApplications.round,
    })
    .from(preExamApplications)
    .where(
      and(
        scopeWhere(filter),
        from ? gte(preExamApplications.firstSubmittedAt, from) : undefined,
        to ? lt(preExamApplications.firstSubmittedAt, to) : undefined,
      ),
    );
}

/** The next number of a year: YS2026-0001. Serialised on an advisory lock of the year. */
export async function nextNumber(db: Db, year: number): Promise<string> {
  await db.execute(sql`select pg_advisory_xact_lock(7420051, ${year})`);
  const [row] = await db
    .select({ n: count() })
    .from(preExamApplications)
    .where(sql`${preExamApplications.number} like ${`YS${year}-%`}`);
  return `YS${year}-${String((row?.n ?? 0) + 1).padStart(4, '0')}`;
}

export async function insertApplication(db: Db, values: typeof preExamApplications.$inferInsert): Promise<string> {
  const [row] = await db.insert(preExamApplications).values(values).returning({ id: preExamApplications.id });
  return (row as { id: string }).id;
}

/** Conditional update from one of `from`: undefined when the application was not in such a state. */
export async function updateApplication(
  db: Db,
  id: string,
  from: readonly string[],
  set: Partial<typeof preExamApplications.$inferInsert>,
) {
  const [row] = await db
    .update(preExamApplications)
    .set(set)
    .where(and(eq(preExamApplications.id, id), inArray(preExamApplications.status, [...from])))
    .returning({ id: preExamApplications.id });
  return row;
}

export async function insertRound(db: Db, values: typeof preExamRounds.$inferInsert) {
  await db.insert(preExamRounds).values(values);
}

export async function decideRound(
  db: Db,
  applicationId: string,
  round: number,
  set: { decision: string; advice: string | null; decidedBy: string; decidedAt: Date },
) {
  const [row] = await db
    .update(preExamRounds)
    .set(set)
    .where(and(eq(preExamRounds.applicationId, applicationId), eq(preExamRounds.round, round), sql`${preExamRounds.decision} is null`))
    .returning({ id: preExamRounds.id });
  return row;
}

export async function roundsOf(db: Db, applicationId: string): Promise<RoundView[]> {
  const rows = await db
    .select({ r: preExamRounds, decidedByName: users.displayName })
    .from(preExamRounds)
    .leftJoin(users, eq(users.id, preExamRounds.decidedBy))
    .where(eq(preExamRounds.applicationId, applicationId))
    .orderBy(asc(preExamRounds.round));
  return rows.map(({ r, decidedByName }) => ({ ...r, decidedByName }));
}

export async function isApplicationNumberTaken(db: Db, applicationNumber: string, exceptId: string): Promise<boolean> {
  const [row] = await db
    .select({ n: count() })
    .from(preExamApplications)
    .where(and(eq(preExamApplications.applicationNumber, applicationNumber), sql`${preExamApplications.id} <> ${exceptId}`));
  return (row?.n ?? 0) > 0;
}

export async function patentByNumber(db: Db, applicationNumber: string) {
  const [row] = await db.select({ id: patents.id }).from(patents).where(eq(patents.applicationNumber, applicationNumber));
  return row;
}

export async function insertPatent(db: Db, values: typeof patents.$inferInsert): Promise<string> {
  const [row] = await db.insert(patents).values(values).returning({ id: patents.id });
  return (row as { id: string }).id;
}

export async function insertPatentEvents(db: Db, values: (typeof patentEvents.$inferInsert)[]) {
  if (values.length > 0) await db.insert(patentEvents).values(values);
}

/** Pre-examination records of a patent (for its timeline). */
export async function applicationsOfPatent(db: Db, patentId: string) {
  return db.select().from(preExamApplications).where(eq(preExamApplications.patentId, patentId));
}
