import type { SubmissionSave } from '@innotown/contracts/targets';
import { recordAudit } from '../../platform/audit.ts';
import type { RequestContext } from '../../platform/context.ts';
import type { Db } from '../../platform/db.ts';
import { AppError, forbidden, notFound } from '../../platform/errors.ts';
import { requireAccess, scopeFilter, scopeOf } from '../../platform/policy.ts';
import { notifyCityAdmins, notifyTownAdmins } from '../notifications/notifications.service.ts';
import { checkSubmission, type StatisticRule } from './submission-rules.ts';
import { TargetErrors } from './targets.errors.ts';
import * as repo from './targets.repository.ts';

/**
 * Town statistics submissions (填报): draft → submitted → approved by the city, or returned with a
 * comment and submitted again. A correction after approval is a new version; approving it
 * supersedes the old one, so exactly one approved version per town and period feeds the indicators
 * (a partial unique index guarantees it) and the history keeps every version.
 */

const READ = { resource: 'statisticSubmission', action: 'read' } as const;
const SAVE = { resource: 'statisticSubmission', action: 'save' } as const;
const REVIEW = { resource: 'statisticSubmission', action: 'review' } as const;
const scoped = (s: { townId: string }) => ({ townId: s.townId });
const link = (id: string) => `/targets/submissions/${id}`;

async function rulesOf(db: Db): Promise<Map<string, StatisticRule>> {
  const rows = await repo.listStatistics(db);
  return new Map(rows.map((s) => [s.code, { ...s, source: s.source as StatisticRule['source'] }]));
}

/** The approved figures of the year before, for the year-on-year check and the form's comparison column. */
async function previousYearOf(db: Db, townId: string, year: number): Promise<Map<string, number>> {
  const rows = await repo.approvedAnnualFigures(db, townId, [year - 1]);
  return new Map(rows.map((r) => [r.statisticCode, r.value]));
}

export async function findSubmission(db: Db, ctx: RequestContext, id: string) {
  const s = requireAccess(ctx.actor, READ, await repo.findSubmission(db, id), scoped);
  const previous = await previousYearOf(db, s.townId, s.year);
  const values = (await repo.submissionValuesOf(db, id)).map((v) => ({ ...v, previousYearValue: previous.get(v.statisticCode) ?? null }));
  return { ...s, values };
}

export async function listSubmissions(db: Db, ctx: RequestContext, filter: { periodId?: string; townId?: string; status?: string }) {
  const scope = scopeFilter(ctx.actor, READ);
  if (!scope) throw forbidden();
  return repo.listSubmissions(db, scope, filter);
}

/** The town a caller saves for: a town admin's own; the city names one. */
function townFor(ctx: RequestContext, requested: string | undefined): string {
  const scope = scopeOf(ctx.actor, SAVE);
  if (scope === 'town') {
    if (requested && requested !== ctx.actor.townId) throw notFound();
    return ctx.actor.townId as string;
  }
  if (scope === 'all' && requested) return requested;
  throw new AppError(TargetErrors.TARGET_TOWN_REQUIRED);
}

/**
 * Saves the town's figures as the draft of the version in the works (creating it when none is). A
 * returned version becomes a draft again when saved. Range and explanation checks apply to drafts
 * too, so nothing implausible is ever stored.
 */
export async function saveDraft(db: Db, ctx: RequestContext, input: SubmissionSave) {
  const townId = townFor(ctx, input.townId);
  return db.transaction(async (tx) => {
    const period = await repo.findPeriod(tx, input.periodId, true);
    if (!period) throw notFound();
    if (period.status !== 'open') throw new AppError(TargetErrors.TARGET_PERIOD_CLOSED);
    const errors = checkSubmission(input.values, await rulesOf(tx), await previousYearOf(tx, townId, period.year), 'draft');
    if (errors.length) throw new AppError(TargetErrors.TARGET_VALUES_INVALID, { fields: errors });
    const open = await repo.openSubmission(tx, period.id, townId);
    if (open?.status === 'submitted') throw new AppError(TargetErrors.TARGET_SUBMISSION_UNDER_REVIEW);
    if (open?.status === 'returned') await repo.transitionSubmission(tx, open.id, ['returned'], { status: 'draft' });
    const id =
      open?.id ??
      (await repo.insertSubmission(tx, {
        periodId: period.id,
        townId,
        version: await repo.nextVersion(tx, period.id, townId),
        createdBy: ctx.actor.userId,
      }));
    await repo.replaceValues(
      tx,
      id,
      Object.entries(input.values).map(([statisticCode, v]) => ({
        statisticCode,
        value: v.value,
        explanation: v.explanation?.trim() || null,
      })),
    );
    await audit(tx, ctx, 'statistic_submission.save', id, townId, { periodId: period.id, statistics: Object.keys(input.values).length });
    return findSubmission(tx, ctx, id);
  });
}

async function audit(db: Db, ctx: RequestContext, action: string, id: string, townId: string, changes: object) {
  await recordAudit(db, ctx, {
    action,
    targetType: 'statisticSubmission',
    targetId: id,
    result: 'success',
    changes: { ...changes, townId },
  });
}

/** Submit for review: the complete checks run again against the stored draft. */
export async function submit(db: Db, ctx: RequestContext, id: string, now = new Date()) {
  return db.transaction(async (tx) => {
    await repo.lockSubmission(tx, id);
    const s = requireAccess(ctx.actor, SAVE, await repo.findSubmission(tx, id), scoped);
    if (s.periodStatus !== 'open') throw new AppError(TargetErrors.TARGET_PERIOD_CLOSED);
    if (s.status !== 'draft' && s.status !== 'returned') throw new AppError(TargetErrors.TARGET_STATE_CHANGED);
    const values = Object.fromEntries((await repo.submissionValuesOf(tx, id)).map((v) => [v.statisticCode, v]));
    const errors = checkSubmission(values, await rulesOf(tx), await previousYearOf(tx, s.townId, s.year), 'submit');
    if (errors.length) throw new AppError(TargetErrors.TARGET_VALUES_INVALID, { fields: errors });
    await repo.transitionSubmission(tx, id, ['draft', 'returned'], {
      status: 'submitted',
      submittedBy: ctx.actor.userId,
      submittedAt: now,
    });
    await audit(tx, ctx, 'statistic_submission.submit', id, s.townId, { status: { from: s.status, to: 'submitted' }, version: s.version });
    await notifyCityAdmins(tx, {
      kind: 'targets.submission_submitted',
      title: `统计数据待审核：${s.townName} ${s.year}年`,
      titleEn: `Statistics to review: ${s.townName} ${s.year}`,
      link: link(id),
    });
    return findSubmission(tx, ctx, id);
  });
}

/** City review: return with a comment (the town corrects and submits again) or approve. */
export async function review(
  db: Db,
  ctx: RequestContext,
  id: string,
  decision: 'return' | 'approve',
  comment: string | null,
  now = new Date(),
) {
  return db.transaction(async (tx) => {
    await repo.lockSubmission(tx, id);
    const s = requireAccess(ctx.actor, REVIEW, await repo.findSubmission(tx, id), scoped);
    if (s.status !== 'submitted') throw new AppError(TargetErrors.TARGET_STATE_CHANGED);
    if (decision === 'approve') {
      await repo.supersedeApproved(tx, s.periodId, s.townId);
    }
    const to = decision === 'approve' ? 'approved' : 'returned';
    await repo.transitionSubmission(tx, id, ['submitted'], {
      status: to,
      reviewedBy: ctx.actor.userId,
      reviewedAt: now,
      reviewComment: comment,
    });
    await audit(tx, ctx, `statistic_submission.${decision}`, id, s.townId, {
      status: { from: 'submitted', to },
      version: s.version,
      comment,
    });
    await notifyTownAdmins(tx, s.townId, {
      kind: `targets.submission_${to}`,
      title: decision === 'approve' ? `统计数据已通过：${s.year}年` : `统计数据被退回：${s.year}年`,
      titleEn: decision === 'approve' ? `Statistics approved: ${s.year}` : `Statistics returned: ${s.year}`,
      body: comment,
      link: link(id),
    });
    return findSubmission(tx, ctx, id);
  });
}

/** A correction after approval: a new draft version carrying the approved figures, to edit and submit. */
export async function startCorrection(db: Db, ctx: RequestContext, id: string) {
  return db.transaction(async (tx) => {
    await repo.lockSubmission(tx, id);
    const s = requireAccess(ctx.actor, SAVE, await repo.findSubmission(tx, id), scoped);
    if (s.status !== 'approved') throw new AppError(TargetErrors.TARGET_STATE_CHANGED);
    if (s.periodStatus !== 'open') throw new AppError(TargetErrors.TARGET_PERIOD_CLOSED);
    if (await repo.openSubmission(tx, s.periodId, s.townId)) throw new AppError(TargetErrors.TARGET_CORRECTION_EXISTS);
    const newId = await repo.insertSubmission(tx, {
      periodId: s.periodId,
      townId: s.townId,
      version: await repo.nextVersion(tx, s.periodId, s.townId),
      createdBy: ctx.actor.userId,
    });
    // Statistics the platform now computes are not carried over: the town could not submit them.
    const rules = await rulesOf(tx);
    const carried = (await repo.submissionValuesOf(tx, id)).filter((v) => rules.get(v.statisticCode)?.source !== 'platform');
    await repo.replaceValues(tx, newId, carried);
    await audit(tx, ctx, 'statistic_submission.correct', newId, s.townId, { from: id });
    return findSubmission(tx, ctx, newId);
  });
}
