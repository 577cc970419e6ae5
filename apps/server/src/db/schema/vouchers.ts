import { sql } from 'drizzle-orm';
import { bigint, bigserial, check, date, index, integer, pgTable, text, timestamp, uniqueIndex, uuid, varchar } from 'drizzle-orm/pg-core';
import { users } from './accounts.ts';
import { enterprises, towns } from './organisations.ts';
import { serviceOrders } from './service-orders.ts';

/** A year's innovation-voucher programme, configured by the city. Money in fen. */
export const voucherProgrammes = pgTable(
  'voucher_programmes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    year: integer('year').notNull(),
    name: varchar('name', { length: 120 }).notNull(),
    status: varchar('status', { length: 16 }).notNull().default('open'),
    totalBudgetFen: bigint('total_budget_fen', { mode: 'number' }).notNull(),
    capPerEnterpriseFen: bigint('cap_per_enterprise_fen', { mode: 'number' }).notNull(),
    ratioTechSmeBp: integer('ratio_tech_sme_bp').notNull(),
    ratioHighTechBp: integer('ratio_high_tech_bp').notNull(),
    ratioDefaultBp: integer('ratio_default_bp').notNull(),
    categories: text('categories').array().notNull(),
    providerScope: varchar('provider_scope', { length: 16 }).notNull(),
    providerIds: uuid('provider_ids').array().notNull().default(sql`'{}'::uuid[]`),
    windowStart: date('window_start').notNull(),
    windowEnd: date('window_end').notNull(),
    validityDays: integer('validity_days').notNull(),
    claimant: varchar('claimant', { length: 16 }).notNull(),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('voucher_programmes_money', sql`${t.totalBudgetFen} > 0 and ${t.capPerEnterpriseFen} > 0`),
    check(
      'voucher_programmes_ratios',
      sql`${t.ratioTechSmeBp} between 1 and 10000 and ${t.ratioHighTechBp} between 1 and 10000 and ${t.ratioDefaultBp} between 1 and 10000`,
    ),
    check('voucher_programmes_window', sql`${t.windowEnd} >= ${t.windowStart}`),
  ],
);

/**
 * Ledger accounts, one row per (programme, key): 'funding' (the appropriation; the only account that
 * may go negative), 'budget' (not yet awarded), 'settled' (paid out), 'expired' (returned by expiry,
 * passes straight on to budget) and per voucher 'wallet:<id>' and 'reserved:<id>'. The stored balance
 * is Σ debits − Σ credits of the account's entries; the CHECK makes overspending impossible in the
 * database itself, whatever the code above does.
 */
export const ledgerAccounts = pgTable(
  'ledger_accounts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    programmeId: uuid('programme_id')
      .notNull()
      .references(() => voucherProgrammes.id),
    key: varchar('key', { length: 60 }).notNull(),
    kind: varchar('kind', { length: 16 }).notNull(),
    voucherId: uuid('voucher_id'),
    balanceFen: bigint('balance_fen', { mode: 'number' }).notNull().default(0),
  },
  (t) => [
    uniqueIndex('ledger_accounts_key_uq').on(t.programmeId, t.key),
    check('ledger_accounts_not_negative', sql`${t.kind} = 'funding' or ${t.balanceFen} >= 0`),
  ],
);

/**
 * Double-entry, append-only: each row moves `amount_fen` from the credit account to the debit
 * account of the same programme. A trigger (migration) refuses UPDATE, DELETE and TRUNCATE.
 */
export const ledgerEntries = pgTable(
  'ledger_entries',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    programmeId: uuid('programme_id')
      .notNull()
      .references(() => voucherProgrammes.id),
    debitAccountId: uuid('debit_account_id')
      .notNull()
      .references(() => ledgerAccounts.id),
    creditAccountId: uuid('credit_account_id')
      .notNull()
      .references(() => ledgerAccounts.id),
    amountFen: bigint('amount_fen', { mode: 'number' }).notNull(),
    /** fund | issue | reserve | release | settle | expire */
    kind: varchar('kind', { length: 16 }).notNull(),
    voucherId: uuid('voucher_id'),
    reservationId: uuid('reservation_id'),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('ledger_entries_positive', sql`${t.amountFen} > 0`),
    check('ledger_entries_two_sides', sql`${t.debitAccountId} <> ${t.creditAccountId}`),
    index('ledger_entries_programme_idx').on(t.programmeId),
  ],
);

export const voucherApplications = pgTable(
  'voucher_applications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    programmeId: uuid('programme_id')
      .notNull()
      .references(() => voucherProgrammes.id),
    enterpriseId: uuid('enterprise_id')
      .notNull()
      .references(() => enterprises.id),
    townId: uuid('town_id')
      .notNull()
      .references(() => towns.id),
    applicantUserId: uuid('applicant_user_id').references(() => users.id),
    plannedUse: text('planned_use').notNull(),
    categories: text('categories').array().notNull(),
    amountFen: bigint('amount_fen', { mode: 'number' }).notNull(),
    approvedFen: bigint('approved_fen', { mode: 'number' }),
    status: varchar('status', { length: 16 }).notNull().default('submitted'),
    reason: varchar('reason', { length: 24 }),
    comment: text('comment'),
    reviewedBy: uuid('reviewed_by').references(() => users.id),
    decidedBy: uuid('decided_by').references(() => users.id),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    voucherId: uuid('voucher_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check(
      'voucher_applications_amount',
      sql`${t.amountFen} > 0 and (${t.approvedFen} is null or ${t.approvedFen} between 1 and ${t.amountFen})`,
    ),
    index('voucher_applications_programme_idx').on(t.programmeId, t.status),
    index('voucher_applications_town_idx').on(t.townId),
  ],
);

/**
 * What each enterprise has been awarded in a programme. The cap is copied in so that a CHECK
 * refuses an award beyond it in the database, under any concurrency.
 */
export const voucherEnterpriseTotals = pgTable(
  'voucher_enterprise_totals',
  {
    programmeId: uuid('programme_id')
      .notNull()
      .references(() => voucherProgrammes.id),
    enterpriseId: uuid('enterprise_id')
      .notNull()
      .references(() => enterprises.id),
    awardedFen: bigint('awarded_fen', { mode: 'number' }).notNull(),
    capFen: bigint('cap_fen', { mode: 'number' }).notNull(),
  },
  (t) => [
    uniqueIndex('voucher_enterprise_totals_pk').on(t.programmeId, t.enterpriseId),
    check('voucher_enterprise_totals_cap', sql`${t.awardedFen} >= 0 and ${t.awardedFen} <= ${t.capFen}`),
  ],
);

export const vouchers = pgTable(
  'vouchers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    programmeId: uuid('programme_id')
      .notNull()
      .references(() => voucherProgrammes.id),
    applicationId: uuid('application_id').references(() => voucherApplications.id),
    enterpriseId: uuid('enterprise_id')
      .notNull()
      .references(() => enterprises.id),
    townId: uuid('town_id')
      .notNull()
      .references(() => towns.id),
    faceValueFen: bigint('face_value_fen', { mode: 'number' }).notNull(),
    ratioBp: integer('ratio_bp').notNull(),
    status: varchar('status', { length: 16 }).notNull().default('active'),
    issuedAt: timestamp('issued_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    expiredAt: timestamp('expired_at', { withTimezone: true }),
  },
  (t) => [
    check('vouchers_face_value', sql`${t.faceValueFen} > 0`),
    uniqueIndex('vouchers_application_uq').on(t.applicationId),
    index('vouchers_enterprise_idx').on(t.enterpriseId),
    index('vouchers_town_idx').on(t.townId),
    index('vouchers_expiry_idx').on(t.status, t.expiresAt),
  ],
);

/**
 * A voucher applied to a service order (`order_ref` → service_orders.id). One live or settled
 * reservation per order (partial unique index).
 */
export const voucherReservations = pgTable(
  'voucher_reservations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    voucherId: uuid('voucher_id')
      .notNull()
      .references(() => vouchers.id),
    programmeId: uuid('programme_id')
      .notNull()
      .references(() => voucherProgrammes.id),
    enterpriseId: uuid('enterprise_id').notNull(),
    townId: uuid('town_id').notNull(),
    orderRef: uuid('order_ref')
      .notNull()
      .references(() => serviceOrders.id),
    providerId: uuid('provider_id').notNull(),
    category: varchar('category', { length: 24 }).notNull(),
    orderPriceFen: bigint('order_price_fen', { mode: 'number' }).notNull(),
    amountFen: bigint('amount_fen', { mode: 'number' }).notNull(),
    settledFen: bigint('settled_fen', { mode: 'number' }),
    status: varchar('status', { length: 16 }).notNull().default('reserved'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
  },
  (t) => [
    check(
      'voucher_reservations_amount',
      sql`${t.amountFen} > 0 and (${t.settledFen} is null or ${t.settledFen} between 1 and ${t.amountFen})`,
    ),
    uniqueIndex('voucher_reservations_order_uq').on(t.orderRef).where(sql`${t.status} in ('reserved', 'settled')`),
    index('voucher_reservations_voucher_idx').on(t.voucherId, t.status),
    // The order page's subsidy (latest reservation of an order, whatever its status).
    index('voucher_reservations_order_idx').on(t.orderRef),
  ],
);
