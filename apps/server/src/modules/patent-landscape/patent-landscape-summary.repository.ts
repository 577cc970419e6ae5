import { PATENT_INDUSTRIES } from '@innotown/contracts/patent-industries';
import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db.ts';
import type { FiledRow, LandscapeWhere } from './patent-landscape.repository.ts';
import { industryCondition } from './patent-landscape.repository.ts';

/**
 * The pre-counted landscape (db/schema/patent-landscape.ts): the same answers as the live queries of
 * patent-landscape.repository.ts for a filter of town and years only, read from patent_landscape_summary.
 */

async function rowsOf<T>(db: Db, query: SQL): Promise<T[]> {
  return ((await db.execute(query)) as unknown as { rows: T[] }).rows;
}

const townIs = (w: LandscapeWhere) => (w.townId ? sql`s.town_id = ${w.townId}` : sql`true`);
const inPeriod = (w: LandscapeWhere) => sql`s.year between ${w.from} and ${w.to}`;

/** Whether the summary was built after the last write to patents. */
export async function summaryIsFresh(db: Db): Promise<{ fresh: boolean; changeSeq: number }> {
  const [row] = await rowsOf<{ seq: number; built: number }>(
    db,
    sql`select (select last_value from patent_landscape_changes)::bigint seq, change_seq::bigint built from patent_landscape_state where id = 1`,
  );
  return { fresh: !!row && Number(row.seq) === Number(row.built), changeSeq: Number(row?.seq ?? 0) };
}

/**
 * Rebuilds the summary from patents in one transaction (readers see the old one until it commits) and
 * records the change sequence read at its start: a write during the rebuild leaves it stale.
 * Returns the milliseconds it took.
 */
export async function refreshSummary(db: Db): Promise<number> {
  const started = Date.now();
  await db.transaction(async (tx) => {
    const [seq] = await rowsOf<{ v: number }>(tx, sql`select last_value::bigint v from patent_landscape_changes`);
    await tx.execute(sql`delete from patent_landscape_summary`);
    const year = (c: SQL) => sql`extract(year from ${c})::int`;
    await tx.execute(sql`
      insert into patent_landscape_summary (town_id, year, dim, key, n)
      select town_id, ${year(sql`application_date`)}, 'filed',
             kind || '|' || legal_status || '|' || local_applicant::int || '|' || (grant_date is not null)::int, count(*)
      from patents group by 1, 2, 4`);
    await tx.execute(sql`
      insert into patent_landscape_summary (town_id, year, dim, key, n)
      select town_id, ${year(sql`grant_date`)}, 'granted', kind, count(*) from patents where grant_date is not null group by 1, 2, 4`);
    for (const [dim, column] of [
      ['applicant', sql`applicants`],
      ['inventor', sql`inventors`],
    ] as const) {
      await tx.execute(sql`
        insert into patent_landscape_summary (town_id, year, dim, key, n)
        select p.town_id, ${year(sql`p.application_date`)}, ${dim}, x.name, count(*)
        from patents p cross join lateral unnest(p.${column}) as x(name) group by 1, 2, 4`);
    }
    await tx.execute(sql`
      insert into patent_landscape_summary (town_id, year, dim, key, n)
      select p.town_id, ${year(sql`p.application_date`)}, 'class', x.code, count(*)
      from patents p cross join lateral unnest(p.class_prefixes) as x(code)
      where (length(x.code) = 4 and x.code not like 'LOC%') or x.code like '%/'
      group by 1, 2, 4`);
    const hits = PATENT_INDUSTRIES.map((i) => sql`(${i.code}, ${industryCondition(i)})`);
    await tx.execute(sql`
      insert into patent_landscape_summary (town_id, year, dim, key, n)
      select p.town_id, ${year(sql`p.application_date`)}, 'industry', v.code, count(*)
      from patents p cross join lateral (values ${sql.join(hits, sql`, `)}) as v(code, hit)
      where v.hit group by 1, 2, 4`);
    await tx.execute(sql`
      insert into patent_landscape_summary (town_id, year, dim, key, n)
      select p.town_id, ${year(sql`p.application_date`)}, 'industry', '-', count(*)
      from patents p where not (${sql.join(
        PATENT_INDUSTRIES.map((i) => industryCondition(i)),
        sql` or `,
      )}) group by 1, 2`);
    await tx.execute(sql`
      insert into patent_landscape_summary (town_id, year, dim, key, n)
      select town_id, ${year(sql`grant_date`)}, 'valid',
             case when legal_status = 'granted' then '' else extract(year from coalesce(legal_status_date, grant_date))::int::text end,
             count(*)
      from patents where kind = 'invention' and town_id is not null and grant_date is not null group by 1, 2, 4`);
    await tx.execute(
      sql`update patent_landscape_state set change_seq = ${Number(seq?.v ?? 0)}, refreshed_at = now(), refresh_ms = ${Date.now() - started} where id = 1`,
    );
  });
  return Date.now() - started;
}

export async function filedBreakdown(db: Db, w: LandscapeWhere): Promise<FiledRow[]> {
  const rows = await rowsOf<{ year: number; key: string; n: number }>(
    db,
    sql`select s.year, s.key, sum(s.n)::int n from patent_landscape_summary s
        where s.dim = 'filed' and ${townIs(w)} and ${inPeriod(w)} group by 1, 2`,
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
        where s.dim = 'granted' and ${townIs(w)} and ${inPeriod(w)} group by 1, 2`,
  );
  return rows.map((r) => ({ year: Number(r.year), kind: r.key, n: Number(r.n) }));
}

export async function topNames(db: Db, w: LandscapeWhere, column: 'applicants' | 'inventors', limit: number) {
  const dim = column === 'applicants' ? 'applicant' : 'inventor';
  const rows = await rowsOf<{ name: string; n: number }>(
    db,
    sql`select s.key as name, sum(s.n)::int n from patent_landscape_summary s
        where s.dim = ${dim} and ${townIs(w)} and ${inPeriod(w)} group by s.key order by n desc, s.key limit ${limit}`,
  );
  return rows.map((r) => ({ name: r.name, count: Number(r.n) }));
}

export async function classCounts(db: Db, w: LandscapeWhere): Promise<{ code: string; n: number }[]> {
  const rows = await rowsOf<{ code: string; n: number }>(
    db,
    sql`select s.key as code, sum(s.n)::int n from patent_landscape_summary s
        where s.dim = 'class' and ${townIs(w)} and ${inPeriod(w)} group by s.key`,
  );
  return rows.map((r) => ({ code: r.code, n: Number(r.n) }));
}

export async function industryCounts(db: Db, w: LandscapeWhere): Promise<{ counts: Map<string, number>; unmapped: number }> {
  const rows = await rowsOf<{ code: string; n: number }>(
    db,
    sql`select s.key as code, sum(s.n)::int n from patent_landscape_summary s
        where s.dim = 'industry' and ${townIs(w)} and ${inPeriod(w)} group by s.key`,
  );
  const by = new Map(rows.map((r) => [r.code, Number(r.n)]));
  return { counts: new Map(PATENT_INDUSTRIES.map((i) => [i.code, by.get(i.code) ?? 0])), unmapped: by.get('-') ?? 0 };
}

export async function inventionApplications(db: Db, w: LandscapeWhere): Promise<{ townId: string; year: number; n: number }[]> {
  const rows = await rowsOf<{ town_id: string; year: number; n: number }>(
    db,
    sql`select s.town_id, s.year, sum(s.n)::int n from patent_landscape_summary s
        where s.dim = 'filed' and s.key like 'invention|%' and s.town_id is not null and ${townIs(w)} and ${inPeriod(w)}
        group by 1, 2`,
  );
  return rows.map((r) => ({ townId: r.town_id, year: Number(r.year), n: Number(r.n) }));
}

export async function inventionValidity(db: Db, w: LandscapeWhere) {
  const rows = await rowsOf<{ town_id: string; year: number; key: string; n: number }>(
    db,
    sql`select s.town_id, s.year, s.key, sum(s.n)::int n from patent_landscape_summary s
        where s.dim = 'valid' and ${townIs(w)} and s.year <= ${w.to} group by 1, 2, 3`,
  );
  return rows.map((r) => ({ townId: r.town_id, grantYear: Number(r.year), endYear: r.key === '' ? null : Number(r.key), n: Number(r.n) }));
}
