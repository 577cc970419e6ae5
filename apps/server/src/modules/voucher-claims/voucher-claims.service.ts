import type { ClaimCreate, ClaimReject } from '@innotown/contracts/voucher-claims';
import { recordAudit } from '../../platform/audit.ts';
import type { RequestContext } from '../../platform/context.ts';
import type { Db } from '../../platform/db.ts';
import { AppError, notFound, pgConstraint, pgErrorCode } from '../../platform/errors.ts';
import { requireAccess, scopeOf } from '../../platform/policy.ts';
import { notify, notifyCityAdmins, notifyEnterpriseUsers, notifyTownAdmins } from '../notifications/notifications.service.ts';
import * as orders from '../service-orders/service-orders.repository.ts';
import * as vrepo from '../vouchers/vouchers.repository.ts';
import { releaseReservation, reserve, settle } from '../vouchers/vouchers.service.ts';
import { orderClaimable, usageLimitFen, usageValue } from './claim-rules.ts';
import { ClaimErrors } from './voucher-claims.errors.ts';
import * as repo from './voucher-claims.repository.ts';

/**
 * Vouchers on orders and post-subsidy claims (后补助). Money moves only through the ledger functions of
 * vouchers.service (reserve, release, settle), inside the same transaction as the order or claim
 * transition that causes it. Lock order, everywhere: the order row, then the claim row, then the voucher.
 */
const APPLY = { resource: 'serviceOrder', action: 'applyVoucher' } as const;
const CREATE = { resource: 'voucherClaim', action: 'create' } as const;
const READ = { resource: 'voucherClaim', action: 'read' } as const;
const VERIFY = { resource: 'voucherClaim', action: 'verify' } as const;
const REJECT = { resource: 'voucherClaim', action: 'reject' } as const;
const SETTLE = { resource: 'voucherClaim', action: 'settle' } as const;

const orderScope = (o: orders.OrderView) => ({ institutionId: o.institutionId, enterpriseId: o.enterpriseId, townId: o.townId });
const claimScope = (c: repo.ClaimView) => ({ institutionId: c.institutionId, enterpriseId: c.enterpriseId, townId: c.townId });
const link = (id: string) => `/vouchers/claims/${id}`;
const unique = (ids: readonly string[]) => [...new Set(ids)];

// ---------------------------------------------------------------------------------------------
// A voucher applied to an order

/**
 * The enterprise applies one of its vouchers to its own order, after the quote and before work starts:
 * ratio × the quoted price (at most what is left) is reserved for the service's category and provider.
 */
export async function applyVoucher(db: Db, ctx: RequestContext, orderId: string, voucherId: string, now = new Date()) {
  return db.transaction(async (tx) => {
    const o = requireAccess(ctx.actor, APPLY, await orders.findOrder(tx, orderId, true), orderScope);
    if (o.status !== 'quoted' && o.status !== 'accepted') {
      throw new AppError(ClaimErrors.VOUCHER_ORDER_NOT_BEFORE_WORK, { details: { status: o.status } });
    }
    if (!o.quotedPriceFen) throw new AppError(ClaimErrors.VOUCHER_ORDER_NO_PRICE);
    const reservation = await reserve(
      tx,
      ctx,
      voucherId,
      { orderRef: o.id, orderPriceFen: o.quotedPriceFen, category: o.serviceCategory, providerId: o.institutionId },
      now,
    );
    await orders.insertEvent(tx, {
      orderId: o.id,
      actorUserId: ctx.actor.userId,
      actorRole: ctx.actor.role,
      at: new Date(),
      fromStatus: o.status,
      toStatus: o.status,
      note: `使用创新券，预留补贴 ¥${(reservation.amountFen / 100).toLocaleString('en-US', { minimumFractionDigits: 2 })}`,
    });
    return { ...((await orders.findOrder(tx, o.id)) as orders.OrderView), events: await orders.listEvents(tx, o.id) };
  });
}

// ---------------------------------------------------------------------------------------------
// Claims

export async function findClaim(db: Db, ctx: RequestContext, id: string) {
  return requireAccess(ctx.actor, READ, await repo.findClaim(db, id), claimScope);
}

/** What the claim form needs: whether the service uses instruments, and the bookings whose usage may back a claim. */
export async function claimOptions(db: Db, ctx: RequestContext, orderId: string) {
  const o = requireAccess(ctx.actor, CREATE, await orders.findOrder(db, orderId), orderScope);
  const live = await vrepo.liveReservationOfOrder(db, o.id);
  const voucher = live ? await vrepo.findVoucher(db, live.voucherId) : undefined;
  const instruments = await repo.serviceInstruments(db, o.serviceId);
  const recorded = await repo.recordedBookings(
    db,
    o.enterpriseId,
    instruments.map((i) => i.id),
  );
  const taken = await repo.bookingsInLiveClaims(
    db,
    recorded.map((b) => b.id),
  );
  return {
    orderId: o.id,
    reservedFen: live?.status === 'reserved' ? live.amountFen : null,
    instrumentRequired: instruments.length > 0,
    bookings: recorded
      .filter((b) => !taken.has(b.id))
      .map((b) => {
        const instrument = instruments.find((i) => i.id === b.resourceId) as (typeof instruments)[number];
        const v = usageValue(instrument, b);
        return {
          bookingId: b.id,
          resourceName: instrument.name,
          minutes: b.minutes,
          samples: b.samples ?? b.bookedSamples,
          recordedAt: b.recordedAt.toISOString(),
          valueFen: v.valueFen,
          limitFen: voucher ? usageLimitFen(v.valueFen, voucher.ratioBp) : 0,
        };
      }),
  };
}

export async function createClaim(db: Db, ctx: RequestContext, input: ClaimCreate) {
  const userId = ctx.actor.userId;
  if (!userId) throw notFound();
  try {
    return await db.transaction(async (tx) => {
      const o = requireAccess(ctx.actor, CREATE, await orders.findOrder(tx, input.orderId, true), orderScope);
      const r = await vrepo.liveReservationOfOrder(tx, o.id);
      if (!r) throw new AppError(ClaimErrors.VOUCHER_CLAIM_NO_SUBSIDY);
      const p = (await vrepo.findProgramme(tx, r.programmeId)) as vrepo.ProgrammeRow;
      if (p.claimant !== ctx.actor.role)
        throw new AppError(ClaimErrors.VOUCHER_CLAIM_WRONG_CLAIMANT, { details: { claimant: p.claimant } });
      if (!orderClaimable(o)) throw new AppError(ClaimErrors.VOUCHER_CLAIM_ORDER_NOT_COMPLETED, { details: { status: o.status } });
      if (r.status !== 'reserved' || (await vrepo.hasOpenClaim(tx, r.id))) throw new AppError(ClaimErrors.VOUCHER_CLAIM_EXISTS);
      if (input.claimedFen > r.amountFen) {
        throw new AppError(ClaimErrors.VOUCHER_CLAIM_ABOVE_RESERVED, { details: { reservedFen: r.amountFen } });
      }
      const evidence = unique(input.evidenceFileIds);
      if (evidence.length === 0) throw new AppError(ClaimErrors.VOUCHER_CLAIM_EVIDENCE_MISSING);
      const all = unique([input.invoiceFileId, ...evidence]);
      if ((await repo.countOwnAttachments(tx, userId, all)) !== all.length) throw new AppError(ClaimErrors.VOUCHER_CLAIM_FILES_INVALID);

      // Post-subsidy against verified use: a service run on a shared instrument is claimed against the
      // enterprise's booking of it, at most the voucher's ratio of what the recorded use is worth.
      const instruments = await repo.serviceInstruments(tx, o.serviceId);
      let usage: Partial<repo.ClaimInsert> = {};
      if (instruments.length > 0) {
        if (!input.bookingId) throw new AppError(ClaimErrors.VOUCHER_CLAIM_USAGE_MISSING);
        const recorded = await repo.recordedBookings(
          tx,
          o.enterpriseId,
          instruments.map((i) => i.id),
        );
        const b = recorded.find((x) => x.id === input.bookingId);
        if (!b) throw new AppError(ClaimErrors.VOUCHER_CLAIM_USAGE_MISSING);
        if ((await repo.bookingsInLiveClaims(tx, [b.id])).size > 0) throw new AppError(ClaimErrors.VOUCHER_CLAIM_EXISTS);
        const instrument = instruments.find((i) => i.id === b.resourceId) as (typeof instruments)[number];
        const voucher = (await vrepo.findVoucher(tx, r.voucherId)) as vrepo.VoucherView;
        const v = usageValue(instrument, b);
        const limit = usageLimitFen(v.valueFen, voucher.ratioBp);
        if (input.claimedFen > limit) {
          throw new AppError(ClaimErrors.VOUCHER_CLAIM_ABOVE_USAGE, { details: { limitFen: limit, valueFen: v.valueFen } });
        }
        usage = {
          bookingId: b.id,
          usageMinutes: b.minutes,
          usageSamples: b.samples ?? b.bookedSamples,
          usageFeeUnit: v.feeUnit,
          usageFeeFen: v.feeFen,
          usageValueFen: v.valueFen,
          usageLimitFen: limit,
        };
      }
      const id = await repo.insertClaim(tx, {
        reservationId: r.id,
        orderId: o.id,
        programmeId: r.programmeId,
        voucherId: r.voucherId,
        enterpriseId: o.enterpriseId,
        townId: o.townId,
        institutionId: o.institutionId,
        claimantRole: p.claimant,
        claimedFen: input.claimedFen,
        invoiceFileId: input.invoiceFileId,
        evidenceFileIds: evidence,
        note: input.note ?? null,
        createdBy: userId,
        ...usage,
      });
      const c = (await repo.findClaim(tx, id)) as repo.ClaimView;
      await audit(tx, ctx, 'voucher_claim.create', c, 201, {
        status: { from: null, to: 'submitted' },
        claimedFen: input.claimedFen,
        reservedFen: r.amountFen,
        bookingId: usage.bookingId ?? null,
        usageLimitFen: usage.usageLimitFen ?? null,
      });
      await notifyTownAdmins(tx, c.townId, {
        kind: 'voucher_claim.submitted',
        title: `创新券后补助申领待核实：${c.enterpriseName}「${c.serviceTitle}」`,
        titleEn: `Voucher claim to verify: ${c.enterpriseName}, "${c.serviceTitle}"`,
        link: link(id),
      });
      return c;
    });
  } catch (err) {
    const constraint = pgConstraint(err);
    if (pgErrorCode(err) === '23505' && (constraint === 'voucher_claims_reservation_uq' || constraint === 'voucher_claims_booking_uq')) {
      throw new AppError(ClaimErrors.VOUCHER_CLAIM_EXISTS);
    }
    throw err;
  }
}

/** Town verification: submitted → verified; the city is told to settle. */
export async function verifyClaim(db: Db, ctx: RequestContext, id: string, comment: string | null) {
  return db.transaction(async (tx) => {
    const before = requireAccess(ctx.actor, VERIFY, await repo.findClaim(tx, id, true), claimScope);
    const moved = await repo.transitionClaim(tx, id, ['submitted'], {
      status: 'verified',
      verifiedBy: ctx.actor.userId,
      verifiedAt: new Date(),
      ...(comment ? { comment } : {}),
    });
    if (!moved) throw new AppError(ClaimErrors.VOUCHER_CLAIM_STATE_CHANGED, { details: { status: before.status } });
    const after = (await repo.findClaim(tx, id)) as repo.ClaimView;
    await audit(tx, ctx, 'voucher_claim.verify', after, 200, { status: { from: before.status, to: 'verified' } });
    await notifyCityAdmins(tx, {
      kind: 'voucher_claim.verified',
      title: `创新券后补助待结算：${after.enterpriseName}「${after.serviceTitle}」`,
      titleEn: `Voucher claim to settle: ${after.enterpriseName}, "${after.serviceTitle}"`,
      link: link(id),
    });
    await tellClaimant(tx, after, 'voucher_claim.verified', '后补助申领已通过镇街核实', 'Your voucher claim was verified by the town');
    return after;
  });
}

/**
 * Rejection with a structured reason (town admin: a submitted claim; the city: submitted or verified).
 * The reservation is released back to the voucher in the same transaction.
 */
export async function rejectClaim(db: Db, ctx: RequestContext, id: string, d: ClaimReject) {
  return db.transaction(async (tx) => {
    const before = requireAccess(ctx.actor, REJECT, await repo.findClaim(tx, id, true), claimScope);
    const from = scopeOf(ctx.actor, REJECT) === 'all' ? ['submitted', 'verified'] : ['submitted'];
    const moved = await repo.transitionClaim(tx, id, from, {
      status: 'rejected',
      reason: d.reason,
      comment: d.comment ?? null,
      rejectedBy: ctx.actor.userId,
      rejectedAt: new Date(),
    });
    if (!moved) throw new AppError(ClaimErrors.VOUCHER_CLAIM_STATE_CHANGED, { details: { status: before.status } });
    const released = await releaseReservation(tx, ctx, before.reservationId, `claim_rejected:${d.reason}`);
    const after = (await repo.findClaim(tx, id)) as repo.ClaimView;
    await audit(tx, ctx, 'voucher_claim.reject', after, 200, {
      status: { from: before.status, to: 'rejected' },
      reason: d.reason,
      releasedFen: released?.amountFen ?? 0,
    });
    await tellClaimant(tx, after, 'voucher_claim.rejected', '后补助申领被驳回', 'Your voucher claim was rejected', d.comment);
    if (after.claimantRole !== 'enterprise') {
      await notifyEnterpriseUsers(tx, after.enterpriseId, {
        kind: 'voucher_claim.rejected',
        title: `创新券后补助申领被驳回，预留额度已退回：「${after.serviceTitle}」`,
        titleEn: `A voucher claim was rejected; the reserved amount is back on your voucher: "${after.serviceTitle}"`,
        link: link(id),
      });
    }
    return after;
  });
}

/** City settlement of a verified claim: the claimed amount is paid, the rest of the reservation returns to the voucher. */
export async function settleClaim(db: Db, ctx: RequestContext, id: string) {
  return db.transaction(async (tx) => {
    const before = requireAccess(ctx.actor, SETTLE, await repo.findClaim(tx, id, true), claimScope);
    const moved = await repo.transitionClaim(tx, id, ['verified'], {
      status: 'settled',
      settledBy: ctx.actor.userId,
      settledAt: new Date(),
    });
    if (!moved) throw new AppError(ClaimErrors.VOUCHER_CLAIM_STATE_CHANGED, { details: { status: before.status } });
    await settle(tx, ctx, before.reservationId, before.claimedFen);
    const after = (await repo.findClaim(tx, id)) as repo.ClaimView;
    await audit(tx, ctx, 'voucher_claim.settle', after, 200, {
      status: { from: before.status, to: 'settled' },
      settledFen: before.claimedFen,
      returnedFen: before.reservedFen - before.claimedFen,
    });
    await tellClaimant(tx, after, 'voucher_claim.settled', '后补助已结算', 'Your voucher claim was settled');
    return after;
  });
}

async function tellClaimant(tx: Db, c: repo.ClaimView, kind: string, zh: string, en: string, body?: string | null) {
  const message = {
    kind,
    title: `${zh}：「${c.serviceTitle}」`,
    titleEn: `${en}: "${c.serviceTitle}"`,
    body: body ?? null,
    link: link(c.id),
  };
  if (c.claimantRole === 'enterprise') await notifyEnterpriseUsers(tx, c.enterpriseId, message);
  else await notify(tx, { ...message, userIds: await repo.providerUserIds(tx, c.institutionId) });
}

async function audit(tx: Db, ctx: RequestContext, action: string, c: repo.ClaimView, statusCode: number, changes: object) {
  await recordAudit(tx, ctx, {
    action,
    targetType: 'voucherClaim',
    targetId: c.id,
    result: 'success',
    statusCode,
    changes: { ...changes, orderId: c.orderId, reservationId: c.reservationId, programmeId: c.programmeId },
  });
}
