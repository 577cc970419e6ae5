import { z } from 'zod';
import { evaluationProblems, indicatorSchema, progressSchema } from './targets.ts';

/**
 * Target monitoring dashboards beyond the city overview and the town comparison: one town's page and
 * the Excel exports of the dashboard tables.
 */

const year = z.coerce.number().int().min(2000).max(2100);

/** City overview: `year` judges progress as it stood in that year (default: the latest year with data). */
export const cityOverviewQuerySchema = z.object({ year: year.optional() }).strict();

export const townCodeParamsSchema = z.object({ code: z.string().regex(/^[0-9]{6,12}$/, { message: 'town_code_invalid' }) }).strict();
export const townDashboardQuerySchema = z.object({ year: year.optional() }).strict();

export const townComparisonExportQuerySchema = z
  .object({
    year,
    indicator: z
      .string()
      .regex(/^[a-z][a-z0-9_]{1,59}$/, { message: 'indicator_code_invalid' })
      .optional(),
  })
  .strict();

const pointSchema = z.object({ year: z.number().int(), value: z.number() });

export const townDashboardSchema = z.object({
  town: z.object({
    id: z.string(),
    code: z.string(),
    name: z.string(),
    nameEn: z.string(),
    centre: z.tuple([z.number(), z.number()]).nullable(),
  }),
  /** The year the ranks and statistics are for (the one asked for, else the latest year with the town's approved figures). */
  year: z.number().int().nullable(),
  years: z.array(z.number().int()),
  townCount: z.number().int(),
  indicators: z.array(
    z.object({
      indicator: indicatorSchema,
      series: z.array(z.object({ year: z.number().int(), value: z.number().nullable(), problem: z.enum(evaluationProblems).nullable() })),
      /** The town's own targets (an indicator may have none for towns). */
      targets: z.array(pointSchema),
      progress: progressSchema,
      /** Rank among the towns with a value, per year (1 = best in the indicator's direction). */
      ranks: z.array(z.object({ year: z.number().int(), rank: z.number().int().nullable(), of: z.number().int() })),
      /** The city's value of the year, for comparison. */
      cityValue: z.number().nullable(),
      /** The city's values over the years (a reference line where the unit is a ratio, comparable with a town's). */
      citySeries: z.array(z.object({ year: z.number().int(), value: z.number().nullable() })),
    }),
  ),
  /** Composite innovation index (0–100, EIS method) per year, with the town's rank among towns. */
  index: z.array(z.object({ year: z.number().int(), index: z.number().nullable(), rank: z.number().int().nullable() })),
  /** The town's approved base statistics of `year`; null unless the caller may read the town's submissions (city; own town). */
  statistics: z
    .array(
      z.object({
        code: z.string(),
        nameZh: z.string(),
        nameEn: z.string(),
        unit: z.string(),
        value: z.number().nullable(),
        previousYearValue: z.number().nullable(),
      }),
    )
    .nullable(),
});
export type TownDashboard = z.infer<typeof townDashboardSchema>;
