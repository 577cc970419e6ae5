import type { changePasswordBodySchema, LoginBody, LoginNextStep, Me, RegisterBody } from '@innotown/contracts/auth';
import { useMutation } from '@tanstack/react-query';
import { api } from '../../app/api-client.ts';
import type { BodyOf } from '../../app/contract-types.ts';

export function useLogin() {
  // 200: signed in; 202: a second step is due (two-factor-api.ts).
  return useMutation({ mutationFn: (body: LoginBody) => api.post<Me | LoginNextStep>('/api/v1/auth/login', body) });
}

export function useRegister() {
  return useMutation({ mutationFn: (body: RegisterBody) => api.post<Me>('/api/v1/auth/register', body) });
}

export function useChangePassword() {
  return useMutation({
    mutationFn: (body: BodyOf<typeof changePasswordBodySchema>) => api.post<void>('/api/v1/auth/password', body),
  });
}

/** Asks the city to close the account and erase its personal data (PIPL); the city admins are told. */
export function useRequestErasure() {
  return useMutation({
    mutationFn: (reason: string | undefined) => api.post<void>('/api/v1/me/erasure-request', reason ? { reason } : {}),
  });
}
