import {
  changePasswordBodySchema,
  loginBodySchema,
  loginNextStepSchema,
  type Me,
  meSchema,
  registerBodySchema,
} from '@innotown/contracts/auth';
import { z } from 'zod';
import { recordAudit } from '../../platform/audit.ts';
import { clearSessionCookie, setSessionCookie } from '../../platform/http/request-hooks.ts';
import type { App } from '../../platform/http/types.ts';
import { destroySession, SESSION_COOKIE, type SessionUser } from '../../platform/sessions.ts';
import { presentMe, presentMeOfToken } from './auth.presenter.ts';
import * as service from './auth.service.ts';
import { setChallengeCookie } from './two-factor.routes.ts';

const tags = ['auth'];

export async function authRoutes(app: App) {
  const meOfToken = (token: string, locale: Me['locale']) => presentMeOfToken(app, token, locale);

  app.post(
    '/api/v1/auth/login',
    {
      config: { permission: { resource: 'session', action: 'create' } },
      schema: {
        tags,
        summary:
          'Sign in; sets the session cookie, or (202) a pending sign-in whose second step is due: a code, or setting the authenticator up',
        body: loginBodySchema,
        response: { 200: meSchema, 202: loginNextStepSchema },
      },
    },
    async (request, reply) => {
      const result = await service.login(app.db, app.config, request.ctx, request.body, request.headers['user-agent'] ?? null);
      if (result.kind === 'second_step') {
        setChallengeCookie(reply, result.token, result.expiresAt, app.config.cookieSecure);
        return reply.status(202).send({ next: `two_factor_${result.next}` as const, expiresAt: result.expiresAt.toISOString() });
      }
      // A fresh token on every login; an older session of this browser is ended.
      await destroySession(app.db, request.cookies[SESSION_COOKIE]);
      setSessionCookie(reply, result.token, result.expiresAt, app.config.cookieSecure);
      return meOfToken(result.token, request.ctx.locale);
    },
  );

  app.post(
    '/api/v1/auth/register',
    {
      config: { permission: { resource: 'registration', action: 'create' } },
      schema: { tags, summary: 'Register an enterprise and its first user', body: registerBodySchema, response: { 201: meSchema } },
    },
    async (request, reply) => {
      const { token, expiresAt } = await service.register(
        app.db,
        app.config,
        request.ctx,
        request.body,
        request.headers['user-agent'] ?? null,
      );
      setSessionCookie(reply, token, expiresAt, app.config.cookieSecure);
      return reply.status(201).send(await meOfToken(token, request.ctx.locale));
    },
  );

  app.post(
    '/api/v1/auth/logout',
    {
      config: { permission: { resource: 'session', action: 'delete' } },
      schema: { tags, summary: 'Sign out; ends the session at once', response: { 204: z.null() } },
    },
    async (request, reply) => {
      await destroySession(app.db, request.cookies[SESSION_COOKIE]);
      if (request.sessionUser) {
        await recordAudit(app.db, request.ctx, {
          action: 'auth.logout',
          targetType: 'user',
          targetId: request.sessionUser.userId,
          result: 'success',
          statusCode: 204,
        });
      }
      clearSessionCookie(reply, app.config.cookieSecure);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/v1/auth/password',
    {
      config: { permission: { resource: 'me', action: 'update' } },
      schema: { tags, summary: 'Change my password', body: changePasswordBodySchema, response: { 204: z.null() } },
    },
    async (request, reply) => {
      await service.changePassword(app.db, request.ctx, request.sessionUser?.tokenHash as string, request.body);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/v1/me',
    {
      config: { permission: { resource: 'me', action: 'read' } },
      schema: { tags, summary: 'The signed-in user, role and scope', response: { 200: meSchema } },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return presentMe(request.sessionUser as SessionUser, request.ctx.locale);
    },
  );
}
