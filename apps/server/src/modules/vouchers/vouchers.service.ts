import type { ServiceCategory } from '@innotown/contracts/service-categories';
import type { ApplicationCreate, ApplicationDecision, ProgrammeCreate } from '@innotown/contracts/vouchers';
import { recordAudit } from '../../platform/audit.ts';
import type { RequestContext } from '../../platform/context.ts';
import type { Db } from '../../platform/db.ts';
import { AppError, notFound, pgConstraint, pgErrorCode } from '../../platform/errors.ts';
import { requireAccess, scopeOf } from '../../platform/policy.ts';
import { notifyCityAdmins, notifyEnterpriseUsers, notifyTownAdmins } from '../notifications/notifications.service.ts';
import { approvalProblem, expiresAt, providerEligible, ratioFor, subsidyFen, windowOpen } from './voucher-rules.ts';
import { VoucherErrors } from './vouchers.errors.ts';
import * as repo from './vouchers.repository.ts';

/**
 * The money core of the innovation vouchers. Money moves only through issue, reserve, release,
 * settle and expire below; each is one transaction that locks its programme or voucher row
 * (SELECT … FOR UPDATE), posts balanced ledger entries and writes its audit record. The database
 * backs every rule with a constraint (non-negative balances, the cap CHECK, one live reservation
 * per order), so a bug here fails loudly instead of overspending. See docs/decisions/0004-voucher-ledger.md.
 */

const APP_READ = { resource: 'voucherApplication', action: 'read' } as const;
const APP_FORWARD = { resource: 'voucherApplication', action: 'forward' } as const;
const APP_RETURN = { resource: 'voucherApplication', action: 'return' } as const;
const APP_DECIDE = { resource: 'voucherApplication', action: 'decide' } as const;
const VOUCHER_READ = { resource: 'voucher', action: 'read' } as const;
const VOUCHER_RESERVE = { resource: 'voucher', action: 'reserve' } as const;
const RES_RELEASE = { resource: 'voucherReservation', action: 'release' } as const;
const RES_SETTLE = { resource: 'voucherReservation', action: 'settle' } as const;

const appScope = (a: repo.ApplicationView) => ({ townId: a.townId, enterpriseId: a.enterpriseId });
const voucherScope = (v: { townId: string; enterpriseId: string }) => ({ townId: v.townId, enterpriseId: v.enterpriseId });

/** Database refusals that mean a money rule, not a bug. */
function moneyError(err: unknown): AppError | null {
  const code = pgErrorCode(err);
  const constraint = pgConstraint(err);
  if (code === '23514' && constraint === 'voucher_enterprise_totals_cap') return new AppError(VoucherErrors.VOUCHER_CAP_EXCEEDED);
  if (code === '23514' && constraint === 'ledger_accounts_not_negative') return new AppError(VoucherErrors.VOUCHER_BUDGET_EXHAUSTED);
  if (code === '23505' && constraint === 'voucher_reservations_order_uq') {
    return new AppError(VoucherErrors.VOUCHER_ORDER_ALREADY_SUBSIDISED);
  }
  return null;
}

async function withMoneyErrors<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    throw moneyError(err) ?? err;
  }
}

// ---------------------------------------------------------------------------------------------
// Programmes

export async function createProgramme(db: Db, ctx: RequestContext, input: ProgrammeCreate) {
  return db.transaction(async (tx) => {
    for (const id of input.providerIds) {
      const inst = await repo.findInstitution(tx, id);
      if (!inst || !providerEligible({ providerScope: 'listed', providerIds: [id] }, inst)) {
        throw new AppError(VoucherErrors.VOUCHER_PROVIDER_NOT_ELIGIBLE, { details: { providerId: id } });
      }
    }
    const p = await repo.insertProgramme(tx, {
      ...input,
      providerIds: input.providerScope === 'listed' ? input.providerIds : [],
      createdBy: ctx.actor.userId,
    });
    const funding = await repo.createAccount(tx, p.id, 'funding', 'funding');
    const budget = await repo.createAccount(tx, p.id, 'budget', 'budget');
    await repo.createAccount(tx, p.id, 'settled', 'settled');
    await repo.post(tx, {
      programmeId: p.id,
      debitAccountId: budget,
      creditAccountId: funding,
      amountFen: p.totalBudgetFen,
      kind: 'fund',
      createdBy: ctx.actor.userId,
    });
    await recordAudit(tx, ctx, {
      action: 'voucher_programme.create',
      targetType: 'voucherProgramme',
      targetId: p.id,
      result: 'success',
      statusCode: 201,
      changes: { year: p.year, totalBudgetFen: p.totalBudgetFen, capPerEnterpriseFen: p.capPerEnterpriseFen },
    });
    return p;
  });
}

export async function findProgramme(db: Db, id: string) {
  const p = await repo.findProgramme(db, id);
  if (!p) throw notFound();
  return p;
}

/** Balances are the city's to see; others get the programme's rules only. */
export async function balancesFor(db: Db, ctx: RequestContext, programmeId: string) {
  if (scopeOf(ctx.actor, { resource: 'voucherProgramme', action: 'ledger' }) !== 'all') return null;
  return repo.programmeBalances(db, programmeId);
}

// ---------------------------------------------------------------------------------------------
// Applications

export async function applyForVoucher(db: Db, ctx: RequestContext, input: ApplicationCreate, now = new Date()) {
  const { actor } = ctx;
  if (!actor.enterpriseId || !actor.userId) throw new AppError(VoucherErrors.VOUCHER_ENTERPRISE_REQUIRED);
  return db.transaction(async (tx) => {
    const p = await repo.findProgramme(tx, input.programmeId);
    if (!p) throw notFound();
    if (p.status !== 'open') throw new AppError(VoucherErrors.VOUCHER_PROGRAMME_CLOSED);
    if (!windowOpen(p, now)) throw new AppError(VoucherErrors.VOUCHER_OUTSIDE_WINDOW);
    const outside = input.categories.filter((c) => !p.categories.includes(c));
    if (outside.length > 0) throw new AppError(VoucherErrors.VOUCHER_CATEGORY_NOT_ELIGIBLE, { details: { categories: outside } });
    const awarded = await repo.awardedOf(tx, p.id, actor.enterpriseId as string);
    if (awarded + input.amountFen > p.capPerEnterpriseFen) {
      throw new AppError(VoucherErrors.VOUCHER_CAP_EXCEEDED, {
        details: { capFen: p.capPerEnterpriseFen, awardedFen: awarded },
      });
    }
    const enterprise = await repo.findEnterprise(tx, actor.enterpriseId as string);
    if (!enterprise) throw notFound();
    const id = await repo.insertApplication(tx, {
      programmeId: p.id,
      enterpriseId: enterprise.id,
      townId: enterprise.townId,
      applicantUserId: actor.userId,
      plannedUse: input.plannedUse,
      categories: input.categories,
      amountFen: input.amountFen,
    });
    const app = (await repo.findApplication(tx, id)) as repo.ApplicationView;
    await auditApp(tx, ctx, 'voucher_application.create', app, 201, { amountFen: input.amountFen });
    await notifyTownAdmins(tx, enterprise.townId, {
      kind: 'voucher.application_submitted',
      title: `创新券申请待审核：${enterprise.name}`,
      titleEn: `Voucher application to review: ${enterprise.name}`,
      link: `/vouchers/applications/${id}`,
    });
    return app;
  });
}

export async function findApplication(db: Db, ctx: RequestContext, id: string) {
  return requireAccess(ctx.actor, APP_READ, await repo.findApplication(db, id), appScope);
}

/** The application with its history (who did what, when), for the detail page. */
export async function findApplicationWithHistory(db: Db, ctx: RequestContext, id: string) {
  const app = await findApplication(db, ctx, id);
  return { app, history: await repo.applicationHistory(db, id) };
}

async function auditApp(db: Db, ctx: RequestContext, action: string, a: repo.ApplicationView, statusCode: number, changes: object) {
  await recordAudit(db, ctx, {
    action,
    targetType: 'voucherApplication',
    targetId: a.id,
    result: 'success',
    statusCode,
    changes: { ...changes, enterpriseId: a.enterpriseId, programmeId: a.programmeId },
  });
}

/** Town review: the town admin of the enterprise's town forwards a submitted application to the city. */
export async function forwardApplication(db: Db, ctx: RequestContext, id: string, comment: string | null | undefined) {
  return db.transaction(async (tx) => {
    const before = requireAccess(ctx.actor, APP_FORWARD, await repo.findApplication(tx, id), appScope);
    const moved = await repo.transitionApplication(tx, id, ['submitted'], {
      status: 'forwarded',
      comment: comment ?? null,
      reviewedBy: ctx.actor.userId,
    });
    if (!moved) throw new AppError(VoucherErrors.VOUCHER_STATE_CHANGED);
    const after = (await repo.findApplication(tx, id)) as repo.ApplicationView;
    await auditApp(tx, ctx, 'voucher_application.forward', after, 200, {
      status: { from: before.status, to: 'forwarded' },
      comment: comment ?? null,
    });
    await notifyCityAdmins(tx, {
      kind: 'voucher.application_forwarded',
      title: `创新券申请待审批：${after.enterpriseName}`,
      titleEn: `Voucher application to approve: ${after.enterpriseName}`,
      link: `/vouchers/applications/${id}`,
    });
    return after;
  });
}

/**
 * Return (to the enterprise, for changes) or decline (final), always with a structured reason.
 * A town admin returns what it has not yet forwarded; the city returns or declines forwarded ones.
 */
export async function refuseApplication(db: Db, ctx: RequestContext, id: string, kind: 'returned' | 'declined', d: ApplicationDecision) {
  return db.transaction(async (tx) => {
    const permission = kind === 'returned' ? APP_RETURN : APP_DECIDE;
    const before = requireAccess(ctx.actor, permission, await repo.findApplication(tx, id), appScope);
    const from = kind === 'declined' || scopeOf(ctx.actor, permission) === 'all' ? ['forwarded'] : ['submitted'];
    const moved = await repo.transitionApplication(tx, id, from, {
      status: kind,
      reason: d.reason,
      comment: d.comment ?? null,
      decidedBy: ctx.actor.userId,
      decidedAt: new Date(),
    });
    if (!moved) throw new AppError(VoucherErrors.VOUCHER_STATE_CHANGED);
    const after = (await repo.findApplication(tx, id)) as repo.ApplicationView;
    await auditApp(tx, ctx, `voucher_application.${kind === 'returned' ? 'return' : 'decline'}`, after, 200, {
      status: { from: before.status, to: kind },
      reason: d.reason,
      comment: d.comment ?? null,
    });
    const [zh, en] = kind === 'returned' ? ['被退回', 'returned'] : ['未获批准', 'declined'];
    await notifyEnterpriseUsers(tx, after.enterpriseId, {
      kind: `voucher.application_${kind}`,
      title: `创新券申请${zh}：${after.programmeName}`,
      titleEn: `Voucher application ${en}: ${after.programmeName}`,
      body: d.comment ?? null,
      link: `/vouchers/applications/${id}`,
    });
    return after;
  });
}

/**
 * City approval: moves the application (row lock; only from 'forwarded'), then issues the voucher
 * under the programme's row lock. Everything in one transaction: a refused issue leaves the
 * application forwarded.
 */
export async function approveApplication(
  db: Db,
  ctx: RequestContext,
  id: string,
  amountFen: number,
  now = new Date(),
  comment: string | null = null,
) {
  return withMoneyErrors(() =>
    db.transaction(async (tx) => {
      const before = requireAccess(ctx.actor, APP_DECIDE, await repo.findApplication(tx, id), appScope);
      if (before.applicantUserId && before.applicantUserId === ctx.actor.userId) throw new AppError(VoucherErrors.VOUCHER_SELF_APPROVAL);
      if (amountFen > before.amountFen) throw new AppError(VoucherErrors.VOUCHER_AMOUNT_ABOVE_ASKED);
      const moved = await repo.transitionApplication(tx, id, ['forwarded'], {
        status: 'approved',
        approvedFen: amountFen,
        decidedBy: ctx.actor.userId,
        decidedAt: now,
        reason: null,
      });
      if (!moved) throw new AppError(VoucherErrors.VOUCHER_STATE_CHANGED);
      const voucher = await issueVoucher(tx, ctx, {
        programmeId: before.programmeId,
        enterpriseId: before.enterpriseId,
        applicationId: id,
        amountFen,
        askedFen: before.amountFen,
        now,
      });
      await repo.transitionApplication(tx, id, ['approved'], { voucherId: voucher.id });
      const after = (await repo.findApplication(tx, id)) as repo.ApplicationView;
      await auditApp(tx, ctx, 'voucher_application.approve', after, 200, {
        status: { from: before.status, to: 'approved' },
        approvedFen: amountFen,
        voucherId: voucher.id,
        comment,
      });
      await notifyEnterpriseUsers(tx, after.enterpriseId, {
        kind: 'voucher.issued',
        title: `创新券已发放：${after.programmeName}`,
        titleEn: `Voucher issued: ${after.programmeName}`,
        link: `/vouchers/wallet`,
      });
      return after;
    }),
  );
}

export type IssueInput = {
  programmeId: string;
  enterpriseId: string;
  applicationId: string | null;
  amountFen: number;
  askedFen?: number;
  now?: Date;
};

/**
 * issue: budget → wallet:<voucher>. Locks the programme row, so that awards from one programme
 * queue; checks budget and cap (the database checks them again).
 */
export async function issueVoucher(db: Db, ctx: RequestContext, input: IssueInput) {
  const now = input.now ?? new Date();
  return withMoneyErrors(() =>
    db.transaction(async (tx) => {
      const p = await repo.lockProgramme(tx, input.programmeId);
      if (!p) throw notFound();
      if (p.status !== 'open') throw new AppError(VoucherErrors.VOUCHER_PROGRAMME_CLOSED);
      const enterprise = await repo.findEnterprise(tx, input.enterpriseId);
      if (!enterprise) throw notFound();
      const budget = await repo.accountByKey(tx, p.id, 'budget');
      const problem = approvalProblem({
        amountFen: input.amountFen,
        askedFen: input.askedFen ?? input.amountFen,
        capFen: p.capPerEnterpriseFen,
        awardedFen: await repo.awardedOf(tx, p.id, enterprise.id),
        availableFen: budget.balanceFen,
      });
      if (problem === 'above_asked') throw new AppError(VoucherErrors.VOUCHER_AMOUNT_ABOVE_ASKED);
      if (problem === 'above_cap') throw new AppError(VoucherErrors.VOUCHER_CAP_EXCEEDED);
      if (problem === 'budget_exhausted') {
        throw new AppError(VoucherErrors.VOUCHER_BUDGET_EXHAUSTED, { details: { availableFen: budget.balanceFen } });
      }
      const voucher = await repo.insertVoucher(tx, {
        programmeId: p.id,
        applicationId: input.applicationId,
        enterpriseId: enterprise.id,
        townId: enterprise.townId,
        faceValueFen: input.amountFen,
        ratioBp: ratioFor(enterprise, p),
        issuedAt: now,
        expiresAt: expiresAt(now, p.validityDays),
      });
      const wallet = await repo.createAccount(tx, p.id, `wallet:${voucher.id}`, 'wallet', voucher.id);
      await repo.createAccount(tx, p.id, `reserved:${voucher.id}`, 'reserved', voucher.id);
      await repo.addAwarded(tx, p.id, enterprise.id, input.amountFen, p.capPerEnterpriseFen);
      await repo.post(tx, {
        programmeId: p.id,
        debitAccountId: wallet,
        creditAccountId: budget.id,
        amountFen: input.amountFen,
        kind: 'issue',
        voucherId: voucher.id,
        createdBy: ctx.actor.userId,
      });
      await recordAudit(tx, ctx, {
        action: 'voucher.issue',
        targetType: 'voucher',
        targetId: voucher.id,
        result: 'success',
        changes: { programmeId: p.id, enterpriseId: enterprise.id, amountFen: input.amountFen },
      });
      return voucher;
    }),
  );
}

// ---------------------------------------------------------------------------------------------
// Vouchers and reservations

export async function findVoucher(db: Db, ctx: RequestContext, id: string) {
  return requireAccess(ctx.actor, VOUCHER_READ, await repo.findVoucher(db, id), voucherScope);
}

/** What a reservation is for: a real service order, with its price, the service's category and the provider. */
export type ReserveInput = { orderRef: string; orderPriceFen: number; category: ServiceCategory | string; providerId: string };

/**
 * reserve: wallet → reserved, for an order before work starts. The subsidy is the voucher's ratio ×
 * the order price, at most what is left; the category and provider must be eligible in the programme.
 * Called by the order's "apply a voucher" step (voucher-claims module), which checks the order first.
 */
export async function reserve(db: Db, ctx: RequestContext, voucherId: string, input: ReserveInput, now = new Date()) {
  return withMoneyErrors(() =>
    db.transaction(async (tx) => {
      const v = requireAccess(ctx.actor, VOUCHER_RESERVE, await repo.lockVoucher(tx, voucherId), voucherScope);
      if (v.status !== 'active' || v.expiresAt <= now) throw new AppError(VoucherErrors.VOUCHER_EXPIRED);
      const p = (await repo.findProgramme(tx, v.programmeId)) as repo.ProgrammeRow;
      if (!p.categories.includes(input.category)) throw new AppError(VoucherErrors.VOUCHER_CATEGORY_NOT_ELIGIBLE);
      const provider = await repo.findInstitution(tx, input.providerId);
      if (!provider || !providerEligible(p, provider)) throw new AppError(VoucherErrors.VOUCHER_PROVIDER_NOT_ELIGIBLE);
      if (await repo.liveReservationOfOrder(tx, input.orderRef)) throw new AppError(VoucherErrors.VOUCHER_ORDER_ALREADY_SUBSIDISED);
      const wallet = await repo.accountByKey(tx, p.id, `wallet:${v.id}`);
      const reserved = await repo.accountByKey(tx, p.id, `reserved:${v.id}`);
      const amount = subsidyFen(input.orderPriceFen, v.ratioBp, wallet.balanceFen);
      if (amount <= 0) throw new AppError(VoucherErrors.VOUCHER_NOTHING_LEFT);
      const r = await repo.insertReservation(tx, {
        voucherId: v.id,
        programmeId: p.id,
        enterpriseId: v.enterpriseId,
        townId: v.townId,
        orderRef: input.orderRef,
        providerId: input.providerId,
        category: input.category,
        orderPriceFen: input.orderPriceFen,
        amountFen: amount,
      });
      await repo.post(tx, {
        programmeId: p.id,
        debitAccountId: reserved.id,
        creditAccountId: wallet.id,
        amountFen: amount,
        kind: 'reserve',
        voucherId: v.id,
        reservationId: r.id,
        createdBy: ctx.actor.userId,
      });
      await auditMoney(tx, ctx, 'voucher.reserve', r, { amountFen: amount, orderRef: input.orderRef, orderPriceFen: input.orderPriceFen });
      return r;
    }),
  );
}

async function auditMoney(db: Db, ctx: RequestContext, action: string, r: repo.ReservationRow, changes: object) {
  await recordAudit(db, ctx, {
    action,
    targetType: 'voucherReservation',
    targetId: r.id,
    result: 'success',
    changes: { ...changes, voucherId: r.voucherId, programmeId: r.programmeId },
  });
}

/** Finds a reservation in the caller's scope and locks its voucher (the order every operation on a voucher takes). */
async function lockedReservation(tx: Db, ctx: RequestContext, id: string, permission: typeof RES_RELEASE | typeof RES_SETTLE) {
  const r = requireAccess(ctx.actor, permission, await repo.findReservation(tx, id), voucherScope);
  await repo.lockVoucher(tx, r.voucherId);
  return r;
}

/**
 * release: reserved → wallet; the reservation resolves as released, once. A reservation with a claim
 * in progress is released only by rejecting the claim (voucher-claims module).
 */
export async function release(db: Db, ctx: RequestContext, reservationId: string, reason: string | null = null) {
  return db.transaction(async (tx) => {
    const r = await lockedReservation(tx, ctx, reservationId, RES_RELEASE);
    if (await repo.hasOpenClaim(tx, r.id)) throw new AppError(VoucherErrors.VOUCHER_CLAIM_IN_PROGRESS);
    return releaseLocked(tx, ctx, r, reason);
  });
}

/**
 * The release itself, for callers that have already checked their own scope and hold the order's row
 * lock: an order cancelled or refunded after a dispute, a claim rejected. Takes the voucher lock.
 * Returns null when the reservation was no longer live (settled, released or expired before).
 */
export async function releaseReservation(tx: Db, ctx: RequestContext, reservationId: string, reason: string | null) {
  const r = await repo.findReservation(tx, reservationId);
  if (!r) throw notFound();
  await repo.lockVoucher(tx, r.voucherId);
  if (r.status !== 'reserved') return null;
  return releaseLocked(tx, ctx, r, reason);
}

/** Releases the live reservation of an order, if it has one (order cancelled, dispute refunded). */
export async function releaseForOrder(tx: Db, ctx: RequestContext, orderId: string, reason: string) {
  const live = await repo.liveReservationOfOrder(tx, orderId);
  if (live?.status !== 'reserved') return null;
  return releaseReservation(tx, ctx, live.id, reason);
}

async function releaseLocked(tx: Db, ctx: RequestContext, r: repo.ReservationRow, reason: string | null) {
  const resolved = await repo.resolveReservation(tx, r.id, 'released', null);
  if (!resolved) throw new AppError(VoucherErrors.VOUCHER_STATE_CHANGED);
  await returnToWallet(tx, ctx, resolved, resolved.amountFen, 'release');
  await auditMoney(tx, ctx, 'voucher.release', resolved, { amountFen: resolved.amountFen, reason });
  return resolved;
}

/**
 * Back to the wallet; when the voucher has expired meanwhile (a reservation kept alive by its open claim,
 * then rejected or settled for less), straight on to the budget: an expired wallet holds nothing.
 * Callers hold the voucher's lock.
 */
async function returnToWallet(tx: Db, ctx: RequestContext, r: repo.ReservationRow, amountFen: number, kind: 'release') {
  if (amountFen <= 0) return;
  const wallet = await repo.accountByKey(tx, r.programmeId, `wallet:${r.voucherId}`);
  const reserved = await repo.accountByKey(tx, r.programmeId, `reserved:${r.voucherId}`);
  const entry = { programmeId: r.programmeId, voucherId: r.voucherId, reservationId: r.id, createdBy: ctx.actor.userId, amountFen };
  await repo.post(tx, { ...entry, debitAccountId: wallet.id, creditAccountId: reserved.id, kind });
  const voucher = await repo.lockVoucher(tx, r.voucherId);
  if (voucher?.status === 'expired') {
    const budget = await repo.accountByKey(tx, r.programmeId, 'budget');
    await repo.post(tx, { ...entry, debitAccountId: budget.id, creditAccountId: wallet.id, kind: 'expire' });
  }
}

/**
 * settle: reserved → settled for the amount paid (≤ reserved); any rest goes back to the wallet.
 * Only the city settles, and only through a verified claim (voucher-claims module).
 */
export async function settle(db: Db, ctx: RequestContext, reservationId: string, amountFen: number) {
  return db.transaction(async (tx) => {
    const r = await lockedReservation(tx, ctx, reservationId, RES_SETTLE);
    if (r.status !== 'reserved') throw new AppError(VoucherErrors.VOUCHER_STATE_CHANGED);
    if (amountFen > r.amountFen) throw new AppError(VoucherErrors.VOUCHER_SETTLE_ABOVE_RESERVED, { details: { reservedFen: r.amountFen } });
    const resolved = await repo.resolveReservation(tx, r.id, 'settled', amountFen);
    if (!resolved) throw new AppError(VoucherErrors.VOUCHER_STATE_CHANGED);
    const reserved = await repo.accountByKey(tx, r.programmeId, `reserved:${r.voucherId}`);
    const settled = await repo.accountByKey(tx, r.programmeId, 'settled');
    await repo.post(tx, {
      programmeId: r.programmeId,
      debitAccountId: settled.id,
      creditAccountId: reserved.id,
      amountFen,
      kind: 'settle',
      voucherId: r.voucherId,
      reservationId: r.id,
      createdBy: ctx.actor.userId,
    });
    await returnToWallet(tx, ctx, resolved, r.amountFen - amountFen, 'release');
    await auditMoney(tx, ctx, 'voucher.settle', resolved, { amountFen, reservedFen: r.amountFen });
    await notifyEnterpriseUsers(tx, r.enterpriseId, {
      kind: 'voucher.settled',
      title: '创新券补贴已结算',
      titleEn: 'Voucher subsidy settled',
      link: `/vouchers/wallet`,
    });
    return resolved;
  });
}

/**
 * expire: live reservations go back to the wallet (resolved as expired), then the wallet's unused
 * value goes back to the programme's budget. Idempotent: an already expired voucher moves nothing.
 * A reservation whose post-subsidy claim is already filed (submitted or verified) stays reserved: the
 * service was done within validity, and the claim's fate must not hang on how fast the town verifies.
 * Settling it later pays it; rejecting it sends the money on to the budget (returnToWallet).
 */
export async function expireVoucher(db: Db, ctx: RequestContext, voucherId: string, now = new Date()) {
  return db.transaction(async (tx) => {
    const v = await repo.lockVoucher(tx, voucherId);
    if (v?.status !== 'active' || v.expiresAt > now) return { expired: false, returnedFen: 0 };
    for (const r of await repo.liveReservations(tx, v.id)) {
      if (await repo.hasOpenClaim(tx, r.id)) continue;
      const resolved = await repo.resolveReservation(tx, r.id, 'expired', null);
      if (resolved) await returnToWallet(tx, ctx, resolved, resolved.amountFen, 'release');
    }
    const wallet = await repo.accountByKey(tx, v.programmeId, `wallet:${v.id}`);
    const budget = await repo.accountByKey(tx, v.programmeId, 'budget');
    if (wallet.balanceFen > 0) {
      await repo.post(tx, {
        programmeId: v.programmeId,
        debitAccountId: budget.id,
        creditAccountId: wallet.id,
        amountFen: wallet.balanceFen,
        kind: 'expire',
        voucherId: v.id,
        createdBy: ctx.actor.userId,
      });
    }
    await repo.expireVoucherRow(tx, v.id);
    await recordAudit(tx, ctx, {
      action: 'voucher.expire',
      targetType: 'voucher',
      targetId: v.id,
      result: 'success',
      changes: { programmeId: v.programmeId, returnedFen: wallet.balanceFen },
    });
    return { expired: true, returnedFen: wallet.balanceFen };
  });
}

/** The job's work: every voucher past validity, in batches, each in its own transaction. */
export async function expireDueVouchers(db: Db, ctx: RequestContext, now = new Date(), batchSize = 200) {
  let expired = 0;
  let returnedFen = 0;
  for (;;) {
    const ids = await repo.dueVoucherIds(db, now, batchSize);
    for (const id of ids) {
      const r = await expireVoucher(db, ctx, id, now);
      if (r.expired) expired++;
      returnedFen += r.returnedFen;
    }
    if (ids.length < batchSize) return { expired, returnedFen };
  }
}
