import { sql } from 'drizzle-orm';
import {
  bigint,
  check,
  customType,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
  varchar,
} from 'drizzle-orm/pg-core';
import { users } from './accounts.ts';
import { institutions, towns } from './organisations.ts';
import { resources } from './resources.ts';

/** Filled by platform/search from (title, body). */
const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

/**
 * An institution's membership of the service alliance (公共服务平台联盟): one row per institution;
 * a rejected institution may apply again (the row goes back to `applied`).
 */
export const allianceMemberships = pgTable(
  'alliance_memberships',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    institutionId: uuid('institution_id')
      .notNull()
      .references(() => institutions.id),
    status: varchar('status', { length: 16 }).notNull().default('applied'),
    statement: text('statement').notNull(),
    appliedBy: uuid('applied_by').references(() => users.id),
    decisionReason: text('decision_reason'),
    decidedBy: uuid('decided_by').references(() => users.id),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('alliance_memberships_institution_uq').on(t.institutionId),
    check('alliance_memberships_status', sql`${t.status} in ('applied', 'approved', 'rejected')`),
    index('alliance_memberships_status_idx').on(t.status),
  ],
);

/** One service a member institution offers (服务超市). Prices in fen; a fixed price has min = max. */
export const services = pgTable(
  'services',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    institutionId: uuid('institution_id')
      .notNull()
      .references(() => institutions.id),
    // Copied from the institution so that scope filters and facets need no join.
    townId: uuid('town_id')
      .notNull()
      .references(() => towns.id),
    category: varchar('category', { length: 24 }).notNull(),
    title: varchar('title', { length: 120 }).notNull(),
    description: text('description'),
    priceKind: varchar('price_kind', { length: 8 }).notNull(),
    priceMinFen: bigint('price_min_fen', { mode: 'number' }).notNull(),
    priceMaxFen: bigint('price_max_fen', { mode: 'number' }).notNull(),
    priceUnit: varchar('price_unit', { length: 8 }).notNull(),
    turnaroundDays: integer('turnaround_days').notNull(),
    status: varchar('status', { length: 16 }).notNull().default('draft'),
    searchVector: tsvector('search_vector'),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    publishedAt: timestamp('published_at', { withTimezone: true }),
  },
  (t) => [
    check(
      'services_category',
      sql`${t.category} in ('resource_sharing', 'information', 'rnd', 'testing', 'training', 'tech_transfer', 'ip')`,
    ),
    check('services_status', sql`${t.status} in ('draft', 'published', 'withdrawn')`),
    check('services_price_kind', sql`${t.priceKind} in ('fixed', 'range')`),
    check('services_price_unit', sql`${t.priceUnit} in ('item', 'sample', 'hour', 'project')`),
    check('services_price_range', sql`${t.priceMinFen} >= 0 and ${t.priceMinFen} <= ${t.priceMaxFen}`),
    check('services_turnaround', sql`${t.turnaroundDays} between 1 and 365`),
    index('services_institution_idx').on(t.institutionId),
    index('services_town_idx').on(t.townId),
    index('services_status_category_idx').on(t.status, t.category),
    index('services_search_idx').using('gin', t.searchVector),
  ],
);

/** The instruments and experts (resources of the same institution) a service uses. */
export const serviceResources = pgTable(
  'service_resources',
  {
    serviceId: uuid('service_id')
      .notNull()
      .references(() => services.id, { onDelete: 'cascade' }),
    resourceId: uuid('resource_id')
      .notNull()
      .references(() => resources.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.serviceId, t.resourceId] }), index('service_resources_resource_idx').on(t.resourceId)],
);
