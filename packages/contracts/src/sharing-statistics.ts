import { z } from 'zod';
import { fenSchema, listResponseSchema, optionalText, paginationQuerySchema, text } from './common.ts';

/**
 * Open-sharing statistics (开放共享评价考核): the figures of the national annual evaluation of large
 * instruments, per instrument, institution, town and city, for a period of Shanghai calendar dates.
 */
export const sharingLevels = ['city', 'town', 'institution', 'instrument'] as const;
export type SharingLevel = (typeof sharingLevels)[number];

const isoDate = z.iso.date();
/** The longest period one request may ask for (two years and a day). */
export const SHARING_PERIOD_MAX_DAYS = 731;

const periodFields = {
  from: isoDate,
  to: isoDate,
  level: z.enum(sharingLevels).default('city'),
  /** The town, institution or instrument of the level; not given for the city. */
  id: z.uuid().optional(),
};
function periodValid(q: { from: string; to: string; level: SharingLevel; id?: string | undefined }, ctx: z.RefinementCtx) {
  const days = (Date.parse(q.to) - Date.parse(q.from)) / 86_400_000;
  if (!(days >= 0 && days < SHARING_PERIOD_MAX_DAYS)) ctx.addIssue({ code: 'custom', path: ['to'], message: 'sharing_period_invalid' });
  if (q.level !== 'city' && !q.id) ctx.addIssue({ code: 'custom', path: ['id'], message: 'sharing_level_id_required' });
}
export const sharingQuerySchema = z.object(periodFields).strict().superRefine(periodValid);
export type SharingQuery = z.infer<typeof sharingQuerySchema>;
export const sharingExportQuerySchema = sharingQuerySchema;

/** One set of evaluation figures; a rate is null when its denominator is zero. Hours to 2 decimals, money in fen. */
export const sharingFiguresSchema = z.object({
  instruments: z.number().int(),
  originalValueFen: z.number().int(),
  availableHours: z.number(),
  effectiveHours: z.number(),
  externalHours: z.number(),
  internalHours: z.number(),
  utilisationRate: z.number().nullable(),
  sharingRate: z.number().nullable(),
  revenueRate: z.number().nullable(),
  externalUsers: z.number().int(),
  externalIncomeFen: z.number().int(),
  internalIncomeFen: z.number().int(),
  serviceIncomeFen: z.number().int(),
  externalServices: z.number().int(),
  noShows: z.number().int(),
  noShowRate: z.number().nullable(),
});
export type SharingFigures = z.infer<typeof sharingFiguresSchema>;

export const sharingRowSchema = z.object({
  level: z.enum(sharingLevels),
  id: z.uuid(),
  name: z.string(),
  /** Instruments: model, owner institution and town; institutions: town. */
  model: z.string().nullable(),
  institutionName: z.string().nullable(),
  townName: z.string().nullable(),
  idle: z.boolean(),
  figures: sharingFiguresSchema,
});
export type SharingRow = z.infer<typeof sharingRowSchema>;

export const sharingReportSchema = z.object({
  level: z.enum(sharingLevels),
  id: z.uuid().nullable(),
  name: z.string(),
  from: z.string(),
  to: z.string(),
  /** Working days of the period (the 调休 calendar). */
  workingDays: z.number().int(),
  totals: sharingFiguresSchema,
  /** The next level down: towns of the city, institutions of a town, instruments of an institution. */
  rows: z.array(sharingRowSchema),
  byTown: z.array(z.object({ id: z.uuid(), name: z.string(), utilisationRate: z.number().nullable(), effectiveHours: z.number() })),
  topUsed: z.array(sharingRowSchema),
  idle: z.array(sharingRowSchema),
  trend: z.array(
    z.object({
      month: z.string(),
      availableHours: z.number(),
      effectiveHours: z.number(),
      externalHours: z.number(),
      utilisationRate: z.number().nullable(),
    }),
  ),
});
export type SharingReport = z.infer<typeof sharingReportSchema>;

// ---------------------------------------------------------------------------------------------
// Internal use: the owner institution's own staff on its instrument (not a booking), recorded by the owner.

export const internalUsageCreateSchema = z
  .object({
    usedOn: isoDate,
    hours: z
      .number()
      .gt(0)
      .max(24 * 31),
    incomeFen: fenSchema.default(0),
    note: optionalText(200),
  })
  .strict();
export type InternalUsageCreate = z.infer<typeof internalUsageCreateSchema>;
export const internalUsageSchema = z.object({
  id: z.uuid(),
  resourceId: z.uuid(),
  usedOn: z.string(),
  minutes: z.number().int(),
  incomeFen: z.number().int(),
  note: z.string().nullable(),
  recordedBy: z.uuid(),
  recordedAt: z.string(),
});
export const internalUsageListSchema = z.object({ items: z.array(internalUsageSchema) });
export const internalUsageListQuerySchema = z.object({ from: isoDate.optional(), to: isoDate.optional() }).strict();

// ---------------------------------------------------------------------------------------------
// New-purchase review (新购仪器查重).

export const purchaseReviewStatuses = ['submitted', 'approved', 'rejected'] as const;
export type PurchaseReviewStatus = (typeof purchaseReviewStatuses)[number];

export const purchaseReviewCreateSchema = z
  .object({
    name: text(120),
    model: optionalText(80),
    category: optionalText(60),
    keywords: optionalText(200),
    budgetFen: fenSchema.refine((v) => v > 0, { message: 'purchase_budget_positive' }),
    reason: text(2000),
  })
  .strict();
export type PurchaseReviewCreate = z.infer<typeof purchaseReviewCreateSchema>;
export const purchaseReviewApproveSchema = z.object({ comment: optionalText(1000) }).strict();
export const purchaseReviewRejectSchema = z.object({ comment: text(1000) }).strict();

export const similarInstrumentSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  model: z.string().nullable(),
  category: z.string().nullable(),
  institutionName: z.string(),
  townName: z.string(),
  sharing: z.string(),
  originalValueFen: z.number().int().nullable(),
  availableHours: z.number(),
  effectiveHours: z.number(),
  utilisationRate: z.number().nullable(),
});
export const purchaseReviewSchema = z.object({
  id: z.uuid(),
  institutionId: z.uuid(),
  institutionName: z.string(),
  townId: z.uuid(),
  townName: z.string(),
  name: z.string(),
  model: z.string().nullable(),
  category: z.string().nullable(),
  keywords: z.string().nullable(),
  budgetFen: z.number().int(),
  reason: z.string(),
  status: z.enum(purchaseReviewStatuses),
  decisionComment: z.string().nullable(),
  decidedAt: z.string().nullable(),
  createdAt: z.string(),
  /** Present on the single-record answer: similar instruments already in the city, utilisation over the last 12 months. */
  similar: z.array(similarInstrumentSchema).optional(),
  similarFrom: z.string().optional(),
  similarTo: z.string().optional(),
});
export type PurchaseReview = z.infer<typeof purchaseReviewSchema>;
export const purchaseReviewListSchema = listResponseSchema(purchaseReviewSchema);
export const purchaseReviewListQuerySchema = paginationQuerySchema.extend({ status: z.enum(purchaseReviewStatuses).optional() }).strict();
