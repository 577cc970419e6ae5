import { z } from 'zod';
import { idSchema, listResponseSchema, optionalText, paginationQuerySchema, text } from './common.ts';

/**
 * The IP trading platform (知识产权交易) and open licences (开放许可), issue 5. Money in integer fen.
 * Listing kinds: transfer (转让), exclusive licence (独占许可), non-exclusive licence (普通许可), pledge (质押融资).
 */
export const listingKinds = ['transfer', 'exclusive_licence', 'non_exclusive_licence', 'pledge'] as const;
export type ListingKind = (typeof listingKinds)[number];
export const listingStatuses = ['submitted', 'published', 'rejected', 'withdrawn', 'closed'] as const;
export type ListingStatus = (typeof listingStatuses)[number];
export const offerStatuses = ['open', 'accepted', 'declined', 'withdrawn'] as const;
export type OfferStatus = (typeof offerStatuses)[number];
export const dealStatuses = ['in_progress', 'completed', 'cancelled'] as const;
export type DealStatus = (typeof dealStatuses)[number];
export const openLicenceStatuses = ['active', 'withdrawn', 'ended'] as const;
export type OpenLicenceStatus = (typeof openLicenceStatuses)[number];

/** Why an offer was declined; `listing_closed` is set by the platform when the listing ends. */
export const offerDeclineReasons = ['price', 'too_early', 'wrong_technology', 'terms', 'listing_closed', 'other'] as const;
export type OfferDeclineReason = (typeof offerDeclineReasons)[number];
export const manualDeclineReasons = ['price', 'too_early', 'wrong_technology', 'terms', 'other'] as const;

export const LISTING_KIND_LABELS: Record<ListingKind, { zh: string; en: string }> = {
  transfer: { zh: '专利转让', en: 'Transfer' },
  exclusive_licence: { zh: '独占许可', en: 'Exclusive licence' },
  non_exclusive_licence: { zh: '普通许可', en: 'Non-exclusive licence' },
  pledge: { zh: '质押融资', en: 'Pledge loan' },
};

/** ¥1 billion: anything larger is a typing error. */
export const IP_MONEY_MAX_FEN = 100_000_000_000;
const fen = z.number().int().min(1).max(IP_MONEY_MAX_FEN);

export const listingCreateSchema = z
  .object({
    patentId: idSchema,
    kind: z.enum(listingKinds),
    /** null or absent = negotiable (面议). */
    askingPriceFen: fen.nullish(),
    terms: optionalText(4000),
    description: optionalText(4000),
  })
  .strict();
export type ListingCreate = z.input<typeof listingCreateSchema>;

export const listingReviewSchema = z
  .object({ decision: z.enum(['publish', 'reject']), note: optionalText(2000) })
  .strict()
  .refine((b) => b.decision === 'publish' || (b.note ?? '').length > 0, { path: ['note'], message: 'ip_decline_note_required' });
export const noteSchema = z.object({ note: optionalText(2000) }).strict();

export const showcaseQuerySchema = paginationQuerySchema
  .extend({
    q: z.string().trim().max(100).optional().describe('Words of the patent title or abstract'),
    kind: z.enum(listingKinds).optional(),
    ipc: z
      .string()
      .trim()
      .toUpperCase()
      .regex(/^[A-H](\d{2}([A-Z](\d{1,4}\/?)?)?)?$/)
      .optional()
      .describe('IPC prefix: F, F21, F21V, F21V29/'),
    townId: z.uuid().optional(),
    minPriceFen: z.coerce.number().int().min(0).optional(),
    maxPriceFen: z.coerce.number().int().min(0).optional(),
  })
  .strict();

export const myListingsQuerySchema = paginationQuerySchema
  .extend({ status: z.enum(listingStatuses).optional(), townId: z.uuid().optional() })
  .strict();

export const patentSummarySchema = z.object({
  id: z.string(),
  applicationNumber: z.string(),
  kind: z.string(),
  title: z.string(),
  abstract: z.string().nullable(),
  mainClass: z.string().nullable(),
  ipcCodes: z.array(z.string()),
  legalStatus: z.string(),
  owners: z.array(z.string()),
  grantDate: z.string().nullable(),
});
export type PatentSummary = z.infer<typeof patentSummarySchema>;

export const listingSchema = z.object({
  id: z.string(),
  patent: patentSummarySchema,
  sellerEnterpriseId: z.string(),
  sellerName: z.string(),
  townId: z.string(),
  townName: z.string(),
  townNameEn: z.string(),
  kind: z.enum(listingKinds),
  askingPriceFen: z.number().nullable(),
  terms: z.string(),
  description: z.string(),
  status: z.enum(listingStatuses),
  reviewNote: z.string().nullable(),
  publishedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  createdAt: z.string(),
  /** Open offers on it (every caller may see how many). */
  openOfferCount: z.number(),
  /** Detail only: what the caller may do. */
  canOffer: z.boolean().optional(),
  isSeller: z.boolean().optional(),
});
export type Listing = z.infer<typeof listingSchema>;
export const listingListSchema = listResponseSchema(listingSchema);

export const offerCreateSchema = z
  .object({ amountFen: fen.nullish(), terms: optionalText(4000), message: optionalText(4000) })
  .strict()
  .refine((b) => b.amountFen != null || (b.terms ?? '').length > 0, { path: ['amountFen'], message: 'ip_offer_empty' });
export type OfferCreate = z.input<typeof offerCreateSchema>;
export const offerMessageSchema = z.object({ body: text(4000) }).strict();
export const offerCounterSchema = z.object({ amountFen: fen, terms: optionalText(4000), body: optionalText(4000) }).strict();
export const offerDeclineSchema = z
  .object({ reason: z.enum(manualDeclineReasons), note: optionalText(2000) })
  .strict()
  .refine((b) => b.reason !== 'other' || (b.note ?? '').length > 0, { path: ['note'], message: 'ip_decline_note_required' });
export type OfferDecline = z.input<typeof offerDeclineSchema>;
export const offerListQuerySchema = paginationQuerySchema
  .extend({ side: z.enum(['buyer', 'seller']).optional(), status: z.enum(offerStatuses).optional() })
  .strict();

export const offerThreadEntrySchema = z.object({
  id: z.string(),
  side: z.enum(['seller', 'buyer']),
  kind: z.enum(['offer', 'message', 'counter', 'accepted', 'declined', 'withdrawn']),
  amountFen: z.number().nullable(),
  body: z.string(),
  authorName: z.string(),
  createdAt: z.string(),
});
export const offerSchema = z.object({
  id: z.string(),
  listingId: z.string(),
  listingKind: z.enum(listingKinds),
  patentId: z.string(),
  patentTitle: z.string(),
  applicationNumber: z.string(),
  sellerEnterpriseId: z.string(),
  sellerName: z.string(),
  buyerEnterpriseId: z.string().nullable(),
  buyerInstitutionId: z.string().nullable(),
  buyerName: z.string(),
  amountFen: z.number().nullable(),
  askingPriceFen: z.number().nullable(),
  terms: z.string(),
  status: z.enum(offerStatuses),
  awaiting: z.enum(['seller', 'buyer']),
  declineReason: z.enum(offerDeclineReasons).nullable(),
  declineNote: z.string().nullable(),
  decidedAt: z.string().nullable(),
  dealId: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** The caller's side in this offer (null for admins reading it). */
  mySide: z.enum(['seller', 'buyer']).nullable(),
  /** Detail only. */
  thread: z.array(offerThreadEntrySchema).optional(),
});
export type Offer = z.infer<typeof offerSchema>;
export const offerListSchema = listResponseSchema(offerSchema);

/** Licences: the term the contract states (both dates, inclusive, Shanghai days); other kinds: none. */
export const dealCompleteSchema = z
  .object({
    contractFileId: idSchema,
    licenceStartsOn: z.iso.date().nullish(),
    licenceEndsOn: z.iso.date().nullish(),
    note: optionalText(2000),
  })
  .strict()
  .refine((b) => !b.licenceStartsOn || !b.licenceEndsOn || b.licenceEndsOn >= b.licenceStartsOn, {
    path: ['licenceEndsOn'],
    message: 'ip_licence_term_order',
  });
export type DealComplete = z.input<typeof dealCompleteSchema>;
export const dealListQuerySchema = paginationQuerySchema.extend({ status: z.enum(dealStatuses).optional() }).strict();
export const dealSchema = z.object({
  id: z.string(),
  listingId: z.string(),
  offerId: z.string(),
  kind: z.enum(listingKinds),
  patent: patentSummarySchema,
  sellerEnterpriseId: z.string(),
  sellerName: z.string(),
  buyerEnterpriseId: z.string().nullable(),
  buyerInstitutionId: z.string().nullable(),
  buyerName: z.string(),
  townName: z.string(),
  amountFen: z.number().nullable(),
  terms: z.string(),
  status: z.enum(dealStatuses),
  contractFile: z.object({ id: z.string(), filename: z.string(), size: z.number() }).nullable(),
  /** Licences: the contract's term, recorded at completion. */
  licenceStartsOn: z.string().nullable(),
  licenceEndsOn: z.string().nullable(),
  completedAt: z.string().nullable(),
  cancelledAt: z.string().nullable(),
  createdAt: z.string(),
  mySide: z.enum(['seller', 'buyer']).nullable(),
  /** The patent's licensed/transferred/pledged events, newest first (detail only). */
  patentEvents: z.array(z.object({ eventDate: z.string(), kind: z.string(), detail: z.record(z.string(), z.unknown()) })).optional(),
});
export type Deal = z.infer<typeof dealSchema>;
export const dealListSchema = listResponseSchema(dealSchema);

export const openLicenceCreateSchema = z
  .object({
    patentId: idSchema,
    feeFen: z.number().int().min(0).max(IP_MONEY_MAX_FEN),
    terms: text(4000),
    validFrom: z.iso.date(),
    validUntil: z.iso.date(),
  })
  .strict()
  .refine((b) => b.validUntil >= b.validFrom, { path: ['validUntil'], message: 'ip_validity_order' });
export type OpenLicenceCreate = z.input<typeof openLicenceCreateSchema>;
export const openLicenceTakeSchema = z
  .object({
    amountFen: z.number().int().min(0).max(IP_MONEY_MAX_FEN),
    paidOn: z.iso.date(),
    paymentReference: text(100),
    notice: optionalText(2000),
  })
  .strict();
export type OpenLicenceTake = z.input<typeof openLicenceTakeSchema>;
export const openLicenceQuerySchema = paginationQuerySchema
  .extend({
    q: z.string().trim().max(100).optional(),
    status: z.enum(openLicenceStatuses).optional(),
    mine: z.enum(['true', 'false']).optional(),
  })
  .strict();
export const openLicenceTakenSchema = z.object({
  id: z.string(),
  licenseeEnterpriseId: z.string(),
  licenseeName: z.string(),
  amountFen: z.number(),
  paidOn: z.string(),
  paymentReference: z.string(),
  /** The licence's term: from the day taken to the end of the declaration's validity. */
  licenceStartsOn: z.string().nullable(),
  licenceEndsOn: z.string().nullable(),
  createdAt: z.string(),
});
export const openLicenceSchema = z.object({
  id: z.string(),
  patent: patentSummarySchema,
  enterpriseId: z.string(),
  enterpriseName: z.string(),
  townName: z.string(),
  townNameEn: z.string(),
  feeFen: z.number(),
  terms: z.string(),
  validFrom: z.string(),
  validUntil: z.string(),
  status: z.enum(openLicenceStatuses),
  endNote: z.string().nullable(),
  createdAt: z.string(),
  licenceCount: z.number(),
  /** Whether the caller's enterprise holds a licence under it. */
  takenByMe: z.boolean(),
  /** The owner and admins see every licence taken; a licensee its own. */
  licences: z.array(openLicenceTakenSchema),
});
export type OpenLicence = z.infer<typeof openLicenceSchema>;
export const openLicenceListSchema = listResponseSchema(openLicenceSchema);

export const myPatentSchema = patentSummarySchema.extend({
  liveListingKinds: z.array(z.enum(listingKinds)),
  openLicenceActive: z.boolean(),
});
export const myPatentListSchema = z.object({ items: z.array(myPatentSchema) });
export type MyPatent = z.infer<typeof myPatentSchema>;

export const statisticsQuerySchema = z.object({ year: z.coerce.number().int().min(2000).max(2100).optional() }).strict();
const statRow = z.object({
  key: z.string(),
  label: z.string(),
  labelEn: z.string(),
  listings: z.number(),
  deals: z.number(),
  dealValueFen: z.number(),
});
export const statisticsSchema = z.object({
  year: z.number().nullable(),
  years: z.array(z.number()),
  totals: z.object({
    listings: z.number(),
    published: z.number(),
    offers: z.number(),
    deals: z.number(),
    dealsCompleted: z.number(),
    dealValueFen: z.number(),
    openLicences: z.number(),
    openLicencesTaken: z.number(),
    openLicenceValueFen: z.number(),
  }),
  byYear: z.array(statRow),
  byTown: z.array(statRow),
  byIndustry: z.array(statRow),
  byKind: z.array(statRow),
});
export type IpStatistics = z.infer<typeof statisticsSchema>;

/**
 * Industry of a deal: the GB/T 4754-2017 division (门类字母 + 2 位大类) of the seller enterprise's industry
 * code — the unit the city's statistics use. Labels of the divisions Zhongshan's towns report; others show the code.
 */
export const INDUSTRY_DIVISION_LABELS: Record<string, { zh: string; en: string }> = {
  A01: { zh: '农业', en: 'Agriculture' },
  C13: { zh: '农副食品加工业', en: 'Agri-food processing' },
  C14: { zh: '食品制造业', en: 'Food manufacturing' },
  C17: { zh: '纺织业', en: 'Textiles' },
  C18: { zh: '纺织服装、服饰业', en: 'Apparel' },
  C21: { zh: '家具制造业', en: 'Furniture' },
  C23: { zh: '印刷和记录媒介复制业', en: 'Printing' },
  C24: { zh: '文教、工美、体育和娱乐用品制造业', en: 'Culture, sports and amusement goods' },
  C26: { zh: '化学原料和化学制品制造业', en: 'Chemicals' },
  C27: { zh: '医药制造业', en: 'Pharmaceuticals' },
  C29: { zh: '橡胶和塑料制品业', en: 'Rubber and plastics' },
  C30: { zh: '非金属矿物制品业', en: 'Non-metallic mineral products' },
  C31: { zh: '黑色金属冶炼和压延加工业', en: 'Ferrous metals' },
  C32: { zh: '有色金属冶炼和压延加工业', en: 'Non-ferrous metals' },
  C33: { zh: '金属制品业', en: 'Metal products' },
  C34: { zh: '通用设备制造业', en: 'General machinery' },
  C35: { zh: '专用设备制造业', en: 'Special machinery' },
  C36: { zh: '汽车制造业', en: 'Motor vehicles' },
  C37: { zh: '铁路、船舶、航空航天和其他运输设备制造业', en: 'Other transport equipment' },
  C38: { zh: '电气机械和器材制造业', en: 'Electrical machinery and equipment' },
  C39: { zh: '计算机、通信和其他电子设备制造业', en: 'Computers, communication and electronics' },
  C40: { zh: '仪器仪表制造业', en: 'Instruments' },
  I65: { zh: '软件和信息技术服务业', en: 'Software and IT services' },
  M73: { zh: '研究和试验发展', en: 'Research and development' },
  M75: { zh: '科技推广和应用服务业', en: 'Technology promotion services' },
};
