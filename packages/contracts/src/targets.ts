import { z } from 'zod';
import { idSchema, optionalText, text } from './common.ts';

/**
 * Target monitoring (行动目标监测): base statistics reported by towns per period, indicators whose
 * formulas are data, targets per year for the city and optionally per town.
 */

export const statisticSources = ['submitted', 'platform'] as const;
export const indicatorDirections = ['higher', 'lower'] as const;
export const submissionStatuses = ['draft', 'submitted', 'returned', 'approved', 'superseded'] as const;
export type SubmissionStatus = (typeof submissionStatuses)[number];
export const periodStatuses = ['open', 'closed'] as const;

/** Largest figure a town may report, in any unit: beyond this it is a typing error. */
export const STATISTIC_VALUE_MAX = 1e12;

export const statisticSchema = z.object({
  code: z.string(),
  nameZh: z.string(),
  nameEn: z.string(),
  unit: z.string(),
  source: z.enum(statisticSources),
  minValue: z.number(),
  maxValue: z.number(),
  yoyThresholdPct: z.number().int(),
  required: z.boolean(),
});
export type Statistic = z.infer<typeof statisticSchema>;
export const statisticListSchema = z.object({ items: z.array(statisticSchema) });

// ---------------------------------------------------------------------------------------------
// Reporting periods

export const periodSchema = z.object({
  id: idSchema,
  year: z.number().int(),
  quarter: z.number().int().nullable(),
  deadline: z.string(),
  status: z.enum(periodStatuses),
});
export type ReportingPeriod = z.infer<typeof periodSchema>;
export const periodListSchema = z.object({ items: z.array(periodSchema) });
export const periodCreateSchema = z
  .object({
    year: z.number().int().min(2000).max(2100),
    quarter: z.number().int().min(1).max(4).nullish(),
    deadline: z.iso.date(),
  })
  .strict();

// ---------------------------------------------------------------------------------------------
// Submissions

const valueSchema = z
  .object({
    value: z.number({ message: 'not_a_number' }).min(-STATISTIC_VALUE_MAX).max(STATISTIC_VALUE_MAX),
    explanation: optionalText(1000),
  })
  .strict();

/** Saving a draft: the town's figures for a period (partial is fine until submitted). */
export const submissionSaveSchema = z
  .object({
    periodId: idSchema,
    /** Town admins save for their own town; the field lets a city admin act for a town. */
    townId: idSchema.optional(),
    values: z.record(z.string().max(60), valueSchema),
  })
  .strict();
export type SubmissionSave = z.infer<typeof submissionSaveSchema>;

export const submissionReturnSchema = z.object({ comment: text(2000) }).strict();
export const submissionApproveSchema = z.object({ comment: optionalText(2000) }).strict();

export const submissionValueSchema = z.object({
  statisticCode: z.string(),
  value: z.number(),
  explanation: z.string().nullable(),
  /** The approved value of the year before, for the form's comparison column. */
  previousYearValue: z.number().nullable(),
});

export const submissionSchema = z.object({
  id: idSchema,
  periodId: idSchema,
  year: z.number().int(),
  quarter: z.number().int().nullable(),
  townId: idSchema,
  townName: z.string(),
  version: z.number().int(),
  status: z.enum(submissionStatuses),
  createdAt: z.string(),
  submittedAt: z.string().nullable(),
  submittedByName: z.string().nullable(),
  reviewedAt: z.string().nullable(),
  reviewedByName: z.string().nullable(),
  reviewComment: z.string().nullable(),
  values: z.array(submissionValueSchema),
});
export type StatisticSubmission = z.infer<typeof submissionSchema>;

export const submissionSummarySchema = submissionSchema.omit({ values: true });
export const submissionListSchema = z.object({ items: z.array(submissionSummarySchema) });
export const submissionListQuerySchema = z
  .object({
    periodId: idSchema.optional(),
    townId: idSchema.optional(),
    status: z.enum(submissionStatuses).optional(),
  })
  .strict();

/** A period's overview for the city: each town's latest version and whether it is late. */
export const periodProgressSchema = z.object({
  period: periodSchema,
  towns: z.array(
    z.object({
      townId: idSchema,
      townName: z.string(),
      status: z.enum(submissionStatuses).nullable(),
      version: z.number().int().nullable(),
      submissionId: idSchema.nullable(),
      late: z.boolean(),
    }),
  ),
});

// ---------------------------------------------------------------------------------------------
// Indicators and dashboards

export const progressStatuses = ['achieved', 'on_track', 'lagging', 'behind', 'no_target', 'no_data'] as const;
export type ProgressStatus = (typeof progressStatuses)[number];
export const evaluationProblems = ['missing_data', 'division_by_zero', 'not_a_number'] as const;

const pointSchema = z.object({ year: z.number().int(), value: z.number() });

export const indicatorSchema = z.object({
  id: idSchema,
  code: z.string(),
  nameZh: z.string(),
  nameEn: z.string(),
  unit: z.string(),
  formula: z.string(),
  direction: z.enum(indicatorDirections),
  baseYear: z.number().int().nullable(),
  inIndex: z.boolean(),
  version: z.number().int(),
  /** False when the formula no longer compiles against the catalogue (e.g. a statistic was renamed). */
  formulaValid: z.boolean(),
});
export type Indicator = z.infer<typeof indicatorSchema>;

export const progressSchema = z.object({
  status: z.enum(progressStatuses),
  current: pointSchema.nullable(),
  base: pointSchema.nullable(),
  target: pointSchema.nullable(),
  /** Where the value should be by the current year on the straight path from base to target. */
  expected: z.number().nullable(),
  share: z.number().nullable(),
  forecast: pointSchema.nullable(),
  growthRate: z.number().nullable(),
});

export const cityOverviewSchema = z.object({
  items: z.array(
    z.object({
      indicator: indicatorSchema,
      series: z.array(z.object({ year: z.number().int(), value: z.number().nullable(), problem: z.enum(evaluationProblems).nullable() })),
      targets: z.array(pointSchema),
      progress: progressSchema,
    }),
  ),
  years: z.array(z.number().int()),
  townsReporting: z.array(z.object({ year: z.number().int(), towns: z.number().int() })),
  townCount: z.number().int(),
});
export type CityOverview = z.infer<typeof cityOverviewSchema>;

export const townComparisonQuerySchema = z.object({ year: z.coerce.number().int().min(2000).max(2100) }).strict();
export const townComparisonSchema = z.object({
  year: z.number().int(),
  indicators: z.array(indicatorSchema),
  towns: z.array(
    z.object({
      townId: idSchema,
      townCode: z.string(),
      townName: z.string(),
      townNameEn: z.string(),
      /** Approximate centre [lng, lat] (GCJ-02) for the town map; null when unknown. */
      centre: z.tuple([z.number(), z.number()]).nullable(),
      /** Composite innovation index, 0–100 (EIS method); null without data. */
      index: z.number().nullable(),
      values: z.array(
        z.object({ code: z.string(), value: z.number().nullable(), rank: z.number().int().nullable(), target: z.number().nullable() }),
      ),
    }),
  ),
  indexTreatments: z.array(
    z.object({
      code: z.string(),
      transformed: z.boolean(),
      skewness: z.number().nullable(),
      outliers: z.number().int(),
      min: z.number().nullable(),
      max: z.number().nullable(),
      used: z.boolean(),
    }),
  ),
});
export type TownComparison = z.infer<typeof townComparisonSchema>;

// ---------------------------------------------------------------------------------------------
// Editing indicators (city)

const targetInputSchema = z
  .object({ year: z.number().int().min(2000).max(2100), value: z.number().min(-1e12).max(1e12), townId: idSchema.nullish() })
  .strict();

export const indicatorWriteSchema = z
  .object({
    nameZh: text(120),
    nameEn: text(160),
    unit: text(16),
    formula: text(500),
    direction: z.enum(indicatorDirections),
    baseYear: z.number().int().min(2000).max(2100).nullable(),
    inIndex: z.boolean(),
    targets: z.array(targetInputSchema).max(500),
  })
  .strict()
  .superRefine((v, ctx) => {
    const seen = new Set<string>();
    v.targets.forEach((t, i) => {
      const key = `${t.townId ?? 'city'}:${t.year}`;
      if (seen.has(key)) ctx.addIssue({ code: 'custom', path: ['targets', i, 'year'], message: 'duplicate_target' });
      seen.add(key);
    });
  });
export const indicatorCreateSchema = indicatorWriteSchema.and(
  z.object({ code: z.string().regex(/^[a-z][a-z0-9_]{1,59}$/, { message: 'indicator_code_invalid' }) }),
);
export type IndicatorWrite = z.infer<typeof indicatorWriteSchema>;

export const indicatorDetailSchema = indicatorSchema.extend({
  targets: z.array(z.object({ year: z.number().int(), value: z.number(), townId: idSchema.nullable() })),
  updatedAt: z.string(),
});
export type IndicatorDetail = z.infer<typeof indicatorDetailSchema>;
export const indicatorListSchema = z.object({ items: z.array(indicatorDetailSchema) });

export const indicatorRevisionSchema = z.object({
  version: z.number().int(),
  snapshot: z.record(z.string(), z.unknown()),
  changedByName: z.string().nullable(),
  changedAt: z.string(),
});
export const indicatorRevisionListSchema = z.object({ items: z.array(indicatorRevisionSchema) });

export const formulaCheckSchema = z.object({ formula: z.string().max(2000), unit: z.string().max(16) }).strict();
export const formulaCheckResultSchema = z.object({
  ok: z.boolean(),
  /** Each problem with its 0-based character position in the formula. */
  errors: z.array(z.object({ code: z.string(), pos: z.number().int(), message: z.string() })),
  statistics: z.array(z.string()),
});

// ---------------------------------------------------------------------------------------------
// Platform-computed statistics (never typed by a town; the submission form shows them read-only)

export const platformStatisticsQuerySchema = z
  .object({ year: z.coerce.number().int().min(2000).max(2100), townId: idSchema.optional() })
  .strict();
export const platformStatisticsSchema = z.object({
  year: z.number().int(),
  items: z.array(z.object({ statisticCode: z.string(), townId: idSchema, value: z.number() })),
  /** Statistics the platform will compute once their module exists, with that module; towns report them until then. */
  pending: z.array(z.object({ statisticCode: z.string(), module: z.string() })),
});
export type PlatformStatistics = z.infer<typeof platformStatisticsSchema>;
