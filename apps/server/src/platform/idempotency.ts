import { createHash } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { idempotencyKeys } from '../db/schema/idempotency.ts';
import type { Db } from './db.ts';
import { AppError, defineErrors } from './errors.ts';

/**
 * `Idempotency-Key` for money-changing requests (security.md, ledger invariant 4). The key row is
 * inserted in the same transaction as the change and holds the response: a retry with the same key
 * and body gets the first response and moves nothing; a concurrent retry waits on the key's unique
 * index until the first commits. A failed request rolls back its key too, so its retry runs again
 * and meets the same rule. The same key with another body is refused (422). Keys are scoped per user
 * and route ("POST /api/v1/vouchers/:id/reservations"), so two users never collide.
 */
export const IdempotencyErrors = defineErrors({
  IDEMPOTENCY_KEY_REUSED: {
    status: 422,
    zh: '该幂等键已用于另一笔不同内容的请求',
    en: 'This Idempotency-Key was already used for a different request',
  },
  IDEMPOTENCY_KEY_INVALID: {
    status: 400,
    zh: '幂等键格式不正确（1–200 个可见字符）',
    en: 'The Idempotency-Key must be 1–200 visible characters',
  },
});

export const IDEMPOTENCY_HEADER = 'idempotency-key';

export type IdempotentResult<T> = { status: number; body: T; replayed: boolean };
export type IdempotencyScope = { userId: string | null; route: string; key: string | string[] | undefined; payload: unknown };

/** A stable hash of the request: object keys sorted, so key order does not count as a change. */
export function requestHash(payload: unknown): string {
  return createHash('sha256').update(stableJson(payload)).digest('hex');
}

function stableJson(v: unknown): string {
  if (v === undefined) return 'null';
  if (v === null || typeof v !== 'object') return JSON.stringify(v);
  if (Array.isArray(v)) return `[${v.map(stableJson).join(',')}]`;
  const o = v as Record<string, unknown>;
  return `{${Object.keys(o)
    .sort()
    .filter((k) => o[k] !== undefined)
    .map((k) => `${JSON.stringify(k)}:${stableJson(o[k])}`)
    .join(',')}}`;
}

/**
 * Runs `run` at most once per (user, route, key). Without a key it simply runs (in a transaction).
 * `run` gets the transaction and returns the status and the already presented body to store.
 */
export async function idempotent<T>(
  db: Db,
  scope: IdempotencyScope,
  run: (tx: Db) => Promise<{ status: number; body: T }>,
): Promise<IdempotentResult<T>> {
  const raw = Array.isArray(scope.key) ? scope.key[0] : scope.key;
  if (raw === undefined) return { ...(await db.transaction((tx) => run(tx))), replayed: false };
  const key = raw.trim();
  if (key.length < 1 || key.length > 200 || !/^[\x21-\x7e]+$/.test(key)) throw new AppError(IdempotencyErrors.IDEMPOTENCY_KEY_INVALID);
  if (!scope.userId) return { ...(await db.transaction((tx) => run(tx))), replayed: false };
  const userId = scope.userId;
  const hash = requestHash(scope.payload);
  const where = and(eq(idempotencyKeys.userId, userId), eq(idempotencyKeys.route, scope.route), eq(idempotencyKeys.key, key));
  return db.transaction(async (tx) => {
    const claimed = await tx
      .insert(idempotencyKeys)
      .values({ userId, route: scope.route, key, requestHash: hash, statusCode: 0 })
      .onConflictDoNothing()
      .returning({ key: idempotencyKeys.key });
    if (claimed.length === 0) {
      const [row] = await tx.select().from(idempotencyKeys).where(where);
      if (!row || row.requestHash !== hash) throw new AppError(IdempotencyErrors.IDEMPOTENCY_KEY_REUSED);
      return { status: row.statusCode, body: row.response as T, replayed: true };
    }
    const result = await run(tx as unknown as Db);
    await tx
      .update(idempotencyKeys)
      .set({ statusCode: result.status, response: result.body as unknown })
      .where(where);
    return { ...result, replayed: false };
  });
}

/** Deletes keys older than `days` (a retry after that runs as a new request). */
export async function purgeIdempotencyKeys(db: Db, days = 7): Promise<number> {
  const rows = await db
    .delete(idempotencyKeys)
    .where(sql`${idempotencyKeys.createdAt} < now() - ${days}::int * interval '1 day'`)
    .returning({ key: idempotencyKeys.key });
  return rows.length;
}
