import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db.ts';

/** The modules' records that platform-computed statistics are counted from (see platform-statistics.ts). */

async function rowsOf<T>(db: Db, query: SQL): Promise<T[]> {
  return ((await db.execute(query)) as unknown as { rows: T[] }).rows;
}

// A Shanghai calendar year of a timestamptz (China keeps UTC+8 all year, as in platform/jobs).
const shanghaiYear = (column: SQL) => sql`extract(year from timezone('UTC', ${column}) + interval '8 hours')::int`;

export type DatedCount = { townId: string; year: number; value: number };

/**
 * S&T service platforms: institutions registered as public service platforms (the IP protection centre is
 * one), and institutions
 * whose membership of the service alliance was approved; each counted once in its town, from the
 * year it first became one.
 */
export async function servicePlatformEntries(db: Db): Promise<DatedCount[]> {
  const rows = await rowsOf<{ town_id: string; year: number; n: unknown }>(
    db,
    sql`select town_id, year, count(*)::int as n from (
          select i.town_id,
                 ${shanghaiYear(sql`least(
                   case when i.type in ('public_service_platform', 'ip_protection_centre') then i.created_at end,
                   case when m.status = 'approved' then m.decided_at end)`)} as year
          from institutions i
          left join alliance_memberships m on m.institution_id = i.id
          where i.type in ('public_service_platform', 'ip_protection_centre') or (m.status = 'approved' and m.decided_at is not null)
        ) x group by 1, 2`,
  );
  return rows.map((r) => ({ townId: r.town_id, year: Number(r.year), value: Number(r.n) }));
}

/** Voucher subsidies settled (paid out of the ledger) per voucher holder's town and year, in fen. */
export async function settledVoucherFen(db: Db): Promise<DatedCount[]> {
  const rows = await rowsOf<{ town_id: string; year: number; fen: unknown }>(
    db,
    sql`select v.town_id, ${shanghaiYear(sql`e.created_at`)} as year, sum(e.amount_fen)::bigint as fen
        from ledger_entries e join vouchers v on v.id = e.voucher_id
        where e.kind = 'settle'
        group by 1, 2`,
  );
  return rows.map((r) => ({ townId: r.town_id, year: Number(r.year), value: Number(r.fen) }));
}
