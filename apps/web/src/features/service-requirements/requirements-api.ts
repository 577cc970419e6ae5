import type { ListResponse } from '@innotown/contracts/common';
import type { QuoteCreate, RequirementCreate, ServiceRequirement } from '@innotown/contracts/service-requirements';
import type { Service } from '@innotown/contracts/services';
import type { Town } from '@innotown/contracts/towns';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, api, type QueryParams } from '../../app/api-client.ts';

const BASE = '/api/v1/service-requirements';

export function useRequirements(query: QueryParams) {
  return useQuery({
    queryKey: ['requirements', 'list', query],
    queryFn: ({ signal }) => api.get<ListResponse<ServiceRequirement>>(BASE, query, signal),
    placeholderData: keepPreviousData,
  });
}

export function useRequirement(id: string) {
  return useQuery({
    queryKey: ['requirements', 'detail', id],
    queryFn: ({ signal }) => api.get<ServiceRequirement>(`${BASE}/${encodeURIComponent(id)}`, undefined, signal),
  });
}

export function useTownOptions() {
  return useQuery({
    queryKey: ['towns', 'options'],
    queryFn: ({ signal }) => api.get<ListResponse<Town>>('/api/v1/towns', { pageSize: 100 }, signal),
    staleTime: 10 * 60_000,
  });
}

/** The provider's own published services in a category (to quote with). */
export function useQuotableServices(category: string, enabled: boolean) {
  return useQuery({
    queryKey: ['requirements', 'quotable-services', category],
    queryFn: ({ signal }) => api.get<ListResponse<Service>>('/api/v1/services', { status: 'published', category, pageSize: 100 }, signal),
    enabled,
  });
}

function useInvalidating<V, R>(fn: (v: V) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['requirements'] });
      void queryClient.invalidateQueries({ queryKey: ['notifications'] });
    },
  });
}

export const usePostRequirement = () => useInvalidating((body: RequirementCreate) => api.post<ServiceRequirement>(BASE, body));
export const useCancelRequirement = () => useInvalidating((id: string) => api.post<ServiceRequirement>(`${BASE}/${id}/cancel`, {}));
export const useSubmitQuote = () =>
  useInvalidating(({ id, body }: { id: string; body: QuoteCreate }) => api.post<ServiceRequirement>(`${BASE}/${id}/quotes`, body));
export const useQuoteStep = () =>
  useInvalidating(({ id, quoteId, step }: { id: string; quoteId: string; step: 'accept' | 'withdraw' }) =>
    api.post<ServiceRequirement>(`${BASE}/${id}/quotes/${quoteId}/${step}`, {}),
  );
export const useDeclineQuote = () =>
  useInvalidating(({ id, quoteId, reason, comment }: { id: string; quoteId: string; reason: string; comment: string | null }) =>
    api.post<ServiceRequirement>(`${BASE}/${id}/quotes/${quoteId}/decline`, { reason, comment }),
  );

/** An attachment upload (purpose `attachment`): the stored file's id. */
export async function uploadAttachment(file: File): Promise<{ id: string; filename: string }> {
  const form = new FormData();
  form.append('purpose', 'attachment');
  form.append('file', file);
  const response = await fetch('/api/v1/files', { method: 'POST', body: form, credentials: 'same-origin' });
  const body = await response.json().catch(() => null);
  if (!response.ok) {
    throw new ApiError(response.status, body?.error ?? { code: 'UPLOAD_FAILED', message: response.statusText });
  }
  return body as { id: string; filename: string };
}
