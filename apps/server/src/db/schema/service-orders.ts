import { sql } from 'drizzle-orm';
import { bigint, boolean, check, index, integer, pgTable, text, timestamp, uniqueIndex, uuid, varchar } from 'drizzle-orm/pg-core';
import { users } from './accounts.ts';
import { enterprises, institutions, towns } from './organisations.ts';
import { serviceRequirements } from './service-requirements.ts';
import { services } from './services.ts';

/**
 * A service order (服务订单): an enterprise orders a published service of an alliance member.
 * requested → quoted → accepted → in_progress → delivered → completed | disputed → closed; cancelled.
 * Prices in fen. The enterprise's town is copied for the town admin's scope; the provider's institution
 * changes only when a town admin dispatches an overdue order to another member's service.
 */
export const serviceOrders = pgTable(
  'service_orders',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    serviceId: uuid('service_id')
      .notNull()
      .references(() => services.id),
    institutionId: uuid('institution_id')
      .notNull()
      .references(() => institutions.id),
    enterpriseId: uuid('enterprise_id')
      .notNull()
      .references(() => enterprises.id),
    townId: uuid('town_id')
      .notNull()
      .references(() => towns.id),
    status: varchar('status', { length: 16 }).notNull().default('requested'),
    needs: text('needs').notNull(),
    quantity: integer('quantity').notNull(),
    quotedPriceFen: bigint('quoted_price_fen', { mode: 'number' }),
    quoteNote: text('quote_note'),
    quoteOutsideRange: boolean('quote_outside_range'),
    resultFileIds: uuid('result_file_ids').array().notNull().default(sql`'{}'::uuid[]`),
    rating: integer('rating'),
    ratingComment: text('rating_comment'),
    disputeReason: text('dispute_reason'),
    decision: varchar('decision', { length: 16 }),
    decisionNote: text('decision_note'),
    // When the SLA for a quote runs out (2 working days after the request, or after a dispatch).
    quoteDueAt: timestamp('quote_due_at', { withTimezone: true }).notNull(),
    escalatedAt: timestamp('escalated_at', { withTimezone: true }),
    createdBy: uuid('created_by').references(() => users.id),
    // Set when the order came from an accepted quote on a requirement (需求).
    requirementId: uuid('requirement_id').references(() => serviceRequirements.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check(
      'service_orders_status',
      sql`${t.status} in ('requested', 'quoted', 'accepted', 'in_progress', 'delivered', 'completed', 'disputed', 'closed', 'cancelled')`,
    ),
    check('service_orders_quantity', sql`${t.quantity} between 1 and 100000`),
    check('service_orders_price', sql`${t.quotedPriceFen} is null or ${t.quotedPriceFen} >= 0`),
    check('service_orders_rating', sql`${t.rating} is null or ${t.rating} between 1 and 5`),
    check('service_orders_decision', sql`${t.decision} is null or ${t.decision} in ('refund', 'partial', 'upheld')`),
    index('service_orders_institution_idx').on(t.institutionId, t.status),
    index('service_orders_enterprise_idx').on(t.enterpriseId),
    index('service_orders_town_idx').on(t.townId),
    uniqueIndex('service_orders_requirement_uq').on(t.requirementId).where(sql`${t.requirementId} is not null`),
    index('service_orders_due_idx').on(t.quoteDueAt).where(sql`${t.status} = 'requested' and ${t.escalatedAt} is null`),
  ],
);

/** The history of an order: every transition with its time, actor and note (append-only). */
export const orderEvents = pgTable(
  'order_events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orderId: uuid('order_id')
      .notNull()
      .references(() => serviceOrders.id),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    actorUserId: uuid('actor_user_id').references(() => users.id),
    actorRole: varchar('actor_role', { length: 16 }).notNull(),
    fromStatus: varchar('from_status', { length: 16 }),
    toStatus: varchar('to_status', { length: 16 }).notNull(),
    note: text('note'),
  },
  (t) => [index('order_events_order_idx').on(t.orderId, t.at)],
);
