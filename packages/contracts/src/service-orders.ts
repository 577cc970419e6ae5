import { z } from 'zod';
import { idSchema, listResponseSchema, optionalText, paginationQuerySchema, text } from './common.ts';

/** Service orders (服务订单). Prices are integer fen. */
export const orderStatuses = [
  'requested',
  'quoted',
  'accepted',
  'in_progress',
  'delivered',
  'completed',
  'disputed',
  'closed',
  'cancelled',
] as const;
export type OrderStatus = (typeof orderStatuses)[number];
export const disputeDecisions = ['refund', 'partial', 'upheld'] as const;

/** At most ¥100 million for one order: anything larger is a typing error. */
export const ORDER_PRICE_MAX_FEN = 10_000_000_000;

export const orderCreateSchema = z
  .object({
    serviceId: idSchema,
    needs: text(4000),
    quantity: z.number().int().min(1).max(100_000),
  })
  .strict();

export const orderQuoteSchema = z.object({ priceFen: z.number().int().min(0).max(ORDER_PRICE_MAX_FEN), note: optionalText(2000) }).strict();
export const orderNoteSchema = z.object({ note: optionalText(2000) }).strict();
export const orderDeliverSchema = z.object({ resultFileIds: z.array(idSchema).min(1).max(20), note: optionalText(2000) }).strict();
export const orderConfirmSchema = z.object({ rating: z.number().int().min(1).max(5), comment: optionalText(2000) }).strict();
export const orderDisputeSchema = z.object({ reason: text(2000) }).strict();
export const orderDecideSchema = z.object({ decision: z.enum(disputeDecisions), note: text(2000) }).strict();
export const orderDispatchSchema = z.object({ serviceId: idSchema, note: optionalText(2000) }).strict();

export const orderListQuerySchema = paginationQuerySchema
  .extend({
    status: z.enum(orderStatuses).optional(),
    escalated: z.enum(['true', 'false']).optional(),
    q: z.string().trim().max(100).optional().describe('Part of the service title, the enterprise’s or the provider’s name'),
  })
  .strict();

export const orderEventSchema = z.object({
  at: z.string(),
  actorUserId: z.string().nullable(),
  actorRole: z.string(),
  from: z.string().nullable(),
  to: z.string(),
  note: z.string().nullable(),
});

/** The voucher subsidy of an order (科技创新券): the latest reservation made for it, or null. */
export const orderSubsidyStatuses = ['reserved', 'released', 'settled', 'expired'] as const;
export const orderSubsidySchema = z.object({
  reservationId: z.string(),
  voucherId: z.string(),
  programmeId: z.string(),
  amountFen: z.number(),
  status: z.enum(orderSubsidyStatuses),
  settledFen: z.number().nullable(),
});
export type OrderSubsidy = z.infer<typeof orderSubsidySchema>;

export const orderSchema = z.object({
  id: z.string(),
  serviceId: z.string(),
  serviceTitle: z.string(),
  institutionId: z.string(),
  institutionName: z.string(),
  enterpriseId: z.string(),
  enterpriseName: z.string(),
  townId: z.string(),
  /** The requirement (需求) whose accepted quote created this order, if any. */
  requirementId: z.string().nullable(),
  status: z.enum(orderStatuses),
  needs: z.string(),
  quantity: z.number(),
  listedPriceMinFen: z.number(),
  listedPriceMaxFen: z.number(),
  quotedPriceFen: z.number().nullable(),
  quoteNote: z.string().nullable(),
  quoteOutsideRange: z.boolean().nullable(),
  resultFileIds: z.array(z.string()),
  rating: z.number().nullable(),
  ratingComment: z.string().nullable(),
  disputeReason: z.string().nullable(),
  decision: z.enum(disputeDecisions).nullable(),
  decisionNote: z.string().nullable(),
  quoteDueAt: z.string(),
  escalatedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  subsidy: orderSubsidySchema.nullable(),
  /** The quoted price minus the live (reserved or settled) subsidy; null before a quote. */
  enterprisePaysFen: z.number().nullable(),
  events: z.array(orderEventSchema).optional(),
});
export type ServiceOrder = z.infer<typeof orderSchema>;
export const orderListSchema = listResponseSchema(orderSchema);

/** A result file of an order, as both sides of the order may see and download it. */
export const orderFileSchema = z.object({ id: z.string(), filename: z.string(), contentType: z.string(), size: z.number().int() });
export type OrderFile = z.infer<typeof orderFileSchema>;
export const orderFileParamsSchema = z.object({ id: idSchema, fileId: idSchema }).strict();
export type ServiceOrderList = z.infer<typeof orderListSchema>;
