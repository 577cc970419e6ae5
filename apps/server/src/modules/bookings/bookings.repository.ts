import type { bookingListQuerySchema } from '@innotown/contracts/bookings';
import { and, count, desc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { users } from '../../db/schema/accounts.ts';
import { bookings, bookingUsages, type ExtraCharge, instrumentTrainings } from '../../db/schema/bookings.ts';
import { enterprises, institutions } from '../../db/schema/organisations.ts';
import { resources } from '../../db/schema/resources.ts';
import type { Db } from '../../platform/db.ts';
import { limitOffset } from '../../platform/pagination.ts';
import type { ScopeFilter } from '../../platform/policy.ts';
import { scopeCondition } from '../../platform/scope-sql.ts';

const BOOKING_SCOPE = {
  townId: bookings.townId,
  institutionId: bookings.institutionId,
  enterpriseId: bookings.enterpriseId,
  ownerUserId: bookings.userId,
};

export type BookingRow = typeof bookings.$inferSelect;

export async function findInstrument(db: Db, id: string) {
  const [r] = await db
    .select({
      id: resources.id,
      kind: resources.kind,
      name: resources.name,
      institutionId: resources.institutionId,
      townId: resources.townId,
      reviewStatus: resources.reviewStatus,
      sharing: resources.sharing,
      operatorRequired: resources.operatorRequired,
      openingHours: resources.openingHours,
      feeUnit: resources.feeUnit,
      feeMinFen: resources.feeMinFen,
      feeMaxFen: resources.feeMaxFen,
    })
    .from(resources)
    .where(eq(resources.id, id));
  return r;
}
export type Instrument = NonNullable<Awaited<ReturnType<typeof findInstrument>>>;

export async function isTrained(db: Db, resourceId: string, userId: string): Promise<boolean> {
  const r = await db
    .select({ u: instrumentTrainings.userId })
    .from(instrumentTrainings)
    .where(and(eq(instrumentTrainings.resourceId, resourceId), eq(instrumentTrainings.userId, userId)));
  return r.length > 0;
}

const range = (start: Date, end: Date) => sql`tstzrange(${start.toISOString()}::timestamptz, ${end.toISOString()}::timestamptz, '[)')`;

/** A friendly early answer only: under concurrency the exclusion constraint decides at approval. */
export async function confirmedOverlapExists(db: Db, resourceId: string, start: Date, end: Date): Promise<boolean> {
  const r = await db
    .select({ id: bookings.id })
    .from(bookings)
    .where(and(eq(bookings.resourceId, resourceId), eq(bookings.status, 'confirmed'), sql`${bookings.period} && ${range(start, end)}`))
    .limit(1);
  return r.length > 0;
}

type NewBooking = Omit<typeof bookings.$inferInsert, 'period'> & { start: Date | null; end: Date | null };
export async function insertBooking(db: Db, { start, end, ...values }: NewBooking): Promise<string> {
  const [r] = await db
    .insert(bookings)
    .values({ ...values, period: start && end ? range(start, end) : null })
    .returning({ id: bookings.id });
  return (r as { id: string }).id;
}

// Either driver may hand a timestamptz back as a Date or as text.
const toDate = (v: unknown): Date | null => (v === null || v === undefined ? null : new Date(v as string));
const view = {
  b: bookings,
  start: sql<Date | null>`lower(${bookings.period})`.mapWith(toDate),
  end: sql<Date | null>`upper(${bookings.period})`.mapWith(toDate),
  resourceName: resources.name,
  institutionName: institutions.name,
  enterpriseName: enterprises.name,
  usage: bookingUsages,
};
export type UsageRow = typeof bookingUsages.$inferSelect;
export type BookingView = BookingRow & {
  start: Date | null;
  end: Date | null;
  resourceName: string;
  institutionName: string;
  enterpriseName: string;
  usage: UsageRow | null;
};
const toView = (r: {
  b: BookingRow;
  start: Date | null;
  end: Date | null;
  resourceName: string;
  institutionName: string;
  enterpriseName: string;
  usage: UsageRow | null;
}): BookingView => ({
  ...r.b,
  start: r.start,
  end: r.end,
  resourceName: r.resourceName,
  institutionName: r.institutionName,
  enterpriseName: r.enterpriseName,
  usage: r.usage,
});

function selectViews(db: Db) {
  return db
    .select(view)
    .from(bookings)
    .innerJoin(resources, eq(resources.id, bookings.resourceId))
    .innerJoin(institutions, eq(institutions.id, bookings.institutionId))
    .innerJoin(enterprises, eq(enterprises.id, bookings.enterpriseId))
    .leftJoin(bookingUsages, eq(bookingUsages.bookingId, bookings.id));
}

export async function findBooking(db: Db, id: string): Promise<BookingView | undefined> {
  const [r] = await selectViews(db).where(eq(bookings.id, id));
  return r ? toView(r) : undefined;
}

export async function listBookings(db: Db, filter: ScopeFilter, q: z.infer<typeof bookingListQuerySchema>) {
  const cond = and(
    scopeCondition(filter, BOOKING_SCOPE),
    q.status ? eq(bookings.status, q.status) : undefined,
    q.resourceId ? eq(bookings.resourceId, q.resourceId) : undefined,
  );
  const { limit, offset } = limitOffset(q);
  const [rows, totals] = await Promise.all([
    selectViews(db).where(cond).orderBy(desc(bookings.createdAt), desc(bookings.id)).limit(limit).offset(offset),
    db.select({ n: count() }).from(bookings).where(cond),
  ]);
  return { items: rows.map(toView), total: totals[0]?.n ?? 0 };
}

/**
 * The state machine's one door: the change happens only if the booking is still in one of the
 * expected states, so two concurrent decisions cannot both apply. Returns false when it was not.
 */
export async function transition(
  db: Db,
  id: string,
  from: readonly string[],
  set: Partial<Pick<BookingRow, 'status' | 'decisionReason' | 'decidedBy' | 'cancelledLate'>> & {
    decidedAt?: SQL;
    cancelledAt?: SQL;
  },
): Promise<boolean> {
  const r = await db
    .update(bookings)
    .set({ ...set, updatedAt: sql`now()` })
    .where(and(eq(bookings.id, id), inArray(bookings.status, [...from])))
    .returning({ id: bookings.id });
  return r.length > 0;
}

export async function confirmedSlots(db: Db, resourceId: string, from: Date, to: Date) {
  return db
    .select({ id: bookings.id, enterpriseId: bookings.enterpriseId, start: view.start, end: view.end })
    .from(bookings)
    .where(
      and(
        eq(bookings.resourceId, resourceId),
        // Slots that hold (or held) the instrument's time: past ones stay on the calendar once usage is recorded.
        inArray(bookings.status, ['confirmed', 'usage_recorded', 'disputed', 'completed']),
        sql`${bookings.period} && ${range(from, to)}`,
      ),
    )
    .orderBy(sql`lower(${bookings.period})`);
}

export async function upsertTraining(db: Db, values: { resourceId: string; userId: string; trainedBy: string }) {
  const [r] = await db
    .insert(instrumentTrainings)
    .values(values)
    .onConflictDoUpdate({
      target: [instrumentTrainings.resourceId, instrumentTrainings.userId],
      set: { trainedAt: sql`now()`, trainedBy: values.trainedBy },
    })
    .returning();
  return r as typeof instrumentTrainings.$inferSelect;
}

export async function activeUserByUsername(db: Db, username: string) {
  const [u] = await db
    .select({ id: users.id, role: users.role, enterpriseId: users.enterpriseId })
    .from(users)
    .where(and(sql`lower(${users.username}) = lower(${username})`, eq(users.status, 'active')));
  return u;
}

export async function trainees(db: Db, resourceId: string) {
  return db
    .select({
      userId: users.id,
      username: users.username,
      displayName: users.displayName,
      enterpriseId: users.enterpriseId,
      enterpriseName: enterprises.name,
      trainedAt: instrumentTrainings.trainedAt,
    })
    .from(instrumentTrainings)
    .innerJoin(users, eq(users.id, instrumentTrainings.userId))
    .leftJoin(enterprises, eq(enterprises.id, users.enterpriseId))
    .where(eq(instrumentTrainings.resourceId, resourceId))
    .orderBy(desc(instrumentTrainings.trainedAt), users.username);
}

export async function deleteTraining(db: Db, resourceId: string, userId: string): Promise<boolean> {
  const r = await db
    .delete(instrumentTrainings)
    .where(and(eq(instrumentTrainings.resourceId, resourceId), eq(instrumentTrainings.userId, userId)))
    .returning({ u: instrumentTrainings.userId });
  return r.length > 0;
}

export async function trainedAt(db: Db, resourceId: string, userId: string): Promise<Date | null> {
  if (!userId) return null;
  const [r] = await db
    .select({ at: instrumentTrainings.trainedAt })
    .from(instrumentTrainings)
    .where(and(eq(instrumentTrainings.resourceId, resourceId), eq(instrumentTrainings.userId, userId)));
  return r?.at ?? null;
}

export async function activeUser(db: Db, id: string) {
  const [u] = await db
    .select({ id: users.id, role: users.role, enterpriseId: users.enterpriseId })
    .from(users)
    .where(and(eq(users.id, id), eq(users.status, 'active')));
  return u;
}

/** The owner side of a booking: the active provider accounts of the instrument's institution. */
export async function providerUserIds(db: Db, institutionId: string): Promise<string[]> {
  const r = await db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.role, 'provider'), eq(users.status, 'active'), eq(users.institutionId, institutionId)));
  return r.map((u) => u.id);
}

/** Records (or, after a dispute, replaces) a booking's usage; the confirmation and dispute fields start afresh. */
export async function upsertUsage(
  db: Db,
  v: { bookingId: string; minutes: number; sampleCount: number | null; feeFen: number; extraCharges: ExtraCharge[]; recordedBy: string },
) {
  const extraFen = v.extraCharges.reduce((sum, c) => sum + c.amountFen, 0);
  const { bookingId, ...figures } = v;
  const set = { ...figures, extraFen, recordedAt: sql`now()`, confirmedBy: null, confirmedAt: null, disputeReason: null, disputedAt: null };
  await db
    .insert(bookingUsages)
    .values({ bookingId, ...set })
    .onConflictDoUpdate({ target: bookingUsages.bookingId, set });
}

export async function updateUsage(
  db: Db,
  bookingId: string,
  set: { confirmedBy?: string | null; confirmedAt?: SQL; disputeReason?: string; disputedAt?: SQL },
) {
  await db.update(bookingUsages).set(set).where(eq(bookingUsages.bookingId, bookingId));
}

/**
 * The no-show sweep's one statement: confirmed slots that ended more than `hours` ago with no usage
 * become no_show. Conditional on the status, so concurrent sweeps mark each booking once: the
 * second waits for the first's row locks and then finds the status changed.
 */
export async function markOverdueNoShows(db: Db, hours: number) {
  return db
    .update(bookings)
    .set({ status: 'no_show', updatedAt: sql`now()` })
    .where(
      and(
        eq(bookings.status, 'confirmed'),
        sql`upper(${bookings.period}) < now() - ${hours}::int * interval '1 hour'`,
        sql`not exists (select 1 from ${bookingUsages} u where u.booking_id = ${bookings.id})`,
      ),
    )
    .returning({ id: bookings.id });
}

/** The slots an instrument's calendar feed shows: every booking that holds (or held) its time. */
export const SLOT_HOLDING_STATUSES = ['confirmed', 'usage_recorded', 'disputed', 'completed'] as const;
export async function feedSlots(db: Db, resourceId: string, from: Date, to: Date) {
  return db
    .select({ id: bookings.id, enterpriseId: bookings.enterpriseId, start: view.start, end: view.end, updatedAt: bookings.updatedAt })
    .from(bookings)
    .where(
      and(
        eq(bookings.resourceId, resourceId),
        inArray(bookings.status, [...SLOT_HOLDING_STATUSES]),
        sql`${bookings.period} && ${range(from, to)}`,
      ),
    )
    .orderBy(sql`lower(${bookings.period})`);
}
