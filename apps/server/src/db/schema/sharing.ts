import { sql } from 'drizzle-orm';
import { bigint, check, date, index, integer, pgTable, text, timestamp, uuid, varchar } from 'drizzle-orm/pg-core';
import { users } from './accounts.ts';
import { institutions, towns } from './organisations.ts';
import { resources } from './resources.ts';

/**
 * Use of an instrument by the owner institution's own staff (not a booking): recorded by the owner
 * with the hours and the internal income (内部收入) it booked for it. Counted by the open-sharing
 * statistics as effective, non-external machine-hours.
 */
export const internalUsages = pgTable(
  'internal_usages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    resourceId: uuid('resource_id')
      .notNull()
      .references(() => resources.id),
    // Copied from the instrument so that scope filters and aggregates need no join.
    institutionId: uuid('institution_id')
      .notNull()
      .references(() => institutions.id),
    townId: uuid('town_id')
      .notNull()
      .references(() => towns.id),
    usedOn: date('used_on', { mode: 'string' }).notNull(),
    minutes: integer('minutes').notNull(),
    incomeFen: bigint('income_fen', { mode: 'number' }).notNull().default(0),
    note: text('note'),
    recordedBy: uuid('recorded_by')
      .notNull()
      .references(() => users.id),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('internal_usages_minutes', sql`${t.minutes} > 0 and ${t.minutes} <= 44640`),
    check('internal_usages_income_non_negative', sql`${t.incomeFen} >= 0`),
    index('internal_usages_resource_idx').on(t.resourceId, t.usedOn),
    index('internal_usages_used_on_idx').on(t.usedOn),
  ],
);

/**
 * A planned purchase of an instrument filed by an institution (新购仪器查重): the reviewer (town admin
 * of the institution's town, or the city) sees similar instruments already in the city and decides.
 */
export const purchaseReviews = pgTable(
  'purchase_reviews',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    institutionId: uuid('institution_id')
      .notNull()
      .references(() => institutions.id),
    townId: uuid('town_id')
      .notNull()
      .references(() => towns.id),
    name: varchar('name', { length: 120 }).notNull(),
    model: varchar('model', { length: 80 }),
    category: varchar('category', { length: 60 }),
    keywords: varchar('keywords', { length: 200 }),
    budgetFen: bigint('budget_fen', { mode: 'number' }).notNull(),
    reason: text('reason').notNull(),
    status: varchar('status', { length: 16 }).notNull().default('submitted'),
    decisionComment: text('decision_comment'),
    decidedBy: uuid('decided_by').references(() => users.id),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('purchase_reviews_status', sql`${t.status} in ('submitted', 'approved', 'rejected')`),
    check('purchase_reviews_budget_positive', sql`${t.budgetFen} > 0`),
    // A rejection always says why.
    check('purchase_reviews_reject_reason', sql`${t.status} <> 'rejected' or ${t.decisionComment} is not null`),
    index('purchase_reviews_institution_idx').on(t.institutionId, t.createdAt),
    index('purchase_reviews_town_idx').on(t.townId, t.status),
  ],
);
