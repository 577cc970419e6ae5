import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  customType,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
  varchar,
} from 'drizzle-orm/pg-core';
import { users } from './accounts.ts';
import { enterprises, institutions, towns } from './organisations.ts';
import { resources } from './resources.ts';

/** A PostgreSQL tstzrange, read and written as its text form ('["2026-09-21 01:00:00+00","…")'). */
const tstzrange = customType<{ data: string }>({ dataType: () => 'tstzrange' });

/**
 * A request to use an instrument: a time slot (self-service or operator-assisted) or samples sent
 * for a test (no slot). Two confirmed slots of one instrument never overlap: the exclusion
 * constraint `bookings_no_overlap` (hand-written in migration 0004, drizzle cannot express it) decides.
 */
export const bookings = pgTable(
  'bookings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    resourceId: uuid('resource_id')
      .notNull()
      .references(() => resources.id),
    enterpriseId: uuid('enterprise_id')
      .notNull()
      .references(() => enterprises.id),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    // Copied from the instrument so that scope filters (owner, town) need no join.
    institutionId: uuid('institution_id')
      .notNull()
      .references(() => institutions.id),
    townId: uuid('town_id')
      .notNull()
      .references(() => towns.id),
    mode: varchar('mode', { length: 20 }).notNull(),
    period: tstzrange('period'),
    sampleCount: integer('sample_count'),
    purpose: text('purpose').notNull(),
    sampleDetails: text('sample_details'),
    quotedFeeFen: bigint('quoted_fee_fen', { mode: 'number' }),
    quotedFeeMaxFen: bigint('quoted_fee_max_fen', { mode: 'number' }),
    status: varchar('status', { length: 16 }).notNull().default('requested'),
    decisionReason: text('decision_reason'),
    decidedBy: uuid('decided_by').references(() => users.id),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
    cancelledLate: boolean('cancelled_late'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('bookings_mode', sql`${t.mode} in ('self_service', 'operator_assisted', 'sample', 'consultation')`),
    check(
      'bookings_status',
      sql`${t.status} in ('requested', 'confirmed', 'rejected', 'cancelled', 'usage_recorded', 'disputed', 'completed', 'no_show')`,
    ),
    // A slot booking has a period, a sample test has a count and no period.
    check(
      'bookings_period_or_samples',
      sql`(${t.mode} = 'sample') = (${t.period} is null) and (${t.mode} <> 'sample' or ${t.sampleCount} > 0)`,
    ),
    check('bookings_period_not_empty', sql`${t.period} is null or not isempty(${t.period})`),
    check('bookings_fee_non_negative', sql`coalesce(${t.quotedFeeFen}, 0) >= 0 and coalesce(${t.quotedFeeMaxFen}, 0) >= 0`),
    index('bookings_resource_idx').on(t.resourceId, t.status),
    index('bookings_enterprise_idx').on(t.enterpriseId, t.createdAt),
    index('bookings_institution_idx').on(t.institutionId, t.status),
    index('bookings_town_idx').on(t.townId),
  ],
);

/** Who has been trained on which instrument: the condition for self-service bookings. */
export const instrumentTrainings = pgTable(
  'instrument_trainings',
  {
    resourceId: uuid('resource_id')
      .notNull()
      .references(() => resources.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    trainedAt: timestamp('trained_at', { withTimezone: true }).notNull().defaultNow(),
    trainedBy: uuid('trained_by')
      .notNull()
      .references(() => users.id),
  },
  (t) => [primaryKey({ columns: [t.resourceId, t.userId] }), index('instrument_trainings_user_idx').on(t.userId)],
);

export type ExtraCharge = { kind: string; amountFen: number; note: string | null };

/**
 * What was actually used, recorded by the owner after the slot (one row per booking, replaced when
 * the owner corrects a disputed record). Money in integer fen; the database refuses negatives,
 * also inside the list of extra charges. This is what the sharing statistics count.
 */
export const bookingUsages = pgTable(
  'booking_usages',
  {
    bookingId: uuid('booking_id')
      .primaryKey()
      .references(() => bookings.id),
    minutes: integer('minutes').notNull(),
    sampleCount: integer('sample_count'),
    feeFen: bigint('fee_fen', { mode: 'number' }).notNull(),
    extraCharges: jsonb('extra_charges').$type<ExtraCharge[]>().notNull().default([]),
    extraFen: bigint('extra_fen', { mode: 'number' }).notNull().default(0),
    recordedBy: uuid('recorded_by')
      .notNull()
      .references(() => users.id),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
    confirmedBy: uuid('confirmed_by').references(() => users.id),
    confirmedAt: timestamp('confirmed_at', { withTimezone: true }),
    disputeReason: text('dispute_reason'),
    disputedAt: timestamp('disputed_at', { withTimezone: true }),
  },
  (t) => [
    check('booking_usages_minutes', sql`${t.minutes} >= 0`),
    check('booking_usages_samples', sql`${t.sampleCount} is null or ${t.sampleCount} >= 0`),
    check('booking_usages_money_non_negative', sql`${t.feeFen} >= 0 and ${t.extraFen} >= 0`),
    check(
      'booking_usages_extra_charges',
      sql`jsonb_typeof(${t.extraCharges}) = 'array' and not jsonb_path_exists(${t.extraCharges}, '$[*] ? (@.amountFen < 0)')`,
    ),
  ],
);
