import { z } from 'zod';
import { fenSchema, listResponseSchema, optionalText, paginationQuerySchema, text } from './common.ts';
import { SERVICE_CATEGORIES } from './service-categories.ts';

/** The service alliance (公共服务平台联盟) and its catalogue of services (服务超市). */
export const membershipStatuses = ['applied', 'approved', 'rejected'] as const;
export type MembershipStatus = (typeof membershipStatuses)[number];
export const serviceStatuses = ['draft', 'published', 'withdrawn'] as const;
export type ServiceStatus = (typeof serviceStatuses)[number];
export const servicePriceUnits = ['item', 'sample', 'hour', 'project'] as const;
export type ServicePriceUnit = (typeof servicePriceUnits)[number];
export const servicePriceKinds = ['fixed', 'range'] as const;
export const serviceSearchSorts = ['relevance', 'newest', 'price'] as const;

// ---- Alliance membership -------------------------------------------------------------------
export const membershipApplySchema = z.object({ statement: text(1000) }).strict();
export const membershipDecisionSchema = z
  .object({
    decision: z.enum(['approve', 'reject']),
    /** Required when rejecting: the institution needs to know what to change. */
    reason: optionalText(1000),
  })
  .strict();
export const membershipListQuerySchema = paginationQuerySchema.extend({ status: z.enum(membershipStatuses).optional() }).strict();

export const membershipSchema = z.object({
  id: z.uuid(),
  institutionId: z.uuid(),
  institutionName: z.string(),
  institutionType: z.string(),
  townId: z.uuid(),
  townName: z.string(),
  townNameEn: z.string(),
  status: z.enum(membershipStatuses),
  statement: z.string(),
  decisionReason: z.string().nullable(),
  decidedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Membership = z.infer<typeof membershipSchema>;
export const membershipListSchema = listResponseSchema(membershipSchema);

// ---- Services --------------------------------------------------------------------------------
const serviceFieldsSchema = z.object({
  category: z.enum(SERVICE_CATEGORIES),
  title: text(120),
  description: optionalText(4000),
  /** fixed: priceMinFen is the price (priceMaxFen equals it or is omitted); range: from min to max. */
  priceKind: z.enum(servicePriceKinds),
  priceMinFen: fenSchema,
  priceMaxFen: fenSchema.nullish(),
  priceUnit: z.enum(servicePriceUnits),
  /** Working days from the sample or request to the result. */
  turnaroundDays: z.number().int().min(1).max(365),
  /** Instruments and experts of the provider's own institution (resources module) the service uses. */
  resourceIds: z.array(z.uuid()).max(20),
});

export const serviceCreateSchema = serviceFieldsSchema.partial({ description: true, priceMaxFen: true, resourceIds: true }).strict();
export type ServiceCreate = z.infer<typeof serviceCreateSchema>;
/** A change: only what is sent; status changes only through publish and withdraw. */
export const serviceUpdateSchema = serviceFieldsSchema.partial().strict();
export type ServiceUpdate = z.infer<typeof serviceUpdateSchema>;

export const serviceListQuerySchema = paginationQuerySchema
  .extend({
    status: z.enum(serviceStatuses).optional(),
    category: z.enum(SERVICE_CATEGORIES).optional(),
    institutionId: z.uuid().optional(),
  })
  .strict();

export const serviceResourceSchema = z.object({ id: z.uuid(), kind: z.string(), name: z.string() });

export const serviceSchema = z.object({
  id: z.uuid(),
  institutionId: z.uuid(),
  institutionName: z.string(),
  townId: z.uuid(),
  townName: z.string(),
  townNameEn: z.string(),
  category: z.enum(SERVICE_CATEGORIES),
  title: z.string(),
  description: z.string().nullable(),
  priceKind: z.enum(servicePriceKinds),
  priceMinFen: z.number().int(),
  priceMaxFen: z.number().int(),
  priceUnit: z.enum(servicePriceUnits),
  turnaroundDays: z.number().int(),
  status: z.enum(serviceStatuses),
  resources: z.array(serviceResourceSchema),
  createdAt: z.string(),
  updatedAt: z.string(),
  publishedAt: z.string().nullable(),
});
export type Service = z.infer<typeof serviceSchema>;
export const serviceListSchema = listResponseSchema(serviceSchema);

// ---- Search ----------------------------------------------------------------------------------
const fenQuery = z.coerce.number().int().min(0).max(9_000_000_000_000);
export const serviceSearchQuerySchema = paginationQuerySchema
  .extend({
    q: z.string().trim().max(100).optional().describe('Words to find, Chinese or Latin (盐雾, LED 检测, EMC)'),
    category: z.enum(SERVICE_CATEGORIES).optional(),
    townId: z.uuid().optional().describe('Town of the provider'),
    institutionId: z.uuid().optional().describe('The provider institution'),
    priceMin: fenQuery.optional().describe('Lowest acceptable price in fen: services whose highest price is at least this'),
    priceMax: fenQuery.optional().describe('Highest acceptable price in fen: services whose lowest price is at most this'),
    sort: z.enum(serviceSearchSorts).optional().describe('relevance (default with q), newest (default without q) or price (lowest first)'),
  })
  .strict()
  .refine((q) => q.priceMin === undefined || q.priceMax === undefined || q.priceMin <= q.priceMax, {
    message: 'range_invalid',
    path: ['priceMax'],
  });
export type ServiceSearchQuery = z.infer<typeof serviceSearchQuerySchema>;

export const serviceSearchItemSchema = z.object({
  id: z.uuid(),
  category: z.enum(SERVICE_CATEGORIES),
  title: z.string(),
  /** Title or description fragment with the matched words in <mark>…</mark>; everything else HTML-escaped. */
  highlight: z.string(),
  institutionId: z.uuid(),
  institutionName: z.string(),
  townId: z.uuid(),
  townName: z.string(),
  townNameEn: z.string(),
  priceKind: z.enum(servicePriceKinds),
  priceMinFen: z.number().int(),
  priceMaxFen: z.number().int(),
  priceUnit: z.enum(servicePriceUnits),
  turnaroundDays: z.number().int(),
  publishedAt: z.string().nullable(),
});
export type ServiceSearchItem = z.infer<typeof serviceSearchItemSchema>;
const facetSchema = z.array(z.object({ value: z.string(), label: z.string().optional(), count: z.number().int() }));
export const serviceSearchResultSchema = z.object({
  items: z.array(serviceSearchItemSchema),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  facets: z.object({ category: facetSchema, town: facetSchema }),
});
export type ServiceSearchResult = z.infer<typeof serviceSearchResultSchema>;

// ---- Provider page ---------------------------------------------------------------------------
export const serviceProviderSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  type: z.string(),
  level: z.string(),
  townId: z.uuid(),
  townName: z.string(),
  townNameEn: z.string(),
  description: z.string().nullable(),
  website: z.string().nullable(),
  /** Alliance membership: null when the institution never applied. */
  membership: z.enum(membershipStatuses).nullable(),
  memberSince: z.string().nullable(),
  record: z.object({
    servicesPublished: z.number().int(),
    /** Published instruments whose sharing is open or members-only. */
    instrumentsShared: z.number().int(),
    /** Bookings of its instruments and experts that ended completed (usage confirmed by the enterprise). */
    bookingsCompleted: z.number().int(),
    /** Service orders do not exist yet: null until they do, never a made-up number. */
    ordersDelivered: z.number().int().nullable(),
    ratingAverage: z.number().nullable(),
    ratingCount: z.number().int().nullable(),
  }),
  services: z.array(serviceSearchItemSchema),
});
export type ServiceProvider = z.infer<typeof serviceProviderSchema>;
