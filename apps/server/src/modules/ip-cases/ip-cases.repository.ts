import { and, asc, count, desc, eq, gte, ilike, inArray, lt, or, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { users } from '../../db/schema/accounts.ts';
import { ipCaseSessions, ipCases } from '../../db/schema/ip-protection.ts';
import { enterprises, towns } from '../../db/schema/organisations.ts';
import { patents } from '../../db/schema/patents.ts';
import type { Db } from '../../platform/db.ts';
import { likePattern } from '../../platform/pagination.ts';
import type { ScopeFilter } from '../../platform/policy.ts';
import { scopeCondition } from '../../platform/scope-sql.ts';

export type CaseRow = typeof ipCases.$inferSelect;
export type CaseView = CaseRow & { complainantName: string; townName: string; officerName: string | null; patentTitle: string | null };
export type SessionView = typeof ipCaseSessions.$inferSelect & { recordedByName: string | null };

/** Statuses from which the other side (a platform enterprise) sees the case: once an officer took it on. */
export const COUNTERPARTY_SEES = ['assigned', 'mediating', 'concluded', 'closed'] as const;

const officer = alias(users, 'officer');
const base = (db: Db) =>
  db
    .select({
      c: ipCases,
      complainantName: enterprises.name,
      townName: towns.name,
      officerName: officer.displayName,
      patentTitle: patents.title,
    })
    .from(ipCases)
    .innerJoin(enterprises, eq(enterprises.id, ipCases.complainantEnterpriseId))
    .innerJoin(towns, eq(towns.id, ipCases.townId))
    .leftJoin(officer, eq(officer.id, ipCases.officerId))
    .leftJoin(patents, eq(patents.id, ipCases.patentId));
const flatten = ({
  c,
  ...rest
}: {
  c: CaseRow;
  complainantName: string;
  townName: string;
  officerName: string | null;
  patentTitle: string | null;
}): CaseView => ({
  ...c,
  ...rest,
});

export async function findCase(db: Db, id: string, lock = false): Promise<CaseView | undefined> {
  const q = base(db).where(eq(ipCases.id, id));
  const [row] = lock ? await q.for('update', { of: ipCases }) : await q;
  return row ? flatten(row) : undefined;
}

/** The caller's cases: the same scopes as the record check (policy), the counterparty only from assignment on. */
function scopeWhere(filter: ScopeFilter): SQL | undefined {
  if (filter.kind === 'party') {
    return or(
      eq(ipCases.complainantEnterpriseId, filter.enterpriseId),
      and(eq(ipCases.counterpartyEnterpriseId, filter.enterpriseId), inArray(ipCases.status, [...COUNTERPARTY_SEES])),
    );
  }
  return scopeCondition(filter, { institutionId: ipCases.institutionId, assigneeUserId: ipCases.officerId });
}

export type CaseListQuery = { status?: string | undefined; track?: string | undefined; q?: string | undefined };

export async function listCases(db: Db, filter: ScopeFilter, q: CaseListQuery, limit: number, offset: number) {
  const where = and(
    scopeWhere(filter),
    q.status ? eq(ipCases.status, q.status) : undefined,
    q.track ? sql`coalesce(${ipCases.track}, ${ipCases.suggestedTrack}) = ${q.track}` : undefined,
    q.q ? or(ilike(ipCases.title, likePattern(q.q)), ilike(ipCases.caseNo, likePattern(q.q))) : undefined,
  );
  const [rows, [total]] = await Promise.all([
    base(db)
      .where(where)
      .orderBy(sql`case when ${ipCases.status} = 'closed' then 1 else 0 end`, desc(ipCases.filedAt), asc(ipCases.id))
      .limit(limit)
      .offset(offset),
    db.select({ n: count() }).from(ipCases).where(where),
  ]);
  return { items: rows.map(flatten), total: total?.n ?? 0 };
}

/** Every case in scope (for the overdue filter and the SLA dashboard: hundreds of rows, computed in the service). */
export async function allCases(db: Db, filter: ScopeFilter, q: CaseListQuery & { from?: Date | null; to?: Date | null } = {}) {
  const rows = await base(db)
    .where(
      and(
        scopeWhere(filter),
        q.status ? eq(ipCases.status, q.status) : undefined,
        q.track ? sql`coalesce(${ipCases.track}, ${ipCases.suggestedTrack}) = ${q.track}` : undefined,
        q.q ? or(ilike(ipCases.title, likePattern(q.q)), ilike(ipCases.caseNo, likePattern(q.q))) : undefined,
        q.from ? gte(ipCases.filedAt, q.from) : undefined,
        q.to ? lt(ipCases.filedAt, q.to) : undefined,
      ),
    )
    .orderBy(desc(ipCases.filedAt), asc(ipCases.id));
  return rows.map(flatten);
}

export async function nextCaseNo(db: Db, year: number): Promise<string> {
  await db.execute(sql`select pg_advisory_xact_lock(7420052, ${year})`);
  const [row] = await db
    .select({ n: count() })
    .from(ipCases)
    .where(sql`${ipCases.caseNo} like ${`WQ${year}-%`}`);
  return `WQ${year}-${String((row?.n ?? 0) + 1).padStart(4, '0')}`;
}

export async function insertCase(db: Db, values: typeof ipCases.$inferInsert): Promise<string> {
  const [row] = await db.insert(ipCases).values(values).returning({ id: ipCases.id });
  return (row as { id: string }).id;
}

/** Conditional update from one of `from`: undefined when the case was not in such a state (a concurrent step won). */
export async function updateCase(db: Db, id: string, from: readonly string[], set: Partial<typeof ipCases.$inferInsert>) {
  const [row] = await db
    .update(ipCases)
    .set(set)
    .where(and(eq(ipCases.id, id), inArray(ipCases.status, [...from])))
    .returning({ id: ipCases.id });
  return row;
}

export async function insertSession(db: Db, values: typeof ipCaseSessions.$inferInsert): Promise<string> {
  const [row] = await db.insert(ipCaseSessions).values(values).returning({ id: ipCaseSessions.id });
  return (row as { id: string }).id;
}

export async function sessionsOf(db: Db, caseId: string): Promise<SessionView[]> {
  const rows = await db
    .select({ s: ipCaseSessions, recordedByName: users.displayName })
    .from(ipCaseSessions)
    .leftJoin(users, eq(users.id, ipCaseSessions.recordedBy))
    .where(eq(ipCaseSessions.caseId, caseId))
    .orderBy(asc(ipCaseSessions.heldOn), asc(ipCaseSessions.createdAt));
  return rows.map(({ s, recordedByName }) => ({ ...s, recordedByName }));
}

export async function patentForCase(db: Db, id: string) {
  const [row] = await db
    .select({
      id: patents.id,
      applicationNumber: patents.applicationNumber,
      kind: patents.kind,
      locarnoCodes: patents.locarnoCodes,
      ownerEnterpriseIds: patents.ownerEnterpriseIds,
    })
    .from(patents)
    .where(eq(patents.id, id));
  return row;
}

export async function patentByNumber(db: Db, applicationNumber: string) {
  const [row] = await db
    .select({ id: patents.id, kind: patents.kind, locarnoCodes: patents.locarnoCodes, ownerEnterpriseIds: patents.ownerEnterpriseIds })
    .from(patents)
    .where(eq(patents.applicationNumber, applicationNumber));
  return row;
}

export async function casesOfPatent(db: Db, patentId: string) {
  return db.select().from(ipCases).where(eq(ipCases.patentId, patentId));
}

export async function enterpriseUserIds(db: Db, enterpriseId: string): Promise<string[]> {
  const rows = await db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.enterpriseId, enterpriseId), eq(users.role, 'enterprise'), eq(users.status, 'active')));
  return rows.map((r) => r.id);
}

/** The enterprise's own patents (the complaint form's picker), newest first. */
export async function ownPatents(db: Db, enterpriseId: string) {
  return db
    .select({ id: patents.id, applicationNumber: patents.applicationNumber, title: patents.title, kind: patents.kind })
    .from(patents)
    .where(sql`${patents.ownerEnterpriseIds} @> array[${enterpriseId}]::uuid[]`)
    .orderBy(desc(patents.applicationDate), asc(patents.id))
    .limit(200);
}
