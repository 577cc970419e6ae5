import type { Role } from '@innotown/contracts/common';
import type { Config } from '../../config.ts';
import { recordAudit } from '../../platform/audit.ts';
import type { RequestContext } from '../../platform/context.ts';
import type { Db } from '../../platform/db.ts';
import { AppError, PlatformErrors } from '../../platform/errors.ts';
import { verifyPassword } from '../../platform/passwords.ts';
import { destroyUserSessions, hashToken, newToken } from '../../platform/sessions.ts';
import { notify } from '../notifications/notifications.service.ts';
import { findUserById } from '../users/users.repository.ts';
import { AuthErrors, currentPasswordWrong } from './auth.errors.ts';
import * as authRepo from './auth.repository.ts';
import { accountLocked, claimSignInAttempt, openSession } from './sign-in.ts';
import * as repo from './two-factor.repository.ts';
import {
  decryptSecret,
  encryptSecret,
  hashRecoveryCode,
  isSixDigitCode,
  matchingStep,
  newRecoveryCodes,
  newSecret,
  otpauthUri,
  TWO_FACTOR_ISSUER,
} from './two-factor-rules.ts';

/** A pending sign-in lasts 5 minutes for a code, 15 for setting the app up (scanning takes a while). */
const CHALLENGE_MINUTES = { code: 5, enrol: 15 } as const;
/** Wrong codes one pending sign-in may take before the password must be entered again. */
const CHALLENGE_MAX_FAILURES = 5;

export type Challenge = NonNullable<Awaited<ReturnType<typeof repo.liveChallenge>>>;
/** Who a two-factor step is for: the signed-in user, or a pending sign-in that must set the app up first. */
export type Subject = { kind: 'session'; userId: string; username: string } | { kind: 'challenge'; challenge: Challenge };

/** Who a pending sign-in's audit records name (no session yet, so not the request's actor). */
const actorOf = (c: Challenge) => ({ userId: c.userId, username: c.username, role: c.role as Role });
const userOf = (s: Subject) => (s.kind === 'session' ? { userId: s.userId, username: s.username } : s.challenge);

const wrongCode = () =>
  new AppError(AuthErrors.TWO_FACTOR_CODE_WRONG, {
    fields: [
      {
        path: 'code',
        code: 'two_factor_code_wrong',
        message: '验证码不正确或已使用',
        messageZh: '验证码不正确或已使用',
        messageEn: 'The code is wrong or was used already',
      },
    ],
  });

/** Which second step a user whose password was right must take, if any. */
export async function secondStepFor(db: Db, user: { id: string; role: string }): Promise<'code' | 'enrol' | null> {
  const tf = await repo.twoFactorOf(db, user.id);
  if (tf?.enabledAt) return 'code';
  return (await repo.isRequiredFor(db, user.role)) ? 'enrol' : null;
}

export async function startChallenge(db: Db, userId: string, purpose: 'code' | 'enrol') {
  const token = newToken();
  const expiresAt = new Date(Date.now() + CHALLENGE_MINUTES[purpose] * 60_000);
  await repo.insertChallenge(db, { tokenHash: hashToken(token), userId, purpose, expiresAt });
  return { token, expiresAt };
}

/** The pending sign-in of a challenge cookie, or 401 when it is missing, expired or used up. */
export async function challengeOf(db: Db, token: string | undefined): Promise<Challenge> {
  const challenge = token && token.length <= 100 ? await repo.liveChallenge(db, hashToken(token)) : null;
  if (challenge?.status !== 'active') throw new AppError(AuthErrors.TWO_FACTOR_SIGN_IN_EXPIRED);
  return challenge;
}

export async function status(db: Db, userId: string, role: string) {
  const tf = await repo.twoFactorOf(db, userId);
  return {
    enabled: Boolean(tf?.enabledAt),
    enabledAt: tf?.enabledAt?.toISOString() ?? null,
    required: await repo.isRequiredFor(db, role),
    recoveryCodesLeft: tf?.enabledAt ? await repo.recoveryCodesLeft(db, userId) : 0,
  };
}

/** A new secret for the authenticator app, kept unconfirmed until a code from the app proves it was added. */
export async function setUp(db: Db, config: Config, subject: Subject) {
  const { userId, username } = userOf(subject);
  const secret = newSecret();
  if (!(await repo.savePendingSecret(db, userId, encryptSecret(secret, config.twoFactorKey)))) {
    throw new AppError(AuthErrors.TWO_FACTOR_ALREADY_ON);
  }
  return { secret, otpauthUri: otpauthUri(secret, username), account: username, issuer: TWO_FACTOR_ISSUER };
}

/**
 * Confirms the set-up with a code from the app and hands out the recovery codes (once). A pending sign-in
 * that had to set the app up is signed in at the same time: the code was its second factor.
 */
export async function enable(db: Db, config: Config, ctx: RequestContext, subject: Subject, code: string, userAgent: string | null) {
  const { userId, username } = userOf(subject);
  const tf = await repo.twoFactorOf(db, userId);
  if (tf?.enabledAt) throw new AppError(AuthErrors.TWO_FACTOR_ALREADY_ON);
  if (!tf) throw new AppError(AuthErrors.TWO_FACTOR_NOT_SET_UP);
  const attempt = subject.kind === 'challenge' ? await claimCodeAttempt(db, config, ctx, subject.challenge) : null;
  const step = await matchingStep(decryptSecret(tf.secretEncrypted, config.twoFactorKey), code);
  const recoveryCodes = newRecoveryCodes();
  const result = await db.transaction(async (tx) => {
    if (step === null || !(await repo.takeStep(tx, userId, step, 'pending'))) return null;
    await repo.replaceRecoveryCodes(tx, userId, recoveryCodes.map(hashRecoveryCode));
    const actor = { userId, username, role: (subject.kind === 'challenge' ? subject.challenge.role : ctx.actor.role) as Role };
    await recordAudit(tx, ctx, { action: 'auth.two_factor_enable', targetType: 'user', targetId: userId, result: 'success', actor });
    if (subject.kind === 'session' || attempt === null) return { session: null };
    return { session: await finishSignIn(tx, config, ctx, subject.challenge, attempt, 'totp', userAgent) };
  });
  if (!result) {
    if (subject.kind === 'challenge') await repo.countChallengeFailure(db, subject.challenge.tokenHash, CHALLENGE_MAX_FAILURES);
    throw wrongCode();
  }
  return { recoveryCodes, session: result.session };
}

/** The second step of a sign-in: a code from the app or one recovery code. */
export async function completeSignIn(
  db: Db,
  config: Config,
  ctx: RequestContext,
  challenge: Challenge,
  code: string,
  userAgent: string | null,
) {
  if (challenge.purpose !== 'code') throw new AppError(AuthErrors.TWO_FACTOR_NOT_SET_UP);
  const attempt = await claimCodeAttempt(db, config, ctx, challenge);
  const signedIn = await db.transaction(async (tx) => {
    const factor = await spendCode(tx, config, challenge.userId, code);
    return factor ? { factor, session: await finishSignIn(tx, config, ctx, challenge, attempt, factor, userAgent) } : null;
  });
  if (!signedIn) {
    await repo.countChallengeFailure(db, challenge.tokenHash, CHALLENGE_MAX_FAILURES);
    await recordAudit(db, ctx, {
      action: 'auth.login',
      targetType: 'user',
      targetId: challenge.userId,
      result: 'failure',
      statusCode: 401,
      changes: { reason: 'wrong_second_factor' },
      actor: actorOf(challenge),
    });
    throw wrongCode();
  }
  if (signedIn.factor === 'recovery') {
    const left = await repo.recoveryCodesLeft(db, challenge.userId);
    await notify(db, {
      userId: challenge.userId,
      kind: 'auth.recovery_code_used',
      title: `您使用恢复码登录，还剩 ${left} 个；如非本人操作，请立即修改密码并重置两步验证`,
      titleEn: `You signed in with a recovery code; ${left} left. If this was not you, change your password and reset two-factor sign-in now`,
      link: '/account/security',
    });
  }
  return signedIn.session;
}

/**
 * A code guess counts as a sign-in attempt of the username, claimed before the code is checked (as the
 * password is), so the account's lockout also stops guessing codes across pending sign-ins.
 */
async function claimCodeAttempt(db: Db, config: Config, ctx: RequestContext, challenge: Challenge): Promise<number> {
  const claim = await claimSignInAttempt(db, config, challenge.username, ctx.ip);
  if ('attemptId' in claim) return claim.attemptId;
  await repo.deleteChallenge(db, challenge.tokenHash);
  await recordAudit(db, ctx, {
    action: 'auth.login',
    targetType: 'user',
    targetId: challenge.userId,
    result: 'denied',
    statusCode: 429,
    changes: { reason: 'locked' },
    actor: actorOf(challenge),
  });
  throw accountLocked(claim.lockedUntil);
}

/**
 * A signed-in user's code (to turn two-factor off, to renew the recovery codes) is a guess like any other: a stolen
 * session must not be able to try codes without end, so it counts toward the same lockout as the sign-in.
 */
async function claimOwnCodeAttempt(db: Db, config: Config, ctx: RequestContext): Promise<number> {
  const claim = await claimSignInAttempt(db, config, ctx.actor.username as string, ctx.ip);
  if ('lockedUntil' in claim) throw accountLocked(claim.lockedUntil);
  return claim.attemptId;
}

/** Spends the signed-in user's code in the caller's transaction; a right one clears the run of failures. */
async function spendOwnCode(tx: Db, config: Config, userId: string, attemptId: number, code: string): Promise<void> {
  if (!(await spendCode(tx, config, userId, code))) throw wrongCode();
  await authRepo.markLoginAttemptSucceeded(tx, attemptId);
}

/** Takes a code once: a six-digit code for a later time step than the last one taken, or an unused recovery code. */
async function spendCode(db: Db, config: Config, userId: string, code: string): Promise<'totp' | 'recovery' | null> {
  const tf = await repo.twoFactorOf(db, userId);
  if (!tf?.enabledAt) return null;
  if (isSixDigitCode(code)) {
    const step = await matchingStep(decryptSecret(tf.secretEncrypted, config.twoFactorKey), code.trim());
    return step !== null && (await repo.takeStep(db, userId, step, 'enabled')) ? 'totp' : null;
  }
  return (await repo.spendRecoveryCode(db, userId, hashRecoveryCode(code))) ? 'recovery' : null;
}

async function finishSignIn(
  tx: Db,
  config: Config,
  ctx: RequestContext,
  challenge: Challenge,
  attemptId: number,
  factor: 'totp' | 'recovery',
  userAgent: string | null,
) {
  // Another request with the same pending sign-in may have finished it: one sign-in, one session.
  if (!(await repo.deleteChallenge(tx, challenge.tokenHash))) throw new AppError(AuthErrors.TWO_FACTOR_SIGN_IN_EXPIRED);
  const user = { id: challenge.userId, username: challenge.username, role: challenge.role };
  return openSession(tx, config, ctx, user, attemptId, userAgent, { secondFactor: factor });
}

/** Turns two-factor sign-in off with the password and a code; not for a role that requires it. */
export async function disable(db: Db, config: Config, ctx: RequestContext, body: { currentPassword: string; code: string }) {
  const userId = ctx.actor.userId as string;
  if (await repo.isRequiredFor(db, ctx.actor.role)) throw new AppError(AuthErrors.TWO_FACTOR_REQUIRED_FOR_ROLE);
  const user = await findUserById(db, userId);
  if (!user || !(await verifyPassword(user.passwordHash, body.currentPassword))) throw currentPasswordWrong();
  const attemptId = await claimOwnCodeAttempt(db, config, ctx);
  await db.transaction(async (tx) => {
    await spendOwnCode(tx, config, userId, attemptId, body.code);
    await repo.deleteTwoFactor(tx, userId);
    await recordAudit(tx, ctx, { action: 'auth.two_factor_disable', targetType: 'user', targetId: userId, result: 'success' });
  });
}

/** New recovery codes (the old ones stop working), against a current code. */
export async function regenerateRecoveryCodes(db: Db, config: Config, ctx: RequestContext, code: string) {
  const userId = ctx.actor.userId as string;
  const recoveryCodes = newRecoveryCodes();
  const attemptId = await claimOwnCodeAttempt(db, config, ctx);
  await db.transaction(async (tx) => {
    await spendOwnCode(tx, config, userId, attemptId, code);
    await repo.replaceRecoveryCodes(tx, userId, recoveryCodes.map(hashRecoveryCode));
    await recordAudit(tx, ctx, { action: 'auth.two_factor_recovery_codes', targetType: 'user', targetId: userId, result: 'success' });
  });
  return recoveryCodes;
}

/** A city admin resets a user's two-factor sign-in (a lost phone): the user's sessions end, and they set it up again. */
export async function resetForUser(db: Db, ctx: RequestContext, userId: string) {
  const user = await findUserById(db, userId);
  if (!user) throw new AppError(PlatformErrors.NOT_FOUND);
  await db.transaction(async (tx) => {
    const removed = await repo.deleteTwoFactor(tx, userId);
    await destroyUserSessions(tx, userId);
    await recordAudit(tx, ctx, {
      action: 'auth.two_factor_reset',
      targetType: 'user',
      targetId: userId,
      result: 'success',
      changes: { twoFactor: { from: removed?.enabledAt ? 'on' : 'off', to: 'off' } },
    });
    await notify(tx, {
      userId,
      kind: 'auth.two_factor_reset',
      title: '管理员已重置您的两步验证，请重新绑定验证器',
      titleEn: 'An administrator reset your two-factor sign-in; set up your authenticator again',
      link: '/account/security',
    });
  });
}

export async function policy(db: Db) {
  return { requiredRoles: (await repo.requiredRoles(db)) as Role[] };
}

/**
 * Sets the roles that must sign in with two factors. Users of a newly required role without it are signed
 * out and set it up at their next sign-in; the admin making the change must have it on first, or they
 * would be the next one locked out of their own setting.
 */
export async function setPolicy(db: Db, ctx: RequestContext, requiredRoles: Role[]) {
  const roles = [...new Set(requiredRoles)].sort();
  const actorId = ctx.actor.userId as string;
  if (roles.includes(ctx.actor.role as Role) && !(await repo.twoFactorOf(db, actorId))?.enabledAt) {
    throw new AppError(AuthErrors.TWO_FACTOR_ENABLE_YOURSELF_FIRST);
  }
  return db.transaction(async (tx) => {
    const before = await repo.requiredRoles(tx);
    await repo.setRequiredRoles(tx, roles, actorId);
    const signedOut = await repo.endSessionsWithoutTwoFactor(
      tx,
      roles.filter((r) => !before.includes(r)),
      actorId,
    );
    await recordAudit(tx, ctx, {
      action: 'auth.two_factor_policy',
      targetType: 'setting',
      targetId: null,
      result: 'success',
      changes: { requiredRoles: { from: before, to: roles }, signedOutSessions: signedOut },
    });
    return { requiredRoles: roles };
  });
}
