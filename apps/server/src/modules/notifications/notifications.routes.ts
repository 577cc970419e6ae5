import { idParamsSchema } from '@innotown/contracts/common';
import { notificationListQuerySchema, notificationListSchema, notificationSchema } from '@innotown/contracts/platform';
import { z } from 'zod';
import { notFound } from '../../platform/errors.ts';
import type { App } from '../../platform/http/types.ts';
import { limitOffset, listOf } from '../../platform/pagination.ts';
import { type Actor, type Permission, scopeFilter } from '../../platform/policy.ts';
import { presentNotification } from './notifications.presenter.ts';
import * as repo from './notifications.repository.ts';
import * as service from './notifications.service.ts';

const tags = ['notifications'];
const LIST: Permission = { resource: 'notification', action: 'list' };
const UPDATE: Permission = { resource: 'notification', action: 'update' };

/** Notifications are always the caller's own: the 'self' scope yields their user id. */
function ownerOf(actor: Actor, permission: Permission): string | null {
  const scope = scopeFilter(actor, permission);
  return scope?.kind === 'self' ? scope.userId : null;
}

export async function notificationRoutes(app: App) {
  app.get(
    '/api/v1/notifications',
    {
      config: { permission: LIST },
      schema: {
        tags,
        summary: 'My notifications, newest first, with the number unread',
        querystring: notificationListQuerySchema,
        response: { 200: notificationListSchema },
      },
    },
    async (request, reply) => {
      const userId = ownerOf(request.ctx.actor, LIST);
      const { items, total, unread } = userId
        ? await repo.listNotifications(app.db, userId, { unread: request.query.unread, ...limitOffset(request.query) })
        : { items: [], total: 0, unread: 0 };
      reply.header('cache-control', 'no-store');
      return { ...listOf(items.map(presentNotification), total, request.query), unread };
    },
  );

  app.post(
    '/api/v1/notifications/:id/read',
    {
      config: { permission: UPDATE },
      schema: { tags, summary: 'Mark one of my notifications read', params: idParamsSchema, response: { 200: notificationSchema } },
    },
    async (request) => {
      const userId = ownerOf(request.ctx.actor, UPDATE);
      if (!userId) throw notFound();
      return presentNotification(await service.markRead(app.db, userId, request.params.id));
    },
  );

  app.post(
    '/api/v1/notifications/read-all',
    {
      config: { permission: UPDATE },
      schema: { tags, summary: 'Mark all my notifications read', response: { 204: z.null() } },
    },
    async (request, reply) => {
      const userId = ownerOf(request.ctx.actor, UPDATE);
      if (userId) await service.markAllRead(app.db, userId);
      return reply.status(204).send(null);
    },
  );
}
