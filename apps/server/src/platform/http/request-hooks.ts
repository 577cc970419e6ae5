import type { FastifyReply, FastifyRequest } from 'fastify';
import { recordAudit, wasAudited } from '../audit.ts';
import { AppError, PlatformErrors } from '../errors.ts';
import { loggableError } from '../masking.ts';
import { ANONYMOUS, authorize, refuseUntilPasswordChanged } from '../policy.ts';
import { resolveSession, SESSION_COOKIE, sessionSettingsOf } from '../sessions.ts';
import { preferredLanguage } from './error-handler.ts';
import { checkRateLimit, rateLimitClassOf } from './rate-limits.ts';
import type { App } from './types.ts';

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * CSRF defence for cookie sessions: a state-changing request whose Origin or Sec-Fetch-Site
 * shows another site is refused. Non-browser clients send neither header and pass.
 */
export function checkCsrf(request: FastifyRequest, allowedOrigins: string[]): void {
  if (!STATE_CHANGING.has(request.method)) return;
  const site = request.headers['sec-fetch-site'];
  if (typeof site === 'string' && site !== 'same-origin' && site !== 'none') {
    throw new AppError(PlatformErrors.CSRF_REJECTED);
  }
  const origin = request.headers.origin;
  if (origin === undefined) return;
  const own = `${request.protocol}://${request.host}`;
  if (origin !== own && !allowedOrigins.includes(origin)) throw new AppError(PlatformErrors.CSRF_REJECTED);
}

export function registerRequestHooks(app: App): void {
  app.decorateRequest('ctx', null as never);
  app.decorateRequest('sessionUser', null);

  app.addHook('onRequest', async (request, reply) => {
    request.ctx = {
      actor: ANONYMOUS,
      ip: request.ip ?? null,
      requestId: request.id,
      locale: preferredLanguage(request) === 'en' ? 'en-US' : 'zh-CN',
    };
    reply.header('x-request-id', request.id);
    const permission = request.routeOptions.config?.permission;
    if (!permission) return; // unknown route: the not-found handler answers
    checkCsrf(request, app.config.allowedOrigins);

    const token = request.cookies[SESSION_COOKIE];
    const session = token ? await resolveSession(app.db, token, sessionSettingsOf(app.config)) : ({ status: 'none' } as const);
    if (session.status === 'active') {
      request.sessionUser = session.user;
      request.ctx.actor = session.user;
      if (session.user.passwordExpired) refuseUntilPasswordChanged(permission);
    } else if (session.status === 'expired') {
      clearSessionCookie(reply, app.config.cookieSecure);
      const scope = (() => {
        try {
          return authorize(ANONYMOUS, permission);
        } catch {
          return null;
        }
      })();
      if (!scope) throw new AppError(PlatformErrors.SESSION_EXPIRED);
    }
    authorize(request.ctx.actor, permission);
    const limited = rateLimitClassOf(request.routeOptions.config);
    if (limited) await checkRateLimit(app.db, app.config.rateLimits, limited, request.ctx);
  });

  // Caches are denied by default too: an API response may carry personal data (PIPL), so it is
  // no-store unless its route chose a Cache-Control of its own.
  app.addHook('onSend', async (request, reply, payload) => {
    if (request.url.startsWith('/api/') && !reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
    return payload;
  });

  // The edge records what services did not: failures, denials, and simple state changes —
  // before the response leaves, so that a client never sees an answer whose record is missing.
  app.addHook('onSend', async (request, reply, payload) => {
    await recordEdgeAudit(request, reply);
    return payload;
  });

  async function recordEdgeAudit(request: FastifyRequest, reply: FastifyReply) {
    const permission = request.routeOptions.config?.permission;
    if (!permission || !request.ctx || wasAudited(request.ctx, reply.statusCode)) return;
    const status = reply.statusCode;
    const denied = status === 401 || status === 403;
    // Reads are recorded only when refused to a signed-in caller; an anonymous visitor's
    // 401 on /me is how the web app learns it is signed out, not an attack.
    if (!STATE_CHANGING.has(request.method) && !(status === 403 || (status === 401 && request.cookies[SESSION_COOKIE]))) return;
    const params = request.params as Record<string, unknown> | undefined;
    const targetId = typeof params?.id === 'string' ? params.id.slice(0, 64) : null;
    try {
      await recordAudit(app.db, request.ctx, {
        action: `${permission.resource}.${permission.action}`,
        targetType: permission.resource,
        targetId,
        result: status < 400 ? 'success' : denied ? 'denied' : 'failure',
        statusCode: status,
      });
    } catch (err) {
      request.log.error({ err: loggableError(err) }, 'audit write failed');
    }
  }
}

export function setSessionCookie(reply: FastifyReply, token: string, expiresAt: Date, secure: boolean) {
  reply.setCookie(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'lax',
    secure,
    path: '/',
    expires: expiresAt,
  });
}

export function clearSessionCookie(reply: FastifyReply, secure: boolean) {
  reply.clearCookie(SESSION_COOKIE, { httpOnly: true, sameSite: 'lax', secure, path: '/' });
}
