import { z } from 'zod';
import { idSchema } from './common.ts';
import { indicatorDirections, progressStatuses, submissionStatuses } from './targets.ts';

/**
 * The annual report of target monitoring: the same contents as JSON (the web's preview) and as PDF.
 * Without `town` the city's report (a town admin: their own town's).
 */
export const targetReportQuerySchema = z
  .object({
    year: z.coerce.number().int().min(2000).max(2100),
    town: idSchema.optional(),
  })
  .strict();
export type TargetReportQuery = z.infer<typeof targetReportQuerySchema>;

const pointSchema = z.object({ year: z.number().int(), value: z.number() });

export const targetReportIndicatorSchema = z.object({
  code: z.string(),
  nameZh: z.string(),
  nameEn: z.string(),
  unit: z.string(),
  direction: z.enum(indicatorDirections),
  baseYear: z.number().int().nullable(),
  /** The value in the report's year (null: no approved figures or a zero denominator). */
  value: z.number().nullable(),
  /** A town's report: the city's value in the year, for comparison (null in the city's report). */
  cityValue: z.number().nullable(),
  status: z.enum(progressStatuses),
  base: pointSchema.nullable(),
  target: pointSchema.nullable(),
  /** Where the value should be in the report's year on the straight path from the base to the target. */
  expected: z.number().nullable(),
  forecast: pointSchema.nullable(),
  growthRate: z.number().nullable(),
  /** Values up to the report's year. */
  series: z.array(z.object({ year: z.number().int(), value: z.number().nullable() })),
  targets: z.array(pointSchema),
});
export type TargetReportIndicator = z.infer<typeof targetReportIndicatorSchema>;

export const targetReportSchema = z.object({
  year: z.number().int(),
  town: z.object({ id: idSchema, name: z.string() }).nullable(),
  generatedAt: z.string(),
  indicators: z.array(targetReportIndicatorSchema),
  /** Towns by composite innovation index in the year (highest first; null index last). */
  ranking: z.array(z.object({ townId: idSchema, townName: z.string(), index: z.number().nullable(), rank: z.number().int().nullable() })),
  townsReporting: z.number().int(),
  townCount: z.number().int(),
  /** The year's reporting period: deadline and the towns without approved figures (a town's report: only itself). */
  submissions: z.object({
    deadline: z.string().nullable(),
    towns: z.array(z.object({ townId: idSchema, townName: z.string(), status: z.enum(submissionStatuses).nullable(), late: z.boolean() })),
  }),
});
export type TargetReport = z.infer<typeof targetReportSchema>;

/** Rendering the PDF in the background: the web starts a job, polls it, then downloads the stored file. */
export const targetReportJobParamsSchema = z.object({ id: z.coerce.number().int().positive() }).strict();
export const targetReportJobSchema = z.object({
  id: z.number().int(),
  status: z.enum(['queued', 'running', 'done', 'failed']),
  /** 0–1. */
  progress: z.number(),
  /** The stored PDF (download through /api/v1/files/:id/content) once done. */
  fileId: idSchema.nullable(),
  filename: z.string().nullable(),
});
export type TargetReportJob = z.infer<typeof targetReportJobSchema>;
