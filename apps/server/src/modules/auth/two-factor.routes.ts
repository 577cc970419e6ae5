import {
  loginTwoFactorBodySchema,
  meSchema,
  twoFactorDisableBodySchema,
  twoFactorEnableBodySchema,
  twoFactorEnabledSchema,
  twoFactorPolicyBodySchema,
  twoFactorPolicySchema,
  twoFactorRecoveryCodesBodySchema,
  twoFactorRecoveryCodesSchema,
  twoFactorSetupSchema,
  twoFactorStatusSchema,
} from '@innotown/contracts/auth';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AppError } from '../../platform/errors.ts';
import { setSessionCookie } from '../../platform/http/request-hooks.ts';
import type { App } from '../../platform/http/types.ts';
import { destroySession, SESSION_COOKIE } from '../../platform/sessions.ts';
import { AuthErrors } from './auth.errors.ts';
import { presentMeOfToken } from './auth.presenter.ts';
import * as service from './two-factor.service.ts';

const tags = ['auth'];
/** The pending sign-in between the password and the code: HttpOnly, sent to the sign-in routes only. */
export const CHALLENGE_COOKIE = 'innotown_sign_in';
const CHALLENGE_PATH = '/api/v1/auth';

export function setChallengeCookie(reply: FastifyReply, token: string, expiresAt: Date, secure: boolean) {
  reply.setCookie(CHALLENGE_COOKIE, token, { httpOnly: true, sameSite: 'strict', secure, path: CHALLENGE_PATH, expires: expiresAt });
}
const clearChallengeCookie = (reply: FastifyReply, secure: boolean) =>
  reply.clearCookie(CHALLENGE_COOKIE, { httpOnly: true, sameSite: 'strict', secure, path: CHALLENGE_PATH });

export async function twoFactorRoutes(app: App) {
  /** The signed-in user, or the pending sign-in of a user whose role requires setting the app up. */
  const enrolSubject = async (request: FastifyRequest): Promise<service.Subject> => {
    const user = request.sessionUser;
    if (user) return { kind: 'session', userId: user.userId, username: user.username as string };
    const challenge = await service.challengeOf(app.db, request.cookies[CHALLENGE_COOKIE]);
    if (challenge.purpose !== 'enrol') throw new AppError(AuthErrors.TWO_FACTOR_ALREADY_ON);
    return { kind: 'challenge', challenge };
  };
  const signIn = async (request: FastifyRequest, reply: FastifyReply, session: { token: string; expiresAt: Date }) => {
    await destroySession(app.db, request.cookies[SESSION_COOKIE]);
    setSessionCookie(reply, session.token, session.expiresAt, app.config.cookieSecure);
    clearChallengeCookie(reply, app.config.cookieSecure);
    return presentMeOfToken(app, session.token, request.ctx.locale);
  };

  app.post(
    '/api/v1/auth/login/two-factor',
    {
      config: { permission: { resource: 'session', action: 'create' } },
      schema: {
        tags,
        summary: 'Second step of a sign-in: a code from the authenticator app or a recovery code; sets the session cookie',
        body: loginTwoFactorBodySchema,
        response: { 200: meSchema },
      },
    },
    async (request, reply) => {
      const challenge = await service.challengeOf(app.db, request.cookies[CHALLENGE_COOKIE]);
      const session = await service.completeSignIn(
        app.db,
        app.config,
        request.ctx,
        challenge,
        request.body.code,
        request.headers['user-agent'] ?? null,
      );
      return signIn(request, reply, session);
    },
  );

  app.get(
    '/api/v1/auth/two-factor',
    {
      config: { permission: { resource: 'me', action: 'read' } },
      schema: {
        tags,
        summary: 'My two-factor sign-in: on or off, required by my role, recovery codes left',
        response: { 200: twoFactorStatusSchema },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return service.status(app.db, request.ctx.actor.userId as string, request.ctx.actor.role);
    },
  );

  app.post(
    '/api/v1/auth/two-factor/setup',
    {
      config: { permission: { resource: 'twoFactorSetup', action: 'create' } },
      schema: {
        tags,
        summary: 'A new authenticator secret (QR code URI), unconfirmed until enabled; also for a sign-in whose role requires it',
        response: { 200: twoFactorSetupSchema },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return service.setUp(app.db, app.config, await enrolSubject(request));
    },
  );

  app.post(
    '/api/v1/auth/two-factor/enable',
    {
      config: { permission: { resource: 'twoFactorSetup', action: 'create' } },
      schema: {
        tags,
        summary:
          'Confirm the secret with a code: two-factor sign-in is on; answers the recovery codes once (and signs a pending sign-in in)',
        body: twoFactorEnableBodySchema,
        response: { 200: twoFactorEnabledSchema },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      const subject = await enrolSubject(request);
      const { recoveryCodes, session } = await service.enable(
        app.db,
        app.config,
        request.ctx,
        subject,
        request.body.code,
        request.headers['user-agent'] ?? null,
      );
      return { recoveryCodes, me: session ? await signIn(request, reply, session) : null };
    },
  );

  app.post(
    '/api/v1/auth/two-factor/disable',
    {
      config: { permission: { resource: 'me', action: 'update' } },
      schema: {
        tags,
        summary: 'Turn two-factor sign-in off (password and a code; not when my role requires it)',
        body: twoFactorDisableBodySchema,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await service.disable(app.db, app.config, request.ctx, request.body);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/v1/auth/two-factor/recovery-codes',
    {
      config: { permission: { resource: 'me', action: 'update' } },
      schema: {
        tags,
        summary: 'New recovery codes against a current code (the old ones stop working)',
        body: twoFactorRecoveryCodesBodySchema,
        response: { 200: twoFactorRecoveryCodesSchema },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return { recoveryCodes: await service.regenerateRecoveryCodes(app.db, app.config, request.ctx, request.body.code) };
    },
  );

  app.post(
    '/api/v1/users/:id/two-factor/reset',
    {
      config: { permission: { resource: 'user', action: 'resetTwoFactor' } },
      schema: {
        tags,
        summary: "City admin: reset a user's two-factor sign-in (lost phone); ends the user's sessions",
        params: z.object({ id: z.uuid() }),
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await service.resetForUser(app.db, request.ctx, request.params.id);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/v1/two-factor-policy',
    {
      config: { permission: { resource: 'twoFactorPolicy', action: 'read' } },
      schema: { tags, summary: 'Roles that must sign in with two factors', response: { 200: twoFactorPolicySchema } },
    },
    async () => service.policy(app.db),
  );

  app.put(
    '/api/v1/two-factor-policy',
    {
      config: { permission: { resource: 'twoFactorPolicy', action: 'update' } },
      schema: {
        tags,
        summary:
          'Set the roles that must sign in with two factors (their users without it are signed out and set it up at the next sign-in)',
        body: twoFactorPolicyBodySchema,
        response: { 200: twoFactorPolicySchema },
      },
    },
    async (request) => service.setPolicy(app.db, request.ctx, request.body.requiredRoles),
  );
}
