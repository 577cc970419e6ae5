import type { ListResponse } from '@innotown/contracts/common';
import type { IpCase, IpCaseCreate, SlaDashboard } from '@innotown/contracts/ip-cases';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type QueryParams } from '../../app/api-client.ts';

const BASE = '/api/v1/ip-cases';

export type CentreMe = { institutionId: string | null; institutionName: string | null; duty: 'admin' | 'officer' | 'examiner' | null };
export type CentreStaff = { items: { userId: string; displayName: string; username: string; duty: 'admin' | 'officer' | 'examiner' }[] };

/** The caller's duty in the IP protection centre (admin, officer, examiner) or none. */
export function useCentreMe() {
  return useQuery({
    queryKey: ['ip-centre', 'me'],
    queryFn: ({ signal }) => api.get<CentreMe>('/api/v1/ip-centre/me', undefined, signal),
    staleTime: 5 * 60_000,
  });
}

export function useCentreStaff(enabled: boolean) {
  return useQuery({
    queryKey: ['ip-centre', 'staff'],
    queryFn: ({ signal }) => api.get<CentreStaff>('/api/v1/ip-centre/staff', undefined, signal),
    enabled,
  });
}

export function useCases(query: QueryParams) {
  return useQuery({
    queryKey: ['ip-cases', 'list', query],
    queryFn: ({ signal }) => api.get<ListResponse<IpCase>>(BASE, query, signal),
    placeholderData: keepPreviousData,
  });
}

export function useCase(id: string) {
  return useQuery({
    queryKey: ['ip-cases', 'detail', id],
    queryFn: ({ signal }) => api.get<IpCase>(`${BASE}/${encodeURIComponent(id)}`, undefined, signal),
  });
}

export function useSla(query: QueryParams) {
  return useQuery({
    queryKey: ['ip-cases', 'sla', query],
    queryFn: ({ signal }) => api.get<SlaDashboard>(`${BASE}/sla`, query, signal),
    placeholderData: keepPreviousData,
  });
}

/** The caller's own patents (to pick the infringed one). */
export function useOwnPatents(enabled: boolean) {
  return useQuery({
    queryKey: ['ip-cases', 'own-patents'],
    queryFn: ({ signal }) =>
      api.get<{ items: { id: string; applicationNumber: string; title: string; kind: string }[] }>(
        `${BASE}/patent-options`,
        undefined,
        signal,
      ),
    enabled,
  });
}

function useInvalidating<V, R>(fn: (v: V) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['ip-cases'] });
      void queryClient.invalidateQueries({ queryKey: ['notifications'] });
    },
  });
}

export const useFileCase = () => useInvalidating((body: IpCaseCreate) => api.post<IpCase>(BASE, body));
export type CaseCommand = 'acknowledge' | 'triage' | 'assign' | 'sessions' | 'outcome' | 'close';
export const useCaseCommand = (id: string) =>
  useInvalidating(({ command, body }: { command: CaseCommand; body: object }) =>
    api.post<IpCase>(`${BASE}/${encodeURIComponent(id)}/${command}`, body),
  );
