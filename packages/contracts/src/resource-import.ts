import { z } from 'zod';
import { resourceKinds } from './resources.ts';

/**
 * Spreadsheet import and export of the resource catalogue. One template per kind; an import loads every
 * row or none and answers with a row-by-row report. Imported resources are drafts of the institution.
 */
export const RESOURCE_IMPORT_MAX_ROWS = 5_000;
export const RESOURCE_IMPORT_MAX_BYTES = 10 * 1024 * 1024;
/** Exports stop here: a larger result must be narrowed by its filters first. */
export const RESOURCE_EXPORT_MAX_ROWS = 10_000;
/** The report lists at most this many issues (the count says how many there were). */
export const RESOURCE_IMPORT_MAX_ISSUES = 1_000;

export const resourceKindParamsSchema = z.object({ kind: z.enum(resourceKinds) }).strict();
export const resourceTemplateQuerySchema = z
  .object({ format: z.enum(['xlsx', 'csv']).default('xlsx').describe('xlsx (with explanations and drop-down lists) or csv') })
  .strict();

/** The multipart fields of an import next to the file. */
export const resourceImportFieldsSchema = z
  .object({
    kind: z.enum(resourceKinds),
    /** City admins name the institution the rows belong to; providers import for their own (may be omitted). */
    institutionId: z.uuid().optional(),
  })
  .strict();

export const resourceImportIssueSchema = z.object({
  /** The spreadsheet row (the header is row 1), or null for a problem of the whole file. */
  row: z.number().int().nullable(),
  /** The column's key (name, feeMinFen, specs.level, …), or null. */
  column: z.string().nullable(),
  /** The column as the template's header names it (名称 / name). */
  columnLabel: z.string().nullable(),
  value: z.string().nullable(),
  messageZh: z.string(),
  messageEn: z.string(),
});
export type ResourceImportIssue = z.infer<typeof resourceImportIssueSchema>;

export const resourceImportReportSchema = z.object({
  kind: z.enum(resourceKinds),
  /** Data rows read (blank rows are skipped). */
  rows: z.number().int(),
  issueCount: z.number().int(),
  issues: z.array(resourceImportIssueSchema).max(RESOURCE_IMPORT_MAX_ISSUES),
});
export type ResourceImportReport = z.infer<typeof resourceImportReportSchema>;

export const resourceImportResultSchema = z.object({
  kind: z.enum(resourceKinds),
  institutionId: z.uuid(),
  imported: z.number().int(),
  /** The new drafts' ids, in the order of the file's rows. */
  ids: z.array(z.uuid()),
});
export type ResourceImportResult = z.infer<typeof resourceImportResultSchema>;

/** The body of the report download: the report an import answered with, rendered as .xlsx. */
export const resourceImportReportBodySchema = z
  .object({
    kind: z.enum(resourceKinds),
    rows: z.number().int().min(0).max(1_000_000),
    issueCount: z.number().int().min(0).max(1_000_000),
    issues: z
      .array(
        z
          .object({
            row: z.number().int().nullable(),
            column: z.string().max(60).nullable(),
            columnLabel: z.string().max(120).nullable(),
            value: z.string().max(500).nullable(),
            messageZh: z.string().max(500),
            messageEn: z.string().max(500),
          })
          .strict(),
      )
      .max(RESOURCE_IMPORT_MAX_ISSUES),
  })
  .strict();
