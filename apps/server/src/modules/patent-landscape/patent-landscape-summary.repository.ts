import { PATENT_INDUSTRIES } from '@innotown/contracts/patent-industries';
import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db.ts';
import type { FiledRow, LandscapeWhere } from './patent-landscape.repository.ts';
import { industryCondition } from './patent-landscape.repository.ts';

/**
 * The pre-counted landscape (db/schema/patent-landscape.ts): the same answers as the live queries of
 * patent-landscape.repository.ts for a filter of town and years (and at most an IPC subclass or an industry),
 * read from patent_landscape_summary; kept up to date slice by slice (see patentLandscapeDirty).
 */

async function rowsOf<T>(db: Db, query: SQL): Promise<T[]> {
  return ((await db.execute(query)) as unknown as { rows: T[] }).rows;
}

const townIs = (w: LandscapeWhere) => (w.townId ? sql`s.town_id = ${w.townId}` : sql`true`);
const inPeriod = (w: LandscapeWhere) => sql`s.year between ${w.from} and ${w.to}`;

/** The facet a filter reads ('' for none), or null when the summary cannot answer it (counted live). */
export function facetOf(w: LandscapeWhere): string | null {
  if (w.applicant || (w.ipc && w.industry)) return null;
  if (w.ipc) return isSubclass(w.ipc.prefix) && !w.ipc.partialSubgroup ? w.ipc.prefix : null;
  if (w.industry) return `i:${w.industry.code}`;
  return '';
}

const isSubclass = (code: string) => /^[A-H][0-9]{2}[A-Z]$/.test(code);
const facet = (w: LandscapeWhere) => sql`s.facet = ${facetOf(w) ?? ''}`;

/**
 * The dirty slices a filter of town and years touches (0: the summary answers it). The application-year
 * rows count in the period; the grant-year rows (grants, validity) up to its end, as the indicators read them.
 * Returns the newest mark, which keys the refresh job.
 */
export async function dirtyFor(db: Db, w: Pick<LandscapeWhere, 'townId' | 'from' | 'to'>): Promise<{ dirty: boolean; lastId: number }> {
  const [row] = await rowsOf<{ last: number | null }>(
    db,
    sql`select max(d.id)::bigint last from patent_landscape_dirty d
        where d.year is null
           or (${w.townId ? sql`d.town_id = ${w.townId}` : sql`true`}
               and (d.year between ${w.from} and ${w.to} or (d.by_grant and d.year < ${w.from})))`,
  );
  const last = row?.last === null || row?.last === undefined ? null : Number(row.last);
  return { dirty: last !== null, lastId: last ?? 0 };
}

/** More dirty slices than this (or a TRUNCATE): rebuild everything in one pass instead of slice by slice. */
export const FULL_REBUILD_SLICES = 60;

type Slice = { townId: string | null; year: number };

/**
 * Brings the summary up to date: recomputes the dirty slices it reads (or all of it, see FULL_REBUILD_SLICES)
 * in one transaction, then deletes exactly the marks it read — a writer that committed after that read keeps
 * its marks, so its slice stays dirty (counted live) until the next refresh. Refreshers take the state row's
 * lock, one at a time. Readers see the old rows until it commits.
 */
export async function refreshSummary(
  db: Db,
  options: { full?: boolean /** Tests: runs between reading the marks and recomputing. */; afterMarksRead?: () => Promise<void> } = {},
): Promise<{ ms: number; slices: number | 'all' }> {
  const started = Date.now();
  const slices = await db.transaction(async (tx) => {
    await tx.execute(sql`select 1 from patent_landscape_state where id = 1 for update`);
    const marks = await rowsOf<{ id: number; town_id: string | null; year: number | null }>(
      tx,
      sql`select id::bigint id, town_id, year from patent_landscape_dirty`,
    );
    await options.afterMarksRead?.();
    const distinct = new Map<string, Slice>();
    let all = options.full === true;
    for (const m of marks) {
      if (m.year === null) all = true;
      else distinct.set(`${m.town_id}:${m.year}`, { townId: m.town_id, year: Number(m.year) });
    }
    if (all || distinct.size > FULL_REBUILD_SLICES) {
      await tx.execute(sql`delete from patent_landscape_summary`);
      await insertCounts(tx, null);
    } else {
      for (const slice of distinct.values()) {
        await tx.execute(
          sql`delete from patent_landscape_summary where town_id is not distinct from ${slice.townId} and year = ${slice.year}`,
        );
        await insertCounts(tx, slice);
      }
    }
    if (marks.length) {
      const ids = marks.map((m) => Number(m.id));
      await tx.execute(sql`delete from patent_landscape_dirty where id = any(${`{${ids.join(',')}}`}::bigint[])`);
    }
    await tx.execute(sql`update patent_landscape_state set refreshed_at = now(), refresh_ms = ${Date.now() - started} where id = 1`);
    return all || distinct.size > FULL_REBUILD_SLICES ? ('all' as const) : distinct.size;
  });
  return { ms: Date.now() - started, slices };
}

/** Inserts the counts of every patent (slice null) or of one town-year (application year, grant year). */
async function insertCounts(tx: Db, slice: Slice | null): Promise<void> {
  const year = (c: SQL) => sql`extract(year from ${c})::int`;
  const inSlice = (column: SQL) =>
    slice
      ? sql`p.town_id is not distinct from ${slice.townId}
            and ${column} >= ${`${slice.year}-01-01`}::date and ${column} < ${`${slice.year + 1}-01-01`}::date`
      : sql`true`;
  const filed = inSlice(sql`p.application_date`);
  const granted = sql`p.grant_date is not null and ${inSlice(sql`p.grant_date`)}`;
  const industryHits = sql`(values ${sql.join(
    PATENT_INDUSTRIES.map((i) => sql`(${i.code}, ${industryCondition(i)})`),
    sql`, `,
  )}) as v(code, hit)`;
  // Each patent once per facet it belongs to: '' (all), its IPC subclasses, its industries.
  const facets = sql`cross join lateral (
      select ''::text as facet
      union all select x.code from unnest(p.class_prefixes) as x(code) where x.code ~ '^[A-H][0-9]{2}[A-Z]$'
      union all select 'i:' || v.code from ${industryHits} where v.hit) as f`;
  const insert = (select: SQL) => tx.execute(sql`insert into patent_landscape_summary (town_id, year, facet, dim, key, n) ${select}`);

  await insert(sql`
    select p.town_id, ${year(sql`p.application_date`)}, f.facet, 'filed',
           p.kind || '|' || p.legal_status || '|' || p.local_applicant::int || '|' || (p.grant_date is not null)::int, count(*)
    from patents p ${facets} where ${filed} group by 1, 2, 3, 5`);
  await insert(sql`
    select p.town_id, ${year(sql`p.grant_date`)}, f.facet, 'granted', p.kind, count(*)
    from patents p ${facets} where ${granted} group by 1, 2, 3, 5`);
  for (const [dim, column] of [
    ['applicant', sql`applicants`],
    ['inventor', sql`inventors`],
  ] as const) {
    await insert(sql`
      select p.town_id, ${year(sql`p.application_date`)}, '', ${dim}, x.name, count(*)
      from patents p cross join lateral unnest(p.${column}) as x(name) where ${filed} group by 1, 2, 5`);
  }
  await insert(sql`
    select p.town_id, ${year(sql`p.application_date`)}, f.facet, 'class', x.code, count(*)
    from patents p ${facets} cross join lateral unnest(p.class_prefixes) as x(code)
    where ${filed} and ((length(x.code) = 4 and x.code not like 'LOC%') or x.code like '%/')
    group by 1, 2, 3, 5`);
  await insert(sql`
    select p.town_id, ${year(sql`p.application_date`)}, f.facet, 'industry', v.code, count(*)
    from patents p ${facets} cross join lateral ${industryHits}
    where ${filed} and v.hit group by 1, 2, 3, 5`);
  await insert(sql`
    select p.town_id, ${year(sql`p.application_date`)}, f.facet, 'industry', '-', count(*)
    from patents p ${facets} where ${filed} and not (${sql.join(
      PATENT_INDUSTRIES.map((i) => industryCondition(i)),
      sql` or `,
    )}) group by 1, 2, 3`);
  await insert(sql`
    select p.town_id, ${year(sql`p.grant_date`)}, f.facet, 'valid',
           case when p.legal_status = 'granted' then '' else extract(year from coalesce(p.legal_status_date, p.grant_date))::int::text end,
           count(*)
    from patents p ${facets} where p.kind = 'invention' and p.town_id is not null and ${granted} group by 1, 2, 3, 5`);
}

export async function filedBreakdown(db: Db, w: LandscapeWhere): Promise<FiledRow[]> {
  const rows = await rowsOf<{ year: number; key: string; n: number }>(
    db,
    sql`select s.year, s.key, sum(s.n)::int n from patent_landscape_summary s
        where s.dim = 'filed' and ${facet(w)} and ${townIs(w)} and ${inPeriod(w)} group by 1, 2`,
  );
  return rows.map((r) => {
    const [kind, legalStatus, local, granted] = r.key.split('|') as [string, string, string, string];
    return { year: Number(r.year), kind, legalStatus, local: local === '1', granted: granted === '1', n: Number(r.n) };
  });
}

export async function grantsByYear(db: Db, w: LandscapeWhere): Promise<{ year: number; kind: string; n: number }[]> {
  const rows = await rowsOf<{ year: number; key: string; n: number }>(
    db,
    sql`select s.year, s.key, sum(s.n)::int n from patent_landscape_summary s
        where s.dim = 'granted' and ${facet(w)} and ${townIs(w)} and ${inPeriod(w)} group by 1, 2`,
  );
  return rows.map((r) => ({ year: Number(r.year), kind: r.key, n: Number(r.n) }));
}

export async function topNames(db: Db, w: LandscapeWhere, column: 'applicants' | 'inventors', limit: number) {
  const dim = column === 'applicants' ? 'applicant' : 'inventor';
  const rows = await rowsOf<{ name: string; n: number }>(
    db,
    sql`select s.key as name, sum(s.n)::int n from patent_landscape_summary s
        where s.dim = ${dim} and s.facet = '' and ${townIs(w)} and ${inPeriod(w)} group by s.key order by n desc, s.key limit ${limit}`,
  );
  return rows.map((r) => ({ name: r.name, count: Number(r.n) }));
}

export async function classCounts(db: Db, w: LandscapeWhere): Promise<{ code: string; n: number }[]> {
  const rows = await rowsOf<{ code: string; n: number }>(
    db,
    sql`select s.key as code, sum(s.n)::int n from patent_landscape_summary s
        where s.dim = 'class' and ${facet(w)} and ${townIs(w)} and ${inPeriod(w)} group by s.key`,
  );
  return rows.map((r) => ({ code: r.code, n: Number(r.n) }));
}

export async function industryCounts(db: Db, w: LandscapeWhere): Promise<{ counts: Map<string, number>; unmapped: number }> {
  const rows = await rowsOf<{ code: string; n: number }>(
    db,
    sql`select s.key as code, sum(s.n)::int n from patent_landscape_summary s
        where s.dim = 'industry' and ${facet(w)} and ${townIs(w)} and ${inPeriod(w)} group by s.key`,
  );
  const by = new Map(rows.map((r) => [r.code, Number(r.n)]));
  return { counts: new Map(PATENT_INDUSTRIES.map((i) => [i.code, by.get(i.code) ?? 0])), unmapped: by.get('-') ?? 0 };
}

export async function inventionApplications(db: Db, w: LandscapeWhere): Promise<{ townId: string; year: number; n: number }[]> {
  const rows = await rowsOf<{ town_id: string; year: number; n: number }>(
    db,
    sql`select s.town_id, s.year, sum(s.n)::int n from patent_landscape_summary s
        where s.dim = 'filed' and ${facet(w)} and s.key like 'invention|%' and s.town_id is not null and ${townIs(w)} and ${inPeriod(w)}
        group by 1, 2`,
  );
  return rows.map((r) => ({ townId: r.town_id, year: Number(r.year), n: Number(r.n) }));
}

export async function inventionValidity(db: Db, w: LandscapeWhere) {
  const rows = await rowsOf<{ town_id: string; year: number; key: string; n: number }>(
    db,
    sql`select s.town_id, s.year, s.key, sum(s.n)::int n from patent_landscape_summary s
        where s.dim = 'valid' and ${facet(w)} and ${townIs(w)} and s.year <= ${w.to} group by 1, 2, 3`,
  );
  return rows.map((r) => ({ townId: r.town_id, grantYear: Number(r.year), endYear: r.key === '' ? null : Number(r.key), n: Number(r.n) }));
}
