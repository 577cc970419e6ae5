import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  doublePrecision,
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

const timestamps = {
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
};

export const towns = pgTable('towns', {
  id: uuid('id').primaryKey().defaultRandom(),
  code: varchar('code', { length: 12 }).notNull().unique(),
  name: varchar('name', { length: 30 }).notNull().unique(),
  nameEn: varchar('name_en', { length: 60 }).notNull(),
  kind: varchar('kind', { length: 16 }).notNull(),
  industries: text('industries').array().notNull().default(sql`'{}'::text[]`),
  description: text('description'),
  population: integer('population'),
  longitude: doublePrecision('longitude'),
  latitude: doublePrecision('latitude'),
  ...timestamps,
});

export const institutions = pgTable(
  'institutions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: varchar('name', { length: 120 }).notNull().unique(),
    type: varchar('type', { length: 32 }).notNull(),
    level: varchar('level', { length: 16 }).notNull(),
    townId: uuid('town_id')
      .notNull()
      .references(() => towns.id),
    creditCode: varchar('credit_code', { length: 18 }).unique(),
    description: text('description'),
    website: varchar('website', { length: 200 }),
    ...timestamps,
  },
  (t) => [index('institutions_town_idx').on(t.townId), index('institutions_type_idx').on(t.type)],
);

export const enterprises = pgTable(
  'enterprises',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: varchar('name', { length: 120 }).notNull(),
    creditCode: varchar('credit_code', { length: 18 }).notNull(),
    industryCode: varchar('industry_code', { length: 5 }).notNull(),
    townId: uuid('town_id')
      .notNull()
      .references(() => towns.id),
    sizeClass: varchar('size_class', { length: 8 }).notNull(),
    isHighTech: boolean('is_high_tech').notNull().default(false),
    isTechSme: boolean('is_tech_sme').notNull().default(false),
    isAboveScale: boolean('is_above_scale').notNull().default(false),
    address: varchar('address', { length: 200 }),
    description: text('description'),
    contactName: varchar('contact_name', { length: 40 }),
    contactPhone: varchar('contact_phone', { length: 20 }),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('enterprises_credit_code_uq').on(t.creditCode),
    index('enterprises_town_idx').on(t.townId),
    index('enterprises_name_idx').on(t.name),
  ],
);

/** One row per enterprise and year; money in integer fen. */
export const enterpriseAnnualFigures = pgTable(
  'enterprise_annual_figures',
  {
    enterpriseId: uuid('enterprise_id')
      .notNull()
      .references(() => enterprises.id, { onDelete: 'cascade' }),
    year: integer('year').notNull(),
    revenueFen: bigint('revenue_fen', { mode: 'number' }).notNull(),
    rdExpenditureFen: bigint('rd_expenditure_fen', { mode: 'number' }).notNull(),
    employees: integer('employees').notNull(),
    rdStaff: integer('rd_staff').notNull(),
    highTechOutputFen: bigint('high_tech_output_fen', { mode: 'number' }).notNull(),
    ...timestamps,
  },
  (t) => [
    primaryKey({ columns: [t.enterpriseId, t.year] }),
    check(
      'figures_non_negative',
      sql`${t.revenueFen} >= 0 and ${t.rdExpenditureFen} >= 0 and ${t.employees} >= 0 and ${t.rdStaff} >= 0 and ${t.highTechOutputFen} >= 0`,
    ),
    check('figures_rd_staff', sql`${t.rdStaff} <= ${t.employees}`),
  ],
);
