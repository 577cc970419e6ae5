import type { PatentDetail, PatentSearchResult, Portfolio } from '@innotown/contracts/patent-search';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, type QueryParams } from '../../app/api-client.ts';

export function usePatentSearch(query: QueryParams) {
  return useQuery({
    queryKey: ['patents', 'search', query],
    queryFn: ({ signal }) => api.get<PatentSearchResult>('/api/v1/patents/search', query, signal),
    placeholderData: keepPreviousData,
    retry: false,
  });
}

export function usePatent(id: string | undefined) {
  return useQuery({
    queryKey: ['patents', 'detail', id],
    queryFn: ({ signal }) => api.get<PatentDetail>(`/api/v1/patents/${encodeURIComponent(id ?? '')}`, undefined, signal),
    enabled: Boolean(id),
  });
}

export function usePortfolio(enterpriseId: string | undefined, enabled: boolean) {
  return useQuery({
    queryKey: ['patents', 'portfolio', enterpriseId ?? 'own'],
    queryFn: ({ signal }) => api.get<Portfolio>('/api/v1/patents/portfolio', { enterpriseId }, signal),
    enabled,
  });
}
