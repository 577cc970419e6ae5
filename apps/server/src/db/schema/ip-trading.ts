import { sql } from 'drizzle-orm';
import { bigint, check, date, index, pgTable, text, timestamp, unique, uniqueIndex, uuid, varchar } from 'drizzle-orm/pg-core';
import { users } from './accounts.ts';
import { enterprises, institutions, towns } from './organisations.ts';
import { patents } from './patents.ts';
import { files } from './platform.ts';

/**
 * The IP trading platform (知识产权交易, issue 5). A listing offers one patent of the listing enterprise for
 * transfer, an exclusive or non-exclusive licence, or as collateral for a pledge loan; offers are negotiated in a
 * thread; accepting one creates a deal, completed with the contract file, which writes the patent's legal-status
 * event. The rules the database decides under races (triggers and partial unique indexes) are in the custom SQL
 * block of the migration: see ARCHITECTURE.md "IP trading".
 */
export const ipListings = pgTable(
  'ip_listings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    patentId: uuid('patent_id')
      .notNull()
      .references(() => patents.id),
    /** The owner enterprise that lists (one of the patent's `owner_enterprise_ids` when listed). */
    sellerEnterpriseId: uuid('seller_enterprise_id')
      .notNull()
      .references(() => enterprises.id),
    /** The seller's town at listing: the review scope of town admins and the statistics' town. */
    townId: uuid('town_id')
      .notNull()
      .references(() => towns.id),
    kind: varchar('kind', { length: 24 }).notNull(),
    /** Asking price in fen; null = negotiable (面议). */
    askingPriceFen: bigint('asking_price_fen', { mode: 'number' }),
    terms: text('terms').notNull().default(''),
    description: text('description').notNull().default(''),
    status: varchar('status', { length: 16 }).notNull(),
    reviewNote: text('review_note'),
    reviewedBy: uuid('reviewed_by').references(() => users.id),
    reviewedAt: timestamp('reviewed_at', { withTimezone: true }),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('ip_listings_kind', sql`${t.kind} in ('transfer', 'exclusive_licence', 'non_exclusive_licence', 'pledge')`),
    check('ip_listings_status', sql`${t.status} in ('submitted', 'published', 'rejected', 'withdrawn', 'closed')`),
    check('ip_listings_price', sql`${t.askingPriceFen} is null or ${t.askingPriceFen} > 0`),
    // One live listing of each kind per patent and seller: a second one is a typing slip.
    uniqueIndex('ip_listings_one_live_per_kind')
      .on(t.patentId, t.sellerEnterpriseId, t.kind)
      .where(sql`${t.status} in ('submitted', 'published')`),
    index('ip_listings_status_idx').on(t.status, t.publishedAt),
    index('ip_listings_seller_idx').on(t.sellerEnterpriseId),
    index('ip_listings_patent_idx').on(t.patentId),
  ],
);

/** An offer on a published listing: by an enterprise, or by a bank (financier institution) on a pledge listing. */
export const ipOffers = pgTable(
  'ip_offers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    listingId: uuid('listing_id')
      .notNull()
      .references(() => ipListings.id),
    buyerEnterpriseId: uuid('buyer_enterprise_id').references(() => enterprises.id),
    buyerInstitutionId: uuid('buyer_institution_id').references(() => institutions.id),
    /** The amount now on the table in fen (the latest offer or counter-offer); null = terms only. */
    amountFen: bigint('amount_fen', { mode: 'number' }),
    terms: text('terms').notNull().default(''),
    status: varchar('status', { length: 16 }).notNull(),
    /** Whose answer the thread waits for: the seller after an offer, the buyer after a counter-offer. */
    awaiting: varchar('awaiting', { length: 8 }).notNull(),
    declineReason: varchar('decline_reason', { length: 24 }),
    declineNote: text('decline_note'),
    decidedBy: uuid('decided_by').references(() => users.id),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('ip_offers_status', sql`${t.status} in ('open', 'accepted', 'declined', 'withdrawn')`),
    check('ip_offers_awaiting', sql`${t.awaiting} in ('seller', 'buyer')`),
    check('ip_offers_buyer', sql`num_nonnulls(${t.buyerEnterpriseId}, ${t.buyerInstitutionId}) = 1`),
    check('ip_offers_amount', sql`${t.amountFen} is null or ${t.amountFen} > 0`),
    check(
      'ip_offers_decline_reason',
      sql`(${t.status} = 'declined') = (${t.declineReason} is not null) and (${t.declineReason} is null or ${t.declineReason} in ('price', 'too_early', 'wrong_technology', 'terms', 'listing_closed', 'other'))`,
    ),
    index('ip_offers_listing_idx').on(t.listingId),
    index('ip_offers_buyer_enterprise_idx').on(t.buyerEnterpriseId),
    index('ip_offers_buyer_institution_idx').on(t.buyerInstitutionId),
  ],
);

/** The negotiation thread of an offer: messages and counter-offers (with an amount), in order. */
export const ipOfferMessages = pgTable(
  'ip_offer_messages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    offerId: uuid('offer_id')
      .notNull()
      .references(() => ipOffers.id),
    side: varchar('side', { length: 8 }).notNull(),
    kind: varchar('kind', { length: 16 }).notNull(),
    amountFen: bigint('amount_fen', { mode: 'number' }),
    body: text('body').notNull().default(''),
    authorUserId: uuid('author_user_id')
      .notNull()
      .references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('ip_offer_messages_side', sql`${t.side} in ('seller', 'buyer')`),
    check('ip_offer_messages_kind', sql`${t.kind} in ('offer', 'message', 'counter', 'accepted', 'declined', 'withdrawn')`),
    index('ip_offer_messages_offer_idx').on(t.offerId, t.createdAt),
  ],
);

/** A deal: an accepted offer, in progress until the contract is recorded (completed) or it is cancelled. */
export const ipDeals = pgTable(
  'ip_deals',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    listingId: uuid('listing_id')
      .notNull()
      .references(() => ipListings.id),
    offerId: uuid('offer_id')
      .notNull()
      .references(() => ipOffers.id),
    patentId: uuid('patent_id')
      .notNull()
      .references(() => patents.id),
    /** Copied from the listing: the partial unique indexes and the triggers read it here. */
    kind: varchar('kind', { length: 24 }).notNull(),
    sellerEnterpriseId: uuid('seller_enterprise_id')
      .notNull()
      .references(() => enterprises.id),
    townId: uuid('town_id')
      .notNull()
      .references(() => towns.id),
    buyerEnterpriseId: uuid('buyer_enterprise_id').references(() => enterprises.id),
    buyerInstitutionId: uuid('buyer_institution_id').references(() => institutions.id),
    amountFen: bigint('amount_fen', { mode: 'number' }),
    terms: text('terms').notNull().default(''),
    status: varchar('status', { length: 16 }).notNull(),
    contractFileId: uuid('contract_file_id').references(() => files.id),
    /**
     * A licence's term as the contract states it (Shanghai days, inclusive), entered with the contract at completion.
     * An exclusive licence binds only while its term runs (ip_deals_guard); null on licences completed before terms
     * were recorded, which keep binding.
     */
    licenceStartsOn: date('licence_starts_on', { mode: 'string' }),
    licenceEndsOn: date('licence_ends_on', { mode: 'string' }),
    completedBy: uuid('completed_by').references(() => users.id),
    completedAt: timestamp('completed_at', { withTimezone: true }),
    cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
    cancelNote: text('cancel_note'),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('ip_deals_kind', sql`${t.kind} in ('transfer', 'exclusive_licence', 'non_exclusive_licence', 'pledge')`),
    check('ip_deals_status', sql`${t.status} in ('in_progress', 'completed', 'cancelled')`),
    check('ip_deals_buyer', sql`num_nonnulls(${t.buyerEnterpriseId}, ${t.buyerInstitutionId}) = 1`),
    check(
      'ip_deals_completed_contract',
      sql`${t.status} <> 'completed' or (${t.contractFileId} is not null and ${t.completedAt} is not null)`,
    ),
    check(
      'ip_deals_licence_term',
      sql`(${t.licenceStartsOn} is null) = (${t.licenceEndsOn} is null) and (${t.licenceEndsOn} is null or (${t.kind} in ('exclusive_licence', 'non_exclusive_licence') and ${t.licenceEndsOn} >= ${t.licenceStartsOn}))`,
    ),
    unique('ip_deals_offer_key').on(t.offerId),
    // A transfer or exclusive licence in progress excludes every other transfer or exclusive licence of the patent.
    uniqueIndex('ip_deals_one_exclusive_in_progress')
      .on(t.patentId)
      .where(sql`${t.status} = 'in_progress' and ${t.kind} in ('transfer', 'exclusive_licence')`),
    // One pledge at a time being arranged for a patent.
    uniqueIndex('ip_deals_one_pledge_in_progress').on(t.patentId).where(sql`${t.status} = 'in_progress' and ${t.kind} = 'pledge'`),
    index('ip_deals_patent_idx').on(t.patentId),
    index('ip_deals_seller_idx').on(t.sellerEnterpriseId),
    index('ip_deals_buyer_enterprise_idx').on(t.buyerEnterpriseId),
  ],
);

/** An open-licence declaration (开放许可声明): any enterprise may take a licence at the stated fee, without negotiation. */
export const ipOpenLicences = pgTable(
  'ip_open_licences',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    patentId: uuid('patent_id')
      .notNull()
      .references(() => patents.id),
    enterpriseId: uuid('enterprise_id')
      .notNull()
      .references(() => enterprises.id),
    townId: uuid('town_id')
      .notNull()
      .references(() => towns.id),
    /** The licence fee in fen each licensee pays for the licence (for its whole term). */
    feeFen: bigint('fee_fen', { mode: 'number' }).notNull(),
    terms: text('terms').notNull(),
    validFrom: date('valid_from', { mode: 'string' }).notNull(),
    validUntil: date('valid_until', { mode: 'string' }).notNull(),
    status: varchar('status', { length: 16 }).notNull(),
    endedAt: timestamp('ended_at', { withTimezone: true }),
    endNote: text('end_note'),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('ip_open_licences_status', sql`${t.status} in ('active', 'withdrawn', 'ended')`),
    check('ip_open_licences_fee', sql`${t.feeFen} >= 0`),
    check('ip_open_licences_validity', sql`${t.validUntil} >= ${t.validFrom}`),
    uniqueIndex('ip_open_licences_one_active').on(t.patentId).where(sql`${t.status} = 'active'`),
    index('ip_open_licences_status_idx').on(t.status, t.createdAt),
  ],
);

/** A licence taken under a declaration: the licensee's notice and its payment record. */
export const ipOpenLicenceTakes = pgTable(
  'ip_open_licence_takes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    openLicenceId: uuid('open_licence_id')
      .notNull()
      .references(() => ipOpenLicences.id),
    patentId: uuid('patent_id')
      .notNull()
      .references(() => patents.id),
    licenseeEnterpriseId: uuid('licensee_enterprise_id')
      .notNull()
      .references(() => enterprises.id),
    amountFen: bigint('amount_fen', { mode: 'number' }).notNull(),
    paidOn: date('paid_on', { mode: 'string' }).notNull(),
    paymentReference: varchar('payment_reference', { length: 100 }).notNull(),
    notice: text('notice').notNull().default(''),
    /** The licence's term: from the day it is taken to the end of the declaration's validity (Shanghai days). */
    licenceStartsOn: date('licence_starts_on', { mode: 'string' }),
    licenceEndsOn: date('licence_ends_on', { mode: 'string' }),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('ip_open_licence_takes_amount', sql`${t.amountFen} >= 0`),
    check(
      'ip_open_licence_takes_term',
      sql`(${t.licenceStartsOn} is null) = (${t.licenceEndsOn} is null) and (${t.licenceEndsOn} is null or ${t.licenceEndsOn} >= ${t.licenceStartsOn})`,
    ),
    unique('ip_open_licence_takes_once').on(t.openLicenceId, t.licenseeEnterpriseId),
    index('ip_open_licence_takes_patent_idx').on(t.patentId),
  ],
);
