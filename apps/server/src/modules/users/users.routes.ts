import { idParamsSchema } from '@innotown/contracts/common';
import {
  erasureRequestSchema,
  userCreateSchema,
  userListQuerySchema,
  userListSchema,
  userSchema,
  userUpdateSchema,
} from '@innotown/contracts/users';
import { z } from 'zod';
import { notFound } from '../../platform/errors.ts';
import type { App } from '../../platform/http/types.ts';
import { listOf } from '../../platform/pagination.ts';
import { presentUser } from './users.presenter.ts';
import * as repo from './users.repository.ts';
import * as service from './users.service.ts';

const tags = ['users'];

export async function userRoutes(app: App) {
  app.get(
    '/api/v1/users',
    {
      config: { permission: { resource: 'user', action: 'list' } },
      schema: { tags, summary: 'List user accounts', querystring: userListQuerySchema, response: { 200: userListSchema } },
    },
    async (request) => {
      const { items, total } = await repo.listUsers(app.db, request.query);
      return listOf(items.map(presentUser), total, request.query);
    },
  );

  app.get(
    '/api/v1/users/:id',
    {
      config: { permission: { resource: 'user', action: 'read' } },
      schema: { tags, summary: 'One user account', params: idParamsSchema, response: { 200: userSchema } },
    },
    async (request) => {
      const user = await repo.findUserById(app.db, request.params.id);
      if (!user) throw notFound();
      return presentUser(user);
    },
  );

  app.post(
    '/api/v1/users',
    {
      config: { permission: { resource: 'user', action: 'create' } },
      schema: { tags, summary: 'Create a user account', body: userCreateSchema, response: { 201: userSchema } },
    },
    async (request, reply) => {
      const user = await service.createUser(app.db, request.ctx, request.body);
      return reply.status(201).send(presentUser(user));
    },
  );

  app.patch(
    '/api/v1/users/:id',
    {
      config: { permission: { resource: 'user', action: 'update' } },
      schema: { tags, summary: 'Change a user account', params: idParamsSchema, body: userUpdateSchema, response: { 200: userSchema } },
    },
    async (request) => presentUser(await service.updateUser(app.db, request.ctx, request.params.id, request.body)),
  );

  app.post(
    '/api/v1/me/erasure-request',
    {
      config: { permission: { resource: 'me', action: 'update' } },
      schema: {
        tags,
        summary: "Ask the city to erase my account's personal data (the city admins are told; at most once a day)",
        body: erasureRequestSchema,
        response: { 202: z.null() },
      },
    },
    async (request, reply) => {
      await service.requestErasure(app.db, request.ctx, request.body.reason);
      return reply.status(202).send(null);
    },
  );

  app.post(
    '/api/v1/users/:id/erase',
    {
      config: { permission: { resource: 'user', action: 'erase' } },
      schema: {
        tags,
        summary: "Delete an account's personal data on the person's request (PIPL): anonymised, disabled, signed out",
        params: idParamsSchema,
        response: { 200: userSchema },
      },
    },
    async (request) => presentUser(await service.eraseUser(app.db, request.ctx, request.params.id)),
  );
}
