import type { Role } from '@innotown/contracts/common';
import { lazy, type ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { useAuth } from './auth-context.tsx';

// Loaded on demand: antd's Result carries its illustrations, which most visits never show.
const ForbiddenResult = lazy(async () => ({
  default: (await import('../errors/not-found-result.tsx')).ForbiddenResult,
}));

export const PASSWORD_PAGE = '/account/password';

/** Signed-in users with one of `roles` (any signed-in user when omitted) see the page; others are sent away. */
export function RequireRole({ roles, children }: { roles?: Role[]; children: ReactNode }) {
  const { me } = useAuth();
  const location = useLocation();
  if (!me) {
    const next = encodeURIComponent(`${location.pathname}${location.search}`);
    return <Navigate to={`/login?next=${next}`} replace />;
  }
  // An expired password (PASSWORD_MAX_AGE_DAYS) reaches nothing but its own change; the server refuses the rest too.
  if (me.passwordExpired && location.pathname !== PASSWORD_PAGE) return <Navigate to={PASSWORD_PAGE} replace />;
  if (roles && !roles.includes(me.role)) return <ForbiddenResult />;
  return <>{children}</>;
}

/** Only same-site paths may be a `next` target, so a crafted link cannot send users elsewhere. */
export function safeNextPath(next: string | null): string {
  if (!next?.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/';
  if (next.startsWith('/login') || next.startsWith('/register')) return '/';
  return next;
}
