import { z } from 'zod';
import { idSchema, listResponseSchema, optionalText, paginationQuerySchema, text } from './common.ts';
import { isValidCreditCode } from './credit-code.ts';
import { applicationNumberSchema, ipcPrefixSchema, parseIpcCode, parseLocarnoClass } from './patent-codes.ts';

/**
 * Fast pre-examination (快速预审) by the IP protection centre: utility-model and design applications of local
 * applicants in a class on the centre's list are examined before they go to CNIPA.
 */
export const preExamKinds = ['utility_model', 'design'] as const;
export type PreExamKind = (typeof preExamKinds)[number];
export const preExamStatuses = ['submitted', 'returned', 'passed', 'granted'] as const;
export type PreExamStatus = (typeof preExamStatuses)[number];
export const preExamSchemes = ['ipc', 'locarno'] as const;
export type PreExamScheme = (typeof preExamSchemes)[number];

/** Why an application is not eligible; the service answers 422 PRE_EXAM_NOT_ELIGIBLE with these in `details.reasons`. */
export const eligibilityReasons = ['applicant_not_local', 'applicant_not_own', 'class_not_listed', 'class_scheme_mismatch'] as const;
export type EligibilityReason = (typeof eligibilityReasons)[number];

const creditCode = z
  .string()
  .trim()
  .toUpperCase()
  .refine(isValidCreditCode, { message: '统一社会信用代码校验不通过 / The credit code is not valid (GB 32100 check character)' });

/** A class as the applicant types it: an IPC code for a utility model, a Locarno class for a design. */
export function normaliseClass(kind: PreExamKind, input: string): { ok: true; normalised: string } | { ok: false } {
  if (kind === 'utility_model') {
    const r = parseIpcCode(input);
    return r.ok ? { ok: true, normalised: r.normalised } : { ok: false };
  }
  const r = parseLocarnoClass(input);
  return r.ok ? { ok: true, normalised: r.normalised } : { ok: false };
}

export const preExamCreateSchema = z
  .object({
    title: text(200),
    kind: z.enum(preExamKinds),
    /** IPC code (utility model, e.g. F21V 29/70) or Locarno class (design, e.g. 26-05). */
    classCode: z.string().trim().min(1).max(24),
    applicantCreditCode: creditCode,
    /** Draft files (specification, claims, drawings), uploaded first as `attachment` files by the caller. */
    draftFileIds: z.array(idSchema).min(1).max(10),
    note: optionalText(2000),
  })
  .strict()
  .superRefine((b, ctx) => {
    if (!normaliseClass(b.kind, b.classCode).ok) {
      ctx.addIssue({
        code: 'custom',
        path: ['classCode'],
        message:
          b.kind === 'utility_model'
            ? '实用新型请填写完整的 IPC 分类号，如 F21V 29/70 / Give a full IPC code for a utility model, e.g. F21V 29/70'
            : '外观设计请填写洛迦诺分类号，如 26-05 / Give a Locarno class for a design, e.g. 26-05',
      });
    }
  });
export type PreExamCreate = z.input<typeof preExamCreateSchema>;

export const preExamResubmitSchema = z.object({ draftFileIds: z.array(idSchema).min(1).max(10), note: optionalText(2000) }).strict();

export const preExamReviewSchema = z
  .object({ decision: z.enum(['returned', 'passed']), advice: optionalText(4000) })
  .strict()
  .refine((b) => b.decision !== 'returned' || (b.advice ?? '').length > 0, {
    path: ['advice'],
    message: '退回修改时请填写修改意见 / Give revision advice when returning an application',
  });

export const preExamForwardSchema = z.object({ forwardedOn: z.iso.date() }).strict();

export const preExamGrantSchema = z
  .object({
    grantedOn: z.iso.date(),
    applicationNumber: applicationNumberSchema,
    /** Create (or link) the patent record of the grant. */
    linkPatent: z.boolean().default(true),
  })
  .strict();

export const preExamListQuerySchema = paginationQuerySchema
  .extend({ status: z.enum(preExamStatuses).optional(), kind: z.enum(preExamKinds).optional() })
  .strict();

export const preExamRoundSchema = z.object({
  round: z.number().int(),
  submittedAt: z.string(),
  note: z.string().nullable(),
  files: z.array(z.object({ id: z.string(), filename: z.string(), size: z.number() })),
  decision: z.enum(['returned', 'passed']).nullable(),
  advice: z.string().nullable(),
  decidedAt: z.string().nullable(),
  decidedByName: z.string().nullable(),
});

export const preExamApplicationSchema = z.object({
  id: z.string(),
  number: z.string(),
  title: z.string(),
  kind: z.enum(preExamKinds),
  classCode: z.string(),
  classGroup: z.string(),
  applicantCreditCode: z.string(),
  enterpriseId: z.string(),
  enterpriseName: z.string(),
  townName: z.string(),
  status: z.enum(preExamStatuses),
  round: z.number().int(),
  firstSubmittedAt: z.string(),
  passedAt: z.string().nullable(),
  forwardedOn: z.string().nullable(),
  grantedOn: z.string().nullable(),
  applicationNumber: z.string().nullable(),
  patentId: z.string().nullable(),
  rounds: z.array(preExamRoundSchema).optional(),
});
export type PreExamApplication = z.infer<typeof preExamApplicationSchema>;
export const preExamListSchema = listResponseSchema(preExamApplicationSchema);

export const preExamClassSchema = z.object({
  id: z.string(),
  scheme: z.enum(preExamSchemes),
  prefix: z.string(),
  label: z.string(),
});
export type PreExamClass = z.infer<typeof preExamClassSchema>;
export const preExamClassListSchema = z.object({ items: z.array(preExamClassSchema) });

/**
 * A configured class: an IPC prefix (F21, F21V, H05B45/) or a Locarno class (26 = the whole class, or 26-05).
 * Stored normalised: IPC as parseIpcPrefix gives it, Locarno as '26-' (whole class) or '26-05'.
 */
export const preExamClassCreateSchema = z
  .object({
    scheme: z.enum(preExamSchemes),
    prefix: z.string().trim().min(1).max(24),
    label: text(100),
  })
  .strict()
  .transform((b, ctx) => {
    if (b.scheme === 'ipc') {
      const r = ipcPrefixSchema.safeParse(b.prefix);
      if (r.success) return { ...b, prefix: r.data };
    } else {
      const whole = /^(?:LOC\s*)?(\d{1,2})\s*-?\s*\*?$/i.exec(b.prefix);
      if (whole && Number(whole[1]) >= 1 && (Number(whole[1]) <= 32 || Number(whole[1]) === 99)) {
        return { ...b, prefix: `${String(Number(whole[1])).padStart(2, '0')}-` };
      }
      const r = parseLocarnoClass(b.prefix);
      if (r.ok) return { ...b, prefix: r.normalised };
    }
    ctx.addIssue({
      code: 'custom',
      path: ['prefix'],
      message:
        b.scheme === 'ipc'
          ? 'IPC 分类前缀格式不正确，如 F21、F21V、H05B45/ / Not an IPC prefix such as F21, F21V, H05B45/'
          : '洛迦诺分类格式不正确，如 26 或 26-05 / Not a Locarno class such as 26 or 26-05',
    });
    return z.NEVER;
  });

/** Cycle times per class (days, Shanghai calendar): submission → pass, pass → grant, rounds. */
export const cycleStatSchema = z.object({
  count: z.number().int(),
  p50: z.number().nullable(),
  average: z.number().nullable(),
});
export const cycleTimeRowSchema = z.object({
  classGroup: z.string(),
  kind: z.enum(preExamKinds),
  applications: z.number().int(),
  submissionToPassDays: cycleStatSchema,
  passToGrantDays: cycleStatSchema,
  rounds: cycleStatSchema,
});
export type CycleTimeRow = z.infer<typeof cycleTimeRowSchema>;
export const cycleTimeReportSchema = z.object({
  from: z.string().nullable(),
  to: z.string().nullable(),
  rows: z.array(cycleTimeRowSchema),
  total: cycleTimeRowSchema.omit({ classGroup: true, kind: true }),
});
export type CycleTimeReport = z.infer<typeof cycleTimeReportSchema>;
export const cycleTimeQuerySchema = z
  .object({ from: z.iso.date().optional(), to: z.iso.date().optional() })
  .strict()
  .refine((q) => !q.from || !q.to || q.from <= q.to, {
    path: ['to'],
    message: '结束日期不能早于开始日期 / The end date is before the start date',
  });

export const centreMeSchema = z.object({
  institutionId: z.string().nullable(),
  institutionName: z.string().nullable(),
  duty: z.enum(['admin', 'officer', 'examiner']).nullable(),
});
export const centreStaffSchema = z.object({
  items: z.array(
    z.object({ userId: z.string(), displayName: z.string(), username: z.string(), duty: z.enum(['admin', 'officer', 'examiner']) }),
  ),
});
