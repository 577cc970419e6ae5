import type { Me } from '@innotown/contracts/auth';
import type { Role } from '@innotown/contracts/common';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, type ReactNode, useCallback, useContext, useMemo, useState } from 'react';
import { ApiError, api } from '../api-client.ts';

export const ME_QUERY_KEY = ['me'] as const;

async function fetchMe(): Promise<Me | null> {
  try {
    return await api.get<Me>('/api/v1/me');
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return null;
    throw error;
  }
}

type AuthContextValue = {
  me: Me | null;
  /** True until the first answer from GET /api/v1/me. */
  loading: boolean;
  hasRole: (...roles: Role[]) => boolean;
  /** After login or registration: the server answered with the new session's user. */
  signedIn: (me: Me) => void;
  signOut: () => Promise<void>;
  /** Forget the user locally (the server already did). */
  clear: () => void;
  /** The server reported the session gone while the app thought it was signed in. */
  sessionExpired: boolean;
  expire: () => void;
};

const AuthContext = createContext<AuthContextValue | null>(null);

export function useAuth(): AuthContextValue {
  const value = useContext(AuthContext);
  if (!value) throw new Error('useAuth outside AuthProvider');
  return value;
}

export function AuthProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const meQuery = useQuery({ queryKey: ME_QUERY_KEY, queryFn: fetchMe, staleTime: 5 * 60_000, retry: 1 });
  const me = meQuery.data ?? null;
  const [sessionExpired, setSessionExpired] = useState(false);

  const signedIn = useCallback(
    (next: Me) => {
      // Data cached for the previous user (or for nobody) must not leak into the new session.
      queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== ME_QUERY_KEY[0] });
      queryClient.setQueryData(ME_QUERY_KEY, next);
      setSessionExpired(false);
    },
    [queryClient],
  );

  const clear = useCallback(() => {
    queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== ME_QUERY_KEY[0] });
    queryClient.setQueryData(ME_QUERY_KEY, null);
  }, [queryClient]);

  const expire = useCallback(() => {
    setSessionExpired(true);
    clear();
  }, [clear]);

  const signOut = useCallback(async () => {
    try {
      await api.post('/api/v1/auth/logout');
    } finally {
      clear();
    }
  }, [clear]);

  const value = useMemo<AuthContextValue>(
    () => ({
      me,
      loading: meQuery.isPending,
      hasRole: (...roles) => me !== null && roles.includes(me.role),
      signedIn,
      signOut,
      clear,
      sessionExpired,
      expire,
    }),
    [me, meQuery.isPending, signedIn, signOut, clear, sessionExpired, expire],
  );

  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}
