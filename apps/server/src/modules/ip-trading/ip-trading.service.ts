import {
  type dealCompleteSchema,
  LISTING_KIND_LABELS,
  type ListingKind,
  type listingCreateSchema,
  type listingReviewSchema,
  type myListingsQuerySchema,
  type offerCounterSchema,
  type offerCreateSchema,
  type offerDeclineSchema,
  type offerListQuerySchema,
  type showcaseQuerySchema,
} from '@innotown/contracts/ip-trading';
import type { PatentKind } from '@innotown/contracts/patent-codes';
import type { z } from 'zod';
import { recordAudit } from '../../platform/audit.ts';
import type { RequestContext } from '../../platform/context.ts';
import type { Db } from '../../platform/db.ts';
import { AppError, forbidden, notFound } from '../../platform/errors.ts';
import { limitOffset } from '../../platform/pagination.ts';
import { type Actor, type Permission, recordInScope, type ScopedRecord, scopeFilter, scopeOf } from '../../platform/policy.ts';
import { tokensForQuery } from '../../platform/search/tokenizer.ts';
import { shanghaiDate } from '../../platform/working-days.ts';
import { readFile } from '../files/files.service.ts';
import {
  type NotificationMessage,
  notify,
  notifyCityAdmins,
  notifyEnterpriseUsers,
  notifyTownAdmins,
} from '../notifications/notifications.service.ts';
import { expiryDate } from '../patents/patent-portfolio.rules.ts';
import { IpErrors, underRules } from './ip-trading.errors.ts';
import * as repo from './ip-trading.repository.ts';
import { endDeclarations } from './open-licences.repository.ts';

const P = {
  listingRead: { resource: 'ipListing', action: 'read' },
  listingManage: { resource: 'ipListing', action: 'manage' },
  listingList: { resource: 'ipListing', action: 'list' },
  listingWithdraw: { resource: 'ipListing', action: 'withdraw' },
  listingReview: { resource: 'ipListing', action: 'review' },
  offerList: { resource: 'ipOffer', action: 'list' },
  offerRead: { resource: 'ipOffer', action: 'read' },
  offerRespond: { resource: 'ipOffer', action: 'respond' },
  dealList: { resource: 'ipDeal', action: 'list' },
  dealRead: { resource: 'ipDeal', action: 'read' },
  dealComplete: { resource: 'ipDeal', action: 'complete' },
  dealCancel: { resource: 'ipDeal', action: 'cancel' },
} as const satisfies Record<string, Permission>;

/** Kinds whose deal gives one party the patent (or its exclusive use): the listing ends with the deal. */
const EXCLUSIVE_KINDS: readonly string[] = ['transfer', 'exclusive_licence'];
/** What a contract may be: the attachment types a person signs and scans. */
const CONTRACT_TYPES = [
  'application/pdf',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'image/png',
  'image/jpeg',
];
const CONTRACT_MAX_BYTES = 20 * 1024 * 1024;

const kindLabel = (k: string) => LISTING_KIND_LABELS[k as ListingKind] ?? { zh: k, en: k };
const listingLink = (id: string) => `/ip-market/listings/${id}`;
const offerLink = (id: string) => `/ip-market/offers/${id}`;
const dealLink = (id: string) => `/ip-market/deals/${id}`;

/** Whether any of the record's faces (seller side, buyer side) is inside the caller's scope for the permission. */
function inScope(actor: Actor, permission: Permission, records: ScopedRecord[]): boolean {
  const scope = scopeOf(actor, permission);
  return scope !== null && records.some((r) => recordInScope(actor, scope, r));
}
function requireParty<T>(actor: Actor, permission: Permission, row: T | undefined, faces: (row: T) => ScopedRecord[]): T {
  if (!row || !inScope(actor, permission, faces(row))) throw notFound();
  return row;
}
type Parties = {
  sellerEnterpriseId: string;
  townId: string;
  buyerEnterpriseId: string | null;
  buyerInstitutionId: string | null;
};
const partyFaces = (r: Parties): ScopedRecord[] => [
  { enterpriseId: r.sellerEnterpriseId, townId: r.townId },
  { enterpriseId: r.buyerEnterpriseId, institutionId: r.buyerInstitutionId },
];
/** The caller's side in an offer or deal, if a party. */
export function sideOf(actor: Actor, r: Parties): 'seller' | 'buyer' | null {
  if (actor.enterpriseId && r.sellerEnterpriseId === actor.enterpriseId) return 'seller';
  if (actor.enterpriseId && r.buyerEnterpriseId === actor.enterpriseId) return 'buyer';
  if (actor.institutionId && r.buyerInstitutionId === actor.institutionId) return 'buyer';
  return null;
}

async function tellBuyer(tx: Db, r: { buyerEnterpriseId: string | null; buyerInstitutionId: string | null }, m: NotificationMessage) {
  if (r.buyerEnterpriseId) await notifyEnterpriseUsers(tx, r.buyerEnterpriseId, m);
  else if (r.buyerInstitutionId) await notify(tx, { ...m, userIds: await repo.institutionUserIds(tx, r.buyerInstitutionId) });
}

// ---------------------------------------------------------------- patents of the caller

export async function myPatents(db: Db, ctx: RequestContext) {
  if (!ctx.actor.enterpriseId) return [];
  return repo.patentsOwnedBy(db, ctx.actor.enterpriseId);
}

/** The service's own checks before a write the database decides again: the same codes, clearer and earlier. */
async function checkOwnedInForce(db: Db, patentId: string, enterpriseId: string) {
  const patent = await repo.findPatent(db, patentId);
  if (!patent) throw notFound();
  if (!patent.ownerEnterpriseIds.includes(enterpriseId)) throw new AppError(IpErrors.IP_NOT_PATENT_OWNER);
  if (patent.legalStatus !== 'granted') throw new AppError(IpErrors.IP_PATENT_NOT_IN_FORCE);
  return patent;
}

// ---------------------------------------------------------------- listings

export type ListingDetail = repo.ListingView & { canOffer?: boolean; isSeller?: boolean };

const listingFaces = (l: repo.ListingView): ScopedRecord[] => [{ enterpriseId: l.sellerEnterpriseId, townId: l.townId }];

/** Published (and closed, i.e. traded) listings are public; the rest only for those who manage them. */
function visibleListing(actor: Actor, l: repo.ListingView | undefined): repo.ListingView {
  if (!l) throw notFound();
  if (l.status === 'published' || l.status === 'closed') return l;
  return requireParty(actor, P.listingManage, l, listingFaces);
}

function canOffer(actor: Actor, l: repo.ListingView): boolean {
  if (l.status !== 'published') return false;
  if (l.kind === 'pledge') return actor.role === 'financier' && actor.institutionId !== null;
  return actor.role === 'enterprise' && actor.enterpriseId !== null && actor.enterpriseId !== l.sellerEnterpriseId;
}

export async function findListing(db: Db, ctx: RequestContext, id: string): Promise<ListingDetail> {
  const l = visibleListing(ctx.actor, await repo.findListing(db, id));
  return { ...l, canOffer: canOffer(ctx.actor, l), isSeller: ctx.actor.enterpriseId === l.sellerEnterpriseId };
}

export async function showcase(db: Db, _ctx: RequestContext, q: z.infer<typeof showcaseQuerySchema>) {
  const { limit, offset } = limitOffset(q);
  return repo.showcase(
    db,
    {
      tokens: tokensForQuery(q.q),
      kind: q.kind,
      ipc: q.ipc,
      townId: q.townId,
      minPriceFen: q.minPriceFen,
      maxPriceFen: q.maxPriceFen,
    },
    limit,
    offset,
  );
}

export async function listListings(db: Db, ctx: RequestContext, q: z.infer<typeof myListingsQuerySchema>) {
  const filter = scopeFilter(ctx.actor, P.listingList);
  if (!filter) return { items: [], total: 0 };
  const { limit, offset } = limitOffset(q);
  return repo.listListings(db, filter, q, limit, offset);
}

export async function createListing(db: Db, ctx: RequestContext, input: z.infer<typeof listingCreateSchema>, now = new Date()) {
  const enterpriseId = ctx.actor.enterpriseId;
  const userId = ctx.actor.userId;
  if (!enterpriseId || !userId) throw forbidden();
  return underRules(() =>
    db.transaction(async (tx) => {
      const patent = await checkOwnedInForce(tx, input.patentId, enterpriseId);
      const ent = await repo.enterpriseTown(tx, enterpriseId);
      if (!ent) throw forbidden();
      const id = await repo.insertListing(tx, {
        patentId: patent.id,
        sellerEnterpriseId: enterpriseId,
        townId: ent.townId,
        kind: input.kind,
        askingPriceFen: input.askingPriceFen ?? null,
        terms: input.terms ?? '',
        description: input.description ?? '',
        status: 'submitted',
        createdBy: userId,
        createdAt: now,
        updatedAt: now,
      });
      await recordAudit(tx, ctx, {
        action: 'ip_listing.create',
        targetType: 'ip_listing',
        targetId: id,
        result: 'success',
        statusCode: 201,
        changes: {
          patentId: { from: null, to: patent.id },
          kind: { from: null, to: input.kind },
          askingPriceFen: { from: null, to: input.askingPriceFen ?? null },
          status: { from: null, to: 'submitted' },
        },
      });
      const message = {
        kind: 'ip_listing.submitted',
        title: `${ent.name}挂牌专利「${patent.title}」（${kindLabel(input.kind).zh}），待审核`,
        titleEn: `${ent.name} listed the patent "${patent.title}" (${kindLabel(input.kind).en}) for review`,
        link: '/ip-market/review',
      };
      await notifyTownAdmins(tx, ent.townId, message);
      await notifyCityAdmins(tx, message);
      return (await repo.findListing(tx, id)) as repo.ListingView;
    }),
  );
}

/**
 * The review: the town admin of the seller's town or the city publishes or rejects (with a note) a submitted
 * listing. Publishing re-runs the database's listing rules (owner, in force) through the status change.
 */
export async function reviewListing(db: Db, ctx: RequestContext, id: string, input: z.infer<typeof listingReviewSchema>, now = new Date()) {
  return underRules(() =>
    db.transaction(async (tx) => {
      const l = requireParty(ctx.actor, P.listingReview, await repo.findListing(tx, id, true), listingFaces);
      if (l.status !== 'submitted') throw new AppError(IpErrors.IP_LISTING_NOT_SUBMITTED);
      const publish = input.decision === 'publish';
      if (publish && l.patent.legalStatus !== 'granted') throw new AppError(IpErrors.IP_PATENT_NOT_IN_FORCE);
      const to = publish ? 'published' : 'rejected';
      const ok = await repo.setListingStatus(tx, id, ['submitted'], {
        status: to,
        reviewNote: input.note ?? null,
        reviewedBy: ctx.actor.userId,
        reviewedAt: now,
        ...(publish ? { publishedAt: now } : { closedAt: now }),
        updatedAt: now,
      });
      if (!ok) throw new AppError(IpErrors.IP_LISTING_NOT_SUBMITTED);
      await recordAudit(tx, ctx, {
        action: publish ? 'ip_listing.publish' : 'ip_listing.reject',
        targetType: 'ip_listing',
        targetId: id,
        result: 'success',
        statusCode: 200,
        changes: { status: { from: 'submitted', to }, ...(input.note ? { note: { from: null, to: input.note } } : {}) },
      });
      await notifyEnterpriseUsers(tx, l.sellerEnterpriseId, {
        kind: publish ? 'ip_listing.published' : 'ip_listing.rejected',
        title: publish
          ? `您的挂牌「${l.patent.title}」已通过审核，正在展示`
          : `您的挂牌「${l.patent.title}」未通过审核：${input.note ?? ''}`,
        titleEn: publish
          ? `Your listing "${l.patent.title}" is approved and on show`
          : `Your listing "${l.patent.title}" was rejected: ${input.note ?? ''}`,
        link: listingLink(id),
      });
      return (await repo.findListing(tx, id)) as repo.ListingView;
    }),
  );
}

/** The seller withdraws a listing in review or on show; its open offers are declined (listing_closed). */
export async function withdrawListing(db: Db, ctx: RequestContext, id: string, now = new Date()) {
  return db.transaction(async (tx) => {
    const l = requireParty(ctx.actor, P.listingWithdraw, await repo.findListing(tx, id, true), listingFaces);
    if (!(await repo.setListingStatus(tx, id, ['submitted', 'published'], { status: 'withdrawn', closedAt: now, updatedAt: now }))) {
      throw new AppError(IpErrors.IP_LISTING_NOT_LIVE);
    }
    const declined = await repo.declineOpenOffersOf(tx, id, 'listing_closed', now);
    await recordAudit(tx, ctx, {
      action: 'ip_listing.withdraw',
      targetType: 'ip_listing',
      targetId: id,
      result: 'success',
      statusCode: 200,
      changes: { status: { from: l.status, to: 'withdrawn' }, declinedOfferIds: { from: null, to: declined.map((d) => d.id) } },
    });
    for (const d of declined) {
      await tellBuyer(tx, d, {
        kind: 'ip_offer.declined',
        title: `挂牌「${l.patent.title}」已撤回，您的报价已结束`,
        titleEn: `The listing "${l.patent.title}" was withdrawn; your offer has ended`,
        link: offerLink(d.id),
      });
    }
    return (await repo.findListing(tx, id)) as repo.ListingView;
  });
}

// ---------------------------------------------------------------- offers

export type OfferDetail = repo.OfferView & {
  mySide: 'seller' | 'buyer' | null;
  thread?: Awaited<ReturnType<typeof repo.threadOf>>;
};
const offerDetail = async (db: Db, actor: Actor, o: repo.OfferView, withThread = true): Promise<OfferDetail> => ({
  ...o,
  mySide: sideOf(actor, o),
  ...(withThread ? { thread: await repo.threadOf(db, o.id) } : {}),
});

export async function createOffer(
  db: Db,
  ctx: RequestContext,
  listingId: string,
  input: z.infer<typeof offerCreateSchema>,
  now = new Date(),
) {
  const userId = ctx.actor.userId;
  if (!userId) throw forbidden();
  return db.transaction(async (tx) => {
    const l = visibleListing(ctx.actor, await repo.findListing(tx, listingId));
    if (l.status !== 'published') throw new AppError(IpErrors.IP_LISTING_NOT_PUBLISHED);
    if (!canOffer(ctx.actor, l)) throw new AppError(IpErrors.IP_OFFER_NOT_ALLOWED);
    const buyer =
      ctx.actor.role === 'financier'
        ? { enterpriseId: null, institutionId: ctx.actor.institutionId }
        : { enterpriseId: ctx.actor.enterpriseId, institutionId: null };
    if (await repo.hasOpenOffer(tx, l.id, buyer)) throw new AppError(IpErrors.IP_OFFER_ALREADY_OPEN);
    const id = await repo.insertOffer(tx, {
      listingId: l.id,
      buyerEnterpriseId: buyer.enterpriseId,
      buyerInstitutionId: buyer.institutionId,
      amountFen: input.amountFen ?? null,
      terms: input.terms ?? '',
      status: 'open',
      awaiting: 'seller',
      createdBy: userId,
      createdAt: now,
      updatedAt: now,
    });
    await repo.insertMessage(tx, {
      offerId: id,
      side: 'buyer',
      kind: 'offer',
      amountFen: input.amountFen ?? null,
      body: [input.terms, input.message].filter(Boolean).join('\n\n'),
      authorUserId: userId,
      createdAt: now,
    });
    await recordAudit(tx, ctx, {
      action: 'ip_offer.create',
      targetType: 'ip_offer',
      targetId: id,
      result: 'success',
      statusCode: 201,
      changes: { listingId: { from: null, to: l.id }, amountFen: { from: null, to: input.amountFen ?? null } },
    });
    await notifyEnterpriseUsers(tx, l.sellerEnterpriseId, {
      kind: 'ip_offer.created',
      title: `您挂牌的「${l.patent.title}」收到新报价`,
      titleEn: `A new offer on your listing "${l.patent.title}"`,
      link: offerLink(id),
    });
    return offerDetail(tx, ctx.actor, (await repo.findOffer(tx, id)) as repo.OfferView);
  });
}

export async function listOffers(db: Db, ctx: RequestContext, q: z.infer<typeof offerListQuerySchema> & { listingId?: string }) {
  const filter = scopeFilter(ctx.actor, P.offerList);
  if (!filter) return { items: [], total: 0 };
  const { limit, offset } = limitOffset(q);
  const { items, total } = await repo.listOffers(db, filter, q, limit, offset);
  return { items: await Promise.all(items.map((o) => offerDetail(db, ctx.actor, o, false))), total };
}

export async function findOffer(db: Db, ctx: RequestContext, id: string) {
  return offerDetail(db, ctx.actor, requireParty(ctx.actor, P.offerRead, await repo.findOffer(db, id), partyFaces));
}

/** Loads an open offer (locked) the caller is a party of; `turn`: the caller must be the side the thread awaits. */
async function openOffer(tx: Db, actor: Actor, id: string, turn: boolean) {
  const o = requireParty(actor, P.offerRespond, await repo.findOffer(tx, id, true), partyFaces);
  const side = sideOf(actor, o);
  if (!side) throw forbidden();
  if (o.status !== 'open') throw new AppError(IpErrors.IP_OFFER_NOT_OPEN);
  if (turn && o.awaiting !== side) throw new AppError(IpErrors.IP_OFFER_NOT_YOUR_TURN);
  return { o, side, other: side === 'seller' ? ('buyer' as const) : ('seller' as const) };
}

async function tellOther(tx: Db, o: repo.OfferView, to: 'seller' | 'buyer', m: NotificationMessage) {
  if (to === 'seller') await notifyEnterpriseUsers(tx, o.sellerEnterpriseId, m);
  else await tellBuyer(tx, o, m);
}

export async function postMessage(db: Db, ctx: RequestContext, id: string, body: string, now = new Date()) {
  return db.transaction(async (tx) => {
    const { o, side, other } = await openOffer(tx, ctx.actor, id, false);
    await repo.insertMessage(tx, { offerId: id, side, kind: 'message', body, authorUserId: ctx.actor.userId as string, createdAt: now });
    await repo.updateOpenOffer(tx, id, { updatedAt: now });
    await tellOther(tx, o, other, {
      kind: 'ip_offer.message',
      title: `「${o.patentTitle}」的洽谈有新消息`,
      titleEn: `A new message in the negotiation on "${o.patentTitle}"`,
      link: offerLink(id),
    });
    return offerDetail(tx, ctx.actor, (await repo.findOffer(tx, id)) as repo.OfferView);
  });
}

/** A counter-offer puts a new amount (and terms) on the table and hands the turn to the other side. */
export async function counterOffer(db: Db, ctx: RequestContext, id: string, input: z.infer<typeof offerCounterSchema>, now = new Date()) {
  return db.transaction(async (tx) => {
    const { o, side, other } = await openOffer(tx, ctx.actor, id, true);
    await repo.updateOpenOffer(tx, id, {
      amountFen: input.amountFen,
      ...(input.terms ? { terms: input.terms } : {}),
      awaiting: other,
      updatedAt: now,
    });
    await repo.insertMessage(tx, {
      offerId: id,
      side,
      kind: 'counter',
      amountFen: input.amountFen,
      body: [input.terms, input.body].filter(Boolean).join('\n\n'),
      authorUserId: ctx.actor.userId as string,
      createdAt: now,
    });
    await recordAudit(tx, ctx, {
      action: 'ip_offer.counter',
      targetType: 'ip_offer',
      targetId: id,
      result: 'success',
      statusCode: 200,
      changes: { amountFen: { from: o.amountFen, to: input.amountFen }, awaiting: { from: side, to: other } },
    });
    await tellOther(tx, o, other, {
      kind: 'ip_offer.counter',
      title: `「${o.patentTitle}」收到还价：${(input.amountFen / 100).toLocaleString('zh-CN')} 元`,
      titleEn: `A counter-offer on "${o.patentTitle}": CNY ${(input.amountFen / 100).toLocaleString('en-US')}`,
      link: offerLink(id),
    });
    return offerDetail(tx, ctx.actor, (await repo.findOffer(tx, id)) as repo.OfferView);
  });
}

export async function declineOffer(db: Db, ctx: RequestContext, id: string, input: z.infer<typeof offerDeclineSchema>, now = new Date()) {
  return db.transaction(async (tx) => {
    const { o, side, other } = await openOffer(tx, ctx.actor, id, true);
    const ok = await repo.updateOpenOffer(tx, id, {
      status: 'declined',
      declineReason: input.reason,
      declineNote: input.note ?? null,
      decidedBy: ctx.actor.userId,
      decidedAt: now,
      updatedAt: now,
    });
    if (!ok) throw new AppError(IpErrors.IP_OFFER_NOT_OPEN);
    await repo.insertMessage(tx, {
      offerId: id,
      side,
      kind: 'declined',
      body: input.note ?? '',
      authorUserId: ctx.actor.userId as string,
      createdAt: now,
    });
    await recordAudit(tx, ctx, {
      action: 'ip_offer.decline',
      targetType: 'ip_offer',
      targetId: id,
      result: 'success',
      statusCode: 200,
      changes: { status: { from: 'open', to: 'declined' }, declineReason: { from: null, to: input.reason } },
    });
    await tellOther(tx, o, other, {
      kind: 'ip_offer.declined',
      title: `「${o.patentTitle}」的报价被拒绝，请查看原因`,
      titleEn: `Your offer on "${o.patentTitle}" was declined; see why`,
      link: offerLink(id),
    });
    return offerDetail(tx, ctx.actor, (await repo.findOffer(tx, id)) as repo.OfferView);
  });
}

export async function withdrawOffer(db: Db, ctx: RequestContext, id: string, now = new Date()) {
  return db.transaction(async (tx) => {
    const { o, side } = await openOffer(tx, ctx.actor, id, false);
    if (side !== 'buyer') throw forbidden();
    if (!(await repo.updateOpenOffer(tx, id, { status: 'withdrawn', decidedBy: ctx.actor.userId, decidedAt: now, updatedAt: now }))) {
      throw new AppError(IpErrors.IP_OFFER_NOT_OPEN);
    }
    await repo.insertMessage(tx, { offerId: id, side, kind: 'withdrawn', authorUserId: ctx.actor.userId as string, createdAt: now });
    await recordAudit(tx, ctx, {
      action: 'ip_offer.withdraw',
      targetType: 'ip_offer',
      targetId: id,
      result: 'success',
      statusCode: 200,
      changes: { status: { from: 'open', to: 'withdrawn' } },
    });
    await tellOther(tx, o, 'seller', {
      kind: 'ip_offer.withdrawn',
      title: `「${o.patentTitle}」的一项报价已撤回`,
      titleEn: `An offer on "${o.patentTitle}" was withdrawn`,
      link: offerLink(id),
    });
    return offerDetail(tx, ctx.actor, (await repo.findOffer(tx, id)) as repo.OfferView);
  });
}

/**
 * Accepting the proposal on the table (the seller an offer, the buyer a counter-offer) creates a deal in progress
 * at that amount. The service checks the trading rules first for a clear answer; the deal's insert is decided by
 * the database (the patent row lock in ip_deals_guard and the partial unique index), which gives the same code
 * when concurrent accepts race.
 */
export async function acceptOffer(db: Db, ctx: RequestContext, id: string, now = new Date()) {
  return underRules(() =>
    db.transaction(async (tx) => {
      const { o, side, other } = await openOffer(tx, ctx.actor, id, true);
      if (o.listingStatus !== 'published') throw new AppError(IpErrors.IP_LISTING_NOT_PUBLISHED);
      const patent = await repo.findPatent(tx, o.patentId);
      if (!patent) throw notFound();
      if (patent.legalStatus !== 'granted') throw new AppError(IpErrors.IP_PATENT_NOT_IN_FORCE);
      if (!patent.ownerEnterpriseIds.includes(o.sellerEnterpriseId)) throw new AppError(IpErrors.IP_NOT_PATENT_OWNER);
      const c = await repo.dealConflicts(tx, o.patentId, shanghaiDate(now));
      if (EXCLUSIVE_KINDS.includes(o.listingKind) && c.exclusiveOrTransferInProgress)
        throw new AppError(IpErrors.IP_EXCLUSIVE_DEAL_CONFLICT);
      if (o.listingKind === 'pledge' && c.pledgeInProgress) throw new AppError(IpErrors.IP_PLEDGE_IN_PROGRESS);
      if (o.listingKind.endsWith('licence') && c.exclusiveBinding) throw new AppError(IpErrors.IP_EXCLUSIVE_LICENCE_EXISTS);
      if (o.listingKind === 'exclusive_licence' && c.openLicenceTakeRunning) throw new AppError(IpErrors.IP_OPEN_LICENCE_CONFLICT);
      if (!(await repo.updateOpenOffer(tx, id, { status: 'accepted', decidedBy: ctx.actor.userId, decidedAt: now, updatedAt: now }))) {
        throw new AppError(IpErrors.IP_OFFER_NOT_OPEN);
      }
      await repo.insertMessage(tx, {
        offerId: id,
        side,
        kind: 'accepted',
        amountFen: o.amountFen,
        authorUserId: ctx.actor.userId as string,
        createdAt: now,
      });
      const dealId = await repo.insertDeal(tx, {
        listingId: o.listingId,
        offerId: id,
        patentId: o.patentId,
        kind: o.listingKind,
        sellerEnterpriseId: o.sellerEnterpriseId,
        townId: o.townId,
        buyerEnterpriseId: o.buyerEnterpriseId,
        buyerInstitutionId: o.buyerInstitutionId,
        amountFen: o.amountFen,
        terms: o.terms,
        status: 'in_progress',
        createdBy: ctx.actor.userId as string,
        createdAt: now,
        updatedAt: now,
      });
      await recordAudit(tx, ctx, {
        action: 'ip_offer.accept',
        targetType: 'ip_offer',
        targetId: id,
        result: 'success',
        statusCode: 200,
        changes: { status: { from: 'open', to: 'accepted' }, dealId: { from: null, to: dealId }, amountFen: o.amountFen },
      });
      await tellOther(tx, o, other, {
        kind: 'ip_offer.accepted',
        title: `「${o.patentTitle}」的报价已被接受，交易进行中，请签署合同`,
        titleEn: `The offer on "${o.patentTitle}" was accepted; the deal is in progress — sign the contract`,
        link: dealLink(dealId),
      });
      return offerDetail(tx, ctx.actor, (await repo.findOffer(tx, id)) as repo.OfferView);
    }),
  );
}

// ---------------------------------------------------------------- deals

export type DealDetail = repo.DealView & {
  mySide: 'seller' | 'buyer' | null;
  patentEvents?: Awaited<ReturnType<typeof repo.tradeEventsOf>>;
};

export async function listDeals(db: Db, ctx: RequestContext, q: { status?: string | undefined; page: number; pageSize: number }) {
  const filter = scopeFilter(ctx.actor, P.dealList);
  if (!filter) return { items: [], total: 0 };
  const { limit, offset } = limitOffset(q);
  const { items, total } = await repo.listDeals(db, filter, q, limit, offset);
  return { items: items.map((d): DealDetail => ({ ...d, mySide: sideOf(ctx.actor, d) })), total };
}

export async function findDeal(db: Db, ctx: RequestContext, id: string): Promise<DealDetail> {
  const d = requireParty(ctx.actor, P.dealRead, await repo.findDeal(db, id), partyFaces);
  return { ...d, mySide: sideOf(ctx.actor, d), patentEvents: await repo.tradeEventsOf(db, d.patentId) };
}

export async function readContract(db: Db, ctx: RequestContext, id: string) {
  const d = requireParty(ctx.actor, P.dealRead, await repo.findDeal(db, id), partyFaces);
  if (!d.contractFileId) throw notFound();
  return readFile(db, ctx, d.contractFileId, { access: 'checked-by-caller' });
}

/**
 * A licence's term as its contract states it, entered with the contract — what the patent office records with a
 * licence contract (专利实施许可合同备案). Required for licences, refused for other kinds; it must end today or later
 * and not after the patent's term, and may have begun before (a contract signed and in force before recording).
 */
export function licenceTerm(
  kind: string,
  input: { licenceStartsOn?: string | null | undefined; licenceEndsOn?: string | null | undefined },
  today: string,
  patentExpiry: string,
): { startsOn: string; endsOn: string } | null {
  const { licenceStartsOn: startsOn, licenceEndsOn: endsOn } = input;
  if (!kind.endsWith('licence')) {
    if (startsOn || endsOn) throw new AppError(IpErrors.IP_LICENCE_TERM_INVALID);
    return null;
  }
  if (!startsOn || !endsOn || endsOn < startsOn || endsOn < today || endsOn > patentExpiry) {
    throw new AppError(IpErrors.IP_LICENCE_TERM_INVALID);
  }
  return { startsOn, endsOn };
}

/**
 * The seller records the signed contract and the deal completes, in one transaction with the patent's legal
 * status: a transfer writes `transferred` and the new owners (the seller's name and enterprise replaced by the
 * buyer's; co-owners stay), a licence `licensed` with the licensee and licence type, a pledge `pledged` with the
 * pledgee. A transfer, exclusive licence or pledge ends its listing and declines the listing's other open offers;
 * a transfer also ends the old owner's other listings and open-licence declaration of the patent.
 */
export async function completeDeal(db: Db, ctx: RequestContext, id: string, input: z.infer<typeof dealCompleteSchema>, now = new Date()) {
  const userId = ctx.actor.userId;
  if (!userId) throw forbidden();
  const { contractFileId } = input;
  return underRules(() =>
    db.transaction(async (tx) => {
      const d = requireParty(ctx.actor, P.dealComplete, await repo.findDeal(tx, id, true), partyFaces);
      if (sideOf(ctx.actor, d) !== 'seller') throw forbidden();
      if (d.status !== 'in_progress') throw new AppError(IpErrors.IP_DEAL_NOT_IN_PROGRESS);
      const file = await repo.ownAttachment(tx, userId, contractFileId);
      if (!file || !CONTRACT_TYPES.includes(file.contentType) || file.size > CONTRACT_MAX_BYTES) {
        throw new AppError(IpErrors.IP_CONTRACT_INVALID);
      }
      const patent = await repo.findPatent(tx, d.patentId);
      if (!patent) throw notFound();
      if (patent.legalStatus !== 'granted') throw new AppError(IpErrors.IP_PATENT_NOT_IN_FORCE);
      const term = licenceTerm(d.kind, input, shanghaiDate(now), expiryDate(patent.kind as PatentKind, patent.applicationDate));
      const conflict = term ? await repo.licenceTermConflict(tx, d, term.startsOn, term.endsOn) : null;
      if (conflict === 'exclusive_exists') throw new AppError(IpErrors.IP_EXCLUSIVE_LICENCE_EXISTS);
      if (conflict === 'exclusive_overlap') throw new AppError(IpErrors.IP_EXCLUSIVE_LICENCE_OVERLAP);
      if (
        !(await repo.setDealStatus(tx, id, {
          status: 'completed',
          contractFileId,
          licenceStartsOn: term?.startsOn ?? null,
          licenceEndsOn: term?.endsOn ?? null,
          completedBy: userId,
          completedAt: now,
          updatedAt: now,
        }))
      ) {
        throw new AppError(IpErrors.IP_DEAL_NOT_IN_PROGRESS);
      }
      const today = shanghaiDate(now);
      const buyerName = d.buyerName;
      const closed: string[] = [];
      if (d.kind === 'transfer') {
        const [sellerName] = await repo.enterpriseNames(tx, [d.sellerEnterpriseId]);
        const owners = [...patent.owners.filter((n) => n !== sellerName), buyerName];
        const ownerEnterpriseIds = [
          ...patent.ownerEnterpriseIds.filter((e) => e !== d.sellerEnterpriseId),
          ...(d.buyerEnterpriseId ? [d.buyerEnterpriseId] : []),
        ];
        await repo.insertPatentEvent(tx, {
          patentId: d.patentId,
          eventDate: today,
          kind: 'transferred',
          detail: { from: patent.owners, to: owners, dealId: id },
          source: 'platform',
          refId: id,
        });
        await repo.transferPatent(tx, d.patentId, owners, [...new Set(ownerEnterpriseIds)], today, now);
        // The old owner's listings and open-licence declaration of the patent end with its ownership.
        for (const l of await repo.liveListingsOf(tx, d.patentId)) {
          if (l.sellerEnterpriseId !== d.sellerEnterpriseId || l.id === d.listingId) continue;
          await repo.setListingStatus(tx, l.id, ['submitted', 'published'], { status: 'closed', closedAt: now, updatedAt: now });
          await repo.declineOpenOffersOf(tx, l.id, 'listing_closed', now);
          closed.push(l.id);
        }
        // Licences already taken stay.
        await endDeclarations(tx, d.patentId, d.sellerEnterpriseId, now, 'transferred');
      } else if (d.kind === 'pledge') {
        await repo.insertPatentEvent(tx, {
          patentId: d.patentId,
          eventDate: today,
          kind: 'pledged',
          detail: { pledgor: d.sellerName, pledgee: buyerName, amountFen: d.amountFen, dealId: id },
          source: 'platform',
          refId: id,
        });
      } else {
        await repo.insertPatentEvent(tx, {
          patentId: d.patentId,
          eventDate: today,
          kind: 'licensed',
          detail: {
            licensor: d.sellerName,
            licensee: buyerName,
            licenceType: d.kind === 'exclusive_licence' ? 'exclusive' : 'non_exclusive',
            startsOn: term?.startsOn,
            endsOn: term?.endsOn,
            dealId: id,
          },
          source: 'platform',
          refId: id,
        });
      }
      if (d.kind !== 'non_exclusive_licence') {
        await repo.setListingStatus(tx, d.listingId, ['published', 'submitted'], { status: 'closed', closedAt: now, updatedAt: now });
        const declined = await repo.declineOpenOffersOf(tx, d.listingId, 'listing_closed', now);
        for (const o of declined) {
          await tellBuyer(tx, o, {
            kind: 'ip_offer.declined',
            title: `「${d.patent.title}」已与他方成交，您的报价已结束`,
            titleEn: `"${d.patent.title}" was traded to another party; your offer has ended`,
            link: offerLink(o.id),
          });
        }
      }
      await recordAudit(tx, ctx, {
        action: 'ip_deal.complete',
        targetType: 'ip_deal',
        targetId: id,
        result: 'success',
        statusCode: 200,
        changes: {
          status: { from: 'in_progress', to: 'completed' },
          contractFileId: { from: null, to: contractFileId },
          ...(term ? { licenceTerm: { from: null, to: `${term.startsOn}..${term.endsOn}` } } : {}),
          kind: d.kind,
          closedListingIds: closed,
        },
      });
      const message = {
        kind: 'ip_deal.completed',
        title: `「${d.patent.title}」${kindLabel(d.kind).zh}交易已完成，专利法律状态已更新`,
        titleEn: `The ${kindLabel(d.kind).en.toLowerCase()} of "${d.patent.title}" is completed; the patent's legal status is updated`,
        link: dealLink(id),
      };
      await tellBuyer(tx, d, message);
      await notifyEnterpriseUsers(tx, d.sellerEnterpriseId, message);
      return findDeal(tx, ctx, id);
    }),
  );
}

export async function cancelDeal(db: Db, ctx: RequestContext, id: string, note: string | null | undefined, now = new Date()) {
  return db.transaction(async (tx) => {
    const d = requireParty(ctx.actor, P.dealCancel, await repo.findDeal(tx, id, true), partyFaces);
    const side = sideOf(ctx.actor, d);
    if (!side) throw forbidden();
    if (!(await repo.setDealStatus(tx, id, { status: 'cancelled', cancelledAt: now, cancelNote: note ?? null, updatedAt: now }))) {
      throw new AppError(IpErrors.IP_DEAL_NOT_IN_PROGRESS);
    }
    await recordAudit(tx, ctx, {
      action: 'ip_deal.cancel',
      targetType: 'ip_deal',
      targetId: id,
      result: 'success',
      statusCode: 200,
      changes: { status: { from: 'in_progress', to: 'cancelled' }, ...(note ? { note: { from: null, to: note } } : {}) },
    });
    const message = {
      kind: 'ip_deal.cancelled',
      title: `「${d.patent.title}」的交易已取消`,
      titleEn: `The deal on "${d.patent.title}" was cancelled`,
      link: dealLink(id),
    };
    if (side === 'seller') await tellBuyer(tx, d, message);
    else await notifyEnterpriseUsers(tx, d.sellerEnterpriseId, message);
    return findDeal(tx, ctx, id);
  });
}
