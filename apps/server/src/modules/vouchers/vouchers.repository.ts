import type { applicationListQuerySchema, programmeListQuerySchema, voucherListQuerySchema } from '@innotown/contracts/vouchers';
import { and, count, desc, eq, inArray, lte, type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { users } from '../../db/schema/accounts.ts';
import { enterprises, institutions } from '../../db/schema/organisations.ts';
import { auditEvents } from '../../db/schema/platform.ts';
import {
  ledgerAccounts,
  ledgerEntries,
  voucherApplications,
  voucherEnterpriseTotals,
  voucherProgrammes,
  voucherReservations,
  vouchers,
} from '../../db/schema/vouchers.ts';
import type { Db } from '../../platform/db.ts';
import { limitOffset } from '../../platform/pagination.ts';
import type { ScopeFilter } from '../../platform/policy.ts';
import { scopeCondition } from '../../platform/scope-sql.ts';

export type ProgrammeRow = typeof voucherProgrammes.$inferSelect;
export type ApplicationRow = typeof voucherApplications.$inferSelect;
export type VoucherRow = typeof vouchers.$inferSelect;
export type ReservationRow = typeof voucherReservations.$inferSelect;
export type EntryKind = 'fund' | 'issue' | 'reserve' | 'release' | 'settle' | 'expire';

// ---------------------------------------------------------------------------------------------
// Programmes and the ledger

export async function insertProgramme(db: Db, values: typeof voucherProgrammes.$inferInsert): Promise<ProgrammeRow> {
  const [row] = await db.insert(voucherProgrammes).values(values).returning();
  return row as ProgrammeRow;
}

export async function findProgramme(db: Db, id: string): Promise<ProgrammeRow | undefined> {
  const [row] = await db.select().from(voucherProgrammes).where(eq(voucherProgrammes.id, id));
  return row;
}

/** The row lock that serialises every award from one programme. */
export async function lockProgramme(db: Db, id: string): Promise<ProgrammeRow | undefined> {
  const [row] = await db.select().from(voucherProgrammes).where(eq(voucherProgrammes.id, id)).for('no key update');
  return row;
}

export async function listProgrammes(db: Db, q: z.infer<typeof programmeListQuerySchema>) {
  const where = q.year !== undefined ? eq(voucherProgrammes.year, q.year) : undefined;
  const items = await db
    .select()
    .from(voucherProgrammes)
    .where(where)
    .orderBy(desc(voucherProgrammes.year), desc(voucherProgrammes.createdAt))
    .limit(limitOffset(q).limit)
    .offset(limitOffset(q).offset);
  const [total] = await db.select({ n: count() }).from(voucherProgrammes).where(where);
  return { items, total: total?.n ?? 0 };
}

export async function createAccount(db: Db, programmeId: string, key: string, kind: string, voucherId: string | null = null) {
  const [row] = await db.insert(ledgerAccounts).values({ programmeId, key, kind, voucherId }).returning({ id: ledgerAccounts.id });
  return (row as { id: string }).id;
}

export async function accountByKey(db: Db, programmeId: string, key: string) {
  const [row] = await db
    .select({ id: ledgerAccounts.id, balanceFen: ledgerAccounts.balanceFen })
    .from(ledgerAccounts)
    .where(and(eq(ledgerAccounts.programmeId, programmeId), eq(ledgerAccounts.key, key)));
  if (!row) throw new Error(`ledger account ${key} of programme ${programmeId} missing`);
  return row;
}

export type Transfer = {
  programmeId: string;
  /** The account that receives the value. */
  debitAccountId: string;
  /** The account that gives it. */
  creditAccountId: string;
  amountFen: number;
  kind: EntryKind;
  voucherId?: string | null;
  reservationId?: string | null;
  createdBy?: string | null;
};

/**
 * One ledger entry and both balance updates, in the caller's transaction. A balance that would go
 * below zero violates ledger_accounts_not_negative (23514) and rolls the whole operation back.
 */
export async function post(db: Db, t: Transfer): Promise<void> {
  await db.insert(ledgerEntries).values({
    programmeId: t.programmeId,
    debitAccountId: t.debitAccountId,
    creditAccountId: t.creditAccountId,
    amountFen: t.amountFen,
    kind: t.kind,
    voucherId: t.voucherId ?? null,
    reservationId: t.reservationId ?? null,
    createdBy: t.createdBy ?? null,
  });
  await db
    .update(ledgerAccounts)
    .set({ balanceFen: sql`${ledgerAccounts.balanceFen} - ${t.amountFen}` })
    .where(eq(ledgerAccounts.id, t.creditAccountId));
  await db
    .update(ledgerAccounts)
    .set({ balanceFen: sql`${ledgerAccounts.balanceFen} + ${t.amountFen}` })
    .where(eq(ledgerAccounts.id, t.debitAccountId));
}

export type ProgrammeBalances = {
  availableFen: number;
  walletFen: number;
  reservedFen: number;
  settledFen: number;
  issuedFen: number;
  expiredFen: number;
};

export async function programmeBalances(db: Db, programmeId: string): Promise<ProgrammeBalances> {
  const byKind = await db
    .select({ kind: ledgerAccounts.kind, fen: sql<number>`coalesce(sum(${ledgerAccounts.balanceFen}), 0)::bigint` })
    .from(ledgerAccounts)
    .where(eq(ledgerAccounts.programmeId, programmeId))
    .groupBy(ledgerAccounts.kind);
  const flows = await db
    .select({ kind: ledgerEntries.kind, fen: sql<number>`coalesce(sum(${ledgerEntries.amountFen}), 0)::bigint` })
    .from(ledgerEntries)
    .where(eq(ledgerEntries.programmeId, programmeId))
    .groupBy(ledgerEntries.kind);
  const k = (kind: string) => Number(byKind.find((r) => r.kind === kind)?.fen ?? 0);
  const f = (kind: string) => Number(flows.find((r) => r.kind === kind)?.fen ?? 0);
  return {
    availableFen: k('budget'),
    walletFen: k('wallet'),
    reservedFen: k('reserved'),
    settledFen: k('settled'),
    issuedFen: f('issue'),
    expiredFen: f('expire'),
  };
}

/** The invariants of security.md, checked from the rows themselves (used by the ledger route, tests and the bench). */
export async function ledgerCheck(db: Db, programmeId: string) {
  const programme = await findProgramme(db, programmeId);
  if (!programme) throw new Error('programme missing');
  const [sums] = await db
    .select({
      entries: sql<number>`count(*)::int`,
      total: sql<number>`coalesce(sum(${ledgerEntries.amountFen}), 0)::bigint`,
    })
    .from(ledgerEntries)
    .where(eq(ledgerEntries.programmeId, programmeId));
  // Stored balance = Σ debits − Σ credits, for every account of the programme.
  const mismatched = await db.execute(sql`
    select a.id from ledger_accounts a
    left join (select debit_account_id id, sum(amount_fen) s from ledger_entries where programme_id = ${programmeId} group by 1) d on d.id = a.id
    left join (select credit_account_id id, sum(amount_fen) s from ledger_entries where programme_id = ${programmeId} group by 1) c on c.id = a.id
    where a.programme_id = ${programmeId} and a.balance_fen <> coalesce(d.s, 0) - coalesce(c.s, 0)`);
  const [totals] = await db
    .select({
      sum: sql<number>`coalesce(sum(${ledgerAccounts.balanceFen}), 0)::bigint`,
      funding: sql<number>`coalesce(sum(${ledgerAccounts.balanceFen}) filter (where ${ledgerAccounts.kind} = 'funding'), 0)::bigint`,
      negative: sql<number>`count(*) filter (where ${ledgerAccounts.kind} <> 'funding' and ${ledgerAccounts.balanceFen} < 0)::int`,
    })
    .from(ledgerAccounts)
    .where(eq(ledgerAccounts.programmeId, programmeId));
  const [overCap] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(voucherEnterpriseTotals)
    .where(
      and(
        eq(voucherEnterpriseTotals.programmeId, programmeId),
        sql`${voucherEnterpriseTotals.awardedFen} > ${programme.capPerEnterpriseFen}`,
      ),
    );
  const balances = await programmeBalances(db, programmeId);
  const rowsOf = (r: unknown) => ((r as { rows?: unknown[] }).rows ?? (r as unknown[])).length;
  return {
    programmeId,
    balances,
    entries: Number(sums?.entries ?? 0),
    // Each entry has both legs; the accounts of a programme sum to zero and funding holds −budget.
    balanced: Number(totals?.sum ?? 0) === 0 && Number(totals?.funding ?? 0) === -programme.totalBudgetFen,
    withinBudget:
      Number(totals?.negative ?? 0) === 0 &&
      balances.walletFen + balances.reservedFen + balances.settledFen + balances.availableFen === programme.totalBudgetFen,
    withinCaps: Number(overCap?.n ?? 0) === 0,
    storedBalancesMatchEntries: rowsOf(mismatched) === 0,
  };
}

// ---------------------------------------------------------------------------------------------
// Enterprises and providers

export async function findEnterprise(db: Db, id: string) {
  const [row] = await db
    .select({
      id: enterprises.id,
      name: enterprises.name,
      townId: enterprises.townId,
      isTechSme: enterprises.isTechSme,
      isHighTech: enterprises.isHighTech,
    })
    .from(enterprises)
    .where(eq(enterprises.id, id));
  return row;
}

export async function findInstitution(db: Db, id: string) {
  const [row] = await db.select({ id: institutions.id, type: institutions.type }).from(institutions).where(eq(institutions.id, id));
  return row;
}

/** Adds to what the enterprise has been awarded; the CHECK against the copied cap refuses an excess (23514). */
export async function addAwarded(db: Db, programmeId: string, enterpriseId: string, amountFen: number, capFen: number) {
  await db
    .insert(voucherEnterpriseTotals)
    .values({ programmeId, enterpriseId, awardedFen: amountFen, capFen })
    .onConflictDoUpdate({
      target: [voucherEnterpriseTotals.programmeId, voucherEnterpriseTotals.enterpriseId],
      set: { awardedFen: sql`${voucherEnterpriseTotals.awardedFen} + ${amountFen}` },
    });
}

export async function awardedOf(db: Db, programmeId: string, enterpriseId: string): Promise<number> {
  const [row] = await db
    .select({ fen: voucherEnterpriseTotals.awardedFen })
    .from(voucherEnterpriseTotals)
    .where(and(eq(voucherEnterpriseTotals.programmeId, programmeId), eq(voucherEnterpriseTotals.enterpriseId, enterpriseId)));
  return row?.fen ?? 0;
}

// ---------------------------------------------------------------------------------------------
// Applications

const applicationView = {
  id: voucherApplications.id,
  programmeId: voucherApplications.programmeId,
  programmeName: voucherProgrammes.name,
  enterpriseId: voucherApplications.enterpriseId,
  enterpriseName: enterprises.name,
  townId: voucherApplications.townId,
  applicantUserId: voucherApplications.applicantUserId,
  plannedUse: voucherApplications.plannedUse,
  categories: voucherApplications.categories,
  amountFen: voucherApplications.amountFen,
  approvedFen: voucherApplications.approvedFen,
  status: voucherApplications.status,
  reason: voucherApplications.reason,
  comment: voucherApplications.comment,
  voucherId: voucherApplications.voucherId,
  createdAt: voucherApplications.createdAt,
  decidedAt: voucherApplications.decidedAt,
};
export async function insertApplication(db: Db, values: typeof voucherApplications.$inferInsert): Promise<string> {
  const [row] = await db.insert(voucherApplications).values(values).returning({ id: voucherApplications.id });
  return (row as { id: string }).id;
}

export async function findApplication(db: Db, id: string) {
  const [row] = await db
    .select(applicationView)
    .from(voucherApplications)
    .innerJoin(voucherProgrammes, eq(voucherProgrammes.id, voucherApplications.programmeId))
    .innerJoin(enterprises, eq(enterprises.id, voucherApplications.enterpriseId))
    .where(eq(voucherApplications.id, id));
  return row;
}
export type ApplicationView = NonNullable<Awaited<ReturnType<typeof findApplication>>>;

/** Moves an application only from one of `from`; false when it was no longer there. */
export async function transitionApplication(
  db: Db,
  id: string,
  from: readonly string[],
  set: Partial<typeof voucherApplications.$inferInsert>,
): Promise<boolean> {
  const rows = await db
    .update(voucherApplications)
    .set(set)
    .where(and(eq(voucherApplications.id, id), inArray(voucherApplications.status, [...from])))
    .returning({ id: voucherApplications.id });
  return rows.length > 0;
}

/** The application's steps from the audit trail (successful actions only), oldest first. */
export async function applicationHistory(db: Db, id: string) {
  return db
    .select({
      action: auditEvents.action,
      occurredAt: auditEvents.occurredAt,
      username: auditEvents.username,
      role: auditEvents.role,
      actorName: users.displayName,
      changes: auditEvents.changes,
    })
    .from(auditEvents)
    .leftJoin(users, eq(users.id, auditEvents.userId))
    .where(
      and(
        eq(auditEvents.targetType, 'voucherApplication'),
        eq(auditEvents.targetId, id),
        eq(auditEvents.result, 'success'),
        inArray(auditEvents.action, APPLICATION_ACTIONS),
      ),
    )
    .orderBy(auditEvents.occurredAt, auditEvents.id);
}
const APPLICATION_ACTIONS = ['create', 'forward', 'return', 'decline', 'approve'].map((a) => `voucher_application.${a}`);
export type ApplicationEventRow = Awaited<ReturnType<typeof applicationHistory>>[number];

export async function listApplications(db: Db, filter: ScopeFilter, q: z.infer<typeof applicationListQuerySchema>) {
  const where = and(
    scopeCondition(filter, { townId: voucherApplications.townId, enterpriseId: voucherApplications.enterpriseId }),
    q.status ? eq(voucherApplications.status, q.status) : undefined,
    q.programmeId ? eq(voucherApplications.programmeId, q.programmeId) : undefined,
  );
  const items = await db
    .select(applicationView)
    .from(voucherApplications)
    .innerJoin(voucherProgrammes, eq(voucherProgrammes.id, voucherApplications.programmeId))
    .innerJoin(enterprises, eq(enterprises.id, voucherApplications.enterpriseId))
    .where(where)
    .orderBy(desc(voucherApplications.createdAt), desc(voucherApplications.id))
    .limit(limitOffset(q).limit)
    .offset(limitOffset(q).offset);
  const [total] = await db.select({ n: count() }).from(voucherApplications).where(where);
  return { items, total: total?.n ?? 0 };
}

// ---------------------------------------------------------------------------------------------
// Vouchers and reservations

export async function insertVoucher(db: Db, values: typeof vouchers.$inferInsert): Promise<VoucherRow> {
  const [row] = await db.insert(vouchers).values(values).returning();
  return row as VoucherRow;
}

/** The row lock that serialises every movement of one voucher's value. */
export async function lockVoucher(db: Db, id: string): Promise<VoucherRow | undefined> {
  const [row] = await db.select().from(vouchers).where(eq(vouchers.id, id)).for('no key update');
  return row;
}

const voucherView = sql`
  select v.id, v.programme_id "programmeId", p.name "programmeName", v.enterprise_id "enterpriseId", e.name "enterpriseName",
    v.town_id "townId", v.face_value_fen::bigint "faceValueFen", v.ratio_bp "ratioBp", v.status, v.issued_at "issuedAt",
    v.expires_at "expiresAt",
    coalesce((select balance_fen from ledger_accounts a where a.programme_id = v.programme_id and a.key = 'wallet:' || v.id), 0)::bigint "remainingFen",
    coalesce((select balance_fen from ledger_accounts a where a.programme_id = v.programme_id and a.key = 'reserved:' || v.id), 0)::bigint "reservedFen",
    coalesce((select sum(settled_fen) from voucher_reservations r where r.voucher_id = v.id and r.status = 'settled'), 0)::bigint "settledFen"
  from vouchers v join voucher_programmes p on p.id = v.programme_id join enterprises e on e.id = v.enterprise_id`;

export type VoucherView = {
  id: string;
  programmeId: string;
  programmeName: string;
  enterpriseId: string;
  enterpriseName: string;
  townId: string;
  faceValueFen: number;
  ratioBp: number;
  status: string;
  issuedAt: Date;
  expiresAt: Date;
  remainingFen: number;
  reservedFen: number;
  settledFen: number;
};

const rowsOf = <T>(r: unknown): T[] => ((r as { rows?: T[] }).rows ?? (r as T[])) as T[];
function normaliseVoucher(r: Record<string, unknown>): VoucherView {
  return {
    ...(r as VoucherView),
    faceValueFen: Number(r.faceValueFen),
    remainingFen: Number(r.remainingFen),
    reservedFen: Number(r.reservedFen),
    settledFen: Number(r.settledFen),
    issuedAt: new Date(r.issuedAt as string),
    expiresAt: new Date(r.expiresAt as string),
  };
}

export async function findVoucher(db: Db, id: string): Promise<VoucherView | undefined> {
  const r = rowsOf<Record<string, unknown>>(await db.execute(sql`${voucherView} where v.id = ${id}`));
  return r[0] ? normaliseVoucher(r[0]) : undefined;
}

export async function listVouchers(db: Db, filter: ScopeFilter, q: z.infer<typeof voucherListQuerySchema>) {
  const conditions: SQL[] = [];
  const scope = scopeCondition(filter, { townId: sql`v.town_id`, enterpriseId: sql`v.enterprise_id` });
  if (scope) conditions.push(scope);
  if (q.status) conditions.push(sql`v.status = ${q.status}`);
  if (q.programmeId) conditions.push(sql`v.programme_id = ${q.programmeId}`);
  const where = conditions.length ? sql` where ${sql.join(conditions, sql` and `)}` : sql``;
  const { limit, offset } = limitOffset(q);
  const items = rowsOf<Record<string, unknown>>(
    await db.execute(sql`${voucherView}${where} order by v.issued_at desc, v.id limit ${limit} offset ${offset}`),
  ).map(normaliseVoucher);
  // Count and totals over the whole filter in one pass (an expired voucher's wallet is already empty).
  const [sums] = rowsOf<Record<string, unknown>>(
    await db.execute(sql`select count(*)::int n, coalesce(sum("faceValueFen"), 0)::bigint "faceValueFen",
      coalesce(sum("remainingFen"), 0)::bigint "remainingFen", coalesce(sum("reservedFen"), 0)::bigint "reservedFen",
      coalesce(sum("settledFen"), 0)::bigint "settledFen" from (${voucherView}${where}) x`),
  );
  const totals = {
    faceValueFen: Number(sums?.faceValueFen ?? 0),
    remainingFen: Number(sums?.remainingFen ?? 0),
    reservedFen: Number(sums?.reservedFen ?? 0),
    settledFen: Number(sums?.settledFen ?? 0),
  };
  return { items, total: Number(sums?.n ?? 0), totals };
}

export async function insertReservation(db: Db, values: typeof voucherReservations.$inferInsert): Promise<ReservationRow> {
  const [row] = await db.insert(voucherReservations).values(values).returning();
  return row as ReservationRow;
}

export async function findReservation(db: Db, id: string): Promise<ReservationRow | undefined> {
  const [row] = await db.select().from(voucherReservations).where(eq(voucherReservations.id, id));
  return row;
}

/** Resolves a reservation exactly once: only a 'reserved' one moves. */
export async function resolveReservation(db: Db, id: string, status: 'settled' | 'released' | 'expired', settledFen: number | null) {
  const rows = await db
    .update(voucherReservations)
    .set({ status, settledFen, resolvedAt: sql`now()` })
    .where(and(eq(voucherReservations.id, id), eq(voucherReservations.status, 'reserved')))
    .returning();
  return rows[0];
}

/** The order's reserved or settled reservation (at most one: voucher_reservations_order_uq). */
export async function liveReservationOfOrder(db: Db, orderId: string): Promise<ReservationRow | undefined> {
  const [row] = await db
    .select()
    .from(voucherReservations)
    .where(and(eq(voucherReservations.orderRef, orderId), inArray(voucherReservations.status, ['reserved', 'settled'])));
  return row;
}

/** Whether a submitted or verified claim rests on the reservation. */
export async function hasOpenClaim(db: Db, reservationId: string): Promise<boolean> {
  const r = await db.execute(
    sql`select 1 from voucher_claims where reservation_id = ${reservationId} and status in ('submitted', 'verified') limit 1`,
  );
  return rowsOf(r).length > 0;
}

export async function liveReservations(db: Db, voucherId: string): Promise<ReservationRow[]> {
  return db
    .select()
    .from(voucherReservations)
    .where(and(eq(voucherReservations.voucherId, voucherId), eq(voucherReservations.status, 'reserved')));
}

export async function expireVoucherRow(db: Db, id: string): Promise<boolean> {
  const rows = await db
    .update(vouchers)
    .set({ status: 'expired', expiredAt: sql`now()` })
    .where(and(eq(vouchers.id, id), eq(vouchers.status, 'active')))
    .returning({ id: vouchers.id });
  return rows.length > 0;
}

/** Active vouchers past validity, oldest first. */
export async function dueVoucherIds(db: Db, now: Date, limit: number): Promise<string[]> {
  const rows = await db
    .select({ id: vouchers.id })
    .from(vouchers)
    .where(and(eq(vouchers.status, 'active'), lte(vouchers.expiresAt, now)))
    .orderBy(vouchers.expiresAt)
    .limit(limit);
  return rows.map((r) => r.id);
}
