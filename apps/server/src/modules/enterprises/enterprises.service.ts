import type { annualFiguresBodySchema, EnterpriseCreate, EnterpriseUpdate } from '@innotown/contracts/enterprises';
import type { z } from 'zod';
import { diffChanges, recordAudit } from '../../platform/audit.ts';
import type { RequestContext } from '../../platform/context.ts';
import type { Db } from '../../platform/db.ts';
import { AppError, uniqueOr } from '../../platform/errors.ts';
import { assertFieldsAllowed, requireAccess, scopeOf } from '../../platform/policy.ts';
import { notifyEnterpriseUsers } from '../notifications/notifications.service.ts';
import { EnterpriseErrors } from './enterprises.errors.ts';
import * as repo from './enterprises.repository.ts';

const PERMISSION_READ = { resource: 'enterprise', action: 'read' } as const;
const PERMISSION_UPDATE = { resource: 'enterprise', action: 'update' } as const;
const PERMISSION_CREATE = { resource: 'enterprise', action: 'create' } as const;
const FIGURES_READ = { resource: 'enterpriseFigures', action: 'read' } as const;
const FIGURES_UPDATE = { resource: 'enterpriseFigures', action: 'update' } as const;

const scoped = (e: repo.EnterpriseView) => ({ townId: e.townId, enterpriseId: e.id });

/** An enterprise hears about it when an administrator changes its records. */
async function tellEnterprise(db: Db, ctx: RequestContext, enterprise: repo.EnterpriseView, what: 'profile' | 'figures', year?: number) {
  if (ctx.actor.enterpriseId === enterprise.id) return;
  const who = ctx.actor.username ?? '';
  await notifyEnterpriseUsers(db, enterprise.id, {
    kind: `enterprise.${what}_changed`,
    title: what === 'profile' ? `企业档案已由管理员 ${who} 更新` : `${year} 年度数据已由管理员 ${who} 更新`,
    titleEn: what === 'profile' ? `Your enterprise profile was updated by ${who}` : `Your ${year} figures were updated by ${who}`,
    link: '/my/enterprise',
  });
}

/** A town admin may only place enterprises in their own town. */
async function checkTargetTown(
  db: Db,
  ctx: RequestContext,
  townId: string,
  permission: typeof PERMISSION_CREATE | typeof PERMISSION_UPDATE,
) {
  if (scopeOf(ctx.actor, permission) === 'town' && townId !== ctx.actor.townId) throw new AppError(EnterpriseErrors.TOWN_OUT_OF_SCOPE);
  if (!(await repo.townExists(db, townId))) throw new AppError(EnterpriseErrors.TOWN_NOT_FOUND);
}

export async function getEnterprise(db: Db, ctx: RequestContext, id: string) {
  return requireAccess(ctx.actor, PERMISSION_READ, await repo.findEnterprise(db, id), scoped);
}

export async function createEnterprise(
  db: Db,
  ctx: RequestContext,
  input: EnterpriseCreate,
  options: { skipScopeCheck?: boolean } = {},
): Promise<repo.EnterpriseView> {
  const run = async (tx: Db) => {
    if (!options.skipScopeCheck) await checkTargetTown(tx, ctx, input.townId, PERMISSION_CREATE);
    else if (!(await repo.townExists(tx, input.townId))) throw new AppError(EnterpriseErrors.TOWN_NOT_FOUND);
    if (await repo.findEnterpriseByCreditCode(tx, input.creditCode)) throw new AppError(EnterpriseErrors.CREDIT_CODE_TAKEN);
    const row = await uniqueOr(repo.insertEnterprise(tx, input), () => new AppError(EnterpriseErrors.CREDIT_CODE_TAKEN));
    await recordAudit(tx, ctx, {
      action: 'enterprise.create',
      targetType: 'enterprise',
      targetId: row.id,
      result: 'success',
      statusCode: 201,
      changes: diffChanges(null, input),
    });
    return (await repo.findEnterprise(tx, row.id)) as repo.EnterpriseView;
  };
  // Inside a caller's transaction (registration) nest; otherwise open one.
  return options.skipScopeCheck ? run(db) : db.transaction((tx) => run(tx));
}

export async function updateEnterprise(db: Db, ctx: RequestContext, id: string, input: EnterpriseUpdate) {
  return db.transaction(async (tx) => {
    const before = requireAccess(ctx.actor, PERMISSION_UPDATE, await repo.findEnterprise(tx, id, true), scoped);
    assertFieldsAllowed(ctx.actor, PERMISSION_UPDATE, input);
    if (input.townId && input.townId !== before.townId) await checkTargetTown(tx, ctx, input.townId, PERMISSION_UPDATE);
    await repo.updateEnterprise(tx, id, input);
    const after = (await repo.findEnterprise(tx, id)) as repo.EnterpriseView;
    await tellEnterprise(tx, ctx, after, 'profile');
    await recordAudit(tx, ctx, {
      action: 'enterprise.update',
      targetType: 'enterprise',
      targetId: id,
      result: 'success',
      statusCode: 200,
      changes: diffChanges(before, after, Object.keys(input)),
    });
    return after;
  });
}

export async function listFigures(db: Db, ctx: RequestContext, id: string) {
  requireAccess(ctx.actor, FIGURES_READ, await repo.findEnterprise(db, id), scoped);
  return repo.listFigures(db, id);
}

export async function saveFigures(
  db: Db,
  ctx: RequestContext,
  id: string,
  year: number,
  input: z.infer<typeof annualFiguresBodySchema>,
  now = new Date(),
) {
  if (year > now.getUTCFullYear()) throw new AppError(EnterpriseErrors.FIGURES_YEAR_IN_FUTURE);
  return db.transaction(async (tx) => {
    const enterprise = requireAccess(ctx.actor, FIGURES_UPDATE, await repo.findEnterprise(tx, id, true), scoped);
    const before = await repo.findFigures(tx, id, year);
    const after = await repo.upsertFigures(tx, { enterpriseId: id, year, ...input });
    await tellEnterprise(tx, ctx, enterprise, 'figures', year);
    await recordAudit(tx, ctx, {
      action: before ? 'enterprise_figures.update' : 'enterprise_figures.create',
      targetType: 'enterprise',
      targetId: id,
      result: 'success',
      statusCode: 200,
      changes: { year, ...diffChanges(before ?? null, after, Object.keys(input)) },
    });
    return after;
  });
}
