import { createHash, randomBytes } from 'node:crypto';
import { eq, lt, or, sql } from 'drizzle-orm';
import type { Config } from '../config.ts';
import { sessions, users } from '../db/schema/accounts.ts';
import { enterprises, institutions, towns } from '../db/schema/organisations.ts';
import type { Db } from './db.ts';
import type { Actor } from './policy.ts';

export const SESSION_COOKIE = 'innotown_session';

export type SessionSettings = { idleMinutes: number; absoluteHours: number; passwordMaxAgeDays: number };

export const sessionSettingsOf = (
  c: Pick<Config, 'sessionIdleMinutes' | 'sessionAbsoluteHours' | 'passwordMaxAgeDays'>,
): SessionSettings => ({
  idleMinutes: c.sessionIdleMinutes,
  absoluteHours: c.sessionAbsoluteHours,
  passwordMaxAgeDays: c.passwordMaxAgeDays,
});

/** A bearer token for a cookie (a session, a pending sign-in): 256 random bits; only its hash is stored. */
export const newToken = () => randomBytes(32).toString('base64url');
export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/** A fresh random token per login; only its hash is stored, so a database leak yields no sessions. */
export async function createSession(
  db: Db,
  userId: string,
  settings: SessionSettings,
  meta: { ip: string | null; userAgent: string | null },
): Promise<{ token: string; expiresAt: Date }> {
  const token = newToken();
  const expiresAt = new Date(Date.now() + settings.absoluteHours * 3600_000);
  await db.insert(sessions).values({
    tokenHash: hashToken(token),
    userId,
    expiresAt,
    ip: meta.ip,
    userAgent: meta.userAgent?.slice(0, 300) ?? null,
  });
  return { token, expiresAt };
}

export type SessionUser = Actor & {
  userId: string;
  displayName: string;
  townName: string | null;
  institutionName: string | null;
  /** The institution's type (`ip_protection_centre`, …): the web shows the centre's menus to its staff only. */
  institutionType: string | null;
  enterpriseName: string | null;
  idleExpiresAt: Date;
  tokenHash: string;
  /** Older than PASSWORD_MAX_AGE_DAYS: the user reaches only their own account until they change it. */
  passwordExpired: boolean;
};

export type ResolvedSession = { status: 'none' } | { status: 'expired' } | { status: 'active'; user: SessionUser };

/**
 * Looks the token up; an idle, expired or disabled session is deleted and reported as expired.
 * last_seen_at is written at most once a minute to keep reads cheap.
 */
export async function resolveSession(db: Db, token: string | undefined, settings: SessionSettings): Promise<ResolvedSession> {
  if (!token || token.length > 100) return { status: 'none' };
  const tokenHash = hashToken(token);
  const rows = await db
    .select({
      lastSeenAt: sessions.lastSeenAt,
      expiresAt: sessions.expiresAt,
      userId: users.id,
      username: users.username,
      displayName: users.displayName,
      role: users.role,
      status: users.status,
      passwordChangedAt: users.passwordChangedAt,
      townId: users.townId,
      institutionId: users.institutionId,
      enterpriseId: users.enterpriseId,
      townName: towns.name,
      institutionName: institutions.name,
      institutionType: institutions.type,
      enterpriseName: enterprises.name,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .leftJoin(towns, eq(towns.id, users.townId))
    .leftJoin(institutions, eq(institutions.id, users.institutionId))
    .leftJoin(enterprises, eq(enterprises.id, users.enterpriseId))
    .where(eq(sessions.tokenHash, tokenHash));
  const row = rows[0];
  if (!row) return { status: 'expired' };
  const now = Date.now();
  const idleLimit = row.lastSeenAt.getTime() + settings.idleMinutes * 60_000;
  if (now > idleLimit || now > row.expiresAt.getTime() || row.status !== 'active') {
    await db.delete(sessions).where(eq(sessions.tokenHash, tokenHash));
    return { status: 'expired' };
  }
  let lastSeen = row.lastSeenAt.getTime();
  if (now - lastSeen > 60_000) {
    await db.update(sessions).set({ lastSeenAt: sql`now()` }).where(eq(sessions.tokenHash, tokenHash));
    lastSeen = now;
  }
  return {
    status: 'active',
    user: {
      userId: row.userId,
      username: row.username,
      displayName: row.displayName,
      role: row.role as SessionUser['role'],
      townId: row.townId,
      institutionId: row.institutionId,
      enterpriseId: row.enterpriseId,
      townName: row.townName,
      institutionName: row.institutionName,
      institutionType: row.institutionType,
      enterpriseName: row.enterpriseName,
      idleExpiresAt: new Date(Math.min(lastSeen + settings.idleMinutes * 60_000, row.expiresAt.getTime())),
      tokenHash,
      passwordExpired: settings.passwordMaxAgeDays > 0 && now - row.passwordChangedAt.getTime() > settings.passwordMaxAgeDays * 86_400_000,
    },
  };
}

export async function destroySession(db: Db, token: string | undefined): Promise<void> {
  if (!token) return;
  await db.delete(sessions).where(eq(sessions.tokenHash, hashToken(token)));
}

export async function destroyUserSessions(db: Db, userId: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.userId, userId));
}

/** Housekeeping, run by the job queue. */
export async function purgeExpiredSessions(db: Db, settings: SessionSettings): Promise<number> {
  const idleCutoff = new Date(Date.now() - settings.idleMinutes * 60_000);
  const deleted = await db
    .delete(sessions)
    .where(or(lt(sessions.expiresAt, new Date()), lt(sessions.lastSeenAt, idleCutoff)))
    .returning({ t: sessions.tokenHash });
  return deleted.length;
}
