import { and, asc, count, desc, eq, isNull, type SQL, sql } from 'drizzle-orm';
import { users } from '../../db/schema/accounts.ts';
import { fundingBalances, fundingRecords } from '../../db/schema/funding.ts';
import { institutions, towns } from '../../db/schema/organisations.ts';
import { voucherProgrammes } from '../../db/schema/vouchers.ts';
import type { Db } from '../../platform/db.ts';
import { limitOffset } from '../../platform/pagination.ts';

/** Which fund lines a query covers: every town and the city, one town, or the city-level funds only. */
export type LineFilter = { townId?: string | 'city' | undefined; year?: number | undefined };

async function rowsOf<T>(db: Db, query: SQL): Promise<T[]> {
  return ((await db.execute(query)) as unknown as { rows: T[] }).rows;
}

export type RecordInsert = typeof fundingRecords.$inferInsert;

export async function insertRecord(db: Db, values: RecordInsert): Promise<string> {
  return ((await db.insert(fundingRecords).values(values).returning({ id: fundingRecords.id }))[0] as { id: string }).id;
}

const COLUMN = { allocation: 'allocated_fen', commitment: 'committed_fen', disbursement: 'disbursed_fen' } as const;

/**
 * Adds a record's amount to its fund line, creating the (empty) line on first use. The UPDATE's row
 * lock serialises concurrent records of one line, and funding_balances_order (disbursed ≤ committed ≤
 * allocated) refuses the one that would break the order — 23514, rolled back with the record. (An
 * upsert would not do: the CHECK is applied to the proposed new row before ON CONFLICT is considered.)
 */
export async function addToLine(
  db: Db,
  line: { year: number; programme: string; townId: string | null },
  kind: keyof typeof COLUMN,
  amountFen: number,
) {
  const col = sql.raw(COLUMN[kind]);
  await db.execute(sql`insert into funding_balances (year, programme, town_id) values (${line.year}, ${line.programme}, ${line.townId})
    on conflict on constraint funding_balances_line_uq do nothing`);
  await db.execute(sql`update funding_balances set ${col} = ${col} + ${amountFen}, updated_at = now()
    where year = ${line.year} and programme = ${line.programme} and town_id is not distinct from ${line.townId}`);
}

export async function lineOf(db: Db, line: { year: number; programme: string; townId: string | null }) {
  return (
    await db
      .select()
      .from(fundingBalances)
      .where(
        and(
          eq(fundingBalances.year, line.year),
          eq(fundingBalances.programme, line.programme),
          line.townId ? eq(fundingBalances.townId, line.townId) : isNull(fundingBalances.townId),
        ),
      )
  )[0];
}

const lineWhere = (
  f: LineFilter,
  townCol: typeof fundingRecords.townId | typeof fundingBalances.townId,
  yearCol: SQL | typeof fundingRecords.year,
) =>
  and(
    f.townId === 'city' ? isNull(townCol) : f.townId ? eq(townCol, f.townId) : undefined,
    f.year ? sql`${yearCol} = ${f.year}` : undefined,
  );

export async function balances(db: Db, f: LineFilter) {
  return db
    .select({
      year: fundingBalances.year,
      programme: fundingBalances.programme,
      townId: fundingBalances.townId,
      townName: towns.name,
      allocatedFen: fundingBalances.allocatedFen,
      committedFen: fundingBalances.committedFen,
      disbursedFen: fundingBalances.disbursedFen,
    })
    .from(fundingBalances)
    .leftJoin(towns, eq(towns.id, fundingBalances.townId))
    .where(lineWhere(f, fundingBalances.townId, sql`${fundingBalances.year}`))
    .orderBy(desc(fundingBalances.year), asc(fundingBalances.programme), sql`${towns.code} nulls first`);
}

export type VoucherLine = {
  year: number;
  townId: string | null;
  townName: string | null;
  allocatedFen: number | null;
  committedFen: number;
  disbursedFen: number;
};

/**
 * Voucher funding from the vouchers ledger, by programme year: the appropriation ('fund' entries)
 * is allocated at the city level; per voucher holder's town, committed = what its vouchers still
 * hold (wallet + reserved) plus what was settled from them, disbursed = settled. Expired value went
 * back to the budget and is no longer committed.
 */
export async function voucherLines(db: Db, f: LineFilter): Promise<VoucherLine[]> {
  const year = f.year ? sql`and p.year = ${f.year}` : sql``;
  const out: VoucherLine[] = [];
  if (!f.townId || f.townId === 'city') {
    const funded = await rowsOf<{ year: number; fen: unknown }>(
      db,
      sql`select p.year, sum(e.amount_fen)::bigint as fen from ledger_entries e join voucher_programmes p on p.id = e.programme_id
          where e.kind = 'fund' ${year} group by 1`,
    );
    for (const r of funded)
      out.push({ year: Number(r.year), townId: null, townName: null, allocatedFen: Number(r.fen), committedFen: 0, disbursedFen: 0 });
  }
  if (f.townId === 'city') return out;
  const town = f.townId ? sql`and v.town_id = ${f.townId}` : sql``;
  const held = await rowsOf<{ year: number; town_id: string; name: string; held: unknown; settled: unknown }>(
    db,
    sql`select p.year, v.town_id, t.name,
          coalesce((select sum(a.balance_fen) from ledger_accounts a
                    join vouchers v2 on v2.id = a.voucher_id
                    where a.programme_id = p.id and v2.town_id = v.town_id and a.kind in ('wallet', 'reserved')), 0)::bigint as held,
          coalesce((select sum(e.amount_fen) from ledger_entries e
                    join vouchers v3 on v3.id = e.voucher_id
                    where e.programme_id = p.id and v3.town_id = v.town_id and e.kind = 'settle'), 0)::bigint as settled
        from vouchers v join voucher_programmes p on p.id = v.programme_id join towns t on t.id = v.town_id
        where true ${year} ${town}
        group by p.id, p.year, v.town_id, t.name, t.code order by p.year desc, t.code`,
  );
  // Several programmes in one year add up per town.
  const byKey = new Map<string, VoucherLine>();
  for (const r of held) {
    const key = `${r.year}:${r.town_id}`;
    const line = byKey.get(key) ?? {
      year: Number(r.year),
      townId: r.town_id,
      townName: r.name,
      allocatedFen: null,
      committedFen: 0,
      disbursedFen: 0,
    };
    line.committedFen += Number(r.held) + Number(r.settled);
    line.disbursedFen += Number(r.settled);
    byKey.set(key, line);
  }
  return [...out, ...byKey.values()];
}

const linkedInstitution = sql`(select i.name from ${institutions} i where ${fundingRecords.linkType} = 'institution' and i.id = ${fundingRecords.linkId})`;
const linkedProgramme = sql`(select p.name from ${voucherProgrammes} p where ${fundingRecords.linkType} = 'voucher_programme' and p.id = ${fundingRecords.linkId})`;

const recordView = {
  id: fundingRecords.id,
  year: fundingRecords.year,
  programme: fundingRecords.programme,
  townId: fundingRecords.townId,
  townName: towns.name,
  kind: fundingRecords.kind,
  amountFen: fundingRecords.amountFen,
  recordDate: fundingRecords.recordDate,
  note: fundingRecords.note,
  linkType: fundingRecords.linkType,
  linkId: fundingRecords.linkId,
  linkName: sql<string | null>`coalesce(${linkedInstitution}, ${linkedProgramme})`,
  createdByName: users.displayName,
  createdAt: fundingRecords.createdAt,
};
export type RecordView = Awaited<ReturnType<typeof findRecord>> & object;

const recordQuery = (db: Db) =>
  db
    .select(recordView)
    .from(fundingRecords)
    .leftJoin(towns, eq(towns.id, fundingRecords.townId))
    .leftJoin(users, eq(users.id, fundingRecords.createdBy));

export async function findRecord(db: Db, id: string) {
  return (await recordQuery(db).where(eq(fundingRecords.id, id)))[0];
}

export async function listRecords(
  db: Db,
  f: LineFilter & { programme?: string | undefined; kind?: string | undefined },
  page: { page: number; pageSize: number },
) {
  const where = and(
    lineWhere(f, fundingRecords.townId, fundingRecords.year),
    f.programme ? eq(fundingRecords.programme, f.programme) : undefined,
    f.kind ? eq(fundingRecords.kind, f.kind) : undefined,
  );
  const items = await recordQuery(db)
    .where(where)
    .orderBy(desc(fundingRecords.recordDate), desc(fundingRecords.createdAt))
    .limit(limitOffset(page).limit)
    .offset(limitOffset(page).offset);
  const [total] = await db.select({ n: count() }).from(fundingRecords).where(where);
  return { items, total: total?.n ?? 0 };
}

/** Whether the record a funding record links to exists (and, for an institution, which town it is in). */
export async function linkTarget(
  db: Db,
  type: 'voucher_programme' | 'institution',
  id: string,
): Promise<{ townId: string | null } | undefined> {
  if (type === 'institution') {
    return (await db.select({ townId: institutions.townId }).from(institutions).where(eq(institutions.id, id)))[0];
  }
  const p = (await db.select({ id: voucherProgrammes.id }).from(voucherProgrammes).where(eq(voucherProgrammes.id, id)))[0];
  return p ? { townId: null } : undefined;
}

export async function townExists(db: Db, id: string): Promise<boolean> {
  return (await db.select({ id: towns.id }).from(towns).where(eq(towns.id, id))).length === 1;
}
