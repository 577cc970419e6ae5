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
import { institutions, towns } from './organisations.ts';

/** Filled by platform/search from (title, body); the catalogue never parses it. */
const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

/** Weekly schedule: { mon: [['09:00', '17:30']], … }; bookings are validated against it. */
export type OpeningHours = Partial<Record<'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun', [string, string][]>>;

/**
 * One catalogue entry of the innovation resource database: an instrument, a lab, an expert or a
 * technology result, owned by an institution (and so by its town). Kind-specific details live in `specs`.
 */
export const resources = pgTable(
  'resources',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    kind: varchar('kind', { length: 16 }).notNull(),
    name: varchar('name', { length: 120 }).notNull(),
    summary: text('summary'),
    institutionId: uuid('institution_id')
      .notNull()
      .references(() => institutions.id),
    // Copied from the institution so that scope filters and search facets need no join.
    townId: uuid('town_id')
      .notNull()
      .references(() => towns.id),
    sharing: varchar('sharing', { length: 16 }).notNull().default('open'),
    reviewStatus: varchar('review_status', { length: 16 }).notNull().default('draft'),
    reviewComment: text('review_comment'),
    reviewedBy: uuid('reviewed_by').references(() => users.id),
    reviewedAt: timestamp('reviewed_at', { withTimezone: true }),
    industries: text('industries').array().notNull().default(sql`'{}'::text[]`),
    accreditations: text('accreditations').array().notNull().default(sql`'{}'::text[]`),
    feeUnit: varchar('fee_unit', { length: 8 }),
    feeMinFen: bigint('fee_min_fen', { mode: 'number' }),
    feeMaxFen: bigint('fee_max_fen', { mode: 'number' }),
    // Instruments: the base of the revenue rate in the open-sharing evaluation.
    originalValueFen: bigint('original_value_fen', { mode: 'number' }),
    purchaseYear: integer('purchase_year'),
    model: varchar('model', { length: 80 }),
    manufacturer: varchar('manufacturer', { length: 120 }),
    category: varchar('category', { length: 60 }),
    location: varchar('location', { length: 200 }),
    operatorRequired: boolean('operator_required').notNull().default(true),
    openingHours: jsonb('opening_hours').$type<OpeningHours>(),
    specs: jsonb('specs').$type<Record<string, unknown>>().notNull().default({}),
    contactName: varchar('contact_name', { length: 40 }),
    contactPhone: varchar('contact_phone', { length: 20 }),
    contactEmail: varchar('contact_email', { length: 120 }),
    photoFileIds: uuid('photo_file_ids').array().notNull().default(sql`'{}'::uuid[]`),
    searchVector: tsvector('search_vector'),
    // The title's part of the search document (weight A), kept by the database: the first ranking tier
    // is "every word in the title", and it needs its own index and statistics (docs/benchmarks.md).
    titleVector: tsvector('title_vector').generatedAlwaysAs(sql`ts_filter(search_vector, '{a}')`),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    publishedAt: timestamp('published_at', { withTimezone: true }),
  },
  (t) => [
    check('resources_kind', sql`${t.kind} in ('instrument', 'lab', 'expert', 'result')`),
    check('resources_sharing', sql`${t.sharing} in ('open', 'members', 'internal')`),
    check('resources_review_status', sql`${t.reviewStatus} in ('draft', 'submitted', 'published', 'rejected')`),
    check('resources_fee_unit', sql`${t.feeUnit} is null or ${t.feeUnit} in ('hour', 'sample', 'day')`),
    check('resources_fee_range', sql`${t.feeMinFen} is null or ${t.feeMaxFen} is null or ${t.feeMinFen} <= ${t.feeMaxFen}`),
    check(
      'resources_money_non_negative',
      sql`coalesce(${t.feeMinFen}, 0) >= 0 and coalesce(${t.feeMaxFen}, 0) >= 0 and coalesce(${t.originalValueFen}, 0) >= 0`,
    ),
    index('resources_review_sharing_idx').on(t.reviewStatus, t.sharing),
    index('resources_town_idx').on(t.townId),
    index('resources_institution_idx').on(t.institutionId),
    index('resources_kind_idx').on(t.kind),
    index('resources_search_idx').using('gin', t.searchVector),
    index('resources_title_search_idx').using('gin', t.titleVector),
    // The newest-first order of browsing and of each relevance tier: a search walks it and stops early.
    index('resources_newest_idx').on(t.publishedAt.desc().nullsLast(), t.createdAt.desc(), t.id),
    index('resources_fee_idx').on(t.feeMinFen.asc().nullsLast(), t.id),
    index('resources_name_trgm_idx').using('gin', sql`${t.name} gin_trgm_ops`),
  ],
);

/** How resources relate: an instrument is located in a lab, an expert leads a lab, a result uses an instrument. */
export const resourceLinks = pgTable(
  'resource_links',
  {
    fromResourceId: uuid('from_resource_id')
      .notNull()
      .references(() => resources.id, { onDelete: 'cascade' }),
    toResourceId: uuid('to_resource_id')
      .notNull()
      .references(() => resources.id, { onDelete: 'cascade' }),
    relation: varchar('relation', { length: 16 }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.fromResourceId, t.toResourceId, t.relation] }),
    check('resource_links_relation', sql`${t.relation} in ('located_in', 'leads', 'uses')`),
    check('resource_links_not_self', sql`${t.fromResourceId} <> ${t.toResourceId}`),
    index('resource_links_to_idx').on(t.toResourceId),
  ],
);
