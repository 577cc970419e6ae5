import { idParamsSchema } from '@innotown/contracts/common';
import {
  dealCompleteSchema,
  dealListQuerySchema,
  dealListSchema,
  dealSchema,
  listingCreateSchema,
  listingListSchema,
  listingReviewSchema,
  listingSchema,
  myListingsQuerySchema,
  myPatentListSchema,
  noteSchema,
  offerCounterSchema,
  offerCreateSchema,
  offerDeclineSchema,
  offerListQuerySchema,
  offerListSchema,
  offerMessageSchema,
  offerSchema,
  openLicenceCreateSchema,
  openLicenceListSchema,
  openLicenceQuerySchema,
  openLicenceSchema,
  openLicenceTakeSchema,
  showcaseQuerySchema,
  statisticsQuerySchema,
  statisticsSchema,
} from '@innotown/contracts/ip-trading';
import type { App } from '../../platform/http/types.ts';
import { listOf } from '../../platform/pagination.ts';
import { sendStoredFile } from '../files/files.download.ts';
import { statistics } from './ip-statistics.service.ts';
import { presentDeal, presentListing, presentMyPatent, presentOffer, presentOpenLicence } from './ip-trading.presenter.ts';
import * as service from './ip-trading.service.ts';
import './ip-trading.timeline.ts';
import * as openLicences from './open-licences.service.ts';

const tags = ['ip-trading'];
const BASE = '/api/v1/ip-market';

export async function ipTradingRoutes(app: App) {
  // ------------------------------------------------------------ listings
  app.get(
    `${BASE}/listings`,
    {
      config: { permission: { resource: 'ipListing', action: 'read' } },
      schema: {
        tags,
        summary: 'The public showcase (展示): published listings, searched by patent title/abstract words, kind, IPC prefix, town, price',
        querystring: showcaseQuerySchema,
        response: { 200: listingListSchema },
      },
    },
    async (request) => {
      const { items, total } = await service.showcase(app.db, request.ctx, request.query);
      return listOf(items.map(presentListing), total, request.query);
    },
  );

  app.get(
    `${BASE}/listings/:id`,
    {
      config: { permission: { resource: 'ipListing', action: 'read' } },
      schema: {
        tags,
        summary: 'One listing: public once published; in review for its seller, the town admin of its town and the city',
        params: idParamsSchema,
        response: { 200: listingSchema },
      },
    },
    async (request) => presentListing(await service.findListing(app.db, request.ctx, request.params.id)),
  );

  app.get(
    `${BASE}/manage/listings`,
    {
      config: { permission: { resource: 'ipListing', action: 'list' } },
      schema: {
        tags,
        summary:
          'Listings to manage: an enterprise its own, a town admin its town’s sellers (review queue: status=submitted), the city all',
        querystring: myListingsQuerySchema,
        response: { 200: listingListSchema },
      },
    },
    async (request) => {
      const { items, total } = await service.listListings(app.db, request.ctx, request.query);
      return listOf(items.map(presentListing), total, request.query);
    },
  );

  app.get(
    `${BASE}/my-patents`,
    {
      config: { permission: { resource: 'ipMyPatents', action: 'list' } },
      schema: {
        tags,
        summary: 'Enterprise: the patents its enterprise owns (owner_enterprise_ids), with live listings and open-licence state',
        response: { 200: myPatentListSchema },
      },
    },
    async (request) => ({ items: (await service.myPatents(app.db, request.ctx)).map(presentMyPatent) }),
  );

  app.post(
    `${BASE}/listings`,
    {
      config: { permission: { resource: 'ipListing', action: 'create' } },
      schema: {
        tags,
        summary: 'Enterprise (a current owner): list a patent in force for transfer, licence or pledge; goes to review',
        body: listingCreateSchema,
        response: { 201: listingSchema },
      },
    },
    async (request, reply) => reply.status(201).send(presentListing(await service.createListing(app.db, request.ctx, request.body))),
  );

  app.post(
    `${BASE}/listings/:id/review`,
    {
      config: { permission: { resource: 'ipListing', action: 'review' } },
      schema: {
        tags,
        summary: 'Town admin of the seller’s town or the city: publish or reject (with a note) a submitted listing',
        params: idParamsSchema,
        body: listingReviewSchema,
        response: { 200: listingSchema },
      },
    },
    async (request) => presentListing(await service.reviewListing(app.db, request.ctx, request.params.id, request.body)),
  );

  app.post(
    `${BASE}/listings/:id/withdraw`,
    {
      config: { permission: { resource: 'ipListing', action: 'withdraw' } },
      schema: {
        tags,
        summary: 'Seller: withdraw a listing in review or on show (its open offers are declined)',
        params: idParamsSchema,
        body: noteSchema,
        response: { 200: listingSchema },
      },
    },
    async (request) => presentListing(await service.withdrawListing(app.db, request.ctx, request.params.id)),
  );

  // ------------------------------------------------------------ offers
  app.post(
    `${BASE}/listings/:id/offers`,
    {
      config: { permission: { resource: 'ipOffer', action: 'create' } },
      schema: {
        tags,
        summary: 'Make an offer (amount and/or terms) on a published listing: enterprises on transfers and licences, banks on pledges',
        params: idParamsSchema,
        body: offerCreateSchema,
        response: { 201: offerSchema },
      },
    },
    async (request, reply) =>
      reply.status(201).send(presentOffer(await service.createOffer(app.db, request.ctx, request.params.id, request.body))),
  );

  app.get(
    `${BASE}/offers`,
    {
      config: { permission: { resource: 'ipOffer', action: 'list' } },
      schema: {
        tags,
        summary: 'Offers the caller is a party of (side=buyer|seller), or of its town’s sellers (town admin), or all (city)',
        querystring: offerListQuerySchema,
        response: { 200: offerListSchema },
      },
    },
    async (request) => {
      const { items, total } = await service.listOffers(app.db, request.ctx, request.query);
      return listOf(items.map(presentOffer), total, request.query);
    },
  );

  app.get(
    `${BASE}/offers/:id`,
    {
      config: { permission: { resource: 'ipOffer', action: 'read' } },
      schema: {
        tags,
        summary: 'One offer with its negotiation thread (parties and admins)',
        params: idParamsSchema,
        response: { 200: offerSchema },
      },
    },
    async (request) => presentOffer(await service.findOffer(app.db, request.ctx, request.params.id)),
  );

  app.post(
    `${BASE}/offers/:id/messages`,
    {
      config: { permission: { resource: 'ipOffer', action: 'respond' } },
      schema: {
        tags,
        summary: 'A party: post a message in the negotiation thread of an open offer',
        params: idParamsSchema,
        body: offerMessageSchema,
        response: { 200: offerSchema },
      },
    },
    async (request) => presentOffer(await service.postMessage(app.db, request.ctx, request.params.id, request.body.body)),
  );

  app.post(
    `${BASE}/offers/:id/counter`,
    {
      config: { permission: { resource: 'ipOffer', action: 'respond' } },
      schema: {
        tags,
        summary: 'The side whose turn it is: a counter-offer with a new amount (the turn passes to the other side)',
        params: idParamsSchema,
        body: offerCounterSchema,
        response: { 200: offerSchema },
      },
    },
    async (request) => presentOffer(await service.counterOffer(app.db, request.ctx, request.params.id, request.body)),
  );

  app.post(
    `${BASE}/offers/:id/accept`,
    {
      config: { permission: { resource: 'ipOffer', action: 'respond' } },
      schema: {
        tags,
        summary: 'The side whose turn it is: accept the amount on the table — a deal in progress is created (trading rules apply)',
        params: idParamsSchema,
        body: noteSchema,
        response: { 200: offerSchema },
      },
    },
    async (request) => presentOffer(await service.acceptOffer(app.db, request.ctx, request.params.id)),
  );

  app.post(
    `${BASE}/offers/:id/decline`,
    {
      config: { permission: { resource: 'ipOffer', action: 'respond' } },
      schema: {
        tags,
        summary: 'The side whose turn it is: decline with a structured reason (price, too early, wrong technology, terms, other + note)',
        params: idParamsSchema,
        body: offerDeclineSchema,
        response: { 200: offerSchema },
      },
    },
    async (request) => presentOffer(await service.declineOffer(app.db, request.ctx, request.params.id, request.body)),
  );

  app.post(
    `${BASE}/offers/:id/withdraw`,
    {
      config: { permission: { resource: 'ipOffer', action: 'respond' } },
      schema: { tags, summary: 'Buyer: withdraw an open offer', params: idParamsSchema, body: noteSchema, response: { 200: offerSchema } },
    },
    async (request) => presentOffer(await service.withdrawOffer(app.db, request.ctx, request.params.id)),
  );

  // ------------------------------------------------------------ deals
  app.get(
    `${BASE}/deals`,
    {
      config: { permission: { resource: 'ipDeal', action: 'list' } },
      schema: {
        tags,
        summary: 'Deals of the caller (either side), its town’s sellers (town admin) or all (city)',
        querystring: dealListQuerySchema,
        response: { 200: dealListSchema },
      },
    },
    async (request) => {
      const { items, total } = await service.listDeals(app.db, request.ctx, request.query);
      return listOf(items.map(presentDeal), total, request.query);
    },
  );

  app.get(
    `${BASE}/deals/:id`,
    {
      config: { permission: { resource: 'ipDeal', action: 'read' } },
      schema: { tags, summary: 'One deal with the patent’s trading events', params: idParamsSchema, response: { 200: dealSchema } },
    },
    async (request) => presentDeal(await service.findDeal(app.db, request.ctx, request.params.id)),
  );

  app.get(
    `${BASE}/deals/:id/contract`,
    {
      config: { permission: { resource: 'ipDeal', action: 'read' } },
      schema: {
        tags,
        summary: 'Download the contract of a completed deal (parties and admins; always as an attachment)',
        params: idParamsSchema,
      },
    },
    async (request, reply) => sendStoredFile(reply, await service.readContract(app.db, request.ctx, request.params.id)),
  );

  app.post(
    `${BASE}/deals/:id/complete`,
    {
      config: { permission: { resource: 'ipDeal', action: 'complete' } },
      schema: {
        tags,
        summary:
          'Seller: record the signed contract (an own attachment upload: PDF, Word or image ≤ 20 MB) — the deal completes and the patent’s legal status changes',
        params: idParamsSchema,
        body: dealCompleteSchema,
        response: { 200: dealSchema },
      },
    },
    async (request) => presentDeal(await service.completeDeal(app.db, request.ctx, request.params.id, request.body)),
  );

  app.post(
    `${BASE}/deals/:id/cancel`,
    {
      config: { permission: { resource: 'ipDeal', action: 'cancel' } },
      schema: {
        tags,
        summary: 'Either party: cancel a deal in progress',
        params: idParamsSchema,
        body: noteSchema,
        response: { 200: dealSchema },
      },
    },
    async (request) => presentDeal(await service.cancelDeal(app.db, request.ctx, request.params.id, request.body.note)),
  );

  // ------------------------------------------------------------ open licences
  app.get(
    `${BASE}/open-licences`,
    {
      config: { permission: { resource: 'ipOpenLicence', action: 'list' } },
      schema: {
        tags,
        summary: 'Patents declared open for licensing (开放许可; public, active ones), or mine=true: the enterprise’s own declarations',
        querystring: openLicenceQuerySchema,
        response: { 200: openLicenceListSchema },
      },
    },
    async (request) => {
      const { items, total } = await openLicences.listOpenLicences(app.db, request.ctx, request.query);
      return listOf(items.map(presentOpenLicence), total, request.query);
    },
  );

  app.get(
    `${BASE}/open-licences/:id`,
    {
      config: { permission: { resource: 'ipOpenLicence', action: 'read' } },
      schema: { tags, summary: 'One open-licence declaration', params: idParamsSchema, response: { 200: openLicenceSchema } },
    },
    async (request) => presentOpenLicence(await openLicences.findOpenLicence(app.db, request.ctx, request.params.id)),
  );

  app.post(
    `${BASE}/open-licences`,
    {
      config: { permission: { resource: 'ipOpenLicence', action: 'create' } },
      schema: {
        tags,
        summary: 'Enterprise (a current owner): declare a patent in force open for licensing at a fee, terms and validity',
        body: openLicenceCreateSchema,
        response: { 201: openLicenceSchema },
      },
    },
    async (request, reply) => reply.status(201).send(presentOpenLicence(await openLicences.declare(app.db, request.ctx, request.body))),
  );

  app.post(
    `${BASE}/open-licences/:id/withdraw`,
    {
      config: { permission: { resource: 'ipOpenLicence', action: 'withdraw' } },
      schema: {
        tags,
        summary: 'Owner: withdraw a declaration (licences already taken stay)',
        params: idParamsSchema,
        body: noteSchema,
        response: { 200: openLicenceSchema },
      },
    },
    async (request) => presentOpenLicence(await openLicences.withdraw(app.db, request.ctx, request.params.id, request.body.note)),
  );

  app.post(
    `${BASE}/open-licences/:id/licences`,
    {
      config: { permission: { resource: 'ipOpenLicence', action: 'take' } },
      schema: {
        tags,
        summary: 'Enterprise: take an open licence by notice and payment record (amount ≥ fee, date, reference) — no negotiation',
        params: idParamsSchema,
        body: openLicenceTakeSchema,
        response: { 201: openLicenceSchema },
      },
    },
    async (request, reply) =>
      reply.status(201).send(presentOpenLicence(await openLicences.take(app.db, request.ctx, request.params.id, request.body))),
  );

  // ------------------------------------------------------------ statistics
  app.get(
    `${BASE}/statistics`,
    {
      config: { permission: { resource: 'ipStatistics', action: 'read' } },
      schema: {
        tags,
        summary: 'Trading statistics: listings, deals and deal value by year, seller’s town, industry and kind (public aggregates)',
        querystring: statisticsQuerySchema,
        response: { 200: statisticsSchema },
      },
    },
    async (request) => statistics(app.db, request.query.year),
  );
}
