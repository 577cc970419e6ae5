import type { ResourceSearchQuery } from '@innotown/contracts/resource-search';
import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db.ts';
import { likePattern } from '../../platform/pagination.ts';
import type { Actor } from '../../platform/policy.ts';

/**
 * Sized for 1,000,000 rows on PostgreSQL and 100,000 on PGlite (docs/benchmarks.md). The GIN match is cheap,
 * touching every matching row is not, so nothing here ranks or counts all matches of a common word:
 * - relevance is tiered: first the matches with every word in the title (`title_vector`), then the others;
 *   newest first within a tier. Both tiers follow the order of `resources_newest_idx`, so a page is read from
 *   the newest RANK_WINDOW rows when they hold enough matches (common words), and from the GIN indexes,
 *   materialised and sorted, when they do not (then the matches are few);
 * - the count and the facets come from one pass over at most FACET_SAMPLE + 1 matches: exact below that,
 *   otherwise the planner's estimate of the total (`totalIsEstimate`) and facets scaled from the sample
 *   (`facetsAreEstimate`).
 */
export const RANK_WINDOW = 3_000;
export const FACET_SAMPLE = 2_000;

/** Newest first, exactly as `resources_newest_idx` is built (created_at is never null). */
const NEWEST = sql`r.published_at desc nulls last, r.created_at desc nulls last, r.id`;

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

/** Every query word in the title: the first relevance tier (a subset of textMatch). */
export function titleMatchOf(m: SearchMatch): SQL | undefined {
  if (!m.tsquery) return undefined;
  const full = sql`r.title_vector @@ ${m.tsquery}::tsquery`;
  if (m.nameFragments.length === 0) return full;
  const names = m.nameFragments.map((f) => sql`r.name ilike ${likePattern(f)}`);
  const rest = m.restTsquery ? [sql`r.title_vector @@ ${m.restTsquery}::tsquery`] : [];
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

/** One page of matches, in the order of the sort; details are joined for the page's rows only. */
export async function searchPage(
  db: Db,
  where: SQL,
  m: SearchMatch,
  sort: 'relevance' | 'newest' | 'fee',
  limit: number,
  offset: number,
  window = RANK_WINDOW,
): Promise<SearchRow[]> {
  const title = titleMatchOf(m);
  if (title && sort !== 'fee') {
    // Newest first with words is the same walk with one tier (every match counts as a "title" match).
    const ids = await relevanceIds(db, where, sort === 'relevance' ? title : sql`true`, limit, offset, window);
    if (ids.length === 0) return [];
    const rows = await rowsOf<SearchRow>(
      db,
      sql`select ${DETAILS} from resources r
      join towns t on t.id = r.town_id
      join institutions i on i.id = r.institution_id
      where r.id = any(${`{${ids.join(',')}}`}::uuid[])`,
    );
    const byId = new Map(rows.map((r) => [r.id, r]));
    return ids.map((id) => byId.get(id)).filter((r): r is SearchRow => r !== undefined);
  }
  const order = sort === 'fee' ? sql`r.fee_min_fen asc nulls last, r.id` : NEWEST;
  return rowsOf<SearchRow>(
    db,
    sql`select ${DETAILS} from (select r.id, row_number() over (order by ${order}) as pos
      from resources r where ${where} order by ${order} limit ${limit} offset ${offset}) top
    join resources r on r.id = top.id
    join towns t on t.id = r.town_id
    join institutions i on i.id = r.institution_id
    order by top.pos`,
  );
}

type WindowRow = { id: string | null; title: boolean | null; k: number | string };

/**
 * Ids of one relevance page: the title tier, then the body tier, newest first in each. The newest
 * RANK_WINDOW rows are a prefix of both tiers' order, so the matches found there are the tiers' first rows;
 * only a tier with too few of them there is read from the indexes in full (it is then a small set).
 */
async function relevanceIds(db: Db, where: SQL, title: SQL, limit: number, offset: number, window: number): Promise<string[]> {
  const need = offset + limit;
  const found = await rowsOf<WindowRow>(
    db,
    sql`select id, title, k from (
      select r.id, coalesce(${title}, false) as title,
        row_number() over (partition by coalesce(${title}, false) order by ${NEWEST}) as k
      from (select * from resources r order by ${NEWEST} limit ${window}) r
      where ${where}
    ) m where m.k <= ${need}
    union all
    select null, null, count(*) from (select 1 from resources limit ${window + 1}) n`,
  );
  const wholeTable = Number(found.find((r) => r.id === null)?.k ?? 0) <= window;
  const tier = (t: boolean) =>
    found
      .filter((r) => r.id !== null && r.title === t)
      .sort((a, b) => Number(a.k) - Number(b.k))
      .map((r) => r.id as string);
  let titles = tier(true);
  if (!wholeTable && titles.length < need) titles = await allMatches(db, sql`${where} and ${title}`, need);
  if (titles.length >= need) return titles.slice(offset, need);
  let bodies = tier(false);
  const rest = need - titles.length;
  if (!wholeTable && bodies.length < rest) bodies = await allMatches(db, sql`${where} and not coalesce(${title}, false)`, rest);
  return [...titles, ...bodies].slice(offset, need);
}

/** The first `n` matches, newest first, computed from all matches (materialised, so the planner uses GIN). */
async function allMatches(db: Db, where: SQL, n: number): Promise<string[]> {
  const rows = await rowsOf<{ id: string }>(
    db,
    sql`with m as materialized (select r.id, r.published_at, r.created_at from resources r where ${where})
    select r.id from m r order by ${NEWEST} limit ${n}`,
  );
  return rows.map((r) => r.id);
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
export type CountAndFacets = { total: number; totalIsEstimate: boolean; rows: FacetRow[]; sampled: number };

/**
 * The count and all five facets in one pass over at most FACET_SAMPLE + 1 matches, with the page's WHERE.
 * Up to FACET_SAMPLE matches both are exact; beyond, the total is the planner's estimate (a plan, no scan)
 * and the facet counts are the sample's, which the caller scales.
 */
export async function countAndFacets(db: Db, where: SQL): Promise<CountAndFacets> {
  const all = await rowsOf<FacetRow>(
    db,
    sql`with m as (
      select r.kind, r.town_id, r.institution_id, r.industries, r.accreditations
      from resources r where ${where} limit ${FACET_SAMPLE + 1}
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
  const sampled = Number(all.find((r) => r.facet === '_sampled')?.count ?? 0);
  const rows = all.filter((r) => r.facet !== '_sampled').map((r) => ({ ...r, count: Number(r.count) }));
  if (sampled <= FACET_SAMPLE) return { total: sampled, totalIsEstimate: false, rows, sampled };
  const [plan] = await rowsOf<unknown>(db, sql`explain (format json) select 1 from resources r where ${where}`);
  return { total: Math.max(sampled, planRows(plan)), totalIsEstimate: true, rows, sampled };
}
