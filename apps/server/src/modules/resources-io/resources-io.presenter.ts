import type { ResourceImportResult } from '@innotown/contracts/resource-import';
import type { ExportRow } from './resources-io.repository.ts';
import type { ExportItem } from './resources-io.sheets.ts';

export const presentImportResult = (r: ResourceImportResult): ResourceImportResult => ({
  kind: r.kind,
  institutionId: r.institutionId,
  imported: r.imported,
  ids: r.ids,
});

/** The exported fields, one by one (no contact data: an export leaves the platform). */
export const presentExportRow = (r: ExportRow): ExportItem => ({
  id: r.id,
  kind: r.kind,
  name: r.name,
  model: r.model,
  manufacturer: r.manufacturer,
  category: r.category,
  summary: r.summary,
  institutionName: r.institution_name,
  townName: r.town_name,
  sharing: r.sharing,
  industries: r.industries ?? [],
  accreditations: r.accreditations ?? [],
  feeUnit: r.fee_unit,
  feeMinFen: r.fee_min_fen,
  feeMaxFen: r.fee_max_fen,
  originalValueFen: r.original_value_fen,
  purchaseYear: r.purchase_year,
  location: r.location,
  operatorRequired: r.operator_required,
  reviewStatus: r.review_status,
  publishedAt: r.published_at,
});
