import type { PatentFacetName } from '@innotown/contracts/patent-search';
import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db.ts';
import { commonLexemes } from '../../platform/search/common-lexemes.ts';

/**
 * Sized for 1,000,000 patents on PostgreSQL (docs/benchmarks.md); the same SQL runs on PGlite. The GIN match is
 * cheap, touching every match of a common word is not — so nothing here ranks, sorts or counts all of them.
 *
 * Page: relevance is tiered — every word in the title (the vector's weight-A lexemes) first, then the other
 * matches — newest first within a tier; the date sorts are one tier. A tier's first rows are found by walking the
 * order's B-tree (`patents_newest_idx`, `patents_grant_idx`) over the newest RANK_WINDOW rows; a tier the window
 * holds too few of is read from a wider window when its share of the window promises many rows, else in full
 * through the GIN/filter indexes (it is small then) and sorted.
 *
 * Count and facets: each facet is counted with every other filter (not its own), so one search has one
 * predicate per selected facet filter plus the result's own; each is counted exactly through the indexes up to
 * EXACT_CAP matches. Beyond that the count and facets are estimated from a block sample of the table
 * (TABLESAMPLE SYSTEM, about SAMPLE_ROWS rows, fixed seed so a repeated search gives the same figures), scaled
 * to the table: unbiased for the year and status facets, which a newest-first window is not.
 */
export const RANK_WINDOW = 3_000;
export const GIN_TIER_MAX = 4_000;
export const WIDEST_WINDOW = 60_000;
export const EXACT_CAP = 2_000;
export const SAMPLE_ROWS = 10_000;

export type Sizes = { window?: number; ginTierMax?: number; exactCap?: number; sampleRows?: number };

export type Sort = 'relevance' | 'application_date' | 'grant_date';

const NEWEST = sql`p.application_date desc nulls last, p.id`;
const GRANTED = sql`p.grant_date desc nulls last, p.id`;

/**
 * The search's WHERE in parts: the words (simple box), the words' title tier, the other filters that are no
 * facet (names, dates, owner, expert query), and the selected facet filters by facet.
 */
export type Where = {
  /** The simple box's words as tsquery text (the word search, patent-search.words.ts). */
  words: string | undefined;
  text: SQL | undefined;
  title: SQL | undefined;
  base: SQL[];
  facets: Partial<Record<PatentFacetName, SQL>>;
};

const and = (parts: (SQL | undefined)[]) => {
  const kept = parts.filter((p): p is SQL => p !== undefined);
  return kept.length === 0 ? sql`true` : sql.join(kept, sql` and `);
};

/** Every condition: the result's predicate. */
export const fullPredicate = (w: Where) => and([w.text, ...w.base, ...Object.values(w.facets)]);
/** The conditions besides the words (for the word search), without `except`'s own facet filter. */
export const restOf = (w: Where, except?: PatentFacetName): SQL[] => [
  ...w.base,
  ...Object.entries(w.facets)
    .filter(([k]) => k !== except)
    .map(([, v]) => v),
];
/** Every condition but the facet's own filter: what the facet counts. */
export const facetPredicate = (w: Where, facet: PatentFacetName) =>
  and([
    w.text,
    ...w.base,
    ...Object.entries(w.facets)
      .filter(([k]) => k !== facet)
      .map(([, v]) => v),
  ]);

/** Both drivers answer raw SQL with `{ rows }`. */
export async function rowsOf<T>(db: Db, query: SQL): Promise<T[]> {
  return ((await db.execute(query)) as unknown as { rows: T[] }).rows;
}

/**
 * Runs a query that must read its rows through indexes: with words the planner would rather walk a B-tree until
 * a LIMIT is met, pricing a tsvector match like an integer comparison (5–10× slower for common words).
 */
export async function throughIndexes<T>(db: Db, query: SQL): Promise<T[]> {
  return db.transaction(async (tx) => {
    await tx.execute(
      sql`select set_config('enable_seqscan', 'off', true), set_config('enable_indexscan', 'off', true), set_config('work_mem', '32MB', true)`,
    );
    return rowsOf<T>(tx, query);
  });
}

// ---- the page ------------------------------------------------------------------------------------------

type Walk = { first: SQL; order: SQL };

function walkOf(w: Where, sort: Sort): Walk {
  const order = sort === 'grant_date' ? GRANTED : NEWEST;
  if (sort === 'relevance' && w.title) return { first: w.title, order };
  return { first: sql`true`, order };
}

type WindowPass = { title: string[]; body: string[]; window: number; wholeTable: boolean; matches: number; tableRows: number };

/** One walk over the first `window` rows of the order: the first `need` matches of each tier, and how many matched. */
async function windowPass(db: Db, w: Where, { first, order }: Walk, need: number, window: number): Promise<WindowPass> {
  const rows = await rowsOf<{ kind: string; id: string; k: number | string; title: boolean | null }>(
    db,
    sql`with m as materialized (
      select p.id, coalesce(${first}, false) as title, row_number() over (partition by coalesce(${first}, false) order by ${order}) as k
      from (select * from patents p order by ${order} limit ${window}) p
      where ${fullPredicate(w)}
    )
    select 'row' as kind, m.id::text as id, m.k::int as k, m.title from m where m.k <= ${need}
    union all select '_matches', '', count(*)::int, null from m
    union all select '_window', '', count(*)::int, null from (select 1 from patents limit ${window + 1}) n
    union all select '_rows', '', greatest(c.reltuples, 0)::int, null from pg_class c where c.oid = 'patents'::regclass`,
  );
  const number = (name: string) => Number(rows.find((r) => r.kind === name)?.k ?? 0);
  const tier = (t: boolean) =>
    rows
      .filter((r) => r.kind === 'row' && r.title === t)
      .sort((a, b) => Number(a.k) - Number(b.k))
      .map((r) => r.id);
  const seen = number('_window');
  return {
    title: tier(true),
    body: tier(false),
    window,
    wholeTable: seen <= window,
    matches: number('_matches'),
    tableRows: Math.max(number('_rows'), seen),
  };
}

/** The first `n` rows of a tier in the order, from all its rows (few, or the window would have had them). */
async function allMatches(db: Db, w: Where, cond: SQL, order: SQL, n: number): Promise<string[]> {
  const query = sql`with m as materialized (select p.id, p.application_date, p.grant_date from (select * from patents p where ${cond} offset 0) p)
    select p.id from m p order by ${order} limit ${n}`;
  const rows = w.text ? await throughIndexes<{ id: string }>(db, query) : await rowsOf<{ id: string }>(db, query);
  return rows.map((r) => r.id);
}

async function tierRows(
  db: Db,
  w: Where,
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
      const again = await windowPass(db, w, walk, need, wider);
      if (again.wholeTable || again[tier].length >= need) return again[tier].slice(0, need);
    }
  }
  return allMatches(db, w, cond, walk.order, need);
}

export type PageOutcome = { ids: string[]; pass: WindowPass };

/** The ids of one page in the sort's order. */
export async function pageIds(db: Db, w: Where, sort: Sort, limit: number, offset: number, sizes: Sizes = {}): Promise<PageOutcome> {
  const window = sizes.window ?? RANK_WINDOW;
  const ginTierMax = sizes.ginTierMax ?? GIN_TIER_MAX;
  const need = offset + limit;
  const walk = walkOf(w, sort);
  const pass = await windowPass(db, w, walk, need, window);
  const full = fullPredicate(w);
  const titles = await tierRows(db, w, walk, pass, 'title', need, sql`${full} and ${walk.first}`, ginTierMax);
  if (titles.length >= need) return { ids: titles.slice(offset, need), pass };
  const bodies = await tierRows(
    db,
    w,
    walk,
    pass,
    'body',
    need - titles.length,
    sql`${full} and not coalesce(${walk.first}, false)`,
    ginTierMax,
  );
  return { ids: [...titles, ...bodies].slice(offset, need), pass };
}

export type PatentRow = {
  id: string;
  application_number: string;
  jurisdiction: string;
  publication_number: string | null;
  grant_number: string | null;
  kind: string;
  title: string;
  abstract: string | null;
  claims: string | null;
  main_class: string | null;
  ipc_codes: string[];
  locarno_codes: string[];
  application_date: string;
  publication_date: string | null;
  grant_date: string | null;
  legal_status: string;
  legal_status_date: string | null;
  applicants: string[];
  owners: string[];
  inventors: string[];
  owner_enterprise_ids: string[];
  local_applicant: boolean;
  town_id: string | null;
  town_name: string | null;
  town_name_en: string | null;
  applicant_address: string | null;
  agency: string | null;
  fees_paid_until: string | null;
};

const DETAILS = sql`p.id, p.application_number, p.jurisdiction, p.publication_number, p.grant_number, p.kind, p.title,
  p.abstract, p.claims, p.main_class, p.ipc_codes, p.locarno_codes, p.application_date::text as application_date,
  p.publication_date::text as publication_date, p.grant_date::text as grant_date, p.legal_status,
  p.legal_status_date::text as legal_status_date, p.applicants, p.owners, p.inventors, p.owner_enterprise_ids::text[] as owner_enterprise_ids,
  p.local_applicant, p.town_id, t.name as town_name, t.name_en as town_name_en, p.applicant_address, p.agency,
  p.fees_paid_until::text as fees_paid_until`;

/** Full rows of the ids, in the ids' order. */
export async function patentsByIds(db: Db, ids: string[]): Promise<PatentRow[]> {
  if (ids.length === 0) return [];
  const rows = await rowsOf<PatentRow>(
    db,
    sql`select ${DETAILS} from patents p left join towns t on t.id = p.town_id where p.id = any(${`{${ids.join(',')}}`}::uuid[])`,
  );
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.map((id) => byId.get(id)).filter((r): r is PatentRow => r !== undefined);
}

// ---- count and facets ----------------------------------------------------------------------------------

export type FacetRow = { facet: PatentFacetName; value: string; label: string | null; count: number };
export type Counted = { total: number; estimate: boolean; facets: FacetRow[] };

/** The facets asked of one predicate, over the rows `m` (columns kind, legal_status, town_id, year, class_prefixes). */
export function facetSql(facets: readonly PatentFacetName[]): SQL[] {
  const parts: SQL[] = [];
  for (const f of facets) {
    if (f === 'kind')
      parts.push(sql`select 'kind' as facet, m.kind as value, null as label, count(*)::int as count from m group by m.kind`);
    if (f === 'legalStatus')
      parts.push(
        sql`select 'legalStatus' as facet, m.legal_status as value, null as label, count(*)::int as count from m group by m.legal_status`,
      );
    if (f === 'town')
      parts.push(
        sql`select 'town' as facet, g.id::text as value, t.name as label, g.n as count from (select m.town_id as id, count(*)::int as n from m where m.town_id is not null group by m.town_id) g join towns t on t.id = g.id`,
      );
    if (f === 'applicationYear')
      parts.push(
        sql`select 'applicationYear' as facet, m.year::text as value, null as label, count(*)::int as count from m group by m.year`,
      );
    // Subclasses are the 4-character IPC prefixes (Locarno prefixes start with LOC).
    if (f === 'ipcSubclass')
      parts.push(
        sql`select 'ipcSubclass' as facet, v as value, null as label, count(*)::int as count from m, unnest(m.class_prefixes) v where v ~ '^[A-H][0-9]{2}[A-Z]$' group by v`,
      );
  }
  return parts;
}

const COLUMNS = sql`p.kind, p.legal_status, p.town_id, extract(year from p.application_date)::int as year, p.class_prefixes`;

/**
 * The count and `facets` of the rows of `cond`: exact through the indexes up to `exactCap` matches (one pass over
 * at most exactCap + 1 rows), otherwise estimated from a block sample. `knownLarge` skips the exact attempt (the
 * page's window already showed that the matches are many).
 */
export async function countAndFacets(
  db: Db,
  cond: SQL,
  facets: readonly PatentFacetName[],
  hasWords: boolean,
  { exactCap = EXACT_CAP, sampleRows = SAMPLE_ROWS, knownLarge = false }: Sizes & { knownLarge?: boolean } = {},
): Promise<Counted> {
  if (!knownLarge) {
    const query = sql`with m as (select ${COLUMNS} from (select * from patents p where ${cond} offset 0) p limit ${exactCap + 1})
      ${sql.join([...facetSql(facets), sql`select '_n' as facet, '' as value, null as label, count(*)::int as count from m`], sql` union all `)}`;
    const rows = hasWords ? await throughIndexes<FacetRow>(db, query) : await rowsOf<FacetRow>(db, query);
    const n = Number(rows.find((r) => (r.facet as string) === '_n')?.count ?? 0);
    if (n <= exactCap) {
      return {
        total: n,
        estimate: false,
        facets: rows.filter((r) => (r.facet as string) !== '_n').map((r) => ({ ...r, count: Number(r.count) })),
      };
    }
  }
  return sampled(db, cond, facets, exactCap, sampleRows);
}

/** Estimates from a block sample of about `sampleRows` rows: matches in the sample scaled to the table. */
async function sampled(db: Db, cond: SQL, facets: readonly PatentFacetName[], exactCap: number, sampleRows: number): Promise<Counted> {
  const [stats] = await rowsOf<{ rows: number | string }>(
    db,
    sql`select greatest(reltuples, 0)::bigint as rows from pg_class where oid = 'patents'::regclass`,
  );
  const tableRows = Math.max(Number(stats?.rows ?? 0), 1);
  const percent = Math.min(100, Math.max(0.05, (100 * sampleRows) / tableRows));
  const rows = await rowsOf<FacetRow>(
    db,
    sql`with s as materialized (select ${COLUMNS}, coalesce(${cond}, false) as hit from patents p tablesample system (${sql.raw(percent.toFixed(3))}) repeatable (17)),
      m as (select * from s where s.hit)
      ${sql.join(
        [
          ...facetSql(facets),
          sql`select '_n' as facet, '' as value, null as label, count(*)::int as count from m`,
          sql`select '_sampled', '', null, count(*)::int from s`,
        ],
        sql` union all `,
      )}`,
  );
  const n = Number(rows.find((r) => (r.facet as string) === '_n')?.count ?? 0);
  const seen = Math.max(Number(rows.find((r) => (r.facet as string) === '_sampled')?.count ?? 0), 1);
  const total = Math.max(exactCap + 1, Math.round((n / seen) * tableRows));
  const scale = n > 0 ? total / n : 0;
  return {
    total,
    estimate: true,
    facets: rows
      .filter((r) => !['_n', '_sampled'].includes(r.facet as string))
      .map((r) => ({ ...r, count: Math.max(1, Math.round(Number(r.count) * scale)) })),
  };
}

// ---- lexeme statistics -----------------------------------------------------------------------------------

/** The most common lexemes of the patents' vectors, taken as whole words by tsqueryText (platform/search). */
export const commonWords = (db: Db): Promise<Set<string>> => commonLexemes(db, 'patents');

// ---- export, page, events, portfolio ---------------------------------------------------------------------

/** Matches up to `cap` (stops counting there). */
export async function countUpTo(db: Db, cond: SQL, cap: number, hasWords: boolean): Promise<number> {
  const query = sql`select count(*)::int as n from (select 1 from (select * from patents p where ${cond} offset 0) p limit ${cap}) x`;
  const [row] = hasWords ? await throughIndexes<{ n: number }>(db, query) : await rowsOf<{ n: number }>(db, query);
  return Number(row?.n ?? 0);
}

/** Ids of all matches in an order (for the export, whose size is capped before). */
export async function orderedIds(db: Db, cond: SQL, order: SQL, limit: number): Promise<string[]> {
  const rows = await rowsOf<{ id: string }>(db, sql`select p.id from patents p where ${cond} order by ${order} limit ${limit}`);
  return rows.map((r) => r.id);
}

export const ORDERS = { newest: NEWEST, granted: GRANTED };

export type EventRow = { id: string; event_date: string; kind: string; detail: Record<string, unknown>; source: string };

export async function eventsOf(db: Db, patentId: string): Promise<EventRow[]> {
  return rowsOf<EventRow>(
    db,
    sql`select id, event_date::text as event_date, kind, detail, source from patent_events where patent_id = ${patentId}
      order by event_date, created_at, id`,
  );
}

/** The patent row locked for an event (one writer at a time decides the transition). */
export async function lockPatent(
  db: Db,
  id: string,
): Promise<
  | { id: string; kind: string; application_date: string; legal_status: string; legal_status_date: string | null; town_id: string | null }
  | undefined
> {
  const [row] = await rowsOf<{
    id: string;
    kind: string;
    application_date: string;
    legal_status: string;
    legal_status_date: string | null;
    town_id: string | null;
  }>(
    db,
    sql`select id, kind, application_date::text as application_date, legal_status, legal_status_date::text as legal_status_date, town_id
      from patents where id = ${id} for update`,
  );
  return row;
}

export async function insertEvent(
  db: Db,
  e: { patentId: string; eventDate: string; kind: string; detail: Record<string, unknown> },
): Promise<EventRow> {
  const [row] = await rowsOf<EventRow>(
    db,
    sql`insert into patent_events (patent_id, event_date, kind, detail, source)
      values (${e.patentId}, ${e.eventDate}::date, ${e.kind}, ${JSON.stringify(e.detail)}::jsonb, 'platform')
      returning id, event_date::text as event_date, kind, detail, source`,
  );
  return row as EventRow;
}

export async function applyStatus(
  db: Db,
  id: string,
  change: {
    status: string | null;
    date: string;
    grantDate?: string;
    grantNumber?: string;
    publicationDate?: string;
    publicationNumber?: string;
  },
): Promise<void> {
  const sets: SQL[] = [sql`updated_at = now()`];
  if (change.status) sets.push(sql`legal_status = ${change.status}`, sql`legal_status_date = ${change.date}::date`);
  if (change.grantDate) sets.push(sql`grant_date = ${change.grantDate}::date`);
  if (change.grantNumber) sets.push(sql`grant_number = ${change.grantNumber}`);
  if (change.publicationDate) sets.push(sql`publication_date = coalesce(publication_date, ${change.publicationDate}::date)`);
  if (change.publicationNumber) sets.push(sql`publication_number = ${change.publicationNumber}`);
  await db.execute(sql`update patents set ${sql.join(sets, sql`, `)} where id = ${id}`);
}

export async function enterpriseOf(db: Db, id: string): Promise<{ id: string; name: string; town_id: string } | undefined> {
  const [row] = await rowsOf<{ id: string; name: string; town_id: string }>(
    db,
    sql`select id, name, town_id from enterprises where id = ${id}`,
  );
  return row;
}

export async function portfolioRows(db: Db, enterpriseId: string): Promise<PatentRow[]> {
  return rowsOf<PatentRow>(
    db,
    sql`select ${DETAILS} from patents p left join towns t on t.id = p.town_id
      where p.owner_enterprise_ids @> array[${enterpriseId}]::uuid[]
      order by p.application_date desc, p.id`,
  );
}
