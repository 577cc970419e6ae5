import type {
  orderConfirmSchema,
  orderCreateSchema,
  orderDecideSchema,
  orderDeliverSchema,
  orderDispatchSchema,
  orderDisputeSchema,
  orderQuoteSchema,
} from '@innotown/contracts/service-orders';
import type { z } from 'zod';
import { recordAudit } from '../../platform/audit.ts';
import type { RequestContext } from '../../platform/context.ts';
import type { Db } from '../../platform/db.ts';
import { AppError, forbidden, notFound } from '../../platform/errors.ts';
import { type Permission, requireAccess } from '../../platform/policy.ts';
import { readFile } from '../files/files.service.ts';
import { deadlineAfterWorkingDays } from '../holidays/holidays.service.ts';
import { notify, notifyEnterpriseUsers, notifyTownAdmins } from '../notifications/notifications.service.ts';
import { setOrderRecordSource } from '../services/services.service.ts';
import { releaseForOrder } from '../vouchers/vouchers.service.ts';
import { OrderErrors } from './service-orders.errors.ts';
import * as repo from './service-orders.repository.ts';

/** Working days a provider has to quote a request before it escalates to the town admin. */
export const QUOTE_SLA_WORKING_DAYS = 2;

const scoped = (o: repo.OrderView) => ({ institutionId: o.institutionId, enterpriseId: o.enterpriseId, townId: o.townId });
const READ = { resource: 'serviceOrder', action: 'read' } as const;
const link = (id: string) => `/orders/${id}`;

/** The moment a quote for a request made at `from` is overdue: the end of the 2nd working day after it. */
export async function quoteDeadline(db: Db, from: Date): Promise<Date> {
  return (await deadlineAfterWorkingDays(db, from, QUOTE_SLA_WORKING_DAYS)).endsAt;
}

export async function findOrder(db: Db, ctx: RequestContext, id: string) {
  const o = requireAccess(ctx.actor, READ, await repo.findOrder(db, id), scoped);
  return { ...o, events: await repo.listEvents(db, id) };
}

/** The order's result files, for everyone who may read the order (the files service alone shows a file to its uploader). */
export async function listResultFiles(db: Db, ctx: RequestContext, id: string) {
  const o = requireAccess(ctx.actor, READ, await repo.findOrder(db, id), scoped);
  return repo.fileMetas(db, o.resultFileIds);
}

/** One result file's content: the order's scope is checked here, so the files service reads it as 'checked-by-caller'. */
export async function readResultFile(db: Db, ctx: RequestContext, id: string, fileId: string) {
  const o = requireAccess(ctx.actor, READ, await repo.findOrder(db, id), scoped);
  if (!o.resultFileIds.includes(fileId)) throw notFound();
  return readFile(db, ctx, fileId, { access: 'checked-by-caller' });
}

export async function createOrder(db: Db, ctx: RequestContext, input: z.infer<typeof orderCreateSchema>, now = new Date()) {
  const enterpriseId = ctx.actor.enterpriseId;
  if (!enterpriseId) throw forbidden();
  return db.transaction(async (tx) => {
    const s = await repo.orderableService(tx, input.serviceId);
    if (!s) throw new AppError(OrderErrors.ORDER_SERVICE_NOT_ORDERABLE);
    const ent = await repo.enterpriseOf(tx, enterpriseId);
    if (!ent) throw forbidden();
    const values = {
      serviceId: s.id,
      institutionId: s.institutionId,
      enterpriseId,
      townId: ent.townId,
      status: 'requested',
      needs: input.needs,
      quantity: input.quantity,
      quoteDueAt: await quoteDeadline(tx, now),
      createdBy: ctx.actor.userId,
      createdAt: now,
      updatedAt: now,
    };
    const id = await repo.insertOrder(tx, values);
    await repo.insertEvent(tx, {
      orderId: id,
      at: now,
      actorUserId: ctx.actor.userId,
      actorRole: ctx.actor.role,
      fromStatus: null,
      toStatus: 'requested',
      note: null,
    });
    await recordAudit(tx, ctx, {
      action: 'service_order.create',
      targetType: 'service_order',
      targetId: id,
      result: 'success',
      statusCode: 201,
      changes: {
        status: { from: null, to: 'requested' },
        serviceId: { from: null, to: s.id },
        quantity: { from: null, to: input.quantity },
      },
    });
    await notify(tx, {
      userIds: await repo.providerUserIds(tx, s.institutionId),
      kind: 'service_order.requested',
      title: `新的服务订单：「${s.title}」，请在${QUOTE_SLA_WORKING_DAYS}个工作日内报价`,
      titleEn: `New order for "${s.title}": quote within ${QUOTE_SLA_WORKING_DAYS} working days`,
      link: link(id),
    });
    return await findOrder(tx, ctx, id);
  });
}

type Step = {
  action: string;
  permission: Permission;
  from: readonly string[];
  to: string;
  set?: (o: repo.OrderView) => Partial<repo.OrderInsert>;
  note?: string | null | undefined;
  /** Checks that need the record (after scope); may throw. */
  check?: (tx: Db, o: repo.OrderView) => Promise<void>;
  /** Money that moves with the transition, in its transaction (a voucher reservation released). */
  money?: (tx: Db, o: repo.OrderView) => Promise<unknown>;
  /** Who must act next. */
  tell: (tx: Db, o: repo.OrderView) => Promise<unknown>;
};

/** One transition: scope (404), then a conditional UPDATE from the allowed states (409), history, audit, notice. */
async function step(db: Db, ctx: RequestContext, id: string, s: Step) {
  return db.transaction(async (tx) => {
    const o = requireAccess(ctx.actor, s.permission, await repo.findOrder(tx, id, true), scoped);
    if (!s.from.includes(o.status)) throw new AppError(OrderErrors.ORDER_STATE_CHANGED);
    await s.check?.(tx, o);
    const set = { status: s.to, ...(s.set?.(o) ?? {}) };
    if (!(await repo.transition(tx, id, s.from, set))) throw new AppError(OrderErrors.ORDER_STATE_CHANGED);
    await repo.insertEvent(tx, {
      orderId: id,
      // The clock, not the transaction's start: steps taken in one transaction (a seed, a batch) keep their order.
      at: new Date(),
      actorUserId: ctx.actor.userId,
      actorRole: ctx.actor.role,
      fromStatus: o.status,
      toStatus: s.to,
      note: s.note ?? null,
    });
    const changes: Record<string, { from: unknown; to: unknown }> = { status: { from: o.status, to: s.to } };
    for (const [k, v] of Object.entries(set)) if (k !== 'status') changes[k] = { from: (o as Record<string, unknown>)[k] ?? null, to: v };
    await recordAudit(tx, ctx, {
      action: `service_order.${s.action}`,
      targetType: 'service_order',
      targetId: id,
      result: 'success',
      statusCode: 200,
      changes,
    });
    await s.money?.(tx, o);
    const after = (await repo.findOrder(tx, id)) as repo.OrderView;
    await s.tell(tx, after);
    return { ...after, events: await repo.listEvents(tx, id) };
  });
}

const P = <A extends string>(action: A) => ({ resource: 'serviceOrder', action }) as Permission;
const tellProvider = (kind: string, zh: string, en: string) => async (tx: Db, o: repo.OrderView) =>
  notify(tx, {
    userIds: await repo.providerUserIds(tx, o.institutionId),
    kind,
    title: `${zh}：「${o.serviceTitle}」`,
    titleEn: `${en}: "${o.serviceTitle}"`,
    link: link(o.id),
  });
const tellEnterprise = (kind: string, zh: string, en: string) => (tx: Db, o: repo.OrderView) =>
  notifyEnterpriseUsers(tx, o.enterpriseId, {
    kind,
    title: `${zh}：「${o.serviceTitle}」`,
    titleEn: `${en}: "${o.serviceTitle}"`,
    link: link(o.id),
  });

export const quoteOrder = (db: Db, ctx: RequestContext, id: string, input: z.infer<typeof orderQuoteSchema>) =>
  step(db, ctx, id, {
    action: 'quote',
    permission: P('quote'),
    from: ['requested'],
    to: 'quoted',
    note: input.note,
    check: async (_tx, o) => {
      if (outsideListedRange(o, input.priceFen) && !input.note) {
        throw new AppError(OrderErrors.ORDER_QUOTE_NOTE_REQUIRED);
      }
    },
    set: (o) => ({
      quotedPriceFen: input.priceFen,
      quoteNote: input.note ?? null,
      quoteOutsideRange: outsideListedRange(o, input.priceFen),
    }),
    tell: tellEnterprise('service_order.quoted', '服务机构已报价，请确认', 'The provider quoted a price; accept or decline'),
  });

/** The listed price is per unit (sample, hour, item, project); a quote is for the whole order's quantity. */
function outsideListedRange(o: { listedPriceMinFen: number; listedPriceMaxFen: number; quantity: number }, priceFen: number) {
  return priceFen < o.listedPriceMinFen * o.quantity || priceFen > o.listedPriceMaxFen * o.quantity;
}

export const acceptOrder = (db: Db, ctx: RequestContext, id: string, note?: string | null) =>
  step(db, ctx, id, {
    action: 'accept',
    permission: P('respond'),
    from: ['quoted'],
    to: 'accepted',
    note,
    tell: tellProvider('service_order.accepted', '企业已接受报价，请开始服务', 'The enterprise accepted the quote; start the service'),
  });

export const declineOrder = (db: Db, ctx: RequestContext, id: string, note?: string | null) =>
  step(db, ctx, id, {
    action: 'decline',
    permission: P('respond'),
    from: ['quoted'],
    to: 'cancelled',
    note,
    money: (tx, o) => releaseForOrder(tx, ctx, o.id, 'order_declined'),
    tell: tellProvider('service_order.declined', '企业未接受报价，订单已取消', 'The enterprise declined the quote; the order is cancelled'),
  });

export const cancelOrder = (db: Db, ctx: RequestContext, id: string, note?: string | null) =>
  step(db, ctx, id, {
    action: 'cancel',
    permission: P('cancel'),
    from: ['requested', 'quoted', 'accepted'],
    to: 'cancelled',
    note,
    money: (tx, o) => releaseForOrder(tx, ctx, o.id, 'order_cancelled'),
    tell: tellProvider('service_order.cancelled', '企业已取消订单', 'The enterprise cancelled the order'),
  });

export const startOrder = (db: Db, ctx: RequestContext, id: string, note?: string | null) =>
  step(db, ctx, id, {
    action: 'start',
    permission: P('start'),
    from: ['accepted'],
    to: 'in_progress',
    note,
    tell: tellEnterprise('service_order.started', '服务机构已开始服务', 'The provider started the service'),
  });

export const deliverOrder = (db: Db, ctx: RequestContext, id: string, input: z.infer<typeof orderDeliverSchema>) => {
  const fileIds = [...new Set(input.resultFileIds)];
  return step(db, ctx, id, {
    action: 'deliver',
    permission: P('deliver'),
    from: ['in_progress'],
    to: 'delivered',
    note: input.note,
    check: async (tx) => {
      if (!ctx.actor.userId || (await repo.countOwnAttachments(tx, ctx.actor.userId, fileIds)) !== fileIds.length) {
        throw new AppError(OrderErrors.ORDER_RESULT_FILES_INVALID);
      }
    },
    set: () => ({ resultFileIds: fileIds }),
    tell: tellEnterprise('service_order.delivered', '服务已交付，请确认并评价', 'The service was delivered; confirm and rate it'),
  });
};

export const confirmOrder = (db: Db, ctx: RequestContext, id: string, input: z.infer<typeof orderConfirmSchema>) =>
  step(db, ctx, id, {
    action: 'confirm',
    permission: P('confirm'),
    from: ['delivered'],
    to: 'completed',
    note: input.comment,
    set: () => ({ rating: input.rating, ratingComment: input.comment ?? null }),
    tell: tellProvider(
      'service_order.completed',
      `企业已确认完成并评价${input.rating}星`,
      `The enterprise confirmed and rated ${input.rating}/5`,
    ),
  });

export const disputeOrder = (db: Db, ctx: RequestContext, id: string, input: z.infer<typeof orderDisputeSchema>) =>
  step(db, ctx, id, {
    action: 'dispute',
    permission: P('dispute'),
    from: ['delivered'],
    to: 'disputed',
    note: input.reason,
    set: () => ({ disputeReason: input.reason }),
    tell: async (tx, o) => {
      await tellProvider('service_order.disputed', '企业对交付结果提出异议', 'The enterprise disputed the delivery')(tx, o);
      await notifyTownAdmins(tx, o.townId, {
        kind: 'service_order.disputed',
        title: `服务订单异议待裁定：「${o.serviceTitle}」`,
        titleEn: `A disputed order awaits your decision: "${o.serviceTitle}"`,
        link: link(o.id),
      });
    },
  });

export const decideDispute = (db: Db, ctx: RequestContext, id: string, input: z.infer<typeof orderDecideSchema>) =>
  step(db, ctx, id, {
    action: 'decide',
    permission: P('decide'),
    from: ['disputed'],
    to: 'closed',
    note: input.note,
    set: () => ({ decision: input.decision, decisionNote: input.note }),
    // A full refund: the service is not paid for, so there is nothing to subsidise.
    money: (tx, o) => (input.decision === 'refund' ? releaseForOrder(tx, ctx, o.id, 'dispute_refund') : Promise.resolve(null)),
    tell: async (tx, o) => {
      const zh = { refund: '全额退款', partial: '部分退款', upheld: '维持交付' }[input.decision];
      await tellEnterprise('service_order.closed', `异议已裁定（${zh}）`, `The dispute was decided (${input.decision})`)(tx, o);
      await tellProvider('service_order.closed', `异议已裁定（${zh}）`, `The dispute was decided (${input.decision})`)(tx, o);
    },
  });

/** An escalated request goes to another alliance member's service; the SLA starts again, the history stays. */
export async function dispatchOrder(db: Db, ctx: RequestContext, id: string, input: z.infer<typeof orderDispatchSchema>, now = new Date()) {
  const DISPATCH = P('dispatch');
  return db.transaction(async (tx) => {
    const o = requireAccess(ctx.actor, DISPATCH, await repo.findOrder(tx, id, true), scoped);
    if (o.status !== 'requested' || !o.escalatedAt) throw new AppError(OrderErrors.ORDER_NOT_ESCALATED);
    const s = await repo.orderableService(tx, input.serviceId);
    if (!s) throw new AppError(OrderErrors.ORDER_SERVICE_NOT_ORDERABLE);
    if (s.institutionId === o.institutionId) throw new AppError(OrderErrors.ORDER_DISPATCH_SAME_PROVIDER);
    const set = { serviceId: s.id, institutionId: s.institutionId, escalatedAt: null, quoteDueAt: await quoteDeadline(tx, now) };
    if (!(await repo.transition(tx, id, ['requested'], set))) throw new AppError(OrderErrors.ORDER_STATE_CHANGED);
    const after = (await repo.findOrder(tx, id)) as repo.OrderView;
    await repo.insertEvent(tx, {
      orderId: id,
      actorUserId: ctx.actor.userId,
      actorRole: ctx.actor.role,
      fromStatus: 'requested',
      toStatus: 'requested',
      note: `dispatched: ${o.institutionName} → ${after.institutionName}${input.note ? ` — ${input.note}` : ''}`,
    });
    await recordAudit(tx, ctx, {
      action: 'service_order.dispatch',
      targetType: 'service_order',
      targetId: id,
      result: 'success',
      statusCode: 200,
      changes: {
        serviceId: { from: o.serviceId, to: s.id },
        institutionId: { from: o.institutionId, to: s.institutionId },
        escalatedAt: { from: o.escalatedAt.toISOString(), to: null },
      },
    });
    await tellProvider(
      'service_order.requested',
      '新的服务订单（镇管理员改派），请尽快报价',
      'New order dispatched by the town; please quote',
    )(tx, after);
    await tellEnterprise(
      'service_order.dispatched',
      '订单已改派给另一家服务机构',
      'Your order was dispatched to another provider',
    )(tx, after);
    return { ...after, events: await repo.listEvents(tx, id) };
  });
}

/** The SLA sweep: overdue requests are marked escalated once (conditional UPDATE) and their town admins told. */
export async function escalateOverdueOrders(db: Db, ctx: RequestContext, now = new Date()): Promise<{ escalated: number }> {
  let escalated = 0;
  for (const o of await repo.overdueRequested(db, now)) {
    const done = await db.transaction(async (tx) => {
      if (!(await repo.markEscalated(tx, o.id, now))) return false;
      const after = (await repo.findOrder(tx, o.id)) as repo.OrderView;
      await repo.insertEvent(tx, {
        orderId: o.id,
        at: now,
        actorUserId: null,
        actorRole: 'system',
        fromStatus: 'requested',
        toStatus: 'requested',
        note: 'escalated: no quote within the SLA',
      });
      await recordAudit(tx, ctx, {
        action: 'service_order.escalate',
        targetType: 'service_order',
        targetId: o.id,
        result: 'success',
        changes: { escalatedAt: { from: null, to: now.toISOString() } },
      });
      await notifyTownAdmins(tx, o.townId, {
        kind: 'service_order.escalated',
        title: `服务订单超过${QUOTE_SLA_WORKING_DAYS}个工作日未报价：「${after.serviceTitle}」，可改派其他联盟成员`,
        titleEn: `No quote within ${QUOTE_SLA_WORKING_DAYS} working days for "${after.serviceTitle}"; you may dispatch it`,
        link: link(o.id),
      });
      return true;
    });
    if (done) escalated++;
  }
  return { escalated };
}

setOrderRecordSource(async (db, institutionId) => {
  const r = await repo.orderRecord(db, institutionId);
  if (!r) return { delivered: 0, ratingAverage: null, ratingCount: 0 };
  return {
    delivered: r.delivered,
    ratingCount: r.ratingCount,
    ratingAverage: r.ratingAverage === null ? null : Math.round(Number(r.ratingAverage) * 10) / 10,
  };
});

/** What an accepted quote on a requirement (需求) brings to its order; the actors are the users who did each step. */
export type AwardedQuote = {
  requirementId: string;
  serviceId: string;
  enterpriseId: string;
  needs: string;
  priceFen: number;
  note: string | null;
  requested: { userId: string; at: Date };
  quoted: { userId: string; at: Date };
};

/**
 * Creates the order for an accepted quote, inside the caller's transaction: status `accepted` at the quoted price,
 * with the history requested → quoted → accepted as it happened (posting, quoting, accepting). The caller (the
 * requirement's accept) has checked scope and state; the service must still be orderable.
 */
export async function createOrderFromQuote(tx: Db, ctx: RequestContext, q: AwardedQuote, now = new Date()) {
  const s = await repo.orderableService(tx, q.serviceId);
  if (!s) throw new AppError(OrderErrors.ORDER_SERVICE_NOT_ORDERABLE);
  const ent = await repo.enterpriseOf(tx, q.enterpriseId);
  if (!ent) throw forbidden();
  const outside = q.priceFen < s.priceMinFen || q.priceFen > s.priceMaxFen;
  const id = await repo.insertOrder(tx, {
    serviceId: s.id,
    institutionId: s.institutionId,
    enterpriseId: q.enterpriseId,
    townId: ent.townId,
    requirementId: q.requirementId,
    status: 'accepted',
    needs: q.needs,
    quantity: 1,
    quotedPriceFen: q.priceFen,
    quoteNote: q.note,
    quoteOutsideRange: outside,
    // Already answered: the SLA for a quote does not apply.
    quoteDueAt: q.quoted.at,
    createdBy: q.requested.userId,
    createdAt: now,
    updatedAt: now,
  });
  const event = (at: Date, userId: string, role: string, from: string | null, to: string, note: string | null) =>
    repo.insertEvent(tx, { orderId: id, at, actorUserId: userId, actorRole: role, fromStatus: from, toStatus: to, note });
  await event(q.requested.at, q.requested.userId, 'enterprise', null, 'requested', `requirement ${q.requirementId}`);
  await event(q.quoted.at, q.quoted.userId, 'provider', 'requested', 'quoted', q.note);
  await event(now, ctx.actor.userId as string, ctx.actor.role, 'quoted', 'accepted', null);
  await recordAudit(tx, ctx, {
    action: 'service_order.create_from_quote',
    targetType: 'service_order',
    targetId: id,
    result: 'success',
    statusCode: 200,
    changes: {
      status: { from: null, to: 'accepted' },
      serviceId: { from: null, to: s.id },
      quotedPriceFen: { from: null, to: q.priceFen },
      requirementId: { from: null, to: q.requirementId },
    },
  });
  // The provider is told by the requirement's accept (one notice, linking the requirement and its order).
  return id;
}
