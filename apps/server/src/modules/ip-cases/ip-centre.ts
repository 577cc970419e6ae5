import type { Db } from '../../platform/db.ts';
import type { Actor } from '../../platform/policy.ts';
import * as repo from './ip-centre.repository.ts';

/**
 * The actor with its IP-centre duty loaded (null when it has none): the policy's duty rules
 * (platform/policy.ts) resolve only with it. Signed-in provider users are the only ones that can hold one.
 */
export async function withCentreDuty(db: Db, actor: Actor): Promise<Actor> {
  if (actor.centreDuty !== undefined) return actor;
  if (actor.role !== 'provider' || !actor.userId) return { ...actor, centreDuty: null };
  const d = await repo.dutyOf(db, actor.userId);
  return { ...actor, centreDuty: d && d.institutionId === actor.institutionId ? d.duty : null };
}
