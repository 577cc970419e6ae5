import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db.ts';

/**
 * The voucher report's aggregates, computed in the database (one grouped query per source; only the
 * grouped rows come back). Every figure is defined in docs/voucher-reports.md; in short:
 *
 * - The *cohort* is the vouchers awarded (vouchers.issued_at) in the period, of the programme, of the
 *   caller's town. Every voucher figure and every reservation figure follows the cohort's vouchers to
 *   today: what they were worth, what was reserved on orders, settled, released and expired since.
 * - Applications are those submitted (created_at) in the period; decline reasons those decided in it
 *   (applications: decided_at, claims: rejected_at, quotes: decided_at).
 * - Grouping keys: programme → programme id; town → the enterprise's town (vouchers.town_id, copied at
 *   issue); provider → the reservation's provider institution; category → the reservation's service
 *   category. Applications and vouchers carry no provider or category, so they are grouped only by
 *   programme and town (and in the total).
 */
export type Grouping = 'programme' | 'town' | 'provider' | 'category' | 'total';

export type Filter = {
  programmeId: string | null;
  /** The caller's town (town admins); null for the city. */
  townId: string | null;
  start: Date | null;
  end: Date | null;
};

async function rowsOf<T>(db: Db, query: SQL): Promise<T[]> {
  return ((await db.execute(query)) as unknown as { rows: T[] }).rows;
}
const num = (v: unknown) => Number(v ?? 0);
const numOrNull = (v: unknown) => (v === null || v === undefined ? null : Number(v));

/** Conditions on a table with programme_id and town_id, and the timestamp that dates its rows. */
function where(alias: string, f: Filter, dated: string): SQL {
  const a = (col: string) => sql.raw(`${alias}.${col}`);
  const parts: SQL[] = [sql`true`];
  if (f.programmeId) parts.push(sql`${a('programme_id')} = ${f.programmeId}`);
  if (f.townId) parts.push(sql`${a('town_id')} = ${f.townId}`);
  if (f.start) parts.push(sql`${a(dated)} >= ${f.start.toISOString()}::timestamptz`);
  if (f.end) parts.push(sql`${a(dated)} < ${f.end.toISOString()}::timestamptz`);
  return sql.join(parts, sql` and `);
}

/** The group key of a voucher or application row (alias x), or null when the grouping does not apply to it. */
function ownerKey(alias: string, g: Grouping): SQL | null {
  if (g === 'programme') return sql.raw(`${alias}.programme_id::text`);
  if (g === 'town') return sql.raw(`${alias}.town_id::text`);
  if (g === 'total') return sql`'total'`;
  return null;
}
/** The group key of a reservation (alias r). */
function reservationKey(g: Grouping): SQL {
  switch (g) {
    case 'programme':
      return sql`r.programme_id::text`;
    case 'town':
      return sql`r.town_id::text`;
    case 'provider':
      return sql`r.provider_id::text`;
    case 'category':
      return sql`r.category::text`;
    case 'total':
      return sql`'total'`;
  }
}

export type ApplicationAgg = { key: string; applications: number; appliedFen: number };

/** Applications submitted in the period, whatever became of them; the asked amount summed. */
export async function applicationFigures(db: Db, g: Grouping, f: Filter): Promise<ApplicationAgg[]> {
  const key = ownerKey('a', g);
  if (!key) return [];
  const out = await rowsOf<Record<string, unknown>>(
    db,
    sql`select ${key} as key, count(*)::int as applications, coalesce(sum(a.amount_fen), 0)::bigint as applied_fen
        from voucher_applications a where ${where('a', f, 'created_at')} group by 1`,
  );
  return out.map((r) => ({ key: String(r.key), applications: num(r.applications), appliedFen: num(r.applied_fen) }));
}

export type VoucherAgg = { key: string; issued: number; issuedFen: number; expiredFen: number };

/** The cohort's vouchers: how many, their face value, and the unused value the expiry job returned to the budget. */
export async function voucherFigures(db: Db, g: Grouping, f: Filter): Promise<VoucherAgg[]> {
  const key = ownerKey('v', g);
  if (!key) return [];
  const out = await rowsOf<Record<string, unknown>>(
    db,
    sql`select ${key} as key, count(*)::int as issued, coalesce(sum(v.face_value_fen), 0)::bigint as issued_fen,
          coalesce(sum(x.expired_fen), 0)::bigint as expired_fen
        from vouchers v
        left join (select e.voucher_id, sum(e.amount_fen) as expired_fen from ledger_entries e where e.kind = 'expire' group by e.voucher_id) x
          on x.voucher_id = v.id
        where ${where('v', f, 'issued_at')} group by 1`,
  );
  return out.map((r) => ({ key: String(r.key), issued: num(r.issued), issuedFen: num(r.issued_fen), expiredFen: num(r.expired_fen) }));
}

export type ReservationAgg = {
  key: string;
  reservedFen: number;
  settledFen: number;
  releasedFen: number;
  settlements: number;
  medianDays: number | null;
  meanDays: number | null;
  subsidisedOrders: number;
  settledOrderFen: number;
  enterprisesUsing: number;
  repeatEnterprises: number;
};

/** The cohort's reservations, with the key of the grouping; `live` = reserved or settled (the order is subsidised). */
function cohortReservations(g: Grouping, f: Filter): SQL {
  return sql`select r.*, v.issued_at, ${reservationKey(g)} as key
             from voucher_reservations r join vouchers v on v.id = r.voucher_id
             where ${where('v', f, 'issued_at')}`;
}

/**
 * Per key: reserved (live) and settled fen; value that went back to the wallet (released or expired
 * reservations, and the unsettled rest of a partly settled one); settlements and the days from the
 * voucher's award to each settlement (median, mean); subsidised orders (distinct orders with a live or
 * settled reservation) and the order prices of the settled ones; enterprises with ≥ 1 and ≥ 2 subsidised orders.
 */
export async function reservationFigures(db: Db, g: Grouping, f: Filter): Promise<ReservationAgg[]> {
  const out = await rowsOf<Record<string, unknown>>(
    db,
    sql`with r as (${cohortReservations(g, f)}),
        per_enterprise as (
          select key, enterprise_id, count(distinct order_ref) as n from r where status in ('reserved', 'settled') group by key, enterprise_id
        ),
        enterprises as (
          select key, count(*) filter (where n >= 1) as using_n, count(*) filter (where n >= 2) as repeat_n from per_enterprise group by key
        ),
        agg as (
          select key,
            coalesce(sum(amount_fen) filter (where status = 'reserved'), 0) as reserved_fen,
            coalesce(sum(settled_fen) filter (where status = 'settled'), 0) as settled_fen,
            coalesce(sum(case when status in ('released', 'expired') then amount_fen
                              when status = 'settled' then amount_fen - settled_fen else 0 end), 0) as released_fen,
            count(*) filter (where status = 'settled') as settlements,
            percentile_cont(0.5) within group (order by extract(epoch from (resolved_at - issued_at)) / 86400)
              filter (where status = 'settled') as median_days,
            avg(extract(epoch from (resolved_at - issued_at)) / 86400) filter (where status = 'settled') as mean_days,
            count(distinct order_ref) filter (where status in ('reserved', 'settled')) as subsidised_orders,
            coalesce(sum(order_price_fen) filter (where status = 'settled'), 0) as settled_order_fen
          from r group by key
        )
        select agg.*, coalesce(e.using_n, 0) as using_n, coalesce(e.repeat_n, 0) as repeat_n
        from agg left join enterprises e on e.key = agg.key`,
  );
  return out.map((r) => ({
    key: String(r.key),
    reservedFen: num(r.reserved_fen),
    settledFen: num(r.settled_fen),
    releasedFen: num(r.released_fen),
    settlements: num(r.settlements),
    medianDays: numOrNull(r.median_days),
    meanDays: numOrNull(r.mean_days),
    subsidisedOrders: num(r.subsidised_orders),
    settledOrderFen: num(r.settled_order_fen),
    enterprisesUsing: num(r.using_n),
    repeatEnterprises: num(r.repeat_n),
  }));
}

export type OrderAgg = {
  key: string;
  deliveredOrders: number;
  deliveryMedianDays: number | null;
  deliveryMeanDays: number | null;
  ratedOrders: number;
  averageRating: number | null;
};

/**
 * The subsidised orders (live or settled reservation) of each key: days from the first `accepted` to the
 * first `delivered` event of the order's history (orders that reached both), and the enterprise's ratings.
 */
export async function orderFigures(db: Db, g: Grouping, f: Filter): Promise<OrderAgg[]> {
  const out = await rowsOf<Record<string, unknown>>(
    db,
    sql`with r as (${cohortReservations(g, f)}),
        subsidised as (select distinct key, order_ref from r where status in ('reserved', 'settled')),
        timed as (
          select s.key, o.rating,
            (select min(e.at) from order_events e where e.order_id = o.id and e.to_status = 'accepted') as accepted_at,
            (select min(e.at) from order_events e where e.order_id = o.id and e.to_status = 'delivered') as delivered_at
          from subsidised s join service_orders o on o.id = s.order_ref
        )
        select key,
          count(*) filter (where accepted_at is not null and delivered_at is not null) as delivered_orders,
          percentile_cont(0.5) within group (order by extract(epoch from (delivered_at - accepted_at)) / 86400)
            filter (where accepted_at is not null and delivered_at is not null) as median_days,
          avg(extract(epoch from (delivered_at - accepted_at)) / 86400)
            filter (where accepted_at is not null and delivered_at is not null) as mean_days,
          count(rating) as rated, avg(rating) as avg_rating
        from timed group by key`,
  );
  return out.map((r) => ({
    key: String(r.key),
    deliveredOrders: num(r.delivered_orders),
    deliveryMedianDays: numOrNull(r.median_days),
    deliveryMeanDays: numOrNull(r.mean_days),
    ratedOrders: num(r.rated),
    averageRating: numOrNull(r.avg_rating),
  }));
}

export type DeclineAgg = { kind: 'application' | 'claim' | 'quote'; reason: string; count: number };

/** Applications returned or declined in the period (decided_at), counted by their structured reason. */
export async function applicationDeclineReasons(db: Db, f: Filter): Promise<DeclineAgg[]> {
  const out = await rowsOf<{ reason: string; n: unknown }>(
    db,
    sql`select a.reason, count(*) as n from voucher_applications a
        where a.status in ('returned', 'declined') and a.reason is not null and ${where('a', f, 'decided_at')}
        group by a.reason`,
  );
  return out.map((r) => ({ kind: 'application', reason: r.reason, count: num(r.n) }));
}

/** Post-subsidy claims rejected (town or city) in the period (rejected_at), by their structured reason. */
export async function claimDeclineReasons(db: Db, f: Filter): Promise<DeclineAgg[]> {
  const out = await rowsOf<{ reason: string; n: unknown }>(
    db,
    sql`select c.reason, count(*) as n from voucher_claims c
        where c.status = 'rejected' and c.reason is not null and ${where('c', f, 'rejected_at')}
        group by c.reason`,
  );
  return out.map((r) => ({ kind: 'claim', reason: r.reason, count: num(r.n) }));
}

/**
 * Quotes on requirements declined in the period (decided_at), by reason, for requirements of the caller's
 * town's enterprises. Quotes belong to no voucher programme: the programme filter does not apply to them.
 */
export async function quoteDeclineReasons(db: Db, f: Filter): Promise<DeclineAgg[]> {
  const parts: SQL[] = [sql`q.status = 'declined'`, sql`q.decline_reason is not null`];
  if (f.townId) parts.push(sql`r.town_id = ${f.townId}`);
  if (f.start) parts.push(sql`q.decided_at >= ${f.start.toISOString()}::timestamptz`);
  if (f.end) parts.push(sql`q.decided_at < ${f.end.toISOString()}::timestamptz`);
  const out = await rowsOf<{ reason: string; n: unknown }>(
    db,
    sql`select q.decline_reason as reason, count(*) as n
        from requirement_quotes q join service_requirements r on r.id = q.requirement_id
        where ${sql.join(parts, sql` and `)} group by q.decline_reason`,
  );
  return out.map((r) => ({ kind: 'quote', reason: r.reason, count: num(r.n) }));
}

export type KeyName = { key: string; name: string; nameEn: string | null; sort: string };

/** Display names of the keys that came back (programmes, towns, institutions); categories are named by the caller. */
export async function namesOf(db: Db, g: Grouping, keys: readonly string[]): Promise<KeyName[]> {
  if (keys.length === 0 || g === 'category' || g === 'total') return [];
  const list = sql.join(
    keys.map((k) => sql`${k}::uuid`),
    sql`, `,
  );
  const query =
    g === 'programme'
      ? sql`select id::text as key, name, null as name_en, (9999 - year)::text || name as sort from voucher_programmes where id in (${list})`
      : g === 'town'
        ? sql`select id::text as key, name, name_en, code as sort from towns where id in (${list})`
        : sql`select id::text as key, name, null as name_en, name as sort from institutions where id in (${list})`;
  const out = await rowsOf<{ key: string; name: string; name_en: string | null; sort: string }>(db, query);
  return out.map((r) => ({ key: r.key, name: r.name, nameEn: r.name_en, sort: r.sort }));
}

export async function programmeExists(db: Db, id: string): Promise<boolean> {
  return (await rowsOf(db, sql`select 1 from voucher_programmes where id = ${id}`)).length > 0;
}

export async function townName(db: Db, id: string): Promise<string | null> {
  const r = await rowsOf<{ name: string }>(db, sql`select name from towns where id = ${id}`);
  return r[0]?.name ?? null;
}
