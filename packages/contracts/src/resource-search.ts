import { z } from 'zod';
import { paginationQuerySchema } from './common.ts';
import { feeUnits, resourceKinds, resourceReviewStatuses, resourceSharings } from './resources.ts';

/** The public search of the innovation resource database, also the city's open API (开放共享). */
export const resourceSearchSorts = ['relevance', 'newest', 'fee'] as const;
export const resourceSearchFacetNames = ['kind', 'town', 'industry', 'institution', 'accreditation'] as const;

const fen = z.coerce.number().int().min(0).max(9_000_000_000_000);
const label = z.string().trim().min(1).max(40);

export const resourceSearchQuerySchema = paginationQuerySchema
  .extend({
    q: z
      .string()
      .trim()
      .max(100)
      .optional()
      .describe('Words to find, Chinese or Latin (光谱, LED 测试, LMS-9000A); the last word may be partial'),
    kind: z.enum(resourceKinds).optional().describe('instrument, lab, expert or result'),
    townId: z.uuid().optional().describe('Owner town'),
    industry: label.optional().describe('Industry label, e.g. 灯饰照明'),
    institutionId: z.uuid().optional().describe('Owner institution'),
    accreditation: label.optional().describe('Accreditation, e.g. CNAS, CMA'),
    feeMin: fen.optional().describe('Lowest acceptable fee in fen: resources whose maximum fee is at least this'),
    feeMax: fen.optional().describe('Highest acceptable fee in fen: resources whose minimum fee is at most this'),
    available: z.enum(['true', 'false']).optional().describe('true: only resources that publish opening hours and can be booked'),
    sort: z.enum(resourceSearchSorts).optional().describe('relevance (default with q), newest (default without q) or fee (lowest first)'),
  })
  .strict()
  .refine((q) => q.feeMin === undefined || q.feeMax === undefined || q.feeMin <= q.feeMax, {
    message: 'range_invalid',
    path: ['feeMax'],
  });
export type ResourceSearchQuery = z.infer<typeof resourceSearchQuerySchema>;

export const resourceSearchItemSchema = z.object({
  id: z.uuid(),
  kind: z.enum(resourceKinds),
  name: z.string(),
  /** Name or summary fragment with the matched words in <mark>…</mark>; everything else HTML-escaped. */
  highlight: z.string(),
  summary: z.string().nullable(),
  townId: z.uuid(),
  townName: z.string(),
  townNameEn: z.string(),
  institutionId: z.uuid(),
  institutionName: z.string(),
  industries: z.array(z.string()),
  accreditations: z.array(z.string()),
  feeMinFen: z.number().int().nullable(),
  feeMaxFen: z.number().int().nullable(),
  feeUnit: z.enum(feeUnits).nullable(),
  model: z.string().nullable(),
  sharing: z.enum(resourceSharings),
  reviewStatus: z.enum(resourceReviewStatuses),
  publishedAt: z.string().nullable(),
});
export type ResourceSearchItem = z.infer<typeof resourceSearchItemSchema>;

/**
 * Fee bands of the fee facet, in fen (max null = no upper bound). A band's value `min-max` maps to the filter
 * `feeMin=min&feeMax=max`, and its count is what that filter returns.
 */
export const RESOURCE_FEE_BANDS = [
  { value: '0-9999', min: 0, max: 9_999 },
  { value: '10000-49999', min: 10_000, max: 49_999 },
  { value: '50000-199999', min: 50_000, max: 199_999 },
  { value: '200000-', min: 200_000, max: null },
] as const;

const facetSchema = z.array(z.object({ value: z.string(), label: z.string().optional(), count: z.number().int() }));

export const resourceSearchResultSchema = z.object({
  items: z.array(resourceSearchItemSchema),
  total: z.number().int(),
  /** true when the matches were too many to count exactly: `total` is then the planner's estimate. */
  totalIsEstimate: z.boolean(),
  page: z.number().int(),
  pageSize: z.number().int(),
  facets: z.object({
    kind: facetSchema,
    town: facetSchema,
    industry: facetSchema,
    institution: facetSchema,
    accreditation: facetSchema,
    /** Fee bands (values of RESOURCE_FEE_BANDS), counted by overlap with a resource's fee range. */
    fee: facetSchema,
    /** 'true' (has opening hours, so bookable) / 'false'. */
    available: facetSchema,
  }),
  /** true when the facet counts were taken from a sample of a very large result and scaled. */
  facetsAreEstimate: z.boolean(),
});
export type ResourceSearchResult = z.infer<typeof resourceSearchResultSchema>;
