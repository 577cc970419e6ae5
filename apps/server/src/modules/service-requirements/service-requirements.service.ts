import { SERVICE_CATEGORY_LABELS, type ServiceCategory } from '@innotown/contracts/service-categories';
import {
  type quoteCreateSchema,
  type quoteDeclineSchema,
  REQUIREMENT_DEADLINE_MAX_DAYS,
  type requirementCreateSchema,
  type requirementListQuerySchema,
} from '@innotown/contracts/service-requirements';
import type { z } from 'zod';
import { recordAudit } from '../../platform/audit.ts';
import type { RequestContext } from '../../platform/context.ts';
import type { Db } from '../../platform/db.ts';
import { AppError, forbidden, isUniqueViolation, notFound } from '../../platform/errors.ts';
import { limitOffset } from '../../platform/pagination.ts';
import { type Actor, requireAccess, scopeFilter } from '../../platform/policy.ts';
import { addCalendarDays, shanghaiDate, startOfShanghaiDay } from '../../platform/working-days.ts';
import { readFile } from '../files/files.service.ts';
import { notify, notifyEnterpriseUsers } from '../notifications/notifications.service.ts';
import { countOwnAttachments, enterpriseOf, providerUserIds } from '../service-orders/service-orders.repository.ts';
import { createOrderFromQuote } from '../service-orders/service-orders.service.ts';
import { RequirementErrors } from './service-requirements.errors.ts';
import * as repo from './service-requirements.repository.ts';

/** Days after the quote deadline the enterprise has to choose a quote before the requirement expires. */
export const AWARD_WINDOW_DAYS = 14;

const READ = { resource: 'serviceRequirement', action: 'read' } as const;
const LIST = { resource: 'serviceRequirement', action: 'list' } as const;
const RESPOND = { resource: 'serviceRequirement', action: 'respond' } as const;
const CANCEL = { resource: 'serviceRequirement', action: 'cancel' } as const;
const WITHDRAW = { resource: 'requirementQuote', action: 'withdraw' } as const;
const scoped = (r: repo.RequirementView) => ({ enterpriseId: r.enterpriseId, townId: r.townId });
const link = (id: string) => `/requirements/${id}`;
const label = (c: string) => SERVICE_CATEGORY_LABELS[c as ServiceCategory] ?? { zh: c, en: c };
const awardEnds = (r: repo.RequirementView) => new Date(r.quoteDeadline.getTime() + AWARD_WINDOW_DAYS * 86_400_000);

/** The moment quotes close for a deadline day: the end of that Shanghai calendar day. */
export const deadlineOf = (date: string): Date => startOfShanghaiDay(addCalendarDays(date, 1));

/** Providers (scope `all` in the policy) see open requirements and the ones their institution quoted on. */
async function visible(db: Db, actor: Actor, r: repo.RequirementView | undefined) {
  const row = requireAccess(actor, READ, r, scoped);
  if (actor.role === 'provider' && row.status !== 'open') {
    if (!actor.institutionId || !(await repo.hasQuoted(db, row.id, actor.institutionId))) throw notFound();
  }
  return row;
}

export type RequirementDetail = repo.RequirementView & {
  quoteCount: number;
  orderId: string | null;
  attachments: { id: string; filename: string; size: number }[];
  quotes?: repo.QuoteView[];
};

/** A requirement as the caller may see it: a provider only its own quotes, and the order only if it won. */
async function detail(db: Db, actor: Actor, r: repo.RequirementView): Promise<RequirementDetail> {
  const provider = actor.role === 'provider';
  // One after the other: `db` is often a transaction (one connection), where pg refuses (from v9) overlapping queries.
  const counts = await repo.liveQuoteCounts(db, [r.id]);
  const order = await repo.orderOf(db, r.id);
  const attachments = await repo.attachmentsOf(db, r.attachmentFileIds);
  const quotes = await repo.listQuotes(db, r.id, provider ? (actor.institutionId ?? '00000000-0000-0000-0000-000000000000') : undefined);
  const orderVisible = order && (!provider || order.institutionId === actor.institutionId);
  return { ...r, quoteCount: counts.get(r.id) ?? 0, orderId: orderVisible ? order.id : null, attachments, quotes };
}

export async function findRequirement(db: Db, ctx: RequestContext, id: string) {
  return detail(db, ctx.actor, await visible(db, ctx.actor, await repo.findRequirement(db, id)));
}

/**
 * One attachment's content, for everyone who may read the requirement (a provider quoting needs the drawings):
 * the requirement's visibility is checked here, so the files service reads it as 'checked-by-caller' (audited).
 */
export async function readAttachment(db: Db, ctx: RequestContext, id: string, fileId: string) {
  const r = await visible(db, ctx.actor, await repo.findRequirement(db, id));
  if (!r.attachmentFileIds.includes(fileId)) throw notFound();
  return readFile(db, ctx, fileId, { access: 'checked-by-caller' });
}

export async function listRequirements(db: Db, ctx: RequestContext, q: z.infer<typeof requirementListQuerySchema>) {
  const filter = scopeFilter(ctx.actor, LIST);
  if (!filter) return { items: [], total: 0 };
  const providerInstitution = ctx.actor.role === 'provider' ? (ctx.actor.institutionId ?? '00000000-0000-0000-0000-000000000000') : null;
  const { limit, offset } = limitOffset(q);
  const { items, total } = await repo.listRequirements(db, filter, providerInstitution, q, limit, offset);
  const counts = await repo.liveQuoteCounts(
    db,
    items.map((r) => r.id),
  );
  const withCounts = await Promise.all(
    items.map(async (r) => ({
      ...r,
      quoteCount: counts.get(r.id) ?? 0,
      orderId: null,
      attachments: await repo.attachmentsOf(db, r.attachmentFileIds),
    })),
  );
  return { items: withCounts, total };
}

export async function createRequirement(db: Db, ctx: RequestContext, input: z.infer<typeof requirementCreateSchema>, now = new Date()) {
  const enterpriseId = ctx.actor.enterpriseId;
  const userId = ctx.actor.userId;
  if (!enterpriseId || !userId) throw forbidden();
  const today = shanghaiDate(now);
  if (input.quoteDeadline <= today || input.quoteDeadline > addCalendarDays(today, REQUIREMENT_DEADLINE_MAX_DAYS)) {
    throw new AppError(RequirementErrors.REQUIREMENT_DEADLINE_INVALID);
  }
  const fileIds = [...new Set(input.attachmentFileIds ?? [])];
  return db.transaction(async (tx) => {
    if (fileIds.length > 0 && (await countOwnAttachments(tx, userId, fileIds)) !== fileIds.length) {
      throw new AppError(RequirementErrors.REQUIREMENT_ATTACHMENTS_INVALID);
    }
    const ent = await enterpriseOf(tx, enterpriseId);
    if (!ent) throw forbidden();
    const id = await repo.insertRequirement(tx, {
      enterpriseId,
      townId: ent.townId,
      category: input.category,
      title: input.title,
      description: input.description,
      budgetMinFen: input.budgetMinFen ?? null,
      budgetMaxFen: input.budgetMaxFen ?? null,
      quoteDeadline: deadlineOf(input.quoteDeadline),
      attachmentFileIds: fileIds,
      status: 'open',
      createdBy: userId,
      createdAt: now,
      updatedAt: now,
    });
    await recordAudit(tx, ctx, {
      action: 'service_requirement.create',
      targetType: 'service_requirement',
      targetId: id,
      result: 'success',
      statusCode: 201,
      changes: {
        status: { from: null, to: 'open' },
        category: { from: null, to: input.category },
        quoteDeadline: { from: null, to: input.quoteDeadline },
      },
    });
    const c = label(input.category);
    await notify(tx, {
      userIds: await repo.providerUsersOffering(tx, input.category),
      kind: 'service_requirement.posted',
      title: `新的${c.zh}需求：「${input.title}」，${input.quoteDeadline} 前可报价`,
      titleEn: `New ${c.en} requirement "${input.title}": quotes until ${input.quoteDeadline}`,
      link: link(id),
    });
    return detail(tx, ctx.actor, (await repo.findRequirement(tx, id)) as repo.RequirementView);
  });
}

async function tellInstitutions(
  tx: Db,
  institutionIds: readonly string[],
  message: { kind: string; title: string; titleEn: string; link: string },
) {
  // One after the other: a transaction is one connection (pg refuses, from v9, a query while another runs on it).
  const userIds: string[] = [];
  for (const i of new Set(institutionIds)) userIds.push(...(await providerUserIds(tx, i)));
  if (userIds.length > 0) await notify(tx, { ...message, userIds });
}

export async function cancelRequirement(db: Db, ctx: RequestContext, id: string, note: string | null | undefined, now = new Date()) {
  return db.transaction(async (tx) => {
    const r = requireAccess(ctx.actor, CANCEL, await repo.findRequirement(tx, id, true), scoped);
    if (r.status !== 'open' || !(await repo.closeRequirement(tx, id, 'cancelled', now))) {
      throw new AppError(RequirementErrors.REQUIREMENT_NOT_OPEN);
    }
    await recordAudit(tx, ctx, {
      action: 'service_requirement.cancel',
      targetType: 'service_requirement',
      targetId: id,
      result: 'success',
      statusCode: 200,
      changes: { status: { from: 'open', to: 'cancelled' }, ...(note ? { note: { from: null, to: note } } : {}) },
    });
    await tellInstitutions(tx, await repo.submittedInstitutions(tx, id), {
      kind: 'service_requirement.cancelled',
      title: `企业已取消需求「${r.title}」，您的报价不再有效`,
      titleEn: `The enterprise cancelled the requirement "${r.title}"; your quote lapses`,
      link: link(id),
    });
    return detail(tx, ctx.actor, (await repo.findRequirement(tx, id)) as repo.RequirementView);
  });
}

export async function createQuote(db: Db, ctx: RequestContext, id: string, input: z.infer<typeof quoteCreateSchema>, now = new Date()) {
  const institutionId = ctx.actor.institutionId;
  const userId = ctx.actor.userId;
  if (!institutionId || !userId) throw forbidden();
  return db.transaction(async (tx) => {
    // The requirement's row lock orders this quote against accept, cancel and expiry.
    const r = await visible(tx, ctx.actor, await repo.findRequirement(tx, id, true));
    if (r.status !== 'open') throw new AppError(RequirementErrors.REQUIREMENT_NOT_OPEN);
    if (now >= r.quoteDeadline) throw new AppError(RequirementErrors.REQUIREMENT_DEADLINE_PASSED);
    if (!(await repo.isApprovedMember(tx, institutionId))) throw new AppError(RequirementErrors.QUOTE_NOT_ALLIANCE_MEMBER);
    const s = await repo.quotableService(tx, input.serviceId);
    if (!s || s.institutionId !== institutionId || s.category !== r.category) throw new AppError(RequirementErrors.QUOTE_SERVICE_INVALID);
    const values = {
      requirementId: id,
      institutionId,
      serviceId: s.id,
      priceFen: input.priceFen,
      turnaroundDays: input.turnaroundDays,
      note: input.note ?? null,
      status: 'submitted',
      createdBy: userId,
      createdAt: now,
      updatedAt: now,
    };
    let quoteId: string;
    try {
      // A savepoint, so that the unique index's refusal does not abort the whole transaction.
      quoteId = await tx.transaction((sp) => repo.insertQuote(sp, values));
    } catch (err) {
      if (isUniqueViolation(err)) throw new AppError(RequirementErrors.QUOTE_ALREADY_SUBMITTED);
      throw err;
    }
    await recordAudit(tx, ctx, {
      action: 'requirement_quote.create',
      targetType: 'requirement_quote',
      targetId: quoteId,
      result: 'success',
      statusCode: 201,
      changes: {
        requirementId: { from: null, to: id },
        serviceId: { from: null, to: s.id },
        priceFen: { from: null, to: input.priceFen },
        turnaroundDays: { from: null, to: input.turnaroundDays },
      },
    });
    await notifyEnterpriseUsers(tx, r.enterpriseId, {
      kind: 'service_requirement.quoted',
      title: `您的需求「${r.title}」收到新报价`,
      titleEn: `A new quote on your requirement "${r.title}"`,
      link: link(id),
    });
    return detail(tx, ctx.actor, r);
  });
}

/** Loads the requirement (locked) and one of its quotes for a decision on it. */
async function lockedQuote(tx: Db, actor: Actor, id: string, quoteId: string, permission: typeof RESPOND | null) {
  const r = permission
    ? requireAccess(actor, permission, await repo.findRequirement(tx, id, true), scoped)
    : await visible(tx, actor, await repo.findRequirement(tx, id, true));
  const q = await repo.findQuote(tx, id, quoteId);
  if (!q) throw notFound();
  return { r, q };
}

export async function withdrawQuote(db: Db, ctx: RequestContext, id: string, quoteId: string, now = new Date()) {
  return db.transaction(async (tx) => {
    const { r, q } = await lockedQuote(tx, ctx.actor, id, quoteId, null);
    requireAccess(ctx.actor, WITHDRAW, q, (x) => ({ institutionId: x.institutionId }));
    if (r.status !== 'open') throw new AppError(RequirementErrors.REQUIREMENT_NOT_OPEN);
    if (!(await repo.decideQuote(tx, q.id, { status: 'withdrawn', decidedBy: ctx.actor.userId, decidedAt: now }))) {
      throw new AppError(RequirementErrors.QUOTE_NOT_SUBMITTED);
    }
    await recordAudit(tx, ctx, {
      action: 'requirement_quote.withdraw',
      targetType: 'requirement_quote',
      targetId: q.id,
      result: 'success',
      statusCode: 200,
      changes: { status: { from: 'submitted', to: 'withdrawn' } },
    });
    return detail(tx, ctx.actor, r);
  });
}

export async function declineQuote(
  db: Db,
  ctx: RequestContext,
  id: string,
  quoteId: string,
  input: z.infer<typeof quoteDeclineSchema>,
  now = new Date(),
) {
  return db.transaction(async (tx) => {
    const { r, q } = await lockedQuote(tx, ctx.actor, id, quoteId, RESPOND);
    if (r.status !== 'open') throw new AppError(RequirementErrors.REQUIREMENT_NOT_OPEN);
    const set = {
      status: 'declined',
      declineReason: input.reason,
      declineComment: input.comment ?? null,
      decidedBy: ctx.actor.userId,
      decidedAt: now,
    };
    if (!(await repo.decideQuote(tx, q.id, set))) throw new AppError(RequirementErrors.QUOTE_NOT_SUBMITTED);
    await recordAudit(tx, ctx, {
      action: 'requirement_quote.decline',
      targetType: 'requirement_quote',
      targetId: q.id,
      result: 'success',
      statusCode: 200,
      changes: { status: { from: 'submitted', to: 'declined' }, declineReason: { from: null, to: input.reason } },
    });
    await tellInstitutions(tx, [q.institutionId], {
      kind: 'service_requirement.quote_declined',
      title: `您对需求「${r.title}」的报价未被采纳，请查看原因`,
      titleEn: `Your quote on "${r.title}" was declined; see why`,
      link: link(id),
    });
    return detail(tx, ctx.actor, r);
  });
}

/**
 * Accepts one quote, all in one transaction under the requirement's row lock: the requirement is awarded, the quote
 * accepted, the other submitted quotes declined (other_quote_chosen) and an accepted order created at the quoted price.
 */
export async function acceptQuote(db: Db, ctx: RequestContext, id: string, quoteId: string, now = new Date()) {
  return db.transaction(async (tx) => {
    const { r, q } = await lockedQuote(tx, ctx.actor, id, quoteId, RESPOND);
    if (r.status !== 'open') throw new AppError(RequirementErrors.REQUIREMENT_NOT_OPEN);
    if (now >= awardEnds(r)) throw new AppError(RequirementErrors.REQUIREMENT_AWARD_WINDOW_PASSED);
    if (!(await repo.decideQuote(tx, q.id, { status: 'accepted', decidedBy: ctx.actor.userId, decidedAt: now }))) {
      throw new AppError(RequirementErrors.QUOTE_NOT_SUBMITTED);
    }
    const declined = await repo.declineOtherQuotes(tx, id, q.id, ctx.actor.userId, now);
    if (!(await repo.closeRequirement(tx, id, 'awarded', now))) throw new AppError(RequirementErrors.REQUIREMENT_NOT_OPEN);
    const orderId = await createOrderFromQuote(
      tx,
      ctx,
      {
        requirementId: id,
        serviceId: q.serviceId,
        enterpriseId: r.enterpriseId,
        needs: `${r.title}\n\n${r.description}`.slice(0, 4000),
        priceFen: q.priceFen,
        note: q.note,
        requested: { userId: r.createdBy, at: r.createdAt },
        quoted: { userId: q.createdBy, at: q.createdAt },
      },
      now,
    );
    await recordAudit(tx, ctx, {
      action: 'service_requirement.award',
      targetType: 'service_requirement',
      targetId: id,
      result: 'success',
      statusCode: 200,
      changes: {
        status: { from: 'open', to: 'awarded' },
        acceptedQuoteId: { from: null, to: q.id },
        declinedQuoteIds: { from: null, to: declined.map((d) => d.id) },
        orderId: { from: null, to: orderId },
      },
    });
    await tellInstitutions(tx, [q.institutionId], {
      kind: 'service_requirement.quote_accepted',
      title: `您对需求「${r.title}」的报价已被采纳，订单已生成，请开始服务`,
      titleEn: `Your quote on "${r.title}" was accepted; the order is ready to start`,
      link: link(id),
    });
    await tellInstitutions(
      tx,
      declined.map((d) => d.institutionId),
      {
        kind: 'service_requirement.quote_declined',
        title: `需求「${r.title}」已选定其他报价`,
        titleEn: `Another quote was chosen for "${r.title}"`,
        link: link(id),
      },
    );
    return detail(tx, ctx.actor, (await repo.findRequirement(tx, id)) as repo.RequirementView);
  });
}

/** The expiry sweep: each requirement closes once (conditional UPDATE under its lock); the enterprise is told. */
export async function expireRequirements(db: Db, ctx: RequestContext, now = new Date()): Promise<{ expired: number }> {
  let expired = 0;
  for (const r of await repo.expiring(db, now, AWARD_WINDOW_DAYS)) {
    const done = await db.transaction(async (tx) => {
      if (!(await repo.closeRequirement(tx, r.id, 'expired', now))) return false;
      await recordAudit(tx, ctx, {
        action: 'service_requirement.expire',
        targetType: 'service_requirement',
        targetId: r.id,
        result: 'success',
        changes: { status: { from: 'open', to: 'expired' } },
      });
      await notifyEnterpriseUsers(tx, r.enterpriseId, {
        kind: 'service_requirement.expired',
        title: `需求「${r.title}」已过期，未选定报价`,
        titleEn: `The requirement "${r.title}" expired without an accepted quote`,
        link: link(r.id),
      });
      await tellInstitutions(tx, await repo.submittedInstitutions(tx, r.id), {
        kind: 'service_requirement.expired',
        title: `需求「${r.title}」已过期，您的报价不再有效`,
        titleEn: `The requirement "${r.title}" expired; your quote lapses`,
        link: link(r.id),
      });
      return true;
    });
    if (done) expired++;
  }
  return { expired };
}
