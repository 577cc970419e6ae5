import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  customType,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  unique,
  uuid,
  varchar,
} from 'drizzle-orm/pg-core';
import { users } from './accounts.ts';
import { towns } from './organisations.ts';
import { files } from './platform.ts';

const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

/**
 * The patent database (专利数据库, issue 5). One row per application: a Chinese application number is
 * the normalised `202110123456.7` (check digit verified, packages/contracts/src/patent-codes.ts), a
 * foreign one is kept as given. Names are stored as arrays on the row (the search and the landscape
 * read them there); the local enterprises among the current owners are linked by credit code or exact
 * name in `owner_enterprise_ids`, which is what trading and the portfolio trust.
 */
export const patents = pgTable(
  'patents',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    applicationNumber: varchar('application_number', { length: 40 }).notNull(),
    /** ISO 3166 office code of the application: CN, US, EP, … */
    jurisdiction: varchar('jurisdiction', { length: 2 }).notNull().default('CN'),
    publicationNumber: varchar('publication_number', { length: 40 }),
    grantNumber: varchar('grant_number', { length: 40 }),
    kind: varchar('kind', { length: 16 }).notNull(),
    title: text('title').notNull(),
    abstract: text('abstract'),
    claims: text('claims'),
    /** Main classification: an IPC code (inventions, utility models) or a Locarno class (designs). */
    mainClass: varchar('main_class', { length: 24 }),
    /** Normalised IPC codes, `F21V29/503`. */
    ipcCodes: text('ipc_codes').array().notNull().default(sql`'{}'::text[]`),
    /** Locarno classes of a design, `26-05`. */
    locarnoCodes: text('locarno_codes').array().notNull().default(sql`'{}'::text[]`),
    /**
     * Every prefix a classification search may ask for, of every code: F, F21, F21V, F21V29/, F21V29/503
     * for IPC; LOC26, LOC26-05 for Locarno. `class_prefixes @> '{F21V29/}'` answers a prefix search from
     * the GIN index.
     */
    classPrefixes: text('class_prefixes').array().notNull().default(sql`'{}'::text[]`),
    applicationDate: date('application_date', { mode: 'string' }).notNull(),
    publicationDate: date('publication_date', { mode: 'string' }),
    grantDate: date('grant_date', { mode: 'string' }),
    /** Current legal status, kept in step with the latest legal-status event. */
    legalStatus: varchar('legal_status', { length: 16 }).notNull(),
    legalStatusDate: date('legal_status_date', { mode: 'string' }),
    applicants: text('applicants').array().notNull(),
    /** Current owners (patentees); equal to the applicants until a transfer. */
    owners: text('owners').array().notNull(),
    inventors: text('inventors').array().notNull().default(sql`'{}'::text[]`),
    /** Local enterprises among the current owners. */
    ownerEnterpriseIds: uuid('owner_enterprise_ids').array().notNull().default(sql`'{}'::uuid[]`),
    /** Whether an applicant is a local (Zhongshan) applicant: a linked enterprise or a Zhongshan address. */
    localApplicant: boolean('local_applicant').notNull().default(false),
    /** The town of the first local applicant; null for outside applicants. */
    townId: uuid('town_id').references(() => towns.id),
    applicantAddress: text('applicant_address'),
    agency: varchar('agency', { length: 120 }),
    /** Annual fees (年费) paid through this date; null when unknown. */
    feesPaidUntil: date('fees_paid_until', { mode: 'string' }),
    /** jieba tokens: title weight A, abstract and claims B (platform/search/search-vector.ts). */
    searchVector: tsvector('search_vector'),
    /** Where the record came from: csv, xlsx, xml (ST.36), seed, platform (a grant recorded by pre-examination). */
    source: varchar('source', { length: 16 }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('patents_application_number_key').on(t.applicationNumber),
    check('patents_kind', sql`${t.kind} in ('invention', 'utility_model', 'design')`),
    check(
      'patents_legal_status',
      sql`${t.legalStatus} in ('pending', 'granted', 'lapsed', 'invalidated', 'expired', 'rejected', 'withdrawn')`,
    ),
    check('patents_publication_after_application', sql`${t.publicationDate} is null or ${t.publicationDate} >= ${t.applicationDate}`),
    check('patents_grant_after_application', sql`${t.grantDate} is null or ${t.grantDate} >= ${t.applicationDate}`),
    check('patents_applicants', sql`cardinality(${t.applicants}) > 0`),
    // The word search's GIN indexes are on expressions of search_vector (patent_search_doc, patent_title_doc):
    // migration 0023's custom SQL creates them with their functions.
    index('patents_class_prefixes_idx').using('gin', t.classPrefixes),
    index('patents_owner_enterprises_idx').using('gin', t.ownerEnterpriseIds),
    index('patents_newest_idx').on(t.applicationDate.desc(), t.id),
    index('patents_town_date_idx').on(t.townId, t.applicationDate),
    index('patents_kind_date_idx').on(t.kind, t.applicationDate),
  ],
);

/**
 * Legal-status events over time (法律状态): filed, published, granted, lapsed, restored, transferred,
 * licensed, pledged, pledge released, invalidated, expired. `detail` holds the parties (`from`, `to`,
 * `licensee`, `licenceType`, `pledgee`, `amountFen`, `note`). `import_key` makes re-imports idempotent:
 * an imported event is written once per patent and key; events recorded by the platform itself
 * (trading, open licences, pre-examination) have none and point at their record through `ref_id`.
 */
export const patentEvents = pgTable(
  'patent_events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    patentId: uuid('patent_id')
      .notNull()
      .references(() => patents.id),
    eventDate: date('event_date', { mode: 'string' }).notNull(),
    kind: varchar('kind', { length: 24 }).notNull(),
    detail: jsonb('detail').$type<Record<string, unknown>>().notNull().default({}),
    source: varchar('source', { length: 16 }).notNull(),
    refId: uuid('ref_id'),
    importKey: varchar('import_key', { length: 200 }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check(
      'patent_events_kind',
      sql`${t.kind} in ('filed', 'published', 'granted', 'lapsed', 'restored', 'transferred', 'licensed', 'pledged', 'pledge_released', 'invalidated', 'expired')`,
    ),
    unique('patent_events_import_key').on(t.patentId, t.importKey),
    index('patent_events_patent_idx').on(t.patentId, t.eventDate),
  ],
);

/** One import of a patent file (CSV, Excel or ST.36 XML), run as a job; the web polls its progress. */
export const patentImports = pgTable(
  'patent_imports',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    format: varchar('format', { length: 8 }).notNull(),
    filename: varchar('filename', { length: 255 }).notNull(),
    fileId: uuid('file_id').references(() => files.id),
    status: varchar('status', { length: 12 }).notNull().default('queued'),
    /** Bytes of the file read so far and in all: the progress bar's measure (records are not known up front). */
    bytesTotal: integer('bytes_total').notNull().default(0),
    bytesRead: integer('bytes_read').notNull().default(0),
    recordsRead: integer('records_read').notNull().default(0),
    inserted: integer('inserted').notNull().default(0),
    updated: integer('updated').notNull().default(0),
    errorCount: integer('error_count').notNull().default(0),
    /** The row-by-row report (xlsx) when rows were refused. */
    reportFileId: uuid('report_file_id').references(() => files.id),
    errorMessage: text('error_message'),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    startedAt: timestamp('started_at', { withTimezone: true }),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [
    check('patent_imports_format', sql`${t.format} in ('csv', 'xlsx', 'xml')`),
    check('patent_imports_status', sql`${t.status} in ('queued', 'running', 'succeeded', 'failed')`),
    index('patent_imports_created_idx').on(t.createdAt),
  ],
);
