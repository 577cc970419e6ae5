import { z } from 'zod';
import { idSchema, listResponseSchema, optionalText, paginationQuerySchema, text } from './common.ts';
import { applicationNumberSchema } from './patent-codes.ts';

/** Rights-protection cases (维权援助) handled by the IP protection centre. */
export const ipCaseKinds = ['infringement_complaint', 'defence_assistance'] as const;
export type IpCaseKind = (typeof ipCaseKinds)[number];
export const ipCaseStatuses = ['filed', 'acknowledged', 'triaged', 'assigned', 'mediating', 'concluded', 'closed'] as const;
export type IpCaseStatus = (typeof ipCaseStatuses)[number];
export const ipCaseTracks = ['fast', 'normal'] as const;
export type IpCaseTrack = (typeof ipCaseTracks)[number];
export const ipCaseOutcomes = ['mediated_agreement', 'withdrawn', 'referred_administrative', 'referred_court'] as const;
export type IpCaseOutcome = (typeof ipCaseOutcomes)[number];

/**
 * SLA targets in working days, counted from the filing day (Asia/Shanghai, platform/working-days.ts):
 * acknowledgement (intake), first mediation session, closing.
 */
export const IP_CASE_SLA = {
  fast: { intake: 1, firstMediation: 5, close: 20 },
  normal: { intake: 1, firstMediation: 10, close: 60 },
} as const satisfies Record<IpCaseTrack, { intake: number; firstMediation: number; close: number }>;

/** http(s) only: shown as a link, so javascript: or data: would be a stored XSS. */
const marketplaceUrl = z.url({ protocol: /^https?$/, message: '请填写 http(s) 开头的网址 / Give an http(s) address' }).max(500);

export const ipCaseCreateSchema = z
  .object({
    kind: z.enum(ipCaseKinds),
    title: text(200),
    description: text(4000),
    /** A patent of the complainant on the platform … */
    patentId: idSchema.nullish(),
    /** … or its number (Chinese numbers are check-digit verified). */
    patentNumber: applicationNumberSchema.nullish(),
    suspectedProduct: optionalText(200),
    seller: optionalText(200),
    marketplaceUrl: marketplaceUrl.nullish(),
    /** The other side: respondent of a complaint, claimant for a defence request. */
    counterpartyName: optionalText(200),
    /** The other side's credit code when it is an enterprise on the platform (it then sees the case too). */
    counterpartyCreditCode: z.string().trim().toUpperCase().max(18).nullish(),
    /** The infringement was found at a trade fair (灯博会 …): fast track. */
    tradeFair: z.boolean().default(false),
    tradeFairName: optionalText(100),
    evidenceFileIds: z.array(idSchema).max(20).default([]),
  })
  .strict()
  .superRefine((b, ctx) => {
    if (b.kind === 'infringement_complaint') {
      if (!b.patentId && !b.patentNumber) {
        ctx.addIssue({
          code: 'custom',
          path: ['patentId'],
          message: '请选择被侵权的专利或填写专利号 / Pick the infringed patent or give its number',
        });
      }
      if (!b.suspectedProduct) {
        ctx.addIssue({ code: 'custom', path: ['suspectedProduct'], message: '请填写涉嫌侵权产品 / Name the suspected product' });
      }
    }
    if (b.tradeFair && !b.tradeFairName) {
      ctx.addIssue({ code: 'custom', path: ['tradeFairName'], message: '请填写展会名称 / Name the trade fair' });
    }
  });
export type IpCaseCreate = z.input<typeof ipCaseCreateSchema>;

export const ipCaseNoteSchema = z.object({ note: optionalText(2000) }).strict();
export const ipCaseTriageSchema = z
  .object({
    /** Omit to take the rule's track; a different track needs a note. */
    track: z.enum(ipCaseTracks).optional(),
    note: optionalText(2000),
  })
  .strict();
export const ipCaseAssignSchema = z.object({ officerId: idSchema, note: optionalText(2000) }).strict();
export const ipCaseSessionSchema = z
  .object({
    heldOn: z.iso.date(),
    location: optionalText(200),
    attendees: optionalText(500),
    minutes: text(8000),
  })
  .strict();
export const ipCaseOutcomeSchema = z.object({ outcome: z.enum(ipCaseOutcomes), summary: text(4000) }).strict();
export const ipCaseCloseSchema = z.object({ report: text(8000), reportFileId: idSchema.nullish() }).strict();

export const ipCaseListQuerySchema = paginationQuerySchema
  .extend({
    status: z.enum(ipCaseStatuses).optional(),
    track: z.enum(ipCaseTracks).optional(),
    /** Only cases whose next step is overdue. */
    overdue: z.enum(['true', 'false']).optional(),
    q: z.string().trim().max(100).optional(),
  })
  .strict();

export const ipCaseSessionViewSchema = z.object({
  id: z.string(),
  heldOn: z.string(),
  location: z.string().nullable(),
  attendees: z.string().nullable(),
  minutes: z.string(),
  recordedByName: z.string().nullable(),
  createdAt: z.string(),
});

export const ipCaseSlaViewSchema = z.object({
  intakeDue: z.string(),
  firstMediationDue: z.string().nullable(),
  closeDue: z.string().nullable(),
  intakeDays: z.number().int().nullable(),
  firstMediationDays: z.number().int().nullable(),
  closeDays: z.number().int().nullable(),
  /** Which step is late (done late or still open past its due day). */
  late: z.array(z.enum(['intake', 'firstMediation', 'close'])),
  overdue: z.boolean(),
});

export const ipCaseSchema = z.object({
  id: z.string(),
  caseNo: z.string(),
  kind: z.enum(ipCaseKinds),
  status: z.enum(ipCaseStatuses),
  track: z.enum(ipCaseTracks).nullable(),
  suggestedTrack: z.enum(ipCaseTracks),
  title: z.string(),
  description: z.string(),
  complainantEnterpriseId: z.string(),
  complainantName: z.string(),
  townId: z.string(),
  townName: z.string(),
  patentId: z.string().nullable(),
  patentNumber: z.string().nullable(),
  patentKind: z.string().nullable(),
  patentTitle: z.string().nullable(),
  suspectedProduct: z.string().nullable(),
  seller: z.string().nullable(),
  marketplaceUrl: z.string().nullable(),
  counterpartyName: z.string().nullable(),
  counterpartyEnterpriseId: z.string().nullable(),
  tradeFair: z.boolean(),
  tradeFairName: z.string().nullable(),
  officerId: z.string().nullable(),
  officerName: z.string().nullable(),
  filedAt: z.string(),
  acknowledgedAt: z.string().nullable(),
  triagedAt: z.string().nullable(),
  assignedAt: z.string().nullable(),
  outcome: z.enum(ipCaseOutcomes).nullable(),
  outcomeSummary: z.string().nullable(),
  outcomeAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  closingReport: z.string().nullable(),
  /** Evidence is shown to the complainant, the officer, the centre's admins and the city, not to the other side. */
  evidence: z.array(z.object({ id: z.string(), filename: z.string(), size: z.number() })),
  sessions: z.array(ipCaseSessionViewSchema),
  sla: ipCaseSlaViewSchema,
  /** The caller's part: complainant, counterparty, officer, admin. */
  viewerRole: z.enum(['complainant', 'counterparty', 'officer', 'admin']),
});
export type IpCase = z.infer<typeof ipCaseSchema>;
export const ipCaseListSchema = listResponseSchema(ipCaseSchema);

export const slaQuerySchema = z
  .object({ from: z.iso.date().optional(), to: z.iso.date().optional() })
  .strict()
  .refine((q) => !q.from || !q.to || q.from <= q.to, {
    path: ['to'],
    message: '结束日期不能早于开始日期 / The end date is before the start date',
  });

const metric = z.object({
  /** Cases where the step is done. */
  count: z.number().int(),
  averageDays: z.number().nullable(),
  p50Days: z.number().nullable(),
  /** Done within the target. */
  onTime: z.number().int(),
  /** Late: done after the target, or still open past it. */
  late: z.number().int(),
});
export const slaGroupSchema = z.object({
  track: z.enum(ipCaseTracks),
  townId: z.string().nullable(),
  townName: z.string().nullable(),
  cases: z.number().int(),
  open: z.number().int(),
  overdue: z.number().int(),
  intake: metric,
  firstMediation: metric,
  close: metric,
});
export type SlaGroup = z.infer<typeof slaGroupSchema>;
export const slaOverdueCaseSchema = z.object({
  id: z.string(),
  caseNo: z.string(),
  title: z.string(),
  track: z.enum(ipCaseTracks).nullable(),
  townName: z.string(),
  status: z.enum(ipCaseStatuses),
  step: z.enum(['intake', 'firstMediation', 'close']),
  dueOn: z.string(),
  workingDaysLate: z.number().int(),
  officerName: z.string().nullable(),
});
export const slaDashboardSchema = z.object({
  asOf: z.string(),
  targets: z.object({
    fast: z.object({ intake: z.number(), firstMediation: z.number(), close: z.number() }),
    normal: z.object({ intake: z.number(), firstMediation: z.number(), close: z.number() }),
  }),
  byTrack: z.array(slaGroupSchema),
  byTrackAndTown: z.array(slaGroupSchema),
  overdue: z.array(slaOverdueCaseSchema),
});
export type SlaDashboard = z.infer<typeof slaDashboardSchema>;

export const caseParamsSchema = z.object({ id: idSchema }).strict();
export const caseFileParamsSchema = z.object({ id: idSchema, fileId: idSchema }).strict();

export const patentOptionsSchema = z.object({
  items: z.array(z.object({ id: z.string(), applicationNumber: z.string(), title: z.string(), kind: z.string() })),
});
