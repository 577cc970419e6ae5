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

export type UsageSums = {
  instruments: InstrumentSums[];
  /** Distinct enterprises served (not additive, so counted by the database) per institution, per town and in all. */
  users: { byInstitution: Map<string, number>; byTown: Map<string, number>; all: number };
  /** Counted external and internal minutes per Shanghai calendar month ('2026-03'). */
  monthly: Map<string, { external: number; internal: number }>;
};

type GroupedRow = { g: number; key: string | null; minutes: unknown; income: unknown; services: unknown; users: unknown };

/**
 * The sums of a unit over a period: one grouped scan of the counted booking usage (per instrument,
 * institution, town, month and in all, with distinct enterprises), one of internal use (per
 * instrument and month), one of no-shows, and the list of evaluated instruments.
 */
export async function usageSums(db: Db, unit: Unit, p: Period): Promise<UsageSums> {
  const month = sql`to_char(timezone('UTC', coalesce(lower(b.period), u.recorded_at)) + interval '8 hours', 'YYYY-MM')`;
  const [external, internal, noShows, instruments] = await Promise.all([
    // The counted rows are read once; distinct enterprises are counted over (instrument, enterprise) pairs,
    // a few per instrument, so that no grouping sorts the whole year's rows.
    rowsOf<GroupedRow>(
      db,
      sql`with c as materialized (
            select b.resource_id, b.institution_id, b.town_id, b.enterprise_id, ${month} as month,
                   u.minutes, u.fee_fen + u.extra_fen as income
            from bookings b
            join booking_usages u on u.booking_id = b.id
            join resources r on r.id = b.resource_id
            where ${countedUsage(p)} and ${evaluated} and ${unitWhere('b', unit)}
          ), pair as (
            select resource_id, institution_id, town_id, enterprise_id, sum(minutes) as minutes, sum(income) as income, count(*) as services
            from c group by resource_id, institution_id, town_id, enterprise_id
          )
          select case when grouping(resource_id) = 0 then 0 when grouping(institution_id) = 0 then 1
                      when grouping(town_id) = 0 then 2 else 4 end as g,
                 coalesce(resource_id::text, institution_id::text, town_id::text) as key,
                 sum(minutes) as minutes, sum(income) as income, sum(services) as services, count(distinct enterprise_id) as users
          from pair
          group by grouping sets ((resource_id), (institution_id), (town_id), ())
          union all
          select 3, month, sum(minutes), sum(income), count(*), 0 from c group by month`,
    ),
    rowsOf<GroupedRow>(
      db,
      sql`select case when grouping(iu.resource_id) = 0 then 0 else 3 end as g,
                 coalesce(iu.resource_id::text, to_char(iu.used_on, 'YYYY-MM')) as key,
                 sum(iu.minutes) as minutes, sum(iu.income_fen) as income, 0 as services, 0 as users
          from internal_usages iu
          join resources r on r.id = iu.resource_id
          where ${internalIn(p)} and ${evaluated} and ${unitWhere('iu', unit)}
          group by grouping sets ((iu.resource_id), (to_char(iu.used_on, 'YYYY-MM')))`,
    ),
    rowsOf<{ resource_id: string; n: unknown }>(
      db,
      sql`select b.resource_id, count(*) as n from bookings b
          where ${noShowIn(p)} and ${unitWhere('b', unit)}
          group by b.resource_id`,
    ),
    rowsOf<Record<string, unknown>>(
      db,
      sql`select r.id, r.name, r.model, r.category, r.sharing, r.institution_id, i.name as institution_name, r.town_id,
                 t.name as town_name, coalesce(r.original_value_fen, 0) as original_value_fen, r.opening_hours
          from resources r
          join institutions i on i.id = r.institution_id
          join towns t on t.id = r.town_id
          where ${evaluated} and ${unitWhere('r', unit)}
          order by t.code, i.name, r.name, r.id`,
    ),
  ]);
  const ext = new Map<string, GroupedRow>();
  const users: UsageSums['users'] = { byInstitution: new Map(), byTown: new Map(), all: 0 };
  const monthly: UsageSums['monthly'] = new Map();
  const monthOf = (key: string) => monthly.get(key) ?? { external: 0, internal: 0 };
  for (const r of external) {
    const g = Number(r.g);
    if (g === 0) ext.set(r.key as string, r);
    else if (g === 1) users.byInstitution.set(r.key as string, num(r.users));
    else if (g === 2) users.byTown.set(r.key as string, num(r.users));
    else if (g === 3) monthly.set(r.key as string, { ...monthOf(r.key as string), external: num(r.minutes) });
    else users.all = num(r.users);
  }
  const inn = new Map<string, GroupedRow>();
  for (const r of internal) {
    if (Number(r.g) === 0) inn.set(r.key as string, r);
    else monthly.set(r.key as string, { ...monthOf(r.key as string), internal: num(r.minutes) });
  }
  const ns = new Map(noShows.map((r) => [r.resource_id, num(r.n)]));
  return {
    users,
    monthly,
    instruments: instruments.map((r) => {
      const id = r.id as string;
      const e = ext.get(id);
      const i = inn.get(id);
      return {
        id,
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
        externalMinutes: num(e?.minutes),
        externalIncomeFen: num(e?.income),
        externalServices: num(e?.services),
        externalUsers: num(e?.users),
        internalMinutes: num(i?.minutes),
        internalIncomeFen: num(i?.income),
        noShows: ns.get(id) ?? 0,
      };
    }),
  };
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

export async function findInternalUsage(db: Db, id: string) {
  const [row] = await db.select().from(internalUsages).where(eq(internalUsages.id, id));
  return row;
}

export async function deleteInternalUsage(db: Db, id: string): Promise<boolean> {
  const rows = await db.delete(internalUsages).where(eq(internalUsages.id, id)).returning({ id: internalUsages.id });
  return rows.length > 0;
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
