import type { ListResponse } from '@innotown/contracts/common';
import type { Town, TownCreate, TownUpdate } from '@innotown/contracts/towns';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../app/api-client.ts';

export type TownListQuery = { q?: string | undefined; page?: number; pageSize?: number };

export function useTowns(query: TownListQuery = {}) {
  return useQuery({
    queryKey: ['towns', 'list', query],
    queryFn: ({ signal }) => api.get<ListResponse<Town>>('/api/v1/towns', { pageSize: 100, page: 1, ...query }, signal),
    placeholderData: keepPreviousData,
    staleTime: 5 * 60_000,
  });
}

export function useTown(id: string | undefined) {
  return useQuery({
    queryKey: ['towns', 'detail', id],
    queryFn: ({ signal }) => api.get<Town>(`/api/v1/towns/${encodeURIComponent(id ?? '')}`, undefined, signal),
    enabled: Boolean(id),
  });
}

export function useSaveTown() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id?: string; body: TownCreate | TownUpdate }) =>
      id ? api.patch<Town>(`/api/v1/towns/${encodeURIComponent(id)}`, body) : api.post<Town>('/api/v1/towns', body),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['towns'] });
      void queryClient.invalidateQueries({ queryKey: ['stats'] });
    },
  });
}
