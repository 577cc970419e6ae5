import { idParamsSchema } from '@innotown/contracts/common';
import {
  internalUsageCreateSchema,
  internalUsageListQuerySchema,
  internalUsageListSchema,
  internalUsageSchema,
  purchaseReviewApproveSchema,
  purchaseReviewCreateSchema,
  purchaseReviewListQuerySchema,
  purchaseReviewListSchema,
  purchaseReviewRejectSchema,
  purchaseReviewSchema,
  sharingExportQuerySchema,
  sharingQuerySchema,
  sharingReportSchema,
} from '@innotown/contracts/sharing-statistics';
import { z } from 'zod';
import type { App } from '../../platform/http/types.ts';
import { listOf } from '../../platform/pagination.ts';
import { sendWorkbook } from '../files/files.download.ts';
import { evaluationWorkbook } from './sharing-statistics.export.ts';
import { presentInternalUsage, presentPurchaseReview } from './sharing-statistics.presenter.ts';
import * as service from './sharing-statistics.service.ts';

const tags = ['sharing-statistics'];

export async function sharingStatisticsRoutes(app: App) {
  app.get(
    '/api/v1/sharing-statistics',
    {
      config: { permission: { resource: 'sharingStatistics', action: 'read' } },
      schema: {
        tags,
        summary:
          'Open-sharing evaluation figures of the city, a town, an institution or an instrument for a period (Shanghai dates, both included)',
        querystring: sharingQuerySchema,
        response: { 200: sharingReportSchema },
      },
    },
    async (request) => service.report(app.db, request.ctx, request.query),
  );

  app.get(
    '/api/v1/sharing-statistics/export',
    {
      config: { permission: { resource: 'sharingStatistics', action: 'export' } },
      schema: {
        tags,
        summary: 'The evaluation sheet of the same unit and period as an Excel workbook',
        querystring: sharingExportQuerySchema,
      },
    },
    async (request, reply) => {
      const { report, instruments } = await service.evaluationSheet(app.db, request.ctx, request.query);
      const file = await evaluationWorkbook(report, instruments);
      const name = `sharing-${report.level}-${request.query.from}-${request.query.to}.xlsx`;
      return sendWorkbook(reply, file, `开放共享评价-${report.name}-${name}`, name);
    },
  );

  app.post(
    '/api/v1/resources/:id/internal-usages',
    {
      config: { permission: { resource: 'internalUsage', action: 'create' } },
      schema: {
        tags,
        summary: 'The owner records internal use of its instrument by its own staff (hours and internal income)',
        params: idParamsSchema,
        body: internalUsageCreateSchema,
        response: { 201: internalUsageSchema },
      },
    },
    async (request, reply) =>
      reply.status(201).send(presentInternalUsage(await service.recordInternalUsage(app.db, request.ctx, request.params.id, request.body))),
  );

  app.get(
    '/api/v1/resources/:id/internal-usages',
    {
      config: { permission: { resource: 'internalUsage', action: 'list' } },
      schema: {
        tags,
        summary: 'Internal use recorded for an instrument (newest first, at most 500)',
        params: idParamsSchema,
        querystring: internalUsageListQuerySchema,
        response: { 200: internalUsageListSchema },
      },
    },
    async (request) => ({
      items: (await service.listInternalUsages(app.db, request.ctx, request.params.id, request.query)).map(presentInternalUsage),
    }),
  );

  app.delete(
    '/api/v1/internal-usages/:id',
    {
      config: { permission: { resource: 'internalUsage', action: 'delete' } },
      schema: { tags, summary: 'The owner withdraws a mistaken internal-use entry', params: idParamsSchema, response: { 204: z.null() } },
    },
    async (request, reply) => {
      await service.deleteInternalUsage(app.db, request.ctx, request.params.id);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/v1/purchase-reviews',
    {
      config: { permission: { resource: 'purchaseReview', action: 'create' } },
      schema: {
        tags,
        summary: 'An institution files a planned instrument purchase for review (新购仪器查重)',
        body: purchaseReviewCreateSchema,
        response: { 201: purchaseReviewSchema },
      },
    },
    async (request, reply) =>
      reply.status(201).send(presentPurchaseReview(await service.createPurchaseReview(app.db, request.ctx, request.body))),
  );

  app.get(
    '/api/v1/purchase-reviews',
    {
      config: { permission: { resource: 'purchaseReview', action: 'list' } },
      schema: {
        tags,
        summary: 'Planned purchases in the caller’s scope',
        querystring: purchaseReviewListQuerySchema,
        response: { 200: purchaseReviewListSchema },
      },
    },
    async (request) => {
      const { items, total } = await service.listPurchaseReviews(app.db, request.ctx, request.query);
      return listOf(
        items.map((r) => presentPurchaseReview(r)),
        total,
        request.query,
      );
    },
  );

  app.get(
    '/api/v1/purchase-reviews/:id',
    {
      config: { permission: { resource: 'purchaseReview', action: 'read' } },
      schema: {
        tags,
        summary: 'One planned purchase with similar instruments already in the city and their utilisation over the last 12 months',
        params: idParamsSchema,
        response: { 200: purchaseReviewSchema },
      },
    },
    async (request) => presentPurchaseReview(await service.findPurchaseReview(app.db, request.ctx, request.params.id)),
  );

  app.post(
    '/api/v1/purchase-reviews/:id/approve',
    {
      config: { permission: { resource: 'purchaseReview', action: 'review' } },
      schema: {
        tags,
        summary: 'Approve a planned purchase',
        params: idParamsSchema,
        body: purchaseReviewApproveSchema,
        response: { 200: purchaseReviewSchema },
      },
    },
    async (request) =>
      presentPurchaseReview(
        await service.decidePurchaseReview(app.db, request.ctx, request.params.id, 'approved', request.body.comment ?? null),
      ),
  );

  app.post(
    '/api/v1/purchase-reviews/:id/reject',
    {
      config: { permission: { resource: 'purchaseReview', action: 'review' } },
      schema: {
        tags,
        summary: 'Reject a planned purchase with a reason (for example: share the similar instruments instead)',
        params: idParamsSchema,
        body: purchaseReviewRejectSchema,
        response: { 200: purchaseReviewSchema },
      },
    },
    async (request) =>
      presentPurchaseReview(await service.decidePurchaseReview(app.db, request.ctx, request.params.id, 'rejected', request.body.comment)),
  );
}
