import { bigint, boolean, index, integer, pgTable, smallint, text, timestamp, uuid, varchar } from 'drizzle-orm/pg-core';

/**
 * Pre-counted landscape figures (modules/patent-landscape): the patents counted once per town, year, facet and
 * dimension, so a town's landscape (no applicant filter; at most an IPC subclass or an industry) sums rows
 * instead of aggregating its ~100,000 patents on every request.
 *
 * dim: `filed` (year = application year, key = kind|legal_status|local 0/1|granted 0/1), `granted` (year = grant
 * year, key = kind), `applicant` / `inventor` (key = name), `class` (IPC subclass or main group `F21V29/`),
 * `industry` (concordance code, `-` for none), `valid` (local inventions: year = grant year, key = the year
 * they stopped being in force, '' while in force). town_id null: outside applicants.
 * facet: '' every patent; an IPC subclass (`F21V`): only the patents in it; `i:C387`: only the patents of that
 * industry. Facet rows hold every dim but `applicant` and `inventor` (names × facets would be most of the table;
 * the landscape counts those two live, within the facet's patents).
 */
export const patentLandscapeSummary = pgTable(
  'patent_landscape_summary',
  {
    townId: uuid('town_id'),
    year: integer('year').notNull(),
    facet: varchar('facet', { length: 12 }).notNull().default(''),
    dim: varchar('dim', { length: 12 }).notNull(),
    key: text('key').notNull(),
    n: integer('n').notNull(),
  },
  (t) => [
    index('patent_landscape_summary_idx').on(t.dim, t.facet, t.townId, t.year),
    // The slice refresh deletes one town-year.
    index('patent_landscape_summary_slice_idx').on(t.townId, t.year),
  ],
);

/**
 * The slices (town, year) whose summary rows no longer match the patents: statement triggers on `patents`
 * add one row per changed slice (both the old and the new row's, application year and grant year) in the
 * writer's transaction, and enqueue the refresh job. The landscape counts live any filter touching a dirty
 * slice; the refresh recomputes the slices it read and deletes exactly those rows (by id), so a slice marked
 * by a writer that committed meanwhile stays dirty. year null: everything (TRUNCATE, first install).
 */
export const patentLandscapeDirty = pgTable(
  'patent_landscape_dirty',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    townId: uuid('town_id'),
    year: integer('year'),
    /** The slice's grant-year rows (granted, valid) changed, which the indicators read for years before the period too. */
    byGrant: boolean('by_grant').notNull(),
  },
  (t) => [index('patent_landscape_dirty_slice_idx').on(t.townId, t.year)],
);

/**
 * One row (id 1): when the summary was last refreshed and how long it took; refreshers lock it (one at a time).
 */
export const patentLandscapeState = pgTable('patent_landscape_state', {
  id: smallint('id').primaryKey(),
  refreshedAt: timestamp('refreshed_at', { withTimezone: true }),
  refreshMs: integer('refresh_ms'),
});
