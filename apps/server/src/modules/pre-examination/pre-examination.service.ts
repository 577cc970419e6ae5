import { parseApplicationNumber } from '@innotown/contracts/patent-codes';
import { classPrefixesOf } from '@innotown/contracts/patents';
import {
  type cycleTimeQuerySchema,
  normaliseClass,
  type preExamClassCreateSchema,
  type preExamCreateSchema,
  type preExamGrantSchema,
  type preExamListQuerySchema,
  type preExamResubmitSchema,
  type preExamReviewSchema,
} from '@innotown/contracts/pre-examination';
import type { z } from 'zod';
import { recordAudit } from '../../platform/audit.ts';
import type { RequestContext } from '../../platform/context.ts';
import type { Db } from '../../platform/db.ts';
import { AppError, forbidden, notFound } from '../../platform/errors.ts';
import { limitOffset } from '../../platform/pagination.ts';
import { type Actor, recordInScope, requireAccess, scopeFilter, scopeOf } from '../../platform/policy.ts';
import { searchVectorLiteral } from '../../platform/search/search-vector.ts';
import { addCalendarDays, shanghaiDate, startOfShanghaiDay } from '../../platform/working-days.ts';
import { readFile } from '../files/files.service.ts';
import * as centre from '../ip-cases/ip-centre.repository.ts';
import { withCentreDuty } from '../ip-cases/ip-centre.ts';
import { notify, notifyEnterpriseUsers } from '../notifications/notifications.service.ts';
import { type PatentTimelineEntry, registerPatentTimelineSource } from '../patents/patent-timeline.ts';
import { checkEligibility, classGroupOf, cycleTimes } from './pre-exam-rules.ts';
import { PreExamErrors } from './pre-examination.errors.ts';
import * as repo from './pre-examination.repository.ts';

const READ = { resource: 'preExamApplication', action: 'read' } as const;
const LIST = { resource: 'preExamApplication', action: 'list' } as const;
const RESUBMIT = { resource: 'preExamApplication', action: 'resubmit' } as const;
const REVIEW = { resource: 'preExamApplication', action: 'review' } as const;
const FORWARD = { resource: 'preExamApplication', action: 'forward' } as const;
const GRANT = { resource: 'preExamApplication', action: 'grant' } as const;
const MANAGE_CLASSES = { resource: 'preExamClass', action: 'manage' } as const;
const REPORT = { resource: 'preExamReport', action: 'read' } as const;
const scoped = (a: repo.ApplicationView) => ({ institutionId: a.institutionId, enterpriseId: a.enterpriseId });
const link = (id: string) => `/pre-examination/${id}`;
const KIND_ZH = { utility_model: '实用新型', design: '外观设计' } as const;

async function requireCentre(db: Db) {
  const c = await centre.centreInstitution(db);
  if (!c) throw new AppError(PreExamErrors.PRE_EXAM_NO_CENTRE);
  return c;
}

// ------------------------------------------------------------------ the centre's class list

export async function listClasses(db: Db) {
  const c = await centre.centreInstitution(db);
  return c ? repo.listClasses(db, c.id) : [];
}

/** The centre's admins (their own centre) and the city configure the list. */
async function classManager(db: Db, ctx: RequestContext) {
  const actor = await withCentreDuty(db, ctx.actor);
  const c = await requireCentre(db);
  requireAccess(actor, MANAGE_CLASSES, c, (x) => ({ institutionId: x.id }));
  return c;
}

export async function addClass(db: Db, ctx: RequestContext, input: z.output<typeof preExamClassCreateSchema>) {
  const c = await classManager(db, ctx);
  return db.transaction(async (tx) => {
    const row = await repo.insertClass(tx, { institutionId: c.id, ...input, createdBy: ctx.actor.userId });
    if (!row) throw new AppError(PreExamErrors.PRE_EXAM_CLASS_TAKEN);
    await recordAudit(tx, ctx, {
      action: 'pre_exam_class.create',
      targetType: 'pre_exam_class',
      targetId: row.id,
      result: 'success',
      statusCode: 201,
      changes: { scheme: { from: null, to: input.scheme }, prefix: { from: null, to: input.prefix } },
    });
    return row;
  });
}

export async function removeClass(db: Db, ctx: RequestContext, id: string) {
  const c = await classManager(db, ctx);
  return db.transaction(async (tx) => {
    const row = await repo.deleteClass(tx, id, c.id);
    if (!row) throw notFound();
    await recordAudit(tx, ctx, {
      action: 'pre_exam_class.delete',
      targetType: 'pre_exam_class',
      targetId: id,
      result: 'success',
      statusCode: 204,
      changes: { prefix: { from: row.prefix, to: null } },
    });
  });
}

// ------------------------------------------------------------------ applications

export type ApplicationDetail = repo.ApplicationView & {
  rounds?: (repo.RoundView & { files: { id: string; filename: string; size: number }[] })[];
};

async function detail(db: Db, a: repo.ApplicationView): Promise<ApplicationDetail> {
  const rounds = await repo.roundsOf(db, a.id);
  // One round after the other: `db` may be a transaction (one connection).
  const withFiles: NonNullable<ApplicationDetail['rounds']> = [];
  for (const r of rounds) withFiles.push({ ...r, files: await centre.filesOf(db, r.fileIds) });
  return { ...a, rounds: withFiles };
}

async function visible(
  db: Db,
  actor: Actor,
  id: string,
  permission: typeof READ | typeof RESUBMIT | typeof REVIEW | typeof FORWARD | typeof GRANT = READ,
  lock = false,
) {
  const withDuty = await withCentreDuty(db, actor);
  // Out of scope for the action but readable is still 404 only when unreadable; a reader without the right is 403.
  const row = requireAccess(withDuty, READ, await repo.findApplication(db, id, lock), scoped);
  if (permission !== READ) {
    const scope = scopeOf(withDuty, permission);
    if (!scope) throw forbidden();
    requireAccess(withDuty, permission, row, scoped);
  }
  return row;
}

export async function findApplication(db: Db, ctx: RequestContext, id: string) {
  return detail(db, await visible(db, ctx.actor, id));
}

export async function listApplications(db: Db, ctx: RequestContext, q: z.infer<typeof preExamListQuerySchema>) {
  const filter = scopeFilter(await withCentreDuty(db, ctx.actor), LIST);
  if (!filter) return { items: [], total: 0 };
  const { limit, offset } = limitOffset(q);
  return repo.listApplications(db, filter, q, limit, offset);
}

export async function readDraftFile(db: Db, ctx: RequestContext, id: string, fileId: string) {
  const a = await visible(db, ctx.actor, id);
  const rounds = await repo.roundsOf(db, a.id);
  if (!rounds.some((r) => r.fileIds.includes(fileId))) throw notFound();
  return readFile(db, ctx, fileId, { access: 'checked-by-caller' });
}

async function examinerIds(tx: Db, institutionId: string) {
  return (await centre.staffOf(tx, institutionId, ['examiner', 'admin'])).map((s) => s.userId);
}

export async function createApplication(db: Db, ctx: RequestContext, input: z.infer<typeof preExamCreateSchema>, now = new Date()) {
  const enterpriseId = ctx.actor.enterpriseId;
  const userId = ctx.actor.userId;
  if (!enterpriseId || !userId) throw forbidden();
  const norm = normaliseClass(input.kind, input.classCode);
  if (!norm.ok) throw new AppError(PreExamErrors.PRE_EXAM_NOT_ELIGIBLE, { details: { reasons: ['class_scheme_mismatch'] } });
  const fileIds = [...new Set(input.draftFileIds)];
  return db.transaction(async (tx) => {
    const c = await requireCentre(tx);
    const applicant = await centre.enterpriseByCreditCode(tx, input.applicantCreditCode);
    const classes = await repo.listClasses(tx, c.id);
    const reasons = checkEligibility({
      kind: input.kind,
      classCode: norm.normalised,
      applicant: applicant ?? null,
      submitterEnterpriseId: enterpriseId,
      classes: classes.map((x) => ({ scheme: x.scheme as 'ipc' | 'locarno', prefix: x.prefix })),
    });
    if (reasons.length > 0) throw new AppError(PreExamErrors.PRE_EXAM_NOT_ELIGIBLE, { details: { reasons } });
    if ((await centre.countOwnAttachments(tx, userId, fileIds)) !== fileIds.length)
      throw new AppError(PreExamErrors.PRE_EXAM_FILES_INVALID);
    const ent = applicant as NonNullable<typeof applicant>;
    const number = await repo.nextNumber(tx, Number(shanghaiDate(now).slice(0, 4)));
    const id = await repo.insertApplication(tx, {
      number,
      institutionId: c.id,
      enterpriseId,
      townId: ent.townId,
      submittedBy: userId,
      title: input.title,
      kind: input.kind,
      classCode: norm.normalised,
      classGroup: classGroupOf(input.kind, norm.normalised),
      applicantCreditCode: input.applicantCreditCode,
      status: 'submitted',
      round: 1,
      firstSubmittedAt: now,
      createdAt: now,
      updatedAt: now,
    });
    await repo.insertRound(tx, { applicationId: id, round: 1, fileIds, note: input.note ?? null, submittedAt: now });
    await recordAudit(tx, ctx, {
      action: 'pre_exam.create',
      targetType: 'pre_exam_application',
      targetId: id,
      result: 'success',
      statusCode: 201,
      changes: {
        status: { from: null, to: 'submitted' },
        kind: { from: null, to: input.kind },
        classCode: { from: null, to: norm.normalised },
      },
    });
    await notify(tx, {
      userIds: await examinerIds(tx, c.id),
      kind: 'pre_exam.submitted',
      title: `新的快速预审申请 ${number}：${KIND_ZH[input.kind]}「${input.title}」`,
      titleEn: `New pre-examination application ${number}: "${input.title}"`,
      link: link(id),
    });
    return detail(tx, (await repo.findApplication(tx, id)) as repo.ApplicationView);
  });
}

export async function resubmit(db: Db, ctx: RequestContext, id: string, input: z.infer<typeof preExamResubmitSchema>, now = new Date()) {
  const userId = ctx.actor.userId as string;
  const fileIds = [...new Set(input.draftFileIds)];
  return db.transaction(async (tx) => {
    const a = await visible(tx, ctx.actor, id, RESUBMIT, true);
    if (a.status !== 'returned') throw new AppError(PreExamErrors.PRE_EXAM_WRONG_STATE);
    if ((await centre.countOwnAttachments(tx, userId, fileIds)) !== fileIds.length)
      throw new AppError(PreExamErrors.PRE_EXAM_FILES_INVALID);
    const round = a.round + 1;
    if (!(await repo.updateApplication(tx, id, ['returned'], { status: 'submitted', round, updatedAt: now }))) {
      throw new AppError(PreExamErrors.PRE_EXAM_WRONG_STATE);
    }
    await repo.insertRound(tx, { applicationId: id, round, fileIds, note: input.note ?? null, submittedAt: now });
    await recordAudit(tx, ctx, {
      action: 'pre_exam.resubmit',
      targetType: 'pre_exam_application',
      targetId: id,
      result: 'success',
      statusCode: 200,
      changes: { status: { from: 'returned', to: 'submitted' }, round: { from: a.round, to: round } },
    });
    await notify(tx, {
      userIds: await examinerIds(tx, a.institutionId),
      kind: 'pre_exam.resubmitted',
      title: `预审申请 ${a.number} 已修改后重新提交（第 ${round} 轮）`,
      titleEn: `Pre-examination ${a.number} resubmitted (round ${round})`,
      link: link(id),
    });
    return detail(tx, (await repo.findApplication(tx, id)) as repo.ApplicationView);
  });
}

export async function review(db: Db, ctx: RequestContext, id: string, input: z.infer<typeof preExamReviewSchema>, now = new Date()) {
  return db.transaction(async (tx) => {
    const a = await visible(tx, ctx.actor, id, REVIEW, true);
    if (a.status !== 'submitted') throw new AppError(PreExamErrors.PRE_EXAM_WRONG_STATE);
    const to = input.decision;
    const updated = await repo.updateApplication(tx, id, ['submitted'], {
      status: to,
      ...(to === 'passed' ? { passedAt: now } : {}),
      updatedAt: now,
    });
    const decided = await repo.decideRound(tx, id, a.round, {
      decision: to,
      advice: input.advice ?? null,
      decidedBy: ctx.actor.userId as string,
      decidedAt: now,
    });
    if (!updated || !decided) throw new AppError(PreExamErrors.PRE_EXAM_WRONG_STATE);
    await recordAudit(tx, ctx, {
      action: `pre_exam.${to === 'passed' ? 'pass' : 'return'}`,
      targetType: 'pre_exam_application',
      targetId: id,
      result: 'success',
      statusCode: 200,
      changes: { status: { from: 'submitted', to }, round: { from: a.round, to: a.round } },
    });
    await notifyEnterpriseUsers(tx, a.enterpriseId, {
      kind: `pre_exam.${to}`,
      title:
        to === 'passed'
          ? `预审申请 ${a.number}「${a.title}」已通过预审，将转交国家知识产权局`
          : `预审申请 ${a.number}「${a.title}」需修改后重新提交：请查看修改意见`,
      titleEn:
        to === 'passed'
          ? `Pre-examination ${a.number} passed; it will be forwarded to CNIPA`
          : `Pre-examination ${a.number} returned with revision advice`,
      link: link(id),
    });
    return detail(tx, (await repo.findApplication(tx, id)) as repo.ApplicationView);
  });
}

export async function forward(db: Db, ctx: RequestContext, id: string, forwardedOn: string, now = new Date()) {
  return db.transaction(async (tx) => {
    const a = await visible(tx, ctx.actor, id, FORWARD, true);
    if (a.status !== 'passed' || a.forwardedOn) throw new AppError(PreExamErrors.PRE_EXAM_WRONG_STATE);
    if (forwardedOn < shanghaiDate(a.passedAt as Date) || forwardedOn > shanghaiDate(now))
      throw new AppError(PreExamErrors.PRE_EXAM_DATE_ORDER);
    await repo.updateApplication(tx, id, ['passed'], { forwardedOn, updatedAt: now });
    await recordAudit(tx, ctx, {
      action: 'pre_exam.forward',
      targetType: 'pre_exam_application',
      targetId: id,
      result: 'success',
      statusCode: 200,
      changes: { forwardedOn: { from: null, to: forwardedOn } },
    });
    await notifyEnterpriseUsers(tx, a.enterpriseId, {
      kind: 'pre_exam.forwarded',
      title: `预审申请 ${a.number} 已于 ${forwardedOn} 转交国家知识产权局`,
      titleEn: `Pre-examination ${a.number} was forwarded to CNIPA on ${forwardedOn}`,
      link: link(id),
    });
    return detail(tx, (await repo.findApplication(tx, id)) as repo.ApplicationView);
  });
}

/** Records the grant; with `linkPatent` the patents row of the number is linked, or created (source 'platform'). */
export async function grant(db: Db, ctx: RequestContext, id: string, input: z.output<typeof preExamGrantSchema>, now = new Date()) {
  return db.transaction(async (tx) => {
    const a = await visible(tx, ctx.actor, id, GRANT, true);
    if (a.status !== 'passed' || !a.forwardedOn) throw new AppError(PreExamErrors.PRE_EXAM_WRONG_STATE);
    if (input.grantedOn < a.forwardedOn || input.grantedOn > shanghaiDate(now)) throw new AppError(PreExamErrors.PRE_EXAM_DATE_ORDER);
    const parsed = parseApplicationNumber(input.applicationNumber);
    if (!parsed.ok || parsed.kind !== a.kind) throw new AppError(PreExamErrors.PRE_EXAM_NUMBER_KIND);
    if (await repo.isApplicationNumberTaken(tx, parsed.normalised, id)) throw new AppError(PreExamErrors.PRE_EXAM_NUMBER_TAKEN);
    let patentId: string | null = null;
    if (input.linkPatent) {
      patentId = (await repo.patentByNumber(tx, parsed.normalised))?.id ?? null;
      if (!patentId) {
        const ent = await centre.enterpriseById(tx, a.enterpriseId);
        const ipc = a.kind === 'design' ? [] : [a.classCode];
        const loc = a.kind === 'design' ? [a.classCode] : [];
        patentId = await repo.insertPatent(tx, {
          applicationNumber: parsed.normalised,
          kind: a.kind,
          title: a.title,
          mainClass: a.classCode,
          ipcCodes: ipc,
          locarnoCodes: loc,
          classPrefixes: classPrefixesOf(ipc, loc),
          applicationDate: a.forwardedOn,
          grantDate: input.grantedOn,
          legalStatus: 'granted',
          legalStatusDate: input.grantedOn,
          applicants: [ent?.name ?? a.enterpriseName],
          owners: [ent?.name ?? a.enterpriseName],
          ownerEnterpriseIds: [a.enterpriseId],
          localApplicant: true,
          townId: a.townId,
          searchVector: searchVectorLiteral(a.title, ''),
          source: 'platform',
        });
        await repo.insertPatentEvents(tx, [
          { patentId, eventDate: a.forwardedOn, kind: 'filed', source: 'platform', refId: id },
          { patentId, eventDate: input.grantedOn, kind: 'granted', source: 'platform', refId: id },
        ]);
      }
    }
    await repo.updateApplication(tx, id, ['passed'], {
      status: 'granted',
      grantedOn: input.grantedOn,
      applicationNumber: parsed.normalised,
      patentId,
      updatedAt: now,
    });
    await recordAudit(tx, ctx, {
      action: 'pre_exam.grant',
      targetType: 'pre_exam_application',
      targetId: id,
      result: 'success',
      statusCode: 200,
      changes: {
        status: { from: 'passed', to: 'granted' },
        grantedOn: { from: null, to: input.grantedOn },
        applicationNumber: { from: null, to: parsed.normalised },
        patentId: { from: null, to: patentId },
      },
    });
    await notifyEnterpriseUsers(tx, a.enterpriseId, {
      kind: 'pre_exam.granted',
      title: `「${a.title}」已获授权，申请号 ${parsed.normalised}`,
      titleEn: `"${a.title}" was granted, application number ${parsed.normalised}`,
      link: link(id),
    });
    return detail(tx, (await repo.findApplication(tx, id)) as repo.ApplicationView);
  });
}

// ------------------------------------------------------------------ report

export async function cycleTimeReport(db: Db, ctx: RequestContext, q: z.infer<typeof cycleTimeQuerySchema>) {
  const actor = await withCentreDuty(db, ctx.actor);
  const filter = scopeFilter(actor, REPORT);
  if (!filter || filter.kind === 'party') throw forbidden();
  const from = q.from ? startOfShanghaiDay(q.from) : null;
  const to = q.to ? startOfShanghaiDay(addCalendarDays(q.to, 1)) : null;
  const rows = await repo.cycleRows(db, filter, from, to);
  return {
    from: q.from ?? null,
    to: q.to ?? null,
    ...cycleTimes(rows.map((r) => ({ ...r, kind: r.kind as 'utility_model' | 'design' }))),
  };
}

// ------------------------------------------------------------------ the patent's timeline

/**
 * Pre-examination entries on the patent's page: passed and forwarded (public facts of the grant's history);
 * the link to the application only for those who may read it.
 */
registerPatentTimelineSource('pre_examination', async (db, patentId, viewer) => {
  const apps = await repo.applicationsOfPatent(db, patentId);
  const actor = await withCentreDuty(db, viewer);
  const scope = scopeOf(actor, READ);
  return apps.flatMap((a) => {
    const refId = scope && recordInScope(actor, scope, { institutionId: a.institutionId, enterpriseId: a.enterpriseId }) ? a.id : null;
    const entries: PatentTimelineEntry[] = [
      { at: shanghaiDate(a.firstSubmittedAt), source: 'pre_examination', kind: 'pre_exam_submitted', detail: { number: a.number }, refId },
    ];
    if (a.passedAt) {
      entries.push({
        at: shanghaiDate(a.passedAt),
        source: 'pre_examination',
        kind: 'pre_exam_passed',
        detail: { number: a.number, rounds: a.round },
        refId,
      });
    }
    if (a.forwardedOn)
      entries.push({ at: a.forwardedOn, source: 'pre_examination', kind: 'pre_exam_forwarded', detail: { number: a.number }, refId });
    return entries;
  });
});
