import type { TownCreate, TownUpdate } from '@innotown/contracts/towns';
import { diffChanges, recordAudit } from '../../platform/audit.ts';
import type { RequestContext } from '../../platform/context.ts';
import type { Db } from '../../platform/db.ts';
import { AppError, notFound, PlatformErrors, uniqueOr } from '../../platform/errors.ts';
import * as repo from './towns.repository.ts';

const taken = () => new AppError(PlatformErrors.DUPLICATE, { details: { reason: 'town code or name exists' } });

export async function createTown(db: Db, ctx: RequestContext, input: TownCreate) {
  return db.transaction(async (tx) => {
    const row = await uniqueOr(repo.insertTown(tx, input), taken);
    await recordAudit(tx, ctx, {
      action: 'town.create',
      targetType: 'town',
      targetId: row.id,
      result: 'success',
      statusCode: 201,
      changes: diffChanges(null, input),
    });
    return (await repo.findTown(tx, row.id)) as repo.TownWithCounts;
  });
}

export async function updateTown(db: Db, ctx: RequestContext, id: string, input: TownUpdate) {
  return db.transaction(async (tx) => {
    const before = await repo.findTown(tx, id, true);
    if (!before) throw notFound();
    await uniqueOr(repo.updateTown(tx, id, input), taken);
    const after = (await repo.findTown(tx, id)) as repo.TownWithCounts;
    await recordAudit(tx, ctx, {
      action: 'town.update',
      targetType: 'town',
      targetId: id,
      result: 'success',
      statusCode: 200,
      changes: diffChanges(before, after, Object.keys(input)),
    });
    return after;
  });
}
