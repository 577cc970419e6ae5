import type { ListResponse } from '@innotown/contracts/common';
import type {
  internalUsageCreateSchema,
  PurchaseReview,
  purchaseReviewCreateSchema,
  SharingLevel,
  SharingReport,
} from '@innotown/contracts/sharing-statistics';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type QueryParams } from '../../app/api-client.ts';
import type { BodyOf } from '../../app/contract-types.ts';

export type SharingParams = { level: SharingLevel; id?: string | undefined; from: string; to: string };
export type InternalUsageBody = BodyOf<typeof internalUsageCreateSchema>;
export type PurchaseReviewBody = BodyOf<typeof purchaseReviewCreateSchema>;

export function useSharingReport(params: SharingParams | null) {
  return useQuery({
    queryKey: ['sharing-statistics', params],
    queryFn: ({ signal }) => api.get<SharingReport>('/api/v1/sharing-statistics', params as QueryParams, signal),
    placeholderData: keepPreviousData,
    enabled: params !== null,
  });
}

export function useRecordInternalUsage(resourceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: InternalUsageBody) => api.post(`/api/v1/resources/${encodeURIComponent(resourceId)}/internal-usages`, body),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['sharing-statistics'] }),
  });
}

export type InternalUsage = { id: string; resourceId: string; usedOn: string; minutes: number; incomeFen: number; note: string | null };

export function useInternalUsages(resourceId: string, from: string, to: string) {
  return useQuery({
    queryKey: ['sharing-statistics', 'internal', resourceId, from, to],
    queryFn: ({ signal }) =>
      api.get<{ items: InternalUsage[] }>(`/api/v1/resources/${encodeURIComponent(resourceId)}/internal-usages`, { from, to }, signal),
  });
}

export function useDeleteInternalUsage() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete(`/api/v1/internal-usages/${encodeURIComponent(id)}`),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['sharing-statistics'] }),
  });
}

export function usePurchaseReviews(query: QueryParams) {
  return useQuery({
    queryKey: ['purchase-reviews', 'list', query],
    queryFn: ({ signal }) => api.get<ListResponse<PurchaseReview>>('/api/v1/purchase-reviews', query, signal),
    placeholderData: keepPreviousData,
  });
}

export function usePurchaseReview(id: string) {
  return useQuery({
    queryKey: ['purchase-reviews', 'one', id],
    queryFn: ({ signal }) => api.get<PurchaseReview>(`/api/v1/purchase-reviews/${encodeURIComponent(id)}`, undefined, signal),
  });
}

export function useCreatePurchaseReview() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: PurchaseReviewBody) => api.post<PurchaseReview>('/api/v1/purchase-reviews', body),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['purchase-reviews'] }),
  });
}

export function useDecidePurchaseReview(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ decision, comment }: { decision: 'approve' | 'reject'; comment?: string }) =>
      api.post<PurchaseReview>(`/api/v1/purchase-reviews/${encodeURIComponent(id)}/${decision}`, comment ? { comment } : {}),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['purchase-reviews'] }),
  });
}
