import { idParamsSchema } from '@innotown/contracts/common';
import { townCreateSchema, townListQuerySchema, townListSchema, townSchema, townUpdateSchema } from '@innotown/contracts/towns';
import { notFound } from '../../platform/errors.ts';
import type { App } from '../../platform/http/types.ts';
import { limitOffset, listOf } from '../../platform/pagination.ts';
import { presentTown } from './towns.presenter.ts';
import * as repo from './towns.repository.ts';
import * as service from './towns.service.ts';

const tags = ['towns'];

export async function townRoutes(app: App) {
  app.get(
    '/api/v1/towns',
    {
      config: { permission: { resource: 'town', action: 'list' } },
      schema: { tags, summary: 'List the specialized towns (镇街)', querystring: townListQuerySchema, response: { 200: townListSchema } },
    },
    async (request) => {
      const { items, total } = await repo.listTowns(app.db, { q: request.query.q, ...limitOffset(request.query) });
      return listOf(items.map(presentTown), total, request.query);
    },
  );

  app.get(
    '/api/v1/towns/:id',
    {
      config: { permission: { resource: 'town', action: 'read' } },
      schema: { tags, summary: 'One town', params: idParamsSchema, response: { 200: townSchema } },
    },
    async (request) => {
      const town = await repo.findTown(app.db, request.params.id);
      if (!town) throw notFound();
      return presentTown(town);
    },
  );

  app.post(
    '/api/v1/towns',
    {
      config: { permission: { resource: 'town', action: 'create' } },
      schema: { tags, summary: 'Create a town', body: townCreateSchema, response: { 201: townSchema } },
    },
    async (request, reply) => reply.status(201).send(presentTown(await service.createTown(app.db, request.ctx, request.body))),
  );

  app.patch(
    '/api/v1/towns/:id',
    {
      config: { permission: { resource: 'town', action: 'update' } },
      schema: { tags, summary: 'Change a town', params: idParamsSchema, body: townUpdateSchema, response: { 200: townSchema } },
    },
    async (request) => presentTown(await service.updateTown(app.db, request.ctx, request.params.id, request.body)),
  );
}
