import type { ResourceSearchResult } from '@innotown/contracts/resource-search';
import type { ResourceDetail } from '@innotown/contracts/resources';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, type QueryParams } from '../../app/api-client.ts';

export function useResourceSearch(query: QueryParams) {
  return useQuery({
    queryKey: ['resources', 'search', query],
    queryFn: ({ signal }) => api.get<ResourceSearchResult>('/api/v1/resources/search', query, signal),
    placeholderData: keepPreviousData,
  });
}

export function useResource(id: string | null | undefined) {
  return useQuery({
    queryKey: ['resources', 'detail', id],
    queryFn: ({ signal }) => api.get<ResourceDetail>(`/api/v1/resources/${encodeURIComponent(id ?? '')}`, undefined, signal),
    enabled: Boolean(id),
  });
}
