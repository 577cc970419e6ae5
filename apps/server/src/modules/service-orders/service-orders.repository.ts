import { and, asc, count, desc, eq, ilike, inArray, isNull, lte, or, type SQL, sql } from 'drizzle-orm';
import { users } from '../../db/schema/accounts.ts';
import { enterprises, institutions } from '../../db/schema/organisations.ts';
import { files } from '../../db/schema/platform.ts';
import { orderEvents, serviceOrders } from '../../db/schema/service-orders.ts';
import { allianceMemberships, services } from '../../db/schema/services.ts';
import type { Db } from '../../platform/db.ts';
import { likePattern } from '../../platform/pagination.ts';
import type { ScopeFilter } from '../../platform/policy.ts';
import { scopeCondition } from '../../platform/scope-sql.ts';

const ORDER_SCOPE = {
  townId: serviceOrders.townId,
  institutionId: serviceOrders.institutionId,
  enterpriseId: serviceOrders.enterpriseId,
  ownerUserId: serviceOrders.createdBy,
};

export type OrderRow = typeof serviceOrders.$inferSelect;
export type OrderInsert = typeof serviceOrders.$inferInsert;
export type OrderView = OrderRow & {
  serviceTitle: string;
  institutionName: string;
  enterpriseName: string;
  listedPriceMinFen: number;
  listedPriceMaxFen: number;
  serviceCategory: string;
  subsidy: OrderSubsidyRow | null;
};
/** The order's voucher reservation: the live one (reserved or settled) if any, else the latest. */
export type OrderSubsidyRow = {
  reservationId: string;
  voucherId: string;
  programmeId: string;
  amountFen: number;
  status: string;
  settledFen: number | null;
};
export type EventRow = typeof orderEvents.$inferSelect;

const columns = {
  o: serviceOrders,
  serviceTitle: services.title,
  institutionName: institutions.name,
  enterpriseName: enterprises.name,
  listedPriceMinFen: services.priceMinFen,
  listedPriceMaxFen: services.priceMaxFen,
  serviceCategory: services.category,
  subsidy: sql<OrderSubsidyRow | null>`(
    select json_build_object('reservationId', r.id, 'voucherId', r.voucher_id, 'programmeId', r.programme_id,
      'amountFen', r.amount_fen, 'status', r.status, 'settledFen', r.settled_fen)
    from voucher_reservations r where r.order_ref = ${serviceOrders.id}
    order by (r.status in ('reserved', 'settled')) desc, r.created_at desc limit 1)`,
};
const flatten = (r: { o: OrderRow } & Omit<OrderView, keyof OrderRow>): OrderView => {
  const { o, ...rest } = r;
  return { ...o, ...rest };
};
const base = (db: Db) =>
  db
    .select(columns)
    .from(serviceOrders)
    .innerJoin(services, eq(services.id, serviceOrders.serviceId))
    .innerJoin(institutions, eq(institutions.id, serviceOrders.institutionId))
    .innerJoin(enterprises, eq(enterprises.id, serviceOrders.enterpriseId));

export async function findOrder(db: Db, id: string, lock = false): Promise<OrderView | undefined> {
  const q = base(db).where(eq(serviceOrders.id, id));
  const [row] = lock ? await q.for('update', { of: serviceOrders }) : await q;
  return row ? flatten(row) : undefined;
}

export async function listOrders(
  db: Db,
  filter: ScopeFilter,
  q: { status?: string | undefined; escalated?: string | undefined; q?: string | undefined },
  limit: number,
  offset: number,
) {
  const where = and(
    scopeCondition(filter, ORDER_SCOPE),
    q.status ? eq(serviceOrders.status, q.status) : undefined,
    q.escalated === 'true' ? sql`${serviceOrders.escalatedAt} is not null` : undefined,
    q.escalated === 'false' ? isNull(serviceOrders.escalatedAt) : undefined,
    q.q
      ? or(ilike(services.title, likePattern(q.q)), ilike(enterprises.name, likePattern(q.q)), ilike(institutions.name, likePattern(q.q)))
      : undefined,
  );
  const [items, [total]] = await Promise.all([
    base(db).where(where).orderBy(desc(serviceOrders.createdAt), desc(serviceOrders.id)).limit(limit).offset(offset),
    db
      .select({ n: count() })
      .from(serviceOrders)
      .innerJoin(services, eq(services.id, serviceOrders.serviceId))
      .innerJoin(institutions, eq(institutions.id, serviceOrders.institutionId))
      .innerJoin(enterprises, eq(enterprises.id, serviceOrders.enterpriseId))
      .where(where),
  ]);
  return { items: items.map(flatten), total: total?.n ?? 0 };
}

export async function insertOrder(db: Db, values: OrderInsert): Promise<string> {
  const [row] = await db.insert(serviceOrders).values(values).returning({ id: serviceOrders.id });
  return (row as { id: string }).id;
}

/** The conditional UPDATE of every transition: changes the row only when it is in one of `from`. */
export async function transition(db: Db, id: string, from: readonly string[], set: Partial<OrderInsert>, extra?: SQL): Promise<boolean> {
  const rows = await db
    .update(serviceOrders)
    .set({ ...set, updatedAt: new Date() })
    .where(and(eq(serviceOrders.id, id), inArray(serviceOrders.status, [...from]), extra))
    .returning({ id: serviceOrders.id });
  return rows.length === 1;
}

/** Escalates a still-requested, not yet escalated order: true for exactly one caller. */
export async function markEscalated(db: Db, id: string, now: Date): Promise<boolean> {
  return transition(db, id, ['requested'], { escalatedAt: now }, isNull(serviceOrders.escalatedAt));
}

export async function insertEvent(db: Db, values: typeof orderEvents.$inferInsert): Promise<void> {
  await db.insert(orderEvents).values(values);
}

export async function listEvents(db: Db, orderId: string): Promise<EventRow[]> {
  return db.select().from(orderEvents).where(eq(orderEvents.orderId, orderId)).orderBy(asc(orderEvents.at), asc(orderEvents.id));
}

/** A published service of an approved alliance member, or undefined. */
export async function orderableService(db: Db, id: string) {
  const [row] = await db
    .select({
      id: services.id,
      institutionId: services.institutionId,
      title: services.title,
      priceMinFen: services.priceMinFen,
      priceMaxFen: services.priceMaxFen,
    })
    .from(services)
    .innerJoin(allianceMemberships, eq(allianceMemberships.institutionId, services.institutionId))
    .where(and(eq(services.id, id), eq(services.status, 'published'), eq(allianceMemberships.status, 'approved')));
  return row;
}

export async function enterpriseOf(db: Db, id: string) {
  const [row] = await db.select({ id: enterprises.id, townId: enterprises.townId }).from(enterprises).where(eq(enterprises.id, id));
  return row;
}

export async function providerUserIds(db: Db, institutionId: string): Promise<string[]> {
  const rows = await db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.institutionId, institutionId), eq(users.role, 'provider'), eq(users.status, 'active')));
  return rows.map((r) => r.id);
}

/** Names and sizes of an order's result files (the content is read through the files service). */
export async function fileMetas(db: Db, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return db
    .select({ id: files.id, filename: files.filename, contentType: files.contentType, size: files.size })
    .from(files)
    .where(inArray(files.id, [...ids]))
    .orderBy(asc(files.createdAt), asc(files.id));
}

/** How many of the ids are attachments uploaded by this user. */
export async function countOwnAttachments(db: Db, userId: string, ids: readonly string[]): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(files)
    .where(and(inArray(files.id, [...ids]), eq(files.purpose, 'attachment'), eq(files.ownerUserId, userId)));
  return row?.n ?? 0;
}

/** Requested orders whose quote is overdue and not yet escalated. */
export async function overdueRequested(db: Db, now: Date) {
  return db
    .select({ id: serviceOrders.id, townId: serviceOrders.townId })
    .from(serviceOrders)
    .where(and(eq(serviceOrders.status, 'requested'), isNull(serviceOrders.escalatedAt), lte(serviceOrders.quoteDueAt, now)))
    .orderBy(asc(serviceOrders.quoteDueAt));
}

/** Completed orders and the ratings given, for the provider page. */
export async function orderRecord(db: Db, institutionId: string) {
  const [row] = await db
    .select({
      delivered: sql<number>`count(*) filter (where ${serviceOrders.status} = 'completed')`.mapWith(Number),
      ratingCount: sql<number>`count(${serviceOrders.rating})`.mapWith(Number),
      ratingAverage: sql<string | null>`avg(${serviceOrders.rating})`,
    })
    .from(serviceOrders)
    .where(eq(serviceOrders.institutionId, institutionId));
  return row;
}
