import { SERVICE_CATEGORY_LABELS } from '@innotown/contracts/service-categories';
import type {
  membershipDecisionSchema,
  ServiceCreate,
  ServiceProvider,
  ServiceSearchQuery,
  ServiceSearchResult,
  ServiceUpdate,
} from '@innotown/contracts/services';
import type { z } from 'zod';
import { diffChanges, recordAudit } from '../../platform/audit.ts';
import type { RequestContext } from '../../platform/context.ts';
import type { Db } from '../../platform/db.ts';
import { AppError, forbidden, notFound } from '../../platform/errors.ts';
import { limitOffset } from '../../platform/pagination.ts';
import { type Actor, recordInScope, requireAccess, scopeOf } from '../../platform/policy.ts';
import { tsqueryText } from '../../platform/search/search-vector.ts';
import { tokensForQuery } from '../../platform/search/tokenizer.ts';
import { notify, notifyCityAdmins } from '../notifications/notifications.service.ts';
import { ServiceErrors } from './services.errors.ts';
import { type OrderRecord, presentProvider, presentSearchItem } from './services.presenter.ts';
import * as repo from './services.repository.ts';

const FINANCIAL_TYPES = new Set(['bank', 'guarantor', 'insurer']);
const MANAGE = { resource: 'service', action: 'manage' } as const;
const scoped = (s: { institutionId: string; townId: string }) => ({ institutionId: s.institutionId, townId: s.townId });

// ---- Alliance membership -----------------------------------------------------------------------

/** A provider applies for its institution; a rejected institution may apply again. The city admins hear of it. */
export async function applyForMembership(db: Db, ctx: RequestContext, statement: string) {
  const institutionId = ctx.actor.institutionId;
  if (!institutionId) throw forbidden();
  return db.transaction(async (tx) => {
    const inst = await repo.institutionOf(tx, institutionId);
    if (!inst) throw forbidden();
    if (FINANCIAL_TYPES.has(inst.type)) throw new AppError(ServiceErrors.MEMBERSHIP_NOT_PROVIDER_INSTITUTION);
    const before = await repo.findMembership(tx, { institutionId }, true);
    const id = await repo.upsertApplication(tx, institutionId, statement, ctx.actor.userId);
    if (!id) throw new AppError(ServiceErrors.MEMBERSHIP_EXISTS);
    await recordAudit(tx, ctx, {
      action: 'alliance.apply',
      targetType: 'alliance_membership',
      targetId: id,
      result: 'success',
      statusCode: 201,
      changes: { status: { from: before?.status ?? null, to: 'applied' }, statement: { from: before?.statement ?? null, to: statement } },
    });
    await notifyCityAdmins(tx, {
      kind: 'alliance.applied',
      title: `「${inst.name}」申请加入公共服务平台联盟`,
      titleEn: `${inst.name} applied to join the service alliance`,
      link: '/alliance/review',
    });
    return (await repo.findMembership(tx, { id })) as repo.MembershipView;
  });
}

/** applied → approved | rejected by the city; the institution's providers hear of it. */
export async function decideMembership(db: Db, ctx: RequestContext, id: string, input: z.infer<typeof membershipDecisionSchema>) {
  if (input.decision === 'reject' && !input.reason) throw new AppError(ServiceErrors.MEMBERSHIP_REASON_REQUIRED);
  const REVIEW = { resource: 'allianceMembership', action: 'review' } as const;
  return db.transaction(async (tx) => {
    const m = requireAccess(ctx.actor, REVIEW, await repo.findMembership(tx, { id }, true), (x) => ({
      institutionId: x.institutionId,
      townId: x.townId,
    }));
    const to = input.decision === 'approve' ? 'approved' : 'rejected';
    if (!(await repo.decideMembership(tx, id, { status: to, decisionReason: input.reason ?? null, decidedBy: ctx.actor.userId }))) {
      throw new AppError(ServiceErrors.MEMBERSHIP_NOT_PENDING);
    }
    await recordAudit(tx, ctx, {
      action: `alliance.${input.decision}`,
      targetType: 'alliance_membership',
      targetId: id,
      result: 'success',
      statusCode: 200,
      changes: { status: { from: m.status, to }, decisionReason: { from: null, to: input.reason ?? null } },
    });
    await notify(tx, {
      userIds: await repo.providerUserIds(tx, m.institutionId),
      kind: `alliance.${to}`,
      title: to === 'approved' ? '贵机构已加入公共服务平台联盟，可以发布服务' : '加入公共服务平台联盟的申请未获批准',
      titleEn:
        to === 'approved'
          ? 'Your institution joined the service alliance and may publish services'
          : 'Your alliance application was rejected',
      body: input.reason ?? null,
      link: '/my/services',
    });
    return (await repo.findMembership(tx, { id })) as repo.MembershipView;
  });
}

// ---- Services ----------------------------------------------------------------------------------

/** Everyone sees a published service of an alliance member; anything else only those who manage it. */
async function visibleTo(db: Db, actor: Actor, s: repo.ServiceView): Promise<boolean> {
  const scope = scopeOf(actor, MANAGE);
  if (scope !== null && recordInScope(actor, scope, scoped(s))) return true;
  return s.status === 'published' && (await repo.isMember(db, s.institutionId));
}

export async function getService(db: Db, actor: Actor, id: string) {
  const s = await repo.findService(db, id);
  if (!s || !(await visibleTo(db, actor, s))) throw notFound();
  return s;
}

type Price = { priceKind: 'fixed' | 'range'; priceMinFen: number; priceMaxFen?: number | null | undefined };

/** fixed: max = min (a different max is refused); range: a max is required and not below the min. */
function normalisePrice(p: Price): { priceMinFen: number; priceMaxFen: number } {
  if (p.priceKind === 'fixed') {
    if (p.priceMaxFen != null && p.priceMaxFen !== p.priceMinFen) throw new AppError(ServiceErrors.SERVICE_PRICE_FIXED_MISMATCH);
    return { priceMinFen: p.priceMinFen, priceMaxFen: p.priceMinFen };
  }
  if (p.priceMaxFen == null) throw new AppError(ServiceErrors.SERVICE_PRICE_RANGE_MISSING_MAX);
  if (p.priceMinFen > p.priceMaxFen) throw new AppError(ServiceErrors.SERVICE_PRICE_RANGE);
  return { priceMinFen: p.priceMinFen, priceMaxFen: p.priceMaxFen };
}

/** The resources must be instruments or experts of the service's own institution; returns their names. */
async function checkResources(db: Db, institutionId: string, ids: readonly string[]): Promise<string[]> {
  const unique = [...new Set(ids)];
  const found = await repo.ownUsableResources(db, institutionId, unique);
  if (found.length !== unique.length) throw new AppError(ServiceErrors.SERVICE_RESOURCE_INVALID);
  return found.map((r) => r.name);
}

const documentExtra = (category: string, resourceNames: readonly string[]) => [
  SERVICE_CATEGORY_LABELS[category as keyof typeof SERVICE_CATEGORY_LABELS]?.zh ?? '',
  ...resourceNames,
];

/** A draft of the own institution; anyone of a provider institution may prepare drafts, members publish them. */
export async function createService(db: Db, ctx: RequestContext, input: ServiceCreate) {
  const institutionId = ctx.actor.institutionId;
  if (!institutionId) throw forbidden();
  const price = normalisePrice(input);
  return db.transaction(async (tx) => {
    const inst = await repo.institutionOf(tx, institutionId);
    if (!inst) throw forbidden();
    const names = await checkResources(tx, institutionId, input.resourceIds ?? []);
    const values = {
      institutionId,
      townId: inst.townId,
      category: input.category,
      title: input.title,
      description: input.description ?? null,
      priceKind: input.priceKind,
      ...price,
      priceUnit: input.priceUnit,
      turnaroundDays: input.turnaroundDays,
      status: 'draft',
      createdBy: ctx.actor.userId,
    };
    const id = await repo.insertService(tx, values, documentExtra(input.category, names));
    await repo.replaceResources(tx, id, input.resourceIds ?? []);
    await recordAudit(tx, ctx, {
      action: 'service.create',
      targetType: 'service',
      targetId: id,
      result: 'success',
      statusCode: 201,
      changes: diffChanges(null, { ...values, resourceIds: input.resourceIds ?? [] }),
    });
    return (await repo.findService(tx, id)) as repo.ServiceView;
  });
}

export async function updateService(db: Db, ctx: RequestContext, id: string, input: ServiceUpdate) {
  const UPDATE = { resource: 'service', action: 'update' } as const;
  return db.transaction(async (tx) => {
    const before = requireAccess(ctx.actor, UPDATE, await repo.findService(tx, id, true), scoped);
    const { resourceIds, ...fields } = input;
    const merged = { ...before, ...fields };
    const priceTouched = 'priceKind' in input || 'priceMinFen' in input || 'priceMaxFen' in input;
    const price = priceTouched
      ? normalisePrice({
          priceKind: merged.priceKind as Price['priceKind'],
          priceMinFen: merged.priceMinFen,
          // A switch to `fixed` without a max takes the price itself; otherwise the stored max stands in.
          priceMaxFen: 'priceMaxFen' in input ? input.priceMaxFen : merged.priceKind === 'fixed' ? null : before.priceMaxFen,
        })
      : {};
    const ids = resourceIds ?? before.resources.map((r) => r.id);
    const names = await checkResources(tx, before.institutionId, ids);
    const { priceMaxFen: _max, ...rest } = fields;
    const set = { ...rest, ...price };
    await repo.updateService(tx, id, set, { ...before, ...set }, documentExtra(merged.category, names));
    if (resourceIds) await repo.replaceResources(tx, id, resourceIds);
    const after = (await repo.findService(tx, id)) as repo.ServiceView;
    await recordAudit(tx, ctx, {
      action: 'service.update',
      targetType: 'service',
      targetId: id,
      result: 'success',
      statusCode: 200,
      changes: {
        ...diffChanges(before, after, Object.keys(fields)),
        ...(resourceIds ? { resourceIds: { from: before.resources.map((r) => r.id), to: after.resources.map((r) => r.id) } } : {}),
      },
    });
    return after;
  });
}

/** draft | withdrawn → published: only alliance members. */
export async function publishService(db: Db, ctx: RequestContext, id: string) {
  const PUBLISH = { resource: 'service', action: 'publish' } as const;
  return db.transaction(async (tx) => {
    const s = requireAccess(ctx.actor, PUBLISH, await repo.findService(tx, id, true), scoped);
    if (!(await repo.isMember(tx, s.institutionId))) throw new AppError(ServiceErrors.SERVICE_NOT_ALLIANCE_MEMBER);
    if (!(await repo.transition(tx, id, ['draft', 'withdrawn'], { status: 'published', publishedAt: new Date() }))) {
      throw new AppError(ServiceErrors.SERVICE_TRANSITION_INVALID);
    }
    await recordAudit(tx, ctx, {
      action: 'service.publish',
      targetType: 'service',
      targetId: id,
      result: 'success',
      statusCode: 200,
      changes: { status: { from: s.status, to: 'published' } },
    });
    return (await repo.findService(tx, id)) as repo.ServiceView;
  });
}

/** published → withdrawn: off the storefront, kept for the record. */
export async function withdrawService(db: Db, ctx: RequestContext, id: string) {
  const WITHDRAW = { resource: 'service', action: 'withdraw' } as const;
  return db.transaction(async (tx) => {
    const s = requireAccess(ctx.actor, WITHDRAW, await repo.findService(tx, id, true), scoped);
    if (!(await repo.transition(tx, id, ['published'], { status: 'withdrawn' })))
      throw new AppError(ServiceErrors.SERVICE_TRANSITION_INVALID);
    await recordAudit(tx, ctx, {
      action: 'service.withdraw',
      targetType: 'service',
      targetId: id,
      result: 'success',
      statusCode: 200,
      changes: { status: { from: s.status, to: 'withdrawn' } },
    });
    return (await repo.findService(tx, id)) as repo.ServiceView;
  });
}

// ---- Search and provider page ------------------------------------------------------------------

/**
 * The storefront search: published services of alliance members, for every caller. Words are cut by the
 * resource search's tokenizer (platform/search) and matched against the weighted tsvector (title A, body B).
 */
export async function searchServices(db: Db, q: ServiceSearchQuery): Promise<ServiceSearchResult> {
  const tokens = tokensForQuery(q.q);
  const tsquery = tokens.length > 0 ? tsqueryText(tokens) : null;
  const sort = q.sort ?? (tsquery ? 'relevance' : 'newest');
  const { limit, offset } = limitOffset(q);
  const found = await repo.search(
    db,
    {
      visibility: repo.visibilitySql(null),
      tsquery,
      category: q.category,
      townId: q.townId,
      institutionId: q.institutionId,
      priceMin: q.priceMin,
      priceMax: q.priceMax,
      publishedOnly: true,
    },
    sort,
    limit,
    offset,
  );
  const facet = (rows: { value: string; label?: string; count: number }[]) =>
    rows
      .map((r) => ({ value: r.value, ...(r.label ? { label: r.label } : {}), count: Number(r.count) }))
      .sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
  return {
    items: found.rows.map((r) => presentSearchItem(r, tokens)),
    total: found.total,
    page: q.page,
    pageSize: q.pageSize,
    facets: { category: facet(found.categories), town: facet(found.towns) },
  };
}

/**
 * Where a provider's delivery record from service orders will come from. Orders do not exist yet:
 * the orders module replaces this with its figures (delivered orders, average rating, number of ratings).
 */
export type OrderRecordSource = (db: Db, institutionId: string) => Promise<OrderRecord>;
let orderRecordSource: OrderRecordSource = async () => null;
export function setOrderRecordSource(source: OrderRecordSource): void {
  orderRecordSource = source;
}

/** A provider's page: public for alliance members; otherwise only for those who manage the institution's services. */
export async function providerPage(db: Db, actor: Actor, institutionId: string): Promise<ServiceProvider> {
  const p = await repo.providerProfile(db, institutionId);
  if (!p || FINANCIAL_TYPES.has(p.type)) throw notFound();
  const scope = scopeOf(actor, MANAGE);
  const manages = scope !== null && recordInScope(actor, scope, { institutionId: p.id, townId: p.town_id });
  if (p.membership !== 'approved' && !manages) throw notFound();
  const [record, orders, listed] = await Promise.all([
    repo.providerRecord(db, institutionId),
    orderRecordSource(db, institutionId),
    searchServices(db, { institutionId, page: 1, pageSize: 100, sort: 'newest' } as ServiceSearchQuery),
  ]);
  return presentProvider(p, record, orders, listed.items);
}
