import {
  bookingApproveSchema,
  bookingCancelSchema,
  bookingListQuerySchema,
  bookingListSchema,
  bookingQuoteRequestSchema,
  bookingQuoteSchema,
  bookingRejectSchema,
  bookingRequestSchema,
  bookingSchema,
  calendarQuerySchema,
  calendarSchema,
  trainingCreateSchema,
  trainingSchema,
} from '@innotown/contracts/bookings';
import { idParamsSchema } from '@innotown/contracts/common';
import { notFound } from '../../platform/errors.ts';
import type { App } from '../../platform/http/types.ts';
import { listOf } from '../../platform/pagination.ts';
import { scopeFilter } from '../../platform/policy.ts';
import { presentBooking } from './bookings.presenter.ts';
import * as repo from './bookings.repository.ts';
import * as service from './bookings.service.ts';

const tags = ['bookings'];
const LIST = { resource: 'booking', action: 'list' } as const;

export async function bookingRoutes(app: App) {
  app.post(
    '/api/v1/bookings/quote',
    {
      config: { permission: { resource: 'booking', action: 'create' } },
      schema: {
        tags,
        summary: 'Price a booking before submitting it (checks every rule a submission checks)',
        body: bookingQuoteRequestSchema,
        response: { 200: bookingQuoteSchema },
      },
    },
    async (request) => service.quoteBooking(app.db, request.ctx, request.body),
  );

  app.post(
    '/api/v1/bookings',
    {
      config: { permission: { resource: 'booking', action: 'create' } },
      schema: {
        tags,
        summary: 'Request an instrument slot or a sample test',
        body: bookingRequestSchema,
        response: { 201: bookingSchema },
      },
    },
    async (request, reply) => reply.status(201).send(presentBooking(await service.createBooking(app.db, request.ctx, request.body))),
  );

  app.get(
    '/api/v1/bookings',
    {
      config: { permission: LIST },
      schema: {
        tags,
        summary: 'Bookings in the caller’s scope: "my bookings" for an enterprise, the approval queue (status=requested) for an owner',
        querystring: bookingListQuerySchema,
        response: { 200: bookingListSchema },
      },
    },
    async (request) => {
      const filter = scopeFilter(request.ctx.actor, LIST);
      if (!filter) return listOf([], 0, request.query);
      const { items, total } = await repo.listBookings(app.db, filter, request.query);
      return listOf(items.map(presentBooking), total, request.query);
    },
  );

  app.get(
    '/api/v1/bookings/:id',
    {
      config: { permission: { resource: 'booking', action: 'read' } },
      schema: { tags, summary: 'One booking', params: idParamsSchema, response: { 200: bookingSchema } },
    },
    async (request) => presentBooking(await service.findBooking(app.db, request.ctx, request.params.id)),
  );

  app.post(
    '/api/v1/bookings/:id/approve',
    {
      config: { permission: { resource: 'booking', action: 'decide' } },
      schema: {
        tags,
        summary: 'Confirm a requested booking (409 BOOKING_SLOT_TAKEN when it overlaps a confirmed one)',
        params: idParamsSchema,
        body: bookingApproveSchema,
        response: { 200: bookingSchema },
      },
    },
    async (request) => presentBooking(await service.approveBooking(app.db, request.ctx, request.params.id, request.body.reason)),
  );

  app.post(
    '/api/v1/bookings/:id/reject',
    {
      config: { permission: { resource: 'booking', action: 'decide' } },
      schema: {
        tags,
        summary: 'Reject a requested booking with a reason',
        params: idParamsSchema,
        body: bookingRejectSchema,
        response: { 200: bookingSchema },
      },
    },
    async (request) => presentBooking(await service.rejectBooking(app.db, request.ctx, request.params.id, request.body.reason)),
  );

  app.post(
    '/api/v1/bookings/:id/cancel',
    {
      config: { permission: { resource: 'booking', action: 'cancel' } },
      schema: {
        tags,
        summary: 'Cancel a booking (free until N hours before the start, marked late after)',
        params: idParamsSchema,
        body: bookingCancelSchema,
        response: { 200: bookingSchema },
      },
    },
    async (request) => presentBooking(await service.cancelBooking(app.db, request.ctx, request.params.id, request.body.reason)),
  );

  app.post(
    '/api/v1/resources/:id/trainings',
    {
      config: { permission: { resource: 'instrumentTraining', action: 'create' } },
      schema: {
        tags,
        summary: 'Record that an enterprise user is trained on an instrument (allows self-service bookings)',
        params: idParamsSchema,
        body: trainingCreateSchema,
        response: { 201: trainingSchema },
      },
    },
    async (request, reply) => {
      const t = await service.recordTraining(app.db, request.ctx, request.params.id, request.body.userId);
      return reply
        .status(201)
        .send({ resourceId: t.resourceId, userId: t.userId, trainedAt: t.trainedAt.toISOString(), trainedBy: t.trainedBy });
    },
  );

  app.get(
    '/api/v1/resources/:id/bookings',
    {
      config: { permission: { resource: 'bookingCalendar', action: 'read' } },
      schema: {
        tags,
        summary: 'Calendar: one instrument’s confirmed slots in [from, to) (at most 93 days)',
        params: idParamsSchema,
        querystring: calendarQuerySchema,
        response: { 200: calendarSchema },
      },
    },
    async (request) => {
      const from = new Date(request.query.from);
      const to = new Date(request.query.to);
      const items = await service.calendar(app.db, request.ctx, request.params.id, from, to);
      if (!items) throw notFound();
      return {
        resourceId: request.params.id,
        from: from.toISOString(),
        to: to.toISOString(),
        items: items.map((s) => ({ start: s.start.toISOString(), end: s.end.toISOString(), bookingId: s.bookingId })),
      };
    },
  );
}
