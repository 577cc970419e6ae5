import type { Role } from '@innotown/contracts/common';
import type { Config } from '../../config.ts';
import { recordAudit } from '../../platform/audit.ts';
import type { RequestContext } from '../../platform/context.ts';
import type { Db } from '../../platform/db.ts';
import { AppError, PlatformErrors } from '../../platform/errors.ts';
import { createSession, sessionSettingsOf } from '../../platform/sessions.ts';
import * as repo from './auth.repository.ts';
import { type LockoutRule, lockedUntil } from './lockout.ts';

export const lockoutRuleOf = (c: Config): LockoutRule => ({
  maxFailures: c.loginMaxFailures,
  windowMinutes: c.loginLockMinutes,
  lockMinutes: c.loginLockMinutes,
});

const secondsUntil = (at: Date) => Math.max(1, Math.ceil((at.getTime() - Date.now()) / 1000));

/**
 * Claims a sign-in attempt of the username (a password or a second-factor code) before it is checked: attempts in
 * flight count as failures, so a burst of guesses cannot slip past the lockout between one attempt's check and its
 * record. A locked username gets the time the lock ends instead, and its claim is forgotten (a refused attempt is
 * not a guess and must not extend the lock).
 */
export async function claimSignInAttempt(
  db: Db,
  config: Config,
  username: string,
  ip: string | null,
): Promise<{ attemptId: number } | { lockedUntil: Date }> {
  const rule = lockoutRuleOf(config);
  const attemptId = await repo.claimLoginAttempt(db, username, ip);
  const since = new Date(Date.now() - (rule.windowMinutes + rule.lockMinutes) * 60_000);
  const until = lockedUntil(await repo.recentAttemptsForUsername(db, username, since, attemptId), rule);
  if (until && until.getTime() > Date.now()) {
    await repo.forgetLoginAttempt(db, attemptId);
    return { lockedUntil: until };
  }
  return { attemptId };
}

/** 429 ACCOUNT_LOCKED, with Retry-After at the end of the lock. */
export const accountLocked = (until: Date) =>
  new AppError(PlatformErrors.ACCOUNT_LOCKED, { details: { retryAfterSeconds: secondsUntil(until) } });

/**
 * When a client address with too many failed sign-ins (of any usernames) in the window may try again, or null when
 * it may now. The answer is when its oldest failure in the window leaves it: an upper bound, as a Retry-After may be.
 */
export async function ipThrottledUntil(db: Db, config: Config, ip: string | null): Promise<Date | null> {
  if (!ip) return null;
  const windowMs = config.loginLockMinutes * 60_000;
  const { failures, oldest } = await repo.recentFailuresFromIp(db, ip, new Date(Date.now() - windowMs));
  return failures >= config.loginIpMaxFailures && oldest ? new Date(oldest.getTime() + windowMs) : null;
}

export const ipThrottled = (until: Date) =>
  new AppError(PlatformErrors.RATE_LIMITED, { details: { retryAfterSeconds: secondsUntil(until) } });

/**
 * The end of a sign-in that passed every step, in the caller's transaction: the attempt counts as a success
 * (it ends a run of failures), a fresh session, and the audit record (`changes` says how, e.g. the second factor).
 */
export async function openSession(
  tx: Db,
  config: Config,
  ctx: RequestContext,
  user: { id: string; username: string; role: string },
  attemptId: number,
  userAgent: string | null,
  changes: Record<string, unknown> | null = null,
) {
  await repo.markLoginAttemptSucceeded(tx, attemptId);
  await repo.touchLastLogin(tx, user.id);
  const session = await createSession(tx, user.id, sessionSettingsOf(config), { ip: ctx.ip, userAgent });
  await recordAudit(tx, ctx, {
    action: 'auth.login',
    targetType: 'user',
    targetId: user.id,
    result: 'success',
    statusCode: 200,
    changes,
    actor: { userId: user.id, username: user.username, role: user.role as Role },
  });
  return { userId: user.id, ...session };
}
