import type { LoginNextStep, Me, TwoFactorEnabled, TwoFactorPolicy, TwoFactorSetup, TwoFactorStatus } from '@innotown/contracts/auth';
import type { Role } from '@innotown/contracts/common';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../app/api-client.ts';

const STATUS_KEY = ['two-factor', 'status'] as const;

/** The password step answers `Me` (signed in) or the second step that is due. */
export const isNextStep = (answer: Me | LoginNextStep): answer is LoginNextStep => 'next' in answer;

export function useLoginCode() {
  return useMutation({ mutationFn: (code: string) => api.post<Me>('/api/v1/auth/login/two-factor', { code }) });
}

export function useTwoFactorStatus() {
  return useQuery({
    queryKey: STATUS_KEY,
    queryFn: ({ signal }) => api.get<TwoFactorStatus>('/api/v1/auth/two-factor', undefined, signal),
  });
}

/** A new secret for the app: for the signed-in user, or for the pending sign-in whose role requires it. */
export function useTwoFactorSetup() {
  return useMutation({ mutationFn: () => api.post<TwoFactorSetup>('/api/v1/auth/two-factor/setup', {}) });
}

export function useTwoFactorEnable() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (code: string) => api.post<TwoFactorEnabled>('/api/v1/auth/two-factor/enable', { code }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: STATUS_KEY }),
  });
}

export function useTwoFactorDisable() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { currentPassword: string; code: string }) => api.post<void>('/api/v1/auth/two-factor/disable', body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: STATUS_KEY }),
  });
}

export function useNewRecoveryCodes() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (code: string) => api.post<{ recoveryCodes: string[] }>('/api/v1/auth/two-factor/recovery-codes', { code }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: STATUS_KEY }),
  });
}

export function useTwoFactorPolicy() {
  return useQuery({
    queryKey: ['two-factor', 'policy'],
    queryFn: ({ signal }) => api.get<TwoFactorPolicy>('/api/v1/two-factor-policy', undefined, signal),
  });
}

export function useSaveTwoFactorPolicy() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (requiredRoles: Role[]) => api.put<TwoFactorPolicy>('/api/v1/two-factor-policy', { requiredRoles }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['two-factor'] }),
  });
}

export function useResetTwoFactor() {
  return useMutation({
    mutationFn: (userId: string) => api.post<void>(`/api/v1/users/${encodeURIComponent(userId)}/two-factor/reset`, {}),
  });
}
