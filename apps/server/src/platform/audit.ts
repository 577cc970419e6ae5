import { auditEvents } from '../db/schema/platform.ts';
import type { RequestContext } from './context.ts';
import type { Db } from './db.ts';
import { maskField } from './masking.ts';
import type { Actor } from './policy.ts';

export type AuditEntry = {
  action: string;
  targetType?: string | null;
  targetId?: string | null;
  result: 'success' | 'failure' | 'denied';
  statusCode?: number | null;
  changes?: Record<string, unknown> | null;
  /** Who acted, when not the request's signed-in actor (a login names the account it tried). */
  actor?: Pick<Actor, 'userId' | 'username' | 'role'>;
};

/**
 * Appends one audit record. Services call it with their transaction so that the change and
 * its record commit together; the HTTP edge records failures and denials itself.
 */
export async function recordAudit(db: Db, ctx: RequestContext, entry: AuditEntry): Promise<void> {
  const actor = entry.actor ?? ctx.actor;
  await db.insert(auditEvents).values({
    userId: actor.userId,
    username: actor.username,
    role: actor.role,
    action: entry.action,
    targetType: entry.targetType ?? null,
    targetId: entry.targetId ?? null,
    result: entry.result,
    statusCode: entry.statusCode ?? null,
    ip: ctx.ip,
    requestId: ctx.requestId,
    changes: entry.changes ?? null,
  });
  if (entry.result !== 'success') recorded.set(ctx, 'refusal');
  else if (!recorded.has(ctx)) recorded.set(ctx, 'success');
}

// What a request's services have recorded. A success written inside a transaction that later
// rolled back is gone, so an error response is still recorded by the edge unless a service
// recorded the refusal itself (outside any rolled-back transaction).
const recorded = new WeakMap<RequestContext, 'success' | 'refusal'>();

/** True when the edge need not record the response: the services already did. */
export function wasAudited(ctx: RequestContext, statusCode: number): boolean {
  const r = recorded.get(ctx);
  return statusCode < 400 ? r !== undefined : r === 'refusal';
}

/** Field-by-field changes between two versions, personal data masked: { field: { from, to } }. */
export function diffChanges(
  before: Record<string, unknown> | null,
  after: Record<string, unknown>,
  fields: readonly string[] = Object.keys(after),
): Record<string, { from: unknown; to: unknown }> {
  const out: Record<string, { from: unknown; to: unknown }> = {};
  for (const f of fields) {
    if (!(f in after)) continue;
    const from = before ? normalise(before[f]) : null;
    const to = normalise(after[f]);
    if (JSON.stringify(from) !== JSON.stringify(to)) out[f] = { from: maskField(f, from), to: maskField(f, to) };
  }
  return out;
}

function normalise(v: unknown): unknown {
  if (v instanceof Date) return v.toISOString();
  return v === undefined ? null : v;
}
