import { idParamsSchema } from '@innotown/contracts/common';
import {
  fundingRecordCreateSchema,
  fundingRecordListQuerySchema,
  fundingRecordListSchema,
  fundingRecordSchema,
  fundingSummaryQuerySchema,
  fundingSummarySchema,
} from '@innotown/contracts/funding';
import type { App } from '../../platform/http/types.ts';
import { IDEMPOTENCY_HEADER, idempotent } from '../../platform/idempotency.ts';
import { listOf } from '../../platform/pagination.ts';
import { sendWorkbook } from '../files/files.download.ts';
import { fundingWorkbook } from './funding.export.ts';
import { presentRecord } from './funding.presenter.ts';
import * as service from './funding.service.ts';

const tags = ['funding'];
const RULES =
  'Money in integer fen. A fund line is (year, programme, town or city): disbursed ≤ committed ≤ allocated. ' +
  'Voucher lines are computed from the vouchers ledger (budget → allocated at city level; held in vouchers + settled → committed; settled → disbursed). ' +
  'A town admin sees and records only their own town’s lines.';

export async function fundingRoutes(app: App) {
  app.get(
    '/api/v1/funding/summary',
    {
      config: { permission: { resource: 'funding', action: 'read' } },
      schema: {
        tags,
        summary: 'Special funds by year, programme and town: allocated, committed, disbursed',
        description: RULES,
        querystring: fundingSummaryQuerySchema,
        response: { 200: fundingSummarySchema },
      },
    },
    async (request) => service.summary(app.db, request.ctx, request.query),
  );

  app.get(
    '/api/v1/funding/records',
    {
      config: { permission: { resource: 'funding', action: 'read' } },
      schema: {
        tags,
        summary: 'Funding records (allocations, commitments, disbursements), newest first',
        querystring: fundingRecordListQuerySchema,
        response: { 200: fundingRecordListSchema },
      },
    },
    async (request) => {
      const { items, total } = await service.listRecords(app.db, request.ctx, request.query);
      return listOf(items.map(presentRecord), total, request.query);
    },
  );

  app.post(
    '/api/v1/funding/records',
    {
      config: { rateLimit: 'money', permission: { resource: 'funding', action: 'record' } },
      schema: {
        tags,
        summary: 'Record an allocation, commitment or disbursement (refused beyond the line’s allocation or commitments)',
        description: `${RULES} Honours \`Idempotency-Key\`: a retry with the same key and body returns the first response.`,
        body: fundingRecordCreateSchema,
        response: { 201: fundingRecordSchema },
      },
    },
    async (request, reply) => {
      const result = await idempotent(
        app.db,
        {
          userId: request.ctx.actor.userId,
          route: 'POST /api/v1/funding/records',
          key: request.headers[IDEMPOTENCY_HEADER],
          payload: request.body,
        },
        async (tx) => ({ status: 201, body: presentRecord(await service.createRecord(tx, request.ctx, request.body)) }),
      );
      return reply.status(201).send(result.body);
    },
  );

  app.get(
    '/api/v1/funding/records/:id',
    {
      config: { permission: { resource: 'funding', action: 'read' } },
      schema: { tags, summary: 'One funding record', params: idParamsSchema, response: { 200: fundingRecordSchema } },
    },
    async (request) => presentRecord(await service.findRecord(app.db, request.ctx, request.params.id)),
  );

  app.get(
    '/api/v1/funding/export.xlsx',
    {
      config: { permission: { resource: 'funding', action: 'export' } },
      schema: {
        tags,
        summary: 'The summary and the records as an Excel workbook',
        description: RULES,
        querystring: fundingSummaryQuerySchema,
      },
    },
    async (request, reply) => {
      const s = await service.summary(app.db, request.ctx, request.query);
      const records = await service.listRecords(app.db, request.ctx, { ...request.query, page: 1, pageSize: 10_000 });
      const file = await fundingWorkbook(s, records.items.map(presentRecord));
      const stamp = new Date().toISOString().slice(0, 10);
      return sendWorkbook(reply, file, `专项资金-${stamp}.xlsx`, `funding-${stamp}.xlsx`);
    },
  );
}
