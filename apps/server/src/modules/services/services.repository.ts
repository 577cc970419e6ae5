import { and, count, desc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import { users } from '../../db/schema/accounts.ts';
import { institutions, towns } from '../../db/schema/organisations.ts';
import { resources } from '../../db/schema/resources.ts';
import { allianceMemberships, serviceResources, services } from '../../db/schema/services.ts';
import type { Db } from '../../platform/db.ts';
import type { ScopeFilter } from '../../platform/policy.ts';
import { searchVectorSql } from '../../platform/search/search-vector.ts';

export type ServiceRow = typeof services.$inferSelect;
export type ServiceInsert = typeof services.$inferInsert;
export type ServiceView = ServiceRow & {
  institutionName: string;
  townName: string;
  townNameEn: string;
  resources: { id: string; kind: string; name: string }[];
};
export type MembershipRow = typeof allianceMemberships.$inferSelect;
export type MembershipView = MembershipRow & {
  institutionName: string;
  institutionType: string;
  townId: string;
  townName: string;
  townNameEn: string;
};

async function rowsOf<T>(db: Db, query: SQL): Promise<T[]> {
  return ((await db.execute(query)) as unknown as { rows: T[] }).rows;
}

// ---- Alliance ----------------------------------------------------------------------------------

const membershipColumns = {
  m: allianceMemberships,
  institutionName: institutions.name,
  institutionType: institutions.type,
  townId: institutions.townId,
  townName: towns.name,
  townNameEn: towns.nameEn,
};
type MembershipJoin = {
  m: MembershipRow;
  institutionName: string;
  institutionType: string;
  townId: string;
  townName: string;
  townNameEn: string;
};
const toMembership = ({ m, ...rest }: MembershipJoin): MembershipView => ({ ...m, ...rest });

function membershipScope(filter: ScopeFilter): SQL | undefined {
  switch (filter.kind) {
    case 'all':
      return undefined;
    case 'institution':
      return eq(allianceMemberships.institutionId, filter.institutionId);
    default:
      return sql`false`;
  }
}

export async function listMemberships(db: Db, filter: ScopeFilter, q: { status?: string | undefined }, limit: number, offset: number) {
  const cond = and(membershipScope(filter), q.status ? eq(allianceMemberships.status, q.status) : undefined);
  const [rows, totals] = await Promise.all([
    db
      .select(membershipColumns)
      .from(allianceMemberships)
      .innerJoin(institutions, eq(institutions.id, allianceMemberships.institutionId))
      .innerJoin(towns, eq(towns.id, institutions.townId))
      .where(cond)
      .orderBy(desc(allianceMemberships.updatedAt), desc(allianceMemberships.id))
      .limit(limit)
      .offset(offset),
    db.select({ n: count() }).from(allianceMemberships).where(cond),
  ]);
  return { items: rows.map(toMembership), total: totals[0]?.n ?? 0 };
}

export async function findMembership(db: Db, where: { id?: string; institutionId?: string }, lock = false) {
  const cond = where.id ? eq(allianceMemberships.id, where.id) : eq(allianceMemberships.institutionId, where.institutionId as string);
  const query = db
    .select(membershipColumns)
    .from(allianceMemberships)
    .innerJoin(institutions, eq(institutions.id, allianceMemberships.institutionId))
    .innerJoin(towns, eq(towns.id, institutions.townId))
    .where(cond);
  const rows = lock ? await query.for('update', { of: allianceMemberships }) : await query;
  return rows[0] ? toMembership(rows[0]) : undefined;
}

export async function institutionOf(db: Db, id: string) {
  const rows = await db
    .select({ id: institutions.id, name: institutions.name, type: institutions.type, townId: institutions.townId })
    .from(institutions)
    .where(eq(institutions.id, id));
  return rows[0];
}

/** Inserts an application, or turns a rejected one back into an application; null when one is pending or approved. */
export async function upsertApplication(db: Db, institutionId: string, statement: string, userId: string | null): Promise<string | null> {
  const rows = await db
    .insert(allianceMemberships)
    .values({ institutionId, statement, appliedBy: userId, status: 'applied' })
    .onConflictDoUpdate({
      target: allianceMemberships.institutionId,
      set: {
        status: 'applied',
        statement,
        appliedBy: userId,
        decisionReason: null,
        decidedBy: null,
        decidedAt: null,
        updatedAt: sql`now()`,
      },
      setWhere: sql`${allianceMemberships.status} = 'rejected'`,
    })
    .returning({ id: allianceMemberships.id });
  return rows[0]?.id ?? null;
}

/** applied → approved | rejected as a conditional update; false when someone decided first. */
export async function decideMembership(
  db: Db,
  id: string,
  set: { status: 'approved' | 'rejected'; decisionReason: string | null; decidedBy: string | null },
): Promise<boolean> {
  const rows = await db
    .update(allianceMemberships)
    .set({ ...set, decidedAt: sql`now()`, updatedAt: sql`now()` })
    .where(and(eq(allianceMemberships.id, id), eq(allianceMemberships.status, 'applied')))
    .returning({ id: allianceMemberships.id });
  return rows.length === 1;
}

export async function isMember(db: Db, institutionId: string): Promise<boolean> {
  const rows = await db
    .select({ id: allianceMemberships.id })
    .from(allianceMemberships)
    .where(and(eq(allianceMemberships.institutionId, institutionId), eq(allianceMemberships.status, 'approved')));
  return rows.length === 1;
}

export async function providerUserIds(db: Db, institutionId: string): Promise<string[]> {
  const rows = await db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.institutionId, institutionId), eq(users.role, 'provider'), eq(users.status, 'active')));
  return rows.map((r) => r.id);
}

// ---- Services ----------------------------------------------------------------------------------

/** The search document: title weighted A; description, category label and the resources' names B. */
export function searchVectorOf(s: { title: string; description?: string | null }, extra: readonly string[]): SQL {
  return searchVectorSql(s.title, [s.description, ...extra].filter(Boolean).join(' '));
}

const serviceColumns = { s: services, institutionName: institutions.name, townName: towns.name, townNameEn: towns.nameEn };

async function withResources(
  db: Db,
  rows: { s: ServiceRow; institutionName: string; townName: string; townNameEn: string }[],
): Promise<ServiceView[]> {
  const ids = rows.map((r) => r.s.id);
  const used =
    ids.length === 0
      ? []
      : await db
          .select({ serviceId: serviceResources.serviceId, id: resources.id, kind: resources.kind, name: resources.name })
          .from(serviceResources)
          .innerJoin(resources, eq(resources.id, serviceResources.resourceId))
          .where(inArray(serviceResources.serviceId, ids))
          .orderBy(resources.kind, resources.name);
  return rows.map(({ s, ...rest }) => ({
    ...s,
    ...rest,
    resources: used.filter((u) => u.serviceId === s.id).map(({ id, kind, name }) => ({ id, kind, name })),
  }));
}

function serviceScope(filter: ScopeFilter): SQL | undefined {
  switch (filter.kind) {
    case 'all':
      return undefined;
    case 'town':
      return eq(services.townId, filter.townId);
    case 'institution':
      return eq(services.institutionId, filter.institutionId);
    default:
      return sql`false`;
  }
}

export async function listServices(
  db: Db,
  filter: ScopeFilter,
  q: { status?: string | undefined; category?: string | undefined; institutionId?: string | undefined },
  limit: number,
  offset: number,
) {
  const cond = and(
    serviceScope(filter),
    q.status ? eq(services.status, q.status) : undefined,
    q.category ? eq(services.category, q.category) : undefined,
    q.institutionId ? eq(services.institutionId, q.institutionId) : undefined,
  );
  const [rows, totals] = await Promise.all([
    db
      .select(serviceColumns)
      .from(services)
      .innerJoin(institutions, eq(institutions.id, services.institutionId))
      .innerJoin(towns, eq(towns.id, services.townId))
      .where(cond)
      .orderBy(desc(services.updatedAt), desc(services.id))
      .limit(limit)
      .offset(offset),
    db.select({ n: count() }).from(services).where(cond),
  ]);
  return { items: await withResources(db, rows), total: totals[0]?.n ?? 0 };
}

export async function findService(db: Db, id: string, lock = false): Promise<ServiceView | undefined> {
  const query = db
    .select(serviceColumns)
    .from(services)
    .innerJoin(institutions, eq(institutions.id, services.institutionId))
    .innerJoin(towns, eq(towns.id, services.townId))
    .where(eq(services.id, id));
  const rows = lock ? await query.for('update', { of: services }) : await query;
  return rows[0] ? (await withResources(db, rows))[0] : undefined;
}

/** Resources among `ids` that are instruments or experts of the institution. */
export async function ownUsableResources(db: Db, institutionId: string, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return db
    .select({ id: resources.id, name: resources.name })
    .from(resources)
    .where(
      and(inArray(resources.id, [...ids]), eq(resources.institutionId, institutionId), inArray(resources.kind, ['instrument', 'expert'])),
    );
}

export async function insertService(db: Db, values: ServiceInsert, resourceNames: readonly string[]): Promise<string> {
  const rows = await db
    .insert(services)
    .values({ ...values, searchVector: searchVectorOf(values, resourceNames) })
    .returning({ id: services.id });
  return (rows[0] as { id: string }).id;
}

export async function updateService(
  db: Db,
  id: string,
  values: Partial<ServiceInsert>,
  merged: ServiceRow,
  resourceNames: readonly string[],
) {
  await db
    .update(services)
    .set({ ...values, searchVector: searchVectorOf(merged, resourceNames), updatedAt: sql`now()` })
    .where(eq(services.id, id));
}

export async function replaceResources(db: Db, serviceId: string, resourceIds: readonly string[]) {
  await db.delete(serviceResources).where(eq(serviceResources.serviceId, serviceId));
  if (resourceIds.length > 0)
    await db.insert(serviceResources).values([...new Set(resourceIds)].map((resourceId) => ({ serviceId, resourceId })));
}

/** A status step as a conditional update: only from one of `from`. */
export async function transition(db: Db, id: string, from: readonly string[], set: Partial<ServiceInsert>): Promise<boolean> {
  const rows = await db
    .update(services)
    .set({ ...set, updatedAt: sql`now()` })
    .where(and(eq(services.id, id), inArray(services.status, [...from])))
    .returning({ id: services.id });
  return rows.length === 1;
}

// ---- Search ------------------------------------------------------------------------------------

/** Anonymous callers and everyone else see published services of alliance members; owners and admins also their scope. */
export function visibilitySql(filter: ScopeFilter | null): SQL {
  const shared = sql`(s.status = 'published' and exists (select 1 from alliance_memberships am
    where am.institution_id = s.institution_id and am.status = 'approved'))`;
  if (!filter) return shared;
  switch (filter.kind) {
    case 'all':
      return sql`true`;
    case 'town':
      return sql`(${shared} or s.town_id = ${filter.townId})`;
    case 'institution':
      return sql`(${shared} or s.institution_id = ${filter.institutionId})`;
    default:
      return shared;
  }
}

export type SearchFilters = {
  visibility: SQL;
  tsquery: string | null;
  category?: string | undefined;
  townId?: string | undefined;
  institutionId?: string | undefined;
  priceMin?: number | undefined;
  priceMax?: number | undefined;
  /** Only published services (the storefront), whatever else the caller may manage. */
  publishedOnly: boolean;
};

function whereOf(f: SearchFilters, skip?: 'category' | 'town'): SQL {
  const parts: SQL[] = [f.visibility];
  if (f.publishedOnly) parts.push(sql`s.status = 'published'`);
  if (f.tsquery) parts.push(sql`s.search_vector @@ ${f.tsquery}::tsquery`);
  if (f.category && skip !== 'category') parts.push(sql`s.category = ${f.category}`);
  if (f.townId && skip !== 'town') parts.push(sql`s.town_id = ${f.townId}`);
  if (f.institutionId) parts.push(sql`s.institution_id = ${f.institutionId}`);
  if (f.priceMin !== undefined) parts.push(sql`s.price_max_fen >= ${f.priceMin}`);
  if (f.priceMax !== undefined) parts.push(sql`s.price_min_fen <= ${f.priceMax}`);
  return sql.join(parts, sql` and `);
}

export type SearchRow = {
  id: string;
  category: string;
  title: string;
  description: string | null;
  institution_id: string;
  institution_name: string;
  town_id: string;
  town_name: string;
  town_name_en: string;
  price_kind: string;
  price_min_fen: string | number;
  price_max_fen: string | number;
  price_unit: string;
  turnaround_days: number;
  published_at: string | Date | null;
};

export async function search(db: Db, f: SearchFilters, sort: 'relevance' | 'newest' | 'price', limit: number, offset: number) {
  const order =
    sort === 'relevance' && f.tsquery
      ? sql`ts_rank_cd(s.search_vector, ${f.tsquery}::tsquery) desc, s.published_at desc nulls last, s.id`
      : sort === 'price'
        ? sql`s.price_min_fen asc, s.price_max_fen asc, s.id`
        : sql`s.published_at desc nulls last, s.created_at desc, s.id`;
  const where = whereOf(f);
  const [rows, totals, categories, townFacet] = await Promise.all([
    rowsOf<SearchRow>(
      db,
      sql`select s.id, s.category, s.title, s.description, s.institution_id, i.name as institution_name, s.town_id,
          t.name as town_name, t.name_en as town_name_en, s.price_kind, s.price_min_fen, s.price_max_fen, s.price_unit,
          s.turnaround_days, s.published_at
        from services s join institutions i on i.id = s.institution_id join towns t on t.id = s.town_id
        where ${where} order by ${order} limit ${limit} offset ${offset}`,
    ),
    rowsOf<{ n: number }>(db, sql`select count(*)::int as n from services s where ${where}`),
    // A facet counts with every filter but its own, so that the other values stay choosable.
    rowsOf<{ value: string; count: number }>(
      db,
      sql`select s.category as value, count(*)::int as count from services s where ${whereOf(f, 'category')} group by s.category`,
    ),
    rowsOf<{ value: string; label: string; count: number }>(
      db,
      sql`select s.town_id as value, t.name as label, count(*)::int as count from services s join towns t on t.id = s.town_id
        where ${whereOf(f, 'town')} group by s.town_id, t.name`,
    ),
  ]);
  return { rows, total: Number(totals[0]?.n ?? 0), categories, towns: townFacet };
}

// ---- Provider page -----------------------------------------------------------------------------

export type ProviderProfileRow = {
  id: string;
  name: string;
  type: string;
  level: string;
  town_id: string;
  town_name: string;
  town_name_en: string;
  description: string | null;
  website: string | null;
  membership: string | null;
  member_since: string | Date | null;
};

export async function providerProfile(db: Db, institutionId: string): Promise<ProviderProfileRow | undefined> {
  const rows = await rowsOf<ProviderProfileRow>(
    db,
    sql`select i.id, i.name, i.type, i.level, i.town_id, t.name as town_name, t.name_en as town_name_en, i.description, i.website,
        am.status as membership, case when am.status = 'approved' then am.decided_at end as member_since
      from institutions i join towns t on t.id = i.town_id left join alliance_memberships am on am.institution_id = i.id
      where i.id = ${institutionId}`,
  );
  return rows[0];
}

/** The delivery record from the data that exists today (services, shared instruments, completed bookings). */
export async function providerRecord(db: Db, institutionId: string) {
  const rows = await rowsOf<{ services: number; instruments: number; bookings: number }>(
    db,
    sql`select
        (select count(*)::int from services where institution_id = ${institutionId} and status = 'published') as services,
        (select count(*)::int from resources where institution_id = ${institutionId} and kind = 'instrument'
           and review_status = 'published' and sharing in ('open', 'members')) as instruments,
        (select count(*)::int from bookings where institution_id = ${institutionId} and status = 'completed') as bookings`,
  );
  const r = rows[0] ?? { services: 0, instruments: 0, bookings: 0 };
  return { servicesPublished: Number(r.services), instrumentsShared: Number(r.instruments), bookingsCompleted: Number(r.bookings) };
}
