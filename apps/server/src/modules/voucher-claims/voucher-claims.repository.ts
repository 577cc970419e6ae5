import type { claimListQuerySchema } from '@innotown/contracts/voucher-claims';
import { and, count, desc, eq, inArray, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { users } from '../../db/schema/accounts.ts';
import { bookings, bookingUsages } from '../../db/schema/bookings.ts';
import { enterprises, institutions } from '../../db/schema/organisations.ts';
import { files } from '../../db/schema/platform.ts';
import { resources } from '../../db/schema/resources.ts';
import { serviceOrders } from '../../db/schema/service-orders.ts';
import { serviceResources, services } from '../../db/schema/services.ts';
import { voucherClaims } from '../../db/schema/voucher-claims.ts';
import { voucherProgrammes, voucherReservations } from '../../db/schema/vouchers.ts';
import type { Db } from '../../platform/db.ts';
import { limitOffset } from '../../platform/pagination.ts';
import type { ScopeFilter } from '../../platform/policy.ts';
import { scopeCondition } from '../../platform/scope-sql.ts';

const CLAIM_SCOPE = { townId: voucherClaims.townId, institutionId: voucherClaims.institutionId, enterpriseId: voucherClaims.enterpriseId };

export type ClaimRow = typeof voucherClaims.$inferSelect;
export type ClaimInsert = typeof voucherClaims.$inferInsert;

const view = {
  c: voucherClaims,
  programmeName: voucherProgrammes.name,
  enterpriseName: enterprises.name,
  institutionName: institutions.name,
  serviceTitle: services.title,
  reservedFen: voucherReservations.amountFen,
  orderPriceFen: voucherReservations.orderPriceFen,
};
export type ClaimView = ClaimRow & {
  programmeName: string;
  enterpriseName: string;
  institutionName: string;
  serviceTitle: string;
  reservedFen: number;
  orderPriceFen: number;
};
const flatten = (r: { c: ClaimRow } & Omit<ClaimView, keyof ClaimRow>): ClaimView => {
  const { c, ...rest } = r;
  return { ...c, ...rest };
};
const base = (db: Db) =>
  db
    .select(view)
    .from(voucherClaims)
    .innerJoin(voucherProgrammes, eq(voucherProgrammes.id, voucherClaims.programmeId))
    .innerJoin(enterprises, eq(enterprises.id, voucherClaims.enterpriseId))
    .innerJoin(institutions, eq(institutions.id, voucherClaims.institutionId))
    .innerJoin(serviceOrders, eq(serviceOrders.id, voucherClaims.orderId))
    .innerJoin(services, eq(services.id, serviceOrders.serviceId))
    .innerJoin(voucherReservations, eq(voucherReservations.id, voucherClaims.reservationId));

export async function findClaim(db: Db, id: string, lock = false): Promise<ClaimView | undefined> {
  const q = base(db).where(eq(voucherClaims.id, id));
  const [row] = lock ? await q.for('update', { of: voucherClaims }) : await q;
  return row ? flatten(row) : undefined;
}

export async function listClaims(db: Db, filter: ScopeFilter, q: z.infer<typeof claimListQuerySchema>) {
  const where = and(
    scopeCondition(filter, CLAIM_SCOPE),
    q.status ? eq(voucherClaims.status, q.status) : undefined,
    q.orderId ? eq(voucherClaims.orderId, q.orderId) : undefined,
    q.programmeId ? eq(voucherClaims.programmeId, q.programmeId) : undefined,
  );
  const { limit, offset } = limitOffset(q);
  const [items, [total]] = await Promise.all([
    base(db).where(where).orderBy(desc(voucherClaims.createdAt), desc(voucherClaims.id)).limit(limit).offset(offset),
    db.select({ n: count() }).from(voucherClaims).where(where),
  ]);
  return { items: items.map(flatten), total: total?.n ?? 0 };
}

export async function insertClaim(db: Db, values: ClaimInsert): Promise<string> {
  const [row] = await db.insert(voucherClaims).values(values).returning({ id: voucherClaims.id });
  return (row as { id: string }).id;
}

/** Moves a claim only from one of `from`: true for exactly one caller. */
export async function transitionClaim(db: Db, id: string, from: readonly string[], set: Partial<ClaimInsert>): Promise<boolean> {
  const rows = await db
    .update(voucherClaims)
    .set(set)
    .where(and(eq(voucherClaims.id, id), inArray(voucherClaims.status, [...from])))
    .returning({ id: voucherClaims.id });
  return rows.length === 1;
}

/** How many of the ids are attachments uploaded by this user. */
export async function countOwnAttachments(db: Db, userId: string, ids: readonly string[]): Promise<number> {
  if (ids.length === 0) return 0;
  const [row] = await db
    .select({ n: count() })
    .from(files)
    .where(and(inArray(files.id, [...ids]), eq(files.purpose, 'attachment'), eq(files.ownerUserId, userId)));
  return row?.n ?? 0;
}

/** The shared instruments a service uses (service_resources → resources of kind instrument). */
export async function serviceInstruments(db: Db, serviceId: string) {
  return db
    .select({
      id: resources.id,
      name: resources.name,
      feeUnit: resources.feeUnit,
      feeMinFen: resources.feeMinFen,
      feeMaxFen: resources.feeMaxFen,
    })
    .from(serviceResources)
    .innerJoin(resources, eq(resources.id, serviceResources.resourceId))
    .where(and(eq(serviceResources.serviceId, serviceId), eq(resources.kind, 'instrument')));
}

/** The enterprise's bookings of these instruments whose usage the owner has recorded (and not disputed). */
export async function recordedBookings(db: Db, enterpriseId: string, resourceIds: readonly string[]) {
  if (resourceIds.length === 0) return [];
  return db
    .select({
      id: bookings.id,
      resourceId: bookings.resourceId,
      status: bookings.status,
      bookedSamples: bookings.sampleCount,
      minutes: bookingUsages.minutes,
      chargedFen: bookingUsages.feeFen,
      samples: bookingUsages.sampleCount,
      recordedAt: bookingUsages.recordedAt,
    })
    .from(bookings)
    .innerJoin(bookingUsages, eq(bookingUsages.bookingId, bookings.id))
    .where(
      and(
        eq(bookings.enterpriseId, enterpriseId),
        inArray(bookings.resourceId, [...resourceIds]),
        inArray(bookings.status, ['usage_recorded', 'completed']),
      ),
    )
    .orderBy(desc(bookingUsages.recordedAt));
}

/** Bookings already backing a live (not rejected) claim. */
export async function bookingsInLiveClaims(db: Db, bookingIds: readonly string[]): Promise<Set<string>> {
  if (bookingIds.length === 0) return new Set();
  const rows = await db
    .select({ id: voucherClaims.bookingId })
    .from(voucherClaims)
    .where(and(inArray(voucherClaims.bookingId, [...bookingIds]), sql`${voucherClaims.status} <> 'rejected'`));
  return new Set(rows.map((r) => r.id as string));
}

/** Active provider accounts of an institution (claimants when the programme names the provider). */
export async function providerUserIds(db: Db, institutionId: string): Promise<string[]> {
  const rows = await db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.institutionId, institutionId), eq(users.role, 'provider'), eq(users.status, 'active')));
  return rows.map((r) => r.id);
}
