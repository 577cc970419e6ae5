import type { PatentFacetName } from '@innotown/contracts/patent-search';
import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db.ts';
import { type Counted, type FacetRow, facetSql, type Sort, throughIndexes } from './patent-search.repository.ts';

/**
 * The word search, sized for 1,000,000 patents on PostgreSQL (docs/benchmarks.md; the same SQL runs on PGlite).
 *
 * GIN finds the rows that hold the words quickly; what is slow is reading those rows (a common word matches
 * 100,000 of them, each a random heap page) to sort or count them. So GIN must cut the matches down before any
 * row is read. The indexed documents (migration 0023) carry derived lexemes besides the words:
 *   - the application month §aYYYYMM and the grant month §gYYYYMM: the newest matches of a word are
 *     `words & (§a202610 | §a202609 | …)` — only rows of those months are read, then sorted;
 *   - §s1 / §s2 / §s3 on a fixed one row in 10 / 100 / 1,000 (a hash of the id, nested): `words & §s3` is a
 *     uniform sample of any match, which estimates the count and the facets of a large result and tells how the
 *     matches spread over the months — hence how many months the first page needs.
 * Counting: the sparsest sample first; a small result is counted exactly (≤ exactCap rows read), a large one
 * from a sample of at least MIN_SAMPLE rows, scaled.
 * Page: relevance is tiered — every word in the title first (patent_title_doc: the title's lexemes), then the
 * other matches — newest first within a tier; the date sorts are one tier. Each tier is read from the newest
 * months that should hold 3 × the page's rows, widened ×8 while they hold too few, at last the whole table
 * (few rows then). The months outside a slice are all older, so a slice that holds enough rows holds the page.
 */
/** Reading a matching row costs a random heap page (≈ 10 µs from the OS cache): a count reads at most ~1,000. */
export const EXACT_CAP = 1_000;
export const MIN_SAMPLE = 300;
/** A slice covering more months than this reads the whole table instead (the matches are few then). */
const MAX_SLICE_MONTHS = 72;

export type WordSizes = {
  exactCap?: number;
  /** Tests: count from "samples" that are the whole result (every row), to reach the sliced paths on small data. */
  sampleEverything?: boolean;
  /** Tests: the first slice's target rows (default 3 × the page). */
  sliceTarget?: number;
};

/** The indexed documents (migration 0023). */
const SEARCH_DOC = sql`patent_search_doc(p.search_vector, p.application_date, p.grant_date, p.id)`;
const TITLE_DOC = sql`patent_title_doc(p.search_vector, p.application_date, p.grant_date)`;

/** Rows holding every word (tsquery text); `and` narrows inside the index (months, sample). */
export const docMatch = (words: string, and?: string) => sql`${SEARCH_DOC} @@ ${and ? `(${words}) & ${and}` : words}::tsquery`;
/** Rows whose title holds every word. */
export const titleMatch = (words: string, and?: string) => sql`${TITLE_DOC} @@ ${and ? `(${words}) & ${and}` : words}::tsquery`;

/** What a word search counts: the words and the other conditions (filters, facet filters but the counted facet's). */
export type WordMatch = { words: string; rest: SQL[] };

const whereOf = (m: WordMatch, match: SQL) => sql.join([match, ...m.rest], sql` and `);

/** Months as yyyymm numbers (sorts and counts like the calendar within a year). */
type MonthCounts = Map<number, number>;
export type WordCounted = Counted & {
  /** Each sampled row stands for `rate` matches (1: counted exactly). */
  rate: number;
  months: { a: MonthCounts; g: MonthCounts };
};

const SAMPLES = [
  { lexeme: `'§s3'`, rate: 1_000 },
  { lexeme: `'§s2'`, rate: 100 },
  { lexeme: `'§s1'`, rate: 10 },
] as const;

const monthOf = (col: SQL) => sql`(extract(year from ${col})::int * 100 + extract(month from ${col})::int)`;
const COLUMNS = sql`p.kind, p.legal_status, p.town_id, extract(year from p.application_date)::int as year, p.class_prefixes,
  ${monthOf(sql`p.application_date`)} as am, ${monthOf(sql`p.grant_date`)} as gm`;

type Pass = { n: number; rows: FacetRow[]; months: WordCounted['months'] };

/** One pass over the rows of `match` (at most `cap`): the facets asked, the months, and how many rows. */
async function pass(db: Db, m: WordMatch, match: SQL, facets: readonly PatentFacetName[], cap?: number): Promise<Pass> {
  const limit = cap === undefined ? sql`` : sql`limit ${cap + 1}`;
  const rows = await throughIndexes<FacetRow>(
    db,
    sql`with m as materialized (select ${COLUMNS} from patents p where ${whereOf(m, match)} ${limit})
      ${sql.join(
        [
          ...facetSql(facets),
          sql`select '_am' as facet, m.am::text as value, null as label, count(*)::int as count from m group by m.am`,
          sql`select '_gm', m.gm::text, null, count(*)::int from m where m.gm is not null group by m.gm`,
          sql`select '_n', '', null, count(*)::int from m`,
        ],
        sql` union all `,
      )}`,
  );
  const months = { a: new Map<number, number>(), g: new Map<number, number>() };
  let n = 0;
  const kept: FacetRow[] = [];
  for (const r of rows) {
    const facet = r.facet as string;
    if (facet === '_n') n = Number(r.count);
    else if (facet === '_am') months.a.set(Number(r.value), Number(r.count));
    else if (facet === '_gm') months.g.set(Number(r.value), Number(r.count));
    else kept.push({ ...r, count: Number(r.count) });
  }
  return { n, rows: kept, months };
}

const scaled = (p: Pass, rate: number, floor: number): WordCounted => ({
  total: Math.max(floor, Math.round(p.n * rate)),
  estimate: true,
  facets: p.rows.map((r) => ({ ...r, count: Math.max(1, Math.round(r.count * rate)) })),
  rate,
  months: p.months,
});

/** The count, the `facets` and the months of the matches: exact when few, else from the sparsest sample that holds MIN_SAMPLE rows. */
export async function countWords(db: Db, m: WordMatch, facets: readonly PatentFacetName[], sizes: WordSizes = {}): Promise<WordCounted> {
  const exactCap = sizes.exactCap ?? EXACT_CAP;
  const exactly = async (): Promise<WordCounted | undefined> => {
    const p = await pass(db, m, docMatch(m.words), facets, exactCap);
    return p.n <= exactCap ? { total: p.n, estimate: false, facets: p.rows, rate: 1, months: p.months } : undefined;
  };
  if (sizes.sampleEverything) {
    const exact = await exactly();
    return exact ?? scaled(await pass(db, m, docMatch(m.words), facets), 1, exactCap + 1);
  }
  const [s3, s2, s1] = SAMPLES;
  const sparse = await pass(db, m, docMatch(m.words, s3.lexeme), facets);
  if (sparse.n >= MIN_SAMPLE) return scaled(sparse, s3.rate, 1);
  const guess = sparse.n * s3.rate;
  if (guess >= MIN_SAMPLE * s2.rate) return scaled(await pass(db, m, docMatch(m.words, s2.lexeme), facets), s2.rate, 1);
  if (guess >= MIN_SAMPLE * s1.rate) return scaled(await pass(db, m, docMatch(m.words, s1.lexeme), facets), s1.rate, 1);
  return (await exactly()) ?? scaled(await pass(db, m, docMatch(m.words, s1.lexeme), facets), s1.rate, exactCap + 1);
}

// ---- the page ------------------------------------------------------------------------------------------

const NEWEST = sql`p.application_date desc nulls last, p.id`;
const GRANTED = sql`p.grant_date desc nulls last, p.id`;

const nextMonth = (m: number) => (m % 100 === 12 ? m + 89 : m + 1);

/** The newest rows of the table per order, as yyyymm (the slices reach up to them). */
async function newestMonths(db: Db): Promise<{ a: number | null; g: number | null }> {
  const [row] = (
    (await db.execute(
      sql`select (select ${monthOf(sql`max(application_date)`)} from patents) as a, (select ${monthOf(sql`max(grant_date)`)} from patents) as g`,
    )) as unknown as { rows: { a: number | null; g: number | null }[] }
  ).rows;
  return {
    a: row?.a === null || row?.a === undefined ? null : Number(row.a),
    g: row?.g === null || row?.g === undefined ? null : Number(row.g),
  };
}

/**
 * The months lexemes (tsquery text) of the newest months expected to hold `target` matches, from the counted
 * months; undefined when that is the whole table (or too many months to list).
 */
export function sliceOf(months: MonthCounts, rate: number, newest: number | null, target: number, dim: 'a' | 'g'): string | undefined {
  if (newest === null) return undefined;
  let seen = 0;
  let cutoff: number | undefined;
  for (const [month, n] of [...months].sort((x, y) => y[0] - x[0])) {
    seen += n * rate;
    if (seen >= target) {
      cutoff = month;
      break;
    }
  }
  if (cutoff === undefined || cutoff > newest) return undefined;
  const list: string[] = [];
  for (let m = cutoff; m <= newest; m = nextMonth(m)) {
    list.push(`'§${dim}${m}'`);
    if (list.length > MAX_SLICE_MONTHS) return undefined;
  }
  return `(${list.join(' | ')})`;
}

async function idsOf(db: Db, m: WordMatch, match: SQL, order: SQL, n: number): Promise<string[]> {
  const rows = await throughIndexes<{ id: string }>(
    db,
    sql`select p.id from patents p where ${whereOf(m, match)} order by ${order} limit ${n}`,
  );
  return rows.map((r) => r.id);
}

/**
 * The first `n` rows of `matchIn(slice)` in the order, excluding `skip`: read from the slices in turn until one
 * holds enough (the last, undefined, is the whole table).
 */
async function firstRows(
  db: Db,
  m: WordMatch,
  matchIn: (slice?: string) => SQL,
  order: SQL,
  n: number,
  slices: (string | undefined)[],
  skip: ReadonlySet<string> = new Set(),
): Promise<string[]> {
  for (const slice of slices) {
    const ids = (await idsOf(db, m, matchIn(slice), order, n + skip.size)).filter((id) => !skip.has(id));
    if (ids.length >= n || slice === undefined) return ids.slice(0, n);
  }
  return [];
}

/** The ids of one page of a word search in the sort's order (`counted`: the result's countWords). */
export async function wordPageIds(
  db: Db,
  m: WordMatch,
  sort: Sort,
  limit: number,
  offset: number,
  counted: WordCounted,
  sizes: WordSizes = {},
): Promise<string[]> {
  const need = offset + limit;
  const dim = sort === 'grant_date' ? 'g' : 'a';
  const order = sort === 'grant_date' ? GRANTED : NEWEST;
  let slices: (string | undefined)[] = [undefined];
  if (counted.estimate || sizes.sliceTarget !== undefined) {
    const newest = (await newestMonths(db))[dim];
    const target = sizes.sliceTarget ?? Math.max(60, 3 * need);
    const found = [target, target * 8, target * 64].map((t) => sliceOf(counted.months[dim], counted.rate, newest, t, dim));
    slices = [...new Set(found.filter((s): s is string => s !== undefined)), undefined];
  }
  const doc = (slice?: string) => docMatch(m.words, slice);
  if (sort !== 'relevance') return (await firstRows(db, m, doc, order, need, slices)).slice(offset);
  const titles = await firstRows(db, m, (slice) => titleMatch(m.words, slice), order, need, slices);
  if (titles.length >= need) return titles.slice(offset, need);
  const bodies = await firstRows(db, m, doc, order, need - titles.length, slices, new Set(titles));
  return [...titles, ...bodies].slice(offset, need);
}
