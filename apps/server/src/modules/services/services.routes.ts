import { idParamsSchema } from '@innotown/contracts/common';
import {
  membershipApplySchema,
  membershipDecisionSchema,
  membershipListQuerySchema,
  membershipListSchema,
  membershipSchema,
  serviceCreateSchema,
  serviceListQuerySchema,
  serviceListSchema,
  serviceProviderSchema,
  serviceSchema,
  serviceSearchQuerySchema,
  serviceSearchResultSchema,
  serviceUpdateSchema,
} from '@innotown/contracts/services';
import type { App } from '../../platform/http/types.ts';
import { limitOffset, listOf } from '../../platform/pagination.ts';
import { scopeFilter } from '../../platform/policy.ts';
import { presentMembership, presentService } from './services.presenter.ts';
import * as repo from './services.repository.ts';
import * as service from './services.service.ts';

const tags = ['services'];
const NOTHING = { kind: 'self' as const, userId: '' };

// `:id` takes uuids only, so the static `/api/v1/services/search` is never read as an id.
export async function serviceRoutes(app: App) {
  app.get(
    '/api/v1/alliance/memberships',
    {
      config: { permission: { resource: 'allianceMembership', action: 'list' } },
      schema: {
        tags,
        summary: 'Alliance applications and members (city admins: all, the review queue with status=applied; providers: their own)',
        querystring: membershipListQuerySchema,
        response: { 200: membershipListSchema },
      },
    },
    async (request) => {
      const filter = scopeFilter(request.ctx.actor, { resource: 'allianceMembership', action: 'list' }) ?? NOTHING;
      const { limit, offset } = limitOffset(request.query);
      const { items, total } = await repo.listMemberships(app.db, filter, request.query, limit, offset);
      return listOf(items.map(presentMembership), total, request.query);
    },
  );

  app.post(
    '/api/v1/alliance/memberships',
    {
      config: { permission: { resource: 'allianceMembership', action: 'create' } },
      schema: {
        tags,
        summary: 'Apply for the own institution to join the service alliance (公共服务平台联盟)',
        body: membershipApplySchema,
        response: { 201: membershipSchema },
      },
    },
    async (request, reply) =>
      reply.status(201).send(presentMembership(await service.applyForMembership(app.db, request.ctx, request.body.statement))),
  );

  app.post(
    '/api/v1/alliance/memberships/:id/decide',
    {
      config: { permission: { resource: 'allianceMembership', action: 'review' } },
      schema: {
        tags,
        summary: 'Approve or reject an application (a reason is required to reject)',
        params: idParamsSchema,
        body: membershipDecisionSchema,
        response: { 200: membershipSchema },
      },
    },
    async (request) => presentMembership(await service.decideMembership(app.db, request.ctx, request.params.id, request.body)),
  );

  app.get(
    '/api/v1/services/search',
    {
      config: { rateLimit: 'search', permission: { resource: 'serviceSearch', action: 'read' } },
      schema: {
        tags,
        summary: 'Search the service marketplace (服务超市; open, anonymous callers included)',
        description:
          'Published services of alliance members. Chinese words are segmented as in the resource search (jieba with ' +
          'the domain dictionary); all words must match; the title weighs more than the description. Filters: ' +
          'category, town, provider, price range in fen (services whose price range overlaps it). Facets count each ' +
          'value with the other filters applied. Sort: relevance (default with q), newest (default without), price.',
        querystring: serviceSearchQuerySchema,
        response: { 200: serviceSearchResultSchema },
      },
    },
    async (request) => service.searchServices(app.db, request.query),
  );

  app.get(
    '/api/v1/services',
    {
      config: { permission: { resource: 'service', action: 'list' } },
      schema: {
        tags,
        summary: 'Services the caller manages or oversees (providers: own institution; town admins: own town; city: all)',
        querystring: serviceListQuerySchema,
        response: { 200: serviceListSchema },
      },
    },
    async (request) => {
      const filter = scopeFilter(request.ctx.actor, { resource: 'service', action: 'list' }) ?? NOTHING;
      const { limit, offset } = limitOffset(request.query);
      const { items, total } = await repo.listServices(app.db, filter, request.query, limit, offset);
      return listOf(items.map(presentService), total, request.query);
    },
  );

  app.get(
    '/api/v1/services/:id',
    {
      config: { permission: { resource: 'service', action: 'read' } },
      schema: {
        tags,
        summary: 'One service (published services of alliance members are public)',
        params: idParamsSchema,
        response: { 200: serviceSchema },
      },
    },
    async (request) => presentService(await service.getService(app.db, request.ctx.actor, request.params.id)),
  );

  app.post(
    '/api/v1/services',
    {
      config: { permission: { resource: 'service', action: 'create' } },
      schema: {
        tags,
        summary: 'Create a draft service of the own institution',
        body: serviceCreateSchema,
        response: { 201: serviceSchema },
      },
    },
    async (request, reply) => reply.status(201).send(presentService(await service.createService(app.db, request.ctx, request.body))),
  );

  app.patch(
    '/api/v1/services/:id',
    {
      config: { permission: { resource: 'service', action: 'update' } },
      schema: {
        tags,
        summary: 'Change an own service (prices in fen)',
        params: idParamsSchema,
        body: serviceUpdateSchema,
        response: { 200: serviceSchema },
      },
    },
    async (request) => presentService(await service.updateService(app.db, request.ctx, request.params.id, request.body)),
  );

  app.post(
    '/api/v1/services/:id/publish',
    {
      config: { permission: { resource: 'service', action: 'publish' } },
      schema: {
        tags,
        summary: 'Publish a draft or withdrawn service (alliance members only)',
        params: idParamsSchema,
        response: { 200: serviceSchema },
      },
    },
    async (request) => presentService(await service.publishService(app.db, request.ctx, request.params.id)),
  );

  app.post(
    '/api/v1/services/:id/withdraw',
    {
      config: { permission: { resource: 'service', action: 'withdraw' } },
      schema: { tags, summary: 'Take a published service off the marketplace', params: idParamsSchema, response: { 200: serviceSchema } },
    },
    async (request) => presentService(await service.withdrawService(app.db, request.ctx, request.params.id)),
  );

  app.get(
    '/api/v1/service-providers/:id',
    {
      config: { permission: { resource: 'serviceProvider', action: 'read' } },
      schema: {
        tags,
        summary: 'A provider page: profile, published services and delivery record (alliance members are public)',
        description:
          'The record counts what exists: published services, shared instruments, completed bookings. Order ' +
          'figures (delivered orders, ratings) are null until service orders exist.',
        params: idParamsSchema,
        response: { 200: serviceProviderSchema },
      },
    },
    async (request) => service.providerPage(app.db, request.ctx.actor, request.params.id),
  );
}
