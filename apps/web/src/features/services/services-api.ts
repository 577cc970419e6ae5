import type { ListResponse } from '@innotown/contracts/common';
import type { Membership, Service, ServiceProvider, ServiceSearchResult } from '@innotown/contracts/services';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type QueryParams } from '../../app/api-client.ts';

export function useServiceSearch(query: QueryParams) {
  return useQuery({
    queryKey: ['services', 'search', query],
    queryFn: ({ signal }) => api.get<ServiceSearchResult>('/api/v1/services/search', query, signal),
    placeholderData: keepPreviousData,
  });
}

export function useService(id: string) {
  return useQuery({
    queryKey: ['services', 'detail', id],
    queryFn: ({ signal }) => api.get<Service>(`/api/v1/services/${encodeURIComponent(id)}`, undefined, signal),
  });
}

export function useServiceProvider(id: string) {
  return useQuery({
    queryKey: ['services', 'provider', id],
    queryFn: ({ signal }) => api.get<ServiceProvider>(`/api/v1/service-providers/${encodeURIComponent(id)}`, undefined, signal),
  });
}

export function useMyServices(query: QueryParams) {
  return useQuery({
    queryKey: ['services', 'mine', query],
    queryFn: ({ signal }) => api.get<ListResponse<Service>>('/api/v1/services', query, signal),
    placeholderData: keepPreviousData,
  });
}

export function useMemberships(query: QueryParams) {
  return useQuery({
    queryKey: ['services', 'memberships', query],
    queryFn: ({ signal }) => api.get<ListResponse<Membership>>('/api/v1/alliance/memberships', query, signal),
  });
}

function useInvalidating<V, R>(fn: (v: V) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['services'] }) });
}

export type ServiceBody = {
  category: Service['category'];
  title: string;
  description: string | null;
  priceKind: Service['priceKind'];
  priceMinFen: number;
  priceMaxFen: number | null;
  priceUnit: Service['priceUnit'];
  turnaroundDays: number;
  resourceIds: string[];
};

export const useSaveService = () =>
  useInvalidating(({ id, body }: { id?: string; body: ServiceBody }) =>
    id ? api.patch<Service>(`/api/v1/services/${id}`, body) : api.post<Service>('/api/v1/services', body),
  );
export const useServiceStep = () =>
  useInvalidating(({ id, step }: { id: string; step: 'publish' | 'withdraw' }) => api.post<Service>(`/api/v1/services/${id}/${step}`));
export const useApplyMembership = () =>
  useInvalidating((statement: string) => api.post<Membership>('/api/v1/alliance/memberships', { statement }));
export const useDecideMembership = () =>
  useInvalidating(({ id, decision, reason }: { id: string; decision: 'approve' | 'reject'; reason?: string }) =>
    api.post<Membership>(`/api/v1/alliance/memberships/${id}/decide`, { decision, ...(reason ? { reason } : {}) }),
  );
