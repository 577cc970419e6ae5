import { z } from 'zod';
import { idSchema, listResponseSchema, optionalText, paginationQuerySchema, text } from './common.ts';
import { SERVICE_CATEGORIES } from './service-categories.ts';
import { ORDER_PRICE_MAX_FEN } from './service-orders.ts';

/** Requirements (需求) enterprises post for alliance members to quote on. Money in integer fen. */
export const requirementStatuses = ['open', 'awarded', 'cancelled', 'expired'] as const;
export type RequirementStatus = (typeof requirementStatuses)[number];
export const quoteStatuses = ['submitted', 'accepted', 'declined', 'withdrawn'] as const;
export type QuoteStatus = (typeof quoteStatuses)[number];

/** Why a quote was declined; `other_quote_chosen` is set by the platform when another quote is accepted. */
export const quoteDeclineReasons = ['price_too_high', 'too_slow', 'not_matching', 'other_quote_chosen', 'other'] as const;
export type QuoteDeclineReason = (typeof quoteDeclineReasons)[number];
/** The reasons an enterprise may pick itself. */
export const manualQuoteDeclineReasons = ['price_too_high', 'too_slow', 'not_matching', 'other'] as const;

/** Budgets and quotes share the order's ceiling (¥100 million): anything larger is a typing error. */
export const REQUIREMENT_MONEY_MAX_FEN = ORDER_PRICE_MAX_FEN;
/** The quote deadline lies at most this many days ahead. */
export const REQUIREMENT_DEADLINE_MAX_DAYS = 90;

const fen = z.number().int().min(0).max(REQUIREMENT_MONEY_MAX_FEN);

export const requirementCreateSchema = z
  .object({
    category: z.enum(SERVICE_CATEGORIES),
    title: text(120),
    description: text(4000),
    budgetMinFen: fen.nullish(),
    budgetMaxFen: fen.nullish(),
    /** A Shanghai calendar day (YYYY-MM-DD): quotes are taken until the end of it. */
    quoteDeadline: z.iso.date(),
    attachmentFileIds: z.array(idSchema).max(10).default([]),
  })
  .strict()
  .refine((b) => b.budgetMinFen == null || b.budgetMaxFen == null || b.budgetMinFen <= b.budgetMaxFen, {
    path: ['budgetMaxFen'],
    message: '预算上限不能低于下限 / The budget maximum is below the minimum',
  });
export type RequirementCreate = z.input<typeof requirementCreateSchema>;

export const requirementCancelSchema = z.object({ note: optionalText(2000) }).strict();

export const quoteCreateSchema = z
  .object({
    serviceId: idSchema,
    priceFen: fen,
    turnaroundDays: z.number().int().min(1).max(365),
    note: optionalText(2000),
  })
  .strict();
export type QuoteCreate = z.input<typeof quoteCreateSchema>;

export const quoteDeclineSchema = z
  .object({ reason: z.enum(manualQuoteDeclineReasons), comment: optionalText(2000) })
  .strict()
  .refine((b) => b.reason !== 'other' || (b.comment ?? '').length > 0, {
    path: ['comment'],
    message: '选择“其他”时请说明原因 / Explain the reason when choosing “other”',
  });
export const quoteActionSchema = z.object({ note: optionalText(2000) }).strict();
export const quoteParamsSchema = z.object({ id: idSchema, quoteId: idSchema }).strict();

export const requirementListQuerySchema = paginationQuerySchema
  .extend({
    status: z.enum(requirementStatuses).optional(),
    category: z.enum(SERVICE_CATEGORIES).optional(),
    townId: z.uuid().optional(),
    q: z.string().trim().max(100).optional().describe('Words in the title or description'),
    /** Provider: only requirements its institution has quoted on. */
    quoted: z.enum(['true', 'false']).optional(),
  })
  .strict();

export const quoteSchema = z.object({
  id: z.string(),
  requirementId: z.string(),
  serviceId: z.string(),
  serviceTitle: z.string(),
  institutionId: z.string(),
  institutionName: z.string(),
  priceFen: z.number(),
  turnaroundDays: z.number(),
  note: z.string().nullable(),
  status: z.enum(quoteStatuses),
  declineReason: z.enum(quoteDeclineReasons).nullable(),
  declineComment: z.string().nullable(),
  decidedAt: z.string().nullable(),
  createdAt: z.string(),
});
export type RequirementQuote = z.infer<typeof quoteSchema>;

export const requirementAttachmentSchema = z.object({ id: z.string(), filename: z.string(), size: z.number() });

export const requirementSchema = z.object({
  id: z.string(),
  enterpriseId: z.string(),
  enterpriseName: z.string(),
  townId: z.string(),
  townName: z.string(),
  townNameEn: z.string(),
  category: z.enum(SERVICE_CATEGORIES),
  title: z.string(),
  description: z.string(),
  budgetMinFen: z.number().nullable(),
  budgetMaxFen: z.number().nullable(),
  quoteDeadline: z.string(),
  status: z.enum(requirementStatuses),
  attachments: z.array(requirementAttachmentSchema),
  /** Live (submitted or accepted) quotes; every caller may see how many. */
  quoteCount: z.number(),
  /** The order created from the accepted quote (visible to the enterprise, the winning provider and admins). */
  orderId: z.string().nullable(),
  closedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** Detail only: the owner and admins see every quote; a provider only its own institution's. */
  quotes: z.array(quoteSchema).optional(),
});
export type ServiceRequirement = z.infer<typeof requirementSchema>;
export const requirementListSchema = listResponseSchema(requirementSchema);
export type ServiceRequirementList = z.infer<typeof requirementListSchema>;

export const requirementAttachmentParamsSchema = z.object({ id: idSchema, fileId: idSchema }).strict();
