import { z } from 'zod';
import { idSchema } from './common.ts';

/**
 * The Excel template of a town's statistics for a period (one row per statistic: code, name, unit,
 * last year's value, the value, an explanation) and its upload: every row checked with the form's
 * rules; either the whole draft is saved or nothing, and the answer carries a row-by-row report.
 */

export const submissionTemplateQuerySchema = z
  .object({
    periodId: idSchema,
    /** A city admin downloads for a named town; a town admin for their own. */
    townId: idSchema.optional(),
  })
  .strict();

export const submissionImportFieldsSchema = z
  .object({
    periodId: idSchema,
    townId: idSchema.optional(),
  })
  .strict();

export const submissionImportIssueSchema = z.object({
  /** The spreadsheet row (the header is row 1), or null for a problem of the whole file. */
  row: z.number().int().nullable(),
  statisticCode: z.string().nullable(),
  /** value or explanation, or null. */
  column: z.string().nullable(),
  value: z.string().nullable(),
  messageZh: z.string(),
  messageEn: z.string(),
});
export type SubmissionImportIssue = z.infer<typeof submissionImportIssueSchema>;

export const submissionImportReportSchema = z.object({
  rows: z.number().int(),
  issues: z.array(submissionImportIssueSchema),
});
export type SubmissionImportReport = z.infer<typeof submissionImportReportSchema>;
