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
