import { sql } from 'drizzle-orm';
import { bigint, check, index, integer, pgTable, text, timestamp, uniqueIndex, uuid, varchar } from 'drizzle-orm/pg-core';
import { users } from './accounts.ts';
import { bookings } from './bookings.ts';
import { enterprises, institutions, towns } from './organisations.ts';
import { files } from './platform.ts';
import { serviceOrders } from './service-orders.ts';
import { voucherProgrammes, voucherReservations, vouchers } from './vouchers.ts';

/**
 * A post-subsidy claim (后补助申领) on a voucher reservation, filed after the order is completed:
 * submitted → verified (town admin) → settled (city) | rejected (town or city; the reservation is
 * released). Money in fen. The order's parties and town are copied for the scope filters. When the
 * service uses a shared instrument, `booking_id` names the booking whose recorded usage backs the
 * claim and the usage_* columns keep a snapshot of that record and of the limit it gave.
 */
export const voucherClaims = pgTable(
  'voucher_claims',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    reservationId: uuid('reservation_id')
      .notNull()
      .references(() => voucherReservations.id),
    orderId: uuid('order_id')
      .notNull()
      .references(() => serviceOrders.id),
    programmeId: uuid('programme_id')
      .notNull()
      .references(() => voucherProgrammes.id),
    voucherId: uuid('voucher_id')
      .notNull()
      .references(() => vouchers.id),
    enterpriseId: uuid('enterprise_id')
      .notNull()
      .references(() => enterprises.id),
    townId: uuid('town_id')
      .notNull()
      .references(() => towns.id),
    institutionId: uuid('institution_id')
      .notNull()
      .references(() => institutions.id),
    claimantRole: varchar('claimant_role', { length: 16 }).notNull(),
    claimedFen: bigint('claimed_fen', { mode: 'number' }).notNull(),
    invoiceFileId: uuid('invoice_file_id')
      .notNull()
      .references(() => files.id),
    evidenceFileIds: uuid('evidence_file_ids').array().notNull(),
    bookingId: uuid('booking_id').references(() => bookings.id),
    // Snapshot of the recorded usage at claim time: what was used, the listed fee, and the limit it gives.
    usageMinutes: integer('usage_minutes'),
    usageSamples: integer('usage_samples'),
    usageFeeUnit: varchar('usage_fee_unit', { length: 8 }),
    usageFeeFen: bigint('usage_fee_fen', { mode: 'number' }),
    usageValueFen: bigint('usage_value_fen', { mode: 'number' }),
    usageLimitFen: bigint('usage_limit_fen', { mode: 'number' }),
    status: varchar('status', { length: 16 }).notNull().default('submitted'),
    reason: varchar('reason', { length: 24 }),
    comment: text('comment'),
    note: text('note'),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => users.id),
    verifiedBy: uuid('verified_by').references(() => users.id),
    verifiedAt: timestamp('verified_at', { withTimezone: true }),
    settledBy: uuid('settled_by').references(() => users.id),
    settledAt: timestamp('settled_at', { withTimezone: true }),
    rejectedBy: uuid('rejected_by').references(() => users.id),
    rejectedAt: timestamp('rejected_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('voucher_claims_amount', sql`${t.claimedFen} > 0`),
    check('voucher_claims_status', sql`${t.status} in ('submitted', 'verified', 'settled', 'rejected')`),
    check('voucher_claims_claimant', sql`${t.claimantRole} in ('provider', 'enterprise')`),
    check(
      'voucher_claims_reason',
      sql`(${t.status} = 'rejected') = (${t.reason} is not null) and (${t.reason} is null or ${t.reason} in ('evidence_missing', 'amount_above_usage', 'invoice_mismatch', 'not_eligible', 'not_delivered', 'other'))`,
    ),
    check('voucher_claims_evidence', sql`cardinality(${t.evidenceFileIds}) >= 1`),
    check('voucher_claims_usage_limit', sql`${t.usageLimitFen} is null or ${t.claimedFen} <= ${t.usageLimitFen}`),
    // At most one claim per reservation that is not rejected: a rejected claim leaves room for none (its
    // reservation is released), but the history stays.
    uniqueIndex('voucher_claims_reservation_uq').on(t.reservationId).where(sql`${t.status} <> 'rejected'`),
    // A booking's recorded usage backs one live claim only.
    uniqueIndex('voucher_claims_booking_uq').on(t.bookingId).where(sql`${t.bookingId} is not null and ${t.status} <> 'rejected'`),
    index('voucher_claims_town_idx').on(t.townId, t.status),
    index('voucher_claims_institution_idx').on(t.institutionId, t.status),
    index('voucher_claims_enterprise_idx').on(t.enterpriseId, t.status),
    index('voucher_claims_order_idx').on(t.orderId),
  ],
);
