import { and, asc, count, desc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import { ipOpenLicences, ipOpenLicenceTakes } from '../../db/schema/ip-trading.ts';
import { enterprises, towns } from '../../db/schema/organisations.ts';
import { patents } from '../../db/schema/patents.ts';
import type { Db } from '../../platform/db.ts';
import { tsqueryText } from '../../platform/search/search-vector.ts';
import { type PatentSummaryRow, patentSummaryColumns } from './ip-trading.repository.ts';

export type OpenLicenceRow = typeof ipOpenLicences.$inferSelect;
export type OpenLicenceView = OpenLicenceRow & {
  patent: PatentSummaryRow;
  enterpriseName: string;
  townName: string;
  townNameEn: string;
  licenceCount: number;
};

const base = (db: Db) =>
  db
    .select({
      o: ipOpenLicences,
      patent: patentSummaryColumns,
      enterpriseName: enterprises.name,
      townName: towns.name,
      townNameEn: towns.nameEn,
      licenceCount: sql<number>`(select count(*)::int from ip_open_licence_takes t where t.open_licence_id = ${ipOpenLicences.id})`,
    })
    .from(ipOpenLicences)
    .innerJoin(patents, eq(patents.id, ipOpenLicences.patentId))
    .innerJoin(enterprises, eq(enterprises.id, ipOpenLicences.enterpriseId))
    .innerJoin(towns, eq(towns.id, ipOpenLicences.townId));
type Joined = Awaited<ReturnType<ReturnType<typeof base>['execute']>>[number];
const flatten = ({ o, ...rest }: Joined): OpenLicenceView => ({ ...o, ...rest });

export async function findOpenLicence(db: Db, id: string, lock = false): Promise<OpenLicenceView | undefined> {
  const q = base(db).where(eq(ipOpenLicences.id, id));
  const [row] = lock ? await q.for('update', { of: ipOpenLicences }) : await q;
  return row ? flatten(row) : undefined;
}

export async function listOpenLicences(
  db: Db,
  q: { tokens: string[]; status?: string | undefined; enterpriseId?: string | undefined },
  limit: number,
  offset: number,
) {
  const query = q.tokens.length > 0 ? tsqueryText(q.tokens) : null;
  const where: SQL | undefined = and(
    q.status ? eq(ipOpenLicences.status, q.status) : undefined,
    q.enterpriseId ? eq(ipOpenLicences.enterpriseId, q.enterpriseId) : undefined,
    query ? sql`${patents.searchVector} @@ to_tsquery('simple', ${query})` : undefined,
  );
  const [items, [total]] = await Promise.all([
    base(db)
      .where(where)
      .orderBy(
        sql`case when ${ipOpenLicences.status} = 'active' then 0 else 1 end`,
        desc(ipOpenLicences.createdAt),
        desc(ipOpenLicences.id),
      )
      .limit(limit)
      .offset(offset),
    db.select({ n: count() }).from(ipOpenLicences).innerJoin(patents, eq(patents.id, ipOpenLicences.patentId)).where(where),
  ]);
  return { items: items.map(flatten), total: total?.n ?? 0 };
}

export async function activeDeclarationOf(db: Db, patentId: string): Promise<string | undefined> {
  const [row] = await db
    .select({ id: ipOpenLicences.id })
    .from(ipOpenLicences)
    .where(and(eq(ipOpenLicences.patentId, patentId), eq(ipOpenLicences.status, 'active')));
  return row?.id;
}

export async function insertOpenLicence(db: Db, values: typeof ipOpenLicences.$inferInsert): Promise<string> {
  const [row] = await db.insert(ipOpenLicences).values(values).returning({ id: ipOpenLicences.id });
  return (row as { id: string }).id;
}

export async function setDeclarationStatus(db: Db, id: string, status: 'withdrawn' | 'ended', at: Date, note: string | null) {
  const rows = await db
    .update(ipOpenLicences)
    .set({ status, endedAt: at, endNote: note })
    .where(and(eq(ipOpenLicences.id, id), eq(ipOpenLicences.status, 'active')))
    .returning({ id: ipOpenLicences.id });
  return rows.length === 1;
}

/** Ends the enterprise's active declaration of the patent (it no longer owns it). */
export async function endDeclarations(db: Db, patentId: string, enterpriseId: string, at: Date, note: string) {
  await db
    .update(ipOpenLicences)
    .set({ status: 'ended', endedAt: at, endNote: note })
    .where(and(eq(ipOpenLicences.patentId, patentId), eq(ipOpenLicences.enterpriseId, enterpriseId), eq(ipOpenLicences.status, 'active')));
}

export async function takesOf(db: Db, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return db
    .select({
      id: ipOpenLicenceTakes.id,
      openLicenceId: ipOpenLicenceTakes.openLicenceId,
      licenseeEnterpriseId: ipOpenLicenceTakes.licenseeEnterpriseId,
      licenseeName: enterprises.name,
      amountFen: ipOpenLicenceTakes.amountFen,
      paidOn: ipOpenLicenceTakes.paidOn,
      paymentReference: ipOpenLicenceTakes.paymentReference,
      licenceStartsOn: ipOpenLicenceTakes.licenceStartsOn,
      licenceEndsOn: ipOpenLicenceTakes.licenceEndsOn,
      createdAt: ipOpenLicenceTakes.createdAt,
    })
    .from(ipOpenLicenceTakes)
    .innerJoin(enterprises, eq(enterprises.id, ipOpenLicenceTakes.licenseeEnterpriseId))
    .where(inArray(ipOpenLicenceTakes.openLicenceId, [...ids]))
    .orderBy(asc(ipOpenLicenceTakes.createdAt), asc(ipOpenLicenceTakes.id));
}

export async function insertTake(db: Db, values: typeof ipOpenLicenceTakes.$inferInsert): Promise<string> {
  const [row] = await db.insert(ipOpenLicenceTakes).values(values).returning({ id: ipOpenLicenceTakes.id });
  return (row as { id: string }).id;
}

export async function hasTaken(db: Db, openLicenceId: string, enterpriseId: string): Promise<boolean> {
  const [row] = await db
    .select({ n: count() })
    .from(ipOpenLicenceTakes)
    .where(and(eq(ipOpenLicenceTakes.openLicenceId, openLicenceId), eq(ipOpenLicenceTakes.licenseeEnterpriseId, enterpriseId)));
  return (row?.n ?? 0) > 0;
}

/** Declarations of one patent and the licences taken under them, for its timeline. */
export async function timelineRecords(db: Db, patentId: string) {
  const declarations = await base(db).where(eq(ipOpenLicences.patentId, patentId));
  const takes = await takesOf(
    db,
    declarations.map((d) => d.o.id),
  );
  return { declarations: declarations.map(flatten), takes };
}

/** Licences taken under the patent's open licences whose term has not ended, for the patent page. */
export async function runningTakes(db: Db, patentId: string, today: string) {
  return db
    .select({
      id: ipOpenLicenceTakes.id,
      openLicenceId: ipOpenLicenceTakes.openLicenceId,
      licenseeName: enterprises.name,
      licenceStartsOn: ipOpenLicenceTakes.licenceStartsOn,
      licenceEndsOn: ipOpenLicenceTakes.licenceEndsOn,
      createdAt: ipOpenLicenceTakes.createdAt,
    })
    .from(ipOpenLicenceTakes)
    .innerJoin(enterprises, eq(enterprises.id, ipOpenLicenceTakes.licenseeEnterpriseId))
    .where(
      and(
        eq(ipOpenLicenceTakes.patentId, patentId),
        sql`(${ipOpenLicenceTakes.licenceEndsOn} is null or ${ipOpenLicenceTakes.licenceEndsOn} >= ${today})`,
      ),
    )
    .orderBy(asc(ipOpenLicenceTakes.createdAt), asc(ipOpenLicenceTakes.id));
}
