import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  boolean,
  check,
  index,
  inet,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
  varchar,
} from 'drizzle-orm/pg-core';
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
    /** Personal data erased on request (PIPL art. 47): the row stays for the records that name it, anonymised and disabled. */
    erasedAt: timestamp('erased_at', { withTimezone: true }),
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

/**
 * A user's authenticator (TOTP, RFC 6238). The secret is stored encrypted (AES-256-GCM, TWO_FACTOR_KEY);
 * `enabledAt` null means set up but not yet confirmed with a code. `lastStep` is the last time step
 * accepted: a code is good once, so a code seen over a shoulder cannot be replayed.
 */
export const userTwoFactor = pgTable('user_two_factor', {
  userId: uuid('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  secretEncrypted: text('secret_encrypted').notNull(),
  enabledAt: timestamp('enabled_at', { withTimezone: true }),
  lastStep: bigint('last_step', { mode: 'number' }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/** One-time recovery codes (SHA-256 of the code; they are random, so a plain hash is enough). */
export const twoFactorRecoveryCodes = pgTable(
  'two_factor_recovery_codes',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    codeHash: varchar('code_hash', { length: 64 }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.userId, t.codeHash] })],
);

/**
 * A sign-in whose password was right and whose second step is due: in the database, not in memory,
 * so any instance can finish it. Only the SHA-256 of the cookie token is stored.
 */
export const loginChallenges = pgTable(
  'login_challenges',
  {
    tokenHash: varchar('token_hash', { length: 64 }).primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** `code`: enter a code; `enrol`: the role requires two factors and the user must set them up first. */
    purpose: varchar('purpose', { length: 8 }).notNull(),
    failures: integer('failures').notNull().default(0),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('login_challenges_user_idx').on(t.userId),
    index('login_challenges_expires_idx').on(t.expiresAt),
    check('login_challenges_purpose', sql`${t.purpose} in ('code', 'enrol')`),
  ],
);

/** Roles that must sign in with two factors; a row per required role. */
export const twoFactorRequiredRoles = pgTable('two_factor_required_roles', {
  role: varchar('role', { length: 16 }).primaryKey(),
  updatedBy: uuid('updated_by').references(() => users.id, { onDelete: 'set null' }),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
