import { sql } from 'drizzle-orm';
import { bigserial, boolean, check, index, inet, pgTable, text, timestamp, uniqueIndex, uuid, varchar } from 'drizzle-orm/pg-core';
import { enterprises, institutions, towns } from './organisations.ts';

export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    username: varchar('username', { length: 32 }).notNull(),
    passwordHash: text('password_hash').notNull(),
    displayName: varchar('display_name', { length: 64 }).notNull(),
    role: varchar('role', { length: 16 }).notNull(),
    status: varchar('status', { length: 16 }).notNull().default('active'),
    townId: uuid('town_id').references(() => towns.id),
    institutionId: uuid('institution_id').references(() => institutions.id),
    enterpriseId: uuid('enterprise_id').references(() => enterprises.id),
    email: varchar('email', { length: 120 }),
    phone: varchar('phone', { length: 20 }),
    passwordChangedAt: timestamp('password_changed_at', { withTimezone: true }).notNull().defaultNow(),
    lastLoginAt: timestamp('last_login_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // Usernames are unique regardless of case so that "Admin" cannot shadow "admin".
    uniqueIndex('users_username_lower_uq').on(sql`lower(${t.username})`),
    index('users_role_idx').on(t.role),
    // The database, not only the service, keeps every role bound to what it needs.
    check(
      'users_role_binding',
      sql`(${t.role} <> 'town_admin' or ${t.townId} is not null)
        and (${t.role} not in ('provider','financier') or ${t.institutionId} is not null)
        and (${t.role} <> 'enterprise' or ${t.enterpriseId} is not null)`,
    ),
  ],
);

/** Server-side sessions: only the SHA-256 of the cookie token is stored. */
export const sessions = pgTable(
  'sessions',
  {
    tokenHash: varchar('token_hash', { length: 64 }).primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    ip: inet('ip'),
    userAgent: varchar('user_agent', { length: 300 }),
  },
  (t) => [index('sessions_user_idx').on(t.userId), index('sessions_expires_idx').on(t.expiresAt)],
);

/** Every login attempt, by username as typed (so unknown names lock too and reveal nothing). */
export const loginAttempts = pgTable(
  'login_attempts',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    username: varchar('username', { length: 64 }).notNull(),
    ip: inet('ip'),
    success: boolean('success').notNull(),
    attemptedAt: timestamp('attempted_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('login_attempts_username_idx').on(sql`lower(${t.username})`, t.attemptedAt),
    index('login_attempts_ip_idx').on(t.ip, t.attemptedAt),
  ],
);
