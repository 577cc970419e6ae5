import { sql } from 'drizzle-orm';
import type { Db } from '../../platform/db.ts';

/** One fact group: kind × seller town × seller industry division × year (Asia/Shanghai). */
export type StatFact = {
  kind: string;
  townId: string;
  townName: string;
  townNameEn: string;
  industry: string;
  year: number;
  listings: number;
  offers: number;
  deals: number;
  dealsCompleted: number;
  valueFen: number;
};

/**
 * The trading figures grouped finely; the service sums them by each dimension. Listings count in the year they
 * were published; offers in the year made; deals in the year completed (with their amounts, the deal value) —
 * `deals` also counts deals started (accepted) in the year. Open licences count as kind `open_licence`: a
 * declaration as a listing, each licence taken as a completed deal with its payment as value.
 */
export async function statFacts(db: Db): Promise<StatFact[]> {
  const y = (col: string) => sql.raw(`extract(year from (${col} at time zone 'Asia/Shanghai'))::int`);
  const res = (await db.execute(sql`
    with facts as (
      select l.kind, l.town_id, substr(e.industry_code, 1, 3) as industry, ${y('l.published_at')} as year,
             1 as listings, 0 as offers, 0 as deals, 0 as completed, 0::bigint as value
        from ip_listings l join enterprises e on e.id = l.seller_enterprise_id where l.published_at is not null
      union all
      select l.kind, l.town_id, substr(e.industry_code, 1, 3), ${y('o.created_at')}, 0, 1, 0, 0, 0
        from ip_offers o join ip_listings l on l.id = o.listing_id join enterprises e on e.id = l.seller_enterprise_id
      union all
      select d.kind, d.town_id, substr(e.industry_code, 1, 3), ${y('d.created_at')}, 0, 0, 1, 0, 0
        from ip_deals d join enterprises e on e.id = d.seller_enterprise_id
      union all
      select d.kind, d.town_id, substr(e.industry_code, 1, 3), ${y('d.completed_at')}, 0, 0, 0, 1, coalesce(d.amount_fen, 0)
        from ip_deals d join enterprises e on e.id = d.seller_enterprise_id where d.status = 'completed'
      union all
      select 'open_licence', o.town_id, substr(e.industry_code, 1, 3), ${y('o.created_at')}, 1, 0, 0, 0, 0
        from ip_open_licences o join enterprises e on e.id = o.enterprise_id
      union all
      select 'open_licence', o.town_id, substr(e.industry_code, 1, 3), ${y('t.created_at')}, 0, 0, 1, 1, t.amount_fen
        from ip_open_licence_takes t join ip_open_licences o on o.id = t.open_licence_id join enterprises e on e.id = o.enterprise_id
    )
    select f.kind, f.town_id as "townId", t.name as "townName", t.name_en as "townNameEn", f.industry, f.year,
           sum(f.listings)::int as listings, sum(f.offers)::int as offers, sum(f.deals)::int as deals,
           sum(f.completed)::int as "dealsCompleted", sum(f.value)::bigint as "valueFen"
      from facts f join towns t on t.id = f.town_id
     group by f.kind, f.town_id, t.name, t.name_en, f.industry, f.year
  `)) as unknown as { rows: StatFact[] };
  return res.rows.map((r) => ({ ...r, valueFen: Number(r.valueFen), year: Number(r.year) }));
}
