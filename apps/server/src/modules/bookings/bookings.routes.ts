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
  myTrainingSchema,
  noShowSchema,
  traineeListSchema,
  trainingCreateSchema,
  trainingParamsSchema,
  trainingSchema,
  usageConfirmSchema,
  usageDisputeSchema,
  usageRecordSchema,
} from '@innotown/contracts/bookings';
import { idParamsSchema } from '@innotown/contracts/common';
import { z } from 'zod';
import { notFound } from '../../platform/errors.ts';
import type { App } from '../../platform/http/types.ts';
import { listOf } from '../../platform/pagination.ts';
import { scopeFilter } from '../../platform/policy.ts';
import { bookingSettingsFrom } from './booking-rules.ts';
import { presentBooking } from './bookings.presenter.ts';
import * as repo from './bookings.repository.ts';
import * as service from './bookings.service.ts';
import { calendar as icsCalendar, stableUid } from './ics.ts';

const tags = ['bookings'];
const LIST = { resource: 'booking', action: 'list' } as const;

export async function bookingRoutes(app: App) {
  const settings = bookingSettingsFrom(app.config);
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
    async (request) => service.quoteBooking(app.db, request.ctx, request.body, settings),
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
    async (request, reply) =>
      reply.status(201).send(presentBooking(await service.createBooking(app.db, request.ctx, request.body, settings))),
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
    async (request) => presentBooking(await service.cancelBooking(app.db, request.ctx, request.params.id, request.body.reason, settings)),
  );

  app.post(
    '/api/v1/resources/:id/trainings',
    {
      config: { permission: { resource: 'instrumentTraining', action: 'create' } },
      schema: {
        tags,
        summary: 'Record that an enterprise user (by userId or username) is trained on an instrument (allows self-service bookings)',
        params: idParamsSchema,
        body: trainingCreateSchema,
        response: { 201: trainingSchema },
      },
    },
    async (request, reply) => {
      const t = await service.recordTraining(app.db, request.ctx, request.params.id, request.body);
      return reply
        .status(201)
        .send({ resourceId: t.resourceId, userId: t.userId, trainedAt: t.trainedAt.toISOString(), trainedBy: t.trainedBy });
    },
  );

  app.get(
    '/api/v1/resources/:id/trainings',
    {
      config: { permission: { resource: 'instrumentTraining', action: 'list' } },
      schema: {
        tags,
        summary: 'The users trained on an instrument (its owner institution; town and city admins read)',
        params: idParamsSchema,
        response: { 200: traineeListSchema },
      },
    },
    async (request) => {
      const items = await service.listTrainings(app.db, request.ctx, request.params.id);
      return {
        items: items.map((u) => ({
          userId: u.userId,
          username: u.username,
          displayName: u.displayName,
          enterpriseId: u.enterpriseId,
          enterpriseName: u.enterpriseName,
          trainedAt: new Date(u.trainedAt).toISOString(),
        })),
      };
    },
  );

  app.delete(
    '/api/v1/resources/:id/trainings/:userId',
    {
      config: { permission: { resource: 'instrumentTraining', action: 'delete' } },
      schema: {
        tags,
        summary: 'Withdraw a training record (the user can then book operator-assisted slots only)',
        params: trainingParamsSchema,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await service.removeTraining(app.db, request.ctx, request.params.id, request.params.userId);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/v1/resources/:id/trainings/me',
    {
      config: { permission: { resource: 'instrumentTraining', action: 'readOwn' } },
      schema: {
        tags,
        summary: 'Whether the caller is trained on the instrument (self-service bookings need it)',
        params: idParamsSchema,
        response: { 200: myTrainingSchema },
      },
    },
    async (request) => service.myTraining(app.db, request.ctx, request.params.id),
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
        items: items.map((s) => ({ start: s.start.toISOString(), end: s.end.toISOString(), bookingId: s.bookingId, mine: s.mine })),
      };
    },
  );

  app.post(
    '/api/v1/bookings/:id/usage',
    {
      config: { permission: { resource: 'booking', action: 'recordUsage' } },
      schema: {
        tags,
        summary: 'The owner records actual usage after the slot (hours or minutes, samples, fee, extra charges in fen): → usage_recorded',
        params: idParamsSchema,
        body: usageRecordSchema,
        response: { 200: bookingSchema },
      },
    },
    async (request) => presentBooking(await service.recordUsage(app.db, request.ctx, request.params.id, request.body)),
  );

  app.post(
    '/api/v1/bookings/:id/usage/confirm',
    {
      config: { permission: { resource: 'booking', action: 'confirmUsage' } },
      schema: {
        tags,
        summary: 'The enterprise confirms the recorded usage: usage_recorded → completed',
        params: idParamsSchema,
        body: usageConfirmSchema.optional(),
        response: { 200: bookingSchema },
      },
    },
    async (request) => presentBooking(await service.answerUsage(app.db, request.ctx, request.params.id, 'confirm')),
  );

  app.post(
    '/api/v1/bookings/:id/usage/dispute',
    {
      config: { permission: { resource: 'booking', action: 'confirmUsage' } },
      schema: {
        tags,
        summary: 'The enterprise disputes the recorded usage with a reason: usage_recorded → disputed (the owner records again)',
        params: idParamsSchema,
        body: usageDisputeSchema,
        response: { 200: bookingSchema },
      },
    },
    async (request) => presentBooking(await service.answerUsage(app.db, request.ctx, request.params.id, { dispute: request.body.reason })),
  );

  app.post(
    '/api/v1/bookings/:id/no-show',
    {
      config: { permission: { resource: 'booking', action: 'markNoShow' } },
      schema: {
        tags,
        summary: 'The owner records a no-show once the grace period after the start has passed: confirmed → no_show',
        params: idParamsSchema,
        body: noShowSchema.optional(),
        response: { 200: bookingSchema },
      },
    },
    async (request) => presentBooking(await service.markNoShow(app.db, request.ctx, request.params.id, request.body?.reason, settings)),
  );

  app.get(
    '/api/v1/resources/:id/bookings.ics',
    {
      config: { permission: { resource: 'bookingCalendar', action: 'read' } },
      schema: {
        tags,
        summary: 'iCalendar feed (RFC 5545) of one instrument’s booked slots, 31 days back to 93 days ahead',
        params: idParamsSchema,
        response: { 200: z.string() },
      },
    },
    async (request, reply) => {
      const now = Date.now();
      const { instrument, events } = await service.feed(
        app.db,
        request.ctx,
        request.params.id,
        new Date(now - 31 * 86_400_000),
        new Date(now + 93 * 86_400_000),
      );
      const body = icsCalendar(
        instrument.name,
        events.map((e) => ({
          uid: stableUid(e.id),
          start: e.start,
          end: e.end,
          stamp: e.updatedAt,
          summary: '已预约 / Booked',
          // Whose booking it is shows only to those who may read it: a link, never a name.
          description: e.readable ? `/bookings/${e.id}` : null,
        })),
      );
      return reply
        .header('content-type', 'text/calendar; charset=utf-8')
        .header('content-disposition', 'inline; filename="bookings.ics"')
        .header('cache-control', 'private, no-store')
        .send(body);
    },
  );
}
