import type { institutionCreateSchema, institutionUpdateSchema } from '@innotown/contracts/institutions';
import type { z } from 'zod';
import { diffChanges, recordAudit } from '../../platform/audit.ts';
import type { RequestContext } from '../../platform/context.ts';
import type { Db } from '../../platform/db.ts';
import { AppError, uniqueOr } from '../../platform/errors.ts';
import { assertFieldsAllowed, requireAccess } from '../../platform/policy.ts';
import { InstitutionErrors } from './institutions.errors.ts';
import * as repo from './institutions.repository.ts';

const taken = () => new AppError(InstitutionErrors.INSTITUTION_TAKEN);
const UPDATE = { resource: 'institution', action: 'update' } as const;

export async function createInstitution(db: Db, ctx: RequestContext, input: z.infer<typeof institutionCreateSchema>) {
  return db.transaction(async (tx) => {
    if (!(await repo.townExists(tx, input.townId))) throw new AppError(InstitutionErrors.INSTITUTION_TOWN_NOT_FOUND);
    const row = await uniqueOr(repo.insertInstitution(tx, input), taken);
    await recordAudit(tx, ctx, {
      action: 'institution.create',
      targetType: 'institution',
      targetId: row.id,
      result: 'success',
      statusCode: 201,
      changes: diffChanges(null, input),
    });
    return (await repo.findInstitution(tx, row.id)) as repo.InstitutionView;
  });
}

export async function updateInstitution(db: Db, ctx: RequestContext, id: string, input: z.infer<typeof institutionUpdateSchema>) {
  return db.transaction(async (tx) => {
    const before = requireAccess(ctx.actor, UPDATE, await repo.findInstitution(tx, id, true), (i) => ({
      institutionId: i.id,
      townId: i.townId,
    }));
    assertFieldsAllowed(ctx.actor, UPDATE, input);
    if (input.townId && !(await repo.townExists(tx, input.townId))) throw new AppError(InstitutionErrors.INSTITUTION_TOWN_NOT_FOUND);
    await uniqueOr(repo.updateInstitution(tx, id, input), taken);
    const after = (await repo.findInstitution(tx, id)) as repo.InstitutionView;
    await recordAudit(tx, ctx, {
      action: 'institution.update',
      targetType: 'institution',
      targetId: id,
      result: 'success',
      statusCode: 200,
      changes: diffChanges(before, after, Object.keys(input)),
    });
    return after;
  });
}
