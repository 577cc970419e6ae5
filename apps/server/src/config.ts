import { createHash } from 'node:crypto';
import path from 'node:path';
import { z } from 'zod';
import { DEFAULT_RATE_LIMITS, type RateLimits } from './platform/http/rate-limits.ts';

const boolish = z.enum(['true', 'false', '1', '0', 'yes', 'no']).transform((v) => v === 'true' || v === '1' || v === 'yes');

/** Every setting comes from the environment and is checked once at start. */
const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional(),
  DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(200).default(10),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SEED_DEMO: boolish.default(true),
  /** Set behind TLS so that the session cookie carries `Secure`. */
  COOKIE_SECURE: boolish.default(false),
  /** Extra origins (comma-separated) allowed to send state-changing requests, e.g. a separate web host. */
  ALLOWED_ORIGINS: z.string().default(''),
  TRUST_PROXY: boolish.default(false),
  SESSION_IDLE_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(30),
  SESSION_ABSOLUTE_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 30)
    .default(12),
  /** Days a password lasts before its owner must change it at the next sign-in; 0 (the default) means never. */
  PASSWORD_MAX_AGE_DAYS: z.coerce.number().int().min(0).max(3650).default(0),
  LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).max(100).default(5),
  LOGIN_LOCK_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(15),
  LOGIN_IP_MAX_FAILURES: z.coerce.number().int().min(1).max(10_000).default(50),
  /** 32 bytes, base64: encrypts the users' authenticator secrets. Required in production; every instance needs the same. */
  TWO_FACTOR_KEY: z
    .string()
    .refine((v) => Buffer.from(v, 'base64').length === 32, 'must be 32 bytes in base64 (openssl rand -base64 32)')
    .optional(),
  BODY_LIMIT_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(100 * 1024 * 1024)
    .default(1024 * 1024),
  FILE_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(200 * 1024 * 1024)
    .default(20 * 1024 * 1024),
  /** Rate limits on search, export, import and money endpoints (per user or client IP and minute); off by default only in tests. */
  RATE_LIMITS_ENABLED: boolish.optional(),
  RATE_LIMIT_SEARCH_PER_MINUTE: z.coerce.number().int().min(1).max(100_000).default(DEFAULT_RATE_LIMITS.search),
  RATE_LIMIT_EXPORT_PER_MINUTE: z.coerce.number().int().min(1).max(100_000).default(DEFAULT_RATE_LIMITS.export),
  RATE_LIMIT_IMPORT_PER_MINUTE: z.coerce.number().int().min(1).max(100_000).default(DEFAULT_RATE_LIMITS.import),
  RATE_LIMIT_MONEY_PER_MINUTE: z.coerce.number().int().min(1).max(100_000).default(DEFAULT_RATE_LIMITS.money),
  JOBS_ENABLED: boolish.default(true),
  JOBS_POLL_MS: z.coerce.number().int().min(50).max(60_000).default(2000),
  WEB_DIST_DIR: z.string().optional(),
  BOOKING_MIN_SLOT_MINUTES: z.coerce.number().int().min(5).max(1440).default(30),
  BOOKING_MAX_SLOT_HOURS: z.coerce.number().int().min(1).max(744).default(72),
  BOOKING_FREE_CANCEL_HOURS: z.coerce.number().int().min(0).max(720).default(24),
  BOOKING_NO_SHOW_GRACE_MINUTES: z.coerce.number().int().min(0).max(1440).default(30),
  BOOKING_NO_SHOW_SWEEP_HOURS: z.coerce.number().int().min(1).max(720).default(72),
});

export type Config = {
  nodeEnv: 'development' | 'production' | 'test';
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  databasePoolMax: number;
  logLevel: string;
  seedDemo: boolean;
  cookieSecure: boolean;
  allowedOrigins: string[];
  trustProxy: boolean;
  sessionIdleMinutes: number;
  sessionAbsoluteHours: number;
  /** Password rotation: 0 is off (ASVS advises against forced rotation; 等保 leaves it to policy). */
  passwordMaxAgeDays: number;
  loginMaxFailures: number;
  loginLockMinutes: number;
  loginIpMaxFailures: number;
  /** The key (32 bytes) that encrypts authenticator secrets; a fixed development key unless in production. */
  twoFactorKey: Buffer;
  bodyLimitBytes: number;
  fileMaxBytes: number;
  /** Requests per minute and caller on the limited endpoints (platform/http/rate-limits.ts); null when off. */
  rateLimits: RateLimits;
  jobsEnabled: boolean;
  jobsPollMs: number;
  webDistDir: string;
  /** Booking rules (see modules/bookings/booking-rules.ts). */
  bookingMinSlotMinutes: number;
  bookingMaxSlotHours: number;
  bookingFreeCancelHours: number;
  bookingNoShowGraceMinutes: number;
  /** The no-show sweep marks confirmed slots that ended this long ago without recorded usage. */
  bookingNoShowSweepHours: number;
};

export class ConfigError extends Error {}

/** Production must bring its own key: a secret in the source would decrypt every stored authenticator secret. */
function twoFactorKeyOf(value: string | undefined, nodeEnv: Config['nodeEnv']): Buffer {
  if (value) return Buffer.from(value, 'base64');
  if (nodeEnv === 'production') {
    throw new ConfigError('Invalid configuration:\n  TWO_FACTOR_KEY: required in production (openssl rand -base64 32)');
  }
  return createHash('sha256').update('InnoTown development two-factor key: not for production').digest();
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): Config {
  const parsed = envSchema.safeParse(Object.fromEntries(Object.entries(env).filter(([, v]) => v !== '')));
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message} (got ${JSON.stringify(env[String(i.path[0])])})`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  return {
    nodeEnv: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    dataDir: path.resolve(e.DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    databasePoolMax: e.DATABASE_POOL_MAX,
    logLevel: e.LOG_LEVEL,
    seedDemo: e.SEED_DEMO,
    cookieSecure: e.COOKIE_SECURE,
    allowedOrigins: e.ALLOWED_ORIGINS.split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    trustProxy: e.TRUST_PROXY,
    sessionIdleMinutes: e.SESSION_IDLE_MINUTES,
    sessionAbsoluteHours: e.SESSION_ABSOLUTE_HOURS,
    passwordMaxAgeDays: e.PASSWORD_MAX_AGE_DAYS,
    loginMaxFailures: e.LOGIN_MAX_FAILURES,
    loginLockMinutes: e.LOGIN_LOCK_MINUTES,
    loginIpMaxFailures: e.LOGIN_IP_MAX_FAILURES,
    twoFactorKey: twoFactorKeyOf(e.TWO_FACTOR_KEY, e.NODE_ENV),
    bodyLimitBytes: e.BODY_LIMIT_BYTES,
    fileMaxBytes: e.FILE_MAX_BYTES,
    // Tests make hundreds of requests a minute from one address: the limits' own test turns them on.
    rateLimits:
      (e.RATE_LIMITS_ENABLED ?? e.NODE_ENV !== 'test')
        ? {
            search: e.RATE_LIMIT_SEARCH_PER_MINUTE,
            export: e.RATE_LIMIT_EXPORT_PER_MINUTE,
            import: e.RATE_LIMIT_IMPORT_PER_MINUTE,
            money: e.RATE_LIMIT_MONEY_PER_MINUTE,
          }
        : null,
    jobsEnabled: e.JOBS_ENABLED,
    jobsPollMs: e.JOBS_POLL_MS,
    webDistDir: path.resolve(e.WEB_DIST_DIR ?? new URL('../../web/dist', import.meta.url).pathname),
    bookingMinSlotMinutes: e.BOOKING_MIN_SLOT_MINUTES,
    bookingMaxSlotHours: e.BOOKING_MAX_SLOT_HOURS,
    bookingFreeCancelHours: e.BOOKING_FREE_CANCEL_HOURS,
    bookingNoShowGraceMinutes: e.BOOKING_NO_SHOW_GRACE_MINUTES,
    bookingNoShowSweepHours: e.BOOKING_NO_SHOW_SWEEP_HOURS,
    ...overrides,
  };
}
