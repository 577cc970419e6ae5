import { idParamsSchema } from '@innotown/contracts/common';
import {
  institutionCreateSchema,
  institutionListQuerySchema,
  institutionListSchema,
  institutionSchema,
  institutionUpdateSchema,
} from '@innotown/contracts/institutions';
import { notFound } from '../../platform/errors.ts';
import type { App } from '../../platform/http/types.ts';
import { listOf } from '../../platform/pagination.ts';
import { presentInstitution } from './institutions.presenter.ts';
import * as repo from './institutions.repository.ts';
import * as service from './institutions.service.ts';

const tags = ['institutions'];

export async function institutionRoutes(app: App) {
  app.get(
    '/api/v1/institutions',
    {
      config: { permission: { resource: 'institution', action: 'list' } },
      schema: {
        tags,
        summary: 'List institutions (public directory)',
        querystring: institutionListQuerySchema,
        response: { 200: institutionListSchema },
      },
    },
    async (request) => {
      const { items, total } = await repo.listInstitutions(app.db, request.query);
      return listOf(items.map(presentInstitution), total, request.query);
    },
  );

  app.get(
    '/api/v1/institutions/:id',
    {
      config: { permission: { resource: 'institution', action: 'read' } },
      schema: { tags, summary: 'One institution', params: idParamsSchema, response: { 200: institutionSchema } },
    },
    async (request) => {
      const i = await repo.findInstitution(app.db, request.params.id);
      if (!i) throw notFound();
      return presentInstitution(i);
    },
  );

  app.post(
    '/api/v1/institutions',
    {
      config: { permission: { resource: 'institution', action: 'create' } },
      schema: { tags, summary: 'Create an institution', body: institutionCreateSchema, response: { 201: institutionSchema } },
    },
    async (request, reply) =>
      reply.status(201).send(presentInstitution(await service.createInstitution(app.db, request.ctx, request.body))),
  );

  app.patch(
    '/api/v1/institutions/:id',
    {
      config: { permission: { resource: 'institution', action: 'update' } },
      schema: {
        tags,
        summary: 'Change an institution (providers and financiers: their own profile fields only)',
        params: idParamsSchema,
        body: institutionUpdateSchema,
        response: { 200: institutionSchema },
      },
    },
    async (request) => presentInstitution(await service.updateInstitution(app.db, request.ctx, request.params.id, request.body)),
  );
}
