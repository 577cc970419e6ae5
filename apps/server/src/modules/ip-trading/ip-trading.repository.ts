import { and, asc, count, desc, eq, inArray, notInArray, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { users } from '../../db/schema/accounts.ts';
import { ipDeals, ipListings, ipOfferMessages, ipOffers, ipOpenLicenceTakes } from '../../db/schema/ip-trading.ts';
import { enterprises, institutions, towns } from '../../db/schema/organisations.ts';
import { patentEvents, patents } from '../../db/schema/patents.ts';
import { files } from '../../db/schema/platform.ts';
import type { Db } from '../../platform/db.ts';
import type { ScopeFilter } from '../../platform/policy.ts';
import { tsqueryText } from '../../platform/search/search-vector.ts';

export type ListingRow = typeof ipListings.$inferSelect;
export type OfferRow = typeof ipOffers.$inferSelect;
export type DealRow = typeof ipDeals.$inferSelect;

export const patentSummaryColumns = {
  id: patents.id,
  applicationNumber: patents.applicationNumber,
  kind: patents.kind,
  title: patents.title,
  abstract: patents.abstract,
  mainClass: patents.mainClass,
  ipcCodes: patents.ipcCodes,
  legalStatus: patents.legalStatus,
  owners: patents.owners,
  grantDate: patents.grantDate,
};
export type PatentSummaryRow = {
  id: string;
  applicationNumber: string;
  kind: string;
  title: string;
  abstract: string | null;
  mainClass: string | null;
  ipcCodes: string[];
  legalStatus: string;
  owners: string[];
  grantDate: string | null;
};

// ---------------------------------------------------------------- patents

export type PatentForTrade = PatentSummaryRow & { ownerEnterpriseIds: string[]; applicationDate: string };

export async function findPatent(db: Db, id: string): Promise<PatentForTrade | undefined> {
  const [row] = await db
    .select({ ...patentSummaryColumns, ownerEnterpriseIds: patents.ownerEnterpriseIds, applicationDate: patents.applicationDate })
    .from(patents)
    .where(eq(patents.id, id));
  return row;
}

/** The patents the enterprise owns (linked through `owner_enterprise_ids`), newest first. */
export async function patentsOwnedBy(db: Db, enterpriseId: string) {
  return db
    .select({
      ...patentSummaryColumns,
      liveListingKinds: sql<string[]>`coalesce((select array_agg(distinct l.kind) from ip_listings l
        where l.patent_id = ${patents.id} and l.seller_enterprise_id = ${enterpriseId} and l.status in ('submitted', 'published')), '{}')`,
      openLicenceActive: sql<boolean>`exists (select 1 from ip_open_licences o where o.patent_id = ${patents.id} and o.status = 'active')`,
    })
    .from(patents)
    .where(sql`${patents.ownerEnterpriseIds} @> array[${enterpriseId}]::uuid[]`)
    .orderBy(desc(patents.applicationDate), asc(patents.id))
    .limit(500);
}

export async function enterpriseTown(db: Db, enterpriseId: string): Promise<{ townId: string; name: string } | undefined> {
  const [row] = await db
    .select({ townId: enterprises.townId, name: enterprises.name })
    .from(enterprises)
    .where(eq(enterprises.id, enterpriseId));
  return row;
}

export async function enterpriseNames(db: Db, ids: readonly string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .select({ id: enterprises.id, name: enterprises.name })
    .from(enterprises)
    .where(inArray(enterprises.id, [...ids]));
  const byId = new Map(rows.map((r) => [r.id, r.name]));
  return ids.map((id) => byId.get(id) ?? id);
}

export async function institutionName(db: Db, id: string): Promise<string | undefined> {
  const [row] = await db.select({ name: institutions.name }).from(institutions).where(eq(institutions.id, id));
  return row?.name;
}

export async function insertPatentEvent(db: Db, values: typeof patentEvents.$inferInsert): Promise<void> {
  await db.insert(patentEvents).values(values);
}

/** A transfer: the new owners replace the old; the local enterprises among them likewise. */
export async function transferPatent(db: Db, patentId: string, owners: string[], ownerEnterpriseIds: string[], on: string, at: Date) {
  await db.update(patents).set({ owners, ownerEnterpriseIds, legalStatusDate: on, updatedAt: at }).where(eq(patents.id, patentId));
}

export async function tradeEventsOf(db: Db, patentId: string) {
  return db
    .select({ eventDate: patentEvents.eventDate, kind: patentEvents.kind, detail: patentEvents.detail })
    .from(patentEvents)
    .where(and(eq(patentEvents.patentId, patentId), inArray(patentEvents.kind, ['transferred', 'licensed', 'pledged'])))
    .orderBy(desc(patentEvents.eventDate), desc(patentEvents.createdAt));
}

// ---------------------------------------------------------------- listings

const seller = alias(enterprises, 'seller');
const listingBase = (db: Db) =>
  db
    .select({
      l: ipListings,
      patent: patentSummaryColumns,
      sellerName: seller.name,
      townName: towns.name,
      townNameEn: towns.nameEn,
      openOfferCount: sql<number>`(select count(*)::int from ip_offers o where o.listing_id = ${ipListings.id} and o.status = 'open')`,
    })
    .from(ipListings)
    .innerJoin(patents, eq(patents.id, ipListings.patentId))
    .innerJoin(seller, eq(seller.id, ipListings.sellerEnterpriseId))
    .innerJoin(towns, eq(towns.id, ipListings.townId));
type ListingJoined = Awaited<ReturnType<ReturnType<typeof listingBase>['execute']>>[number];
export type ListingView = ListingRow & {
  patent: PatentSummaryRow;
  sellerName: string;
  townName: string;
  townNameEn: string;
  openOfferCount: number;
};
const flattenListing = ({ l, ...rest }: ListingJoined): ListingView => ({ ...l, ...rest });

export async function findListing(db: Db, id: string, lock = false): Promise<ListingView | undefined> {
  const q = listingBase(db).where(eq(ipListings.id, id));
  const [row] = lock ? await q.for('update', { of: ipListings }) : await q;
  return row ? flattenListing(row) : undefined;
}

export type ShowcaseQuery = {
  q?: string | undefined;
  tokens: string[];
  kind?: string | undefined;
  ipc?: string | undefined;
  townId?: string | undefined;
  minPriceFen?: number | undefined;
  maxPriceFen?: number | undefined;
};

/** Published listings matching the filters; relevance first when words are given, else newest. */
export async function showcase(db: Db, q: ShowcaseQuery, limit: number, offset: number) {
  const query = q.tokens.length > 0 ? tsqueryText(q.tokens) : null;
  const where = and(
    eq(ipListings.status, 'published'),
    query ? sql`${patents.searchVector} @@ to_tsquery('simple', ${query})` : undefined,
    q.kind ? eq(ipListings.kind, q.kind) : undefined,
    q.ipc ? sql`${patents.classPrefixes} @> array[${q.ipc}]::text[]` : undefined,
    q.townId ? eq(ipListings.townId, q.townId) : undefined,
    q.minPriceFen !== undefined ? sql`${ipListings.askingPriceFen} >= ${q.minPriceFen}` : undefined,
    q.maxPriceFen !== undefined ? sql`${ipListings.askingPriceFen} <= ${q.maxPriceFen}` : undefined,
  );
  const order: SQL[] = query
    ? [sql`ts_rank_cd(${patents.searchVector}, to_tsquery('simple', ${query})) desc`, desc(ipListings.publishedAt), desc(ipListings.id)]
    : [desc(ipListings.publishedAt), desc(ipListings.id)];
  const [items, [total]] = await Promise.all([
    listingBase(db)
      .where(where)
      .orderBy(...order)
      .limit(limit)
      .offset(offset),
    db.select({ n: count() }).from(ipListings).innerJoin(patents, eq(patents.id, ipListings.patentId)).where(where),
  ]);
  return { items: items.map(flattenListing), total: total?.n ?? 0 };
}

function listingScope(filter: ScopeFilter): SQL | undefined {
  switch (filter.kind) {
    case 'all':
      return undefined;
    case 'town':
      return eq(ipListings.townId, filter.townId);
    case 'enterprise':
      return eq(ipListings.sellerEnterpriseId, filter.enterpriseId);
    default:
      return sql`false`;
  }
}

/** Listings in the caller's scope (an enterprise: its own; a town admin: its town's sellers; the city: all). */
export async function listListings(
  db: Db,
  filter: ScopeFilter,
  q: { status?: string | undefined; townId?: string | undefined },
  limit: number,
  offset: number,
) {
  const where = and(
    listingScope(filter),
    q.status ? eq(ipListings.status, q.status) : undefined,
    q.townId ? eq(ipListings.townId, q.townId) : undefined,
  );
  const [items, [total]] = await Promise.all([
    listingBase(db)
      .where(where)
      .orderBy(sql`case when ${ipListings.status} = 'submitted' then 0 else 1 end`, desc(ipListings.createdAt), desc(ipListings.id))
      .limit(limit)
      .offset(offset),
    db.select({ n: count() }).from(ipListings).where(where),
  ]);
  return { items: items.map(flattenListing), total: total?.n ?? 0 };
}

export async function insertListing(db: Db, values: typeof ipListings.$inferInsert): Promise<string> {
  const [row] = await db.insert(ipListings).values(values).returning({ id: ipListings.id });
  return (row as { id: string }).id;
}

/** Moves a listing from one of `from` to a new status; true for exactly one caller. */
export async function setListingStatus(
  db: Db,
  id: string,
  from: readonly string[],
  set: Partial<typeof ipListings.$inferInsert> & { status: string; updatedAt: Date },
): Promise<boolean> {
  const rows = await db
    .update(ipListings)
    .set(set)
    .where(and(eq(ipListings.id, id), inArray(ipListings.status, [...from])))
    .returning({ id: ipListings.id });
  return rows.length === 1;
}

/** Live listings of the patent whose seller no longer owns it (after a transfer), or one listing by id. */
export async function liveListingsOf(db: Db, patentId: string) {
  return db
    .select({ id: ipListings.id, sellerEnterpriseId: ipListings.sellerEnterpriseId, kind: ipListings.kind, status: ipListings.status })
    .from(ipListings)
    .where(and(eq(ipListings.patentId, patentId), inArray(ipListings.status, ['submitted', 'published'])));
}

// ---------------------------------------------------------------- offers

const buyerEnt = alias(enterprises, 'buyer_enterprise');
const buyerInst = alias(institutions, 'buyer_institution');
const offerBase = (db: Db) =>
  db
    .select({
      o: ipOffers,
      listingKind: ipListings.kind,
      askingPriceFen: ipListings.askingPriceFen,
      listingStatus: ipListings.status,
      patentId: ipListings.patentId,
      patentTitle: patents.title,
      applicationNumber: patents.applicationNumber,
      sellerEnterpriseId: ipListings.sellerEnterpriseId,
      townId: ipListings.townId,
      sellerName: seller.name,
      buyerName: sql<string>`coalesce(${buyerEnt.name}, ${buyerInst.name})`,
      dealId: sql<string | null>`(select d.id from ip_deals d where d.offer_id = ${ipOffers.id})`,
    })
    .from(ipOffers)
    .innerJoin(ipListings, eq(ipListings.id, ipOffers.listingId))
    .innerJoin(patents, eq(patents.id, ipListings.patentId))
    .innerJoin(seller, eq(seller.id, ipListings.sellerEnterpriseId))
    .leftJoin(buyerEnt, eq(buyerEnt.id, ipOffers.buyerEnterpriseId))
    .leftJoin(buyerInst, eq(buyerInst.id, ipOffers.buyerInstitutionId));
type OfferJoined = Awaited<ReturnType<ReturnType<typeof offerBase>['execute']>>[number];
export type OfferView = OfferRow & Omit<OfferJoined, 'o'>;
const flattenOffer = ({ o, ...rest }: OfferJoined): OfferView => ({ ...o, ...rest });

export async function findOffer(db: Db, id: string, lock = false): Promise<OfferView | undefined> {
  const q = offerBase(db).where(eq(ipOffers.id, id));
  const [row] = lock ? await q.for('update', { of: ipOffers }) : await q;
  return row ? flattenOffer(row) : undefined;
}

function partyScope(
  filter: ScopeFilter,
  side: 'buyer' | 'seller' | undefined,
  sellerCol: SQL,
  buyerEntCol: SQL,
  buyerInstCol: SQL,
  townCol: SQL,
) {
  switch (filter.kind) {
    case 'all':
      return undefined;
    case 'town':
      return sql`${townCol} = ${filter.townId}`;
    case 'enterprise':
      if (side === 'seller') return sql`${sellerCol} = ${filter.enterpriseId}`;
      if (side === 'buyer') return sql`${buyerEntCol} = ${filter.enterpriseId}`;
      return sql`(${sellerCol} = ${filter.enterpriseId} or ${buyerEntCol} = ${filter.enterpriseId})`;
    case 'institution':
      return sql`${buyerInstCol} = ${filter.institutionId}`;
    default:
      return sql`false`;
  }
}

export async function listOffers(
  db: Db,
  filter: ScopeFilter,
  q: { side?: 'buyer' | 'seller' | undefined; status?: string | undefined; listingId?: string | undefined },
  limit: number,
  offset: number,
) {
  const where = and(
    partyScope(
      filter,
      q.side,
      sql`${ipListings.sellerEnterpriseId}`,
      sql`${ipOffers.buyerEnterpriseId}`,
      sql`${ipOffers.buyerInstitutionId}`,
      sql`${ipListings.townId}`,
    ),
    q.status ? eq(ipOffers.status, q.status) : undefined,
    q.listingId ? eq(ipOffers.listingId, q.listingId) : undefined,
  );
  const [items, [total]] = await Promise.all([
    offerBase(db)
      .where(where)
      .orderBy(sql`case when ${ipOffers.status} = 'open' then 0 else 1 end`, desc(ipOffers.updatedAt), desc(ipOffers.id))
      .limit(limit)
      .offset(offset),
    db.select({ n: count() }).from(ipOffers).innerJoin(ipListings, eq(ipListings.id, ipOffers.listingId)).where(where),
  ]);
  return { items: items.map(flattenOffer), total: total?.n ?? 0 };
}

export async function hasOpenOffer(db: Db, listingId: string, buyer: { enterpriseId: string | null; institutionId: string | null }) {
  const [row] = await db
    .select({ n: count() })
    .from(ipOffers)
    .where(
      and(
        eq(ipOffers.listingId, listingId),
        eq(ipOffers.status, 'open'),
        buyer.enterpriseId
          ? eq(ipOffers.buyerEnterpriseId, buyer.enterpriseId)
          : eq(ipOffers.buyerInstitutionId, buyer.institutionId ?? ''),
      ),
    );
  return (row?.n ?? 0) > 0;
}

export async function insertOffer(db: Db, values: typeof ipOffers.$inferInsert): Promise<string> {
  const [row] = await db.insert(ipOffers).values(values).returning({ id: ipOffers.id });
  return (row as { id: string }).id;
}

/** Changes an open offer; true for exactly one caller. */
export async function updateOpenOffer(db: Db, id: string, set: Partial<typeof ipOffers.$inferInsert> & { updatedAt: Date }) {
  const rows = await db
    .update(ipOffers)
    .set(set)
    .where(and(eq(ipOffers.id, id), eq(ipOffers.status, 'open')))
    .returning({ id: ipOffers.id });
  return rows.length === 1;
}

/** Declines every open offer of a listing (the listing ended); returns who made them. */
export async function declineOpenOffersOf(db: Db, listingId: string, reason: string, at: Date, exceptOfferId?: string) {
  return db
    .update(ipOffers)
    .set({ status: 'declined', declineReason: reason, decidedAt: at, updatedAt: at })
    .where(
      and(
        eq(ipOffers.listingId, listingId),
        eq(ipOffers.status, 'open'),
        exceptOfferId ? sql`${ipOffers.id} <> ${exceptOfferId}` : undefined,
      ),
    )
    .returning({ id: ipOffers.id, buyerEnterpriseId: ipOffers.buyerEnterpriseId, buyerInstitutionId: ipOffers.buyerInstitutionId });
}

export async function insertMessage(db: Db, values: typeof ipOfferMessages.$inferInsert): Promise<void> {
  await db.insert(ipOfferMessages).values(values);
}

export async function threadOf(db: Db, offerId: string) {
  return db
    .select({
      id: ipOfferMessages.id,
      side: ipOfferMessages.side,
      kind: ipOfferMessages.kind,
      amountFen: ipOfferMessages.amountFen,
      body: ipOfferMessages.body,
      authorName: users.displayName,
      createdAt: ipOfferMessages.createdAt,
    })
    .from(ipOfferMessages)
    .innerJoin(users, eq(users.id, ipOfferMessages.authorUserId))
    .where(eq(ipOfferMessages.offerId, offerId))
    .orderBy(asc(ipOfferMessages.createdAt), asc(ipOfferMessages.id));
}

// ---------------------------------------------------------------- deals

const dealBase = (db: Db) =>
  db
    .select({
      d: ipDeals,
      patent: patentSummaryColumns,
      sellerName: seller.name,
      buyerName: sql<string>`coalesce(${buyerEnt.name}, ${buyerInst.name})`,
      townName: towns.name,
      contractFilename: files.filename,
      contractSize: files.size,
    })
    .from(ipDeals)
    .innerJoin(patents, eq(patents.id, ipDeals.patentId))
    .innerJoin(seller, eq(seller.id, ipDeals.sellerEnterpriseId))
    .innerJoin(towns, eq(towns.id, ipDeals.townId))
    .leftJoin(buyerEnt, eq(buyerEnt.id, ipDeals.buyerEnterpriseId))
    .leftJoin(buyerInst, eq(buyerInst.id, ipDeals.buyerInstitutionId))
    .leftJoin(files, eq(files.id, ipDeals.contractFileId));
type DealJoined = Awaited<ReturnType<ReturnType<typeof dealBase>['execute']>>[number];
export type DealView = DealRow & Omit<DealJoined, 'd'>;
const flattenDeal = ({ d, ...rest }: DealJoined): DealView => ({ ...d, ...rest });

export async function findDeal(db: Db, id: string, lock = false): Promise<DealView | undefined> {
  const q = dealBase(db).where(eq(ipDeals.id, id));
  const [row] = lock ? await q.for('update', { of: ipDeals }) : await q;
  return row ? flattenDeal(row) : undefined;
}

export async function listDeals(db: Db, filter: ScopeFilter, q: { status?: string | undefined }, limit: number, offset: number) {
  const where = and(
    partyScope(
      filter,
      undefined,
      sql`${ipDeals.sellerEnterpriseId}`,
      sql`${ipDeals.buyerEnterpriseId}`,
      sql`${ipDeals.buyerInstitutionId}`,
      sql`${ipDeals.townId}`,
    ),
    q.status ? eq(ipDeals.status, q.status) : undefined,
  );
  const [items, [total]] = await Promise.all([
    dealBase(db)
      .where(where)
      .orderBy(sql`case when ${ipDeals.status} = 'in_progress' then 0 else 1 end`, desc(ipDeals.createdAt), desc(ipDeals.id))
      .limit(limit)
      .offset(offset),
    db.select({ n: count() }).from(ipDeals).where(where),
  ]);
  return { items: items.map(flattenDeal), total: total?.n ?? 0 };
}

/**
 * What stands in the way of a deal or declaration on the patent; `today` (Shanghai) decides whether a completed
 * exclusive licence or a licence taken under an open licence still runs (one without a recorded term always does).
 */
export async function dealConflicts(db: Db, patentId: string, today: string) {
  // One after the other: the services call this inside their transaction (one connection).
  const rows = await db
    .select({ kind: ipDeals.kind, status: ipDeals.status, endsOn: ipDeals.licenceEndsOn })
    .from(ipDeals)
    .where(and(eq(ipDeals.patentId, patentId), inArray(ipDeals.status, ['in_progress', 'completed'])));
  const [takes] = await db
    .select({ n: count() })
    .from(ipOpenLicenceTakes)
    .where(
      and(
        eq(ipOpenLicenceTakes.patentId, patentId),
        sql`(${ipOpenLicenceTakes.licenceEndsOn} is null or ${ipOpenLicenceTakes.licenceEndsOn} >= ${today})`,
      ),
    );
  return {
    exclusiveOrTransferInProgress: rows.some(
      (r) => r.status === 'in_progress' && (r.kind === 'transfer' || r.kind === 'exclusive_licence'),
    ),
    transferInProgress: rows.some((r) => r.status === 'in_progress' && r.kind === 'transfer'),
    exclusiveInProgress: rows.some((r) => r.status === 'in_progress' && r.kind === 'exclusive_licence'),
    /** A completed exclusive licence whose term has not ended. */
    exclusiveBinding: rows.some(
      (r) => r.status === 'completed' && r.kind === 'exclusive_licence' && (r.endsOn === null || r.endsOn >= today),
    ),
    openLicenceTakeRunning: (takes?.n ?? 0) > 0,
    pledgeInProgress: rows.some((r) => r.status === 'in_progress' && r.kind === 'pledge'),
  };
}

/**
 * Which rule a licence term [startsOn, endsOn] of the deal would break at completion (null: none) — the same checks
 * as ip_deals_guard, for a clear answer before the database decides.
 */
export async function licenceTermConflict(
  db: Db,
  d: { id: string; patentId: string; kind: string },
  startsOn: string,
  endsOn: string,
): Promise<'exclusive_exists' | 'exclusive_overlap' | null> {
  const overlaps = (s: SQL, e: SQL) => sql`(${e} >= ${startsOn} and ${s} <= ${endsOn})`;
  const [row] = await db
    .select({
      exclusive: sql<boolean>`exists (select 1 from ip_deals d where d.patent_id = ${d.patentId} and d.id <> ${d.id}
        and d.kind = 'exclusive_licence' and d.status = 'completed'
        and (d.licence_ends_on is null or ${overlaps(sql`d.licence_starts_on`, sql`d.licence_ends_on`)}))`,
      other: sql<boolean>`exists (select 1 from ip_deals d where d.patent_id = ${d.patentId} and d.id <> ${d.id}
        and d.kind = 'non_exclusive_licence' and d.status = 'completed' and ${overlaps(sql`d.licence_starts_on`, sql`d.licence_ends_on`)})
        or exists (select 1 from ip_open_licence_takes t where t.patent_id = ${d.patentId}
        and ${overlaps(sql`t.licence_starts_on`, sql`t.licence_ends_on`)})`,
    })
    .from(sql`(select 1) as one`);
  if (row?.exclusive) return 'exclusive_exists';
  if (d.kind === 'exclusive_licence' && row?.other) return 'exclusive_overlap';
  return null;
}

/** Completed licences whose term has not ended and completed pledges of the patent: the patent page's rights. */
export async function currentLicencesAndPledges(db: Db, patentId: string, today: string) {
  return dealBase(db)
    .where(
      and(
        eq(ipDeals.patentId, patentId),
        eq(ipDeals.status, 'completed'),
        sql`(${ipDeals.kind} = 'pledge' or (${ipDeals.kind} in ('exclusive_licence', 'non_exclusive_licence')
          and (${ipDeals.licenceEndsOn} is null or ${ipDeals.licenceEndsOn} >= ${today})))`,
      ),
    )
    .orderBy(asc(ipDeals.completedAt))
    .then((rows) => rows.map(flattenDeal));
}

export async function insertDeal(db: Db, values: typeof ipDeals.$inferInsert): Promise<string> {
  const [row] = await db.insert(ipDeals).values(values).returning({ id: ipDeals.id });
  return (row as { id: string }).id;
}

export async function setDealStatus(db: Db, id: string, set: Partial<typeof ipDeals.$inferInsert> & { status: string; updatedAt: Date }) {
  const rows = await db
    .update(ipDeals)
    .set(set)
    .where(and(eq(ipDeals.id, id), eq(ipDeals.status, 'in_progress')))
    .returning({ id: ipDeals.id });
  return rows.length === 1;
}

export async function ownAttachment(db: Db, userId: string, fileId: string) {
  const [row] = await db
    .select({ id: files.id, contentType: files.contentType, size: files.size })
    .from(files)
    .where(and(eq(files.id, fileId), eq(files.ownerUserId, userId), eq(files.purpose, 'attachment')));
  return row;
}

/** Active financier accounts of a bank (the buyer side of a pledge). */
export async function institutionUserIds(db: Db, institutionId: string): Promise<string[]> {
  const rows = await db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.institutionId, institutionId), eq(users.status, 'active')));
  return rows.map((r) => r.id);
}

/**
 * Active enterprise users of enterprises in the same GB/T 4754 industry division (letter + 2 digits) as the given
 * enterprise, other than the patent's owners: who hears of a new open licence (the platform has no follows or
 * saved searches; the industry is the one link it knows between an enterprise and a patent's use).
 */
export async function sameIndustryUserIds(db: Db, enterpriseId: string, excludeEnterpriseIds: readonly string[]): Promise<string[]> {
  const rows = await db
    .select({ id: users.id })
    .from(users)
    .innerJoin(enterprises, eq(enterprises.id, users.enterpriseId))
    .where(
      and(
        eq(users.role, 'enterprise'),
        eq(users.status, 'active'),
        sql`substr(${enterprises.industryCode}, 1, 3) = (select substr(e.industry_code, 1, 3) from enterprises e where e.id = ${enterpriseId})`,
        excludeEnterpriseIds.length > 0 ? notInArray(enterprises.id, [...excludeEnterpriseIds]) : undefined,
      ),
    );
  return rows.map((r) => r.id);
}

/** What the trading module recorded about one patent, for its timeline. */
export async function timelineRecords(db: Db, patentId: string) {
  const [listings, deals] = await Promise.all([
    db
      .select({
        id: ipListings.id,
        kind: ipListings.kind,
        publishedAt: ipListings.publishedAt,
        askingPriceFen: ipListings.askingPriceFen,
        sellerName: seller.name,
        sellerEnterpriseId: ipListings.sellerEnterpriseId,
        townId: ipListings.townId,
      })
      .from(ipListings)
      .innerJoin(seller, eq(seller.id, ipListings.sellerEnterpriseId))
      .where(and(eq(ipListings.patentId, patentId), sql`${ipListings.publishedAt} is not null`)),
    dealBase(db).where(eq(ipDeals.patentId, patentId)),
  ]);
  return { listings, deals: deals.map(flattenDeal) };
}
