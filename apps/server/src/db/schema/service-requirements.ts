import { sql } from 'drizzle-orm';
import { bigint, check, index, integer, pgTable, text, timestamp, uniqueIndex, uuid, varchar } from 'drizzle-orm/pg-core';
import { users } from './accounts.ts';
import { enterprises, institutions, towns } from './organisations.ts';
import { services } from './services.ts';

/**
 * A requirement (需求) an enterprise posts for alliance members to quote on (市镇联动: every town's providers see it).
 * open → awarded (one quote accepted, an order created) | cancelled (by the enterprise) | expired (the job).
 * Budget in fen; the town is the enterprise's, copied for the town admin's scope.
 */
export const serviceRequirements = pgTable(
  'service_requirements',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    enterpriseId: uuid('enterprise_id')
      .notNull()
      .references(() => enterprises.id),
    townId: uuid('town_id')
      .notNull()
      .references(() => towns.id),
    category: varchar('category', { length: 24 }).notNull(),
    title: varchar('title', { length: 120 }).notNull(),
    description: text('description').notNull(),
    budgetMinFen: bigint('budget_min_fen', { mode: 'number' }),
    budgetMaxFen: bigint('budget_max_fen', { mode: 'number' }),
    // Quotes are taken until this moment (the end of the chosen Shanghai day).
    quoteDeadline: timestamp('quote_deadline', { withTimezone: true }).notNull(),
    attachmentFileIds: uuid('attachment_file_ids').array().notNull().default(sql`'{}'::uuid[]`),
    status: varchar('status', { length: 16 }).notNull().default('open'),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('service_requirements_status', sql`${t.status} in ('open', 'awarded', 'cancelled', 'expired')`),
    check(
      'service_requirements_category',
      sql`${t.category} in ('resource_sharing', 'information', 'rnd', 'testing', 'training', 'tech_transfer', 'ip')`,
    ),
    check(
      'service_requirements_budget',
      sql`(${t.budgetMinFen} is null or ${t.budgetMinFen} >= 0) and (${t.budgetMaxFen} is null or ${t.budgetMaxFen} >= 0)
        and (${t.budgetMinFen} is null or ${t.budgetMaxFen} is null or ${t.budgetMinFen} <= ${t.budgetMaxFen})`,
    ),
    index('service_requirements_enterprise_idx').on(t.enterpriseId),
    index('service_requirements_town_idx').on(t.townId),
    index('service_requirements_open_idx').on(t.category, t.quoteDeadline).where(sql`${t.status} = 'open'`),
  ],
);

/**
 * A provider institution's quote on a requirement, with one of its published services in the requirement's category.
 * submitted → accepted | declined (reason from quoteDeclineReasons) | withdrawn. One live quote per institution.
 */
export const requirementQuotes = pgTable(
  'requirement_quotes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    requirementId: uuid('requirement_id')
      .notNull()
      .references(() => serviceRequirements.id),
    institutionId: uuid('institution_id')
      .notNull()
      .references(() => institutions.id),
    serviceId: uuid('service_id')
      .notNull()
      .references(() => services.id),
    priceFen: bigint('price_fen', { mode: 'number' }).notNull(),
    turnaroundDays: integer('turnaround_days').notNull(),
    note: text('note'),
    status: varchar('status', { length: 16 }).notNull().default('submitted'),
    declineReason: varchar('decline_reason', { length: 24 }),
    declineComment: text('decline_comment'),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => users.id),
    decidedBy: uuid('decided_by').references(() => users.id),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('requirement_quotes_status', sql`${t.status} in ('submitted', 'accepted', 'declined', 'withdrawn')`),
    check('requirement_quotes_price', sql`${t.priceFen} >= 0`),
    check('requirement_quotes_turnaround', sql`${t.turnaroundDays} between 1 and 365`),
    check(
      'requirement_quotes_decline_reason',
      sql`${t.declineReason} is null or ${t.declineReason} in ('price_too_high', 'too_slow', 'not_matching', 'other_quote_chosen', 'other')`,
    ),
    check('requirement_quotes_declined_has_reason', sql`(${t.status} = 'declined') = (${t.declineReason} is not null)`),
    // One live quote per provider per requirement; a withdrawn or declined one may be followed by a new one.
    uniqueIndex('requirement_quotes_live_uq').on(t.requirementId, t.institutionId).where(sql`${t.status} in ('submitted', 'accepted')`),
    // At most one accepted quote per requirement, whatever the code does.
    uniqueIndex('requirement_quotes_accepted_uq').on(t.requirementId).where(sql`${t.status} = 'accepted'`),
    index('requirement_quotes_institution_idx').on(t.institutionId),
  ],
);
