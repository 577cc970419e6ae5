import type { ListResponse } from '@innotown/contracts/common';
import type {
  AnnualFigures,
  annualFiguresBodySchema,
  Enterprise,
  EnterpriseCreate,
  EnterpriseUpdate,
  enterpriseProfileUpdateSchema,
} from '@innotown/contracts/enterprises';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type QueryParams } from '../../app/api-client.ts';
import type { BodyOf } from '../../app/contract-types.ts';

export type FiguresBody = BodyOf<typeof annualFiguresBodySchema>;
export type EnterpriseProfileUpdate = BodyOf<typeof enterpriseProfileUpdateSchema>;

export function useEnterprises(query: QueryParams, enabled = true) {
  return useQuery({
    queryKey: ['enterprises', 'list', query],
    queryFn: ({ signal }) => api.get<ListResponse<Enterprise>>('/api/v1/enterprises', query, signal),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useEnterprise(id: string | null | undefined) {
  return useQuery({
    queryKey: ['enterprises', 'detail', id],
    queryFn: ({ signal }) => api.get<Enterprise>(`/api/v1/enterprises/${encodeURIComponent(id ?? '')}`, undefined, signal),
    enabled: Boolean(id),
  });
}

export function useEnterpriseFigures(id: string | null | undefined) {
  return useQuery({
    queryKey: ['enterprises', 'figures', id],
    queryFn: ({ signal }) =>
      api.get<{ items: AnnualFigures[] }>(`/api/v1/enterprises/${encodeURIComponent(id ?? '')}/figures`, undefined, signal),
    enabled: Boolean(id),
  });
}

export function useSaveEnterprise() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id?: string; body: EnterpriseCreate | EnterpriseUpdate | EnterpriseProfileUpdate }) =>
      id ? api.patch<Enterprise>(`/api/v1/enterprises/${encodeURIComponent(id)}`, body) : api.post<Enterprise>('/api/v1/enterprises', body),
    onSuccess: (saved) => {
      queryClient.setQueryData(['enterprises', 'detail', saved.id], saved);
      void queryClient.invalidateQueries({ queryKey: ['enterprises', 'list'] });
      void queryClient.invalidateQueries({ queryKey: ['stats'] });
      void queryClient.invalidateQueries({ queryKey: ['towns'] });
    },
  });
}

export function useSaveFigures(enterpriseId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ year, body }: { year: number; body: FiguresBody }) =>
      api.put<AnnualFigures>(`/api/v1/enterprises/${encodeURIComponent(enterpriseId)}/figures/${year}`, body),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['enterprises', 'figures', enterpriseId] });
      void queryClient.invalidateQueries({ queryKey: ['enterprises', 'detail', enterpriseId] });
      void queryClient.invalidateQueries({ queryKey: ['enterprises', 'list'] });
    },
  });
}
