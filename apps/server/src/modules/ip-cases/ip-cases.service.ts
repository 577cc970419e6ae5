import type {
  IpCaseTrack,
  ipCaseAssignSchema,
  ipCaseCloseSchema,
  ipCaseCreateSchema,
  ipCaseListQuerySchema,
  ipCaseOutcomeSchema,
  ipCaseSessionSchema,
  ipCaseTriageSchema,
  slaQuerySchema,
} from '@innotown/contracts/ip-cases';
import { IP_CASE_SLA, type IpCaseStatus } from '@innotown/contracts/ip-cases';
import type { z } from 'zod';
import { recordAudit } from '../../platform/audit.ts';
import type { RequestContext } from '../../platform/context.ts';
import type { Db } from '../../platform/db.ts';
import { AppError, forbidden, notFound } from '../../platform/errors.ts';
import { limitOffset } from '../../platform/pagination.ts';
import {
  type Actor,
  type Permission,
  recordInScope,
  requireAccess,
  type ScopedRecord,
  scopeFilter,
  scopeOf,
} from '../../platform/policy.ts';
import { addCalendarDays, shanghaiDate, startOfShanghaiDay, type WorkingCalendar } from '../../platform/working-days.ts';
import { readFile } from '../files/files.service.ts';
import { loadCalendar } from '../holidays/holidays.service.ts';
import { notify } from '../notifications/notifications.service.ts';
import { type PatentTimelineEntry, registerPatentTimelineSource } from '../patents/patent-timeline.ts';
import { isLightingIndustry, type SlaView, slaFigures, slaOf, triageTrack } from './case-rules.ts';
import { IpCaseErrors } from './ip-cases.errors.ts';
import * as repo from './ip-cases.repository.ts';
import * as centre from './ip-centre.repository.ts';
import { withCentreDuty } from './ip-centre.ts';

const READ = { resource: 'ipCase', action: 'read' } as const;
const LIST = { resource: 'ipCase', action: 'list' } as const;
const SLA = { resource: 'ipCaseSla', action: 'read' } as const;
const link = (id: string) => `/ip-cases/${id}`;
const NIL = '00000000-0000-0000-0000-000000000000';

/** Who may see a case (policy.ts `ipCase`): the centre's admins, the assigned officer, the parties, the city. */
export const caseScope = (c: repo.CaseRow): ScopedRecord => ({
  institutionId: c.institutionId,
  assigneeUserId: c.officerId,
  partyEnterpriseIds: [
    c.complainantEnterpriseId,
    ...((repo.COUNTERPARTY_SEES as readonly string[]).includes(c.status) ? [c.counterpartyEnterpriseId] : []),
  ],
});

export type CaseDetail = repo.CaseView & {
  sla: SlaView;
  sessions: repo.SessionView[];
  evidence: { id: string; filename: string; size: number }[];
  viewerRole: 'complainant' | 'counterparty' | 'officer' | 'admin';
};

function viewerRoleOf(actor: Actor, c: repo.CaseRow): CaseDetail['viewerRole'] {
  if (actor.enterpriseId && actor.enterpriseId === c.complainantEnterpriseId) return 'complainant';
  if (actor.enterpriseId && actor.enterpriseId === c.counterpartyEnterpriseId) return 'counterparty';
  if (actor.userId && actor.userId === c.officerId) return 'officer';
  return 'admin';
}

async function calendarFor(db: Db, from: Date, to: Date = new Date()): Promise<WorkingCalendar> {
  // Close targets reach 60 working days (about three months) past filing; load a year beyond.
  return loadCalendar(db, Number(shanghaiDate(from).slice(0, 4)), Number(shanghaiDate(to).slice(0, 4)) + 1);
}

async function detail(db: Db, actor: Actor, c: repo.CaseView, now: Date): Promise<CaseDetail> {
  const viewerRole = viewerRoleOf(actor, c);
  // One after the other: `db` may be a transaction (one connection).
  const sessions = await repo.sessionsOf(db, c.id);
  // The other side never sees the complainant's evidence.
  const evidence = viewerRole === 'counterparty' ? [] : await centre.filesOf(db, c.evidenceFileIds);
  const calendar = await calendarFor(db, c.filedAt, now);
  return { ...c, sessions, evidence, viewerRole, sla: slaOf(c as Parameters<typeof slaOf>[0], calendar, shanghaiDate(now)) };
}

/** The case when the caller may read it (else 404) and, for a command, holds its permission (else 403). */
async function visible(db: Db, actor: Actor, id: string, command?: Permission, lock = false) {
  const a = await withCentreDuty(db, actor);
  const row = requireAccess(a, READ, await repo.findCase(db, id, lock), caseScope);
  if (command) {
    if (!scopeOf(a, command)) throw forbidden();
    requireAccess(a, command, row, caseScope);
  }
  return { actor: a, row };
}

export async function findCase(db: Db, ctx: RequestContext, id: string, now = new Date()) {
  const { actor, row } = await visible(db, ctx.actor, id);
  return detail(db, actor, row, now);
}

export async function listCases(db: Db, ctx: RequestContext, q: z.infer<typeof ipCaseListQuerySchema>, now = new Date()) {
  const actor = await withCentreDuty(db, ctx.actor);
  const filter = scopeFilter(actor, LIST);
  if (!filter) return { items: [], total: 0 };
  const { limit, offset } = limitOffset(q);
  if (q.overdue === 'true') {
    // Overdue is a working-day computation: filter in the service over the caller's (small) case set.
    const all = await repo.allCases(db, filter, q);
    const calendar = all.length > 0 ? await calendarFor(db, all[all.length - 1]?.filedAt as Date, now) : await calendarFor(db, now, now);
    const overdue = all.filter((c) => slaOf(c as Parameters<typeof slaOf>[0], calendar, shanghaiDate(now)).overdue);
    const page = overdue.slice(offset, offset + limit);
    return { items: await Promise.all(page.map((c) => detail(db, actor, c, now))), total: overdue.length };
  }
  const { items, total } = await repo.listCases(db, filter, q, limit, offset);
  return { items: await Promise.all(items.map((c) => detail(db, actor, c, now))), total };
}

export async function readEvidence(db: Db, ctx: RequestContext, id: string, fileId: string) {
  const { actor, row } = await visible(db, ctx.actor, id);
  const ownFiles = [...row.evidenceFileIds, ...(row.closingReportFileId ? [row.closingReportFileId] : [])];
  if (viewerRoleOf(actor, row) === 'counterparty' || !ownFiles.includes(fileId)) throw notFound();
  return readFile(db, ctx, fileId, { access: 'checked-by-caller' });
}

/** The caller's own patents, to pick the infringed one when filing. */
export async function patentOptions(db: Db, ctx: RequestContext) {
  if (!ctx.actor.enterpriseId) throw forbidden();
  return { items: await repo.ownPatents(db, ctx.actor.enterpriseId) };
}

// ------------------------------------------------------------------ notifications

async function centreAdmins(tx: Db, institutionId: string) {
  return (await centre.staffOf(tx, institutionId, ['admin'])).map((s) => s.userId);
}
async function partyUsers(tx: Db, c: repo.CaseRow, withCounterparty: boolean) {
  const ids = await repo.enterpriseUserIds(tx, c.complainantEnterpriseId);
  if (withCounterparty && c.counterpartyEnterpriseId) ids.push(...(await repo.enterpriseUserIds(tx, c.counterpartyEnterpriseId)));
  return ids;
}
async function tell(tx: Db, userIds: readonly (string | null)[], m: { kind: string; title: string; titleEn: string; id: string }) {
  const ids = [...new Set(userIds.filter((x): x is string => !!x))];
  if (ids.length > 0) await notify(tx, { userIds: ids, kind: m.kind, title: m.title, titleEn: m.titleEn, link: link(m.id) });
}

// ------------------------------------------------------------------ filing

export async function createCase(db: Db, ctx: RequestContext, input: z.infer<typeof ipCaseCreateSchema>, now = new Date()) {
  const enterpriseId = ctx.actor.enterpriseId;
  const userId = ctx.actor.userId;
  if (!enterpriseId || !userId) throw forbidden();
  const fileIds = [...new Set(input.evidenceFileIds)];
  return db.transaction(async (tx) => {
    const c = await centre.centreInstitution(tx);
    if (!c) throw new AppError(IpCaseErrors.IP_CASE_NO_CENTRE);
    const complainant = await centre.enterpriseById(tx, enterpriseId);
    if (!complainant) throw forbidden();
    // The patent: one of the complainant's own (complaints) or any on record; else only its number.
    let patent: { id: string; kind: string; locarnoCodes: string[]; ownerEnterpriseIds: string[] } | undefined;
    if (input.patentId) {
      patent = await repo.patentForCase(tx, input.patentId);
      if (!patent) throw new AppError(IpCaseErrors.IP_CASE_PATENT_NOT_OWN);
    } else if (input.patentNumber) {
      patent = await repo.patentByNumber(tx, input.patentNumber);
    }
    if (input.kind === 'infringement_complaint' && input.patentId && !patent?.ownerEnterpriseIds.includes(enterpriseId)) {
      throw new AppError(IpCaseErrors.IP_CASE_PATENT_NOT_OWN);
    }
    const numberKind =
      input.patentNumber && /^\d{4}3/.test(input.patentNumber)
        ? 'design'
        : input.patentNumber && /^\d{4}2/.test(input.patentNumber)
          ? 'utility_model'
          : input.patentNumber && /^\d{4}1/.test(input.patentNumber)
            ? 'invention'
            : null;
    const patentKind = patent?.kind ?? numberKind;
    let counterpartyEnterpriseId: string | null = null;
    if (input.counterpartyCreditCode) {
      const other = await centre.enterpriseByCreditCode(tx, input.counterpartyCreditCode);
      if (other?.id === enterpriseId) throw new AppError(IpCaseErrors.IP_CASE_COUNTERPARTY_SELF);
      counterpartyEnterpriseId = other?.id ?? null;
    }
    if (fileIds.length > 0 && (await centre.countOwnAttachments(tx, userId, fileIds)) !== fileIds.length) {
      throw new AppError(IpCaseErrors.IP_CASE_EVIDENCE_INVALID);
    }
    const suggestedTrack = triageTrack({
      patentKind,
      lighting: isLightingIndustry(complainant.industryCode, patent?.locarnoCodes ?? []),
      tradeFair: input.tradeFair,
    });
    const caseNo = await repo.nextCaseNo(tx, Number(shanghaiDate(now).slice(0, 4)));
    const id = await repo.insertCase(tx, {
      caseNo,
      institutionId: c.id,
      kind: input.kind,
      status: 'filed',
      suggestedTrack,
      title: input.title,
      description: input.description,
      complainantEnterpriseId: enterpriseId,
      townId: complainant.townId,
      filedBy: userId,
      patentId: patent?.id ?? null,
      patentNumber: input.patentNumber ?? (patent && 'applicationNumber' in patent ? (patent.applicationNumber as string) : null),
      patentKind,
      suspectedProduct: input.suspectedProduct ?? null,
      seller: input.seller ?? null,
      marketplaceUrl: input.marketplaceUrl ?? null,
      counterpartyName: input.counterpartyName ?? null,
      counterpartyEnterpriseId,
      tradeFair: input.tradeFair,
      tradeFairName: input.tradeFair ? (input.tradeFairName ?? null) : null,
      evidenceFileIds: fileIds,
      filedAt: now,
      updatedAt: now,
    });
    await recordAudit(tx, ctx, {
      action: 'ip_case.file',
      targetType: 'ip_case',
      targetId: id,
      result: 'success',
      statusCode: 201,
      changes: {
        status: { from: null, to: 'filed' },
        kind: { from: null, to: input.kind },
        suggestedTrack: { from: null, to: suggestedTrack },
      },
    });
    await tell(tx, await centreAdmins(tx, c.id), {
      kind: 'ip_case.filed',
      title: `新的维权援助案件 ${caseNo}「${input.title}」，请在 1 个工作日内受理`,
      titleEn: `New rights-protection case ${caseNo}: acknowledge within 1 working day`,
      id,
    });
    return detail(tx, ctx.actor, (await repo.findCase(tx, id)) as repo.CaseView, now);
  });
}

// ------------------------------------------------------------------ the steps

type Step = {
  permission: Permission;
  from: readonly IpCaseStatus[];
  action: string;
};

/** Runs one step in one transaction: the case locked and checked, the conditional update, the audit record. */
async function step(
  db: Db,
  ctx: RequestContext,
  id: string,
  s: Step,
  now: Date,
  apply: (
    tx: Db,
    c: repo.CaseView,
    actor: Actor,
  ) => Promise<{ set: Parameters<typeof repo.updateCase>[3]; changes: Record<string, { from: unknown; to: unknown }> }>,
  after: (tx: Db, c: repo.CaseView) => Promise<void>,
) {
  return db.transaction(async (tx) => {
    const { actor, row } = await visible(tx, ctx.actor, id, s.permission, true);
    if (!s.from.includes(row.status as IpCaseStatus)) throw new AppError(IpCaseErrors.IP_CASE_WRONG_STATE);
    const { set, changes } = await apply(tx, row, actor);
    if (!(await repo.updateCase(tx, id, s.from, { ...set, updatedAt: now }))) throw new AppError(IpCaseErrors.IP_CASE_WRONG_STATE);
    await recordAudit(tx, ctx, { action: s.action, targetType: 'ip_case', targetId: id, result: 'success', statusCode: 200, changes });
    const updated = (await repo.findCase(tx, id)) as repo.CaseView;
    await after(tx, updated);
    return detail(tx, actor, updated, now);
  });
}

export async function acknowledge(db: Db, ctx: RequestContext, id: string, note: string | null | undefined, now = new Date()) {
  return step(
    db,
    ctx,
    id,
    { permission: { resource: 'ipCase', action: 'acknowledge' }, from: ['filed'], action: 'ip_case.acknowledge' },
    now,
    async () => ({
      set: { status: 'acknowledged', acknowledgedAt: now },
      changes: { status: { from: 'filed', to: 'acknowledged' }, ...(note ? { note: { from: null, to: note } } : {}) },
    }),
    async (tx, c) =>
      tell(tx, await partyUsers(tx, c, false), {
        kind: 'ip_case.acknowledged',
        title: `维权中心已受理案件 ${c.caseNo}「${c.title}」`,
        titleEn: `The centre acknowledged case ${c.caseNo}`,
        id: c.id,
      }),
  );
}

export async function triage(db: Db, ctx: RequestContext, id: string, input: z.infer<typeof ipCaseTriageSchema>, now = new Date()) {
  return step(
    db,
    ctx,
    id,
    { permission: { resource: 'ipCase', action: 'triage' }, from: ['acknowledged'], action: 'ip_case.triage' },
    now,
    async (_tx, c) => {
      const track = (input.track ?? c.suggestedTrack) as IpCaseTrack;
      if (track !== c.suggestedTrack && !input.note) throw new AppError(IpCaseErrors.IP_CASE_TRACK_NOTE);
      return {
        set: { status: 'triaged', track, triagedAt: now },
        changes: {
          status: { from: 'acknowledged', to: 'triaged' },
          track: { from: null, to: track },
          ...(input.note ? { note: { from: null, to: input.note } } : {}),
        },
      };
    },
    async (tx, c) =>
      tell(tx, await partyUsers(tx, c, false), {
        kind: 'ip_case.triaged',
        title: `案件 ${c.caseNo} 已分流至${c.track === 'fast' ? '快速通道' : '普通程序'}`,
        titleEn: `Case ${c.caseNo} is on the ${c.track} track`,
        id: c.id,
      }),
  );
}

export async function assign(db: Db, ctx: RequestContext, id: string, input: z.infer<typeof ipCaseAssignSchema>, now = new Date()) {
  let previous: string | null = null;
  return step(
    db,
    ctx,
    id,
    { permission: { resource: 'ipCase', action: 'assign' }, from: ['triaged', 'assigned', 'mediating'], action: 'ip_case.assign' },
    now,
    async (tx, c) => {
      const officers = await centre.staffOf(tx, c.institutionId, ['officer', 'admin']);
      if (!officers.some((o) => o.userId === input.officerId)) throw new AppError(IpCaseErrors.IP_CASE_OFFICER_INVALID);
      previous = c.officerId;
      const status = c.status === 'triaged' ? 'assigned' : c.status;
      return {
        set: { status, officerId: input.officerId, assignedAt: c.assignedAt ?? now },
        changes: { status: { from: c.status, to: status }, officerId: { from: c.officerId, to: input.officerId } },
      };
    },
    async (tx, c) => {
      await tell(tx, [c.officerId], {
        kind: 'ip_case.assigned',
        title: `您被指派办理维权案件 ${c.caseNo}「${c.title}」`,
        titleEn: `You were assigned case ${c.caseNo}`,
        id: c.id,
      });
      if (previous && previous !== c.officerId) {
        await tell(tx, [previous], {
          kind: 'ip_case.reassigned',
          title: `案件 ${c.caseNo} 已改派他人办理`,
          titleEn: `Case ${c.caseNo} was reassigned`,
          id: c.id,
        });
      }
      await tell(tx, await partyUsers(tx, c, true), {
        kind: 'ip_case.officer',
        title: `案件 ${c.caseNo} 由 ${c.officerName ?? ''} 承办`,
        titleEn: `Case ${c.caseNo} is handled by ${c.officerName ?? ''}`,
        id: c.id,
      });
    },
  );
}

export async function recordSession(db: Db, ctx: RequestContext, id: string, input: z.infer<typeof ipCaseSessionSchema>, now = new Date()) {
  return step(
    db,
    ctx,
    id,
    { permission: { resource: 'ipCase', action: 'recordSession' }, from: ['assigned', 'mediating'], action: 'ip_case.session' },
    now,
    async (tx, c, actor) => {
      if (input.heldOn < shanghaiDate(c.filedAt) || input.heldOn > shanghaiDate(now)) throw new AppError(IpCaseErrors.IP_CASE_SESSION_DATE);
      const sessionId = await repo.insertSession(tx, {
        caseId: c.id,
        heldOn: input.heldOn,
        location: input.location ?? null,
        attendees: input.attendees ?? null,
        minutes: input.minutes,
        recordedBy: actor.userId,
        createdAt: now,
      });
      const first = c.firstSessionOn && c.firstSessionOn < input.heldOn ? c.firstSessionOn : input.heldOn;
      return {
        set: { status: 'mediating', firstSessionOn: first },
        changes: { status: { from: c.status, to: 'mediating' }, session: { from: null, to: { id: sessionId, heldOn: input.heldOn } } },
      };
    },
    async (tx, c) =>
      tell(tx, await partyUsers(tx, c, true), {
        kind: 'ip_case.session',
        title: `案件 ${c.caseNo} 已记录 ${input.heldOn} 的调解`,
        titleEn: `Case ${c.caseNo}: mediation session of ${input.heldOn} recorded`,
        id: c.id,
      }),
  );
}

export async function recordOutcome(db: Db, ctx: RequestContext, id: string, input: z.infer<typeof ipCaseOutcomeSchema>, now = new Date()) {
  return step(
    db,
    ctx,
    id,
    { permission: { resource: 'ipCase', action: 'recordOutcome' }, from: ['assigned', 'mediating'], action: 'ip_case.outcome' },
    now,
    async (_tx, c) => {
      if (input.outcome === 'mediated_agreement' && !c.firstSessionOn) throw new AppError(IpCaseErrors.IP_CASE_NO_SESSION);
      return {
        set: { status: 'concluded', outcome: input.outcome, outcomeSummary: input.summary, outcomeAt: now },
        changes: { status: { from: c.status, to: 'concluded' }, outcome: { from: null, to: input.outcome } },
      };
    },
    async (tx, c) =>
      tell(tx, [...(await partyUsers(tx, c, true)), ...(await centreAdmins(tx, c.institutionId))], {
        kind: 'ip_case.concluded',
        title: `案件 ${c.caseNo} 已有处理结果`,
        titleEn: `Case ${c.caseNo} has an outcome`,
        id: c.id,
      }),
  );
}

export async function closeCase(db: Db, ctx: RequestContext, id: string, input: z.infer<typeof ipCaseCloseSchema>, now = new Date()) {
  return step(
    db,
    ctx,
    id,
    { permission: { resource: 'ipCase', action: 'close' }, from: ['concluded'], action: 'ip_case.close' },
    now,
    async (tx) => {
      if (input.reportFileId && (await centre.countOwnAttachments(tx, ctx.actor.userId ?? NIL, [input.reportFileId])) !== 1) {
        throw new AppError(IpCaseErrors.IP_CASE_EVIDENCE_INVALID);
      }
      return {
        set: { status: 'closed', closedAt: now, closingReport: input.report, closingReportFileId: input.reportFileId ?? null },
        changes: { status: { from: 'concluded', to: 'closed' } },
      };
    },
    async (tx, c) =>
      tell(tx, await partyUsers(tx, c, true), {
        kind: 'ip_case.closed',
        title: `案件 ${c.caseNo} 已结案`,
        titleEn: `Case ${c.caseNo} is closed`,
        id: c.id,
      }),
  );
}

// ------------------------------------------------------------------ SLA dashboard

export async function slaDashboard(db: Db, ctx: RequestContext, q: z.infer<typeof slaQuerySchema>, now = new Date()) {
  const actor = await withCentreDuty(db, ctx.actor);
  const filter = scopeFilter(actor, SLA);
  if (!filter || filter.kind === 'party') throw forbidden();
  const cases = await repo.allCases(db, filter, {
    from: q.from ? startOfShanghaiDay(q.from) : null,
    to: q.to ? startOfShanghaiDay(addCalendarDays(q.to, 1)) : null,
  });
  const oldest = cases.length > 0 ? (cases[cases.length - 1] as repo.CaseView).filedAt : now;
  const calendar = await calendarFor(db, oldest, now);
  const today = shanghaiDate(now);
  const { withSla, byTrack, byTrackAndTown } = slaFigures(
    cases.map((c) => ({
      ...c,
      status: c.status as IpCaseStatus,
      track: c.track as IpCaseTrack | null,
      suggestedTrack: c.suggestedTrack as IpCaseTrack,
    })),
    calendar,
    today,
  );
  const overdue = withSla
    .filter((c) => c.sla.overdueStep)
    .map((c) => {
      const o = c.sla.overdueStep as NonNullable<SlaView['overdueStep']>;
      return {
        id: c.id,
        caseNo: c.caseNo,
        title: c.title,
        track: c.track,
        townName: c.townName,
        status: c.status,
        step: o.step,
        dueOn: o.dueOn,
        workingDaysLate: o.workingDaysLate,
        officerName: c.officerName,
      };
    })
    .sort((a, b) => b.workingDaysLate - a.workingDaysLate || a.caseNo.localeCompare(b.caseNo));
  return { asOf: today, targets: IP_CASE_SLA, byTrack, byTrackAndTown, overdue };
}

// ------------------------------------------------------------------ the patent's timeline

/**
 * A dispute entry on the patent's page for every case about it. Who filed, against whom and how it ended
 * are confidential: only a viewer who may read the case gets the case number, status, outcome and link.
 */
registerPatentTimelineSource('rights_protection', async (db, patentId, viewer) => {
  const cases = await repo.casesOfPatent(db, patentId);
  if (cases.length === 0) return [];
  const actor = await withCentreDuty(db, viewer);
  const scope = scopeOf(actor, READ);
  return cases.flatMap((c): PatentTimelineEntry[] => {
    const may = scope !== null && recordInScope(actor, scope, caseScope(c));
    if (!may) return [{ at: shanghaiDate(c.filedAt), source: 'rights_protection', kind: 'case_filed', detail: {}, refId: null }];
    const entries: PatentTimelineEntry[] = [
      {
        at: shanghaiDate(c.filedAt),
        source: 'rights_protection',
        kind: 'case_filed',
        detail: { caseNo: c.caseNo, status: c.status },
        refId: c.id,
      },
    ];
    if (c.closedAt) {
      entries.push({
        at: shanghaiDate(c.closedAt),
        source: 'rights_protection',
        kind: 'case_closed',
        detail: { caseNo: c.caseNo, outcome: c.outcome },
        refId: c.id,
      });
    }
    return entries;
  });
});
