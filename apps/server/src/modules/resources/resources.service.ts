import {
  type ResourceCreate,
  type ResourceKind,
  type ResourceUpdate,
  type resourceLinksBodySchema,
  type resourceReviewSchema,
  resourceSpecsSchemas,
} from '@innotown/contracts/resources';
import type { z } from 'zod';
import { diffChanges, recordAudit } from '../../platform/audit.ts';
import type { RequestContext } from '../../platform/context.ts';
import type { Db } from '../../platform/db.ts';
import { AppError, forbidden, notFound } from '../../platform/errors.ts';
import { parseOrThrow } from '../../platform/http/validation.ts';
import { type Actor, assertFieldsAllowed, type Permission, recordInScope, requireAccess, scopeOf } from '../../platform/policy.ts';
import { notify, notifyTownAdmins } from '../notifications/notifications.service.ts';
import { ResourceErrors } from './resources.errors.ts';
import * as repo from './resources.repository.ts';

const MANAGE = { resource: 'resource', action: 'manage' } as const;
const scoped = (r: { institutionId: string; townId: string }) => ({ institutionId: r.institutionId, townId: r.townId });

function within(actor: Actor, permission: Permission, r: { institutionId: string; townId: string }): boolean {
  const scope = scopeOf(actor, permission);
  return scope !== null && recordInScope(actor, scope, scoped(r));
}

/**
 * Who sees a resource: a published open one everyone; a published members-only one any signed-in user;
 * anything else only those who manage it (the owner institution, its town admin, city admins).
 */
export function visibleTo(actor: Actor, r: repo.ResourceBrief): boolean {
  if (r.reviewStatus === 'published' && r.sharing === 'open') return true;
  if (r.reviewStatus === 'published' && r.sharing === 'members' && actor.role !== 'anonymous') return true;
  return within(actor, MANAGE, r);
}

/** A resource's contact phone and e-mail in full, without asking about bookings: the owner institution and city admins. */
export function revealsContacts(actor: Actor, r: { institutionId: string }): boolean {
  return actor.role === 'city_admin' || (actor.institutionId !== null && actor.institutionId === r.institutionId);
}

/**
 * One resource's contacts in full: the owner institution, city admins, and a signed-in enterprise user
 * whose enterprise has booked the resource (an expert consultation, an instrument slot) in any state
 * but rejected or cancelled. That last reveal is personal data shown to a third party: audited (PIPL).
 */
export async function contactsRevealed(
  db: Db,
  ctx: RequestContext,
  r: { id: string; institutionId: string; contactPhone: string | null; contactEmail: string | null },
) {
  if (revealsContacts(ctx.actor, r)) return true;
  const { enterpriseId } = ctx.actor;
  if (!enterpriseId || (!r.contactPhone && !r.contactEmail)) return false;
  if (!(await repo.enterpriseHasBooking(db, r.id, enterpriseId))) return false;
  await recordAudit(db, ctx, {
    action: 'resource.contact.reveal',
    targetType: 'resource',
    targetId: r.id,
    result: 'success',
    statusCode: 200,
    changes: { reason: 'booking' },
  });
  return true;
}

export async function getResource(db: Db, actor: Actor, id: string) {
  const r = await repo.findResource(db, id);
  if (!r || !visibleTo(actor, r)) throw notFound();
  const links = (await repo.linksOf(db, id)).filter((l) => visibleTo(actor, l.other));
  return { resource: r, links };
}

function checkFees(r: { feeMinFen?: number | null; feeMaxFen?: number | null }) {
  if (r.feeMinFen != null && r.feeMaxFen != null && r.feeMinFen > r.feeMaxFen) throw new AppError(ResourceErrors.RESOURCE_FEE_RANGE);
}

async function checkPhotos(db: Db, ids: readonly string[] | undefined) {
  if (!ids || ids.length === 0) return;
  const unique = [...new Set(ids)];
  if ((await repo.countImages(db, unique)) !== unique.length) throw new AppError(ResourceErrors.RESOURCE_PHOTO_INVALID);
}

const specsOf = (kind: ResourceKind, specs: unknown) =>
  parseOrThrow(resourceSpecsSchemas[kind] as z.ZodType<Record<string, unknown>>, specs ?? {});

export async function createResource(db: Db, ctx: RequestContext, input: ResourceCreate) {
  const institutionId = ctx.actor.institutionId;
  if (!institutionId) throw forbidden();
  checkFees(input);
  return db.transaction(async (tx) => {
    const townId = await repo.institutionTown(tx, institutionId);
    if (!townId) throw forbidden();
    await checkPhotos(tx, input.photoFileIds);
    const row = await repo.insertResource(tx, {
      ...input,
      specs: input.specs ?? {},
      institutionId,
      townId,
      reviewStatus: 'draft',
      createdBy: ctx.actor.userId,
    });
    await recordAudit(tx, ctx, {
      action: 'resource.create',
      targetType: 'resource',
      targetId: row.id,
      result: 'success',
      statusCode: 201,
      changes: diffChanges(null, input),
    });
    return (await repo.findResource(tx, row.id)) as repo.ResourceView;
  });
}

/** Providers edit their own resources in any state but 'submitted': the reviewer must judge what was submitted. */
export async function updateResource(db: Db, ctx: RequestContext, id: string, input: ResourceUpdate) {
  const UPDATE = { resource: 'resource', action: 'update' } as const;
  return db.transaction(async (tx) => {
    const before = requireAccess(ctx.actor, UPDATE, await repo.findResource(tx, id, true), scoped);
    assertFieldsAllowed(ctx.actor, UPDATE, input);
    if (before.reviewStatus === 'submitted') throw new AppError(ResourceErrors.RESOURCE_UNDER_REVIEW);
    const values = { ...input, ...(input.specs !== undefined ? { specs: specsOf(before.kind as ResourceKind, input.specs) } : {}) };
    const merged = { ...before, ...values };
    checkFees(merged);
    await checkPhotos(tx, input.photoFileIds);
    await repo.updateResource(tx, id, values, merged);
    const after = (await repo.findResource(tx, id)) as repo.ResourceView;
    await recordAudit(tx, ctx, {
      action: 'resource.update',
      targetType: 'resource',
      targetId: id,
      result: 'success',
      statusCode: 200,
      changes: diffChanges(before, after, Object.keys(input)),
    });
    return after;
  });
}

export async function deleteResource(db: Db, ctx: RequestContext, id: string) {
  const DELETE = { resource: 'resource', action: 'delete' } as const;
  await db.transaction(async (tx) => {
    const before = requireAccess(ctx.actor, DELETE, await repo.findResource(tx, id, true), scoped);
    if (!(await repo.deleteDraft(tx, id))) throw new AppError(ResourceErrors.RESOURCE_NOT_DRAFT);
    await recordAudit(tx, ctx, {
      action: 'resource.delete',
      targetType: 'resource',
      targetId: id,
      result: 'success',
      statusCode: 204,
      changes: { name: { from: before.name, to: null } },
    });
  });
}

const link = (id: string) => `/resources/${id}`;

/** draft | rejected → submitted; the town's admins hear of it. */
export async function submitResource(db: Db, ctx: RequestContext, id: string) {
  const SUBMIT = { resource: 'resource', action: 'submit' } as const;
  return db.transaction(async (tx) => {
    const r = requireAccess(ctx.actor, SUBMIT, await repo.findResource(tx, id), scoped);
    if (!(await repo.transition(tx, id, ['draft', 'rejected'], { reviewStatus: 'submitted', reviewComment: null }))) {
      throw new AppError(ResourceErrors.RESOURCE_TRANSITION_INVALID);
    }
    await recordAudit(tx, ctx, {
      action: 'resource.submit',
      targetType: 'resource',
      targetId: id,
      result: 'success',
      statusCode: 200,
      changes: { reviewStatus: { from: r.reviewStatus, to: 'submitted' } },
    });
    await notifyTownAdmins(tx, r.townId, {
      kind: 'resource.submitted',
      title: `资源「${r.name}」提交审核（${r.institutionName}）`,
      titleEn: `Resource "${r.name}" submitted for review`,
      link: link(id),
    });
    return (await repo.findResource(tx, id)) as repo.ResourceView;
  });
}

/** submitted → published | rejected, by the town's admins or the city; the owner's providers hear of it. */
export async function reviewResource(db: Db, ctx: RequestContext, id: string, input: z.infer<typeof resourceReviewSchema>) {
  const REVIEW = { resource: 'resource', action: 'review' } as const;
  if (input.decision === 'reject' && !input.comment) throw new AppError(ResourceErrors.RESOURCE_REVIEW_COMMENT_REQUIRED);
  return db.transaction(async (tx) => {
    const r = requireAccess(ctx.actor, REVIEW, await repo.findResource(tx, id), scoped);
    const publish = input.decision === 'publish';
    const to = publish ? 'published' : 'rejected';
    const stepped = await repo.transition(tx, id, ['submitted'], {
      reviewStatus: to,
      reviewComment: input.comment ?? null,
      reviewedBy: ctx.actor.userId,
      reviewedAt: new Date(),
      ...(publish ? { publishedAt: r.publishedAt ?? new Date() } : {}),
    });
    if (!stepped) throw new AppError(ResourceErrors.RESOURCE_TRANSITION_INVALID);
    await recordAudit(tx, ctx, {
      action: `resource.${input.decision}`,
      targetType: 'resource',
      targetId: id,
      result: 'success',
      statusCode: 200,
      changes: { reviewStatus: { from: 'submitted', to }, reviewComment: { from: r.reviewComment, to: input.comment ?? null } },
    });
    await notify(tx, {
      userIds: await repo.providerUserIds(tx, r.institutionId),
      kind: `resource.${to}`,
      title: publish ? `资源「${r.name}」已发布` : `资源「${r.name}」被退回`,
      titleEn: publish ? `Resource "${r.name}" published` : `Resource "${r.name}" returned`,
      body: input.comment ?? null,
      link: link(id),
    });
    return (await repo.findResource(tx, id)) as repo.ResourceView;
  });
}

/** located_in: an instrument in a lab; leads: an expert leads a lab; uses: anything uses anything. */
const LINK_KINDS: Record<string, { from: readonly string[]; to: readonly string[] } | undefined> = {
  located_in: { from: ['instrument'], to: ['lab'] },
  leads: { from: ['expert'], to: ['lab'] },
};

/** Replaces the resource's outgoing links; each target is the owner's own resource or one the caller can see. */
export async function replaceLinks(db: Db, ctx: RequestContext, id: string, input: z.infer<typeof resourceLinksBodySchema>) {
  const UPDATE = { resource: 'resource', action: 'update' } as const;
  return db.transaction(async (tx) => {
    const r = requireAccess(ctx.actor, UPDATE, await repo.findResource(tx, id, true), scoped);
    const targets = new Map(
      (
        await repo.findBriefs(
          tx,
          input.links.map((l) => l.toResourceId),
        )
      ).map((t) => [t.id, t]),
    );
    for (const l of input.links) {
      const t = targets.get(l.toResourceId);
      const kinds = LINK_KINDS[l.relation];
      const ok =
        t !== undefined &&
        t.id !== id &&
        (t.institutionId === r.institutionId || visibleTo(ctx.actor, t)) &&
        (!kinds || (kinds.from.includes(r.kind) && kinds.to.includes(t.kind)));
      if (!ok)
        throw new AppError(ResourceErrors.RESOURCE_LINK_INVALID, { details: { toResourceId: l.toResourceId, relation: l.relation } });
    }
    const before = (await repo.linksOf(tx, id)).filter((l) => l.direction === 'out').map((l) => `${l.relation}:${l.resourceId}`);
    await repo.replaceLinks(tx, id, input.links);
    await recordAudit(tx, ctx, {
      action: 'resource.links',
      targetType: 'resource',
      targetId: id,
      result: 'success',
      statusCode: 200,
      changes: { links: { from: before, to: input.links.map((l) => `${l.relation}:${l.toResourceId}`) } },
    });
    return (await repo.linksOf(tx, id)).filter((l) => visibleTo(ctx.actor, l.other));
  });
}
