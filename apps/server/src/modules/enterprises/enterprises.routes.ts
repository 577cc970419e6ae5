import { idParamsSchema } from '@innotown/contracts/common';
import {
  annualFiguresBodySchema,
  annualFiguresListSchema,
  annualFiguresSchema,
  enterpriseCreateSchema,
  enterpriseListQuerySchema,
  enterpriseListSchema,
  enterpriseSchema,
  enterpriseUpdateSchema,
  yearParamsSchema,
} from '@innotown/contracts/enterprises';
import type { App } from '../../platform/http/types.ts';
import { listOf } from '../../platform/pagination.ts';
import { scopeFilter } from '../../platform/policy.ts';
import { presentEnterprise, presentFigures } from './enterprises.presenter.ts';
import * as repo from './enterprises.repository.ts';
import * as service from './enterprises.service.ts';

const tags = ['enterprises'];

export async function enterpriseRoutes(app: App) {
  app.get(
    '/api/v1/enterprises',
    {
      config: { permission: { resource: 'enterprise', action: 'list' } },
      schema: {
        tags,
        summary: 'List enterprises in the caller’s scope',
        querystring: enterpriseListQuerySchema,
        response: { 200: enterpriseListSchema },
      },
    },
    async (request, reply) => {
      const scope = scopeFilter(request.ctx.actor, { resource: 'enterprise', action: 'list' });
      const { items, total } = scope ? await repo.listEnterprises(app.db, scope, request.query) : { items: [], total: 0 };
      reply.header('cache-control', 'no-store');
      return listOf(
        items.map((e) => presentEnterprise(e, request.ctx.actor)),
        total,
        request.query,
      );
    },
  );

  app.get(
    '/api/v1/enterprises/:id',
    {
      config: { permission: { resource: 'enterprise', action: 'read' } },
      schema: { tags, summary: 'One enterprise', params: idParamsSchema, response: { 200: enterpriseSchema } },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return presentEnterprise(await service.getEnterprise(app.db, request.ctx, request.params.id), request.ctx.actor);
    },
  );

  app.post(
    '/api/v1/enterprises',
    {
      config: { permission: { resource: 'enterprise', action: 'create' } },
      schema: { tags, summary: 'Register an enterprise', body: enterpriseCreateSchema, response: { 201: enterpriseSchema } },
    },
    async (request, reply) =>
      reply.status(201).send(presentEnterprise(await service.createEnterprise(app.db, request.ctx, request.body), request.ctx.actor)),
  );

  app.patch(
    '/api/v1/enterprises/:id',
    {
      config: { permission: { resource: 'enterprise', action: 'update' } },
      schema: {
        tags,
        summary: 'Change an enterprise (an enterprise user may change its own profile fields only)',
        params: idParamsSchema,
        body: enterpriseUpdateSchema,
        response: { 200: enterpriseSchema },
      },
    },
    async (request) =>
      presentEnterprise(await service.updateEnterprise(app.db, request.ctx, request.params.id, request.body), request.ctx.actor),
  );

  app.get(
    '/api/v1/enterprises/:id/figures',
    {
      config: { permission: { resource: 'enterpriseFigures', action: 'read' } },
      schema: { tags, summary: 'Annual figures of an enterprise', params: idParamsSchema, response: { 200: annualFiguresListSchema } },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return { items: (await service.listFigures(app.db, request.ctx, request.params.id)).map(presentFigures) };
    },
  );

  app.put(
    '/api/v1/enterprises/:id/figures/:year',
    {
      config: { permission: { resource: 'enterpriseFigures', action: 'update' } },
      schema: {
        tags,
        summary: 'Report or correct one year’s figures (money in fen)',
        params: yearParamsSchema,
        body: annualFiguresBodySchema,
        response: { 200: annualFiguresSchema },
      },
    },
    async (request) => presentFigures(await service.saveFigures(app.db, request.ctx, request.params.id, request.params.year, request.body)),
  );
}
