import { idParamsSchema } from '@innotown/contracts/common';
import {
  quoteActionSchema,
  quoteCreateSchema,
  quoteDeclineSchema,
  quoteParamsSchema,
  requirementAttachmentParamsSchema,
  requirementCancelSchema,
  requirementCreateSchema,
  requirementListQuerySchema,
  requirementListSchema,
  requirementSchema,
} from '@innotown/contracts/service-requirements';
import type { App } from '../../platform/http/types.ts';
import { listOf } from '../../platform/pagination.ts';
import { sendStoredFile } from '../files/files.download.ts';
import { presentRequirement } from './service-requirements.presenter.ts';
import * as service from './service-requirements.service.ts';

const tags = ['service-requirements'];
const BASE = '/api/v1/service-requirements';

export async function serviceRequirementRoutes(app: App) {
  app.get(
    `${BASE}/:id/attachments/:fileId/content`,
    {
      config: { permission: { resource: 'serviceRequirement', action: 'read' } },
      schema: {
        tags,
        summary: 'Download an attachment of a requirement (everyone who may read the requirement; always as an attachment)',
        params: requirementAttachmentParamsSchema,
      },
    },
    async (request, reply) => {
      const file = await service.readAttachment(app.db, request.ctx, request.params.id, request.params.fileId);
      return sendStoredFile(reply, file);
    },
  );

  app.post(
    BASE,
    {
      config: { permission: { resource: 'serviceRequirement', action: 'create' } },
      schema: {
        tags,
        summary:
          'Enterprise: post a requirement (需求) for alliance members to quote on, with an optional budget in fen and a quote deadline',
        body: requirementCreateSchema,
        response: { 201: requirementSchema },
      },
    },
    async (request, reply) =>
      reply.status(201).send(presentRequirement(await service.createRequirement(app.db, request.ctx, request.body))),
  );

  app.get(
    BASE,
    {
      config: { permission: { resource: 'serviceRequirement', action: 'list' } },
      schema: {
        tags,
        summary:
          'Requirements in the caller’s scope (enterprise: own; provider: open ones of every town and those it quoted on; town admin: its town)',
        querystring: requirementListQuerySchema,
        response: { 200: requirementListSchema },
      },
    },
    async (request) => {
      const { items, total } = await service.listRequirements(app.db, request.ctx, request.query);
      return listOf(items.map(presentRequirement), total, request.query);
    },
  );

  app.get(
    `${BASE}/:id`,
    {
      config: { permission: { resource: 'serviceRequirement', action: 'read' } },
      schema: {
        tags,
        summary: 'One requirement with its quotes (a provider sees only its own quote)',
        params: idParamsSchema,
        response: { 200: requirementSchema },
      },
    },
    async (request) => presentRequirement(await service.findRequirement(app.db, request.ctx, request.params.id)),
  );

  app.post(
    `${BASE}/:id/cancel`,
    {
      config: { permission: { resource: 'serviceRequirement', action: 'cancel' } },
      schema: {
        tags,
        summary: 'Enterprise: cancel an open requirement',
        params: idParamsSchema,
        body: requirementCancelSchema,
        response: { 200: requirementSchema },
      },
    },
    async (request) => presentRequirement(await service.cancelRequirement(app.db, request.ctx, request.params.id, request.body.note)),
  );

  app.post(
    `${BASE}/:id/quotes`,
    {
      config: { permission: { resource: 'requirementQuote', action: 'create' } },
      schema: {
        tags,
        summary: 'Provider: quote on an open requirement with a published service of the own institution in its category (one live quote)',
        params: idParamsSchema,
        body: quoteCreateSchema,
        response: { 201: requirementSchema },
      },
    },
    async (request, reply) =>
      reply.status(201).send(presentRequirement(await service.createQuote(app.db, request.ctx, request.params.id, request.body))),
  );

  app.post(
    `${BASE}/:id/quotes/:quoteId/withdraw`,
    {
      config: { permission: { resource: 'requirementQuote', action: 'withdraw' } },
      schema: {
        tags,
        summary: 'Provider: withdraw the own quote while the requirement is open',
        params: quoteParamsSchema,
        body: quoteActionSchema,
        response: { 200: requirementSchema },
      },
    },
    async (request) => presentRequirement(await service.withdrawQuote(app.db, request.ctx, request.params.id, request.params.quoteId)),
  );

  app.post(
    `${BASE}/:id/quotes/:quoteId/accept`,
    {
      config: { permission: { resource: 'serviceRequirement', action: 'respond' } },
      schema: {
        tags,
        summary: 'Enterprise: accept one quote — the requirement is awarded, other quotes declined, an accepted order created',
        params: quoteParamsSchema,
        body: quoteActionSchema,
        response: { 200: requirementSchema },
      },
    },
    async (request) => presentRequirement(await service.acceptQuote(app.db, request.ctx, request.params.id, request.params.quoteId)),
  );

  app.post(
    `${BASE}/:id/quotes/:quoteId/decline`,
    {
      config: { permission: { resource: 'serviceRequirement', action: 'respond' } },
      schema: {
        tags,
        summary: 'Enterprise: decline one quote with a structured reason and a comment',
        params: quoteParamsSchema,
        body: quoteDeclineSchema,
        response: { 200: requirementSchema },
      },
    },
    async (request) =>
      presentRequirement(await service.declineQuote(app.db, request.ctx, request.params.id, request.params.quoteId, request.body)),
  );
}
