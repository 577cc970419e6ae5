import { bigint, index, integer, pgTable, smallint, text, timestamp, uuid, varchar } from 'drizzle-orm/pg-core';

/**
 * Pre-counted landscape figures (modules/patent-landscape): the patents counted once per town, year and
 * dimension, so a town's landscape (no class, industry or applicant filter) sums a few thousand rows
 * instead of aggregating its ~100,000 patents on every request. Rebuilt by refreshLandscapeSummary
 * (the importer calls it after a file; a job runs it when the landscape finds it stale).
 *
 * dim: `filed` (year = application year, key = kind|legal_status|local 0/1|granted 0/1), `granted` (year = grant
 * year, key = kind), `applicant` / `inventor` (key = name), `class` (IPC subclass or main group `F21V29/`),
 * `industry` (concordance code, `-` for none), `valid` (local inventions: year = grant year, key = the year
 * they stopped being in force, '' while in force). town_id null: outside applicants.
 */
export const patentLandscapeSummary = pgTable(
  'patent_landscape_summary',
  {
    townId: uuid('town_id'),
    year: integer('year').notNull(),
    dim: varchar('dim', { length: 12 }).notNull(),
    key: text('key').notNull(),
    n: integer('n').notNull(),
  },
  (t) => [index('patent_landscape_summary_idx').on(t.dim, t.townId, t.year)],
);

/**
 * One row (id 1): the value of the sequence `patent_landscape_changes` (advanced by a statement trigger on
 * every write to `patents`) that the summary was built at. Equal to the sequence's value → the summary is fresh.
 */
export const patentLandscapeState = pgTable('patent_landscape_state', {
  id: smallint('id').primaryKey(),
  changeSeq: bigint('change_seq', { mode: 'number' }).notNull(),
  refreshedAt: timestamp('refreshed_at', { withTimezone: true }),
  refreshMs: integer('refresh_ms'),
});
