import { z } from 'zod';
import { idSchema, listResponseSchema, optionalText, paginationQuerySchema } from './common.ts';
import { amountFen } from './vouchers.ts';

/**
 * Funding tracking (资金投入保障): the plan's special funds per programme, year and town (or the
 * city itself): allocated, committed, disbursed, in integer fen. Voucher funding is computed from
 * the vouchers ledger and never recorded by hand.
 */

export const fundingProgrammes = ['service_platforms', 'key_projects', 'parks_incubators', 'vouchers', 'talent'] as const;
export type FundingProgramme = (typeof fundingProgrammes)[number];
/** The programmes whose funds are recorded by hand (vouchers come from their ledger). */
export const recordedFundingProgrammes = ['service_platforms', 'key_projects', 'parks_incubators', 'talent'] as const;
export const fundingRecordKinds = ['allocation', 'commitment', 'disbursement'] as const;
export type FundingRecordKind = (typeof fundingRecordKinds)[number];
export const fundingLinkTypes = ['voucher_programme', 'institution'] as const;
export type FundingLinkType = (typeof fundingLinkTypes)[number];

/** One record: at most ¥10 billion. */
export const FUNDING_AMOUNT_MAX_FEN = 1_000_000_000_000;
const year = z.number({ message: 'funding_year_invalid' }).int({ message: 'funding_year_invalid' }).min(2000).max(2100);

export const fundingRecordCreateSchema = z
  .object({
    year,
    programme: z.enum(fundingProgrammes),
    /** Null: a city-level fund (city admins only). A town admin names their own town. */
    townId: idSchema.nullable(),
    kind: z.enum(fundingRecordKinds),
    amountFen: amountFen(FUNDING_AMOUNT_MAX_FEN),
    recordDate: z.iso.date(),
    note: optionalText(1000),
    link: z
      .object({ type: z.enum(fundingLinkTypes), id: idSchema })
      .strict()
      .nullish(),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.programme === 'vouchers') ctx.addIssue({ code: 'custom', path: ['programme'], message: 'funding_vouchers_computed' });
  });
export type FundingRecordCreate = z.infer<typeof fundingRecordCreateSchema>;

export const fundingRecordSchema = z.object({
  id: idSchema,
  year: z.number().int(),
  programme: z.enum(fundingProgrammes),
  townId: idSchema.nullable(),
  townName: z.string().nullable(),
  kind: z.enum(fundingRecordKinds),
  amountFen: z.number().int(),
  recordDate: z.string(),
  note: z.string().nullable(),
  link: z.object({ type: z.enum(fundingLinkTypes), id: idSchema, name: z.string().nullable() }).nullable(),
  createdByName: z.string().nullable(),
  createdAt: z.string(),
});
export type FundingRecord = z.infer<typeof fundingRecordSchema>;

/** `townId=city` lists the city-level funds only. */
export const fundingRecordListQuerySchema = paginationQuerySchema.extend({
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  programme: z.enum(fundingProgrammes).optional(),
  townId: z.union([idSchema, z.literal('city')]).optional(),
  kind: z.enum(fundingRecordKinds).optional(),
});
export const fundingRecordListSchema = listResponseSchema(fundingRecordSchema);

export const fundingSummaryQuerySchema = z
  .object({
    year: z.coerce.number().int().min(2000).max(2100).optional(),
    townId: z.union([idSchema, z.literal('city')]).optional(),
  })
  .strict();

const figures = {
  /** Null for a town's voucher line: voucher budgets are allocated at the city level. */
  allocatedFen: z.number().int().nullable(),
  committedFen: z.number().int(),
  disbursedFen: z.number().int(),
};
export const fundingLineSchema = z.object({
  year: z.number().int(),
  programme: z.enum(fundingProgrammes),
  townId: idSchema.nullable(),
  townName: z.string().nullable(),
  ...figures,
  /** True when the figures come from another module's records (the vouchers ledger), not from funding records. */
  computed: z.boolean(),
});
export type FundingLine = z.infer<typeof fundingLineSchema>;
export const fundingSummarySchema = z.object({
  scope: z.enum(['city', 'town']),
  years: z.array(z.number().int()),
  lines: z.array(fundingLineSchema),
  /** Per programme and year, over the lines in scope (nulls count as 0). */
  byProgramme: z.array(z.object({ year: z.number().int(), programme: z.enum(fundingProgrammes), ...figures })),
  totals: z.object(figures),
});
export type FundingSummary = z.infer<typeof fundingSummarySchema>;
