import { and, count, desc, eq, type SQL, sql } from 'drizzle-orm';
import { users } from '../../db/schema/accounts.ts';
import { institutions, towns } from '../../db/schema/organisations.ts';
import { resources } from '../../db/schema/resources.ts';
import { internalUsages, purchaseReviews } from '../../db/schema/sharing.ts';
import type { Db } from '../../platform/db.ts';
import type { ScopeFilter } from '../../platform/policy.ts';
import type { OpeningHours } from './sharing-rules.ts';

/** Which instruments a report covers. */
export type Unit =
  | { kind: 'all' }
  | { kind: 'town'; townId: string }
  | { kind: 'institution'; institutionId: string }
  | { kind: 'instrument'; resourceId: string }
  | { kind: 'instruments'; resourceIds: readonly string[] };

/** The unit as a condition on a table that carries resource_id, institution_id and town_id (or r: the resources table). */
function unitWhere(alias: 'b' | 'iu' | 'r', unit: Unit): SQL {
  const a = sql.raw(alias);
  const resourceId = sql.raw(alias === 'r' ? 'r.id' : `${alias}.resource_id`);
  switch (unit.kind) {
    case 'all':
      return sql`true`;
    case 'town':
      return sql`${a}.town_id = ${unit.townId}`;
    case 'institution':
      return sql`${a}.institution_id = ${unit.institutionId}`;
    case 'instrument':
      return sql`${resourceId} = ${unit.resourceId}`;
    case 'instruments':
      return unit.resourceIds.length
        ? sql`${resourceId} in (${sql.join(
            unit.resourceIds.map((id) => sql`${id}`),
            sql`, `,
          )})`
        : sql`false`;
  }
}

async function rowsOf<T>(db: Db, query: SQL): Promise<T[]> {
  return ((await db.execute(query)) as unknown as { rows: T[] }).rows;
}
const num = (v: unknown) => Number(v ?? 0);

export type Period = { from: string; to: string; start: Date; end: Date; deemedBefore: Date };

/**
 * Usage that counts (see sharing-rules.ts): a recorded booking usage the enterprise confirmed, or left
 * unanswered since before `deemedBefore`; dated by its slot's start (sample tests: when recorded).
 */
function countedUsage(p: Period): SQL {
  return sql`(b.status = 'completed' or (b.status = 'usage_recorded' and u.recorded_at <= ${p.deemedBefore.toISOString()}::timestamptz))
    and coalesce(lower(b.period), u.recorded_at) >= ${p.start.toISOString()}::timestamptz
    and coalesce(lower(b.period), u.recorded_at) < ${p.end.toISOString()}::timestamptz`;
}
const noShowIn = (p: Period) =>
  sql`b.status = 'no_show' and lower(b.period) >= ${p.start.toISOString()}::timestamptz and lower(b.period) < ${p.end.toISOString()}::timestamptz`;
const internalIn = (p: Period) => sql`iu.used_on >= ${p.from}::date and iu.used_on <= ${p.to}::date`;
/** Instruments the evaluation covers: published instruments, whatever their sharing status. */
const evaluated = sql`r.kind = 'instrument' and r.review_status = 'published'`;

export type InstrumentSums = {
  id: string;
  name: string;
  model: string | null;
  category: string | null;
  sharing: string;
  institutionId: string;
  institutionName: string;
  townId: string;
  townName: string;
  originalValueFen: number;
  openingHours: OpeningHours | null;
  externalMinutes: number;
  externalIncomeFen: number;
  externalServices: number;
  externalUsers: number;
  internalMinutes: number;
  internalIncomeFen: number;
  noShows: number;
};

/** One row per evaluated instrument of the unit with its sums over the period: three grouped aggregates joined once. */
export async function instrumentSums(db: Db, unit: Unit, p: Period): Promise<InstrumentSums[]> {
  const rows = await rowsOf<Record<string, unknown>>(
    db,
    sql`with ext as (
          select b.resource_id, sum(u.minutes) as minutes, sum(u.fee_fen + u.extra_fen) as income,
                 count(*) as services, count(distinct b.enterprise_id) as users
          from bookings b join booking_usages u on u.booking_id = b.id
          where ${countedUsage(p)} and ${unitWhere('b', unit)}
          group by b.resource_id
        ), ns as (
          select b.resource_id, count(*) as n from bookings b
          where ${noShowIn(p)} and ${unitWhere('b', unit)}
          group by b.resource_id
        ), inn as (
          select iu.resource_id, sum(iu.minutes) as minutes, sum(iu.income_fen) as income from internal_usages iu
          where ${internalIn(p)} and ${unitWhere('iu', unit)}
          group by iu.resource_id
        )
        select r.id, r.name, r.model, r.category, r.sharing, r.institution_id, i.name as institution_name, r.town_id,
               t.name as town_name, coalesce(r.original_value_fen, 0) as original_value_fen, r.opening_hours,
               ext.minutes as ext_minutes, ext.income as ext_income, ext.services, ext.users,
               inn.minutes as int_minutes, inn.income as int_income, ns.n as no_shows
        from resources r
        join institutions i on i.id = r.institution_id
        join towns t on t.id = r.town_id
        left join ext on ext.resource_id = r.id
        left join inn on inn.resource_id = r.id
        left join ns on ns.resource_id = r.id
        where ${evaluated} and ${unitWhere('r', unit)}
        order by t.code, i.name, r.name, r.id`,
  );
  return rows.map((r) => ({
    id: r.id as string,
    name: r.name as string,
    model: (r.model as string | null) ?? null,
    category: (r.category as string | null) ?? null,
    sharing: r.sharing as string,
    institutionId: r.institution_id as string,
    institutionName: r.institution_name as string,
    townId: r.town_id as string,
    townName: r.town_name as string,
    originalValueFen: num(r.original_value_fen),
    openingHours: (typeof r.opening_hours === 'string' ? JSON.parse(r.opening_hours) : r.opening_hours) as OpeningHours | null,
    externalMinutes: num(r.ext_minutes),
    externalIncomeFen: num(r.ext_income),
    externalServices: num(r.services),
    externalUsers: num(r.users),
    internalMinutes: num(r.int_minutes),
    internalIncomeFen: num(r.int_income),
    noShows: num(r.no_shows),
  }));
}

/** Distinct enterprises served, per institution, per town and in all (not additive, so counted by the database). */
export async function externalUsersByUnit(db: Db, unit: Unit, p: Period) {
  const rows = await rowsOf<{ institution_id: string | null; town_id: string | null; g_inst: number; g_town: number; users: unknown }>(
    db,
    sql`select b.institution_id, b.town_id, grouping(b.institution_id) as g_inst, grouping(b.town_id) as g_town,
               count(distinct b.enterprise_id) as users
        from bookings b
        join booking_usages u on u.booking_id = b.id
        join resources r on r.id = b.resource_id
        where ${countedUsage(p)} and ${evaluated} and ${unitWhere('b', unit)}
        group by grouping sets ((b.institution_id), (b.town_id), ())`,
  );
  const byInstitution = new Map<string, number>();
  const byTown = new Map<string, number>();
  let all = 0;
  for (const r of rows) {
    if (Number(r.g_inst) === 0 && r.institution_id) byInstitution.set(r.institution_id, num(r.users));
    else if (Number(r.g_town) === 0 && r.town_id) byTown.set(r.town_id, num(r.users));
    else all = num(r.users);
  }
  return { byInstitution, byTown, all };
}

/** Counted external and internal minutes per month (Shanghai calendar month) of the unit. */
export async function monthlyMinutes(db: Db, unit: Unit, p: Period) {
  const rows = await rowsOf<{ month: string; external: unknown; internal: unknown }>(
    db,
    sql`select month, sum(external) as external, sum(internal) as internal from (
          select to_char(timezone('UTC', coalesce(lower(b.period), u.recorded_at)) + interval '8 hours', 'YYYY-MM') as month,
                 u.minutes as external, 0 as internal
          from bookings b
          join booking_usages u on u.booking_id = b.id
          join resources r on r.id = b.resource_id
          where ${countedUsage(p)} and ${evaluated} and ${unitWhere('b', unit)}
          union all
          select to_char(iu.used_on, 'YYYY-MM'), 0, iu.minutes
          from internal_usages iu
          join resources r on r.id = iu.resource_id
          where ${internalIn(p)} and ${evaluated} and ${unitWhere('iu', unit)}
        ) m group by month order by month`,
  );
  return new Map(rows.map((r) => [r.month, { external: num(r.external), internal: num(r.internal) }]));
}

export async function findTown(db: Db, id: string) {
  const [t] = await db.select({ id: towns.id, name: towns.name }).from(towns).where(eq(towns.id, id));
  return t;
}

export async function findInstitution(db: Db, id: string) {
  const [i] = await db
    .select({ id: institutions.id, name: institutions.name, townId: institutions.townId })
    .from(institutions)
    .where(eq(institutions.id, id));
  return i;
}

export async function findInstrument(db: Db, id: string) {
  const [r] = await db
    .select({
      id: resources.id,
      kind: resources.kind,
      name: resources.name,
      institutionId: resources.institutionId,
      townId: resources.townId,
      reviewStatus: resources.reviewStatus,
    })
    .from(resources)
    .where(eq(resources.id, id));
  return r;
}

export async function allTowns(db: Db) {
  return db.select({ id: towns.id, name: towns.name }).from(towns).orderBy(towns.code);
}

export async function institutionsOfTown(db: Db, townId: string) {
  return db
    .select({ id: institutions.id, name: institutions.name })
    .from(institutions)
    .where(eq(institutions.townId, townId))
    .orderBy(institutions.name);
}

// ---------------------------------------------------------------------------------------------
// Internal usage

export async function insertInternalUsage(db: Db, values: typeof internalUsages.$inferInsert) {
  const [row] = await db.insert(internalUsages).values(values).returning();
  return row as typeof internalUsages.$inferSelect;
}

export async function listInternalUsages(db: Db, resourceId: string, from?: string, to?: string) {
  return db
    .select()
    .from(internalUsages)
    .where(
      and(
        eq(internalUsages.resourceId, resourceId),
        from ? sql`${internalUsages.usedOn} >= ${from}::date` : undefined,
        to ? sql`${internalUsages.usedOn} <= ${to}::date` : undefined,
      ),
    )
    .orderBy(desc(internalUsages.usedOn), desc(internalUsages.recordedAt))
    .limit(500);
}

// ---------------------------------------------------------------------------------------------
// New-purchase review

const reviewView = {
  r: purchaseReviews,
  institutionName: institutions.name,
  townName: towns.name,
};
export type PurchaseReviewView = typeof purchaseReviews.$inferSelect & { institutionName: string; townName: string };
const flatten = (row: { r: typeof purchaseReviews.$inferSelect; institutionName: string; townName: string }): PurchaseReviewView => ({
  ...row.r,
  institutionName: row.institutionName,
  townName: row.townName,
});

function reviewScope(filter: ScopeFilter): SQL | undefined {
  switch (filter.kind) {
    case 'all':
      return undefined;
    case 'town':
      return eq(purchaseReviews.townId, filter.townId);
    case 'institution':
      return eq(purchaseReviews.institutionId, filter.institutionId);
    default:
      return sql`false`;
  }
}

export async function findPurchaseReview(db: Db, id: string): Promise<PurchaseReviewView | undefined> {
  const [row] = await db
    .select(reviewView)
    .from(purchaseReviews)
    .innerJoin(institutions, eq(institutions.id, purchaseReviews.institutionId))
    .innerJoin(towns, eq(towns.id, purchaseReviews.townId))
    .where(eq(purchaseReviews.id, id));
  return row ? flatten(row) : undefined;
}

export async function listPurchaseReviews(db: Db, filter: ScopeFilter, q: { status?: string | undefined; limit: number; offset: number }) {
  const where = and(reviewScope(filter), q.status ? eq(purchaseReviews.status, q.status) : undefined);
  const [items, [total]] = await Promise.all([
    db
      .select(reviewView)
      .from(purchaseReviews)
      .innerJoin(institutions, eq(institutions.id, purchaseReviews.institutionId))
      .innerJoin(towns, eq(towns.id, purchaseReviews.townId))
      .where(where)
      .orderBy(desc(purchaseReviews.createdAt), desc(purchaseReviews.id))
      .limit(q.limit)
      .offset(q.offset),
    db.select({ n: count() }).from(purchaseReviews).where(where),
  ]);
  return { items: items.map(flatten), total: total?.n ?? 0 };
}

export async function insertPurchaseReview(db: Db, values: typeof purchaseReviews.$inferInsert): Promise<string> {
  const [row] = await db.insert(purchaseReviews).values(values).returning({ id: purchaseReviews.id });
  return (row as { id: string }).id;
}

/** The decision as a conditional UPDATE: only a review still 'submitted' moves, so two reviewers cannot both decide. */
export async function decidePurchaseReview(
  db: Db,
  id: string,
  values: { status: 'approved' | 'rejected'; decisionComment: string | null; decidedBy: string },
): Promise<boolean> {
  const rows = await db
    .update(purchaseReviews)
    .set({ ...values, decidedAt: sql`now()` })
    .where(and(eq(purchaseReviews.id, id), eq(purchaseReviews.status, 'submitted')))
    .returning({ id: purchaseReviews.id });
  return rows.length > 0;
}

/**
 * Published instruments anywhere in the city whose search document matches any of the tokens (the
 * catalogue's own jieba tokens), best match first: title (name, model) hits above body (category) hits.
 */
export async function similarInstrumentIds(db: Db, tsquery: string, limit: number): Promise<string[]> {
  if (!tsquery) return [];
  const rows = await rowsOf<{ id: string }>(
    db,
    sql`select r.id from resources r
        where ${evaluated} and r.search_vector @@ to_tsquery('simple', ${tsquery})
        order by ts_rank(r.search_vector, to_tsquery('simple', ${tsquery})) desc, r.name, r.id
        limit ${limit}`,
  );
  return rows.map((r) => r.id);
}

/** Reviewers of a town's filings and the city's: active town admins of the town and city admins. */
export async function reviewerUserIds(db: Db, townId: string): Promise<string[]> {
  const rows = await db
    .select({ id: users.id })
    .from(users)
    .where(
      sql`${users.status} = 'active' and (${users.role} = 'city_admin' or (${users.role} = 'town_admin' and ${users.townId} = ${townId}))`,
    );
  return rows.map((r) => r.id);
}

export async function providerUserIds(db: Db, institutionId: string): Promise<string[]> {
  const rows = await db
    .select({ id: users.id })
    .from(users)
    .where(sql`${users.status} = 'active' and ${users.role} = 'provider' and ${users.institutionId} = ${institutionId}`);
  return rows.map((r) => r.id);
}
