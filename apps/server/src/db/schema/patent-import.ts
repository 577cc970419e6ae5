import { boolean, customType, date, index, integer, jsonb, pgTable, text, uuid, varchar } from 'drizzle-orm/pg-core';

const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

/**
 * Staging of a patent import (issue 5): every checked record of a file is COPYed here first, keyed by
 * its import; only when the whole file is good are the rows merged into `patents` and `patent_events`
 * in one transaction (upsert by application number, events by import key), and the staging rows go.
 * A crash while staging leaves rows here and nothing in `patents`; they are swept when no import of
 * theirs is running. UNLOGGED (custom SQL in the migration): it is scratch space, not data to recover.
 * Columns mirror `patents`; `events` holds the record's legal-status events as JSON.
 */
export const patentImportRows = pgTable(
  'patent_import_rows',
  {
    importId: uuid('import_id').notNull(),
    row: integer('row').notNull(),
    id: uuid('id').notNull(),
    applicationNumber: varchar('application_number', { length: 40 }).notNull(),
    jurisdiction: varchar('jurisdiction', { length: 2 }).notNull(),
    publicationNumber: varchar('publication_number', { length: 40 }),
    grantNumber: varchar('grant_number', { length: 40 }),
    kind: varchar('kind', { length: 16 }).notNull(),
    title: text('title').notNull(),
    abstract: text('abstract'),
    claims: text('claims'),
    mainClass: varchar('main_class', { length: 24 }),
    ipcCodes: text('ipc_codes').array().notNull(),
    locarnoCodes: text('locarno_codes').array().notNull(),
    classPrefixes: text('class_prefixes').array().notNull(),
    applicationDate: date('application_date', { mode: 'string' }).notNull(),
    publicationDate: date('publication_date', { mode: 'string' }),
    grantDate: date('grant_date', { mode: 'string' }),
    legalStatus: varchar('legal_status', { length: 16 }).notNull(),
    legalStatusDate: date('legal_status_date', { mode: 'string' }),
    applicants: text('applicants').array().notNull(),
    owners: text('owners').array().notNull(),
    inventors: text('inventors').array().notNull(),
    ownerEnterpriseIds: uuid('owner_enterprise_ids').array().notNull(),
    localApplicant: boolean('local_applicant').notNull(),
    townId: uuid('town_id'),
    applicantAddress: text('applicant_address'),
    agency: varchar('agency', { length: 120 }),
    feesPaidUntil: date('fees_paid_until', { mode: 'string' }),
    searchVector: tsvector('search_vector'),
    source: varchar('source', { length: 16 }).notNull(),
    events: jsonb('events').notNull(),
  },
  (t) => [index('patent_import_rows_import_idx').on(t.importId)],
);
