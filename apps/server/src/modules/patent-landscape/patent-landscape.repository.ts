import type { PatentIndustry } from '@innotown/contracts/patent-industries';
import { PATENT_INDUSTRIES } from '@innotown/contracts/patent-industries';
import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db.ts';

/**
 * The landscape's aggregates: each one statement over `patents`, run side by side on the pool. Every
 * filter is a condition an index answers — town (`patents_town_date_idx`), class prefix and industry
 * (`class_prefixes` GIN: `@>` and `&&`), period (`application_date`) — and nothing is read row by row
 * in the service. No summary table: see docs/benchmarks.md for the numbers on 1,000,000 patents.
 */

export type LandscapeWhere = {
  townId: string | null;
  industry: PatentIndustry | null;
  /** A class prefix as stored in class_prefixes (F21V, F21V29/, F21V29/70); `partialSubgroup` for F21V29/7. */
  ipc: { prefix: string; partialSubgroup: boolean } | null;
  applicant: string | null;
  from: number;
  to: number;
};

async function rowsOf<T>(db: Db, query: SQL): Promise<T[]> {
  return ((await db.execute(query)) as unknown as { rows: T[] }).rows;
}

const textArray = (items: readonly string[]) =>
  sql`array[${sql.join(
    items.map((i) => sql`${i}`),
    sql`, `,
  )}]::text[]`;

export function industryCondition(i: PatentIndustry): SQL {
  const inc = sql`p.class_prefixes && ${textArray(i.include)}`;
  return i.exclude.length ? sql`(${inc} and not (p.class_prefixes && ${textArray(i.exclude)}))` : sql`(${inc})`;
}

/** The filter without the period. */
function baseConditions(w: LandscapeWhere): SQL[] {
  const out: SQL[] = [];
  if (w.townId) out.push(sql`p.town_id = ${w.townId}`);
  if (w.industry) out.push(industryCondition(w.industry));
  if (w.ipc) {
    if (w.ipc.partialSubgroup) {
      const mainGroup = w.ipc.prefix.slice(0, w.ipc.prefix.indexOf('/') + 1);
      out.push(sql`p.class_prefixes @> ${textArray([mainGroup])}`);
      out.push(sql`exists (select 1 from unnest(p.ipc_codes) c where c like ${`${w.ipc.prefix}%`})`);
    } else {
      out.push(sql`p.class_prefixes @> ${textArray([w.ipc.prefix])}`);
    }
  }
  if (w.applicant) out.push(sql`p.applicants @> ${textArray([w.applicant])}`);
  return out;
}

const start = (year: number) => `${year}-01-01`;
const and = (conds: SQL[]) => (conds.length ? sql.join(conds, sql` and `) : sql`true`);
/** Filed in the period (application date). */
const filedIn = (w: LandscapeWhere) =>
  and([...baseConditions(w), sql`p.application_date >= ${start(w.from)}::date`, sql`p.application_date < ${start(w.to + 1)}::date`]);

export type FiledRow = { year: number; kind: string; legalStatus: string; local: boolean; granted: boolean; n: number };

/** Filed in the period, by application year, kind, status, local applicant and whether granted (one pass). */
export async function filedBreakdown(db: Db, w: LandscapeWhere): Promise<FiledRow[]> {
  const rows = await rowsOf<{ y: number; kind: string; legal_status: string; local: boolean; g: boolean; n: number }>(
    db,
    sql`select extract(year from p.application_date)::int y, p.kind, p.legal_status, p.local_applicant local,
               (p.grant_date is not null) g, count(*)::int n
        from patents p where ${filedIn(w)} group by 1, 2, 3, 4, 5`,
  );
  return rows.map((r) => ({ year: Number(r.y), kind: r.kind, legalStatus: r.legal_status, local: r.local, granted: r.g, n: Number(r.n) }));
}

/** Grants in the period by grant year and kind (whenever filed). */
export async function grantsByYear(db: Db, w: LandscapeWhere): Promise<{ year: number; kind: string; n: number }[]> {
  const rows = await rowsOf<{ y: number; kind: string; n: number }>(
    db,
    sql`select extract(year from p.grant_date)::int y, p.kind, count(*)::int n
        from patents p
        where ${and([...baseConditions(w), sql`p.grant_date >= ${start(w.from)}::date`, sql`p.grant_date < ${start(w.to + 1)}::date`])}
        group by 1, 2`,
  );
  return rows.map((r) => ({ year: Number(r.y), kind: r.kind, n: Number(r.n) }));
}

/** The most frequent names of an array column among the patents filed in the period (ties by name). */
export async function topNames(db: Db, w: LandscapeWhere, column: 'applicants' | 'inventors', limit: number) {
  const col = column === 'applicants' ? sql`p.applicants` : sql`p.inventors`;
  const rows = await rowsOf<{ name: string; n: number }>(
    db,
    sql`select x.name, count(*)::int n
        from patents p cross join lateral unnest(${col}) as x(name)
        where ${filedIn(w)} group by x.name order by n desc, x.name limit ${limit}`,
  );
  return rows.map((r) => ({ name: r.name, count: Number(r.n) }));
}

/**
 * Patents per IPC subclass and per main group (class_prefixes holds each once per patent, so a patent
 * with two codes in F21V counts once in F21V).
 */
export async function classCounts(db: Db, w: LandscapeWhere): Promise<{ code: string; n: number }[]> {
  const rows = await rowsOf<{ code: string; n: number }>(
    db,
    sql`select x.code, count(*)::int n
        from patents p cross join lateral unnest(p.class_prefixes) as x(code)
        where ${filedIn(w)} and ((length(x.code) = 4 and x.code not like 'LOC%') or x.code like '%/')
        group by x.code`,
  );
  return rows.map((r) => ({ code: r.code, n: Number(r.n) }));
}

/** Patents per industry of the concordance, and those mapping to none, in one pass. */
export async function industryCounts(db: Db, w: LandscapeWhere): Promise<{ counts: Map<string, number>; unmapped: number }> {
  const conditions = PATENT_INDUSTRIES.map(industryCondition);
  const columns = PATENT_INDUSTRIES.map((_, n) => sql`count(*) filter (where ${conditions[n]})::int as ${sql.identifier(`i${n}`)}`);
  const [row] = await rowsOf<Record<string, number>>(
    db,
    sql`select ${sql.join(columns, sql`, `)}, count(*) filter (where not (${sql.join(conditions, sql` or `)}))::int as unmapped
        from patents p where ${filedIn(w)}`,
  );
  const counts = new Map(PATENT_INDUSTRIES.map((i, n) => [i.code, Number(row?.[`i${n}`] ?? 0)]));
  return { counts, unmapped: Number(row?.unmapped ?? 0) };
}

/** Invention applications of local applicants per town and application year, in the period. */
export async function inventionApplications(db: Db, w: LandscapeWhere): Promise<{ townId: string; year: number; n: number }[]> {
  const rows = await rowsOf<{ town_id: string; y: number; n: number }>(
    db,
    sql`select p.town_id, extract(year from p.application_date)::int y, count(*)::int n
        from patents p where ${filedIn(w)} and p.kind = 'invention' and p.town_id is not null
        group by 1, 2`,
  );
  return rows.map((r) => ({ townId: r.town_id, year: Number(r.y), n: Number(r.n) }));
}

/**
 * Granted inventions of local applicants per town by grant year and the year they stopped being in
 * force (null: still in force) — what "valid at a year's end" is computed from. A patent no longer
 * `granted` stopped on its legal-status date (lapse, invalidation, expiry).
 */
export async function inventionValidity(
  db: Db,
  w: LandscapeWhere,
): Promise<{ townId: string; grantYear: number; endYear: number | null; n: number }[]> {
  const rows = await rowsOf<{ town_id: string; gy: number; ey: number | null; n: number }>(
    db,
    sql`select p.town_id, extract(year from p.grant_date)::int gy,
               case when p.legal_status = 'granted' then null
                    else extract(year from coalesce(p.legal_status_date, p.grant_date))::int end ey,
               count(*)::int n
        from patents p
        where ${and([...baseConditions(w), sql`p.kind = 'invention'`, sql`p.town_id is not null`, sql`p.grant_date < ${start(w.to + 1)}::date`])}
        group by 1, 2, 3`,
  );
  return rows.map((r) => ({ townId: r.town_id, grantYear: Number(r.gy), endYear: r.ey === null ? null : Number(r.ey), n: Number(r.n) }));
}
