import { idParamsSchema } from '@innotown/contracts/common';
import {
  orderConfirmSchema,
  orderCreateSchema,
  orderDecideSchema,
  orderDeliverSchema,
  orderDispatchSchema,
  orderDisputeSchema,
  orderFileParamsSchema,
  orderFileSchema,
  orderListQuerySchema,
  orderListSchema,
  orderNoteSchema,
  orderQuoteSchema,
  orderSchema,
} from '@innotown/contracts/service-orders';
import { z } from 'zod';
import type { RequestContext } from '../../platform/context.ts';
import type { Db } from '../../platform/db.ts';
import type { App } from '../../platform/http/types.ts';
import { limitOffset, listOf } from '../../platform/pagination.ts';
import { type PolicyAction, scopeFilter } from '../../platform/policy.ts';
import { sendStoredFile } from '../files/files.download.ts';
import { presentOrder } from './service-orders.presenter.ts';
import * as repo from './service-orders.repository.ts';
import * as service from './service-orders.service.ts';

const tags = ['service-orders'];
type OrderAction = PolicyAction<'serviceOrder'>;
const LIST = { resource: 'serviceOrder', action: 'list' } as const;

export async function serviceOrderRoutes(app: App) {
  app.post(
    '/api/v1/service-orders',
    {
      config: { permission: { resource: 'serviceOrder', action: 'create' } },
      schema: {
        tags,
        summary: 'Order a published service of an alliance member (needs, quantity); the provider quotes within 2 working days',
        body: orderCreateSchema,
        response: { 201: orderSchema },
      },
    },
    async (request, reply) => reply.status(201).send(presentOrder(await service.createOrder(app.db, request.ctx, request.body))),
  );

  app.get(
    '/api/v1/service-orders',
    {
      config: { permission: LIST },
      schema: {
        tags,
        summary: 'Orders in the caller’s scope (enterprise: own; provider: addressed to its institution; town admin: its town)',
        querystring: orderListQuerySchema,
        response: { 200: orderListSchema },
      },
    },
    async (request) => {
      const filter = scopeFilter(request.ctx.actor, LIST);
      if (!filter) return listOf([], 0, request.query);
      const { limit, offset } = limitOffset(request.query);
      const { items, total } = await repo.listOrders(app.db, filter, request.query, limit, offset);
      return listOf(items.map(presentOrder), total, request.query);
    },
  );

  app.get(
    '/api/v1/service-orders/:id',
    {
      config: { permission: { resource: 'serviceOrder', action: 'read' } },
      schema: { tags, summary: 'One order with its history', params: idParamsSchema, response: { 200: orderSchema } },
    },
    async (request) => presentOrder(await service.findOrder(app.db, request.ctx, request.params.id)),
  );

  app.get(
    '/api/v1/service-orders/:id/files',
    {
      config: { permission: { resource: 'serviceOrder', action: 'read' } },
      schema: {
        tags,
        summary: 'The result files of an order (reports, certificates), for both sides of the order',
        params: idParamsSchema,
        response: { 200: z.array(orderFileSchema) },
      },
    },
    async (request) => service.listResultFiles(app.db, request.ctx, request.params.id),
  );

  app.get(
    '/api/v1/service-orders/:id/files/:fileId/content',
    {
      config: { permission: { resource: 'serviceOrder', action: 'read' } },
      schema: { tags, summary: 'Download a result file of an order (always as an attachment)', params: orderFileParamsSchema },
    },
    async (request, reply) => {
      const file = await service.readResultFile(app.db, request.ctx, request.params.id, request.params.fileId);
      return sendStoredFile(reply, file);
    },
  );

  type Result = Awaited<ReturnType<typeof service.findOrder>>;
  const transition = <S extends z.ZodType>(
    path: string,
    action: OrderAction,
    summary: string,
    body: S,
    run: (db: Db, ctx: RequestContext, id: string, input: z.infer<S>) => Promise<Result>,
  ) =>
    app.post(
      `/api/v1/service-orders/:id/${path}`,
      {
        config: { permission: { resource: 'serviceOrder', action } },
        schema: { tags, summary, params: idParamsSchema, body, response: { 200: orderSchema } },
      },
      async (request) => presentOrder(await run(app.db, request.ctx, (request.params as { id: string }).id, request.body as z.infer<S>)),
    );

  transition(
    'quote',
    'quote',
    'Provider: quote a price in fen, within or outside the listed range (requested → quoted)',
    orderQuoteSchema,
    service.quoteOrder,
  );
  transition('accept', 'respond', 'Enterprise: accept the quote (quoted → accepted)', orderNoteSchema, (db, ctx, id, b) =>
    service.acceptOrder(db, ctx, id, b.note),
  );
  transition('decline', 'respond', 'Enterprise: decline the quote (quoted → cancelled)', orderNoteSchema, (db, ctx, id, b) =>
    service.declineOrder(db, ctx, id, b.note),
  );
  transition('cancel', 'cancel', 'Enterprise: cancel before the service starts', orderNoteSchema, (db, ctx, id, b) =>
    service.cancelOrder(db, ctx, id, b.note),
  );
  transition('start', 'start', 'Provider: start the service (accepted → in_progress)', orderNoteSchema, (db, ctx, id, b) =>
    service.startOrder(db, ctx, id, b.note),
  );
  transition(
    'deliver',
    'deliver',
    'Provider: deliver with result files (attachments) (in_progress → delivered)',
    orderDeliverSchema,
    service.deliverOrder,
  );
  transition('confirm', 'confirm', 'Enterprise: confirm and rate 1–5 (delivered → completed)', orderConfirmSchema, service.confirmOrder);
  transition(
    'dispute',
    'dispute',
    'Enterprise: dispute the delivery with a reason (delivered → disputed)',
    orderDisputeSchema,
    service.disputeOrder,
  );
  transition(
    'decide',
    'decide',
    'Town admin: decide a dispute — refund, partial or upheld (disputed → closed)',
    orderDecideSchema,
    service.decideDispute,
  );
  transition(
    'dispatch',
    'dispatch',
    'Town admin: dispatch an escalated request to another alliance member’s service',
    orderDispatchSchema,
    (db, ctx, id, b) => service.dispatchOrder(db, ctx, id, b),
  );
}
