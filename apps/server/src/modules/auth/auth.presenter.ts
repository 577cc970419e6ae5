import type { Me } from '@innotown/contracts/auth';
import { AppError, PlatformErrors } from '../../platform/errors.ts';
import type { App } from '../../platform/http/types.ts';
import { resolveSession, type SessionUser, sessionSettingsOf } from '../../platform/sessions.ts';

export function presentMe(u: SessionUser, locale: Me['locale']): Me {
  return {
    id: u.userId,
    username: u.username as string,
    displayName: u.displayName,
    role: u.role as Me['role'],
    scope: {
      townId: u.townId,
      townName: u.townName,
      institutionId: u.institutionId,
      institutionName: u.institutionName,
      institutionType: u.institutionType,
      enterpriseId: u.enterpriseId,
      enterpriseName: u.enterpriseName,
    },
    locale,
    sessionExpiresAt: u.idleExpiresAt.toISOString(),
    passwordExpired: u.passwordExpired,
  };
}

/** The `Me` of a session just created (a sign-in answers with it). */
export async function presentMeOfToken(app: App, token: string, locale: Me['locale']): Promise<Me> {
  const s = await resolveSession(app.db, token, sessionSettingsOf(app.config));
  if (s.status !== 'active') throw new AppError(PlatformErrors.INTERNAL);
  return presentMe(s.user, locale);
}
