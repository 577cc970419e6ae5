import type { BookingRequest, UsageRecord } from '@innotown/contracts/bookings';
import { sql } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit.ts';
import type { RequestContext } from '../../platform/context.ts';
import type { Db } from '../../platform/db.ts';
import { AppError, notFound, pgErrorCode } from '../../platform/errors.ts';
import { type Actor, recordInScope, requireAccess, scopeOf } from '../../platform/policy.ts';
import { notify } from '../notifications/notifications.service.ts';
import { visibleTo } from '../resources/resources.service.ts';
import {
  type BookingSettings,
  cancellation,
  DEFAULT_BOOKING_SETTINGS,
  type FeeUnit,
  modeOffered,
  modeProblem,
  noShowAllowed,
  quote,
  type SlotProblem,
  slotEnded,
  slotProblem,
} from './booking-rules.ts';
import { BookingErrors } from './bookings.errors.ts';
import * as repo from './bookings.repository.ts';

const READ = { resource: 'booking', action: 'read' } as const;
const DECIDE = { resource: 'booking', action: 'decide' } as const;
const CANCEL = { resource: 'booking', action: 'cancel' } as const;
const TRAIN = { resource: 'instrumentTraining', action: 'create' } as const;
const TRAIN_LIST = { resource: 'instrumentTraining', action: 'list' } as const;
const TRAIN_DELETE = { resource: 'instrumentTraining', action: 'delete' } as const;
const RECORD_USAGE = { resource: 'booking', action: 'recordUsage' } as const;
const CONFIRM_USAGE = { resource: 'booking', action: 'confirmUsage' } as const;
const NO_SHOW = { resource: 'booking', action: 'markNoShow' } as const;
const scoped = (b: repo.BookingView) => ({ enterpriseId: b.enterpriseId, institutionId: b.institutionId, townId: b.townId });

const SLOT_ERRORS: Record<SlotProblem, string> = {
  ends_before_start: BookingErrors.BOOKING_ENDS_BEFORE_START,
  in_past: BookingErrors.BOOKING_IN_PAST,
  too_short: BookingErrors.BOOKING_TOO_SHORT,
  too_long: BookingErrors.BOOKING_TOO_LONG,
  outside_opening_hours: BookingErrors.BOOKING_OUTSIDE_OPENING_HOURS,
};

/**
 * A resource the caller may book in this mode: published and visible to them by the catalogue's rule
 * (else "not found"); an instrument (slot or sample test) or an expert (consultation slot).
 */
async function bookableResource(db: Db, actor: Actor, id: string, mode: BookingRequest['mode']) {
  const r = await repo.findInstrument(db, id);
  if (r?.reviewStatus !== 'published' || !visibleTo(actor, r)) throw notFound();
  const offered = modeOffered(r.kind, mode);
  if (offered === 'not_bookable') throw new AppError(BookingErrors.BOOKING_NOT_INSTRUMENT);
  if (offered === 'mode_not_offered') throw new AppError(BookingErrors.BOOKING_MODE_NOT_OFFERED);
  return r;
}

/** Checks every rule a request must pass and prices it; the same path serves the quote and the submission. */
async function checkRequest(db: Db, ctx: RequestContext, input: Omit<BookingRequest, 'purpose'>, settings: BookingSettings, now: Date) {
  const instrument = await bookableResource(db, ctx.actor, input.resourceId, input.mode);
  const start = input.start ? new Date(input.start) : null;
  const end = input.end ? new Date(input.end) : null;
  if (start && end) {
    const problem = slotProblem({ start, end }, instrument.openingHours, now, settings);
    if (problem) throw new AppError(SLOT_ERRORS[problem]);
  }
  const trained = input.mode === 'self_service' && (await repo.isTrained(db, instrument.id, ctx.actor.userId ?? ''));
  const mode = modeProblem(input.mode, instrument, trained);
  if (mode === 'operator_required') throw new AppError(BookingErrors.BOOKING_OPERATOR_REQUIRED);
  if (mode === 'training_required') throw new AppError(BookingErrors.BOOKING_TRAINING_REQUIRED);
  if (start && end && (await repo.confirmedOverlapExists(db, instrument.id, start, end))) {
    throw new AppError(BookingErrors.BOOKING_SLOT_TAKEN);
  }
  const price = quote(
    { unit: instrument.feeUnit as FeeUnit | null, minFen: instrument.feeMinFen, maxFen: instrument.feeMaxFen },
    { mode: input.mode, start, end, sampleCount: input.sampleCount ?? null },
  );
  return { instrument, start, end, price };
}

export async function quoteBooking(
  db: Db,
  ctx: RequestContext,
  input: Omit<BookingRequest, 'purpose'>,
  settings = DEFAULT_BOOKING_SETTINGS,
  now = new Date(),
) {
  return { quote: (await checkRequest(db, ctx, input, settings, now)).price };
}

export async function createBooking(
  db: Db,
  ctx: RequestContext,
  input: BookingRequest,
  settings = DEFAULT_BOOKING_SETTINGS,
  now = new Date(),
) {
  const { actor } = ctx;
  if (!actor.enterpriseId || !actor.userId) throw notFound();
  return db.transaction(async (tx) => {
    const { instrument, start, end, price } = await checkRequest(tx, ctx, input, settings, now);
    const id = await repo.insertBooking(tx, {
      resourceId: instrument.id,
      enterpriseId: actor.enterpriseId as string,
      userId: actor.userId as string,
      institutionId: instrument.institutionId,
      townId: instrument.townId,
      mode: input.mode,
      start,
      end,
      sampleCount: input.sampleCount ?? null,
      purpose: input.purpose,
      sampleDetails: input.sampleDetails ?? null,
      quotedFeeFen: price?.feeFen ?? null,
      quotedFeeMaxFen: price?.feeMaxFen ?? null,
    });
    const booking = (await repo.findBooking(tx, id)) as repo.BookingView;
    await audited(tx, ctx, 'booking.create', booking, 201, { mode: input.mode, quotedFeeFen: price?.feeFen ?? null });
    await notifyOwner(
      tx,
      booking,
      'booking.requested',
      `新的预约申请：${booking.resourceName}`,
      `New booking request: ${booking.resourceName}`,
    );
    return booking;
  });
}

export async function findBooking(db: Db, ctx: RequestContext, id: string) {
  return requireAccess(ctx.actor, READ, await repo.findBooking(db, id), scoped);
}

/**
 * Approval: the conditional UPDATE moves only a booking still 'requested'; the exclusion
 * constraint refuses a slot overlapping a confirmed one (23P01 → BOOKING_SLOT_TAKEN). When
 * concurrent approvals wait on each other PostgreSQL may abort one as a deadlock: it is retried,
 * and then meets the winner's committed row like everyone else.
 */
export async function approveBooking(db: Db, ctx: RequestContext, id: string, reason: string | null | undefined) {
  for (let attempt = 0; ; attempt++) {
    try {
      return await decide(db, ctx, id, 'confirmed', reason ?? null);
    } catch (err) {
      if (pgErrorCode(err) === '40P01' && attempt < 5) continue;
      throw err;
    }
  }
}

export async function rejectBooking(db: Db, ctx: RequestContext, id: string, reason: string) {
  return decide(db, ctx, id, 'rejected', reason);
}

async function decide(db: Db, ctx: RequestContext, id: string, status: 'confirmed' | 'rejected', reason: string | null) {
  return db.transaction(async (tx) => {
    const before = requireAccess(ctx.actor, DECIDE, await repo.findBooking(tx, id), scoped);
    let moved: boolean;
    try {
      moved = await repo.transition(tx, id, ['requested'], {
        status,
        decisionReason: reason,
        decidedBy: ctx.actor.userId,
        decidedAt: sql`now()`,
      });
    } catch (err) {
      if (pgErrorCode(err) === '23P01') throw new AppError(BookingErrors.BOOKING_SLOT_TAKEN);
      throw err;
    }
    if (!moved) throw new AppError(BookingErrors.BOOKING_STATE_CHANGED);
    const after = (await repo.findBooking(tx, id)) as repo.BookingView;
    await audited(tx, ctx, status === 'confirmed' ? 'booking.approve' : 'booking.reject', after, 200, {
      status: { from: before.status, to: status },
      reason,
    });
    const [zh, en] = status === 'confirmed' ? ['已确认', 'confirmed'] : ['未通过', 'rejected'];
    await notifyBothSides(
      tx,
      after,
      `booking.${status}`,
      `仪器预约${zh}：${after.resourceName}`,
      `Booking ${en}: ${after.resourceName}`,
      reason,
    );
    return after;
  });
}

export async function cancelBooking(
  db: Db,
  ctx: RequestContext,
  id: string,
  reason: string | null | undefined,
  settings = DEFAULT_BOOKING_SETTINGS,
  now = new Date(),
) {
  return db.transaction(async (tx) => {
    const before = requireAccess(ctx.actor, CANCEL, await repo.findBooking(tx, id), scoped);
    const verdict = cancellation(before, now, settings);
    if (verdict === 'not_cancellable') throw new AppError(BookingErrors.BOOKING_NOT_CANCELLABLE);
    if (verdict === 'already_started') throw new AppError(BookingErrors.BOOKING_ALREADY_STARTED);
    const moved = await repo.transition(tx, id, [before.status], {
      status: 'cancelled',
      cancelledLate: verdict.late,
      decisionReason: reason ?? null,
      cancelledAt: sql`now()`,
    });
    if (!moved) throw new AppError(BookingErrors.BOOKING_STATE_CHANGED);
    const after = (await repo.findBooking(tx, id)) as repo.BookingView;
    await audited(tx, ctx, 'booking.cancel', after, 200, { status: { from: before.status, to: 'cancelled' }, late: verdict.late });
    const late = verdict.late ? '（逾期取消）' : '';
    await notifyBothSides(
      tx,
      after,
      'booking.cancelled',
      `仪器预约已取消${late}：${after.resourceName}`,
      `Booking cancelled${verdict.late ? ' (late)' : ''}: ${after.resourceName}`,
      reason ?? null,
    );
    return after;
  });
}

/** An instrument of the caller's institution (training is the owner's record); else "not found". */
async function ownInstrument(
  db: Db,
  ctx: RequestContext,
  resourceId: string,
  permission: typeof TRAIN | typeof TRAIN_LIST | typeof TRAIN_DELETE,
) {
  const instrument = requireAccess(ctx.actor, permission, await repo.findInstrument(db, resourceId), (r) => ({
    institutionId: r.institutionId,
    townId: r.townId,
  }));
  if (instrument.kind !== 'instrument') throw new AppError(BookingErrors.TRAINING_NOT_INSTRUMENT);
  return instrument;
}

/** Owners record that an enterprise user (by id or username) has been trained on their instrument (the condition for self-service). */
export async function recordTraining(db: Db, ctx: RequestContext, resourceId: string, who: { userId?: string; username?: string }) {
  return db.transaction(async (tx) => {
    const instrument = await ownInstrument(tx, ctx, resourceId, TRAIN);
    const trainee = who.userId ? await repo.activeUser(tx, who.userId) : await repo.activeUserByUsername(tx, who.username ?? '');
    if (trainee?.role !== 'enterprise') throw new AppError(BookingErrors.TRAINEE_INVALID);
    const userId = trainee.id;
    const row = await repo.upsertTraining(tx, { resourceId, userId, trainedBy: ctx.actor.userId as string });
    await recordAudit(tx, ctx, {
      action: 'instrument.training.record',
      targetType: 'resource',
      targetId: resourceId,
      result: 'success',
      statusCode: 201,
      changes: { userId },
    });
    await notify(tx, {
      userId,
      kind: 'booking.training_recorded',
      title: `您已完成仪器培训，可自主上机：${instrument.name}`,
      titleEn: `Training recorded; you may now book self-service use of ${instrument.name}`,
      link: `/resources/${resourceId}`,
    });
    return row;
  });
}

/** The users trained on an instrument, for its owner (and the town and city that oversee it). */
export async function listTrainings(db: Db, ctx: RequestContext, resourceId: string) {
  await ownInstrument(db, ctx, resourceId, TRAIN_LIST);
  return repo.trainees(db, resourceId);
}

/** Withdraws a training record (the user books operator-assisted slots again); the owner only. */
export async function removeTraining(db: Db, ctx: RequestContext, resourceId: string, userId: string) {
  return db.transaction(async (tx) => {
    await ownInstrument(tx, ctx, resourceId, TRAIN_DELETE);
    if (!(await repo.deleteTraining(tx, resourceId, userId))) throw new AppError(BookingErrors.TRAINING_NOT_FOUND);
    await recordAudit(tx, ctx, {
      action: 'instrument.training.remove',
      targetType: 'resource',
      targetId: resourceId,
      result: 'success',
      statusCode: 204,
      changes: { userId },
    });
  });
}

/** Whether the caller is trained on a visible instrument (the booking form says why self-service is unavailable). */
export async function myTraining(db: Db, ctx: RequestContext, resourceId: string) {
  const instrument = await repo.findInstrument(db, resourceId);
  if (!instrument || !visibleTo(ctx.actor, instrument) || instrument.kind !== 'instrument') throw notFound();
  const at = await repo.trainedAt(db, resourceId, ctx.actor.userId ?? '');
  return { trained: at !== null, trainedAt: at?.toISOString() ?? null };
}

/**
 * One instrument's confirmed slots in a period. Everyone signed in sees when it is busy; which
 * booking a slot belongs to shows only to those who may read that booking.
 */
export async function calendar(db: Db, ctx: RequestContext, resourceId: string, from: Date, to: Date) {
  const instrument = await repo.findInstrument(db, resourceId);
  // The catalogue's visibility rule, not a second one: an internal or unpublished instrument's calendar is its managers'.
  if (!instrument || !visibleTo(ctx.actor, instrument) || instrument.kind !== 'instrument') throw notFound();
  const slots = await repo.confirmedSlots(db, resourceId, from, to);
  return slots.map((s) => ({
    start: s.start as Date,
    end: s.end as Date,
    bookingId: canSee(ctx, { ...instrument, enterpriseId: s.enterpriseId }) ? s.id : null,
    mine: ctx.actor.enterpriseId !== null && s.enterpriseId === ctx.actor.enterpriseId,
  }));
}

function canSee(ctx: RequestContext, r: { institutionId: string; townId: string; enterpriseId?: string }) {
  const scope = scopeOf(ctx.actor, READ);
  return scope !== null && recordInScope(ctx.actor, scope, r);
}

async function audited(
  tx: Db,
  ctx: RequestContext,
  action: string,
  b: repo.BookingView,
  statusCode: number,
  changes: Record<string, unknown>,
) {
  await recordAudit(tx, ctx, { action, targetType: 'booking', targetId: b.id, result: 'success', statusCode, changes });
}

async function notifyOwner(tx: Db, b: repo.BookingView, kind: string, title: string, titleEn: string, body: string | null = null) {
  await notify(tx, {
    userIds: await repo.providerUserIds(tx, b.institutionId),
    kind,
    title,
    titleEn,
    body,
    link: `/bookings/${b.id}`,
  });
}

/** Both sides hear of every step: the booker and the owner institution's providers. */
async function notifyBothSides(tx: Db, b: repo.BookingView, kind: string, title: string, titleEn: string, reason: string | null) {
  const userIds = [b.userId, ...(await repo.providerUserIds(tx, b.institutionId))];
  await notify(tx, { userIds, kind, title, titleEn, body: reason, link: `/bookings/${b.id}` });
}

// ---------------------------------------------------------------------------------------------
// After the slot: usage (owner records → enterprise confirms or disputes) and no-shows.

/**
 * The owner records actual use once the slot has ended: confirmed → usage_recorded, or, after a
 * dispute, disputed → usage_recorded with the corrected figures. Time given in decimal hours is
 * stored as whole minutes (rounded to the nearest minute).
 */
export async function recordUsage(db: Db, ctx: RequestContext, id: string, input: UsageRecord, now = new Date()) {
  return db.transaction(async (tx) => {
    const before = requireAccess(ctx.actor, RECORD_USAGE, await repo.findBooking(tx, id), scoped);
    if (before.status !== 'confirmed' && before.status !== 'disputed') throw new AppError(BookingErrors.BOOKING_STATE_CHANGED);
    if (!slotEnded(before, now)) throw new AppError(BookingErrors.BOOKING_SLOT_NOT_ENDED);
    const moved = await repo.transition(tx, id, [before.status], { status: 'usage_recorded' });
    if (!moved) throw new AppError(BookingErrors.BOOKING_STATE_CHANGED);
    const minutes = input.minutes ?? Math.round((input.hours ?? 0) * 60);
    const extraCharges = input.extraCharges.map((c) => ({ kind: c.kind, amountFen: c.amountFen, note: c.note ?? null }));
    await repo.upsertUsage(tx, {
      bookingId: id,
      minutes,
      sampleCount: input.sampleCount ?? null,
      feeFen: input.feeFen,
      extraCharges,
      recordedBy: ctx.actor.userId as string,
    });
    const after = (await repo.findBooking(tx, id)) as repo.BookingView;
    await audited(tx, ctx, 'booking.usage.record', after, 200, {
      status: { from: before.status, to: 'usage_recorded' },
      minutes,
      sampleCount: input.sampleCount ?? null,
      feeFen: input.feeFen,
      extraFen: after.usage?.extraFen ?? 0,
    });
    await notifyBooker(
      tx,
      after,
      'booking.usage_recorded',
      `请确认仪器使用记录：${after.resourceName}`,
      `Please confirm the recorded usage: ${after.resourceName}`,
      null,
    );
    return after;
  });
}

/** The enterprise accepts the record (usage_recorded → completed) or disputes it with a reason (→ disputed). */
export async function answerUsage(db: Db, ctx: RequestContext, id: string, answer: { dispute: string } | 'confirm') {
  return db.transaction(async (tx) => {
    const before = requireAccess(ctx.actor, CONFIRM_USAGE, await repo.findBooking(tx, id), scoped);
    const to = answer === 'confirm' ? 'completed' : 'disputed';
    const moved = await repo.transition(tx, id, ['usage_recorded'], { status: to });
    if (!moved) throw new AppError(BookingErrors.BOOKING_STATE_CHANGED);
    if (answer === 'confirm') await repo.updateUsage(tx, id, { confirmedBy: ctx.actor.userId, confirmedAt: sql`now()` });
    else await repo.updateUsage(tx, id, { disputeReason: answer.dispute, disputedAt: sql`now()` });
    const after = (await repo.findBooking(tx, id)) as repo.BookingView;
    const reason = answer === 'confirm' ? null : answer.dispute;
    await audited(tx, ctx, answer === 'confirm' ? 'booking.usage.confirm' : 'booking.usage.dispute', after, 200, {
      status: { from: before.status, to },
      ...(reason ? { reason } : {}),
    });
    const [zh, en] = answer === 'confirm' ? ['企业已确认使用记录', 'Usage confirmed'] : ['企业对使用记录有异议', 'Usage disputed'];
    await notifyOwner(tx, after, `booking.usage_${to}`, `${zh}：${after.resourceName}`, `${en}: ${after.resourceName}`, reason);
    return after;
  });
}

/** The owner records a no-show once the grace period after the start has passed (confirmed → no_show). */
export async function markNoShow(
  db: Db,
  ctx: RequestContext,
  id: string,
  reason: string | null | undefined,
  settings = DEFAULT_BOOKING_SETTINGS,
  now = new Date(),
) {
  return db.transaction(async (tx) => {
    const before = requireAccess(ctx.actor, NO_SHOW, await repo.findBooking(tx, id), scoped);
    if (before.status !== 'confirmed') throw new AppError(BookingErrors.BOOKING_STATE_CHANGED);
    if (!noShowAllowed(before, now, settings)) throw new AppError(BookingErrors.BOOKING_NO_SHOW_TOO_EARLY);
    const moved = await repo.transition(tx, id, ['confirmed'], { status: 'no_show', decisionReason: reason ?? null });
    if (!moved) throw new AppError(BookingErrors.BOOKING_STATE_CHANGED);
    const after = (await repo.findBooking(tx, id)) as repo.BookingView;
    await audited(tx, ctx, 'booking.no_show', after, 200, { status: { from: 'confirmed', to: 'no_show' }, reason: reason ?? null });
    await notifyBooker(
      tx,
      after,
      'booking.no_show',
      `预约已登记为爽约：${after.resourceName}`,
      `Booking recorded as a no-show: ${after.resourceName}`,
      reason ?? null,
    );
    return after;
  });
}

/**
 * The recurring sweep: confirmed slots that ended more than `hours` ago without usage become
 * no-shows, each exactly once (one conditional UPDATE), audited and notified in the same transaction.
 */
export async function sweepNoShows(db: Db, ctx: RequestContext, hours: number): Promise<number> {
  return db.transaction(async (tx) => {
    const marked = await repo.markOverdueNoShows(tx, hours);
    for (const { id } of marked) {
      const b = (await repo.findBooking(tx, id)) as repo.BookingView;
      await audited(tx, ctx, 'booking.no_show', b, 200, { status: { from: 'confirmed', to: 'no_show' }, sweep: true, hours });
      await notifyBothSides(
        tx,
        b,
        'booking.no_show',
        `预约已自动登记为爽约（结束后 ${hours} 小时仍无使用记录）：${b.resourceName}`,
        `Booking recorded as a no-show (no usage ${hours} h after the slot): ${b.resourceName}`,
        null,
      );
    }
    return marked.length;
  });
}

/**
 * The .ics feed's events: an instrument's slots (confirmed and used) around today, for the same
 * callers as the calendar; `mine` tells whether the caller may read the booking.
 */
export async function feed(db: Db, ctx: RequestContext, resourceId: string, from: Date, to: Date) {
  const instrument = await repo.findInstrument(db, resourceId);
  // The catalogue's visibility rule, not a second one: an internal or unpublished instrument's calendar is its managers'.
  if (!instrument || !visibleTo(ctx.actor, instrument) || instrument.kind !== 'instrument') throw notFound();
  const slots = await repo.feedSlots(db, resourceId, from, to);
  return {
    instrument,
    events: slots.map((s) => ({
      id: s.id,
      start: s.start as Date,
      end: s.end as Date,
      updatedAt: s.updatedAt,
      readable: canSee(ctx, { ...instrument, enterpriseId: s.enterpriseId }),
    })),
  };
}

async function notifyBooker(tx: Db, b: repo.BookingView, kind: string, title: string, titleEn: string, reason: string | null) {
  await notify(tx, { userIds: [b.userId], kind, title, titleEn, body: reason, link: `/bookings/${b.id}` });
}
