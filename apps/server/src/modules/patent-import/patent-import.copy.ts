import { searchVectorLiteral } from '../../platform/search/search-vector.ts';
import type { PatentRow } from './patent-import.normalise.ts';

/**
 * One staged record as a line of PostgreSQL COPY text format, search vector included: the expensive
 * part of an import (jieba segmentation), run in worker threads for large files.
 */

/** The staging table's columns, in the order of a COPY line. */
export const STAGING_COLUMNS = [
  'import_id',
  'row',
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
  'events',
] as const;

const NEEDS_ESCAPE = /[\\\t\n\r]/;
const ESCAPES = /[\\\t\n\r]/g;
const ESCAPE_MAP: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

/** A value in COPY text format: backslash, tab and line ends escaped; null is \N. */
export function copyText(value: string | null): string {
  if (value === null) return '\\N';
  return NEEDS_ESCAPE.test(value) ? value.replace(ESCAPES, (c) => ESCAPE_MAP[c] as string) : value;
}

/** A text[] literal ({"a","b"}), every element quoted. */
export function arrayLiteral(values: readonly string[]): string {
  if (values.length === 0) return '{}';
  return `{${values.map((v) => `"${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`).join(',')}}`;
}

export type StagedRecord = { row: number; patent: PatentRow };

export function copyLine(importId: string, item: StagedRecord): string {
  const p = item.patent;
  const body = [p.abstract, p.claims].filter(Boolean).join('\n');
  const cells = [
    importId,
    String(item.row),
    p.id,
    copyText(p.applicationNumber),
    copyText(p.jurisdiction),
    copyText(p.publicationNumber),
    copyText(p.grantNumber),
    p.kind,
    copyText(p.title),
    copyText(p.abstract),
    copyText(p.claims),
    copyText(p.mainClass),
    copyText(arrayLiteral(p.ipcCodes)),
    copyText(arrayLiteral(p.locarnoCodes)),
    copyText(arrayLiteral(p.classPrefixes)),
    p.applicationDate,
    p.publicationDate ?? '\\N',
    p.grantDate ?? '\\N',
    p.legalStatus,
    p.legalStatusDate ?? '\\N',
    copyText(arrayLiteral(p.applicants)),
    copyText(arrayLiteral(p.owners)),
    copyText(arrayLiteral(p.inventors)),
    arrayLiteral(p.ownerEnterpriseIds),
    p.localApplicant ? 't' : 'f',
    p.townId ?? '\\N',
    copyText(p.applicantAddress),
    copyText(p.agency),
    p.feesPaidUntil ?? '\\N',
    copyText(searchVectorLiteral(p.title, body)),
    copyText(p.source),
    copyText(JSON.stringify(p.events)),
  ];
  return `${cells.join('\t')}\n`;
}

export function copyChunk(importId: string, items: readonly StagedRecord[]): string {
  let out = '';
  for (const item of items) out += copyLine(importId, item);
  return out;
}
