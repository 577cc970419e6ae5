import { z } from 'zod';
import { idSchema, listResponseSchema, optionalText, paginationQuerySchema } from './common.ts';
import { amountFen, voucherClaimants } from './vouchers.ts';

/**
 * Post-subsidy claims (创新券后补助申领). After a subsidised order is completed, the claimant named by the
 * programme (the provider institution or the enterprise) claims at most the reserved amount, with an
 * invoice and delivery evidence; the town admin verifies, the city settles; a rejection (structured
 * reason) releases the reservation back to the voucher. Money in integer fen.
 */
export const claimStatuses = ['submitted', 'verified', 'settled', 'rejected'] as const;
export type ClaimStatus = (typeof claimStatuses)[number];
export const claimRejectReasons = [
  'evidence_missing',
  'amount_above_usage',
  'invoice_mismatch',
  'not_eligible',
  'not_delivered',
  'other',
] as const;
export type ClaimRejectReason = (typeof claimRejectReasons)[number];

export const claimCreateSchema = z
  .object({
    orderId: idSchema,
    claimedFen: amountFen(),
    invoiceFileId: idSchema,
    // An empty list is refused by the service (422 VOUCHER_CLAIM_EVIDENCE_MISSING), naming the rule.
    evidenceFileIds: z.array(idSchema).max(20),
    /** Required when the order's service uses a shared instrument: the booking whose recorded usage backs the claim. */
    bookingId: idSchema.nullish(),
    note: optionalText(2000),
  })
  .strict();
export type ClaimCreate = z.infer<typeof claimCreateSchema>;

export const claimVerifySchema = z.object({ comment: optionalText(1000) }).strict();
export const claimRejectSchema = z.object({ reason: z.enum(claimRejectReasons), comment: optionalText(1000) }).strict();
export type ClaimReject = z.infer<typeof claimRejectSchema>;
export const claimSettleSchema = z.object({ comment: optionalText(1000) }).strict();

export const claimUsageSchema = z.object({
  bookingId: z.uuid(),
  minutes: z.number().int(),
  samples: z.number().int().nullable(),
  /** null: the instrument lists no fee, so the fee the owner recorded for this booking is its value. */
  feeUnit: z.enum(['hour', 'sample', 'day']).nullable(),
  /** The instrument's listed fee per unit (the upper end of its range). */
  feeFen: z.number().int(),
  /** What the recorded use is worth at that fee. */
  valueFen: z.number().int(),
  /** ratio × value: the most the claim may ask for. */
  limitFen: z.number().int(),
});

export const claimSchema = z.object({
  id: z.uuid(),
  reservationId: z.uuid(),
  orderId: z.uuid(),
  programmeId: z.uuid(),
  programmeName: z.string(),
  voucherId: z.uuid(),
  enterpriseId: z.uuid(),
  enterpriseName: z.string(),
  townId: z.uuid(),
  institutionId: z.uuid(),
  institutionName: z.string(),
  serviceTitle: z.string(),
  claimantRole: z.enum(voucherClaimants),
  claimedFen: z.number().int(),
  reservedFen: z.number().int(),
  orderPriceFen: z.number().int(),
  invoiceFileId: z.uuid(),
  evidenceFileIds: z.array(z.uuid()),
  usage: claimUsageSchema.nullable(),
  status: z.enum(claimStatuses),
  reason: z.enum(claimRejectReasons).nullable(),
  comment: z.string().nullable(),
  note: z.string().nullable(),
  createdAt: z.string(),
  verifiedAt: z.string().nullable(),
  settledAt: z.string().nullable(),
  rejectedAt: z.string().nullable(),
});
export type VoucherClaim = z.infer<typeof claimSchema>;
export const claimListSchema = listResponseSchema(claimSchema);
export type VoucherClaimList = z.infer<typeof claimListSchema>;
export const claimListQuerySchema = paginationQuerySchema
  .extend({ status: z.enum(claimStatuses).optional(), orderId: z.uuid().optional(), programmeId: z.uuid().optional() })
  .strict();

/** Applying a voucher to an order (enterprise; the order quoted or accepted). */
export const orderVoucherSchema = z.object({ voucherId: idSchema }).strict();

/** For the claim form: whether the order's service uses shared instruments, and the bookings that may back a claim. */
export const claimOptionsSchema = z.object({
  orderId: z.uuid(),
  /** The live reservation's amount: the most a claim may ask; null when nothing is reserved. */
  reservedFen: z.number().int().nullable(),
  instrumentRequired: z.boolean(),
  bookings: z.array(
    z.object({
      bookingId: z.uuid(),
      resourceName: z.string(),
      minutes: z.number().int(),
      samples: z.number().int().nullable(),
      recordedAt: z.string(),
      valueFen: z.number().int(),
      limitFen: z.number().int(),
    }),
  ),
});
export type ClaimOptions = z.infer<typeof claimOptionsSchema>;
