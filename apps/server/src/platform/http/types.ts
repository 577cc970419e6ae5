import type { FastifyBaseLogger, FastifyInstance, RawReplyDefaultExpression, RawRequestDefaultExpression, RawServerDefault } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Config } from '../../config.ts';
import type { RequestContext } from '../context.ts';
import type { Database, Db } from '../db.ts';
import type { Permission } from '../policy.ts';
import type { SessionUser } from '../sessions.ts';
import type { RateLimitClass } from './rate-limits.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Every route declares the permission the policy layer checks before validation. */
    permission?: Permission;
    /** Search, export (implied by an export action), import or money: counted against the caller's rate limit. */
    rateLimit?: RateLimitClass;
  }
  interface FastifyRequest {
    ctx: RequestContext;
    sessionUser: SessionUser | null;
  }
  interface FastifyInstance {
    db: Db;
    database: Database;
    config: Config;
  }
}

export type App = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression<RawServerDefault>,
  RawReplyDefaultExpression<RawServerDefault>,
  FastifyBaseLogger,
  ZodTypeProvider
>;
