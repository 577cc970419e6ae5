import { z } from 'zod';
import { listResponseSchema, optionalText, paginationQuerySchema, text } from './common.ts';

/**
 * Instruments: self_service (needs training), operator_assisted, sample (a test without a slot).
 * Experts: consultation, a slot with the expert — the same rules (no overlap, opening hours if given).
 */
export const bookingModes = ['self_service', 'operator_assisted', 'sample', 'consultation'] as const;
export type BookingMode = (typeof bookingModes)[number];
/** The modes each bookable kind offers. */
export const instrumentBookingModes = ['self_service', 'operator_assisted', 'sample'] as const satisfies readonly BookingMode[];
export const expertBookingModes = ['consultation'] as const satisfies readonly BookingMode[];
/**
 * requested → confirmed | rejected | cancelled; confirmed → cancelled (before the start) | no_show
 * (after the grace period, by the owner or the sweep) | usage_recorded (the owner, after the slot);
 * usage_recorded → completed (the enterprise confirms) | disputed (with a reason); disputed →
 * usage_recorded (the owner records again). completed and no_show are what the statistics count.
 */
export const bookingStatuses = [
  'requested',
  'confirmed',
  'rejected',
  'cancelled',
  'usage_recorded',
  'disputed',
  'completed',
  'no_show',
] as const;
export type BookingStatus = (typeof bookingStatuses)[number];
export const feeUnits = ['hour', 'sample', 'day'] as const;

const instant = z.iso.datetime({ offset: true });
export const SAMPLE_COUNT_MAX = 1000;

/**
 * A slot (self-service or operator-assisted: start and end) or a sample test (sampleCount, no slot).
 * The same body asks for a quote and submits the request, so the price shown is the price stored.
 */
const bookingRequestFields = z
  .object({
    resourceId: z.uuid(),
    mode: z.enum(bookingModes),
    start: instant.optional(),
    end: instant.optional(),
    sampleCount: z.number().int().min(1).max(SAMPLE_COUNT_MAX).optional(),
    purpose: text(1000),
    sampleDetails: optionalText(2000),
  })
  .strict();
type SlotOrSamples = { mode: BookingMode; start?: string; end?: string; sampleCount?: number };
function slotOrSamples(b: SlotOrSamples, ctx: z.RefinementCtx) {
  if (b.mode === 'sample') {
    if (b.sampleCount === undefined) ctx.addIssue({ code: 'custom', path: ['sampleCount'], message: 'booking_sample_count_required' });
    for (const k of ['start', 'end'] as const) {
      if (b[k] !== undefined) ctx.addIssue({ code: 'custom', path: [k], message: 'booking_no_slot_for_sample' });
    }
  } else {
    for (const k of ['start', 'end'] as const) {
      if (b[k] === undefined) ctx.addIssue({ code: 'custom', path: [k], message: 'booking_slot_required' });
    }
  }
}
export const bookingRequestSchema = bookingRequestFields.superRefine(slotOrSamples);
export type BookingRequest = z.infer<typeof bookingRequestSchema>;
/** A quote needs no purpose yet. */
export const bookingQuoteRequestSchema = bookingRequestFields.extend({ purpose: text(1000).optional() }).superRefine(slotOrSamples);

export const quoteSchema = z
  .object({ units: z.number(), unit: z.enum(feeUnits), feeFen: z.number().int(), feeMaxFen: z.number().int() })
  .nullable();
export const bookingQuoteSchema = z.object({ quote: quoteSchema });

export const usageSchema = z.object({
  minutes: z.number().int(),
  sampleCount: z.number().int().nullable(),
  feeFen: z.number().int(),
  extraCharges: z.array(z.object({ kind: z.string(), amountFen: z.number().int(), note: z.string().nullable() })),
  extraFen: z.number().int(),
  totalFen: z.number().int(),
  recordedAt: z.string(),
  confirmedAt: z.string().nullable(),
  disputeReason: z.string().nullable(),
  disputedAt: z.string().nullable(),
});
export type Usage = z.infer<typeof usageSchema>;

export const bookingSchema = z.object({
  id: z.uuid(),
  resourceId: z.uuid(),
  resourceName: z.string(),
  institutionId: z.uuid(),
  institutionName: z.string(),
  townId: z.uuid(),
  enterpriseId: z.uuid(),
  enterpriseName: z.string(),
  userId: z.uuid(),
  mode: z.enum(bookingModes),
  start: z.string().nullable(),
  end: z.string().nullable(),
  sampleCount: z.number().int().nullable(),
  purpose: z.string(),
  sampleDetails: z.string().nullable(),
  quotedFeeFen: z.number().int().nullable(),
  quotedFeeMaxFen: z.number().int().nullable(),
  status: z.enum(bookingStatuses),
  decisionReason: z.string().nullable(),
  decidedAt: z.string().nullable(),
  cancelledAt: z.string().nullable(),
  cancelledLate: z.boolean().nullable(),
  usage: usageSchema.nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Booking = z.infer<typeof bookingSchema>;
export const bookingListSchema = listResponseSchema(bookingSchema);

/** "My bookings" for an enterprise, the approval queue (status=requested) for an owner: one list, filtered by scope. */
export const bookingListQuerySchema = paginationQuerySchema
  .extend({ status: z.enum(bookingStatuses).optional(), resourceId: z.uuid().optional() })
  .strict();

export const bookingApproveSchema = z.object({ reason: optionalText(500) }).strict();
export const bookingRejectSchema = z.object({ reason: text(500) }).strict();
export const bookingCancelSchema = z.object({ reason: optionalText(500) }).strict();

/** The trainee by id, or by username (what the owner's staff can ask the trainee for). */
export const trainingCreateSchema = z
  .object({ userId: z.uuid().optional(), username: z.string().trim().min(1).max(64).optional() })
  .strict()
  .refine((b) => (b.userId === undefined) !== (b.username === undefined), { path: ['username'], message: 'training_user_required' });
export const trainingSchema = z.object({ resourceId: z.uuid(), userId: z.uuid(), trainedAt: z.string(), trainedBy: z.uuid() });
/** An instrument's trained users, for its owner. */
export const traineeSchema = z.object({
  userId: z.uuid(),
  username: z.string(),
  displayName: z.string(),
  enterpriseId: z.uuid().nullable(),
  enterpriseName: z.string().nullable(),
  trainedAt: z.string(),
});
export type Trainee = z.infer<typeof traineeSchema>;
export const traineeListSchema = z.object({ items: z.array(traineeSchema) });
export const trainingParamsSchema = z.object({ id: z.uuid(), userId: z.uuid() }).strict();
/** Whether the caller may book self-service use of an instrument (the booking form explains why not). */
export const myTrainingSchema = z.object({ trained: z.boolean(), trainedAt: z.string().nullable() });

/** One instrument's confirmed slots in [from, to); at most 93 days per request. */
export const calendarQuerySchema = z
  .object({ from: instant, to: instant })
  .strict()
  .refine((q) => Date.parse(q.to) > Date.parse(q.from) && Date.parse(q.to) - Date.parse(q.from) <= 93 * 86_400_000, {
    path: ['to'],
    message: 'calendar_range_invalid',
  });
export const calendarSchema = z.object({
  resourceId: z.uuid(),
  from: z.string(),
  to: z.string(),
  // Busy slots only; whose booking it is shows to the booker and the owner, not to everyone.
  // `mine`: the caller's enterprise booked it (marked in its calendar; others are only "busy").
  items: z.array(z.object({ start: z.string(), end: z.string(), bookingId: z.uuid().nullable(), mine: z.boolean() })),
});

export const extraChargeKinds = ['consumables', 'operator_time', 'other'] as const;
const fen = z.number().int().min(0).max(1_000_000_000_00);
export const extraChargeSchema = z.object({ kind: z.enum(extraChargeKinds), amountFen: fen, note: optionalText(200) }).strict();
/** Actual use after the slot: time as decimal hours or whole minutes (stored as minutes), samples, fee and extras in fen. */
export const usageRecordSchema = z
  .object({
    hours: z
      .number()
      .min(0)
      .max(24 * 31)
      .optional(),
    minutes: z
      .number()
      .int()
      .min(0)
      .max(60 * 24 * 31)
      .optional(),
    sampleCount: z.number().int().min(0).max(SAMPLE_COUNT_MAX).nullish(),
    feeFen: fen,
    extraCharges: z.array(extraChargeSchema).max(20).default([]),
  })
  .strict()
  .refine((b) => (b.hours === undefined) !== (b.minutes === undefined), { path: ['minutes'], message: 'usage_hours_or_minutes' });
export type UsageRecord = z.infer<typeof usageRecordSchema>;
export const usageDisputeSchema = z.object({ reason: text(500) }).strict();
export const usageConfirmSchema = z.object({}).strict();
export const noShowSchema = z.object({ reason: optionalText(500) }).strict();
