import type { RequestContext } from '../../platform/context.ts';
import type { Db } from '../../platform/db.ts';
import { forbidden } from '../../platform/errors.ts';
import { scopeOf } from '../../platform/policy.ts';
import * as repo from './ip-centre.repository.ts';
import { withCentreDuty } from './ip-centre.ts';

/** The centre and the caller's duty in it (the web shows the centre's pages by it). */
export async function centreMe(db: Db, ctx: RequestContext) {
  const c = await repo.centreInstitution(db);
  const actor = await withCentreDuty(db, ctx.actor);
  return {
    institutionId: c?.id ?? null,
    institutionName: c?.name ?? null,
    duty: c && actor.institutionId === c.id ? (actor.centreDuty ?? null) : null,
  };
}

/** The centre's staff (the assign dialog lists its officers): its admins and the city. */
export async function centreStaff(db: Db, ctx: RequestContext) {
  const actor = await withCentreDuty(db, ctx.actor);
  const c = await repo.centreInstitution(db);
  const scope = scopeOf(actor, { resource: 'ipCentre', action: 'staff' });
  if (!c || !scope || (scope !== 'all' && actor.institutionId !== c.id)) throw forbidden();
  return { items: await repo.staffOf(db, c.id) };
}
