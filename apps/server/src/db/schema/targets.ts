import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
  varchar,
} from 'drizzle-orm/pg-core';
import { users } from './accounts.ts';
import { towns } from './organisations.ts';

/**
 * Target monitoring (行动目标监测). Towns report base statistics per period; approved figures feed
 * indicators whose formulas are data (modules/targets/formula); targets are set per year for the
 * city and optionally per town.
 */

/** The base statistics a formula may name: reported by towns, or computed by the platform (source 'platform'). */
export const statistics = pgTable(
  'statistics',
  {
    code: varchar('code', { length: 60 }).primaryKey(),
    nameZh: varchar('name_zh', { length: 120 }).notNull(),
    nameEn: varchar('name_en', { length: 160 }).notNull(),
    unit: varchar('unit', { length: 16 }).notNull(),
    source: varchar('source', { length: 16 }).notNull().default('submitted'),
    /** Plausible range in the statistic's unit: a value outside is refused (most often a wrong unit). */
    minValue: doublePrecision('min_value').notNull().default(0),
    maxValue: doublePrecision('max_value').notNull(),
    /** A change against the previous year beyond this many percent needs an explanation. */
    yoyThresholdPct: integer('yoy_threshold_pct').notNull().default(30),
    required: boolean('required').notNull().default(true),
    sortOrder: integer('sort_order').notNull().default(0),
  },
  (t) => [
    check('statistics_source', sql`${t.source} in ('submitted', 'platform')`),
    check('statistics_range', sql`${t.maxValue} > ${t.minValue}`),
    check('statistics_threshold', sql`${t.yoyThresholdPct} between 1 and 1000`),
  ],
);

export const indicators = pgTable(
  'indicators',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    code: varchar('code', { length: 60 }).notNull().unique(),
    nameZh: varchar('name_zh', { length: 120 }).notNull(),
    nameEn: varchar('name_en', { length: 160 }).notNull(),
    unit: varchar('unit', { length: 16 }).notNull(),
    formula: text('formula').notNull(),
    direction: varchar('direction', { length: 8 }).notNull().default('higher'),
    /** The year progress is measured from (the plan: 2014), for the "where we should be by now" line. */
    baseYear: integer('base_year'),
    /** Whether the composite innovation index includes it. */
    inIndex: boolean('in_index').notNull().default(false),
    version: integer('version').notNull().default(1),
    updatedBy: uuid('updated_by').references(() => users.id),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check('indicators_direction', sql`${t.direction} in ('higher', 'lower')`)],
);

/** Every saved version of an indicator (definition and its targets), append-only: the history of who changed what. */
export const indicatorRevisions = pgTable(
  'indicator_revisions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    indicatorId: uuid('indicator_id')
      .notNull()
      .references(() => indicators.id),
    version: integer('version').notNull(),
    snapshot: jsonb('snapshot').notNull(),
    changedBy: uuid('changed_by').references(() => users.id),
    changedAt: timestamp('changed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique('indicator_revisions_version_uq').on(t.indicatorId, t.version)],
);

/** A target value for a year: the city's (town_id null) or one town's. */
export const indicatorTargets = pgTable(
  'indicator_targets',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    indicatorId: uuid('indicator_id')
      .notNull()
      .references(() => indicators.id),
    townId: uuid('town_id').references(() => towns.id),
    year: integer('year').notNull(),
    value: doublePrecision('value').notNull(),
  },
  (t) => [
    unique('indicator_targets_uq').on(t.indicatorId, t.townId, t.year).nullsNotDistinct(),
    check('indicator_targets_year', sql`${t.year} between 2000 and 2100`),
  ],
);

/** A reporting period: a year, or a quarter of it; open for submissions until closed. */
export const reportingPeriods = pgTable(
  'reporting_periods',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    year: integer('year').notNull(),
    quarter: integer('quarter'),
    deadline: date('deadline', { mode: 'string' }).notNull(),
    status: varchar('status', { length: 8 }).notNull().default('open'),
  },
  (t) => [
    unique('reporting_periods_uq').on(t.year, t.quarter).nullsNotDistinct(),
    check('reporting_periods_quarter', sql`${t.quarter} is null or ${t.quarter} between 1 and 4`),
    check('reporting_periods_status', sql`${t.status} in ('open', 'closed')`),
  ],
);

/**
 * A town's figures for a period, one row per version: a correction after approval is a new version
 * (the old one becomes superseded when the new one is approved), so the history shows who changed what.
 */
export const statisticSubmissions = pgTable(
  'statistic_submissions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    periodId: uuid('period_id')
      .notNull()
      .references(() => reportingPeriods.id),
    townId: uuid('town_id')
      .notNull()
      .references(() => towns.id),
    version: integer('version').notNull(),
    status: varchar('status', { length: 12 }).notNull().default('draft'),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    submittedBy: uuid('submitted_by').references(() => users.id),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    reviewedBy: uuid('reviewed_by').references(() => users.id),
    reviewedAt: timestamp('reviewed_at', { withTimezone: true }),
    reviewComment: text('review_comment'),
  },
  (t) => [
    unique('statistic_submissions_version_uq').on(t.periodId, t.townId, t.version),
    check('statistic_submissions_status', sql`${t.status} in ('draft', 'submitted', 'returned', 'approved', 'superseded')`),
    // At most one version in the works (draft, submitted or returned) and one approved per town and period.
    uniqueIndex('statistic_submissions_open_uq').on(t.periodId, t.townId).where(sql`${t.status} in ('draft', 'submitted', 'returned')`),
    uniqueIndex('statistic_submissions_approved_uq').on(t.periodId, t.townId).where(sql`${t.status} = 'approved'`),
    index('statistic_submissions_town_idx').on(t.townId),
  ],
);

export const submissionValues = pgTable(
  'submission_values',
  {
    submissionId: uuid('submission_id')
      .notNull()
      .references(() => statisticSubmissions.id),
    statisticCode: varchar('statistic_code', { length: 60 })
      .notNull()
      .references(() => statistics.code),
    value: doublePrecision('value').notNull(),
    /** Required when the change against the previous year exceeds the statistic's threshold. */
    explanation: text('explanation'),
  },
  (t) => [unique('submission_values_uq').on(t.submissionId, t.statisticCode)],
);

/**
 * Deadline reminders already sent: one row per (period, town, kind). The reminder job inserts the
 * row and the notifications in one transaction, so however many instances run it, each reminder
 * goes out exactly once (the unique key decides; the loser inserts nothing and notifies no one).
 */
export const targetReminders = pgTable(
  'target_reminders',
  {
    periodId: uuid('period_id')
      .notNull()
      .references(() => reportingPeriods.id),
    townId: uuid('town_id')
      .notNull()
      .references(() => towns.id),
    /** due_7: a week before the deadline; due_1: the day before; overdue: after it passed. */
    kind: varchar('kind', { length: 8 }).notNull(),
    sentAt: timestamp('sent_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('target_reminders_uq').on(t.periodId, t.townId, t.kind),
    check('target_reminders_kind', sql`${t.kind} in ('due_7', 'due_1', 'overdue')`),
  ],
);
