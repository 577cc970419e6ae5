import { z } from 'zod';
import { idSchema } from './common.ts';
import { ipcPrefixSchema } from './patent-codes.ts';
import { patentIndustryCodes } from './patent-industries.ts';
import { patentKinds, patentLegalStatuses } from './patents.ts';

/**
 * Patent landscape (专利导航 / 专利分析): every chart's data for one filter. Without `from`/`to` the
 * last ten calendar years up to the current one. Filings are counted by application year, grants
 * by grant year, both within the period; the other charts count the patents filed in the period.
 */
export const LANDSCAPE_MAX_YEARS = 30;
export const LANDSCAPE_TOP = 15;

const yearSchema = z.coerce.number().int().min(1985).max(2100);

export const patentLandscapeQuerySchema = z
  .object({
    town: idSchema.optional(),
    industry: z.enum(patentIndustryCodes).optional(),
    /** An IPC prefix: section, class, subclass, main group or full code (F21V, F21V29/, F21V 29/70). */
    ipc: ipcPrefixSchema.optional(),
    /** Exactly one applicant's name as it appears on the patents. */
    applicant: z.string().trim().min(1).max(200).optional(),
    from: yearSchema.optional(),
    to: yearSchema.optional(),
  })
  .strict()
  .refine((q) => q.from === undefined || q.to === undefined || q.from <= q.to, { message: 'range_invalid', path: ['to'] })
  .refine((q) => q.from === undefined || q.to === undefined || q.to - q.from < LANDSCAPE_MAX_YEARS, {
    message: 'range_invalid',
    path: ['from'],
  });
export type PatentLandscapeQuery = z.infer<typeof patentLandscapeQuerySchema>;

const kindCountsSchema = z.object({
  invention: z.number().int(),
  utility_model: z.number().int(),
  design: z.number().int(),
  total: z.number().int(),
});
export type KindCounts = z.infer<typeof kindCountsSchema>;

const rankedSchema = z.object({ name: z.string(), count: z.number().int() });

export const landscapeClassSchema = z.object({
  code: z.string(),
  titleZh: z.string().nullable(),
  count: z.number().int(),
});

export const patentLandscapeSchema = z.object({
  filter: z.object({
    town: z.object({ id: idSchema, name: z.string(), nameEn: z.string() }).nullable(),
    industry: z.object({ code: z.string(), nameZh: z.string(), nameEn: z.string() }).nullable(),
    ipc: z.object({ code: z.string(), titleZh: z.string().nullable() }).nullable(),
    applicant: z.string().nullable(),
    from: z.number().int(),
    to: z.number().int(),
  }),
  generatedAt: z.string(),
  /** Patents filed in the period, by kind; granted = filed in the period and granted by now. */
  totals: z.object({
    filed: kindCountsSchema,
    granted: z.number().int(),
    inForce: z.number().int(),
    local: z.number().int(),
    outside: z.number().int(),
  }),
  /** One row per year of the period: filings by application year, grants by grant year; growth on the year before (null: no base). */
  years: z.array(
    z.object({
      year: z.number().int(),
      filed: kindCountsSchema,
      granted: kindCountsSchema,
      filedGrowth: z.number().nullable(),
      grantedGrowth: z.number().nullable(),
      inventionFiledGrowth: z.number().nullable(),
    }),
  ),
  /** Compound annual growth of filings from the first to the last year with filings (null: fewer than two such years). */
  filedCagr: z.number().nullable(),
  topApplicants: z.array(rankedSchema),
  topInventors: z.array(rankedSchema),
  /** IPC subclasses by patents (each patent once per subclass), the largest first, each with its main groups. */
  ipc: z.array(landscapeClassSchema.extend({ groups: z.array(landscapeClassSchema) })),
  /** Industries of the concordance by patents (a patent counts in each industry it maps to); `unmapped` maps to none. */
  industries: z.array(z.object({ code: z.string(), nameZh: z.string(), nameEn: z.string(), count: z.number().int() })),
  unmapped: z.number().int(),
  legalStatus: z.array(z.object({ status: z.enum(patentLegalStatuses), count: z.number().int() })),
  /**
   * The city's patent indicators per town and year (the filter's town, else every town with patents and
   * the city): invention applications filed in the year, valid invention patents at the year's end, and
   * the approved population of target monitoring; ratios are null without a population.
   */
  indicators: z.array(
    z.object({
      townId: idSchema.nullable(),
      townName: z.string(),
      townNameEn: z.string(),
      year: z.number().int(),
      population: z.number().nullable(),
      inventionApplications: z.number().int(),
      validInventions: z.number().int(),
      applicationsPerMillion: z.number().nullable(),
      validPer10k: z.number().nullable(),
    }),
  ),
});
export type PatentLandscape = z.infer<typeof patentLandscapeSchema>;
export type PatentLandscapeIndicator = PatentLandscape['indicators'][number];

export const patentLandscapeReportJobSchema = z.object({
  id: z.number().int(),
  status: z.enum(['queued', 'running', 'done', 'failed']),
  progress: z.number(),
  fileId: idSchema.nullable(),
  filename: z.string().nullable(),
});
export type PatentLandscapeReportJob = z.infer<typeof patentLandscapeReportJobSchema>;
export const patentLandscapeJobParamsSchema = z.object({ id: z.coerce.number().int().positive() }).strict();

export { patentKinds };
