import { z } from 'zod';
import { paginationQuerySchema } from './common.ts';
import { ipcPrefixSchema } from './patent-codes.ts';
import { MAX_QUERY_LENGTH } from './patent-query.ts';
import { patentEventKinds, patentKinds, patentLegalStatuses } from './patents.ts';

/**
 * The patent search (专利检索), the patent page and the enterprise portfolio (专利组合). Patent bibliographic
 * data is public information: anyone may search and open a patent; the export and the portfolio need a sign-in.
 */
export const patentSearchSorts = ['relevance', 'application_date', 'grant_date'] as const;
export const patentFacetNames = ['kind', 'legalStatus', 'town', 'applicationYear', 'ipcSubclass'] as const;
export type PatentFacetName = (typeof patentFacetNames)[number];

/** At most this many rows in one export (.xlsx); a larger result is refused (422) and should be narrowed. */
export const PATENT_EXPORT_MAX_ROWS = 5_000;

const isoDate = z.iso.date();
const name = z.string().trim().min(1).max(60);

export const patentSearchQuerySchema = paginationQuerySchema
  .extend({
    q: z.string().trim().max(100).optional().describe('Words in title, abstract or claims (Chinese segmented: LED 散热 灯具)'),
    query: z
      .string()
      .max(MAX_QUERY_LENGTH)
      .optional()
      .describe('Expert query: TI=(LED OR 灯具) AND IPC=F21V AND NOT LS=lapsed; fields TX TI AB CL PA IN LS TOWN AD PD GD IPC KIND'),
    applicant: name.optional().describe('Applicant or current owner, part of the name (3+ characters use the trigram index)'),
    inventor: name.optional().describe('Inventor, part of the name'),
    ipc: ipcPrefixSchema.optional().describe('IPC prefix: F21V, F21V29/, F21V29/70'),
    locarno: z
      .string()
      .trim()
      .regex(/^\d{2}(-\d{2})?$/, 'locarno_invalid')
      .optional()
      .describe('Locarno class of designs: 26 or 26-05'),
    kind: z.enum(patentKinds).optional(),
    legalStatus: z.enum(patentLegalStatuses).optional(),
    townId: z.uuid().optional().describe('Town of the first local applicant'),
    localOwner: z.enum(['true']).optional().describe('true: a current owner is a local (linked) enterprise'),
    applicationYear: z.coerce.number().int().min(1900).max(2100).optional().describe('Application year (the facet’s filter)'),
    applicationFrom: isoDate.optional(),
    applicationTo: isoDate.optional(),
    publicationFrom: isoDate.optional(),
    publicationTo: isoDate.optional(),
    grantFrom: isoDate.optional(),
    grantTo: isoDate.optional(),
    sort: z.enum(patentSearchSorts).optional().describe('relevance (default with words), application_date or grant_date (newest first)'),
  })
  .strict()
  .refine((q) => !q.applicationFrom || !q.applicationTo || q.applicationFrom <= q.applicationTo, {
    message: 'range_invalid',
    path: ['applicationTo'],
  })
  .refine((q) => !q.publicationFrom || !q.publicationTo || q.publicationFrom <= q.publicationTo, {
    message: 'range_invalid',
    path: ['publicationTo'],
  })
  .refine((q) => !q.grantFrom || !q.grantTo || q.grantFrom <= q.grantTo, { message: 'range_invalid', path: ['grantTo'] });
export type PatentSearchQuery = z.infer<typeof patentSearchQuerySchema>;

export const patentSearchItemSchema = z.object({
  id: z.uuid(),
  applicationNumber: z.string(),
  publicationNumber: z.string().nullable(),
  grantNumber: z.string().nullable(),
  kind: z.enum(patentKinds),
  title: z.string(),
  /** Title and abstract fragment with the matched words in <mark>…</mark>; everything else HTML-escaped. */
  titleHighlight: z.string(),
  abstractHighlight: z.string(),
  applicants: z.array(z.string()),
  owners: z.array(z.string()),
  inventors: z.array(z.string()),
  mainClass: z.string().nullable(),
  ipcCodes: z.array(z.string()),
  locarnoCodes: z.array(z.string()),
  applicationDate: z.string(),
  publicationDate: z.string().nullable(),
  grantDate: z.string().nullable(),
  legalStatus: z.enum(patentLegalStatuses),
  townId: z.uuid().nullable(),
  townName: z.string().nullable(),
  townNameEn: z.string().nullable(),
  localOwner: z.boolean(),
});
export type PatentSearchItem = z.infer<typeof patentSearchItemSchema>;

const facetSchema = z.array(z.object({ value: z.string(), label: z.string().optional(), count: z.number().int() }));

export const patentSearchResultSchema = z.object({
  items: z.array(patentSearchItemSchema),
  total: z.number().int(),
  /** true when there were more matches than the exact-count cap: `total` is then an estimate. */
  totalIsEstimate: z.boolean(),
  page: z.number().int(),
  pageSize: z.number().int(),
  /** Each facet counted with every other filter (not its own), so a value's count is what choosing it returns. */
  facets: z.object({
    kind: facetSchema,
    legalStatus: facetSchema,
    town: facetSchema,
    /** Application years, newest first. */
    applicationYear: facetSchema,
    /** IPC subclasses (F21V), a patent counted once per subclass it has; choosing one is `ipc=F21V`. */
    ipcSubclass: facetSchema,
  }),
  /** true when the facet counts come from a sample of a very large result, scaled. */
  facetsAreEstimate: z.boolean(),
  /** The expert query in its normalised spelling (null without one). */
  query: z.string().nullable(),
});
export type PatentSearchResult = z.infer<typeof patentSearchResultSchema>;

// ---- the patent page -------------------------------------------------------------------------------

export const patentEventSchema = z.object({
  id: z.uuid(),
  eventDate: z.string(),
  kind: z.enum(patentEventKinds),
  detail: z.record(z.string(), z.unknown()),
  source: z.string(),
});
export type PatentEvent = z.infer<typeof patentEventSchema>;

export const patentTimelineEntrySchema = z.object({
  at: z.string(),
  source: z.string(),
  kind: z.string(),
  detail: z.record(z.string(), z.unknown()),
  refId: z.string().nullable(),
});

/** A current licensee or pledgee (the page's 许可/质押 section). */
export const patentRightSchema = z.object({
  kind: z.enum(['licence', 'pledge']),
  holder: z.string(),
  licenceType: z.enum(['exclusive', 'non_exclusive', 'open']).nullable(),
  startsOn: z.string().nullable(),
  endsOn: z.string().nullable(),
  recordedOn: z.string(),
  /** The deal, when the viewer may open it. */
  dealId: z.string().nullable(),
  openLicenceId: z.string().nullable(),
});
export type PatentRight = z.infer<typeof patentRightSchema>;

export const patentDetailSchema = patentSearchItemSchema.omit({ titleHighlight: true, abstractHighlight: true }).extend({
  jurisdiction: z.string(),
  abstract: z.string().nullable(),
  claims: z.string().nullable(),
  legalStatusDate: z.string().nullable(),
  ownerEnterpriseIds: z.array(z.uuid()),
  localApplicant: z.boolean(),
  applicantAddress: z.string().nullable(),
  agency: z.string().nullable(),
  feesPaidUntil: z.string().nullable(),
  /** End of the term (last day in force): application date + 20 / 10 / 10 or 15 years − 1 day. */
  expiryDate: z.string(),
  /** IPC subclasses of the codes (F21V): the landscape link of the page. */
  ipcSubclasses: z.array(z.string()),
  events: z.array(patentEventSchema),
  timeline: z.array(patentTimelineEntrySchema),
  /** Licensees whose term has not ended and pledgees. */
  rights: z.array(patentRightSchema),
});
export type PatentDetail = z.infer<typeof patentDetailSchema>;

/** Legal-status events the city records by hand; transfers, licences and pledges come from trading. */
export const recordablePatentEventKinds = ['published', 'granted', 'lapsed', 'restored', 'invalidated', 'expired'] as const;

export const patentEventCreateSchema = z
  .object({
    kind: z.enum(recordablePatentEventKinds),
    eventDate: isoDate,
    /** Grant or publication number when the event is a grant or a publication. */
    number: z.string().trim().min(1).max(40).optional(),
    note: z.string().trim().max(500).optional(),
  })
  .strict();
export type PatentEventCreate = z.infer<typeof patentEventCreateSchema>;

// ---- the portfolio ---------------------------------------------------------------------------------

export const annuityStatuses = ['paid', 'due_soon', 'grace', 'overdue', 'none'] as const;
export type AnnuityStatus = (typeof annuityStatuses)[number];

export const portfolioQuerySchema = z
  .object({
    enterpriseId: z.uuid().optional().describe('Whose portfolio (town admins and the city); an enterprise sees its own'),
    /** Reminders for fees due within this many days (default 90). */
    days: z.coerce.number().int().min(1).max(366).default(90),
    /** The day to compute for (default today, Asia/Shanghai). */
    asOf: isoDate.optional(),
  })
  .strict();
export type PortfolioQuery = z.infer<typeof portfolioQuerySchema>;

export const annuitySchema = z.object({
  /** Patent year the fee is for (第 N 年). */
  year: z.number().int(),
  dueDate: z.string(),
  /** Last day of the 6-month grace period (with a surcharge). */
  graceEndDate: z.string(),
  /** Official fee in fen, and the surcharge (滞纳金) owed if paid today. */
  feeFen: z.number().int(),
  surchargeFen: z.number().int(),
  status: z.enum(annuityStatuses),
});

export const portfolioItemSchema = z.object({
  id: z.uuid(),
  applicationNumber: z.string(),
  grantNumber: z.string().nullable(),
  kind: z.enum(patentKinds),
  title: z.string(),
  applicationDate: z.string(),
  grantDate: z.string().nullable(),
  legalStatus: z.enum(patentLegalStatuses),
  expiryDate: z.string(),
  feesPaidUntil: z.string().nullable(),
  /** The next annual fee (null unless granted and in term). */
  nextAnnuity: annuitySchema.nullable(),
});
export type PortfolioItem = z.infer<typeof portfolioItemSchema>;

export const portfolioSchema = z.object({
  enterpriseId: z.uuid(),
  enterpriseName: z.string(),
  asOf: z.string(),
  items: z.array(portfolioItemSchema),
  /** Fees due within `days`, or overdue and still in the grace period; soonest first. */
  reminders: z.array(portfolioItemSchema.extend({ nextAnnuity: annuitySchema })),
  counts: z.object({ total: z.number().int(), inForce: z.number().int(), pending: z.number().int(), ended: z.number().int() }),
});
export type Portfolio = z.infer<typeof portfolioSchema>;
