import { sql } from 'drizzle-orm';
import { bigint, check, date, index, integer, pgTable, text, timestamp, unique, uuid, varchar } from 'drizzle-orm/pg-core';
import { users } from './accounts.ts';
import { towns } from './organisations.ts';

/**
 * Funding tracking (资金投入保障): the special funds of the plan's programmes per year and town (or
 * the city itself), in fen. Vouchers are not recorded here: their figures come from the vouchers
 * ledger (modules/funding reads it), never typed.
 */

/** One allocation, commitment or disbursement, append-only; optionally linked to the record that spent it. */
export const fundingRecords = pgTable(
  'funding_records',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    year: integer('year').notNull(),
    programme: varchar('programme', { length: 24 }).notNull(),
    /** Null: a city-level fund. */
    townId: uuid('town_id').references(() => towns.id),
    kind: varchar('kind', { length: 16 }).notNull(),
    amountFen: bigint('amount_fen', { mode: 'number' }).notNull(),
    recordDate: date('record_date', { mode: 'string' }).notNull(),
    note: text('note'),
    /** What spent it: a voucher programme or an institution (e.g. a service platform). */
    linkType: varchar('link_type', { length: 24 }),
    linkId: uuid('link_id'),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('funding_records_amount', sql`${t.amountFen} > 0`),
    check('funding_records_year', sql`${t.year} between 2000 and 2100`),
    check('funding_records_kind', sql`${t.kind} in ('allocation', 'commitment', 'disbursement')`),
    check('funding_records_programme', sql`${t.programme} in ('service_platforms', 'key_projects', 'parks_incubators', 'talent')`),
    check(
      'funding_records_link',
      sql`(${t.linkType} is null and ${t.linkId} is null) or (${t.linkType} in ('voucher_programme', 'institution') and ${t.linkId} is not null)`,
    ),
    index('funding_records_line_idx').on(t.year, t.programme, t.townId),
    index('funding_records_town_idx').on(t.townId),
  ],
);

/**
 * The running totals of one fund line (year, programme, town or city), updated in the same
 * transaction as each record. The CHECK keeps disbursed ≤ committed ≤ allocated in the database
 * itself: two concurrent records meet on this row's lock, and the second one that would break it fails.
 */
export const fundingBalances = pgTable(
  'funding_balances',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    year: integer('year').notNull(),
    programme: varchar('programme', { length: 24 }).notNull(),
    townId: uuid('town_id').references(() => towns.id),
    allocatedFen: bigint('allocated_fen', { mode: 'number' }).notNull().default(0),
    committedFen: bigint('committed_fen', { mode: 'number' }).notNull().default(0),
    disbursedFen: bigint('disbursed_fen', { mode: 'number' }).notNull().default(0),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('funding_balances_line_uq').on(t.year, t.programme, t.townId).nullsNotDistinct(),
    check(
      'funding_balances_order',
      sql`0 <= ${t.disbursedFen} and ${t.disbursedFen} <= ${t.committedFen} and ${t.committedFen} <= ${t.allocatedFen}`,
    ),
  ],
);
