import { RESOURCE_FEE_BANDS, type ResourceSearchQuery } from '@innotown/contracts/resource-search';
import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db.ts';
import { likePattern } from '../../platform/pagination.ts';
import type { Actor } from '../../platform/policy.ts';
import { commonLexemes } from '../../platform/search/common-lexemes.ts';

/**
 * Sized for 1,000,000 rows on PostgreSQL and 100,000 on PGlite (docs/benchmarks.md). The GIN match is cheap,
 * touching every matching row is not, so nothing here ranks or counts all the matches of a common word.
 *
 * Relevance is tiered: first the matches with every word in the title (`title_vector`), then the others;
 * newest first within a tier. Both tiers follow the order of `resources_newest_idx`, so one pass over the
 * newest RANK_WINDOW rows finds the first rows of both tiers when the words are common, and gives the
 * count and facets as a sample. Only what the window cannot answer goes further: a tier with too few rows
 * there is read from a wider window when its share of the window promises many rows, else in full through
 * the GIN indexes (it is small then); the count and facets, when fewer than WINDOW_SAMPLE_MIN rows of the
 * window matched, come through GIN: exact up to FACET_SAMPLE matches, beyond that the planner's estimate of
 * the total and facets scaled from the first FACET_SAMPLE matches.
 * Estimates are flagged (`totalIsEstimate`, `facetsAreEstimate`).
 */
export const RANK_WINDOW = 3_000;
export const WINDOW_SAMPLE_MIN = 100;
export const FACET_SAMPLE = 1_000;
export const GIN_TIER_MAX = 4_000;
export const WIDEST_WINDOW = 60_000;

/** Newest first, exactly as `resources_newest_idx` is built (created_at is never null). */
const NEWEST = sql`r.published_at desc nulls last, r.created_at desc nulls last, r.id`;
/** Lowest fee first, exactly as `resources_fee_idx` is built. */
const FEE = sql`r.fee_min_fen asc nulls last, r.id`;

export type SearchMatch = {
  /** tsquery text of all query tokens (AND, the last one a prefix unless a whole word), or null without words. */
  tsquery: string | null;
  /** Model-number fragments (3+ Latin characters with a digit) that may also match inside the name (9000 in LMS-9000A). */
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

/**
 * The search's WHERE in three parts: who may see a row (true for ≈ 75 % of rows, so never worth an index),
 * the words, and the filters (served by the GIN and filter indexes).
 */
export type Where = { visibility: SQL; text: SQL | undefined; filters: SQL };

export function whereOf(actor: Actor, q: ResourceSearchQuery, m: SearchMatch): Where {
  const parts: SQL[] = [];
  if (q.kind) parts.push(sql`r.kind = ${q.kind}`);
  if (q.townId) parts.push(sql`r.town_id = ${q.townId}`);
  if (q.institutionId) parts.push(sql`r.institution_id = ${q.institutionId}`);
  if (q.industry) parts.push(sql`r.industries @> array[${q.industry}]::text[]`);
  if (q.accreditation) parts.push(sql`r.accreditations @> array[${q.accreditation}]::text[]`);
  if (q.feeMin !== undefined) parts.push(sql`r.fee_max_fen >= ${q.feeMin}`);
  if (q.feeMax !== undefined) parts.push(sql`r.fee_min_fen <= ${q.feeMax}`);
  if (q.available === 'true') parts.push(sql`r.opening_hours is not null`);
  if (q.available === 'false') parts.push(sql`r.opening_hours is null`);
  return { visibility: visibility(actor), text: textMatch(m), filters: parts.length > 0 ? sql.join(parts, sql` and `) : sql`true` };
}

const whole = (w: Where) => sql`${w.visibility} and ${w.filters}${w.text ? sql` and ${w.text}` : sql``}`;

/**
 * FROM clause of the visible rows `r` that meet `cond`, found through the indexes of `cond` only: the
 * subquery with OFFSET 0 keeps the planner from AND-ing in the visibility index (a bitmap of ≈ 75 % of rows).
 */
const indexedMatches = (w: Where, cond: SQL) => sql`(select * from resources r where ${cond} offset 0) r where ${w.visibility}`;

/**
 * Runs a query that must read its rows through indexes (GIN, filters). With words the planner would rather
 * scan the table until a LIMIT is met, pricing a tsvector match like an integer comparison; measured 5–10
 * times slower for common words at 100,000–1,000,000 rows.
 */
async function throughIndexes<T>(db: Db, query: SQL): Promise<T[]> {
  return db.transaction(async (tx) => {
    await tx.execute(
      sql`select set_config('enable_seqscan', 'off', true), set_config('enable_indexscan', 'off', true), set_config('work_mem', '32MB', true)`,
    );
    return rowsOf<T>(tx, query);
  });
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

export type FacetRow = { facet: string; value: string; label: string | null; count: number };
export type SearchOutcome = {
  rows: SearchRow[];
  total: number;
  totalIsEstimate: boolean;
  facets: FacetRow[];
  /** Factor from the facet rows' counts to the estimated counts of all matches (1 when exact). */
  scale: number;
};
type Sort = 'relevance' | 'newest' | 'fee';

/** One page of matches in the order of the sort, without count and facets. */
export async function searchPage(
  db: Db,
  where: Where,
  m: SearchMatch,
  sort: Sort,
  limit: number,
  offset: number,
  { window = RANK_WINDOW, ginTierMax = GIN_TIER_MAX }: Sizes = {},
): Promise<SearchRow[]> {
  const walk = walkOf(where, m, sort);
  const pass = await windowPass(db, where, walk, offset + limit, window, false);
  return details(db, await pageIds(db, where, walk, pass, limit, offset, ginTierMax));
}

export type Counts = Omit<SearchOutcome, 'rows'>;
/** The sizes above, which tests shrink to take every path on a small table. */
export type Sizes = { window?: number; sampleMin?: number; ginTierMax?: number };

/**
 * One page with the count and the facets of all matches. `known` are counts the caller kept from an
 * earlier identical search (see the service's cache); they are then not computed again.
 */
export async function search(
  db: Db,
  where: Where,
  m: SearchMatch,
  sort: Sort,
  limit: number,
  offset: number,
  { window = RANK_WINDOW, sampleMin = WINDOW_SAMPLE_MIN, ginTierMax = GIN_TIER_MAX, known }: Sizes & { known?: Counts } = {},
): Promise<SearchOutcome> {
  const walk = walkOf(where, m, sort);
  const pass = await windowPass(db, where, walk, offset + limit, window, !known);
  // The window is a sample of the matches of words: it needs the table's size to scale from (unknown before
  // the first ANALYZE) and the newest rows (the cheapest ones are no sample: resources without a fee come
  // last). Browsing without words is counted by the planner, whose estimate of filters alone is good.
  const fromWindow =
    pass.wholeTable || (where.text !== undefined && walk.order === NEWEST && pass.matches >= sampleMin && pass.tableRows > window);
  const [ids, counted] = await Promise.all([
    pageIds(db, where, walk, pass, limit, offset, ginTierMax),
    known ?? (fromWindow ? windowCount(pass, window) : countAndFacets(db, where, where.text !== undefined)),
  ]);
  return { rows: await details(db, ids), ...counted };
}

/**
 * How a page is read: the order to walk (newest first, or lowest fee first) and the condition of the first
 * tier. Relevance with words has two tiers (every word in the title, then the other matches), newest first
 * in each; every other search has one (every match).
 */
type Walk = { first: SQL; order: SQL };

function walkOf(where: Where, m: SearchMatch, sort: Sort): Walk {
  const title = titleMatchOf(m);
  if (sort === 'relevance' && title) return { first: title, order: NEWEST };
  return { first: where.text ?? sql`true`, order: sort === 'fee' ? FEE : NEWEST };
}

async function details(db: Db, ids: string[]): Promise<SearchRow[]> {
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

type WindowPass = {
  /** The first `need` rows of each tier among the window's matches, in order. */
  title: string[];
  body: string[];
  /** Rows walked, and whether they were the whole table (everything above is then exact). */
  window: number;
  wholeTable: boolean;
  /** Matches in the window, and the table's row count as the statistics know it. */
  matches: number;
  tableRows: number;
  facets: FacetRow[];
};

/** All five facets over the rows of `m` (columns kind, town_id, institution_id, industries, accreditations). */
/**
 * Fee facet: bands counted as the fee filter selects (a resource's fee range overlaps the band), so a band's
 * count is what choosing it (feeMin = min, feeMax = max) returns.
 */
const FEE_BANDS = RESOURCE_FEE_BANDS;

const FACETS = sql`select 'kind' as facet, kind as value, null as label, count(*)::int as count from m group by kind
    union all
    select 'town', g.id::text, t.name, g.n
      from (select m.town_id as id, count(*)::int as n from m group by m.town_id) g join towns t on t.id = g.id
    union all
    select 'institution', g.id::text, i.name, g.n
      from (select m.institution_id as id, count(*)::int as n from m group by m.institution_id) g join institutions i on i.id = g.id
    union all
    select 'industry', v, null, count(*)::int from m, unnest(m.industries) v group by v
    union all
    select 'accreditation', v, null, count(*)::int from m, unnest(m.accreditations) v group by v
    union all
    select 'available', case when m.bookable then 'true' else 'false' end, null, count(*)::int from m group by m.bookable
    union all
    select 'fee', b.band, null, count(*)::int
      from m join (values ${sql.join(
        FEE_BANDS.map((b) => sql`(${b.value}, ${b.min}::bigint, ${b.max}::bigint)`),
        sql`, `,
      )}) b(band, lo, hi) on m.fee_max_fen >= b.lo and (b.hi is null or m.fee_min_fen <= b.hi)
      group by b.band`;

type PassRow = { facet: string; value: string; label: string | null; count: number | string; title: boolean | null };

/**
 * One pass over the newest `window` rows: the first `need` matches of each tier (they are the tiers' first
 * rows overall, the window being a prefix of their order), the number of matches and, if asked, their facets.
 */
async function windowPass(
  db: Db,
  where: Where,
  { first, order }: Walk,
  need: number,
  window: number,
  withFacets: boolean,
): Promise<WindowPass> {
  const rows = await rowsOf<PassRow>(
    db,
    sql`with m as materialized (
      select r.id, r.kind, r.town_id, r.institution_id, r.industries, r.accreditations, r.fee_min_fen, r.fee_max_fen,
        r.opening_hours is not null as bookable, coalesce(${first}, false) as title,
        row_number() over (partition by coalesce(${first}, false) order by ${order}) as k
      from (select * from resources r order by ${order} limit ${window}) r
      where ${whole(where)}
    )
    select 'row' as facet, m.id::text as value, null as label, m.k::int as count, m.title from m where m.k <= ${need}
    union all
    select '_matches', '', null, count(*)::int, null from m
    union all
    select '_window', '', null, count(*)::int, null from (select 1 from resources limit ${window + 1}) n
    union all
    select '_rows', '', null, greatest(c.reltuples, 0)::int, null from pg_class c where c.oid = 'resources'::regclass
    ${withFacets ? sql`union all select f.facet, f.value, f.label, f.count, null from (${FACETS}) f` : sql``}`,
  );
  const number = (name: string) => Number(rows.find((r) => r.facet === name)?.count ?? 0);
  const tier = (t: boolean) =>
    rows
      .filter((r) => r.facet === 'row' && r.title === t)
      .sort((a, b) => Number(a.count) - Number(b.count))
      .map((r) => r.value);
  return {
    title: tier(true),
    body: tier(false),
    window,
    wholeTable: number('_window') <= window,
    matches: number('_matches'),
    tableRows: number('_rows'),
    facets: rows
      .filter((r) => !['row', '_matches', '_window', '_rows'].includes(r.facet))
      .map((r) => ({ facet: r.facet, value: r.value, label: r.label, count: Number(r.count) })),
  };
}

/** The page's ids: from the window where it holds enough of a tier, else from the tier's GIN matches. */
async function pageIds(
  db: Db,
  where: Where,
  walk: Walk,
  pass: WindowPass,
  limit: number,
  offset: number,
  ginTierMax: number,
): Promise<string[]> {
  const need = offset + limit;
  const { first } = walk;
  // The title tier through the title index alone (a title match is a match), the body tier through the full one.
  const titles = await tierRows(db, where, walk, pass, 'title', need, sql`${where.filters} and ${first}`, ginTierMax);
  if (titles.length >= need) return titles.slice(offset, need);
  const rest = need - titles.length;
  const bodyCond = sql`${where.filters} and ${where.text ?? sql`true`} and not coalesce(${first}, false)`;
  const bodies = await tierRows(db, where, walk, pass, 'body', rest, bodyCond, ginTierMax);
  return [...titles, ...bodies].slice(offset, need);
}

/**
 * The first `need` rows of a tier the window held too few of. If its share of the window still promises
 * more than GIN_TIER_MAX rows in the table, a wider window (sized for twice the rows needed, at most
 * WIDEST_WINDOW) is cheaper than reading them all at random; otherwise, or if that falls short too, all of
 * the tier's rows through the indexes.
 */
async function tierRows(
  db: Db,
  where: Where,
  walk: Walk,
  pass: WindowPass,
  tier: 'title' | 'body',
  need: number,
  cond: SQL,
  ginTierMax: number,
): Promise<string[]> {
  const found = pass[tier];
  if (pass.wholeTable || found.length >= need) return found.slice(0, need);
  const expected = ((found.length + 0.5) / pass.window) * pass.tableRows;
  if (expected > ginTierMax) {
    const wider = Math.min(WIDEST_WINDOW, Math.ceil((2 * need * pass.window) / Math.max(found.length, 1)));
    if (wider > pass.window) {
      const again = await windowPass(db, where, walk, need, wider, false);
      if (again.wholeTable || again[tier].length >= need) return again[tier].slice(0, need);
    }
  }
  return allMatches(db, where, cond, walk.order, need);
}

/** The first `n` rows of a tier, newest first, from all its rows (few, or the window would have had them). */
async function allMatches(db: Db, where: Where, tier: SQL, order: SQL, n: number): Promise<string[]> {
  const rows = await throughIndexes<{ id: string }>(
    db,
    sql`with m as materialized (select r.id, r.published_at, r.created_at, r.fee_min_fen from ${indexedMatches(where, tier)})
    select r.id from m r order by ${order} limit ${n}`,
  );
  return rows.map((r) => r.id);
}

/** Count and facets from the window: exact if it held the whole table, else scaled to the table's size. */
async function windowCount(pass: WindowPass, window: number): Promise<Counts> {
  if (pass.wholeTable) return { total: pass.matches, totalIsEstimate: false, facets: pass.facets, scale: 1 };
  const total = Math.max(pass.matches, Math.round((pass.matches * pass.tableRows) / window));
  return { total, totalIsEstimate: true, facets: pass.facets, scale: total / pass.matches };
}

/** The most common lexemes of the resources' vectors, taken as whole words by tsqueryText (platform/search). */
export const commonWords = (db: Db): Promise<Set<string>> => commonLexemes(db, 'resources');

function planRows(row: unknown): number {
  const value = Object.values(row as Record<string, unknown>)[0];
  const json = typeof value === 'string' ? JSON.parse(value) : value;
  return Math.round(Number(json?.[0]?.Plan?.['Plan Rows'] ?? 0));
}

/** Both drivers answer raw SQL with `{ rows }`. */
async function rowsOf<T>(db: Db, query: SQL): Promise<T[]> {
  return ((await db.execute(query)) as unknown as { rows: T[] }).rows;
}

/**
 * The count and all five facets in one pass over at most FACET_SAMPLE + 1 matches. Up to FACET_SAMPLE
 * matches both are exact; beyond, the total is the planner's estimate (a plan, no scan) and the facets are
 * the sample's, scaled.
 */
export async function countAndFacets(db: Db, where: Where, hasWords: boolean): Promise<Counts> {
  const query = sql`with m as (
      select r.kind, r.town_id, r.institution_id, r.industries, r.accreditations, r.fee_min_fen, r.fee_max_fen,
        r.opening_hours is not null as bookable
      from ${indexedMatches(where, sql`${where.filters}${where.text ? sql` and ${where.text}` : sql``}`)} limit ${FACET_SAMPLE + 1}
    )
    ${FACETS}
    union all
    select '_sampled', '', null, count(*)::int from m`;
  const all = hasWords ? await throughIndexes<FacetRow>(db, query) : await rowsOf<FacetRow>(db, query);
  const sampled = Number(all.find((r) => r.facet === '_sampled')?.count ?? 0);
  const facets = all.filter((r) => r.facet !== '_sampled').map((r) => ({ ...r, count: Number(r.count) }));
  if (sampled <= FACET_SAMPLE) return { total: sampled, totalIsEstimate: false, facets, scale: 1 };
  const [plan] = await rowsOf<unknown>(db, sql`explain (format json) select 1 from resources r where ${whole(where)}`);
  const total = Math.max(sampled, planRows(plan));
  return { total, totalIsEstimate: true, facets, scale: total / sampled };
}
