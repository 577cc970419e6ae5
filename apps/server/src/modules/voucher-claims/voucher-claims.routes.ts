import { idParamsSchema } from '@innotown/contracts/common';
import { orderSchema } from '@innotown/contracts/service-orders';
import {
  claimCreateSchema,
  claimListQuerySchema,
  claimListSchema,
  claimOptionsSchema,
  claimRejectSchema,
  claimSchema,
  claimSettleSchema,
  claimVerifySchema,
  orderVoucherSchema,
} from '@innotown/contracts/voucher-claims';
import type { App } from '../../platform/http/types.ts';
import { listOf } from '../../platform/pagination.ts';
import { scopeFilter } from '../../platform/policy.ts';
import { presentOrder } from '../service-orders/service-orders.presenter.ts';
import { once } from '../vouchers/vouchers.routes.ts';
import { presentClaim } from './voucher-claims.presenter.ts';
import * as repo from './voucher-claims.repository.ts';
import * as service from './voucher-claims.service.ts';

const tags = ['voucher-claims'];
const IDEMPOTENT = ' Honours `Idempotency-Key`: a retry with the same key and body returns the first response.';
const LIST = { resource: 'voucherClaim', action: 'list' } as const;

export async function voucherClaimRoutes(app: App) {
  app.post(
    '/api/v1/service-orders/:id/voucher',
    {
      config: { rateLimit: 'money', permission: { resource: 'serviceOrder', action: 'applyVoucher' } },
      schema: {
        tags,
        summary: `Enterprise: apply one of its vouchers to its own quoted or accepted order — reserves ratio × the quoted price, at most what is left (409 VOUCHER_ORDER_NOT_BEFORE_WORK, 409 VOUCHER_ORDER_ALREADY_SUBSIDISED, 422 VOUCHER_EXPIRED / VOUCHER_CATEGORY_NOT_ELIGIBLE / VOUCHER_PROVIDER_NOT_ELIGIBLE).${IDEMPOTENT}`,
        params: idParamsSchema,
        body: orderVoucherSchema,
        response: { 200: orderSchema },
      },
    },
    async (request, reply) => {
      const r = await once(app, request, 200, async (tx) =>
        presentOrder(await service.applyVoucher(tx, request.ctx, request.params.id, request.body.voucherId)),
      );
      return reply.status(200).send(r.body);
    },
  );

  app.get(
    '/api/v1/service-orders/:id/claim-options',
    {
      config: { permission: { resource: 'voucherClaim', action: 'create' } },
      schema: {
        tags,
        summary:
          'For the claim form: whether the service uses a shared instrument, and the bookings with recorded usage that may back a claim',
        params: idParamsSchema,
        response: { 200: claimOptionsSchema },
      },
    },
    async (request) => service.claimOptions(app.db, request.ctx, request.params.id),
  );

  app.get(
    '/api/v1/voucher-claims',
    {
      config: { permission: LIST },
      schema: {
        tags,
        summary: 'Claims in the caller’s scope (claimant: own; town admin: its town’s; city: all)',
        querystring: claimListQuerySchema,
        response: { 200: claimListSchema },
      },
    },
    async (request) => {
      const filter = scopeFilter(request.ctx.actor, LIST);
      if (!filter) return listOf([], 0, request.query);
      const { items, total } = await repo.listClaims(app.db, filter, request.query);
      return listOf(items.map(presentClaim), total, request.query);
    },
  );

  app.post(
    '/api/v1/voucher-claims',
    {
      config: { rateLimit: 'money', permission: { resource: 'voucherClaim', action: 'create' } },
      schema: {
        tags,
        summary: `Claim the post-subsidy of a completed order: at most the reserved amount, with an invoice and evidence (attachments you uploaded) and, when the service uses a shared instrument, the booking whose recorded usage backs it.${IDEMPOTENT}`,
        body: claimCreateSchema,
        response: { 201: claimSchema },
      },
    },
    async (request, reply) => {
      const r = await once(app, request, 201, async (tx) => presentClaim(await service.createClaim(tx, request.ctx, request.body)));
      return reply.status(201).send(r.body);
    },
  );

  app.get(
    '/api/v1/voucher-claims/:id',
    {
      config: { permission: { resource: 'voucherClaim', action: 'read' } },
      schema: { tags, summary: 'One claim', params: idParamsSchema, response: { 200: claimSchema } },
    },
    async (request) => presentClaim(await service.findClaim(app.db, request.ctx, request.params.id)),
  );

  app.post(
    '/api/v1/voucher-claims/:id/verify',
    {
      config: { rateLimit: 'money', permission: { resource: 'voucherClaim', action: 'verify' } },
      schema: {
        tags,
        summary: `Town admin: verify a submitted claim (→ verified; the city settles).${IDEMPOTENT}`,
        params: idParamsSchema,
        body: claimVerifySchema,
        response: { 200: claimSchema },
      },
    },
    async (request, reply) => {
      const r = await once(app, request, 200, async (tx) =>
        presentClaim(await service.verifyClaim(tx, request.ctx, request.params.id, request.body.comment ?? null)),
      );
      return reply.status(200).send(r.body);
    },
  );

  app.post(
    '/api/v1/voucher-claims/:id/reject',
    {
      config: { rateLimit: 'money', permission: { resource: 'voucherClaim', action: 'reject' } },
      schema: {
        tags,
        summary: `Reject a claim with a structured reason (town: submitted; city: submitted or verified); the reservation returns to the voucher.${IDEMPOTENT}`,
        params: idParamsSchema,
        body: claimRejectSchema,
        response: { 200: claimSchema },
      },
    },
    async (request, reply) => {
      const r = await once(app, request, 200, async (tx) =>
        presentClaim(await service.rejectClaim(tx, request.ctx, request.params.id, request.body)),
      );
      return reply.status(200).send(r.body);
    },
  );

  app.post(
    '/api/v1/voucher-claims/:id/settle',
    {
      config: { rateLimit: 'money', permission: { resource: 'voucherClaim', action: 'settle' } },
      schema: {
        tags,
        summary: `City: settle a verified claim — pays the claimed amount, returns the rest of the reservation to the voucher.${IDEMPOTENT}`,
        params: idParamsSchema,
        body: claimSettleSchema,
        response: { 200: claimSchema },
      },
    },
    async (request, reply) => {
      const r = await once(app, request, 200, async (tx) => presentClaim(await service.settleClaim(tx, request.ctx, request.params.id)));
      return reply.status(200).send(r.body);
    },
  );
}
