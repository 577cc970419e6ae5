import { idParamsSchema } from '@innotown/contracts/common';
import {
  applicationApproveSchema,
  applicationCreateSchema,
  applicationDecisionSchema,
  applicationForwardSchema,
  applicationListQuerySchema,
  applicationListSchema,
  applicationSchema,
  programmeCreateSchema,
  programmeLedgerSchema,
  programmeListQuerySchema,
  programmeListSchema,
  programmeSchema,
  reservationReleaseSchema,
  reservationSchema,
  voucherListQuerySchema,
  voucherListSchema,
  voucherSchema,
} from '@innotown/contracts/vouchers';
import type { RequestContext } from '../../platform/context.ts';
import type { Db } from '../../platform/db.ts';
import type { App } from '../../platform/http/types.ts';
import { IDEMPOTENCY_HEADER, idempotent } from '../../platform/idempotency.ts';
import { listOf } from '../../platform/pagination.ts';
import { scopeFilter } from '../../platform/policy.ts';
import { presentApplication, presentApplicationEvent, presentProgramme, presentReservation, presentVoucher } from './vouchers.presenter.ts';
import * as repo from './vouchers.repository.ts';
import * as service from './vouchers.service.ts';

const tags = ['vouchers'];
const IDEMPOTENT = ' Honours `Idempotency-Key`: a retry with the same key and body returns the first response.';
const APP_LIST = { resource: 'voucherApplication', action: 'list' } as const;
const VOUCHER_LIST = { resource: 'voucher', action: 'list' } as const;

/** Runs a money-changing handler once per Idempotency-Key (per user and route). */
export type MoneyRequest = {
  ctx: RequestContext;
  method: string;
  routeOptions: { url?: string | undefined };
  headers: Record<string, string | string[] | undefined>;
  params: unknown;
  body: unknown;
};
export function once<T>(app: App, request: MoneyRequest, status: number, run: (tx: Db) => Promise<T>) {
  return idempotent(
    app.db,
    {
      userId: request.ctx.actor.userId,
      route: `${request.method} ${request.routeOptions.url}`,
      key: request.headers[IDEMPOTENCY_HEADER],
      payload: { params: request.params, body: request.body },
    },
    async (tx) => ({ status, body: await run(tx) }),
  );
}

export async function voucherRoutes(app: App) {
  app.get(
    '/api/v1/voucher-programmes',
    {
      config: { permission: { resource: 'voucherProgramme', action: 'list' } },
      schema: {
        tags,
        summary: 'Voucher programmes (balances for the city only)',
        querystring: programmeListQuerySchema,
        response: { 200: programmeListSchema },
      },
    },
    async (request) => {
      const { items, total } = await repo.listProgrammes(app.db, request.query);
      const out = [];
      for (const p of items) out.push(presentProgramme(p, await service.balancesFor(app.db, request.ctx, p.id)));
      return listOf(out, total, request.query);
    },
  );

  app.post(
    '/api/v1/voucher-programmes',
    {
      config: { rateLimit: 'money', permission: { resource: 'voucherProgramme', action: 'create' } },
      schema: {
        tags,
        summary: `Configure a year's programme and fund its budget.${IDEMPOTENT}`,
        body: programmeCreateSchema,
        response: { 201: programmeSchema },
      },
    },
    async (request, reply) => {
      const r = await once(app, request, 201, async (tx) => {
        const p = await service.createProgramme(tx, request.ctx, request.body);
        return presentProgramme(p, await service.balancesFor(tx, request.ctx, p.id));
      });
      return reply.status(201).send(r.body);
    },
  );

  app.get(
    '/api/v1/voucher-programmes/:id',
    {
      config: { permission: { resource: 'voucherProgramme', action: 'read' } },
      schema: { tags, summary: 'One programme', params: idParamsSchema, response: { 200: programmeSchema } },
    },
    async (request) => {
      const p = await service.findProgramme(app.db, request.params.id);
      return presentProgramme(p, await service.balancesFor(app.db, request.ctx, p.id));
    },
  );

  app.get(
    '/api/v1/voucher-programmes/:id/ledger',
    {
      config: { permission: { resource: 'voucherProgramme', action: 'ledger' } },
      schema: {
        tags,
        summary: 'The programme’s ledger balances and its invariants, checked live',
        params: idParamsSchema,
        response: { 200: programmeLedgerSchema },
      },
    },
    async (request) => {
      await service.findProgramme(app.db, request.params.id);
      return repo.ledgerCheck(app.db, request.params.id);
    },
  );

  app.get(
    '/api/v1/voucher-applications',
    {
      config: { permission: APP_LIST },
      schema: {
        tags,
        summary: 'Applications in the caller’s scope',
        querystring: applicationListQuerySchema,
        response: { 200: applicationListSchema },
      },
    },
    async (request) => {
      const filter = scopeFilter(request.ctx.actor, APP_LIST);
      if (!filter) return listOf([], 0, request.query);
      const { items, total } = await repo.listApplications(app.db, filter, request.query);
      return listOf(items.map(presentApplication), total, request.query);
    },
  );

  app.post(
    '/api/v1/voucher-applications',
    {
      config: { permission: { resource: 'voucherApplication', action: 'create' } },
      schema: {
        tags,
        summary: 'An enterprise applies for a voucher (within the window and its cap)',
        body: applicationCreateSchema,
        response: { 201: applicationSchema },
      },
    },
    async (request, reply) => reply.status(201).send(presentApplication(await service.applyForVoucher(app.db, request.ctx, request.body))),
  );

  app.get(
    '/api/v1/voucher-applications/:id',
    {
      config: { permission: { resource: 'voucherApplication', action: 'read' } },
      schema: { tags, summary: 'One application', params: idParamsSchema, response: { 200: applicationSchema } },
    },
    async (request) => {
      const { app: a, history } = await service.findApplicationWithHistory(app.db, request.ctx, request.params.id);
      return { ...presentApplication(a), history: history.map(presentApplicationEvent) };
    },
  );

  app.post(
    '/api/v1/voucher-applications/:id/forward',
    {
      config: { permission: { resource: 'voucherApplication', action: 'forward' } },
      schema: {
        tags,
        summary: 'Town review: forward a submitted application to the city',
        params: idParamsSchema,
        body: applicationForwardSchema,
        response: { 200: applicationSchema },
      },
    },
    async (request) => presentApplication(await service.forwardApplication(app.db, request.ctx, request.params.id, request.body.comment)),
  );

  app.post(
    '/api/v1/voucher-applications/:id/return',
    {
      config: { permission: { resource: 'voucherApplication', action: 'return' } },
      schema: {
        tags,
        summary: 'Return an application for changes, with a structured reason',
        params: idParamsSchema,
        body: applicationDecisionSchema,
        response: { 200: applicationSchema },
      },
    },
    async (request) =>
      presentApplication(await service.refuseApplication(app.db, request.ctx, request.params.id, 'returned', request.body)),
  );

  app.post(
    '/api/v1/voucher-applications/:id/decline',
    {
      config: { permission: { resource: 'voucherApplication', action: 'decide' } },
      schema: {
        tags,
        summary: 'Decline a forwarded application, with a structured reason',
        params: idParamsSchema,
        body: applicationDecisionSchema,
        response: { 200: applicationSchema },
      },
    },
    async (request) =>
      presentApplication(await service.refuseApplication(app.db, request.ctx, request.params.id, 'declined', request.body)),
  );

  app.post(
    '/api/v1/voucher-applications/:id/approve',
    {
      config: { rateLimit: 'money', permission: { resource: 'voucherApplication', action: 'decide' } },
      schema: {
        tags,
        summary: `Approve a forwarded application and issue the voucher (409 VOUCHER_BUDGET_EXHAUSTED, 422 VOUCHER_CAP_EXCEEDED).${IDEMPOTENT}`,
        params: idParamsSchema,
        body: applicationApproveSchema,
        response: { 200: applicationSchema },
      },
    },
    async (request, reply) => {
      const r = await once(app, request, 200, async (tx) =>
        presentApplication(
          await service.approveApplication(
            tx,
            request.ctx,
            request.params.id,
            request.body.amountFen,
            new Date(),
            request.body.comment ?? null,
          ),
        ),
      );
      return reply.status(200).send(r.body);
    },
  );

  app.get(
    '/api/v1/vouchers',
    {
      config: { permission: VOUCHER_LIST },
      schema: {
        tags,
        summary: 'Vouchers in the caller’s scope (an enterprise: its wallet)',
        querystring: voucherListQuerySchema,
        response: { 200: voucherListSchema },
      },
    },
    async (request) => {
      const filter = scopeFilter(request.ctx.actor, VOUCHER_LIST);
      const none = { faceValueFen: 0, remainingFen: 0, reservedFen: 0, settledFen: 0 };
      if (!filter) return { ...listOf([], 0, request.query), totals: none };
      const { items, total, totals } = await repo.listVouchers(app.db, filter, request.query);
      return { ...listOf(items.map(presentVoucher), total, request.query), totals };
    },
  );

  app.get(
    '/api/v1/vouchers/:id',
    {
      config: { permission: { resource: 'voucher', action: 'read' } },
      schema: { tags, summary: 'One voucher with its balances', params: idParamsSchema, response: { 200: voucherSchema } },
    },
    async (request) => presentVoucher(await service.findVoucher(app.db, request.ctx, request.params.id)),
  );

  app.post(
    '/api/v1/voucher-reservations/:id/release',
    {
      config: { rateLimit: 'money', permission: { resource: 'voucherReservation', action: 'release' } },
      schema: {
        tags,
        summary: `Release a reservation back to the voucher.${IDEMPOTENT}`,
        params: idParamsSchema,
        body: reservationReleaseSchema,
        response: { 200: reservationSchema },
      },
    },
    async (request, reply) => {
      const r = await once(app, request, 200, async (tx) =>
        presentReservation(await service.release(tx, request.ctx, request.params.id, request.body.reason ?? null)),
      );
      return reply.status(200).send(r.body);
    },
  );
}
