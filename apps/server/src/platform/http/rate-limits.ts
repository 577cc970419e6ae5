import { sql } from 'drizzle-orm';
import type { RequestContext } from '../context.ts';
import type { Db } from '../db.ts';
import { AppError, PlatformErrors } from '../errors.ts';
import type { Permission } from '../policy.ts';

/**
 * Rate limits (security.md, Input): search, export, import and money endpoints, counted per signed-in user —
 * or per client IP for anonymous callers — in fixed one-minute windows. The counts live in the database
 * (`rate_limit_hits`), so that N instances behind a load balancer count the same requests; one upsert per
 * limited request. Sign-in has its own throttle (modules/auth: lockout per account and per IP).
 */

export type RateLimitClass = 'search' | 'export' | 'import' | 'money';
/** Requests per minute and caller, by class; `null` turns the limits off (tests, benchmarks). */
export type RateLimits = Record<RateLimitClass, number> | null;

/** A person clicking through pages stays far below these, and so does an office of them behind one address (search, counted per IP for anonymous visitors); a script hammering an endpoint does not. */
export const DEFAULT_RATE_LIMITS: Record<RateLimitClass, number> = { search: 300, export: 20, import: 6, money: 60 };

/** The class a route is limited by: the one it declares (`config.rateLimit`), else `export` for an export action. */
export function rateLimitClassOf(config: { rateLimit?: RateLimitClass; permission?: Permission } | undefined): RateLimitClass | null {
  if (config?.rateLimit) return config.rateLimit;
  return config?.permission?.action === 'export' ? 'export' : null;
}

/** Counts the request and refuses it (429, Retry-After) when the caller is over the class's limit this minute. */
export async function checkRateLimit(db: Db, limits: RateLimits, cls: RateLimitClass, ctx: RequestContext): Promise<void> {
  if (!limits) return;
  const limit = limits[cls];
  const caller = ctx.actor.userId ? `user:${ctx.actor.userId}` : `ip:${ctx.ip ?? 'unknown'}`;
  const result = (await db.execute(sql`
    insert into rate_limit_hits (key, window_start, hits) values (${`${cls}:${caller}`}, date_trunc('minute', now()), 1)
    on conflict (key, window_start) do update set hits = rate_limit_hits.hits + 1
    returning hits, 60 - floor(extract(epoch from now() - date_trunc('minute', now())))::int as "retryAfter"`)) as unknown as {
    rows: { hits: number; retryAfter: number }[];
  };
  const row = result.rows[0];
  if (row && row.hits > limit) {
    throw new AppError(PlatformErrors.RATE_LIMITED, { details: { limit, perSeconds: 60, retryAfterSeconds: Math.max(1, row.retryAfter) } });
  }
}

/** Windows older than a few minutes count nothing any more. */
export async function purgeRateLimitHits(db: Db): Promise<number> {
  const result = (await db.execute(
    sql`with d as (delete from rate_limit_hits where window_start < now() - interval '5 minutes' returning 1) select count(*)::int as n from d`,
  )) as unknown as { rows: { n: number }[] };
  return result.rows[0]?.n ?? 0;
}
