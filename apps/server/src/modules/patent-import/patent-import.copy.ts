import { searchVectorLiteral } from '../../platform/search/search-vector.ts';
import type { PatentRow } from './patent-import.normalise.ts';

/**
 * One staged record as a line of PostgreSQL COPY text format, search vector included: the expensive
 * part of an import (jieba segmentation), run in worker threads for large files.
 */

/** The columns of `patents` an import writes, in the order of a COPY line. */
export const PATENT_COPY_COLUMNS = [
  'id',
  'application_number',
  'jurisdiction',
  'publication_number',
  'grant_number',
  'kind',
  'title',
  'abstract',
  'claims',
  'main_class',
  'ipc_codes',
  'locarno_codes',
  'class_prefixes',
  'application_date',
  'publication_date',
  'grant_date',
  'legal_status',
  'legal_status_date',
  'applicants',
  'owners',
  'inventors',
  'owner_enterprise_ids',
  'local_applicant',
  'town_id',
  'applicant_address',
  'agency',
  'fees_paid_until',
  'search_vector',
  'source',
] as const;

/** The staging table's columns: the import and row, a patent line, the events as JSON. */
export const STAGING_COLUMNS = ['import_id', 'row', ...PATENT_COPY_COLUMNS, 'events'] as const;

/** The columns of `patent_events` an import writes (id and created_at are the table's defaults). */
export const EVENT_COPY_COLUMNS = ['patent_id', 'event_date', 'kind', 'detail', 'source', 'import_key'] as const;

const NEEDS_ESCAPE = /[\\\t\n\r]/;
const ESCAPES = /[\\\t\n\r]/g;
const ESCAPE_MAP: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

/** A value in COPY text format: backslash, tab and line ends escaped; null is \N. */
export function copyText(value: string | null): string {
  if (value === null) return '\\N';
  return NEEDS_ESCAPE.test(value) ? value.replace(ESCAPES, (c) => ESCAPE_MAP[c] as string) : value;
}

const NEEDS_QUOTE_ESCAPE = /["\\]/;
/** A text[] literal ({"a","b"}), every element quoted. */
export function arrayLiteral(values: readonly string[]): string {
  if (values.length === 0) return '{}';
  let out = '{';
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as string;
    out += `${i > 0 ? ',' : ''}"${NEEDS_QUOTE_ESCAPE.test(v) ? v.replace(/\\/g, '\\\\').replace(/"/g, '\\"') : v}"`;
  }
  return `${out}}`;
}

export type StagedRecord = { row: number; patent: PatentRow };

/** A record's `patents` cells (PATENT_COPY_COLUMNS) as one COPY line, without the line end. */
export function patentLine(p: PatentRow): string {
  const body = p.abstract && p.claims ? `${p.abstract}\n${p.claims}` : (p.abstract ?? p.claims ?? '');
  return (
    `${p.id}\t${copyText(p.applicationNumber)}\t${copyText(p.jurisdiction)}\t${copyText(p.publicationNumber)}\t` +
    `${copyText(p.grantNumber)}\t${p.kind}\t${copyText(p.title)}\t${copyText(p.abstract)}\t${copyText(p.claims)}\t` +
    `${copyText(p.mainClass)}\t${copyText(arrayLiteral(p.ipcCodes))}\t${copyText(arrayLiteral(p.locarnoCodes))}\t` +
    `${copyText(arrayLiteral(p.classPrefixes))}\t${p.applicationDate}\t${p.publicationDate ?? '\\N'}\t${p.grantDate ?? '\\N'}\t` +
    `${p.legalStatus}\t${p.legalStatusDate ?? '\\N'}\t${copyText(arrayLiteral(p.applicants))}\t${copyText(arrayLiteral(p.owners))}\t` +
    `${copyText(arrayLiteral(p.inventors))}\t${arrayLiteral(p.ownerEnterpriseIds)}\t${p.localApplicant ? 't' : 'f'}\t` +
    `${p.townId ?? '\\N'}\t${copyText(p.applicantAddress)}\t${copyText(p.agency)}\t${p.feesPaidUntil ?? '\\N'}\t` +
    `${copyText(searchVectorLiteral(p.title, body))}\t${copyText(p.source)}`
  );
}

/** A record's events as the staging table's JSON cell (COPY text). */
export function eventsCell(p: PatentRow): string {
  return copyText(JSON.stringify(p.events));
}

/** A staging line: the import, the row, the patent cells (`patentLine`), the events (`eventsCell`). */
export function stagingLine(importId: string, row: number, line: string, events: string): string {
  return `${importId}\t${row}\t${line}\t${events}\n`;
}

/** A record's `patent_events` lines (EVENT_COPY_COLUMNS). */
export function eventLines(p: PatentRow): string {
  let out = '';
  const source = copyText(p.source);
  for (const e of p.events) {
    out += `${p.id}\t${e.eventDate}\t${e.kind}\t${copyText(JSON.stringify(e.detail))}\t${source}\t${copyText(e.importKey)}\n`;
  }
  return out;
}

/** A batch as staging COPY text (what the import wrote for every record before the direct path). */
export function copyChunk(importId: string, items: readonly StagedRecord[]): string {
  let out = '';
  for (const item of items) out += stagingLine(importId, item.row, patentLine(item.patent), eventsCell(item.patent));
  return out;
}

/**
 * A batch ready for the database: one `patents` COPY line per record, in the batch's order, and the
 * `patent_events` COPY lines of all of them (each starts with its patent's id). The pipeline sends the
 * lines of new patents straight to `patents` and wraps the lines of existing ones for staging.
 */
export type PreparedBatch = { patents: string; events: string };

export function preparedBatch(items: readonly StagedRecord[]): PreparedBatch {
  let patents = '';
  let events = '';
  for (const item of items) {
    patents += `${patentLine(item.patent)}\n`;
    events += eventLines(item.patent);
  }
  return { patents, events };
}
