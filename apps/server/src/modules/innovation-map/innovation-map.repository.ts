import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db.ts';

async function rowsOf<T>(db: Db, query: SQL): Promise<T[]> {
  return ((await db.execute(query)) as unknown as { rows: T[] }).rows;
}

export type TownRow = { id: string; code: string; name: string; name_en: string };
export async function listTowns(db: Db): Promise<TownRow[]> {
  return rowsOf<TownRow>(db, sql`select id::text as id, code, name, name_en from towns order by code`);
}

export type ProviderRow = { id: string; town_id: string; name: string; categories: string[] | null; service_count: unknown };

/**
 * Approved alliance members with their published services' categories and count; with a category,
 * only members that publish a service in it. Financial institutions never join the alliance.
 */
export async function listProviders(db: Db, category: string | null): Promise<ProviderRow[]> {
  return rowsOf<ProviderRow>(
    db,
    sql`select i.id::text as id, i.town_id::text as town_id, i.name,
          array_agg(distinct s.category order by s.category) filter (where s.id is not null) as categories,
          count(s.id) as service_count
        from institutions i
        join alliance_memberships m on m.institution_id = i.id and m.status = 'approved'
        left join services s on s.institution_id = i.id and s.status = 'published'
        group by i.id, i.town_id, i.name
        having ${category ? sql`bool_or(s.category = ${category})` : sql`true`}
        order by count(s.id) desc, i.name`,
  );
}

export type InstrumentCountRow = { town_id: string; n: unknown };
export type InstrumentRow = { id: string; town_id: string; name: string; institution_name: string };

/** Published instruments shared openly (the public catalogue's instruments). */
const OPEN_INSTRUMENT = sql`r.kind = 'instrument' and r.review_status = 'published' and r.sharing = 'open'`;

export async function openInstrumentCounts(db: Db): Promise<InstrumentCountRow[]> {
  return rowsOf(db, sql`select r.town_id::text as town_id, count(*) as n from resources r where ${OPEN_INSTRUMENT} group by r.town_id`);
}

/** The first `perTown` open instruments of each town, most recently published first. */
export async function openInstrumentSample(db: Db, perTown: number): Promise<InstrumentRow[]> {
  return rowsOf(
    db,
    sql`select id, town_id, name, institution_name from (
          select r.id::text as id, r.town_id::text as town_id, r.name, i.name as institution_name,
            row_number() over (partition by r.town_id order by r.reviewed_at desc nulls last, r.name) as n
          from resources r join institutions i on i.id = r.institution_id
          where ${OPEN_INSTRUMENT}
        ) x where n <= ${perTown} order by town_id, n`,
  );
}
