import { integer, jsonb, pgTable, primaryKey, text, timestamp, uuid, varchar } from 'drizzle-orm/pg-core';

/**
 * Idempotency keys of money-changing requests: one row per (user, route, key), written in the same
 * transaction as the change it guards, holding the request's hash and the response sent. A retry
 * finds the row and gets the stored response; a concurrent retry waits on the row's unique index
 * until the first commits (or rolls back, and then runs itself).
 */
export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    userId: uuid('user_id').notNull(),
    route: varchar('route', { length: 200 }).notNull(),
    key: varchar('key', { length: 200 }).notNull(),
    requestHash: text('request_hash').notNull(),
    statusCode: integer('status_code').notNull(),
    response: jsonb('response'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.route, t.key] })],
);

/**
 * Requests counted per (class and caller, minute) for the rate limits (platform/http/rate-limits.ts): in the
 * database, so that every instance counts the same requests. Rows older than a few minutes are purged.
 */
export const rateLimitHits = pgTable(
  'rate_limit_hits',
  {
    key: varchar('key', { length: 200 }).notNull(),
    windowStart: timestamp('window_start', { withTimezone: true }).notNull(),
    hits: integer('hits').notNull(),
  },
  (t) => [primaryKey({ columns: [t.key, t.windowStart] })],
);
