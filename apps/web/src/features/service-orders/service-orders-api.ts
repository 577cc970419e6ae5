import type { ListResponse } from '@innotown/contracts/common';
import type { StoredFile } from '@innotown/contracts/platform';
import type { ServiceCategory } from '@innotown/contracts/service-categories';
import type { OrderFile, ServiceOrder } from '@innotown/contracts/service-orders';
import type { ServiceSearchResult } from '@innotown/contracts/services';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type QueryParams } from '../../app/api-client.ts';
import { postForm } from '../../app/upload.ts';
import type { OrderStep } from './order-steps.ts';

const base = '/api/v1/service-orders';

export function useOrders(query: QueryParams) {
  return useQuery({
    queryKey: ['service-orders', 'list', query],
    queryFn: ({ signal }) => api.get<ListResponse<ServiceOrder>>(base, query, signal),
    placeholderData: keepPreviousData,
  });
}

export function useOrder(id: string) {
  return useQuery({
    queryKey: ['service-orders', 'detail', id],
    queryFn: ({ signal }) => api.get<ServiceOrder>(`${base}/${encodeURIComponent(id)}`, undefined, signal),
  });
}

/** Names of the result files; re-read when the order's list of files changes. */
export function useOrderFiles(order: ServiceOrder) {
  return useQuery({
    queryKey: ['service-orders', 'files', order.id, order.resultFileIds.join(',')],
    queryFn: ({ signal }) => api.get<OrderFile[]>(`${base}/${order.id}/files`, undefined, signal),
    enabled: order.resultFileIds.length > 0,
  });
}

export const orderFileUrl = (orderId: string, fileId: string) => `${base}/${orderId}/files/${fileId}/content`;

export const useCreateOrder = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { serviceId: string; needs: string; quantity: number }) => api.post<ServiceOrder>(base, body),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['service-orders'] }),
  });
};

/** Every transition: POST /:id/<step> with its body; the answer is the order with its history. */
export const useOrderStep = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, step, body }: { id: string; step: OrderStep; body: Record<string, unknown> }) =>
      api.post<ServiceOrder>(`${base}/${id}/${step}`, body),
    onSuccess: (order) => {
      queryClient.setQueryData(['service-orders', 'detail', order.id], order);
      void queryClient.invalidateQueries({ queryKey: ['service-orders'] });
      // The provider page's delivery record and ratings change with completed orders.
      void queryClient.invalidateQueries({ queryKey: ['services'] });
    },
  });
};

export function uploadAttachment(file: File): Promise<StoredFile> {
  const form = new FormData();
  form.append('purpose', 'attachment');
  form.append('file', file);
  return postForm<StoredFile>('/api/v1/files', form);
}

/** Published services of one category (for a dispatch); waits until the category is known. */
export function useCategoryServices(category: ServiceCategory | undefined) {
  return useQuery({
    queryKey: ['services', 'search', { category, pageSize: 100 }],
    queryFn: ({ signal }) => api.get<ServiceSearchResult>('/api/v1/services/search', { category, pageSize: 100 }, signal),
    enabled: category !== undefined,
  });
}
