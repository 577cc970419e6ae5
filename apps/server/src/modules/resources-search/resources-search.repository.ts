import type { ResourceSearchQuery } from '@innotown/contracts/resource-search';
import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db.ts';
import { likePattern } from '../../platform/pagination.ts';
import type { Actor } from '../../platform/policy.ts';

/**
 * Sized for 1,000,000 rows on PostgreSQL (shared/docs/search.md): the GIN match is cheap, touching every
 * matching row is not. So the relevance order ranks only the first RANK_CANDIDATES matches, the count
 * stops at COUNT_CAP (beyond it the planner's estimate is reported), and facets count a sample of
 * FACET_SAMPLE matches, scaled. Below those sizes every figure is exact.
 */
export const RANK_CANDIDATES = 2_000;
export const COUNT_CAP = 10_000;
export const FACET_SAMPLE = 10_000;
/** ts_rank weights {D, C, B, A}: a title (A) match counts five times a body (B) match. */
const RANK_WEIGHTS = '{0.1, 0.1, 0.2, 1.0}';

export type SearchMatch = {
  /** tsquery text of all query tokens (AND, last one a prefix), or null for a browse without words. */
  tsquery: string | null;
  /** Latin fragments of 3+ characters that may also match inside the name (9000 in LMS-9000A). */
  nameFragments: string[];
  /** tsquery of the other tokens, which must still match when a fragment matched the name. */
  restTsquery: string | null;
};

/** What the caller may see: published open resources; signed-in users also members-only; plus their own scope. */
function visibility(actor: Actor): SQL {
  if (actor.role === 'city_admin') return sql`true`;
  const shared =
    actor.role === 'anonymous'
      ? sql`(r.review_status = 'published' and r.sharing = 'open')`
      : sql`(r.review_status = 'published' and r.sharing in ('open', 'members'))`;
  if (actor.role === 'town_admin' && actor.townId) return sql`(${shared} or r.town_id = ${actor.townId})`;
  if (actor.role === 'provider' && actor.institutionId) return sql`(${shared} or r.institution_id = ${actor.institutionId})`;
  return shared;
}

function textMatch(m: SearchMatch): SQL | undefined {
  if (!m.tsquery) return undefined;
  const full = sql`r.search_vector @@ ${m.tsquery}::tsquery`;
  if (m.nameFragments.length === 0) return full;
  const names = m.nameFragments.map((f) => sql`r.name ilike ${likePattern(f)}`);
  const rest = m.restTsquery ? [sql`r.search_vector @@ ${m.restTsquery}::tsquery`] : [];
  return sql`(${full} or (${sql.join([...names, ...rest], sql` and `)}))`;
}

export function whereOf(actor: Actor, q: ResourceSearchQuery, m: SearchMatch): SQL {
  const parts: (SQL | undefined)[] = [visibility(actor), textMatch(m)];
  if (q.kind) parts.push(sql`r.kind = ${q.kind}`);
  if (q.townId) parts.push(sql`r.town_id = ${q.townId}`);
  if (q.institutionId) parts.push(sql`r.institution_id = ${q.institutionId}`);
  if (q.industry) parts.push(sql`r.industries @> array[${q.industry}]::text[]`);
  if (q.accreditation) parts.push(sql`r.accreditations @> array[${q.accreditation}]::text[]`);
  if (q.feeMin !== undefined) parts.push(sql`r.fee_max_fen >= ${q.feeMin}`);
  if (q.feeMax !== undefined) parts.push(sql`r.fee_min_fen <= ${q.feeMax}`);
  if (q.available === 'true') parts.push(sql`r.opening_hours is not null`);
  if (q.available === 'false') parts.push(sql`r.opening_hours is null`);
  return sql.join(
    parts.filter((p): p is SQL => p !== undefined),
    sql` and `,
  );
}

export type SearchRow = {
  id: string;
  kind: string;
  name: string;
  summary: string | null;
  town_id: string;
  town_name: string;
  town_name_en: string;
  institution_id: string;
  institution_name: string;
  industries: string[];
  accreditations: string[];
  fee_min_fen: string | number | null;
  fee_max_fen: string | number | null;
  fee_unit: string | null;
  model: string | null;
  sharing: string;
  review_status: string;
  published_at: string | Date | null;
};

const DETAILS = sql`r.id, r.kind, r.name, r.summary, r.town_id, t.name as town_name, t.name_en as town_name_en,
  r.institution_id, i.name as institution_name, r.industries, r.accreditations, r.fee_min_fen, r.fee_max_fen,
  r.fee_unit, r.model, r.sharing, r.review_status, r.published_at`;

/** One page of matches; ranking touches at most RANK_CANDIDATES rows, details are joined for the page only. */
export async function searchPage(
  db: Db,
  where: SQL,
  m: SearchMatch,
  sort: 'relevance' | 'newest' | 'fee',
  limit: number,
  offset: number,
): Promise<SearchRow[]> {
  let top: SQL;
  if (sort === 'relevance' && m.tsquery) {
    const candidates = Math.max(RANK_CANDIDATES, offset + limit);
    top = sql`select c.id, ts_rank(${RANK_WEIGHTS}::float4[], c.search_vector, ${m.tsquery}::tsquery) as score
      from (select r.id, r.search_vector from resources r where ${where} limit ${candidates}) c
      order by score desc, c.id limit ${limit} offset ${offset}`;
  } else {
    const order = sort === 'fee' ? sql`r.fee_min_fen asc nulls last, r.id` : sql`r.published_at desc nulls last, r.created_at desc, r.id`;
    top = sql`select r.id, row_number() over (order by ${order}) as score
      from resources r where ${where} order by ${order} limit ${limit} offset ${offset}`;
  }
  const direction = sort === 'relevance' && m.tsquery ? sql`desc` : sql`asc`;
  return rowsOf<SearchRow>(
    db,
    sql`select ${DETAILS} from (${top}) top
    join resources r on r.id = top.id
    join towns t on t.id = r.town_id
    join institutions i on i.id = r.institution_id
    order by top.score ${direction}, r.id`,
  );
}

/** Exact count up to COUNT_CAP; beyond it the planner's estimate, which costs a plan and no scan. */
export async function countMatches(db: Db, where: SQL): Promise<{ total: number; isEstimate: boolean }> {
  const [capped] = await rowsOf<{ n: number }>(
    db,
    sql`select count(*)::int as n from (select 1 from resources r where ${where} limit ${COUNT_CAP + 1}) x`,
  );
  const n = Number(capped?.n ?? 0);
  if (n <= COUNT_CAP) return { total: n, isEstimate: false };
  const [plan] = await rowsOf<unknown>(db, sql`explain (format json) select 1 from resources r where ${where}`);
  return { total: Math.max(COUNT_CAP + 1, planRows(plan)), isEstimate: true };
}

function planRows(row: unknown): number {
  const value = Object.values(row as Record<string, unknown>)[0];
  const json = typeof value === 'string' ? JSON.parse(value) : value;
  return Math.round(Number(json?.[0]?.Plan?.['Plan Rows'] ?? 0));
}

/** Both drivers answer raw SQL with `{ rows }`. */
async function rowsOf<T>(db: Db, query: SQL): Promise<T[]> {
  return ((await db.execute(query)) as unknown as { rows: T[] }).rows;
}

export type FacetRow = { facet: string; value: string; label: string | null; count: number };

/** All five facets in one pass over (a sample of) the matches, with the page's WHERE. */
export async function facetCounts(db: Db, where: SQL): Promise<{ rows: FacetRow[]; sampled: number }> {
  const rows = await rowsOf<FacetRow>(
    db,
    sql`with m as (
      select r.kind, r.town_id, r.institution_id, r.industries, r.accreditations
      from resources r where ${where} limit ${FACET_SAMPLE}
    )
    select 'kind' as facet, kind as value, null as label, count(*)::int as count from m group by kind
    union all
    select 'town', m.town_id::text, min(t.name), count(*)::int from m join towns t on t.id = m.town_id group by m.town_id
    union all
    select 'institution', m.institution_id::text, min(i.name), count(*)::int
      from m join institutions i on i.id = m.institution_id group by m.institution_id
    union all
    select 'industry', v, null, count(*)::int from m, unnest(m.industries) v group by v
    union all
    select 'accreditation', v, null, count(*)::int from m, unnest(m.accreditations) v group by v
    union all
    select '_sampled', '', null, count(*)::int from m`,
  );
  const sampled = rows.find((r) => r.facet === '_sampled')?.count ?? 0;
  return { rows: rows.filter((r) => r.facet !== '_sampled').map((r) => ({ ...r, count: Number(r.count) })), sampled: Number(sampled) };
}
