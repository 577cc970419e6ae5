import { idParamsSchema } from '@innotown/contracts/common';
import {
  resourceCreateSchema,
  resourceDetailSchema,
  resourceLinkListSchema,
  resourceLinksBodySchema,
  resourceListQuerySchema,
  resourceListSchema,
  resourceReviewSchema,
  resourceSchema,
  resourceUpdateSchema,
} from '@innotown/contracts/resources';
import { z } from 'zod';
import type { App } from '../../platform/http/types.ts';
import { listOf } from '../../platform/pagination.ts';
import { scopeFilter } from '../../platform/policy.ts';
import { presentLinks, presentResource, presentResourceDetail } from './resources.presenter.ts';
import * as repo from './resources.repository.ts';
import * as service from './resources.service.ts';

const tags = ['resources'];

// `:id` takes uuids only, so the search engineer's static `/api/v1/resources/search` is never read as an id.
export async function resourceRoutes(app: App) {
  app.get(
    '/api/v1/resources',
    {
      config: { permission: { resource: 'resource', action: 'list' } },
      schema: {
        tags,
        summary: 'Resources the caller manages (providers: own institution; town admins: own town; city: all)',
        querystring: resourceListQuerySchema,
        response: { 200: resourceListSchema },
      },
    },
    async (request) => {
      const actor = request.ctx.actor;
      const filter = scopeFilter(actor, { resource: 'resource', action: 'list' }) ?? { kind: 'self' as const, userId: '' };
      const { items, total } = await repo.listResources(app.db, filter, request.query);
      return listOf(
        items.map((r) => presentResource(r, service.revealsContacts(actor, r))),
        total,
        request.query,
      );
    },
  );

  app.get(
    '/api/v1/resources/:id',
    {
      config: { permission: { resource: 'resource', action: 'read' } },
      schema: {
        tags,
        summary: 'One resource (published open ones are public; members-only ones need a sign-in)',
        params: idParamsSchema,
        response: { 200: resourceDetailSchema },
      },
    },
    async (request, reply) => {
      const actor = request.ctx.actor;
      const { resource, links } = await service.getResource(app.db, actor, request.params.id);
      const reveal = await service.contactsRevealed(app.db, request.ctx, resource);
      if (reveal) reply.header('cache-control', 'private, no-store');
      return presentResourceDetail(resource, reveal, links);
    },
  );

  app.post(
    '/api/v1/resources',
    {
      config: { permission: { resource: 'resource', action: 'create' } },
      schema: {
        tags,
        summary: 'Create a draft resource of the own institution',
        body: resourceCreateSchema,
        response: { 201: resourceSchema },
      },
    },
    async (request, reply) => {
      const r = await service.createResource(app.db, request.ctx, request.body);
      return reply.status(201).send(presentResource(r, true));
    },
  );

  app.patch(
    '/api/v1/resources/:id',
    {
      config: { permission: { resource: 'resource', action: 'update' } },
      schema: {
        tags,
        summary: 'Change an own resource (not while under review)',
        params: idParamsSchema,
        body: resourceUpdateSchema,
        response: { 200: resourceSchema },
      },
    },
    async (request) => presentResource(await service.updateResource(app.db, request.ctx, request.params.id, request.body), true),
  );

  app.delete(
    '/api/v1/resources/:id',
    {
      config: { permission: { resource: 'resource', action: 'delete' } },
      schema: { tags, summary: 'Delete an own draft resource', params: idParamsSchema, response: { 204: z.null() } },
    },
    async (request, reply) => {
      await service.deleteResource(app.db, request.ctx, request.params.id);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/v1/resources/:id/submit',
    {
      config: { permission: { resource: 'resource', action: 'submit' } },
      schema: {
        tags,
        summary: 'Submit a draft or returned resource for review',
        params: idParamsSchema,
        response: { 200: resourceSchema },
      },
    },
    async (request) => presentResource(await service.submitResource(app.db, request.ctx, request.params.id), true),
  );

  app.post(
    '/api/v1/resources/:id/review',
    {
      config: { permission: { resource: 'resource', action: 'review' } },
      schema: {
        tags,
        summary: 'Publish or return a submitted resource (town admins: own town)',
        params: idParamsSchema,
        body: resourceReviewSchema,
        response: { 200: resourceSchema },
      },
    },
    async (request) => {
      const r = await service.reviewResource(app.db, request.ctx, request.params.id, request.body);
      return presentResource(r, service.revealsContacts(request.ctx.actor, r));
    },
  );

  app.put(
    '/api/v1/resources/:id/links',
    {
      config: { permission: { resource: 'resource', action: 'update' } },
      schema: {
        tags,
        summary: "Replace an own resource's links (an instrument located in a lab, an expert leading a lab, …)",
        params: idParamsSchema,
        body: resourceLinksBodySchema,
        response: { 200: resourceLinkListSchema },
      },
    },
    async (request) => ({ items: presentLinks(await service.replaceLinks(app.db, request.ctx, request.params.id, request.body)) }),
  );
}
