import { z } from 'zod';
import { listResponseSchema, optionalText, paginationQuerySchema, text } from './common.ts';
import { SERVICE_CATEGORIES } from './service-categories.ts';

/**
 * Innovation vouchers (科技创新券). Money is integer fen. A voucher amount is at least 1 fen and at
 * most VOUCHER_AMOUNT_MAX_FEN (¥100 million): anything larger is a typing error, refused with 400.
 */
export const VOUCHER_AMOUNT_MAX_FEN = 10_000_000_000;
/** A programme's budget: at most ¥10 billion. */
export const PROGRAMME_BUDGET_MAX_FEN = 1_000_000_000_000;
/** Basis points: 10000 = 100 %. */
export const BASIS_POINTS = 10_000;

/** A positive whole number of fen; zero, negative, fractional and absurd amounts are refused. */
export const amountFen = (max = VOUCHER_AMOUNT_MAX_FEN) =>
  z
    .number({ message: 'amount_not_a_number' })
    .int({ message: 'amount_not_whole_fen' })
    .min(1, { message: 'amount_not_positive' })
    .max(max, { message: 'amount_too_large' });
const ratioBp = z.number().int().min(1).max(BASIS_POINTS);
const isoDate = z.iso.date();

export const voucherClaimants = ['provider', 'enterprise'] as const;
export const providerScopes = ['alliance', 'listed'] as const;
export const programmeStatuses = ['open', 'closed'] as const;

export const programmeCreateSchema = z
  .object({
    year: z.number().int().min(2020).max(2100),
    name: text(120),
    totalBudgetFen: amountFen(PROGRAMME_BUDGET_MAX_FEN),
    capPerEnterpriseFen: amountFen(),
    /** Subsidy ratio for 科技型中小企业 (is_tech_sme), 高新技术企业 (is_high_tech), and everyone else. */
    ratioTechSmeBp: ratioBp,
    ratioHighTechBp: ratioBp,
    ratioDefaultBp: ratioBp,
    categories: z.array(z.enum(SERVICE_CATEGORIES)).min(1).max(SERVICE_CATEGORIES.length),
    /** alliance: any provider institution of the alliance; listed: only providerIds. */
    providerScope: z.enum(providerScopes),
    providerIds: z.array(z.uuid()).max(500).default([]),
    windowStart: isoDate,
    windowEnd: isoDate,
    validityDays: z.number().int().min(1).max(1095),
    claimant: z.enum(voucherClaimants),
  })
  .strict()
  .superRefine((p, ctx) => {
    if (p.windowEnd < p.windowStart) ctx.addIssue({ code: 'custom', path: ['windowEnd'], message: 'window_ends_before_start' });
    if (p.capPerEnterpriseFen > p.totalBudgetFen) {
      ctx.addIssue({ code: 'custom', path: ['capPerEnterpriseFen'], message: 'cap_above_budget' });
    }
    if (p.providerScope === 'listed' && p.providerIds.length === 0) {
      ctx.addIssue({ code: 'custom', path: ['providerIds'], message: 'providers_required' });
    }
  });
export type ProgrammeCreate = z.infer<typeof programmeCreateSchema>;

export const programmeBalancesSchema = z.object({
  /** Not yet awarded. */
  availableFen: z.number().int(),
  /** In wallets, not reserved. */
  walletFen: z.number().int(),
  reservedFen: z.number().int(),
  settledFen: z.number().int(),
  /** Awarded in total (issued), including value later returned by expiry. */
  issuedFen: z.number().int(),
  /** Value returned to the budget when vouchers expired. */
  expiredFen: z.number().int(),
});

export const programmeSchema = z.object({
  id: z.uuid(),
  year: z.number().int(),
  name: z.string(),
  status: z.enum(programmeStatuses),
  totalBudgetFen: z.number().int(),
  capPerEnterpriseFen: z.number().int(),
  ratioTechSmeBp: z.number().int(),
  ratioHighTechBp: z.number().int(),
  ratioDefaultBp: z.number().int(),
  categories: z.array(z.enum(SERVICE_CATEGORIES)),
  providerScope: z.enum(providerScopes),
  providerIds: z.array(z.uuid()),
  windowStart: z.string(),
  windowEnd: z.string(),
  validityDays: z.number().int(),
  claimant: z.enum(voucherClaimants),
  createdAt: z.string(),
  /** Only for the city administration. */
  balances: programmeBalancesSchema.nullable(),
});
export type Programme = z.infer<typeof programmeSchema>;
export const programmeListSchema = listResponseSchema(programmeSchema);
export const programmeListQuerySchema = paginationQuerySchema.extend({ year: z.coerce.number().int().optional() }).strict();

/** The ledger of one programme: balances per kind and the invariants checked live. */
export const programmeLedgerSchema = z.object({
  programmeId: z.uuid(),
  balances: programmeBalancesSchema,
  entries: z.number().int(),
  balanced: z.boolean(),
  withinBudget: z.boolean(),
  withinCaps: z.boolean(),
  storedBalancesMatchEntries: z.boolean(),
});

// ---------------------------------------------------------------------------------------------
// Applications

/**
 * submitted → forwarded (town admin) → approved (city; issues a voucher) | declined (city);
 * submitted/forwarded → returned (town or city: the enterprise may change and resubmit as a new one).
 */
export const applicationStatuses = ['submitted', 'forwarded', 'returned', 'approved', 'declined'] as const;
export type ApplicationStatus = (typeof applicationStatuses)[number];
export const declineReasons = ['not_eligible', 'budget_exhausted', 'evidence_missing', 'price_unclear', 'outside_window', 'other'] as const;
export type DeclineReason = (typeof declineReasons)[number];

export const applicationCreateSchema = z
  .object({
    programmeId: z.uuid(),
    plannedUse: text(2000),
    categories: z.array(z.enum(SERVICE_CATEGORIES)).min(1).max(SERVICE_CATEGORIES.length),
    amountFen: amountFen(),
  })
  .strict();
export type ApplicationCreate = z.infer<typeof applicationCreateSchema>;

export const applicationForwardSchema = z.object({ comment: optionalText(1000) }).strict();
export const applicationDecisionSchema = z.object({ reason: z.enum(declineReasons), comment: optionalText(1000) }).strict();
export type ApplicationDecision = z.infer<typeof applicationDecisionSchema>;
export const applicationApproveSchema = z.object({ amountFen: amountFen(), comment: optionalText(1000) }).strict();

/** One step of an application's history (from the audit trail): who did what, when, and why. */
export const applicationEventActions = ['create', 'forward', 'return', 'decline', 'approve'] as const;
export const applicationEventSchema = z.object({
  action: z.enum(applicationEventActions),
  at: z.string(),
  actorName: z.string().nullable(),
  actorRole: z.string().nullable(),
  reason: z.enum(declineReasons).nullable(),
  comment: z.string().nullable(),
  /** Asked (create) or approved (approve). */
  amountFen: z.number().int().nullable(),
});
export type ApplicationEvent = z.infer<typeof applicationEventSchema>;

export const applicationSchema = z.object({
  id: z.uuid(),
  programmeId: z.uuid(),
  programmeName: z.string(),
  enterpriseId: z.uuid(),
  enterpriseName: z.string(),
  townId: z.uuid(),
  plannedUse: z.string(),
  categories: z.array(z.enum(SERVICE_CATEGORIES)),
  amountFen: z.number().int(),
  approvedFen: z.number().int().nullable(),
  status: z.enum(applicationStatuses),
  reason: z.enum(declineReasons).nullable(),
  comment: z.string().nullable(),
  voucherId: z.uuid().nullable(),
  createdAt: z.string(),
  decidedAt: z.string().nullable(),
  /** Only on the single application (GET /voucher-applications/:id), oldest first. */
  history: z.array(applicationEventSchema).optional(),
});
export type Application = z.infer<typeof applicationSchema>;
export const applicationListSchema = listResponseSchema(applicationSchema);
export const applicationListQuerySchema = paginationQuerySchema
  .extend({ status: z.enum(applicationStatuses).optional(), programmeId: z.uuid().optional() })
  .strict();

// ---------------------------------------------------------------------------------------------
// Vouchers and reservations

export const voucherStatuses = ['active', 'expired'] as const;
export const reservationStatuses = ['reserved', 'settled', 'released', 'expired'] as const;

export const voucherSchema = z.object({
  id: z.uuid(),
  programmeId: z.uuid(),
  programmeName: z.string(),
  enterpriseId: z.uuid(),
  enterpriseName: z.string(),
  townId: z.uuid(),
  faceValueFen: z.number().int(),
  ratioBp: z.number().int(),
  /** Unreserved value left. */
  remainingFen: z.number().int(),
  reservedFen: z.number().int(),
  settledFen: z.number().int(),
  status: z.enum(voucherStatuses),
  issuedAt: z.string(),
  expiresAt: z.string(),
});
export type Voucher = z.infer<typeof voucherSchema>;
/** Sums over every voucher the list's filter matches (not just the page): the wallet's and the town's totals. */
export const voucherTotalsSchema = z.object({
  faceValueFen: z.number().int(),
  remainingFen: z.number().int(),
  reservedFen: z.number().int(),
  settledFen: z.number().int(),
});
export type VoucherTotals = z.infer<typeof voucherTotalsSchema>;
export const voucherListSchema = listResponseSchema(voucherSchema).extend({ totals: voucherTotalsSchema });
export type VoucherList = z.infer<typeof voucherListSchema>;
export const voucherListQuerySchema = paginationQuerySchema
  .extend({ status: z.enum(voucherStatuses).optional(), programmeId: z.uuid().optional() })
  .strict();

/**
 * A voucher applied to a service order (POST /api/v1/service-orders/:id/voucher, contracts in
 * voucher-claims.ts): the subsidy is ratio × the quoted price (rounded down to whole fen), at most the
 * voucher's remaining value. `orderRef` is the order's id. Settlement goes through claims only.
 */
export const reservationReleaseSchema = z.object({ reason: optionalText(500) }).strict();

export const reservationSchema = z.object({
  id: z.uuid(),
  voucherId: z.uuid(),
  programmeId: z.uuid(),
  orderRef: z.uuid(),
  providerId: z.uuid(),
  category: z.enum(SERVICE_CATEGORIES),
  orderPriceFen: z.number().int(),
  amountFen: z.number().int(),
  settledFen: z.number().int().nullable(),
  status: z.enum(reservationStatuses),
  createdAt: z.string(),
  resolvedAt: z.string().nullable(),
});
export type Reservation = z.infer<typeof reservationSchema>;
