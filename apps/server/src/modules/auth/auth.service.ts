import type { LoginBody, RegisterBody } from '@innotown/contracts/auth';
import type { Config } from '../../config.ts';
import { recordAudit } from '../../platform/audit.ts';
import type { RequestContext } from '../../platform/context.ts';
import type { Db } from '../../platform/db.ts';
import { AppError, PlatformErrors } from '../../platform/errors.ts';
import { dummyPasswordHash, hashPassword, verifyPassword } from '../../platform/passwords.ts';
import { createSession, sessionSettingsOf } from '../../platform/sessions.ts';
import { createEnterprise } from '../enterprises/enterprises.service.ts';
import { notify } from '../notifications/notifications.service.ts';
import { UserErrors } from '../users/users.errors.ts';
import { findUserById, findUserByUsername, insertUser } from '../users/users.repository.ts';
import { currentPasswordWrong } from './auth.errors.ts';
import * as repo from './auth.repository.ts';
import { isLocked } from './lockout.ts';
import { accountLocked, claimSignInAttempt, ipThrottled, ipThrottledUntil, lockoutRuleOf, openSession } from './sign-in.ts';
import { secondStepFor, startChallenge } from './two-factor.service.ts';

/**
 * Signs a user in. Every attempt is audited; the answer never tells whether the username
 * exists; a locked username is refused even with the right password. A user with two-factor
 * sign-in on (or whose role requires it) gets a pending sign-in instead of a session.
 */
export async function login(db: Db, config: Config, ctx: RequestContext, body: LoginBody, userAgent: string | null) {
  const rule = lockoutRuleOf(config);
  const windowStart = new Date(Date.now() - (rule.windowMinutes + rule.lockMinutes) * 60_000);
  const auditAs = (result: 'success' | 'failure' | 'denied', statusCode: number, reason?: string, userId?: string) =>
    recordAudit(db, ctx, {
      action: 'auth.login',
      targetType: 'user',
      targetId: userId ?? null,
      result,
      statusCode,
      changes: reason ? { reason } : null,
      actor: { ...ctx.actor, userId: userId ?? null, username: body.username.slice(0, 64) },
    });

  const throttledUntil = await ipThrottledUntil(db, config, ctx.ip);
  if (throttledUntil) {
    await auditAs('denied', 429, 'ip_throttled');
    throw ipThrottled(throttledUntil);
  }
  const claim = await claimSignInAttempt(db, config, body.username, ctx.ip);
  if ('lockedUntil' in claim) {
    await auditAs('denied', 429, 'locked');
    throw accountLocked(claim.lockedUntil);
  }
  const { attemptId } = claim;

  const user = await findUserByUsername(db, body.username);
  const ok = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), body.password);
  if (!user || !ok || user.status !== 'active') {
    const nowLocked = isLocked(await repo.recentAttemptsForUsername(db, body.username, windowStart), rule);
    await auditAs('failure', 401, !user ? 'unknown_user' : !ok ? 'wrong_password' : 'disabled', user?.id);
    if (nowLocked) {
      await recordAudit(db, ctx, {
        action: 'auth.lockout',
        targetType: 'user',
        targetId: user?.id ?? null,
        result: 'success',
        changes: { username: body.username.slice(0, 64) },
      });
      // The owner learns of it at the next sign-in: someone may be guessing their password.
      if (user) {
        await notify(db, {
          userId: user.id,
          kind: 'auth.locked',
          title: `账号因连续 ${rule.maxFailures} 次登录失败被锁定 ${rule.lockMinutes} 分钟；如非本人操作，请修改密码`,
          titleEn: `Your account was locked for ${rule.lockMinutes} minutes after ${rule.maxFailures} failed sign-ins; change your password if this was not you`,
          link: '/account/password',
        });
      }
    }
    throw new AppError(PlatformErrors.INVALID_CREDENTIALS);
  }

  const secondStep = await secondStepFor(db, user);
  if (secondStep) {
    // The password was right but the sign-in is not done: the attempt counts neither way, the code step
    // counts instead (a right password must not clear the failures of guessed codes).
    await repo.forgetLoginAttempt(db, attemptId);
    const challenge = await startChallenge(db, user.id, secondStep);
    await recordAudit(db, ctx, {
      action: 'auth.login_password',
      targetType: 'user',
      targetId: user.id,
      result: 'success',
      statusCode: 202,
      changes: { next: secondStep },
      actor: { userId: user.id, username: user.username, role: user.role as never },
    });
    return { kind: 'second_step' as const, next: secondStep, ...challenge };
  }

  const session = await db.transaction((tx) => openSession(tx, config, ctx, user, attemptId, userAgent));
  return { kind: 'session' as const, ...session };
}

/** Self-registration of an enterprise and its first user, signed in at once. */
export async function register(db: Db, config: Config, ctx: RequestContext, body: RegisterBody, userAgent: string | null) {
  const passwordHash = await hashPassword(body.password);
  return db.transaction(async (tx) => {
    if (await findUserByUsername(tx, body.username)) throw new AppError(UserErrors.USERNAME_TAKEN);
    const enterprise = await createEnterprise(
      tx,
      ctx,
      {
        name: body.enterpriseName,
        creditCode: body.creditCode,
        townId: body.townId,
        industryCode: body.industryCode,
        sizeClass: 'small',
        isHighTech: false,
        isTechSme: false,
        isAboveScale: false,
      },
      { skipScopeCheck: true },
    );
    const user = await insertUser(tx, {
      username: body.username,
      passwordHash,
      displayName: body.displayName,
      role: 'enterprise',
      enterpriseId: enterprise.id,
      townId: enterprise.townId,
    });
    const s = await createSession(tx, user.id, sessionSettingsOf(config), { ip: ctx.ip, userAgent });
    await recordAudit(tx, ctx, {
      action: 'auth.register',
      targetType: 'user',
      targetId: user.id,
      result: 'success',
      statusCode: 201,
      changes: { username: { from: null, to: user.username }, enterpriseId: { from: null, to: enterprise.id } },
    });
    return { userId: user.id, ...s };
  });
}

/** Changes one's own password and ends one's other sessions. */
export async function changePassword(
  db: Db,
  ctx: RequestContext,
  currentTokenHash: string,
  body: { currentPassword: string; newPassword: string },
) {
  const userId = ctx.actor.userId as string;
  const user = await findUserById(db, userId);
  if (!user || !(await verifyPassword(user.passwordHash, body.currentPassword))) {
    throw currentPasswordWrong();
  }
  // A rotation that keeps the same password rotates nothing.
  if (await verifyPassword(user.passwordHash, body.newPassword)) {
    throw new AppError(PlatformErrors.VALIDATION_FAILED, {
      fields: [
        {
          path: 'newPassword',
          code: 'password_same',
          message: '新密码不能与当前密码相同',
          messageZh: '新密码不能与当前密码相同',
          messageEn: 'The new password must differ from the current one',
        },
      ],
    });
  }
  const passwordHash = await hashPassword(body.newPassword);
  await db.transaction(async (tx) => {
    await repo.setPasswordHash(tx, userId, passwordHash);
    await repo.endOtherSessions(tx, userId, currentTokenHash);
    await recordAudit(tx, ctx, {
      action: 'auth.password_change',
      targetType: 'user',
      targetId: userId,
      result: 'success',
      statusCode: 204,
      changes: { password: { from: '******', to: '******' } },
    });
  });
}
