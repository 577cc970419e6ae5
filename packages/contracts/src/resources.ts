import { z } from 'zod';
import { fenSchema, listResponseSchema, optionalText, paginationQuerySchema, text } from './common.ts';

/** The innovation resource database (科技创新资源): instruments, labs, experts, technology results. */
export const resourceKinds = ['instrument', 'lab', 'expert', 'result'] as const;
export type ResourceKind = (typeof resourceKinds)[number];
/** open: everyone, anonymous callers included; members: signed-in users; internal: the owner and its admins. */
export const resourceSharings = ['open', 'members', 'internal'] as const;
export type ResourceSharing = (typeof resourceSharings)[number];
export const resourceReviewStatuses = ['draft', 'submitted', 'published', 'rejected'] as const;
export type ResourceReviewStatus = (typeof resourceReviewStatuses)[number];
export const feeUnits = ['hour', 'sample', 'day'] as const;
export const resourceLinkRelations = ['located_in', 'leads', 'uses'] as const;
export const labLevels = ['national', 'provincial', 'city', 'town'] as const;
export const transferModes = ['transfer', 'licence', 'joint_development'] as const;
export const weekdays = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

// '24:00' closes a day that is open until midnight (the booking rules read it so).
const hhmm = z.string().regex(/^(([01]\d|2[0-3]):[0-5]\d|24:00)$/, { message: 'time_invalid' });
/** Weekly opening hours, e.g. { mon: [['09:00', '12:00'], ['13:30', '17:30']] }; each interval starts before it ends. */
export const openingHoursSchema = z.partialRecord(
  z.enum(weekdays),
  z.array(z.tuple([hhmm, hhmm]).refine(([from, to]) => from < to, { message: 'interval_invalid' })).max(6),
);
export type OpeningHours = z.infer<typeof openingHoursSchema>;

const labels = (max: number) => z.array(z.string().trim().min(1).max(40)).max(max);
const mobile = z
  .string()
  .trim()
  .regex(/^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/, { message: 'phone_invalid' });

/** Kind-specific details, validated by the resource's kind on create and on change. */
export const instrumentSpecsSchema = z
  .object({
    /** Technical parameters as the owner states them (measuring range, accuracy, …). */
    parameters: optionalText(2000),
    sampleRequirements: optionalText(1000),
  })
  .strict();
export const labSpecsSchema = z
  .object({
    level: z.enum(labLevels),
    domain: text(60),
    services: labels(20).default([]),
  })
  .strict();
export const expertSpecsSchema = z
  .object({
    fields: labels(10).min(1),
    title: text(40),
    organisation: text(120),
    achievements: optionalText(2000),
  })
  .strict();
export const resultSpecsSchema = z
  .object({
    /** Technology readiness level 1–9. */
    maturity: z.number().int().min(1).max(9),
    transferModes: z.array(z.enum(transferModes)).min(1).max(3),
    priceMinFen: fenSchema.nullish(),
    priceMaxFen: fenSchema.nullish(),
    patentNumbers: labels(20).optional(),
  })
  .strict();
export const resourceSpecsSchemas = {
  instrument: instrumentSpecsSchema,
  lab: labSpecsSchema,
  expert: expertSpecsSchema,
  result: resultSpecsSchema,
} as const;

/** Fields every kind shares; no defaults here, so that the update schema changes only what was sent. */
const resourceFieldsSchema = z.object({
  name: text(120),
  summary: optionalText(4000),
  sharing: z.enum(resourceSharings),
  industries: labels(10),
  accreditations: labels(10),
  feeUnit: z.enum(feeUnits).nullable(),
  feeMinFen: fenSchema.nullable(),
  feeMaxFen: fenSchema.nullable(),
  originalValueFen: fenSchema.nullable(),
  purchaseYear: z.number().int().min(1950).max(2100).nullable(),
  model: optionalText(80),
  manufacturer: optionalText(120),
  category: optionalText(60),
  location: optionalText(200),
  operatorRequired: z.boolean(),
  openingHours: openingHoursSchema.nullable(),
  contactName: optionalText(40),
  contactPhone: mobile.nullish(),
  contactEmail: z.email().max(120).nullish(),
  photoFileIds: z.array(z.uuid()).max(10),
});

const createOf = <K extends ResourceKind, S extends z.ZodType>(kind: K, specs: S) =>
  resourceFieldsSchema
    .partial()
    .extend({ kind: z.literal(kind), name: text(120), specs })
    .strict();

/** Providers create resources for their own institution; the institution and town come from the session. */
export const resourceCreateSchema = z.discriminatedUnion('kind', [
  createOf('instrument', instrumentSpecsSchema.default({})),
  createOf('lab', labSpecsSchema),
  createOf('expert', expertSpecsSchema),
  createOf('result', resultSpecsSchema),
]);
export type ResourceCreate = z.infer<typeof resourceCreateSchema>;

/**
 * A change: the kind is fixed at creation, so `specs` is checked against the stored kind by the
 * service. Review status, owner and town never change through PATCH (the schema refuses them).
 */
export const resourceUpdateSchema = resourceFieldsSchema
  .partial()
  .extend({ specs: z.record(z.string(), z.unknown()).optional() })
  .strict();
export type ResourceUpdate = z.infer<typeof resourceUpdateSchema>;

export const resourceReviewSchema = z
  .object({
    decision: z.enum(['publish', 'reject']),
    /** Required when rejecting: the provider needs to know what to fix. */
    comment: optionalText(1000),
  })
  .strict();

export const resourceLinksBodySchema = z
  .object({
    links: z.array(z.object({ toResourceId: z.uuid(), relation: z.enum(resourceLinkRelations) }).strict()).max(50),
  })
  .strict();

export const resourceLinkSchema = z.object({
  relation: z.enum(resourceLinkRelations),
  /** 'out': this resource → the other (this instrument is located in that lab); 'in': the other → this one. */
  direction: z.enum(['out', 'in']),
  resourceId: z.uuid(),
  kind: z.enum(resourceKinds),
  name: z.string(),
});
export const resourceLinkListSchema = z.object({ items: z.array(resourceLinkSchema) });

export const resourceSchema = z.object({
  id: z.uuid(),
  kind: z.enum(resourceKinds),
  name: z.string(),
  summary: z.string().nullable(),
  institutionId: z.uuid(),
  institutionName: z.string(),
  townId: z.uuid(),
  townName: z.string(),
  townNameEn: z.string(),
  sharing: z.enum(resourceSharings),
  reviewStatus: z.enum(resourceReviewStatuses),
  reviewComment: z.string().nullable(),
  reviewedAt: z.string().nullable(),
  industries: z.array(z.string()),
  accreditations: z.array(z.string()),
  feeUnit: z.enum(feeUnits).nullable(),
  feeMinFen: z.number().int().nullable(),
  feeMaxFen: z.number().int().nullable(),
  originalValueFen: z.number().int().nullable(),
  purchaseYear: z.number().int().nullable(),
  model: z.string().nullable(),
  manufacturer: z.string().nullable(),
  category: z.string().nullable(),
  location: z.string().nullable(),
  operatorRequired: z.boolean(),
  openingHours: openingHoursSchema.nullable(),
  specs: z.record(z.string(), z.unknown()),
  contactName: z.string().nullable(),
  /** Experts' phone and e-mail are masked (138****5678) unless the caller may see them in full. */
  contactPhone: z.string().nullable(),
  contactEmail: z.string().nullable(),
  photoFileIds: z.array(z.uuid()),
  createdAt: z.string(),
  updatedAt: z.string(),
  publishedAt: z.string().nullable(),
});
export type Resource = z.infer<typeof resourceSchema>;
export const resourceDetailSchema = resourceSchema.extend({ links: z.array(resourceLinkSchema) });
export type ResourceDetail = z.infer<typeof resourceDetailSchema>;

/** The management list (scoped to what the caller manages); the public catalogue is the search endpoint. */
export const resourceListQuerySchema = paginationQuerySchema.extend({
  q: z.string().trim().max(50).optional(),
  kind: z.enum(resourceKinds).optional(),
  reviewStatus: z.enum(resourceReviewStatuses).optional(),
  sharing: z.enum(resourceSharings).optional(),
  townId: z.uuid().optional(),
  institutionId: z.uuid().optional(),
});
export const resourceListSchema = listResponseSchema(resourceSchema);
