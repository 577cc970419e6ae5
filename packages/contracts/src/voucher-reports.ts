import { z } from 'zod';

/**
 * Innovation-voucher reports (创新券统计). The figures are defined in docs/voucher-reports.md and in the
 * repository's doc comments; money is integer fen, days have one decimal, a rate is null when its
 * denominator is zero, and a figure that has no meaning for a grouping (applications per provider) is null.
 */
export const voucherReportGroupings = ['programme', 'town', 'provider', 'category'] as const;
export type VoucherReportGrouping = (typeof voucherReportGroupings)[number];
/** The kinds of declined requests whose structured reasons the report counts. */
export const declineKinds = ['application', 'claim', 'quote'] as const;
export type DeclineKind = (typeof declineKinds)[number];

const isoDate = z.iso.date();

export const voucherReportQuerySchema = z
  .object({
    programmeId: z.uuid().optional(),
    groupBy: z.enum(voucherReportGroupings).default('programme'),
    /** Shanghai dates, both included: vouchers awarded and applications submitted in the period. */
    from: isoDate.optional(),
    to: isoDate.optional(),
  })
  .strict()
  .superRefine((q, ctx) => {
    if (q.from && q.to && q.to < q.from) ctx.addIssue({ code: 'custom', path: ['to'], message: 'period_invalid' });
  });
export type VoucherReportQuery = z.infer<typeof voucherReportQuerySchema>;

export const voucherReportFiguresSchema = z.object({
  applications: z.number().int().nullable(),
  appliedFen: z.number().int().nullable(),
  issued: z.number().int().nullable(),
  issuedFen: z.number().int().nullable(),
  usedFen: z.number().int(),
  reservedFen: z.number().int(),
  settledFen: z.number().int(),
  releasedFen: z.number().int(),
  expiredFen: z.number().int().nullable(),
  redemptionRate: z.number().nullable(),
  settlements: z.number().int(),
  awardToSettlementMedianDays: z.number().nullable(),
  awardToSettlementMeanDays: z.number().nullable(),
  subsidisedOrders: z.number().int(),
  settledOrderFen: z.number().int(),
  enterpriseSpendFen: z.number().int(),
  leverage: z.number().nullable(),
  enterprisesUsing: z.number().int(),
  repeatEnterprises: z.number().int(),
  deliveredOrders: z.number().int(),
  deliveryMedianDays: z.number().nullable(),
  deliveryMeanDays: z.number().nullable(),
  ratedOrders: z.number().int(),
  averageRating: z.number().nullable(),
});
export type VoucherReportFigures = z.infer<typeof voucherReportFiguresSchema>;

export const voucherReportRowSchema = z.object({
  /** The programme, town or institution id, or the category code. */
  key: z.string(),
  name: z.string(),
  nameEn: z.string().nullable(),
  figures: voucherReportFiguresSchema,
});
export type VoucherReportRow = z.infer<typeof voucherReportRowSchema>;

export const declineReasonCountSchema = z.object({ kind: z.enum(declineKinds), reason: z.string(), count: z.number().int() });
export type DeclineReasonCount = z.infer<typeof declineReasonCountSchema>;

export const voucherReportSchema = z.object({
  groupBy: z.enum(voucherReportGroupings),
  programmeId: z.uuid().nullable(),
  from: isoDate.nullable(),
  to: isoDate.nullable(),
  /** 'all' for the city, 'town' when the caller is a town admin (rows restricted to the town's enterprises). */
  scope: z.enum(['all', 'town']),
  townName: z.string().nullable(),
  rows: z.array(voucherReportRowSchema),
  totals: voucherReportFiguresSchema,
  /** Which kinds of decline are counted in this installation (a kind whose module is missing is left out). */
  reasonKinds: z.array(z.enum(declineKinds)),
  reasons: z.array(declineReasonCountSchema),
});
export type VoucherReport = z.infer<typeof voucherReportSchema>;
